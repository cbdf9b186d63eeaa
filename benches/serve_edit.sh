#!/usr/bin/env bash
# Benchmark of `lotse serve` on a generated site with 10,000 offers: edit →
# visible over HTTP, and 2,000 requests from 32 clients while rebuilds run.
# See examples/serve_bench.rs for what is measured.
# usage: benches/serve_edit.sh [SITE_DIR] [--edits N] [--port P]
set -euo pipefail
cd "$(dirname "$0")/.."
site=${1:-target/bench-10k-offers}
shift || true
if [ ! -d "$site/content" ]; then
  # 12,046 entities of benches/generate.py's mix = exactly 10,000 offers.
  python3 benches/generate.py 12046 "$site"
fi
cargo build --release --quiet --bin lotse --example serve_bench
exec target/release/examples/serve_bench "$site" --bin target/release/lotse "$@"
