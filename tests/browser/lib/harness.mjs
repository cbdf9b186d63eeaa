// Shared machinery of the browser suite: find the lotse binary, build a
// site, serve it on 127.0.0.1, launch Debian's Chromium through
// playwright-core, and record what a page does (console errors, failed
// requests, requests to other hosts).

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const ROOT = path.resolve(HERE, '..', '..', '..');
/** The build date every test site is built for, so agreement states and
    "built on" lines do not change from day to day. */
export const TODAY = '2026-03-01';
/** Where screenshots go: outside git (`/screenshots` is ignored). */
export const SCREENSHOTS = process.env.LOTSE_SCREENSHOTS || path.join(ROOT, 'screenshots');
export const AXE_PATH = require.resolve('axe-core/axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 375, height: 800 },
};

/** The lotse binary: $LOTSE_BIN, else the debug build, else the release build. */
export function lotseBin() {
  const candidates = [
    process.env.LOTSE_BIN,
    path.join(ROOT, 'target', 'debug', 'lotse'),
    path.join(ROOT, 'target', 'release', 'lotse'),
  ].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new Error(`no lotse binary: run \`cargo build\` first or set LOTSE_BIN (looked at ${candidates.join(', ')})`);
  }
  return found;
}

/** Runs lotse; returns {status, stdout, stderr}. */
export function lotse(args, opts = {}) {
  const r = spawnSync(lotseBin(), args, { encoding: 'utf8', timeout: 120_000, ...opts });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `lotse-browser-${prefix}-`));
}

/** Builds the site in `siteDir` into a new temporary folder; returns it. */
export function buildSite(siteDir = ROOT, extra = []) {
  const out = path.join(tempDir('site'), 'public');
  const r = lotse(['build', '--root', siteDir, '--output', out, '--today', TODAY, ...extra]);
  if (r.status !== 0) {
    throw new Error(`lotse build failed (exit ${r.status}):\n${r.stderr}${r.stdout}${r.error ?? ''}`);
  }
  return out;
}

/** Every file below `dir` (relative paths with `/`). */
export function walk(dir, base = dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, base));
    else out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out.sort();
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.jsonld': 'application/ld+json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.csv': 'text/csv; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.vcf': 'text/vcard; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
};

/** The Content-Security-Policy a careful public body serves a lotse site
    with. The theme promises to work under it (no inline scripts or
    styles), so a page that breaks that promise logs a console error. */
export const CSP = "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** A static server for `dir` on 127.0.0.1 and a free port: `/x/` serves
    `x/index.html`, a missing file `404.html` with status 404. axe-core is
    served from node_modules at `/__axe.min.js`, so the page loads it from
    its own host. Returns {origin, close()}. */
export async function serveStatic(dir) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (pathname === '/__axe.min.js') {
      res.writeHead(200, { 'content-type': TYPES['.js'] });
      fs.createReadStream(AXE_PATH).pipe(res);
      return;
    }
    let file = path.resolve(root, '.' + pathname);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    if (pathname.endsWith('/')) file = path.join(file, 'index.html');
    let status = 200;
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      status = 404;
      file = path.join(root, '404.html');
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(status, { 'content-type': type, 'content-security-policy': CSP, 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const s = http.createServer();
  await new Promise((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address();
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** Debian's Chromium, headless, with a fresh profile (playwright makes one). */
export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`${executablePath} not found: install Debian's chromium (scripts/test-all.sh does)`);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Watches a page: console errors, uncaught exceptions, failed requests,
    responses >= 400 and requests to any host but `origin`. `expect404`
    lets the main document answer 404 (the not-found page). */
export function watch(page, origin) {
  const problems = [];
  const state = { expectStatus: 200 };
  let inflight = 0;
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium logs the expected 404 of the not-found page as an error too
    if (state.expectStatus !== 200 && m.text().includes(`status of ${state.expectStatus}`) && m.location()?.url === page.url()) return;
    problems.push(`console error: ${m.text()}`);
  });
  page.on('request', () => { inflight++; });
  page.on('requestfinished', () => { inflight--; });
  page.on('requestfailed', () => { inflight--; });
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u.startsWith('about:') || u.startsWith('blob:')) return;
    if (!u.startsWith(origin + '/')) problems.push(`request to another host: ${u}`);
  });
  page.on('requestfailed', (r) => {
    const reason = r.failure()?.errorText ?? '';
    // a navigation that interrupts a pending request is no failure; nor is
    // the favicon, which Chromium fetches after the load and cancels when
    // the next page starts (a missing favicon shows as an HTTP error below)
    if (reason === 'net::ERR_ABORTED'
        && (r.isNavigationRequest() || new URL(r.url()).pathname.endsWith('/favicon.svg'))) return;
    problems.push(`failed request: ${r.url()} (${reason})`);
  });
  page.on('response', (r) => {
    const s = r.status();
    if (s < 400) return;
    if (r.request().isNavigationRequest() && r.request().frame() === page.mainFrame() && s === state.expectStatus) return;
    problems.push(`HTTP ${s}: ${r.url()}`);
  });
  return {
    problems,
    /** The status the next main document must answer with. */
    expect(status) { state.expectStatus = status; },
    take() { return problems.splice(0); },
    /** Waits until no request is pending (at most `ms`). */
    async settle(ms = 5000) {
      const end = Date.now() + ms;
      while (inflight > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    },
  };
}

/** Starts `lotse serve` on `dir` (at --today TODAY, on a free port) and
    waits until `probe` (a path, default `/`) answers, for at most 90 s.
    Returns `{ origin, child, log, stop }`: `log` is what the server printed
    so far; `stop()` ends it (SIGTERM, then SIGKILL after 5 s). `env` replaces
    the environment (e.g. without LOTSE_LANG for German messages). */
export async function startServe(dir, { probe = '/', env = process.env } = {}) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(lotseBin(), ['serve', '--root', dir, '--port', String(port), '--today', TODAY], { stdio: ['ignore', 'pipe', 'pipe'], env });
  const srv = {
    origin,
    child,
    log: '',
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => { child.once('exit', r); setTimeout(r, 5000); });
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
  child.stdout.on('data', (b) => { srv.log += b; });
  child.stderr.on('data', (b) => { srv.log += b; });
  const end = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`lotse serve exited with ${child.exitCode}:\n${srv.log}`);
    const ok = await fetch(`${origin}${probe}`).then((r) => r.ok, () => false);
    if (ok) return srv;
    if (Date.now() > end) throw new Error(`lotse serve did not answer on ${origin}${probe} within 90 s:\n${srv.log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Opens `url` and waits until the page has loaded and (with a watcher)
    no request is pending. */
/** A German-speaking browser context at `viewport` with one page and a
    watcher of its console and requests against `origin`. */
export async function newPageIn(browser, origin, viewport = VIEWPORTS.desktop, javaScriptEnabled = true) {
  const context = await browser.newContext({ viewport, locale: 'de-DE', javaScriptEnabled });
  const page = await context.newPage();
  return { context, page, w: watch(page, origin) };
}

export async function open(page, url, w) {
  const resp = await page.goto(url, { waitUntil: 'load' });
  if (w) await w.settle();
  return resp;
}

/** Runs axe-core on the page for WCAG 2.1 A and AA; returns the violations.
    `inline: true` adds axe as an inline script instead of loading it from
    the page's host (for `lotse serve`, which serves only the site and
    sends no Content-Security-Policy). */
export async function axe(page, { inline = false } = {}) {
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!has) {
    const origin = new URL(page.url()).origin;
    await page.addScriptTag(inline ? { path: AXE_PATH } : { url: `${origin}/__axe.min.js` });
  }
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

/** Violations as text a person can act on. */
export function formatViolations(violations) {
  return violations.map((v) => {
    const nodes = v.nodes.slice(0, 8).map((n) =>
      `    at ${n.target}\n      ${n.html.replace(/\s+/g, ' ').slice(0, 240)}\n      ${(n.summary ?? '').replace(/\n/g, '\n      ')}`).join('\n');
    const more = v.nodes.length > 8 ? `\n    … and ${v.nodes.length - 8} more` : '';
    return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}${more}`;
  }).join('\n');
}
