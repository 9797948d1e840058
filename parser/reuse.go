package parser

import (
	"bytes"
	"fmt"
	"slices"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// Reusing lowered units. Tree-sitter's incremental parse re-creates the
// units around an edit and, TLA+ definitions being delimited by GLR
// ambiguities (fragile subtrees), usually every unit after it too; their
// text, however, is unchanged. A Document remembers the lowered AST of each
// unit of a top-level module by its text (from the start of its first line,
// so the column and everything lowering reads are included); the next parse
// neither reads the subtrees of units with the same text through cgo nor
// lowers them again, and shifts a copy of their AST when they moved. Only
// error-free units are remembered (error recovery may depend on context),
// and none whose lowering depended on state outside it (the once-only
// nesting error); TestIncrementalMatchesFresh compares with fresh parses.

// loweredUnit is one lowered unit of a previous parse.
type loweredUnit struct {
	key    string // the text from the start of the unit's first line
	unit   ast.Unit
	meta   nodeMeta // the node's facts when lowered
	rawEnd int      // the node's end before trailing comments were cut
	errors []Error  // lowering errors inside the unit
}

// unitCache is what a Document keeps of one parse for the next.
type unitCache struct {
	units map[string]*loweredUnit // by key
	// shifted holds units already moved for the edit since (preshift).
	shifted map[*loweredUnit]*loweredUnit
	// reused counts the units this parse took from the previous one,
	// preshifted those of them moved beside the reparse (for tests).
	reused, preshifted int
}

// unitKey is the text of the unit spanning [start, end) from the start of
// its line.
func unitKey(src []byte, start, end int) []byte {
	return src[bytes.LastIndexByte(src[:start], '\n')+1 : end]
}

// reusable finds the top units of tree that c lowered before: the sorted
// ids of their nodes (whose subtrees need not be read) and the lowering
// of each by id.
func (c *unitCache) reusable(tree *sitter.Tree, src []byte) ([]uint64, map[uintptr]*loweredUnit) {
	if c == nil || len(c.units) == 0 {
		return nil, nil
	}
	top, release := topNodes(tree)
	defer release()
	skip := make([]uint64, 0, len(top))
	reuse := make(map[uintptr]*loweredUnit, len(c.units))
	for _, t := range top {
		start, end := int(t.start), int(t.end)
		if t.has_error != 0 || start > end || end > len(src) {
			continue
		}
		// The node type too: a top node that is not a unit is lowered
		// elsewhere, from its children.
		if u := c.units[string(unitKey(src, start, end))]; u != nil && u.meta.typ == grammarNames().symbol(uint16(t.symbol)) {
			skip = append(skip, uint64(t.id))
			reuse[uintptr(t.id)] = u
		}
	}
	slices.Sort(skip)
	return skip, reuse
}

// reuseUnit returns the remembered lowering of f, shifted to where f is
// now, and records it for the next parse; false when it could not be
// shifted (then the unit is lowered afresh).
func (l *lowerer) reuseUnit(f *flatNode) (_ ast.Unit, ok bool) {
	r := f.reused
	if delta := f.meta.start - r.meta.start; delta != 0 {
		if p := l.preshifted[r]; p != nil && p.meta.start == f.meta.start {
			r = p
			l.preshiftUsed++
		} else if r, ok = r.shifted(delta); !ok {
			return nil, false
		}
		r.meta = f.meta
	}
	l.errors = append(l.errors, r.errors...)
	l.reused++
	if l.lowered != nil {
		l.lowered[r.key] = r
	}
	return r.unit, true
}

// shifted is a copy of r moved by delta; false when the shifter met a
// node type it does not know, a bug, but not one worth a keystroke's
// failure: the caller lowers the unit afresh instead.
func (r *loweredUnit) shifted(delta int) (_ *loweredUnit, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	meta := r.meta
	meta.start += delta
	meta.end += delta
	s := &loweredUnit{
		key:    r.key,
		unit:   shifter{delta}.unit(r.unit),
		meta:   meta,
		rawEnd: r.rawEnd + delta,
		errors: make([]Error, len(r.errors)),
	}
	for i, e := range r.errors {
		e.Span.Start += delta
		e.Span.End += delta
		s.errors[i] = e
	}
	return s, true
}

// textEdit is an edit in the coordinates of the text before it.
type textEdit struct{ start, oldEnd, newEnd int }

// preshift shifts, ahead of need, the units that lie wholly after e (so
// their text, from the start of their line, is unchanged): tree-sitter's
// reparse takes about as long as shifting the units behind a keystroke in
// the middle of a module, so a Document runs this beside the reparse.
// Units tree-sitter rebuilds differently are simply not used.
func (c *unitCache) preshift(e textEdit) map[*loweredUnit]*loweredUnit {
	delta := e.newEnd - e.oldEnd
	if delta == 0 {
		return nil
	}
	out := map[*loweredUnit]*loweredUnit{}
	for _, u := range c.units {
		// Strictly after: the newline before the unit's line is untouched.
		if e.oldEnd < u.rawEnd-len(u.key) {
			if s, ok := u.shifted(delta); ok {
				out[u] = s
			}
		}
	}
	return out
}

// remember records the fresh lowering of the unit f.
func (l *lowerer) remember(f *flatNode, u ast.Unit, errorsBefore int) {
	if l.lowered == nil || l.tooDeep || f.hasError {
		return
	}
	key := string(unitKey(l.src, f.meta.start, f.rawEnd))
	l.lowered[key] = &loweredUnit{key: key, unit: u, meta: f.meta, rawEnd: f.rawEnd, errors: slices.Clone(l.errors[errorsBefore:])}
}

// shifter copies a remembered unit's AST, moving every span by delta.
// Lowering never shares a node within a unit (TestShiftMatchesReflection
// checks, and compares with a reflective deep copy), so each node is
// copied once, by its type; a node type missing here panics in the tests.
type shifter struct{ delta int }

func (s shifter) sp(p source.Span) source.Span {
	return source.Span{Start: p.Start + s.delta, End: p.End + s.delta}
}

func (s shifter) spPtr(p *source.Span) *source.Span {
	if p == nil {
		return nil
	}
	c := s.sp(*p)
	return &c
}

// each copies a non-empty slice through f; nil and empty slices stay as
// they are.
func each[T any](xs []T, f func(T) T) []T {
	if len(xs) == 0 {
		return xs
	}
	c := make([]T, len(xs))
	for i, x := range xs {
		c[i] = f(x)
	}
	return c
}

func (s shifter) ident(x *ast.Ident) *ast.Ident {
	if x == nil {
		return nil
	}
	c := *x
	c.Span = s.sp(c.Span)
	return &c
}

func (s shifter) idents(xs []*ast.Ident) []*ast.Ident { return each(xs, s.ident) }
func (s shifter) exprs(xs []ast.Expr) []ast.Expr      { return each(xs, s.expr) }
func (s shifter) units(xs []ast.Unit) []ast.Unit      { return each(xs, s.unit) }

func (s shifter) comment(x *ast.Comment) *ast.Comment {
	if x == nil {
		return nil
	}
	c := *x
	c.Span = s.sp(c.Span)
	return &c
}

func (s shifter) opDecl(x *ast.OpDecl) *ast.OpDecl {
	if x == nil {
		return nil
	}
	c := *x
	c.Span, c.Name = s.sp(c.Span), s.ident(c.Name)
	return &c
}

func (s shifter) param(x *ast.Param) *ast.Param {
	if x == nil {
		return nil
	}
	c := *x
	c.Span, c.Name = s.sp(c.Span), s.ident(c.Name)
	return &c
}

func (s shifter) bound(x *ast.Bound) *ast.Bound {
	if x == nil {
		return nil
	}
	c := *x
	c.Span, c.Names, c.Set = s.sp(c.Span), s.idents(c.Names), s.expr(c.Set)
	return &c
}

func (s shifter) bounds(xs []*ast.Bound) []*ast.Bound { return each(xs, s.bound) }

func (s shifter) instance(x *ast.Instance) *ast.Instance {
	if x == nil {
		return nil
	}
	c := *x
	c.Span, c.Module = s.sp(c.Span), s.ident(c.Module)
	c.Substs = each(c.Substs, func(x *ast.Subst) *ast.Subst {
		if x == nil {
			return nil
		}
		c := *x
		c.Span, c.Name, c.Expr = s.sp(c.Span), s.ident(c.Name), s.expr(c.Expr)
		return &c
	})
	return &c
}

func (s shifter) proof(x *ast.Proof) *ast.Proof {
	if x == nil {
		return nil
	}
	c := *x
	c.Span, c.Facts, c.Defs = s.sp(c.Span), s.exprs(c.Facts), s.exprs(c.Defs)
	c.Steps = each(c.Steps, func(x *ast.ProofStep) *ast.ProofStep {
		if x == nil {
			return nil
		}
		c := *x
		c.Span, c.Bounds, c.Exprs, c.Units, c.Proof = s.sp(c.Span), s.bounds(c.Bounds), s.exprs(c.Exprs), s.units(c.Units), s.proof(c.Proof)
		return &c
	})
	return &c
}

func (s shifter) fields(xs []*ast.Field) []*ast.Field {
	return each(xs, func(x *ast.Field) *ast.Field {
		if x == nil {
			return nil
		}
		c := *x
		c.Span, c.Name, c.Expr = s.sp(c.Span), s.ident(c.Name), s.expr(c.Expr)
		return &c
	})
}

func (s shifter) pathSteps(xs []*ast.PathStep) []*ast.PathStep {
	return each(xs, func(x *ast.PathStep) *ast.PathStep {
		if x == nil {
			return nil
		}
		c := *x
		c.Span, c.Field, c.Index = s.sp(c.Span), s.ident(c.Field), s.exprs(c.Index)
		return &c
	})
}

func (s shifter) opApp(x *ast.OpApp) *ast.OpApp {
	if x == nil {
		return nil
	}
	c := *x
	c.Span, c.Name, c.Args = s.sp(c.Span), s.ident(c.Name), s.exprs(c.Args)
	c.Prefix = each(c.Prefix, func(x *ast.PrefixPart) *ast.PrefixPart {
		if x == nil {
			return nil
		}
		c := *x
		c.Span, c.Name, c.Args = s.sp(c.Span), s.ident(c.Name), s.exprs(c.Args)
		return &c
	})
	return &c
}

// node copies an AST node of any kind: AssumeProve lists hold Exprs and
// NewDecls.
func (s shifter) node(n ast.Node) ast.Node {
	switch n := n.(type) {
	case nil:
		return nil
	case ast.Expr:
		return s.expr(n)
	case *ast.NewDecl:
		if n == nil {
			return n
		}
		c := *n
		c.Span, c.Name, c.Set = s.sp(c.Span), s.ident(c.Name), s.expr(c.Set)
		return &c
	}
	panic(fmt.Sprintf("parser: cannot shift AST node %T", n))
}

// unit returns the shifted copy of u.
func (s shifter) unit(u ast.Unit) ast.Unit {
	switch u := u.(type) {
	case nil:
		return nil
	case *ast.VarDecl:
		if u == nil {
			return u
		}
		c := *u
		c.Span, c.Names = s.sp(c.Span), s.idents(c.Names)
		return &c
	case *ast.ConstDecl:
		if u == nil {
			return u
		}
		c := *u
		c.Span, c.Decls = s.sp(c.Span), each(c.Decls, s.opDecl)
		return &c
	case *ast.RecursiveDecl:
		if u == nil {
			return u
		}
		c := *u
		c.Span, c.Decls = s.sp(c.Span), each(c.Decls, s.opDecl)
		return &c
	case *ast.OpDef:
		if u == nil {
			return u
		}
		c := *u
		c.Span, c.Name, c.Params, c.Body = s.sp(c.Span), s.ident(c.Name), each(c.Params, s.param), s.expr(c.Body)
		return &c
	case *ast.FuncDef:
		if u == nil {
			return u
		}
		c := *u
		c.Span, c.Name, c.Bounds, c.Body = s.sp(c.Span), s.ident(c.Name), s.bounds(c.Bounds), s.expr(c.Body)
		return &c
	case *ast.Instance:
		if u == nil {
			return u
		}
		return s.instance(u)
	case *ast.ModuleDef:
		if u == nil {
			return u
		}
		c := *u
		c.Span, c.Name, c.Params, c.Instance = s.sp(c.Span), s.ident(c.Name), each(c.Params, s.param), s.instance(c.Instance)
		return &c
	case *ast.Assume:
		if u == nil {
			return u
		}
		c := *u
		c.Span, c.Name, c.Expr = s.sp(c.Span), s.ident(c.Name), s.expr(c.Expr)
		return &c
	case *ast.Theorem:
		if u == nil {
			return u
		}
		c := *u
		c.Span, c.Name, c.Body, c.Proof = s.sp(c.Span), s.ident(c.Name), s.expr(c.Body), s.proof(c.Proof)
		return &c
	case *ast.UseOrHide:
		if u == nil {
			return u
		}
		c := *u
		c.Span, c.Facts, c.Defs = s.sp(c.Span), s.exprs(c.Facts), s.exprs(c.Defs)
		return &c
	case *ast.Module:
		if u == nil {
			return u
		}
		if u.Algorithm != nil {
			// Only a file's top-level module, never a unit, has one.
			break
		}
		c := *u
		c.Span, c.Name, c.Extends, c.Units = s.sp(c.Span), s.ident(c.Name), s.idents(c.Extends), s.units(c.Units)
		c.Comments, c.Translation = each(c.Comments, s.comment), s.spPtr(c.Translation)
		return &c
	case *ast.Separator:
		if u == nil {
			return u
		}
		return &ast.Separator{Span: s.sp(u.Span)}
	case *ast.BadUnit:
		if u == nil {
			return u
		}
		return &ast.BadUnit{Span: s.sp(u.Span)}
	}
	panic(fmt.Sprintf("parser: cannot shift AST unit %T", u))
}

// expr returns the shifted copy of e.
func (s shifter) expr(e ast.Expr) ast.Expr {
	switch e := e.(type) {
	case nil:
		return nil
	case *ast.OpApp:
		if e == nil {
			return e
		}
		return s.opApp(e)
	case *ast.Infix:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.OpAt, c.X, c.Y = s.sp(c.Span), s.sp(c.OpAt), s.expr(c.X), s.expr(c.Y)
		return &c
	case *ast.PrefixExpr:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.OpAt, c.X = s.sp(c.Span), s.sp(c.OpAt), s.expr(c.X)
		return &c
	case *ast.PostfixExpr:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.OpAt, c.X = s.sp(c.Span), s.sp(c.OpAt), s.expr(c.X)
		return &c
	case *ast.Product:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Sets = s.sp(c.Span), s.exprs(c.Sets)
		return &c
	case *ast.Number:
		if e == nil {
			return e
		}
		c := *e
		c.Span = s.sp(c.Span)
		return &c
	case *ast.String:
		if e == nil {
			return e
		}
		c := *e
		c.Span = s.sp(c.Span)
		return &c
	case *ast.Bool:
		if e == nil {
			return e
		}
		c := *e
		c.Span = s.sp(c.Span)
		return &c
	case *ast.Paren:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.X = s.sp(c.Span), s.expr(c.X)
		return &c
	case *ast.Quant:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Bounds, c.Body = s.sp(c.Span), s.bounds(c.Bounds), s.expr(c.Body)
		return &c
	case *ast.Choose:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Bound, c.Body = s.sp(c.Span), s.bound(c.Bound), s.expr(c.Body)
		return &c
	case *ast.SetEnum:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Elems = s.sp(c.Span), s.exprs(c.Elems)
		return &c
	case *ast.SetFilter:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Bound, c.Pred = s.sp(c.Span), s.bound(c.Bound), s.expr(c.Pred)
		return &c
	case *ast.SetMap:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Elem, c.Bounds = s.sp(c.Span), s.expr(c.Elem), s.bounds(c.Bounds)
		return &c
	case *ast.FuncLit:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Bounds, c.Body = s.sp(c.Span), s.bounds(c.Bounds), s.expr(c.Body)
		return &c
	case *ast.FuncApp:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Fn, c.Args = s.sp(c.Span), s.expr(c.Fn), s.exprs(c.Args)
		return &c
	case *ast.FuncSet:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Domain, c.Range = s.sp(c.Span), s.expr(c.Domain), s.expr(c.Range)
		return &c
	case *ast.Record:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Fields = s.sp(c.Span), s.fields(c.Fields)
		return &c
	case *ast.RecordSet:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Fields = s.sp(c.Span), s.fields(c.Fields)
		return &c
	case *ast.Select:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Rec, c.Field = s.sp(c.Span), s.expr(c.Rec), s.ident(c.Field)
		return &c
	case *ast.Except:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Fn = s.sp(c.Span), s.expr(c.Fn)
		c.Updates = each(c.Updates, func(x *ast.ExceptUpdate) *ast.ExceptUpdate {
			if x == nil {
				return nil
			}
			c := *x
			c.Span, c.Path, c.Val = s.sp(c.Span), s.pathSteps(c.Path), s.expr(c.Val)
			return &c
		})
		return &c
	case *ast.At:
		if e == nil {
			return e
		}
		return &ast.At{Span: s.sp(e.Span)}
	case *ast.Tuple:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Elems = s.sp(c.Span), s.exprs(c.Elems)
		return &c
	case *ast.If:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Cond, c.Then, c.Else = s.sp(c.Span), s.expr(c.Cond), s.expr(c.Then), s.expr(c.Else)
		return &c
	case *ast.Case:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Other = s.sp(c.Span), s.expr(c.Other)
		c.Arms = each(c.Arms, func(x *ast.CaseArm) *ast.CaseArm {
			if x == nil {
				return nil
			}
			c := *x
			c.Span, c.Cond, c.Val = s.sp(c.Span), s.expr(c.Cond), s.expr(c.Val)
			return &c
		})
		return &c
	case *ast.Let:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Defs, c.Body = s.sp(c.Span), s.units(c.Defs), s.expr(c.Body)
		return &c
	case *ast.Junction:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Items = s.sp(c.Span), s.exprs(c.Items)
		return &c
	case *ast.Lambda:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Params, c.Body = s.sp(c.Span), s.idents(c.Params), s.expr(c.Body)
		return &c
	case *ast.Labeled:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Name, c.Params, c.Body = s.sp(c.Span), s.ident(c.Name), s.idents(c.Params), s.expr(c.Body)
		return &c
	case *ast.BoxAction:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Action, c.Sub = s.sp(c.Span), s.expr(c.Action), s.expr(c.Sub)
		return &c
	case *ast.Fairness:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Sub, c.Action = s.sp(c.Span), s.expr(c.Sub), s.expr(c.Action)
		return &c
	case *ast.SubexprRef:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Head = s.sp(c.Span), s.opApp(c.Head)
		c.Sels = each(c.Sels, func(x *ast.Selector) *ast.Selector {
			if x == nil {
				return x
			}
			y := *x
			y.Span, y.Name, y.Args = s.sp(y.Span), s.ident(y.Name), s.exprs(y.Args)
			return &y
		})
		return &c
	case *ast.StepRef:
		if e == nil {
			return e
		}
		c := *e
		c.Span = s.sp(c.Span)
		return &c
	case *ast.BadExpr:
		if e == nil {
			return e
		}
		return &ast.BadExpr{Span: s.sp(e.Span)}
	case *ast.AssumeProve:
		if e == nil {
			return e
		}
		c := *e
		c.Span, c.Assumes, c.Prove = s.sp(c.Span), each(c.Assumes, s.node), s.expr(c.Prove)
		return &c
	}
	panic(fmt.Sprintf("parser: cannot shift AST expression %T", e))
}
