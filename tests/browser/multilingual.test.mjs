// The multilingual example site (de, en, tr; issue 15) in a browser: in
// every language the pages pass axe and carry the right `<html lang>`; the
// language switcher leads to the same page in each language, by mouse and by
// keyboard; hreflang alternates are reciprocal across the whole build; an
// untranslated page shows the fallback notice in the page's language with
// the German text marked `lang="de"`. Then an Arabic page inside a
// five-language site (tests/fixtures/multilingual-5 laid over full) passes
// axe at 1280 and 375 px with `dir="rtl"`.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, VIEWPORTS, axe, buildSite, formatViolations, launchBrowser, open, serveStatic, tempDir, walk, watch,
  newPageIn,
} from './lib/harness.mjs';

const LANGS = ['de', 'en', 'tr'];
const BASE = 'https://olov.example.org/';
const prefix = (lang) => (lang === 'de' ? '/' : `/${lang}/`);
// a translated offer (in all three), an untranslated region, two lists, home
const PAGES = ['', 'angebote/elternabend-berufswahl/', 'regionen/kreis-offenbach/', 'angebote/', 'gute-praxis/'];
const TRANSLATED = 'angebote/elternabend-berufswahl/';
const UNTRANSLATED = 'regionen/kreis-offenbach/';

let out, server, browser;

before(async () => {
  out = buildSite(ROOT, ['--base-url', BASE]);
  server = await serveStatic(out);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (out) fs.rmSync(path.dirname(out), { recursive: true, force: true });
});

const pageIn = (viewport, js) => newPageIn(browser, server.origin, viewport, js);

describe('every language of the example site', () => {
  for (const lang of LANGS) {
    test(`${lang}: axe, <html lang>, no console errors or foreign requests`, async () => {
      const { context, page, w } = await pageIn();
      const problems = [];
      try {
        for (const p of PAGES) {
          const url = prefix(lang) + p;
          const resp = await open(page, server.origin + url, w);
          if (resp.status() !== 200) problems.push(`${url}: HTTP ${resp.status()}`);
          const htmlLang = await page.evaluate(() => document.documentElement.lang);
          if (htmlLang !== lang) problems.push(`${url}: <html lang="${htmlLang}">, want "${lang}"`);
          const v = await axe(page);
          if (v.length) problems.push(`${url}: ${v.length} axe violation(s):\n${formatViolations(v)}`);
          problems.push(...w.take().map((x) => `${url}: ${x}`));
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, []);
    });
  }
});

describe('language switcher', () => {
  test('lists every language, marks the current one, and each link leads to the same page', async () => {
    const { context, page, w } = await pageIn();
    try {
      for (const p of [TRANSLATED, UNTRANSLATED, '']) {
        for (const from of LANGS) {
          await open(page, server.origin + prefix(from) + p, w);
          const links = await page.$$eval('nav.language-switcher a', (as) => as.map((a) => ({
            lang: a.getAttribute('hreflang'), current: a.getAttribute('aria-current'), own: a.lang,
          })));
          assert.deepEqual(links.map((l) => l.lang), LANGS, `switcher on ${prefix(from) + p}`);
          assert.deepEqual(links.filter((l) => l.current).map((l) => l.lang), [from], `aria-current on ${prefix(from) + p}`);
          assert.ok(links.every((l) => l.own === l.lang), `each language name is marked with its own lang on ${prefix(from) + p}`);
          for (const to of LANGS.filter((l) => l !== from)) {
            await page.click(`nav.language-switcher a[hreflang="${to}"]`);
            await page.waitForLoadState('load');
            await w.settle();
            assert.equal(new URL(page.url()).pathname, prefix(to) + p, `clicking ${to} on ${prefix(from) + p}`);
            assert.equal(await page.evaluate(() => document.documentElement.lang), to);
            await open(page, server.origin + prefix(from) + p, w);
          }
        }
      }
      assert.deepEqual(w.take(), []);
    } finally {
      await context.close();
    }
  });

  test('works by keyboard: Tab reaches each language, Enter follows it', async () => {
    const { context, page, w } = await pageIn();
    try {
      for (const to of ['tr', 'de']) {
        await open(page, server.origin + prefix('en') + TRANSLATED, w);
        let reached = false;
        for (let i = 0; i < 15 && !reached; i++) {
          await page.keyboard.press('Tab');
          reached = await page.evaluate((l) => {
            const a = document.activeElement;
            return !!a && a.matches(`nav.language-switcher a[hreflang="${l}"]`);
          }, to);
        }
        assert.ok(reached, `Tab did not reach the ${to} link within 15 stops`);
        await Promise.all([page.waitForURL((u) => u.pathname === prefix(to) + TRANSLATED), page.keyboard.press('Enter')]);
        assert.equal(await page.evaluate(() => document.documentElement.lang), to);
      }
      assert.deepEqual(w.take(), []);
    } finally {
      await context.close();
    }
  });
});

test('hreflang alternates are reciprocal on every built page', () => {
  const alternates = (file) => {
    const html = fs.readFileSync(path.join(out, file), 'utf8');
    const m = new Map();
    for (const [, lang, href] of html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)) m.set(lang, href);
    return m;
  };
  const fileOf = (href) => {
    assert.ok(href.startsWith(BASE), `${href} is not below ${BASE}`);
    const p = href.slice(BASE.length);
    return p === '' || p.endsWith('/') ? `${p}index.html` : p;
  };
  const files = walk(out).filter((f) => f.endsWith('index.html'));
  let withAlternates = 0;
  const problems = [];
  for (const f of files) {
    const alt = alternates(f);
    if (alt.size === 0) continue;
    withAlternates++;
    for (const l of LANGS) if (!alt.has(l)) problems.push(`${f}: no alternate for ${l}`);
    if (alt.get('x-default') !== alt.get('de')) problems.push(`${f}: x-default is not the German page`);
    const self = [...alt.entries()].some(([l, href]) => l !== 'x-default' && fileOf(href) === f);
    if (!self) problems.push(`${f}: its alternates do not include itself`);
    for (const [l, href] of alt) {
      const target = fileOf(href);
      if (!fs.existsSync(path.join(out, target))) { problems.push(`${f}: ${l} alternate ${href} was not built`); continue; }
      const back = alternates(target);
      if ([...alt].some(([k, v]) => back.get(k) !== v)) problems.push(`${f}: ${l} alternate ${target} does not list the same alternates back`);
    }
  }
  // the translated offers, practice example and home in three languages at least
  assert.ok(withAlternates >= 21, `only ${withAlternates} pages carry hreflang alternates`);
  assert.deepEqual(problems, []);
});

test('an untranslated page shows the notice in its language and marks the German text lang="de"', async () => {
  const { context, page, w } = await pageIn();
  try {
    for (const lang of ['en', 'tr']) {
      await open(page, server.origin + prefix(lang) + UNTRANSLATED, w);
      const r = await page.evaluate(() => {
        const main = document.querySelector('main');
        const notice = main?.querySelector('.notice-translation');
        const h1 = main?.querySelector('h1');
        const link = notice?.querySelector('a');
        const dt = main?.querySelector('dl.facts dt');
        const prose = main?.querySelector('.prose');
        return {
          html: document.documentElement.lang,
          main: main?.lang,
          h1: (h1?.querySelector('[lang]') ?? h1)?.closest('[lang]')?.lang,
          dt: dt?.closest('[lang]')?.lang,
          prose: prose?.closest('[lang]')?.lang,
          notice: notice?.closest('[lang]')?.lang,
          noticeText: notice?.textContent ?? '',
          link: link && { href: new URL(link.href).pathname, lang: link.lang },
        };
      });
      assert.equal(r.html, lang);
      assert.equal(r.main, '', `${lang}: <main> carries a language of its own`);
      assert.equal(r.h1, 'de', `${lang}: the German heading is not inside lang="de"`);
      assert.equal(r.prose, 'de', `${lang}: the German body is not inside lang="de"`);
      assert.equal(r.dt, lang, `${lang}: a label in the page's language is marked as another`);
      assert.equal(r.notice, lang, `${lang}: the notice is not marked as ${lang}`);
      assert.doesNotMatch(r.noticeText, /noch nicht übersetzt/, `${lang}: the notice reads German`);
      assert.deepEqual(r.link, { href: '/' + UNTRANSLATED, lang: 'de' });
      // a translated page has no such notice
      await open(page, server.origin + prefix(lang) + TRANSLATED, w);
      assert.equal(await page.$('.notice-translation'), null, `${lang}: translated page shows the fallback notice`);
      assert.equal(await page.evaluate(() => document.querySelector('main').lang), '', `${lang}: translated main carries its own lang`);
    }
    assert.deepEqual(w.take(), []);
  } finally {
    await context.close();
  }
});

describe('Arabic inside a five-language site', () => {
  let rtlOut, rtlServer, siteDir;
  before(async () => {
    siteDir = path.join(tempDir('ml5'), 'site');
    fs.cpSync(path.join(ROOT, 'tests', 'fixtures', 'full'), siteDir, { recursive: true });
    fs.cpSync(path.join(ROOT, 'tests', 'fixtures', 'multilingual-5'), siteDir, { recursive: true });
    rtlOut = buildSite(siteDir, ['--base-url', 'https://example.org/']);
    rtlServer = await serveStatic(rtlOut);
  });
  after(async () => {
    await rtlServer?.close();
    if (rtlOut) fs.rmSync(path.dirname(rtlOut), { recursive: true, force: true });
    if (siteDir) fs.rmSync(path.dirname(siteDir), { recursive: true, force: true });
  });

  for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
    test(`/ar/ pages at ${viewport.width} px: dir="rtl", lang="ar", axe, no sideways scrolling`, async () => {
      const context = await browser.newContext({ viewport, isMobile: vpName === 'phone', locale: 'ar' });
      const page = await context.newPage();
      const w = watch(page, rtlServer.origin);
      const problems = [];
      try {
        for (const p of ['/ar/', '/ar/angebote/elternabend/', '/ar/regionen/']) {
          await open(page, rtlServer.origin + p, w);
          const r = await page.evaluate(() => ({
            lang: document.documentElement.lang,
            dir: document.documentElement.dir,
            computed: getComputedStyle(document.body).direction,
            sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
          }));
          if (r.lang !== 'ar' || r.dir !== 'rtl' || r.computed !== 'rtl') problems.push(`${p}: lang=${r.lang} dir=${r.dir} direction=${r.computed}`);
          if (r.sideways) problems.push(`${p}: scrolls sideways`);
          const v = await axe(page);
          if (v.length) problems.push(`${p}: ${v.length} axe violation(s):\n${formatViolations(v)}`);
          problems.push(...w.take().map((x) => `${p}: ${x}`));
        }
        // the German original of the same site stays left to right
        await open(page, rtlServer.origin + '/angebote/elternabend/', w);
        assert.equal(await page.evaluate(() => document.documentElement.dir || 'ltr'), 'ltr');
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, []);
    });
  }
});
