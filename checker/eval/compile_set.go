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
		return func(c *Ctx, f *frame) Value {
			base := set(c, f)
			if out, ok := filterNow(c, f, slot, base, pred); ok {
				return out
			}
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
