#!/usr/bin/env bash
# CTest driver for sarif_schema_demo: run connlint on fixtures/demo with SARIF output, then
# validate the file against the SARIF 2.1.0 schema.
#
#   run-sarif-demo.sh CONNLINT REPO_ROOT SCHEMA NODE VALIDATOR OUTPUT
#
# Exit: 0 valid, 77 skipped (schema absent), anything else a failure.
set -uo pipefail

if [[ $# -ne 6 ]]; then
  echo "usage: $0 CONNLINT REPO_ROOT SCHEMA NODE VALIDATOR OUTPUT" >&2
  exit 2
fi
connlint="$1" repo_root="$2" schema="$3" node="$4" validator="$5" output="$6"

if [[ ! -f "$schema" ]]; then
  echo "SKIP: SARIF schema not found at ${schema} (it comes with ../shared beside the repository)"
  exit 77
fi

cd "$repo_root" || exit 1
rm -f "$output"
"$connlint" check fixtures/demo --format sarif --output "$output"
rc=$?
case "$rc" in
  0) echo "connlint exited 0 (no findings)" ;;
  1) echo "connlint exited 1 (findings: expected for the demo)" ;;
  *) echo "FAIL: connlint exited ${rc}" >&2; exit 1 ;;
esac
if [[ ! -s "$output" ]]; then
  echo "FAIL: connlint wrote no SARIF to ${output}" >&2
  exit 1
fi
"$node" "$validator" "$schema" "$output"
rc=$?
[[ $rc -eq 77 ]] && rc=1   # 77 means "skipped" to CTest; a validator never skips
exit "$rc"
