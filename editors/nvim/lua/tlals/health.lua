-- :checkhealth tlals
local M = {}

local h = vim.health

function M.check()
  h.start('tlals: Neovim')
  local v = vim.version()
  if vim.fn.has('nvim-0.10') == 1 then
    h.ok(('Neovim %d.%d.%d'):format(v.major, v.minor, v.patch))
  else
    h.error(('Neovim %d.%d is too old: tlals needs 0.10 or newer'):format(v.major, v.minor))
  end
  if vim.fn.has('nvim-0.11') == 1 then
    h.info("vim.lsp.enable('tlals') is available (lsp/tlals.lua)")
  else
    h.info("Neovim 0.10: start the server with require('tlals').setup{}")
  end

  h.start('tlals: configuration')
  local config = require('tlals.config')
  local ok, err = config.validate(config.options)
  if ok then
    h.ok('configuration is valid')
  else
    h.error('invalid configuration: ' .. err)
  end
  -- The server ignores keys it does not know: a typo would silently do nothing.
  local known = { 'searchPath', 'logLevel', 'checkOnSave', 'checkMaxStates', 'checkTimeout', 'checkWorkers', 'checkModel', 'checkEngine', 'tlcJar', 'pinnedExpressions', 'translateOnSave', 'formatOnSave', 'parameterHints' }
  for k in pairs(config.options.settings or {}) do
    if not vim.tbl_contains(known, k) then
      h.warn(('settings.%s is not a tlals server setting (known: %s)'):format(k, table.concat(known, ', ')))
    end
  end
  local st = config.options.settings or {}
  h.info(('check on save: %s, translate on save: %s, format on save: %s (done by the server)'):format(
    tostring(st.checkOnSave ~= false), tostring(st.translateOnSave == true), tostring(st.formatOnSave == true)))
  if require('tlals').did_setup then
    h.ok("require('tlals').setup{} was called")
  elseif #vim.lsp.get_clients({ name = 'tlals' }) == 0 then
    h.warn("neither require('tlals').setup{} nor vim.lsp.enable('tlals') has started the server")
  end

  h.start('tlals: server')
  local exe = config.options.cmd[1]
  local path = vim.fn.exepath(exe)
  if path == '' then
    h.error(('%s not found or not executable'):format(exe), { 'build it with `make build`, put it on PATH, or set cmd = { "/path/to/tlals", "lsp" }' })
  else
    h.ok('server: ' .. path)
    local res = vim.system({ path, 'help' }, { text = true }):wait(5000)
    local out = (res.stdout or '') .. (res.stderr or '')
    if out:match('lsp') then
      h.ok('`tlals help` lists the lsp command')
    else
      h.error('`tlals help` does not list an lsp command: ' .. out:sub(1, 200))
    end
  end

  h.start('tlals: clients')
  local clients = vim.lsp.get_clients({ name = 'tlals' })
  if #clients == 0 then
    h.info('no tlals client is running (open a .tla file)')
  end
  for _, c in ipairs(clients) do
    local bufs = vim.tbl_keys(c.attached_buffers or {})
    h.ok(('client %d: root %s, %d buffer(s)'):format(c.id, c.root_dir or c.config.root_dir or '?', #bufs))
    local cmds = ((c.server_capabilities or {}).executeCommandProvider or {}).commands or {}
    local p = require('tlals.protocol')
    for _, name in ipairs({ 'check', 'translate', 'next', 'evaluate', 'export_trace' }) do
      if vim.tbl_contains(cmds, p.commands[name]) then
        h.ok('server command ' .. p.commands[name])
      else
        h.info('server command ' .. p.commands[name] .. ' is not offered by this server yet')
      end
    end
  end
end

return M
