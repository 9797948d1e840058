package eval

import (
	"fmt"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/tlals/tlals/parser/ast"
)

func sprintfImpl(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// ---------------------------------------------------------------- operators

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
	a, b := p.compile(sc, x.X), p.compile(sc, x.Y)
	switch x.Op {
	case "=":
		return func(c *Ctx, f *frame) Value {
			defer attach(l)
			return Bool(equal(a(c, f), b(c, f)))
		}
	case "/=":
		return func(c *Ctx, f *frame) Value {
			defer attach(l)
			return Bool(!equal(a(c, f), b(c, f)))
		}
	case "\\in", "\\notin":
		neg := x.Op == "\\notin"
		return func(c *Ctx, f *frame) Value {
			defer attach(l) // comparisons of elements raise value errors
			ok, err := member(a(c, f), b(c, f))
			check(l, err)
			return Bool(ok != neg)
		}
	case "\\subseteq":
		return func(c *Ctx, f *frame) Value {
			ok, err := subseteq(a(c, f), b(c, f))
			check(l, err)
			return Bool(ok)
		}
	case "\\cup", "\\cap", "\\":
		op := x.Op
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
		if isInfinite(a) || isInfinite(b) {
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
		a := p.compile(sc, x.X)
		return func(c *Ctx, f *frame) Value {
			n := toInt(a(c, f), l)
			return Int(-n)
		}
	case "SUBSET":
		a := p.compile(sc, x.X)
		return func(c *Ctx, f *frame) Value { return &SubsetV{a(c, f)} }
	case "UNION":
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
				throw(l, "Attempted to apply DOMAIN to a non-function: %s", Pretty(fv))
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

// ---------------------------------------------------------------- binders

// binder iterates over the values of bound variables `x \in S, <<y, z>> \in T`.
type binder struct {
	bounds []boundC
}

type boundC struct {
	set   expr
	slots []int
	tuple bool
	loc   *Loc
}

func (p *Program) compileBounds(sc cscope, bounds []*ast.Bound) (cscope, *binder) {
	return p.compileBoundsOf(sc, bounds, nil)
}

// compileBoundsOf compiles bounds of the expression n (for the message of
// an unbounded one: TLC fails only when it evaluates it).
func (p *Program) compileBoundsOf(sc cscope, bounds []*ast.Bound, n ast.Node) (cscope, *binder) {
	bd := &binder{}
	for _, b := range bounds {
		var set expr
		if b.Set == nil {
			msg := "TLC attempted to evaluate an unbounded quantifier or CHOOSE."
			at := sc.loc(b)
			switch x := n.(type) {
			case *ast.Choose:
				msg = "TLC attempted to evaluate an unbounded CHOOSE.\nMake sure that the expression is of form CHOOSE x \\in S: P(x)."
				at = sc.loc(x)
			case *ast.Quant:
				q := "\\A"
				if x.Kind == ast.Exists {
					q = "\\E"
				}
				msg = "TLC attempted to evaluate an unbounded " + q + ".\nMake sure that the expression is of form " + q + " x \\in S: P(x)."
				at = sc.loc(x)
			}
			set = func(*Ctx, *frame) Value { throw(at, "%s", msg); return nil }
		} else {
			set = p.compile(sc, b.Set)
		}
		if b.Tuple {
			var slots []int
			for _, n := range b.Names {
				var s int
				sc, s = sc.with(n, bVar, 0)
				slots = append(slots, s)
			}
			bd.bounds = append(bd.bounds, boundC{set: set, slots: slots, tuple: true, loc: sc.loc(b)})
			continue
		}
		for _, n := range b.Names {
			var s int
			sc, s = sc.with(n, bVar, 0)
			bd.bounds = append(bd.bounds, boundC{set: set, slots: []int{s}, loc: sc.loc(b)})
		}
	}
	return sc, bd
}

// each binds every combination; fn returns false to stop. Returns false when
// stopped. As TLC's context enumeration, the first bound varies fastest:
// `\E a, b \in S` tries <<a, b>> = <<1, 1>>, <<2, 1>>, <<1, 2>>, ... The sets
// are all evaluated first, in order.
func (bd *binder) each(c *Ctx, f *frame, fn func() bool) bool {
	if len(bd.bounds) == 1 {
		return bd.rec(c, f, 0, fn)
	}
	n := len(bd.bounds)
	ivs := make([]*IntervalV, n)
	elems := make([][]Value, n)
	size := make([]int64, n)
	for i := range bd.bounds {
		b := &bd.bounds[i]
		sv := b.set(c, f)
		if iv, ok := sv.(*IntervalV); ok && !b.tuple && (iv.Hi < iv.Lo || iv.Hi-iv.Lo < maxEnum) {
			ivs[i] = iv
			size[i] = max(0, iv.Hi-iv.Lo+1)
		} else {
			es, err := enumerate(sv)
			check(b.loc, err)
			elems[i] = es
			size[i] = int64(len(es))
		}
		if size[i] == 0 {
			return true
		}
	}
	idx := make([]int64, n)
	bind := func(i int) {
		b := &bd.bounds[i]
		if ivs[i] != nil {
			f.s[b.slots[0]] = Int(ivs[i].Lo + idx[i])
			return
		}
		e := elems[i][idx[i]]
		if !b.tuple {
			f.s[b.slots[0]] = e
			return
		}
		t, ok := e.(*FcnV)
		if !ok || !t.Seq || len(t.Vals) != len(b.slots) {
			throw(b.loc, "cannot bind a tuple of %d names to %s", len(b.slots), Pretty(e))
		}
		for k, s := range b.slots {
			f.s[s] = t.Vals[k]
		}
	}
	for i := range bd.bounds {
		bind(i)
	}
	for {
		if !fn() {
			return false
		}
		// once per binding: a long enumeration stops when interrupted
		c.checkInterrupt(bd.bounds[0].loc)
		i := 0
		for ; i < n; i++ {
			idx[i]++
			if idx[i] < size[i] {
				break
			}
			idx[i] = 0
		}
		if i == n {
			return true
		}
		for k := range bd.bounds { // fn may have reused the slots
			bind(k)
		}
	}
}

func (bd *binder) rec(c *Ctx, f *frame, i int, fn func() bool) bool {
	if i > 0 { // once per binding: a long enumeration stops when interrupted
		c.checkInterrupt(bd.bounds[i-1].loc)
	}
	if i == len(bd.bounds) {
		return fn()
	}
	b := &bd.bounds[i]
	sv := b.set(c, f)
	if iv, ok := sv.(*IntervalV); ok && !b.tuple && (iv.Hi < iv.Lo || iv.Hi-iv.Lo < maxEnum) {
		for k := iv.Lo; k <= iv.Hi; k++ {
			f.s[b.slots[0]] = Int(k)
			if !bd.rec(c, f, i+1, fn) {
				return false
			}
			if k == iv.Hi {
				break
			}
		}
		return true
	}
	elems, err := enumerate(sv)
	check(b.loc, err)
	for _, e := range elems {
		if b.tuple {
			t, ok := e.(*FcnV)
			if !ok || !t.Seq || len(t.Vals) != len(b.slots) {
				throw(b.loc, "cannot bind a tuple of %d names to %s", len(b.slots), Pretty(e))
			}
			for k, s := range b.slots {
				f.s[s] = t.Vals[k]
			}
		} else {
			f.s[b.slots[0]] = e
		}
		if !bd.rec(c, f, i+1, fn) {
			return false
		}
	}
	return true
}

// compileQuant compiles \A and \E (bounded; TLC cannot enumerate the
// unbounded forms).
func (p *Program) compileQuant(sc cscope, x *ast.Quant) expr {
	if x.Kind != ast.Forall && x.Kind != ast.Exists {
		compileErr(sc.loc(x), "temporal quantifiers are not supported by the checker")
	}
	sc2, bd := p.compileBoundsOf(sc, x.Bounds, x)
	body := p.compileBool(sc2, x.Body)
	if x.Kind == ast.Exists {
		return func(c *Ctx, f *frame) Value {
			found := false
			bd.each(c, f, func() bool {
				if body(c, f) {
					found = true
					return false
				}
				return true
			})
			return Bool(found)
		}
	}
	return func(c *Ctx, f *frame) Value {
		return Bool(bd.each(c, f, func() bool { return body(c, f) }))
	}
}

func (p *Program) compileChoose(sc cscope, x *ast.Choose) expr {
	l := sc.loc(x)
	sc2, bd := p.compileBoundsOf(sc, []*ast.Bound{x.Bound}, x)
	body := p.compileBool(sc2, x.Body)
	slots := bd.bounds[0].slots
	tuple := bd.bounds[0].tuple
	return func(c *Ctx, f *frame) Value {
		var res Value
		defer chooseUnbounded(l)
		bd.each(c, f, func() bool {
			if body(c, f) {
				if tuple {
					vs := make([]Value, len(slots))
					for i, s := range slots {
						vs[i] = f.s[s]
					}
					res = mkTuple(vs)
				} else {
					res = f.s[slots[0]]
				}
				return false
			}
			return true
		})
		if res == nil {
			throw(l, "Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.")
		}
		return res
	}
}

// chooseUnbounded turns the failure to enumerate an infinite bound of CHOOSE
// (Nat, Int, STRING, Seq(S)) into an error naming the CHOOSE, as TLC refuses
// such a CHOOSE.
func chooseUnbounded(l *Loc) {
	r := recover()
	if r == nil {
		return
	}
	msg := ""
	switch x := r.(type) {
	case *Error:
		msg = x.Msg
	case *valErr:
		msg = x.msg
	}
	if rest, ok := strings.CutPrefix(msg, "attempted to enumerate the infinite set "); ok {
		panic(&Error{Loc: l, Msg: "CHOOSE x \\in S : P with S the infinite set " + rest + ": TLC can only choose from a finite set"})
	}
	panic(r)
}

func (p *Program) compileSetFilter(sc cscope, x *ast.SetFilter) expr {
	sc.fs.snapshots = true
	sc.fs.up.markCaptured() // a lazy result keeps the frames above its own
	sc2, bd := p.compileBounds(sc, []*ast.Bound{x.Bound})
	pred := p.compileBool(sc2, x.Pred)
	slots := bd.bounds[0].slots
	tuple := bd.bounds[0].tuple
	l := sc.loc(x)
	if !tuple && len(slots) == 1 {
		// lazy, as TLC's SetPredValue: membership does not enumerate
		slot := slots[0]
		set := bd.bounds[0].set
		return func(c *Ctx, f *frame) Value {
			base := set(c, f)
			if out, ok := filterNow(c, f, slot, base, pred); ok {
				return out
			}
			snap := copyFrame(f.s, f.up)
			return &FilterV{Base: base, Pred: func(v Value) bool {
				nf := copyFrame(snap.s, snap.up)
				nf.s[slot] = v
				return pred(c, nf)
			}, loc: l}
		}
	}
	return func(c *Ctx, f *frame) Value {
		var out []Value
		bd.each(c, f, func() bool {
			if pred(c, f) {
				if tuple {
					vs := make([]Value, len(slots))
					for i, s := range slots {
						vs[i] = f.s[s]
					}
					out = append(out, mkTuple(vs))
				} else {
					out = append(out, f.s[slots[0]])
				}
			}
			return true
		})
		return &SetV{elems: out}
	}
}

// filterNow computes a filter over a small enumerated set at once: a lazy
// filter costs a frame copy per element tested, and most filters are
// enumerated anyway. When the predicate fails on some element, ok is false
// and the caller builds the lazy set, so an error is raised only where TLC
// raises it (when the set is used).
func filterNow(c *Ctx, f *frame, slot int, base Value, pred func(*Ctx, *frame) bool) (out *SetV, ok bool) {
	var elems []Value
	switch b := base.(type) {
	case *SetV:
		elems = b.elems
	case *IntervalV:
		if b.Hi-b.Lo >= 64 {
			return nil, false
		}
		elems, _ = enumerate(b)
	default:
		return nil, false
	}
	saved := f.s[slot]
	defer func() {
		f.s[slot] = saved
		if r := recover(); r != nil {
			switch r.(type) {
			case *Error, *valErr:
				out, ok = nil, false
			default:
				panic(r)
			}
		}
	}()
	var buf [32]Value // kept elements gather here, then move to a slice of their size
	kept := buf[:0]
	for _, e := range elems {
		f.s[slot] = e
		if pred(c, f) {
			kept = append(kept, e)
		}
	}
	if len(kept) == 0 {
		return &SetV{}, true
	}
	return &SetV{elems: append([]Value(nil), kept...)}, true
}

func (p *Program) compileSetMap(sc cscope, x *ast.SetMap) expr {
	sc2, bd := p.compileBounds(sc, x.Bounds)
	el := p.compile(sc2, x.Elem)
	var hint sizeHint
	return func(c *Ctx, f *frame) Value {
		out := hint.slice()
		bd.each(c, f, func() bool {
			out = append(out, normV(el(c, f)))
			return true
		})
		hint.set(len(out))
		return mkSet(out)
	}
}

// sizeHint remembers how many elements a constructor built last, so that
// the next evaluation allocates them at once rather than growing.
type sizeHint struct{ n atomic.Int32 }

// sizeHintMax bounds a hint: one large result does not make every later
// one allocate as much.
const sizeHintMax = 1 << 12

func (h *sizeHint) slice() []Value {
	if n := h.n.Load(); n > 0 {
		return make([]Value, 0, n)
	}
	return nil
}

func (h *sizeHint) set(n int) {
	if n <= sizeHintMax && int32(n) != h.n.Load() {
		h.n.Store(int32(n))
	}
}

// domainOf builds the domain set of a function constructor.
func (bd *binder) domain(c *Ctx, f *frame) Value {
	if len(bd.bounds) == 1 {
		return bd.bounds[0].set(c, f)
	}
	var sets []Value
	for _, b := range bd.bounds {
		sets = append(sets, b.set(c, f))
	}
	return &ProductV{sets}
}

func (p *Program) compileFuncLit(sc cscope, x *ast.FuncLit) expr {
	sc.fs.snapshots = true
	sc.fs.up.markCaptured() // a lazy result keeps the frames above its own
	sc2, bd := p.compileBounds(sc, x.Bounds)
	body := p.compile(sc2, x.Body)
	l := sc.loc(x)
	single := len(bd.bounds) == 1 && !bd.bounds[0].tuple
	fs := sc.fs
	var hint sizeHint
	return func(c *Ctx, f *frame) Value {
		dom := bd.domain(c, f)
		if c.keepLazy || isInfinite(dom) {
			// infinite domain, or only applied: lazy
			cf := newFrame(fs.size, f.up)
			copy(cf.s, f.s)
			return &LazyFcnV{Dom: dom, prog: c.prog, Apply: func(c *Ctx, arg Value) Value {
				nf := copyFrame(cf.s, cf.up)
				bindArg(bd, nf, arg, single, l)
				return body(c, nf)
			}}
		}
		keys, vals := hint.slice(), hint.slice()
		bd.each(c, f, func() bool {
			keys = append(keys, bd.key(f))
			vals = append(vals, body(c, f))
			return true
		})
		hint.set(len(keys))
		if single {
			// keys come out in canonical order of the domain set
			return canonFcn(keys, vals)
		}
		return mkFcn(keys, vals)
	}
}

func bindArg(bd *binder, f *frame, arg Value, single bool, l *Loc) {
	bindOne := func(b *boundC, v Value) {
		if !b.tuple {
			f.s[b.slots[0]] = v
			return
		}
		t, ok := v.(*FcnV)
		if !ok || !t.Seq || len(t.Vals) != len(b.slots) {
			throw(l, "function argument %s does not match the bound tuple", Pretty(v))
		}
		for k, s := range b.slots {
			f.s[s] = t.Vals[k]
		}
	}
	if len(bd.bounds) == 1 {
		bindOne(&bd.bounds[0], arg)
		return
	}
	t, ok := arg.(*FcnV)
	if !ok || !t.Seq || len(t.Vals) != len(bd.bounds) {
		throw(l, "function argument %s does not match the function's bound variables", Pretty(arg))
	}
	for i := range bd.bounds {
		bindOne(&bd.bounds[i], t.Vals[i])
	}
}

// key is the function argument the current binding denotes.
func (bd *binder) key(f *frame) Value {
	one := func(b *boundC) Value {
		if !b.tuple {
			return f.s[b.slots[0]]
		}
		vs := make([]Value, len(b.slots))
		for i, s := range b.slots {
			vs[i] = f.s[s]
		}
		return mkTuple(vs)
	}
	if len(bd.bounds) == 1 {
		return one(&bd.bounds[0])
	}
	ks := make([]Value, len(bd.bounds))
	for i := range bd.bounds {
		ks[i] = one(&bd.bounds[i])
	}
	return mkTuple(ks)
}

// compileFuncDef compiles `f[x \in S] == body` into a lazy function value.
func (p *Program) compileFuncDef(sc cscope, d *def) expr {
	sc2, bd := p.compileBounds(sc, d.fdef.Bounds)
	body := p.compile(sc2, d.fdef.Body)
	bodyAct := p.compileAct(sc2, d.fdef.Body, actMode{})
	l := d.loc
	single := len(bd.bounds) == 1 && !bd.bounds[0].tuple
	fs := sc.fs
	return func(c *Ctx, f *frame) Value {
		if f == nil {
			f = newFrame(fs.size, nil)
		}
		dom := bd.domain(c, f)
		return &LazyFcnV{Dom: dom, prog: c.prog, Apply: func(c *Ctx, arg Value) Value {
			// a frame of the stack when nothing keeps it, as a call's
			mark := c.frames.mark()
			nf := c.frames.frameFor(fs)
			bindArg(bd, nf, arg, single, l)
			v := body(c, nf)
			c.frames.release(mark)
			return v
		}, ActApply: func(c *Ctx, arg Value, k func()) {
			nf := newFrame(fs.size, nil)
			bindArg(bd, nf, arg, single, l)
			bodyAct(c, nf, k)
		}}
	}
}

func (p *Program) compileFuncApp(sc cscope, x *ast.FuncApp) expr {
	fn := p.compile(sc, x.Fn)
	l := sc.loc(x)
	// the function is evaluated keeping constructors lazy (keepLazy)
	// (a panic leaves it set: harmless, lazy functions equal the others)
	lazyFn := func(c *Ctx, f *frame) Value {
		saved := c.keepLazy
		c.keepLazy = true
		v := fn(c, f)
		c.keepLazy = saved
		return v
	}
	if !p.mayConstruct(sc, x.Fn) {
		lazyFn = fn
	}
	if len(x.Args) == 1 {
		a := p.compile(sc, x.Args[0])
		return func(c *Ctx, f *frame) Value { return applyFcn(c, lazyFn(c, f), a(c, f), l, false) }
	}
	args := p.compileList(sc, x.Args)
	return func(c *Ctx, f *frame) Value {
		vs := make([]Value, len(args))
		for i, a := range args {
			vs[i] = a(c, f)
		}
		return applyFcn(c, lazyFn(c, f), mkTuple(vs), l, false)
	}
}

// mayConstruct reports whether evaluating e may evaluate a function
// constructor: not when e is a variable, a bound variable or a constant.
func (p *Program) mayConstruct(sc cscope, e ast.Expr) bool {
	app, ok := ast.Unparen(e).(*ast.OpApp)
	if !ok || app.Args != nil || len(app.Prefix) > 0 {
		return true
	}
	if b, _ := sc.findUse(app.Name); b != nil {
		return b.kind != bVar || b.lazyArg
	}
	d := sc.env.resolve(app.Name)
	return d == nil || (d.kind != dVar && d.kind != dConst)
}

func applyFcn(c *Ctx, fv, arg Value, l *Loc, field bool) Value {
	switch fn := fv.(type) {
	case *FcnV:
		if i, ok := fn.lookup(arg); ok {
			return fn.Vals[i]
		}
		if !isNormal(arg) {
			if i, ok := fn.lookup(mustNorm(arg)); ok {
				return fn.Vals[i]
			}
		}
		if !field {
			checkAt(l, func() { fn.checkMiss(mustNorm(arg)) })
		}
		switch s, isStr := arg.(Str); {
		case field:
			throw(l, "Attempted to select nonexistent field \"%s\" from the record\n%s", string(s), Pretty(fv))
		case fn.Seq:
			if i, ok := arg.(Int); ok {
				throw(l, "Attempted to access index %d of tuple\n%s\nwhich is out of bounds.", int64(i), Pretty(fv))
			}
			throw(l, "Attempted to access tuple at a non integral index: %s", Pretty(arg))
		case isStr && isRecord(fn):
			throw(l, "Attempted to access nonexistent field '%s' of record\n%s", string(s), Pretty(fv))
		}
		throw(l, "Attempted to apply function:\n%s\nto argument %s, which is not in the domain of the function.", Pretty(fv), Pretty(arg))
	case *LazyFcnV:
		fn.mu.Lock()
		m := fn.memo
		fn.mu.Unlock()
		if m != nil {
			return applyFcn(c, m, arg, l, field)
		}
		ok, err := member(arg, fn.Dom)
		check(l, err)
		if !ok {
			throw(l, "%s", lazyDomainMsg(fn, arg))
		}
		c.enter(l)
		v := fn.apply(c, arg)
		c.depth--
		return v
	}
	if field {
		throw(l, "Attempted to access field %s of a non-record value: %s", string(arg.(Str)), Pretty(fv))
	}
	throw(l, "Attempted to apply a non-function value as a function: %s", Pretty(fv))
	return nil
}

// lazyDomainMsg is TLC's error for applying a function constructor not
// yet turned into a value (FcnLambdaValue) outside its domain.
func lazyDomainMsg(fn *LazyFcnV, arg Value) string {
	return "In applying the function\n" + Pretty(fn) + ",\nthe first argument is:\n" + Pretty(arg) + "\nwhich is not in its domain.\n"
}

func isNormal(v Value) bool {
	switch v.(type) {
	case Int, Str, Bool, *ModelValue, *SetV, *FcnV:
		return true
	}
	return false
}

func (p *Program) compileRecord(sc cscope, x *ast.Record) expr {
	type fld struct {
		name string
		e    expr
	}
	flds := make([]fld, len(x.Fields))
	for i, fd := range x.Fields {
		flds[i] = fld{fd.Name.Name, p.compile(sc, fd.Expr)}
	}
	sort.SliceStable(flds, func(i, j int) bool { return compareStrings(flds[i].name, flds[j].name) < 0 })
	dom := make([]Value, len(flds))
	for i := range flds {
		dom[i] = Str(flds[i].name)
	}
	return func(c *Ctx, f *frame) Value {
		r := newFcn(len(flds))
		for i := range flds {
			r.Vals[i] = flds[i].e(c, f)
		}
		r.Dom = dom
		return r
	}
}

// ---------------------------------------------------------------- EXCEPT

type exceptUpd struct {
	path  [][]expr // each step: field (one const expr) or index args
	field []bool
	val   expr
	atSl  int
	loc   *Loc
}

func (p *Program) compileExcept(sc cscope, x *ast.Except) expr {
	fn := p.compile(sc, x.Fn)
	var upds []exceptUpd
	for _, u := range x.Updates {
		var eu exceptUpd
		eu.loc = sc.loc(u)
		for _, st := range u.Path {
			if st.Field != nil {
				var v Value = Str(st.Field.Name) // boxed once, not per evaluation
				eu.path = append(eu.path, []expr{func(*Ctx, *frame) Value { return v }})
				eu.field = append(eu.field, true)
			} else {
				eu.path = append(eu.path, p.compileList(sc, st.Index))
				eu.field = append(eu.field, false)
			}
		}
		sc2, slot := sc.with(atIdent, bVar, 0)
		eu.atSl = slot
		eu.val = p.compile(sc2, u.Val)
		upds = append(upds, eu)
	}
	return func(c *Ctx, f *frame) Value {
		cur := fn(c, f)
		for i := range upds {
			u := &upds[i]
			keys := make([]Value, len(u.path))
			for k, st := range u.path {
				if len(st) == 1 {
					keys[k] = normV(st[0](c, f))
				} else {
					vs := make([]Value, len(st))
					for j, e := range st {
						vs[j] = normV(e(c, f))
					}
					keys[k] = mkTuple(vs)
				}
			}
			cur = exceptAt(c, f, cur, keys, u, 0)
		}
		return cur
	}
}

func exceptAt(c *Ctx, f *frame, fv Value, keys []Value, u *exceptUpd, k int) Value {
	if k == len(keys) {
		f.s[u.atSl] = fv
		return u.val(c, f)
	}
	if lf, ok := fv.(*LazyFcnV); ok && isInfinite(lf.Dom) {
		// as TLC's FcnLambdaValue: the function stays lazy, the updated
		// argument answered first
		in, err := member(keys[k], lf.Dom)
		check(u.loc, err)
		if !in {
			return lf
		}
		key := keys[k]
		nv := exceptAt(c, f, applyFcn(c, lf, key, u.loc, false), keys, u, k+1)
		return &LazyFcnV{Dom: lf.Dom, prog: lf.prog, Apply: func(c *Ctx, arg Value) Value {
			if equal(arg, key) {
				return nv
			}
			return lf.apply(c, arg)
		}}
	}
	fn, ok := normV(fv).(*FcnV)
	if !ok {
		throw(u.loc, "EXCEPT applied to a non-function value: %s", Pretty(fv))
	}
	i, ok := fn.lookup(keys[k])
	if !ok {
		// TLC leaves the function unchanged when the key is outside the
		// domain, unless it cannot compare the key with the domain's
		// elements
		checkAt(u.loc, func() { fn.checkMiss(keys[k]) })
		return fn
	}
	nv := exceptAt(c, f, fn.Vals[i], keys, u, k+1)
	out := newFcn(len(fn.Vals))
	copy(out.Vals, fn.Vals)
	out.Vals[i] = nv
	out.Dom, out.Seq = fn.Dom, fn.Seq
	return out
}

// ---------------------------------------------------------------- LET

func (p *Program) compileLetDefs(sc cscope, defs []ast.Unit) (cscope, func(*Ctx, *frame)) {
	sc.fs.lets = true
	type letDef struct {
		slot  int
		lazy  bool
		e     expr    // zero-arity body
		fs    *fscope // for operators with params
		body  expr    // operator body
		arity int
		name  string
		dyn   bool
	}
	var lds []*letDef
	var pending []func()
	for _, u := range defs {
		switch d := u.(type) {
		case *ast.OpDef:
			if len(d.Params) == 0 {
				var slot int
				sc, slot = sc.with(d.Name, bLazy, 0)
				ld := &letDef{slot: slot, lazy: true, name: d.Name.Name}
				lds = append(lds, ld)
				body := d.Body
				scAt := sc
				// a definition depending on the state is recomputed when
				// the state changes (a prime, an assignment)
				ld.dyn = p.scopeLevel(sc, body, 0) >= LevelState
				sc.b.body = body
				sc.b.bsc = &scAt
				pending = append(pending, func() { ld.e = p.compile(scAt, body) })
			} else {
				var slot int
				sc, slot = sc.with(d.Name, bOp, len(d.Params))
				ld := &letDef{slot: slot, arity: len(d.Params), name: d.Name.Name}
				lds = append(lds, ld)
				dd := d
				scAt := sc
				sc.b.letOp, sc.b.bsc = d, &scAt
				pending = append(pending, func() {
					fs := &fscope{up: scAt.fs}
					sc2 := cscope{env: scAt.env, fs: fs, b: scAt.b, file: scAt.file}
					for _, prm := range dd.Params {
						k := bVar
						if prm.Arity > 0 {
							k = bOp
						}
						sc2, _ = sc2.with(prm.Name, k, prm.Arity)
					}
					ld.fs = fs
					ld.body = p.compile(sc2, dd.Body)
				})
			}
		case *ast.FuncDef:
			var slot int
			sc, slot = sc.with(d.Name, bLazy, 0)
			ld := &letDef{slot: slot, lazy: true, name: d.Name.Name}
			lds = append(lds, ld)
			dd := d
			scAt := sc
			scAt.fs.snapshots = true // the function copies the frame
			scAt.fs.up.markCaptured()
			pending = append(pending, func() {
				sc2, bd := p.compileBounds(scAt, dd.Bounds)
				body := p.compile(sc2, dd.Body)
				bodyAct := p.compileAct(sc2, dd.Body, actMode{})
				single := len(bd.bounds) == 1 && !bd.bounds[0].tuple
				l := scAt.loc(dd)
				fs := scAt.fs
				ld.e = func(c *Ctx, f *frame) Value {
					dom := bd.domain(c, f)
					snapshot := append([]Value(nil), f.s...)
					up := f.up
					_ = fs
					return &LazyFcnV{Dom: dom, prog: c.prog, Apply: func(c *Ctx, arg Value) Value {
						nf := copyFrame(snapshot, up)
						bindArg(bd, nf, arg, single, l)
						return body(c, nf)
					}, ActApply: func(c *Ctx, arg Value, k func()) {
						nf := copyFrame(snapshot, up)
						bindArg(bd, nf, arg, single, l)
						bodyAct(c, nf, k)
					}}
				}
			})
		case *ast.RecursiveDecl:
			// names are declared by their definitions
		case *ast.ModuleDef:
			// LET M == INSTANCE N WITH ...: substitutions are resolved at
			// module level
			ienv := p.instanceEnv(sc.env, d, sc.loc(d).File)
			ne := *sc.env
			ne.insts = make(map[string]*modEnv, len(sc.env.insts)+1)
			for k, v := range sc.env.insts {
				ne.insts[k] = v
			}
			ne.insts[d.Name.Name] = ienv
			ne.instIDs = make(map[*ast.Ident]*modEnv, len(sc.env.instIDs)+1)
			for k, v := range sc.env.instIDs {
				ne.instIDs[k] = v
			}
			ne.defineInst(d.Name, ienv)
			sc.env = &ne
		case *ast.Instance:
			compileErr(sc.loc(u), "INSTANCE inside LET is not supported by the checker yet")
		}
	}
	for _, fn := range pending {
		fn()
	}
	nLazy := 0
	for _, ld := range lds {
		if ld.lazy {
			nLazy++
		}
	}
	return sc, func(c *Ctx, f *frame) {
		var cells []lazyCell // one allocation for all the LET's cells
		if nLazy > 0 {
			cells = c.frames.letCells(f, nLazy)
		}
		for _, ld := range lds {
			if ld.lazy {
				cell := &cells[0]
				cells = cells[1:]
				cell.e, cell.f, cell.dyn = ld.e, f, ld.dyn
				f.s[ld.slot] = cell
				continue
			}
			ld := ld
			captured := f
			f.s[ld.slot] = &OpValue{Name: ld.name, Arity: ld.arity, Call: func(c *Ctx, args []Value) Value {
				nf := newFrame(ld.fs.size, captured)
				copy(nf.s, args)
				c.enter(nil)
				v := ld.body(c, nf)
				c.depth--
				return v
			}}
		}
	}
}

type enabledStop struct{}
