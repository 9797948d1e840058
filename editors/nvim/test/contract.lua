-- The plugin's model-checking side against the contract stub
-- (editors/testdata/stub-server.mjs), until the real server offers it.
-- Run by scripts/editors/e2e-nvim.sh with STUB (the stub's path), WORKSPACE, OUT.
local lines, results = {}, {}
local function out(s)
  lines[#lines + 1] = s
  io.stdout:write(s .. '\n')
end
local function check(name, f)
  local ok, detail = pcall(f)
  results[#results + 1] = ok
  out(('TLALS-E2E %s contract: %s%s'):format(ok and 'PASS' or 'FAIL', name, detail and (': ' .. tostring(detail):gsub('\n', ' ')) or ''))
end
local function wait(ms, what, cond)
  if not vim.wait(ms, cond, 50) then
    error('timed out waiting for ' .. what, 0)
  end
end

local ws = assert(os.getenv('WORKSPACE'))
local spec = ws .. '/Uploader.tla'
local src = vim.fn.readfile(spec)
local function line_of(needle)
  for i, l in ipairs(src) do
    if l:find(needle, 1, true) then
      return i
    end
  end
end

require('tlals').setup({ cmd = { 'node', assert(os.getenv('STUB')) } })
vim.cmd.edit(vim.fn.fnameescape(spec))
local specbuf = vim.api.nvim_get_current_buf()
local done
check(':TlalsCheck fills the quickfix list and opens the trace buffer', function()
  wait(15000, 'the stub client', function()
    local c = vim.lsp.get_clients({ bufnr = specbuf, name = 'tlals' })[1]
    return c ~= nil and c.initialized
  end)
  vim.api.nvim_create_autocmd('User', { pattern = 'TlalsCheckDone', once = true, callback = function(ev) done = ev.data end })
  vim.cmd('TlalsCheck')
  wait(15000, 'the check result', function() return done ~= nil end)
  local qf = vim.fn.getqflist()
  assert(#qf == 4, #qf .. ' quickfix entries, want 4')
  assert(qf[4].lnum == line_of('Receive:') and qf[4].text:match('changed: pc, queue'), vim.inspect(qf[4]))
  local tb = vim.fn.bufnr('tlals://trace')
  assert(tb ~= -1 and vim.fn.bufwinid(tb) ~= -1, 'trace buffer not shown')
  local text = table.concat(vim.api.nvim_buf_get_lines(tb, 0, -1, false), '\n')
  assert(text:match('invariant NoOrphanContent %(17 states%)'), text)
  assert(text:match('%* /\\ queue%s+= <<%[id |%-> 1, action |%-> "create"%]>>'), 'changed queue not marked:\n' .. text)
  return #qf .. ' steps'
end)

if done then
  check('<CR> on a state in the trace buffer jumps to its action', function()
    local tb = vim.fn.bufnr('tlals://trace')
    vim.api.nvim_set_current_win(vim.fn.bufwinid(tb))
    local l
    for i, s in ipairs(vim.api.nvim_buf_get_lines(tb, 0, -1, false)) do
      if s:match('State 4:') then l = i end
    end
    vim.api.nvim_win_set_cursor(0, { l, 0 })
    vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('<CR>', true, false, true), 'x', false)
    local want = line_of('Receive:')
    wait(10000, 'the cursor on line ' .. want, function()
      return vim.api.nvim_get_current_buf() == specbuf and vim.api.nvim_win_get_cursor(0)[1] == want
    end)
    return 'line ' .. want
  end)
  check(':TlalsTraceFirst and :TlalsTraceNext move the cursor (window/showDocument)', function()
    vim.cmd('TlalsTraceFirst')
    local first = line_of('NoOrphanContent ==')
    wait(10000, 'line ' .. first, function() return vim.api.nvim_win_get_cursor(0)[1] == first end)
    vim.cmd('TlalsTraceNext')
    local user = line_of('User:')
    wait(10000, 'line ' .. user, function() return vim.api.nvim_win_get_cursor(0)[1] == user end)
    return ('first -> %d, next -> %d'):format(first, user)
  end)
end

local failed = #vim.tbl_filter(function(x) return not x end, results)
out(('TLALS-E2E VERDICT %s (%d passed, %d failed, 0 absent)'):format(failed == 0 and 'PASS' or 'FAIL', #results - failed, failed))
vim.fn.writefile(lines, assert(os.getenv('OUT')))
for _, cl in ipairs(vim.lsp.get_clients({ name = 'tlals' })) do
  require('tlals.protocol').stop(cl, true)
end
vim.cmd('qall!')
