// The search of the example site in a real browser: compound parts,
// inflected forms and umlaut spellings are found, the matches are marked
// on the right characters, and the filters (type, target group, grade,
// region) narrow the results with counts, by keyboard, kept in the URL.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { VIEWPORTS, axe, buildSite, formatViolations, launchBrowser, open, serveStatic, watch } from './lib/harness.mjs';

let out, server, browser;

before(async () => {
  out = buildSite();
  server = await serveStatic(out);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (out) fs.rmSync(path.dirname(out), { recursive: true, force: true });
});

async function newPage(viewport = VIEWPORTS.phone) {
  const context = await browser.newContext({ viewport, locale: 'de-DE' });
  const page = await context.newPage();
  const w = watch(page, server.origin);
  return {
    page,
    w,
    async done() {
      const problems = w.take();
      await context.close();
      assert.deepEqual(problems, [], problems.join('\n'));
    },
  };
}

/** Searches from the search page; returns the results' titles and marks. */
async function search(page, w, query, params = '') {
  await open(page, `${server.origin}/suche/${params}`, w);
  if (query !== null) {
    await page.fill('#suche-q', query);
    await page.press('#suche-q', 'Enter');
  }
  await page.waitForSelector('#suche-ergebnisse li', { timeout: 10_000 });
  return results(page);
}

const results = (page) => page.$$eval('#suche-ergebnisse li', (lis) => lis.map((li) => ({
  title: li.querySelector('a').textContent,
  kind: li.querySelector('.search-kind').textContent,
  marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
})));

const status = async (page) => (await page.textContent('#suche-status')).trim();

describe('search finds what a German reader means', () => {
  for (const [query, first, marks] of [
    ['orientierung', 'Studien- und Berufsorientierung in der Oberstufe', ['orientierung']],
    ['praktika', 'Praktikumsbörse Stadt und Kreis Offenbach', ['Praktikum']],
    ['eltern abend', 'Elternabend Berufswahl – mehrsprachig', ['Eltern', 'abend']],
    ['bruecke', 'Brückenkurs zum Ausbildungsstart', ['Brücke']],
    ['brucke', 'Brückenkurs zum Ausbildungsstart', ['Brücke']],
    ['Brücke', 'Brückenkurs zum Ausbildungsstart', ['Brücke']],
    ['Berufsfelderkundungen', 'Berufsfelderkundungen in Klasse 8', ['Berufsfelderkundungen']],
  ]) {
    test(`"${query}" finds "${first}" first, marked`, async () => {
      const { page, w, done } = await newPage();
      const r = await search(page, w, query);
      assert.equal(r[0].title, first, r.map((x) => x.title).join(' | '));
      for (const m of marks) assert.ok(r[0].marks.includes(m), `marks in "${first}": ${JSON.stringify(r[0].marks)}, want ${m}`);
      assert.match(await status(page), /Treffer/);
      assert.equal(new URL(page.url()).searchParams.get('q'), query);
      await done();
    });
  }

  test('"orientierung" finds the offers about Berufsorientierung, not only the two with the word alone', async () => {
    const { page, w, done } = await newPage();
    const r = await search(page, w, 'orientierung');
    assert.ok(r.length >= 15, `${r.length} results`);
    await done();
  });
});

describe('search filters', () => {
  test('type, then target group: counts, keyboard, URL, screen-reader status, axe', async () => {
    const { page, w, done } = await newPage(VIEWPORTS.desktop);
    const all = await search(page, w, 'orientierung');
    await page.waitForSelector('#suche-filter:not([hidden])');
    // Each type with its count for this query.
    const offers = page.locator('fieldset[data-facet="art"] input[value="angebote"]');
    const label = await page.locator('fieldset[data-facet="art"] label', { has: page.locator('input[value="angebote"]') }).textContent();
    const n = Number(/\((\d+)\)/.exec(label)[1]);
    assert.ok(n > 0 && n < all.length, label);
    // By keyboard: focus the box and press space.
    await offers.focus();
    await page.keyboard.press('Space');
    await page.waitForFunction((k) => document.querySelectorAll('#suche-ergebnisse li').length === k, n);
    assert.ok((await results(page)).every((r) => r.kind === 'Angebot'));
    assert.equal(await status(page), `${n} Treffer`);
    assert.deepEqual(new URL(page.url()).searchParams.getAll('art'), ['angebote']);
    // The other filters load when opened.
    await page.click('#suche-filter-mehr summary');
    const parents = page.locator('fieldset[data-facet="zielgruppe"] input[value="eltern"]');
    await parents.waitFor();
    const pl = await page.locator('fieldset[data-facet="zielgruppe"] label', { has: page.locator('input[value="eltern"]') }).textContent();
    const k = Number(/\((\d+)\)/.exec(pl)[1]);
    assert.ok(k > 0 && k < n, pl);
    await parents.check();
    await page.waitForFunction((c) => document.querySelectorAll('#suche-ergebnisse li').length === c, k);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('zielgruppe'), 'eltern');
    assert.equal(url.searchParams.get('q'), 'orientierung');
    // Focus stays on the box that was used.
    assert.equal(await page.evaluate(() => document.activeElement?.value), 'eltern');
    const v = await axe(page);
    assert.deepEqual(v, [], formatViolations(v));
    await done();
  });

  test('a filter in the URL applies on arrival (/suche/?q=…&zielgruppe=eltern)', async () => {
    const { page, w, done } = await newPage();
    const r = await search(page, w, null, '?q=orientierung&zielgruppe=eltern');
    assert.ok(r.length > 0);
    assert.ok(await page.locator('fieldset[data-facet="zielgruppe"] input[value="eltern"]').isChecked());
    assert.equal(await page.getAttribute('#suche-filter-mehr', 'open'), '');
    const unfiltered = await (async () => {
      const p2 = await newPage();
      const x = await search(p2.page, p2.w, 'orientierung');
      await p2.done();
      return x.length;
    })();
    assert.ok(r.length < unfiltered, `${r.length} of ${unfiltered}`);
    assert.match(await status(page), new RegExp(`^${r.length} Treffer|^1 Treffer`));
    await done();
  });

  test('grade and region filters exist with counts', async () => {
    const { page, w, done } = await newPage();
    await search(page, w, 'orientierung');
    await page.click('#suche-filter-mehr summary');
    // suche/f.json is fetched when the box opens: wait for its counts.
    await page.waitForFunction(() => ['klasse', 'region'].every(
      (f) => document.querySelector(`fieldset[data-facet="${f}"] li:not([hidden]) label`)));
    for (const facet of ['klasse', 'region']) {
      const labels = await page.locator(`fieldset[data-facet="${facet}"] li:not([hidden]) label`).allTextContents();
      assert.ok(labels.length > 0, facet);
      for (const l of labels) assert.match(l, /\(\d+\)/);
    }
    await page.locator('fieldset[data-facet="region"] input[value="stadt-bochum"]').check();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('region') === 'stadt-bochum');
    await done();
  });
});
