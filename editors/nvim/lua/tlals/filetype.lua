local M = {}

local KEYWORDS = {
  CONSTANT = true, CONSTANTS = true, INIT = true, NEXT = true, SPECIFICATION = true,
  INVARIANT = true, INVARIANTS = true, PROPERTY = true, PROPERTIES = true, SYMMETRY = true,
  VIEW = true, CONSTRAINT = true, CONSTRAINTS = true, CHECK_DEADLOCK = true, ALIAS = true,
  ACTION_CONSTRAINT = true, ACTION_CONSTRAINTS = true, POSTCONDITION = true,
}

--- Returns 'tlacfg' for a TLC model config, nil otherwise (other .cfg files
--- keep Neovim's own detection).
function M.detect_cfg(path, bufnr)
  local stem = path:gsub('%.cfg$', '')
  if vim.uv.fs_stat(stem .. '.tla') then
    return 'tlacfg'
  end
  local ok, lines = pcall(vim.api.nvim_buf_get_lines, bufnr or 0, 0, 50, false)
  if not ok then
    return nil
  end
  for _, line in ipairs(lines) do
    local word = line:match('^%s*([%u_]+)')
    if word and KEYWORDS[word] then
      return 'tlacfg'
    elseif line:match('%S') and not line:match('^%s*\\%*') and not line:match('^%s*%(%*') then
      return nil
    end
  end
  return nil
end

return M
