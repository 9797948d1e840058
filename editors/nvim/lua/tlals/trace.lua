-- The trace: kept per spec, shown in a scratch buffer (one block per state,
-- changed variables marked) and as quickfix entries. The rendering functions
-- are pure so that the tests can check them.
local M = {}

--- state per spec URI: { result = CheckResult, current = 0-based step or -1 }
M.by_uri = {}
--- the 0-based step of each line of a trace buffer, per buffer
M.step_of = {}

local ns = vim.api.nvim_create_namespace('tlals.trace')

local function sorted_vars(trace)
  local seen, vars = {}, {}
  for _, st in ipairs(trace) do
    local names = vim.tbl_keys(st.state or {})
    table.sort(names)
    for _, n in ipairs(names) do
      if not seen[n] then
        seen[n] = true
        vars[#vars + 1] = n
      end
    end
  end
  return vars
end

--- changed lists, per step (1-based), the variables whose value changed.
function M.changed(result)
  local out, trace = {}, result.trace or {}
  for i, st in ipairs(trace) do
    local ch = {}
    if i > 1 then
      for _, v in ipairs(sorted_vars(trace)) do
        if (st.state or {})[v] ~= (trace[i - 1].state or {})[v] then
          ch[#ch + 1] = v
        end
      end
    end
    out[i] = ch
  end
  return out
end

local function loc_text(loc)
  if type(loc) ~= 'table' then
    return ''
  end
  local f = loc.file or ''
  if f:match('^file:') then
    f = vim.uri_to_fname(f)
  end
  return (' (%s:%d:%d)'):format(vim.fn.fnamemodify(f, ':t'), loc.startLine or 0, loc.startColumn or 0)
end

--- where is the place a step is shown at: its PlusCal label, its action or
--- the initial predicate (the server's "where"), else its action's location.
function M.where(st)
  if type(st.where) == 'table' then
    return st.where
  end
  return st.location
end

--- summary is a result in one line: "✗ invariant Inv (12 states)"; a
--- violation found by simulation (the state space beyond the server's
--- budget) gives its trace's length instead, as a simulation stores no states.
function M.summary(result)
  local n = result.distinctStates and (' (%d states)'):format(result.distinctStates) or ''
  if result.outcome == 'ok' or result.outcome == 'success' then
    return '✓ no error' .. n
  end
  if type(result.simulation) == 'table' and type(result.trace) == 'table' and #result.trace > 0 then
    n = (' (simulation, %d steps)'):format(#result.trace)
  end
  return ('✗ %s%s%s'):format(result.outcome or '?', result.property and result.property ~= '' and (' ' .. result.property) or '', n)
end

--- lines renders a result: returns lines, the 0-based step of each line
--- (or nil), and the 0-based lines to highlight as changed.
function M.lines(result, current)
  local lines, step_of, changed_lines = {}, {}, {}
  local function add(s, step)
    lines[#lines + 1] = s
    step_of[#lines] = step
  end
  add('tlals trace: ' .. M.summary(result))
  if result.message and result.message ~= '' then
    add('  ' .. result.message:gsub('\n', ' '))
  end
  local trace = result.trace or {}
  if #trace == 0 then
    add('No trace.')
    return lines, step_of, changed_lines
  end
  local vars = sorted_vars(trace)
  local width = 0
  for _, v in ipairs(vars) do
    width = math.max(width, #v)
  end
  local changed = M.changed(result)
  local lasso = type(result.lassoStart) == 'number' and result.lassoStart or -1
  for i, st in ipairs(trace) do
    local step = i - 1
    local marks = (step == current and '▶ ' or '  ') .. (lasso >= 0 and step >= lasso and '⟲' or ' ')
    local back = step == lasso and '   <- the cycle starts here' or ''
    add(('%sState %d: %s%s%s'):format(marks, i, st.action ~= '' and st.action or 'Initial predicate', loc_text(M.where(st)), back), step)
    local ch = {}
    for _, v in ipairs(changed[i]) do
      ch[v] = true
    end
    for _, v in ipairs(vars) do
      local val = (st.state or {})[v]
      if val ~= nil then
        add(('   %s /\\ %s = %s'):format(ch[v] and '*' or ' ', v .. string.rep(' ', width - #v), val), step)
        if ch[v] then
          changed_lines[#changed_lines + 1] = #lines - 1
        end
      end
    end
  end
  return lines, step_of, changed_lines
end

--- qf_items are the steps as quickfix entries.
function M.qf_items(result)
  local items = {}
  local changed = M.changed(result)
  for i, st in ipairs(result.trace or {}) do
    local loc = M.where(st)
    local text = ('State %d: %s'):format(i, st.action ~= '' and st.action or 'Initial predicate')
    if #changed[i] > 0 then
      text = text .. ' — changed: ' .. table.concat(changed[i], ', ')
    end
    if type(loc) == 'table' and loc.file then
      local f = loc.file:match('^file:') and vim.uri_to_fname(loc.file) or loc.file
      items[#items + 1] = { filename = f, lnum = loc.startLine, col = loc.startColumn, end_lnum = loc.endLine, end_col = loc.endColumn, text = text }
    else
      items[#items + 1] = { text = text, valid = 0 }
    end
  end
  return items
end

function M.set(uri, result)
  M.by_uri[uri] = { result = result, current = type(result.current) == 'number' and result.current or -1 }
  return M.by_uri[uri]
end

function M.to_quickfix(result, title)
  vim.fn.setqflist({}, ' ', { title = title or ('tlals: ' .. M.summary(result)), items = M.qf_items(result) })
end

--- jump moves the cursor to step's action (when the server cannot).
function M.jump(uri, step)
  local t = M.by_uri[uri]
  local st = t and t.result.trace and t.result.trace[step + 1]
  if not st then
    return false
  end
  t.current = step
  local loc = M.where(st)
  if type(loc) ~= 'table' or not loc.file then
    return false
  end
  local f = loc.file:match('^file:') and vim.uri_to_fname(loc.file) or loc.file
  local win = vim.fn.bufwinid(vim.fn.bufnr(f))
  if win ~= -1 then
    vim.api.nvim_set_current_win(win)
  end
  vim.cmd.edit(vim.fn.fnameescape(f))
  pcall(vim.api.nvim_win_set_cursor, 0, { loc.startLine, math.max(0, (loc.startColumn or 1) - 1) })
  return true
end

--- refresh re-renders the trace buffer if it shows uri's trace (the ▶ mark
--- follows the step the server moved to).
function M.refresh(uri)
  local buf = vim.fn.bufnr('tlals://trace')
  if buf ~= -1 and vim.b[buf].tlals_uri == uri and vim.fn.bufwinid(buf) ~= -1 then
    M.show(uri)
  end
end

--- show renders the trace of uri in the scratch buffer "tlals://trace"
--- (with none, only a line that says so when quiet, else a warning).
function M.show(uri, quiet)
  local t = M.by_uri[uri]
  if not t and not quiet then
    vim.notify('tlals: no trace for this spec; run :TlalsCheck first', vim.log.levels.WARN)
    return nil
  end
  local name = 'tlals://trace'
  local buf = vim.fn.bufnr(name)
  if buf == -1 then
    buf = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_name(buf, name)
    vim.bo[buf].buftype = 'nofile'
    vim.bo[buf].bufhidden = 'hide'
    vim.bo[buf].swapfile = false
    vim.bo[buf].filetype = 'tlalstrace'
  end
  local lines, step_of, changed
  if t then
    lines, step_of, changed = M.lines(t.result, t.current)
  else
    lines, step_of, changed = { ('tlals trace: %s: not checked yet'):format(vim.fn.fnamemodify(vim.uri_to_fname(uri), ':t')), 'No trace.' }, {}, {}
  end
  vim.bo[buf].modifiable = true
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].modifiable = false
  vim.api.nvim_buf_clear_namespace(buf, ns, 0, -1)
  for _, l in ipairs(changed) do
    vim.api.nvim_buf_add_highlight(buf, ns, 'DiffChange', l, 0, -1)
  end
  for l, step in pairs(step_of) do
    if lines[l]:match('^..%S?%s*State %d+') or lines[l]:match('State %d+:') then
      vim.api.nvim_buf_add_highlight(buf, ns, step == (t and t.current) and 'Search' or 'Title', l - 1, 0, -1)
    end
  end
  vim.b[buf].tlals_uri = uri
  M.step_of[buf] = step_of
  vim.keymap.set('n', '<CR>', function()
    local l = vim.api.nvim_win_get_cursor(0)[1]
    local step = (M.step_of[buf] or {})[l]
    if step then
      require('tlals.commands').trace_goto(uri, step)
    end
  end, { buffer = buf, desc = 'tlals: jump to this state\'s action' })
  vim.keymap.set('n', 'q', '<cmd>close<CR>', { buffer = buf })
  if vim.fn.bufwinid(buf) == -1 then
    vim.cmd('botright split')
    vim.api.nvim_win_set_buf(0, buf)
  end
  return buf
end

--- follow shows the trace of the spec in bufnr when the trace buffer is in
--- a window and shows another spec's (as VS Code's panel follows the active
--- editor). A module the shown trace steps into (a jump from the trace)
--- without a result of its own leaves the trace as it is.
function M.follow(bufnr)
  local tb = vim.fn.bufnr('tlals://trace')
  if tb == -1 or bufnr == tb or vim.fn.bufwinid(tb) == -1 or vim.bo[bufnr].buftype ~= '' then
    return
  end
  local uri = vim.uri_from_bufnr(bufnr)
  local shown = vim.b[tb].tlals_uri
  if shown == uri then
    return
  end
  if not M.by_uri[uri] and shown and M.by_uri[shown] then
    for _, st in ipairs(M.by_uri[shown].result.trace or {}) do
      local loc = M.where(st)
      if type(loc) == 'table' and loc.file and vim.uri_from_fname(loc.file:match('^file:') and vim.uri_to_fname(loc.file) or loc.file) == uri then
        return
      end
    end
  end
  M.show(uri, true)
end

--- status is a statusline item for bufnr's spec: "tlals ✗ invariant Inv
--- (12 states)", "tlals" before its first check, "" for other buffers.
function M.status(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local uri = vim.b[bufnr].tlals_uri
  if not uri then
    if vim.bo[bufnr].filetype ~= 'tla' then
      return ''
    end
    uri = vim.uri_from_bufnr(bufnr)
  end
  local t = M.by_uri[uri]
  return t and ('tlals ' .. M.summary(t.result)) or 'tlals'
end

return M
