#!/usr/bin/env bash
# Vendors Decap CMS (the editor behind /admin/, docs/cms.md) from its npm
# package at a pinned version: only the minified bundle and its licences.
#
#   scripts/update-cms.sh            re-vendor the pinned version (VERSION)
#   scripts/update-cms.sh 3.17.0     vendor another version and pin it
#   scripts/update-cms.sh --check    verify the vendored files, download nothing
#
# The tarball from the registry is checked against the registry's
# sha512 integrity (the same check `npm install` makes); the vendored
# bundle's sha256 and its Subresource Integrity value go to SHA256SUMS and
# INTEGRITY, which --check (and a unit test) compare with the files.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=vendor/decap-cms
files=(decap-cms.js LICENSE decap-cms.js.LICENSE.txt)

if [ "${1:-}" = "--check" ]; then
  (cd "$dir" && sha256sum --check --quiet SHA256SUMS)
  sri="sha384-$(openssl dgst -sha384 -binary "$dir/decap-cms.js" | base64 -w0)"
  [ "$sri" = "$(cat "$dir/INTEGRITY")" ] || { echo "update-cms.sh: INTEGRITY does not match decap-cms.js" >&2; exit 1; }
  echo "vendored Decap CMS $(cat "$dir/VERSION"): files match SHA256SUMS and INTEGRITY"
  exit 0
fi

version="${1:-$(cat "$dir/VERSION")}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
expected="$(npm view "decap-cms@$version" dist.integrity)"
[ -n "$expected" ] || { echo "update-cms.sh: npm knows no decap-cms@$version" >&2; exit 1; }
(cd "$tmp" && npm pack --silent "decap-cms@$version" >/dev/null)
tgz="$tmp/decap-cms-$version.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [ "$actual" != "$expected" ]; then
  echo "update-cms.sh: integrity mismatch for decap-cms@$version" >&2
  echo "  registry: $expected" >&2
  echo "  tarball:  $actual" >&2
  exit 1
fi
tar xzf "$tgz" -C "$tmp"
cp "$tmp/package/dist/decap-cms.js" "$dir/decap-cms.js"
cp "$tmp/package/dist/decap-cms.js.LICENSE.txt" "$dir/decap-cms.js.LICENSE.txt"
# The npm package has no LICENSE file (package.json says "MIT"): the
# project's own MIT text with its copyright line is kept in $dir/LICENSE.
grep -q '"license": "MIT"' "$tmp/package/package.json" || { echo "update-cms.sh: decap-cms@$version is no longer MIT: check vendor/decap-cms/LICENSE" >&2; exit 1; }
echo "$version" > "$dir/VERSION"
echo "$expected" > "$dir/TARBALL-INTEGRITY"
(cd "$dir" && sha256sum "${files[@]}" > SHA256SUMS)
echo "sha384-$(openssl dgst -sha384 -binary "$dir/decap-cms.js" | base64 -w0)" > "$dir/INTEGRITY"
echo "vendored Decap CMS $version ($(wc -c < "$dir/decap-cms.js") bytes), tarball integrity checked"
