package analysis

import (
	"github.com/tlals/tlals/parser/ast"
)

// Position queries: what the editor features ask of an analysed program.
// They read the AST and the side tables only, so they are cheap enough to
// run on every hover.

// PathAt returns the nodes enclosing byte offset off, outermost first,
// starting at root. A node ending exactly at off counts as enclosing it only
// when no sibling starts there, so that a cursor just after a name still
// finds the name, while a cursor between two tokens prefers the second.
func PathAt(root ast.Node, off int) []ast.Node {
	var path []ast.Node
	n := root
	for n != nil && n.Pos().Contains(off) {
		path = append(path, n)
		var next ast.Node
		for _, c := range ast.Children(n) {
			sp := c.Pos()
			if sp.Start <= off && off < sp.End {
				next = c
				break
			}
			if sp.End == off && sp.Start <= off {
				next = c // keep looking for one that starts here
			}
		}
		n = next
	}
	return path
}

// ModuleAt returns the module (nested or not) of the program's root file
// whose text encloses off, and the path to off inside it.
func (p *Program) ModuleAt(off int) (*Module, []ast.Node) {
	if p == nil || p.Root == nil || p.Root.AST == nil {
		return nil, nil
	}
	path := PathAt(p.Root.AST, off)
	m := p.Root
	for _, n := range path {
		if am, ok := n.(*ast.Module); ok && am != m.AST {
			if nm := p.moduleOf(am); nm != nil {
				m = nm
			}
		}
	}
	return m, path
}

func (p *Program) moduleOf(am *ast.Module) *Module {
	for _, m := range p.Modules {
		if m.AST == am {
			return m
		}
	}
	return nil
}

// Ref is what a position names: an identifier (declaring or referring) or a
// user-defined operator symbol, and the entity it denotes.
type Ref struct {
	Module *Module
	Ident  *ast.Ident // the identifier at the position; nil for an operator symbol
	Expr   ast.Expr   // the Infix/PrefixExpr/PostfixExpr for an operator symbol
	Entity *Entity    // nil when the name is unresolved
	IsDef  bool       // Ident declares Entity
}

// RefAt returns what the program's root file names at byte offset off.
func (p *Program) RefAt(off int) (Ref, bool) {
	m, path := p.ModuleAt(off)
	if m == nil || m.Info == nil {
		return Ref{}, false
	}
	for i := len(path) - 1; i >= 0; i-- {
		switch n := path[i].(type) {
		case *ast.Ident:
			if e, ok := m.Info.Defs[n]; ok {
				return Ref{Module: m, Ident: n, Entity: e, IsDef: true}, true
			}
			e := m.Info.Uses[n]
			return Ref{Module: m, Ident: n, Entity: e}, true
		case ast.Expr:
			if e, ok := m.Info.Ops[n]; ok {
				return Ref{Module: m, Expr: n, Entity: e}, true
			}
		}
	}
	return Ref{}, false
}

// RefsTo returns every identifier of module m (and the operator
// expressions) that declares or uses e, in source order.
func (m *Module) RefsTo(e *Entity) []ast.Node {
	if m == nil || m.Info == nil || e == nil {
		return nil
	}
	var out []ast.Node
	ast.Inspect(m.AST, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if m.Info.Defs[n] == e || m.Info.Uses[n] == e {
				out = append(out, n)
			}
		case ast.Expr:
			if m.Info.Ops[n] == e {
				out = append(out, n)
			}
		case *ast.Module:
			// Nested modules have tables of their own.
			return n == m.AST
		}
		return true
	})
	return out
}
