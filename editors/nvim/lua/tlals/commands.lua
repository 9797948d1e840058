-- The user commands. Each sends a request to the server and handles the
-- reply or the error: a server without the feature answers with an error,
-- which is reported, not thrown.
local M = {}

local p = require('tlals.protocol')
local trace = require('tlals.trace')
local config = require('tlals.config')

local function notify(msg, level)
  vim.notify('tlals: ' .. msg, level or vim.log.levels.INFO)
end

--- spec returns the spec buffer and URI the command is about: the current
--- .tla buffer, the .tla beside a .cfg, or the spec of the trace buffer.
local function spec(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local uri = vim.b[bufnr].tlals_uri
  if uri then
    return vim.uri_to_bufnr(uri), uri
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if vim.bo[bufnr].filetype == 'tlacfg' or name:match('%.cfg$') then
    name = name:gsub('%.cfg$', '.tla')
    return vim.fn.bufadd(name), vim.uri_from_fname(name)
  end
  return bufnr, vim.uri_from_bufnr(bufnr)
end

local function client_or_warn(bufnr)
  local c = p.client(bufnr)
  if not c then
    notify('no tlals client is attached (see :checkhealth tlals)', vim.log.levels.WARN)
  end
  return c
end

local function report(what, err)
  local msg = type(err) == 'table' and (err.message or vim.inspect(err)) or tostring(err)
  if msg:lower():match('unknown command') or msg:lower():match('not supported') or msg:lower():match('method not found') or (type(err) == 'table' and err.code == -32601) then
    notify(('the server does not support %s yet'):format(what), vim.log.levels.WARN)
  else
    notify(what .. ': ' .. msg, vim.log.levels.ERROR)
  end
end

--- on_result stores a check result, fills the quickfix list, and opens the trace.
function M.on_result(uri, result)
  trace.set(uri, result)
  local o = config.options.trace
  notify(trace.summary(result), (result.outcome == 'ok' or result.outcome == 'success') and vim.log.levels.INFO or vim.log.levels.WARN)
  if result.trace and #result.trace > 0 then
    if o.quickfix then
      trace.to_quickfix(result)
    end
    if o.open_on_violation then
      trace.show(uri)
    end
  end
  -- The lenses show the result and the trace's steps; the server sends no
  -- workspace/codeLens/refresh after a background run.
  if config.options.codelens.enable then
    local b = vim.uri_to_bufnr(uri)
    if vim.api.nvim_buf_is_loaded(b) then
      require('tlals.codelens').refresh(b)
    end
  end
  vim.api.nvim_exec_autocmds('User', { pattern = 'TlalsCheckDone', data = { uri = uri, result = result } })
end

function M.check(bufnr)
  local b, uri = spec(bufnr)
  local c = client_or_warn(b)
  if not c then
    return
  end
  if vim.bo[b].modified then
    vim.api.nvim_buf_call(b, function() vim.cmd('silent write') end)
  end
  local opts = p.dict({})
  opts.model = vim.b[b].tlals_model
  notify('checking…')
  p.exec(c, p.commands.check, { uri, opts }, b, function(err, result)
    if err then
      return report('Check model', err)
    end
    if type(result) == 'table' and result.outcome then
      M.on_result(uri, result)
    end
  end)
end

function M.choose_model(bufnr, path)
  local b = spec(bufnr)
  local function set(f)
    if f then
      vim.b[b].tlals_model = vim.uri_from_fname(vim.fn.fnamemodify(f, ':p'))
      notify('model: ' .. f)
    end
  end
  if path and path ~= '' then
    return set(path)
  end
  local dir = vim.fs.dirname(vim.api.nvim_buf_get_name(b))
  local cfgs = vim.fn.globpath(dir, '*.cfg', false, true)
  vim.ui.select(cfgs, { prompt = 'Model (.cfg) for this spec' }, set)
end

-- The server applies the translation as an edit of the buffer (undo
-- restores the old text). As VS Code does with a workspace edit, a buffer
-- that had no unsaved change is written at once; one that had keeps them
-- all unsaved.
function M.translate(bufnr)
  local b, uri = spec(bufnr)
  local c = client_or_warn(b)
  if not c then
    return
  end
  local was_modified = vim.bo[b].modified
  p.exec(c, p.commands.translate, { uri }, b, function(err, result)
    if err then
      return report('Translate PlusCal', err)
    end
    if result ~= nil and result ~= vim.NIL and not was_modified and vim.api.nvim_buf_is_loaded(b) and vim.bo[b].modified then
      vim.api.nvim_buf_call(b, function() vim.cmd('silent write') end)
    end
  end)
end

local function step_locally(uri, dir)
  local t = trace.by_uri[uri]
  if not t or not t.result.trace or #t.result.trace == 0 then
    return false
  end
  local n = #t.result.trace
  local to = ({ first = 0, last = n - 1, next = math.min(n - 1, t.current + 1), prev = math.max(0, t.current - 1) })[dir]
  return trace.jump(uri, to)
end

--- trace_step moves along the trace: first, next, prev, last. The server moves
--- the editor (window/showDocument); with a server that cannot, we step over
--- the trace we have.
function M.trace_step(dir, bufnr)
  local b, uri = spec(bufnr)
  local c = client_or_warn(b)
  if not c then
    return
  end
  if not p.supports(c, p.commands[dir]) then
    if not step_locally(uri, dir) then
      notify('no trace to step through (run :TlalsCheck)', vim.log.levels.WARN)
    end
    return
  end
  p.exec(c, p.commands[dir], { uri }, b, function(err, result)
    if err then
      if not step_locally(uri, dir) then
        report('trace stepping', err)
      end
      return
    end
    local t = trace.by_uri[uri]
    if t and type(result) == 'table' and type(result.step) == 'number' then
      t.current = result.step
      trace.refresh(uri)
    end
  end)
end

function M.trace_goto(uri, step)
  local c = p.client(vim.uri_to_bufnr(uri))
  if c and p.supports(c, p.commands.goto) then
    p.exec(c, p.commands.goto, { uri, step }, nil, function(err)
      if err then
        trace.jump(uri, step)
      end
    end)
  else
    trace.jump(uri, step)
  end
  local t = trace.by_uri[uri]
  if t then
    t.current = step
    trace.refresh(uri)
  end
end

--- show_trace asks the server for the trace, then shows it and fills the quickfix list.
function M.show_trace(bufnr)
  local b, uri = spec(bufnr)
  local c = client_or_warn(b)
  if not c then
    return
  end
  p.request(c, p.methods.trace, { textDocument = { uri = uri } }, b, function(err, result)
    if err then
      report('Show trace', err)
    elseif type(result) == 'table' then
      trace.set(uri, result)
    end
    if trace.by_uri[uri] then
      if config.options.trace.quickfix then
        trace.to_quickfix(trace.by_uri[uri].result)
      end
      trace.show(uri)
    elseif not err then
      notify('no trace for this spec yet', vim.log.levels.INFO)
    end
  end)
end

function M.evaluate(expr, step, bufnr)
  local b, uri = spec(bufnr)
  local c = client_or_warn(b)
  if not c then
    return
  end
  local t = trace.by_uri[uri]
  local params = { textDocument = { uri = uri }, expression = expr }
  params.step = step or (t and t.current >= 0 and t.current or nil)
  p.request(c, p.methods.evaluate, params, b, function(err, result)
    if err then
      return report('Evaluate', err)
    end
    notify(('%s = %s'):format(expr, type(result) == 'table' and result.value or vim.inspect(result)))
  end)
end

return M
