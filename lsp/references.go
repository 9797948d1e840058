package lsp

import (
	"context"
	"sort"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/analysis/stdlib"
	"github.com/tlals/tlals/parser/ast"
)

// textDocument/references. The scope is the program of the document's
// analysis: the document's modules (nested ones included) and every module
// it reaches through EXTENDS and INSTANCE, transitively, whether open or on
// disk; standard modules are left out. Modules that use the document
// without being reached from it are not searched.

func (s *Server) references(ctx context.Context, p *protocol.ReferenceParams) (any, error) {
	v, ref, ok, err := s.refAt(ctx, p.TextDocumentPositionParams)
	if err != nil {
		return nil, err
	}
	out := []protocol.Location{}
	if !ok || ref.Entity == nil {
		return out, nil
	}
	for _, o := range occurrences(v.Prog, ref.Entity) {
		if o.isDef && !p.Context.IncludeDeclaration {
			continue
		}
		if loc, ok := s.location(v, o.module, o.span()); ok {
			out = append(out, loc)
		}
	}
	return out, nil
}

// occurrence is one place that declares or uses an entity.
type occurrence struct {
	module *analysis.Module
	node   ast.Node // *ast.Ident, or an operator expression
	isDef  bool
}

func (o occurrence) span() ast.Span { return analysis.NameSpan(o.node) }

// occurrences lists the declaration and uses of e in the searched modules
// (see the top of this file), by path then position.
func occurrences(prog *analysis.Program, e *analysis.Entity) []occurrence {
	var out []occurrence
	for _, m := range prog.ModuleList() {
		if _, std := stdlib.NameFromPath(m.Path); std {
			continue
		}
		for _, n := range m.RefsTo(e) {
			id, _ := n.(*ast.Ident)
			out = append(out, occurrence{module: m, node: n, isDef: id != nil && m.Info.Defs[id] == e})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.module.Path != b.module.Path {
			return a.module.Path < b.module.Path
		}
		return a.span().Start < b.span().Start
	})
	return out
}

// referencesCaps declares the capability of this file's method.
func referencesCaps(s *Server, caps *protocol.ServerCapabilities) {
	caps.ReferencesProvider = protocol.Boolean(true)
}
