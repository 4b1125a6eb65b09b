-- Drives the plugin in a headless Neovim for tests/editors_neovim.rs: opens a document, waits
-- for the server's diagnostics, performs one scenario and writes what the editor shows as JSON.
--
--   nvim --headless -u NONE -i NONE --cmd 'set rtp^=editors/neovim' -c 'luafile editors/neovim/tests/driver.lua'
--
-- Environment: ROLELINT_CMD (JSON list), ROLELINT_FILE, ROLELINT_SCENARIO, ROLELINT_OUT,
-- ROLELINT_SETTINGS (JSON, optional), ROLELINT_RULE and ROLELINT_ACTION (quickfix),
-- ROLELINT_NEW_SETTINGS (JSON, reconfigure), ROLELINT_TIMEOUT_MS.

local timeout_ms = tonumber(os.getenv('ROLELINT_TIMEOUT_MS') or '') or 20000
local out_path = assert(os.getenv('ROLELINT_OUT'), 'ROLELINT_OUT is not set')
local result = {}

local function json_env(name, default)
  local value = os.getenv(name)
  if value == nil or value == '' then
    return default
  end
  return vim.fn.json_decode(value)
end

local function write_result()
  local file = assert(io.open(out_path, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
end

-- Count every publish per document so a scenario can wait for the next one.
local publishes = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
  if params and params.uri then
    local seen = publishes[params.uri] or { count = 0 }
    seen.count = seen.count + 1
    seen.version = params.version
    publishes[params.uri] = seen
  end
  return default_publish(err, params, ctx, config)
end

local function publish_count(uri)
  return (publishes[uri] or { count = 0 }).count
end

--- Waits for a publish after `after` publishes that matches the buffer's current version.
local function wait_for_diagnostics(bufnr, after, what)
  local uri = vim.uri_from_bufnr(bufnr)
  local server_gone = false
  local ok = vim.wait(timeout_ms, function()
    local client_id = require('rolelint').client_ids[bufnr]
    local client = client_id and vim.lsp.get_client_by_id(client_id)
    if client == nil or client.is_stopped() then
      server_gone = true
      return true
    end
    local seen = publishes[uri]
    if seen == nil or seen.count <= after then
      return false
    end
    local version = vim.lsp.util.buf_versions[bufnr]
    return seen.version == nil or seen.version == vim.NIL or seen.version == version
  end, 20)
  if server_gone then
    error(string.format('the rolelint server is not running for %s (%s)', uri, what))
  end
  if not ok then
    error(string.format('no diagnostics for %s within %d ms (%s)', uri, timeout_ms, what))
  end
  -- Wait until the server has been quiet for a moment, so a later batch wins.
  local seen = publish_count(uri)
  local quiet_since = vim.loop.now()
  vim.wait(timeout_ms, function()
    if publish_count(uri) ~= seen then
      seen = publish_count(uri)
      quiet_since = vim.loop.now()
    end
    return vim.loop.now() - quiet_since >= 300
  end, 20)
end

local function diagnostics(bufnr)
  local list = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    local code = diagnostic.code
    if type(code) == 'table' then
      code = code.value
    end
    table.insert(list, {
      rule = code,
      source = diagnostic.source,
      line = diagnostic.lnum + 1,
      col = diagnostic.col,
      end_line = (diagnostic.end_lnum or diagnostic.lnum) + 1,
      end_col = diagnostic.end_col,
      severity = diagnostic.severity,
      message = diagnostic.message,
    })
  end
  table.sort(list, function(a, b)
    if a.line ~= b.line then
      return a.line < b.line
    end
    return tostring(a.rule) < tostring(b.rule)
  end)
  return list
end

local function buffer_lines(bufnr)
  return vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
end

local function run()
  local rolelint = require('rolelint')
  local settings = json_env('ROLELINT_SETTINGS', {})
  vim.cmd('filetype on')
  rolelint.setup({ cmd = json_env('ROLELINT_CMD', nil), settings = settings })

  local file = vim.fn.fnamemodify(assert(os.getenv('ROLELINT_FILE'), 'ROLELINT_FILE is not set'), ':p')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  result.filetype = vim.bo[bufnr].filetype

  wait_for_diagnostics(bufnr, 0, 'open')
  local client = rolelint.client_for(bufnr)
  result.client = {
    name = client and client.name,
    root_dir = client and client.config.root_dir,
    offset_encoding = client and client.offset_encoding,
  }
  result.diagnostics = diagnostics(bufnr)

  local scenario = os.getenv('ROLELINT_SCENARIO') or 'diagnostics'
  if scenario == 'quickfix' then
    local rule = assert(os.getenv('ROLELINT_RULE'), 'ROLELINT_RULE is not set')
    local wanted = os.getenv('ROLELINT_ACTION') or ''
    local target
    for _, diagnostic in ipairs(rolelint.diagnostics(bufnr)) do
      local code = type(diagnostic.code) == 'table' and diagnostic.code.value or diagnostic.code
      if code == rule then
        target = diagnostic
        break
      end
    end
    assert(target, 'no diagnostic for ' .. rule)
    local actions, err, action_client = rolelint.code_actions(bufnr, target.range, nil, { target })
    assert(actions, err)
    result.actions = {}
    local chosen
    for _, action in ipairs(actions) do
      table.insert(result.actions, { title = action.title, kind = action.kind, preferred = action.isPreferred == true })
      if chosen == nil and action.kind == 'quickfix' and action.title:find(wanted, 1, true) then
        chosen = action
      end
    end
    assert(chosen, 'no quick fix titled like "' .. wanted .. '"')
    result.applied = chosen.title
    local before = publish_count(uri)
    rolelint.apply_code_action(bufnr, action_client, chosen)
    wait_for_diagnostics(bufnr, before, 'after the quick fix')
  elseif scenario == 'fixall' then
    local before = publish_count(uri)
    vim.cmd('RolelintFixAll')
    wait_for_diagnostics(bufnr, before, 'after :RolelintFixAll')
  elseif scenario == 'reconfigure' then
    local before = publish_count(uri)
    rolelint.update_settings(json_env('ROLELINT_NEW_SETTINGS', {}))
    wait_for_diagnostics(bufnr, before, 'after the settings change')
  elseif scenario == 'explain' then
    local line = tonumber(os.getenv('ROLELINT_LINE') or '1')
    vim.api.nvim_win_set_cursor(0, { line, 0 })
    result.rule_under_cursor = rolelint.rule_under_cursor(0)
    vim.cmd('RolelintExplain')
    local explain_buf = vim.api.nvim_get_current_buf()
    if explain_buf ~= bufnr then
      result.explanation = buffer_lines(explain_buf)
      result.explanation_name = vim.api.nvim_buf_get_name(explain_buf)
      result.explanation_checked = require('rolelint').client_for(explain_buf) ~= nil
      vim.cmd('close')
    end
  elseif scenario ~= 'diagnostics' then
    error('unknown scenario ' .. scenario)
  end

  result.after = { diagnostics = diagnostics(bufnr), lines = buffer_lines(bufnr), modified = vim.bo[bufnr].modified }
end

local ok, err = xpcall(run, debug.traceback)
if not ok then
  result.error = tostring(err)
end
write_result()
-- Stop the servers so the process ends cleanly, then leave.
vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.wait(2000, function()
  return #vim.lsp.get_active_clients() == 0
end, 20)
vim.cmd(ok and 'qa!' or 'cquit 1')
