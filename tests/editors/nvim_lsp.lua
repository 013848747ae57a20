-- Drives Neovim's built-in LSP client against `connlint lsp`, headless, as a new user would configure it
-- (docs/editors.md). Usage: nvim --headless -u NONE -c "luafile nvim_lsp.lua" -- CONNLINT FILE OUT
-- Writes the diagnostics Neovim received for FILE to OUT as lines `line:col:code:message`, then quits.
local connlint, file, out = vim.fn.argv(0), vim.fn.argv(1), vim.fn.argv(2)
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local root = vim.fn.fnamemodify(file, ':p:h')
local client_id = vim.lsp.start_client({
  name = 'connlint',
  cmd = { connlint, 'lsp' },
  root_dir = root,
})
vim.lsp.buf_attach_client(0, client_id)
local ok = vim.wait(20000, function()
  return #vim.diagnostic.get(0) > 0
end, 100)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(lines, string.format('%d:%d:%s:%s', d.lnum + 1, d.col + 1, d.code or '', d.message:gsub('\n.*', '')))
end
if not ok then table.insert(lines, 'TIMEOUT: no diagnostics') end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(client_id)
vim.cmd('qa!')
