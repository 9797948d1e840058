package lsp

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/analysis/stdlib"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// textDocument/prepareCallHierarchy, callHierarchy/incomingCalls and
// callHierarchy/outgoingCalls, one feature in one file: the two requests
// read the items only prepare makes. The items are operator and function
// definitions (LET ones too). A call is a use of one in the body of
// another; the caller of a use is the innermost definition holding it
// (uses outside every definition, in ASSUME or an algorithm's statements,
// have none). The scope is references': the program of the document the
// hierarchy started from.

// callData is an item's data: where to find its definition again. Doc is
// the document the hierarchy started from (its program holds every module
// the hierarchy reaches), Path the defining module's path in that program,
// Off the offset of the defining identifier there.
type callData struct {
	Doc  uri.URI `json:"doc"`
	Path string  `json:"path"`
	Off  int     `json:"off"`
}

func (s *Server) prepareCallHierarchy(ctx context.Context, p *protocol.CallHierarchyPrepareParams) (any, error) {
	v, ref, ok, err := s.refAt(ctx, p.TextDocumentPositionParams)
	if err != nil || !ok || !callable(ref.Entity) {
		return nil, err
	}
	item, ok := s.callItem(v, ref.Entity)
	if !ok {
		return nil, nil
	}
	return []protocol.CallHierarchyItem{item}, nil
}

func (s *Server) incomingCalls(ctx context.Context, p *protocol.CallHierarchyIncomingCallsParams) (any, error) {
	v, e, err := s.callEntity(ctx, p.Item)
	if err != nil || e == nil {
		return nil, err
	}
	type caller struct {
		ent    *analysis.Entity
		ranges []protocol.Range
	}
	var callers []*caller
	byEnt := map[*analysis.Entity]*caller{}
	for _, o := range occurrences(v.Prog, e) {
		if o.isDef {
			continue
		}
		from := enclosingDef(o.module, o.span().Start)
		if from == nil {
			continue
		}
		c := byEnt[from]
		if c == nil {
			c = &caller{ent: from}
			byEnt[from] = c
			callers = append(callers, c)
		}
		c.ranges = append(c.ranges, toRange(o.module.File, o.span(), s.encoding()))
	}
	out := []protocol.CallHierarchyIncomingCall{}
	for _, c := range callers {
		if item, ok := s.callItem(v, c.ent); ok {
			out = append(out, protocol.CallHierarchyIncomingCall{From: item, FromRanges: c.ranges})
		}
	}
	return out, nil
}

func (s *Server) outgoingCalls(ctx context.Context, p *protocol.CallHierarchyOutgoingCallsParams) (any, error) {
	v, e, err := s.callEntity(ctx, p.Item)
	if err != nil || e == nil {
		return nil, err
	}
	m := e.Module
	var callees []*analysis.Entity
	ranges := map[*analysis.Entity][]protocol.Range{}
	ast.Inspect(e.Decl, func(n ast.Node) bool {
		var callee *analysis.Entity
		switch n := n.(type) {
		case *ast.OpDef, *ast.FuncDef:
			return n == e.Decl // a LET definition's calls are its own
		case *ast.Ident:
			callee = m.Info.Uses[n]
		case ast.Expr:
			callee = m.Info.Ops[n]
		}
		if callable(callee) {
			if ranges[callee] == nil {
				callees = append(callees, callee)
			}
			ranges[callee] = append(ranges[callee], toRange(m.File, analysis.NameSpan(n), s.encoding()))
		}
		return true
	})
	out := []protocol.CallHierarchyOutgoingCall{}
	for _, c := range callees {
		if item, ok := s.callItem(v, c); ok {
			out = append(out, protocol.CallHierarchyOutgoingCall{To: item, FromRanges: ranges[c]})
		}
	}
	return out, nil
}

// callable reports whether e is a definition the hierarchy shows.
func callable(e *analysis.Entity) bool {
	return e != nil && (e.Kind == analysis.Operator || e.Kind == analysis.Function) &&
		e.Module != nil && e.Module.File != nil && e.Ident != nil && e.Decl != nil
}

// callItem is the item of a definition of v's program.
func (s *Server) callItem(v *view, e *analysis.Entity) (protocol.CallHierarchyItem, bool) {
	u, ok := s.moduleURI(v, e.Module)
	if !ok {
		return protocol.CallHierarchyItem{}, false
	}
	data, err := json.Marshal(callData{Doc: v.Snap.URI, Path: e.Module.Path, Off: e.Ident.Start})
	if err != nil {
		return protocol.CallHierarchyItem{}, false
	}
	detail := e.Module.Name
	if name, std := stdlib.NameFromPath(e.Module.Path); std {
		detail = name + " (standard module)"
	}
	f := e.Module.File
	return protocol.CallHierarchyItem{
		Name: e.Name, Kind: protocol.SymbolKindFunction, Detail: &detail, URI: u,
		Range:          toRange(f, source.Span{Start: min(e.Decl.Pos().Start, e.Ident.Start), End: e.Decl.Pos().End}, s.encoding()),
		SelectionRange: toRange(f, e.Ident.Span, s.encoding()),
		Data:           data,
	}, true
}

// callEntity finds an item's definition again, in the program of the
// document the hierarchy started from (the item's own document when the
// data is missing or that document was closed).
func (s *Server) callEntity(ctx context.Context, item protocol.CallHierarchyItem) (*view, *analysis.Entity, error) {
	var d callData
	if len(item.Data) > 0 && json.Unmarshal(item.Data, &d) == nil && d.Doc != "" {
		if _, open := s.session.Snapshot(d.Doc); open {
			return s.callEntityIn(ctx, d)
		}
	}
	v, ref, ok, err := s.refAt(ctx, protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: item.URI}, Position: item.SelectionRange.Start})
	if err != nil || !ok || !callable(ref.Entity) {
		return nil, nil, err
	}
	return v, ref.Entity, nil
}

// callEntityIn finds the definition d names in the program of d.Doc.
func (s *Server) callEntityIn(ctx context.Context, d callData) (*view, *analysis.Entity, error) {
	v, err := s.viewOf(ctx, d.Doc)
	if err != nil || v.Prog == nil {
		return nil, nil, err
	}
	for _, m := range v.Prog.ModuleList() {
		if m.Path != d.Path || m.Info == nil {
			continue
		}
		for id, e := range m.Info.Defs {
			if id.Start == d.Off && callable(e) {
				return v, e, nil
			}
		}
	}
	return v, nil, nil // the definition is gone (edited away)
}

// enclosingDef is the innermost operator or function definition of m
// whose text holds offset off, or nil.
func enclosingDef(m *analysis.Module, off int) *analysis.Entity {
	var best *analysis.Entity
	ast.Inspect(m.AST, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		if sp := n.Pos(); off < sp.Start || off >= sp.End {
			_, isModule := n.(*ast.Module)
			return isModule // a module's span may not cover its trailing units
		}
		var id *ast.Ident
		switch n := n.(type) {
		case *ast.OpDef:
			id = n.Name
		case *ast.FuncDef:
			id = n.Name
		}
		if e := m.Info.Defs[id]; id != nil && callable(e) {
			best = e
		}
		return true
	})
	return best
}

// callHierarchyCaps declares the capability of this file's methods.
func callHierarchyCaps(s *Server, caps *protocol.ServerCapabilities) {
	caps.CallHierarchyProvider = protocol.Boolean(true)
}
