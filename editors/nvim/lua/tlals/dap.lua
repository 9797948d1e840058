-- tlals's debugger for nvim-dap: `tlals dap` speaks the Debug Adapter
-- Protocol on stdio. require('tlals.dap').setup() registers the adapter
-- `tlals` (the binary of the server command) and a configuration for TLA+
-- buffers; without nvim-dap it says so and does nothing. See :help tlals-dap.
local M = {}

--- The adapter and the configurations, without registering them.
function M.adapter(cmd)
  local bin = cmd or require('tlals.config').options.cmd[1]
  return { type = 'executable', command = bin, args = { 'dap' } }
end

M.configurations = {
  {
    type = 'tlals',
    request = 'launch',
    name = 'Debug model',
    spec = '${file}',
    -- model = '${fileDirname}/${fileBasenameNoExtension}.cfg', -- the default
    stopOnEntry = true,
  },
}

--- setup registers the adapter with nvim-dap; opts.cmd: the tlals binary.
function M.setup(opts)
  local ok, dap = pcall(require, 'dap')
  if not ok then
    vim.notify('tlals: nvim-dap is not installed; the debugger needs it', vim.log.levels.WARN)
    return false
  end
  dap.adapters.tlals = M.adapter(opts and opts.cmd)
  dap.configurations.tla = vim.list_extend(dap.configurations.tla or {}, vim.deepcopy(M.configurations))
  return true
end

return M
