package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/analysis/stdlib"
	"github.com/tlals/tlals/parser/ast"
)

// textDocument/documentLink: each module name of an EXTENDS list or an
// INSTANCE links to the module's file, a standard module to tlals's
// read-only copy of it (the file go-to-definition opens). Names that
// resolve to no module get no link.

func (s *Server) documentLink(ctx context.Context, p *protocol.DocumentLinkParams) (any, error) {
	v, err := s.viewOf(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	out := []protocol.DocumentLink{}
	if v.Prog == nil || v.Prog.Root == nil || v.Prog.Root.AST == nil {
		return out, nil
	}
	var names []*ast.Ident
	ast.Inspect(v.Prog.Root.AST, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Module:
			names = append(names, n.Extends...)
		case *ast.Instance:
			if n.Module != nil {
				names = append(names, n.Module)
			}
		}
		return true
	})
	for _, id := range names {
		ref, ok := v.Prog.RefAt(id.Start)
		if !ok || ref.Target == nil || ref.Ident != id {
			continue
		}
		u, ok := s.moduleURI(v, ref.Target)
		if !ok || u == v.Snap.URI {
			continue // a module of this file: nothing to open
		}
		tip := ref.Target.Path
		if name, std := stdlib.NameFromPath(tip); std {
			tip = "standard module " + name
		}
		out = append(out, protocol.DocumentLink{Range: toRange(v.Snap.File, id.Span, s.encoding()), Target: &u, Tooltip: &tip})
	}
	return out, nil
}

// documentLinkCaps declares the capability of this file's method.
func documentLinkCaps(s *Server, caps *protocol.ServerCapabilities) {
	caps.DocumentLinkProvider = &protocol.DocumentLinkOptions{}
}
