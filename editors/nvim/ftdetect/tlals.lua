-- .tla is TLA+; a .cfg is a TLC model config when a .tla of the same name
-- sits beside it, or when it starts with a TLC keyword.
vim.filetype.add({
  extension = {
    tla = 'tla',
    cfg = function(path, bufnr)
      return require('tlals.filetype').detect_cfg(path, bufnr)
    end,
  },
})
