package eval

import (
	"fmt"

	"github.com/tlals/tlals/parser/ast"
)

// This file serves the liveness checker (package checker/liveness): it
// walks temporal formulas itself and asks here for the scopes, the
// unfolding of definitions and quantifiers, and the compiled leaves.

// Term is an expression of a temporal formula with the scope its names
// resolve in: the bound variables of enclosing temporal quantifiers and the
// parameters of unfolded definitions (constants bound to their value, other
// arguments inlined). Scopes nest as frames do, one level per unfolding.
type Term struct {
	E      ast.Expr
	sc     cscope
	lvl    *tlevel
	macros map[string]Term // non-constant arguments of the unfolded definition
}

// tlevel is the run-time side of a scope level: its frame's constants.
type tlevel struct {
	fs   *fscope
	vals map[int]Value
	up   *tlevel
}

// frame builds the frames of a scope; slots other than the constants are
// filled by the compiled code (quantifiers inside a leaf).
func (l *tlevel) frame() *frame {
	if l == nil {
		return nil
	}
	f := &frame{s: make([]Value, l.fs.size), up: l.up.frame()}
	for slot, v := range l.vals {
		f.s[slot] = v
	}
	return f
}

// TermOf starts a temporal formula at e.
func (p *Program) TermOf(e ExprIn) Term {
	fs := &fscope{}
	return Term{E: e.E, sc: cscope{env: e.env, fs: fs, file: e.Loc.File}, lvl: &tlevel{fs: fs}}
}

// Expr is the term's expression.
func (t Term) Expr() ast.Expr { return t.E }

// Sub is a subexpression of t in t's scope.
func (t Term) Sub(e ast.Expr) Term { t.E = e; return t }

// Loc is the term's source range.
func (t Term) Loc() *Loc { return t.sc.loc(t.E) }

// Errorf is a compile error at t.
func (t Term) Errorf(format string, args ...any) error {
	return &Error{Loc: t.Loc(), Msg: fmt.Sprintf(format, args...), Kind: ErrCompile}
}

// TermLevel is the level of t, arguments inlined into it included.
func (p *Program) TermLevel(t Term) int {
	lv := p.level(t.sc.env, t.E, 0)
	ast.Inspect(t.E, func(n ast.Node) bool {
		if x, ok := n.(*ast.OpApp); ok && len(x.Prefix) == 0 {
			if m, ok := t.macros[x.Name.Name]; ok {
				lv = max(lv, p.TermLevel(m))
			}
		}
		return true
	})
	return lv
}

// Unfold replaces the application of a user definition (or a parameter
// bound to an inlined argument) by its body; ok is false for anything else.
func (p *Program) Unfold(t Term) (body Term, ok bool, err error) {
	defer Catch(&err)
	x, isApp := t.E.(*ast.OpApp)
	if !isApp {
		return Term{}, false, nil
	}
	env := t.sc.env
	if len(x.Prefix) == 0 {
		if m, isMacro := t.macros[x.Name.Name]; isMacro && x.Args == nil {
			return m, true, nil
		}
		if b, _ := t.sc.find(x.Name.Name); b != nil {
			return Term{}, false, nil
		}
	}
	for _, pp := range x.Prefix {
		if len(pp.Args) > 0 {
			compileErr(t.sc.loc(pp), "a parameterized instance in a temporal formula is not supported by the liveness checker")
		}
		if env = env.insts[pp.Name.Name]; env == nil {
			compileErr(t.sc.loc(pp), "unknown instance %s", pp.Name.Name)
		}
	}
	d := env.lookup(x.Name.Name)
	if d == nil || d.kind != dOp || d.body == nil || d.opdef == nil {
		return Term{}, false, nil
	}
	if len(x.Args) != len(d.params) {
		compileErr(t.Loc(), "operator %s takes %d arguments, got %d", d.name, len(d.params), len(x.Args))
	}
	fs := &fscope{up: t.sc.fs}
	lvl := &tlevel{fs: fs, vals: map[int]Value{}, up: t.lvl}
	sc := cscope{env: d.env, fs: fs, file: d.loc.File}
	macros := map[string]Term{}
	for i, prm := range d.params {
		arg := Term{E: x.Args[i], sc: t.sc, lvl: t.lvl, macros: t.macros}
		if prm.Arity > 0 {
			compileErr(arg.Loc(), "an operator argument in a temporal formula is not supported by the liveness checker")
		}
		if p.TermLevel(arg) == LevelConstant {
			var slot int
			sc, slot = sc.with(prm.Name.Name, bVar, 0)
			lvl.vals[slot] = p.constIn(arg)
			continue
		}
		sc = sc.withMacro(prm.Name.Name, x.Args[i], t.sc)
		macros[prm.Name.Name] = arg
	}
	return Term{E: d.body, sc: sc, lvl: lvl, macros: macros}, true, nil
}

// constIn evaluates a constant expression of a temporal formula.
func (p *Program) constIn(t Term) Value {
	if p.TermLevel(t) != LevelConstant {
		compileErr(t.Loc(), "the liveness checker needs a constant expression here")
	}
	e := p.compile(t.sc, t.E)
	return e(p.NewCtx(), t.lvl.frame())
}

// Instances expands a bounded \A or \E of a temporal formula: its body,
// once per element of the (constant) sets.
func (p *Program) Instances(t Term) (out []Term, err error) {
	defer Catch(&err)
	q, ok := t.E.(*ast.Quant)
	if !ok {
		compileErr(t.Loc(), "not a quantifier")
	}
	type bound struct {
		name string
		set  ast.Expr
	}
	var bs []bound
	for _, b := range q.Bounds {
		if b.Set == nil {
			compileErr(t.sc.loc(b), "TLC cannot handle an unbounded quantifier in a temporal formula")
		}
		if b.Tuple {
			compileErr(t.sc.loc(b), "a tuple of bound names in a temporal formula is not supported by the liveness checker")
		}
		for _, n := range b.Names {
			bs = append(bs, bound{n.Name, b.Set})
		}
	}
	var rec func(i int, cur Term)
	rec = func(i int, cur Term) {
		if i == len(bs) {
			out = append(out, cur.Sub(q.Body))
			return
		}
		elems, err := enumerate(p.constIn(cur.Sub(bs[i].set)))
		check(cur.sc.loc(bs[i].set), err)
		for _, v := range elems {
			fs := &fscope{up: cur.sc.fs}
			sc := cur.sc
			sc.fs = fs
			sc, slot := sc.with(bs[i].name, bVar, 0)
			next := Term{E: cur.E, sc: sc, lvl: &tlevel{fs: fs, vals: map[int]Value{slot: v}, up: cur.lvl}, macros: cur.macros}
			rec(i+1, next)
		}
	}
	rec(0, t)
	return out, nil
}

// TermPred is a compiled state or action predicate of a temporal formula.
type TermPred struct {
	Loc *Loc
	e   func(*Ctx, *frame) bool
	lvl *tlevel
}

// CompileTermPred compiles a non-temporal part of a temporal formula.
func (p *Program) CompileTermPred(t Term) (tp *TermPred, err error) {
	defer Catch(&err)
	return &TermPred{Loc: t.Loc(), e: p.compileBool(t.sc, t.E), lvl: t.lvl}, nil
}

// CompileAngle compiles <<A>>_v.
func (p *Program) CompileAngle(a, sub Term) (tp *TermPred, err error) {
	defer Catch(&err)
	ba := &ast.BoxAction{Span: a.E.Pos(), Angle: true, Action: a.E, Sub: sub.E}
	return &TermPred{Loc: a.Loc(), e: p.compileBool(a.sc, ba), lvl: a.lvl}, nil
}

// CompileEnabledAngle compiles ENABLED <<A>>_v: some successor by A
// changes v. A and v must share a scope (the WF/SF they come from).
func (p *Program) CompileEnabledAngle(a, sub Term) (tp *TermPred, err error) {
	defer Catch(&err)
	act := p.compileAct(a.sc, a.E, actMode{})
	v := p.compile(sub.sc, sub.E)
	e := func(c *Ctx, f *frame) bool {
		saved, cur := c.Next, c.Cur
		now := v(c, f)
		c.Next = make([]Value, len(c.prog.Vars))
		after := make([]Value, len(c.prog.Vars))
		// v in the successor; a variable A leaves unassigned keeps its value
		vNext := func() Value {
			next := c.Next
			for i, x := range next {
				after[i] = x
				if x == nil {
					after[i] = cur[i]
				}
			}
			c.Cur, c.Next = after, nil
			v := v(c, f)
			c.Cur, c.Next = cur, next
			return v
		}
		found := false
		func() {
			defer func() {
				if r := recover(); r != nil {
					if _, ok := r.(enabledStop); !ok {
						c.Cur, c.Next = cur, saved
						panic(r)
					}
				}
			}()
			act(c, f, func() {
				if !equal(vNext(), now) {
					found = true
					panic(enabledStop{})
				}
			})
		}()
		c.Next = saved
		return found
	}
	return &TermPred{Loc: a.Loc(), e: e, lvl: a.lvl}, nil
}

// Eval evaluates the predicate in cur (and next for action predicates).
func (tp *TermPred) Eval(c *Ctx, cur, next []Value) (ok bool, err error) {
	defer Catch(&err)
	c.depth = 0
	c.Cur, c.Next = cur, next
	return tp.e(c, tp.lvl.frame()), nil
}
