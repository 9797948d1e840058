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
		for i, n := range b.Names {
			var s int
			sc, s = sc.with(n, bVar, 0)
			bd.bounds = append(bd.bounds, boundC{set: set, slots: []int{s}, same: i > 0, loc: sc.loc(b)})
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
