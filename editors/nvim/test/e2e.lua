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
local spec_name = assert(os.getenv('SPEC')) -- the translated seed spec
local capture = os.getenv('CAPTURE') -- the trace buffer's text capture
local bin = assert(os.getenv('TLALS'))
local tlals = require('tlals')

check('config validation rejects bad options', function()
  local config = require('tlals.config')
  local ok1, e1 = config.validate({ cmd = 'tlals' })
  local ok2, e2 = config.validate({ settings = { checkMaxStates = -1 } })
  local ok3, e3 = config.validate({ settings = { logLevel = 'loud' } })
  local ok4, e4 = config.validate({ check = { on_save = true } })
  assert(not ok1 and e1:match('cmd'), 'cmd as a string accepted: ' .. tostring(e1))
  assert(not ok2 and e2 == 'settings.checkMaxStates: expected a positive integer, got -1', 'negative bound: ' .. tostring(e2))
  assert(not ok3 and e3:match('logLevel'), 'bad logLevel accepted: ' .. tostring(e3))
  assert(not ok4 and e4:match('^check: removed; use settings%.checkOnSave'), 'old check option accepted: ' .. tostring(e4))
  assert(config.validate({ cmd = { bin, 'lsp' }, settings = { checkMaxStates = 10, checkTimeout = 0.5, checkOnSave = true, translateOnSave = false } }))
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

local spec_file = ws .. '/' .. spec_name .. '.tla'
local seed = vim.uv.fs_stat(spec_file) ~= nil
if seed then
  check('filetype tlacfg for a model .cfg beside its spec', function()
    vim.cmd.edit(vim.fn.fnameescape(ws .. '/' .. spec_name .. '.cfg'))
    assert(vim.bo.filetype == 'tlacfg', 'filetype is ' .. vim.bo.filetype)
    return vim.bo.filetype
  end)
  vim.cmd.edit(vim.fn.fnameescape(spec_file))
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

-- Model checking with the real server: :w checks the model (the server's
-- checkOnSave); the seed's bug is a CHOOSE with no candidate in
-- UploadWith(msg.id) after 4 states.
if attached and seed then
  local src = vim.fn.readfile(spec_file)
  local function line_of(needle)
    for i, l in ipairs(src) do
      if l:find(needle, 1, true) then
        return i
      end
    end
    error(needle .. ' is not in ' .. spec_file, 0)
  end
  local bug = line_of('with upload = UploadWith(msg.id) do')
  local bugcol = src[bug]:find('UploadWith(msg.id)', 1, true)
  local specbuf = vim.fn.bufnr(spec_file)
  local specwin = vim.fn.bufwinid(specbuf)
  local done
  local saved = check(':w checks the model: diagnostic under UploadWith(msg.id)', function()
    vim.api.nvim_create_autocmd('User', { pattern = 'TlalsCheckDone', once = true, callback = function(ev) done = ev.data end })
    vim.api.nvim_set_current_win(specwin)
    -- After the module's end: changes nothing the checker reads.
    vim.api.nvim_buf_set_lines(specbuf, -1, -1, false, { '' })
    vim.cmd('silent write')
    local hit
    wait(60000, 'a check/error diagnostic', function()
      for _, d in ipairs(vim.diagnostic.get(specbuf)) do
        if d.code == 'check/error' and d.lnum == bug - 1 then
          hit = d
        end
      end
      return hit ~= nil
    end)
    assert(hit.col == bugcol - 1 and hit.end_lnum == bug - 1 and hit.end_col == bugcol - 1 + #'UploadWith(msg.id)',
      ('diagnostic spans %d:%d-%d:%d, want %d:%d-%d:%d'):format(hit.lnum + 1, hit.col + 1, hit.end_lnum + 1, hit.end_col + 1, bug, bugcol, bug, bugcol + #'UploadWith(msg.id)'))
    assert(hit.severity == vim.diagnostic.severity.ERROR, 'severity ' .. tostring(hit.severity))
    assert(vim.startswith(hit.message, 'CHOOSE: no value satisfies the predicate.'), hit.message)
    return ('%s.tla:%d:%d: %s'):format(spec_name, bug, bugcol, hit.message:sub(1, 60))
  end)
  if saved then
    check('the result fills the quickfix list with the 4 states', function()
      wait(30000, 'tlals/checkResult', function() return done ~= nil end)
      local qf = vim.fn.getqflist()
      local got = {}
      for _, e in ipairs(qf) do
        got[#got + 1] = ('%d %s'):format(e.lnum, e.text)
      end
      local want = {
        '0 State 1: Initial predicate',
        ('%d State 2: User(u1) — changed: next_id, queue, uploads'):format(line_of('User(self) ==')),
        ('%d State 3: User(u1) — changed: queue, uploads'):format(line_of('User(self) ==')),
        ('%d State 4: Receive(w1) — changed: msg, pc, queue'):format(line_of('Receive(self) ==')),
      }
      assert(vim.deep_equal(got, want), 'quickfix:\n' .. table.concat(got, '\n') .. '\nwant:\n' .. table.concat(want, '\n'))
      assert(vim.fn.getqflist({ title = 1 }).title:match('^tlals: ✗ error %(%d+ states%)$'), vim.fn.getqflist({ title = 1 }).title)
      return table.concat(got, ' | ')
    end)
    check('code lenses show the result and the trace steps', function()
      local titles
      wait(30000, 'the result lens', function()
        titles = {}
        for _, l in ipairs(require('tlals.codelens').lenses(specbuf)) do
          if l.command then
            titles[#titles + 1] = ('%d %s'):format(l.range.start.line + 1, l.command.title)
          end
        end
        return vim.tbl_contains(titles, ('%d ✗ error in 4 steps'):format(line_of('Init ==')))
      end)
      local step = ('%d step 2 · step 3 of 4'):format(line_of('User(self) =='))
      assert(vim.tbl_contains(titles, step), 'no lens "' .. step .. '" in ' .. vim.inspect(titles))
      return table.concat(titles, ' | ')
    end)
    check(':TlalsTraceFirst/:TlalsTraceNext move the cursor to Init, then User', function()
      vim.api.nvim_set_current_win(specwin)
      vim.cmd('TlalsTraceFirst')
      local init = line_of('Init ==')
      wait(10000, 'the cursor on line ' .. init, function() return vim.api.nvim_win_get_cursor(0)[1] == init end)
      vim.cmd('TlalsTraceNext')
      local user = line_of('User(self) ==')
      wait(10000, 'the cursor on line ' .. user, function() return vim.api.nvim_win_get_cursor(0)[1] == user end)
      assert(vim.api.nvim_get_current_buf() == specbuf, 'the cursor left the spec')
      return ('line %d (Init ==), then line %d (User(self) ==)'):format(init, user)
    end)
    check('the trace buffer shows the states, step 2 current', function()
      local tb = vim.fn.bufnr('tlals://trace')
      assert(tb ~= -1 and vim.fn.bufwinid(tb) ~= -1, 'the trace buffer is not shown')
      local text
      wait(5000, 'the ▶ mark on State 2', function()
        text = vim.api.nvim_buf_get_lines(tb, 0, -1, false)
        return vim.tbl_contains(text, ('▶  State 2: User(u1) (%s.tla:%d:15)'):format(spec_name, line_of('User(self) ==')))
      end)
      local all = table.concat(text, '\n')
      assert(text[1]:match('^tlals trace: ✗ error %(%d+ states%)$'), text[1])
      assert(text[2] == '  CHOOSE: no value satisfies the predicate. Attempted to compute the value of an expression of form CHOOSE x \\in S: P, but no element of S satisfied P.', text[2])
      for _, want in ipairs({
        '   State 1: Initial predicate',
        ('   State 4: Receive(w1) (%s.tla:%d:18)'):format(spec_name, line_of('Receive(self) ==')),
        '   * /\\ queue   = <<[id |-> 1, action |-> "create"], [id |-> 1, action |-> "delete"]>>',
        '   * /\\ uploads = {}',
      }) do
        assert(vim.tbl_contains(text, want), ('no line %q in\n%s'):format(want, all))
      end
      if capture then
        vim.fn.writefile(text, capture)
      end
      return #text .. ' lines' .. (capture and (', captured in ' .. capture) or '')
    end)
    check('<CR> on State 4 in the trace buffer jumps to Receive', function()
      local tb = vim.fn.bufnr('tlals://trace')
      vim.api.nvim_set_current_win(vim.fn.bufwinid(tb))
      local l
      for i, s in ipairs(vim.api.nvim_buf_get_lines(tb, 0, -1, false)) do
        if s:match('State 4:') then l = i end
      end
      vim.api.nvim_win_set_cursor(0, { l, 0 })
      vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('<CR>', true, false, true), 'x', false)
      local want = line_of('Receive(self) ==')
      wait(10000, 'the cursor on line ' .. want, function()
        return vim.api.nvim_get_current_buf() == specbuf and vim.api.nvim_win_get_cursor(0)[1] == want
      end)
      return 'line ' .. want
    end)
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
