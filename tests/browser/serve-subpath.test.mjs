// `lotse serve` of a site published under a sub-path
// (`base_url = "https://www.kreis-coesfeld.de/kaoa/"`), in a real browser:
// `/` leads to `/kaoa/`, the style sheet and scripts load from under the
// path, following the menu and the offer links stays under it and never
// meets a 404, the search works, and an edit reloads the open page.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, VIEWPORTS, launchBrowser, startServe, tempDir } from './lib/harness.mjs';

const FILE = 'content/offers/brueckenkurs-ausbildungsstart.md';
const TITLE = 'Brückenkurs zum Ausbildungsstart';

describe('lotse serve under the sub-path of base_url', () => {
  let dir, srv, origin, browser;

  before(async () => {
    dir = path.join(tempDir('serve-subpath'), 'site');
    fs.mkdirSync(dir);
    const toml = fs.readFileSync(path.join(ROOT, 'site.toml'), 'utf8')
      .replace(/^base_url = .*$/m, 'base_url = "https://www.kreis-coesfeld.de/kaoa/"');
    assert.match(toml, /\/kaoa\//);
    fs.writeFileSync(path.join(dir, 'site.toml'), toml);
    fs.cpSync(path.join(ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
    srv = await startServe(dir, { probe: '/kaoa/' });
    origin = srv.origin;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await srv?.stop();
    if (dir) fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  test('pages, links, assets and live reload work under /kaoa/', async () => {
    // (German for the German site lotse init writes: "… unter http://…/kaoa/ …")
    assert.match(srv.log, new RegExp(`(at|unter) ${origin}/kaoa/ `), 'the terminal names the address with the path');
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'de-DE' });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`); });
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(`${origin}/kaoa/`) && !u.startsWith(`${origin}/__lotse/`) && u !== `${origin}/`) {
        problems.push(`request outside /kaoa/: ${u}`);
      }
    });
    const file = path.join(dir, FILE);
    const original = fs.readFileSync(file, 'utf8');
    try {
      // `/` redirects to the site.
      await page.goto(`${origin}/`);
      assert.equal(new URL(page.url()).pathname, '/kaoa/');
      // The style sheet is the site's, under the path, and its rules loaded.
      const sheets = await page.evaluate(() => [...document.styleSheets].map((s) => s.href));
      assert.ok(sheets.some((h) => h && h.startsWith(`${origin}/kaoa/`)), sheets.join(', '));
      const rules = await page.evaluate(() => [...document.styleSheets].reduce((n, s) => n + s.cssRules.length, 0));
      assert.ok(rules > 20, `only ${rules} CSS rules loaded`);

      // Every link of the main menu leads to a page under /kaoa/.
      const menu = await page.$$eval('header a[href]', (as) => as.map((a) => a.getAttribute('href')));
      assert.ok(menu.length > 5, menu.join(', '));
      for (const href of menu.filter((h) => h.startsWith('/'))) {
        assert.ok(href.startsWith('/kaoa/'), `menu link ${href}`);
      }
      // Following links by clicking, as a visitor does.
      await page.click('header a[href="/kaoa/angebote/"]');
      await page.waitForURL(`${origin}/kaoa/angebote/`);
      await page.click(`a[href="/kaoa/angebote/brueckenkurs-ausbildungsstart/"]`);
      await page.waitForURL(`${origin}/kaoa/angebote/brueckenkurs-ausbildungsstart/`);
      const h1 = () => page.textContent('h1').then((t) => t.trim(), () => '');
      assert.equal(await h1(), TITLE);

      // Live reload: the edit shows without the test navigating.
      fs.writeFileSync(file, original.replace(`title = "${TITLE}"`, `title = "${TITLE} (neu)"`));
      const end = Date.now() + 30_000;
      while ((await h1()) !== `${TITLE} (neu)`) {
        if (Date.now() > end) assert.fail(`the edit did not show within 30 s:\n${srv.log.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 150));
      }

      // The search (its index is fetched from under the path) finds the offer.
      await page.goto(`${origin}/kaoa/suche/?q=Br%C3%BCckenkurs`);
      await page.waitForFunction(() => document.querySelectorAll('a[href^="/kaoa/angebote/"]').length > 0, null, { timeout: 15_000 });
    } finally {
      fs.writeFileSync(file, original);
      await context.close();
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });
});
