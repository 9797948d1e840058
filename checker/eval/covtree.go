package eval

import (
	"bytes"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// CovNode is a node of TLC's cost model of one action (or initial
// predicate, invariant): an expression TLC counts, with the expressions
// under it; the body of an operator applied hangs under the application,
// before its arguments (TLC's CostModelCreator walks the semantic graph
// so). Count is the expression's count (coverage.go).
type CovNode struct {
	Loc   *Loc
	Count int64
	Cost  int64 // TLC's secondary count (NodeCost)
	// Primed: an assignment x' = e or x' \in S, which TLC reports even when
	// never counted; Unchanged: UNCHANGED e (reported likewise, with the
	// largest count under it); ITE: a part of IF, reported likewise.
	Primed, Unchanged, ITE bool
	Kids                   []*CovNode
}

// CoverageTree is the cost model of the action a.
func (p *Program) CoverageTree(a *Action) *CovNode {
	if a.expr == nil {
		return nil
	}
	return p.covTree(a.expr, a.env, a.Loc.File)
}

// InitCoverageTree is the cost model of the initial predicate.
func (p *Program) InitCoverageTree(in *Init) *CovNode {
	if in.expr == nil {
		return nil
	}
	return p.covTree(in.expr, in.env, in.file)
}

// ExprCoverageTree is the cost model of the expression x (an invariant).
func (p *Program) ExprCoverageTree(x ExprIn) *CovNode {
	if x.E == nil || x.env == nil || x.Loc == nil {
		return nil
	}
	return p.covTree(x.E, x.env, x.Loc.File)
}

// PredLoc is the location of the action's expression as TLC reports it:
// without parentheses, labels and LET (TLC's action is the LET's body).
func (a *Action) PredLoc() *Loc {
	e := a.expr
	for e != nil {
		switch x := e.(type) {
		case *ast.Paren:
			e = x.X
			continue
		case *ast.Labeled:
			e = x.Body
			continue
		case *ast.Let:
			e = x.Body
			continue
		}
		break
	}
	if e == nil || a.Loc == nil {
		return a.Loc
	}
	return &Loc{File: a.Loc.File, Span: e.Pos()}
}

// DefBodyLoc is the location of the body of the root module's definition
// name (nil: none).
func (p *Program) DefBodyLoc(name string) *Loc {
	d := p.Root.lookup(name)
	if d == nil || d.body == nil || d.loc == nil {
		return nil
	}
	return &Loc{File: d.loc.File, Span: d.body.Pos()}
}

// DefLoc is the location of the root module's definition name, from its
// name to the end of its body, as TLC's OpDefNode spans it (nil: none).
func (p *Program) DefLoc(name string) *Loc {
	if d := p.Root.lookup(name); d != nil {
		return d.loc
	}
	return nil
}

func (p *Program) covTree(e ast.Expr, env *modEnv, file *source.File) *CovNode {
	if file == nil {
		file = env.file
	}
	b := &covBuilder{p: p, onPath: map[*def]bool{}}
	root := &CovNode{}
	b.walk(env, file, e, root, 0)
	if len(root.Kids) == 1 {
		return root.Kids[0]
	}
	return root
}

type covBuilder struct {
	p      *Program
	onPath map[*def]bool // the definitions being walked (recursion is walked once)
}

func (b *covBuilder) walk(env *modEnv, file *source.File, e ast.Expr, parent *CovNode, depth int) {
	if e == nil || depth > 200 {
		return
	}
	switch x := e.(type) {
	case *ast.Paren:
		b.walk(env, file, x.X, parent, depth+1)
		return
	case *ast.Labeled:
		b.walk(env, file, x.Body, parent, depth+1)
		return
	case *ast.Let:
		b.walk(env, file, x.Body, parent, depth+1) // the definitions are counted where used
		return
	case *ast.Number, *ast.String:
		return
	}
	nl := &struct { // the node and its location in one allocation
		n CovNode
		l Loc
	}{l: Loc{File: file, Span: e.Pos()}}
	n := &nl.n
	n.Loc, n.Count, n.Cost = &nl.l, b.p.NodeCount(e), b.p.NodeCost(e)
	parent.Kids = append(parent.Kids, n)
	switch x := e.(type) {
	case *ast.Infix:
		if (x.Op == "=" || x.Op == "\\in") && primedName(x.X) {
			n.Primed = true
		}
		if d := env.resolveOp(x, x.Op); d != nil {
			b.body(d, n, depth)
		}
		b.walk(env, file, x.X, n, depth+1)
		b.walk(env, file, x.Y, n, depth+1)
		return
	case *ast.PrefixExpr:
		n.Unchanged = x.Op == "UNCHANGED"
		if d := env.resolveOp(x, x.Op); d != nil {
			b.body(d, n, depth)
		}
		b.walk(env, file, x.X, n, depth+1)
		return
	case *ast.If:
		// the condition is reported even when 0 (TLC marks it ITE); the
		// branches are reported as other expressions (so an IF in a branch
		// is reported by its parts; TLC's reports show it so)
		b.walk(env, file, x.Cond, n, depth+1)
		if len(n.Kids) > 0 {
			n.Kids[0].ITE = true
		}
		b.walk(env, file, x.Then, n, depth+1)
		b.walk(env, file, x.Else, n, depth+1)
		return
	case *ast.Case:
		// SANY's $Pair of each arm, "p -> e" and "OTHER -> e", under it
		for _, arm := range x.Arms {
			pair := &CovNode{Loc: &Loc{File: file, Span: arm.Pos()}}
			n.Kids = append(n.Kids, pair)
			b.walk(env, file, arm.Cond, pair, depth+1)
			b.walk(env, file, arm.Val, pair, depth+1)
		}
		if x.Other != nil {
			sp := x.Other.Pos()
			if i := bytes.LastIndex(file.Text[:sp.Start], []byte("OTHER")); i >= 0 {
				sp.Start = i
			}
			pair := &CovNode{Loc: &Loc{File: file, Span: sp}}
			n.Kids = append(n.Kids, pair)
			b.walk(env, file, x.Other, pair, depth+1)
		}
		return
	case *ast.OpApp:
		if len(x.Prefix) == 0 {
			if d := env.resolve(x.Name); d != nil && len(d.params) == len(x.Args) {
				b.body(d, n, depth)
			}
		}
		for _, a := range x.Args {
			b.walk(env, file, a, n, depth+1)
		}
		return
	}
	b.kids(env, file, e, n, depth)
}

// kids walks the expressions under node e: the bound sets of a
// quantifier, CHOOSE, set or function constructor last (SANY's ranges
// follow the operands).
func (b *covBuilder) kids(env *modEnv, file *source.File, e ast.Node, n *CovNode, depth int) {
	var bounds []ast.Node
	forKids(e, func(k ast.Node) {
		switch k := k.(type) {
		case *ast.Bound:
			bounds = append(bounds, k)
		case ast.Expr:
			b.walk(env, file, k, n, depth+1)
		default:
			b.kids(env, file, k, n, depth+1)
		}
	})
	for _, k := range bounds {
		b.kids(env, file, k, n, depth+1)
	}
}

// body walks the body of the user's definition d applied at n, once on a
// path; the standard modules' are not walked (TLC's neither).
func (b *covBuilder) body(d *def, n *CovNode, depth int) {
	if d.kind != dOp || d.body == nil || d.env == nil || d.loc == nil || b.onPath[d] {
		return
	}
	if _, std := stdModules[d.env.name]; std {
		return
	}
	if len(d.params) == 0 && b.p.isConstant(d) {
		return // TLC replaces a constant definition by its value before the search
	}
	b.onPath[d] = true
	b.walk(d.env, d.loc.File, d.body, n, depth+1)
	delete(b.onPath, d)
}

// primedName tells x' of a name x.
func primedName(e ast.Expr) bool {
	for {
		p, ok := e.(*ast.Paren)
		if !ok {
			break
		}
		e = p.X
	}
	pf, ok := e.(*ast.PostfixExpr)
	if !ok || pf.Op != "'" {
		return false
	}
	_, ok = pf.X.(*ast.OpApp)
	return ok
}
