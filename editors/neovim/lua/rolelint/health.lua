--- :checkhealth rolelint: is the server there, which version, is it attached.
local M = {}

-- Neovim 0.10 renamed the report functions; 0.7 keeps them in the `health` module.
local report = (function()
  local health = vim.health or require('health')
  if health.start then
    return { start = health.start, ok = health.ok, warn = health.warn, error = health.error, info = health.info }
  end
  return {
    start = health.report_start,
    ok = health.report_ok,
    warn = health.report_warn,
    error = health.report_error,
    info = health.report_info,
  }
end)()

function M.check()
  local rolelint = require('rolelint')
  report.start('rolelint')
  report.info('Neovim ' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. (rolelint.has_lsp_start() and ' (vim.lsp.start)' or ' (vim.lsp.start_client)'))

  local executable = rolelint.config.cmd[1]
  if vim.fn.executable(executable) ~= 1 then
    report.error(
      string.format("'%s' was not found or is not executable", executable),
      { 'Install rolelint: cargo install --path . in a rolelint checkout', "Or set cmd in require('rolelint').setup{ cmd = { '/path/to/rolelint', 'server' } }" }
    )
    return
  end
  report.ok('server: ' .. vim.fn.exepath(executable))

  local version = vim.fn.systemlist({ executable, '--version' })
  if vim.v.shell_error == 0 and version[1] then
    report.ok('version: ' .. version[1])
  else
    report.warn(executable .. ' --version failed: ' .. table.concat(version, ' '))
  end

  local client = rolelint.client_for(vim.api.nvim_get_current_buf())
  if client then
    report.ok('attached to this buffer (client ' .. client.id .. ', root ' .. tostring(client.config.root_dir) .. ')')
  else
    report.info('not attached to this buffer (filetypes: ' .. table.concat(rolelint.config.filetypes, ', ') .. ')')
  end
end

return M
