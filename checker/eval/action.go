package eval

import (
	"strings"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// act enumerates the ways an action (or initial predicate) can hold,
// assigning target variables in c.Next (next-state mode) or c.Cur (init
// mode) and calling k once per complete branch. Assignments are undone
// before it returns.
type act func(c *Ctx, f *frame, k func())

type actDef struct {
	fs *fscope
	a  act
}

type actMode struct {
	init  bool // targets are unprimed variables
	depth int
}

func (c *Ctx) targets(init bool) []Value {
	if init {
		return c.Cur
	}
	return c.Next
}

// target returns the variable index assigned by e in this mode, or -1.
func (p *Program) target(sc cscope, e ast.Expr, m actMode) int {
	for {
		pe, ok := e.(*ast.Paren)
		if !ok {
			break
		}
		e = pe.X
	}
	if m.init {
		return p.varOf(sc, e)
	}
	pf, ok := e.(*ast.PostfixExpr)
	if !ok || pf.Op != "'" {
		return -1
	}
	return p.varOf(sc, pf.X)
}

func (p *Program) guard(sc cscope, e ast.Expr) act {
	g := p.compileBool(sc, e)
	return func(c *Ctx, f *frame, k func()) {
		if g(c, f) {
			k()
		}
	}
}

func (p *Program) compileAct(sc cscope, e ast.Expr, m actMode) act {
	m.depth++
	if m.depth > 200 {
		return p.guard(sc, e)
	}
	switch x := e.(type) {
	case *ast.Paren:
		return p.compileAct(sc, x.X, m)
	case *ast.Labeled:
		return p.compileAct(sc, x.Body, m)
	case *ast.Junction:
		acts := make([]act, len(x.Items))
		for i, it := range x.Items {
			acts[i] = p.compileAct(sc, it, m)
		}
		if x.Or {
			return disj(acts)
		}
		return conj(acts)
	case *ast.Infix:
		if d := sc.env.lookup(x.Op); d != nil && d.kind != dBuiltin {
			return p.actCall(sc, d, []ast.Expr{x.X, x.Y}, sc.loc(x), e, m)
		}
		switch x.Op {
		case "/\\":
			return conj([]act{p.compileAct(sc, x.X, m), p.compileAct(sc, x.Y, m)})
		case "\\/":
			return disj([]act{p.compileAct(sc, x.X, m), p.compileAct(sc, x.Y, m)})
		case "=>":
			// as TLC: the hypothesis is evaluated; when true the
			// conclusion is enumerated as an action
			hyp := p.compileBool(sc, x.X)
			concl := p.compileAct(sc, x.Y, m)
			return func(c *Ctx, f *frame, k func()) {
				if !hyp(c, f) {
					k()
					return
				}
				concl(c, f, k)
			}
		case "=":
			if idx := p.target(sc, x.X, m); idx >= 0 {
				rhs := p.compile(sc, x.Y)
				init := m.init
				l := sc.loc(x)
				return func(c *Ctx, f *frame, k func()) {
					t := c.targets(init)
					if t[idx] == nil {
						v := rhs(c, f)
						nv, err := normalize(v)
						check(l, err)
						t[idx] = nv
						k()
						t[idx] = nil
						return
					}
					if equalAt(l, t[idx], rhs(c, f)) {
						k()
					}
				}
			}
		case "\\in":
			if idx := p.target(sc, x.X, m); idx >= 0 {
				set := p.compile(sc, x.Y)
				init := m.init
				l := sc.loc(x)
				return func(c *Ctx, f *frame, k func()) {
					t := c.targets(init)
					if t[idx] == nil {
						elems, err := enumerate(set(c, f))
						check(l, err)
						for _, v := range elems {
							nv, err := normalize(v)
							check(l, err)
							t[idx] = nv
							k()
						}
						t[idx] = nil
						return
					}
					ok, err := member(t[idx], set(c, f))
					check(l, err)
					if ok {
						k()
					}
				}
			}
		}
		return p.guard(sc, e)
	case *ast.PrefixExpr:
		if x.Op == "UNCHANGED" && !m.init {
			return p.compileUnchanged(sc, x.X, m)
		}
		return p.guard(sc, e)
	case *ast.Quant:
		if x.Kind == ast.Forall && len(x.Bounds) == 1 && !x.Bounds[0].Tuple && len(x.Bounds[0].Names) == 1 && x.Bounds[0].Set != nil {
			// as TLC: \A x \in S : A is the conjunction of A for each x
			sc2, bd := p.compileBounds(sc, x.Bounds)
			body := p.compileAct(sc2, x.Body, m)
			b := &bd.bounds[0]
			slot := b.slots[0]
			return func(c *Ctx, f *frame, k func()) {
				elems, err := enumerate(b.set(c, f))
				check(b.loc, err)
				var rec func(i int)
				rec = func(i int) {
					if i == len(elems) {
						k()
						return
					}
					f.s[slot] = elems[i]
					body(c, f, func() {
						rec(i + 1)
						f.s[slot] = elems[i] // the body may branch on
					})
				}
				rec(0)
			}
		}
		if x.Kind != ast.Exists {
			return p.guard(sc, e)
		}
		sc2, bd := p.compileBounds(sc, x.Bounds)
		body := p.compileAct(sc2, x.Body, m)
		return func(c *Ctx, f *frame, k func()) {
			bd.each(c, f, func() bool {
				body(c, f, k)
				return true
			})
		}
	case *ast.If:
		cond := p.compileBool(sc, x.Cond)
		th, el := p.compileAct(sc, x.Then, m), p.compileAct(sc, x.Else, m)
		return func(c *Ctx, f *frame, k func()) {
			if cond(c, f) {
				th(c, f, k)
			} else {
				el(c, f, k)
			}
		}
	case *ast.Case:
		conds := make([]func(*Ctx, *frame) bool, len(x.Arms))
		arms := make([]act, len(x.Arms))
		for i, a := range x.Arms {
			conds[i] = p.compileBool(sc, a.Cond)
			arms[i] = p.compileAct(sc, a.Val, m)
		}
		var other act
		if x.Other != nil {
			other = p.compileAct(sc, x.Other, m)
		}
		l := sc.loc(x)
		return func(c *Ctx, f *frame, k func()) {
			for i, cd := range conds {
				if cd(c, f) {
					arms[i](c, f, k)
					return
				}
			}
			if other == nil {
				throw(l, "Attempted to evaluate a CASE with no conditions true.")
			}
			other(c, f, k)
		}
	case *ast.FuncApp:
		if m.init {
			return p.guard(sc, e)
		}
		// TLC inlines the application of a lazy (recursive) function
		fn := p.compile(sc, x.Fn)
		var arg expr
		if len(x.Args) == 1 {
			arg = p.compile(sc, x.Args[0])
		} else {
			args := p.compileList(sc, x.Args)
			arg = func(c *Ctx, f *frame) Value {
				vs := make([]Value, len(args))
				for i, a := range args {
					vs[i] = a(c, f)
				}
				return mkTuple(vs)
			}
		}
		l := sc.loc(x)
		return func(c *Ctx, f *frame, k func()) {
			fv := fn(c, f)
			a := arg(c, f)
			if lf, ok := fv.(*LazyFcnV); ok && lf.ActApply != nil {
				in, err := member(a, lf.Dom)
				check(l, err)
				if !in {
					throw(l, "function applied outside its domain: attempted to apply a function to argument %s, which is not in the domain of the function.", Format(a))
				}
				c.enter(l)
				lf.ActApply(c, a, k)
				c.depth--
				return
			}
			v := applyFcn(c, fv, a, l, false)
			b, ok := v.(Bool)
			if !ok {
				throw(l, "A non-boolean expression (%s) was used as a condition: %s", kindName(v), Format(v))
			}
			if b {
				k()
			}
		}
	case *ast.Let:
		sc2, init := p.compileLetDefs(sc, x.Defs)
		body := p.compileAct(sc2, x.Body, m)
		return func(c *Ctx, f *frame, k func()) {
			init(c, f)
			body(c, f, k)
		}
	case *ast.OpApp:
		if len(x.Prefix) == 0 {
			if b, depth := sc.find(x.Name.Name); b != nil {
				if b.kind == bMacro && !b.inAct {
					b.inAct = true
					a := p.compileAct(*b.bsc, b.body, m)
					b.inAct = false
					return func(c *Ctx, f *frame, k func()) { a(c, frameAt(f, depth+1), k) }
				}
				if b.kind == bLazy && b.body != nil && !b.inAct {
					b.inAct = true
					a := p.compileAct(*b.bsc, b.body, m)
					b.inAct = false
					return func(c *Ctx, f *frame, k func()) { a(c, frameAt(f, depth), k) }
				}
				return p.guard(sc, e)
			}
		}
		env := sc.env
		for _, pp := range x.Prefix {
			if len(pp.Args) > 0 {
				return p.guard(sc, e)
			}
			if env = env.insts[pp.Name.Name]; env == nil {
				return p.guard(sc, e)
			}
		}
		d := env.lookup(x.Name.Name)
		if d == nil {
			return p.guard(sc, e)
		}
		return p.actCall(sc, d, x.Args, sc.loc(x), e, m)
	}
	return p.guard(sc, e)
}

func equalAt(l *Loc, a, b Value) bool {
	defer attach(l)
	return equal(a, b)
}

// actCall inlines a user-defined operator in action position, as TLC does.
func (p *Program) actCall(sc cscope, d *def, args []ast.Expr, l *Loc, e ast.Expr, m actMode) act {
	for d.kind == dSubst && d.substArity == 0 && args == nil {
		// instance parameter: inline the substituted expression
		if d.senv == nil {
			break
		}
		inner := d
		ad := p.actDefOf(inner, m, func(sc2 cscope) ast.Expr { return inner.sexpr })
		if ad == nil {
			return p.guard(sc, e)
		}
		return func(c *Ctx, f *frame, k func()) {
			var nf *frame
			if ad.fs.size > 0 {
				nf = &frame{s: make([]Value, ad.fs.size)}
			}
			ad.a(c, nf, k)
		}
	}
	if d.kind != dOp || d.opdef == nil || len(args) != len(d.params) {
		return p.guard(sc, e)
	}
	// actions passed as arguments are inlined (TLC passes them lazily)
	macro := make([]bool, len(args))
	anyMacro := false
	for i, a := range args {
		if d.params[i].Arity == 0 && p.level(sc.env, a, 0) >= LevelAction {
			macro[i], anyMacro = true, true
		}
	}
	if anyMacro && m.depth < 150 {
		fs := &fscope{up: sc.fs}
		sc2 := cscope{env: d.env, fs: fs, file: d.loc.File}
		var cargs []expr
		var slots []int
		for i, prm := range d.params {
			if macro[i] {
				sc2 = sc2.withMacro(prm.Name.Name, args[i], sc)
				continue
			}
			k := bVar
			if prm.Arity > 0 {
				k = bOp
			}
			var s int
			sc2, s = sc2.with(prm.Name.Name, k, prm.Arity)
			slots = append(slots, s)
			if prm.Arity > 0 {
				cargs = append(cargs, p.compileOpArg(sc, args[i], prm.Arity))
			} else {
				cargs = append(cargs, p.compile(sc, args[i]))
			}
		}
		a := p.compileAct(sc2, d.body, m)
		return func(c *Ctx, f *frame, k func()) {
			nf := &frame{s: make([]Value, fs.size), up: f}
			for i, ca := range cargs {
				nf.s[slots[i]] = ca(c, f)
			}
			a(c, nf, k)
		}
	}
	ad := p.actDefOf(d, m, nil)
	if ad == nil {
		return p.guard(sc, e)
	}
	opArity := make([]int, len(d.params))
	for i, prm := range d.params {
		opArity[i] = prm.Arity
	}
	cargs := p.compileArgs(sc, args, opArity, l)
	return func(c *Ctx, f *frame, k func()) {
		nf := &frame{s: make([]Value, ad.fs.size)}
		for i, a := range cargs {
			nf.s[i] = a(c, f)
		}
		ad.a(c, nf, k)
	}
}

// actDefOf compiles d's body as an action (cached per mode); nil while d is
// being compiled (recursion: evaluated as a guard instead).
func (p *Program) actDefOf(d *def, m actMode, body func(cscope) ast.Expr) *actDef {
	if d.act == nil {
		d.act = map[bool]*actDef{}
	}
	if ad, ok := d.act[m.init]; ok {
		if ad.a == nil {
			return nil
		}
		return ad
	}
	ad := &actDef{fs: &fscope{}}
	d.act[m.init] = ad
	if d.kind == dSubst {
		sc := cscope{env: d.senv, fs: ad.fs, file: d.loc.File}
		a := p.compileAct(sc, d.sexpr, m)
		ad.a = a
		return ad
	}
	sc := cscope{env: d.env, fs: ad.fs, file: d.loc.File}
	for _, prm := range d.params {
		k := bVar
		if prm.Arity > 0 {
			k = bOp
		}
		sc, _ = sc.with(prm.Name.Name, k, prm.Arity)
	}
	a := p.compileAct(sc, d.body, m)
	ad.a = a
	return ad
}

func (p *Program) compileUnchanged(sc cscope, e ast.Expr, m actMode) act {
	for {
		pe, ok := e.(*ast.Paren)
		if !ok {
			break
		}
		e = pe.X
	}
	if t, ok := e.(*ast.Tuple); ok {
		acts := make([]act, len(t.Elems))
		for i, el := range t.Elems {
			acts[i] = p.compileUnchanged(sc, el, m)
		}
		return conj(acts)
	}
	if idx := p.varOf(sc, e); idx >= 0 {
		l := sc.loc(e)
		return func(c *Ctx, f *frame, k func()) {
			if c.Next[idx] == nil {
				c.Next[idx] = c.Cur[idx]
				k()
				c.Next[idx] = nil
				return
			}
			if equalAt(l, c.Next[idx], c.Cur[idx]) {
				k()
			}
		}
	}
	if app, ok := e.(*ast.OpApp); ok && app.Args == nil && len(app.Prefix) == 0 {
		if b, _ := sc.find(app.Name.Name); b == nil {
			if d := sc.env.lookup(app.Name.Name); d != nil && d.kind == dOp && len(d.params) == 0 && d.body != nil && m.depth < 100 {
				m.depth++
				return p.compileUnchanged(cscope{env: d.env, fs: sc.fs, b: nil, file: d.loc.File}, d.body, m)
			} else if d != nil && d.kind == dSubst && d.substArity == 0 && m.depth < 100 {
				m.depth++
				return p.compileUnchanged(cscope{env: d.senv, fs: sc.fs, b: nil, file: d.loc.File}, d.sexpr, m)
			}
		}
	}
	// general expression: e' = e
	a := p.compile(sc, e)
	ap := p.primed(a, sc.loc(e))
	l := sc.loc(e)
	return func(c *Ctx, f *frame, k func()) {
		if equalAt(l, ap(c, f), a(c, f)) {
			k()
		}
	}
}

func conj(acts []act) act {
	switch len(acts) {
	case 0:
		return func(c *Ctx, f *frame, k func()) { k() }
	case 1:
		return acts[0]
	}
	head, rest := acts[0], conj(acts[1:])
	return func(c *Ctx, f *frame, k func()) {
		head(c, f, func() { rest(c, f, k) })
	}
}

func disj(acts []act) act {
	return func(c *Ctx, f *frame, k func()) {
		for _, a := range acts {
			a(c, f, k)
		}
	}
}

// ---------------------------------------------------------------- actions

// Action is one sub-action of the next-state relation, as TLC splits it:
// the disjuncts of Next and the instances of top-level existential
// quantifiers over constant sets, unfolded through operator definitions.
type Action struct {
	Name   string // "Receive(w1)", "Next", or "Action" when unnamed
	Loc    *Loc   // the action's expression
	fs     *fscope
	tmpl   []Value
	a      act
	tmplFn func() []Value
}

// Init is the compiled initial predicate.
type Init struct {
	fs *fscope
	a  act
}

// CompileInit compiles the initial predicate named name.
func (p *Program) CompileInit(e ast.Expr, env *modEnv, file *source.File) (in *Init, err error) {
	defer Catch(&err)
	if env == nil {
		env = p.Root
	}
	fs := &fscope{}
	a := p.compileAct(cscope{env: env, fs: fs, file: file}, e, actMode{init: true})
	return &Init{fs: fs, a: a}, nil
}

// CompileInitDef compiles the definition name as the initial predicate.
func (p *Program) CompileInitDef(name string) (*Init, error) {
	d := p.Root.lookup(name)
	if d == nil {
		return nil, &Error{Msg: "the initial predicate " + name + " is not defined", Kind: ErrCompile}
	}
	if d.kind != dOp || len(d.params) != 0 {
		return nil, &Error{Loc: d.loc, Msg: name + " cannot be used as the initial predicate", Kind: ErrCompile}
	}
	return p.CompileInit(d.body, d.env, d.loc.File)
}

// InitStates enumerates initial states, calling emit with each (the slice
// is reused: copy it).
func (in *Init) Run(c *Ctx, emit func(state []Value)) (err error) {
	defer Catch(&err)
	c.depth = 0
	nvars := len(c.prog.Vars)
	c.Cur = make([]Value, nvars)
	c.Next = nil
	var f *frame
	if in.fs.size > 0 {
		f = &frame{s: make([]Value, in.fs.size)}
	}
	in.a(c, f, func() { emit(c.Cur) })
	return nil
}

// SplitNext splits the next-state relation e (the body of the definition
// named name) into TLC's actions.
func (p *Program) SplitNext(name string) (acts []*Action, err error) {
	defer Catch(&err)
	d := p.Root.lookup(name)
	if d == nil {
		return nil, &Error{Msg: "the next-state relation " + name + " is not defined", Kind: ErrCompile}
	}
	if d.kind != dOp || len(d.params) != 0 {
		return nil, &Error{Loc: d.loc, Msg: name + " cannot be used as the next-state relation", Kind: ErrCompile}
	}
	return p.SplitNextExpr(d.body, d.env, d.loc.File, d.name)
}

// SplitNextExpr splits e (in env) into actions; opName names the
// enclosing definition (nil params when none).
func (p *Program) SplitNextExpr(e ast.Expr, env *modEnv, file *source.File, opName string) (acts []*Action, err error) {
	defer Catch(&err)
	if env == nil {
		env = p.Root
	}
	fs := &fscope{}
	sc := cscope{env: env, fs: fs, file: file}
	var out []*Action
	p.split(sc, e, nil, &splitName{name: opName}, &out, 0)
	// frames are sized now that every action is compiled
	for _, a := range out {
		a.tmpl = a.tmplFn()
	}
	return out, nil
}

type splitName struct {
	name   string
	params []string // parameter slots' names
	slots  []int
	depth  int
}

type boundVal struct {
	slot int
	v    Value
}

func (p *Program) split(sc cscope, e ast.Expr, bound []boundVal, nm *splitName, out *[]*Action, depth int) {
	if depth > 100 {
		p.emitAction(sc, e, bound, nm, out)
		return
	}
	switch x := e.(type) {
	case *ast.Paren:
		p.split(sc, x.X, bound, nm, out, depth+1)
		return
	case *ast.Labeled:
		p.split(sc, x.Body, bound, nm, out, depth+1)
		return
	case *ast.Junction:
		if x.Or {
			for _, it := range x.Items {
				p.split(sc, it, bound, nm, out, depth+1)
			}
			return
		}
	case *ast.Infix:
		if x.Op == "\\/" {
			if d := sc.env.lookup(x.Op); d == nil || d.kind == dBuiltin {
				p.split(sc, x.X, bound, nm, out, depth+1)
				p.split(sc, x.Y, bound, nm, out, depth+1)
				return
			}
		}
	case *ast.Quant:
		if x.Kind == ast.Exists && sc.fs.up == nil {
			sc2, bd := p.compileBounds(sc, x.Bounds)
			// enumerate the bound values with only the constants known
			var combos [][]boundVal
			ok := func() (ok bool) {
				defer func() {
					if r := recover(); r != nil {
						ok = false
					}
				}()
				c := &Ctx{prog: p}
				f := &frame{s: make([]Value, sc2.fs.size+16)}
				for _, b := range bound {
					f.s[b.slot] = b.v
				}
				bd.each(c, f, func() bool {
					var combo []boundVal
					for _, b := range bd.bounds {
						for _, s := range b.slots {
							combo = append(combo, boundVal{s, f.s[s]})
						}
					}
					combos = append(combos, combo)
					return true
				})
				return true
			}()
			if ok {
				for _, combo := range combos {
					nb := append(append([]boundVal(nil), bound...), combo...)
					p.split(sc2, x.Body, nb, nm, out, depth+1)
				}
				return
			}
		}
	case *ast.OpApp:
		if len(x.Prefix) == 0 {
			if b, _ := sc.find(x.Name.Name); b != nil {
				break
			}
		}
		env := sc.env
		okp := true
		for _, pp := range x.Prefix {
			if len(pp.Args) > 0 {
				okp = false
				break
			}
			if env = env.insts[pp.Name.Name]; env == nil {
				okp = false
				break
			}
		}
		if !okp {
			break
		}
		d := env.lookup(x.Name.Name)
		if d == nil || d.kind != dOp || d.opdef == nil || len(x.Args) != len(d.params) {
			break
		}
		for _, prm := range d.params {
			if prm.Arity > 0 {
				okp = false
			}
		}
		if !okp {
			break
		}
		// evaluate the arguments now (they must be constant here)
		var vals []Value
		okv := func() (ok bool) {
			defer func() {
				if r := recover(); r != nil {
					ok = false
				}
			}()
			c := &Ctx{prog: p}
			f := &frame{s: make([]Value, sc.fs.size+16)}
			for _, b := range bound {
				f.s[b.slot] = b.v
			}
			for _, a := range x.Args {
				vals = append(vals, normV(p.compile(sc, a)(c, f)))
			}
			return true
		}()
		if !okv {
			break
		}
		fs := &fscope{}
		sc2 := cscope{env: d.env, fs: fs, file: d.loc.File}
		var nb []boundVal
		var names []string
		var slots []int
		for i, prm := range d.params {
			var s int
			sc2, s = sc2.with(prm.Name.Name, bVar, 0)
			nb = append(nb, boundVal{s, vals[i]})
			names = append(names, prm.Name.Name)
			slots = append(slots, s)
		}
		p.split(sc2, d.body, nb, &splitName{name: d.name, params: names, slots: slots}, out, depth+1)
		return
	}
	p.emitAction(sc, e, bound, nm, out)
}

func (p *Program) emitAction(sc cscope, e ast.Expr, bound []boundVal, nm *splitName, out *[]*Action) {
	a := p.compileAct(sc, e, actMode{})
	name := nm.name
	if name == "" {
		name = "Action"
	}
	if len(nm.slots) > 0 {
		var parts []string
		for _, s := range nm.slots {
			for _, b := range bound {
				if b.slot == s {
					parts = append(parts, Format(b.v))
				}
			}
		}
		name += "(" + strings.Join(parts, ",") + ")"
	}
	fs := sc.fs
	act := &Action{Name: name, Loc: sc.loc(e), fs: fs, a: a}
	act.tmplFn = func() []Value {
		t := make([]Value, fs.size)
		for _, b := range bound {
			t[b.slot] = b.v
		}
		return t
	}
	*out = append(*out, act)
}

// Run enumerates the successors of c.Cur by this action, calling emit with
// each complete next state (c.Next, reused: copy it). A successor with an
// unassigned variable is reported through incomplete.
func (a *Action) Run(c *Ctx, emit func(next []Value)) (err error) {
	defer Catch(&err)
	c.depth = 0
	n := len(c.prog.Vars)
	if cap(c.buf) < n {
		c.buf = make([]Value, n)
	}
	c.Next = c.buf[:n]
	for i := range c.Next {
		c.Next[i] = nil
	}
	var f *frame
	if len(a.tmpl) > 0 {
		f = &frame{s: make([]Value, len(a.tmpl))}
		copy(f.s, a.tmpl)
	}
	a.a(c, f, func() {
		for i, v := range c.Next {
			if v == nil {
				panic(&Error{Loc: a.Loc, Msg: "Successor state is not completely specified by action " + a.Name + ": the variable " + c.prog.Vars[i] + " is not assigned a value."})
			}
		}
		emit(c.Next)
	})
	return nil
}
