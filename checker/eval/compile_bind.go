package eval

import "github.com/tlals/tlals/parser/ast"

// Bound variables: the binders that quantifiers, CHOOSE and the set and
// function constructors enumerate.

// binder iterates over the values of bound variables `x \in S, <<y, z>> \in T`.
type binder struct {
	bounds []boundC
}

type boundC struct {
	set   expr
	slots []int
	tuple bool
	// same: the set is the previous bound's (`a, b \in S`), evaluated once
	// for both as TLC's bound `a, b \in S` is one domain
	same bool
	loc  *Loc
	// setLoc: the bound's set, where TLC reports one it cannot enumerate
	setLoc *Loc
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
		setLoc := sc.loc(b)
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
			setLoc = sc.loc(b.Set)
		}
		if b.Tuple {
			var slots []int
			for _, n := range b.Names {
				var s int
				sc, s = sc.with(n, bVar, 0)
				slots = append(slots, s)
			}
			bd.bounds = append(bd.bounds, boundC{set: set, slots: slots, tuple: true, loc: sc.loc(b), setLoc: setLoc})
			continue
		}
		for i, n := range b.Names {
			var s int
			sc, s = sc.with(n, bVar, 0)
			bd.bounds = append(bd.bounds, boundC{set: set, slots: []int{s}, same: i > 0, loc: sc.loc(b), setLoc: setLoc})
		}
	}
	return sc, bd
}

// each binds every combination; fn returns false to stop. Returns false when
// stopped. As TLC's context enumeration, the first bound varies fastest:
// `\E a, b \in S` tries <<a, b>> = <<1, 1>>, <<2, 1>>, <<1, 2>>, ... The sets
// are all evaluated first, in order, each domain once, even when an earlier
// one is empty (TLC's Tool.contexts: its errors and its coverage counts).
func (bd *binder) each(c *Ctx, f *frame, fn func() bool) bool {
	if len(bd.bounds) == 1 {
		return bd.rec(c, f, 0, fn)
	}
	n := len(bd.bounds)
	ivs := make([]*IntervalV, n)
	elems := make([][]Value, n)
	size := make([]int64, n)
	empty := false
	var sv Value
	for i := range bd.bounds {
		b := &bd.bounds[i]
		if !b.same {
			sv = b.set(c, f)
		}
		if iv, ok := sv.(*IntervalV); ok && !b.tuple && (iv.Hi < iv.Lo || iv.Hi-iv.Lo < maxEnum) {
			ivs[i] = iv
			size[i] = max(0, iv.Hi-iv.Lo+1)
		} else {
			es, err := enumerate(sv)
			if err != nil {
				unenumerableBound(b.setLoc, sv)
			}
			check(b.loc, err)
			elems[i] = es
			size[i] = int64(len(es))
		}
		empty = empty || size[i] == 0
	}
	if empty {
		return true
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
	if err != nil {
		unenumerableBound(b.setLoc, sv)
	}
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

// unenumerableBound throws TLC's error for a quantifier or set-constructor
// bound it cannot enumerate (TLC's ContextEnumerator): Nat, Int, STRING and
// Seq(S), located at the bound's set. Any other failure is left to the
// caller.
func unenumerableBound(l *Loc, sv Value) {
	const infinite = "\nThe set %[1]s contains infinitely many elements. As a result, TLC cannot evaluate expressions that\nuniversally (\\A) or existentially (\\E) quantify over %[1]s, because this would require checking an\ninfinite number of cases. Note that TLC handles set membership like T \\subseteq %[1]s for any finite set T."
	switch sv.(type) {
	case NatV, IntSetV:
		n := Format(sv)
		throw(l, "TLC encountered the non-enumerable quantifier bound\n%s\n%s"+infinite, n, l.String())
	case StringV:
		throw(l, "TLC encountered a non-enumerable quantifier bound\nSTRING.\n%s", l.String())
	case *SeqSetV:
		n := Format(sv)
		throw(l, "TLC encountered the non-enumerable quantifier bound\n%[1]s\n%[2]s\nIn TLA+, Seq(S) represents the set of all finite sequences whose elements come from the set S. Even when S\nis a finite set, the number of possible sequences in Seq(S) is unbounded because sequences can have any\nfinite length (e.g., length 0, 1, 2, and so on). As a result, TLC cannot evaluate expressions that\nuniversally (\\A) or existentially (\\E) quantify over %[1]s, because this would require checking an\ninfinite number of cases. Note that for a finite set of sequences s, TLC handles s \\subseteq Seq(S).\nSee https://explain.tlapl.us/seq-unenumerable for additional details.", n, l.String())
	}
}

// unenumerableIn throws TLC's error (Tool.getInitStates, getNextStates)
// for `x \in S` or `x' \in S` assigning a variable from a set that is no
// enumerable value (Nat, Int, STRING, Seq(S)), located at the membership.
func unenumerableIn(l *Loc, sv Value, init bool) {
	switch sv.(type) {
	case NatV, IntSetV, StringV, *SeqSetV:
		which := "next"
		if init {
			which = "initial"
		}
		throw(l, "In computing %s states, the right side of \\IN is not enumerable.", which)
	}
}
