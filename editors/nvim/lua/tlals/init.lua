-- tlals for Neovim: starts `tlals lsp` for TLA+ buffers and adds the model
-- checking commands. Neovim 0.10: require('tlals').setup{}. Neovim >= 0.11:
-- vim.lsp.enable('tlals') (lsp/tlals.lua) works too; setup{} still adds the
-- filetype autocommands and validates the options.
local M = {}

local config = require('tlals.config')
local group = vim.api.nvim_create_augroup('tlals', { clear = true })

M.did_setup = false

local function root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local found = vim.fs.find(config.options.root_markers, { path = vim.fs.dirname(name), upward = true })[1]
  return found and vim.fs.dirname(found) or vim.fs.dirname(name)
end

--- start attaches a tlals client to bufnr (0.10 path; 0.11 uses vim.lsp.enable).
function M.start(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  local cfg = config.lsp_config()
  if vim.fn.executable(cfg.cmd[1]) ~= 1 then
    vim.notify_once(('tlals: %s is not executable; set cmd in require("tlals").setup{}'):format(cfg.cmd[1]), vim.log.levels.ERROR)
    return nil
  end
  cfg.root_dir = root_dir(bufnr)
  cfg.root_markers = nil
  cfg.filetypes = nil
  return vim.lsp.start(cfg, { bufnr = bufnr })
end

function M.setup(opts)
  local ok, err = config.set(opts)
  if not ok then
    vim.notify('tlals: invalid configuration: ' .. err, vim.log.levels.ERROR)
    return false
  end
  M.did_setup = true
  vim.api.nvim_clear_autocmds({ group = group })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.options.filetypes,
    callback = function(ev)
      M.start(ev.buf)
    end,
  })
  -- The trace buffer, when shown, follows the spec being edited.
  vim.api.nvim_create_autocmd('BufEnter', {
    group = group,
    pattern = '*.tla',
    callback = function(ev)
      require('tlals.trace').follow(ev.buf)
    end,
  })
  -- No BufWritePost hook: the server checks (checkOnSave) and translates
  -- (translateOnSave) on save itself; a second run here would cancel its own.
  -- Buffers already open get a client now.
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(config.options.filetypes, vim.bo[b].filetype) then
      M.start(b)
    end
  end
  return true
end

local function map(bufnr, lhs, rhs, desc)
  vim.keymap.set('n', lhs, rhs, { buffer = bufnr, desc = 'tlals: ' .. desc, silent = true })
end

--- on_attach runs for each buffer the client attaches to.
function M.on_attach(client, bufnr)
  if config.options.keymaps then
    local c = require('tlals.commands')
    map(bufnr, ']s', function() c.trace_step('next', bufnr) end, 'next trace state')
    map(bufnr, '[s', function() c.trace_step('prev', bufnr) end, 'previous trace state')
    map(bufnr, '[S', function() c.trace_step('first', bufnr) end, 'first trace state')
    map(bufnr, ']S', function() c.trace_step('last', bufnr) end, 'last trace state')
    map(bufnr, '<leader>tc', function() c.check(bufnr) end, 'check model')
    map(bufnr, '<leader>te', '<cmd>TlalsEval<CR>', 'evaluate an expression')
    -- :'<,'>TlalsEval: the marks of the selection are set when it runs
    vim.keymap.set('x', '<leader>te', ':TlalsEval<CR>', { buffer = bufnr, desc = 'tlals: evaluate the selection', silent = true })
  end
  if config.options.codelens.enable and require('tlals.protocol').supports_method(client, 'textDocument/codeLens', bufnr) then
    require('tlals.codelens').attach(bufnr)
  end
end

--- status is a statusline item: the current spec's last result,
--- e.g. vim.o.statusline = '%f %{v:lua.require("tlals").status()}'.
function M.status()
  return require('tlals.trace').status(0)
end

return M
