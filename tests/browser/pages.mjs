// Every page type of a lotse site, with one page of the example site
// (`site.toml` + `content/` at the repository root) that shows it at its
// richest. Adding a page type is one line here; every test that walks page
// types (accessibility, console, keyboard, layout) picks it up.
//
// `pending: 'branch'` marks a page type that another branch adds: until that
// branch is on main the page is not built and its tests are skipped with a
// message; when the page exists it is tested like any other. Remove the mark
// once the branch has landed, so a missing page fails.
// `status` is the HTTP status the page is served with (default 200).

export const PAGE_TYPES = [
  { type: 'home', path: '/' },
  { type: 'regions list', path: '/regionen/' },
  { type: 'region', path: '/regionen/stadt-offenbach/' },
  { type: 'partners list', path: '/partner/' },
  { type: 'partner', path: '/partner/stadt-offenbach/' },
  { type: 'offers list', path: '/angebote/' },
  { type: 'offer', path: '/angebote/brueckenkurs-ausbildungsstart/' },
  { type: 'offers by target group', path: '/angebote/zielgruppe/schueler/' },
  { type: 'offers by field', path: '/angebote/handlungsfeld/berufsorientierung/' },
  { type: 'offers by grade', path: '/angebote/klasse/9/' },
  { type: 'practice list', path: '/gute-praxis/' },
  { type: 'practice', path: '/gute-praxis/gemeinsamer-berufswahlfahrplan-offenbach/' },
  { type: 'agreements list', path: '/vereinbarungen/' },
  { type: 'agreement', path: '/vereinbarungen/zielvereinbarung-offenbach-2024/' },
  { type: 'free page', path: '/ueber-olov/' },
  { type: 'impressum', path: '/impressum/' },
  { type: 'privacy statement', path: '/datenschutz/' },
  { type: 'accessibility statement', path: '/barrierefreiheit/' },
  { type: 'Leichte Sprache', path: '/leichte-sprache/' },
  { type: 'Berufswahlfahrplan', path: '/berufswahlfahrplan/' },
  { type: 'network map', path: '/netzwerk/' },
  { type: 'key figures', path: '/zahlen/' },
  { type: 'search', path: '/suche/' },
  { type: 'open data', path: '/daten/' },
  { type: 'not found (404)', path: '/gibt-es-nicht/', status: 404 },
];

/** The legal pages every page's footer links (§ 5 DDG, DSGVO, § 12b BGG, BITV 2.0). */
export const LEGAL_PAGES = ['impressum', 'datenschutz', 'barrierefreiheit', 'leichte-sprache'];

/** The file a page path is built to. */
export function fileOf(p) {
  return p.endsWith('/') ? `${p.slice(1)}index.html` : p.slice(1);
}
