#!/usr/bin/env bash
# Writes static/vendor/ts-fsrs.min.js (the pinned ts-fsrs UMD build, minified by terser), its
# LICENSE and a VERSION file. The output is committed; run this only to change the version:
#   npm ci --prefix tools/ts-fsrs && tools/ts-fsrs/vendor.sh
# `vendor.sh --check` rebuilds into a temporary file and fails if the committed copy differs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../static/vendor"
pkg="$here/node_modules/ts-fsrs"
version="$(node -p "require('$pkg/package.json').version")"
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
{
  printf '/*! ts-fsrs %s | MIT License | https://github.com/open-spaced-repetition/ts-fsrs */\n' "$version"
  "$here/node_modules/.bin/terser" "$pkg/dist/index.umd.js" -c -m --comments false
  printf '\n'
} >"$tmp"
if [ "${1:-}" = "--check" ]; then
  cmp "$tmp" "$out/ts-fsrs.min.js" && cmp "$pkg/LICENSE" "$out/ts-fsrs.LICENSE" &&
    [ "$(cat "$out/ts-fsrs.VERSION")" = "$version" ]
  echo "static/vendor/ts-fsrs.min.js matches ts-fsrs $version"
  exit 0
fi
mkdir -p "$out"
cp "$tmp" "$out/ts-fsrs.min.js"
cp "$pkg/LICENSE" "$out/ts-fsrs.LICENSE"
echo "$version" >"$out/ts-fsrs.VERSION"
echo "wrote static/vendor/ts-fsrs.min.js (ts-fsrs $version, $(wc -c <"$out/ts-fsrs.min.js") bytes)"
