#!/usr/bin/env bash
# CTest driver: batch Emacs configured with the snippets from docs/editors.md, on a small project with an N+1.
# Usage: emacs_check.sh CONNLINT DOC MODE, MODE one of
#   eglot    eglot + `connlint lsp`: the diagnostic in flymake, again after an unsaved edit, then the quick fix,
#            after which it must go away
#   flymake  the flymake backend (`connlint check --format gcc --stdin-filename`), on the file and on an unsaved edit
#   compile  `M-x compile` with `connlint check --format gcc`, then `M-x first-error`
# Exit 0 when Emacs shows what connlint reports, 77 (skipped) without emacs (or without eglot for MODE eglot).
set -uo pipefail
connlint="$1" doc="$2" mode="$3" here="$(cd "$(dirname "$0")" && pwd)"
command -v emacs >/dev/null 2>&1 || { echo "SKIP: emacs is not installed (Debian package emacs-nox)"; exit 77; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The snippets call `connlint` from PATH, as a user's configuration would.
mkdir -p "$work/bin" "$work/project/src/lib" "$work/project/src/jobs"
ln -s "$connlint" "$work/bin/connlint"
export PATH="$work/bin:$PATH" HOME="$work/project"
cd "$work/project" || exit 1
git init -q .
cat > src/lib/db.js <<'JS'
import { PrismaClient } from '@prisma/client'
export const prisma = new PrismaClient()
JS
cat > src/jobs/jobs.js <<'JS'
import { prisma } from '../lib/db'
export async function sync(ids) {
  for (const id of ids) {
    await prisma.user.findUnique({ where: { id } })
  }
}
JS
# What connlint itself reports, to compare with what Emacs shows.
expected="$(connlint check --format gcc src | sed -n 's/^src\/jobs\/jobs\.js:4:11: warning: \(.*\) \[query-in-loop\]$/\1/p')"
[[ -n "$expected" ]] || { echo "FAIL: connlint reports no query-in-loop at src/jobs/jobs.js:4:11"; exit 1; }

run_emacs() {  # run_emacs [SNIPPET-FILE] FORM
  local load=()
  [[ $# -eq 2 ]] && { load=(-l "$1"); shift; }
  timeout 120 emacs --batch "${load[@]}" -l "$here/emacs_check.el" --eval "$1" >"$work/emacs.log" 2>&1
  local status=$?
  [[ $status -eq 0 ]] || { echo "FAIL: emacs exited with $status"; cat "$work/emacs.log"; exit 1; }
}
expect_line() {  # expect_line LINE: OUT must hold LINE exactly
  grep -qxF -- "$1" "$work/out.txt" || { echo "FAIL: Emacs did not show: $1"; exit 1; }
}

case "$mode" in
  eglot)
    emacs --batch --eval '(unless (locate-library "eglot") (kill-emacs 77))' >/dev/null 2>&1
    [[ $? -eq 77 ]] && { echo "SKIP: eglot is not installed (Emacs 29 bundles it; Debian package elpa-eglot)"; exit 77; }
    bash "$here/doc_snippet.sh" "$doc" ';; eglot:' >"$work/init.el" || { echo "FAIL: no ';; eglot:' snippet in $doc"; exit 1; }
    run_emacs "$work/init.el" "(connlint-test-eglot \"src/jobs/jobs.js\" \"$work/out.txt\")"
    cat "$work/out.txt"
    expect_line "4:11:eglot-warning:connlint [query-in-loop]: ${expected}"
    expect_line "edited:4:26:eglot-warning:connlint [query-in-loop]: ${expected}"
    expect_line "inserted:    // connlint-ignore-next-line query-in-loop -- reason"
    expect_line "after-fix:"
    ;;
  flymake)
    bash "$here/doc_snippet.sh" "$doc" ';; flymake:' >"$work/init.el" || { echo "FAIL: no ';; flymake:' snippet in $doc"; exit 1; }
    run_emacs "$work/init.el" "(connlint-test-flymake \"src/jobs/jobs.js\" \"$work/out.txt\")"
    cat "$work/out.txt"
    expect_line "4:11::warning:${expected} [query-in-loop]"
    expect_line "unsaved:6:26::warning:${expected} [query-in-loop]"
    ;;
  compile)
    run_emacs "(connlint-test-compile \"connlint check --format gcc src\" \"$work/out.txt\")"
    cat "$work/out.txt"
    expect_line "src/jobs/jobs.js:4:11:src/jobs/jobs.js:4:11: warning: ${expected} [query-in-loop]"
    ;;
  *) echo "usage: $0 CONNLINT DOC eglot|flymake|compile"; exit 2 ;;
esac
echo "OK: Emacs ($mode) shows connlint's finding"
