#!/usr/bin/env bash
# Runs one libFuzzer target briefly from its seed corpus and prints a one-line summary (the fuzz_smoke_* tests).
#   smoke.sh FUZZER NAME SEED_DIRS WORK_DIR SECONDS [DICT]
# SEED_DIRS is a ':'-separated list (the committed seeds, the ones generated from the fixtures at build time).
# New inputs go to WORK_DIR/corpus, never into a seed directory. Fails on any crash, leak,
# timeout or out-of-memory, printing the end of the fuzzer's log and the reproducer's path.
set -uo pipefail
fuzzer="$1" name="$2" work="$4" seconds="$5" dict="${6:-}"
IFS=: read -r -a seeds <<<"$3"

rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts"
args=(-max_total_time="$seconds" -timeout=25 -rss_limit_mb=2560 -print_final_stats=1
      -artifact_prefix="$work/artifacts/")
[[ -n "$dict" ]] && args+=(-dict="$dict")
log="$work/fuzz.log"
start=$(date +%s)
"$fuzzer" "${args[@]}" "$work/corpus" "${seeds[@]}" >"$log" 2>&1
rc=$?
elapsed=$(( $(date +%s) - start ))

runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)
cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
corp=$(sed -n 's/.* corp: \([0-9]*\)\/.*/\1/p' <<<"$last")
seeded=$(find "${seeds[@]}" -type f | wc -l)
artifacts=$(find "$work/artifacts" -type f | wc -l)

if [[ $rc -ne 0 || $artifacts -ne 0 ]]; then
  echo "fuzz smoke ${name}: FAILED (exit ${rc}), see ${log}" >"$work/summary.txt"
  echo "fuzz smoke ${name}: FAILED (exit ${rc}) after ${elapsed}s; end of ${log}:"
  tail -n 80 "$log"
  find "$work/artifacts" -type f -printf 'reproducer: %p\n'
  exit 1
fi
echo "fuzz smoke ${name}: ok, ${runs:-?} runs in ${elapsed}s, cov ${cov:-?} ft ${ft:-?}," \
     "corpus ${corp:-?} inputs (from ${seeded} seeds), no crash" | tee "$work/summary.txt"
