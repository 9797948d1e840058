package lsp

import (
	"context"
	"slices"
	"sort"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// workspace/executeCommand: every command the server offers is listed in
// commands (methods.go), and initialize advertises the sorted names. Commands
// take their arguments as raw JSON values so that each decodes its own.

// commandFunc runs one command.
type commandFunc func(s *Server, ctx context.Context, args []protocol.LSPAny) (any, error)

func (s *Server) executeCommand(ctx context.Context, p *protocol.ExecuteCommandParams) (any, error) {
	f, ok := commands[p.Command]
	if !ok {
		return nil, errf(jsonrpc2.InvalidParams, "unknown command %q", p.Command)
	}
	return f(s, ctx, p.Arguments)
}

// executeCommandCaps declares the capability of this file's method.
func executeCommandCaps(s *Server, caps *protocol.ServerCapabilities) {
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	caps.ExecuteCommandProvider = protocol.ExecuteCommandOptions{Commands: slices.Clip(names)}
}
