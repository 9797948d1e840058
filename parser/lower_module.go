package parser

import (
	sitter "github.com/smacker/go-tree-sitter"

	"github.com/tlals/tlals/parser/ast"
)

// unitTypes are the node types that lower to an ast.Unit.
var unitTypes = map[string]bool{
	"variable_declaration": true, "constant_declaration": true, "recursive_declaration": true,
	"use_or_hide": true, "local_definition": true, "operator_definition": true,
	"function_definition": true, "instance": true, "module_definition": true,
	"assumption": true, "theorem": true, "module": true,
}

// file lowers the root source_file node.
func (l *lowerer) file(root *sitter.Node) *ast.Module {
	var mod *ast.Module
	for _, k := range l.named(root) {
		if l.typ(k) != "module" {
			continue
		}
		if mod == nil {
			mod = l.module(k)
		} else {
			mod.Trailing = append(mod.Trailing, l.module(k))
		}
	}
	if mod == nil {
		// A snippet without a module header: lower what is there so that
		// the editor still has definitions to offer.
		// When the root is an ERROR node its children are a flat mix of
		// units and stray tokens; only the units are kept, and the name
		// after a `MODULE` keyword is recovered.
		mod = &ast.Module{Span: l.span(root)}
		// Whether the root of such a snippet extends over trailing
		// white space varies between parses of the same text (seen on
		// fuzzed input with an unterminated string); the range must not.
		for mod.End > mod.Start && mod.End <= len(l.src) && isSpace(l.src[mod.End-1]) {
			mod.End--
		}
		all := l.children(root)
		for i, k := range all {
			switch l.typ(k) {
			case "MODULE":
				if i+1 < len(all) && mod.Name == nil && l.typ(all[i+1]) == "identifier" {
					mod.Name = l.ident(all[i+1])
				}
			case "extends":
				mod.Extends = l.extends(k)
			case "pcal_algorithm":
				mod.Algorithm = l.algorithm(k)
			default:
				if unitTypes[l.typ(k)] {
					mod.Units = append(mod.Units, l.unit(k))
				}
			}
		}
		if !root.HasError() {
			l.errorf(firstLineSpan(l.src), "`MODULE` header expected: a module starts with a line like `---- MODULE Name ----`")
		}
	}
	var alg *sitter.Node
	mod.Comments, mod.Translation, alg = l.comments(root, mod.Span)
	if mod.Algorithm == nil && alg != nil {
		mod.Algorithm = l.algorithm(alg)
	}
	if mod.Algorithm == nil && !l.noPcalSearch {
		mod.Algorithm = l.extramodularAlgorithm(mod)
	}
	return mod
}

func (l *lowerer) extends(n *sitter.Node) []*ast.Ident {
	var out []*ast.Ident
	for _, k := range l.named(n) {
		if l.typ(k) == "identifier_ref" {
			out = append(out, l.ident(k))
		}
	}
	return out
}

func (l *lowerer) module(n *sitter.Node) *ast.Module {
	m := &ast.Module{Span: l.span(n), Name: l.ident(l.field(n, "name"))}
	if m.Name != nil && m.Name.Span.Len() == 0 {
		m.Name = nil
	}
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "header_line", "double_line", "identifier", "ERROR":
		case "extends":
			m.Extends = append(m.Extends, l.extends(k)...)
		default:
			m.Units = append(m.Units, l.unit(k))
		}
	}
	return m
}

// unit lowers a module-level item, also used for the definitions of a
// PlusCal define block and of LET.
func (l *lowerer) unit(n *sitter.Node) ast.Unit {
	f := l.flat.lookup(n)
	if f == nil || !f.top {
		return l.lowerUnit(n)
	}
	if f.reused != nil {
		if u, ok := l.reuseUnit(f); ok {
			return u
		}
	}
	before := len(l.errors)
	u := l.lowerUnit(n)
	l.remember(f, u, before)
	return u
}

// lowerUnit lowers a unit node.
func (l *lowerer) lowerUnit(n *sitter.Node) ast.Unit {
	if n == nil {
		return &ast.BadUnit{}
	}
	if !l.enter(n) {
		l.leave()
		return &ast.BadUnit{Span: l.span(n)}
	}
	defer l.leave()
	switch l.typ(n) {
	case "variable_declaration":
		d := &ast.VarDecl{Span: l.span(n)}
		for _, k := range l.named(n) {
			if l.typ(k) == "identifier" {
				d.Names = append(d.Names, l.ident(k))
			}
		}
		return d
	case "constant_declaration":
		return &ast.ConstDecl{Span: l.span(n), Decls: l.opDecls(n)}
	case "recursive_declaration":
		return &ast.RecursiveDecl{Span: l.span(n), Decls: l.opDecls(n)}
	case "local_definition":
		for _, k := range l.named(n) {
			u := l.unit(k)
			switch d := u.(type) {
			case *ast.OpDef:
				d.Local, d.Span.Start = true, l.span(n).Start
			case *ast.FuncDef:
				d.Local, d.Span.Start = true, l.span(n).Start
			case *ast.Instance:
				d.Local, d.Span.Start = true, l.span(n).Start
			case *ast.ModuleDef:
				d.Local, d.Span.Start = true, l.span(n).Start
			}
			return u
		}
		return &ast.BadUnit{Span: l.span(n)}
	case "operator_definition":
		return l.opDef(n)
	case "function_definition":
		d := &ast.FuncDef{Span: l.span(n), Name: l.nameOf(n)}
		for _, k := range l.named(n) {
			if l.typ(k) == "quantifier_bound" {
				d.Bounds = append(d.Bounds, l.bound(k))
			}
		}
		d.Body = l.expr(l.field(n, "definition"))
		return d
	case "instance":
		return l.instance(n)
	case "module_definition":
		d := &ast.ModuleDef{Span: l.span(n), Name: l.nameOf(n)}
		for _, p := range l.fieldKids(n, "parameter") {
			d.Params = append(d.Params, l.param(p))
		}
		if def := l.field(n, "definition"); def != nil && l.typ(def) == "instance" {
			d.Instance = l.instance(def)
		} else {
			d.Instance = &ast.Instance{Span: ast.Span{Start: d.End, End: d.End}}
		}
		return d
	case "assumption":
		a := &ast.Assume{Span: l.span(n), Keyword: l.firstToken(n)}
		if nm := l.field(n, "name"); nm != nil {
			a.Name = l.ident(nm)
		}
		a.Expr = l.lastExpr(n)
		return a
	case "theorem":
		return l.theorem(n)
	case "use_or_hide":
		return l.useOrHide(n)
	case "module":
		return l.module(n)
	case "single_line":
		return &ast.Separator{Span: l.span(n)}
	}
	return &ast.BadUnit{Span: l.span(n)}
}

// lastExpr lowers the last named child of n that is not a name or a `==`.
func (l *lowerer) lastExpr(n *sitter.Node) ast.Expr {
	kids := l.named(n)
	for i := len(kids) - 1; i >= 0; i-- {
		k := kids[i]
		if l.typ(k) == "ERROR" {
			continue
		}
		if l.typ(k) == "def_eq" || k == l.field(n, "name") {
			break // the expression is missing
		}
		return l.expr(k)
	}
	return &ast.BadExpr{Span: ast.Span{Start: l.span(n).End, End: l.span(n).End}}
}

func (l *lowerer) opDecls(n *sitter.Node) []*ast.OpDecl {
	var out []*ast.OpDecl
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "identifier", "operator_declaration":
			p := l.param(k)
			out = append(out, &ast.OpDecl{Span: p.Span, Name: p.Name, Fixity: p.Fixity, Arity: p.Arity})
		}
	}
	return out
}

// param lowers an identifier or an operator_declaration (`F(_, _)`,
// `-. _`, `_ + _`, `_ ^+`).
func (l *lowerer) param(n *sitter.Node) *ast.Param {
	p := &ast.Param{Span: l.span(n)}
	if l.typ(n) != "operator_declaration" {
		p.Name = l.ident(n)
		return p
	}
	name := l.field(n, "name")
	if name == nil {
		p.Name = &ast.Ident{Span: l.span(n)}
		return p
	}
	placeholders := 0
	for _, k := range l.named(n) {
		if l.typ(k) == "placeholder" {
			placeholders++
		}
	}
	p.Arity = placeholders
	if fx := l.symbolFixity(name); fx != ast.Nonfix {
		p.Name, p.Fixity = l.opName(name), fx
	} else {
		p.Name = l.ident(name)
	}
	return p
}

func (l *lowerer) opDef(n *sitter.Node) *ast.OpDef {
	d := &ast.OpDef{Span: l.span(n)}
	name := l.field(n, "name")
	switch {
	case name == nil:
		d.Name = &ast.Ident{Span: ast.Span{Start: d.Start, End: d.Start}}
	case l.symbolFixity(name) != ast.Nonfix:
		d.Name, d.Fixity = l.opName(name), l.symbolFixity(name)
	default:
		d.Name = l.ident(name)
		if c, ok := canonicalSet[l.typ(name)]; ok {
			d.Name.Name = c
		}
	}
	for _, p := range l.fieldKids(n, "parameter") {
		if l.typ(p) == "identifier" || l.typ(p) == "operator_declaration" {
			d.Params = append(d.Params, l.param(p))
		}
	}
	d.Body = l.expr(l.field(n, "definition"))
	return d
}

func (l *lowerer) instance(n *sitter.Node) *ast.Instance {
	in := &ast.Instance{Span: l.span(n)}
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "identifier_ref":
			if in.Module == nil {
				in.Module = l.ident(k)
			}
		case "substitution":
			s := &ast.Subst{Span: l.span(k)}
			ks := l.named(k)
			if len(ks) > 0 {
				if l.symbolFixity(ks[0]) != ast.Nonfix {
					s.Name = l.opName(ks[0])
				} else {
					s.Name = l.ident(ks[0])
				}
			}
			if len(ks) > 2 {
				s.Expr = l.opOrExpr(ks[2])
			} else {
				s.Expr = &ast.BadExpr{Span: ast.Span{Start: s.End, End: s.End}}
			}
			in.Substs = append(in.Substs, s)
		}
	}
	if in.Module == nil {
		in.Module = &ast.Ident{Span: ast.Span{Start: in.End, End: in.End}}
	}
	return in
}
