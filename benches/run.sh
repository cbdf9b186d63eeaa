#!/usr/bin/env bash
# The build benchmark of lotse, side by side with Hugo on the same content.
#
# For each N it generates (once, cached) a synthetic site of N entities with
# benches/generate.py (400-600 words of Markdown per entity, ~1% regions,
# ~10% partners, ~5% practice examples, one agreement per region, the rest
# offers) and the same Markdown as a Hugo site (one taxonomy, list pages),
# then builds both RUNS times, interleaved (lotse, hugo, lotse, hugo, …),
# with outputs on tmpfs (/dev/shm), and prints the medians: pages, wall
# seconds, pages/s, peak RSS, and lotse's time as a fraction of Hugo's.
# Then one lotse build of the 10,000 site to disk (target/), reported on its
# own, and the exponents of time and memory in N (a least-squares fit of
# log t against log N).
#
# usage: benches/run.sh [--sizes "1000 10000 50000"] [--runs 5] [--no-hugo]
#                       [--no-disk] [--serve] [--multilingual]
#   --serve   also runs benches/serve_edit.sh (edit → visible in `lotse serve`)
#   --multilingual  also builds, interleaved, the same site in de, en, tr
#             with a third of the entities translated into en and tr
#             (generate.py --languages), and reports its time against the
#             one-language site of the same N (issue 15 allows ≤ 3.2×)
# env: BENCH_DIR (default /dev/shm/lotse-bench), HUGO (default hugo),
#      LOTSE_BIN (a lotse binary to time; default: builds target/release/lotse)
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="1000 10000 50000"
runs=5
use_hugo=1
disk=1
serve=0
multi=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --no-hugo) use_hugo=0; shift ;;
    --no-disk) disk=0; shift ;;
    --serve) serve=1; shift ;;
    --multilingual) multi=1; shift ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

dir=${BENCH_DIR:-/dev/shm/lotse-bench}
hugo=${HUGO:-hugo}
mkdir -p "$dir"

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (apt) for peak RSS …" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq time >/dev/null; else sudo apt-get install -y -qq time >/dev/null; fi
fi
if [ "$use_hugo" = 1 ] && ! command -v "$hugo" >/dev/null; then
  echo "hugo not found (apt-get install hugo); running without it" >&2
  use_hugo=0
fi

if [ -n "${LOTSE_BIN:-}" ]; then
  bin=$LOTSE_BIN
else
  cargo build --release --quiet --bin lotse
  bin=$PWD/target/release/lotse
fi
gen_hash=$(sha1sum benches/generate.py | cut -c1-8)

# Generates site N (and its Hugo twin) unless the cached one is current.
generate() {
  local n=$1 s="$dir/site-$1" h="$dir/hugo-$1"
  if [ "$(cat "$s/.gen" 2>/dev/null)" != "$gen_hash" ] || { [ "$use_hugo" = 1 ] && [ ! -f "$h/hugo.toml" ]; }; then
    echo "generating $n entities …" >&2
    rm -rf "$s" "$h"
    python3 benches/generate.py "$n" "$s" --hugo "$h"
    echo "$gen_hash" > "$s/.gen"
  fi
  if [ "$multi" = 1 ] && [ "$(cat "$dir/ml-$n/.gen" 2>/dev/null)" != "$gen_hash" ]; then
    echo "generating $n entities in de, en, tr …" >&2
    rm -rf "$dir/ml-$n"
    python3 benches/generate.py "$n" "$dir/ml-$n" --languages de,en,tr
    echo "$gen_hash" > "$dir/ml-$n/.gen"
  fi
}

# Runs a command under GNU time; prints "wall_seconds peak_rss_kb".
measure() {
  local log
  log=$(mktemp)
  if ! /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>"$log.err"; then
    cat "$log.err" >&2
    echo "failed: $*" >&2
    exit 1
  fi
  tail -1 "$log"
  rm -f "$log" "$log.err"
}

results="$dir/results.txt"
: > "$results"
for n in $sizes; do
  generate "$n"
  for r in $(seq 1 "$runs"); do
    out="$dir/out-lotse-$n"
    rm -rf "$out"
    read -r t m < <(measure "$bin" --root "$dir/site-$n" build --output "$out" --today 2026-11-22)
    pages=$(find "$out" -name '*.html' | wc -l)
    echo "lotse $n $r $t $m $pages" | tee -a "$results" >&2
    if [ "$multi" = 1 ]; then
      rm -rf "$out"
      read -r t m < <(measure "$bin" --root "$dir/ml-$n" build --output "$out" --today 2026-11-22)
      pages=$(find "$out" -name '*.html' | wc -l)
      echo "lotse-3lang $n $r $t $m $pages" | tee -a "$results" >&2
    fi
    if [ "$use_hugo" = 1 ]; then
      out="$dir/out-hugo-$n"
      rm -rf "$out"
      read -r t m < <(measure "$hugo" --quiet -s "$dir/hugo-$n" -d "$out")
      pages=$(find "$out" -name '*.html' | wc -l)
      echo "hugo $n $r $t $m $pages" | tee -a "$results" >&2
    fi
  done
  rm -rf "$dir/out-lotse-$n" "$dir/out-hugo-$n"
done

disk_line=""
if [ "$disk" = 1 ] && [[ " $sizes " == *" 10000 "* ]]; then
  # Same build, output on the real disk (slow and noisy on these machines).
  out=target/bench-disk-out
  ts=()
  for r in 1 2 3; do
    rm -rf "$out"
    sync
    read -r t m < <(measure "$bin" --root "$dir/site-10000" build --output "$out" --today 2026-11-22)
    ts+=("$t")
  done
  rm -rf "$out"
  disk_line="${ts[*]}"
fi

python3 - "$results" "$disk_line" <<'EOF'
import math, statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
data = {}
for tool, n, _, t, m, pages in rows:
    data.setdefault((tool, int(n)), []).append((float(t), int(m), int(pages)))
sizes = sorted({n for _, n in data})
print()
print("| N | tool | pages | wall s (median) | pages/s | peak RSS MB (median) | lotse time / Hugo time |")
print("|---:|---|---:|---:|---:|---:|---:|")
med = {}
for n in sizes:
    for tool in ("lotse", "lotse-3lang", "hugo"):
        if (tool, n) not in data:
            continue
        xs = data[(tool, n)]
        t = statistics.median(x[0] for x in xs)
        m = statistics.median(x[1] for x in xs) / 1024
        pages = xs[0][2]
        med[(tool, n)] = (t, m)
        ratio = ""
        if tool == "lotse" and ("hugo", n) in data:
            ht = statistics.median(x[0] for x in data[("hugo", n)])
            ratio = f"{t / ht:.2f}×"
        if tool == "lotse-3lang":
            lt = statistics.median(x[0] for x in data[("lotse", n)])
            ratio = f"{t / lt:.2f}× of one-language lotse"
        print(f"| {n:,} | {tool} | {pages:,} | {t:.2f} | {pages / max(t, 1e-9):,.0f} | {m:,.0f} | {ratio} |")
runs = max(len(v) for v in data.values())
print(f"\n(medians of {runs} interleaved runs each; outputs on tmpfs)")
ns = [n for n in sizes if ("lotse", n) in med]
if len(ns) >= 2:
    def slope(ys):
        xs = [math.log(n) for n in ns]
        ys = [math.log(y) for y in ys]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    print(f"lotse scaling exponent, N = {ns[0]:,} … {ns[-1]:,}: time ∝ N^{slope([med[('lotse', n)][0] for n in ns]):.2f}, "
          f"peak RSS ∝ N^{slope([med[('lotse', n)][1] for n in ns]):.2f}")
if sys.argv[2]:
    ts = [float(x) for x in sys.argv[2].split()]
    print(f"lotse, N = 10,000, output on disk (target/): median {statistics.median(ts):.2f} s of {len(ts)} runs ({', '.join(f'{t:.2f}' for t in ts)})")
EOF

if [ "$serve" = 1 ]; then
  echo
  benches/serve_edit.sh
fi
