// Package value holds the model checker's runtime values: TLC's value
// universe (booleans, integers, strings, model values, finite sets,
// functions, and lazily represented sets), with a total order, equality with
// TLC's error rules, stable 64-bit fingerprints, and printing as TLC prints.
//
// Values are immutable once built. Constructors return canonical forms
// (sets sorted and deduplicated, function domains sorted, a function whose
// domain is a contiguous integer range stored as a range), so two equal
// values built different ways compare, hash and print the same.
//
// Deliberate differences from TLC:
//   - Integers are 64-bit (TLC's are 32-bit). Arithmetic helpers report
//     overflow as an error instead of wrapping.
//   - Compare is a total order over all values, even across kinds TLC
//     refuses to compare (an integer with a string). TLC's order is kept
//     wherever TLC defines one: model values sort before every other value,
//     integers numerically, strings as Java compares them (UTF-16 code units),
//     sets by size then elements, functions by size, then domain, then values.
//     Across the remaining kinds the order is Bool < Int < String <
//     function < set. Equal, not Compare, raises TLC's type errors.
package value

import (
	"errors"
	"strconv"
)

// Kind classifies a value. The numeric order is the cross-kind order used by
// Compare; model values come first because TLC sorts them before everything.
type Kind uint8

const (
	KindModel Kind = iota
	KindBool
	KindInt
	KindString
	KindFcn
	KindSet
)

// String names the kind as error messages do.
func (k Kind) String() string {
	switch k {
	case KindModel:
		return "model value"
	case KindBool:
		return "boolean"
	case KindInt:
		return "integer"
	case KindString:
		return "string"
	case KindFcn:
		return "function"
	case KindSet:
		return "set"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Value is any TLA+ value the checker manipulates. String prints the value
// exactly as TLC prints it in traces.
type Value interface {
	Kind() Kind
	String() string
}

// Sentinel errors, wrapped by the descriptive errors this package returns so
// callers can classify failures with errors.Is.
var (
	// ErrOverflow: an integer result does not fit in 64 bits.
	ErrOverflow = errors.New("integer overflow")
	// ErrInfinite: an operation needs a finite set but got an infinite one.
	ErrInfinite = errors.New("infinite set")
	// ErrTooLarge: a set is too large to enumerate (see MaxEnumerate).
	ErrTooLarge = errors.New("set too large to enumerate")
	// ErrType: the operation is not defined on values of these kinds.
	ErrType = errors.New("type mismatch")
	// ErrDomain: a function was applied outside its domain.
	ErrDomain = errors.New("argument not in domain")
)

// MaxEnumerate bounds how many elements Enumerate will materialise, like
// TLC's setBound (default 1,000,000). Beyond it Enumerate fails with
// ErrTooLarge rather than exhausting memory.
var MaxEnumerate int64 = 1_000_000

// valueError is an error with TLC's wording that still matches a sentinel.
type valueError struct {
	kind error
	msg  string
}

func (e *valueError) Error() string { return e.msg }
func (e *valueError) Unwrap() error { return e.kind }

func newError(kind error, msg string) error { return &valueError{kind: kind, msg: msg} }

// Bool is TRUE or FALSE.
type Bool bool

// Kind implements Value.
func (Bool) Kind() Kind { return KindBool }

func (b Bool) String() string {
	if b {
		return "TRUE"
	}
	return "FALSE"
}

// Int is a TLA+ integer, 64-bit here (see package doc).
type Int int64

// Kind implements Value.
func (Int) Kind() Kind { return KindInt }

func (i Int) String() string { return strconv.FormatInt(int64(i), 10) }

// Str is a TLA+ string.
type Str string

// Kind implements Value.
func (Str) Kind() Kind { return KindString }

func (s Str) String() string {
	var b []byte
	return string(appendQuoted(b, string(s)))
}

// ModelValue is one of TLC's model values, declared in a model config. A name
// of the form "x_rest" (second character '_', length > 2) gives it type 'x':
// TLC raises an error when such a value is compared for equality with a
// non-model value or with a model value of another type, while an untyped
// model value is simply unequal to everything but itself.
type ModelValue struct {
	name string
	typ  byte // 0 when untyped
}

// NewModelValue makes the model value called name.
func NewModelValue(name string) ModelValue {
	mv := ModelValue{name: name}
	if len(name) > 2 && name[1] == '_' {
		mv.typ = name[0]
	}
	return mv
}

// Kind implements Value.
func (ModelValue) Kind() Kind { return KindModel }

// Name is the declared name.
func (m ModelValue) Name() string { return m.name }

// Type is the model value's type letter, or 0 when untyped.
func (m ModelValue) Type() byte { return m.typ }

// String prints a model value bare, as TLC does.
func (m ModelValue) String() string { return m.name }

// IntValue returns v as an int64 when v is an Int.
func IntValue(v Value) (int64, bool) {
	i, ok := v.(Int)
	return int64(i), ok
}

// BoolValue returns v as a bool when v is a Bool.
func BoolValue(v Value) (bool, bool) {
	b, ok := v.(Bool)
	return bool(b), ok
}

// Normalize returns v with every finite lazy set inside it replaced by its
// enumerated *Set, the form to store in a state. Infinite sets stay lazy
// (they are their own normal form). Normalize(Normalize(v)) is Normalize(v).
func Normalize(v Value) (Value, error) {
	switch x := v.(type) {
	case *Fcn:
		var vals []Value
		for i, val := range x.vals {
			n, err := Normalize(val)
			if err != nil {
				return nil, err
			}
			if n != val && vals == nil {
				vals = make([]Value, len(x.vals))
				copy(vals, x.vals[:i])
			}
			if vals != nil {
				vals[i] = n
			}
		}
		if vals == nil {
			return x, nil
		}
		return &Fcn{dom: x.dom, lo: x.lo, vals: vals}, nil
	case SetValue:
		if !x.IsFinite() {
			return x, nil
		}
		e, err := x.Enumerate()
		if err != nil {
			return nil, err
		}
		elems := make([]Value, len(e.elems))
		changed := false
		for i, el := range e.elems {
			n, err := Normalize(el)
			if err != nil {
				return nil, err
			}
			elems[i] = n
			changed = changed || n != el
		}
		if !changed {
			return e, nil
		}
		return &Set{elems: elems}, nil // normalizing keeps equality, so the order holds
	}
	return v, nil
}
