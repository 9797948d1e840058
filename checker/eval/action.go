package eval

import (
	"slices"
	"sort"
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
	s  *step // a as a step, when it cannot branch
}

type actMode struct {
	init  bool // targets are unprimed variables
	depth int
	// en is set while compiling the action of an ENABLED; cut while the
	// substitutions of en.env are invisible (see enabledVars)
	en  *enabledVars
	cut bool
}

// enabledVars are the variables an ENABLED assigns. As TLC looks up a
// primed variable of an ENABLED only in the bindings made inside it, the
// substitutions of the instance where the ENABLED is written are not
// followed: with I == INSTANCE M WITH u <- x, v <- x, I!F where
// F == ENABLED (u' = 0 /\ v' = 1) is true, u' and v' being assigned by
// name, as TLC's state function does. Such names get slots after the
// state's variables (a name that is also a variable's takes its slot).
// An action passed to the operator holding the ENABLED (B(A) with
// B(d) == ENABLED d) is resolved in the caller's bindings, substitutions
// included.
type enabledVars struct {
	env   *modEnv
	outer *binding // the bindings in scope at the ENABLED
	names map[string]int
	n     int // slots: variables and names
	acts  map[*def]*actDef
}

// slot is the slot of the variable named name.
func (en *enabledVars) slot(p *Program, name string) int {
	if d := p.Root.lookup(name); d != nil && d.kind == dVar { // by name, as TLC (see enabledVars)
		return d.varIdx
	}
	if i, ok := en.names[name]; ok {
		return i
	}
	if en.names == nil {
		en.names = map[string]int{}
	}
	en.names[name] = en.n
	en.n++
	return en.n - 1
}

// outside reports whether b was bound outside the ENABLED.
func (en *enabledVars) outside(b *binding) bool {
	for x := en.outer; x != nil; x = x.next {
		if x == b {
			return true
		}
	}
	return false
}

func (c *Ctx) targets(init bool) []Value {
	if init {
		return c.Cur
	}
	return c.Next
}

// target returns the variable index assigned by e in this mode, or -1.
func (p *Program) target(sc cscope, e ast.Expr, m actMode) int {
	if m.init {
		return p.getVar(sc, e, 0)
	}
	if m.en != nil {
		return p.resolveVar(sc, e, 0, true, m)
	}
	return p.getPrimedVar(sc, e, 0)
}

// getVar returns the state variable e denotes, as TLC's getVar sees it: a
// variable, or a name standing for one (an instance parameter substituted
// by it, a zero-arity definition, LET definition or inlined argument whose
// expression denotes it); -1 otherwise.
func (p *Program) getVar(sc cscope, e ast.Expr, depth int) int {
	return p.resolveVar(sc, e, depth, false, actMode{})
}

// getPrimedVar returns the variable x when e denotes x' (directly or
// through names, as getVar), -1 otherwise.
func (p *Program) getPrimedVar(sc cscope, e ast.Expr, depth int) int {
	return p.resolveVar(sc, e, depth, true, actMode{})
}

// resolveVar is getVar (primed false) and getPrimedVar; in an ENABLED (m.en)
// it applies enabledVars' rule.
func (p *Program) resolveVar(sc cscope, e ast.Expr, depth int, primed bool, m actMode) int {
	e = ast.Unparen(e)
	if depth > 50 {
		return -1
	}
	if pf, ok := e.(*ast.PostfixExpr); ok && pf.Op == "'" && primed {
		return p.resolveVar(sc, pf.X, depth+1, false, m)
	}
	if let, ok := e.(*ast.Let); ok {
		// LET y == x' IN y: the body names a definition of the LET
		body := ast.Unparen(let.Body)
		if app, ok := body.(*ast.OpApp); ok && app.Args == nil && len(app.Prefix) == 0 {
			for _, u := range let.Defs {
				if od, ok := u.(*ast.OpDef); ok && len(od.Params) == 0 && od.Name.Name == app.Name.Name {
					return p.resolveVar(sc, od.Body, depth+1, primed, m)
				}
			}
		}
		return p.resolveVar(sc, body, depth+1, primed, m)
	}
	app, ok := e.(*ast.OpApp)
	if !ok || app.Args != nil {
		return -1
	}
	env := sc.env
	if len(app.Prefix) == 0 {
		if b, _ := sc.findUse(app.Name); b != nil {
			if (b.kind == bMacro || b.kind == bLazy) && b.body != nil && b.bsc != nil {
				if m.en != nil && b.kind == bMacro && m.en.outside(b) {
					m.cut = false
				}
				return p.resolveVar(*b.bsc, b.body, depth+1, primed, m)
			}
			return -1
		}
	}
	for _, pp := range app.Prefix {
		if len(pp.Args) > 0 {
			return -1
		}
		if env = env.inst(pp); env == nil {
			return -1
		}
	}
	d := env.resolve(app.Name)
	if d == nil {
		return -1
	}
	switch d.kind {
	case dVar:
		if primed {
			return -1
		}
		return d.varIdx
	case dSubst:
		if m.en != nil && m.cut && env == m.en.env && !primed {
			return m.en.slot(p, d.name)
		}
		if d.substArity == 0 && d.senv != nil {
			return p.resolveVar(cscope{env: d.senv, fs: sc.fs, file: d.loc.File}, d.sexpr, depth+1, primed, m)
		}
	case dOp:
		if len(d.params) == 0 && d.body != nil && d.opdef != nil && !p.isConstant(d) {
			return p.resolveVar(cscope{env: d.env, fs: sc.fs, file: d.loc.File}, d.body, depth+1, primed, m)
		}
	}
	return -1
}

// step is an action that cannot branch: it holds at most once, assigning
// some of vars (target variable indices) on the way. Conjunctions of steps
// run as a flat loop, without a continuation closure per conjunct.
type step struct {
	run  func(c *Ctx, f *frame) bool // false: the action does not hold
	vars []int                       // sorted; at most maxStepVars
	cov  []covID                     // coverage: the counters of its leaves (countLeaf)
}

// maxStepVars bounds a step's variables: stepAct records which of them were
// unassigned in one machine word.
const maxStepVars = 64

type actStep struct {
	a act
	s *step
	// g is the conjunct as a boolean, for a conjunct that can branch: as
	// TLC (Tool.getNextStatesAllAssigned), once every variable has a value
	// the remaining conjuncts are evaluated, not enumerated, which counts
	// one successor where enumeration would generate it again per branch.
	g func(*Ctx, *frame) bool
}

// conjunct compiles the item e of a conjunction.
func (p *Program) conjunct(sc cscope, e ast.Expr, m actMode) actStep {
	var it actStep
	it.a, it.s = p.compileActStep(sc, e, m)
	if it.s == nil && m.en == nil {
		func() {
			defer func() {
				if r := recover(); r != nil {
					it.g = nil // not an expression the evaluator compiles: enumerated
				}
			}()
			it.g = p.compileBool(sc, e)
		}()
	}
	if p.debug != nil && m.en == nil { // compiled for a debugger (debug.go)
		it = p.debugConjunct(sc, e, it, m.init)
	}
	return it
}

// allAssigned reports whether every variable has a value in t.
func allAssigned(t []Value) bool {
	for _, v := range t {
		if v == nil {
			return false
		}
	}
	return true
}

func (p *Program) guardStep(sc cscope, e ast.Expr, m actMode) (act, *step) {
	if p.cov != nil && !p.tlcBuiltin(sc, e) {
		sc.covSkip = e // TLC applies the operator: only its arguments count
	}
	if p.cov != nil {
		p.cov.guard = e // compileActStep: e was compiled as a guard
	}
	g := p.compileBool(sc, e)
	return stepAct(&step{run: g}, m.init)
}

// stepAct returns s as an action (with s), or (nil-step) when s assigns too
// many variables to be a step.
func stepAct(s *step, init bool) (act, *step) {
	vars, run := s.vars, s.run
	if s.cov != nil {
		if len(vars) > maxStepVars {
			panic("stepAct: too many variables")
		}
		return func(c *Ctx, f *frame, k func()) {
			t := c.targets(init)
			full := allAssigned(t)
			unset := unassigned(t, vars)
			if run(c, f) {
				stepCounted(c, s, t, full, init, k)
			}
			reset(c, t, vars, unset)
		}, s
	}
	if len(vars) == 0 {
		return func(c *Ctx, f *frame, k func()) {
			if run(c, f) {
				k()
			}
		}, s
	}
	if len(vars) > maxStepVars {
		panic("stepAct: too many variables")
	}
	return func(c *Ctx, f *frame, k func()) {
		t := c.targets(init)
		unset := unassigned(t, vars)
		if run(c, f) {
			k()
		}
		reset(c, t, vars, unset)
	}, s
}

// unassigned returns the bit set of vars unassigned in t.
func unassigned(t []Value, vars []int) uint64 {
	var unset uint64
	for i, v := range vars {
		if t[v] == nil {
			unset |= 1 << i
		}
	}
	return unset
}

// reset unassigns the vars that unassigned reported.
func reset(c *Ctx, t []Value, vars []int, unset uint64) {
	if unset == 0 {
		return
	}
	c.gen++
	for i, v := range vars {
		if unset&(1<<i) != 0 {
			t[v] = nil
		}
	}
}

func unionVars(a, b []int) []int {
	out := append([]int(nil), a...)
	for _, v := range b {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

// conjSteps compiles the conjunction of items: consecutive steps are fused
// into one step; a branching conjunct gets a continuation for the rest.
func conjSteps(items []actStep, init bool) (act, *step) {
	if len(items) == 0 {
		return stepAct(&step{run: func(*Ctx, *frame) bool { return true }}, init)
	}
	n := 0
	var vars []int
	for n < len(items) && items[n].s != nil {
		u := unionVars(vars, items[n].s.vars)
		if len(u) > maxStepVars || n > 0 && (items[n].s.cov != nil || items[0].s.cov != nil) {
			break // a counted step counts its own continuation (stepCounted)
		}
		vars = u
		n++
	}
	if n == 0 {
		head, g := items[0].a, items[0].g
		if len(items) == 1 {
			if g == nil {
				return head, nil
			}
			return func(c *Ctx, f *frame, k func()) {
				if allAssigned(c.targets(init)) {
					if g(c, f) {
						k()
					}
					return
				}
				head(c, f, k)
			}, nil
		}
		rest, _ := conjSteps(items[1:], init)
		return func(c *Ctx, f *frame, k func()) {
			if g != nil && allAssigned(c.targets(init)) {
				if g(c, f) {
					rest(c, f, k)
				}
				return
			}
			head(c, f, func() { rest(c, f, k) })
		}, nil
	}
	var s *step
	if n == 1 {
		s = items[0].s
	} else {
		runs := make([]func(*Ctx, *frame) bool, n)
		for i := range runs {
			runs[i] = items[i].s.run
		}
		s = &step{vars: vars, run: func(c *Ctx, f *frame) bool {
			for _, r := range runs {
				if !r(c, f) {
					return false
				}
			}
			return true
		}}
	}
	if n == len(items) {
		return stepAct(s, init)
	}
	rest, _ := conjSteps(items[n:], init)
	run := s.run
	if s.cov != nil {
		return func(c *Ctx, f *frame, k func()) {
			t := c.targets(init)
			full := allAssigned(t)
			unset := unassigned(t, vars)
			if run(c, f) {
				if full {
					rest(c, f, k)
				} else {
					before := c.emitted // stepCounted, without a closure
					rest(c, f, k)
					s.counted(c, t, init, before)
				}
			}
			reset(c, t, vars, unset)
		}, nil
	}
	return func(c *Ctx, f *frame, k func()) {
		t := c.targets(init)
		unset := unassigned(t, vars)
		if run(c, f) {
			rest(c, f, k)
		}
		reset(c, t, vars, unset)
	}, nil
}

func (p *Program) compileAct(sc cscope, e ast.Expr, m actMode) act {
	a, _ := p.compileActStep(sc, e, m)
	return a
}

// compileActStep compiles e as an action; when e cannot branch it also
// returns it as a step, which conj runs in a flat loop.
func (p *Program) compileActStep(sc cscope, e ast.Expr, m actMode) (act, *step) {
	a, s := p.compileActStep0(sc, e, m)
	if p.cov != nil && m.en == nil {
		if p.actLeaf(sc, e) {
			return p.countLeaf(e, a, s, m.init)
		}
		if p.cov.guard == e && s != nil {
			if body, bsc := p.guardBody(sc, e); body != nil {
				// an operator applied as a guard: TLC enumerates its body
				// as the action, whose leaf counts (not its evaluation, for
				// a module's operator)
				s2 := *s
				if !p.tlcBuiltin(bsc, body) {
					run, n := s.run, p.counter(body)
					s2.run = func(c *Ctx, f *frame) bool { ok := run(c, f); c.count(n, -1); return ok }
				}
				a, _ = stepAct(&s2, m.init)
				return p.countLeaf(body, a, &s2, m.init)
			}
		}
	}
	return a, s
}

// guardBody is the body of the user's operator e applies, when it is a
// leaf of an action (nil otherwise), with its scope.
func (p *Program) guardBody(sc cscope, e ast.Expr) (ast.Expr, cscope) {
	x, ok := unparen(e).(*ast.OpApp)
	if !ok || len(x.Prefix) > 0 {
		return nil, cscope{}
	}
	if b, _ := sc.findUse(x.Name); b != nil {
		return nil, cscope{}
	}
	d := sc.env.resolve(x.Name)
	if d == nil || d.kind != dOp || d.body == nil || d.env == nil || d.loc == nil || len(d.params) != len(x.Args) {
		return nil, cscope{}
	}
	if _, std := stdModules[d.env.name]; std {
		return nil, cscope{}
	}
	bsc := cscope{env: d.env, file: d.loc.File}
	body := unparen(d.body)
	if !p.actLeaf(bsc, body) {
		return nil, cscope{}
	}
	return body, bsc
}

func (p *Program) compileActStep0(sc cscope, e ast.Expr, m actMode) (act, *step) {
	m.depth++
	if m.depth > 200 {
		return p.guardStep(sc, e, m)
	}
	switch x := e.(type) {
	case *ast.Paren:
		return p.compileActStep(sc, x.X, m)
	case *ast.Labeled:
		return p.compileActStep(sc, x.Body, m)
	case *ast.SubexprRef:
		return p.compileActStep(sc, p.selApp(sc, x), m)
	case *ast.Junction:
		items := make([]actStep, len(x.Items))
		for i, it := range x.Items {
			if x.Or {
				items[i].a, items[i].s = p.compileActStep(sc, it, m)
			} else {
				items[i] = p.conjunct(sc, it, m)
			}
		}
		if x.Or {
			acts := make([]act, len(items))
			for i, it := range items {
				acts[i] = it.a
			}
			return disj(acts), nil
		}
		return conjSteps(items, m.init)
	case *ast.Infix:
		if d := sc.env.resolveOp(x, x.Op); d != nil && d.kind != dBuiltin {
			return p.actCall(sc, d, []ast.Expr{x.X, x.Y}, sc.loc(x), e, m)
		}
		switch x.Op {
		case "/\\":
			items := []actStep{p.conjunct(sc, x.X, m), p.conjunct(sc, x.Y, m)}
			return conjSteps(items, m.init)
		case "\\/":
			return disj([]act{p.compileAct(sc, x.X, m), p.compileAct(sc, x.Y, m)}), nil
		case "=>":
			// as TLC: the hypothesis is evaluated; when true the
			// conclusion is enumerated as an action
			hyp := p.compileBool(sc, x.X)
			concl, cs := p.compileActStep(sc, x.Y, m)
			if cs != nil {
				return stepAct(&step{vars: cs.vars, run: func(c *Ctx, f *frame) bool {
					return !hyp(c, f) || cs.run(c, f)
				}}, m.init)
			}
			return func(c *Ctx, f *frame, k func()) {
				if !hyp(c, f) {
					k()
					return
				}
				concl(c, f, k)
			}, nil
		case "=":
			if idx := p.target(sc, x.X, m); idx >= 0 {
				rhs := p.compile(sc, x.Y)
				init := m.init
				l := sc.loc(x)
				return stepAct(&step{vars: []int{idx}, run: func(c *Ctx, f *frame) bool {
					t := c.targets(init)
					if t[idx] == nil {
						nv, err := normalize(rhs(c, f))
						check(l, err)
						t[idx] = nv
						c.gen++
						return true
					}
					return equalAt(l, t[idx], rhs(c, f))
				}}, m.init)
			}
		case "\\in", "\\subseteq":
			if idx := p.target(sc, x.X, m); idx >= 0 {
				set := p.compile(sc, x.Y)
				if x.Op == "\\subseteq" {
					// as TLC: x \subseteq S with x unassigned is x \in SUBSET S
					of := set
					set = func(c *Ctx, f *frame) Value { return &SubsetV{of(c, f)} }
				}
				init := m.init
				l := sc.loc(x)
				sec := p.enumCounter(x.Y)
				return func(c *Ctx, f *frame, k func()) {
					t := c.targets(init)
					if t[idx] == nil {
						sv := set(c, f)
						elems, err := enumerate(sv)
						if err != nil {
							unenumerableIn(l, sv, init)
						}
						check(l, err)
						if sec != 0 {
							c.count(sec, int64(len(elems))+1)
						}
						for _, v := range elems {
							nv, err := normalize(v)
							check(l, err)
							t[idx] = nv
							c.gen++
							k()
						}
						t[idx] = nil
						c.gen++
						return
					}
					ok, err := member(t[idx], set(c, f))
					check(l, err)
					if ok {
						k()
					}
				}, nil
			}
		}
		return p.guardStep(sc, e, m)
	case *ast.PrefixExpr:
		if x.Op == "UNCHANGED" && !m.init {
			return p.compileUnchanged(sc, x.X, m)
		}
		return p.guardStep(sc, e, m)
	case *ast.BoxAction:
		if m.init {
			return p.guardStep(sc, e, m)
		}
		// <<A>>_v: A's successors that change v; [A]_v: A \/ UNCHANGED v
		// (an ENABLED of them, an action made of them)
		a := p.compileAct(sc, x.Action, m)
		if !x.Angle {
			u, _ := p.compileUnchanged(sc, x.Sub, m)
			return disj([]act{a, u}), nil
		}
		sub := p.compile(sc, x.Sub)
		subP := p.primed(sub, sc.loc(x.Sub))
		return func(c *Ctx, f *frame, k func()) {
			a(c, f, func() {
				// the unprimed value first, as TLC compares them
				if !equal(sub(c, f), subP(c, f)) {
					k()
				}
			})
		}, nil
	case *ast.Quant:
		if x.Kind == ast.Forall && len(x.Bounds) == 1 && !x.Bounds[0].Tuple && len(x.Bounds[0].Names) == 1 && x.Bounds[0].Set != nil {
			// as TLC: \A x \in S : A is the conjunction of A for each x
			sc2, bd := p.compileBounds(sc, x.Bounds)
			body := p.compileAct(sc2, x.Body, m)
			b := &bd.bounds[0]
			slot := b.slots[0]
			return func(c *Ctx, f *frame, k func()) {
				sv := b.set(c, f)
				elems, err := enumerate(sv)
				if err != nil {
					unenumerableBound(b.setLoc, sv)
				}
				check(b.loc, err)
				if len(elems) == 0 {
					k()
					return
				}
				// TLC's order (Tool.getNextStates, BoundedForall): the
				// first element, then the others from the last down, as it
				// pushes them on its list of actions to run. One
				// continuation serves every element: i counts the elements
				// done, restored on return as the body may branch on.
				at := func(i int) Value {
					if i == 0 {
						return elems[0]
					}
					return elems[len(elems)-i]
				}
				i := 0
				var next func()
				next = func() {
					j := i
					if j+1 == len(elems) {
						k()
					} else {
						i = j + 1
						f.s[slot] = at(j + 1)
						body(c, f, next)
					}
					i = j
					f.s[slot] = at(j)
				}
				f.s[slot] = elems[0]
				body(c, f, next)
			}, nil
		}
		if x.Kind != ast.Exists {
			return p.guardStep(sc, e, m)
		}
		sc2, bd := p.compileBounds(sc, x.Bounds)
		body := p.compileAct(sc2, x.Body, m)
		if p.debug != nil && m.en == nil { // compiled for a debugger (debug.go)
			body, _ = p.debugBind(sc2, `\E`, x.Body, body, nil, m.init)
		}
		return func(c *Ctx, f *frame, k func()) {
			bd.each(c, f, func() bool {
				body(c, f, k)
				return true
			})
		}, nil
	case *ast.If:
		cond := p.compileBool(sc, x.Cond)
		th, ts := p.compileActStep(sc, x.Then, m)
		el, es := p.compileActStep(sc, x.Else, m)
		if p.cov != nil && m.en == nil {
			// TLC counts a branch taken that went on to a successor as a
			// leaf; the branches stay apart so that their leaves count
			if !p.actLeaf(sc, x.Then) && !nestedIf(x.Then) {
				th, _ = p.countLeaf(unparen(x.Then), th, ts, m.init)
			}
			if !p.actLeaf(sc, x.Else) && !nestedIf(x.Else) {
				el, _ = p.countLeaf(unparen(x.Else), el, es, m.init)
			}
			ts, es = nil, nil
		}
		if ts != nil && es != nil {
			return stepAct(&step{vars: unionVars(ts.vars, es.vars), run: func(c *Ctx, f *frame) bool {
				if cond(c, f) {
					return ts.run(c, f)
				}
				return es.run(c, f)
			}}, m.init)
		}
		return func(c *Ctx, f *frame, k func()) {
			if cond(c, f) {
				th(c, f, k)
			} else {
				el(c, f, k)
			}
		}, nil
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
		}, nil
	case *ast.FuncApp:
		if m.init {
			return p.guardStep(sc, e, m)
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
		kept := p.keptFuncDef(sc, x.Fn)
		return func(c *Ctx, f *frame, k func()) {
			var fv Value
			var once *LazyFcnV // the kept function, to apply as a view of it (coverage)
			if kept != nil {
				fv, once = c.useKept(kept, fn, f)
			} else {
				fv = fn(c, f)
			}
			a := arg(c, f)
			if lf, ok := fv.(*LazyFcnV); ok && lf.ActApply != nil {
				in, err := member(a, lf.Dom)
				check(l, err)
				if !in {
					if once != nil {
						lf = newView(once) // the view the message shows
					}
					throw(l, "%s", lazyDomainMsg(lf, a))
				}
				c.enter(l)
				lf.ActApply(c, a, k)
				c.depth--
				return
			}
			var v Value
			if once != nil {
				v = c.applyOnce(once, a, l)
			} else {
				v = applyFcn(c, fv, a, l, false)
			}
			b, ok := v.(Bool)
			if !ok {
				throw(l, "A non-boolean expression (%s) was used as a condition: %s", kindName(v), Pretty(v))
			}
			if b {
				k()
			}
		}, nil
	case *ast.Let:
		sc2, init := p.compileLetDefs(sc, x.Defs)
		body, bs := p.compileActStep(sc2, x.Body, m)
		if p.debug != nil && m.en == nil { // compiled for a debugger (debug.go)
			body, bs = p.debugBind(sc2, "LET", x.Body, body, bs, m.init)
		}
		if bs != nil {
			return stepAct(&step{vars: bs.vars, cov: bs.cov, run: func(c *Ctx, f *frame) bool {
				init(c, f)
				return bs.run(c, f)
			}}, m.init)
		}
		return func(c *Ctx, f *frame, k func()) {
			init(c, f)
			body(c, f, k)
		}, nil
	case *ast.OpApp:
		if len(x.Prefix) == 0 {
			if b, depth := sc.findUse(x.Name); b != nil {
				if b.kind == bMacroOp && len(x.Args) == 1 {
					return p.compileActStep(sc, applyExprOp(x, b.opName, x.Args[0]), m)
				}
				if b.kind == bMacroOpRef {
					if a, as, ok := p.opRefAct(sc, b, x, e, m); ok {
						return a, as
					}
					return p.guardStep(sc, e, m)
				}
				if a, as, ok := p.letOpAct(sc, b, x, m); ok {
					return a, as
				}
				up := -1
				if b.kind == bMacro && !b.inAct {
					up = depth + 1
				} else if b.kind == bLazy && b.body != nil && !b.inAct {
					up = depth
				}
				if up < 0 {
					return p.guardStep(sc, e, m)
				}
				b.inAct = true
				m2 := m
				if m.en != nil && b.kind == bMacro && m.en.outside(b) {
					m2.cut = false
				}
				a, as := func() (act, *step) {
					defer func() { b.inAct = false }() // also when a compile error is recovered
					return p.compileActStep(*b.bsc, b.body, m2)
				}()
				if as != nil {
					return stepAct(&step{vars: as.vars, cov: as.cov, run: func(c *Ctx, f *frame) bool { return as.run(c, frameAt(f, up)) }}, m.init)
				}
				return func(c *Ctx, f *frame, k func()) { a(c, frameAt(f, up), k) }, nil
			}
		}
		env := sc.env
		var pushes []instPush
		for _, pp := range x.Prefix {
			ie := env.inst(pp)
			if ie == nil || len(pp.Args) != ie.nparams {
				return p.guardStep(sc, e, m)
			}
			if ie.nparams > 0 {
				if se := p.substInstance(sc, ie, pp); se != nil {
					env = se
					continue
				}
				pushes = append(pushes, instPush{key: ie.instKey, args: p.compileList(sc, pp.Args)})
			}
			env = ie
		}
		d := env.resolve(x.Name)
		if d == nil {
			return p.guardStep(sc, e, m)
		}
		a, as := p.actCall(sc, d, x.Args, sc.loc(x), e, m)
		return withInstArgs(pushes, a, as, m.init)
	}
	return p.guardStep(sc, e, m)
}

// substInstance is, for I(args)!A in action position, the instance I with
// its parameters replaced by the argument expressions, as TLC substitutes
// them (I(q)!A assigns q' where A assigns the parameter's prime); nil when
// an argument names something bound around the call (the parameters then
// take the arguments' values) or I instantiates a standard module. One
// environment per call site.
func (p *Program) substInstance(sc cscope, ie *modEnv, pp *ast.PrefixPart) *modEnv {
	key := substKey{pp, sc.env} // a module instantiated twice has two
	if se, ok := p.substInsts[key]; ok {
		return se
	}
	p.substInsts[key] = nil
	penv := ie.parent
	if penv == nil || ie.instance == nil || penv.ids == nil {
		return nil
	}
	if _, std := stdModules[ie.instance.Module.Name]; std {
		return nil
	}
	for _, a := range pp.Args {
		if p.bindsAround(sc, a) {
			return nil
		}
	}
	penv2 := *penv
	penv2.defs, penv2.ids = map[string]*def{}, map[*ast.Ident]*def{}
	for n, d := range penv.defs {
		penv2.defs[n] = d
	}
	for id, d := range penv.ids {
		if d.kind == dInstParam && d.instKey == ie.instKey && d.varIdx < len(pp.Args) {
			d = &def{kind: dSubst, name: d.name, sexpr: pp.Args[d.varIdx], senv: sc.env, env: &penv2, loc: d.loc, level: -1}
			penv2.defs[d.name] = d
		}
		penv2.ids[id] = d
	}
	m := p.load(ie.instance.Module.Name, sc.loc(ie.instance.Module))
	se := p.buildEnv(m.mod, m.file, m.info, &penv2, ie.instance)
	p.substInsts[key] = se
	return se
}

// substKey is a call site I(args)!A in the environment it is compiled in.
type substKey struct {
	pp  *ast.PrefixPart
	env *modEnv
}

// bindsAround: e names something bound around it in sc (a bound variable,
// a parameter, a LET name).
func (p *Program) bindsAround(sc cscope, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if a, ok := n.(*ast.OpApp); ok && len(a.Prefix) == 0 && a.Name != nil {
			if b, _ := sc.findUse(a.Name); b != nil {
				found = true
			}
		}
		return !found
	})
	return found
}

// letOpAct inlines the call of a LET operator with parameters in action
// position (LET Set(v) == x' = v IN Set(1)) with its arguments in place of
// the parameters, as TLC evaluates it, so that the body assigns variables.
// The body's frame is above the caller's, whose frames lead to the LET's:
// the arguments and the names the body sees are both reached from it.
func (p *Program) letOpAct(sc cscope, b *binding, x *ast.OpApp, m actMode) (act, *step, bool) {
	d := b.letOp
	if b.kind != bOp || d == nil || b.inAct || len(x.Args) != len(d.Params) || m.depth >= 150 || sc.inl > maxInline {
		return nil, nil, false
	}
	for _, prm := range d.Params {
		if prm.Arity > 0 {
			return nil, nil, false
		}
	}
	fs := &fscope{up: sc.fs}
	sc2 := *b.bsc
	sc2.fs, sc2.inl = fs, sc.inl+1
	for i, prm := range d.Params {
		sc2 = sc2.withMacro(prm.Name, x.Args[i], sc)
	}
	b.inAct = true
	a, as := func() (act, *step) {
		defer func() { b.inAct = false }() // also when a compile error is recovered
		return p.compileActStep(sc2, d.Body, m)
	}()
	bind := func(f *frame) *frame { return &frame{s: make([]Value, fs.size), up: f} }
	if as != nil {
		run := as.run
		a, as = stepAct(&step{vars: as.vars, cov: as.cov, run: func(c *Ctx, f *frame) bool {
			return run(c, bind(f))
		}}, m.init)
		return a, as, true
	}
	return func(c *Ctx, f *frame, k func()) { a(c, bind(f), k) }, nil, true
}

// push evaluates the instances' arguments onto c's instance stack and
// returns the depth to pop back to.
func push(c *Ctx, f *frame, pushes []instPush) int {
	n := len(c.inst)
	for _, ps := range pushes {
		c.inst = append(c.inst, ps.frame(c, f))
	}
	return n
}

// frame evaluates the instance's arguments in f.
func (ps instPush) frame(c *Ctx, f *frame) instFrame {
	vs := make([]Value, len(ps.args))
	for i, a := range ps.args {
		vs[i] = a(c, f)
	}
	return instFrame{ps.key, vs}
}

// withInstArgs runs an action of a parameterized instance, I(args)!A, with
// the instance's parameters bound, as compileApp does for expressions.
func withInstArgs(pushes []instPush, a act, as *step, init bool) (act, *step) {
	if len(pushes) == 0 {
		return a, as
	}
	if as != nil {
		run := as.run
		return stepAct(&step{vars: as.vars, cov: as.cov, run: func(c *Ctx, f *frame) bool {
			n := push(c, f, pushes)
			ok := run(c, f)
			c.inst = c.inst[:n]
			return ok
		}}, init)
	}
	return func(c *Ctx, f *frame, k func()) {
		n := push(c, f, pushes)
		a(c, f, func() {
			// the rest of the action is outside the instance
			saved := c.inst
			c.inst = c.inst[:n:n]
			k()
			c.inst = saved
		})
		c.inst = c.inst[:n]
	}, nil
}

// equalAt is a = b, errors located at l (see at).
func equalAt(l *Loc, a, b Value) bool {
	return at(l, func() bool { return equal(a, b) })
}

// actCall inlines a user-defined operator in action position, as TLC does.
func (p *Program) actCall(sc cscope, d *def, args []ast.Expr, l *Loc, e ast.Expr, m actMode) (act, *step) {
	a, s := p.actCallBody(sc, d, args, l, e, m)
	if p.debug != nil && m.en == nil && d.kind == dOp { // compiled for a debugger (debug.go)
		return p.debugCall(sc, d.name, e, a, s, m.init)
	}
	return a, s
}

// actCallBody compiles the application e of d in action position.
func (p *Program) actCallBody(sc cscope, d *def, args []ast.Expr, l *Loc, e ast.Expr, m actMode) (act, *step) {
	for d.kind == dSubst && d.substArity == 0 && args == nil {
		// instance parameter: inline the substituted expression
		if d.senv == nil {
			break
		}
		ad := p.actDefOf(d, m)
		if ad == nil {
			return p.guardStep(sc, e, m)
		}
		size := ad.fs.size
		if ad.s != nil {
			run := ad.s.run
			return stepAct(&step{vars: ad.s.vars, cov: ad.s.cov, run: func(c *Ctx, f *frame) bool {
				return run(c, newFrame(size, nil))
			}}, m.init)
		}
		return func(c *Ctx, f *frame, k func()) {
			ad.a(c, newFrame(size, nil), k)
		}, nil
	}
	if d.kind != dOp || d.opdef == nil || len(args) != len(d.params) {
		return p.guardStep(sc, e, m)
	}
	// Actions passed as arguments, and variables (primed or not) the body
	// may assign, are inlined: TLC passes arguments unevaluated and finds
	// the variable x' = e assigns through them.
	// An operator that uses the next state gets its state-level arguments
	// inlined too (UNCHANGED v of a parameter v bound to <<x, y>> assigns x
	// and y), and so does every operator of an initial predicate, whose
	// state-level argument may assign (MyInit(x = 0)).
	macro := make([]bool, len(args))
	anyMacro := false
	next := m.init || p.usesNext(d)
	for i, a := range args {
		if d.params[i].Arity == 0 && (p.getVar(sc, a, 0) >= 0 || p.getPrimedVar(sc, a, 0) >= 0 ||
			(next && p.scopeLevel(sc, a, 0) >= LevelState) || p.isAction(sc, a)) {
			macro[i], anyMacro = true, true
		}
		if d.params[i].Arity == 1 && exprOpOf(a) != "" {
			macro[i], anyMacro = true, true
		}
		if d.params[i].Arity > 0 && exprOpOf(a) == "" && p.actionOpArg(sc, a) {
			// an action operator (LET T(a) == x' = a IN Apply(T)): its
			// calls in the body assign, as TLC evaluates them
			macro[i], anyMacro = true, true
		}
	}
	if anyMacro && m.depth < 150 && sc.inl <= maxInline {
		sc2, bind := p.macroScope(sc, d, args, macro)
		a, as := p.compileActStep(sc2, d.body, m)
		if as != nil {
			run := as.run
			return stepAct(&step{vars: as.vars, cov: as.cov, run: func(c *Ctx, f *frame) bool {
				return run(c, bind(c, f))
			}}, m.init)
		}
		return func(c *Ctx, f *frame, k func()) {
			a(c, bind(c, f), k)
		}, nil
	}
	ad := p.actDefOf(d, m)
	if ad == nil {
		return p.guardStep(sc, e, m)
	}
	cargs := p.compileCallArgs(sc, d, args, l)
	bind := func(c *Ctx, f *frame) *frame {
		nf := c.frames.frameFor(ad.fs)
		for i, a := range cargs {
			nf.s[i] = a(c, f)
		}
		return nf
	}
	// the continuation runs inside the call: frames stay in stack order
	if ad.s != nil {
		run := ad.s.run
		return stepAct(&step{vars: ad.s.vars, cov: ad.s.cov, run: func(c *Ctx, f *frame) bool {
			mark := c.frames.mark()
			ok := run(c, bind(c, f))
			c.frames.release(mark)
			return ok
		}}, m.init)
	}
	return func(c *Ctx, f *frame, k func()) {
		mark := c.frames.mark()
		ad.a(c, bind(c, f), k)
		c.frames.release(mark)
	}, nil
}

// actDefOf compiles d's body as an action (cached per mode); nil while d is
// being compiled (recursion: evaluated as a guard instead).
func (p *Program) actDefOf(d *def, m actMode) *actDef {
	if d.act == nil {
		d.act = map[bool]*actDef{}
	}
	cache := func(ad *actDef) { d.act[m.init] = ad }
	ad, ok := d.act[m.init]
	if m.en != nil {
		// an ENABLED resolves variables its own way (enabledVars)
		if m.en.acts == nil {
			m.en.acts = map[*def]*actDef{}
		}
		ad, ok = m.en.acts[d]
		cache = func(ad *actDef) { m.en.acts[d] = ad }
	}
	if ok {
		if ad.a == nil {
			return nil
		}
		return ad
	}
	ad = &actDef{fs: &fscope{}}
	cache(ad)
	if d.kind == dSubst {
		sc := cscope{env: d.senv, fs: ad.fs, file: d.loc.File}
		ad.a, ad.s = p.compileActStep(sc, d.sexpr, m)
		return ad
	}
	sc := p.paramScope(cscope{env: d.env, fs: ad.fs, file: d.loc.File}, d, nil) // its calls evaluate the arguments
	ad.a, ad.s = p.compileActStep(sc, d.body, m)
	return ad
}

func (p *Program) compileUnchanged(sc cscope, e ast.Expr, m actMode) (act, *step) {
	e = ast.Unparen(e)
	if t, ok := e.(*ast.Tuple); ok {
		items := make([]actStep, len(t.Elems))
		for i, el := range t.Elems {
			items[i].a, items[i].s = p.compileUnchanged(sc, el, m)
		}
		return conjSteps(items, m.init)
	}
	idx := p.getVar(sc, e, 0)
	if m.en != nil {
		if idx = p.resolveVar(sc, e, 0, false, m); idx >= len(p.Vars) {
			// a name assigned in the ENABLED only (enabledVars): it keeps
			// the value of its expression, as TLC's enabledUnchanged
			val, l := p.compile(sc, e), sc.loc(e)
			return stepAct(&step{vars: []int{idx}, run: func(c *Ctx, f *frame) bool {
				v := val(c, f)
				if c.Next[idx] == nil {
					c.Next[idx] = v
					c.gen++
					return true
				}
				return equalAt(l, c.Next[idx], v)
			}}, m.init)
		}
	}
	if idx >= 0 {
		l := sc.loc(e)
		return stepAct(&step{vars: []int{idx}, run: func(c *Ctx, f *frame) bool {
			if c.Next[idx] == nil {
				c.Next[idx] = c.Cur[idx]
				c.gen++
				return true
			}
			return equalAt(l, c.Next[idx], c.Cur[idx])
		}}, m.init)
	}
	if app, ok := e.(*ast.OpApp); ok && app.Args == nil && len(app.Prefix) == 0 {
		if b, depth := sc.findUse(app.Name); b != nil && (b.kind == bMacro || b.kind == bLazy) && b.body != nil && b.bsc != nil && m.depth < 100 {
			// an inlined argument or LET definition: UNCHANGED of its
			// expression (an argument is evaluated in the caller's frame,
			// above the callee's)
			m.depth++
			up := depth
			if b.kind == bMacro {
				up++
			}
			a, as := p.compileUnchanged(*b.bsc, b.body, m)
			if as != nil {
				return stepAct(&step{vars: as.vars, cov: as.cov, run: func(c *Ctx, f *frame) bool { return as.run(c, frameAt(f, up)) }}, m.init)
			}
			return func(c *Ctx, f *frame, k func()) { a(c, frameAt(f, up), k) }, nil
		} else if b == nil {
			if d := sc.env.resolve(app.Name); d != nil && d.kind == dOp && len(d.params) == 0 && d.body != nil && m.depth < 100 {
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
	return stepAct(&step{run: func(c *Ctx, f *frame) bool {
		return equalAt(l, ap(c, f), a(c, f))
	}}, m.init)
}

// conj is the conjunction of acts (none known to be steps).
func conj(acts []act) act {
	items := make([]actStep, len(acts))
	for i, a := range acts {
		items[i].a = a
	}
	a, _ := conjSteps(items, false)
	return a
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
	expr   ast.Expr
	env    *modEnv
	fs     *fscope
	tmpl   []Value
	a      act
	tmplFn func() []Value
}

// Init is the compiled initial predicate.
type Init struct {
	fs *fscope
	a  act
	// the predicate, for its coverage (CoverageTree)
	expr ast.Expr
	env  *modEnv
	file *source.File
}

// CompileInit compiles the initial predicate named name.
func (p *Program) CompileInit(e ast.Expr, env *modEnv, file *source.File) (in *Init, err error) {
	defer Catch(&err)
	if env == nil {
		env = p.Root
	}
	fs := &fscope{}
	a := p.compileAct(cscope{env: env, fs: fs, file: file}, e, actMode{init: true})
	return &Init{fs: fs, a: a, expr: e, env: env, file: file}, nil
}

// CompileInitDef compiles the definition name as the initial predicate.
func (p *Program) CompileInitDef(name string) (*Init, error) {
	d := p.Root.lookup(name) // a name the configuration (or the caller) gives
	if d == nil {
		return nil, NotDefined("initial predicate", name)
	}
	if d.kind != dOp || len(d.params) != 0 {
		return nil, &Error{Loc: d.loc, Msg: name + " cannot be used as the initial predicate", Kind: ErrCompile}
	}
	return p.CompileInit(d.body, d.env, d.loc.File)
}

// InitStates enumerates initial states, calling emit with each (the slice
// is reused: copy it).
func (in *Init) Run(c *Ctx, emit func(state []Value)) (err error) {
	defer c.recordCalls(&err)
	defer Catch(&err)
	c.depth = 0
	c.gen++
	c.covStack = c.covStack[:0]
	nvars := len(c.prog.Vars)
	c.Cur = make([]Value, nvars)
	c.Next = nil
	var f *frame
	if in.fs.size > 0 {
		f = &frame{s: make([]Value, in.fs.size)}
	}
	in.a(c, f, func() { c.emitted++; emit(c.Cur) })
	return nil
}

// SplitNext splits the next-state relation e (the body of the definition
// named name) into TLC's actions.
func (p *Program) SplitNext(name string) (acts []*Action, err error) {
	defer Catch(&err)
	d := p.Root.lookup(name) // a name the configuration (or the caller) gives
	if d == nil {
		return nil, NotDefined("next state action", name)
	}
	if d.kind != dOp || len(d.params) != 0 {
		return nil, &Error{Loc: d.loc, Msg: name + " cannot be used as the next-state relation", Kind: ErrCompile}
	}
	if ie := d.env; ie != nil && ie.instLoc != nil && ie != p.Root && hasParams(ie) {
		// a next-state relation of an instantiated module: one action,
		// at the INSTANCE statement (see split)
		return p.splitWhole(d)
	}
	return p.SplitNextExpr(d.body, d.env, d.loc.File, d.name)
}

// splitWhole is the single action of d's body, at its instance.
func (p *Program) splitWhole(d *def) (acts []*Action, err error) {
	defer Catch(&err)
	sc := cscope{env: d.env, fs: &fscope{}, file: d.loc.File}
	var out []*Action
	p.emitAction(sc, d.body, nil, &splitName{name: d.name}, &out)
	for _, a := range out {
		a.Loc = d.env.instLoc
		a.tmpl = a.tmplFn()
	}
	return out, nil
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
	case *ast.SubexprRef:
		p.split(sc, p.selApp(sc, x), bound, nm, out, depth+1)
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
			if d := sc.env.resolveOp(x, x.Op); d == nil || d.kind == dBuiltin {
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
			if b, _ := sc.findUse(x.Name); b != nil {
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
			if env = env.inst(pp); env == nil {
				okp = false
				break
			}
		}
		if !okp {
			break
		}
		d := env.resolve(x.Name)
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
			sc2, s = sc2.with(prm.Name, bVar, 0)
			nb = append(nb, boundVal{s, vals[i]})
			names = append(names, prm.Name.Name)
			slots = append(slots, s)
		}
		if ie := d.env; ie != nil && ie.instLoc != nil && ie != sc.env && hasParams(ie) {
			// TLC's Tool.getActions does not split a definition of an
			// instantiated module with parameters (its body is a
			// SubstInNode with substitutions): one action, named by the
			// definition (I!Next through a named instance), located at
			// the INSTANCE statement
			name := d.name
			if ie.instName != "" && len(x.Prefix) > 0 {
				name = ie.instName + "!" + d.name
			}
			n0 := len(*out)
			p.emitAction(sc2, d.body, nb, &splitName{name: name, params: names, slots: slots}, out)
			for _, a := range (*out)[n0:] {
				a.Loc = ie.instLoc
			}
			return
		}
		p.split(sc2, d.body, nb, &splitName{name: d.name, params: names, slots: slots}, out, depth+1)
		return
	}
	p.emitAction(sc, e, bound, nm, out)
}

// hasParams reports whether the instantiated module of env declares (or
// extends) a CONSTANT or VARIABLE, which SANY's SubstInNode substitutes.
func hasParams(env *modEnv) bool {
	for _, d := range env.defs {
		switch d.kind {
		case dConst, dVar, dSubst, dModelConst:
			return true
		}
	}
	return len(env.subst) > 0
}

// letBody is where TLC locates an action that is a LET: its body (TLC's
// Tool.getActions goes into LET bodies), through nested LETs.
func letBody(e ast.Expr) ast.Expr {
	for depth := 0; depth < 100; depth++ {
		switch x := e.(type) {
		case *ast.Let:
			e = x.Body
		case *ast.Paren:
			if _, ok := ast.Unparen(x).(*ast.Let); !ok {
				return e
			}
			e = x.X
		default:
			return e
		}
	}
	return e
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
	act := &Action{Name: name, Loc: sc.loc(letBody(e)), fs: fs, a: a, expr: e, env: sc.env}
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
	defer c.recordCalls(&err)
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
	c.gen++
	c.covStack = c.covStack[:0] // what an error left
	mark := c.frames.mark()
	f := c.frames.frameFor(a.fs)
	if f != nil {
		copy(f.s, a.tmpl)
	}
	if c.complete == nil {
		c.complete = c.completeNext // one closure per context, not per run
	}
	c.running, c.emit = a, emit
	a.a(c, f, c.complete)
	c.running, c.emit = nil, nil
	c.frames.release(mark)
	return nil
}

// completeNext is the continuation of Action.Run: it emits c.Next.
func (c *Ctx) completeNext() {
	for _, v := range c.Next {
		if v == nil {
			panic(c.incomplete())
		}
	}
	c.emitted++
	c.emit(c.Next)
}

// incomplete is the error for c.Next with unassigned variables: it holds
// the partial state, which TLC prints (an unassigned variable as null) as
// the trace's last state.
func (c *Ctx) incomplete() *Error {
	a := c.running
	var vars []string
	for i, v := range c.Next {
		if v == nil {
			vars = append(vars, c.prog.Vars[i])
		}
	}
	sort.Strings(vars) // TLC lists them sorted by name
	return &Error{Loc: a.Loc, Msg: IncompleteMessage(a.Name, vars, false), Partial: slices.Clone(c.Next), Unassigned: vars}
}

// actionOpArg reports whether a, passed for an operator parameter, names
// an operator whose body uses the next state (a LAMBDA, a LET operator, a
// definition, or such an argument passed along).
func (p *Program) actionOpArg(sc cscope, a ast.Expr) bool {
	switch x := a.(type) {
	case *ast.Lambda:
		return p.nodeUsesNext(sc.env, x.Body)
	case *ast.OpApp:
		if x.Args != nil || len(x.Prefix) > 0 {
			return false
		}
		if b, _ := sc.findUse(x.Name); b != nil {
			return b.kind == bMacroOpRef || b.letOp != nil && p.nodeUsesNext(sc.env, b.letOp.Body)
		}
		d := sc.env.resolve(x.Name)
		return d != nil && d.kind == dOp && len(d.params) > 0 && p.usesNext(d)
	}
	return false
}

// opRefAct compiles the call x, in action position, of an operator
// parameter bound to the action operator b stands for: the operator's body
// with the call's arguments in place of its parameters.
func (p *Program) opRefAct(sc cscope, b *binding, x *ast.OpApp, e ast.Expr, m actMode) (act, *step, bool) {
	if b.inAct || m.depth >= 150 || sc.inl > maxInline {
		return nil, nil, false
	}
	caller := *b.bsc
	b.inAct = true
	defer func() { b.inAct = false }() // also when a compile error is recovered
	switch t := b.body.(type) {
	case *ast.Lambda:
		if len(t.Params) != len(x.Args) {
			return nil, nil, false
		}
		fs := &fscope{up: sc.fs}
		sc2 := caller
		sc2.fs, sc2.inl = fs, sc.inl+1
		for i, prm := range t.Params {
			sc2 = sc2.withMacro(prm, x.Args[i], sc)
		}
		a, as := p.compileActStep(sc2, t.Body, m)
		bind := func(f *frame) *frame { return &frame{s: make([]Value, fs.size), up: f} }
		if as != nil {
			run := as.run
			a, as = stepAct(&step{vars: as.vars, cov: as.cov, run: func(c *Ctx, f *frame) bool { return run(c, bind(f)) }}, m.init)
			return a, as, true
		}
		return func(c *Ctx, f *frame, k func()) { a(c, bind(f), k) }, nil, true
	case *ast.OpApp:
		if t.Args != nil || len(t.Prefix) > 0 {
			return nil, nil, false
		}
		if b2, _ := caller.findUse(t.Name); b2 != nil {
			if b2.kind == bMacroOpRef {
				return p.opRefAct(sc, b2, x, e, m)
			}
			return p.letOpAct(sc, b2, x, m)
		}
		d := caller.env.resolve(t.Name)
		if d == nil {
			return nil, nil, false
		}
		a, as := p.actCall(sc, d, x.Args, sc.loc(x), e, m)
		return a, as, true
	}
	return nil, nil, false
}
