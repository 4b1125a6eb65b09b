-- rolelint for Neovim 0.11's vim.lsp.config / vim.lsp.enable:
--   vim.lsp.enable('rolelint')
--   vim.lsp.config('rolelint', { settings = { rolelint = { rules = { disable = { 'po-owns-vision' } } } } })
-- The settings under `rolelint` use the keys of `.rolelint.toml`.
return {
  cmd = { 'rolelint', 'server' },
  filetypes = { 'markdown', 'text' },
  root_markers = { '.rolelint.toml', '.git' },
  settings = { rolelint = vim.empty_dict() },
}
