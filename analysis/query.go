package analysis

import (
	"slices"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
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
	// Target is the module an EXTENDS or INSTANCE name denotes (Entity is
	// then nil).
	Target *Module
}

// Span is the range of the name at the position: the identifier, or the
// operator token.
func (r Ref) Span() source.Span {
	if r.Ident != nil {
		return r.Ident.Span
	}
	return NameSpan(r.Expr)
}

// NameSpan is the range of the name a node returned by RefsTo stands for:
// an identifier's own range, or the operator token of an operator
// expression (whose node spans its operands too).
func NameSpan(n ast.Node) source.Span {
	switch n := n.(type) {
	case *ast.Infix:
		return n.OpAt
	case *ast.PrefixExpr:
		return n.OpAt
	case *ast.PostfixExpr:
		return n.OpAt
	case nil:
		return source.Span{}
	}
	return n.Pos()
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
			r := Ref{Module: m, Ident: n, Entity: e}
			if e == nil && i > 0 {
				r.Target = importedModule(m, path[i-1], n)
			}
			return r, true
		case ast.Expr:
			if e, ok := m.Info.Ops[n]; ok {
				return Ref{Module: m, Expr: n, Entity: e}, true
			}
		}
	}
	return Ref{}, false
}

// importedModule is the module that the name id of an EXTENDS list or an
// INSTANCE (parent being the enclosing node) denotes, or nil.
func importedModule(m *Module, parent ast.Node, id *ast.Ident) *Module {
	var among []*Module
	switch p := parent.(type) {
	case *ast.Module:
		if !slices.Contains(p.Extends, id) {
			return nil
		}
		among = m.Extends
	case *ast.Instance:
		if p.Module != id {
			return nil
		}
		among = m.Instances
	default:
		return nil
	}
	for _, t := range among {
		if t.Name == id.Name {
			return t
		}
	}
	return nil
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

// VisibleAt returns an entity named name that is visible at byte offset
// off of m's text, or nil: a declaration whose scope encloses off (bound
// variables, parameters, LET definitions, PlusCal variables and labels of
// the enclosing body), else a module-level name. Module-level names count
// wherever they are defined in the module (an over-approximation: the
// question is asked to keep a rename from creating a clash).
func (m *Module) VisibleAt(off int, name string) *Entity {
	if m == nil || m.Info == nil || m.AST == nil {
		return nil
	}
	for id, e := range m.Info.Defs {
		if e.Name != name {
			continue
		}
		if region := declRegion(m, id, e); region != nil && region.Pos().Contains(off) {
			return e
		}
	}
	if m.Scope != nil {
		return m.Scope.Lookup(name)
	}
	return nil
}

// declRegion is the node whose text a local declaration's scope covers, or
// nil for a module-level one.
func declRegion(m *Module, id *ast.Ident, e *Entity) ast.Node {
	path := PathAt(m.AST, id.Start)
	for i := len(path) - 1; i >= 0; i-- {
		n := path[i]
		if e.Kind == PlusCalLabel {
			// Labels are visible in their whole body.
			switch n.(type) {
			case *ast.Procedure, *ast.Process, *ast.Macro, *ast.Algorithm:
				return n
			}
			continue
		}
		switch n.(type) {
		case *ast.Ident, *ast.Bound, *ast.Param, *ast.PVarDecl, *ast.OpDecl, *ast.VarDecl,
			*ast.ConstDecl, *ast.RecursiveDecl, *ast.NewDecl:
			continue
		case *ast.Module:
			return nil
		}
		if n == e.Decl && e.Kind != Param {
			switch n.(type) {
			case *ast.OpDef, *ast.FuncDef, *ast.ModuleDef, *ast.Procedure, *ast.Macro, *ast.StmtLabel:
				continue // the definition itself: its scope is its container
			}
		}
		return n
	}
	return nil
}
