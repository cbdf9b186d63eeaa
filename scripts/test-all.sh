#!/usr/bin/env bash
# Runs every test of lotse on a fresh Debian machine: installs what the
# tests need, then formatting, lints, the test suite and the acceptance site.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v git >/dev/null 2>&1 || need_apt+=(git)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v wrk >/dev/null 2>&1 || need_apt+=(wrk)
# The publishing tests: the CI files read with PyYAML, the deploy/ examples
# run in real servers (in /usr/sbin, not on a normal user's PATH).
python3 -c 'import yaml' >/dev/null 2>&1 || need_apt+=(python3-yaml)
# The vCard files are parsed with vobject (tests/it/contacts.rs); Debian's
# package is for the system python3 in /usr/bin.
has_vobject() { python3 -c 'import vobject' 2>/dev/null || /usr/bin/python3 -c 'import vobject' 2>/dev/null; }
has_vobject || need_apt+=(python3-vobject)
python3 -c 'import ensurepip' >/dev/null 2>&1 || need_apt+=(python3-venv)
# The validators of tests/validators: the Nu Html Checker runs on Java,
# jing checks the Atom feeds, xmllint the sitemap.
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
command -v jing >/dev/null 2>&1 || need_apt+=(jing)
command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils)
# scripts/update-cms.sh --check hashes the vendored Decap CMS bundle.
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
command -v sha256sum >/dev/null 2>&1 || need_apt+=(coreutils)
[ -x /usr/sbin/nginx ] || need_apt+=(nginx)
[ -x /usr/sbin/apache2 ] || need_apt+=(apache2)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
# The tests fail without these (git history, search.js in node, the wrk
# load test, the browser suite); stop here, naming what is missing.
for tool in chromium git node npm wrk java jing xmllint openssl sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || { echo "test-all.sh: \`$tool\` is missing after the install" >&2; exit 1; }
done
for tool in /usr/sbin/nginx /usr/sbin/apache2; do
  [ -x "$tool" ] || { echo "test-all.sh: \`$tool\` is missing after the install" >&2; exit 1; }
done
python3 -c 'import yaml' || { echo "test-all.sh: PyYAML (python3-yaml) is missing after the install" >&2; exit 1; }
has_vobject || { echo "test-all.sh: vobject (python3-vobject) is missing after the install" >&2; exit 1; }
# check-jsonschema (PyPI) carries GitLab's CI and GitHub's workflow schemas:
# the publishing files of `lotse init` are validated against them
# (tests/it/publish.rs). In a venv of its own, kept in target/.
if [ ! -x target/ci-venv/bin/check-jsonschema ]; then
  python3 -m venv target/ci-venv
  target/ci-venv/bin/pip install --quiet --disable-pip-version-check check-jsonschema
fi
export LOTSE_CHECK_JSONSCHEMA="$PWD/target/ci-venv/bin/check-jsonschema"
# pyshacl (PyPI) checks the DCAT-AP.de catalogue against GovData's shapes
# (tests/validators/shacl); in the same venv, through its python (the
# venv's pip script names the folder it was made in).
has_pyshacl() { target/ci-venv/bin/python -c 'import pyshacl' 2>/dev/null; }
has_pyshacl || target/ci-venv/bin/python -m pip install --quiet --disable-pip-version-check pyshacl
has_pyshacl || { echo "test-all.sh: pyshacl is missing in target/ci-venv after the install" >&2; exit 1; }
# The validators' Python side (tests/validators): pyld for JSON-LD,
# feedparser for the feeds, icalendar for the calendars. `python -m pip`:
# the venv's pip script may name another folder's python after a copy.
if ! target/ci-venv/bin/python -c 'import pyld, feedparser, icalendar' 2>/dev/null; then
  target/ci-venv/bin/python -m pip install --quiet --disable-pip-version-check pyld feedparser icalendar
fi
target/ci-venv/bin/python -c 'import pyld, feedparser, icalendar' \
  || { echo "test-all.sh: pyld, feedparser or icalendar is missing after the install" >&2; exit 1; }

cargo fmt --all -- --check
# The vendored editor (/admin/, docs/cms.md) is the pinned npm release:
# its files match the recorded sha256 and Subresource Integrity values.
scripts/update-cms.sh --check
python3 scripts/check-doc-links.py
cargo clippy --all-targets --quiet -- -D warnings
# The import graph of src/: no circle, no import of a higher layer (also a
# test in tests/it/layers.rs; here first, so a circle fails in seconds).
python3 scripts/check-layers.py --self-test
python3 scripts/check-layers.py
cargo test --quiet

# The debug binary serves the acceptance site and the browser suite: the
# release profile's link-time optimisation would add minutes and test
# nothing more.
cargo build --quiet

# The example site's DCAT-AP.de catalogue: 0 violations under GovData's
# 3.0 shapes and its 2.0 conventions profile; and a site without
# [open_data] must fail them (no contributorID), so the check can fail.
shacl_tmp="$(mktemp -d)"
target/debug/lotse build --root . -o "$shacl_tmp/example" >/dev/null
tests/validators/shacl/run.sh "$shacl_tmp/example"
target/debug/lotse build --root tests/fixtures/outputs -o "$shacl_tmp/fixture" >/dev/null
if tests/validators/shacl/run.sh "$shacl_tmp/fixture" >"$shacl_tmp/fixture.log" 2>&1; then
  echo "test-all.sh: the SHACL check passed a catalogue without contributorID" >&2; exit 1
fi
grep -q "K12&13" "$shacl_tmp/fixture.log" || { echo "test-all.sh: the SHACL check did not report K12/13" >&2; exit 1; }
rm -rf "$shacl_tmp"
# Every output held to its real validator (tests/validators/README.md):
# vnu.jar and ical.js from npm, pinned by the package-lock.
(cd tests/validators && npm ci --no-audit --no-fund --loglevel=error)
tests/validators/run.sh

# A site written by another author from the contract alone, when present.
if [ -x ../shared/acceptance/check.sh ]; then
  ../shared/acceptance/check.sh "$PWD/target/debug/lotse"
fi

# The browser suite (tests/browser): every page type in Debian's Chromium,
# axe-core for WCAG 2.1 AA, search, filters, live reload, screenshots. Last,
# so that the test runner's summary closes the output.
(
  cd tests/browser
  npm ci --no-audit --no-fund --loglevel=error
  LOTSE_BIN="$PWD/../../target/debug/lotse" node --test --test-reporter=spec --test-concurrency=1 ./*.test.mjs
)
