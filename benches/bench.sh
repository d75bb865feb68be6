#!/usr/bin/env bash
# Speed benchmark of issue 5: cramdown against Hugo on the same synthetic question bank.
#
#   benches/bench.sh                 # N = 1,000 and 10,000 (both tools), then 100,000 (cramdown)
#   benches/bench.sh 1000 10000      # only these sizes (100,000 runs cramdown alone when listed)
#   SKIP_100K=1 benches/bench.sh     # the default sizes without 100,000
#
# Environment: RUNS (runs per measurement, default 5; the median is reported), RUNS_100K
# (default 3), EDITS (incremental rebuilds measured per size, default 5), SEED (corpus seed,
# default 1), BENCH_DIR (corpora and disk outputs, default target/bench under the repository),
# SHM_DIR (tmpfs outputs, default /dev/shm/cramdown-bench), PORT (first port for serve, 8411),
# CRAMDOWN_BIN (the binary to measure, default target/release/cramdown), NO_BUILD=1 (measure the
# binaries already built instead of running cargo first).
#
# For each size it writes the corpus (examples/corpus.rs) and measures, alternating the tools
# run by run: cold builds (empty output folder, no cache) of cramdown and Hugo with the output on
# the disk and on /dev/shm, each under /usr/bin/time (wall, user+sys CPU, peak RSS); then
# cramdown's incremental rebuild in `cramdown serve` after appending a line to one question's
# answer and after changing its title, as cramdown reports it on stderr (`rebuilt ... in <ms> ms`;
# "n/a" when serve does not exist yet); and the sizes of the home page, the largest page and the
# search index (the first search downloads only part of it: benches/search.mjs measures that).
# It prints a Markdown table (also saved as $BENCH_DIR/results.md).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-5}
RUNS_100K=${RUNS_100K:-3}
EDITS=${EDITS:-5}
SEED=${SEED:-1}
BENCH_DIR=${BENCH_DIR:-$REPO/target/bench}
SHM_DIR=${SHM_DIR:-/dev/shm/cramdown-bench}
PORT=${PORT:-8411}

if [ $# -gt 0 ]; then
    SIZES=("$@")
else
    SIZES=(1000 10000)
    [ "${SKIP_100K:-0}" = 1 ] || SIZES+=(100000)
fi

log() { printf '%s\n' "$*" >&2; }

# --- Tools -----------------------------------------------------------------------------------
need_apt=()
command -v hugo >/dev/null 2>&1 || need_apt+=(hugo)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
    log "installing ${need_apt[*]}"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
log "$(hugo version | head -1)"

if [ "${NO_BUILD:-0}" != 1 ]; then
    log "building cramdown and the corpus generator (release)"
    (cd "$REPO" && cargo build --release --quiet && cargo build --release --quiet --example corpus)
fi
CRAMDOWN=${CRAMDOWN_BIN:-$REPO/target/release/cramdown}
CORPUS=$REPO/target/release/examples/corpus

mkdir -p "$BENCH_DIR" "$SHM_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)   # absolute: serve is given an absolute --root
SHM_DIR=$(cd "$SHM_DIR" && pwd)
TIMEFILE=$BENCH_DIR/time.txt

# --- Measuring -------------------------------------------------------------------------------
# measure NAME CMD...: runs CMD under /usr/bin/time; appends "wall cpu rss_kib" to $BENCH_DIR/NAME.
measure() {
    local name=$1; shift
    if ! /usr/bin/time -f '%e %U %S %M' -o "$TIMEFILE" "$@" >"$BENCH_DIR/last.log" 2>&1; then
        log "FAILED: $*"; cat "$BENCH_DIR/last.log" >&2; exit 1
    fi
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$TIMEFILE" >>"$BENCH_DIR/$name"
}

# median FILE COLUMN
median() {
    sort -n -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END {
        if (NR == 0) { print "n/a"; exit }
        if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

fresh() { rm -rf "$1" "$(dirname "$1")"/."$(basename "$1")".cramdown-*; sync; }

cram_cold() { # SITE OUT
    fresh "$2"
    measure "$3" "$CRAMDOWN" --root "$1" build --output "$2"
}

hugo_cold() { # SITE OUT NAME
    fresh "$2"
    rm -rf "$1/resources" "$BENCH_DIR/hugo-cache"; mkdir -p "$BENCH_DIR/hugo-cache"
    measure "$3" hugo --quiet --gc=false --noBuildLock --ignoreCache \
        --cacheDir "$BENCH_DIR/hugo-cache" --source "$1" --destination "$2"
}

# edit_answer FILE / edit_title FILE: the two kinds of edit measured in serve.
edit_answer() { printf '\nAn appended line, edited at %s.\n' "$(date +%s%N)" >>"$1"; }
edit_title() { sed -i -E "0,/^title( =|:) /s/^(title( =|:) \"?)/\1Edited $(date +%s%N): /" "$1"; }

# incremental SITE N: medians of EDITS rebuild times reported by `cramdown serve` for an answer
# edit and for a title edit, as "answer title", or "n/a n/a".
incremental() {
    local site=$1 n=$2 port=$((PORT + ${#INCR[@]}))
    if ! "$CRAMDOWN" serve --help >/dev/null 2>&1; then
        echo "n/a n/a"; return
    fi
    local errlog=$BENCH_DIR/serve-$n.log
    rm -rf "$site/public"
    "$CRAMDOWN" serve --root "$site" --port "$port" >"$errlog" 2>&1 &
    local pid=$!
    local ok=0
    for _ in $(seq 1 1200); do   # up to 120 s for the first build
        if grep -Eq "https?://[^ ]*:$port|127\.0\.0\.1:$port|localhost:$port" "$errlog"; then ok=1; break; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if [ $ok = 0 ]; then
        log "serve did not print its address; see $errlog"
        kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
        echo "n/a n/a"; return
    fi
    # Let the first build finish: wait until the log has been quiet for a second.
    local size=-1
    while [ "$(stat -c %s "$errlog")" != "$size" ]; do size=$(stat -c %s "$errlog"); sleep 1; done
    local files; mapfile -t files < <(find "$site/content" -name '*.md' ! -name '_index.md' | sort | head -n "$EDITS")
    local result=""
    for kind in answer title; do
        local times=$BENCH_DIR/incr-$kind-$n.txt; : >"$times"
        for f in "${files[@]}"; do
            cp "$f" "$BENCH_DIR/edit-backup.md"
            local before; before=$(grep -Ec '^rebuilt .* in [0-9.]+ ms' "$errlog" || true)
            "edit_$kind" "$f"
            local ms=""
            for _ in $(seq 1 300); do   # up to 30 s
                local now; now=$(grep -Ec '^rebuilt .* in [0-9.]+ ms' "$errlog" || true)
                if [ "$now" -gt "$before" ]; then
                    ms=$(grep -E '^rebuilt .* in [0-9.]+ ms' "$errlog" | tail -1 | sed -E 's/^rebuilt .* in ([0-9.]+) ms.*/\1/')
                    break
                fi
                sleep 0.1
            done
            [ -n "$ms" ] && echo "$ms" >>"$times"
            # Put the question back and let that rebuild finish before the next edit.
            before=$(grep -Ec '^rebuilt .* in [0-9.]+ ms' "$errlog" || true)
            cp "$BENCH_DIR/edit-backup.md" "$f"
            for _ in $(seq 1 300); do
                [ "$(grep -Ec '^rebuilt .* in [0-9.]+ ms' "$errlog" || true)" -gt "$before" ] && break
                sleep 0.1
            done
        done
        if [ -s "$times" ]; then result="$result $(median "$times" 1)"; else result="$result n/a"; fi
    done
    kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
    echo $result
}

mib() { awk -v k="$1" 'BEGIN { if (k == "n/a") print "n/a"; else printf "%.0f\n", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.2f\n", a / b }'; }

# --- Runs ------------------------------------------------------------------------------------
ROWS=()
RATIOS=()
EXTRA=()
INCR=()
for n in "${SIZES[@]}"; do
    corpus=$BENCH_DIR/corpus-$n
    log "== N=$n: writing the corpus"
    "$CORPUS" --count "$n" --seed "$SEED" --out "$corpus"
    runs=$RUNS; with_hugo=1
    if [ "$n" -ge 100000 ]; then runs=$RUNS_100K; with_hugo=0; fi
    rm -f "$BENCH_DIR"/{cram,hugo}-{disk,shm}-"$n"
    for r in $(seq 1 "$runs"); do
        log "   run $r/$runs"
        # Alternate the tools, and which one goes first, run by run.
        if [ $((r % 2)) = 1 ] || [ $with_hugo = 0 ]; then
            cram_cold "$corpus/cramdown" "$BENCH_DIR/out-$n-cramdown" "cram-disk-$n"
            if [ $with_hugo = 1 ]; then hugo_cold "$corpus/hugo" "$BENCH_DIR/out-$n-hugo" "hugo-disk-$n"; fi
            cram_cold "$corpus/cramdown" "$SHM_DIR/out-$n-cramdown" "cram-shm-$n"
            if [ $with_hugo = 1 ]; then hugo_cold "$corpus/hugo" "$SHM_DIR/out-$n-hugo" "hugo-shm-$n"; fi
        else
            hugo_cold "$corpus/hugo" "$BENCH_DIR/out-$n-hugo" "hugo-disk-$n"
            cram_cold "$corpus/cramdown" "$BENCH_DIR/out-$n-cramdown" "cram-disk-$n"
            hugo_cold "$corpus/hugo" "$SHM_DIR/out-$n-hugo" "hugo-shm-$n"
            cram_cold "$corpus/cramdown" "$SHM_DIR/out-$n-cramdown" "cram-shm-$n"
        fi
    done
    files=$(find "$SHM_DIR/out-$n-cramdown" -type f | wc -l)
    out=$SHM_DIR/out-$n-cramdown
    index=$(cat "$out/search-index.js" "$out"/search-index/*.js 2>/dev/null | wc -c)
    home=$(stat -c %s "$out/index.html")
    largest=$(find "$out" -name '*.html' -printf '%s\n' | sort -n | tail -1)
    outsize=$(du -sm "$out" | cut -f1)
    kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'; }
    EXTRA+=("| $n | $files | $outsize MiB | $(kb "$home") | $(kb "$largest") | $(awk -v b="$index" 'BEGIN { printf "%.2f MB", b / 1e6 }') |")
    if [ $with_hugo = 1 ]; then
        hfiles=$(find "$SHM_DIR/out-$n-hugo" -type f | wc -l)
        hsize=$(du -sm "$SHM_DIR/out-$n-hugo" | cut -f1)
        EXTRA[-1]="${EXTRA[-1]} $hfiles | $hsize MiB |"
    else
        EXTRA[-1]="${EXTRA[-1]} | |"
    fi
    rm -rf "$SHM_DIR/out-$n-hugo"
    log "   incremental rebuilds in serve"
    incr=$(incremental "$corpus/cramdown" "$n")
    for where in disk shm; do
        for tool in cram hugo; do
            f=$BENCH_DIR/$tool-$where-$n
            [ -s "$f" ] || continue
            name=cramdown; [ $tool = hugo ] && name="Hugo"
            ROWS+=("| $n | $name | $where | $(median "$f" 1) | $(median "$f" 2) | $(mib "$(median "$f" 3)") |")
        done
        if [ $with_hugo = 1 ]; then
            c=$BENCH_DIR/cram-$where-$n; h=$BENCH_DIR/hugo-$where-$n
            RATIOS+=("| $n | $where | $(ratio "$(median "$c" 1)" "$(median "$h" 1)") | $(ratio "$(median "$c" 2)" "$(median "$h" 2)") | $(ratio "$(median "$c" 3)" "$(median "$h" 3)") |")
        fi
    done
    INCR+=("| $n | ${incr% *} | ${incr#* } |")
    rm -rf "$SHM_DIR/out-$n-cramdown"
done

{
    echo "Cold builds: median of $RUNS runs ($RUNS_100K at 100,000), tools alternating; seed $SEED."
    echo
    echo "| N | tool | output | wall (s) | CPU user+sys (s) | peak RSS (MiB) |"
    echo "|---:|---|---|---:|---:|---:|"
    printf '%s\n' "${ROWS[@]}"
    if [ ${#RATIOS[@]} -gt 0 ]; then
        echo
        echo "| N | output | wall cramdown/Hugo | CPU cramdown/Hugo | peak RSS cramdown/Hugo |"
        echo "|---:|---|---:|---:|---:|"
        printf '%s\n' "${RATIOS[@]}"
    fi
    echo
    echo "| N | cramdown serve: an answer edit (ms, as logged, median of $EDITS) | a title edit (ms) |"
    echo "|---:|---:|---:|"
    printf '%s\n' "${INCR[@]}"
    echo
    echo "| N | cramdown files | cramdown output | home page | largest page | search index, all parts | Hugo files | Hugo output |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${EXTRA[@]}"
} | tee "$BENCH_DIR/results.md"
