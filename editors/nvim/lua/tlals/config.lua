-- Configuration: defaults, validation, and the LSP client config.
local M = {}

M.defaults = {
  --- The server command; cmd[1] may be a path. Default: `tlals` on PATH.
  cmd = { 'tlals', 'lsp' },
  filetypes = { 'tla', 'tlacfg' },
  root_markers = { '.git', '.tlals' },
  --- Sent as the "tlals" section of workspace/configuration; the names are the
  --- server's (lsp/settings.go, lsp/check.go, lsp/translate.go). The server
  --- checks on save (checkOnSave, default true), translates on save
  --- (translateOnSave, default false) and formats on save (formatOnSave,
  --- default false, through willSaveWaitUntil) itself.
  settings = { searchPath = {}, logLevel = 'info' },
  codelens = { enable = true }, -- display and refresh code lenses
  trace = {
    quickfix = true, -- put the steps in the quickfix list after a check or :TlalsTrace
    open_on_violation = true,
  },
  keymaps = true, -- buffer-local ]s [s ]S [S for trace stepping, <leader>tc for check, <leader>te to evaluate (visual: the selection)
}

M.options = vim.deepcopy(M.defaults)

local function check_table_of_strings(v)
  if type(v) ~= 'table' then
    return false
  end
  for _, x in ipairs(v) do
    if type(x) ~= 'string' then
      return false
    end
  end
  return true
end

--- validate returns (true) or (false, message) for a user config.
function M.validate(opts)
  local ok, err = pcall(function()
    vim.validate({
      cmd = { opts.cmd, function(v) return v == nil or (check_table_of_strings(v) and #v > 0) end, 'a non-empty list of strings' },
      filetypes = { opts.filetypes, function(v) return v == nil or check_table_of_strings(v) end, 'a list of strings' },
      root_markers = { opts.root_markers, function(v) return v == nil or check_table_of_strings(v) end, 'a list of strings' },
      settings = { opts.settings, 'table', true },
      codelens = { opts.codelens, 'table', true },
      trace = { opts.trace, 'table', true },
      keymaps = { opts.keymaps, 'boolean', true },
    })
    local s = opts.settings or {}
    vim.validate({
      ['settings.searchPath'] = { s.searchPath, function(v) return v == nil or check_table_of_strings(v) end, 'a list of strings' },
      ['settings.logLevel'] = { s.logLevel, function(v) return v == nil or vim.tbl_contains({ 'debug', 'info', 'warn', 'error' }, v) end, 'debug, info, warn or error' },
      ['settings.checkOnSave'] = { s.checkOnSave, 'boolean', true },
      ['settings.translateOnSave'] = { s.translateOnSave, 'boolean', true },
      ['settings.formatOnSave'] = { s.formatOnSave, 'boolean', true },
      ['settings.parameterHints'] = { s.parameterHints, 'boolean', true },
      ['settings.checkModel'] = { s.checkModel, 'string', true },
      ['settings.checkEngine'] = { s.checkEngine, function(v)
        local ok = function(e) return e == 'tlals' or e == 'tlc' end
        if v == nil or (type(v) == 'string' and ok(v)) then return true end
        if type(v) ~= 'table' then return false end
        for _, e in pairs(v) do
          if not ok(e) then return false end
        end
        return true
      end, "'tlals', 'tlc', or a table from model (.cfg) to one of them" },
      ['settings.tlcJar'] = { s.tlcJar, 'string', true },
      ['settings.pinnedExpressions'] = { s.pinnedExpressions, function(v) return v == nil or check_table_of_strings(v) end, 'a list of strings' },
    })
    for _, k in ipairs({ 'checkMaxStates', 'checkWorkers', 'checkTimeout' }) do
      local v = s[k]
      local int = k ~= 'checkTimeout' -- seconds may be fractional
      if v ~= nil and (type(v) ~= 'number' or v <= 0 or (int and v % 1 ~= 0)) then
        error(('settings.%s: expected a positive %s, got %s'):format(k, int and 'integer' or 'number', vim.inspect(v)))
      end
    end
    for _, k in ipairs({ 'check', 'translate' }) do
      if opts[k] ~= nil then
        error(('%s: removed; use settings.%s (the server checks and translates on save)'):format(k, k == 'check' and 'checkOnSave, checkMaxStates, checkTimeout, checkWorkers' or 'translateOnSave'))
      end
    end
  end)
  if ok then
    return true
  end
  return false, tostring(err):gsub('^.-:%d+: ', '')
end

--- set validates opts and merges them over the defaults.
function M.set(opts)
  opts = opts or {}
  local ok, err = M.validate(opts)
  if not ok then
    return false, err
  end
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts)
  if opts.cmd then
    M.options.cmd = opts.cmd -- lists replace, not merge
  end
  return true
end

--- lsp_config is the client config (vim.lsp.start / vim.lsp.config shape).
function M.lsp_config()
  local o = M.options
  return {
    name = 'tlals',
    cmd = vim.deepcopy(o.cmd),
    filetypes = vim.deepcopy(o.filetypes),
    root_markers = vim.deepcopy(o.root_markers),
    settings = { tlals = vim.deepcopy(o.settings) },
    init_options = { client = 'neovim' },
    handlers = {
      ['tlals/checkResult'] = function(_, params)
        if type(params) == 'table' and params.uri and params.result then
          require('tlals.commands').on_result(params.uri, params.result)
        end
      end,
    },
    on_attach = function(client, bufnr)
      require('tlals').on_attach(client, bufnr)
    end,
  }
end

return M
