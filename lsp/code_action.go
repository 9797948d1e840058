package lsp

import (
	"context"
	"strings"

	"go.lsp.dev/protocol"
)

// textDocument/codeAction: each feature that offers actions is listed in
// codeActionProviders (methods.go); the handler asks them all and keeps the kinds the
// client asked for (context.only).

// codeActionProvider returns the actions a feature offers for a request on
// the view's document.
type codeActionProvider struct {
	kinds []protocol.CodeActionKind // advertised in codeActionKinds
	fn    func(s *Server, ctx context.Context, v *view, p *protocol.CodeActionParams) ([]*protocol.CodeAction, error)
}

func (s *Server) codeAction(ctx context.Context, p *protocol.CodeActionParams) (any, error) {
	v, err := s.viewOf(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	out := []protocol.CommandOrCodeAction{}
	for _, prov := range codeActionProviders {
		acts, err := prov.fn(s, ctx, v, p)
		if err != nil {
			return nil, err
		}
		for _, a := range acts {
			if a.Kind == nil || kindWanted(*a.Kind, p.Context.Only) {
				out = append(out, a)
			}
		}
	}
	return out, nil
}

// kindWanted reports whether kind is one of only or below one of them
// ("source.x" is below "source"); an empty only wants every kind.
func kindWanted(kind protocol.CodeActionKind, only []protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if kind == o || strings.HasPrefix(string(kind), string(o)+".") {
			return true
		}
	}
	return false
}

// codeActionCaps declares the capability of this file's method.
func codeActionCaps(s *Server, caps *protocol.ServerCapabilities) {
	var kinds []protocol.CodeActionKind
	for _, p := range codeActionProviders {
		kinds = append(kinds, p.kinds...)
	}
	caps.CodeActionProvider = &protocol.CodeActionOptions{CodeActionKinds: kinds}
}
