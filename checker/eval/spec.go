package eval

import (
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
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
				up(LevelState)
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

// conjuncts flattens e's conjunction, unfolding zero-arity definitions.
func (p *Program) conjuncts(env *modEnv, file *source.File, e ast.Expr, out *[]ExprIn, depth int) {
	switch x := e.(type) {
	case *ast.Paren:
		p.conjuncts(env, file, x.X, out, depth)
		return
	case *ast.Junction:
		if !x.Or {
			for _, it := range x.Items {
				p.conjuncts(env, file, it, out, depth)
			}
			return
		}
	case *ast.Infix:
		if x.Op == "/\\" {
			p.conjuncts(env, file, x.X, out, depth)
			p.conjuncts(env, file, x.Y, out, depth)
			return
		}
	case *ast.OpApp:
		if x.Args == nil && len(x.Prefix) == 0 && depth < 20 {
			if d := env.lookup(x.Name.Name); d != nil && d.kind == dOp && len(d.params) == 0 && d.body != nil {
				if p.level(d.env, d.body, 0) == LevelTemporal {
					p.conjuncts(d.env, d.loc.File, d.body, out, depth+1)
					return
				}
			}
		}
	}
	*out = append(*out, ExprIn{E: e, env: env, Loc: &Loc{file, e.Pos()}})
}

// SpecParts splits the specification named name into its initial
// predicate(s), next-state relation and other (temporal) conjuncts.
func (p *Program) SpecParts(name string) (init []ExprIn, next *ExprIn, sub *ExprIn, other []ExprIn, err error) {
	d := p.Root.lookup(name)
	if d == nil || d.kind != dOp || d.body == nil {
		return nil, nil, nil, nil, &Error{Msg: "the specification " + name + " is not defined", Kind: ErrCompile}
	}
	var cs []ExprIn
	p.conjuncts(d.env, d.loc.File, d.body, &cs, 0)
	for _, c := range cs {
		e := ast.Unparen(c.E)
		if pf, ok := e.(*ast.PrefixExpr); ok && pf.Op == "[]" {
			inner := ast.Unparen(pf.X)
			if ba, ok := inner.(*ast.BoxAction); ok && !ba.Angle && next == nil {
				next = &ExprIn{E: ba.Action, env: c.env, Loc: &Loc{c.Loc.File, ba.Action.Pos()}}
				sub = &ExprIn{E: ba.Sub, env: c.env, Loc: &Loc{c.Loc.File, ba.Sub.Pos()}}
				continue
			}
		}
		if p.level(c.env, c.E, 0) <= LevelState {
			init = append(init, c)
			continue
		}
		other = append(other, c)
	}
	if len(init) == 0 || next == nil {
		return init, next, sub, other, &Error{Loc: d.loc, Msg: "cannot find the initial predicate and the next-state relation [][Next]_vars in the specification " + name, Kind: ErrCompile}
	}
	return init, next, sub, other, nil
}

// CompileInitParts compiles a conjunction of initial predicates.
func (p *Program) CompileInitParts(parts []ExprIn) (in *Init, err error) {
	defer Catch(&err)
	fs := &fscope{}
	var acts []act
	for _, pt := range parts {
		acts = append(acts, p.compileAct(cscope{env: pt.env, fs: fs, file: pt.Loc.File}, pt.E, actMode{init: true}))
	}
	return &Init{fs: fs, a: conj(acts)}, nil
}

// SplitNextIn splits a next-state expression into actions.
func (p *Program) SplitNextIn(e ExprIn) ([]*Action, error) {
	return p.SplitNextExpr(e.E, e.env, e.Loc.File, "")
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
	d := p.Root.lookup(name)
	if d == nil || d.kind != dOp || d.body == nil {
		return nil, nil, nil, nil, &Error{Msg: "the property " + name + " is not defined", Kind: ErrCompile}
	}
	var cs []ExprIn
	p.conjuncts(d.env, d.loc.File, d.body, &cs, 0)
	for _, c := range cs {
		lv := p.level(c.env, c.E, 0)
		if lv <= LevelState {
			inits = append(inits, c)
			continue
		}
		e := ast.Unparen(c.E)
		if pf, ok := e.(*ast.PrefixExpr); ok && pf.Op == "[]" {
			inner := ast.Unparen(pf.X)
			if ba, ok := inner.(*ast.BoxAction); ok && !ba.Angle {
				acts = append(acts, ExprIn{E: ba, env: c.env, Loc: c.Loc})
				continue
			}
			if p.level(c.env, inner, 0) <= LevelState {
				invs = append(invs, ExprIn{E: inner, env: c.env, Loc: c.Loc})
				continue
			}
		}
		temporal = append(temporal, c)
	}
	return
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
