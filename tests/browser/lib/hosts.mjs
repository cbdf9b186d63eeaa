// A static scan of a built site for resources from another host: scripts,
// styles, fonts, images, media, frames and form targets in HTML, SVG, CSS
// and JS. Links a person follows (<a href>, <link rel="canonical"> and the
// like) are navigation, not resources, and are allowed.

import fs from 'node:fs';
import path from 'node:path';
import { walk } from './harness.mjs';

/** <link rel> values that name a document, not a resource the page loads. */
const NAV_RELS = new Set(['canonical', 'alternate', 'author', 'license', 'help', 'next', 'prev', 'search', 'me', 'bookmark', 'external', 'nofollow', 'noopener', 'noreferrer']);
/** Attributes that make a browser load (or send to) a URL. */
const RESOURCE_ATTRS = new Set(['src', 'srcset', 'imagesrcset', 'href', 'xlink:href', 'poster', 'data', 'action', 'formaction', 'background', 'manifest', 'codebase', 'cite', 'longdesc', 'ping']);

/** True when `url` points at a host other than the site's own. */
export function isForeign(url, ownHosts) {
  const u = url.trim().replace(/^["']|["']$/g, '');
  const m = /^(?:([a-z][a-z0-9+.-]*):)?\/\/([^/?#\s"'()]+)/i.exec(u);
  if (!m) return false;
  if (m[1] && !/^(https?|wss?|ftp)$/i.test(m[1])) return false;
  return !ownHosts.has(m[2].toLowerCase());
}

function attributes(tag) {
  const out = [];
  const re = /([^\s"'<>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  let m;
  while ((m = re.exec(tag))) out.push([m[1].toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '']);
  return out;
}

function cssUrls(css) {
  const out = [];
  for (const m of css.matchAll(/url\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) out.push(m[2]);
  for (const m of css.matchAll(/@import\s+(['"])([^'"]+)\1/gi)) out.push(m[2]);
  return out;
}

function decode(s) {
  return s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#0*39;|&#x0*27;/gi, "'").replace(/&#x2f;|&#0*47;/gi, '/').replace(/&colon;|&#0*58;|&#x0*3a;/gi, ':');
}

/** Problems in one HTML or SVG document. */
export function scanMarkup(text, ownHosts) {
  const problems = [];
  const body = text.replace(/<!--[\s\S]*?-->/g, '');
  for (const m of body.matchAll(/<([a-zA-Z][a-zA-Z0-9:-]*)(\s[^>]*)?>/g)) {
    const name = m[1].toLowerCase();
    const attrs = attributes(m[2] ?? '');
    const get = (k) => attrs.find(([a]) => a === k)?.[1];
    if (name === 'a') continue; // navigation
    if (name === 'link') {
      const rels = (get('rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      if (rels.length && rels.every((r) => NAV_RELS.has(r))) continue;
    }
    if (name === 'meta') {
      const content = get('content') ?? '';
      if (/refresh/i.test(get('http-equiv') ?? '')) {
        const url = /url\s*=\s*(.*)$/i.exec(content)?.[1];
        if (url && isForeign(decode(url), ownHosts)) problems.push(`<meta http-equiv="refresh"> to ${url}`);
      }
      continue;
    }
    for (const [a, v] of attrs) {
      const value = decode(v);
      if (RESOURCE_ATTRS.has(a)) {
        const urls = /srcset$/.test(a) ? value.split(',').map((s) => s.trim().split(/\s+/)[0]) : [value];
        for (const url of urls) if (isForeign(url, ownHosts)) problems.push(`<${name} ${a}="${url}">`);
      } else if (a === 'style') {
        for (const url of cssUrls(value)) if (isForeign(url, ownHosts)) problems.push(`<${name} style> loads ${url}`);
      }
    }
  }
  for (const m of body.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) {
    for (const url of cssUrls(m[1])) if (isForeign(url, ownHosts)) problems.push(`<style> loads ${url}`);
  }
  return problems;
}

/** Problems in one stylesheet. */
export function scanCss(text, ownHosts) {
  const css = text.replace(/\/\*[\s\S]*?\*\//g, '');
  return cssUrls(css).filter((u) => isForeign(u, ownHosts)).map((u) => `CSS loads ${u}`);
}

/** Problems in one script: any absolute URL in a string literal (comments
    are skipped), since a script that names another host is about to load
    from it. */
export function scanJs(text, ownHosts) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\'"])\/\/[^\n]*/g, '$1');
  const out = [];
  for (const m of code.matchAll(/(["'`])((?:[a-z][a-z0-9+.-]*:)?\/\/[^"'`\s]+)\1?/gi)) {
    if (isForeign(m[2], ownHosts)) out.push(`script names ${m[2]}`);
  }
  return out;
}

/** Scans every .html, .htm, .svg, .css, .js and .mjs file below `dir`.
    Returns ["file: problem"]. */
export function scanSite(dir, ownHosts = new Set()) {
  const out = [];
  for (const f of walk(dir)) {
    const ext = path.extname(f).toLowerCase();
    let found = [];
    if (!['.html', '.htm', '.svg', '.css', '.js', '.mjs'].includes(ext)) continue;
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    if (ext === '.css') found = scanCss(text, ownHosts);
    else if (ext === '.js' || ext === '.mjs') found = scanJs(text, ownHosts);
    else found = scanMarkup(text, ownHosts);
    out.push(...found.map((p) => `${f}: ${p}`));
  }
  return out;
}
