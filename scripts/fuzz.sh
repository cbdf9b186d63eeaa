#!/usr/bin/env bash
# Runs each fuzz target of fuzz/ for a bounded time, one after another (so
# that it takes one core), and prints executions and crashes per target.
#
#   scripts/fuzz.sh [seconds per target] [target ...]
#
# Needs a nightly toolchain and cargo-fuzz:
#   rustup toolchain install nightly && cargo install cargo-fuzz
# A crash is saved under fuzz/artifacts/<target>/; copy it to
# fuzz/regressions/<target>/ when it is fixed, where `cargo test` replays it
# (`fuzz::tests::fuzz_regressions_stay_fixed`).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(content_file markdown serve_path)
fi
cargo +nightly fuzz build
status=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  # Beside, not in, artifacts/<target>/: cargo-fuzz reports the newest
  # file there as the crashing input.
  log="artifacts/$t-last-run.log"
  # The regression inputs seed the corpus: mutations near old crashes.
  found() { find "artifacts/$t" \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l; }
  before=$(found)
  set +e
  cargo +nightly fuzz run "$t" "corpus/$t" "regressions/$t" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    >"$log" 2>&1
  code=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  crashes=$(($(found) - before))
  echo "$t: ${seconds} s, ${execs} execs, exit ${code}, ${crashes} new crash/timeout/oom in fuzz/artifacts/$t/ (log: fuzz/$log)"
  [ "$code" -eq 0 ] || status=1
done
exit "$status"
