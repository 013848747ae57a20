#!/usr/bin/env bash
# Times `connlint check` on C++ translation units against `clang++-14 -fsyntax-only` on the same units with the same
# flags (the floor: parsing is most of what either does), and prints a markdown table with the ratio.
#
#   bench/cpp_vs_syntax_only.sh                         # 50 generated TUs (bench/gen_cpp_corpus.py), 3 runs, -j1 and -j$(nproc)
#   bench/cpp_vs_syntax_only.sh --tus 200 --runs 5
#   bench/cpp_vs_syntax_only.sh --corpus /tmp/realcpp/osm2pgsql/build   # any folder with compile_commands.json
#
# Options:
#   --tus N        size of the generated corpus (default 50); reused from $BENCH_DIR/cpp-N (default
#                  BENCH_DIR=/tmp/connlint-bench) when it exists
#   --corpus DIR   a build folder holding compile_commands.json, instead of a generated corpus; its units are checked
#                  from the database's source root (the common parent of its files)
#   --runs N       timed runs per configuration (default 3), after one untimed warm-up run of each tool
#   --jobs "A B"   parallelism to compare (default "1 <nproc>"): connlint -jA versus A clang++ processes at a time
#   --binary PATH  connlint binary (default $CONNLINT, else <repo>/build/connlint)
#   --clang PATH   the compiler for the baseline (default clang++-14)
#
# The baseline runs each compile command with the compiler replaced by --clang, `-c`/`-o FILE`/dependency-file
# options removed and `-fsyntax-only` added, through `xargs -P`. connlint runs `check -p DIR -q -f json` over the same
# units. Wall times are medians of the runs (bash's `time`). Nothing here is part of the test suite.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
BENCH_DIR="${BENCH_DIR:-/tmp/connlint-bench}"
tus=50
corpus=""
runs=3
jobs="1 $(nproc 2>/dev/null || echo 2)"
binary="${CONNLINT:-$repo/build/connlint}"
clang="clang++-14"

while [ $# -gt 0 ]; do
  case "$1" in
    --tus) tus="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --binary) binary="$2"; shift 2 ;;
    --clang) clang="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

[ -x "$binary" ] || { echo "no connlint binary at $binary (build it, or pass --binary)" >&2; exit 2; }
command -v "$clang" >/dev/null || { echo "no $clang (apt-get install clang-14, or pass --clang)" >&2; exit 2; }

if [ -z "$corpus" ]; then
  corpus="$BENCH_DIR/cpp-$tus"
  if [ ! -f "$corpus/compile_commands.json" ]; then
    python3 "$here/gen_cpp_corpus.py" --tus "$tus" --out "$corpus" --force >/dev/null
  fi
fi
db="$corpus/compile_commands.json"
[ -f "$db" ] || { echo "no compile_commands.json in $corpus" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# One shell-quoted syntax-only command per unit, and the units' common root (where connlint runs).
python3 - "$db" "$clang" "$work/commands" "$work/root" <<'PY'
import json, os, shlex, sys
db, clang, out, root_out = sys.argv[1:5]
entries = json.load(open(db))
lines, files = [], []
for e in entries:
    args = e.get("arguments") or shlex.split(e["command"])
    file = os.path.normpath(os.path.join(e["directory"], e["file"]))
    kept, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD", "-MP") or a.startswith("-Werror"):
            continue
        kept.append(a)
    lines.append("cd %s && %s -fsyntax-only %s" % (shlex.quote(e["directory"]), shlex.quote(clang),
                                                   " ".join(shlex.quote(a) for a in kept)))
    files.append(file)
open(out, "w").write("\n".join(lines) + "\n")
open(root_out, "w").write(os.path.commonpath([os.path.dirname(f) for f in files]))
PY
root="$(cat "$work/root")"
units="$(wc -l < "$work/commands")"

TIMEFORMAT=%R
seconds() { { time "$@" >/dev/null 2>&1; } 2>&1 | tail -1; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# Units that do not compile (missing headers) cost both tools the same; their exit status does not matter here.
syntax_only() { xargs -P "$1" -I{} sh -c '{}' < "$work/commands" || true; }
connlint_run() { (cd "$root" && "$binary" check -p "$corpus" -q -f json --fail-on never -j "$1" .) || true; }

echo "corpus: $corpus ($units translation units, checked from $root)"
echo
echo "| jobs | clang++ -fsyntax-only (s) | connlint check (s) | ratio |"
echo "|---:|---:|---:|---:|"
for j in $jobs; do
  syntax_only "$j" >/dev/null 2>&1
  connlint_run "$j" >/dev/null 2>&1
  base=$(for _ in $(seq "$runs"); do seconds syntax_only "$j"; done | median)
  ours=$(for _ in $(seq "$runs"); do seconds connlint_run "$j"; done | median)
  ratio=$(awk -v a="$ours" -v b="$base" 'BEGIN { printf "%.2f", a / b }')
  echo "| $j | $base | $ours | ${ratio}x |"
done
findings=$(connlint_run 1 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))')
echo
echo "connlint reported $findings findings."
