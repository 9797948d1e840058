package eval

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// This file serves the liveness checker (package checker/liveness): it
// walks temporal formulas itself and asks here for the scopes, the
// unfolding of definitions and quantifiers, and the compiled leaves.

// Term is an expression of a temporal formula with the scope its names
// resolve in: the bound variables of enclosing temporal quantifiers and the
// parameters of unfolded definitions (constants bound to their value, other
// arguments inlined), the LET definitions around it and the parameters of
// the instances it lies in. Scopes nest as frames do, one level per
// unfolding: a level's frame is above the frames of the levels it was
// unfolded from, so every scope a term can reach is an ancestor.
type Term struct {
	E      ast.Expr
	sc     cscope
	lvl    *tlevel
	macros map[*ast.Ident]Term // non-constant arguments of the unfolded definition, by parameter (binding.id)
	ops    map[*ast.Ident]Term // operator arguments: the operator, in the caller's scope
	lets   *letScope           // the LETs E lies in, innermost first
}

// letScope is a LET around a term, with the term at the LET (the scope its
// definitions are unfolded in).
type letScope struct {
	let *ast.Let
	at  Term
	up  *letScope
}

// tlevel is the run-time side of a scope level: its frame's constants and
// the parameters of the instances entered at this level.
type tlevel struct {
	fs    *fscope
	vals  map[int]Value
	insts []instPush
	up    *tlevel
	// tmpl is the frame's slots with vals in place, made once: a leaf is
	// evaluated on every state and edge of the behaviour graph
	tmpl atomic.Pointer[[]Value]
}

// instPush is the parameters of a parameterized instance, evaluated in the
// scope of the reference M(a, b)!Op that entered it (at: in a temporal
// formula's level; nil in an action, where the caller's frame is used).
type instPush struct {
	key  *modEnv
	args []expr
	at   *tlevel
}

// frame builds the frames of a scope; slots other than the constants are
// filled by the compiled code (quantifiers inside a leaf).
func (l *tlevel) frame() *frame {
	if l == nil {
		return nil
	}
	t := l.tmpl.Load()
	if t == nil || len(*t) != l.fs.size {
		s := make([]Value, l.fs.size)
		for slot, v := range l.vals {
			s[slot] = v
		}
		t = &s
		l.tmpl.Store(t)
	}
	return &frame{s: slices.Clone(*t), up: l.up.frame()}
}

// frameIn is frame with the frames taken from c's stack where no closure
// keeps them (a leaf is evaluated on every state and edge of the behaviour
// graph): the caller releases them.
func (l *tlevel) frameIn(c *Ctx) *frame {
	if l == nil {
		return nil
	}
	if !l.fs.reusable() || l.fs.size == 0 {
		return l.frame()
	}
	t := l.tmpl.Load()
	if t == nil || len(*t) != l.fs.size {
		return l.frame() // makes the template
	}
	up := l.up.frameIn(c)
	f := c.frames.frameFor(l.fs)
	copy(f.s, *t)
	f.up = up
	return f
}

// enter pushes the instance parameters of the levels up to l (outermost
// first) and returns the length of c.inst to restore.
func (l *tlevel) enter(c *Ctx) int {
	n := len(c.inst)
	var rec func(l *tlevel)
	rec = func(l *tlevel) {
		if l == nil {
			return
		}
		rec(l.up)
		for _, ip := range l.insts {
			c.inst = append(c.inst, ip.frame(c, ip.at.frame()))
		}
	}
	rec(l)
	return n
}

// plain reports whether l is a root level without constants or instance
// parameters: what is compiled in it needs only its own frame.
func (l *tlevel) plain() bool {
	return l.up == nil && len(l.vals) == 0 && len(l.insts) == 0
}

// hasInsts reports whether some level up to l entered a parameterized
// instance.
func (l *tlevel) hasInsts() bool {
	for ; l != nil; l = l.up {
		if len(l.insts) > 0 {
			return true
		}
	}
	return false
}

// TermOf starts a temporal formula at e (or returns the term e was found
// as, by SpecParts or PropertyParts).
func (p *Program) TermOf(e ExprIn) Term {
	if e.t != nil {
		return *e.t
	}
	fs := &fscope{}
	return Term{E: e.E, sc: cscope{env: e.env, fs: fs, file: e.Loc.File}, lvl: &tlevel{fs: fs}}
}

// exprIn is the term as an ExprIn, for the safety checker's compilers.
func (t Term) exprIn() ExprIn {
	return ExprIn{E: t.E, env: t.sc.env, Loc: t.Loc(), t: &t}
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

// leaf is t's expression inside the LETs around it, so that compiling it
// in t's scope sees their definitions.
// Only the definitions it refers to (directly or through other
// definitions) are kept: the others may hold what a leaf cannot compile
// (the temporal formula it was found in).
func (t Term) leaf() ast.Expr {
	e := t.E
	names := map[*ast.Ident]bool{} // declarations referred to
	refs := func(n ast.Node) {
		ast.Inspect(n, func(m ast.Node) bool {
			if x, ok := m.(*ast.OpApp); ok && len(x.Prefix) == 0 {
				names[t.sc.env.prog.declOf(x.Name)] = true
			}
			return true
		})
	}
	refs(e)
	for ls := t.lets; ls != nil; ls = ls.up {
		// the definitions used, a later one using earlier ones
		use := make([]bool, len(ls.let.Defs))
		for i := len(ls.let.Defs) - 1; i >= 0; i-- {
			u := ls.let.Defs[i]
			if d, ok := u.(*ast.OpDef); ok && !names[d.Name] {
				continue
			}
			use[i] = true
			refs(u)
		}
		var defs []ast.Unit
		for i, u := range ls.let.Defs {
			if use[i] {
				defs = append(defs, u)
			}
		}
		if len(defs) > 0 {
			e = &ast.Let{Span: e.Pos(), Defs: defs, Body: e}
		}
	}
	return e
}

// letDef finds the LET definition visible at t that id declares.
func (t Term) letDef(id *ast.Ident) (*ast.OpDef, *letScope) {
	for ls := t.lets; ls != nil; ls = ls.up {
		for _, u := range ls.let.Defs {
			if d, ok := u.(*ast.OpDef); ok && d.Name == id {
				return d, ls
			}
		}
	}
	return nil, nil
}

// TermLevel is the level of t, arguments inlined into it included.
func (p *Program) TermLevel(t Term) int { return p.termLevel(t, 0) }

func (p *Program) termLevel(t Term, depth int) int {
	lv := p.level(t.sc.env, t.E, 0)
	if depth > 20 {
		return lv
	}
	ast.Inspect(t.E, func(n ast.Node) bool {
		if pe, ok := n.(*ast.PrefixExpr); ok && pe.Op == "ENABLED" {
			return false // a state predicate whatever its argument
		}
		x, ok := n.(*ast.OpApp)
		if !ok || len(x.Prefix) > 0 {
			return true
		}
		decl := p.declOf(x.Name)
		if m, ok := t.macros[decl]; ok {
			lv = max(lv, p.termLevel(m, depth+1))
		} else if m, ok := t.ops[decl]; ok {
			lv = max(lv, p.termLevel(m, depth+1))
		} else if d, ls := t.letDef(decl); d != nil {
			at := ls.at
			at.lets = ls
			lv = max(lv, p.termLevel(at.Sub(d.Body), depth+1))
		}
		return true
	})
	return lv
}

// callee is what an application unfolds to: a body with its parameters,
// resolved in the scope of base (nil: a module-level definition of env).
type callee struct {
	name   string
	body   ast.Expr
	params []*ast.Param
	env    *modEnv
	file   *source.File
	base   *Term // the LET's or LAMBDA's scope; nil for module-level definitions
	insts  []instPush
	// recursive: declared RECURSIVE, which TLC does not unfold in a
	// temporal formula
	recursive bool
}

// resolve finds the definition x applies (x in t's scope); ok is false
// for built-in operators, bound names and declarations.
func (p *Program) resolve(t Term, x *ast.OpApp, depth int) (cl callee, ok bool) {
	if depth > 20 {
		compileErr(t.Loc(), "temporal formula: too many nested operator arguments")
	}
	if len(x.Prefix) == 0 {
		name, decl := x.Name.Name, p.declOf(x.Name)
		if m, isOp := t.ops[decl]; isOp {
			switch y := m.E.(type) {
			case *ast.Lambda:
				var prms []*ast.Param
				for _, id := range y.Params {
					prms = append(prms, &ast.Param{Span: id.Span, Name: id})
				}
				return callee{name: "LAMBDA", body: y.Body, params: prms, env: m.sc.env, file: m.sc.file, base: &m}, true
			case *ast.OpApp:
				return p.resolve(m, y, depth+1)
			}
			return callee{}, false
		}
		if _, isMacro := t.macros[decl]; isMacro {
			return callee{}, false
		}
		if d, ls := t.letDef(decl); d != nil {
			at := ls.at
			at.lets = ls
			return callee{name: name, body: d.Body, params: d.Params, env: at.sc.env, file: at.sc.file, base: &at, recursive: p.letRecursive(ls.let, d)}, true
		}
		if b, _ := t.sc.find(decl); b != nil {
			return callee{}, false
		}
	}
	env, insts := p.instancePath(t.sc, x.Prefix, t.lvl)
	d := env.resolve(x.Name)
	if d == nil || d.kind != dOp || d.body == nil || d.opdef == nil {
		return callee{}, false
	}
	return callee{name: d.name, body: d.body, params: d.params, env: d.env, file: d.loc.File, insts: insts, recursive: d.env.recursive[d.opdef.Name]}, true
}

// letRecursive reports whether the LET declares def RECURSIVE.
func (p *Program) letRecursive(let *ast.Let, def *ast.OpDef) bool {
	for _, u := range let.Defs {
		if r, ok := u.(*ast.RecursiveDecl); ok {
			for _, d := range r.Decls {
				if p.recursiveDef(d.Name) == def.Name {
					return true
				}
			}
		}
	}
	return false
}

// Unfold replaces the application of a user definition (or a parameter
// bound to an inlined argument) by its body, and a LET by its body; ok is
// false for anything else.
func (p *Program) Unfold(t Term) (body Term, ok bool, err error) {
	defer Catch(&err)
	switch x := t.E.(type) {
	case *ast.Let:
		body = t.Sub(x.Body)
		body.lets = &letScope{let: x, at: t, up: t.lets}
		return body, true, nil
	case *ast.Labeled:
		return t.Sub(x.Body), true, nil
	case *ast.SubexprRef:
		return p.Unfold(t.Sub(p.selApp(t.sc, x)))
	case *ast.OpApp:
		if len(x.Prefix) == 0 {
			if m, isMacro := t.macros[p.declOf(x.Name)]; isMacro && x.Args == nil {
				return m, true, nil
			}
		}
		cl, ok := p.resolve(t, x, 0)
		if !ok {
			return Term{}, false, nil
		}
		if len(x.Args) != len(cl.params) {
			compileErr(t.Loc(), "operator %s takes %d arguments, got %d", cl.name, len(cl.params), len(x.Args))
		}
		if cl.recursive {
			// TLC's liveness translator does not expand a recursive
			// operator of temporal level (Unfold is only asked for those)
			compileErr(t.Loc(), "TLC cannot handle the temporal formula %s", t.Loc())
		}
		return p.bind(t, cl, x.Args), true, nil
	}
	return Term{}, false, nil
}

// bind is the body of cl applied to args (expressions of t): constant
// arguments are bound to their values, operator arguments and the others
// are inlined where the parameter occurs.
func (p *Program) bind(t Term, cl callee, args []ast.Expr) Term {
	up, upFs := t.lvl, t.sc.fs
	if cl.base == nil && len(cl.params) == 0 && !t.lvl.hasInsts() {
		// nothing in the body refers to the caller's scope: a new root
		// (the parts found there compile as plainly as at the top)
		up, upFs = nil, nil
	}
	fs := &fscope{up: upFs}
	lvl := &tlevel{fs: fs, vals: map[int]Value{}, insts: cl.insts, up: up}
	sc := cscope{env: cl.env, fs: fs, file: cl.file}
	out := Term{sc: sc, lvl: lvl, macros: map[*ast.Ident]Term{}, ops: map[*ast.Ident]Term{}}
	if cl.base != nil {
		out.sc.b = cl.base.sc.b
		out.lets = cl.base.lets
		for k, v := range cl.base.macros {
			out.macros[k] = v
		}
		for k, v := range cl.base.ops {
			out.ops[k] = v
		}
	}
	for i, prm := range cl.params {
		arg := t.Sub(args[i])
		name := prm.Name
		delete(out.macros, name)
		delete(out.ops, name)
		if prm.Arity > 0 {
			// bound to its value for the compiled leaves, kept as an
			// expression to unfold its applications
			if v, ok := p.opArgValue(arg, prm.Arity); ok {
				var slot int
				out.sc, slot = out.sc.with(name, bOp, prm.Arity)
				lvl.vals[slot] = v
			}
			out.ops[name] = arg
			continue
		}
		if p.TermLevel(arg) == LevelConstant {
			var slot int
			out.sc, slot = out.sc.with(name, bVar, 0)
			lvl.vals[slot] = p.constIn(arg)
			continue
		}
		out.sc = out.sc.withMacro(name, args[i], t.sc)
		out.macros[name] = arg
	}
	out.E = cl.body
	return out
}

// opArgValue is the value of an operator argument, for the compiled
// leaves that apply the parameter; ok is false when it has none here (a
// LET operator: its applications are unfolded instead).
func (p *Program) opArgValue(arg Term, arity int) (v Value, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			v, ok = nil, false
		}
	}()
	e := p.compileOpArg(arg.sc, arg.E, arity)
	return e(p.NewCtx(), arg.lvl.frame()), true
}

// constIn evaluates a constant expression of a temporal formula.
func (p *Program) constIn(t Term) Value {
	if p.TermLevel(t) != LevelConstant {
		compileErr(t.Loc(), "the liveness checker needs a constant expression here")
	}
	e := p.compile(t.sc, t.leaf())
	c := p.NewCtx()
	n := t.lvl.enter(c)
	defer func() { c.inst = c.inst[:n] }()
	return e(c, t.lvl.frame())
}

// stateInBound reports a bound set of quantifier q, in a temporal formula,
// that is not constant as TLC does: TLC evaluates the set without a state
// (Liveness.astToLive), so the first variable it meets is an identifier
// "undefined or not an operator", named at its own position.
func (p *Program) stateInBound(q, set Term) {
	var found *Error
	func() {
		defer func() {
			if r := recover(); r != nil {
				if e, ok := r.(*Error); ok && strings.HasSuffix(e.Msg, noStateSuffix) {
					found = e
					return
				}
				// another error: the generic report below
			}
		}()
		e := p.compile(set.sc, set.leaf())
		c := p.NewCtx()
		c.NoState = true
		c.Cur = make([]Value, len(p.Vars))
		n := set.lvl.enter(c)
		defer func() { c.inst = c.inst[:n] }()
		e(c, set.lvl.frame())
	}()
	if found == nil {
		return // constIn reports it
	}
	name := strings.TrimSuffix(strings.TrimPrefix(found.Msg, "The variable "), noStateSuffix)
	compileErr(found.Loc, "TLC cannot handle the temporal formula %s:\nIn evaluation, the identifier %s is either undefined or not an operator.", q.Loc(), name)
}

// Instances expands a bounded \A or \E of a temporal formula: its body,
// once per element of the (constant) sets.
func (p *Program) Instances(t Term) (out []Term, err error) {
	ins, err := p.Witnesses(t)
	for _, in := range ins {
		out = append(out, in.Term)
	}
	return out, err
}

// Instance is the body of a quantifier with its bound names bound to
// Values, in the order of Names.
type Instance struct {
	Term   Term
	Names  []string
	Values []Value
}

// Witnesses expands a bounded \A or \E whose sets are constant: its body,
// once per element of the sets, in TLC's enumeration order.
func (p *Program) Witnesses(t Term) (out []Instance, err error) {
	defer Catch(&err)
	q, ok := t.E.(*ast.Quant)
	if !ok {
		compileErr(t.Loc(), "not a quantifier")
	}
	type bound struct {
		id  *ast.Ident
		set ast.Expr
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
			bs = append(bs, bound{n, b.Set})
		}
	}
	names := make([]string, len(bs))
	for i, b := range bs {
		names[i] = b.id.Name
	}
	vals := make([]Value, len(bs))
	var rec func(i int, cur Term)
	rec = func(i int, cur Term) {
		if i == len(bs) {
			out = append(out, Instance{Term: cur.Sub(q.Body), Names: names, Values: append([]Value(nil), vals...)})
			return
		}
		set := cur.Sub(bs[i].set)
		if p.TermLevel(set) != LevelConstant {
			p.stateInBound(t, set)
		}
		sv := p.constIn(set)
		elems, err := enumerate(sv)
		if err != nil {
			unenumerableBound(cur.sc.loc(bs[i].set), sv)
		}
		check(cur.sc.loc(bs[i].set), err)
		for _, v := range elems {
			fs := &fscope{up: cur.sc.fs}
			sc := cur.sc
			sc.fs = fs
			sc, slot := sc.with(bs[i].id, bVar, 0)
			next := cur
			next.sc, next.lvl = sc, &tlevel{fs: fs, vals: map[int]Value{slot: v}, up: cur.lvl}
			vals[i] = v
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
	return &TermPred{Loc: t.Loc(), e: p.compileBool(t.sc, t.leaf()), lvl: t.lvl}, nil
}

// CompileAngle compiles <<A>>_v.
// As TLC's LNAction, it compares v's values first: a step that leaves v
// unchanged is no <<A>>_v step, and A is not evaluated on it (an error A
// would raise there is none). A and v must share a scope (the WF/SF they
// come from).
func (p *Program) CompileAngle(a, sub Term) (tp *TermPred, err error) {
	defer Catch(&err)
	act := p.compileBool(a.sc, a.leaf())
	v := p.compile(sub.sc, sub.leaf())
	vp := p.primed(v, sub.Loc())
	e := func(c *Ctx, f *frame) bool {
		return !equal(v(c, f), vp(c, f)) && act(c, f)
	}
	return &TermPred{Loc: a.Loc(), e: e, lvl: a.lvl}, nil
}

// CompileEnabledAngle compiles ENABLED <<A>>_v: some successor by A
// changes v. A and v must share a scope (the WF/SF they come from).
func (p *Program) CompileEnabledAngle(a, sub Term) (tp *TermPred, err error) {
	defer Catch(&err)
	act := p.compileAct(a.sc, a.leaf(), actMode{})
	v := p.compile(sub.sc, sub.leaf())
	e := func(c *Ctx, f *frame) bool {
		saved, cur := c.Next, c.Cur
		now := v(c, f)
		// the successor being built and v's state, from the context's
		// scratch (ENABLED runs on every state of the behaviour graph);
		// nested evaluations take their own
		n := len(c.prog.Vars)
		bufs := c.enabledBufs
		if len(bufs) < 2*n {
			bufs = make([]Value, 2*n)
		}
		c.enabledBufs = bufs[2*n:]
		next, after := bufs[:n:n], bufs[n:2*n:2*n]
		clear(next)
		c.Next = next
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
				// v in the successor; a variable A leaves unassigned
				// keeps its value
				next := c.Next
				for i, x := range next {
					after[i] = x
					if x == nil {
						after[i] = cur[i]
					}
				}
				c.Cur, c.Next = after, nil
				vn := v(c, f)
				c.Cur, c.Next = cur, next
				if !equal(now, vn) { // the unprimed value first, as TLC compares them
					found = true
					panic(enabledStop{})
				}
			})
		}()
		c.Next = saved
		// nothing keeps the scratch: values are read out of it, never it
		clear(bufs[:2*n])
		c.enabledBufs = bufs
		return found
	}
	return &TermPred{Loc: a.Loc(), e: e, lvl: a.lvl}, nil
}

// Eval evaluates the predicate in cur (and next for action predicates).
func (tp *TermPred) Eval(c *Ctx, cur, next []Value) (ok bool, err error) {
	defer Catch(&err)
	c.depth = 0
	c.Cur, c.Next = cur, next
	n := tp.lvl.enter(c)
	mark := c.frames.mark()
	defer func() { c.inst = c.inst[:n]; c.frames.release(mark) }()
	return tp.e(c, tp.lvl.frameIn(c)), nil
}
