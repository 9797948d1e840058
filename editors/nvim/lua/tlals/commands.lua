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

--- byte_col is the byte column of an LSP character position in line.
local function byte_col(line, enc, char)
  if enc == 'utf-8' then
    return math.min(char, #line)
  end
  local ok, col
  if vim.fn.has('nvim-0.11') == 1 then
    ok, col = pcall(vim.str_byteindex, line, enc, char, false)
  else
    ok, col = pcall(vim.str_byteindex, line, char, enc == 'utf-16')
  end
  return ok and col or #line
end

--- evaluation_text is the line an evaluation shows: "expr = value" or the error.
function M.evaluation_text(r)
  local expr = vim.trim((r.expression or ''):gsub('%s+', ' '))
  local where = type(r.step) == 'number' and (' (state %d)'):format(r.step + 1) or ''
  if r.error then
    return ('%s%s: error: %s'):format(expr, where, r.error)
  end
  return ('%s%s = %s'):format(expr, where, r.value)
end

--- evaluate asks the server for the value of an expression ({expression =
--- ...}) or of the text of an LSP range ({range = ...}) of the spec, with the
--- constants of its model, in the trace's current state when a trace is
--- shown. The reply is notified, kept in M.last_evaluation and sent with
--- the User event TlalsEvaluated; an error in a selection moves the cursor
--- to its place.
function M.evaluate(what, bufnr)
  local b, uri = spec(bufnr)
  local c = client_or_warn(b)
  if not c then
    return
  end
  local t = trace.by_uri[uri]
  local args = p.dict(what)
  if t and t.current >= 0 and t.result.trace and #t.result.trace > 0 then
    args.step = t.current
  end
  args.model = vim.b[b].tlals_model
  local win = vim.api.nvim_get_current_win()
  p.exec(c, p.commands.evaluate, { uri, args }, b, function(err, r)
    if err then
      return report('Evaluate', err)
    end
    M.last_evaluation = r
    notify(M.evaluation_text(r), r.error and vim.log.levels.WARN or vim.log.levels.INFO)
    local at = r.location
    if r.error and what.range and type(at) == 'table' and at.uri == uri and vim.api.nvim_win_is_valid(win) and vim.api.nvim_win_get_buf(win) == b then
      local pos = at.range.start
      local line = vim.api.nvim_buf_get_lines(b, pos.line, pos.line + 1, false)[1] or ''
      local col = byte_col(line, c.offset_encoding or 'utf-16', pos.character)
      vim.api.nvim_win_set_cursor(win, { pos.line + 1, col })
    end
    vim.api.nvim_exec_autocmds('User', { pattern = 'TlalsEvaluated', data = r })
  end)
end

--- evaluate_range evaluates the text between the marks '< and '> (the last
--- visual selection; line-wise: whole lines).
function M.evaluate_range(bufnr)
  local b = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local c = client_or_warn(b)
  if not c then
    return
  end
  local s, e = vim.api.nvim_buf_get_mark(b, '<'), vim.api.nvim_buf_get_mark(b, '>')
  if vim.fn.visualmode() == 'V' then
    s[2] = 0
    e[2] = math.max(0, #(vim.api.nvim_buf_get_lines(b, e[1] - 1, e[1], false)[1] or '') - 1)
  end
  local params = vim.lsp.util.make_given_range_params(s, e, b, c.offset_encoding or 'utf-16')
  M.evaluate({ range = params.range }, b)
end

--- eval_command is :TlalsEval: the expression given, else the range
--- (:'<,'>TlalsEval, the visual mapping), else one asked for.
function M.eval_command(a)
  if a.args ~= '' then
    return M.evaluate({ expression = a.args }, 0)
  end
  if a.range > 0 then
    return M.evaluate_range(0)
  end
  vim.ui.input({ prompt = 'TLA+ expression: ' }, function(e)
    if e and e ~= '' then
      M.evaluate({ expression = e }, 0)
    end
  end)
end

--- export_trace writes the trace of the spec's last run to file as format
--- (tla, json or itf: tlals check -dump-trace's).
function M.export_trace(format, file, bufnr)
  local b, uri = spec(bufnr)
  local c = client_or_warn(b)
  if not c then
    return
  end
  if not vim.tbl_contains(p.trace_formats, format) or not file or file == '' then
    return notify('usage: :TlalsExportTrace {' .. table.concat(p.trace_formats, '|') .. '} {file}', vim.log.levels.WARN)
  end
  local path = vim.fn.fnamemodify(vim.fn.expand(file), ':p')
  p.exec(c, p.commands.export_trace, { uri, { format = format, path = path } }, b, function(err, r)
    if err then
      return report('Export trace', err)
    end
    notify('trace written to ' .. ((type(r) == 'table' and r.path) or path))
    vim.api.nvim_exec_autocmds('User', { pattern = 'TlalsTraceExported', data = { path = (type(r) == 'table' and r.path) or path } })
  end)
end

return M
