package eval

import (
	"github.com/tlals/tlals/parser/ast"
)

// Levels of expressions (TLA+'s constant/state/action/temporal).
const (
	LevelConstant = 0
	LevelState    = 1
	LevelAction   = 2
	LevelTemporal = 3
)

// ExprIn is an expression with the module environment its names resolve in.
type ExprIn struct {
	E   ast.Expr
	env *modEnv
	Loc *Loc
	t   *Term // the scope it was found in, when inside a definition's body
}

// level computes the level of e in env, unfolding definitions.
func (p *Program) level(env *modEnv, n ast.Node, depth int) int {
	if n == nil || depth > 50 {
		return 0
	}
	lv := 0
	up := func(l int) {
		if l > lv {
			lv = l
		}
	}
	ast.Inspect(n, func(m ast.Node) bool {
		switch x := m.(type) {
		case *ast.PostfixExpr:
			if x.Op == "'" {
				up(LevelAction)
			}
		case *ast.PrefixExpr:
			switch x.Op {
			case "UNCHANGED":
				up(LevelAction)
			case "[]", "<>":
				up(LevelTemporal)
			case "ENABLED":
				// ENABLED A is a state predicate whatever the level of A
				up(LevelState)
				return false
			}
		case *ast.Infix:
			if x.Op == "~>" || x.Op == "-+->" {
				up(LevelTemporal)
			}
			if d := env.lookup(x.Op); d != nil && d.kind == dOp {
				up(p.defLevel(d, depth+1))
			}
		case *ast.BoxAction:
			up(LevelAction)
		case *ast.Fairness:
			up(LevelTemporal)
		case *ast.Quant:
			if x.Kind == ast.TemporalExists || x.Kind == ast.TemporalForall {
				up(LevelTemporal)
			}
		case *ast.OpApp:
			e := env
			for _, pp := range x.Prefix {
				if e = e.insts[pp.Name.Name]; e == nil {
					return true
				}
			}
			if d := e.lookup(x.Name.Name); d != nil {
				up(p.defLevel(d, depth+1))
			}
		}
		return true
	})
	return lv
}

func (p *Program) defLevel(d *def, depth int) int {
	switch d.kind {
	case dVar:
		return LevelState
	case dConst, dBuiltin, dModelConst:
		return 0
	case dSubst:
		return p.level(d.senv, d.sexpr, depth)
	case dFunc:
		return p.level(d.env, d.fdef, depth)
	}
	if d.levelBusy {
		return 0
	}
	d.levelBusy = true
	l := p.level(d.env, d.body, depth)
	d.levelBusy = false
	return l
}

// Level returns the level of a definition of the root module.
func (p *Program) Level(name string) int {
	d := p.Root.lookup(name)
	if d == nil {
		return 0
	}
	return p.defLevel(d, 0)
}

// SpecParts splits the specification named name into its initial
// predicate(s), next-state relation and other (temporal) conjuncts, as TLC
// does (SpecProcessor.processConfigSpec): it looks through conjunctions,
// LETs, labels and applied definitions (their arguments bound, also
// through instances) for state-level conjuncts (initial predicates), one
// [][A]_v and temporal formulas, and reports what TLC cannot handle.
func (p *Program) SpecParts(name string) (init []ExprIn, next *ExprIn, sub *ExprIn, other []ExprIn, err error) {
	d := p.Root.lookup(name)
	if d == nil || d.kind != dOp || d.body == nil {
		return nil, nil, nil, nil, &Error{Msg: "the specification " + name + " is not defined", Kind: ErrCompile}
	}
	w := &specWalk{p: p}
	if err := w.run(d, name, w.spec); err != nil {
		return nil, nil, nil, nil, err
	}
	if len(w.init) == 0 || w.next == nil {
		return w.init, w.next, w.sub, w.other, &Error{Loc: d.loc, Msg: "cannot find the initial predicate and the next-state relation [][Next]_vars in the specification " + name, Kind: ErrCompile}
	}
	return w.init, w.next, w.sub, w.other, nil
}

// specWalk collects the parts of a SPECIFICATION or PROPERTY.
type specWalk struct {
	p           *Program
	init, other []ExprIn
	next, sub   *ExprIn
	// PROPERTY: implied initial predicates, invariants, action properties
	// and temporal properties, each with the name TLC reports it by
	props [4][]NamedPart
}

// NamedPart is a part of a PROPERTY with the name TLC reports it by.
type NamedPart struct {
	Name string
	ExprIn
}

func (w *specWalk) run(d *def, name string, walk func(t Term, name string, depth int)) (err error) {
	defer Catch(&err)
	t := w.p.TermOf(ExprIn{E: d.body, env: d.env, Loc: &Loc{d.loc.File, d.body.Pos()}})
	walk(t, name, 0)
	return nil
}

// through returns what t stands for when it is only a wrapper (parentheses,
// a label, a LET, a definition or argument applied); ok is false for
// anything else. Zero-arity definitions give their name to what they stand
// for (TLC names a property's parts by it).
func (w *specWalk) through(t Term, name string) (Term, string, bool) {
	switch x := t.E.(type) {
	case *ast.Paren:
		return t.Sub(x.X), name, true
	case *ast.Labeled, *ast.Let:
		b, ok, err := w.p.Unfold(t)
		check(t.Loc(), err)
		return b, name, ok
	case *ast.OpApp:
		b, ok, err := w.p.Unfold(t)
		check(t.Loc(), err)
		if !ok {
			return t, name, false
		}
		if _, param := t.macros[x.Name.Name]; x.Args != nil || !param || len(x.Prefix) > 0 {
			// TLC names a part after the definition (or operator argument)
			// applied, written with its instance path
			name = x.Name.Name
			for i := len(x.Prefix) - 1; i >= 0; i-- {
				name = x.Prefix[i].Name.Name + "!" + name
			}
		}
		return b, name, true
	}
	return t, name, false
}

// items are the conjuncts of t when it is a conjunction.
func conjItems(t Term) []ast.Expr {
	switch x := t.E.(type) {
	case *ast.Junction:
		if !x.Or {
			return x.Items
		}
	case *ast.Infix:
		if x.Op == "/\\" {
			if d := t.sc.env.lookup(x.Op); d == nil || d.kind == dBuiltin {
				return []ast.Expr{x.X, x.Y}
			}
		}
	}
	return nil
}

func (w *specWalk) spec(t Term, name string, depth int) {
	p := w.p
	if depth > 100 {
		compileErr(t.Loc(), "the specification is too deeply nested (recursive definitions?)")
	}
	if items := conjItems(t); items != nil {
		for _, it := range items {
			w.spec(t.Sub(it), name, depth+1)
		}
		return
	}
	lv := p.TermLevel(t)
	switch x := t.E.(type) {
	case *ast.OpApp:
		if lv <= LevelState {
			if lv == LevelConstant && x.Args == nil && p.trivial(t) {
				compileErr(t.Loc(), "The spec is trivially false because %s is false.", x.Name.Name)
			}
			w.init = append(w.init, t.exprIn())
			return
		}
	case *ast.PrefixExpr:
		if x.Op == "[]" {
			inner := t.Sub(ast.Unparen(x.X))
			if p.TermLevel(inner) <= LevelState {
				compileErr(inner.Loc(), "TLC cannot handle the temporal formula %s", inner.Loc())
			}
			if ba, ok := inner.E.(*ast.BoxAction); ok && !ba.Angle {
				if w.next != nil {
					compileErr(t.Loc(), "The specification contains more than one conjunct of the form [][Next]_v,\nbut TLC can handle only specifications with one next-state relation.")
				}
				n, v := inner.Sub(ba.Action).exprIn(), inner.Sub(ba.Sub).exprIn()
				w.next, w.sub = &n, &v
				return
			}
			w.other = append(w.other, t.exprIn())
			return
		}
	case *ast.Quant:
		if x.Kind == ast.TemporalExists || x.Kind == ast.TemporalForall {
			compileErr(t.Loc(), "TLC does not support temporal quantifiers (\\EE, \\AA) in the specification")
		}
	}
	if b, name, ok := w.through(t, name); ok {
		w.spec(b, name, depth+1)
		return
	}
	switch {
	case lv <= LevelState:
		w.init = append(w.init, t.exprIn())
	case lv == LevelTemporal:
		w.other = append(w.other, t.exprIn())
	default:
		compileErr(t.Loc(), "TLC cannot handle this conjunct of the spec:\n%s", t.Loc())
	}
}

// trivial reports whether the constant t evaluates to FALSE.
func (p *Program) trivial(t Term) (yes bool) {
	defer func() {
		if r := recover(); r != nil {
			yes = false
		}
	}()
	return p.constIn(t) == Bool(false)
}

// CompileInitParts compiles a conjunction of initial predicates.
func (p *Program) CompileInitParts(parts []ExprIn) (in *Init, err error) {
	defer Catch(&err)
	fs := &fscope{}
	var acts []act
	for _, pt := range parts {
		if pt.t != nil && pt.t.lvl.plain() {
			pt = ExprIn{E: pt.t.leaf(), env: pt.t.sc.env, Loc: pt.Loc}
		}
		if pt.t != nil {
			acts = append(acts, pt.t.withFrames(p.compileAct(pt.t.sc, pt.t.leaf(), actMode{init: true})))
			continue
		}
		acts = append(acts, p.compileAct(cscope{env: pt.env, fs: fs, file: pt.Loc.File}, pt.E, actMode{init: true}))
	}
	return &Init{fs: fs, a: conj(acts)}, nil
}

// withFrames runs a, compiled in t's scope, in t's frames (the frame it is
// given is ignored) with t's instance parameters.
func (t *Term) withFrames(a act) act {
	lvl := t.lvl
	return func(c *Ctx, _ *frame, k func()) {
		n := lvl.enter(c)
		defer func() { c.inst = c.inst[:n] }()
		a(c, lvl.frame(), k)
	}
}

// SplitNextIn splits a next-state expression into actions.
func (p *Program) SplitNextIn(e ExprIn) (acts []*Action, err error) {
	if e.t == nil {
		return p.SplitNextExpr(e.E, e.env, e.Loc.File, "")
	}
	defer Catch(&err)
	t := e.t
	var bound []boundVal
	for slot, v := range t.lvl.vals {
		bound = append(bound, boundVal{slot, v})
	}
	p.split(t.sc, t.leaf(), bound, &splitName{}, &acts, 0)
	for _, a := range acts {
		a.tmpl = a.tmplFn()
		if t.lvl.up == nil && len(t.lvl.insts) == 0 {
			continue // the bound constants are in the template
		}
		// the action's frame is under the frames of the definitions the
		// next-state relation was found in
		inner, lvl := a.a, t.lvl
		a.a = func(c *Ctx, f *frame, k func()) {
			n := lvl.enter(c)
			defer func() { c.inst = c.inst[:n] }()
			if f == nil {
				f = &frame{}
			}
			f.up = lvl.up.frame()
			inner(c, f, k)
		}
	}
	return acts, nil
}

// Pred is a compiled boolean expression over a state (or a pair of states).
type Pred struct {
	Name string
	Loc  *Loc
	e    func(*Ctx, *frame) bool
	fs   *fscope
}

// CompilePred compiles e as a predicate.
func (p *Program) CompilePred(name string, e ExprIn) (pr *Pred, err error) {
	defer Catch(&err)
	fs := &fscope{}
	if t := e.t; t != nil && t.lvl.plain() {
		return &Pred{Name: name, Loc: e.Loc, e: p.compileBool(t.sc, t.leaf()), fs: t.sc.fs}, nil
	}
	if t := e.t; t != nil {
		g, lvl := p.compileBool(t.sc, t.leaf()), t.lvl
		return &Pred{Name: name, Loc: e.Loc, fs: fs, e: func(c *Ctx, _ *frame) bool {
			n := lvl.enter(c)
			defer func() { c.inst = c.inst[:n] }()
			return g(c, lvl.frame())
		}}, nil
	}
	g := p.compileBool(cscope{env: e.env, fs: fs, file: e.Loc.File}, e.E)
	return &Pred{Name: name, Loc: e.Loc, e: g, fs: fs}, nil
}

// DefExpr returns the body of the zero-arity definition name of the root
// module, as an expression to compile.
func (p *Program) DefExpr(name string) (ExprIn, error) {
	d := p.Root.lookup(name)
	if d == nil {
		return ExprIn{}, &Error{Msg: "the operator " + name + " is not defined in the specification", Kind: ErrCompile}
	}
	if d.kind == dOp && len(d.params) == 0 && d.body != nil {
		return ExprIn{E: d.body, env: d.env, Loc: &Loc{d.loc.File, d.body.Pos()}}, nil
	}
	id := &ast.Ident{Name: name}
	if d.loc != nil {
		id.Span = d.loc.Span
	}
	return ExprIn{E: &ast.OpApp{Span: id.Span, Name: id}, env: p.Root, Loc: d.loc}, nil
}

// Eval evaluates the predicate with cur (and next for action predicates).
func (pr *Pred) Eval(c *Ctx, cur, next []Value) (ok bool, err error) {
	defer Catch(&err)
	c.depth = 0
	c.Cur, c.Next = cur, next
	var f *frame
	if pr.fs.size > 0 {
		f = &frame{s: make([]Value, pr.fs.size)}
	}
	return pr.e(c, f), nil
}

// PropertyParts classifies a PROPERTY as TLC does: conjuncts that are
// state predicates are checked on initial states, []P with P a state
// predicate as invariants, [][A]_v as action properties; the rest is
// temporal (not checked by the safety checker).
func (p *Program) PropertyParts(name string) (inits, invs, acts, temporal []ExprIn, err error) {
	parts, err := p.NamedPropertyParts(name)
	strip := func(ns []NamedPart) []ExprIn {
		var out []ExprIn
		for _, n := range ns {
			out = append(out, n.ExprIn)
		}
		return out
	}
	return strip(parts[0]), strip(parts[1]), strip(parts[2]), strip(parts[3]), err
}

// NamedPropertyParts is PropertyParts with the name TLC reports each part
// by (SpecProcessor.processConfigProps): the zero-arity definition it was
// reached through last, or the conjunct's range when it is one item of a
// conjunction; an invariant []P takes P's name when P is a definition.
func (p *Program) NamedPropertyParts(name string) (parts [4][]NamedPart, err error) {
	d := p.Root.lookup(name)
	if d == nil || d.kind != dOp || d.body == nil {
		return parts, &Error{Msg: "the property " + name + " is not defined", Kind: ErrCompile}
	}
	w := &specWalk{p: p}
	if err := w.run(d, name, w.prop); err != nil {
		return parts, err
	}
	return w.props, nil
}

func (w *specWalk) prop(t Term, name string, depth int) {
	p := w.p
	if depth > 100 {
		compileErr(t.Loc(), "the property is too deeply nested (recursive definitions?)")
	}
	add := func(k int, t Term, name string) {
		w.props[k] = append(w.props[k], NamedPart{name, t.exprIn()})
	}
	if items := conjItems(t); items != nil {
		for _, it := range items {
			c := t.Sub(it)
			w.prop(c, c.Loc().String(), depth+1)
		}
		return
	}
	if x, ok := t.E.(*ast.PrefixExpr); ok && x.Op == "[]" {
		inner := t.Sub(ast.Unparen(x.X))
		if ba, ok := inner.E.(*ast.BoxAction); ok && !ba.Angle {
			add(2, inner, name)
			return
		}
		if p.TermLevel(inner) <= LevelState {
			if app, ok := inner.E.(*ast.OpApp); ok && app.Args == nil {
				name = app.Name.Name
			}
			add(1, inner, name)
			return
		}
		add(3, t, name)
		return
	}
	if b, name, ok := w.through(t, name); ok {
		w.prop(b, name, depth+1)
		return
	}
	switch p.TermLevel(t) {
	case LevelConstant, LevelState:
		add(0, t, name)
	case LevelTemporal:
		add(3, t, name)
	default:
		compileErr(t.Loc(), "%s", actionLevelProperty(name, t))
	}
}

// actionLevelProperty is TLC's error for an action-level PROPERTY, with
// its advice for the form of the formula.
func actionLevelProperty(name string, t Term) string {
	at := t.Loc().String()
	msg := "The formula " + name + " at " + at + " is an action-level formula (i.e., it contains no temporal operators). Only temporal-level (or state-level) formulas are allowed under PROPERTY or PROPERTIES. "
	if ba, ok := t.E.(*ast.BoxAction); ok {
		if ba.Angle {
			return msg + "To check that infinitely many " + name + " steps occur, define a temporal property by applying the \"always eventually\" temporal operator combination ([]<>) to the formula at " + at + " (compare page 91 of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html)."
		}
		return msg + "To check that action " + name + " holds in *every* step of the behavior, define a temporal property by applying the \"always\" temporal operator ([]) to the formula at " + at + " (compare page 90 of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html)."
	}
	return msg + "To check that action " + name + " holds in *every* step of the behavior, define a temporal property: Let A be the formula at " + at + "; rewrite A as [][A]_v, where v is a state function (typically the tuple of variables) (compare page 90 of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html)."
}

// Assumption is an ASSUME of the root module or a module it extends.
type Assumption struct {
	Loc *Loc
	E   ExprIn
}

// Assumptions lists the assumptions to check.
func (p *Program) Assumptions() []Assumption { return p.assumes }

// Compiled is a compiled expression.
type Compiled struct {
	e  expr
	fs *fscope
}

// Compile compiles an expression for evaluation with Eval.
func (p *Program) Compile(e ExprIn) (ce *Compiled, err error) {
	defer Catch(&err)
	fs := &fscope{}
	if t := e.t; t != nil && t.lvl.plain() {
		return &Compiled{e: p.compile(t.sc, t.leaf()), fs: t.sc.fs}, nil
	}
	if t := e.t; t != nil {
		g, lvl := p.compile(t.sc, t.leaf()), t.lvl
		return &Compiled{fs: fs, e: func(c *Ctx, _ *frame) Value {
			n := lvl.enter(c)
			defer func() { c.inst = c.inst[:n] }()
			return g(c, lvl.frame())
		}}, nil
	}
	return &Compiled{e: p.compile(cscope{env: e.env, fs: fs, file: e.Loc.File}, e.E), fs: fs}, nil
}

// Eval evaluates ce in state cur (nil for constant expressions).
func (ce *Compiled) Eval(c *Ctx, cur, next []Value) (v Value, err error) {
	defer Catch(&err)
	c.depth = 0
	c.Cur, c.Next = cur, next
	var f *frame
	if ce.fs.size > 0 {
		f = &frame{s: make([]Value, ce.fs.size)}
	}
	return ce.e(c, f), nil
}
