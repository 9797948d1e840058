package analysis

import (
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// expr resolves the names in e, records its level and returns it.
func (r *resolver) expr(e ast.Expr) lv {
	if e == nil {
		return lv{}
	}
	l := r.expr1(e)
	if _, ok := e.(*ast.OpApp); !ok { // opApp recorded it
		r.info.setLevel(e, l)
	}
	return l
}

func (r *resolver) exprs(es []ast.Expr) lv {
	var out lv
	for _, e := range es {
		out = out.join(r.expr(e))
	}
	return out
}

func (r *resolver) expr1(e ast.Expr) lv {
	switch e := e.(type) {
	case *ast.OpApp:
		return r.opApp(e, wantValue)
	case *ast.Infix:
		r.precedenceConflict(e)
		return r.operator(e, e.Op, e.OpAt, []ast.Expr{e.X, e.Y})
	case *ast.PrefixExpr:
		r.precedenceConflict(e)
		return r.operator(e, e.Op, e.OpAt, []ast.Expr{e.X})
	case *ast.PostfixExpr:
		r.precedenceConflict(e)
		return r.operator(e, e.Op, e.OpAt, []ast.Expr{e.X})
	case *ast.Product:
		r.precedenceConflict(e)
		return r.atMostAction(r.exprs(e.Sets), e, "\\X")
	case *ast.Number, *ast.String, *ast.Bool, *ast.At, *ast.StepRef, *ast.BadExpr:
		return lv{}
	case *ast.Paren:
		return r.expr(e.X)
	case *ast.Quant:
		// The sets one by one: their levels are checked below.
		var sets lv
		setLevels := make([]Level, len(e.Bounds))
		for i, b := range e.Bounds {
			if b != nil && b.Set != nil {
				l := r.expr(b.Set)
				setLevels[i] = l.L
				sets = sets.join(l)
			}
		}
		saved := r.scope
		r.scope = newScope(saved)
		temporal := e.Kind == ast.TemporalForall || e.Kind == ast.TemporalExists
		bvLevel := ConstantLevel
		if temporal {
			bvLevel = StateLevel
		}
		r.bindBounds(e.Bounds, bvLevel)
		body := r.expr(e.Body)
		r.scope = saved
		res := sets.join(body)
		if temporal {
			res.L = TemporalLevel
		} else if res.L == TemporalLevel {
			for i, b := range e.Bounds {
				if b != nil && b.Set != nil && setLevels[i] == ActionLevel {
					r.errorf(b.Set.Pos(), "level", "action-level bound of a quantified temporal formula")
				}
			}
		}
		return res
	case *ast.Choose:
		return r.atMostAction(r.binder([]*ast.Bound{e.Bound}, e.Body), e, "CHOOSE")
	case *ast.SetFilter:
		return r.atMostAction(r.binder([]*ast.Bound{e.Bound}, e.Pred), e, "a set filter {x \\in S : P}")
	case *ast.SetMap:
		return r.atMostAction(r.binder(e.Bounds, e.Elem), e, "a set {e : x \\in S}")
	case *ast.FuncLit:
		return r.binder(e.Bounds, e.Body)
	case *ast.SetEnum:
		return r.atMostAction(r.exprs(e.Elems), e, "a set {...}")
	case *ast.FuncApp:
		return r.atMostAction(r.expr(e.Fn).join(r.exprs(e.Args)), e, "function application")
	case *ast.FuncSet:
		return r.atMostAction(r.expr(e.Domain).join(r.expr(e.Range)), e, "a function set [S -> T]")
	case *ast.Record:
		return r.fields(e.Fields)
	case *ast.RecordSet:
		return r.atMostAction(r.fields(e.Fields), e, "a record set")
	case *ast.Select:
		return r.atMostAction(r.expr(e.Rec), e, "a record field") // field names are not resolved
	case *ast.Except:
		l := r.expr(e.Fn)
		for _, u := range e.Updates {
			if u == nil {
				continue
			}
			for _, p := range u.Path {
				if p != nil {
					l = l.join(r.exprs(p.Index))
				}
			}
			l = l.join(r.expr(u.Val))
		}
		return r.atMostAction(l, e, "EXCEPT")
	case *ast.Tuple:
		return r.atMostAction(r.exprs(e.Elems), e, "a tuple <<...>>")
	case *ast.If:
		return r.expr(e.Cond).join(r.expr(e.Then)).join(r.expr(e.Else))
	case *ast.Case:
		var l lv
		for _, a := range e.Arms {
			if a != nil {
				l = l.join(r.expr(a.Cond)).join(r.expr(a.Val))
			}
		}
		return l.join(r.expr(e.Other))
	case *ast.Let:
		saved, savedLater := r.scope, r.later
		r.scope = newScope(saved)
		r.later = &laterNames{outer: savedLater}
		for _, d := range e.Defs {
			r.prescan(d)
		}
		for _, d := range e.Defs {
			r.unit(d)
		}
		r.undefinedRecursive()
		l := r.expr(e.Body)
		r.scope, r.later = saved, savedLater
		return l
	case *ast.Junction:
		ls := make([]lv, 0, len(e.Items))
		for _, it := range e.Items {
			ls = append(ls, r.expr(it))
		}
		op := "conjunction list"
		if e.Or {
			op = "disjunction list"
		}
		r.checkMix(ls, e.Span, op)
		return joinAll(ls)
	case *ast.Lambda:
		// A LAMBDA outside an operator argument: resolve it anyway.
		return r.lambda(e)
	case *ast.Labeled:
		for _, id := range e.Params {
			if b := r.scope.lookup(id.Name); b != nil {
				r.info.Uses[id] = b.ent
			}
		}
		return r.expr(e.Body)
	case *ast.BoxAction:
		a := r.expr(e.Action)
		sub := r.expr(e.Sub)
		if e.Action != nil {
			r.constrain(a, ActionLevel, e.Action.Pos(), "the action of %s has %s level", boxName(e), a.L)
		}
		if e.Sub != nil {
			r.constrain(sub, StateLevel, e.Sub.Pos(), "the subscript of %s must have at most state level, but has %s level", boxName(e), sub.L)
		}
		return lv{L: ActionLevel, deps: a.join(sub).deps}
	case *ast.Fairness:
		sub := r.expr(e.Sub)
		a := r.expr(e.Action)
		name := "WF"
		if e.Strong {
			name = "SF"
		}
		if e.Sub != nil {
			r.constrain(sub, StateLevel, e.Sub.Pos(), "the subscript of %s_v must have at most state level, but has %s level", name, sub.L)
		}
		if e.Action != nil {
			r.constrain(a, ActionLevel, e.Action.Pos(), "the action of %s_v must have at most action level, but has %s level", name, a.L)
		}
		return lv{L: TemporalLevel, deps: a.join(sub).deps}
	case *ast.SubexprRef:
		// The level of the part selected is not computed: it may be
		// below the definition's (`N!1` of N == [A]_v is A), so it is
		// taken as constant rather than risk a false level error.
		if e.Head != nil {
			r.opApp(e.Head, wantAny)
			// the names among its steps (`Op!@!++`, `Op(1)!(2)!lab`)
			// must be labels or LET definitions of the definition
			// selected from, as SANY requires
			ids := []*ast.Ident{e.Head.Name}
			for i := len(e.Head.Prefix) - 1; i >= 0; i-- {
				if p := e.Head.Prefix[i]; p != nil {
					ids = append(ids, p.Name) // `Op(1)!lab(2)!:!++`: Op
				}
			}
			var ent *Entity
			for _, id := range ids {
				if u := r.info.Uses[id]; u != nil && selectable(u.Kind) {
					ent = u
				}
			}
			if ent != nil {
				for _, s := range e.Sels {
					if s.Kind == ast.SelName {
						r.selectors(ent, nil, s.Name)
					}
				}
			}
		}
		for _, s := range e.Sels {
			r.exprs(s.Args)
		}
		return lv{}
	case *ast.AssumeProve:
		saved := r.scope
		r.scope = newScope(saved)
		l := r.assumeProve(e)
		r.scope = saved
		return l
	}
	return lv{}
}

func boxName(b *ast.BoxAction) string {
	if b.Angle {
		return "<<A>>_v"
	}
	return "[A]_v"
}

func (r *resolver) fields(fs []*ast.Field) lv {
	var l lv
	for i, f := range fs {
		if f == nil {
			continue
		}
		l = l.join(r.expr(f.Expr))
		if f.Name == nil {
			continue
		}
		for _, g := range fs[:i] {
			if g != nil && g.Name != nil && g.Name.Name == f.Name.Name {
				r.errorf(f.Name.Span, "record", "field `%s` appears twice in the record constructor", f.Name.Name)
				break
			}
		}
	}
	r.records = append(r.records, fs)
	return l
}

// fieldNameClashes warns, as SANY's linter does
// (RECORD_CONSTRUCTOR_FIELD_NAME_CLASH), about each field of a record or
// record-set constructor named like a definition or declaration of the
// module (its own, before or after the constructor, or imported): the
// field is the string, not that definition's value, which a writer of
// [Proc |-> ...] may have meant. As SANY, it keeps silent about a
// constructor one of whose fields is given a value built from a
// declaration (a CONSTANT, VARIABLE, parameter or bound variable, BOOLEAN,
// Int or Nat, directly or through definitions), or that has the fields of
// such a constructor of the module or of a module it extends: the writer
// then knows fields from names ([x |-> x]).
func (r *resolver) fieldNameClashes() {
	r.m.records = r.records
	if len(r.records) == 0 {
		return
	}
	var all [][]*ast.Field
	seen := map[*Module]bool{}
	var ext func(m *Module)
	ext = func(m *Module) {
		for _, e := range m.Extends {
			if !seen[e] {
				seen[e] = true
				all = append(all, e.records...)
				ext(e)
			}
		}
	}
	ext(r.m)
	all = append(all, r.records...)
	built := map[*ast.Field]bool{}
	isBuilt := func(fs []*ast.Field) bool {
		for _, f := range fs {
			if f == nil || f.Expr == nil {
				continue
			}
			v, ok := built[f]
			if !ok {
				v = builtFromDecls(r.info, f.Expr, map[*Entity]bool{})
				built[f] = v
			}
			if v {
				return true
			}
		}
		return false
	}
	for _, fs := range r.records {
		quiet := isBuilt(fs)
		for _, o := range all {
			if quiet {
				break
			}
			quiet = sameFields(o, fs) && isBuilt(o)
		}
		if quiet {
			continue
		}
		for _, f := range fs {
			if f != nil && f.Name != nil {
				r.fieldNameClash(f.Name)
			}
		}
	}
}

// sameFields reports whether two constructors have the same field names.
func sameFields(a, b []*ast.Field) bool {
	if len(a) != len(b) {
		return false
	}
next:
	for _, f := range a {
		for _, g := range b {
			if f != nil && g != nil && f.Name != nil && g.Name != nil && f.Name.Name == g.Name.Name {
				continue next
			}
		}
		return false
	}
	return true
}

// builtFromDecls reports whether e (resolved in info) uses a declaration
// (see fieldNameClashes), following the definitions it uses.
func builtFromDecls(info *Info, e ast.Node, visiting map[*Entity]bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		app, ok := n.(*ast.OpApp)
		if !ok || app.Name == nil {
			return true
		}
		ent := info.Uses[app.Name]
		if ent == nil {
			if app.Name.Name == "BOOLEAN" {
				found = true
			}
			return true
		}
		switch ent.Kind {
		case Constant, Variable, Param, BoundVar, ProofDecl, PlusCalVar:
			found = true
		case Builtin:
			found = ent.Name == "BOOLEAN"
		case Operator, Function:
			if ent.Module != nil && (ent.Name == "Int" && ent.Module.Name == "Integers" || ent.Name == "Nat" && ent.Module.Name == "Naturals") {
				found = true
				break
			}
			if visiting[ent] || ent.Module == nil || ent.Module.Info == nil {
				break
			}
			visiting[ent] = true
			switch d := ent.Decl.(type) {
			case *ast.OpDef:
				found = d.Body != nil && builtFromDecls(ent.Module.Info, d.Body, visiting)
			case *ast.FuncDef:
				found = builtFromDecls(ent.Module.Info, d, visiting)
			}
		}
		return !found
	})
	return found
}

func (r *resolver) fieldNameClash(name *ast.Ident) {
	b := r.modScope.get(name.Name)
	if b == nil || b.ent == nil {
		return
	}
	switch b.ent.Kind {
	case Constant, Variable, Operator, Function, ModuleInst, Theorem, Assumption:
	default:
		return
	}
	d := r.errorf(name.Span, "record-field-name", "the field name `%s` is also the name of a %s: the field is the string \"%s\", not its value (DOMAIN [%s |-> ...] = {\"%s\"})",
		name.Name, kindNoun(b.ent.Kind), name.Name, name.Name, name.Name)
	d.Severity = Warning
	relate(d, b.ent, "`"+name.Name+"` is defined here")
}

// kindNoun names an entity kind in a message.
func kindNoun(k EntityKind) string {
	switch k {
	case Constant:
		return "constant"
	case Variable:
		return "variable"
	case ModuleInst:
		return "module instance"
	case Theorem, Assumption:
		return "theorem or assumption"
	}
	return "definition"
}

// binder handles CHOOSE, set constructors and function constructors: the
// bound sets are resolved outside, the body with the names bound.
func (r *resolver) binder(bs []*ast.Bound, body ast.Expr) lv {
	sets := r.boundSets(bs)
	saved := r.scope
	r.scope = newScope(saved)
	r.bindBounds(bs, ConstantLevel)
	l := r.expr(body)
	r.scope = saved
	return sets.join(l)
}

// boundSets resolves the sets of bounds in the current scope: as in SANY,
// no bound name is visible in any of the sets.
func (r *resolver) boundSets(bs []*ast.Bound) lv {
	var l lv
	for _, b := range bs {
		if b != nil && b.Set != nil {
			l = l.join(r.expr(b.Set))
		}
	}
	return l
}

func (r *resolver) bindBounds(bs []*ast.Bound, level Level) {
	for _, b := range bs {
		if b == nil {
			continue
		}
		for _, id := range b.Names {
			if id == nil {
				continue
			}
			e := r.newEntity(id, BoundVar, b)
			e.Level, e.levelDone = level, true
			r.declare(e)
		}
	}
}

func (r *resolver) lambda(e *ast.Lambda) lv {
	saved := r.scope
	r.scope = newScope(saved)
	for _, id := range e.Params {
		if id == nil {
			continue
		}
		p := r.newEntity(id, Param, e)
		p.levelDone = true
		r.declare(p)
	}
	l := r.expr(e.Body)
	r.scope = saved
	return l
}

// operator handles an infix, prefix or postfix application: built-in, or a
// user-defined operator that must be visible (as `+` after EXTENDS Naturals).
func (r *resolver) operator(node ast.Expr, op string, opAt ast.Span, args []ast.Expr) lv {
	name := canon(op)
	ls := lvs(make([]lv, 0, 2), len(args))
	if _, ok := builtinOps[name]; ok {
		for i, a := range args {
			ls[i] = r.expr(a)
		}
		return r.builtinLevel(name, node, ls, args)
	}
	b := r.scope.lookup(name)
	if b == nil {
		for i, a := range args {
			ls[i] = r.expr(a)
		}
		if opAt == (ast.Span{}) {
			opAt = node.Pos()
		}
		if name == "-." || name == "-" {
			r.errorf(opAt, "undefined", "unknown operator `%s` (EXTENDS Integers?)", op)
		} else {
			r.errorf(opAt, "undefined", "unknown operator `%s`", op)
		}
		return joinAll(ls)
	}
	r.info.Ops[node] = b.ent
	for i, a := range args {
		ls[i] = r.arg(a, b.ent.ParamArity(i), b.ent, i)
	}
	r.checkArgLevels(b.ent, args, node.Pos())
	if b.ent.Arity != len(args) && b.ent.Kind != Builtin {
		d := r.errorf(opAt, "arity", "`%s` takes %s but is given %d", name, plural(b.ent.Arity, "argument"), len(args))
		relate(d, b.ent, "definition of `"+name+"`")
	}
	return r.apply(b.ent, b.inst, ls, args)
}

// arg resolves argument i of callee. want > 0 means the parameter is an
// operator of that arity; wantValue an ordinary value.
func (r *resolver) arg(a ast.Expr, want int, callee *Entity, i int) lv {
	if want <= 0 {
		want = wantValue
	}
	inner := ast.Unparen(a)
	switch x := inner.(type) {
	case *ast.OpApp:
		l := r.opApp(x, want)
		if a != inner {
			r.info.setLevel(a, l)
		}
		return l
	case *ast.SubexprRef:
		// An operator named by a subexpression (`Op!@`, `U!1!Op`): its
		// arity is not computed.
		return r.expr(x)
	case *ast.Lambda:
		if want == wantValue {
			r.errorf(x.Span, "arity", "LAMBDA is allowed only as an argument for an operator parameter")
		} else if len(x.Params) != want {
			r.errorf(x.Span, "arity", "LAMBDA takes %d arguments but an operator taking %d is expected", len(x.Params), want)
		}
		l := r.lambda(x)
		r.info.setLevel(a, l)
		return l
	}
	if want > 0 {
		name := "the operator"
		if callee != nil {
			name = "`" + callee.Name + "`"
		}
		r.errorf(a.Pos(), "arity", "argument %d of %s must be an operator taking %d arguments", i+1, name, want)
	}
	return r.expr(a)
}

// lvs returns n zero levels in buf when they fit: buf, made by the caller
// with a constant capacity, stays on its stack (this runs on every name
// and operator).
func lvs(buf []lv, n int) []lv {
	if n <= cap(buf) {
		return buf[:n]
	}
	return make([]lv, n)
}

// opApp resolves a (possibly prefixed) name with its arguments.
func (r *resolver) opApp(e *ast.OpApp, want int) lv {
	l := r.opApp1(e, want)
	r.info.setLevel(e, l)
	return l
}

func (r *resolver) opApp1(e *ast.OpApp, want int) lv {
	if e.Name == nil {
		return r.exprs(e.Args)
	}
	var b *binding
	extra := 0 // parameters of instances in the prefix given no arguments
	if len(e.Prefix) > 0 {
		var ok bool
		b, extra, ok = r.prefixed(e, want)
		if !ok {
			return r.exprs(e.Args)
		}
	} else {
		name := canon(e.Name.Name)
		b = r.scope.lookup(name)
		if b == nil {
			if be, ok := builtinEntities[name]; ok {
				b = &binding{ent: be}
			}
		}
		if b == nil {
			r.undefined(e.Name, name)
			return r.exprs(e.Args)
		}
	}
	ent := b.ent
	r.info.Uses[e.Name] = ent
	ls := lvs(make([]lv, 0, 4), len(e.Args))
	for i, a := range e.Args {
		ls[i] = r.arg(a, ent.ParamArity(i), ent, i)
	}
	r.checkArgLevels(ent, e.Args, e.Span)
	r.checkArity(e, ent, ent.Arity+extra, want)
	return r.apply(ent, b.inst, ls, e.Args)
}

// checkArity checks a reference to ent, an operator of arity arity there
// (I!Op used as an operator also takes the parameters of I).
func (r *resolver) checkArity(e *ast.OpApp, ent *Entity, arity, want int) {
	name := ent.Name
	if ent.Kind == ModuleInst {
		if want != wantAny {
			d := r.errorf(e.Name.Span, "arity", "`%s` is a module instance: use `%s!Op`", name, name)
			relate(d, ent, "definition of `"+name+"`")
		}
		return
	}
	bare := e.Args == nil
	var d *Diagnostic
	switch {
	case bare && want == wantAny:
	case bare && want > 0:
		if arity != want {
			d = r.errorf(e.Name.Span, "arity", "`%s` takes %d arguments but an operator taking %d is expected here", name, arity, want)
		}
	case bare:
		if arity > 0 {
			d = r.errorf(e.Name.Span, "arity", "`%s` takes %s but is given 0", name, plural(arity, "argument"))
		}
	default:
		if want > 0 {
			d = r.errorf(e.Span, "arity", "an operator taking %d arguments is expected here, not an expression", want)
		} else if len(e.Args) != arity {
			d = r.errorf(r.argsSpan(e), "arity", "`%s` takes %s but is given %d", name, plural(arity, "argument"), len(e.Args))
		}
	}
	if d != nil { // the message is built only when needed: this runs on every name
		relate(d, ent, "definition of `"+name+"`")
	}
}

// argsSpan is the parenthesized argument list of e, where SANY reports a
// wrong number of arguments.
func (r *resolver) argsSpan(e *ast.OpApp) source.Span {
	sp := source.Span{Start: e.Name.Span.End, End: e.Span.End}
	if f := r.m.File; f != nil && sp.End <= len(f.Text) {
		for sp.Start < sp.End && f.Text[sp.Start] != '(' {
			sp.Start++
		}
	}
	if sp.Start >= sp.End {
		return e.Name.Span
	}
	return sp
}

// undefined reports an unknown name, explaining a use before the
// definition as missing RECURSIVE.
func (r *resolver) undefined(id *ast.Ident, name string) {
	if _, ok := r.lenient[name]; ok {
		if r.lenientWarn {
			r.foreignWarning(id)
		}
		return
	}
	if def, ok := r.later.find(name); ok {
		d := r.errorf(id.Span, "recursion", "`%s` is used before its definition is complete; a recursive operator needs a RECURSIVE declaration", name)
		d.Related = append(d.Related, Related{Path: r.m.Path, Span: def.Span, Message: "definition of `" + name + "`"})
		return
	}
	switch name {
	case "Nat":
		r.errorf(id.Span, "undefined", "unknown operator `Nat` (EXTENDS Naturals?)")
	case "Int":
		r.errorf(id.Span, "undefined", "unknown operator `Int` (EXTENDS Integers?)")
	case "Real":
		r.errorf(id.Span, "undefined", "unknown operator `Real` (EXTENDS Reals?)")
	default:
		r.errorf(id.Span, "undefined", "unknown operator `%s`", name)
	}
}

// selectable reports whether a name of kind k may start a subexpression
// name (`Op!1`, `Thm!lab`).
func selectable(k EntityKind) bool {
	return k == Operator || k == Theorem || k == Assumption || k == Function
}

// selectors resolves the arguments in the selectors of a subexpression
// name after its first part, def, and checks that each name among them is
// a label or a LET definition inside def (where exactly is not checked).
func (r *resolver) selectors(def *Entity, parts []*ast.PrefixPart, last *ast.Ident) {
	names := map[string]bool{}
	ast.Inspect(def.Decl, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Labeled:
			if n.Name != nil {
				names[n.Name.Name] = true
			}
		case *ast.OpDef:
			if n.Name != nil {
				names[canon(n.Name.Name)] = true
			}
		case *ast.FuncDef:
			if n.Name != nil {
				names[n.Name.Name] = true
			}
		}
		return true
	})
	check := func(id *ast.Ident) {
		if id != nil && id.Name != "" && !names[canon(id.Name)] {
			r.errorf(id.Span, "undefined", "`%s` has no label or LET definition named `%s`", def.Name, id.Name)
		}
	}
	for _, p := range parts {
		if p != nil {
			check(p.Name)
			r.exprs(p.Args)
		}
	}
	check(last)
}

// prefixed resolves M!Op, M(x)!N!Op: each part but the last must be a
// module instance, and the name is looked up among the definitions the
// instantiated module exports.
//
// Used as an operator argument (want > 0), an instance in the prefix may be
// given no arguments: its parameters come first in the operator's (`I!Op`
// for I(a) == INSTANCE M takes a and Op's parameters); extra counts them.
func (r *resolver) prefixed(e *ast.OpApp, want int) (b *binding, extra int, ok bool) {
	var mod *Module
	var inst *instance
	var instEnt *Entity // the last instance of the prefix
	var partLvs []lv    // the levels of its arguments
	for i, part := range e.Prefix {
		if part == nil || part.Name == nil {
			return nil, 0, false
		}
		name := canon(part.Name.Name)
		var b *binding
		if i == 0 {
			b = r.scope.lookup(name)
			if b == nil {
				// SANY looks the whole name up, and reports it at its
				// last part.
				r.errorf(e.Name.Span, "undefined", "unknown operator `%s!%s` (nothing named `%s` is defined)", name, e.Name.Name, name)
				r.exprs(part.Args)
				return nil, 0, false
			}
		} else {
			if mod == nil {
				r.exprs(part.Args)
				return nil, 0, false
			}
			b = mod.exports[name]
			if b == nil || b.ent.Kind != ModuleInst && !selectable(b.ent.Kind) {
				r.errorf(part.Name.Span, "undefined", "module `%s` defines no instance `%s`", mod.Name, name)
				r.exprs(part.Args)
				return nil, 0, false
			}
		}
		r.info.Uses[part.Name] = b.ent
		partLvs = partLvs[:0]
		for j, a := range part.Args {
			partLvs = append(partLvs, r.arg(a, b.ent.ParamArity(j), b.ent, j))
		}
		if selectable(b.ent.Kind) {
			// Op!lab, Thm!1: the rest selects a subexpression of the
			// definition (a label, a LET definition, a position): only
			// the arguments are resolved.
			r.selectors(b.ent, e.Prefix[i+1:], e.Name)
			return nil, 0, false
		}
		if b.ent.Kind != ModuleInst {
			r.errorf(part.Name.Span, "undefined", "`%s` is not a module instance", name)
			return nil, 0, false
		}
		if part.Args == nil && want > 0 && b.ent.Kind == ModuleInst {
			extra += b.ent.Arity
		} else if len(part.Args) != b.ent.Arity {
			d := r.errorf(part.Name.Span, "arity", "`%s` takes %s but is given %d", name, plural(b.ent.Arity, "argument"), len(part.Args))
			relate(d, b.ent, "definition of `"+name+"`")
		}
		mod, inst, instEnt = b.ent.Target, b.ent.inst, b.ent
	}
	if mod == nil {
		return nil, 0, false // the module could not be loaded: already reported
	}
	name := canon(e.Name.Name)
	b = mod.exports[name]
	if b == nil || b.ent.Kind == Constant || b.ent.Kind == Variable {
		r.errorf(e.Name.Span, "undefined", "module `%s` defines no operator `%s`", mod.Name, name)
		return nil, 0, false
	}
	if len(partLvs) > 0 && instEnt != nil && inst != nil {
		r.checkInstanceArgLevels(e, instEnt, inst, partLvs, b.ent)
	}
	if b.inst == nil {
		return &binding{ent: b.ent, inst: inst}, extra, true
	}
	return b, extra, true
}
