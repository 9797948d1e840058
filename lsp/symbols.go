package lsp

import (
	"context"
	"sort"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// textDocument/documentSymbol: the outline of a module as a tree.
//
// Symbol kinds (LSP has none for TLA+; these read well in editors):
//
//	MODULE (nested too)                  Module
//	CONSTANT c / CONSTANT F(_)           Constant
//	VARIABLE x, PlusCal variables        Variable
//	Op(a) == e, RECURSIVE Op(_)          Function
//	a \prec b == e, -. a == e            Operator
//	f[x \in S] == e                      Function (detail f[x \in S])
//	INSTANCE M, I == INSTANCE M          Namespace
//	THEOREM/LEMMA/... Name == e          Property (detail: the keyword)
//	ASSUME [Name ==] e                   Boolean
//	--algorithm                          Class
//	define block                         Namespace
//	macro                                Function
//	procedure                            Method
//	process                              Object
//	label                                Event (a label names an atomic step)

func (s *Server) documentSymbol(ctx context.Context, p *protocol.DocumentSymbolParams) (any, error) {
	v, err := s.viewOf(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	mod := v.moduleSyntax()
	if mod == nil {
		return []protocol.DocumentSymbol{}, nil
	}
	return toDocumentSymbols(v.Snap.File, outline(v.Snap.File, mod), s.encoding()), nil
}

// moduleSyntax is the syntax tree of the view's document, whichever
// Analyzer produced it; nil when the text holds no module.
func (v *view) moduleSyntax() *ast.Module {
	if v.Prog != nil {
		if v.Prog.Root == nil {
			return nil
		}
		return v.Prog.Root.AST
	}
	if pr := v.Res.Parse; pr != nil {
		return pr.Module
	}
	return nil
}

// outlineSym is a symbol in byte offsets; document and workspace symbols
// convert it to positions as late as possible.
type outlineSym struct {
	Name     string
	Detail   string
	Kind     protocol.SymbolKind
	Span     source.Span // the whole declaration
	Sel      source.Span // the name
	Children []outlineSym
}

// outline is the symbol tree of a module: the module itself at the root.
func outline(f *source.File, m *ast.Module) []outlineSym {
	if m == nil || m.Name == nil {
		return nil
	}
	b := outlineBuilder{f: f}
	return []outlineSym{b.module(m)}
}

type outlineBuilder struct{ f *source.File }

// text is the source text of a span with its whitespace runs collapsed, for
// details written over several lines.
func (b outlineBuilder) text(sp source.Span) string {
	if sp.Start < 0 || sp.End > len(b.f.Text) || sp.Start > sp.End {
		return ""
	}
	return strings.Join(strings.Fields(string(b.f.Text[sp.Start:sp.End])), " ")
}

func (b outlineBuilder) module(m *ast.Module) outlineSym {
	sym := outlineSym{Name: m.Name.Name, Kind: protocol.SymbolKindModule, Span: m.Span, Sel: m.Name.Span}
	for _, u := range m.Units {
		sym.Children = append(sym.Children, b.unit(u)...)
	}
	if m.Algorithm != nil && m.Algorithm.Name != nil {
		sym.Children = append(sym.Children, b.algorithm(m.Algorithm))
	}
	sortOutline(sym.Children)
	return sym
}

// sortOutline orders siblings by position: the algorithm, which sits in a
// comment, may come before the units that follow it.
func sortOutline(syms []outlineSym) {
	sort.SliceStable(syms, func(i, j int) bool { return syms[i].Span.Start < syms[j].Span.Start })
}

func (b outlineBuilder) unit(u ast.Unit) []outlineSym {
	switch u := u.(type) {
	case *ast.Module:
		if u.Name == nil {
			return nil
		}
		return []outlineSym{b.module(u)}
	case *ast.ConstDecl:
		var out []outlineSym
		for _, d := range u.Decls {
			if d.Name != nil {
				out = append(out, outlineSym{Name: d.Name.Name, Detail: declSignature(d), Kind: protocol.SymbolKindConstant, Span: d.Span, Sel: d.Name.Span})
			}
		}
		return out
	case *ast.RecursiveDecl:
		var out []outlineSym
		for _, d := range u.Decls {
			if d.Name != nil {
				out = append(out, outlineSym{Name: d.Name.Name, Detail: "RECURSIVE " + declSignature(d), Kind: protocol.SymbolKindFunction, Span: d.Span, Sel: d.Name.Span})
			}
		}
		return out
	case *ast.VarDecl:
		var out []outlineSym
		for _, id := range u.Names {
			out = append(out, outlineSym{Name: id.Name, Kind: protocol.SymbolKindVariable, Span: id.Span, Sel: id.Span})
		}
		return out
	case *ast.OpDef:
		if u.Name == nil {
			return nil
		}
		kind := protocol.SymbolKindFunction
		if u.Fixity != ast.Nonfix {
			kind = protocol.SymbolKindOperator
		}
		return []outlineSym{{Name: u.Name.Name, Detail: localPrefix(u.Local) + opSignature(u.Name.Name, u.Fixity, u.Params), Kind: kind, Span: u.Span, Sel: u.Name.Span}}
	case *ast.FuncDef:
		if u.Name == nil {
			return nil
		}
		var bounds []string
		for _, bd := range u.Bounds {
			bounds = append(bounds, b.text(bd.Span))
		}
		detail := localPrefix(u.Local) + u.Name.Name + "[" + strings.Join(bounds, ", ") + "]"
		return []outlineSym{{Name: u.Name.Name, Detail: detail, Kind: protocol.SymbolKindFunction, Span: u.Span, Sel: u.Name.Span}}
	case *ast.Instance:
		if u.Module == nil {
			return nil
		}
		return []outlineSym{{Name: u.Module.Name, Detail: localPrefix(u.Local) + "INSTANCE", Kind: protocol.SymbolKindNamespace, Span: u.Span, Sel: u.Module.Span}}
	case *ast.ModuleDef:
		if u.Name == nil {
			return nil
		}
		detail := localPrefix(u.Local) + opSignature(u.Name.Name, ast.Nonfix, u.Params)
		if u.Instance != nil && u.Instance.Module != nil {
			detail += " == INSTANCE " + u.Instance.Module.Name
		}
		return []outlineSym{{Name: u.Name.Name, Detail: detail, Kind: protocol.SymbolKindNamespace, Span: u.Span, Sel: u.Name.Span}}
	case *ast.Theorem:
		if u.Name == nil {
			return nil
		}
		return []outlineSym{{Name: u.Name.Name, Detail: u.Keyword, Kind: protocol.SymbolKindProperty, Span: u.Span, Sel: u.Name.Span}}
	case *ast.Assume:
		// Unnamed assumptions are listed under their keyword, selected on
		// it: they are few and worth finding.
		if u.Name == nil {
			kw := source.Span{Start: u.Start, End: min(u.Start+len(u.Keyword), u.End)}
			return []outlineSym{{Name: u.Keyword, Kind: protocol.SymbolKindBoolean, Span: u.Span, Sel: kw}}
		}
		return []outlineSym{{Name: u.Name.Name, Detail: u.Keyword, Kind: protocol.SymbolKindBoolean, Span: u.Span, Sel: u.Name.Span}}
	}
	return nil
}

func localPrefix(local bool) string {
	if local {
		return "LOCAL "
	}
	return ""
}

// declSignature is how a declared operator is written: `C`, `F(_, _)`,
// `_ + _`, `-. _`, `_ ^+`.
func declSignature(d *ast.OpDecl) string {
	name := d.Name.Name
	switch d.Fixity {
	case ast.InfixOp:
		return "_ " + name + " _"
	case ast.Prefix:
		return name + " _"
	case ast.Postfix:
		return "_ " + name
	}
	if d.Arity == 0 {
		return name
	}
	return name + "(" + strings.TrimSuffix(strings.Repeat("_, ", d.Arity), ", ") + ")"
}

// opSignature is the left-hand side of a definition: `Op(a, F(_))`,
// `a \prec b`, `-. a`, `a ^+`.
func opSignature(name string, fix ast.Fixity, params []*ast.Param) string {
	ps := make([]string, 0, len(params))
	for _, p := range params {
		if p.Name == nil {
			continue
		}
		ps = append(ps, declSignature(&ast.OpDecl{Name: p.Name, Fixity: p.Fixity, Arity: p.Arity}))
	}
	switch {
	case fix == ast.InfixOp && len(ps) == 2:
		return ps[0] + " " + name + " " + ps[1]
	case fix == ast.Prefix && len(ps) == 1:
		return name + " " + ps[0]
	case fix == ast.Postfix && len(ps) == 1:
		return ps[0] + " " + name
	case len(ps) == 0:
		return name
	}
	return name + "(" + strings.Join(ps, ", ") + ")"
}

func (b outlineBuilder) algorithm(a *ast.Algorithm) outlineSym {
	detail := "--algorithm"
	if a.Fair {
		detail = "--fair algorithm"
	}
	sym := outlineSym{Name: a.Name.Name, Detail: detail, Kind: protocol.SymbolKindClass, Span: a.Span, Sel: a.Name.Span}
	sym.Children = append(sym.Children, b.pvars(a.Vars)...)
	if a.DefineSpan != nil {
		const kw = "define"
		def := outlineSym{Name: kw, Kind: protocol.SymbolKindNamespace, Span: *a.DefineSpan,
			Sel: source.Span{Start: a.DefineSpan.Start, End: min(a.DefineSpan.Start+len(kw), a.DefineSpan.End)}}
		for _, u := range a.Defines {
			def.Children = append(def.Children, b.unit(u)...)
		}
		sym.Children = append(sym.Children, def)
	}
	for _, m := range a.Macros {
		if m.Name == nil {
			continue
		}
		params := make([]string, 0, len(m.Params))
		for _, p := range m.Params {
			params = append(params, p.Name)
		}
		ms := outlineSym{Name: m.Name.Name, Detail: m.Name.Name + "(" + strings.Join(params, ", ") + ")", Kind: protocol.SymbolKindFunction, Span: m.Span, Sel: m.Name.Span}
		ms.Children = b.labels(m.Body)
		sym.Children = append(sym.Children, ms)
	}
	for _, p := range a.Procedures {
		if p.Name == nil {
			continue
		}
		params := make([]string, 0, len(p.Params))
		for _, v := range p.Params {
			params = append(params, b.text(v.Span))
		}
		ps := outlineSym{Name: p.Name.Name, Detail: p.Name.Name + "(" + strings.Join(params, ", ") + ")", Kind: protocol.SymbolKindMethod, Span: p.Span, Sel: p.Name.Span}
		ps.Children = append(b.pvars(p.Params), b.pvars(p.Vars)...)
		ps.Children = append(ps.Children, b.labels(p.Body)...)
		sym.Children = append(sym.Children, ps)
	}
	for _, p := range a.Processes {
		if p.Name == nil {
			continue
		}
		detail := p.Name.Name
		if p.ID != nil {
			op := " = "
			if p.In {
				op = ` \in `
			}
			detail += op + b.text(p.ID.Pos())
		}
		ps := outlineSym{Name: p.Name.Name, Detail: detail, Kind: protocol.SymbolKindObject, Span: p.Span, Sel: p.Name.Span}
		ps.Children = append(b.pvars(p.Vars), b.labels(p.Body)...)
		sym.Children = append(sym.Children, ps)
	}
	sym.Children = append(sym.Children, b.labels(a.Body)...)
	return sym
}

func (b outlineBuilder) pvars(vs []*ast.PVarDecl) []outlineSym {
	var out []outlineSym
	for _, v := range vs {
		if v.Name != nil {
			out = append(out, outlineSym{Name: v.Name.Name, Kind: protocol.SymbolKindVariable, Span: v.Span, Sel: v.Name.Span})
		}
	}
	return out
}

// labels lists the labels of a block. A label's range runs from the label
// to the last statement before the next labelled statement of the same
// block (the atomic step it names); labels inside that range's nested
// blocks are its children.
func (b outlineBuilder) labels(blk *ast.Block) []outlineSym {
	if blk == nil {
		return nil
	}
	var out []outlineSym
	var cur *outlineSym
	flush := func() {
		if cur != nil {
			out = append(out, *cur)
			cur = nil
		}
	}
	for _, st := range blk.Stmts {
		if l := st.StmtLabel(); l != nil && l.Name != nil {
			flush()
			cur = &outlineSym{Name: l.Name.Name, Kind: protocol.SymbolKindEvent, Span: source.Span{Start: l.Start, End: st.Pos().End}, Sel: l.Name.Span}
			if l.Mod != "" {
				cur.Detail = l.Name.Name + ":" + l.Mod
			}
		} else if cur != nil {
			cur.Span.End = max(cur.Span.End, st.Pos().End)
		}
		var nested []outlineSym
		for _, c := range ast.Children(st) {
			if inner, ok := c.(*ast.Block); ok {
				nested = append(nested, b.labels(inner)...)
			}
		}
		if cur != nil {
			cur.Children = append(cur.Children, nested...)
		} else {
			out = append(out, nested...)
		}
	}
	flush()
	return out
}

// trimSpace drops the blanks and line ends a node's span may end with
// (junction lists end after their last line break), so that ranges end
// where their text does.
func trimSpace(f *source.File, sp source.Span) source.Span {
	for sp.End > sp.Start && sp.End <= len(f.Text) {
		switch f.Text[sp.End-1] {
		case ' ', '\t', '\r', '\n':
			sp.End--
			continue
		}
		break
	}
	return sp
}

// toDocumentSymbols converts an outline to LSP positions.
func toDocumentSymbols(f *source.File, syms []outlineSym, enc source.Encoding) []protocol.DocumentSymbol {
	out := make([]protocol.DocumentSymbol, 0, len(syms))
	for _, s := range syms {
		if s.Name == "" {
			// Recovered syntax may leave a name empty, which clients
			// reject: keep the children only.
			out = append(out, toDocumentSymbols(f, s.Children, enc)...)
			continue
		}
		ds := protocol.DocumentSymbol{
			Name:           s.Name,
			Kind:           s.Kind,
			Range:          toRange(f, trimSpace(f, s.Span), enc),
			SelectionRange: toRange(f, s.Sel, enc),
		}
		if s.Detail != "" && s.Detail != s.Name {
			d := s.Detail
			ds.Detail = &d
		}
		if len(s.Children) > 0 {
			ds.Children = toDocumentSymbols(f, s.Children, enc)
		}
		out = append(out, ds)
	}
	return out
}

// outlineOfModule is the outline of an analysed module's file, for modules
// other than the document's (workspace symbols).
func outlineOfModule(m *analysis.Module) []outlineSym {
	if m == nil || m.AST == nil || m.File == nil || m.Parent != nil {
		return nil
	}
	return outline(m.File, m.AST)
}

// documentSymbolCaps declares the capability of this file's method.
func documentSymbolCaps(s *Server, caps *protocol.ServerCapabilities) {
	caps.DocumentSymbolProvider = protocol.Boolean(true)
}
