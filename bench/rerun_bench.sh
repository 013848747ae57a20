#!/usr/bin/env bash
# Re-runs over a whole project with the facts cache (issue 8: an unchanged re-run at most 10% of the cold run; after
# editing one file, close to the warm time). One thread, so that the ratios compare work, not scheduling:
#   cold      the cache emptied first
#   warm      nothing changed since the previous run
#   edit-one  one service file changed (a line appended) since the previous run, so its facts are rebuilt
# Prints the medians of RUNS runs of each, their ratios to cold, and the peak RSS.
#
#   bench/rerun_bench.sh [CONNLINT] [FILES] [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
connlint="$(realpath "${1:-$here/../build/connlint}")"
files="${2:-8000}"
runs="${3:-3}"
corpus="/tmp/connlint-bench/ts-$files"
[[ -d "$corpus" ]] || python3 "$here/gen_ts_corpus.py" --files "$files" --out "$corpus" >/dev/null
cache="$(mktemp -d /tmp/connlint-rerun-cache.XXXXXX)"
edited="$(cd "$corpus" && find src/services -name '*.service.ts' | sort | awk 'NR == 1')"  # awk reads it all: no SIGPIPE under pipefail
original="$(mktemp)"
cp "$corpus/$edited" "$original"
trap 'cp "$original" "$corpus/$edited"; rm -rf "$cache" "$original"' EXIT

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
run() {  # prints "wall_seconds peak_rss_kb" for one run
  local stats
  stats="$(mktemp)"
  (cd "$corpus" && /usr/bin/time -o "$stats" -f '%e %M' "$connlint" check -j1 --cache-dir "$cache" --format json . \
     >/dev/null 2>&1) || true
  tail -n 1 "$stats"  # GNU time puts "Command exited with non-zero status 1" first (findings: exit 1)
  rm -f "$stats"
}

declare -A wall rss
for kind in cold warm edit-one; do wall[$kind]=""; rss[$kind]=0; done
for ((i = 0; i < runs; ++i)); do
  rm -rf "${cache:?}"/*
  read -r w r < <(run); wall[cold]+="$w "; (( r > rss[cold] )) && rss[cold]=$r
  read -r w r < <(run); wall[warm]+="$w "; (( r > rss[warm] )) && rss[warm]=$r
  printf '\n// edited by rerun_bench.sh, run %d\n' "$i" >>"$corpus/$edited"
  read -r w r < <(run); wall[edit-one]+="$w "; (( r > rss[edit-one] )) && rss[edit-one]=$r
done

cold="$(tr ' ' '\n' <<<"${wall[cold]}" | grep . | median)"
echo "corpus: $corpus ($files files), $runs runs, one thread; edited file: $edited"
echo "| run | median wall s | / cold | peak RSS MiB |"
echo "|---|---|---|---|"
for kind in cold warm edit-one; do
  m="$(tr ' ' '\n' <<<"${wall[$kind]}" | grep . | median)"
  awk -v k="$kind" -v m="$m" -v c="$cold" -v r="${rss[$kind]}" \
    'BEGIN { printf "| %s | %.2f | %.1f%% | %.0f |\n", k, m, 100 * m / c, r / 1024 }'
done
