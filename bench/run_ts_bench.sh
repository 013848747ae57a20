#!/usr/bin/env bash
# Times `connlint check` on a generated TypeScript corpus (or any folder) and prints a markdown table.
#
#   bench/run_ts_bench.sh                       # 2000-file corpus, 5 runs each of -j1 and the default
#   bench/run_ts_bench.sh --files 8000 --runs 3
#   bench/run_ts_bench.sh --corpus /tmp/real/dub --runs 3
#   CONNLINT=/tmp/x/build/connlint bench/run_ts_bench.sh --jobs "1 2 default"
#
# Options:
#   --files N       corpus size for bench/gen_ts_corpus.py (default 2000); reused from
#                   $BENCH_DIR/ts-N (default BENCH_DIR=/tmp/connlint-bench) when the generator is unchanged
#   --seed S        generator seed (default: the generator's)
#   --corpus DIR    benchmark an existing folder instead of generating one
#   --runs N        timed runs per configuration (default 5), after one untimed warm-up run
#   --jobs "A B"    thread settings to time (default "1 default"; "default" passes no -j)
#   --binary PATH   connlint binary (default $CONNLINT, else <repo>/build/connlint)
#   --keep-json     keep the last JSON report of each configuration in $BENCH_DIR
#   --detail        also break the planted patterns down by kind
#
# Wall time, user and system CPU and peak RSS come from GNU time (`/usr/bin/time -f '%e %U %S %M'`,
# Debian package `time`); the table shows the median of the runs (RSS: the maximum).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
BENCH_DIR="${BENCH_DIR:-/tmp/connlint-bench}"
files=2000
seed=""
corpus=""
runs=5
jobs="1 default"
binary="${CONNLINT:-$repo/build/connlint}"
keep_json=0
detail=0

while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --binary) binary="$2"; shift 2 ;;
    --keep-json) keep_json=1; shift ;;
    --detail) detail=1; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

if [ ! -x /usr/bin/time ]; then
  echo "GNU time is missing: install the Debian package 'time' (apt-get install -y time)" >&2
  exit 2
fi
if [ ! -x "$binary" ]; then
  echo "connlint binary not found: $binary (build it, or pass --binary / set CONNLINT)" >&2
  exit 2
fi
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
mkdir -p "$BENCH_DIR"

# ---------------------------------------------------------------------------------------------- corpus
if [ -z "$corpus" ]; then
  corpus="$BENCH_DIR/ts-$files${seed:+-s$seed}"
  stamp="$(sha256sum "$here/gen_ts_corpus.py" | cut -c1-16) files=$files seed=${seed:-default}"
  if [ -f "$corpus/.bench-stamp" ] && [ "$(cat "$corpus/.bench-stamp")" = "$stamp" ]; then
    echo "reusing corpus $corpus" >&2
  else
    rm -rf "$corpus"
    python3 "$here/gen_ts_corpus.py" --files "$files" --out "$corpus" ${seed:+--seed "$seed"} >&2
    echo "$stamp" > "$corpus/.bench-stamp"
  fi
fi
corpus="$(cd "$corpus" && pwd)"

# Files and lines of what connlint reads (same extensions and skipped folders as its folder walk).
read -r nfiles nlines < <(python3 - "$corpus" <<'EOF'
import os, sys
skip = {"node_modules", "dist", "build", ".next", "coverage", "vendor", ".git"}
exts = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs")
n = lines = 0
for dp, dn, fn in os.walk(sys.argv[1]):
    dn[:] = [d for d in dn if d not in skip]
    for f in fn:
        if f.endswith(exts):
            n += 1
            with open(os.path.join(dp, f), "rb") as fh:
                lines += fh.read().count(b"\n")
print(n, lines)
EOF
)

tmp="$(mktemp -d "$BENCH_DIR/run.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

run_once() {  # $1 = jobs setting, $2 = output json; prints "wall user sys rss_kb"
  local jarg=()
  [ "$1" != "default" ] && jarg=(-j "$1")
  local rc=0
  # Run from the corpus's parent folder: connlint 0.1.0 loses import resolution when the checked folder is
  # outside the working directory (reported paths start with `../`), which would skew the numbers.
  ( cd "$(dirname "$corpus")" && /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$binary" check \
      "$(basename "$corpus")" --format json "${jarg[@]}" ) > "$2" 2> "$tmp/stderr" || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    echo "connlint failed (exit $rc):" >&2
    grep -v '^Command exited' "$tmp/stderr" | tail -5 >&2
    exit 2
  fi
  tail -1 "$tmp/time"
}

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

cores="$(nproc)"
echo "binary: $binary ($("$binary" --version 2>/dev/null | head -1))" >&2
echo "corpus: $corpus: $nfiles files, $nlines lines; $runs runs per setting; $cores cores; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

rows=()
for j in $jobs; do
  run_once "$j" "$tmp/warm.json" > /dev/null   # warm-up: page cache, not timed
  : > "$tmp/samples"
  for ((i = 1; i <= runs; i++)); do
    run_once "$j" "$tmp/out-$j.json" >> "$tmp/samples"
    echo "  -j $j run $i: $(tail -1 "$tmp/samples")" >&2
  done
  wall=$(awk '{ print $1 }' "$tmp/samples" | median)
  cpu=$(awk '{ print $2 + $3 }' "$tmp/samples" | median)
  rss=$(awk '{ print $4 }' "$tmp/samples" | sort -g | tail -1)
  wmin=$(awk '{ print $1 }' "$tmp/samples" | sort -g | head -1)
  wmax=$(awk '{ print $1 }' "$tmp/samples" | sort -g | tail -1)
  label="$j"; [ "$j" = "default" ] && label="default ($cores)"
  rows+=("$(awk -v l="$label" -v w="$wall" -v c="$cpu" -v r="$rss" -v f="$nfiles" -v n="$nlines" -v a="$wmin" -v b="$wmax" 'BEGIN {
      printf "| %s | %.2f | %.2f–%.2f | %.2f | %.0f | %.0f | %.0f |", l, w, a, b, c, r / 1024, (w > 0 ? f / w : 0), (w > 0 ? n / w : 0) }')")
  [ "$keep_json" = 1 ] && cp "$tmp/out-$j.json" "$BENCH_DIR/last-$(basename "$corpus")-j$j.json"
  last_json="$tmp/out-$j.json"
done

echo
echo "connlint \`check --format json\` on \`$corpus\` ($nfiles files, $nlines lines), median of $runs runs:"
echo
echo "| threads (-j) | wall s | wall min–max | CPU s (user+sys) | peak RSS MiB | files/s | lines/s |"
echo "|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do echo "$r"; done
echo

# Sanity: findings, identical output across -j settings, and the generator's planted patterns.
python3 - "$tmp" "$corpus" "$detail" $jobs <<'EOF'
import json, os, sys, collections
tmp, corpus, detail, jobs = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4:]
reports = {j: open(os.path.join(tmp, "out-%s.json" % j), "rb").read() for j in jobs}
d = json.loads(next(iter(reports.values())))
s = d["summary"]
by_rule = collections.Counter(f["rule"] for f in d["findings"])
print("findings: %d (%s); files checked %d, skipped %d; notices %d; output identical across -j: %s" % (
    s["findings"], ", ".join("%s %d" % kv for kv in sorted(by_rule.items())) or "none", s["filesChecked"],
    s["filesSkipped"], len(d.get("notices", [])), "yes" if len(set(reports.values())) == 1 else "NO"))
mpath = os.path.join(corpus, "connlint-bench-manifest.json")
if not os.path.exists(mpath):
    sys.exit(0)
marks = json.load(open(mpath))["marks"]
def rel(p):  # report paths are relative to the folder connlint ran in: the corpus's parent
    return os.path.relpath(os.path.normpath(os.path.join(os.path.dirname(corpus), p)), corpus)
# A planted pattern counts as reported when a finding of its rule family points at its line, or relates it
# (broad-transaction reports the transaction and relates the slow call).
found = collections.defaultdict(set)
for f in d["findings"]:
    for loc in [f["location"]] + f.get("related", []):
        found[(rel(loc["path"]), loc["line"])].add(f["family"])
marked = {(m["path"], m["line"]) for m in marks}
rules = sorted({m["rule"] for m in marks})
print()
print("planted patterns (generator manifest): reported / planted")
print()
print("| rule family | should report | should not | debatable | findings not at a planted line |")
print("|---|---|---|---|---|")
for rule in rules:
    c = collections.Counter()
    for m in marks:
        if m["rule"] != rule:
            continue
        hit = rule in found.get((m["path"], m["line"]), set())
        c[(m["expect"], "n")] += 1
        c[(m["expect"], "hit")] += hit
    other = sum(1 for f in d["findings"] if f["family"] == rule
                and not any((rel(loc["path"]), loc["line"]) in marked for loc in [f["location"]] + f.get("related", [])))
    cell = lambda e: "%d / %d" % (c[(e, "hit")], c[(e, "n")]) if c[(e, "n")] else "-"
    print("| %s | %s | %s | %s | %d |" % (rule, cell(True), cell(False), cell(None), other))
if detail:
    print()
    print("| kind | rule family | expected | reported / planted |")
    print("|---|---|---|---|")
    c = collections.Counter()
    for m in marks:
        key = (m["kind"], m["rule"], m["expect"])
        c[key + ("n",)] += 1
        c[key + ("hit",)] += m["rule"] in found.get((m["path"], m["line"]), set())
    for key in sorted({k[:3] for k in c}, key=lambda k: (k[1], str(k[2]), k[0])):
        exp = {True: "report", False: "silent", None: "debatable"}[key[2]]
        print("| %s | %s | %s | %d / %d |" % (key[0], key[1], exp, c[key + ("hit",)], c[key + ("n",)]))
EOF
