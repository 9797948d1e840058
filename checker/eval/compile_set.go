package eval

import (
	"sync/atomic"

	"github.com/tlals/tlals/parser/ast"
)

// Set constructors: {x \in S : P} and {e : x \in S}.

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
		adj := p.adjacency(sc, x)
		return func(c *Ctx, f *frame) Value {
			base := set(c, f)
			if adj != nil {
				if c.covOn {
					if out, ok := adj.filterCounted(c, f, slot, base, pred); ok {
						return out
					}
				} else if out, ok := adj.filter(c, f, base); ok {
					return out
				}
			}
			if out, ok := filterNow(c, f, slot, base, pred); ok {
				return out
			}
			detachArgs(c, f.s)
			snap := copyFrame(f.s, f.up)
			c.lazyMade++ // (statecache.go)
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

// filterNow computes a filter over an enumerated set or an interval at
// once, as TLC does for a base it can reduce (SetEnumValue, IntervalValue):
// the predicate runs on every element now and its errors are raised now,
// even when the set is then only tested for membership. Other bases (SUBSET,
// products, infinite sets) give ok false: the caller builds the lazy set.
func filterNow(c *Ctx, f *frame, slot int, base Value, pred func(*Ctx, *frame) bool) (out *SetV, ok bool) {
	var elems []Value
	var iv *IntervalV
	switch b := base.(type) {
	case *SetV:
		elems = b.elems
	case *IntervalV:
		iv = b
	default:
		return nil, false
	}
	saved := f.s[slot]
	defer func() { f.s[slot] = saved }()
	var buf [32]Value // kept elements gather here, then move to a slice of their size
	kept := buf[:0]
	test := func(e Value) {
		f.s[slot] = e
		if pred(c, f) {
			kept = append(kept, e)
		}
	}
	if iv != nil {
		for i := iv.Lo; i <= iv.Hi; i++ {
			test(Int(i))
		}
	} else {
		for _, e := range elems {
			test(e)
		}
	}
	return keptSet(kept), true
}

// tupleIn is a compiled <<e1, ..., en>> \in S (or \notin): its elements'
// and its set's evaluators.
type tupleIn struct {
	tup   *ast.Tuple
	elems []expr
	set   expr
	neg   bool
	loc   *Loc
}

// adjacency is the tuple membership of a filter {x \in B : <<a1, ..., x>> \in E}
// (a graph's successors: Children(g, v) == {c \in V : <<v, c>> \in E})
// whose a1, ... and E do not mention x: with E a large set of tuples, its
// tuples that start with a1, ... are a run of E's order, found once, so
// each x is searched among them only, not in all of E once per x. nil when
// the filter is not of that form, or a debugger sees each evaluation, or
// a1, ... or E may print or draw (each evaluation shows). With coverage,
// filterCounted counts what the element-by-element filter counts.
func (p *Program) adjacency(sc cscope, x *ast.SetFilter) *tupleIn {
	in, ok := ast.Unparen(x.Pred).(*ast.Infix)
	if !ok || p.debug != nil || x.Bound.Tuple || len(x.Bound.Names) != 1 {
		return nil
	}
	ti := p.tupleIns[in]
	if ti == nil || len(ti.tup.Elems) < 2 {
		return nil
	}
	name := x.Bound.Names[0].Name
	last, ok := ast.Unparen(ti.tup.Elems[len(ti.tup.Elems)-1]).(*ast.OpApp)
	if !ok || last.Prefix != nil || last.Args != nil || last.Name == nil || last.Name.Name != name {
		return nil
	}
	for _, e := range append(ti.tup.Elems[:len(ti.tup.Elems)-1:len(ti.tup.Elems)-1], in.Y) {
		if mentions(e, name) || p.reaches(sc.env, e, map[*def]bool{}, shows) {
			return nil
		}
	}
	return ti
}

// mentions reports whether name occurs in e (as any identifier: a
// conservative test for "e does not depend on the bound name").
func mentions(e ast.Expr, name string) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}

// adjacencyMin is the least set size memberTuple searches by halves (and
// decides by compare, which raises no error): smaller sets are compared
// element by element with equal, whose errors the filter must raise as it
// goes.
const adjacencyMin = 8

// filter computes {x \in base : <<a1, ..., x>> \in E} as filterNow with
// the tuple membership as predicate does, when base is enumerated and E is
// an enumerated set of at least adjacencyMin elements, all tuples (where
// memberTuple decides by binary search): ok false otherwise, and the
// caller filters element by element. a1, ... and E are evaluated once, in
// the order the predicate evaluates them (they do not depend on x).
func (ti *tupleIn) filter(c *Ctx, f *frame, base Value) (out *SetV, ok bool) {
	bs, ok := base.(*SetV)
	if !ok || len(bs.elems) == 0 {
		return nil, false
	}
	defer attach(ti.loc)
	var buf [3]Value
	prefix, es, ok := ti.run(c, f, buf[:0])
	if !ok {
		return nil, false
	}
	var kbuf [32]Value
	return keptSet(ti.search(prefix, es, bs.elems, kbuf[:0])), true
}

// run evaluates a1, ... (appended to prefix) and E, in the predicate's
// order: ok false when E is not an enumerated set of at least
// adjacencyMin tuples, which search cannot decide.
func (ti *tupleIn) run(c *Ctx, f *frame, prefix []Value) (_ []Value, es []Value, ok bool) {
	k := len(ti.elems) - 1
	for _, el := range ti.elems[:k] {
		prefix = append(prefix, el(c, f))
	}
	st, ok := ti.set(c, f).(*SetV)
	if !ok || len(st.elems) < adjacencyMin {
		return prefix, nil, false
	}
	for _, e := range st.elems {
		if ef, ok := e.(*FcnV); !ok || !ef.Seq {
			return prefix, nil, false
		}
	}
	return prefix, st.elems, true
}

// filterCounted is filter with coverage: the filter's predicate (slot its
// bound name) runs on the base's first two elements as filterNow runs it,
// counting, the second's counts journaled; a1, ... and E, evaluated again
// for the search, take their counts back; and each other element counts
// the second's counts, as its evaluation of the predicate would. The
// first differs (an operator's argument counts at its first use in the
// call, macroArgCounted); from the second on, an evaluation of the
// predicate counts the same, since it does not depend on x but by x's own
// count. ok false (nothing evaluated) when base is not an enumerated set
// of three elements or more: filterNow filters it.
func (ti *tupleIn) filterCounted(c *Ctx, f *frame, slot int, base Value, pred func(*Ctx, *frame) bool) (out *SetV, ok bool) {
	bs, ok := base.(*SetV)
	if !ok || len(bs.elems) < 3 {
		return nil, false
	}
	saved := f.s[slot]
	defer func() { f.s[slot] = saved }()
	rec := c.covRec
	defer c.covRecRestore(rec) // an error leaves the journal open
	var kbuf [32]Value
	kept := kbuf[:0]
	f.s[slot] = bs.elems[0]
	if pred(c, f) {
		kept = append(kept, bs.elems[0])
	}
	var jbuf, abuf [16]covInc
	f.s[slot] = bs.elems[1]
	start := c.covRecBegin()
	if pred(c, f) {
		kept = append(kept, bs.elems[1])
	}
	one := c.covRecEnd(start, jbuf[:0], true) // the counts of one evaluation
	rest := bs.elems[2:]
	start = c.covRecBegin()
	var buf [3]Value
	prefix, es, ok := func() ([]Value, []Value, bool) {
		defer attach(ti.loc)
		return ti.run(c, f, buf[:0])
	}()
	for _, in := range c.covRecEnd(start, abuf[:0], true) {
		c.count(in.n, -in.d)
	}
	if !ok {
		for _, x := range rest {
			f.s[slot] = x
			if pred(c, f) {
				kept = append(kept, x)
			}
		}
		return keptSet(kept), true
	}
	for _, in := range one {
		c.count(in.n, in.d*int64(len(rest)))
	}
	kept = func() []Value {
		defer attach(ti.loc)
		return ti.search(prefix, es, rest, kept)
	}()
	return keptSet(kept), true
}

// search appends to kept the elements x of xs with <<prefix, x>> \in es
// (\notin with neg), es sorted tuples.
func (ti *tupleIn) search(prefix, es, xs, kept []Value) []Value {
	k := len(prefix)
	// E's tuples of length k+1 starting with prefix: [lo, hi)
	cmpPrefix := func(t *FcnV) int {
		if len(t.Vals) != k+1 {
			if len(t.Vals) < k+1 {
				return -1
			}
			return 1
		}
		for i, v := range prefix {
			if c := compare(t.Vals[i], v); c != 0 {
				return c
			}
		}
		return 0
	}
	lo, hi := 0, len(es)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if cmpPrefix(es[m].(*FcnV)) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	end, h := lo, len(es)
	for end < h {
		m := int(uint(end+h) >> 1)
		if cmpPrefix(es[m].(*FcnV)) <= 0 {
			end = m + 1
		} else {
			h = m
		}
	}
	run := es[lo:end]
	for _, x := range xs {
		l, h := 0, len(run)
		found := false
		for l < h {
			m := int(uint(l+h) >> 1)
			switch c := compare(run[m].(*FcnV).Vals[k], x); {
			case c == 0:
				found = true
				l = h
			case c < 0:
				l = m + 1
			default:
				h = m
			}
		}
		if found != ti.neg {
			kept = append(kept, x)
		}
	}
	return kept
}

// keptSet is the set of a filter's kept elements (in the base's order,
// so canonical): the set and its elements in one allocation (newSet) where
// they are few, and one empty set for every empty result (values are
// immutable).
func keptSet(kept []Value) *SetV {
	if len(kept) == 0 {
		return emptyKept
	}
	out := newSet(len(kept))
	copy(out.elems, kept)
	return out
}

var emptyKept = &SetV{}

func (p *Program) compileSetMap(sc cscope, x *ast.SetMap) expr {
	sc2, bd := p.compileBounds(sc, x.Bounds)
	el := p.compile(sc2, x.Elem)
	var hint sizeHint
	return func(c *Ctx, f *frame) Value {
		// the elements gather in the set's own block (newSet: one
		// allocation) when the last result's size still fits
		s := newSet(int(hint.n.Load()))
		out := s.elems[:0]
		bd.each(c, f, func() bool {
			out = append(out, normV(el(c, f)))
			return true
		})
		hint.set(len(out))
		out = canonElems(out)
		s.elems = out[:len(out):len(out)] // no append may write past it
		return s
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
