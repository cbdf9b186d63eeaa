// Offers that know their dates and the Berufswahlfahrplan (issue 16), in
// a real browser. The example site is built as of 2026-12-03, when seven of
// its offers are over: the archive lists them, a past offer's page says so,
// and the grade pages of the Fahrplan pass axe at 375 and 1280 px without
// scrolling sideways; a grade's page prints on one A4 sheet.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, VIEWPORTS, axe, formatViolations, launchBrowser, lotse, open, serveStatic, tempDir, watch,
  newPageIn,
} from './lib/harness.mjs';

/** A day on which the example site has past offers (its earliest ends in May 2026). */
const LATER = '2026-12-03';

let out, server, browser;

before(async () => {
  out = path.join(tempDir('dates'), 'public');
  const r = lotse(['build', '--root', ROOT, '--output', out, '--today', LATER, '--base-url', 'https://olov.example.org/']);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  server = await serveStatic(out);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (out) fs.rmSync(path.dirname(out), { recursive: true, force: true });
});

const pageIn = (viewport, js) => newPageIn(browser, server.origin, viewport, js);

const sideways = () => document.documentElement.scrollWidth - document.documentElement.clientWidth;

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  describe(`dates, ${name} ${viewport.width}×${viewport.height}`, () => {
    for (const p of ['/angebote/archiv/', '/angebote/ausbildungsmesse-offenbach/', '/berufswahlfahrplan/', '/berufswahlfahrplan/klasse-8/']) {
      test(`${p}: axe finds nothing, nothing scrolls sideways`, async () => {
        const { context, page, w } = await pageIn(viewport);
        try {
          await open(page, server.origin + p, w);
          assert.equal(await page.evaluate(sideways), 0, 'scrolls sideways');
          const v = await axe(page);
          assert.deepEqual(v, [], formatViolations(v));
          assert.deepEqual(w.take(), []);
        } finally {
          await context.close();
        }
      });
    }

    test('the archive is linked from /angebote/ and holds the past offers only', async () => {
      const { context, page, w } = await pageIn(viewport);
      try {
        await open(page, server.origin + '/angebote/', w);
        const list = await page.locator('#offer-list h3').allTextContents();
        assert.ok(!list.some((t) => t.includes('Ausbildungsmesse Offenbach')), 'a past offer is on the list');
        await page.getByRole('link', { name: 'Vergangene Angebote ansehen' }).click();
        await page.waitForURL('**/angebote/archiv/');
        assert.equal(await page.locator('h1').textContent(), 'Vergangene Angebote');
        const archived = await page.locator('.cards h3').allTextContents();
        assert.ok(archived.some((t) => t.includes('Ausbildungsmesse Offenbach')), archived.join(' | '));
        await page.getByRole('link', { name: 'Ausbildungsmesse Offenbach' }).click();
        await page.waitForURL('**/angebote/ausbildungsmesse-offenbach/');
        const notice = await page.locator('.offer-past').textContent();
        assert.match(notice, /^Dieses Angebot ist vorbei\. Termin: 19\.09\.2026$/);
        assert.equal(await page.locator('.offer-past').isVisible(), true);
        assert.deepEqual(w.take(), []);
      } finally {
        await context.close();
      }
    });

    test('the chooser leads to a grade page with each offer\'s time of year', async () => {
      const { context, page, w } = await pageIn(viewport);
      try {
        await open(page, server.origin + '/berufswahlfahrplan/', w);
        await page.locator('nav.fahrplan-jump').getByRole('link', { name: 'Klasse 8', exact: true }).click();
        await page.waitForURL('**/berufswahlfahrplan/klasse-8/');
        assert.equal(await page.locator('h1').textContent(), 'Berufswahlfahrplan: Klasse 8');
        const metas = await page.locator('.fahrplan-meta').allTextContents();
        assert.ok(metas.some((m) => /^[A-ZÄ][a-zä]+(–[A-ZÄ][a-zä]+)? · Klassenstufen/.test(m)), metas.join(' | '));
        assert.deepEqual(w.take(), []);
      } finally {
        await context.close();
      }
    });
  });
}

test('a grade page with 30 offers prints on one A4 page', async () => {
  // The example site with 30 more offers for grade 8 in two fields.
  const dir = path.join(tempDir('dates-print'), 'site');
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(ROOT, 'site.toml'), path.join(dir, 'site.toml'));
  fs.cpSync(path.join(ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
  for (let i = 1; i <= 30; i++) {
    const field = i % 2 ? 'berufsorientierung' : 'elternarbeit';
    fs.writeFileSync(path.join(dir, 'content', 'offers', `druck-${i}.md`), `+++
title = "Praxistag im Betrieb ${i}"
providers = ["agentur-fuer-arbeit-offenbach"]
regions = ["stadt-offenbach", "kreis-offenbach"]
target_groups = ["schueler"]
fields = ["${field}"]
grades = [8]
months = [${(i % 12) + 1}]
+++
Text.
`);
  }
  const printOut = path.join(path.dirname(dir), 'public');
  const r = lotse(['build', '--root', dir, '--output', printOut, '--today', LATER]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const printServer = await serveStatic(printOut);
  const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'de-DE' });
  const page = await context.newPage();
  const w = watch(page, printServer.origin);
  try {
    await open(page, printServer.origin + '/berufswahlfahrplan/klasse-8/', w);
    const offers = await page.locator('.fahrplan-offers li').count();
    assert.ok(offers >= 30, `${offers} offers`);
    const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
    const pages = pdf.match(/\/Type\s*\/Page[^s]/g) ?? [];
    assert.equal(pages.length, 1, `${pages.length} pages`);
    assert.deepEqual(w.take(), []);
  } finally {
    await context.close();
    await printServer.close();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});
