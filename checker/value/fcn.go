package value

import (
	"slices"
	"strconv"
)

// Fcn is a function with a finite domain. Tuples and sequences (domain 1..n),
// records (domain a set of strings) and every other finite function share
// this one type, so <<1, 2>> equals [i \in 1..2 |-> i] and [a |-> 1] equals
// the function on {"a"}, with the same fingerprint and printing.
//
// Canonical form: when the domain is a contiguous range of integers lo..hi it
// is stored as lo alone (dom == nil); otherwise dom holds the domain sorted
// by Compare, with vals in the same order.
type Fcn struct {
	dom  []Value // nil: the domain is lo .. lo+len(vals)-1
	lo   int64
	vals []Value
}

// EmptyFcn is the function with the empty domain: <<>> = [x \in {} |-> x].
var EmptyFcn = &Fcn{lo: 1}

// NewTuple builds <<vals...>>. The slice is copied.
func NewTuple(vals ...Value) *Fcn {
	if len(vals) == 0 {
		return EmptyFcn
	}
	return &Fcn{lo: 1, vals: slices.Clone(vals)}
}

// NewRangeFcn builds the function on lo..lo+len(vals)-1 mapping lo+i to
// vals[i]. The slice is copied.
func NewRangeFcn(lo int64, vals []Value) (*Fcn, error) {
	if len(vals) == 0 {
		return EmptyFcn, nil
	}
	if _, overflow := addInt64(lo, int64(len(vals)-1)); overflow {
		return nil, newError(ErrOverflow, "the domain of a function starting at "+
			strconv.FormatInt(lo, 10)+" overflows 64-bit integers")
	}
	return &Fcn{lo: lo, vals: slices.Clone(vals)}, nil
}

// NewFcn builds the function mapping dom[i] to vals[i]. The domain may come
// in any order; a repeated domain element is TLC's error.
func NewFcn(dom, vals []Value) (*Fcn, error) {
	if len(dom) != len(vals) {
		return nil, newError(ErrType, "function domain has "+strconv.Itoa(len(dom))+
			" elements but "+strconv.Itoa(len(vals))+" values were given")
	}
	d, v := slices.Clone(dom), slices.Clone(vals)
	sortParallel(d, v)
	for i := 1; i < len(d); i++ {
		if Compare(d[i-1], d[i]) == 0 {
			return nil, newError(ErrType, "The value\n"+d[i].String()+"\noccurs multiple times in the function domain.")
		}
	}
	return canonicalFcn(d, v), nil
}

// NewRecord builds [names[0] |-> vals[0], ...]. A repeated field name is
// TLC's error.
func NewRecord(names []string, vals []Value) (*Fcn, error) {
	if len(names) != len(vals) {
		return nil, newError(ErrType, "record has "+strconv.Itoa(len(names))+
			" field names but "+strconv.Itoa(len(vals))+" values")
	}
	dom := make([]Value, len(names))
	for i, n := range names {
		dom[i] = Str(n)
	}
	v := slices.Clone(vals)
	sortParallel(dom, v)
	for i := 1; i < len(dom); i++ {
		if dom[i-1] == dom[i] {
			return nil, newError(ErrType, "Field name "+string(dom[i].(Str))+" occurs multiple times in record.")
		}
	}
	if len(dom) == 0 {
		return EmptyFcn, nil
	}
	return &Fcn{dom: dom, vals: v}, nil
}

// sortParallel sorts keys by Compare and permutes vals the same way.
func sortParallel(keys, vals []Value) {
	if isStrictlySorted(keys) {
		return
	}
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int { return Compare(keys[i], keys[j]) })
	k2, v2 := make([]Value, len(keys)), make([]Value, len(vals))
	for to, from := range idx {
		k2[to], v2[to] = keys[from], vals[from]
	}
	copy(keys, k2)
	copy(vals, v2)
}

// canonicalFcn turns a sorted, duplicate-free domain of consecutive integers
// into the range form.
func canonicalFcn(dom, vals []Value) *Fcn {
	if len(dom) == 0 {
		return EmptyFcn
	}
	first, ok := dom[0].(Int)
	if ok {
		contiguous := true
		for i, d := range dom {
			n, isInt := d.(Int)
			if !isInt || int64(n) != int64(first)+int64(i) {
				contiguous = false
				break
			}
		}
		if contiguous {
			return &Fcn{lo: int64(first), vals: vals}
		}
	}
	return &Fcn{dom: dom, vals: vals}
}

// Kind implements Value.
func (*Fcn) Kind() Kind { return KindFcn }

// Len is the size of the domain (Len(s) for a sequence).
func (f *Fcn) Len() int { return len(f.vals) }

// Values returns the values in domain order. Shared: do not modify.
func (f *Fcn) Values() []Value { return f.vals }

// DomainAt returns the i-th domain element in canonical order.
func (f *Fcn) DomainAt(i int) Value { return f.domainAt(i) }

func (f *Fcn) domainAt(i int) Value {
	if f.dom == nil {
		return Int(f.lo + int64(i))
	}
	return f.dom[i]
}

// Domain is DOMAIN f: an interval for tuples and integer ranges, otherwise
// the enumerated set.
func (f *Fcn) Domain() SetValue {
	if len(f.vals) == 0 {
		return EmptySet
	}
	if f.dom == nil {
		return NewInterval(f.lo, f.lo+int64(len(f.vals))-1)
	}
	return &Set{elems: f.dom}
}

// IsTuple reports whether the domain is 1..n (n may be 0): a sequence.
func (f *Fcn) IsTuple() bool { return f.dom == nil && (f.lo == 1 || len(f.vals) == 0) }

// isRecord reports whether every domain element is a string.
func (f *Fcn) isRecord() bool {
	if f.dom == nil {
		return false
	}
	for _, d := range f.dom {
		if _, ok := d.(Str); !ok {
			return false
		}
	}
	return true
}

// index finds arg's position in the domain.
func (f *Fcn) index(arg Value) (int, bool) {
	if f.dom == nil {
		n, ok := arg.(Int)
		if !ok {
			return 0, false
		}
		off := int64(n) - f.lo
		if off < 0 || off >= int64(len(f.vals)) {
			return 0, false
		}
		return int(off), true
	}
	return slices.BinarySearchFunc(f.dom, arg, Compare)
}

// Apply is f[arg]; an argument outside the domain is TLC's error.
func (f *Fcn) Apply(arg Value) (Value, error) {
	if i, ok := f.index(arg); ok {
		return f.vals[i], nil
	}
	return nil, f.domainError(arg)
}

// Select is f[arg] without an error: ok is false outside the domain.
func (f *Fcn) Select(arg Value) (Value, bool) {
	if i, ok := f.index(arg); ok {
		return f.vals[i], true
	}
	return nil, false
}

// Field is r.name for a record.
func (f *Fcn) Field(name string) (Value, error) {
	if i, ok := f.index(Str(name)); ok {
		return f.vals[i], nil
	}
	return nil, newError(ErrDomain, "Attempted to access nonexistent field '"+name+"' of record\n"+f.String())
}

func (f *Fcn) domainError(arg Value) error {
	if f.IsTuple() && len(f.vals) > 0 {
		if n, ok := arg.(Int); ok {
			return newError(ErrDomain, "Attempted to access index "+n.String()+" of tuple\n"+f.String()+
				"\nwhich is out of bounds.")
		}
		return newError(ErrDomain, "Attempted to access tuple at a non integral index: "+arg.String())
	}
	if f.isRecord() {
		if s, ok := arg.(Str); ok {
			return newError(ErrDomain, "Attempted to access nonexistent field '"+string(s)+"' of record\n"+f.String())
		}
		return newError(ErrDomain, "Attempted to access record by a non-string argument: "+arg.String())
	}
	return newError(ErrDomain, "Attempted to apply function:\n"+f.String()+"\nto argument "+arg.String()+
		", which is not in the domain of the function.")
}

// Except is [f EXCEPT ![arg] = v]. Like TLC, an argument outside the domain
// leaves the function unchanged.
func (f *Fcn) Except(arg, v Value) *Fcn {
	i, ok := f.index(arg)
	if !ok {
		return f
	}
	vals := slices.Clone(f.vals)
	vals[i] = v
	return &Fcn{dom: f.dom, lo: f.lo, vals: vals}
}

// Append is Append(s, v) for a sequence; ok is false when f is not one.
func (f *Fcn) Append(v Value) (*Fcn, bool) {
	if !f.IsTuple() {
		return nil, false
	}
	vals := make([]Value, len(f.vals)+1)
	copy(vals, f.vals)
	vals[len(f.vals)] = v
	return &Fcn{lo: 1, vals: vals}, true
}

// String prints the function as TLC does; see Format.
func (f *Fcn) String() string { return Format(f) }
