package eval

import (
	"strings"

	"github.com/tlals/tlals/analysis"
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

// level is the level of n, written in a module whose definitions env
// holds, as analysis computed it (Info.LevelOf, parameters counted as
// constant) for what the module CONSTANTs and VARIABLEs it depends on
// stand for in env (depsLevel). Nodes analysis did not record (those the
// checker builds: substitution expressions, a fairness condition's
// <<A>>_v; a function definition) are an application of a name in env,
// or the level of their parts with the operator they apply.
func (p *Program) level(env *modEnv, n ast.Node, depth int) int {
	if n == nil || depth > 50 {
		return 0
	}
	if e, ok := n.(ast.Expr); ok {
		if l, ok := p.levelOf(e); ok {
			return p.depsLevel(env, l, depth)
		}
	}
	lv := LevelConstant
	switch x := n.(type) {
	case *ast.SubexprRef:
		// the level of the part selected (the head's when it cannot be
		// resolved here: the error is reported where it is compiled)
		if app := p.trySelApp(env, x); app != nil {
			return p.level(env, app, depth+1)
		}
	case *ast.OpApp:
		if len(x.Prefix) == 0 {
			if d := env.resolve(x.Name); d != nil {
				return p.defLevel(d, depth+1)
			}
		}
		return 0
	case *ast.BoxAction:
		lv = LevelAction
	case *ast.PostfixExpr:
		if x.Op == "'" {
			lv = LevelAction
		}
	case *ast.PrefixExpr:
		switch x.Op {
		case "ENABLED":
			return LevelState
		case "UNCHANGED":
			lv = LevelAction
		case "[]", "<>":
			lv = LevelTemporal
		}
	}
	ast.Inspect(n, func(m ast.Node) bool {
		if m == n {
			return true
		}
		lv = max(lv, p.level(env, m, depth+1))
		return false
	})
	return lv
}

// depsLevel is the level l has in env: raised by the level of the
// definitions env has for the module CONSTANTs l depends on (an INSTANCE's
// substitution, the model's C <- Def), and, when l is state-level only
// through VARIABLEs, that of the VARIABLEs' substitutions instead (an
// INSTANCE may replace them by constants). Parameters count as constant.
func (p *Program) depsLevel(env *modEnv, l analysis.ExprLevel, depth int) int {
	lv := int(l.Level)
	if l.ByVariables {
		lv = LevelConstant
	}
	for _, c := range l.Deps {
		if lv >= LevelTemporal {
			break
		}
		switch {
		case c.Kind == analysis.Constant, c.Kind == analysis.Variable && l.ByVariables:
			if d := env.resolveEnt(c, c.Name); d != nil {
				lv = max(lv, p.defLevel(d, depth+1))
			} else if c.Kind == analysis.Variable {
				lv = max(lv, LevelState)
			}
		}
	}
	return lv
}

// levelOf looks e up in the levels of the modules it may belong to.
func (p *Program) levelOf(e ast.Expr) (analysis.ExprLevel, bool) {
	for _, info := range p.infos {
		if l, ok := info.LevelOf(e); ok {
			return l, true
		}
	}
	return analysis.ExprLevel{}, false
}

// entityOf is the analysis entity a definition's declaring identifier
// declares, or nil.
func (p *Program) entityOf(id *ast.Ident) *analysis.Entity {
	for _, info := range p.infos {
		if e := info.Defs[id]; e != nil {
			return e
		}
	}
	return nil
}

// defLevel is the level of definition d as env sees it: analysis' level of
// the definition (Entity.Level), raised by the module CONSTANTs it depends
// on as level does, and by the model's substitutions Op <- Def of a
// higher level that its body reaches (raisedBy).
func (p *Program) defLevel(d *def, depth int) int {
	switch d.kind {
	case dVar:
		return LevelState
	case dConst, dBuiltin, dModelConst, dInstParam:
		return 0
	case dSubst:
		return p.level(d.senv, d.sexpr, depth)
	}
	var id *ast.Ident
	if d.opdef != nil {
		id = d.opdef.Name
	} else if d.fdef != nil {
		id = d.fdef.Name
	}
	ent := p.entityOf(id)
	if ent == nil || d.levelBusy {
		return 0
	}
	if ent.Kind == analysis.Theorem || ent.Kind == analysis.Assumption {
		return p.level(d.env, d.body, depth)
	}
	d.levelBusy = true
	defer func() { d.levelBusy = false }()
	return max(p.depsLevel(d.env, ent.DefLevel(), depth), p.raisedBy(ent, depth))
}

// raisedBy is the highest level of the model's substitutions Op <- Def
// that raise Op's level (Program.raised) reached by e's body through the
// definitions it uses; 0 when there are none.
func (p *Program) raisedBy(e *analysis.Entity, depth int) int {
	if len(p.raised) == 0 || e == nil {
		return 0
	}
	if l, ok := p.raiseMemo[e]; ok {
		return l
	}
	p.raiseMemo[e] = 0 // a recursive definition: decided by the others
	lv := p.raised[e]
	if e.Module != nil && e.Module.Info != nil && e.Decl != nil && depth < 200 {
		info := e.Module.Info
		ast.Inspect(e.Decl, func(n ast.Node) bool {
			var u *analysis.Entity
			switch x := n.(type) {
			case *ast.OpApp:
				u = info.Uses[x.Name]
			case *ast.Infix, *ast.PrefixExpr, *ast.PostfixExpr:
				u = info.Ops[x.(ast.Expr)]
			}
			if u != nil && u != e && (u.Kind == analysis.Operator || u.Kind == analysis.Function) {
				lv = max(lv, p.raisedBy(u, depth+1))
			}
			return true
		})
	}
	p.raiseMemo[e] = lv
	return lv
}

// findRaised fills Program.raised: the definitions the model's Op <- Def
// or Op <-[Mod] Def replace by a definition of a higher level than
// analysis gave them. Only there does the model change a definition's
// level (a CONSTANT's replacement is followed through its dependencies).
func (p *Program) findRaised() {
	raise := func(orig *def, repl *def) {
		if orig == nil || repl == nil || orig.opdef == nil && orig.fdef == nil {
			return // a built-in operator: constant-level, not followed
		}
		var id *ast.Ident
		if orig.opdef != nil {
			id = orig.opdef.Name
		} else {
			id = orig.fdef.Name
		}
		ent := p.entityOf(id)
		if l := p.defLevel(repl, 0); ent != nil && l > int(ent.Level) {
			if p.raised == nil {
				p.raised, p.raiseMemo = map[*analysis.Entity]int{}, map[*analysis.Entity]int{}
			}
			p.raised[ent] = max(p.raised[ent], l)
		}
	}
	for name, to := range p.substs {
		if !strings.Contains(name, "!") {
			raise(p.Root.defs[name], p.Root.defs[to])
		}
	}
	for _, r := range p.scopedRepl {
		raise(r.orig, p.Root.defs[r.to])
	}
}

// Level returns the level of a definition of the root module.
func (p *Program) Level(name string) int {
	d := p.Root.lookup(name) // a name the configuration (or the caller) gives
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
// [][A]_v and temporal formulas, and reports what TLC cannot handle. init
// is empty and next nil when the specification has none.
func (p *Program) SpecParts(name string) (init []ExprIn, next *ExprIn, sub *ExprIn, other []ExprIn, err error) {
	d := p.Root.lookup(name) // a name the configuration (or the caller) gives
	if d == nil || d.kind != dOp || d.body == nil {
		return nil, nil, nil, nil, NotDefined("name", name)
	}
	w := &specWalk{p: p}
	if err := w.run(d, name, w.spec); err != nil {
		return nil, nil, nil, nil, err
	}
	// a missing initial predicate or next-state relation is an error only
	// when something needs it (the caller decides, as TLC's processConfig)
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
	// inInst: the walk went through a definition of an instantiated
	// module (TLC's substitutions are then in effect)
	inInst bool
}

// NamedPart is a part of a PROPERTY with the name TLC reports it by.
type NamedPart struct {
	Name string
	ExprIn
}

func (w *specWalk) run(d *def, name string, walk func(t Term, name string, depth int)) (err error) {
	defer Catch(&err)
	t := w.p.TermOf(ExprIn{E: d.body, env: d.env, Loc: &Loc{File: d.loc.File, Span: d.body.Pos()}})
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
	case *ast.SubexprRef:
		return w.through(t.Sub(w.p.selApp(t.sc, x)), name)
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
		if _, param := t.macros[w.p.declOf(x.Name)]; x.Args != nil || !param || len(x.Prefix) > 0 {
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
			if d := t.sc.env.resolveOp(x, x.Op); d == nil || d.kind == dBuiltin {
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
	in = &Init{fs: fs, a: conj(acts)}
	if len(parts) == 1 && parts[0].Loc != nil {
		// its coverage is of the definition the part names (TLC's Init)
		in.expr, in.env, in.file = parts[0].E, parts[0].env, parts[0].Loc.File
		if t := parts[0].t; t != nil {
			in.expr, in.env = t.leaf(), t.sc.env
		}
		if x, ok := parts[0].E.(*ast.OpApp); ok && x.Args == nil && len(x.Prefix) == 0 && in.env != nil {
			if d := in.env.resolve(x.Name); d != nil && d.kind == dOp && d.body != nil && d.loc != nil {
				in.expr, in.env, in.file = d.body, d.env, d.loc.File
			}
		}
	}
	return in, nil
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
// Defines tells whether the root module defines or declares name.
func (p *Program) Defines(name string) bool { return p.Root.lookup(name) != nil }

// module, as an expression to compile.
func (p *Program) DefExpr(name string) (ExprIn, error) {
	d := p.Root.lookup(name) // a name the configuration (or the caller) gives
	if d == nil {
		return ExprIn{}, &Error{Msg: "the operator " + name + " is not defined in the specification", Kind: ErrCompile}
	}
	if d.kind == dOp && len(d.params) == 0 && d.body != nil {
		return ExprIn{E: d.body, env: d.env, Loc: &Loc{File: d.loc.File, Span: d.body.Pos()}}, nil
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
	mark := c.frames.mark() // a frame of the stack when nothing keeps it
	defer c.frames.release(mark)
	return pr.e(c, c.frames.frameFor(pr.fs)), nil
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
	d := p.Root.lookup(name) // a name the configuration (or the caller) gives
	if d == nil || d.kind != dOp || d.body == nil {
		return parts, NotDefined("property", name)
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
	if b, bname, ok := w.through(t, name); ok {
		inInst := w.inInst || b.sc.env.parent != nil
		if !appliedWithArgs(t.E) {
			saved := w.inInst
			w.inInst = inInst
			w.prop(b, bname, depth+1)
			w.inInst = saved
			return
		}
		// TLC looks into an operator applied to arguments only outside
		// instantiated modules, and only when what it finds there has no
		// temporal part; otherwise the application is one temporal
		// property, by the name it was reached with.
		if !w.inInst {
			sub := &specWalk{p: p, inInst: inInst}
			sub.prop(b, bname, depth+1)
			if len(sub.props[3]) == 0 {
				for k := range w.props {
					w.props[k] = append(w.props[k], sub.props[k]...)
				}
				return
			}
		}
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

// appliedWithArgs reports whether e applies an operator to arguments
// (its own or its instance's).
func appliedWithArgs(e ast.Expr) bool {
	x, ok := e.(*ast.OpApp)
	if !ok {
		return false
	}
	if x.Args != nil {
		return true
	}
	for _, pp := range x.Prefix {
		if pp.Args != nil {
			return true
		}
	}
	return false
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
