package analysis

import (
	"reflect"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// Levels follow SANY's LevelNode in simplified form. While analysing a
// definition, every expression gets an lv: the level it has when all the
// definition's parameters are constant, plus the parameters (and the module
// CONSTANTs, which an INSTANCE may replace) whose level flows into it. A
// definition keeps, per parameter, whether its level follows that
// argument's and the highest level an argument may have; an application
// combines both with the arguments' levels.

// lv is the level of an expression and what it depends on.
type lv struct {
	L    Level
	deps []*Entity // Param and Constant entities whose actual level raises L
	// byVars, recorded only for Loader.RecordLevels: L is StateLevel only
	// through the module VARIABLEs among deps (listed only then), so an
	// INSTANCE that substitutes them by constants makes it constant, as
	// SANY's level of an instantiated definition.
	byVars bool
}

func (a lv) has(e *Entity) bool {
	for _, d := range a.deps {
		if d == e {
			return true
		}
	}
	return false
}

func (a lv) join(b lv) lv {
	l := max(a.L, b.L)
	a.byVars = l == StateLevel && (a.L < StateLevel || a.byVars) && (b.L < StateLevel || b.byVars)
	a.L = l
	if len(b.deps) == 0 {
		return a
	}
	if len(a.deps) == 0 {
		a.deps = b.deps
		return a
	}
	var out []*Entity // a.deps and what b adds; a.deps itself (shared) when b adds nothing
	for _, d := range b.deps {
		if !a.has(d) {
			if out == nil {
				out = append(make([]*Entity, 0, len(a.deps)+len(b.deps)), a.deps...)
			}
			out = append(out, d)
		}
	}
	if out != nil {
		a.deps = out
	}
	return a
}

func joinAll(ls []lv) lv {
	var out lv
	for _, l := range ls {
		out = out.join(l)
	}
	return out
}

// constrain checks that a has at most level max, reporting msg at span
// otherwise, and records max for every parameter a depends on, so that
// applications of the enclosing definition are checked too.
func (r *resolver) constrain(a lv, max Level, span source.Span, format string, args ...any) bool {
	r.limitParams(a, max)
	if a.L > max {
		r.errorf(span, "level", format, args...)
		return false
	}
	return true
}

// limitParams records that the parameters a depends on may have at most
// level max.
func (r *resolver) limitParams(a lv, max Level) {
	for _, d := range a.deps {
		if d.Kind == Param && (!d.argMaxSet || max < d.argMax) {
			d.argMax, d.argMaxSet = max, true
		}
	}
}

// isConstant reports whether a is constant whatever the parameters are.
func (a lv) isConstant() bool { return a.L == ConstantLevel && len(a.deps) == 0 }

// builtinLevel computes the level of a built-in operator application and
// reports SANY's level errors.
func (r *resolver) builtinLevel(op string, node ast.Expr, args []lv, argNodes []ast.Expr) lv {
	span := node.Pos()
	switch op {
	case "'", "ENABLED", "UNCHANGED":
		r.markNonLeibniz(args[0])
	}
	switch op {
	case "'":
		a := args[0]
		switch {
		case a.L == ActionLevel:
			r.errorf(span, "level", "double prime: `'` is applied to an action-level expression")
		case a.L == TemporalLevel:
			r.errorf(span, "level", "`'` is applied to a temporal formula")
		default:
			r.constrain(a, StateLevel, span, "")
		}
		if a.isConstant() {
			return lv{}
		}
		return lv{L: ActionLevel, deps: a.deps}
	case "UNCHANGED":
		r.constrain(args[0], StateLevel, span, "UNCHANGED requires an expression of at most state level, but this one has %s level", args[0].L)
		if args[0].isConstant() {
			return lv{}
		}
		return lv{L: ActionLevel, deps: args[0].deps}
	case "ENABLED":
		r.constrain(args[0], ActionLevel, span, "ENABLED requires an action, but is applied to a %s formula", args[0].L)
		if args[0].isConstant() {
			return lv{}
		}
		// State level whatever the level of the action: E(A) == ENABLED A
		// applied to an action is a state predicate.
		return lv{L: StateLevel}
	case "[]", "<>":
		a := args[0]
		if a.L == ActionLevel {
			arg := ast.Unparen(argNodes[0])
			ba, ok := arg.(*ast.BoxAction)
			if op == "[]" && (!ok || ba.Angle) {
				r.errorf(span, "level", "[] followed by an action not of the form [A]_v")
			}
			if op == "<>" && (!ok || !ba.Angle) {
				r.errorf(span, "level", "<> followed by an action not of the form <<A>>_v")
			}
		}
		return lv{L: TemporalLevel, deps: a.deps}
	case "~>", "-+->":
		if args[0].L == ActionLevel || args[1].L == ActionLevel {
			r.errorf(span, "level", "action used where only a temporal formula or state predicate is allowed (%s)", op)
		}
		return lv{L: TemporalLevel, deps: joinAll(args).deps}
	case `/\`, `\/`, "=>", "<=>":
		r.checkMix(args, span, op)
	case "=", "/=", "\\in", "\\notin", "\\subseteq", "\\", "\\cap", "\\cup", "SUBSET", "UNION", "DOMAIN", "\\cdot":
		return r.atMostAction(joinAll(args), node, "`"+op+"`")
	}
	return joinAll(args)
}

// atMostAction reports, as SANY's table of built-in operators does, a
// temporal formula as an argument of an operator or construct whose
// arguments may be actions at most (sets, tuples, CHOOSE, =, \in, ...).
func (r *resolver) atMostAction(a lv, node ast.Node, what string) lv {
	r.constrain(a, ActionLevel, node.Pos(), "%s may not have a temporal formula as an argument", what)
	return a
}

// checkMix reports a boolean operator combining an action and a temporal
// formula, which is not a TLA formula.
func (r *resolver) checkMix(args []lv, span source.Span, op string) {
	var temporal, action bool
	for _, a := range args {
		temporal = temporal || a.L == TemporalLevel
		action = action || a.L == ActionLevel
	}
	if temporal && action {
		r.errorf(span, "level", "%s has both a temporal formula and an action as arguments", op)
	}
}

// apply computes the level of a reference to e with argument levels args.
func (r *resolver) apply(e *Entity, inst *instance, args []lv, argNodes []ast.Expr) lv {
	switch e.Kind {
	case Variable, PlusCalVar:
		if e.Kind == Variable && r.info.recordLevels {
			return lv{L: StateLevel, deps: e.asDeps(), byVars: true}
		}
		return lv{L: StateLevel}
	case Constant:
		res := lv{deps: e.asDeps()}
		if inst != nil {
			if s, ok := inst.subst[e]; ok {
				res = s
			}
		}
		return res.join(joinAll(args))
	case Param:
		for i, a := range args {
			if a.L > ConstantLevel {
				r.needArgLevel(e, i, a.L)
			}
		}
		return lv{deps: e.asDeps()}.join(joinAll(args))
	case Builtin, ModuleInst, PlusCalLabel, PlusCalProc, PlusCalMacro:
		return joinAll(args)
	case BoundVar, ProofDecl, PlusCalSelf:
		return lv{L: e.Level}.join(joinAll(args))
	}
	if !e.levelDone { // a RECURSIVE operator used inside its own definition
		return joinAll(args)
	}
	res := lv{L: e.Level, byVars: e.levelByVars}
	for _, d := range e.freeDeps {
		if s, ok := substOf(inst, d); ok {
			res = res.join(s)
		} else {
			res = res.join(lv{deps: d.asDeps()})
		}
	}
	for i, a := range args {
		if i >= len(e.params) {
			break
		}
		if i < len(argNodes) && argNodes[i] != nil {
			// constrain, without boxing the message arguments on every
			// application.
			max := e.params[i].maxLevel
			r.limitParams(a, max)
			if a.L > max {
				r.errorf(argNodes[i].Pos(), "level", "argument %d of `%s` may have at most %s level, but has %s level", i+1, e.Name, max, a.L)
			}
		}
		if e.params[i].dependsLevel {
			res = res.join(a)
		}
		if e.params[i].nonLeibniz {
			r.markNonLeibniz(a)
		}
	}
	return res
}

func substOf(inst *instance, d *Entity) (lv, bool) {
	if inst == nil {
		return lv{}, false
	}
	s, ok := inst.subst[d]
	return s, ok
}

// needArgLevel records that operator parameter p is applied to an argument
// i of level l: the operator passed for p must permit it.
func (r *resolver) needArgLevel(p *Entity, i int, l Level) {
	if p.Arity <= i {
		return
	}
	if r.argMins == nil {
		r.argMins = map[*Entity][]Level{}
	}
	m := r.argMins[p]
	if m == nil {
		m = make([]Level, p.Arity)
		r.argMins[p] = m
	}
	m[i] = max(m[i], l)
}

// checkArgLevels checks the operators passed to the operator parameters of
// callee against the levels its body applies them to (SANY's
// ArgLevelConstraints), at the application app.
func (r *resolver) checkArgLevels(callee *Entity, args []ast.Expr, app source.Span) {
	for j, ps := range callee.params {
		if ps.argMin == nil || j >= len(args) || args[j] == nil {
			continue
		}
		var permitted func(i int) (Level, bool)
		name := ""
		switch x := ast.Unparen(args[j]).(type) {
		case *ast.OpApp:
			ent := r.info.Uses[x.Name]
			if ent == nil || x.Args != nil {
				continue
			}
			if ent.Kind == Param {
				// Passed on: the enclosing definition's parameter inherits
				// the need.
				for i, l := range ps.argMin {
					if l > ConstantLevel {
						r.needArgLevel(ent, i, l)
					}
				}
				continue
			}
			if ent.Kind != Operator || !ent.levelDone {
				continue
			}
			name = "`" + ent.Name + "`"
			permitted = func(i int) (Level, bool) {
				if i >= len(ent.params) {
					return 0, false
				}
				return ent.params[i].maxLevel, true
			}
		case *ast.Lambda:
			name = "the LAMBDA"
			permitted = func(i int) (Level, bool) {
				if i >= len(x.Params) || x.Params[i] == nil {
					return 0, false
				}
				p := r.info.Defs[x.Params[i]]
				if p == nil || !p.argMaxSet {
					return TemporalLevel, p != nil
				}
				return p.argMax, true
			}
		default:
			continue
		}
		for i, need := range ps.argMin {
			if got, ok := permitted(i); ok && got < need {
				r.errorf(app, "level", "level error in applying `%s`: argument %d of its operator argument %d must permit %s level, but %s permits at most %s level", callee.Name, i+1, j+1, need, name, got)
			}
		}
	}
}

// markNonLeibniz marks the parameters a depends on as used at a non-Leibniz
// position.
func (r *resolver) markNonLeibniz(a lv) {
	for _, d := range a.deps {
		if d.Kind == Param {
			d.nonLeibniz = true
		}
	}
}

// nonLeibnizOp reports whether the operator named by x (a definition, an
// instantiated one, or a LAMBDA) is non-Leibniz in some argument. An
// instance in x's prefix given no arguments contributes its parameters.
func (r *resolver) nonLeibnizOp(x ast.Expr) bool {
	switch x := ast.Unparen(x).(type) {
	case *ast.OpApp:
		if x.Args != nil {
			return false
		}
		for _, p := range x.Prefix {
			if p == nil || p.Args != nil {
				continue
			}
			if ent := r.info.Uses[p.Name]; ent != nil && ent.Kind == ModuleInst && anyNonLeibniz(ent.params) {
				return true
			}
		}
		ent := r.info.Uses[x.Name]
		return ent != nil && ent.Kind == Operator && anyNonLeibniz(ent.params)
	case *ast.Lambda:
		for _, id := range x.Params {
			if p := r.info.Defs[id]; p != nil && p.nonLeibniz {
				return true
			}
		}
	}
	return false
}

func anyNonLeibniz(ps []paramInfo) bool {
	for _, p := range ps {
		if p.nonLeibniz {
			return true
		}
	}
	return false
}

// checkInstanceArgLevels checks I(args)!Op, I(p) == INSTANCE M WITH c <- e:
// where Op's body (or a definition it uses) requires a CONSTANT or
// VARIABLE c of M to have at most some level (primed, UNCHANGED, a
// subscript, ENABLED), the arguments that e depends on through I's
// parameters must not exceed it (SANY's level check of I!Op).
func (r *resolver) checkInstanceArgLevels(app *ast.OpApp, instEnt *Entity, inst *instance, args []lv, op *Entity) {
	md, ok := instEnt.Decl.(*ast.ModuleDef)
	if !ok || instEnt.Module == nil || instEnt.Module.Info == nil {
		return
	}
	high := false
	for _, a := range args {
		high = high || a.L > ConstantLevel
	}
	if !high {
		return
	}
	index := map[*Entity]int{}
	for k, p := range md.Params {
		if p != nil && p.Name != nil {
			if pe := instEnt.Module.Info.Defs[p.Name]; pe != nil {
				index[pe] = k
			}
		}
	}
	for c, limit := range declLimits(op, map[*Entity]map[*Entity]Level{}) {
		for _, d := range inst.subst[c].deps {
			k, ok := index[d]
			if ok && k < len(args) && args[k].L > limit {
				r.errorf(app.Span, "level", "level error in applying `%s!%s`: argument %d may have at most %s level (it replaces `%s`), but has %s level", instEnt.Name, op.Name, k+1, limit, c.Name, args[k].L)
			}
		}
	}
}

// declLimits is, for the definition def, the highest level each CONSTANT
// or VARIABLE of its module may have where def (and the definitions of the
// module it uses) mentions it. memo holds the definitions done or under way.
func declLimits(def *Entity, memo map[*Entity]map[*Entity]Level) map[*Entity]Level {
	if out, ok := memo[def]; ok {
		return out
	}
	out := map[*Entity]Level{}
	memo[def] = out
	if def.Module == nil || def.Module.Info == nil || def.Decl == nil {
		return out
	}
	uses := def.Module.Info.Uses
	limit := func(e *Entity, l Level) {
		if old, ok := out[e]; !ok || l < old {
			out[e] = l
		}
	}
	var walk func(n ast.Node, ctx Level)
	walk = func(n ast.Node, ctx Level) {
		if isNilNode(n) {
			return
		}
		switch x := n.(type) {
		case *ast.PostfixExpr:
			if x.Op == "'" {
				walk(x.X, min(ctx, StateLevel))
				return
			}
		case *ast.PrefixExpr:
			switch x.Op {
			case "UNCHANGED":
				walk(x.X, min(ctx, StateLevel))
				return
			case "ENABLED":
				walk(x.X, min(ctx, ActionLevel))
				return
			}
		case *ast.BoxAction:
			walk(x.Action, min(ctx, ActionLevel))
			walk(x.Sub, min(ctx, StateLevel))
			return
		case *ast.Fairness:
			walk(x.Action, min(ctx, ActionLevel))
			walk(x.Sub, min(ctx, StateLevel))
			return
		case *ast.OpApp:
			ent := uses[x.Name]
			if ent != nil && len(x.Prefix) == 0 {
				switch {
				case (ent.Kind == Variable || ent.Kind == Constant) && ent.Arity == 0:
					if ctx < TemporalLevel {
						limit(ent, ctx)
					}
				case ent.Kind == Operator && ent.Module == def.Module && ent != def:
					for c, l := range declLimits(ent, memo) {
						limit(c, min(ctx, l))
					}
					for i, a := range x.Args {
						m := ctx
						if i < len(ent.params) {
							m = min(m, ent.params[i].maxLevel)
						}
						walk(a, m)
					}
					return
				}
			}
		}
		for _, c := range ast.Children(n) {
			walk(c, ctx)
		}
	}
	switch d := def.Decl.(type) {
	case *ast.OpDef:
		walk(d.Body, TemporalLevel)
	case *ast.Theorem:
		walk(d.Body, TemporalLevel)
	case *ast.Assume:
		walk(d.Expr, TemporalLevel)
	}
	return out
}

// isNilNode reports a nil node, typed or not.
func isNilNode(n ast.Node) bool {
	if n == nil {
		return true
	}
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}
