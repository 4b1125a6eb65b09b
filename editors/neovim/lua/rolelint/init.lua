--- rolelint for Neovim: starts `rolelint server` for Markdown and text buffers, and adds
--- :RolelintFixAll and :RolelintExplain. Works on Neovim 0.7 and later.
local M = {}

--- The client name; also the section the server asks for with workspace/configuration.
M.name = 'rolelint'

--- The code action kind of the server's "fix all safe problems".
M.fix_all_kind = 'source.fixAll.rolelint'

local defaults = {
  cmd = { 'rolelint', 'server' },
  filetypes = { 'markdown', 'text' },
  root_markers = { '.rolelint.toml', '.git' },
  -- The server configuration, with the keys of `.rolelint.toml`.
  settings = {},
  -- Milliseconds :RolelintFixAll waits for the server.
  timeout_ms = 5000,
}

M.config = vim.deepcopy(defaults)

-- Clients this module started on Neovim 0.7, by root folder.
local clients_by_root = {}

--- The client started for each buffer, by buffer number (the client may still be starting).
M.client_ids = {}

-- The diagnostics the server last published, by document URI, exactly as sent: code actions
-- need them with their protocol ranges and data, which Neovim 0.7 does not keep.
M.published = {}

-- Neovim 0.11 turned client functions into methods (`client:request_sync`).
local has_client_methods = vim.fn.has('nvim-0.11') == 1

local function client_call(client, method, ...)
  if has_client_methods then
    return client[method](client, ...)
  end
  return client[method](...)
end

local function notify(message, level)
  vim.notify('rolelint: ' .. message, level or vim.log.levels.INFO)
end

--- Whether this Neovim has vim.lsp.start (0.8 and later).
function M.has_lsp_start()
  return vim.lsp.start ~= nil
end

local function is_dir_or_file(path)
  return vim.loop.fs_stat(path) ~= nil
end

local function parent(path)
  local up = vim.fn.fnamemodify(path, ':h')
  if up == path then
    return nil
  end
  return up
end

--- The folder a buffer's server runs in: the nearest folder upward with one of the markers
--- (a `.rolelint.toml`, else a `.git`), else the file's own folder, else the working folder.
function M.find_root(path, markers)
  markers = markers or M.config.root_markers
  if path == nil or path == '' then
    return vim.loop.cwd()
  end
  local start = vim.fn.fnamemodify(path, ':p:h')
  -- Markers are tried in order of preference: the nearest `.rolelint.toml` beats a `.git`.
  for _, marker in ipairs(markers) do
    local folder = start
    while folder do
      if is_dir_or_file(folder .. '/' .. marker) then
        return folder
      end
      folder = parent(folder)
    end
  end
  return start
end

--- The `settings` of a client: the configuration under its section, never an empty list.
function M.client_settings(settings)
  settings = settings or M.config.settings
  if settings[M.name] ~= nil then
    -- Already wrapped, as written for vim.lsp.config.
    return settings
  end
  if vim.tbl_isempty(settings) then
    settings = vim.empty_dict()
  end
  return { [M.name] = settings }
end

--- The server configuration sent as initialization options.
function M.server_configuration(settings)
  local wrapped = M.client_settings(settings)
  return wrapped[M.name]
end

--- The client configuration for a buffer.
--- Keeps each published diagnostic list, then lets Neovim show it as usual.
local function on_publish_diagnostics(err, result, ctx, config)
  if result and result.uri then
    M.published[result.uri] = result.diagnostics
  end
  return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
end

function M.client_config(bufnr)
  local path = vim.api.nvim_buf_get_name(bufnr)
  local root = M.find_root(path)
  return {
    handlers = { ['textDocument/publishDiagnostics'] = on_publish_diagnostics },
    name = M.name,
    cmd = M.config.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    settings = M.client_settings(),
    init_options = M.server_configuration(),
  }
end

--- Starts (or reuses) the server for a buffer and attaches it. Returns the client id.
function M.start(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  -- Only files: not help, scratch or explanation buffers.
  if vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  if vim.fn.executable(M.config.cmd[1]) ~= 1 then
    notify(
      string.format(
        "'%s' is not an executable. Install rolelint (cargo install --path . in a checkout) or set cmd in require('rolelint').setup{}.",
        M.config.cmd[1]
      ),
      vim.log.levels.ERROR
    )
    return nil
  end
  local config = M.client_config(bufnr)
  if M.has_lsp_start() then
    local client_id
    vim.api.nvim_buf_call(bufnr, function()
      client_id = vim.lsp.start(config, { bufnr = bufnr })
    end)
    M.client_ids[bufnr] = client_id
    return client_id
  end
  -- Neovim 0.7: one client per root folder, attached to each buffer by hand.
  local client_id = clients_by_root[config.root_dir]
  local client = client_id and vim.lsp.get_client_by_id(client_id)
  if client == nil or client_call(client, 'is_stopped') then
    client_id = vim.lsp.start_client(config)
    if client_id == nil then
      notify('the server did not start: ' .. table.concat(config.cmd, ' '), vim.log.levels.ERROR)
      return nil
    end
    clients_by_root[config.root_dir] = client_id
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  M.client_ids[bufnr] = client_id
  return client_id
end

--- The rolelint client attached to a buffer, if any.
function M.client_for(bufnr)
  local clients
  if vim.lsp.get_clients then
    clients = vim.lsp.get_clients({ bufnr = bufnr, name = M.name })
  else
    clients = vim.lsp.buf_get_clients(bufnr)
  end
  for _, client in pairs(clients) do
    if client.name == M.name then
      return client
    end
  end
  return nil
end

local function buffer_range(bufnr)
  local last = vim.api.nvim_buf_line_count(bufnr)
  return { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } }
end

--- The server's diagnostics for a buffer, as protocol objects.
local function lsp_diagnostics(bufnr)
  local published = M.published[vim.uri_from_bufnr(bufnr)]
  if published then
    return published
  end
  -- Pulled diagnostics (Neovim 0.10 and later) keep the whole protocol object in user_data.
  local result = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = diagnostic.user_data and diagnostic.user_data.lsp
    if lsp and lsp.range and diagnostic.source == M.name then
      table.insert(result, lsp)
    end
  end
  return result
end

--- Asks the server for code actions on a range. `only` limits the kinds. Returns a list.
function M.code_actions(bufnr, range, only, diagnostics)
  local client = M.client_for(bufnr)
  if client == nil then
    return nil, 'no rolelint server is attached to this buffer'
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = range,
    context = { diagnostics = diagnostics or lsp_diagnostics(bufnr), only = only },
  }
  local response, err = client_call(client, 'request_sync', 'textDocument/codeAction', params, M.config.timeout_ms, bufnr)
  if response == nil then
    return nil, 'the server did not answer: ' .. tostring(err)
  end
  if response.err then
    return nil, response.err.message or vim.inspect(response.err)
  end
  return response.result or {}, nil, client
end

--- The server's diagnostics for a buffer, as protocol objects (ranges in the client's encoding).
function M.diagnostics(bufnr)
  return lsp_diagnostics(bufnr)
end

--- Applies one code action (or command) the way Neovim's own code action menu does.
function M.apply_code_action(bufnr, client, action)
  if action.edit == nil and action.command == nil and action.data ~= nil then
    local capabilities = client.server_capabilities or client.resolved_capabilities or {}
    local provider = capabilities.codeActionProvider
    if type(provider) == 'table' and provider.resolveProvider then
      local response = client_call(client, 'request_sync', 'codeAction/resolve', action, M.config.timeout_ms, bufnr)
      if response and response.result then
        action = response.result
      end
    end
  end
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
  end
  local command = action.command
  if type(command) == 'string' then
    -- A bare Command: the action itself names the command.
    command = action
  end
  if type(command) == 'table' and command.command then
    client_call(
      client,
      'request_sync',
      'workspace/executeCommand',
      { command = command.command, arguments = command.arguments },
      M.config.timeout_ms,
      bufnr
    )
  end
end

--- Applies the server's safe fixes to a buffer. Returns the number of actions applied.
function M.fix_all(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local actions, err, client = M.code_actions(bufnr, buffer_range(bufnr), { M.fix_all_kind })
  if actions == nil then
    notify(err, vim.log.levels.WARN)
    return 0
  end
  local applied = 0
  for _, action in ipairs(actions) do
    if action.kind == nil or action.kind == M.fix_all_kind then
      M.apply_code_action(bufnr, client, action)
      applied = applied + 1
    end
  end
  if applied == 0 then
    notify('nothing to fix safely in this buffer')
  end
  return applied
end

local function rule_id(diagnostic)
  local code = diagnostic.code
  if code == nil and diagnostic.user_data and diagnostic.user_data.lsp then
    code = diagnostic.user_data.lsp.code
  end
  if type(code) == 'table' then
    code = code.value
  end
  if code == nil or code == vim.NIL then
    return nil
  end
  return tostring(code)
end

--- The rule id of the rolelint finding under the cursor: the narrowest one containing it,
--- else the first one on the cursor's line.
function M.rule_under_cursor(bufnr, row, col)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if row == nil then
    local cursor = vim.api.nvim_win_get_cursor(0)
    row, col = cursor[1] - 1, cursor[2]
  end
  local best, best_width, first_on_line
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    local id = diagnostic.source == M.name and rule_id(diagnostic)
    local end_lnum = diagnostic.end_lnum or diagnostic.lnum
    if id and diagnostic.lnum <= row and row <= end_lnum then
      first_on_line = first_on_line or id
      local after_start = diagnostic.lnum < row or diagnostic.col <= col
      local before_end = end_lnum > row or col <= (diagnostic.end_col or diagnostic.col)
      if after_start and before_end then
        local width = (end_lnum - diagnostic.lnum) * 100000 + ((diagnostic.end_col or 0) - diagnostic.col)
        if best == nil or width < best_width then
          best, best_width = id, width
        end
      end
    end
  end
  return best or first_on_line
end

--- The text of `rolelint explain RULE`, or nil and an error.
function M.explanation(rule)
  local output = vim.fn.systemlist({ M.config.cmd[1], 'explain', rule })
  if vim.v.shell_error ~= 0 then
    return nil, table.concat(output, '\n')
  end
  return output, nil
end

--- Shows the explanation of a rule (default: the one under the cursor) in a split.
function M.explain(rule)
  if rule == nil or rule == '' then
    rule = M.rule_under_cursor(0)
  end
  if rule == nil then
    notify('there is no rolelint finding under the cursor')
    return nil
  end
  local lines, err = M.explanation(rule)
  if lines == nil then
    notify(string.format('could not explain %s: %s', rule, err), vim.log.levels.WARN)
    return nil
  end
  vim.cmd('botright new')
  local bufnr = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, lines)
  vim.bo[bufnr].buftype = 'nofile'
  vim.bo[bufnr].bufhidden = 'wipe'
  vim.bo[bufnr].swapfile = false
  vim.bo[bufnr].modifiable = false
  vim.bo[bufnr].filetype = 'markdown'
  pcall(vim.api.nvim_buf_set_name, bufnr, 'rolelint://explain/' .. rule)
  return bufnr
end

--- Replaces the server configuration (keys as in `.rolelint.toml`) of every running rolelint
--- client and tells the servers, which then re-check the open documents.
function M.update_settings(settings)
  M.config.settings = settings or {}
  local wrapped = M.client_settings()
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ name = M.name }) or vim.lsp.get_active_clients()
  for _, client in pairs(clients) do
    if client.name == M.name then
      client.config.settings = wrapped
      client_call(client, 'notify', 'workspace/didChangeConfiguration', { settings = wrapped })
    end
  end
end

--- Defines :RolelintFixAll and :RolelintExplain (also done by plugin/rolelint.lua).
function M.create_commands()
  vim.api.nvim_create_user_command('RolelintFixAll', function()
    M.fix_all(0)
  end, { desc = 'rolelint: apply the safe fixes to this buffer' })
  vim.api.nvim_create_user_command('RolelintExplain', function(options)
    M.explain(options.args)
  end, { nargs = '?', desc = 'rolelint: explain the rule under the cursor (or the one given)' })
end

--- Configures the plugin and starts the server for matching buffers, including open ones.
---   cmd        the server command (default { 'rolelint', 'server' })
---   filetypes  buffers to check (default { 'markdown', 'text' })
---   settings   server configuration, keys as in `.rolelint.toml`
---   root_markers  files that mark the root folder (default { '.rolelint.toml', '.git' })
function M.setup(options)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), options or {})
  if options and options.settings then
    -- Lists and maps are replaced, not merged with the defaults.
    M.config.settings = options.settings
  end
  M.create_commands()
  local group = vim.api.nvim_create_augroup('rolelint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(event)
      M.start(event.buf)
    end,
  })
  -- Buffers opened before setup() ran.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(M.config.filetypes, vim.bo[bufnr].filetype) then
      M.start(bufnr)
    end
  end
end

return M
