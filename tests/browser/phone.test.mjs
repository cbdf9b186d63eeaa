// The site on a phone (issue 16): at 375×800 the header with the closed
// menu is at most 140 px high on every page and no page scrolls sideways;
// the menu opens behind a "Menü" button (a <details>) by mouse, by keyboard
// and without JavaScript, and passes axe open; on /angebote/ the first
// offer starts within the first 900 px, the filters behind a "Filter"
// button; on the home page the audience tiles are on the first screen; at 1280 px menu and filters are open with no button.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, VIEWPORTS, axe, buildSite, formatViolations, launchBrowser, open, serveStatic, walk,
  newPageIn,
} from './lib/harness.mjs';

let out, server, browser;

before(async () => {
  out = buildSite(ROOT, ['--base-url', 'https://olov.example.org/']);
  server = await serveStatic(out);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (out) fs.rmSync(path.dirname(out), { recursive: true, force: true });
});

const pageIn = (viewport, js) => newPageIn(browser, server.origin, viewport, js);

/** Every HTML page of the build (redirect pages of aliases left out). */
function pages() {
  return walk(out)
    .filter((f) => f.endsWith('index.html'))
    .filter((f) => !fs.readFileSync(path.join(out, f), 'utf8').includes('http-equiv="refresh"'))
    .map((f) => '/' + f.replace(/index\.html$/, ''));
}

const layout = () => {
  const header = document.querySelector('header.site-header').getBoundingClientRect();
  return {
    header: Math.round(header.height),
    sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
};

describe('phone, 375×800', () => {
  test('on every page the header is at most 140 px and nothing scrolls sideways', async () => {
    const { context, page, w } = await pageIn(VIEWPORTS.phone);
    const problems = [];
    try {
      const all = pages();
      assert.ok(all.length > 250, `${all.length} pages`);
      for (const p of all) {
        await open(page, server.origin + p, w);
        const r = await page.evaluate(layout);
        if (r.header > 140) problems.push(`${p}: header ${r.header} px`);
        if (r.sideways > 0) problems.push(`${p}: scrolls ${r.sideways} px sideways`);
      }
      problems.push(...w.take());
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, []);
  });

  test('on the home page the first audience tile starts within the first screen (800 px)', async () => {
    const { context, page, w } = await pageIn(VIEWPORTS.phone);
    try {
      await open(page, server.origin + '/', w);
      const top = await page.evaluate(() => document.querySelector('ul.audiences > li').getBoundingClientRect().top + window.scrollY);
      assert.ok(top <= 800, `first audience tile at ${top} px`);
      assert.deepEqual(w.take(), []);
    } finally {
      await context.close();
    }
  });

  test('the first offer of /angebote/ starts within 900 px; the filters open behind a button', async () => {
    const { context, page, w } = await pageIn(VIEWPORTS.phone);
    try {
      await open(page, server.origin + '/angebote/', w);
      const top = await page.evaluate(() => document.querySelector('#offer-list li').getBoundingClientRect().top + window.scrollY);
      assert.ok(top <= 900, `first offer at ${top} px`);
      const filter = page.locator('details.facets-box > summary');
      assert.equal(await filter.textContent(), 'Filter');
      assert.equal(await page.locator('nav.facets').isVisible(), false, 'filters shown before the button is pressed');
      await filter.click();
      assert.equal(await page.locator('nav.facets').isVisible(), true);
      assert.equal(await page.locator('nav.facets select').first().isVisible(), true, 'the script\'s filter form');
      assert.deepEqual(w.take(), []);
    } finally {
      await context.close();
    }
  });

  for (const js of [true, false]) {
    test(`the menu opens behind "Menü" by keyboard${js ? ', and passes axe open' : ', without JavaScript'}`, async () => {
      const { context, page, w } = await pageIn(VIEWPORTS.phone, js);
      try {
        await open(page, server.origin + '/regionen/', w);
        const menu = page.locator('details.nav-menu');
        assert.equal(await page.locator('nav.site-nav a').first().isVisible(), false, 'menu open before the button');
        // Tab from the top: skip link, site title, languages, Leichte
        // Sprache, then the button.
        let focused = '';
        for (let i = 0; i < 12 && focused !== 'SUMMARY'; i++) {
          await page.keyboard.press('Tab');
          focused = await page.evaluate(() => document.activeElement.tagName);
        }
        assert.equal(focused, 'SUMMARY', 'the menu button is not reached by Tab');
        assert.equal((await page.evaluate(() => document.activeElement.textContent)).trim(), 'Menü');
        await page.keyboard.press('Enter');
        assert.equal(await menu.getAttribute('open'), '');
        const links = page.locator('nav.site-nav a');
        assert.equal(await links.count(), 9);
        for (let i = 0; i < 9; i++) assert.equal(await links.nth(i).isVisible(), true);
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '/regionen/');
        if (js) {
          // (axe is a script: it runs in the test with JavaScript)
          const v = await axe(page);
          assert.deepEqual(v, [], formatViolations(v));
        }
        // The header closes again.
        await page.locator('details.nav-menu > summary').click();
        assert.equal(await menu.getAttribute('open'), null);
        assert.deepEqual(w.take(), []);
      } finally {
        await context.close();
      }
    });
  }
});

describe('desktop, 1280×900', () => {
  test('menu and filters are open, without their buttons', async () => {
    const { context, page, w } = await pageIn(VIEWPORTS.desktop);
    try {
      await open(page, server.origin + '/angebote/', w);
      assert.equal(await page.locator('details.nav-menu > summary').isVisible(), false);
      assert.equal(await page.locator('details.facets-box > summary').isVisible(), false);
      const links = page.locator('nav.site-nav a');
      for (let i = 0; i < 9; i++) assert.equal(await links.nth(i).isVisible(), true);
      assert.equal(await page.locator('nav.facets select').first().isVisible(), true);
      const header = await page.evaluate(layout);
      assert.ok(header.header < 140, `header ${header.header} px`);
      assert.deepEqual(w.take(), []);
    } finally {
      await context.close();
    }
  });
});
