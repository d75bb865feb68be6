#!/bin/sh
# Runs one fuzz target for a while with the settings docs/FUZZING.md records.
#   fuzz/run.sh <front_matter|page|serve_path> [seconds]     (from the repository root)
# New inputs go to fuzz/target/work/<target>/ (git-ignored); the committed seeds in
# fuzz/corpus/<target>/ are only read. Findings land in fuzz/artifacts/<target>/.
set -eu
target=${1:?usage: fuzz/run.sh <front_matter|page|serve_path> [seconds]}
seconds=${2:-300}
cd "$(dirname "$0")/.."
mkdir -p "fuzz/target/work/$target"
case "$target" in
    front_matter) extra="" ;;
    # The page target is slow (a whole site per input): fork mode keeps fuzzing past a
    # timeout and records each one in fuzz/artifacts/page/.
    page) extra="-max_len=65536 -fork=1 -ignore_timeouts=1" ;;
    serve_path) extra="-max_len=4096" ;;
    *) echo "unknown target: $target" >&2; exit 2 ;;
esac
# The stable compiler takes cargo-fuzz's -Z flags with RUSTC_BOOTSTRAP=1.
# shellcheck disable=SC2086
RUSTC_BOOTSTRAP=1 CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2} cargo fuzz run "$target" \
    "fuzz/target/work/$target" "fuzz/corpus/$target" -- \
    -dict="fuzz/dicts/$target.dict" -max_total_time="$seconds" \
    -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 $extra
