#!/usr/bin/env bash
# The real validators over the example site, the test fixtures and a
# `lotse init` site (tests/validators/README.md). Needs what
# scripts/test-all.sh installs; fails, naming it, when a tool is missing.
#   tests/validators/run.sh [--keep DIR] [--only html,atom,...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
py="${LOTSE_VALIDATORS_PYTHON:-$repo/target/ci-venv/bin/python}"
[ -x "$py" ] || { echo "validators: $py is missing (scripts/test-all.sh makes it)" >&2; exit 2; }
"$py" -c 'import pyld, feedparser, icalendar' || { echo "validators: pyld, feedparser or icalendar is missing in $py" >&2; exit 2; }
[ -d "$here/node_modules/vnu-jar" ] && [ -d "$here/node_modules/ical.js" ] \
  || { echo "validators: run \`npm ci\` in tests/validators" >&2; exit 2; }
lotse="${LOTSE_BIN:-$repo/target/debug/lotse}"
[ -x "$lotse" ] || { echo "validators: $lotse is missing (cargo build)" >&2; exit 2; }
exec "$py" "$here/run.py" --lotse "$lotse" "$@"
