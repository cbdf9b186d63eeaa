// The browser editor at /admin/ (issue 18, docs/cms.md) on `lotse serve`:
// Chromium opens the editor on a copy of the `full` fixture with `[cms]`,
// creates an offer through the form (a title with umlauts, two providers
// from the relation list, a target group, grades 8 and 9, a start date),
// adds a member to a region's steering group, and saves both through the
// local write API. Then `lotse check` reports no error and no warning and
// the files hold exactly what was entered. The editor page loads nothing
// from another host, the page lotse writes passes axe, and the write API
// refuses another origin and a path outside content/.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, TODAY, axe, formatViolations, launchBrowser, lotse, startServe, tempDir,
} from './lib/harness.mjs';

describe('the browser editor on lotse serve', () => {
  let dir, srv, origin, browser;

  before(async () => {
    dir = path.join(tempDir('cms'), 'site');
    fs.cpSync(path.join(ROOT, 'tests', 'fixtures', 'full'), dir, { recursive: true });
    const toml = fs.readFileSync(path.join(dir, 'site.toml'), 'utf8')
      .replace(/^base_url = .*$/m, 'base_url = "https://example.org/"');
    fs.writeFileSync(path.join(dir, 'site.toml'),
      `${toml}\n[cms]\nbackend = "gitlab"\nrepo = "beispiel/netz"\n`);
    const env = { ...process.env };
    delete env.LOTSE_LANG;
    srv = await startServe(dir, { probe: '/admin/', env });
    origin = srv.origin;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await srv?.stop();
    if (dir) fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  /** A new page that records problems and every request to another host. */
  async function open() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
    page.on('request', (r) => {
      const u = r.url();
      if (u.startsWith('data:') || u.startsWith('blob:')) return;
      if (!u.startsWith(origin + '/')) problems.push(`request to another host: ${u}`);
    });
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    await page.goto(`${origin}/admin/`);
    await page.getByRole('button', { name: 'Login' }).click();
    return { context, page, problems };
  }

  /** Picks the option `option` of the select or relation labelled `label`
      (the n-th of that label; -1: the last, for a new row of a list). */
  async function pick(page, label, typed, option, nth = 0) {
    const all = page.getByLabel(label, { exact: true });
    const input = nth < 0 ? all.last() : all.nth(nth);
    await input.click();
    await input.pressSequentially(typed);
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  /** Saves the open entry: waits for the write API's answer. */
  async function publish(page) {
    const saved = page.waitForResponse((r) => r.url().endsWith('/admin/api/v1')
      && (r.request().postData() ?? '').includes('"persistEntry"'), { timeout: 90_000 });
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await page.getByText('Jetzt veröffentlichen', { exact: true }).click();
    const r = await saved;
    assert.equal(r.status(), 200, await r.text());
  }

  async function waitFor(what, fn, ms = 45_000) {
    const end = Date.now() + ms;
    for (;;) {
      if (fn()) return;
      if (Date.now() > end) assert.fail(`${what} did not happen within ${ms / 1000} s; lotse serve said:\n${srv.log.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  test('a multilingual site: each translation beside its source', async () => {
    // The example site (German, English, Turkish) in a second server.
    const ml = path.join(tempDir('cms-ml'), 'site');
    fs.mkdirSync(ml);
    fs.cpSync(path.join(ROOT, 'content'), path.join(ml, 'content'), { recursive: true });
    fs.writeFileSync(path.join(ml, 'site.toml'),
      `${fs.readFileSync(path.join(ROOT, 'site.toml'), 'utf8')}\n[cms]\nbackend = "gitlab"\nrepo = "beispiel/olov"\n`);
    const server = await startServe(ml, { probe: '/admin/' });
    const mlOrigin = server.origin;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
    try {
      const page = await context.newPage();
      await page.goto(`${mlOrigin}/admin/`);
      await page.getByRole('button', { name: 'Login' }).click();
      await page.goto(`${mlOrigin}/admin/#/collections/offers/entries/ausbildungsmesse-offenbach`);
      const titles = page.getByLabel('Titel', { exact: true });
      await titles.first().waitFor({ timeout: 90_000 });
      // German (x.md) on the left, English (x.en.md) beside it.
      assert.equal(await titles.nth(0).inputValue(), 'Ausbildungsmesse Offenbach');
      assert.equal(await titles.nth(1).inputValue(), 'Offenbach Apprenticeship Fair');
      // Saving a translation through the form is not driven here: on this
      // larger site, under CI load, Decap did not send the save within 90 s
      // (docs/cms.md). The write API's part (x.md for x.de.md, only text
      // fields in x.en.md) is tested in tests/it/cms.rs and src/serve/cms.rs.
      assert.ok(!fs.existsSync(path.join(ml, 'content', 'offers', 'ausbildungsmesse-offenbach.de.md')));
    } finally {
      await context.close();
      await server.stop();
      fs.rmSync(path.dirname(ml), { recursive: true, force: true });
    }
  });

  test('creates an offer and adds a steering group member; lotse check is clean', async () => {
    const { context, page, problems } = await open();
    try {
      // A new offer.
      await page.goto(`${origin}/admin/#/collections/offers/new`);
      await page.getByLabel('Titel', { exact: true }).fill('Übergänge gestalten: Schnupperwoche');
      await pick(page, 'Anbieter', 'IHK', 'IHK Beispielstadt');
      await pick(page, 'Anbieter', 'Handwerk', 'Handwerkskammer Beispiel');
      await pick(page, 'Regionen', 'Stadt', 'Stadt Beispiel');
      await pick(page, 'Zielgruppen', 'Schül', 'Schülerinnen und Schüler');
      await pick(page, 'Klassenstufen (optional)', '8', '8');
      await pick(page, 'Klassenstufen (optional)', '9', '9');
      await page.getByLabel('Beginn (optional)', { exact: true }).fill('2026-09-14');
      await publish(page);
      const offerFile = path.join(dir, 'content', 'offers', 'ubergange-gestalten-schnupperwoche.md');
      await waitFor('the new offer file', () => fs.existsSync(offerFile));
      assert.equal(fs.readFileSync(offerFile, 'utf8'), [
        '+++',
        'title = "Übergänge gestalten: Schnupperwoche"',
        'providers = ["ihk-beispiel", "hwk-beispiel"]',
        'regions = ["stadt-beispiel"]',
        'target_groups = ["schueler"]',
        'grades = [8, 9]',
        'start = "2026-09-14"',
        'draft = false',
        '+++',
        '',
      ].join('\n'));

      // A new member of a region's steering group.
      const regionFile = path.join(dir, 'content', 'regions', 'stadt-beispiel.md');
      const before = fs.readFileSync(regionFile, 'utf8');
      // A fresh load: a hash change alone keeps the last entry's form.
      await page.goto('about:blank');
      await page.goto(`${origin}/admin/#/collections/regions/entries/stadt-beispiel`);
      await page.getByLabel('Titel', { exact: true }).waitFor();
      assert.equal(await page.getByLabel('Titel', { exact: true }).inputValue(), 'Stadt Beispiel');
      await page.getByRole('button', { name: /^mitglied hinzufügen$/i }).click();
      await pick(page, 'Partner', 'Bildungs', 'Bildungsträger Beispiel', -1);
      await page.getByLabel('Rolle (optional)', { exact: true }).last().fill('Mitglied für Übergänge');
      await publish(page);
      await waitFor('the saved region', () => fs.readFileSync(regionFile, 'utf8') !== before);
      const after = fs.readFileSync(regionFile, 'utf8');
      assert.match(after, /\[\[steering_group\]\]\npartner = "traeger-beispiel"\nrole = "Mitglied für Übergänge"\n/);
      // The members there were stay, their dates as TOML dates.
      const members = (s) => s.match(/\[\[steering_group\]\]/g).length;
      assert.equal(members(after), members(before) + 1);
      assert.match(after, /since = 2008-09-01\n/);
      assert.match(after, /until = 2020-12-31\n/);

      // What the editor wrote builds without an error or a warning.
      const check = lotse(['check', '--root', dir, '--today', TODAY, '--format', 'json']);
      const summary = JSON.parse(check.stdout.trim().split('\n').pop());
      assert.equal(check.status, 0, check.stdout + check.stderr);
      assert.equal(summary.errors, 0, check.stdout);
      assert.equal(summary.warnings, 0, check.stdout);
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  test('the page lotse writes passes axe', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
    const page = await context.newPage();
    try {
      // The page as lotse writes it, before Decap draws into it.
      await page.route('**/admin/decap-cms.js', (r) => r.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
      await page.goto(`${origin}/admin/`);
      const violations = await axe(page, { inline: true });
      assert.deepEqual(violations, [], formatViolations(violations));
    } finally {
      await context.close();
    }
  });

  test('the write API refuses another origin, another host and paths outside content/', async () => {
    const api = `${origin}/admin/api/v1`;
    const post = (body, headers = {}) => fetch(api, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin, ...headers },
      body: JSON.stringify(body),
    });
    const ok = await post({ action: 'info' });
    assert.equal(ok.status, 200);
    assert.equal((await ok.json()).type, 'local_fs');
    const evil = await post({ action: 'info' }, { Origin: 'http://evil.example' });
    assert.equal(evil.status, 403);
    const write = (p) => post({ action: 'persistMedia', params: { asset: { path: p, content: 'eA==', encoding: 'base64' } } });
    for (const p of ['site.toml', '../outside.txt', 'content/../site.toml', 'templates/x.html', 'static/x.js']) {
      const r = await write(p);
      assert.equal(r.status, 403, p);
    }
    assert.ok(!fs.existsSync(path.join(dir, 'static', 'x.js')));
    assert.ok(!fs.existsSync(path.join(path.dirname(dir), 'outside.txt')));
    const media = await write('static/media/x.txt');
    assert.equal(media.status, 200);
    assert.equal(fs.readFileSync(path.join(dir, 'static', 'media', 'x.txt'), 'utf8'), 'x');
  });
});
