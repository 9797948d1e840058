-- Code lenses (check results above the spec, once the server sends them):
-- refreshed on attach, after writes and when leaving insert mode; the server's
-- workspace/codeLens/refresh is handled by Neovim itself.
local M = {}

local group = vim.api.nvim_create_augroup('tlals.codelens', { clear = false })

function M.attach(bufnr)
  vim.api.nvim_clear_autocmds({ group = group, buffer = bufnr })
  vim.api.nvim_create_autocmd({ 'BufEnter', 'BufWritePost', 'InsertLeave' }, {
    group = group,
    buffer = bufnr,
    callback = function()
      M.refresh(bufnr)
    end,
  })
  M.refresh(bufnr)
end

function M.refresh(bufnr)
  if vim.api.nvim_buf_is_valid(bufnr) then
    pcall(vim.lsp.codelens.refresh, { bufnr = bufnr })
  end
end

--- lenses returns the lenses Neovim has for bufnr (for tests and :TlalsInfo).
function M.lenses(bufnr)
  return vim.lsp.codelens.get(bufnr)
end

return M
