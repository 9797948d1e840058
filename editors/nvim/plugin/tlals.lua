if vim.g.loaded_tlals then
  return
end
vim.g.loaded_tlals = true

local function cmd(name, f, opts)
  vim.api.nvim_create_user_command(name, f, vim.tbl_extend('force', { desc = 'tlals' }, opts or {}))
end
local c = function()
  return require('tlals.commands')
end

cmd('TlalsCheck', function() c().check(0) end, { desc = 'tlals: check the model' })
cmd('TlalsChooseModel', function(a) c().choose_model(0, a.args) end, { nargs = '?', complete = 'file', desc = 'tlals: the .cfg to check with' })
cmd('TlalsTranslate', function() c().translate(0) end, { desc = 'tlals: translate the PlusCal algorithm' })
cmd('TlalsTrace', function() c().show_trace(0) end, { desc = 'tlals: show the trace' })
cmd('TlalsTraceFirst', function() c().trace_step('first', 0) end, { desc = 'tlals: first state of the trace' })
cmd('TlalsTraceNext', function() c().trace_step('next', 0) end, { desc = 'tlals: next state of the trace' })
cmd('TlalsTracePrev', function() c().trace_step('prev', 0) end, { desc = 'tlals: previous state of the trace' })
cmd('TlalsTraceLast', function() c().trace_step('last', 0) end, { desc = 'tlals: last state of the trace' })
cmd('TlalsEval', function(a) c().eval_command(a) end, { nargs = '*', range = true, desc = 'tlals: evaluate an expression (or the selection) with the model\'s constants, in the trace\'s current state' })
cmd('TlalsExportTrace', function(a) c().export_trace(a.fargs[1], a.fargs[2], 0) end, {
  nargs = '+',
  complete = function(lead, line)
    if #vim.split(line, '%s+') <= 2 then
      return vim.tbl_filter(function(f) return vim.startswith(f, lead) end, require('tlals.protocol').trace_formats)
    end
    return vim.fn.getcompletion(lead, 'file')
  end,
  desc = 'tlals: write the trace to a file: tla, json or itf',
})
cmd('TlalsHeatMap', function() require('tlals.heatmap').toggle() end, { desc = 'tlals: toggle the heat map of evaluation cost' })
cmd('TlalsRestart', function()
  for _, cl in ipairs(vim.lsp.get_clients({ name = 'tlals' })) do
    require('tlals.protocol').stop(cl)
  end
  vim.defer_fn(function()
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(b) and vim.tbl_contains(require('tlals.config').options.filetypes, vim.bo[b].filetype) then
        require('tlals').start(b)
      end
    end
  end, 500)
end, { desc = 'tlals: restart the server' })
