package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// textDocument/selectionRange: for each position, the chain of syntax
// nodes enclosing it, from the innermost (usually an identifier) out to the
// module, nodes with equal ranges counted once.

func (s *Server) selectionRange(ctx context.Context, p *protocol.SelectionRangeParams) (any, error) {
	v, err := s.viewOf(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	mod := v.moduleSyntax()
	enc := s.encoding()
	out := make([]protocol.SelectionRange, 0, len(p.Positions))
	for _, pos := range p.Positions {
		off := s.offset(v, pos)
		out = append(out, selectionChain(v.Snap.File, mod, off, enc))
	}
	return out, nil
}

// selectionChain is the selection range at byte offset off. A position
// outside every node (before the module header) gets the empty range at
// the position, as the protocol wants one answer per position.
func selectionChain(f *source.File, mod *ast.Module, off int, enc source.Encoding) protocol.SelectionRange {
	var path []ast.Node
	if mod != nil {
		path = analysis.PathAt(mod, off)
	}
	var inner *protocol.SelectionRange
	var last source.Span
	// Build from the outside in, so that each range points at its parent.
	for i, n := range path {
		sp := trimSpace(f, n.Pos())
		if !sp.Contains(off) {
			sp = n.Pos() // a position in the blanks a node ends with
		}
		if i > 0 && sp == last {
			continue
		}
		last = sp
		inner = &protocol.SelectionRange{Range: toRange(f, sp, enc), Parent: inner}
	}
	if inner == nil {
		p := toPosition(f, off, enc)
		return protocol.SelectionRange{Range: protocol.Range{Start: p, End: p}}
	}
	return *inner
}

// selectionCaps declares the capability of this file's method.
func selectionCaps(s *Server, caps *protocol.ServerCapabilities) {
	caps.SelectionRangeProvider = protocol.Boolean(true)
}
