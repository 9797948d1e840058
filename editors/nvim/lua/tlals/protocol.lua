-- The tlals protocol extensions (mirrors editors/vscode/src/lsp_ext.ts).
-- Commands go through workspace/executeCommand with the document URI first.
local M = {}

--- Client methods take self from Neovim 0.11 on (client:request); 0.10's are closures.
local has_011 = vim.fn.has('nvim-0.11') == 1

M.commands = {
  check = 'tlals.check', -- [uri, {model?, maxStates?, ...}] -> CheckResult|null
  translate = 'tlals.translate', -- [uri]
  first = 'tlals.trace.first', -- [uri] -> {step}
  next = 'tlals.trace.next',
  prev = 'tlals.trace.prev',
  last = 'tlals.trace.last',
  goto = 'tlals.trace.goto', -- [uri, step (0-based)] -> {step}
  evaluate = 'tlals.evaluate', -- [uri, {expression|range, step?, model?}] -> {expression, model, value|error, location?}
  export_trace = 'tlals.exportTrace', -- [uri, {format, path?}] -> {path}|{text}
}

--- The formats of tlals.exportTrace (tlals check -dump-trace).
M.trace_formats = { 'tla', 'json', 'itf' }

M.methods = {
  trace = 'tlals/trace', -- {textDocument} -> CheckResult|null
  evaluate = 'tlals/evaluate', -- {textDocument, expression, step} -> {value}
  check_result = 'tlals/checkResult', -- notification {uri, result}
  heat_map = 'tlals/heatMap', -- {textDocument} -> {model, max, stale, spots = {{range, count, level, action, part}}}|null
}

--- client returns the tlals client of bufnr (or of any buffer).
function M.client(bufnr)
  local c = vim.lsp.get_clients({ bufnr = bufnr, name = 'tlals' })[1]
  return c or vim.lsp.get_clients({ name = 'tlals' })[1]
end

--- supports says whether the server advertises an executeCommand.
function M.supports(client, command)
  local p = client and client.server_capabilities and client.server_capabilities.executeCommandProvider
  return type(p) == 'table' and vim.tbl_contains(p.commands or {}, command)
end

function M.request(client, method, params, bufnr, cb)
  local handler = function(err, result)
    cb(err, result)
  end
  if has_011 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

function M.stop(client, force)
  if has_011 then
    return client:stop(force)
  end
  return client.stop(force)
end

function M.supports_method(client, method, bufnr)
  if has_011 then
    return client:supports_method(method, bufnr)
  end
  return client.supports_method(method, { bufnr = bufnr })
end

function M.exec(client, command, args, bufnr, cb)
  return M.request(client, 'workspace/executeCommand', { command = command, arguments = args }, bufnr, cb)
end

--- dict makes a table that encodes as a JSON object even when empty.
function M.dict(t)
  local d = vim.empty_dict()
  for k, v in pairs(t or {}) do
    d[k] = v
  end
  return d
end

return M
