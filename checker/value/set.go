package value

import (
	"slices"
	"strconv"
)

// SetValue is implemented by every set: the enumerated *Set and the lazy
// sets (intervals, SUBSET, function/record sets, products, Seq, Nat, Int,
// Real, and lazy union/intersection/difference).
type SetValue interface {
	Value
	// Member reports whether v is an element, without enumerating the set
	// where the set's shape allows it.
	Member(v Value) (bool, error)
	// IsFinite reports whether the set is finite.
	IsFinite() bool
	// Card is the number of elements; ErrInfinite for an infinite set,
	// ErrOverflow when the count does not fit in an int64.
	Card() (int64, error)
	// Enumerate returns the canonical enumerated form: elements in Compare
	// order, the order in which TLC's CHOOSE and \E visit them. It fails with
	// ErrInfinite or ErrTooLarge.
	Enumerate() (*Set, error)
}

// Set is a finite, enumerated set in canonical form: elements sorted by
// Compare, without duplicates.
type Set struct {
	elems []Value
}

// EmptySet is {}.
var EmptySet = &Set{}

// NewSet builds the set of the given elements, in any order, with
// duplicates allowed. The slice is copied.
func NewSet(elems ...Value) *Set {
	return newSetOwned(slices.Clone(elems))
}

// newSetOwned sorts and deduplicates elems in place and keeps the slice.
func newSetOwned(elems []Value) *Set {
	if len(elems) == 0 {
		return EmptySet
	}
	if !isStrictlySorted(elems) {
		slices.SortStableFunc(elems, Compare)
		elems = slices.CompactFunc(elems, func(x, y Value) bool { return Compare(x, y) == 0 })
	}
	return &Set{elems: elems}
}

func isStrictlySorted(elems []Value) bool {
	for i := 1; i < len(elems); i++ {
		if Compare(elems[i-1], elems[i]) >= 0 {
			return false
		}
	}
	return true
}

// Kind implements Value.
func (*Set) Kind() Kind { return KindSet }

// Elems returns the elements in canonical order. The slice is shared: do not
// modify it.
func (s *Set) Elems() []Value { return s.elems }

// Len is the number of elements.
func (s *Set) Len() int { return len(s.elems) }

// Contains reports membership by binary search in the canonical order.
func (s *Set) Contains(v Value) bool {
	_, found := slices.BinarySearchFunc(s.elems, v, Compare)
	return found
}

// Member implements SetValue. A typed model value asked about membership in a
// non-empty set of non-model values raises TLC's error.
func (s *Set) Member(v Value) (bool, error) {
	if s.Contains(v) {
		return true, nil
	}
	if mv, ok := v.(ModelValue); ok && mv.typ != 0 && len(s.elems) > 0 && s.elems[len(s.elems)-1].Kind() != KindModel {
		return false, newError(ErrType, "Attempted to check if the typed model value "+mv.name+
			" is an element of\n"+s.String())
	}
	return false, nil
}

// IsFinite implements SetValue.
func (*Set) IsFinite() bool { return true }

// Card implements SetValue.
func (s *Set) Card() (int64, error) { return int64(len(s.elems)), nil }

// Enumerate implements SetValue: an enumerated set is its own normal form.
func (s *Set) Enumerate() (*Set, error) { return s, nil }

// String prints {e1, e2, ...} in canonical order.
func (s *Set) String() string { return Format(s) }

// UnionSets is a \cup b, merging the two sorted element lists.
func UnionSets(a, b *Set) *Set {
	if len(a.elems) == 0 {
		return b
	}
	if len(b.elems) == 0 {
		return a
	}
	out := make([]Value, 0, len(a.elems)+len(b.elems))
	i, j := 0, 0
	for i < len(a.elems) && j < len(b.elems) {
		switch c := Compare(a.elems[i], b.elems[j]); {
		case c < 0:
			out = append(out, a.elems[i])
			i++
		case c > 0:
			out = append(out, b.elems[j])
			j++
		default:
			out = append(out, a.elems[i])
			i++
			j++
		}
	}
	out = append(out, a.elems[i:]...)
	out = append(out, b.elems[j:]...)
	return &Set{elems: out}
}

// IntersectSets is a \cap b.
func IntersectSets(a, b *Set) *Set {
	var out []Value
	i, j := 0, 0
	for i < len(a.elems) && j < len(b.elems) {
		switch c := Compare(a.elems[i], b.elems[j]); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			out = append(out, a.elems[i])
			i++
			j++
		}
	}
	if len(out) == 0 {
		return EmptySet
	}
	return &Set{elems: out}
}

// DiffSets is a \ b.
func DiffSets(a, b *Set) *Set {
	var out []Value
	i, j := 0, 0
	for i < len(a.elems) {
		if j >= len(b.elems) {
			out = append(out, a.elems[i:]...)
			break
		}
		switch c := Compare(a.elems[i], b.elems[j]); {
		case c < 0:
			out = append(out, a.elems[i])
			i++
		case c > 0:
			j++
		default:
			i++
			j++
		}
	}
	if len(out) == 0 {
		return EmptySet
	}
	return &Set{elems: out}
}

// checkEnumerable fails when a set of n elements may not be materialised.
func checkEnumerable(s SetValue, n int64) error {
	if n > MaxEnumerate {
		return newError(ErrTooLarge, "Attempted to enumerate "+exprString(s)+", which has "+
			strconv.FormatInt(n, 10)+" elements, more than the limit of "+
			strconv.FormatInt(MaxEnumerate, 10)+".")
	}
	return nil
}
