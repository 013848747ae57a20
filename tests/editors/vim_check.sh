#!/usr/bin/env bash
# CTest driver: Vim (Ex mode, no terminal) configured with the snippets from docs/editors.md, on a small project
# with an N+1. Usage: vim_check.sh CONNLINT DOC MODE, MODE one of
#   quickfix  ~/.vim/compiler/connlint.vim + `:make`, then the vimrc's `:Connlint` on an unsaved edit
#   ale-lsp   ALE with ~/.vim/ale_linters/typescript/connlint.vim starting `connlint lsp`
#   ale-gcc   ALE with the linter file running `connlint check --format gcc --stdin-filename`
# Exit 0 when Vim lists what connlint reports, 77 (skipped) without vim (or without ALE for the ale modes).
set -uo pipefail
connlint="$1" doc="$2" mode="$3" here="$(cd "$(dirname "$0")" && pwd)"
# Vim itself: where Neovim is installed too (the Neovim test needs it), Debian's alternatives may point `vim` at nvim.
vim=""
for candidate in vim vim.basic vim.nox vim.gtk3; do
  if command -v "$candidate" >/dev/null 2>&1 && ! "$candidate" --version 2>/dev/null | head -n 1 | grep -q NVIM; then
    vim="$(command -v "$candidate")"
    break
  fi
done
[[ -n "$vim" ]] || { echo "SKIP: Vim is not installed (Debian package vim)"; exit 77; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The snippets call `connlint` from PATH, as a user's configuration would; ~/.vim is the test's own.
mkdir -p "$work/bin" "$work/home/.vim/compiler" "$work/home/.vim/ale_linters/typescript" \
         "$work/project/src/lib" "$work/project/src/jobs"
ln -s "$connlint" "$work/bin/connlint"
export PATH="$work/bin:$PATH" HOME="$work/home"
cd "$work/project" || exit 1
git init -q .
cat > src/lib/db.ts <<'TS'
import { PrismaClient } from '@prisma/client'
export const prisma = new PrismaClient()
TS
cat > src/jobs/jobs.ts <<'TS'
import { prisma } from '../lib/db'
export async function sync(ids: string[]) {
  for (const id of ids) {
    await prisma.user.findUnique({ where: { id } })
  }
}
TS
# What connlint itself reports, to compare with what Vim lists.
expected="$(connlint check --format gcc src | sed -n 's/^src\/jobs\/jobs\.ts:4:11: warning: \(.*\) \[query-in-loop\]$/\1/p')"
[[ -n "$expected" ]] || { echo "FAIL: connlint reports no query-in-loop at src/jobs/jobs.ts:4:11"; exit 1; }

snippet() {  # snippet TAG DEST: the docs' block whose first line has TAG
  bash "$here/doc_snippet.sh" "$doc" "$1" >"$2" || { echo "FAIL: no snippet '$1' in $doc"; exit 1; }
}
printf 'set nocompatible\nfiletype plugin on\n' >"$work/home/.vimrc"
case "$mode" in
  quickfix)
    snippet '" ~/.vim/compiler/connlint.vim:' "$work/home/.vim/compiler/connlint.vim"
    snippet '" vimrc: `:Connlint`' "$work/vimrc-snippet"
    cat "$work/vimrc-snippet" >>"$work/home/.vimrc"
    entry="CheckQuickfix('src/jobs/jobs.ts')"
    ;;
  ale-lsp|ale-gcc)
    "$vim" -Nu NONE -i NONE -es -c 'packadd ale' -c 'if exists("g:loaded_ale") | qa! | endif' -c 'cq' </dev/null \
      || { echo "SKIP: ALE is not installed (Debian package vim-ale)"; exit 77; }
    # Debian's vim-ale is an optional package.
    echo 'packadd! ale' >>"$work/home/.vimrc"
    if [[ $mode == ale-lsp ]]; then tag='" ~/.vim/ale_linters/typescript/connlint.vim: ALE starts'
    else tag='" ~/.vim/ale_linters/typescript/connlint.vim, without a language server'; fi
    snippet "$tag" "$work/home/.vim/ale_linters/typescript/connlint.vim"
    entry="CheckAle('src/jobs/jobs.ts', $([[ $mode == ale-lsp ]] && echo 1 || echo 0))"
    ;;
  *) echo "usage: $0 CONNLINT DOC quickfix|ale-lsp|ale-gcc"; exit 2 ;;
esac
timeout 120 "$vim" -N -u "$work/home/.vimrc" -i NONE -n -es -S "$here/vim_check.vim" \
  -c "let g:out = '$work/out.txt'" -c "call $entry" </dev/null >"$work/vim.log" 2>&1
status=$?
cat "$work/out.txt" 2>/dev/null
[[ -s "$work/out.txt" ]] || { echo "FAIL: vim exited with $status and wrote nothing"; cat "$work/vim.log"; exit 1; }
expect_line() {  # expect_line LINE: Vim must have shown LINE exactly
  grep -qxF -- "$1" "$work/out.txt" || { echo "FAIL: Vim did not show: $1"; exit 1; }
}
expect_start() {  # expect_start TEXT: Vim must have shown a line starting with TEXT
  grep -qF -- "$1" <(cut -c1-${#1} "$work/out.txt") || { echo "FAIL: Vim did not show: $1..."; exit 1; }
}
case "$mode" in
  quickfix)
    expect_line "make:src/jobs/jobs.ts:4:11:w:${expected} [query-in-loop]"
    expect_line "make:src/jobs/jobs.ts:3:3:n:the loop"
    # Columns count bytes in Vim as in connlint's output: two non-ASCII characters before the query are four bytes.
    expect_line "unsaved:src/jobs/jobs.ts:6:28:w:${expected} [query-in-loop]"
    expect_line "cursor:6:28:prisma"
    ;;
  ale-lsp)
    # ALE puts the rule first and joins the message's lines (the finding, then how to fix it).
    expect_start "open:src/jobs/jobs.ts:4:11:W:query-in-loop: ${expected} "
    # LSP columns count UTF-16 units; ALE 3.3 (Debian bookworm) takes them for bytes, so after the two non-ASCII
    # characters it shows column 26 where the query is at byte 28. Later ALE versions convert.
    grep -qE "^unsaved:src/jobs/jobs\.ts:6:(26|28):W:query-in-loop: " "$work/out.txt" \
      || { echo "FAIL: the finding did not move to line 6 after the unsaved edit"; exit 1; }
    expect_line "actions:Suppress query-in-loop on this line"
    expect_line "inserted:    // connlint-ignore-next-line query-in-loop -- reason"
    expect_line "after-fix:"
    ;;
  ale-gcc)
    # ALE's gcc handler turns backquotes into quotes.
    expect_line "open:src/jobs/jobs.ts:4:11:W:${expected//\`/\'} [query-in-loop]"
    expect_line "unsaved:src/jobs/jobs.ts:6:28:W:${expected//\`/\'} [query-in-loop]"
    expect_line "cursor:6:28:prisma"
    ;;
esac
echo "OK: Vim ($mode) lists connlint's finding"
