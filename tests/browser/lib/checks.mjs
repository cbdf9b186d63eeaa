// Checks of one loaded page beyond axe-core: what WCAG asks that axe does
// not test (or only as "needs review"), and what the lotse theme promises.

/** Headings, landmarks, tables, SVGs, language and sideways scrolling.
    Returns a list of problems (empty when the page is fine). */
export async function structure(page) {
  return page.evaluate(() => {
    const problems = [];
    const shown = (el) => {
      // rendered at all (visually-hidden still counts: screen readers read it)
      if (el.closest('[hidden], [aria-hidden="true"]')) return false;
      const s = getComputedStyle(el);
      return s.display !== 'none' && s.visibility !== 'hidden' && el.getClientRects().length > 0;
    };
    const text = (el) => (el.textContent || '').replace(/\s+/g, ' ').trim();

    // language
    if (!/^[a-z]{2}(-[A-Za-z]+)?$/.test(document.documentElement.lang)) {
      problems.push(`<html lang="${document.documentElement.lang}"> is not a language`);
    }
    if (!document.title.trim()) problems.push('the page has no <title>');

    // one h1, headings in order
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(shown);
    const h1s = headings.filter((h) => h.tagName === 'H1');
    if (h1s.length !== 1) problems.push(`${h1s.length} visible <h1> elements (want exactly one): ${h1s.map(text).join(' | ')}`);
    if (headings.length && headings[0].tagName !== 'H1') problems.push(`the first heading is <${headings[0].tagName.toLowerCase()}> "${text(headings[0])}", not the <h1>`);
    let prev = 0;
    for (const h of headings) {
      const level = Number(h.tagName[1]);
      if (prev && level > prev + 1) problems.push(`heading level skips from h${prev} to h${level} at "${text(h)}"`);
      if (!text(h)) problems.push(`empty <${h.tagName.toLowerCase()}>`);
      prev = level;
    }

    // landmarks
    const mains = document.querySelectorAll('main');
    if (mains.length !== 1) problems.push(`${mains.length} <main> elements`);
    else if (mains[0].id !== 'inhalt') problems.push(`<main> has id "${mains[0].id}", the skip link targets #inhalt`);
    if (!document.querySelector('body > header')) problems.push('no page <header> (banner)');
    if (!document.querySelector('body > footer')) problems.push('no page <footer> (contentinfo)');
    if (!document.querySelector('nav[aria-label]')) problems.push('no labelled <nav>');
    for (const nav of document.querySelectorAll('nav')) {
      if (!nav.getAttribute('aria-label') && !nav.getAttribute('aria-labelledby')) problems.push(`a <nav> without a label: ${nav.outerHTML.slice(0, 80)}`);
    }

    // tables: a caption and header cells
    for (const t of document.querySelectorAll('table')) {
      const cap = t.querySelector(':scope > caption');
      const label = cap ? text(cap) : '';
      if (!label) problems.push(`a table without a <caption>: ${t.outerHTML.slice(0, 100)}`);
      if (!t.querySelector('th')) problems.push(`a table without header cells (<th>): "${label}"`);
      for (const th of t.querySelectorAll('thead th')) {
        if (!th.getAttribute('scope') && th.closest('table') === t && !t.closest('.prose')) problems.push(`<th> without scope in "${label}"`);
      }
    }

    // SVG: decorative (aria-hidden) or an image with a text alternative
    for (const svg of document.querySelectorAll('svg')) {
      if (svg.closest('[aria-hidden="true"]')) continue;
      if (svg.parentElement && svg.parentElement.closest('svg')) continue;
      const role = svg.getAttribute('role');
      const named = svg.getAttribute('aria-label') || svg.getAttribute('aria-labelledby') || svg.querySelector(':scope > title');
      if (!named) problems.push(`an <svg> without a text alternative (aria-label, aria-labelledby or <title>): ${svg.outerHTML.slice(0, 100)}`);
      if (!['img', 'graphics-document', 'group', 'figure'].includes(role)) problems.push(`an <svg> without role="img" (or graphics-document): ${svg.outerHTML.slice(0, 100)}`);
    }

    // images need alt (axe checks too; this also catches alt on <input type=image>)
    for (const img of document.querySelectorAll('img:not([alt])')) problems.push(`<img> without alt: ${img.outerHTML.slice(0, 100)}`);

    // nothing scrolls sideways
    const sw = document.documentElement.scrollWidth;
    if (sw > window.innerWidth) {
      const wide = [...document.querySelectorAll('body *')]
        .filter((el) => shown(el) && el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.table-wrap, pre, .visually-hidden'))
        .slice(0, 5)
        .map((el) => `<${el.tagName.toLowerCase()} class="${el.className?.baseVal ?? el.className}"> right=${Math.round(el.getBoundingClientRect().right)}`);
      problems.push(`the page scrolls sideways: scrollWidth ${sw} > ${window.innerWidth}; too wide: ${wide.join('; ')}`);
    }
    return problems;
  });
}

/** The footer links every legal page in `ids` (paths `/<id>/`). */
export async function legalLinks(page, ids) {
  const hrefs = await page.$$eval('footer a[href]', (as) => as.map((a) => new URL(a.href).pathname));
  return ids.filter((id) => !hrefs.includes(`/${id}/`)).map((id) => `the footer does not link /${id}/`);
}

/** Keyboard: the first Tab reaches a visible skip link to #inhalt, Enter on
    it moves focus into <main>; then each of the next `stops` tab stops has a
    visible focus indicator. The page must be freshly loaded. */
export async function keyboard(page, stops = 10) {
  const problems = [];
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      cls: el.className,
      href: el.getAttribute('href'),
      text: el.textContent.trim(),
      visible: r.width > 1 && r.height > 1 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight,
    };
  });
  if (first.tag !== 'a' || first.href !== '#inhalt') {
    problems.push(`the first Tab focuses <${first.tag} class="${first.cls}" href="${first.href}">${first.text}, not the skip link to #inhalt`);
    return problems;
  }
  if (!first.visible) problems.push('the skip link is not visible when it has focus');
  await page.keyboard.press('Enter');
  const afterSkip = await page.evaluate(() => document.activeElement?.id);
  if (afterSkip !== 'inhalt') problems.push(`after the skip link, focus is on #${afterSkip}, not on <main id="inhalt">`);

  // visible focus on the next tab stops (from the top of the page)
  await page.evaluate(() => { document.activeElement?.blur(); });
  await page.keyboard.press('Tab'); // the skip link again
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && s.outlineColor !== 'rgba(0, 0, 0, 0)';
      const shadow = s.boxShadow && s.boxShadow !== 'none';
      return {
        ok: outline || shadow,
        desc: `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}> ${(el.textContent || '').trim().slice(0, 40)}`,
      };
    });
    if (!f) break;
    if (!f.ok) problems.push(`no visible focus indicator on ${f.desc}`);
  }
  return problems;
}
