package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/parser/ast"
)

// textDocument/documentHighlight: the occurrences in the document (nested
// modules included) of the name under the cursor. The declaration is Text;
// a primed use (x', (x)', <<x, y>>'), a name in UNCHANGED and a PlusCal
// assignment target are Write; every other use is Read.

func (s *Server) documentHighlight(ctx context.Context, p *protocol.DocumentHighlightParams) (any, error) {
	v, ref, ok, err := s.refAt(ctx, p.TextDocumentPositionParams)
	if err != nil {
		return nil, err
	}
	out := []protocol.DocumentHighlight{}
	if !ok || ref.Entity == nil {
		return out, nil
	}
	enc := s.encoding()
	for _, m := range v.Prog.ModuleList() {
		if m.Path != v.Snap.Path || m.Info == nil {
			continue
		}
		var writes map[*ast.Ident]bool
		for _, n := range m.RefsTo(ref.Entity) {
			kind := protocol.DocumentHighlightKindRead
			if id, isIdent := n.(*ast.Ident); isIdent {
				switch {
				case m.Info.Defs[id] == ref.Entity:
					kind = protocol.DocumentHighlightKindText
				default:
					if writes == nil {
						writes = writeTargets(m.AST)
					}
					if writes[id] {
						kind = protocol.DocumentHighlightKindWrite
					}
				}
			}
			out = append(out, protocol.DocumentHighlight{Range: toRange(v.Snap.File, analysis.NameSpan(n), enc), Kind: kind})
		}
	}
	return out, nil
}

// writeTargets collects the identifiers of a module that name a variable
// being written: primed, in UNCHANGED, or assigned in PlusCal.
func writeTargets(root *ast.Module) map[*ast.Ident]bool {
	w := map[*ast.Ident]bool{}
	var mark func(e ast.Expr)
	mark = func(e ast.Expr) {
		switch e := e.(type) {
		case *ast.OpApp:
			if e.Prefix == nil && e.Args == nil && e.Name != nil {
				w[e.Name] = true
			}
		case *ast.Paren:
			mark(e.X)
		case *ast.Tuple:
			for _, x := range e.Elems {
				mark(x)
			}
		}
	}
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.PostfixExpr:
			if n.Op == "'" {
				mark(n.X)
			}
		case *ast.PrefixExpr:
			if n.Op == "UNCHANGED" {
				mark(n.X)
			}
		case *ast.AssignPart:
			if n.Var != nil {
				w[n.Var] = true
			}
		case *ast.Module:
			return n == root // nested modules have their own tables
		}
		return true
	})
	return w
}

// highlightCaps declares the capability of this file's method.
func highlightCaps(s *Server, caps *protocol.ServerCapabilities) {
	caps.DocumentHighlightProvider = protocol.Boolean(true)
}
