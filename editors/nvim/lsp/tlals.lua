-- The tlals server for Neovim >= 0.11's vim.lsp.config / vim.lsp.enable('tlals').
-- Neovim 0.10: use require('tlals').setup{} instead, which starts the same config.
return require('tlals.config').lsp_config()
