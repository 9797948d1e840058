-- A screen capture of a running Neovim, as a person sees it: attaches as a UI
-- (msgpack-RPC over the server socket, ext_linegrid with RGB colours, like
-- `nvim --remote-ui`), asks for a full redraw, and writes what the grid holds:
--   OUT.html  the cells as monospace boxes in their highlight colours
--             (scripts/editors/e2e-nvim.sh turns it into a PNG with Chromium),
--   OUT.json  {lines, hl (per row, each cell's highlight id), attrs (per id)}
--             for the e2e test's checks.
-- Usage: nvim -l screen.lua ADDRESS OUT
local addr, out = assert(arg[1], 'usage: screen.lua ADDRESS OUT'), assert(arg[2])
local uv = vim.uv

local rows, cols = 0, 0
local text, hl = {}, {} -- [row][col], 1-based
local attrs = { [0] = {} }
local colors = { fg = 0xd0d0d0, bg = 0x101010, sp = 0xff0000 }

local function resize(w, h)
  rows, cols = h, w
  for r = 1, h do
    text[r], hl[r] = text[r] or {}, hl[r] or {}
    for c = 1, w do
      text[r][c], hl[r][c] = text[r][c] or ' ', hl[r][c] or 0
    end
  end
end

local function clear()
  text, hl = {}, {}
  resize(cols, rows)
end

-- grid_scroll moves the rows of [top, bot) by n (up when n > 0) within [left, right).
local function scroll(top, bot, left, right, n)
  local from, to, step = top + n, bot - 1, 1
  if n < 0 then
    from, to, step = bot - 1 + n, top, -1
  end
  for r = from, to, step do
    for c = left, right - 1 do
      text[r - n + 1][c + 1], hl[r - n + 1][c + 1] = text[r + 1][c + 1], hl[r + 1][c + 1]
    end
  end
end

local events = {
  grid_resize = function(_, w, h) resize(w, h) end,
  grid_clear = clear,
  default_colors_set = function(fg, bg, sp)
    colors = { fg = fg >= 0 and fg or colors.fg, bg = bg >= 0 and bg or colors.bg, sp = sp >= 0 and sp or colors.sp }
  end,
  hl_attr_define = function(id, rgb) attrs[id] = rgb end,
  grid_scroll = function(_, top, bot, left, right, n) scroll(top, bot, left, right, n) end,
  grid_line = function(_, r, c, cells)
    local id = 0
    c = c + 1
    for _, cell in ipairs(cells) do
      id = cell[2] or id
      for _ = 1, cell[3] or 1 do
        text[r + 1][c], hl[r + 1][c] = cell[1], id
        c = c + 1
      end
    end
  end,
}

local function redraw(batch)
  for _, ev in ipairs(batch) do
    local f = events[ev[1]]
    if f then
      for i = 2, #ev do
        f(unpack(ev[i]))
      end
    end
  end
end

local function hex(n)
  return ('#%06x'):format(n)
end

local function style(id)
  local a = attrs[id] or {}
  local fg, bg = a.foreground or colors.fg, a.background or colors.bg
  if a.reverse then
    fg, bg = bg, fg
  end
  local s = ('color:%s;background:%s'):format(hex(fg), hex(bg))
  if a.bold then
    s = s .. ';font-weight:bold'
  end
  if a.italic then
    s = s .. ';font-style:italic'
  end
  local line = a.undercurl and 'wavy' or a.underdouble and 'double' or a.underdotted and 'dotted'
    or a.underdashed and 'dashed' or a.underline and 'solid'
  if line then
    s = s .. (';text-decoration:underline %s %s'):format(line, hex(a.special or colors.sp))
  end
  return s
end

local function esc(s)
  return (s:gsub('[&<>]', { ['&'] = '&amp;', ['<'] = '&lt;', ['>'] = '&gt;' }))
end

-- Each cell is a fixed-width box, so that symbols the font draws wider or
-- narrower (▶, ✗, ■) keep the columns aligned; "" is the right half of a
-- double-width character. Class aN is highlight N.
local function html()
  local used, body = {}, {}
  for r = 1, rows do
    local row = {}
    for c = 1, cols do
      local t = text[r][c]
      if t ~= '' then
        used[hl[r][c]] = true
        local wide = c < cols and text[r][c + 1] == ''
        row[#row + 1] = ('<span class="a%d%s">%s</span>'):format(hl[r][c], wide and ' w' or '', esc(t))
      end
    end
    body[#body + 1] = '<div>' .. table.concat(row) .. '</div>'
  end
  local css = {
    ('body{margin:0;background:%s}'):format(hex(colors.bg)),
    '.g{font:15px/19px "DejaVu Sans Mono",monospace;padding:6px}',
    '.g div{height:19px}.g span{display:inline-block;white-space:pre;width:9px;height:19px}.g .w{width:18px}',
  }
  local ids = vim.tbl_keys(used)
  table.sort(ids)
  for _, id in ipairs(ids) do
    css[#css + 1] = ('.a%d{%s}'):format(id, style(id))
  end
  return ('<!doctype html><meta charset="utf-8"><style>\n%s\n</style><div class="g">\n%s\n</div>\n'):format(
    table.concat(css, '\n'), table.concat(body, '\n'))
end

local function write(path, s)
  local f = assert(io.open(path, 'w'))
  f:write(s)
  f:close()
end

local function save()
  local lines = {}
  for r = 1, rows do
    lines[r] = table.concat(text[r]):gsub('%s+$', '')
  end
  local a = {}
  for id, v in pairs(attrs) do
    a[tostring(id)] = v
  end
  write(out .. '.html', html())
  write(out .. '.json', vim.json.encode({ lines = lines, hl = hl, attrs = a }))
end

local pipe = assert(uv.new_pipe(false))
local unpacker = vim.mpack.Unpacker()
local done, failure = false, nil
local function request(id, method, params)
  pipe:write(vim.mpack.encode({ 0, id, method, params }))
end

pipe:connect(addr, function(err)
  if err then
    failure, done = 'connect ' .. addr .. ': ' .. err, true
    return
  end
  -- The screen keeps its size: the UI asks for the one the editor has.
  request(1, 'nvim_eval', { '[&columns, &lines]' })
  pipe:read_start(function(rerr, chunk)
    if rerr or not chunk then
      failure, done = 'read: ' .. tostring(rerr or 'the connection closed'), true
      return
    end
    local pos = 1
    while pos <= #chunk do
      local msg
      msg, pos = unpacker(chunk, pos)
      if msg and msg[1] == 2 and msg[2] == 'redraw' then
        redraw(msg[3])
      elseif msg and msg[1] == 1 then
        if msg[3] ~= vim.NIL then
          failure, done = ('request %d: %s'):format(msg[2], vim.inspect(msg[3])), true
        elseif msg[2] == 1 then
          request(2, 'nvim_ui_attach', { msg[4][1], msg[4][2], { rgb = true, ext_linegrid = true } })
          request(3, 'nvim_command', { 'redraw!' })
        elseif msg[2] == 3 then
          -- The redraw's events came before this answer.
          save()
          request(4, 'nvim_ui_detach', {})
        elseif msg[2] == 4 then
          done = true
        end
      end
    end
  end)
end)

local ok = vim.wait(20000, function() return done end, 20)
pipe:close()
if not ok or failure then
  io.stderr:write('screen.lua: ' .. (failure or 'timed out') .. '\n')
  os.exit(1)
end
