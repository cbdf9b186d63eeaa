// lotse's search against Pagefind 1.6 on the same built site, in one run,
// in Chromium: for each query the bytes and files it loads, the result
// count, the recall against the relevance list (example site), and the
// index's size and files. Run by benches/search/compare.sh, which builds
// the site and runs Pagefind on its output first.
//
//   node benches/search/compare.mjs OUT PAGEFIND_SECONDS LOTSE_SECONDS [relevance.json | queries…]
//
// Both are served by one static server without compression and without
// a cache; each query runs in a fresh browser context. Bytes are the
// response bodies as served (Pagefind's index files are compressed
// already; lotse's JSON is not: its gzip size is given too, what a web
// server with gzip sends).

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const require = createRequire(path.join(ROOT, 'tests', 'browser', 'package.json'));
const { chromium } = require('playwright-core');

const [out, pfSeconds, lotseSeconds, ...rest] = process.argv.slice(2);
let queries, relevance = null;
if (rest.length === 1 && rest[0].endsWith('.json')) {
  relevance = JSON.parse(fs.readFileSync(rest[0], 'utf8')).queries;
  queries = relevance.map((r) => r.q);
} else {
  queries = rest;
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };
const PF_PAGE = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>pf</title></head><body>
<script type="module">
window.pfRun = async (q, n) => {
  const pf = await import('/pagefind/pagefind.js');
  const r = await pf.search(q);
  const data = await Promise.all(r.results.slice(0, n).map((x) => x.data()));
  return { count: r.results.length, urls: data.map((d) => d.url) };
};
</script></body></html>`;

function serve(dir) {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (pathname === '/__pf.html') {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }).end(PF_PAGE);
      return;
    }
    let file = path.join(dir, pathname);
    if (pathname.endsWith('/')) file = path.join(file, 'index.html');
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Files and bytes of a folder. */
function size(dir) {
  let files = 0, bytes = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      files++;
      bytes += fs.statSync(path.join(e.parentPath ?? e.path, e.name)).size;
    }
  }
  return { files, bytes };
}

/** Runs `fn(page)` in a fresh context; returns its value and what the
    page loaded whose path `counts`. */
async function measured(browser, counts, fn) {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  const loads = [];
  page.on('response', async (r) => {
    const p = new URL(r.url()).pathname;
    if (!counts(p)) return;
    loads.push(r.body().then((b) => ({ p, bytes: b.length, gz: zlib.gzipSync(b).length })).catch(() => null));
  });
  const value = await fn(page);
  const done = (await Promise.all(loads)).filter(Boolean);
  await context.close();
  return { value, files: done.length, bytes: done.reduce((s, x) => s + x.bytes, 0), gz: done.reduce((s, x) => s + x.gz, 0) };
}

const server = await serve(path.resolve(out));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });

// lotse's hits for recall: all of them, through search.js in node.
const S = require(path.join(path.resolve(out), 'search.js'));
const meta = JSON.parse(fs.readFileSync(path.join(out, 'suche', 'index.json'), 'utf8'));
const docs = [];
for (let i = 0; i < meta.chunks; i++) docs.push(...JSON.parse(fs.readFileSync(path.join(out, 'suche', `d-${i}.json`), 'utf8')));
const loadShard = (n) => Promise.resolve(JSON.parse(fs.readFileSync(path.join(out, 'suche', `t-${n}.json`), 'utf8')));
const idOfUrl = (u) => u.replace(/\/$/, '').split('/').pop();

const rows = [];
for (const [i, q] of queries.entries()) {
  const lotse = await measured(browser, (p) => p.startsWith('/suche/') && p.endsWith('.json') || p === '/search.js', async (page) => {
    await page.goto(`${origin}/suche/?q=${encodeURIComponent(q)}`);
    await page.waitForFunction(() => /Treffer/.test(document.getElementById('suche-status').textContent), null, { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    const status = await page.textContent('#suche-status');
    return /Keine/.test(status) ? 0 : Number((/(\d+)/.exec(status) || [0, 0])[1]);
  });
  const pf = await measured(browser, (p) => p.startsWith('/pagefind/'), async (page) => {
    await page.goto(`${origin}/__pf.html`);
    return page.evaluate(([q]) => window.pfRun(q, 20), [q]);
  });
  const row = { q, lotse: { count: lotse.value, files: lotse.files, bytes: lotse.bytes, gz: lotse.gz }, pagefind: { count: pf.value.count, files: pf.files, bytes: pf.bytes } };
  if (relevance) {
    const must = relevance[i].must;
    const hits = await S.find(q, meta, loadShard);
    const ids = new Set(hits.map((h) => docs[h[0]][1]));
    // Pagefind's URLs of all its results (not counted in the bytes).
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/__pf.html`);
    const all = await page.evaluate(([q]) => window.pfRun(q, 100000), [q]);
    await context.close();
    const pfIds = new Set(all.urls.map(idOfUrl));
    row.lotse.recall = must.filter((m) => ids.has(m)).length / must.length;
    row.pagefind.recall = must.filter((m) => pfIds.has(m)).length / must.length;
    const first = relevance[i].first;
    if (first) {
      const ordered = S.exactTitleFirst(q, hits, (h) => docs[h[0]], meta.lang);
      row.lotse.first = ordered.length > 0 && first.includes(docs[ordered[0][0]][1]);
      row.pagefind.first = all.urls.length > 0 && first.includes(idOfUrl(all.urls[0]));
    }
  }
  rows.push(row);
}
await browser.close();
server.close();

const kb = (b) => (b / 1024).toFixed(1);
const lsz = size(path.join(out, 'suche'));
const psz = size(path.join(out, 'pagefind'));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : 0; };
console.log(`| query | lotse results | lotse files | lotse KB (gzip) | Pagefind results | Pagefind files | Pagefind KB |${relevance ? ' lotse recall | Pagefind recall | lotse first | Pagefind first |' : ''}`);
console.log(`|---|---:|---:|---:|---:|---:|---:|${relevance ? '---:|---:|:-:|:-:|' : ''}`);
for (const r of rows) {
  const rel = relevance ? ` ${r.lotse.recall.toFixed(2)} | ${r.pagefind.recall.toFixed(2)} | ${r.lotse.first ?? '–'} | ${r.pagefind.first ?? '–'} |` : '';
  console.log(`| ${r.q} | ${r.lotse.count} | ${r.lotse.files} | ${kb(r.lotse.bytes)} (${kb(r.lotse.gz)}) | ${r.pagefind.count} | ${r.pagefind.files} | ${kb(r.pagefind.bytes)} |${rel}`);
}
const mb = median(rows.map((r) => r.lotse.bytes)), pb = median(rows.map((r) => r.pagefind.bytes));
const mf = median(rows.map((r) => r.lotse.files)), pfm = median(rows.map((r) => r.pagefind.files));
console.log('');
console.log(`median per query: lotse ${kb(mb)} KB in ${mf} files (gzip ${kb(median(rows.map((r) => r.lotse.gz)))} KB), Pagefind ${kb(pb)} KB in ${pfm} files: bytes ${(mb / pb).toFixed(2)}×, files ${(mf / pfm).toFixed(2)}×`);
if (relevance) {
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`recall (mean over queries): lotse ${mean(rows.map((r) => r.lotse.recall)).toFixed(3)}, Pagefind ${mean(rows.map((r) => r.pagefind.recall)).toFixed(3)}; queries with every page found: lotse ${rows.filter((r) => r.lotse.recall === 1).length}/${rows.length}, Pagefind ${rows.filter((r) => r.pagefind.recall === 1).length}/${rows.length}`);
}
console.log(`index: lotse ${(lsz.bytes / 1048576).toFixed(2)} MB in ${lsz.files} files (suche/), Pagefind ${(psz.bytes / 1048576).toFixed(2)} MB in ${psz.files} files (pagefind/): files ${(lsz.files / psz.files).toFixed(3)}×`);
console.log(`time: lotse builds the whole site with its index in ${lotseSeconds} s; Pagefind indexes the built site in ${pfSeconds} s`);
