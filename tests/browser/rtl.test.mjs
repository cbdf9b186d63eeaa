// A site in a right-to-left language and one in English, each on its own
// (`language = "ar"` / `"en"` in site.toml; tests/fixtures/lang-ar and
// lang-en). At 1280 and 375 px: axe finds no WCAG 2.1 A/AA violation on the
// home page, an offer and a list page; <html lang dir> is right; the page
// structure and keyboard checks of the main suite pass; and the layout is
// mirrored: the skip link, the site title and the first item of the main
// navigation sit at the right edge, the breadcrumb chevron points left.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, VIEWPORTS, axe, buildSite, formatViolations, launchBrowser, open, serveStatic, watch,
} from './lib/harness.mjs';
import { keyboard, structure } from './lib/checks.mjs';

const PAGES = [
  { type: 'home', path: '/' },
  { type: 'offer', path: '/angebote/berufsberatung-eltern/' },
  { type: 'offers list', path: '/angebote/' },
  { type: 'agreement', path: '/vereinbarungen/kooperation-2024/' },
];

const SITES = [
  { lang: 'ar', dir: 'rtl', fixture: 'lang-ar', locale: 'ar' },
  { lang: 'en', dir: 'ltr', fixture: 'lang-en', locale: 'en-GB' },
];

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

for (const site of SITES) {
  describe(`a site in \`${site.lang}\``, () => {
    let out, server;
    before(async () => {
      out = buildSite(path.join(ROOT, 'tests', 'fixtures', site.fixture));
      server = await serveStatic(out);
    });
    after(async () => {
      await server?.close();
      if (out) fs.rmSync(path.dirname(out), { recursive: true, force: true });
    });

    for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
      describe(`at ${viewport.width} px`, () => {
        let context, page, w;
        before(async () => {
          context = await browser.newContext({ viewport, isMobile: vpName === 'phone', locale: site.locale });
          page = await context.newPage();
          w = watch(page, server.origin);
        });
        after(async () => { await context?.close(); });

        for (const pt of PAGES) {
          test(`${pt.type} (${pt.path})`, async () => {
            const resp = await open(page, server.origin + pt.path, w);
            const problems = [];
            if (resp.status() !== 200) problems.push(`HTTP ${resp.status()}`);
            const html = await page.evaluate(() => ({
              lang: document.documentElement.getAttribute('lang'),
              dir: getComputedStyle(document.documentElement).direction,
              dirAttr: document.documentElement.getAttribute('dir'),
            }));
            if (html.lang !== site.lang) problems.push(`<html lang="${html.lang}">, want "${site.lang}"`);
            if (html.dir !== site.dir) problems.push(`the page runs ${html.dir}, want ${site.dir}`);
            if (site.dir === 'rtl' && html.dirAttr !== 'rtl') problems.push(`<html dir="${html.dirAttr}">, want "rtl"`);
            if (site.dir === 'ltr' && html.dirAttr !== null) problems.push(`<html dir="${html.dirAttr}"> on a left-to-right page`);
            const violations = await axe(page);
            if (violations.length) problems.push(`axe-core: ${violations.length} WCAG 2.1 AA violation(s):\n${formatViolations(violations)}`);
            problems.push(...await structure(page));
            problems.push(...await keyboard(page));
            problems.push(...await placement(page, site.dir, viewport.width));
            problems.push(...w.take());
            assert.ok(problems.length === 0, `${site.lang} ${pt.path} at ${viewport.width} px:\n- ${problems.join('\n- ')}`);
          });
        }
      });
    }
  });
}

/** Where the things a reader starts with sit: at the start edge of the
    reading direction (right for rtl, left for ltr). Returns problems. */
async function placement(page, dir, width) {
  const problems = [];
  // the box of the element's first line of text (a block title that
  // wraps spans the whole width; its first line starts where reading does)
  const box = (sel) => page.$eval(sel, (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const r = range.getClientRects()[0] ?? el.getBoundingClientRect();
    return { left: r.left, right: r.right, width: r.width };
  }).catch(() => null);
  // the skip link, focused (it is off screen until then)
  await page.focus('.skip-link');
  const skip = await box('.skip-link');
  await page.evaluate(() => document.activeElement?.blur());
  const title = await box('.site-title');
  const nav = await box('.site-nav li:first-child a');
  const main = await box('main');
  for (const [name, b] of [['skip link', skip], ['site title', title], ['first item of the main navigation', nav]]) {
    if (!b) { problems.push(`no ${name}`); continue; }
    const fromStart = dir === 'rtl' ? width - b.right : b.left;
    const fromEnd = dir === 'rtl' ? b.left : width - b.right;
    if (!(fromStart < fromEnd)) {
      problems.push(`the ${name} sits ${Math.round(fromStart)} px from the ${dir === 'rtl' ? 'right' : 'left'} edge and ${Math.round(fromEnd)} px from the other: not at the start of a ${dir} page`);
    }
  }
  if (main && main.right > width + 0.5) problems.push(`<main> overflows the ${width} px viewport (right edge ${Math.round(main.right)})`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) problems.push(`the page scrolls sideways by ${overflow} px`);
  const chevron = await page.$eval('.breadcrumbs li + li', (li) => getComputedStyle(li, '::before').content).catch(() => null);
  if (chevron !== null) {
    const want = dir === 'rtl' ? '‹' : '›';
    if (!chevron.includes(want)) problems.push(`the breadcrumb separator is ${chevron}, want ${want}`);
  }
  return problems;
}
