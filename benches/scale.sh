#!/usr/bin/env bash
# The scale targets of issues 17 and 18, measured outside criterion (each
# run takes seconds to a minute), with wall time and peak memory:
#   - 1,000,000 sellers × 10,000 buyers (generated once, kept in target/):
#     validate, rank --top 10, opening the desk, schedule;
#   - the demo's participants with a taxonomy of 104,013 categories: validate;
#   - rank --top 10 on the demo.
# Opening the desk: the desk's loader runs `summit::OpenSummit::open`:
# `prepare_with_warnings` (load, check, match, place warnings), building the
# ranking indexes, and opening the store. `matchslate slates` runs that same
# call and then lists the saved versions of an empty store, so its wall time
# stands for the time to the desk's first usable screen (the desk itself
# needs a terminal); `examples/open_split.rs` then times its steps one by
# one (load, taxonomy, matcher profiles, unmapped terms, indexes, store).
# Each step prints the load average before it: on a shared machine, wall
# time depends on it; CPU time much less.
# Usage: bash benches/scale.sh [WORK_DIR]   (needs GNU time: /usr/bin/time)
# SKIP_SCHEDULE=1 leaves out the 1M schedule (about a minute; its export
# writes 1 GB: the four files and print/, 59,000 files of them pages and
# calendars). It prints its steps' times (MATCHSLATE_TIMINGS) before the
# wall time and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-target/scale}"
mkdir -p "$work"
cargo build --release --quiet --bin matchslate --example open_split
bin=target/release/matchslate
timed() { /usr/bin/time -f "  wall %e s, CPU %U s user + %S s system, peak memory %M KiB" "$@"; }
load() { echo "  (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"; }

big="$work/1m"
if [ ! -f "$big/sellers.json" ]; then
    echo "generate --sellers 1000000 --buyers 10000 --seed 1 (once, kept in $big)"
    timed "$bin" generate --sellers 1000000 --buyers 10000 --seed 1 --out "$big" --force >/dev/null
fi
du -h "$big/sellers.json" | sed 's/^/  /'

echo "validate, 1,000,000 × 10,000"
load
timed "$bin" validate --data "$big" >/dev/null || true

echo "rank --top 10 --format csv, 1,000,000 × 10,000"
load
MATCHSLATE_TIMINGS=1 timed "$bin" rank --data "$big" --top 10 --format csv 2>&1 >"$work/rank.csv" | sed "s/^/  /"
echo "  $(($(wc -l <"$work/rank.csv") - 1)) rows"

echo "desk open (OpenSummit::open, through \`slates\` on an empty store), 1,000,000 × 10,000"
rm -f "$work/desk.db"
load
timed "$bin" --data "$big" --db "$work/desk.db" slates >/dev/null
echo "  its steps (examples/open_split.rs: the same calls, each timed):"
target/release/examples/open_split "$big"

echo "schedule (default --time-limit), 1,000,000 × 10,000"
rm -f "$work/schedule.db"
load
[ -n "${SKIP_SCHEDULE:-}" ] || MATCHSLATE_TIMINGS=1 timed "$bin" --data "$big" --db "$work/schedule.db" schedule --out "$work/1m-out" 2>&1 | tail -n 4 | sed 's/^/  /'

taxonomy="$work/taxonomy-100k"
if [ ! -f "$taxonomy/taxonomy.json" ]; then
    mkdir -p "$taxonomy"
    cp data/event.json data/sellers.json data/buyers.json "$taxonomy/"
    # 10 roots × 100 groups × 100 leaves, a chain 3,000 deep, and cherries.
    {
        echo "["
        for r in $(seq 0 9); do
            echo "{\"id\":\"r$r\",\"name\":\"Root $r\",\"parent\":null},"
            for g in $(seq 0 99); do
                echo "{\"id\":\"g$r-$g\",\"name\":\"Group $r $g\",\"parent\":\"r$r\"},"
                seq 0 99 | sed "s/.*/{\"id\":\"l$r-$g-&\",\"name\":\"Leaf $r $g &\",\"parent\":\"g$r-$g\"},/"
            done
        done
        echo "{\"id\":\"c0\",\"name\":\"Chain 0\",\"parent\":null},"
        seq 1 2999 | awk '{printf "{\"id\":\"c%d\",\"name\":\"Chain %d\",\"parent\":\"c%d\"},\n", $1, $1, $1 - 1}'
        echo "{\"id\":\"cherries\",\"name\":\"Cherries\",\"parent\":\"g0-0\"},"
        echo "{\"id\":\"sweet-cherries\",\"name\":\"Sweet cherries\",\"parent\":\"cherries\"},"
        echo "{\"id\":\"tart-cherries\",\"name\":\"Tart cherries\",\"parent\":\"cherries\"}"
        echo "]"
    } >"$taxonomy/taxonomy.json"
fi
echo "validate, the demo with a taxonomy of 104,013 categories"
load
timed "$bin" validate --data "$taxonomy" | grep taxonomy | sed 's/^/  /' || true

echo "rank --top 10 --format csv on the demo"
load
timed "$bin" rank --top 10 --format csv >/dev/null
