// The district's look without templates (issue 16): the example site with
// a `[brand]` colour just above 4.5:1 with white, a logo and a `[menu]`
// with a free page passes axe on every page type at 1280 and 375 px (the
// colour's links are darkened where they stand on a light panel); the
// header with the logo stays within 140 px on a phone; the audience tiles
// lead to their offers. A colour below 4.5:1 fails the build with the
// measured ratio and the nearest passing colour. A site made with
// `lotse init` plus a `[brand]` section builds and passes axe too.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, TODAY, VIEWPORTS, axe, buildSite, formatViolations, launchBrowser, lotse, open, serveStatic,
  tempDir, walk, watch,
} from './lib/harness.mjs';
import { PAGE_TYPES, fileOf } from './pages.mjs';

const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 48" width="40" height="48">'
  + '<path d="M2 2h36v24c0 10-8 17-18 20C10 43 2 36 2 26z" fill="#347abd"/></svg>\n';
const BRAND = `
[brand]
logo = "/media/kreis-logo.svg"
logo_alt = "Wappen des Kreises Offenbach"
color = "#347abd"

[menu]
items = ["angebote", "berufswahlfahrplan", "pages/ueber-olov", "partner", "suche"]

[home]
audiences = ["schueler", "eltern", "lehrkraefte", "betriebe"]
`;

/** The example site (site.toml, content/) copied, with `extra` appended to site.toml and a logo. */
function brandedExample(extra) {
  const dir = tempDir('brand-src');
  fs.cpSync(path.join(ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'site.toml'), fs.readFileSync(path.join(ROOT, 'site.toml'), 'utf8') + extra);
  fs.mkdirSync(path.join(dir, 'static', 'media'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'static', 'media', 'kreis-logo.svg'), LOGO);
  return dir;
}

let src, out, server, browser;

before(async () => {
  src = brandedExample(BRAND);
  out = buildSite(src);
  server = await serveStatic(out);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  for (const d of [src, out && path.dirname(out)]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

async function axeAll(origin, paths, viewport) {
  const context = await browser.newContext({ viewport, locale: 'de-DE' });
  const page = await context.newPage();
  const w = watch(page, origin);
  const problems = [];
  try {
    for (const p of paths) {
      await open(page, origin + p, w);
      const v = await axe(page);
      if (v.length) problems.push(`${p} at ${viewport.width} px:\n${formatViolations(v)}`);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (sideways > 0) problems.push(`${p} at ${viewport.width} px scrolls ${sideways} px sideways`);
    }
    problems.push(...w.take());
  } finally {
    await context.close();
  }
  return problems;
}

describe('example site with [brand], [menu] and [home]', () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    test(`axe finds nothing on any page type at ${viewport.width} px (${name})`, async () => {
      const paths = PAGE_TYPES
        .filter((pt) => pt.status !== 404 && fs.existsSync(path.join(out, fileOf(pt.path))))
        .map((pt) => pt.path);
      assert.ok(paths.length >= 15, `${paths.length} page types built`);
      assert.deepEqual(await axeAll(server.origin, paths, viewport), []);
    });
  }

  test('the brand colour reaches the header through /brand.css; the logo has its text', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'de-DE' });
    const page = await context.newPage();
    const w = watch(page, server.origin);
    try {
      await open(page, server.origin + '/', w);
      const r = await page.evaluate(() => ({
        header: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
        height: Math.round(document.querySelector('header.site-header').getBoundingClientRect().height),
        alt: document.querySelector('.site-logo')?.alt,
        logoLoaded: document.querySelector('.site-logo')?.naturalWidth > 0,
        menu: [...document.querySelectorAll('.site-nav a')].map((a) => a.getAttribute('href')),
      }));
      assert.equal(r.header, 'rgb(52, 122, 189)');
      assert.ok(r.height <= 140, `header ${r.height} px with the logo`);
      assert.equal(r.alt, 'Wappen des Kreises Offenbach');
      assert.ok(r.logoLoaded, 'logo loads');
      assert.deepEqual(r.menu, ['/angebote/', '/berufswahlfahrplan/', '/ueber-olov/', '/partner/', '/suche/']);
      assert.deepEqual(w.take(), []);
    } finally {
      await context.close();
    }
  });

  test('each audience tile leads to the offers of its group, as many as it says', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'de-DE' });
    const page = await context.newPage();
    const w = watch(page, server.origin);
    try {
      await open(page, server.origin + '/', w);
      const tiles = await page.evaluate(() => [...document.querySelectorAll('.audience')].map((li) => ({
        href: li.querySelector('a').getAttribute('href'),
        count: Number.parseInt(li.querySelector('.audience-count').textContent, 10),
        top: li.getBoundingClientRect().top,
      })));
      assert.deepEqual(tiles.map((t) => t.href), ['schueler', 'eltern', 'lehrkraefte', 'betriebe'].map((k) => `/angebote/zielgruppe/${k}/`));
      for (const t of tiles) {
        await open(page, server.origin + t.href, w);
        const n = await page.locator('#offer-list > li').count();
        assert.equal(n, t.count, `${t.href}: tile says ${t.count}, the page lists ${n}`);
      }
      assert.deepEqual(w.take(), []);
    } finally {
      await context.close();
    }
  });
});

describe('a bad brand colour', () => {
  test('fails the build with the measured ratio and the nearest colour that passes', () => {
    const dir = brandedExample(BRAND.replace('#347abd', '#5aa0e6'));
    try {
      const r = lotse(['build', '--root', dir, '--output', path.join(dir, 'public'), '--today', TODAY], {
        env: { ...process.env, LOTSE_LANG: 'de' },
      });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /color #5aa0e6 hat mit Weiß nur ein Kontrastverhältnis von 2\.76:1/);
      assert.match(r.stderr, /color = "#347abd" \(4\.50:1\)/);
      assert.ok(!fs.existsSync(path.join(dir, 'public', 'index.html')), 'nothing published');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a site made with lotse init plus [brand]', () => {
  test('builds and passes axe on every page at 1280 and 375 px', async () => {
    const parent = tempDir('brand-init');
    const site = path.join(parent, 'site');
    let srv;
    try {
      const init = lotse(['init', site]);
      assert.equal(init.status, 0, init.stderr);
      fs.mkdirSync(path.join(site, 'static', 'media'), { recursive: true });
      fs.writeFileSync(path.join(site, 'static', 'media', 'kreis-logo.svg'), LOGO);
      fs.appendFileSync(path.join(site, 'site.toml'),
        '\n[brand]\nlogo = "/media/kreis-logo.svg"\nlogo_alt = "Kreis Beispiel"\ncolor = "#006e3c"\n');
      const built = buildSite(site);
      srv = await serveStatic(built);
      const paths = walk(built)
        .filter((f) => f.endsWith('index.html'))
        .filter((f) => !fs.readFileSync(path.join(built, f), 'utf8').includes('http-equiv="refresh"'))
        .map((f) => '/' + f.replace(/index\.html$/, ''));
      assert.ok(paths.length > 10, `${paths.length} pages`);
      assert.ok(fs.readFileSync(path.join(built, 'brand.css'), 'utf8').includes('--c-brand: #006e3c;'));
      for (const viewport of Object.values(VIEWPORTS)) {
        assert.deepEqual(await axeAll(srv.origin, paths, viewport), []);
      }
    } finally {
      await srv?.close();
      fs.rmSync(parent, { recursive: true, force: true });
    }
  });
});
