-- The Neovim e2e test: a real Neovim drives the plugin against the real
-- server. Run by scripts/editors/e2e-nvim.sh with TLALS (server binary),
-- WORKSPACE (a scratch folder with the fixtures) and OUT (a verdict file).
--
-- Prints "TLALS-E2E PASS|FAIL|ABSENT name: detail" lines and a final
-- "TLALS-E2E VERDICT PASS|FAIL". ABSENT marks a server feature the server does
-- not advertise yet: it never counts as a pass.
local results, lines = {}, {}
local function out(s)
  lines[#lines + 1] = s
  io.stdout:write(s .. '\n')
end
local function report(status, name, detail)
  results[#results + 1] = status
  out(('TLALS-E2E %s %s%s'):format(status, name, detail and detail ~= '' and (': ' .. detail) or ''))
end
local function check(name, f)
  local ok, detail = pcall(f)
  report(ok and 'PASS' or 'FAIL', name, tostring(detail or ''):gsub('\n', ' '))
  return ok
end
local function wait(ms, what, cond)
  if not vim.wait(ms, cond, 50) then
    error('timed out waiting for ' .. what, 0)
  end
end

local ws = assert(os.getenv('WORKSPACE'))
local bin = assert(os.getenv('TLALS'))
local tlals = require('tlals')

check('config validation rejects bad options', function()
  local config = require('tlals.config')
  local ok1, e1 = config.validate({ cmd = 'tlals' })
  local ok2, e2 = config.validate({ check = { bounds = { maxStates = -1 } } })
  local ok3, e3 = config.validate({ settings = { logLevel = 'loud' } })
  assert(not ok1 and e1:match('cmd'), 'cmd as a string accepted: ' .. tostring(e1))
  assert(not ok2 and e2:match('maxStates'), 'negative bound accepted: ' .. tostring(e2))
  assert(not ok3 and e3:match('logLevel'), 'bad logLevel accepted: ' .. tostring(e3))
  assert(config.validate({ cmd = { bin, 'lsp' }, check = { bounds = { maxStates = 10 } } }))
  return e2
end)

check('setup{} starts nothing until a spec opens', function()
  assert(tlals.setup({ cmd = { bin, 'lsp' }, settings = { logLevel = 'debug' } }), 'setup failed')
  assert(#vim.lsp.get_clients({ name = 'tlals' }) == 0)
end)

local broken
check('filetype tla for .tla', function()
  vim.cmd.edit(vim.fn.fnameescape(ws .. '/Broken.tla'))
  broken = vim.api.nvim_get_current_buf()
  assert(vim.bo.filetype == 'tla', 'filetype is ' .. vim.bo.filetype)
  return vim.bo.filetype
end)

local client
local attached = check('the client attaches', function()
  wait(20000, 'the tlals client', function()
    client = vim.lsp.get_clients({ bufnr = broken, name = 'tlals' })[1]
    return client ~= nil and client.initialized
  end)
  return ('client %d, root %s'):format(client.id, client.config.root_dir)
end)

if attached then
  check('diagnostics arrive for a broken spec', function()
    local d
    wait(30000, 'diagnostics', function()
      d = vim.diagnostic.get(broken, { severity = vim.diagnostic.severity.ERROR })
      return #d > 0
    end)
    local hit
    for _, x in ipairs(d) do
      if x.message:match('undefinedThing') then
        hit = x
      end
    end
    assert(hit, 'no diagnostic about undefinedThing: ' .. vim.inspect(d))
    assert(hit.lnum == 5, 'diagnostic on line ' .. (hit.lnum + 1) .. ', want 6')
    return ('%s:%d:%d: %s [%s]'):format('Broken.tla', hit.lnum + 1, hit.col + 1, hit.message, hit.source or '')
  end)
end

local seed = vim.uv.fs_stat(ws .. '/Uploader.tla') ~= nil
if seed then
  check('filetype tlacfg for a model .cfg beside its spec', function()
    vim.cmd.edit(vim.fn.fnameescape(ws .. '/Uploader.cfg'))
    assert(vim.bo.filetype == 'tlacfg', 'filetype is ' .. vim.bo.filetype)
    return vim.bo.filetype
  end)
  vim.cmd.edit(vim.fn.fnameescape(ws .. '/Uploader.tla'))
end

check(':checkhealth tlals', function()
  vim.cmd('checkhealth tlals')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  vim.cmd('bwipeout')
  assert(text:match('tlals: server'), 'no server section:\n' .. text)
  assert(text:match('OK configuration is valid'), 'config not OK:\n' .. text)
  assert(text:match('OK `tlals help` lists the lsp command'), 'server not OK:\n' .. text)
  assert(not text:match('ERROR'), 'errors reported:\n' .. text)
  if attached then
    assert(text:match('OK client %d+'), 'client not listed:\n' .. text)
  end
  local n = select(2, text:gsub('\n%s*%- OK', ''))
  return n .. ' OK lines, no ERROR'
end)

check('trace rendering marks changed variables (plugin code, synthetic trace)', function()
  local trace = require('tlals.trace')
  local r = {
    outcome = 'invariant', property = 'Inv', distinctStates = 3, lassoStart = 1,
    trace = {
      { action = 'Initial predicate', state = { x = '0', y = '<<>>' } },
      { action = 'Next', location = { file = ws .. '/Broken.tla', startLine = 6, startColumn = 9, endLine = 6, endColumn = 40 }, state = { x = '1', y = '<<>>' } },
    },
  }
  local ls, step_of, changed = trace.lines(r, 1)
  assert(ls[1] == 'tlals trace: ✗ invariant Inv (3 states)', ls[1])
  assert(#changed == 1 and ls[changed[1] + 1]:match('%* /\\ x = 1'), vim.inspect(ls))
  assert(step_of[#ls] == 1)
  local qf = trace.qf_items(r)
  assert(#qf == 2 and qf[2].lnum == 6 and qf[2].text:match('changed: x'), vim.inspect(qf))
  return #ls .. ' lines'
end)

-- Model checking and the trace: asserted once the server offers them.
local p = require('tlals.protocol')
if attached and seed then
  local c = vim.lsp.get_clients({ name = 'tlals' })[1]
  if p.supports(c, p.commands.check) then
    check(':TlalsCheck finds the seed bug and fills the quickfix list', function()
      local done
      vim.api.nvim_create_autocmd('User', { pattern = 'TlalsCheckDone', once = true, callback = function(ev) done = ev.data end })
      vim.cmd('TlalsCheck')
      wait(120000, 'the check result', function() return done ~= nil end)
      assert(done.result.outcome ~= 'ok', 'no violation found')
      assert(#vim.fn.getqflist() > 0, 'empty quickfix list')
      assert(vim.fn.bufnr('tlals://trace') ~= -1, 'no trace buffer')
      return require('tlals.trace').summary(done.result) .. ', ' .. #vim.fn.getqflist() .. ' steps'
    end)
    if p.supports(c, p.commands.next) then
      check(':TlalsTraceFirst/Next move the cursor', function()
        vim.cmd('wincmd p')
        vim.cmd('TlalsTraceFirst')
        vim.wait(3000)
        local a = vim.api.nvim_win_get_cursor(0)
        vim.cmd('TlalsTraceNext')
        wait(5000, 'the cursor to move', function()
          local b = vim.api.nvim_win_get_cursor(0)
          return b[1] ~= a[1] or b[2] ~= a[2]
        end)
      end)
    else
      report('ABSENT', 'trace stepping', 'the server does not offer tlals.trace.next yet')
    end
  else
    check(':TlalsCheck without server support warns instead of failing', function()
      local msgs = {}
      local orig = vim.notify
      vim.notify = function(m, l) msgs[#msgs + 1] = m end
      vim.cmd('TlalsCheck')
      local ok = vim.wait(10000, function()
        for _, m in ipairs(msgs) do
          if m:match('does not support Check model') then return true end
        end
        return false
      end, 50)
      vim.notify = orig
      assert(ok, 'no graceful warning; messages: ' .. vim.inspect(msgs))
      return msgs[#msgs]
    end)
    report('ABSENT', 'model checking, trace, quickfix steps', 'the server does not offer tlals.check yet')
  end
  if c.server_capabilities.codeLensProvider then
    check('code lenses are displayed', function()
      wait(30000, 'code lenses', function() return #require('tlals.codelens').lenses(0) > 0 end)
      return #require('tlals.codelens').lenses(0) .. ' lenses'
    end)
  else
    report('ABSENT', 'code lenses', 'the server has no codeLensProvider yet')
  end
end

local failed, passed = 0, 0
for _, s in ipairs(results) do
  if s == 'FAIL' then failed = failed + 1 elseif s == 'PASS' then passed = passed + 1 end
end
out(('TLALS-E2E VERDICT %s (%d passed, %d failed, %d absent)'):format(failed == 0 and passed > 0 and 'PASS' or 'FAIL', passed, failed, #results - passed - failed))
local f = os.getenv('OUT')
if f then
  vim.fn.writefile(lines, f)
end
for _, cl in ipairs(vim.lsp.get_clients({ name = 'tlals' })) do
  require('tlals.protocol').stop(cl, true)
end
vim.wait(2000, function() return #vim.lsp.get_clients({ name = 'tlals' }) == 0 end, 50)
vim.cmd('qall!')
