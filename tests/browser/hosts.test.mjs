// Nothing from another host (LG München I, 3 O 17493/20): no built HTML,
// SVG, CSS or JS file of the example site or of a `lotse init` site loads a
// script, style, font, image, frame or media file from anywhere but the
// site itself. The scanner is tested on files that do.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, buildSite, lotse, tempDir, walk } from './lib/harness.mjs';
import { scanCss, scanJs, scanMarkup, scanSite } from './lib/hosts.mjs';

const own = (siteDir) => {
  const toml = fs.readFileSync(path.join(siteDir, 'site.toml'), 'utf8');
  const base = /^\s*base_url\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  return new Set(base ? [new URL(base).host] : []);
};

describe('nothing from another host', () => {
  test('the example site', () => {
    const out = buildSite(ROOT);
    const files = walk(out).filter((f) => /\.(html|css|js|svg)$/.test(f));
    assert.ok(files.length > 50, `only ${files.length} files built`);
    const problems = scanSite(out, own(ROOT));
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
    assert.deepEqual(problems, [], `resources from another host:\n${problems.join('\n')}`);
  });

  test('a new site from `lotse init`', () => {
    const dir = path.join(tempDir('init'), 'site');
    const r = lotse(['init', dir]);
    assert.equal(r.status, 0, r.stderr);
    const out = buildSite(dir);
    const problems = scanSite(out, own(dir));
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
    assert.deepEqual(problems, [], `resources from another host:\n${problems.join('\n')}`);
  });

  test('the scanner finds what it must and passes what it may', () => {
    const own = new Set(['olov.example.org']);
    const bad = `<!DOCTYPE html><html><head>
      <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
      <link rel="preload" href="//cdn.example.net/x.woff2" as="font">
      <script src="https://cdn.jsdelivr.net/npm/x.js"></script>
      <style>@font-face { src: url("https://fonts.gstatic.com/a.woff2"); }</style>
      </head><body>
      <img src="http://tracker.example.net/pixel.gif" alt="">
      <img alt="" srcset="/a.png 1x, https://img.example.net/b.png 2x">
      <iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>
      <svg><image href="https://tiles.example.net/1.png"/></svg>
      <form action="https://forms.example.net/post"></form>
      <div style="background: url(//img.example.net/bg.png)"></div>
      </body></html>`;
    assert.equal(scanMarkup(bad, own).length, 10, scanMarkup(bad, own).join('\n'));
    const good = `<!DOCTYPE html><html><head>
      <link rel="canonical" href="https://olov.example.org/x/">
      <link rel="alternate" type="application/atom+xml" href="https://olov.example.org/feed.xml">
      <link rel="stylesheet" href="/lotse.css"><link rel="icon" href="https://olov.example.org/favicon.svg">
      <!-- <script src="https://commented.example.net/x.js"></script> -->
      </head><body>
      <a href="https://www.schlichtungsstelle-bgg.de">Schlichtungsstelle</a>
      <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="x"><use href="#a"/></svg>
      <img src="/bild.png" alt="x"><img src="data:image/png;base64,AAAA" alt="">
      </body></html>`;
    assert.deepEqual(scanMarkup(good, own), []);
    assert.equal(scanCss('@import url("https://x.example.net/a.css"); a { background: url(/ok.png) } /* url(https://comment.example.net) */', own).length, 1);
    assert.equal(scanCss('@import "https://x.example.net/a.css";', own).length, 1);
    assert.equal(scanJs('fetch("https://api.example.net/x"); // https://comment.example.net\n/* "https://c.example.net" */ var s = "/suche/index.json";', own).length, 1);
  });
});
