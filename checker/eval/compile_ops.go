package eval

import (
	"fmt"

	"github.com/tlals/tlals/parser/ast"
)

// The built-in operators: infix and prefix operators (arithmetic, sets,
// logic, ENABLED, UNCHANGED) and priming.

func sprintfImpl(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// coreInfix are operators of TLA+ itself (not of a standard module).
var coreInfix = map[string]bool{
	"/\\": true, "\\/": true, "=>": true, "<=>": true, "\\equiv": true, "=": true, "/=": true,
	"\\in": true, "\\notin": true, "\\subseteq": true, "\\cup": true, "\\cap": true, "\\": true,
}

func (p *Program) compileInfix(sc cscope, x *ast.Infix) expr {
	l := sc.loc(x)
	// a user definition of the symbol takes precedence
	if e := p.userOp(sc, x, x.Op, []ast.Expr{x.X, x.Y}); e != nil {
		return e
	} else if d := sc.env.resolveOp(x, x.Op); d != nil && d.bi.special == nil && d.bi.arity == 2 {
		a, b := p.compile(sc, x.X), p.compile(sc, x.Y)
		l := builtinLoc(l)
		if fn2 := d.bi.fn2; fn2 != nil {
			return func(c *Ctx, f *frame) Value { return fn2(a(c, f), b(c, f), l) }
		}
		fn := d.bi.fn
		return func(c *Ctx, f *frame) Value { return fn(c, []Value{a(c, f), b(c, f)}, l) }
	}
	switch x.Op {
	case "/\\", "\\/", "=>", "<=>", "\\equiv":
		// TLC's messages for a non-boolean operand name the form
		form := x.Op
		if form == "\\equiv" {
			form = "<=>"
		}
		operand := func(which string) func(v Value) string {
			if form == "<=>" {
				return func(Value) string {
					return "Attempted to evaluate an expression of form P <=> Q when P or Q was not a boolean."
				}
			}
			return func(v Value) string {
				return "Attempted to evaluate an expression of form P " + form + " Q when " + which + " was\n" + aKind(v) + "."
			}
		}
		a, b := p.compileCond(sc, x.X, l, operand("P")), p.compileCond(sc, x.Y, l, operand("Q"))
		switch x.Op {
		case "/\\":
			return func(c *Ctx, f *frame) Value { return Bool(a(c, f) && b(c, f)) }
		case "\\/":
			return func(c *Ctx, f *frame) Value { return Bool(a(c, f) || b(c, f)) }
		case "=>":
			return func(c *Ctx, f *frame) Value { return Bool(!a(c, f) || b(c, f)) }
		}
		return func(c *Ctx, f *frame) Value { return Bool(a(c, f) == b(c, f)) }
	}
	if x.Op == "\\cdot" {
		// TLC evaluates action composition only when started with
		// -Dtlc2.tool.impl.Tool.cdot=true; otherwise evaluating it fails
		// (after the assumptions and the initial states, as here).
		return func(c *Ctx, f *frame) Value {
			throw(l, "The current version of TLC does not support action composition.  An incomplete implementation can be enabled via the tlc2.tool.impl.Tool.cdot=true java property.")
			return nil
		}
	}
	if se, ok := ast.Unparen(x.Y).(*ast.SetEnum); ok && (x.Op == "\\in" || x.Op == "\\notin") &&
		len(se.Elems) > 0 && len(se.Elems) <= enumInMax {
		return p.compileEnumIn(sc, x, se)
	}
	if tup, ok := ast.Unparen(x.X).(*ast.Tuple); ok && (x.Op == "\\in" || x.Op == "\\notin") &&
		len(tup.Elems) > 0 && len(tup.Elems) <= 4 && !(hoistable(tup) && p.closed(sc, tup, nil)) {
		return p.compileTupleIn(sc, x, tup)
	}
	if x.Op == "=" || x.Op == "/=" {
		if e := p.compileTupleEq(sc, x); e != nil {
			return e
		}
	}
	a, b := p.compile(sc, x.X), p.compile(sc, x.Y)
	switch x.Op {
	case "=":
		return func(c *Ctx, f *frame) Value {
			av := a(c, f)
			return Bool(equalAt(l, av, b(c, f)))
		}
	case "/=":
		return func(c *Ctx, f *frame) Value {
			av := a(c, f)
			return Bool(!equalAt(l, av, b(c, f)))
		}
	case "\\in", "\\notin":
		neg := x.Op == "\\notin"
		return func(c *Ctx, f *frame) Value {
			av, bv := a(c, f), b(c, f)
			return Bool(at(l, func() bool { return mustMember(l, av, bv) }) != neg)
		}
	case "\\subseteq":
		if se, ok := ast.Unparen(x.X).(*ast.SetEnum); ok && len(se.Elems) > 0 && len(se.Elems) <= 4 &&
			!(hoistable(se) && p.closed(sc, se, nil)) {
			return p.compileEnumSubseteq(sc, se, b, l)
		}
		return func(c *Ctx, f *frame) Value {
			ok, err := subseteq(a(c, f), b(c, f))
			check(l, err)
			return Bool(ok)
		}
	case "\\cup", "\\cap", "\\":
		op := x.Op
		if se, ok := ast.Unparen(x.Y).(*ast.SetEnum); ok && op == "\\cup" && len(se.Elems) == 1 {
			// S \cup {e}: e put in its place without making {e}; with
			// coverage {e} counts as the literal's evaluation would
			el, n := p.compile(sc, se.Elems[0]), p.ownCounter(sc, se)
			return func(c *Ctx, f *frame) Value {
				av := a(c, f)
				if n != 0 {
					c.count(n, 1)
				}
				v := el(c, f)
				if !isInfinite(v) {
					v = normV(v) // as the set {e} holds it
				}
				if sa, ok := av.(*SetV); ok && len(sa.elems) > 0 {
					return unionOne(sa, v)
				}
				one := newSet(1)
				one.elems[0] = v
				return setOp(op, av, one, l)
			}
		}
		if se, ok := ast.Unparen(x.Y).(*ast.SetEnum); ok && op == "\\" && len(se.Elems) == 1 {
			// S \ {e}: e removed without making {e}
			el := p.compile(sc, se.Elems[0])
			return func(c *Ctx, f *frame) Value {
				av := a(c, f)
				v := el(c, f)
				if !isInfinite(v) {
					v = normV(v) // as the set {e} holds it
				}
				if sa, ok := av.(*SetV); ok {
					return diffOne(sa, v)
				}
				one := newSet(1)
				one.elems[0] = v
				return setOp(op, av, one, l)
			}
		}
		return func(c *Ctx, f *frame) Value {
			return setOp(op, a(c, f), b(c, f), l)
		}
	}
	compileErr(l, "operator %s is not defined (EXTEND the standard module that defines it)", x.Op)
	return nil
}

// compileEnumSubseteq compiles {e1, ..., en} \subseteq S (`{e[1], e[2]}
// \subseteq vs` for each edge of a graph) without making the set: its
// elements are evaluated and normalized as the set literal does, sorted
// and deduplicated on the stack, then each is tested for membership in S
// in that order, as subseteq enumerates the set.
func (p *Program) compileEnumSubseteq(sc cscope, se *ast.SetEnum, b expr, l *Loc) expr {
	elems, n := p.compileList(sc, se.Elems), p.ownCounter(sc, se)
	litLoc := sc.loc(se)
	return func(c *Ctx, f *frame) Value {
		if n != 0 {
			c.count(n, 1) // the literal's evaluation (coverage)
		}
		var buf [4]Value
		vs := buf[:len(elems)]
		for i, el := range elems {
			v := el(c, f)
			if !isInfinite(v) {
				v = normV(v)
			}
			vs[i] = v
		}
		if mixedKinds(vs) {
			// TLC's error on making the set, where the literal raises it
			at(litLoc, func() bool { tlcSortClash(vs); return false })
		}
		s := b(c, f)
		return Bool(at(l, func() bool { return enumSubseteq(l, vs, s) }))
	}
}

// enumSubseteq is {vs} \subseteq s (errors located at l, see at).
func enumSubseteq(l *Loc, vs []Value, s Value) bool {
	// canonElems, which would move the caller's buffer to the heap: a
	// stable insertion sort, then the first of equal elements kept
	for i := 1; i < len(vs); i++ {
		for j := i; j > 0 && compare(vs[j-1], vs[j]) > 0; j-- {
			vs[j-1], vs[j] = vs[j], vs[j-1]
		}
	}
	n := min(len(vs), 1)
	for _, v := range vs[1:] {
		if compare(vs[n-1], v) != 0 {
			vs[n] = v
			n++
		}
	}
	for _, v := range vs[:n] {
		if !mustMember(l, v, s) {
			return false
		}
	}
	return true
}

// enumInMax bounds the set enumerations compileEnumIn scans: a larger
// constant set is made (and hoisted) once and searched by halves.
const enumInMax = 16

// compileEnumIn compiles e \in {e1, ..., en} as TLC decides it on the set
// it has just built, which it has not normalized: each element in the order
// written, equal to e or not (SetEnumValue.member, a linear search by
// equals). So 1 \in {1, "a"} is TRUE, while 1 \in {"a", 1} is an error
// (the string is compared with the integer first), where making the set
// would fail on either (it cannot order 1 and "a").
func (p *Program) compileEnumIn(sc cscope, x *ast.Infix, se *ast.SetEnum) expr {
	l := sc.loc(x)
	neg := x.Op == "\\notin"
	a := p.compile(sc, x.X)
	elems := p.compileList(sc, se.Elems)
	return func(c *Ctx, f *frame) Value {
		e := a(c, f)
		var buf [enumInMax]Value
		vs := buf[:len(elems)]
		for i, el := range elems {
			vs[i] = el(c, f) // all of them first, as TLC makes the set
		}
		return Bool(at(l, func() bool { return linearMember(e, vs) }) != neg)
	}
}

// linearMember is e \in {vs} searched in order by equality.
func linearMember(e Value, vs []Value) bool {
	for _, v := range vs {
		if equal(v, e) {
			return true
		}
	}
	return false
}

// compileUnionEnum compiles UNION {S1, ..., Sn}. TLC unites the sets as
// written, before it orders them (UnionValue.union on the set it has just
// built): so UNION {{1}, {"a"}} fails as it gathers 1 and "a", naming them
// in that order, where ordering {1} and {"a"} would name them the other way.
func (p *Program) compileUnionEnum(sc cscope, se *ast.SetEnum, l *Loc) expr {
	elems := p.compileList(sc, se.Elems)
	return func(c *Ctx, f *frame) Value {
		vs := make([]Value, len(elems))
		for i, el := range elems {
			vs[i] = el(c, f)
		}
		return at(l, func() Value { return unionEnum(l, vs) })
	}
}

// unionEnum is UNION {vs} (errors located at l, see at).
func unionEnum(l *Loc, vs []Value) Value {
	combine := true
	for _, v := range vs {
		if s, ok := v.(*SetV); !ok || s.interval {
			combine = false
		}
	}
	if combine {
		var out []Value
		for _, v := range vs {
			out = append(out, v.(*SetV).elems...)
		}
		unionClash(out)
		return mkSet(out)
	}
	for i, v := range vs {
		if !isInfinite(v) {
			vs[i] = normV(v) // as the set {S1, ..., Sn} holds them
		}
	}
	v := &UnionV{mkSet(vs)}
	if isInfinite(v) {
		return v // lazy, as TLC's UnionValue (see UNION)
	}
	n, err := normalize(v)
	check(l, err)
	return n
}

// compileTupleIn compiles <<e1, ..., en>> \in S (or \notin) so that the
// tuple is made only when memberTuple cannot decide without it.
func (p *Program) compileTupleIn(sc cscope, x *ast.Infix, tup *ast.Tuple) expr {
	l := sc.loc(x)
	neg := x.Op == "\\notin"
	elems := p.compileList(sc, tup.Elems)
	b := p.compile(sc, x.Y)
	if p.tupleIns == nil {
		p.tupleIns = map[*ast.Infix]*tupleIn{}
	}
	p.tupleIns[x] = &tupleIn{tup: tup, elems: elems, set: b, neg: neg, loc: l}
	return func(c *Ctx, f *frame) Value {
		var buf [4]Value
		vs := buf[:len(elems)]
		for i, el := range elems {
			vs[i] = el(c, f)
		}
		s := b(c, f)
		return Bool(at(l, func() bool { return tupleMember(l, vs, s) }) != neg)
	}
}

// tupleMember is <<vs>> \in s (errors located at l, see at): the tuple is
// made only when memberTuple cannot decide without it.
func tupleMember(l *Loc, vs []Value, s Value) bool {
	if ok, done := memberTuple(vs, s); done {
		return ok
	}
	return mustMember(l, tupleOf(vs), s)
}

// mustMember is v \in s, member's error raised located at l.
func mustMember(l *Loc, v, s Value) bool {
	ok, err := member(v, s)
	check(l, err)
	return ok
}

// at is cmp(), a comparison (or a union) of operands the caller has
// already evaluated, with the value errors it raises (comparisons of
// elements of different kinds) located at l. Only cmp runs under the
// recovering defer, not the operands: a recover and re-panic in every
// frame of a deep recursion (RECURSIVE g(n) == 0 # g(n+1)) makes
// unwinding quadratic.
func at[T any](l *Loc, cmp func() T) T {
	defer attach(l)
	return cmp()
}

// tupleOf is the tuple <<vs>>, vs copied.
func tupleOf(vs []Value) *FcnV {
	t := newFcn(len(vs))
	copy(t.Vals, vs)
	t.Seq = true
	return t
}

// compileTupleEq compiles e = <<e1, ..., en>> and <<e1, ..., en>> = e (or
// /=) so that the tuple is made only when e is not a tuple (`e = <<e[1],
// e[2]>>` for each edge of a graph): the operands are evaluated in their
// order and compared as equal compares a tuple with a tuple. nil when
// neither side is such a tuple.
func (p *Program) compileTupleEq(sc cscope, x *ast.Infix) expr {
	left := true
	tup, ok := ast.Unparen(x.X).(*ast.Tuple)
	if !ok {
		left = false
		tup, ok = ast.Unparen(x.Y).(*ast.Tuple)
	}
	if !ok || len(tup.Elems) == 0 || len(tup.Elems) > 4 || hoistable(tup) && p.closed(sc, tup, nil) {
		return nil
	}
	n := p.ownCounter(sc, tup) // coverage counts the tuple's evaluation
	l := sc.loc(x)
	neg := x.Op == "/="
	elems := p.compileList(sc, tup.Elems)
	other := x.Y
	if !left {
		other = x.X
	}
	o := p.compile(sc, other)
	return func(c *Ctx, f *frame) Value {
		var buf [4]Value
		vs := buf[:len(elems)]
		var ov Value
		if !left {
			ov = o(c, f)
		}
		if n != 0 {
			c.count(n, 1)
		}
		for i, el := range elems {
			vs[i] = el(c, f)
		}
		if left {
			ov = o(c, f)
		}
		return Bool(at(l, func() bool { return tupleEqual(left, vs, ov) }) != neg)
	}
}

// tupleEqual is <<vs>> = ov (ov = <<vs>> when !left: equal's errors name
// the left operand first).
func tupleEqual(left bool, vs []Value, ov Value) bool {
	if of, ok := ov.(*FcnV); ok && of.Seq {
		if len(of.Vals) != len(vs) {
			return false
		}
		for i := range vs {
			var eq bool
			if left {
				eq = equal(vs[i], of.Vals[i])
			} else {
				eq = equal(of.Vals[i], vs[i])
			}
			if !eq {
				return false
			}
		}
		return true
	}
	if left {
		return equal(tupleOf(vs), ov)
	}
	return equal(ov, tupleOf(vs))
}

func isInfinite(v Value) bool {
	switch x := v.(type) {
	case NatV, IntSetV, StringV, *SeqSetV:
		return true
	case *DiffV:
		return isInfinite(x.A)
	case *FilterV:
		return isInfinite(x.Base)
	case *CupV:
		return isInfinite(x.A) || isInfinite(x.B)
	case *SubsetV:
		return isInfinite(x.Base)
	case *UnionV:
		if isInfinite(x.Base) {
			return true
		}
		outer, err := enumerate(x.Base)
		if err != nil {
			return false
		}
		for _, o := range outer {
			if isInfinite(o) {
				return true
			}
		}
	case *FuncSetV:
		return isInfinite(x.Dom) || isInfinite(x.Rng)
	case *ProductV:
		for _, s := range x.Sets {
			if isInfinite(s) {
				return true
			}
		}
	case *RecSetV:
		for _, s := range x.Sets {
			if isInfinite(s) {
				return true
			}
		}
	}
	return false
}

// diffOne is a \ {v}: the elements of a not equal to v, compared one by
// one as member compares them with {v}'s element (raising the same errors).
func diffOne(a *SetV, v Value) Value {
	at := -1
	for i, e := range a.elems {
		if equal(v, e) {
			at = i
		}
	}
	if at < 0 && !a.interval {
		return a // values are immutable: nothing removed, nothing to copy
	}
	n := len(a.elems)
	if at >= 0 {
		n--
	}
	s := newSet(n)
	if at < 0 {
		copy(s.elems, a.elems)
	} else {
		copy(s.elems, a.elems[:at])
		copy(s.elems[at:], a.elems[at+1:])
	}
	return s
}

func setOp(op string, a, b Value, l *Loc) Value {
	switch op {
	case "\\cup":
		// TLC's union with an empty enumerated set or interval is the other
		// operand as it is (so {} \cup 1..3 prints 1..3, Nat \cup {} prints
		// Nat); it tries the left operand first and the right one only when
		// the left is not enumerated. Printing only: the set is the same.
		if emptyReducible(a) && b.kind() == kSet {
			return b
		}
		if !reducible(a) && a.kind() == kSet && emptyReducible(b) {
			return a
		}
		if isInfinite(a) || isInfinite(b) {
			// TLC's union of an explicit set (SetEnumValue, interval) with
			// another set puts the explicit one first on whichever side it
			// was written (Reducible.cup), so membership asks it first: 1 \in
			// STRING \cup {1} is TRUE where 1 \in STRING is an error.
			if !reducible(a) && reducible(b) {
				a, b = b, a
			}
			return &CupV{a, b}
		}
	case "\\":
		if isInfinite(a) {
			return &DiffV{a, b}
		}
	case "\\cap":
		if isInfinite(a) && !isInfinite(b) {
			a, b = b, a
		}
		if isInfinite(a) {
			// both infinite: lazy, as TLC's SetCapValue
			return &FilterV{Base: a, Pred: func(v Value) bool {
				ok, err := member(v, b)
				check(l, err)
				return ok
			}, loc: l}
		}
	}
	ea, err := enumerate(a)
	check(l, err)
	switch op {
	case "\\cup":
		eb, err := enumerate(b)
		check(l, err)
		return unionSorted(ea, eb)
	case "\\cap", "\\":
		// gathered on the stack when small, then copied at their exact
		// size: S \ {x} in a recursion over S is a hot path
		var buf [16]Value
		out := buf[:0]
		for _, e := range ea {
			ok, err := member(e, b)
			check(l, err)
			if ok == (op == "\\cap") {
				out = append(out, e)
			}
		}
		if sa, ok := a.(*SetV); ok && !sa.interval && len(out) == len(ea) {
			return sa // values are immutable: nothing removed, nothing to copy
		}
		s := newSet(len(out))
		copy(s.elems, out)
		return s
	}
	return nil
}

// reducible: the sets TLC holds enumerated (SetEnumValue, IntervalValue),
// whose union with a set it computes at once.
func reducible(v Value) bool {
	switch v.(type) {
	case *SetV, *IntervalV:
		return true
	}
	return false
}

func emptyReducible(v Value) bool {
	switch s := v.(type) {
	case *SetV:
		return len(s.elems) == 0
	case *IntervalV:
		return s.Hi < s.Lo
	}
	return false
}

func (p *Program) compilePrefix(sc cscope, x *ast.PrefixExpr) expr {
	l := sc.loc(x)
	if e := p.userOp(sc, x, x.Op, []ast.Expr{x.X}); e != nil {
		return e
	}
	switch x.Op {
	case "~":
		a := p.compileCond(sc, x.X, l, func(v Value) string {
			return "Attempted to apply the operator ~ to a non-boolean\n(" + aKind(v) + ")"
		})
		return func(c *Ctx, f *frame) Value { return Bool(!a(c, f)) }
	case "-.":
		// Integers' Java method: its errors have no printed location
		a, l := p.compile(sc, x.X), builtinLoc(l)
		return func(c *Ctx, f *frame) Value { return negate(a(c, f), l) }
	case "SUBSET":
		a := p.compile(sc, x.X)
		return func(c *Ctx, f *frame) Value { return &SubsetV{a(c, f)} }
	case "UNION":
		if se, ok := ast.Unparen(x.X).(*ast.SetEnum); ok && len(se.Elems) > 0 {
			return p.compileUnionEnum(sc, se, l)
		}
		a := p.compile(sc, x.X)
		return func(c *Ctx, f *frame) Value {
			v := &UnionV{a(c, f)}
			if isInfinite(v) {
				// UNION {[D -> Int]} and the like: TLC's UnionValue stays lazy,
				// so membership tests work without enumerating.
				return v
			}
			n, err := normalize(v)
			check(l, err)
			return n
		}
	case "DOMAIN":
		a := p.compile(sc, x.X)
		return func(c *Ctx, f *frame) Value {
			switch fv := a(c, f).(type) {
			case *FcnV:
				return fcnDomain(fv)
			case *LazyFcnV:
				return fv.Dom
			default:
				throw(l, "Attempted to apply the operator DOMAIN to a non-function\n(%s)", aKind(fv))
			}
			return nil
		}
	case "UNCHANGED":
		a := p.compile(sc, x.X)
		ap := p.primed(a, l)
		return func(c *Ctx, f *frame) Value { return Bool(equal(ap(c, f), a(c, f))) }
	case "ENABLED":
		en := &enabledVars{env: sc.env, outer: sc.b, n: len(p.Vars)}
		a := p.compileAct(sc, x.X, actMode{en: en, cut: true})
		return func(c *Ctx, f *frame) Value {
			saved := c.Next
			c.Next = make([]Value, en.n)
			c.gen++
			defer func() { c.gen++ }()
			found := false
			func() {
				defer func() {
					if r := recover(); r != nil {
						if _, ok := r.(enabledStop); !ok {
							c.Next = saved
							panic(r)
						}
					}
				}()
				a(c, f, func() { found = true; panic(enabledStop{}) })
			}()
			c.Next = saved
			return Bool(found)
		}
	}
	compileErr(l, "operator %s is not supported by the checker", x.Op)
	return nil
}

func toInt(v Value, l *Loc) int64 {
	n, ok := v.(Int)
	if !ok {
		throw(l, "Expected an integer, but got %s", Pretty(v))
	}
	return int64(n)
}

// varOf returns the state variable index that e denotes directly (x, or an
// instance parameter substituted by x), or -1.
func (p *Program) varOf(sc cscope, e ast.Expr) int {
	e = ast.Unparen(e)
	app, ok := e.(*ast.OpApp)
	if !ok || app.Args != nil {
		return -1
	}
	env := sc.env
	if len(app.Prefix) > 0 {
		for _, pp := range app.Prefix {
			if env = env.inst(pp); env == nil {
				return -1
			}
		}
	} else if b, _ := sc.findUse(app.Name); b != nil {
		return -1
	}
	d := env.resolve(app.Name)
	for d != nil && d.kind == dSubst {
		app2, ok := d.sexpr.(*ast.OpApp)
		if !ok || app2.Args != nil || len(app2.Prefix) > 0 {
			return -1
		}
		d = d.senv.resolve(app2.Name)
	}
	if d != nil && d.kind == dVar {
		return d.varIdx
	}
	return -1
}

func (p *Program) compilePrime(sc cscope, x *ast.PostfixExpr) expr {
	l := sc.loc(x)
	if idx := p.varOf(sc, x.X); idx >= 0 {
		name := p.Vars[idx]
		return func(c *Ctx, f *frame) Value {
			if c.Next == nil {
				throw(l, "primed variable %s' used where no next state exists", name)
			}
			v := c.Next[idx]
			if v == nil {
				throw(l, "The variable %s' has no value yet: it is used before it is assigned", name)
			}
			return v
		}
	}
	return p.primed(p.compile(sc, x.X), l)
}

// primed evaluates a in the next state as assigned so far (TLC evaluates
// e' as e in the next state): only the variables a reads must have values.
func (p *Program) primed(a expr, l *Loc) expr {
	return func(c *Ctx, f *frame) Value {
		if c.Next == nil {
			throw(l, "primed expression used where no next state exists")
		}
		cur, next := c.Cur, c.Next
		c.Cur, c.Next = next, nil
		c.primed++
		c.gen++
		defer func() {
			c.Cur, c.Next = cur, next
			c.primed--
			c.gen++
		}()
		return a(c, f)
	}
}

// enabledStop ends the search for a successor once ENABLED found one.
type enabledStop struct{}
