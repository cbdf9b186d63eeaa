#!/usr/bin/env bash
# Compares lotse's search with Pagefind 1.6 on the same site, in one run:
#   benches/search/compare.sh                 # the example site, with the relevance list
#   benches/search/compare.sh --n 10000       # a generated bench site (benches/generate.py)
# Builds the site with lotse (release binary if there is one, else debug;
# LOTSE_BIN overrides), runs Pagefind (npm package `pagefind` 1.6.0, which
# ships its binary; installed into target/pagefind on first use) on the
# output, then benches/search/compare.mjs measures both in Chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."

n=""
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

bin=${LOTSE_BIN:-}
if [ -z "$bin" ]; then
  if [ -x target/release/lotse ]; then bin=target/release/lotse; else cargo build -q; bin=target/debug/lotse; fi
fi
pf_dir=target/pagefind
if [ ! -x "$pf_dir/node_modules/.bin/pagefind" ]; then
  mkdir -p "$pf_dir"
  (cd "$pf_dir" && npm install --no-audit --no-fund --loglevel=error pagefind@1.6.0 >/dev/null)
fi
[ -d tests/browser/node_modules/playwright-core ] || (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

dir=${BENCH_DIR:-/dev/shm/lotse-search-bench}
mkdir -p "$dir"
if [ -n "$n" ]; then
  site="$dir/site-$n"
  [ -d "$site" ] || python3 benches/generate.py "$n" "$site" >/dev/null
  queries=(orientierung praktika berufswahl "eltern messe" digitalisierung fachkrafte wahl bewerbungen)
else
  site=.
  queries=(benches/search/relevance.json)
fi
out="$dir/out"
rm -rf "$out"
t0=$(date +%s.%N)
"$bin" build --root "$site" --output "$out" >/dev/null
t1=$(date +%s.%N)
"$pf_dir/node_modules/.bin/pagefind" --site "$out" --output-subdir pagefind >/dev/null
t2=$(date +%s.%N)
lotse_s=$(echo "$t1 - $t0" | bc)
pf_s=$(echo "$t2 - $t1" | bc)
echo "site: $site ($(find "$out" -name index.html | wc -l) pages); lotse: $bin; $("$pf_dir/node_modules/.bin/pagefind" --version)"
node benches/search/compare.mjs "$out" "$(printf %.2f "$pf_s")" "$(printf %.2f "$lotse_s")" "${queries[@]}"
