#!/usr/bin/env bash
# CTest driver: Neovim (headless) + its built-in LSP client + `connlint lsp` on a small project.
# Exit 0 when Neovim shows connlint's query-in-loop diagnostic on the right line, 77 (skipped) without nvim.
set -uo pipefail
connlint="$1" here="$(cd "$(dirname "$0")" && pwd)"
command -v nvim >/dev/null 2>&1 || { echo "SKIP: nvim is not installed (Debian package neovim)"; exit 77; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/db.ts" <<'TS'
import { PrismaClient } from '@prisma/client'
export const prisma = new PrismaClient()
TS
cat > "$work/jobs.ts" <<'TS'
import { prisma } from './db'
export async function sync(ids: string[]) {
  for (const id of ids) {
    await prisma.user.findUnique({ where: { id } })
  }
}
TS
cd "$work" || exit 1
HOME="$work" timeout 60 nvim --headless -u NONE -i NONE -n -c "luafile $here/nvim_lsp.lua" -- "$connlint" "$work/jobs.ts" "$work/out.txt" >/dev/null 2>&1
cat "$work/out.txt" 2>/dev/null
grep -q '^4:11:query-in-loop:' "$work/out.txt" 2>/dev/null || { echo "FAIL: Neovim did not show the diagnostic at 4:11"; exit 1; }
echo "OK: Neovim shows connlint diagnostics"
