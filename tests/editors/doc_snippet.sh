#!/usr/bin/env bash
# Prints the fenced code block of docs/editors.md whose first line contains TAG, so the editor tests run the
# configuration users copy, not a private copy of it. Usage: doc_snippet.sh DOC TAG; exit 1 when no block matches.
set -euo pipefail
awk -v tag="$2" '
  /^```/ { if (inside) { if (keep) { found = 1; exit } inside = 0; next } inside = 1; first = 1; keep = 0; next }
  inside && first { first = 0; keep = index($0, tag) > 0 }
  inside && keep { print }
  END { exit found ? 0 : 1 }
' "$1"
