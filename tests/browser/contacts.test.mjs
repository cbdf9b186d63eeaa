// Contacts (issue 16) at 375×800 and 1280×900: on a partner page, an offer
// page and a region page the phone numbers are tel: links to E.164 numbers
// and the addresses mailto: links, each a tap target of at least 44 px on
// the phone; the partner page links its vCard file, which the site serves
// as text/vcard with one VCARD per contact; axe finds no violation on
// these pages at either width, and nothing scrolls sideways.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, VIEWPORTS, axe, buildSite, formatViolations, launchBrowser, open, serveStatic, watch,
} from './lib/harness.mjs';

const PARTNER = '/partner/agentur-fuer-arbeit-offenbach/';
// No contacts of its own: it shows its provider's.
const OFFER = '/angebote/berufsberatung-in-der-schule/';
const REGION = '/regionen/kreis-offenbach/';

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

const contactLinks = () => [...document.querySelectorAll('.contacts a[href^="tel:"], .contacts a[href^="mailto:"]')]
  .map((a) => {
    const r = a.getBoundingClientRect();
    return { href: a.getAttribute('href'), text: a.textContent, height: r.height, visible: r.width > 0 && r.height > 0 };
  });

for (const [name, viewport] of [['phone', VIEWPORTS.phone], ['desktop', VIEWPORTS.desktop]]) {
  describe(`contacts, ${name} ${viewport.width}×${viewport.height}`, () => {
    test('tel: and mailto: links on partner, offer and region pages, axe clean', async () => {
      const context = await browser.newContext({ viewport, locale: 'de-DE' });
      const page = await context.newPage();
      const w = watch(page, server.origin);
      const problems = [];
      try {
        for (const p of [PARTNER, OFFER, REGION]) {
          await open(page, server.origin + p, w);
          const links = await page.evaluate(contactLinks);
          const tel = links.filter((l) => l.href.startsWith('tel:'));
          const mail = links.filter((l) => l.href.startsWith('mailto:'));
          assert.ok(tel.length >= 1 && mail.length >= 1, `${p}: ${JSON.stringify(links)}`);
          for (const l of tel) {
            assert.match(l.href, /^tel:\+[1-9][0-9]{6,14}$/, `${p}: not E.164`);
          }
          for (const l of links) {
            assert.ok(l.visible, `${p}: ${l.href} not visible`);
            if (name === 'phone') assert.ok(l.height >= 44, `${p}: ${l.href} is ${l.height} px high`);
          }
          const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (sideways > 0) problems.push(`${p}: scrolls ${sideways} px sideways`);
          const v = await axe(page);
          if (v.length) problems.push(`${p}:\n${formatViolations(v)}`);
        }
        problems.push(...w.take());
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, []);
    });
  });
}

describe('the vCard link', () => {
  test('the partner page links its kontakt.vcf, served as text/vcard with one VCARD per contact', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'de-DE' });
    const page = await context.newPage();
    try {
      await open(page, server.origin + PARTNER);
      const link = page.locator('a[href$="kontakt.vcf"]');
      assert.equal(await link.count(), 1);
      assert.ok(await link.isVisible());
      assert.match(await link.textContent(), /vCard/);
      const href = await link.getAttribute('href');
      const resp = await page.request.get(new URL(href, page.url()).href);
      assert.equal(resp.status(), 200);
      assert.match(resp.headers()['content-type'], /^text\/vcard/);
      const text = await resp.text();
      const cards = await page.locator('.contacts > li').count();
      assert.equal((text.match(/^BEGIN:VCARD\r$/gm) || []).length, cards);
      assert.match(text, /^TEL;VALUE=uri;TYPE=work,voice:tel:\+496990009120\r$/m);
    } finally {
      await context.close();
    }
  });
});
