package eval

import (
	"sort"
	"strconv"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// Ctx is the evaluation context of one worker: the current state and the
// (partially assigned) next state.
type Ctx struct {
	Cur    []Value
	Next   []Value
	prog   *Program
	depth  int
	inst   []instFrame // parameter values of parameterized instances
	buf    []Value     // the next state being built by Action.Run
	calls  []*Loc      // calls[:depth]: the applications being evaluated (see enter)
	frames frameStack  // frames no closure or lazy value keeps (frame.go)
	// Action.Run's continuation and what it reports to
	complete func()
	running  *Action
	emit     func(next []Value)
	// emitted counts the states Action.Run and Init.Run produced (coverage
	// counts the leaves of an action that led to one)
	emitted int64
	// the counted leaves being evaluated, and their continuation (coverage.go)
	covStack []covFrame
	covK     func()
	covOn    bool // this context's evaluations count (SetCoverage)
	// this context's counts (coverage.go: count), registered in covReg of
	// the program's counters covRegOf; covN is covAll while counts need
	// nothing more than an add (nil: coverage off in this context, or
	// counts journaled)
	covN     []int64
	covAll   []int64
	covReg   *covArray
	covRegOf *exprCov
	// covRec > 0 while state-level values are computed for the state
	// cache: the counts are then also journaled in covJ, to be replayed
	// when the kept value is used (statecache.go)
	covRec int
	covJ   []covInc
	covPos []int32  // scratch of covRecEnd, by counter
	covTmp []covInc // scratch of applyRecorded
	// lazyMade counts the lazy values made that keep their results (a set
	// filter, a lazy function): a state-level value whose computation made
	// one is not kept with coverage (statecache.go)
	lazyMade uint64
	// viewOnce is the kept function definition an application f[a] is
	// evaluating f of, to be applied once there (statecache.go:
	// stateCallCov then returns the kept function itself, in onceBase, not
	// a view of it)
	viewOnce *def
	onceBase *LazyFcnV
	run      ctxRun // the worker and level TLCGet reads (std_runtime.go)
	// gen changes whenever the state being evaluated changes (a variable
	// assigned or unassigned, a prime entered or left): a lazy value that
	// depends on the state (lazyCell.dyn) is recomputed when it differs.
	gen uint64
	// primed counts the primes being evaluated (Cur is then the next state)
	primed int
	// keepLazy is set while the function of an application is evaluated
	// (f[i] in f[i][j]): a function constructor there stays lazy, computed
	// at the arguments applied, as TLC's EvalControl.KeepLazy.
	keepLazy bool
	// NoState is set when an expression is evaluated outside any state
	// (the editor's and the REPL's evaluations without a trace): Cur then
	// holds no values, and reading a variable says so.
	NoState bool
	// stateCache holds the values of state-level definitions for the
	// state they were computed in (statecache.go)
	stateCache []stateCached
	// memo holds the results of calls of constant-level operators (memo.go)
	memo *memoTable
	// enabledBufs is ENABLED <<A>>_v's scratch (liveness_api.go)
	enabledBufs []Value
}

type instFrame struct {
	key  *modEnv
	vals []Value
}

// NewCtx returns a context for prog.
func (p *Program) NewCtx() *Ctx { return &Ctx{prog: p} }

type frame struct {
	s  []Value
	up *frame
}

type expr func(c *Ctx, f *frame) Value

type fscope struct {
	size int
	up   *fscope
	// captured: a closure made in this scope (or a nested one) keeps its
	// frame, so the frame cannot be reused when the call returns.
	captured bool
	// A lazy value (set filter, function over an infinite domain) copies
	// the frame's slots: with LET cells among them, which point back at
	// the frame, it keeps the frame too.
	lets, snapshots bool
}

// reusable reports whether a frame of fs is dead once its call returns.
func (fs *fscope) reusable() bool { return !fs.captured && !(fs.lets && fs.snapshots) }

// markCaptured notes that closures compiled in fs keep its frame and the
// frames above it.
func (fs *fscope) markCaptured() {
	for ; fs != nil; fs = fs.up {
		fs.captured = true
	}
}

func (fs *fscope) alloc() int { fs.size++; return fs.size - 1 }

type bkind int

const (
	bVar        bkind = iota // bound variable or value parameter
	bLazy                    // zero-arity LET definition: *lazyCell
	bOp                      // operator value: *OpValue
	bMacro                   // an action passed to an operator parameter, inlined
	bMacroOp                 // ENABLED, UNCHANGED, ', [] or <> passed for an operator parameter (opName)
	bMacroOpRef              // an action operator passed for an operator parameter (body, in scope bsc), inlined
)

// exprOps are the operators on expressions (not values) a spec can pass as
// operator arguments: a call passing one is compiled in place.
var exprOps = map[string]bool{"ENABLED": true, "UNCHANGED": true, "'": true, "[]": true, "<>": true}

// applyExprOp is op applied to the expression arg.
func applyExprOp(n ast.Node, op string, arg ast.Expr) ast.Expr {
	if op == "'" {
		return &ast.PostfixExpr{Span: n.Pos(), Op: op, X: arg}
	}
	return &ast.PrefixExpr{Span: n.Pos(), Op: op, X: arg}
}

type binding struct {
	name  string
	id    *ast.Ident // the declaring identifier (see findUse)
	fs    *fscope
	slot  int
	kind  bkind
	arity int
	next  *binding
	// zero-arity LET definitions: their body and scope, for inlining in
	// action position
	body  ast.Expr
	bsc   *cscope
	inAct bool
	// lazyArg: a parameter that may hold a *lazyCell, an argument passed
	// unevaluated (see compileCallArgs)
	lazyArg bool
	// cellArg: a parameter that may hold a *lazyCell of its call (an
	// argument evaluated when first used, lazyargs.go); plan and opFS: a
	// LET operator's (bOp with letOp), for its calls
	cellArg bool
	plan    *argPlan
	opFS    *fscope
	opName  string // bMacroOp
	// covMark: bMacro with coverage, 1 + the slot of the callee's frame
	// that notes the argument counted in this call (macroArgCounted)
	covMark int
	// letOp: a LET operator with parameters (bOp) and its scope bsc, for
	// inlining in action position
	letOp *ast.OpDef
}

// withMacro binds name to the argument expression arg of the caller scope
// caller: the callee frame's up pointer is the caller's frame.
func (sc cscope) withMacro(id *ast.Ident, arg ast.Expr, caller cscope) cscope {
	sc.b = &binding{name: id.Name, id: id, fs: sc.fs, slot: -1, kind: bMacro, body: arg, bsc: &caller, next: sc.b}
	return sc
}

type cscope struct {
	// hoisted is set inside a closed expression whose value is kept
	// (hoist.go), so that its parts are not cached again.
	hoisted bool
	env     *modEnv
	fs      *fscope
	b       *binding
	file    *source.File // the file of the code being compiled
	inl     int          // operators inlined for their action arguments (bounds the inlining)
	// covSkip is the expression whose own evaluations coverage does not
	// count (an action's guard applying a module's operator, as TLC)
	covSkip ast.Expr
	covOff  bool // inside a kept value: counted as a whole (compileNode)
	// covOwn is the expression compile counts, whose compiler may count
	// it in its own closure instead (ownCount)
	covOwn ast.Expr
}

// with binds the name id declares.
func (sc cscope) with(id *ast.Ident, kind bkind, arity int) (cscope, int) {
	slot := sc.fs.alloc()
	sc.b = &binding{name: id.Name, id: id, fs: sc.fs, slot: slot, kind: kind, arity: arity, next: sc.b}
	return sc, slot
}

// atIdent declares @, the value an EXCEPT's update replaces.
var atIdent = &ast.Ident{Name: "@"}

// findUse is the binding the identifier use refers to: the one of the
// declaration analysis resolved it to (useOf). An identifier the checker
// made without a resolution refers to a binding it declares itself (the
// parameter of a LAMBDA it builds).
func (sc cscope) findUse(use *ast.Ident) (*binding, int) {
	if key := sc.env.prog.declOf(use); key != nil {
		return sc.find(key)
	}
	return nil, 0
}

// find is the binding id declares, with the number of frames up to it.
func (sc cscope) find(id *ast.Ident) (*binding, int) {
	for b := sc.b; b != nil; b = b.next {
		if b.id == id {
			depth := 0
			for fs := sc.fs; fs != b.fs; fs = fs.up {
				if fs == nil {
					return nil, 0
				}
				depth++
			}
			return b, depth
		}
	}
	return nil, 0
}

func frameAt(f *frame, d int) *frame {
	for ; d > 0; d-- {
		f = f.up
	}
	return f
}

// OpValue is an operator passed as an argument (higher-order parameters,
// LAMBDA, LET operators with parameters).
type OpValue struct {
	Name  string
	Arity int
	Call  func(c *Ctx, args []Value) Value
}

func (*OpValue) kind() kind { return kOper }

// lazyCell is a value computed when first used: a zero-arity LET
// definition, or an argument passed unevaluated to an operator that primes
// its parameters (TLC's LazyValue). A cell whose expression depends on the
// state (dyn) holds its value only for the state it was computed in.
type lazyCell struct {
	e    expr
	f    *frame
	v    Value
	gen  uint64
	busy bool
	dyn  bool
	arg  bool // an operator's argument (lazyargs.go), in its call's frame only
}

func (*lazyCell) kind() kind { return kOper }

// force returns the cell's value in the current state.
func (cell *lazyCell) force(c *Ctx, l *Loc, name string) Value {
	if cell.v != nil && (!cell.dyn || cell.gen == c.gen) {
		return cell.v
	}
	if cell.arg && c.keepLazy {
		// an argument used as an applied function (p[a]) may stay lazy
		// there: not kept for its other uses (LazyValue.getCachedValue
		// compares the evaluation control)
		return cell.e(c, cell.f)
	}
	if cell.busy {
		throw(l, "circular definition of %s", name)
	}
	cell.busy = true
	defer func() { cell.busy = false }()
	v := cell.e(c, cell.f)
	cell.v, cell.gen = v, c.gen
	return v
}

func (sc cscope) loc(n ast.Node) *Loc {
	if sc.file != nil {
		return &Loc{File: sc.file, Span: n.Pos()}
	}
	return &Loc{File: sc.env.file, Span: n.Pos()}
}

func compileErr(l *Loc, format string, args ...any) {
	panic(&Error{Loc: l, Msg: sprintf(format, args...), Kind: ErrCompile})
}

// ---------------------------------------------------------------- expressions

func (p *Program) compile(sc cscope, e ast.Expr) expr {
	ex, n := p.compileUncounted(sc, e)
	if n == 0 {
		return ex
	}
	if lx := p.countedLeaf(sc, e, ex, n); lx != nil {
		return lx
	}
	return func(c *Ctx, f *frame) Value {
		c.count(n, 1)
		return ex(c, f)
	}
}

// compileUncounted compiles e as compile does but leaves the count of e
// itself to the caller (n: its counter; 0: none): a caller that wraps e
// anyway counts in its own closure, one call fewer per evaluation.
func (p *Program) compileUncounted(sc cscope, e ast.Expr) (ex expr, n covID) {
	if p.cov == nil || sc.covOff {
		return p.compileNode(sc, e), 0
	}
	skip := sc.covSkip == e
	sc.covSkip = nil
	if !skip && covCounted(e) {
		sc.covOwn = e
	}
	ex = p.compileNode(sc, e)
	if skip || !covCounted(e) {
		return ex, 0
	}
	if p.covTaken == e { // ex counts it (ownCount)
		p.covTaken = nil
		return ex, 0
	}
	return ex, p.counter(e)
}

// compileNode compiles e (compile adds coverage counting).
func (p *Program) compileNode(sc cscope, e ast.Expr) expr {
	if !sc.hoisted && hoistable(e) && p.closed(sc, e, nil) {
		sc.hoisted = true
		p.hoistedAt = append(p.hoistedAt, e.Pos())
		if p.cov != nil && !sc.covOff {
			// TLC evaluates it each time: each evaluation counts its parts
			// (e itself counts in compile)
			sc.covOff = true
			h, parts := hoist(p.compileNode(sc, e)), p.covParts(e)
			return func(c *Ctx, f *frame) Value {
				for _, n := range parts {
					c.count(n, 1)
				}
				return h(c, f)
			}
		}
		return hoist(p.compileNode(sc, e))
	}
	switch x := e.(type) {
	case *ast.Paren:
		return p.compile(sc, x.X)
	case *ast.Labeled:
		return p.compile(sc, x.Body)
	case *ast.Number:
		if x.Decimal {
			compileErr(sc.loc(x), "TLC cannot handle real numbers")
		}
		n, err := strconv.ParseInt(x.Digits, x.Base, 64)
		if err != nil {
			compileErr(sc.loc(x), "integer %s is too big", x.Text)
		}
		// v is an interface value from the start: returning a concrete
		// Int or Str would box it anew on every evaluation.
		var v Value = Int(n)
		return func(*Ctx, *frame) Value { return v }
	case *ast.String:
		var v Value = Str(x.Value)
		return func(*Ctx, *frame) Value { return v }
	case *ast.Bool:
		var v Value = Bool(x.Value)
		return func(*Ctx, *frame) Value { return v }
	case *ast.OpApp:
		return p.compileApp(sc, x)
	case *ast.SubexprRef:
		return p.compileApp(sc, p.selApp(sc, x))
	case *ast.Infix:
		return p.compileInfix(sc, x)
	case *ast.PrefixExpr:
		return p.compilePrefix(sc, x)
	case *ast.PostfixExpr:
		if x.Op != "'" {
			if e := p.userOp(sc, x, x.Op, []ast.Expr{x.X}); e != nil {
				return e
			}
			compileErr(sc.loc(x), "operator %s is not defined", x.Op)
		}
		return p.compilePrime(sc, x)
	case *ast.Product:
		sets := p.compileList(sc, x.Sets)
		return func(c *Ctx, f *frame) Value {
			vs := make([]Value, len(sets))
			for i, s := range sets {
				vs[i] = s(c, f)
			}
			return &ProductV{vs}
		}
	case *ast.Quant:
		return p.compileQuant(sc, x)
	case *ast.Choose:
		return p.compileChoose(sc, x)
	case *ast.SetEnum:
		if len(x.Elems) == 0 {
			// values are immutable: one {} serves every `S = {}`
			empty := &SetV{}
			return func(*Ctx, *frame) Value { return empty }
		}
		elems := p.compileList(sc, x.Elems)
		l := sc.loc(x)
		return func(c *Ctx, f *frame) Value {
			s := newSet(len(elems))
			for i, el := range elems {
				v := el(c, f)
				if !isInfinite(v) {
					// an infinite set, {[D -> Int]}, stays lazy as in TLC
					v = normV(v)
				}
				s.elems[i] = v
			}
			// values of different kinds ({-1, "u1"}) fail in the sort:
			// the error is the literal's, not a position-less one
			func() {
				defer attach(l)
				s.elems = canonElems(s.elems)
			}()
			return s
		}
	case *ast.SetFilter:
		return p.compileSetFilter(sc, x)
	case *ast.SetMap:
		return p.compileSetMap(sc, x)
	case *ast.FuncLit:
		return p.compileFuncLit(sc, x)
	case *ast.FuncApp:
		return p.compileFuncApp(sc, x)
	case *ast.FuncSet:
		d, r := p.compile(sc, x.Domain), p.compile(sc, x.Range)
		return func(c *Ctx, f *frame) Value { return &FuncSetV{d(c, f), r(c, f)} }
	case *ast.Record:
		return p.compileRecord(sc, x)
	case *ast.RecordSet:
		type fld struct {
			name string
			e    expr
		}
		flds := make([]fld, len(x.Fields))
		for i, fd := range x.Fields {
			flds[i] = fld{fd.Name.Name, p.compile(sc, fd.Expr)}
		}
		sort.SliceStable(flds, func(i, j int) bool { return compareStrings(flds[i].name, flds[j].name) < 0 })
		names := make([]string, len(flds))
		for i := range flds {
			names[i] = flds[i].name
		}
		return func(c *Ctx, f *frame) Value {
			sets := make([]Value, len(flds))
			for i := range flds {
				sets[i] = flds[i].e(c, f)
			}
			return &RecSetV{names, sets}
		}
	case *ast.Select:
		rec := p.compile(sc, x.Rec)
		name := Str(x.Field.Name)
		l := sc.loc(x)
		if n := p.ownCount(sc, x); n != 0 {
			return func(c *Ctx, f *frame) Value {
				c.count(n, 1)
				return applyFcn(c, rec(c, f), name, l, true)
			}
		}
		return func(c *Ctx, f *frame) Value {
			r := rec(c, f)
			return applyFcn(c, r, name, l, true)
		}
	case *ast.Except:
		return p.compileExcept(sc, x)
	case *ast.At:
		b, d := sc.find(atIdent)
		if b == nil {
			compileErr(sc.loc(x), "@ used outside an EXCEPT")
		}
		slot := b.slot
		return func(c *Ctx, f *frame) Value { return frameAt(f, d).s[slot] }
	case *ast.Tuple:
		if len(x.Elems) == 0 {
			// as {}: one <<>> serves every `v = <<>>` (not hoisted: a
			// literal, and in a parameterized instance nothing is)
			empty := &FcnV{Seq: true}
			return func(*Ctx, *frame) Value { return empty }
		}
		elems := p.compileList(sc, x.Elems)
		return func(c *Ctx, f *frame) Value {
			t := newFcn(len(elems))
			for i, el := range elems {
				t.Vals[i] = el(c, f)
			}
			t.Seq = true
			return t
		}
	case *ast.If:
		cond := p.compileCond(sc, x.Cond, sc.loc(x), func(v Value) string {
			return "A non-boolean expression (" + aKind(v) + ") was used as the condition of an IF."
		})
		th, el := p.compile(sc, x.Then), p.compile(sc, x.Else)
		return func(c *Ctx, f *frame) Value {
			if cond(c, f) {
				return th(c, f)
			}
			return el(c, f)
		}
	case *ast.Case:
		type arm struct {
			cond func(*Ctx, *frame) bool
			val  expr
		}
		arms := make([]arm, len(x.Arms))
		for i, a := range x.Arms {
			arms[i] = arm{p.compileBool(sc, a.Cond), p.compile(sc, a.Val)}
		}
		var other expr
		if x.Other != nil {
			other = p.compile(sc, x.Other)
		}
		l := sc.loc(x)
		return func(c *Ctx, f *frame) Value {
			for _, a := range arms {
				if a.cond(c, f) {
					return a.val(c, f)
				}
			}
			if other != nil {
				return other(c, f)
			}
			throw(l, "Attempted to evaluate a CASE with no conditions true.")
			return nil
		}
	case *ast.Let:
		sc2, init := p.compileLetDefs(sc, x.Defs)
		body := p.compile(sc2, x.Body)
		return func(c *Ctx, f *frame) Value {
			init(c, f)
			return body(c, f)
		}
	case *ast.Junction:
		items := make([]func(*Ctx, *frame) bool, len(x.Items))
		what := "conjunction"
		if x.Or {
			what = "disjunction"
		}
		for i, it := range x.Items {
			items[i] = p.compileCond(sc, it, sc.loc(x), func(v Value) string {
				return "A non-boolean expression (" + aKind(v) + ") was used as a formula in a " + what + ".\n" + Format(v)
			})
		}
		if x.Or {
			return func(c *Ctx, f *frame) Value {
				for _, it := range items {
					if it(c, f) {
						return Bool(true)
					}
				}
				return Bool(false)
			}
		}
		return func(c *Ctx, f *frame) Value {
			for _, it := range items {
				if !it(c, f) {
					return Bool(false)
				}
			}
			return Bool(true)
		}
	case *ast.BoxAction:
		// [A]_v  ==  A \/ v' = v  (used for action properties)
		a := p.compileBool(sc, x.Action)
		sub := p.compile(sc, x.Sub)
		subP := p.primed(sub, sc.loc(x.Sub))
		// v = v' as TLC compares them, the unprimed value first (which
		// of two values it cannot compare its error names first)
		if x.Angle {
			return func(c *Ctx, f *frame) Value {
				return Bool(a(c, f) && !equal(sub(c, f), subP(c, f)))
			}
		}
		return func(c *Ctx, f *frame) Value {
			return Bool(a(c, f) || equal(sub(c, f), subP(c, f)))
		}
	case *ast.Lambda:
		compileErr(sc.loc(x), "LAMBDA is only allowed as an operator argument")
	case *ast.Fairness:
		compileErr(sc.loc(x), "temporal formulas (fairness) cannot be evaluated by the safety checker")
	}
	compileErr(sc.loc(e), "expression not supported by the checker")
	return nil
}

func sprintf(format string, args ...any) string { return sprintfImpl(format, args...) }

func normV(v Value) Value {
	switch v.(type) {
	case Int, Str, Bool, *ModelValue, *SetV, *FcnV:
		return v
	}
	return mustNorm(v)
}

// opCallArgs compiles arguments some of which may name operators
// (LAMBDA, Op, Op!@): those are passed as operator values.
func (p *Program) opCallArgs(sc cscope, es []ast.Expr) []expr {
	out := make([]expr, len(es))
	for i, a := range es {
		if ar := p.opArgArity(sc, a); ar > 0 {
			out[i] = p.compileOpArg(sc, a, ar)
		} else {
			out[i] = p.compile(sc, a)
		}
	}
	return out
}

func (p *Program) compileList(sc cscope, es []ast.Expr) []expr {
	out := make([]expr, len(es))
	for i, e := range es {
		out[i] = p.compile(sc, e)
	}
	return out
}

func (p *Program) compileBool(sc cscope, e ast.Expr) func(*Ctx, *frame) bool {
	ex, n := p.compileUncounted(sc, e)
	l := sc.loc(e)
	if n != 0 { // counted here (compileUncounted)
		return func(c *Ctx, f *frame) bool {
			c.count(n, 1)
			v := ex(c, f)
			b, ok := v.(Bool)
			if !ok {
				throw(l, "A non-boolean expression (%s) was used as a condition: %s", kindName(v), Pretty(v))
			}
			return bool(b)
		}
	}
	return func(c *Ctx, f *frame) bool {
		v := ex(c, f)
		b, ok := v.(Bool)
		if !ok {
			throw(l, "A non-boolean expression (%s) was used as a condition: %s", kindName(v), Pretty(v))
		}
		return bool(b)
	}
}

// compileCond compiles e as a boolean operand; a non-boolean fails with
// msg (given the value), TLC's wording for the operand's context, at at
// (e's own position when nil).
func (p *Program) compileCond(sc cscope, e ast.Expr, at *Loc, msg func(v Value) string) func(*Ctx, *frame) bool {
	ex, n := p.compileUncounted(sc, e)
	if at == nil {
		at = sc.loc(e)
	}
	if n != 0 { // counted here (compileUncounted)
		return func(c *Ctx, f *frame) bool {
			c.count(n, 1)
			v := ex(c, f)
			b, ok := v.(Bool)
			if !ok {
				throw(at, "%s", msg(v))
			}
			return bool(b)
		}
	}
	return func(c *Ctx, f *frame) bool {
		v := ex(c, f)
		b, ok := v.(Bool)
		if !ok {
			throw(at, "%s", msg(v))
		}
		return bool(b)
	}
}

// aKind is the kind of v with its article, as TLC's messages name it (its
// Value.getKindString: the class of the value, a set by the form that made
// it).
func aKind(v Value) string {
	switch x := v.(type) {
	case Int:
		return "an integer"
	case Str:
		return "a string"
	case Bool:
		return "a Boolean value"
	case *ModelValue:
		return "a model value"
	case *FcnV:
		if x.Seq {
			return "a tuple"
		}
		if isRecord(x) {
			return "a record"
		}
		return "a function  of the form (d1 :> e1 @@ ... @@ dN :> eN)" // sic, TLC's two spaces
	case *LazyFcnV:
		return "a function of the form  [x \\in S |-> expr]"
	case *OpValue:
		return "an operator"
	case *SetV:
		return "a set of the form {e1, ... ,eN}"
	case *IntervalV:
		return "a set of the form i..j"
	case *FilterV:
		return "a set of the form {x \\in S : expr}"
	case *FuncSetV:
		return "a set of the form [S -> T]"
	case *RecSetV:
		return "a set of the form [d1 : S1, ... , dN : SN]"
	case *ProductV:
		return "a cartesian product"
	case *SubsetV:
		return "a set of the form SUBSET S"
	case *DiffV:
		return "a set of the form S \\ T"
	case *CupV:
		return "a set of the form S \\cup T"
	case *UnionV:
		return "a set of the form UNION  S"
	case NatV, IntSetV, StringV, *SeqSetV, AnyV:
		return "a special set constant" // TLC's UserValue
	}
	return "a set"
}

func kindName(v Value) string {
	switch v.(type) {
	case Bool:
		return "boolean"
	case Int:
		return "integer"
	case Str:
		return "string"
	case *ModelValue:
		return "model value"
	case *FcnV, *LazyFcnV:
		return "function"
	case *OpValue:
		return "operator"
	}
	return "set"
}

// ---------------------------------------------------------------- names

// instancePath resolves the instance path I(a, b)!J! of an application
// compiled in sc: the instantiated module's environment and the parameter
// values to push while it is evaluated (at: the temporal level the
// arguments are evaluated in, nil for sc's frame). An unknown instance or a
// wrong number of arguments is a compile error at its position.
func (p *Program) instancePath(sc cscope, prefix []*ast.PrefixPart, at *tlevel) (*modEnv, []instPush) {
	env := sc.env
	var pushes []instPush
	for _, pp := range prefix {
		ie := env.inst(pp)
		if ie == nil {
			compileErr(sc.loc(pp), "unknown instance %s", pp.Name.Name)
		}
		if len(pp.Args) != ie.nparams {
			compileErr(sc.loc(pp), "instance %s takes %d arguments, got %d", pp.Name.Name, ie.nparams, len(pp.Args))
		}
		if ie.nparams > 0 {
			pushes = append(pushes, instPush{key: ie.instKey, args: p.opCallArgs(sc, pp.Args), at: at})
		}
		env = ie
	}
	return env, pushes
}

func (p *Program) compileApp(sc cscope, x *ast.OpApp) expr {
	l := sc.loc(x)
	name := x.Name.Name
	if len(x.Prefix) > 0 {
		if ref := p.labelRef(sc.env, x); ref != nil {
			return p.compileApp(sc, p.selApp(sc, ref))
		}
		env, pushes := p.instancePath(sc, x.Prefix, nil)
		d := env.resolve(x.Name)
		if d == nil {
			compileErr(l, "unknown operator %s!%s", x.Prefix[len(x.Prefix)-1].Name.Name, name)
		}
		inner := p.callDef(sc, d, x.Args, l)
		if len(pushes) == 0 {
			return inner
		}
		return func(c *Ctx, f *frame) Value {
			n := push(c, f, pushes)
			v := inner(c, f)
			c.inst = c.inst[:n]
			return v
		}
	}
	if b, depth := sc.findUse(x.Name); b != nil {
		slot := b.slot
		switch b.kind {
		case bMacro:
			if x.Args != nil {
				compileErr(l, "%s is not an operator", name)
			}
			if b.inAct {
				compileErr(l, "recursive action argument %s", name)
			}
			b.inAct = true
			bsc := *b.bsc
			// with coverage, counted once per call (macroArgCounted), also
			// where an outer argument is being evaluated (sc.covOff: the
			// chain of arguments Small(v) passes on counts as TLC's lazy
			// values, each at its first use in its call)
			counted := p.cov != nil && !bsc.covOff && b.fs != nil
			bsc.covOff = bsc.covOff || counted
			e := func() expr {
				defer func() { b.inAct = false }() // also when a compile error is recovered
				return p.compile(bsc, b.body)
			}()
			if counted {
				return p.macroArgCounted(b, depth, e)
			}
			return func(c *Ctx, f *frame) Value { return e(c, frameAt(f, depth+1)) }
		case bVar:
			if x.Args != nil {
				compileErr(l, "%s is not an operator", name)
			}
			if b.lazyArg || b.cellArg {
				return func(c *Ctx, f *frame) Value {
					v := frameAt(f, depth).s[slot]
					if cell, ok := v.(*lazyCell); ok {
						return cell.force(c, l, name)
					}
					return v
				}
			}
			if depth == 0 {
				return func(c *Ctx, f *frame) Value { return f.s[slot] }
			}
			return func(c *Ctx, f *frame) Value { return frameAt(f, depth).s[slot] }
		case bLazy:
			return func(c *Ctx, f *frame) Value {
				return frameAt(f, depth).s[slot].(*lazyCell).force(c, l, name)
			}
		case bMacroOp:
			if len(x.Args) != 1 {
				compileErr(l, "operator %s takes 1 argument, got %d", name, len(x.Args))
			}
			return p.compile(sc, applyExprOp(x, b.opName, x.Args[0]))
		case bMacroOpRef:
			// outside an action's assignments: the operator's value, called
			if len(x.Args) != b.arity {
				compileErr(l, "operator %s takes %d arguments, got %d", name, b.arity, len(x.Args))
			}
			op := p.compileOpArg(*b.bsc, b.body, b.arity)
			args := make([]expr, len(x.Args))
			for i, a := range x.Args {
				if ar := p.opArgArity(sc, a); ar > 0 {
					args[i] = p.compileOpArg(sc, a, ar)
				} else {
					args[i] = p.compile(sc, a)
				}
			}
			return func(c *Ctx, f *frame) Value {
				ov := op(c, frameAt(f, depth+1)).(*OpValue)
				vs := make([]Value, len(args))
				for i, a := range args {
					vs[i] = a(c, f)
				}
				return ov.Call(c, vs)
			}
		case bOp:
			if b.letOp != nil && b.plan != nil && len(x.Args) == len(b.letOp.Params) {
				// a LET operator some of whose arguments are evaluated
				// when first used (lazyargs.go)
				la := p.compileLazyArgs(sc, b.plan, b.letOp.Params, x.Args)
				fs, n := b.opFS, len(x.Args)
				return func(c *Ctx, f *frame) Value {
					op := frameAt(f, depth).s[slot].(*OpValue)
					vs := make([]Value, n)
					mark := c.frames.mark()
					la.bind(c, f, vs, fs.cellSafe())
					v := op.Call(c, vs)
					c.frames.release(mark)
					return v
				}
			}
			// a LET operator's parameters are not known here: an argument
			// naming an operator is passed as one
			args := make([]expr, len(x.Args))
			for i, a := range x.Args {
				if ar := p.opArgArity(sc, a); ar > 0 {
					args[i] = p.compileOpArg(sc, a, ar)
				} else {
					args[i] = p.compile(sc, a)
				}
			}
			if len(args) != b.arity {
				compileErr(l, "operator %s takes %d arguments, got %d", name, b.arity, len(args))
			}
			return func(c *Ctx, f *frame) Value {
				op := frameAt(f, depth).s[slot].(*OpValue)
				vs := make([]Value, len(args))
				for i, a := range args {
					vs[i] = a(c, f)
				}
				return op.Call(c, vs)
			}
		}
	}
	d := sc.env.resolve(x.Name)
	if d == nil {
		switch name {
		case "BOOLEAN":
			v := mkSet([]Value{Bool(false), Bool(true)})
			return func(*Ctx, *frame) Value { return v }
		case "STRING":
			return func(*Ctx, *frame) Value { return StringV{} }
		}
		compileErr(l, "unknown operator %s", name)
	}
	return p.callDef(sc, d, x.Args, l)
}

// compileArgs compiles arguments; params says which positions take operators.
func (p *Program) compileArgs(sc cscope, args []ast.Expr, opArity []int, l *Loc) []expr {
	out := make([]expr, len(args))
	for i, a := range args {
		if i < len(opArity) && opArity[i] > 0 {
			if lit := p.literalOp(sc, a); lit != nil {
				// TLC takes an operator whose body is a number or a
				// string for that value (SpecProcessor keeps the
				// literal as the definition's value): the operator
				// implemented in Java then finds no operator
				out[i] = p.compile(sc, lit)
				continue
			}
			out[i] = p.compileOpArg(sc, a, opArity[i])
			continue
		}
		out[i] = p.compile(sc, a)
	}
	return out
}

// literalOp is the body of the operator argument a when it is a number or
// a string literal: a LAMBDA's, or a module-level definition's; else nil.
func (p *Program) literalOp(sc cscope, a ast.Expr) ast.Expr {
	var body ast.Expr
	switch x := a.(type) {
	case *ast.Lambda:
		body = x.Body
	case *ast.OpApp:
		if x.Args != nil || len(x.Prefix) > 0 {
			return nil
		}
		if b, _ := sc.findUse(x.Name); b != nil {
			return nil
		}
		d := sc.env.resolve(x.Name)
		if d == nil || d.kind != dOp || d.opdef == nil || len(d.params) == 0 {
			return nil
		}
		body = d.body
	}
	switch lit := ast.Unparen(body).(type) {
	case *ast.Number, *ast.String:
		return lit
	}
	return nil
}

// compileOpArg compiles an argument passed for an operator parameter.
func (p *Program) compileOpArg(sc cscope, a ast.Expr, arity int) expr {
	l := sc.loc(a)
	if x, ok := a.(*ast.SubexprRef); ok {
		a = p.selApp(sc, x)
	}
	switch x := a.(type) {
	case *ast.Lambda:
		sc.fs.markCaptured()
		fs := &fscope{up: sc.fs}
		sc2 := cscope{env: sc.env, fs: fs, b: sc.b, file: sc.file}
		for _, prm := range x.Params {
			sc2, _ = sc2.with(prm, bVar, 0)
		}
		body := p.compile(sc2, x.Body)
		n := len(x.Params)
		return func(c *Ctx, f *frame) Value {
			return &OpValue{Name: "LAMBDA", Arity: n, Call: func(c *Ctx, args []Value) Value {
				nf := newFrame(fs.size, f)
				copy(nf.s, args)
				return body(c, nf)
			}}
		}
	case *ast.OpApp:
		if x.Args == nil && len(x.Prefix) == 0 {
			if b, depth := sc.findUse(x.Name); b != nil && b.kind == bOp {
				slot := b.slot
				return func(c *Ctx, f *frame) Value { return frameAt(f, depth).s[slot] }
			} else if b != nil && b.kind == bMacroOpRef { // passed along
				inner := p.compileOpArg(*b.bsc, b.body, arity)
				return func(c *Ctx, f *frame) Value { return inner(c, frameAt(f, depth+1)) }
			}
		}
		if x.Args == nil {
			env := sc.env
			for _, pp := range x.Prefix {
				env = env.inst(pp)
				if env == nil {
					compileErr(l, "unknown instance %s", pp.Name.Name)
				}
			}
			d := env.resolve(x.Name)
			if d == nil && len(x.Prefix) == 0 && arity == 1 && builtinPrefix[x.Name.Name] {
				// SUBSET, UNION, DOMAIN, ~, - passed as an operator
				id := &ast.Ident{Span: x.Span, Name: "_arg"}
				arg := &ast.OpApp{Span: x.Span, Name: id}
				lam := &ast.Lambda{Span: x.Span, Params: []*ast.Ident{id},
					Body: &ast.PrefixExpr{Span: x.Span, Op: x.Name.Name, X: arg}}
				return p.compileOpArg(sc, lam, arity)
			}
			if d == nil && len(x.Prefix) == 0 && arity == 2 && builtinInfix[x.Name.Name] {
				// \cup, =, /\, ... passed as an operator
				a, b := &ast.Ident{Span: x.Span, Name: "_a"}, &ast.Ident{Span: x.Span, Name: "_b"}
				lam := &ast.Lambda{Span: x.Span, Params: []*ast.Ident{a, b},
					Body: &ast.Infix{Span: x.Span, Op: x.Name.Name, OpAt: x.Name.Span,
						X: &ast.OpApp{Span: x.Span, Name: a}, Y: &ast.OpApp{Span: x.Span, Name: b}}}
				return p.compileOpArg(sc, lam, arity)
			}
			if d == nil {
				compileErr(l, "unknown operator %s", x.Name.Name)
			}
			return p.opValueOf(sc, d, l)
		}
	}
	compileErr(l, "expected an operator argument")
	return nil
}

// builtinLoc is the location a built-in operator raises its errors at:
// TLC's are Java methods (its standard modules' overrides), whose errors
// it prints with no location ("Len", "Head", "Assert", "Overflow when
// computing", ...), so the location is the application's, unprinted.
func builtinLoc(l *Loc) *Loc { return l.unprinted() }

// opValueOf wraps a module-level definition as an operator value.
func (p *Program) opValueOf(sc cscope, d *def, l *Loc) expr {
	n := d.arity()
	var call func(c *Ctx, args []Value) Value
	switch d.kind {
	case dBuiltin:
		bi, ul := d.bi, builtinLoc(l)
		call = func(c *Ctx, args []Value) Value { return bi.fn(c, args, ul) }
	case dOp:
		p.ensureCompiled(d)
		call = func(c *Ctx, args []Value) Value { return p.invoke(c, d, args) }
	case dConst:
		t := d.table
		if t == nil {
			compileErr(l, "%s is not an operator", d.name)
		}
		call = func(c *Ctx, args []Value) Value { return t.apply(args, l) }
	case dSubst:
		// a constant operator substituted by a definition
		inner := p.resolveSubstDef(d)
		if inner == nil {
			compileErr(l, "cannot pass %s as an operator", d.name)
		}
		return p.opValueOf(sc, inner, l)
	default:
		compileErr(l, "%s is not an operator", d.name)
	}
	ov := &OpValue{Name: d.name, Arity: n, Call: call}
	return func(*Ctx, *frame) Value { return ov }
}

func (p *Program) resolveSubstDef(d *def) *def {
	for d != nil && d.kind == dSubst {
		var app *ast.OpApp
		env := d.senv
		switch x := d.sexpr.(type) {
		case *ast.OpApp:
			app = x
		case *ast.SubexprRef:
			// WITH A <- Op!@!++: the definition made for the selection
			app = p.selApp(cscope{env: env, file: d.loc.File}, x)
			for _, pp := range app.Prefix {
				if env = env.inst(pp); env == nil {
					return nil
				}
			}
		}
		if app == nil || app.Args != nil {
			return nil
		}
		d = env.resolve(app.Name)
	}
	return d
}

// invoke calls a compiled operator with evaluated arguments.
func (p *Program) invoke(c *Ctx, d *def, args []Value) Value {
	var f *frame
	if d.fs.size > 0 {
		f = newFrame(d.fs.size, nil)
		copy(f.s, args)
	}
	return d.e(c, f)
}

func (p *Program) ensureCompiled(d *def) {
	if d.e != nil || d.compiling {
		return
	}
	d.compiling = true
	defer func() { d.compiling = false }() // also when a compile error is recovered
	d.fs = &fscope{}
	sc := p.paramScope(cscope{env: d.env, fs: d.fs, file: d.loc.File}, d, p.planOf(d))
	// callCompiled keeps the value of a constant definition of no
	// argument: its parts need no cache of their own
	sc.hoisted = d.kind == dOp && len(d.params) == 0 && p.isConstant(d)
	var e expr
	if d.kind == dFunc {
		e = p.compileFuncDef(sc, d)
	} else {
		e = p.compile(sc, d.body)
	}
	d.e = e
	d.compiling = false
}

// noStateSuffix ends the error of a variable evaluated without a state.
const noStateSuffix = " has no value: the expression is evaluated without a state"

// callDef compiles a reference to a module-level definition.
func (p *Program) callDef(sc cscope, d *def, argAsts []ast.Expr, l *Loc) expr {
	switch d.kind {
	case dVar:
		if argAsts != nil {
			compileErr(l, "variable %s is not an operator", d.name)
		}
		idx, name := d.varIdx, d.name
		return func(c *Ctx, f *frame) Value {
			v := c.Cur[idx]
			if v == nil {
				if c.NoState {
					throw(l, "The variable %s"+noStateSuffix, name)
				}
				if c.primed > 0 {
					throw(l, "The variable %s' has no value yet: it is used before it is assigned", name)
				}
				throw(l, "The variable %s has no value yet", name)
			}
			return v
		}
	case dInstParam:
		key, i, name := d.instKey, d.varIdx, d.name
		val := func(c *Ctx) Value {
			for k := len(c.inst) - 1; k >= 0; k-- {
				if c.inst[k].key == key {
					return c.inst[k].vals[i]
				}
			}
			throw(l, "instance parameter %s has no value here", name)
			return nil
		}
		if argAsts == nil {
			return func(c *Ctx, f *frame) Value { return val(c) }
		}
		// an operator parameter, I(A(_, _)) == INSTANCE M: its argument
		// was passed as an operator value (instancePath)
		args := p.opCallArgs(sc, argAsts)
		return func(c *Ctx, f *frame) Value {
			op, ok := val(c).(*OpValue)
			if !ok {
				throw(l, "instance parameter %s is not an operator", name)
			}
			if op.Arity != len(args) {
				throw(l, "operator %s takes %d arguments, got %d", name, op.Arity, len(args))
			}
			vs := make([]Value, len(args))
			for i, a := range args {
				vs[i] = a(c, f)
			}
			return op.Call(c, vs)
		}
	case dConst:
		if d.missing {
			compileErr(l, "The constant parameter %s is not assigned a value by the configuration file.", d.name)
		}
		if d.table != nil {
			if argAsts == nil {
				compileErr(l, "%s is an operator of %d arguments: the configuration gives its values on arguments", d.name, d.table.Arity())
			}
			return p.tableCall(sc, d, argAsts, l)
		}
		if argAsts != nil {
			compileErr(l, "constant %s is not an operator", d.name)
		}
		v := d.cval
		return func(*Ctx, *frame) Value { return v }
	case dSubst:
		if d.substArity > 0 || argAsts != nil {
			inner := p.resolveSubstDef(d)
			if inner == nil {
				compileErr(l, "unsupported substitution for operator %s", d.name)
			}
			return p.callDef(sc, inner, argAsts, l)
		}
		if d.cfgConst {
			if e := p.constSubstBody(d, l); e != nil {
				return e
			}
		}
		if d.e == nil && !d.compiling {
			d.compiling = true
			d.fs = &fscope{}
			d.e = p.compile(cscope{env: d.senv, fs: d.fs, file: d.loc.File}, d.sexpr)
			d.compiling = false
		}
		return p.callCompiled(d, nil, l)
	case dBuiltin:
		bi := d.bi
		if bi.special != nil {
			return bi.special(p, sc, argAsts, l)
		}
		if len(argAsts) != bi.arity {
			compileErr(l, "operator %s takes %d arguments, got %d", d.name, bi.arity, len(argAsts))
		}
		args := p.compileArgs(sc, argAsts, bi.opArgs, l)
		l := builtinLoc(l)
		if bi.arity == 0 {
			v := bi.fn(nil, nil, l)
			return func(*Ctx, *frame) Value { return v }
		}
		fn := bi.fn
		switch len(args) {
		case 1:
			a0 := args[0]
			if fn1 := bi.fn1; fn1 != nil {
				return func(c *Ctx, f *frame) Value { return fn1(a0(c, f), l) }
			}
			return func(c *Ctx, f *frame) Value { return fn(c, []Value{a0(c, f)}, l) }
		case 2:
			a0, a1 := args[0], args[1]
			if fn2 := bi.fn2; fn2 != nil {
				return func(c *Ctx, f *frame) Value { return fn2(a0(c, f), a1(c, f), l) }
			}
			return func(c *Ctx, f *frame) Value { return fn(c, []Value{a0(c, f), a1(c, f)}, l) }
		}
		return func(c *Ctx, f *frame) Value {
			vs := make([]Value, len(args))
			for i, a := range args {
				vs[i] = a(c, f)
			}
			return fn(c, vs, l)
		}
	case dOp, dFunc:
		if len(argAsts) != len(d.params) {
			if d.kind == dOp && d.opdef == nil {
				compileErr(l, "parameterized INSTANCE definitions are not supported by the checker yet")
			}
			if d.selHead != nil && len(argAsts) == 0 {
				compileErr(l, "The operator %s requires %d arguments.", d.selHead.Name, d.selHeadN)
			}
			compileErr(l, "operator %s takes %d arguments, got %d", d.name, len(d.params), len(argAsts))
		}
		if e := p.inlineActionArgs(sc, d, argAsts, l); e != nil {
			return e
		}
		if pl := p.planOf(d); pl != nil {
			la := p.compileLazyArgs(sc, pl, d.params, argAsts)
			p.ensureCompiled(d)
			return p.callLazy(d, la, l)
		}
		args := p.compileCallArgs(sc, d, argAsts, l)
		p.ensureCompiled(d)
		return p.callCompiled(d, args, l)
	}
	compileErr(l, "cannot evaluate %s", d.name)
	return nil
}

// callCompiled calls d (compiled lazily for recursion) with args.
func (p *Program) callCompiled(d *def, args []expr, l *Loc) expr {
	if len(args) == 0 {
		if p.isConstant(d) {
			return func(c *Ctx, f *frame) Value {
				if cv := d.cache.Load(); cv != nil {
					return cv.v
				}
				c.enter(l)
				var nf *frame
				if d.fs.size > 0 {
					nf = newFrame(d.fs.size, nil)
				}
				// the cached value serves every use: not kept lazy for one
				lazy := c.keepLazy
				c.keepLazy = false
				if lazy {
					v, ok := c.tryEval(func() Value { return d.e(c, nf) })
					if !ok {
						// TLC leaves a constant it cannot compute to each
						// use (SpecProcessor.processConstantDefns): where
						// it is applied (f[a]) its function stays lazy,
						// computed at a only (lazy.go)
						c.keepLazy = true
						if d.fs.size > 0 {
							nf = newFrame(d.fs.size, nil)
						}
						v = d.e(c, nf)
						c.keepLazy = lazy
						c.depth--
						return v
					}
					c.keepLazy = lazy
					c.depth--
					d.cache.Store(&cachedVal{v})
					return v
				}
				v := d.e(c, nf)
				c.keepLazy = lazy
				c.depth--
				d.cache.Store(&cachedVal{v})
				return v
			}
		}
		if slot := p.stateSlot(d); slot >= 0 {
			if p.cov != nil {
				return p.stateCallCov(d, slot, l)
			}
			return func(c *Ctx, f *frame) Value {
				if v := c.stateCachedValue(slot); v != nil {
					return v
				}
				c.enter(l)
				mark := c.frames.mark()
				v := d.e(c, c.frames.frameFor(d.fs))
				c.frames.release(mark)
				c.depth--
				if c.prog.debug == nil && c.prog.cov == nil {
					c.keepStateValue(slot, v)
				}
				return v
			}
		}
		return func(c *Ctx, f *frame) Value {
			c.enter(l)
			mark := c.frames.mark()
			v := d.e(c, c.frames.frameFor(d.fs))
			c.frames.release(mark)
			c.depth--
			return v
		}
	}
	n := len(args)
	call := func(c *Ctx, f *frame) Value {
		mark := c.frames.mark()
		nf := c.frames.frameFor(d.fs)
		for i := 0; i < n; i++ {
			nf.s[i] = args[i](c, f)
		}
		c.enter(l)
		v := d.e(c, nf)
		c.frames.release(mark)
		c.depth--
		return v
	}
	if p.memoizable(d) {
		return p.memoCall(d, args, l, call)
	}
	return call
}

// constSubstBody compiles a use of a constant the configuration replaces by
// a definition (C <- Def) as TLC evaluates it: Def's body again at each use
// (SpecProcessor leaves C uncached), while Def used by its own name keeps
// the value computed once. Only a body that draws a random value or prints
// can tell the two apart; for any other it returns nil and C is cached.
func (p *Program) constSubstBody(d *def, l *Loc) expr {
	app, ok := d.sexpr.(*ast.OpApp)
	if !ok || len(app.Prefix) > 0 {
		return nil
	}
	to := p.Root.defs[app.Name.Name] // the configuration's C <- Def
	if to == nil || !p.reevaluated(d, to) {
		return nil
	}
	fs := &fscope{}
	e := p.compile(cscope{env: to.env, fs: fs, file: to.loc.File}, to.body)
	return func(c *Ctx, f *frame) Value {
		c.enter(l)
		mark := c.frames.mark()
		v := e(c, c.frames.frameFor(fs))
		c.frames.release(mark)
		c.depth--
		return v
	}
}

// reevaluated reports whether the constant d, replaced by the definition
// to (C <- Def), evaluates Def's body at each use: Def takes no argument
// and its body may draw a random value or print.
func (p *Program) reevaluated(d, to *def) bool {
	if d.reeval == 0 {
		d.reeval = 1
		if to.kind == dOp && len(to.params) == 0 && to.body != nil && to.loc != nil &&
			p.reaches(to.env, to.body, map[*def]bool{}, func(bi *builtin) bool { return bi.draws || sideEffects[bi] }) {
			d.reeval = 2
		}
	}
	return d.reeval == 2
}

type cachedVal struct{ v Value }

const maxDepth = 20000

func (c *Ctx) enter(l *Loc) {
	c.depth++
	if c.depth > maxDepth {
		c.depth = 0
		throw(l, "recursion too deep (more than %d nested calls): infinite recursion?", maxDepth)
	}
	c.checkInterrupt(l)
	// Slots above depth are stale, never popped: a panic unwinds without
	// decrementing depth, so calls[:depth] is the chain at the throw.
	if c.depth > len(c.calls) {
		c.calls = append(c.calls, l)
	} else {
		c.calls[c.depth-1] = l
	}
}

// recordCalls gives an evaluation error raised during a run the chain of
// applications being evaluated. Deferred before Catch, so it runs after.
func (c *Ctx) recordCalls(err *error) {
	ee, ok := (*err).(*Error)
	if !ok || ee.Calls != nil || c.depth <= 0 || c.depth > len(c.calls) {
		return
	}
	for _, l := range c.calls[:c.depth] {
		if l != nil {
			ee.Calls = append(ee.Calls, l)
		}
	}
}

// paramScope binds d's parameters in sc (an operator that uses the next
// state may receive its value arguments unevaluated: usesNext).
// Parameters lazy in pl (the compiled body's, which callCompiled calls)
// may hold their call's cells (lazyargs.go).
func (p *Program) paramScope(sc cscope, d *def, pl *argPlan) cscope {
	lazy := p.usesNext(d)
	for i, prm := range d.params {
		k := bVar
		if prm.Arity > 0 {
			k = bOp
		}
		sc, _ = sc.with(prm.Name, k, prm.Arity)
		sc.b.lazyArg = lazy && prm.Arity == 0
		sc.b.cellArg = pl != nil && pl.lazy[i]
	}
	return sc
}

// compileCallArgs compiles the arguments of a call of d.
func (p *Program) compileCallArgs(sc cscope, d *def, args []ast.Expr, l *Loc) []expr {
	out := make([]expr, len(args))
	for i, a := range args {
		out[i] = p.compileArg(sc, d, i, a)
	}
	return out
}

// compileArg compiles the i-th argument a of a call of d. When d uses the
// next state and a depends on the state, a is passed unevaluated, as TLC
// does: with F(v) == v', F(x) is x' (a lazy cell evaluated in the state
// where the parameter is used).
func (p *Program) compileArg(sc cscope, d *def, i int, a ast.Expr) expr {
	if ar := d.params[i].Arity; ar > 0 {
		return p.compileOpArg(sc, a, ar)
	}
	e := p.compile(sc, a)
	if d.kind == dOp && p.usesNext(d) && p.scopeLevel(sc, a, 0) >= LevelState {
		sc.fs.markCaptured() // the cell keeps the caller's frame
		return func(c *Ctx, f *frame) Value { return &lazyCell{e: e, f: f, dyn: true} }
	}
	return e
}

// macroScope is the scope of d's body compiled at one call (args in the
// caller's scope sc): parameters marked in macro stand for their argument
// expressions, inlined (an action passed to an operator, a variable the
// operator assigns), the others are bound by the returned function, which
// makes the callee's frame (its up frame is the caller's).
func (p *Program) macroScope(sc cscope, d *def, args []ast.Expr, macro []bool) (cscope, func(*Ctx, *frame) *frame) {
	fs := &fscope{up: sc.fs}
	sc2 := cscope{env: d.env, fs: fs, file: d.loc.File, inl: sc.inl + 1}
	lazy := p.usesNext(d)
	var cargs []expr
	var slots []int
	for i, prm := range d.params {
		if macro[i] && prm.Arity > 0 {
			if op := exprOpOf(args[i]); op != "" {
				sc2.b = &binding{name: prm.Name.Name, id: prm.Name, fs: fs, slot: -1, kind: bMacroOp, opName: op, next: sc2.b}
			} else {
				caller := sc
				sc2.b = &binding{name: prm.Name.Name, id: prm.Name, fs: fs, slot: -1, kind: bMacroOpRef, arity: prm.Arity, body: args[i], bsc: &caller, next: sc2.b}
			}
			continue
		}
		if macro[i] {
			sc2 = sc2.withMacro(prm.Name, args[i], sc)
			continue
		}
		k := bVar
		if prm.Arity > 0 {
			k = bOp
		}
		var s int
		sc2, s = sc2.with(prm.Name, k, prm.Arity)
		sc2.b.lazyArg = lazy && prm.Arity == 0
		slots = append(slots, s)
		cargs = append(cargs, p.compileArg(sc, d, i, args[i]))
	}
	bind := func(c *Ctx, f *frame) *frame {
		// never nil: inlined arguments are evaluated in its up frame
		nf := &frame{s: make([]Value, fs.size), up: f}
		for i, ca := range cargs {
			nf.s[slots[i]] = ca(c, f)
		}
		return nf
	}
	return sc2, bind
}

// maxInline bounds the nesting of operators inlined at their calls.
const maxInline = 30

// inlineActionArgs compiles a call of d that passes an action as an
// argument (B(Next) with B(d) == ENABLED d): the body is compiled at this
// call with the action in place of its parameter, as TLC evaluates it. nil
// when no argument is an action.
func (p *Program) inlineActionArgs(sc cscope, d *def, args []ast.Expr, l *Loc) expr {
	if d.kind != dOp || d.opdef == nil || d.body == nil || sc.inl > maxInline {
		return nil
	}
	macro := make([]bool, len(args))
	any := false
	for i, a := range args {
		if (d.params[i].Arity == 0 && p.isAction(sc, a)) || (d.params[i].Arity == 1 && exprOpOf(a) != "") {
			macro[i], any = true, true
		}
	}
	if !any {
		return nil
	}
	sc2, bind := p.macroScope(sc, d, args, macro)
	body := p.compile(sc2, d.body)
	return func(c *Ctx, f *frame) Value {
		c.enter(l)
		v := body(c, bind(c, f))
		c.depth--
		return v
	}
}

// userOp compiles the application of an operator symbol (infix, prefix or
// postfix) when the spec defines it: in a LET (`LET f ** g == ... IN`) or
// as a module definition. nil when the symbol is TLA+'s or a standard
// module's.
func (p *Program) userOp(sc cscope, n ast.Expr, op string, args []ast.Expr) expr {
	id := &ast.Ident{Span: n.Pos(), Name: op}
	if ent := p.opOf(n); ent != nil {
		p.made.Store(id, ent) // the name applied is the symbol's definition
	}
	if b, _ := sc.findUse(id); b == nil {
		if d := sc.env.resolve(id); d == nil || d.kind == dBuiltin {
			return nil
		}
	}
	app := &ast.OpApp{Name: id, Args: args}
	app.Span = n.Pos()
	return p.compileApp(sc, app)
}

// builtinPrefix are TLA+'s prefix operators on values, which can be passed
// as operator arguments.
var builtinPrefix = map[string]bool{"SUBSET": true, "UNION": true, "DOMAIN": true, "~": true, "-.": true}

// builtinInfix are TLA+'s infix operators on values that no module
// defines, in every spelling, which can be passed as operator arguments.
var builtinInfix = map[string]bool{
	`\cup`: true, `\union`: true, "∪": true, `\cap`: true, `\intersect`: true, "∩": true, `\`: true,
	`\in`: true, "∈": true, `\notin`: true, "∉": true, `\subseteq`: true, "⊆": true,
	"=": true, "#": true, "/=": true, "≠": true,
	`/\`: true, `\land`: true, "∧": true, `\/`: true, `\lor`: true, "∨": true,
	"=>": true, `\implies`: true, "⇒": true, "<=>": true, `\equiv`: true, "≡": true, "⇔": true,
}

// exprOpOf is the operator of exprOps that a names, or "".
func exprOpOf(a ast.Expr) string {
	if app, ok := a.(*ast.OpApp); ok && app.Args == nil && len(app.Prefix) == 0 && exprOps[app.Name.Name] {
		return app.Name.Name
	}
	return ""
}

// opArgArity is the arity of the operator a names (LAMBDA, an operator
// name, a prefix operator of TLA+), 0 when a is an expression.
func (p *Program) opArgArity(sc cscope, a ast.Expr) int {
	if x, ok := a.(*ast.SubexprRef); ok {
		a = p.selApp(sc, x)
	}
	switch x := a.(type) {
	case *ast.Lambda:
		return len(x.Params)
	case *ast.OpApp:
		if x.Args != nil || len(x.Prefix) > 0 {
			return 0
		}
		if b, _ := sc.findUse(x.Name); b != nil {
			if b.kind == bOp || b.kind == bMacroOpRef {
				return b.arity
			}
			return 0
		}
		if d := sc.env.resolve(x.Name); d != nil {
			return d.arity()
		}
		if builtinPrefix[x.Name.Name] {
			return 1
		}
	}
	return 0
}
