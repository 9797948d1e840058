package eval

import "github.com/tlals/tlals/parser/ast"

// Operator arguments passed unevaluated, as TLC passes them.
//
// TLC binds each parameter of a user-defined operator to a LazyValue of
// its argument in the caller's context (Tool.getOpContext, getVal) and
// evaluates it when the body first uses the parameter, keeping the value
// (LazyValue.getValue). So `LET f(p, q) == q IN f(CHOOSE y \in {} : TRUE, 1)`
// is 1: the CHOOSE is never evaluated. tlals passes such an argument as a
// lazyCell over the caller's frame, evaluated at most once per call, at
// its first use, with the positions of the argument's own expression.
//
// Most arguments need no cell:
//   - a literal, a bound variable, a parameter already evaluated, a
//     constant or a state variable cannot fail and costs nothing: it is
//     read at the call;
//   - a parameter the body certainly evaluates before anything else that
//     may fail (strict: `IF n = 0 THEN ...`, `p + q`) is evaluated at the
//     call, in the order the body would first evaluate it: only an
//     evaluation that fails could tell, and it fails first either way;
//   - a parameter of the caller that is itself lazy is passed on as it is
//     (its cell), to a lazy parameter.
//
// A cell points to the caller's frame and lives in the callee's: it is
// made only when no closure keeps the callee's frame (cellSafe), and a lazy
// value that copies the frame takes the cells' values first (detachArgs),
// so the caller's frame outlives the cell and the cells come from the
// frame stack. Otherwise (and for an operator that uses the next state,
// whose state-level arguments compileArg passes as cells of their own, for
// calls compiled as actions, and for calls of operator parameters, F(x))
// the arguments are evaluated at the call, as before.

// argPlan is how an operator's value parameters receive their arguments.
type argPlan struct {
	lazy  []bool // the parameter may hold a *lazyCell (not strict)
	first []int  // the strict parameters, in the order the body first evaluates them
}

// cellSafe reports whether a frame of fs is dead once its call returns and
// none of its slots is copied into a value that outlives it.
// A lazy value that copies the frame's slots (snapshots) first replaces
// its cells by their values (detachArgs), so that neither the copy nor a
// LET cell it keeps, which reads the frame, refers to a cell after the
// call (a frame with both LETs and snapshots is not reusable, yet safe).
func (fs *fscope) cellSafe() bool { return !fs.captured }

// detachArgs replaces the argument cells among slots, a call's frame a
// lazy value is about to copy, by their values: a cell lives no longer
// than its call. An argument that fails becomes a cell of its own that
// raises the failure where it is used, as TLC's LazyValue would (only a
// side effect, Print, then happens earlier).
func detachArgs(c *Ctx, slots []Value) {
	for i, v := range slots {
		if cell, ok := v.(*lazyCell); ok && cell.arg {
			slots[i] = detached(c, cell)
		}
	}
}

func detached(c *Ctx, cell *lazyCell) Value {
	if cell.v != nil {
		return cell.v
	}
	var fail any
	v, ok := c.tryEval(func() Value {
		defer func() {
			if r := recover(); r != nil {
				fail = r
				panic(r)
			}
		}()
		return cell.force(c, nil, "")
	})
	if ok {
		return v
	}
	return &lazyCell{e: func(*Ctx, *frame) Value { panic(fail) }, arg: true}
}

// planOf is the plan of d's calls; nil when every argument is evaluated at
// the call (not an operator definition; one that uses the next state).
func (p *Program) planOf(d *def) *argPlan {
	if d.planDone {
		return d.plan
	}
	d.planDone = true
	if d.kind != dOp || d.opdef == nil || d.body == nil || p.usesNext(d) {
		return nil
	}
	d.plan = p.makePlan(d.env, d.params, d.body)
	return d.plan
}

// makePlan analyses body, whose parameters are params; nil when no value
// parameter is lazy.
func (p *Program) makePlan(env *modEnv, params []*ast.Param, body ast.Expr) *argPlan {
	w := strictWalk{p: p, env: env, params: params}
	w.walk(body)
	pl := &argPlan{lazy: make([]bool, len(params)), first: w.first}
	any := false
	for i, prm := range params {
		if prm.Arity == 0 && !w.seen(i) {
			pl.lazy[i], any = true, true
		}
	}
	if !any && sorted(w.first) {
		return nil // every argument evaluated at the call, in order
	}
	return pl
}

// strictWalk follows a body in TLC's evaluation order, noting the
// parameters it evaluates before anything that may fail.
type strictWalk struct {
	p      *Program
	env    *modEnv
	params []*ast.Param
	first  []int
}

func (w *strictWalk) seen(i int) bool {
	for _, j := range w.first {
		if j == i {
			return true
		}
	}
	return false
}

// strictOps are the infix operators whose two operands TLC evaluates, left
// then right, before applying the operator (TLA+'s own, and the standard
// modules' it implements in Java).
var strictOps = map[string]bool{
	"=": true, "/=": true, `\in`: true, `\notin`: true, `\cup`: true, `\cap`: true, `\`: true,
	`\subseteq`: true, "+": true, "-": true, "*": true, "<": true, ">": true, "<=": true, ">=": true,
	`\div`: true, "%": true, "..": true,
}

// walk reports whether evaluating e certainly cannot fail once the
// parameters it notes are evaluated; it stops at the first part that may.
func (w *strictWalk) walk(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Paren:
		return w.walk(x.X)
	case *ast.Number, *ast.String, *ast.Bool:
		return true
	case *ast.OpApp:
		if x.Args != nil || len(x.Prefix) > 0 {
			return false
		}
		decl := w.p.declOf(x.Name)
		for i, prm := range w.params {
			if prm.Name == decl && prm.Arity == 0 {
				if !w.seen(i) {
					w.first = append(w.first, i)
				}
				return true
			}
		}
		return false
	case *ast.Infix:
		if d := w.env.resolveOp(x, x.Op); d != nil && d.kind != dBuiltin {
			return false // the spec's own operator: its arguments are lazy
		}
		switch {
		case x.Op == `/\` || x.Op == `\/` || x.Op == "=>":
			w.walk(x.X)
		case strictOps[x.Op]:
			_ = w.walk(x.X) && w.walk(x.Y)
		}
		return false
	case *ast.Junction:
		if len(x.Items) > 0 {
			w.walk(x.Items[0])
		}
		return false
	case *ast.If:
		w.walk(x.Cond)
		return false
	case *ast.Case:
		if len(x.Arms) > 0 {
			w.walk(x.Arms[0].Cond)
		}
		return false
	case *ast.Tuple:
		for _, el := range x.Elems {
			if !w.walk(el) {
				return false
			}
		}
		return true
	case *ast.FuncApp:
		if w.walk(x.Fn) {
			for _, a := range x.Args {
				if !w.walk(a) {
					break
				}
			}
		}
		return false
	case *ast.Select:
		w.walk(x.Rec)
		return false
	case *ast.PrefixExpr:
		if d := w.env.resolveOp(x, x.Op); d != nil && d.kind != dBuiltin {
			return false
		}
		switch x.Op {
		case "~", "-.", "SUBSET", "UNION", "DOMAIN":
			w.walk(x.X)
		}
		return false
	case *ast.SetEnum:
		for _, el := range x.Elems {
			if !w.walk(el) {
				break
			}
		}
		return false
	// a binder's sets are evaluated first (TLC enumerates them before
	// the body)
	case *ast.Quant:
		w.walkBounds(x.Bounds)
		return false
	case *ast.Choose:
		w.walkBounds([]*ast.Bound{x.Bound})
		return false
	case *ast.SetFilter:
		w.walkBounds([]*ast.Bound{x.Bound})
		return false
	case *ast.SetMap:
		w.walkBounds(x.Bounds)
		return false
	case *ast.FuncLit:
		w.walkBounds(x.Bounds)
		return false
	case *ast.Let:
		// the definitions are made, not evaluated
		for _, u := range x.Defs {
			if _, ok := u.(*ast.ModuleDef); ok {
				return false
			}
		}
		return w.walk(x.Body)
	}
	return false
}

func (w *strictWalk) walkBounds(bs []*ast.Bound) {
	for _, b := range bs {
		if b == nil || b.Set == nil || !w.walk(b.Set) {
			return
		}
	}
}

// argKind is how a call passes one argument.
type argKind uint8

const (
	argEager   argKind = iota // evaluated at the call
	argCell                   // a lazyCell over the caller's frame
	argForward                // the caller's lazy parameter, passed as it is
)

// lazyArgs compiles the arguments of a call (in scope sc) of an operator
// of plan pl: kinds[i] says how each is passed; eager[i] evaluates it
// (forcing a forwarded parameter); raw[i] reads a forwarded one unforced.
type lazyArgs struct {
	kinds  []argKind
	eager  []expr
	raw    []expr
	order  []int // the eager arguments, in the order to evaluate them
	lazies []int // the others
}

func (p *Program) compileLazyArgs(sc cscope, pl *argPlan, params []*ast.Param, args []ast.Expr) *lazyArgs {
	la := &lazyArgs{kinds: make([]argKind, len(args)), eager: make([]expr, len(args)), raw: make([]expr, len(args))}
	for i, a := range args {
		if ar := params[i].Arity; ar > 0 {
			la.eager[i] = p.compileOpArg(sc, a, ar)
			continue
		}
		la.eager[i] = p.compile(sc, a)
		if !pl.lazy[i] {
			continue
		}
		switch k, raw := p.cheapArg(sc, a); {
		case raw != nil:
			la.kinds[i], la.raw[i] = argForward, raw
		case !k:
			la.kinds[i] = argCell
		}
	}
	seen := make([]bool, len(args))
	for _, i := range pl.first {
		if la.kinds[i] == argEager {
			la.order, seen[i] = append(la.order, i), true
		}
	}
	for i := range args {
		if seen[i] {
			continue
		}
		if la.kinds[i] == argEager {
			la.order = append(la.order, i)
		} else {
			la.lazies = append(la.lazies, i)
		}
	}
	return la
}

// cheapArg reports whether the argument a can be read at the call at no
// cost and without failing; raw reads it unforced when it is the caller's
// own lazy parameter.
func (p *Program) cheapArg(sc cscope, a ast.Expr) (bool, expr) {
	switch x := ast.Unparen(a).(type) {
	case *ast.Number, *ast.String, *ast.Bool:
		return true, nil
	case *ast.OpApp:
		if x.Args != nil || len(x.Prefix) > 0 {
			return false, nil
		}
		if b, depth := sc.findUse(x.Name); b != nil {
			if b.kind != bVar || b.lazyArg {
				return false, nil
			}
			if b.cellArg {
				slot := b.slot
				return false, func(c *Ctx, f *frame) Value { return frameAt(f, depth).s[slot] }
			}
			return true, nil
		}
		d := sc.env.resolve(x.Name)
		return d != nil && (d.kind == dVar || (d.kind == dConst && d.table == nil && !d.missing)), nil
	}
	return false, nil
}

// bind sets dst, the callee's parameters, to the arguments, in the
// caller's frame f; cells only when the callee's frame is cellSafe (and
// within the caller's frame mark: they come from the frame stack).
func (la *lazyArgs) bind(c *Ctx, f *frame, dst []Value, safe bool) {
	for _, i := range la.order {
		dst[i] = la.eager[i](c, f)
	}
	if len(la.lazies) == 0 {
		return
	}
	if !safe {
		for _, i := range la.lazies {
			dst[i] = la.eager[i](c, f)
		}
		return
	}
	var cells []lazyCell
	for _, i := range la.lazies {
		if la.kinds[i] == argForward {
			dst[i] = la.raw[i](c, f)
			continue
		}
		if cells == nil {
			cells = c.frames.tempCells(len(la.lazies))
		}
		cell := &cells[0]
		cells = cells[1:]
		cell.e, cell.f, cell.arg = la.eager[i], f, true
		dst[i] = cell
	}
}

// callLazy compiles a call of d passing its arguments as la says.
func (p *Program) callLazy(d *def, la *lazyArgs, l *Loc) expr {
	if len(la.lazies) == 0 && sorted(la.order) {
		// all evaluated at the call, in order: the plain call, whose
		// memo keys on the arguments' values (a call with cells is not
		// kept: its arguments have no value until used)
		return p.callCompiled(d, la.eager, l)
	}
	return func(c *Ctx, f *frame) Value {
		mark := c.frames.mark()
		nf := c.frames.frameFor(d.fs)
		la.bind(c, f, nf.s, d.fs.cellSafe())
		c.enter(l)
		v := d.e(c, nf)
		c.frames.release(mark)
		c.depth--
		return v
	}
}

func sorted(xs []int) bool {
	for i := 1; i < len(xs); i++ {
		if xs[i] < xs[i-1] {
			return false
		}
	}
	return true
}
