// Every page type of the example site at 1280 px and at 375 px: it loads
// without console errors, failed requests or requests to another host; axe
// finds no WCAG 2.1 A/AA violation; one h1 and an unbroken heading outline;
// landmarks; captioned tables; SVGs with text alternatives; no sideways
// scrolling; the skip link is the first tab stop and focus is visible; the
// footer links the legal pages. Then every other built page at 1280 px.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  VIEWPORTS, axe, buildSite, formatViolations, launchBrowser, open, serveStatic, walk, watch,
} from './lib/harness.mjs';
import { keyboard, legalLinks, structure } from './lib/checks.mjs';
import { LEGAL_PAGES, PAGE_TYPES, fileOf } from './pages.mjs';

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

/** All checks of one page; returns the problems as lines. */
async function checkPage(page, w, pt, { keys = true } = {}) {
  w.expect(pt.status ?? 200);
  const resp = await open(page, server.origin + pt.path, w);
  const problems = [];
  if (resp.status() !== (pt.status ?? 200)) problems.push(`HTTP ${resp.status()} (want ${pt.status ?? 200})`);
  const violations = await axe(page);
  if (violations.length) problems.push(`axe-core: ${violations.length} WCAG 2.1 AA violation(s):\n${formatViolations(violations)}`);
  problems.push(...await structure(page));
  // a page of another language (/en/…, a folder with its own 404.html)
  // links the legal pages of its language
  const lang = pt.path.match(/^\/([a-z]{2,3})\//)?.[1];
  const pre = lang && fs.existsSync(path.join(out, lang, '404.html')) ? `${lang}/` : '';
  problems.push(...await legalLinks(page, LEGAL_PAGES.filter((id) => fs.existsSync(path.join(out, id, 'index.html'))).map((id) => pre + id)));
  if (keys) problems.push(...await keyboard(page));
  problems.push(...w.take());
  return problems;
}

for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
  describe(`page types at ${viewport.width} px`, () => {
    let context, page, w;
    before(async () => {
      context = await browser.newContext({ viewport, isMobile: vpName === 'phone', hasTouch: false, locale: 'de-DE' });
      page = await context.newPage();
      w = watch(page, server.origin);
    });
    after(async () => { await context?.close(); });

    for (const pt of PAGE_TYPES) {
      test(`${pt.type} (${pt.path})`, async (t) => {
        if (pt.status !== 404 && !fs.existsSync(path.join(out, fileOf(pt.path)))) {
          if (pt.pending) {
            t.skip(`not built yet: ${pt.path} comes with branch \`${pt.pending}\``);
            return;
          }
          assert.fail(`${pt.path} was not built (${fileOf(pt.path)} is missing)`);
        }
        const problems = await checkPage(page, w, pt);
        assert.ok(problems.length === 0, `${pt.type} ${pt.path} at ${viewport.width} px:\n- ${problems.join('\n- ')}`);
      });
    }
  });
}

describe('every other page at 1280 px', () => {
  test('axe, structure and console on each built page', async () => {
    const typed = new Set(PAGE_TYPES.map((p) => fileOf(p.path)));
    const files = walk(out).filter((f) => f.endsWith('.html') && !typed.has(f) && f !== '404.html');
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'de-DE' });
    const page = await context.newPage();
    const w = watch(page, server.origin);
    const failures = [];
    let checked = 0;
    for (const f of files) {
      const html = fs.readFileSync(path.join(out, f), 'utf8');
      if (/<meta http-equiv="refresh"/i.test(html)) continue; // an alias: a redirect, not a page
      const p = '/' + f.replace(/index\.html$/, '');
      const problems = await checkPage(page, w, { type: 'page', path: p }, { keys: false });
      checked++;
      if (problems.length) failures.push(`${p}:\n- ${problems.join('\n- ')}`);
    }
    await context.close();
    assert.ok(checked > 0, 'no pages besides the page types were built');
    assert.ok(failures.length === 0, `${failures.length} of ${checked} pages fail:\n${failures.join('\n')}`);
  });
});
