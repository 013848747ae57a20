#!/usr/bin/env bash
# How long does a pre-commit run take? A generated 5,000-file project in a git repository, 3 files edited and
# staged, then `connlint check --staged` (what `connlint install-hook` runs): cold (no facts cache), and warm (the
# cache filled by an earlier run, as on a developer's machine after the first commit). Target: under 1 s warm.
#
#   bench/precommit_bench.sh [CONNLINT] [FILES] [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
connlint="$(realpath "${1:-$here/../build/connlint}")"
files="${2:-5000}"
runs="${3:-5}"
work="/tmp/connlint-bench/precommit-$files"
if [[ ! -d "$work/.git" ]]; then
  rm -rf "$work"
  python3 "$here/gen_ts_corpus.py" --files "$files" --out "$work" >/dev/null
  (cd "$work" && git init -q . && git config user.email bench@example.com && git config user.name bench &&
   git add -A && git commit -qm corpus)
fi
cd "$work"
git reset -q --hard
mapfile -t picked < <(git ls-files 'src/services/*.ts' | head -n 3)
for f in "${picked[@]}"; do printf '\n// edited for the pre-commit benchmark\n' >> "$f"; done
git add "${picked[@]}"

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
timed() {  # seconds for one run of the command
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

rm -rf .connlint-cache
cold=$(for _ in $(seq "$runs"); do rm -rf .connlint-cache; timed "$connlint" check --staged --quiet; done | median)
"$connlint" check --staged --quiet >/dev/null 2>&1 || true   # fill the cache once
warm=$(for _ in $(seq "$runs"); do timed "$connlint" check --staged --quiet; done | median)
nocache=$(for _ in $(seq "$runs"); do timed "$connlint" check --staged --quiet --no-cache; done | median)
lines=$(git ls-files '*.ts' '*.tsx' | xargs cat | wc -l)
git reset -q --hard
printf '| project | staged files | cold (empty cache) | warm (cache filled) | --no-cache |\n|---|---|---|---|---|\n'
printf '| %s files, %s lines | %s | %.2f s | %.2f s | %.2f s |\n' "$files" "$lines" "${#picked[@]}" "$cold" "$warm" "$nocache"
