-- Defines :RolelintFixAll and :RolelintExplain. The server starts from
-- require('rolelint').setup{} or, on Neovim 0.11, vim.lsp.enable('rolelint').
if vim.g.loaded_rolelint then
  return
end
vim.g.loaded_rolelint = true
require('rolelint').create_commands()
