#!/usr/bin/env bash
# Validates <public-dir>/daten/katalog.{ttl,rdf,jsonld} with pyshacl
# against GovData's DCAT-AP.de shapes (3.0 specification; 2.0
# specification + conventions). Exit 0: 0 violations under both.
# Python: $LOTSE_PYTHON, else target/ci-venv (scripts/test-all.sh
# installs pyshacl there), else python3; a missing pyshacl fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
py="${LOTSE_PYTHON:-}"
if [ -z "$py" ]; then
  if [ -x "$root/target/ci-venv/bin/python" ]; then py="$root/target/ci-venv/bin/python"; else py=python3; fi
fi
if ! "$py" -c 'import pyshacl' 2>/dev/null; then
  echo "shacl: pyshacl is not installed for $py (scripts/test-all.sh installs it into target/ci-venv)" >&2
  exit 1
fi
exec "$py" "$here/run.py" "$@"
