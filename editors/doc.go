// Package editors holds the editor integrations of tlals: the VS Code
// extension (vscode/, TypeScript) and the Neovim plugin (nvim/, Lua). The Go
// package only hosts their end-to-end tests, so that `go test ./...` (and so
// `make test` and CI) runs them in the real editors.
package editors
