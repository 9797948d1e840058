package value

import (
	"slices"
	"strconv"
	"sync/atomic"
)

// Lazy sets answer Member (and Card when finite) from their definition and
// are only enumerated when asked. The enumeration is cached; values are shared
// between checker workers, so the cache is an atomic pointer.

type enumCache struct{ p atomic.Pointer[Set] }

func (c *enumCache) get(build func() (*Set, error)) (*Set, error) {
	if s := c.p.Load(); s != nil {
		return s, nil
	}
	s, err := build()
	if err != nil {
		return nil, err
	}
	c.p.Store(s)
	return s, nil
}

func infiniteError(s SetValue, what string) error {
	return newError(ErrInfinite, "Attempted to "+what+" the infinite set "+exprString(s)+".")
}

// ---------------------------------------------------------------- Interval

// Interval is lo..hi; empty when hi < lo.
type Interval struct {
	lo, hi int64
}

// NewInterval is lo..hi.
func NewInterval(lo, hi int64) *Interval { return &Interval{lo: lo, hi: hi} }

// Bounds returns lo and hi.
func (s *Interval) Bounds() (lo, hi int64) { return s.lo, s.hi }

// size is the cardinality, saturating at MaxInt64 (only lo..hi spanning more
// than 2^63 integers saturates).
func (s *Interval) size() int64 {
	if s.hi < s.lo {
		return 0
	}
	d, o := subInt64(s.hi, s.lo)
	if o || d == 1<<63-1 {
		return 1<<63 - 1
	}
	return d + 1
}

// Kind implements Value.
func (*Interval) Kind() Kind { return KindSet }

// Member implements SetValue. As in TLC, asking whether a non-integer is in a
// non-empty interval is an error, except for an untyped model value.
func (s *Interval) Member(v Value) (bool, error) {
	if n, ok := v.(Int); ok {
		return int64(n) >= s.lo && int64(n) <= s.hi, nil
	}
	if mv, ok := v.(ModelValue); (ok && mv.typ == 0) || s.hi < s.lo {
		return false, nil
	}
	return false, newError(ErrType, "Attempted to check if the value:\n"+v.String()+
		"\nis in the integer interval "+s.String())
}

// IsFinite implements SetValue.
func (*Interval) IsFinite() bool { return true }

// Card implements SetValue.
func (s *Interval) Card() (int64, error) {
	if s.hi >= s.lo {
		if _, o := subInt64(s.hi, s.lo); o || s.hi-s.lo == 1<<63-1 {
			return 0, newError(ErrOverflow, "The size of "+exprString(s)+" does not fit in a 64-bit integer.")
		}
	}
	return s.size(), nil
}

// Enumerate implements SetValue.
func (s *Interval) Enumerate() (*Set, error) {
	n := s.size()
	if err := checkEnumerable(s, n); err != nil {
		return nil, err
	}
	elems := make([]Value, n)
	for i := range elems {
		elems[i] = Int(s.lo + int64(i))
	}
	return &Set{elems: elems}, nil
}

func (s *Interval) String() string { return Format(s) }

// ---------------------------------------------------------------- SUBSET

// Subset is SUBSET base, the set of all subsets.
type Subset struct {
	base  SetValue
	cache enumCache
}

// NewSubset is SUBSET base.
func NewSubset(base SetValue) *Subset { return &Subset{base: base} }

// Base is the set whose subsets this is.
func (s *Subset) Base() SetValue { return s.base }

// Kind implements Value.
func (*Subset) Kind() Kind { return KindSet }

// Member implements SetValue: v must be a set whose elements all lie in base.
func (s *Subset) Member(v Value) (bool, error) {
	sv, ok := v.(SetValue)
	if !ok {
		return false, nil
	}
	if !sv.IsFinite() {
		if s.base.IsFinite() {
			return false, nil
		}
		return false, newError(ErrInfinite, "Attempted to check if the infinite set "+sv.String()+
			" is an element of "+s.String()+".")
	}
	elems, err := sv.Enumerate()
	if err != nil {
		return false, err
	}
	for _, e := range elems.elems {
		in, err := s.base.Member(e)
		if err != nil || !in {
			return false, err
		}
	}
	return true, nil
}

// IsFinite implements SetValue.
func (s *Subset) IsFinite() bool { return s.base.IsFinite() }

// Card implements SetValue: 2^|base|.
func (s *Subset) Card() (int64, error) {
	if !s.IsFinite() {
		return 0, infiniteError(s, "compute the cardinality of")
	}
	n, err := s.base.Card()
	if err != nil {
		return 0, err
	}
	if n > 62 {
		return 0, newError(ErrOverflow, "The size of "+exprString(s)+" does not fit in a 64-bit integer.")
	}
	return 1 << n, nil
}

// Enumerate implements SetValue.
func (s *Subset) Enumerate() (*Set, error) {
	return s.cache.get(func() (*Set, error) {
		n, err := s.Card()
		if err != nil {
			return nil, err
		}
		if err := checkEnumerable(s, n); err != nil {
			return nil, err
		}
		base, err := s.base.Enumerate()
		if err != nil {
			return nil, err
		}
		out := make([]Value, 0, n)
		for mask := int64(0); mask < n; mask++ {
			var elems []Value
			for i, e := range base.elems {
				if mask&(1<<i) != 0 {
					elems = append(elems, e)
				}
			}
			out = append(out, &Set{elems: elems}) // subsequences of a sorted list stay sorted
		}
		return newSetOwned(out), nil
	})
}

func (s *Subset) String() string { return Format(s) }

// ---------------------------------------------------------------- [S -> T]

// FuncSet is [dom -> rng], the set of all functions from dom to rng.
type FuncSet struct {
	dom, rng SetValue
	cache    enumCache
}

// NewFuncSet is [dom -> rng].
func NewFuncSet(dom, rng SetValue) *FuncSet { return &FuncSet{dom: dom, rng: rng} }

// Kind implements Value.
func (*FuncSet) Kind() Kind { return KindSet }

// Member implements SetValue: v must be a function whose domain is dom and
// whose values all lie in rng.
func (s *FuncSet) Member(v Value) (bool, error) {
	f, ok := v.(*Fcn)
	if !ok {
		return false, nil
	}
	if !s.dom.IsFinite() {
		return false, nil // a Fcn's domain is finite
	}
	if n, err := s.dom.Card(); err != nil || n != int64(len(f.vals)) {
		return false, err
	}
	for i := range f.vals {
		in, err := s.dom.Member(f.domainAt(i))
		if err != nil || !in {
			return false, err
		}
	}
	for _, x := range f.vals {
		in, err := s.rng.Member(x)
		if err != nil || !in {
			return false, err
		}
	}
	return true, nil
}

// IsFinite implements SetValue.
func (s *FuncSet) IsFinite() bool {
	if !s.dom.IsFinite() {
		return isEmptySet(s.rng)
	}
	return s.rng.IsFinite() || isEmptySet(s.dom)
}

// Card implements SetValue: |rng|^|dom|.
func (s *FuncSet) Card() (int64, error) {
	if !s.IsFinite() {
		return 0, infiniteError(s, "compute the cardinality of")
	}
	if !s.dom.IsFinite() {
		return 0, nil // [Nat -> {}] is empty
	}
	d, err := s.dom.Card()
	if err != nil {
		return 0, err
	}
	if d == 0 {
		return 1, nil
	}
	r, err := s.rng.Card()
	if err != nil {
		return 0, err
	}
	p, err := Pow(Int(r), Int(d))
	if err != nil {
		return 0, newError(ErrOverflow, "The size of "+exprString(s)+" does not fit in a 64-bit integer.")
	}
	return int64(p), nil
}

// Enumerate implements SetValue.
func (s *FuncSet) Enumerate() (*Set, error) {
	return s.cache.get(func() (*Set, error) {
		n, err := s.Card()
		if err != nil {
			return nil, err
		}
		if err := checkEnumerable(s, n); err != nil {
			return nil, err
		}
		if n == 0 {
			return EmptySet, nil
		}
		dom, err := s.dom.Enumerate()
		if err != nil {
			return nil, err
		}
		if len(dom.elems) == 0 {
			return &Set{elems: []Value{EmptyFcn}}, nil
		}
		rng, err := s.rng.Enumerate()
		if err != nil {
			return nil, err
		}
		template := canonicalFcn(dom.elems, nil)
		out := make([]Value, 0, n)
		odometer(len(dom.elems), len(rng.elems), func(digits []int) {
			vals := make([]Value, len(digits))
			for i, d := range digits {
				vals[i] = rng.elems[d]
			}
			out = append(out, &Fcn{dom: template.dom, lo: template.lo, vals: vals})
		})
		return newSetOwned(out), nil
	})
}

func (s *FuncSet) String() string { return Format(s) }

// odometer calls visit with every vector of n digits in 0..base-1.
func odometer(n, base int, visit func([]int)) {
	digits := make([]int, n)
	for {
		visit(digits)
		i := n - 1
		for i >= 0 {
			digits[i]++
			if digits[i] < base {
				break
			}
			digits[i] = 0
			i--
		}
		if i < 0 {
			return
		}
	}
}

func isEmptySet(s SetValue) bool {
	if !s.IsFinite() {
		return false
	}
	n, err := s.Card()
	return err == nil && n == 0
}

// ---------------------------------------------------------------- [a : S]

// RecordSet is [f1 : S1, f2 : S2, ...], the set of records with exactly
// those fields.
type RecordSet struct {
	names []string // sorted
	sets  []SetValue
	cache enumCache
}

// NewRecordSet is [names[0] : sets[0], ...]; a repeated field is an error.
func NewRecordSet(names []string, sets []SetValue) (*RecordSet, error) {
	if len(names) != len(sets) {
		return nil, newError(ErrType, "record set has "+strconv.Itoa(len(names))+
			" field names but "+strconv.Itoa(len(sets))+" sets")
	}
	idx := make([]int, len(names))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int { return compareJavaStrings(names[i], names[j]) })
	rs := &RecordSet{names: make([]string, len(names)), sets: make([]SetValue, len(sets))}
	for to, from := range idx {
		rs.names[to], rs.sets[to] = names[from], sets[from]
		if to > 0 && rs.names[to] == rs.names[to-1] {
			return nil, newError(ErrType, "Field name "+names[from]+" occurs multiple times in record set.")
		}
	}
	return rs, nil
}

// Kind implements Value.
func (*RecordSet) Kind() Kind { return KindSet }

// Member implements SetValue.
func (s *RecordSet) Member(v Value) (bool, error) {
	f, ok := v.(*Fcn)
	if !ok {
		return false, nil
	}
	if len(f.vals) != len(s.names) {
		return false, nil
	}
	if len(f.vals) == 0 {
		return true, nil
	}
	if f.dom == nil {
		return false, nil
	}
	for i, name := range s.names {
		str, ok := f.dom[i].(Str)
		if !ok || string(str) != name {
			return false, nil
		}
		in, err := s.sets[i].Member(f.vals[i])
		if err != nil || !in {
			return false, err
		}
	}
	return true, nil
}

// IsFinite implements SetValue.
func (s *RecordSet) IsFinite() bool { return productIsFinite(s.sets) }

// Card implements SetValue.
func (s *RecordSet) Card() (int64, error) { return productCard(s, s.sets) }

// Enumerate implements SetValue.
func (s *RecordSet) Enumerate() (*Set, error) {
	return s.cache.get(func() (*Set, error) {
		dom := make([]Value, len(s.names))
		for i, n := range s.names {
			dom[i] = Str(n)
		}
		return enumerateProduct(s, s.sets, func(vals []Value) Value {
			if len(vals) == 0 {
				return EmptyFcn
			}
			return &Fcn{dom: dom, vals: vals}
		})
	})
}

func (s *RecordSet) String() string { return Format(s) }

// ---------------------------------------------------------------- S \X T

// Product is S1 \X S2 \X ..., a set of tuples.
type Product struct {
	sets  []SetValue
	cache enumCache
}

// NewProduct is sets[0] \X sets[1] \X ....
func NewProduct(sets ...SetValue) *Product { return &Product{sets: slices.Clone(sets)} }

// Kind implements Value.
func (*Product) Kind() Kind { return KindSet }

// Member implements SetValue.
func (s *Product) Member(v Value) (bool, error) {
	f, ok := v.(*Fcn)
	if !ok || !f.IsTuple() || len(f.vals) != len(s.sets) {
		return false, nil
	}
	for i, x := range f.vals {
		in, err := s.sets[i].Member(x)
		if err != nil || !in {
			return false, err
		}
	}
	return true, nil
}

// IsFinite implements SetValue.
func (s *Product) IsFinite() bool { return productIsFinite(s.sets) }

// Card implements SetValue.
func (s *Product) Card() (int64, error) { return productCard(s, s.sets) }

// Enumerate implements SetValue.
func (s *Product) Enumerate() (*Set, error) {
	return s.cache.get(func() (*Set, error) {
		return enumerateProduct(s, s.sets, func(vals []Value) Value {
			if len(vals) == 0 {
				return EmptyFcn
			}
			return &Fcn{lo: 1, vals: vals}
		})
	})
}

func (s *Product) String() string { return Format(s) }

func productIsFinite(sets []SetValue) bool {
	finite := true
	for _, s := range sets {
		if isEmptySet(s) {
			return true
		}
		finite = finite && s.IsFinite()
	}
	return finite
}

func productCard(self SetValue, sets []SetValue) (int64, error) {
	if !self.IsFinite() {
		return 0, infiniteError(self, "compute the cardinality of")
	}
	for _, s := range sets {
		if isEmptySet(s) {
			return 0, nil
		}
	}
	total := int64(1)
	for _, s := range sets {
		n, err := s.Card()
		if err != nil {
			return 0, err
		}
		var o bool
		if total, o = mulInt64(total, n); o {
			return 0, newError(ErrOverflow, "The size of "+exprString(self)+" does not fit in a 64-bit integer.")
		}
	}
	return total, nil
}

func enumerateProduct(self SetValue, sets []SetValue, build func([]Value) Value) (*Set, error) {
	n, err := self.Card()
	if err != nil {
		return nil, err
	}
	if err := checkEnumerable(self, n); err != nil {
		return nil, err
	}
	if n == 0 {
		return EmptySet, nil
	}
	parts := make([]*Set, len(sets))
	for i, s := range sets {
		if parts[i], err = s.Enumerate(); err != nil {
			return nil, err
		}
	}
	out := make([]Value, 0, n)
	digits := make([]int, len(parts))
	for {
		vals := make([]Value, len(parts))
		for i, d := range digits {
			vals[i] = parts[i].elems[d]
		}
		out = append(out, build(vals))
		i := len(digits) - 1
		for i >= 0 {
			digits[i]++
			if digits[i] < len(parts[i].elems) {
				break
			}
			digits[i] = 0
			i--
		}
		if i < 0 {
			break
		}
	}
	return newSetOwned(out), nil
}

// ---------------------------------------------------------------- Seq(S)

// SeqSet is Seq(base), the set of finite sequences over base.
type SeqSet struct {
	base SetValue
}

// NewSeqSet is Seq(base).
func NewSeqSet(base SetValue) *SeqSet { return &SeqSet{base: base} }

// Kind implements Value.
func (*SeqSet) Kind() Kind { return KindSet }

// Member implements SetValue.
func (s *SeqSet) Member(v Value) (bool, error) {
	f, ok := v.(*Fcn)
	if !ok || !f.IsTuple() {
		return false, nil
	}
	for _, x := range f.vals {
		in, err := s.base.Member(x)
		if err != nil || !in {
			return false, err
		}
	}
	return true, nil
}

// IsFinite implements SetValue: only Seq({}) = {<<>>} is finite.
func (s *SeqSet) IsFinite() bool { return isEmptySet(s.base) }

// Card implements SetValue.
func (s *SeqSet) Card() (int64, error) {
	if !s.IsFinite() {
		return 0, infiniteError(s, "compute the cardinality of")
	}
	return 1, nil
}

// Enumerate implements SetValue.
func (s *SeqSet) Enumerate() (*Set, error) {
	if !s.IsFinite() {
		return nil, infiniteError(s, "enumerate")
	}
	return &Set{elems: []Value{EmptyFcn}}, nil
}

func (s *SeqSet) String() string { return Format(s) }

// ---------------------------------------------------------------- Nat, Int, Real

// NumberSet is one of the infinite sets Nat, Int and Real.
type NumberSet struct {
	name string
}

// The standard modules' infinite number sets. Real is membership-only: the
// only reals the checker has are integers.
var (
	Nat   = &NumberSet{name: "Nat"}
	Ints  = &NumberSet{name: "Int"}
	Reals = &NumberSet{name: "Real"}
)

func isBuiltinNumberSet(s SetValue) bool {
	_, ok := s.(*NumberSet)
	return ok
}

// Kind implements Value.
func (*NumberSet) Kind() Kind { return KindSet }

// Member implements SetValue. A non-number is TLC's error, except an untyped
// model value, which is simply not a member.
func (s *NumberSet) Member(v Value) (bool, error) {
	if n, ok := v.(Int); ok {
		return s != Nat || n >= 0, nil
	}
	if mv, ok := v.(ModelValue); ok && mv.typ == 0 {
		return false, nil
	}
	return false, newError(ErrType, "Attempted to check if the value:\n"+v.String()+"\nis an element of "+s.name+".")
}

// IsFinite implements SetValue.
func (*NumberSet) IsFinite() bool { return false }

// Card implements SetValue.
func (s *NumberSet) Card() (int64, error) { return 0, infiniteError(s, "compute the cardinality of") }

// Enumerate implements SetValue.
func (s *NumberSet) Enumerate() (*Set, error) { return nil, infiniteError(s, "enumerate") }

func (s *NumberSet) String() string { return s.name }

// ---------------------------------------------------------------- \cup \cap \

// SetOp names a lazy binary set operation.
type SetOp uint8

const (
	OpUnion SetOp = iota
	OpIntersect
	OpDiff
)

// Combined is a lazy S \cup T, S \cap T or S \ T. Membership needs no
// enumeration.
type Combined struct {
	op    SetOp
	a, b  SetValue
	cache enumCache
}

// NewUnion is a \cup b.
func NewUnion(a, b SetValue) *Combined { return &Combined{op: OpUnion, a: a, b: b} }

// NewIntersect is a \cap b.
func NewIntersect(a, b SetValue) *Combined { return &Combined{op: OpIntersect, a: a, b: b} }

// NewDiff is a \ b.
func NewDiff(a, b SetValue) *Combined { return &Combined{op: OpDiff, a: a, b: b} }

// Kind implements Value.
func (*Combined) Kind() Kind { return KindSet }

// Member implements SetValue.
func (s *Combined) Member(v Value) (bool, error) {
	inA, err := s.a.Member(v)
	if err != nil {
		return false, err
	}
	switch s.op {
	case OpUnion:
		if inA {
			return true, nil
		}
		return s.b.Member(v)
	case OpIntersect:
		if !inA {
			return false, nil
		}
		return s.b.Member(v)
	default:
		if !inA {
			return false, nil
		}
		inB, err := s.b.Member(v)
		return !inB, err
	}
}

// IsFinite implements SetValue. Intersections and differences with an
// infinite part are treated as infinite unless the finiteness follows from
// the finite operand, which is all that can be known without enumerating.
func (s *Combined) IsFinite() bool {
	switch s.op {
	case OpUnion:
		return s.a.IsFinite() && s.b.IsFinite()
	case OpIntersect:
		return s.a.IsFinite() || s.b.IsFinite()
	default:
		return s.a.IsFinite()
	}
}

// Card implements SetValue.
func (s *Combined) Card() (int64, error) {
	e, err := s.Enumerate()
	if err != nil {
		return 0, err
	}
	return int64(len(e.elems)), nil
}

// Enumerate implements SetValue.
func (s *Combined) Enumerate() (*Set, error) {
	if !s.IsFinite() {
		return nil, infiniteError(s, "enumerate")
	}
	return s.cache.get(func() (*Set, error) {
		switch s.op {
		case OpUnion:
			ea, err := s.a.Enumerate()
			if err != nil {
				return nil, err
			}
			eb, err := s.b.Enumerate()
			if err != nil {
				return nil, err
			}
			return UnionSets(ea, eb), nil
		case OpIntersect:
			finite, other := s.a, s.b
			if !finite.IsFinite() {
				finite, other = s.b, s.a
			}
			return filterSet(finite, other, true)
		default:
			return filterSet(s.a, s.b, false)
		}
	})
}

// filterSet keeps the elements of from whose membership in by equals keep.
func filterSet(from, by SetValue, keep bool) (*Set, error) {
	e, err := from.Enumerate()
	if err != nil {
		return nil, err
	}
	var out []Value
	for _, x := range e.elems {
		in, err := by.Member(x)
		if err != nil {
			return nil, err
		}
		if in == keep {
			out = append(out, x)
		}
	}
	if len(out) == 0 {
		return EmptySet, nil
	}
	return &Set{elems: out}, nil
}

func (s *Combined) String() string { return Format(s) }
