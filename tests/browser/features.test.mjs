// What a visitor does on the example site, in a real browser: filter the
// offers (with and without JavaScript), search (also "bruecke" for
// "Brücke"), read a Leichte-Sprache summary, print a page; a `lotse init`
// site has the legal pages with the headings the law expects and passes
// axe too. Screenshots for a person to look at go to screenshots/.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  SCREENSHOTS, VIEWPORTS, axe, buildSite, formatViolations, launchBrowser, lotse, open, serveStatic, tempDir, walk, watch,
} from './lib/harness.mjs';
import { structure } from './lib/checks.mjs';
import { LEGAL_PAGES, fileOf } from './pages.mjs';

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

/** A page in a new context; `done()` asserts the page caused no problem. */
async function newPage(viewport = VIEWPORTS.desktop, opts = {}) {
  const context = await browser.newContext({ viewport, locale: 'de-DE', ...opts });
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

const built = (p) => fs.existsSync(path.join(out, fileOf(p)));

/** The offer cards a visitor sees. */
const visibleCards = (page) => page.$$eval('#offer-list > li.offer-card', (lis) =>
  lis.filter((li) => !li.hidden && li.getClientRects().length > 0).map((li) => ({
    title: li.querySelector('.card-title').textContent.trim(),
    groups: (li.dataset.targetGroups || '').split(' '),
    grades: (li.dataset.grades || '').split(' '),
  })));

describe('offer filters', () => {
  test('without JavaScript: a filter link leads to the narrower list', async () => {
    const { page, w, done } = await newPage(VIEWPORTS.desktop, { javaScriptEnabled: false });
    await open(page, `${server.origin}/angebote/`, w);
    const all = await visibleCards(page);
    assert.ok(all.length >= 10, `only ${all.length} offers on /angebote/`);
    await page.click('nav.facets a[href$="/angebote/zielgruppe/betriebe/"]');
    await page.waitForURL('**/angebote/zielgruppe/betriebe/');
    const some = await visibleCards(page);
    assert.ok(some.length > 0 && some.length < all.length, `${some.length} of ${all.length} offers for Betriebe`);
    for (const c of some) assert.ok(c.groups.includes('betriebe'), `${c.title} is not for Betriebe`);
    assert.equal(await page.getAttribute('nav.facets a[href$="/angebote/zielgruppe/betriebe/"]', 'aria-current'), 'page');
    await page.click('nav.facets a[href$="/angebote/klasse/10/"]');
    await page.waitForURL('**/angebote/klasse/10/');
    const grade = await visibleCards(page);
    assert.ok(grade.length > 0 && grade.length < all.length);
    for (const c of grade) assert.ok(c.grades.includes('10'), `${c.title} is not for grade 10`);
    await done();
  });

  test('with JavaScript: the filter form narrows the list in place', async () => {
    assert.ok(walk(out).includes('filter.js'), 'filter.js was not built');
    const { page, w, done } = await newPage();
    await open(page, `${server.origin}/angebote/`, w);
    const all = await visibleCards(page);
    await page.selectOption('#filter-zielgruppe', 'betriebe');
    const some = await visibleCards(page);
    assert.ok(some.length > 0 && some.length < all.length, `${some.length} of ${all.length} offers for Betriebe`);
    for (const c of some) assert.ok(c.groups.includes('betriebe'), `${c.title} is not for Betriebe`);
    assert.match(await page.textContent('#ergebnis-titel'), new RegExp(`^${some.length} Angebot`));
    assert.match(page.url(), /zielgruppe=betriebe/);
    await page.selectOption('#filter-klasse', '10');
    const both = await visibleCards(page);
    assert.ok(both.length <= some.length);
    for (const c of both) assert.ok(c.groups.includes('betriebe') && c.grades.includes('10'));
    await page.click('.offer-filter button[type=reset]');
    await page.waitForFunction((n) => document.querySelectorAll('#offer-list > li.offer-card:not([hidden])').length === n, all.length);
    const v = await axe(page);
    assert.deepEqual(v, [], formatViolations(v));
    await done();
  });
});

describe('search', () => {
  for (const [query, want] of [['bruecke', 'Brückenkurs zum Ausbildungsstart'], ['Brücke', 'Brückenkurs zum Ausbildungsstart'], ['Steuerungsgruppe Offenbach', 'Stadt Offenbach am Main'], ['ihk', 'Industrie- und Handelskammer Offenbach am Main']]) {
    test(`"${query}" finds "${want}"`, async () => {
      assert.ok(built('/suche/'), '/suche/ was not built');
      const { page, w, done } = await newPage(VIEWPORTS.phone);
      await open(page, `${server.origin}/suche/`, w);
      await page.fill('#suche-q', query);
      await page.press('#suche-q', 'Enter');
      const hit = page.locator('#suche-ergebnisse a', { hasText: want });
      await hit.first().waitFor({ timeout: 10_000 });
      assert.ok(await page.textContent('#suche-status'), 'the result count is announced in the status region');
      const v = await axe(page);
      assert.deepEqual(v, [], formatViolations(v));
      await hit.first().click();
      await page.waitForLoadState('load');
      assert.equal(await page.textContent('h1'), want);
      await done();
    });
  }
});

describe('Leichte Sprache', () => {
  test('an entity with easy_summary shows it in a marked section', async () => {
    const { page, w, done } = await newPage();
    await open(page, `${server.origin}/angebote/brueckenkurs-ausbildungsstart/`, w);
    const easy = page.locator('section#zusammenfassung-leichte-sprache');
    assert.equal(await easy.getAttribute('lang'), 'de');
    assert.equal((await easy.locator('h2').textContent()).trim(), 'Leichte Sprache');
    assert.match(await easy.textContent(), /Der Kurs ist eine Brücke in die Ausbildung\./);
    await page.click('a[href="#zusammenfassung-leichte-sprache"]');
    assert.ok(await easy.isVisible());
    await done();
  });

  test('every page links the Leichte-Sprache page in the footer', async () => {
    const { page, w, done } = await newPage(VIEWPORTS.phone);
    await open(page, `${server.origin}/regionen/`, w);
    await page.click('footer a[href$="/leichte-sprache/"]');
    await page.waitForURL('**/leichte-sprache/');
    assert.equal((await page.textContent('h1')).trim(), 'Leichte Sprache');
    await done();
  });
});

describe('print', () => {
  test('the print stylesheet hides navigation and keeps the content', async () => {
    const { page, w, done } = await newPage();
    await open(page, `${server.origin}/regionen/stadt-offenbach/`, w);
    await page.emulateMedia({ media: 'print' });
    const s = await page.evaluate(() => ({
      nav: getComputedStyle(document.querySelector('.site-nav')).display,
      skip: getComputedStyle(document.querySelector('.skip-link')).display,
      main: getComputedStyle(document.querySelector('main')).display,
      header: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
    }));
    assert.equal(s.nav, 'none');
    assert.equal(s.skip, 'none');
    assert.notEqual(s.main, 'none');
    assert.match(s.header, /rgba\(0, 0, 0, 0\)|transparent/);
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10_000, 'the page prints');
    await done();
  });
});

describe('a new site from `lotse init`', () => {
  test('builds with no warning, has the legal pages with the expected headings, and passes axe', async () => {
    const dir = path.join(tempDir('init'), 'site');
    assert.equal(lotse(['init', dir]).status, 0);
    const check = lotse(['check', '--root', dir]);
    assert.equal(check.status, 0, check.stderr);
    assert.doesNotMatch(check.stderr, /warning/, check.stderr);
    const site = buildSite(dir);
    const srv = await serveStatic(site);
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'de-DE' });
    const page = await context.newPage();
    const w = watch(page, srv.origin);
    const expected = {
      impressum: ['Anbieter', 'Vertreten durch', 'Kontakt', 'Verantwortlich für den Inhalt'],
      datenschutz: ['Verantwortliche Stelle', 'Ihre Rechte', 'Beschwerderecht'],
      barrierefreiheit: ['Stand der Vereinbarkeit mit den Anforderungen', 'Nicht barrierefreie Inhalte', 'Erstellung dieser Erklärung', 'Feedback und Kontakt', 'Schlichtungsverfahren'],
      'leichte-sprache': [],
    };
    const failures = [];
    try {
      for (const f of walk(site).filter((f) => f.endsWith('index.html'))) {
        const p = '/' + f.replace(/index\.html$/, '');
        await open(page, srv.origin + p, w);
        const problems = [...await structure(page), ...w.take()];
        const v = await axe(page);
        if (v.length) problems.push(formatViolations(v));
        const footer = await page.$$eval('footer a', (as) => as.map((a) => new URL(a.href).pathname));
        for (const id of LEGAL_PAGES) if (!footer.includes(`/${id}/`)) problems.push(`footer lacks /${id}/`);
        const id = p.replace(/\//g, '');
        if (expected[id]) {
          const h2 = await page.$$eval('main h2', (hs) => hs.map((h) => h.textContent.trim()));
          for (const h of expected[id]) if (!h2.includes(h)) problems.push(`no heading "${h}" (has: ${h2.join(', ')})`);
        }
        if (problems.length) failures.push(`${p}:\n- ${problems.join('\n- ')}`);
      }
      for (const id of LEGAL_PAGES) assert.ok(fs.existsSync(path.join(site, id, 'index.html')), `no /${id}/`);
    } finally {
      await context.close();
      await srv.close();
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
      fs.rmSync(path.dirname(site), { recursive: true, force: true });
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });
});

describe('screenshots', () => {
  const shots = [
    ['home', '/'],
    ['region', '/regionen/stadt-offenbach/'],
    ['offers', '/angebote/'],
    ['offer', '/angebote/ausbildungsmesse-offenbach/'],
    ['fahrplan', '/berufswahlfahrplan/'],
    ['network-map', '/netzwerk/'],
  ];
  test(`written to ${path.relative(process.cwd(), SCREENSHOTS) || SCREENSHOTS}`, async () => {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const written = [];
    for (const [vp, viewport] of Object.entries(VIEWPORTS)) {
      const { page, w, done } = await newPage(viewport);
      for (const [name, p] of shots) {
        assert.ok(built(p), `${p} was not built`);
        await open(page, server.origin + p, w);
        const file = path.join(SCREENSHOTS, `${name}-${vp}.png`);
        await page.screenshot({ path: file, fullPage: true });
        written.push(file);
        // What a phone shows first, as in docs/screenshots/ (README).
        if (vp === 'phone') await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-phone-screen.png`) });
      }
      await done();
    }
    assert.ok(written.length === 2 * shots.length, `${written.length} screenshots`);
    console.log(`screenshots: ${written.map((f) => path.basename(f)).join(', ')} in ${SCREENSHOTS}`);
  });
});
