#!/usr/bin/env bash
# Measures the issue's scale targets outside criterion (each run takes
# seconds to a minute): generating 1,000,000 sellers × 10,000 buyers, and
# ranking every buyer's top 10 as CSV, with wall time and peak memory.
# Usage: bash benches/scale.sh [WORK_DIR]   (needs GNU time: /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-target/scale}"
mkdir -p "$work"
cargo build --release --quiet
bin=target/release/matchslate
timed() { /usr/bin/time -f "  wall %e s, peak memory %M KiB" "$@"; }

echo "generate --sellers 1000000 --buyers 10000"
timed "$bin" generate --sellers 1000000 --buyers 10000 --seed 7 --out "$work/big" --force >/dev/null
du -h "$work/big/sellers.json" | sed 's/^/  /'

echo "rank --top 10 --format csv on it"
timed "$bin" rank --data "$work/big" --top 10 --format csv >"$work/rank.csv"
echo "  $(($(wc -l <"$work/rank.csv") - 1)) rows"

echo "rank --top 10 on the demo"
timed "$bin" rank --top 10 --format csv >/dev/null
