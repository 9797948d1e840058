package eval

// Values used by the evaluator. These follow TLC's value model: booleans,
// 64-bit integers (overflow is an error), strings, model values, canonical
// finite sets, functions (tuples, sequences and records are functions), and
// lazy sets that are enumerated only when needed.

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Value is a TLA+ value.
type Value interface{ kind() kind }

type kind uint8

const (
	kBool kind = iota
	kInt
	kStr
	kModel
	kSet  // any set, finite or lazy
	kFcn  // function, tuple, sequence, record
	kOper // an operator passed as an argument (not a TLA+ value)
)

// Bool is TRUE or FALSE.
type Bool bool

// Int is a TLC integer.
type Int int64

// Str is a string.
type Str string

// ModelValue is a model value declared in the config (C = {a, b}). Rank
// is its position in TLC's order: the order of first appearance in the
// configuration (TLC compares model values by intern number).
type ModelValue struct {
	Name string
	Rank int32
}

func (Bool) kind() kind        { return kBool }
func (Int) kind() kind         { return kInt }
func (Str) kind() kind         { return kStr }
func (*ModelValue) kind() kind { return kModel }

// SetV is a finite, canonical set: elements sorted by compare, no duplicates.
// interval marks the canonical form of an interval lo..hi, which prints as
// the interval (TLC keeps an IntervalValue as it is where it is stored: a
// set's element, a variable's value); it plays no part in equality or
// fingerprints, and the sets operations build are plain.
type SetV struct {
	elems    []Value
	interval bool
}

func (*SetV) kind() kind { return kSet }

// FcnV is a finite function in canonical form. When Seq is set its domain is
// 1..len(Vals) and Dom is nil; otherwise Dom is sorted and duplicate-free.
type FcnV struct {
	Dom  []Value
	Vals []Value
	Seq  bool
	// Rep is how DOMAIN prints (TLC keeps a function's domain as an
	// interval or as an enumerated set); it never affects equality,
	// order or fingerprints.
	Rep domRep
}

// domRep: the printed form of a function's domain.
type domRep uint8

const (
	repDefault domRep = iota // an interval for a sequence, else a set
	repSet                   // an enumerated set, even when it is 1..n
	repIntv                  // an interval (the domain is lo..hi)
)

func (*FcnV) kind() kind { return kFcn }

// Lazy sets.
type (
	IntervalV struct{ Lo, Hi int64 }
	SubsetV   struct{ Base Value }
	FuncSetV  struct{ Dom, Rng Value }
	RecSetV   struct {
		Names []string // sorted
		Sets  []Value
	}
	ProductV struct{ Sets []Value }
	SeqSetV  struct{ Base Value }
	NatV     struct{}
	IntSetV  struct{}
	StringV  struct{}
	// UnionV is UNION S, kept lazy for membership.
	UnionV struct{ Base Value }
	// DiffV is A \ B and CupV is A \cup B, for infinite A.
	DiffV struct{ A, B Value }
	CupV  struct{ A, B Value }
)

func (*DiffV) kind() kind { return kSet }

// FilterV is {x \in Base : Pred(x)}, evaluated lazily.
type FilterV struct {
	Base  Value
	Pred  func(Value) bool
	loc   *Loc
	mu    sync.Mutex
	elems []Value
	done  bool
	set   *SetV // elems as a set, for membership once enumerated
}

// enumerated is the set's elements as a set once it has been enumerated
// (nil before). Membership then tests the elements, as TLC's SetPredValue
// does: Pred evaluates in the evaluation context it was made in, which has
// moved on to other states when the set is kept in a state (a filter over
// a variable copied into the next state and tested there).
func (s *FilterV) enumerated() *SetV {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.done {
		return nil
	}
	if s.set == nil {
		s.set = mkSet(append([]Value(nil), s.elems...))
	}
	return s.set
}

func (*FilterV) kind() kind { return kSet }

func (s *FilterV) enumerate() ([]Value, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		return s.elems, nil
	}
	base, err := enumerate(s.Base)
	if err != nil {
		if unenumerable(s.Base) { // TLC's SetPredValue
			return nil, verr("Attempted to enumerate { x \\in S : p(x) } when S:\n" + Format(s.Base) + "\nis not enumerable")
		}
		return nil, err
	}
	var out []Value
	for _, e := range base {
		if s.Pred(e) {
			out = append(out, e)
		}
	}
	s.elems, s.done = out, true
	return out, nil
}
func (*CupV) kind() kind { return kSet }

func (*IntervalV) kind() kind { return kSet }
func (*SubsetV) kind() kind   { return kSet }
func (*FuncSetV) kind() kind  { return kSet }
func (*RecSetV) kind() kind   { return kSet }
func (*ProductV) kind() kind  { return kSet }
func (*SeqSetV) kind() kind   { return kSet }
func (NatV) kind() kind       { return kSet }
func (IntSetV) kind() kind    { return kSet }
func (StringV) kind() kind    { return kSet }
func (*UnionV) kind() kind    { return kSet }

// LazyFcnV is a function whose values are computed on application: recursive
// function definitions and functions over infinite domains.
type LazyFcnV struct {
	Dom   Value
	Apply func(c *Ctx, arg Value) Value
	// ActApply enumerates the body as an action (TLC inlines the
	// application of a lazy function in next-state position).
	ActApply func(c *Ctx, arg Value, k func())
	prog     *Program
	// home is the state the function was made in: its body may read the
	// variables, and a function printed or normalized outside the
	// evaluation that applies it (an error message, Print, a value kept in
	// the next state) is computed there, as TLC's FcnLambdaValue keeps its
	// states
	home lazyHome
	// lambda is the constructor [x \in S |-> e] the function stands for,
	// printed in its place when it cannot be materialized (lazy.go)
	lambda *lambdaForm
	memo   *FcnV // materialized form, when computed
	mu     sync.Mutex
	// the results computed so far, by argument fingerprint: scanned while
	// few, then found through an open-addressing index (values are
	// compared only when their fingerprints agree: equal fails on values
	// of different kinds)
	memoList  []memoEntry
	memoIndex memoIndex
	// with coverage, a state-level function kept for the state (statecache.go)
	// is used through views, one per use as TLC evaluates the definition
	// anew: a view (base: the kept function) takes the kept function's
	// results, replaying their counts the first time (covSpans, by entry,
	// into covArena; seen: the entries this view took)
	*lazyCov
}

// lazyHome is the state a lazy function's body reads (LazyFcnV.home).
type lazyHome struct {
	cur, next []Value
	inst      []instFrame
}

func homeOf(c *Ctx) lazyHome { return lazyHome{c.Cur, c.Next, c.inst} }

func (h lazyHome) ctx(p *Program) *Ctx { return &Ctx{prog: p, Cur: h.cur, Next: h.next, inst: h.inst} }

// lazyCov is a lazy function's coverage state: of a kept function its
// results' counts, of a view what it took (statecache.go).
type lazyCov struct {
	base     *LazyFcnV
	covSpans []covSpan
	covArena []covInc
	seen     []int32
	seenSet  map[int32]struct{}
	seenArr  [4]int32 // seen's first (no allocation for a few)
	// of a kept function: the size its definition's arenas reached
	arenaHint *atomic.Int32
}

// lazyViewAlloc is a view and its coverage state in one allocation.
type lazyViewAlloc struct {
	f  LazyFcnV
	lc lazyCov
}

type memoEntry struct {
	fp       uint64
	arg, val Value
}

// memoLinear is how many results are scanned before they are indexed.
const memoLinear = 8

// apply computes f[arg] once per argument.
func (f *LazyFcnV) apply(c *Ctx, arg Value) Value {
	if f.lazyCov != nil && f.base != nil {
		return f.viewApply(c, arg)
	}
	arg = normV(arg)
	fp := Fingerprint(arg)
	f.mu.Lock()
	v, ok := f.memoGet(fp, arg)
	f.mu.Unlock()
	if ok {
		return v
	}
	v = f.Apply(c, arg)
	f.mu.Lock()
	f.memoPut(fp, arg, v)
	f.mu.Unlock()
	return v
}

// memoGet finds arg's result (f.mu held).
func (f *LazyFcnV) memoGet(fp uint64, arg Value) (Value, bool) {
	if i := f.memoFind(fp, arg); i >= 0 {
		return f.memoList[i].val, true
	}
	return nil, false
}

// memoFind is the index of arg's result (f.mu held), or -1.
func (f *LazyFcnV) memoFind(fp uint64, arg Value) int {
	if f.memoIndex == nil {
		for i := range f.memoList {
			if e := &f.memoList[i]; e.fp == fp && equal(e.arg, arg) {
				return i
			}
		}
		return -1
	}
	mask := len(f.memoIndex) - 1
	for i := int(fp) & mask; ; i = (i + 1) & mask { // fp is mixed: low bits will do
		j := f.memoIndex[i]
		if j == 0 {
			return -1
		}
		if e := &f.memoList[j-1]; e.fp == fp && equal(e.arg, arg) {
			return int(j - 1)
		}
	}
}

// memoPut records arg's result (f.mu held), indexing the results once
// there are more than memoLinear, at most half full.
func (f *LazyFcnV) memoPut(fp uint64, arg, v Value) {
	f.memoList = append(f.memoList, memoEntry{fp, arg, v})
	n := len(f.memoList)
	if n <= memoLinear {
		return
	}
	if 2*n <= len(f.memoIndex) {
		f.memoIndex.add(f.memoList, n-1)
		return
	}
	size := 4 * memoLinear
	for size < 4*n {
		size *= 2
	}
	f.memoIndex = make(memoIndex, size)
	for i := range f.memoList {
		f.memoIndex.add(f.memoList, i)
	}
}

// memoIndex is LazyFcnV's index: entry number + 1 by fingerprint; 0: empty.
type memoIndex []int32

func (ix memoIndex) add(list []memoEntry, i int) {
	mask := len(ix) - 1
	j := int(list[i].fp) & mask
	for ix[j] != 0 {
		j = (j + 1) & mask
	}
	ix[j] = int32(i + 1)
}

func (*LazyFcnV) kind() kind { return kFcn }

// ---------------------------------------------------------------- constructors

func mkSet(elems []Value) *SetV { return &SetV{elems: canonElems(elems)} }

// canonElems sorts elems and drops duplicates, in place.
func canonElems(elems []Value) []Value {
	if len(elems) <= 1 {
		return elems
	}
	if mixedKinds(elems) {
		tlcSortClash(elems)
	}
	sorted := true
	for i := 1; i < len(elems); i++ {
		// elems[i] first, as TLC's sort (Java's TimSort) compares them:
		// which of two values of different kinds is named first in the
		// error (compare) depends on it
		if compare(elems[i], elems[i-1]) <= 0 {
			sorted = false
			break
		}
	}
	if !sorted {
		// stable: of equal elements the first is kept, as TLC does, which
		// shows where equal values print differently ({1..2, {1, 2}})
		slices.SortStableFunc(elems, compare)
		out := elems[:1]
		for _, e := range elems[1:] {
			if compare(out[len(out)-1], e) != 0 {
				out = append(out, e)
			}
		}
		elems = out
	}
	return elems
}

// mixedKinds reports whether elems holds values of kinds TLC does not
// order (model values and operators aside).
func mixedKinds(elems []Value) bool {
	first := -1
	for _, v := range elems {
		k := int(v.kind())
		if m, ok := v.(*ModelValue); ok {
			t := mvType(m)
			if t == 0 {
				continue // an untyped model value orders with anything
			}
			k = 256 + int(t) // a typed one only with those of its type
		} else if k == int(kOper) {
			continue
		}
		if first < 0 {
			first = k
		} else if k != first {
			return true
		}
	}
	return false
}

// tlcSortClash raises TLC's error for sorting elems (SetEnumValue.normalize):
// its ValueVec.sort inserts each element, in order, into the sorted prefix
// by binary search, comparing the element with the middle one, so the
// first pair it cannot compare is the one named. It leaves elems as they
// are when no pair compared fails.
func tlcSortClash(elems []Value) {
	sorted := make([]Value, 1, len(elems))
	sorted[0] = elems[0]
	for _, e := range elems[1:] {
		lo, hi := 0, len(sorted)
		c := 0
		for lo < hi {
			m := (lo + hi) >> 1
			if c = compare(e, sorted[m]); c == 0 {
				break
			} else if c < 0 {
				hi = m
			} else {
				lo = m + 1
			}
		}
		if c != 0 {
			sorted = slices.Insert(sorted, lo, e)
		}
	}
}

// unionSorted merges two canonical element lists (linear, where sorting the
// concatenation is not: BenchmarkUnion100).
func unionSorted(a, b []Value) *SetV {
	if len(a) == 0 {
		return &SetV{elems: b}
	}
	if len(b) == 0 {
		return &SetV{elems: a}
	}
	if kindsClash(a[0], b[0]) {
		// TLC adds to the left set each element of the right one it does
		// not hold (member, by equality): so the error names the left
		// set's first element
		incomparable(a[0], b[0], "check equality of")
	}
	// the set and its elements in one block (newSet), cut to the size
	// the duplicates leave
	s := newSet(len(a) + len(b))
	out := s.elems[:0]
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch c := compare(a[i], b[j]); {
		case c < 0:
			out = append(out, a[i])
			i++
		case c > 0:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	out = append(out, b[j:]...)
	s.elems = out[:len(out):len(out)]
	return s
}

// unionOne is unionSorted(a.elems, {v}) for a non-empty enumerated a: v
// put in its place, or a itself when it holds v already (values are
// immutable), unless a prints as an interval, which the union does not.
func unionOne(a *SetV, v Value) *SetV {
	es := a.elems
	if kindsClash(es[0], v) {
		incomparable(es[0], v, "check equality of") // as unionSorted
	}
	lo, hi := 0, len(es)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if compare(es[m], v) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	found := lo < len(es) && compare(es[lo], v) == 0
	if found && !a.interval {
		return a
	}
	n := len(es)
	if !found {
		n++
	}
	s := newSet(n)
	copy(s.elems, es[:lo])
	if found {
		copy(s.elems[lo:], es[lo:])
	} else {
		s.elems[lo] = v
		copy(s.elems[lo+1:], es[lo:])
	}
	return s
}

// mkTuple builds <<vals...>>.
func mkTuple(vals []Value) *FcnV { return &FcnV{Vals: vals, Seq: true} }

// mkFcn builds a function from parallel domain/value slices (any order).
func mkFcn(dom, vals []Value) *FcnV {
	idx := make([]int, len(dom))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return compare(dom[idx[a]], dom[idx[b]]) < 0 })
	d := make([]Value, 0, len(dom))
	v := make([]Value, 0, len(dom))
	for _, i := range idx {
		if len(d) > 0 && compare(d[len(d)-1], dom[i]) == 0 {
			v[len(v)-1] = vals[i]
			continue
		}
		d = append(d, dom[i])
		v = append(v, vals[i])
	}
	return canonFcn(d, v)
}

// canonFcn turns a sorted domain into a sequence when it is 1..n.
func canonFcn(dom, vals []Value) *FcnV {
	if isSeqDomain(dom) {
		return &FcnV{Vals: vals, Seq: true}
	}
	return &FcnV{Dom: dom, Vals: vals}
}

// isSeqDomain reports whether the sorted domain dom is 1..len(dom).
func isSeqDomain(dom []Value) bool {
	for i, d := range dom {
		if n, ok := d.(Int); !ok || int(n) != i+1 {
			return false
		}
	}
	return true
}

// recordMaker returns the function that makes the record of fields names
// from their values (in names' order; the slice is not kept), as mkRecord
// does: the records share one domain, sorted once, rather than each
// sorting and allocating its own (CoffeeCan's Can: a million records).
func recordMaker(names []string) func(vals []Value) Value {
	at := make([]Value, len(names)) // a template whose values are the fields' indices
	for i := range at {
		at[i] = Int(i)
	}
	t := mkRecord(names, at)
	if t.Seq {
		return func(vals []Value) Value { return mkRecord(names, append([]Value(nil), vals...)) }
	}
	from := make([]int, len(t.Vals))
	for j, v := range t.Vals {
		from[j] = int(v.(Int))
	}
	return func(vals []Value) Value {
		v := make([]Value, len(from))
		for j, i := range from {
			v[j] = vals[i]
		}
		return &FcnV{Dom: t.Dom, Vals: v}
	}
}

func mkRecord(names []string, vals []Value) *FcnV {
	dom := make([]Value, len(names))
	for i, n := range names {
		dom[i] = Str(n)
	}
	return mkFcn(dom, vals)
}

// DomainAt returns the i-th domain element of f.
func (f *FcnV) DomainAt(i int) Value {
	if f.Seq {
		return Int(i + 1)
	}
	return f.Dom[i]
}

// linearLookupMax is the largest domain lookup scans for a string or a
// model value rather than bisecting: equality is cheaper than their order.
const linearLookupMax = 16

// checkMiss raises the error TLC raises looking for arg, not in f's
// domain, among the domain's elements: comparing arg with one it cannot
// compare it with (another kind, a model value of another type). TLC
// compares arg with each element in turn, or, in a normalized domain of 32
// elements or more, searches it by halves from the middle element
// (FcnRcdValue.select). A domain that is an integer interval TLC indexes
// with integers only.
func (f *FcnV) checkMiss(arg Value) {
	if f.Seq {
		if _, ok := arg.(Int); !ok && len(f.Vals) > 0 {
			panic(&valErr{"Attempted to access tuple at a non integral index: " + Pretty(arg)})
		}
		return
	}
	if len(f.Dom) == 0 {
		return
	}
	if isIntInterval(f.Dom) {
		if _, ok := arg.(Int); !ok {
			panic(&valErr{"Attempted to apply function with integer domain to the non-integer argument " + Pretty(arg)})
		}
		return
	}
	if len(f.Dom) >= 32 {
		orderable(f.Dom[(len(f.Dom)-1)/2], arg)
		return
	}
	for _, d := range f.Dom {
		equal(d, arg)
	}
}

// isIntInterval reports whether dom (sorted) is a..b.
func isIntInterval(dom []Value) bool {
	first, ok := dom[0].(Int)
	if !ok {
		return false
	}
	last, ok := dom[len(dom)-1].(Int)
	return ok && int64(last)-int64(first) == int64(len(dom)-1)
}

// orderable raises TLC's error for ordering a and b (compareTo), values it
// does not order: of different kinds, or a typed model value and a model
// value of another type or a value that is no model value. An untyped
// model value orders with anything.
func orderable(a, b Value) {
	am, aok := a.(*ModelValue)
	bm, bok := b.(*ModelValue)
	switch {
	case aok && bok:
		if ta, tb := mvType(am), mvType(bm); ta != 0 && tb != 0 && ta != tb {
			panic(&valErr{"Attempted to compare the differently-typed model values " + am.Name + " and " + bm.Name})
		}
	case aok || bok:
		m, o := am, b
		if bok {
			m, o = bm, a
		}
		if mvType(m) != 0 {
			if bok { // the other value's compareTo words it (modelValueCompareTo)
				panic(&valErr{"Attempted to compare the typed model value " + m.Name + " and the non-model value\n" + Pretty(o)})
			}
			panic(&valErr{"Attempted to compare the typed model value " + m.Name + " and non-model value\n" + Pretty(o)})
		}
	case a.kind() != b.kind():
		incomparable(a, b, "compare")
	}
}

// lookup finds arg in f's domain.
func (f *FcnV) lookup(arg Value) (int, bool) {
	if f.Seq {
		if n, ok := arg.(Int); ok && n >= 1 && int64(n) <= int64(len(f.Vals)) {
			return int(n) - 1, true
		}
		return 0, false
	}
	switch a := arg.(type) {
	case Str:
		// records: their few fields are found by equality, which needs no
		// string ranks (two map lookups per comparison)
		if len(f.Dom) <= linearLookupMax {
			for i, d := range f.Dom {
				if ds, ok := d.(Str); ok && ds == a {
					return i, true
				}
			}
			return 0, false
		}
		lo, hi := 0, len(f.Dom)
		for lo < hi {
			m := (lo + hi) / 2
			if ds, ok := f.Dom[m].(Str); ok {
				if ds == a {
					return m, true
				} else if compareStrings(string(ds), string(a)) < 0 {
					lo = m + 1
				} else {
					hi = m
				}
			} else {
				break
			}
		}
		if lo >= hi {
			return 0, false
		}
	case Int:
		if len(f.Dom) == 0 {
			return 0, false
		}
		// a domain lo..hi (functions over process ids, counters): the
		// sorted, duplicate-free Dom spans exactly len-1 only when it holds
		// every integer between its ends, as integers sort together
		lo, okl := f.Dom[0].(Int)
		hi, okh := f.Dom[len(f.Dom)-1].(Int)
		if okl && okh && int64(hi)-int64(lo) == int64(len(f.Dom)-1) {
			if a >= lo && a <= hi {
				return int(a - lo), true
			}
			return 0, false
		}
	case *ModelValue:
		if len(f.Dom) <= linearLookupMax {
			for i, d := range f.Dom {
				if dm, ok := d.(*ModelValue); ok && (dm == a || dm.Name == a.Name) {
					return i, true
				}
			}
			return 0, false
		}
	}
	if len(f.Dom) > 0 && (cannotOrder(f.Dom[0], arg) || cannotOrder(f.Dom[len(f.Dom)-1], arg)) {
		// not found: the caller words TLC's error for a missing argument
		// (compare would fail on the first pair)
		return 0, false
	}
	// three-way: stops at the element found
	lo, hi := 0, len(f.Dom)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch c := compare(f.Dom[m], arg); {
		case c == 0:
			return m, true
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return 0, false
}

// ---------------------------------------------------------------- order

func kindRank(v Value) int {
	switch v.(type) {
	case Bool:
		return 0
	case Int:
		return 1
	case Str:
		return 2
	case *ModelValue:
		return -1 // TLC: an untyped model value is less than any other value
	case *FcnV, *LazyFcnV:
		return 5
	case *OpValue:
		return 6
	}
	return 4 // sets
}

// compare is a total order on values: TLC's order within a type (integers
// numerically, strings lexically, sets by size then elements, functions by
// domain then values), types ordered arbitrarily but consistently.
func compare(a, b Value) int {
	switch x := a.(type) {
	case Int:
		if y, ok := b.(Int); ok {
			switch {
			case x < y:
				return -1
			case x > y:
				return 1
			}
			return 0
		}
	case Str:
		if y, ok := b.(Str); ok {
			return compareStrings(string(x), string(y))
		}
	case Bool:
		if y, ok := b.(Bool); ok {
			if x == y {
				return 0
			}
			if !x {
				return -1
			}
			return 1
		}
	case *ModelValue:
		if y, ok := b.(*ModelValue); ok {
			if x == y || x.Name == y.Name {
				return 0
			}
			if tx, ty := mvType(x), mvType(y); tx != ty && tx != 0 && ty != 0 {
				orderable(x, y) // TLC does not order them
			}
			if x.Rank != y.Rank {
				if x.Rank < y.Rank {
					return -1
				}
				return 1
			}
			return compareStrings(x.Name, y.Name)
		}
	case *FcnV:
		// two materialized functions (tuples in sets of pairs): what the
		// rank and normalization steps below decide, without them
		if y, ok := b.(*FcnV); ok {
			return compareFcns(x, y)
		}
	case *SetV:
		if y, ok := b.(*SetV); ok {
			return compareSets(x, y)
		}
	}
	ra, rb := kindRank(a), kindRank(b)
	if ra != rb {
		// values of different kinds: TLC's compareTo fails (an untyped
		// model value orders with anything)
		orderable(a, b)
		if ra < rb {
			return -1
		}
		return 1
	}
	switch ra {
	case 4:
		return compareSets(mustNorm(a).(*SetV), mustNorm(b).(*SetV))
	case 5:
		return compareFcns(mustNorm(a).(*FcnV), mustNorm(b).(*FcnV))
	}
	return 0
}

// compareSets orders two normalized sets: by size, then element by element.
func compareSets(sa, sb *SetV) int {
	if len(sa.elems) != len(sb.elems) {
		if len(sa.elems) < len(sb.elems) {
			return -1
		}
		return 1
	}
	for i := range sa.elems {
		if c := compare(sa.elems[i], sb.elems[i]); c != 0 {
			return c
		}
	}
	return 0
}

// compareFcns orders two materialized functions (see compare).
func compareFcns(fa, fb *FcnV) int {
	if len(fa.Vals) != len(fb.Vals) {
		if len(fa.Vals) < len(fb.Vals) {
			return -1
		}
		return 1
	}
	// TLC (FcnRcdValue.compareTo): size, then the whole domain in order,
	// then the values; a tuple is the function on 1..n, so it has no rank
	// of its own among functions.
	if !fa.Seq || !fb.Seq {
		fcnOrderable(fa, fb)
		for i := range fa.Vals {
			if c := compare(fa.DomainAt(i), fb.DomainAt(i)); c != 0 {
				return c
			}
		}
	}
	for i := range fa.Vals {
		if c := compare(fa.Vals[i], fb.Vals[i]); c != 0 {
			return c
		}
	}
	return 0
}

// fcnOrderable raises TLC's errors for ordering two functions of the same
// size that it cannot: a record and a function that is no record
// (RecordValue.compareTo), or a function on an interval (a tuple) and one
// whose domain holds a non-integer (FcnRcdValue.compareTo, which names the
// first such domain element).
func fcnOrderable(a, b *FcnV) {
	if isRecord(a) && !isRecord(b) {
		panic(&valErr{"Attempted to compare record:\n" + Pretty(a) + "\nwith non-record\n" + Pretty(b)})
	}
	ai, bi := intvDomain(a), intvDomain(b)
	if ai == bi {
		return
	}
	other := b
	if bi {
		other = a
	}
	for i := range other.Vals {
		if d := other.DomainAt(i); d.kind() != kInt {
			panic(&valErr{"Attempted to compare integer with non-integer:\n" + Pretty(d) + "."})
		}
	}
}

// intvDomain reports whether TLC holds f's domain as an interval: a tuple,
// or a function written over lo..hi.
func intvDomain(f *FcnV) bool {
	return f.Seq && f.Rep != repSet || f.Rep == repIntv
}

// mustNorm normalizes or panics with an evaluation error (no position).
func mustNorm(v Value) Value {
	n, err := normalize(v)
	if err != nil {
		panic(err)
	}
	return n
}

// ---------------------------------------------------------------- sets

// errInfinite is returned when a lazy infinite set must be enumerated.
type valErr struct{ msg string }

func (e *valErr) Error() string { return e.msg }

func verr(msg string) error { return &valErr{msg} }

// memberErr is a value error TLC raises with no location: a set's own
// membership test (Value.member), whose message TLC prints alone. The
// error still gets the location of the \in (Loc.Unprinted), for editors.
type memberErr struct{ msg string }

func (e *memberErr) Error() string { return e.msg }

// notIntMember is TLC's error for asking whether a value other than an
// integer is in a set of integers; an untyped model value is simply not in
// it (nil).
func notIntMember(e Value, what string) error {
	if mv, ok := e.(*ModelValue); ok && !(len(mv.Name) > 2 && mv.Name[1] == '_') {
		return nil
	}
	return &memberErr{"Attempted to check if the value:\n" + Pretty(e) + "\n" + what}
}

const maxEnum = 1 << 22

// normalize returns the canonical form of v: lazy sets enumerated, lazy
// functions materialized, recursively for nested values held in sets.
func normalize(v Value) (Value, error) {
	switch x := v.(type) {
	case *SetV, Bool, Int, Str, *ModelValue:
		return v, nil
	case *FcnV:
		return x, nil
	case *LazyFcnV:
		x.mu.Lock()
		m := x.memo
		x.mu.Unlock()
		if m != nil {
			return m, nil
		}
		dom, err := enumerate(x.Dom)
		if err != nil {
			return nil, err
		}
		c := x.home.ctx(x.prog)
		vals := make([]Value, len(dom))
		for i, d := range dom {
			vals[i] = x.apply(c, d)
		}
		m = withDomRep(canonFcn(dom, vals), x.Dom)
		x.mu.Lock()
		x.memo = m
		x.mu.Unlock()
		return m, nil
	}
	elems, err := enumerate(v)
	if err != nil {
		return nil, err
	}
	_, iv := v.(*IntervalV)
	return &SetV{elems: elems, interval: iv}, nil
}

// enumerate lists a set's elements in canonical order.
// unenumerable tells the sets TLC's values cannot enumerate at all (they
// are no Enumerable): Nat, Int, STRING, Seq(S). Composite sets (SUBSET,
// [D -> R], records, products, UNION, \cup, \) enumerate their parts and
// name the first such part in their error, as TLC's classes do.
func unenumerable(v Value) bool {
	switch v.(type) {
	case NatV, IntSetV, StringV, *SeqSetV:
		return true
	}
	return false
}

func enumerate(v Value) ([]Value, error) {
	switch s := v.(type) {
	case *SetV:
		return s.elems, nil
	case *IntervalV:
		if s.Hi < s.Lo {
			return nil, nil
		}
		if s.Hi-s.Lo >= maxEnum {
			return nil, verr("interval too large to enumerate")
		}
		return intervalElems(s.Lo, s.Hi), nil
	case *SubsetV:
		base, err := enumerate(s.Base)
		if err != nil {
			switch s.Base.(type) {
			case NatV, IntSetV: // TLC's SubsetValue asks its base's size
				return nil, verr("Attempted to compute the number of elements in the overridden value " + Format(s.Base) + ".")
			}
			return nil, err
		}
		if len(base) > 20 {
			return nil, verr("SUBSET of a set too large to enumerate")
		}
		n := 1 << len(base)
		out := make([]Value, 0, n)
		for m := 0; m < n; m++ {
			// the subset and its elements in one allocation (newSet), its
			// elements in base's order, so canonical
			sub := newSet(bits.OnesCount(uint(m)))
			k := 0
			for i := range base {
				if m&(1<<i) != 0 {
					sub.elems[k] = base[i]
					k++
				}
			}
			out = append(out, sub)
		}
		return mkSet(out).elems, nil
	case *FuncSetV:
		dom, err := enumerate(s.Dom)
		if err != nil {
			if unenumerable(s.Dom) {
				return nil, verr("Attempted to enumerate a set of the form [D -> R],but the domain D:\n" + Format(s.Dom) + "\ncannot be enumerated.")
			}
			return nil, err
		}
		rng, err := enumerate(s.Rng)
		if err != nil {
			if unenumerable(s.Rng) {
				return nil, verr("Attempted to enumerate a set of the form [D -> R],but the range R:\n" + Format(s.Rng) + "\ncannot be enumerated.")
			}
			return nil, err
		}
		total := 1.0
		for range dom {
			total *= float64(len(rng))
		}
		if total > maxEnum {
			return nil, verr("function set too large to enumerate")
		}
		if len(dom) > 0 && len(rng) == 0 {
			return nil, nil
		}
		out := make([]Value, 0, int(total))
		seq := isSeqDomain(dom)
		idx := make([]int, len(dom))
		for {
			f := newFcn(len(dom))
			for i, k := range idx {
				f.Vals[i] = rng[k]
			}
			if seq {
				f.Seq = true
			} else {
				f.Dom = dom
			}
			out = append(out, f)
			i := len(idx) - 1
			for i >= 0 {
				idx[i]++
				if idx[i] < len(rng) {
					break
				}
				idx[i] = 0
				i--
			}
			if i < 0 {
				break
			}
		}
		return mkSet(out).elems, nil
	case *RecSetV:
		for i, c := range s.Sets {
			if unenumerable(c) {
				return nil, verr("Attempted to enumerate a set of the form [l1 : v1, ..., ln : vn],\nbut can't enumerate the value of the `" + s.Names[i] + "' field:\n" + Format(c))
			}
		}
		return enumerateProduct(s.Sets, recordMaker(s.Names))
	case *ProductV:
		for i, c := range s.Sets {
			if unenumerable(c) {
				return nil, verr("Attempted to enumerate a set of the form s1 \\X s2 ... \\X sn,\nbut can't enumerate s" + strconv.Itoa(i) + ":\n" + Format(c))
			}
		}
		return enumerateProduct(s.Sets, func(vals []Value) Value { return mkTuple(append([]Value(nil), vals...)) })
	case *UnionV:
		outer, err := enumerate(s.Base)
		if err != nil {
			return nil, err
		}
		var out []Value
		_, combine := s.Base.(*SetV) // TLC's UnionValue.union: a set of enumerated sets
		for _, o := range outer {
			if unenumerable(o) {
				return nil, verr("Attempted to enumerate UNION(s), but some element of s is nonenumerable.")
			}
			if os, ok := o.(*SetV); !ok || os.interval {
				combine = false
			}
			in, err := enumerate(o)
			if err != nil {
				return nil, err
			}
			out = append(out, in...)
		}
		if combine {
			// TLC gathers the elements, each tested against those kept
			// (by equality); otherwise it sorts them (UnionValue, compare)
			unionClash(out)
		}
		return mkSet(out).elems, nil
	case *FilterV:
		return s.enumerate()
	case *DiffV:
		if unenumerable(s.A) {
			return nil, verr("Attempted to enumerate S \\ T when S:\n" + Format(s.A) + "\nis not enumerable.")
		}
		return nil, verr("attempted to enumerate an infinite set: " + Pretty(v))
	case *CupV:
		if unenumerable(s.A) || unenumerable(s.B) {
			return nil, verr("Attempted to enumerate S \\cup T when S:\n" + Format(s.A) + "\nand T:\n" + Format(s.B) + "\nare not both enumerable")
		}
		return nil, verr("attempted to enumerate an infinite set: " + Pretty(v))
	case NatV:
		return nil, verr("attempted to enumerate the infinite set Nat")
	case IntSetV:
		return nil, verr("attempted to enumerate the infinite set Int")
	case StringV:
		return nil, verr("attempted to enumerate the infinite set STRING")
	case AnyV:
		return nil, verr("attempted to enumerate the set Any")
	case *SeqSetV:
		return nil, verr("attempted to enumerate the infinite set Seq(S)")
	}
	return nil, verr("attempted to enumerate a non-set value: " + Pretty(v))
}

// enumerateProduct lists the set of build(v1, ..., vn) for every choice of
// vi in sets[i] (record sets and cartesian products), in normal form. build
// gets the same slice each time: it copies what it keeps.
func enumerateProduct(sets []Value, build func([]Value) Value) ([]Value, error) {
	lists := make([][]Value, len(sets))
	for i, st := range sets {
		l, err := enumerate(st)
		if err != nil {
			return nil, err
		}
		lists[i] = l
	}
	total := 1.0
	for _, l := range lists {
		total *= float64(len(l))
	}
	if total > maxEnum {
		return nil, verr("cartesian product too large to enumerate")
	}
	// sized at once: growing it by appends copied the product several
	// times over (0.5 s of CPU for the million records of CoffeeCan's Can)
	out := make([]Value, 0, int(total))
	err := cartesian(lists, func(vals []Value) error {
		out = append(out, build(vals))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return mkSet(out).elems, nil
}

func cartesian(lists [][]Value, f func([]Value) error) error {
	for _, l := range lists {
		if len(l) == 0 {
			return nil
		}
	}
	cur := make([]Value, len(lists))
	var rec func(i int) error
	rec = func(i int) error {
		if i == len(lists) {
			return f(cur)
		}
		for _, v := range lists[i] {
			cur[i] = v
			if err := rec(i + 1); err != nil {
				return err
			}
		}
		return nil
	}
	return rec(0)
}

// memberTuple decides <<vs...>> \in s as member does, without making the
// tuple (a probe such as <<v, c>> \in edges runs once per element of a
// filter): done is false when s or an element met is not of a form it
// decides, or an error is due; the caller then asks member.
func memberTuple(vs []Value, s Value) (in, done bool) {
	st, ok := s.(*SetV)
	if !ok {
		return false, false
	}
	es := st.elems
	if len(es) < 8 {
		for _, x := range es {
			xf, ok := x.(*FcnV)
			if !ok || !xf.Seq {
				return false, false
			}
			if len(xf.Vals) == len(vs) && valsEqualTo(xf.Vals, vs) {
				return true, true
			}
		}
		return false, true
	}
	lo, hi := 0, len(es)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		xf, ok := es[m].(*FcnV)
		if !ok {
			return false, false
		}
		switch c := compareToTuple(xf, vs); {
		case c == 0:
			return true, true
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	// the ends member compares a missing tuple with: a function that is
	// not a record gives no error
	for _, x := range [2]Value{es[0], es[len(es)-1]} {
		if x.kind() != kFcn {
			return false, false
		}
		if xf, ok := x.(*FcnV); ok && isRecord(xf) {
			return false, false
		}
	}
	return false, true
}

// valsEqualTo is valsEqual with the second function's values given.
func valsEqualTo(a, b []Value) bool {
	for i := range a {
		if !equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// compareToTuple is compareFcns(f, t) for the tuple t with values vs.
func compareToTuple(f *FcnV, vs []Value) int {
	if len(f.Vals) != len(vs) {
		if len(f.Vals) < len(vs) {
			return -1
		}
		return 1
	}
	if !f.Seq {
		for i := range f.Vals {
			if c := compare(f.Dom[i], Int(i+1)); c != 0 {
				return c
			}
		}
	}
	for i := range f.Vals {
		if c := compare(f.Vals[i], vs[i]); c != 0 {
			return c
		}
	}
	return 0
}

// member reports whether e \in s.
func member(e, s Value) (bool, error) {
	switch st := s.(type) {
	case *SetV:
		es := st.elems
		if len(es) < 8 {
			for _, x := range es {
				if equal(x, e) {
					return true, nil
				}
			}
			return false, nil
		}
		ne, err := normalize(e)
		if err != nil {
			return false, err
		}
		// three-way search: stops at the element found, with no equal
		// after it (membership in large sets of records is a hot path)
		lo, hi := 0, len(es)
		if cannotOrder(es[0], ne) || cannotOrder(es[len(es)-1], ne) {
			hi = 0 // compare would fail: the error below is TLC's
		}
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			switch c := compare(es[m], ne); {
			case c == 0:
				return true, nil
			case c < 0:
				lo = m + 1
			default:
				hi = m
			}
		}
		// elements are ordered by kind: TLC, comparing e with each,
		// fails on one it cannot compare e with (another kind, a model
		// value of another type, a record and a tuple)
		for _, x := range [2]Value{es[0], es[len(es)-1]} {
			switch {
			case x.kind() != ne.kind():
				incomparable(x, ne, "check equality of")
			case x.kind() == kModel:
				equal(x, ne) // typed model values
			case x.kind() == kFcn:
				if xf, ok := x.(*FcnV); ok {
					if nf, ok := ne.(*FcnV); ok && isRecord(xf) != isRecord(nf) {
						equal(x, ne) // a record and a tuple or function
					}
				}
			}
		}
		return false, nil
	case *IntervalV:
		n, ok := e.(Int)
		if !ok && st.Lo <= st.Hi {
			return false, notIntMember(e, "is in the integer interval "+Pretty(st)) // no period, as TLC's IntervalValue
		}
		return ok && int64(n) >= st.Lo && int64(n) <= st.Hi, nil
	case NatV:
		n, ok := e.(Int)
		if !ok {
			return false, notIntMember(e, "is an element of Nat.")
		}
		return n >= 0, nil
	case IntSetV:
		_, ok := e.(Int)
		if !ok {
			return false, notIntMember(e, "is an element of Int.")
		}
		return true, nil
	case StringV:
		if _, ok := e.(Str); !ok {
			return false, notIntMember(e, "is an element of STRING.")
		}
		return true, nil
	case AnyV:
		return true, nil
	case *SubsetV:
		if !isSet(e) {
			return false, &memberErr{"Attempted to check if the non-enumerable value\n" + Pretty(e) + "\nis element of\n" + Pretty(s)}
		}
		elems, err := enumerate(e)
		if err != nil {
			return false, err
		}
		for _, x := range elems {
			ok, err := member(x, st.Base)
			if err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	case *FuncSetV:
		f, isFcn, err := asFcn(e)
		if err != nil {
			return false, err
		}
		if !isFcn {
			return notMember(e, s)
		}
		if ok, err := domainIs(f, st.Dom); err != nil || !ok {
			return false, err
		}
		for _, v := range f.Vals {
			ok, err := member(v, st.Rng)
			if err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	case *RecSetV:
		f, ok := e.(*FcnV)
		if !ok || (f.Seq && len(f.Vals) > 0) {
			if e.kind() == kModel {
				return false, nil
			}
			return false, &memberErr{"Attempted to check if non-record\n" + Pretty(e) + "\nis in the set of records:\n" + Pretty(s)}
		}
		if f.Seq || len(f.Dom) != len(st.Names) {
			return false, nil
		}
		for i, n := range st.Names {
			if s, ok := f.Dom[i].(Str); !ok || string(s) != n {
				return false, nil
			}
			ok, err := member(f.Vals[i], st.Sets[i])
			if err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	case *ProductV:
		f, ok := e.(*FcnV)
		if ok && !f.Seq && intDomain(f) {
			return false, nil // TLC: a function of integers that is no tuple is simply not in it
		}
		if !ok || (!f.Seq && len(f.Dom) > 0) {
			if e.kind() == kModel {
				return false, nil
			}
			return false, &memberErr{"Attempted to check if non-tuple\n" + Pretty(e) + "\nis in the set of tuples:\n" + Pretty(s)}
		}
		if len(f.Vals) != len(st.Sets) {
			return false, nil
		}
		for i := range st.Sets {
			ok, err := member(f.Vals[i], st.Sets[i])
			if err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	case *SeqSetV:
		f, isFcn, err := asFcn(e)
		if err != nil {
			return false, err
		}
		if !isFcn {
			return notMember(e, s)
		}
		if !f.Seq && len(f.Dom) > 0 {
			return false, nil
		}
		for _, v := range f.Vals {
			ok, err := member(v, st.Base)
			if err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	case *FilterV:
		if set := st.enumerated(); set != nil {
			return member(e, set)
		}
		ok, err := member(e, st.Base)
		if err != nil || !ok {
			return false, err
		}
		return st.Pred(e), nil
	case *DiffV:
		ok, err := member(e, st.A)
		if err != nil || !ok {
			return false, err
		}
		ok, err = member(e, st.B)
		return !ok, err
	case *CupV:
		ok, err := member(e, st.A)
		if err != nil || ok {
			return ok, err
		}
		return member(e, st.B)
	case *UnionV:
		outer, err := enumerate(st.Base)
		if err != nil {
			return false, err
		}
		for _, o := range outer {
			ok, err := member(e, o)
			if err != nil || ok {
				return ok, err
			}
		}
		return false, nil
	}
	switch s.(type) {
	case Int, Str, Bool:
		return false, &memberErr{"Attempted to check if the value:\n" + Pretty(e) + "\nis an element of the " + kindName(s) + " " + Pretty(s)}
	}
	return false, verr("attempted to check membership in a non-set value: " + Pretty(s))
}

func isSet(v Value) bool { return v.kind() == kSet }

// domainIs reports whether DOMAIN f = s. When s's size is known without
// enumerating it (intervals, products, record sets: [Nodes \X Keys -> T]
// in a type invariant), it checks the size and that each domain element is
// a member, instead of building s.
func domainIs(f *FcnV, s Value) (bool, error) {
	if n, ok := cheapCard(s); ok && !f.Seq {
		if n != int64(len(f.Dom)) {
			return false, nil
		}
		for _, d := range f.Dom {
			if ok, err := member(d, s); err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	}
	return setEqual(fcnDomain(f), s)
}

// cheapCard is the size of s when it is known without enumerating s.
func cheapCard(s Value) (int64, bool) {
	switch x := s.(type) {
	case *SetV:
		return int64(len(x.elems)), true
	case *IntervalV:
		if x.Hi < x.Lo {
			return 0, true
		}
		return x.Hi - x.Lo + 1, true
	case *ProductV:
		n := int64(1)
		for _, part := range x.Sets {
			k, ok := cheapCard(part)
			if !ok || (k > 0 && n > math.MaxInt32/k) {
				return 0, false
			}
			n *= k
		}
		return n, true
	}
	return 0, false
}

func fcnDomain(f *FcnV) Value {
	switch {
	case f.Rep == repIntv && len(f.Vals) > 0:
		lo := f.DomainAt(0).(Int)
		return &IntervalV{int64(lo), int64(lo) + int64(len(f.Vals)) - 1}
	case f.Rep == repSet && f.Seq:
		dom := make([]Value, len(f.Vals))
		for i := range dom {
			dom[i] = Int(i + 1)
		}
		return &SetV{elems: dom}
	case f.Seq:
		return &IntervalV{1, int64(len(f.Vals))}
	}
	return &SetV{elems: f.Dom}
}

func isIntervalV(v Value) bool {
	_, ok := v.(*IntervalV)
	return ok
}

// withDomRep records how the domain dom of a function built over it
// prints: TLC keeps an interval domain as an interval, any other set as an
// enumerated set.
func withDomRep(fn *FcnV, dom Value) *FcnV {
	if s, ok := dom.(*SetV); (ok && s.interval) || isIntervalV(dom) {
		fn.Rep = repIntv
	} else {
		fn.Rep = repSet
	}
	return fn
}

func setEqual(a, b Value) (bool, error) {
	if ia, ok := a.(*IntervalV); ok {
		if ib, ok := b.(*IntervalV); ok {
			if ia.Hi < ia.Lo && ib.Hi < ib.Lo {
				return true, nil
			}
			return *ia == *ib, nil
		}
	}
	ea, err := enumerate(a)
	if err != nil {
		return false, err
	}
	eb, err := enumerate(b)
	if err != nil {
		return false, err
	}
	if len(ea) != len(eb) {
		return false, nil
	}
	for i := range ea {
		if !equal(ea[i], eb[i]) {
			return false, nil
		}
	}
	return true, nil
}

// incomparable raises TLC's error for comparing values of different types
// (an integer with a string, a set with a function, ...): TLC refuses to
// decide such an equality. A model value compares with anything (unequal).
// mvType is the type of a typed model value (its name is X_...: TLC's
// ModelValue type), 0 for an untyped one.
func mvType(m *ModelValue) byte {
	if len(m.Name) > 2 && m.Name[1] == '_' {
		return m.Name[0]
	}
	return 0
}

// typedMismatch raises TLC's error for checking the equality of the typed
// model value m with o: a model value of another type, or a value that is
// no model value (worded differently when o is the left operand). Untyped
// model values are simply unequal to them.
func typedMismatch(m *ModelValue, o Value, oFirst bool) {
	t := mvType(m)
	if t == 0 {
		return
	}
	if om, ok := o.(*ModelValue); ok {
		if ot := mvType(om); ot != 0 && ot != t {
			panic(&valErr{"Attempted to check equality of the differently-typed model values " + m.Name + " and " + om.Name})
		}
		return
	}
	if oFirst {
		panic(&valErr{"Attempted to check equality of the typed model value " + m.Name + " and the non-model value\n" + Pretty(o)})
	}
	panic(&valErr{"Attempted to check equality of typed model value " + m.Name + " and non-model value\n" + Pretty(o)})
}

// unionClash raises TLC's error for a UNION whose elements it cannot
// compare: it gathers them one by one, each checked against those kept
// (equals, the kept one first), so the error names the first kept element
// of another kind than the first element that clashes.
func unionClash(vs []Value) {
	var first Value // the first element that is no model value
	mixed := false
	for _, v := range vs {
		if first == nil && v.kind() != kModel {
			first = v
		} else if first != nil && kindsClash(first, v) {
			mixed = true
			break
		}
	}
	if !mixed {
		return
	}
	for j := 1; j < len(vs); j++ {
		for _, u := range vs[:j] {
			if kindsClash(u, vs[j]) {
				incomparable(u, vs[j], "check equality of")
			}
		}
	}
}

// cannotOrder reports whether orderable would fail on a and b (at the top
// level): kinds that clash, or a typed model value and a value of another
// type.
func cannotOrder(a, b Value) bool {
	if kindsClash(a, b) {
		return true
	}
	am, aok := a.(*ModelValue)
	bm, bok := b.(*ModelValue)
	switch {
	case aok && bok:
		ta, tb := mvType(am), mvType(bm)
		return ta != 0 && tb != 0 && ta != tb
	case aok:
		return mvType(am) != 0
	case bok:
		return mvType(bm) != 0
	}
	return false
}

// kindsClash reports whether TLC cannot compare a and b: values of
// different kinds, neither a model value (which compares with anything)
// nor an operator.
func kindsClash(a, b Value) bool {
	ka, kb := a.kind(), b.kind()
	return ka != kb && ka != kModel && kb != kModel && ka != kOper && kb != kOper
}

func incomparable(a, b Value, what string) {
	if a.kind() == kModel || b.kind() == kModel || a.kind() == kOper || b.kind() == kOper {
		return
	}
	var desc string
	switch a.kind() {
	case kInt:
		desc = "integer " + Pretty(a) + " with non-integer:\n"
	case kStr:
		desc = "string " + Pretty(a) + " with non-string:\n"
	case kBool:
		desc = "boolean " + Pretty(a) + " with non-boolean:\n"
		if what == "check equality of" {
			what = "compare equality of" // BoolValue.equals's words
		}
	case kSet:
		desc = "the set " + Pretty(a) + " with the value:\n"
	case kFcn:
		if f, ok := a.(*FcnV); ok && isRecord(f) {
			panic(&valErr{"Attempted to " + what + " record:\n" + Pretty(a) + "\nwith non-record\n" + Pretty(b)})
		}
		desc = "the function " + Pretty(a) + " with the value:\n"
	default:
		desc = "the function " + Pretty(a) + " with the value:\n"
	}
	panic(&valErr{"Attempted to " + what + " " + desc + Pretty(b)})
}

// asFcn is e as a materialized function; false when e is no function.
func asFcn(e Value) (*FcnV, bool, error) {
	switch f := e.(type) {
	case *FcnV:
		return f, true, nil
	case *LazyFcnV:
		n, err := normalize(f)
		if err != nil {
			return nil, false, err
		}
		return n.(*FcnV), true, nil
	}
	return nil, false, nil
}

// notMember raises TLC's error for testing whether e, a value of the wrong
// type, is in s (a string in Nat, an integer in SUBSET S); a model value is
// simply not a member.
func notMember(e, s Value) (bool, error) {
	if e.kind() == kModel {
		return false, nil
	}
	if _, ok := s.(*FuncSetV); ok { // TLC's SetOfFcnsValue
		return false, &memberErr{"Attempted to check if \n" + Pretty(e) + "\nwhich is not a TLC function value, is in the set of functions:\n" + Pretty(s)}
	}
	return false, &memberErr{"Attempted to check if the value:\n" + Pretty(e) + "\nis an element of " + Pretty(s) + "."}
}

// intDomain: every element of f's (non-empty) domain is an integer.
func intDomain(f *FcnV) bool {
	for _, d := range f.Dom {
		if _, ok := d.(Int); !ok {
			return false
		}
	}
	return len(f.Dom) > 0
}

// equal is TLA+ equality; panics with *valErr on infinite comparisons and
// on values of different types (see incomparable).
func equal(a, b Value) bool {
	switch x := a.(type) {
	case Int:
		if y, ok := b.(Int); ok {
			return x == y
		}
	case Str:
		if y, ok := b.(Str); ok {
			return x == y
		}
	case Bool:
		if y, ok := b.(Bool); ok {
			return x == y
		}
	case *ModelValue:
		y, ok := b.(*ModelValue)
		if ok && x.Name == y.Name {
			return true
		}
		typedMismatch(x, b, false)
		return false
	case *FcnV:
		// two tuples (elements of sets of pairs, function arguments): what
		// fcnEqual decides for them, without its kind and form checks
		if y, ok := b.(*FcnV); ok && x.Seq && y.Seq {
			return len(x.Vals) == len(y.Vals) && valsEqual(x, y)
		}
	}
	if y, ok := b.(*ModelValue); ok {
		typedMismatch(y, a, true)
		return false
	}
	if a.kind() != b.kind() {
		incomparable(a, b, "check equality of")
		return false
	}
	if a.kind() == kSet {
		switch a.(type) {
		case NatV, IntSetV, StringV:
			return a == b
		}
		ok, err := setEqual(a, b)
		if err != nil {
			panic(err)
		}
		return ok
	}
	if a.kind() == kOper {
		return a == b
	}
	return fcnEqual(mustNorm(a).(*FcnV), mustNorm(b).(*FcnV))
}

// isRecord reports whether f is a record: a non-empty function whose
// domain is strings.
func isRecord(f *FcnV) bool {
	if f.Seq || len(f.Dom) == 0 {
		return false
	}
	for _, d := range f.Dom {
		if _, ok := d.(Str); !ok {
			return false
		}
	}
	return true
}

// fcnEqual is equality of functions as TLC's TupleValue, RecordValue and
// FcnRcdValue decide it: the domains, then the values one by one with
// equal, stopping at the first difference, so that values TLC cannot
// compare ({} and [a |-> 1]) are an error up to there. A record is not
// compared with a non-empty tuple or a function of another domain, and a
// tuple's domain 1..n not with a function of the same size whose domain
// is not integers.
func fcnEqual(a, b *FcnV) bool {
	switch {
	case isRecord(a):
		if !isRecord(b) && (b.Seq && len(b.Vals) > 0 || !b.Seq) {
			panic(&valErr{"Attempted to check equality of record:\n" + Pretty(a) + "\nwith non-record\n" + Pretty(b)})
		}
		if len(a.Vals) != len(b.Vals) {
			return false
		}
	case a.Seq && !b.Seq:
		return domainIs1N(b, a) && valsEqual(a, b)
	case !a.Seq && b.Seq:
		return domainIs1N(a, b) && valsEqual(a, b)
	}
	if len(a.Vals) != len(b.Vals) {
		return false
	}
	if !a.Seq {
		for i := range a.Dom {
			if !equal(a.Dom[i], b.Dom[i]) {
				return false
			}
		}
	}
	return valsEqual(a, b)
}

// domainIs1N reports whether f's domain is that of the tuple t (1..n); an
// element that is no integer is TLC's error.
func domainIs1N(f, t *FcnV) bool {
	if len(f.Dom) != len(t.Vals) {
		return false
	}
	for i, d := range f.Dom {
		n, ok := d.(Int)
		if !ok {
			panic(&valErr{"Attempted to compare an integer with non-integer:\n" + Pretty(d) + "."})
		}
		if int(n) != i+1 {
			return false
		}
	}
	return true
}

func valsEqual(a, b *FcnV) bool {
	for i := range a.Vals {
		if !equal(a.Vals[i], b.Vals[i]) {
			return false
		}
	}
	return true
}

// subseteq is S \subseteq T. As TLC's isSubsetEq, SUBSET A \subseteq
// SUBSET B is A \subseteq B, without enumerating either power set; an
// interval in an interval compares bounds.
func subseteq(a, b Value) (bool, error) {
	switch x := a.(type) {
	case *SubsetV:
		if y, ok := b.(*SubsetV); ok {
			return subseteq(x.Base, y.Base)
		}
	case *IntervalV:
		if x.Hi < x.Lo {
			return true, nil
		}
		switch y := b.(type) {
		case *IntervalV:
			return y.Lo <= x.Lo && x.Hi <= y.Hi, nil
		case NatV:
			return x.Lo >= 0, nil
		case IntSetV:
			return true, nil
		}
	}
	es, err := enumerate(a)
	if err != nil {
		return false, err
	}
	for _, e := range es {
		ok, err := member(e, b)
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

// card is Cardinality.
func card(s Value) (int64, error) {
	switch st := s.(type) {
	case *SetV:
		return int64(len(st.elems)), nil
	case *IntervalV:
		if st.Hi < st.Lo {
			return 0, nil
		}
		return st.Hi - st.Lo + 1, nil
	case *ProductV: // TLC multiplies the sizes, enumerating nothing
		if n, ok := cheapCard(st); ok {
			return n, nil
		}
	}
	e, err := enumerate(s)
	return int64(len(e)), err
}

// ---------------------------------------------------------------- arithmetic

func addInt(a, b int64) (int64, bool) {
	c := a + b
	if (c > a) != (b > 0) {
		return 0, false
	}
	return c, true
}

func mulInt(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	c := a * b
	if c/b != a || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
		return 0, false
	}
	return c, true
}

// MakeSet builds a canonical finite set.
//
// Values TLC cannot order (a configuration's {1, "a"}, which TLC reads
// without comparing them) make a set all the same, ordered by kind, where
// evaluating such a set enumeration is an error.
func MakeSet(elems []Value) (v Value) {
	if s, ok := tryMkSet(append([]Value(nil), elems...)); ok {
		return s
	}
	vs := append([]Value(nil), elems...)
	slices.SortStableFunc(vs, lenientCompare)
	out := vs[:0]
	for _, e := range vs {
		if len(out) == 0 || lenientCompare(out[len(out)-1], e) != 0 {
			out = append(out, e)
		}
	}
	return &SetV{elems: out}
}

// tryMkSet is mkSet, or false where TLC could not order the elements.
func tryMkSet(vs []Value) (s *SetV, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, isVal := r.(*valErr); !isVal {
				panic(r)
			}
			s, ok = nil, false
		}
	}()
	return mkSet(vs), true
}

// lenientCompare is compare, or for values it cannot order an order by
// kind, then by their printed forms.
func lenientCompare(a, b Value) (c int) {
	defer func() {
		if r := recover(); r != nil {
			if _, isVal := r.(*valErr); !isVal {
				panic(r)
			}
			if ra, rb := kindRank(a), kindRank(b); ra != rb {
				c = cmp.Compare(ra, rb)
			} else {
				c = strings.Compare(Pretty(a), Pretty(b))
			}
		}
	}()
	return compare(a, b)
}

// StateFingerprint fingerprints a complete state.
func StateFingerprint(vals []Value) uint64 { return (*FPCache)(nil).State(vals) }

// Field is one field of a record.
type Field struct {
	Name  string
	Value Value
}

// RecordFields returns v's fields in TLC's order when v is a record.
func RecordFields(v Value) ([]Field, bool) {
	n, err := normalize(v)
	if err != nil {
		return nil, false
	}
	f, ok := n.(*FcnV)
	if !ok || (f.Seq && len(f.Vals) > 0) {
		return nil, false
	}
	out := make([]Field, len(f.Vals))
	for i, d := range f.Dom {
		name, ok := d.(Str)
		if !ok {
			return nil, false
		}
		out[i] = Field{string(name), f.Vals[i]}
	}
	return out, true
}
