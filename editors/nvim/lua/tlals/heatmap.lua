-- The heat map of evaluation cost: the conjuncts the last check evaluated,
-- highlighted by the server's grade (tlals/heatMap: TlalsHeat1, the
-- cheapest, to TlalsHeat5), their counts after the line. :TlalsHeatMap
-- toggles it; while on, it follows each check.
local M = {}

local p = require('tlals.protocol')
local ns = vim.api.nvim_create_namespace('tlals.heat')

M.enabled = false

--- The background of each grade (links of `default` groups the user may override).
M.colors = { '#4a3b1a', '#5c3a14', '#70350f', '#862c0a', '#a01f05' }
for i, bg in ipairs(M.colors) do
  vim.api.nvim_set_hl(0, 'TlalsHeat' .. i, { bg = bg, default = true })
end
vim.api.nvim_set_hl(0, 'TlalsHeatCount', { link = 'Comment', default = true })

local function col_of(bufnr, pos, enc)
  local line = vim.api.nvim_buf_get_lines(bufnr, pos.line, pos.line + 1, false)[1] or ''
  if enc == 'utf-8' then
    return math.min(pos.character, #line)
  end
  local ok, col
  if vim.fn.has('nvim-0.11') == 1 then
    ok, col = pcall(vim.str_byteindex, line, enc, pos.character, false)
  else
    ok, col = pcall(vim.str_byteindex, line, pos.character, enc == 'utf-16')
  end
  return ok and col or #line
end

--- draw puts a heat map's spots on bufnr: a highlight over each conjunct
--- evaluated (level > 0), and per line the counts ("× 21 · 18") after it.
--- Returns the number of spots and of highlights.
function M.draw(bufnr, hm, enc)
  vim.api.nvim_buf_clear_namespace(bufnr, ns, 0, -1)
  if type(hm) ~= 'table' then
    return 0, 0
  end
  local counts, lit = {}, 0
  for _, s in ipairs(hm.spots or {}) do
    local r = s.range
    if s.level > 0 then
      vim.api.nvim_buf_set_extmark(bufnr, ns, r.start.line, col_of(bufnr, r.start, enc), {
        end_row = r['end'].line,
        end_col = col_of(bufnr, r['end'], enc),
        hl_group = 'TlalsHeat' .. s.level,
      })
      lit = lit + 1
    end
    if (s.part or 0) == 0 then -- a spot's further pieces (its text around nested spots) repeat its count
      counts[r.start.line] = counts[r.start.line] or {}
      table.insert(counts[r.start.line], tostring(s.count))
    end
  end
  for line, cs in pairs(counts) do
    vim.api.nvim_buf_set_extmark(bufnr, ns, line, 0, { virt_text = { { '× ' .. table.concat(cs, ' · '), 'TlalsHeatCount' } }, virt_text_pos = 'eol' })
  end
  return #(hm.spots or {}), lit
end

--- marks lists the drawn spots of bufnr as {line, col, end_line, end_col, hl} (0-based), for the tests.
function M.marks(bufnr)
  local out = {}
  for _, m in ipairs(vim.api.nvim_buf_get_extmarks(bufnr, ns, 0, -1, { details = true })) do
    local d = m[4]
    out[#out + 1] = { m[2], m[3], d.end_row, d.end_col, d.hl_group, d.virt_text and d.virt_text[1][1] or nil }
  end
  return out
end

--- refresh asks the server for the heat map of bufnr and draws it (clears it when off).
function M.refresh(bufnr, cb)
  if not M.enabled then
    vim.api.nvim_buf_clear_namespace(bufnr, ns, 0, -1)
    return
  end
  local c = p.client(bufnr)
  if not c then
    return
  end
  p.request(c, p.methods.heat_map, { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }, bufnr, function(err, hm)
    if err or not vim.api.nvim_buf_is_loaded(bufnr) then
      return
    end
    local n, lit = M.draw(bufnr, hm, c.offset_encoding or 'utf-16')
    if cb then
      cb(n, lit, hm)
    end
    vim.api.nvim_exec_autocmds('User', { pattern = 'TlalsHeatMapDrawn', data = { buf = bufnr, spots = n, highlighted = lit } })
  end)
end

local group = vim.api.nvim_create_augroup('tlals.heat', { clear = true })

--- toggle switches the heat map on or off for every TLA+ buffer.
function M.toggle()
  M.enabled = not M.enabled
  vim.api.nvim_clear_autocmds({ group = group })
  if M.enabled then
    vim.api.nvim_create_autocmd('User', { group = group, pattern = 'TlalsCheckDone', callback = function()
      M.refresh_all()
    end })
  end
  M.refresh_all()
  vim.notify('tlals: heat map ' .. (M.enabled and 'on' or 'off'))
end

function M.refresh_all()
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.bo[b].filetype == 'tla' then
      M.refresh(b)
    end
  end
end

return M
