package eval

import (
	"fmt"
	"strconv"

	"github.com/tlals/tlals/parser/scan"
)

// ReadValue reads the text of one value as TLC prints it (tlc2.value's
// toString: the TLA+ expression of a normalized value, possibly over
// several lines): integers, strings with their escapes, TRUE, FALSE,
// sets, sequences, records, functions (k :> v @@ ...), intervals, and
// the sets TLC prints unenumerated (BOOLEAN, SUBSET S, UNION S, [S -> T],
// [f : S], S \X T), enumerated here as a state stores them. name gives
// the value of any other identifier: a model value. The whole text must
// be the value; an error says at which byte offset it went wrong.
func ReadValue(text string, name func(string) Value) (Value, error) {
	r := &valueText{src: []byte(text), name: name}
	r.sc = scan.New(r.src, 0, len(r.src))
	r.next()
	v, err := r.value(0)
	if err != nil {
		return nil, err
	}
	if r.ok {
		return nil, r.errorf("unexpected %q after the value", r.rest())
	}
	return v, nil
}

// valueText reads tokens of parser/scan; tok is the current one (none at
// the end: ok false).
type valueText struct {
	src  []byte
	sc   scan.Scanner
	tok  scan.Token
	ok   bool
	name func(string) Value
}

// maxValueDepth bounds the nesting of a value read (the reader recurses).
const maxValueDepth = 10000

// tokens is every kind of token but white space.
var tokens = scan.All &^ scan.Of(scan.Space)

func (r *valueText) next() { r.tok, r.ok = r.sc.NextOf(tokens) }

func (r *valueText) errorf(format string, args ...any) error {
	at := len(r.src)
	if r.ok {
		at = r.tok.Start
	}
	return fmt.Errorf("offset %d: %s", at, fmt.Sprintf(format, args...))
}

// rest is the text from the current token on, shortened.
func (r *valueText) rest() string {
	if !r.ok {
		return ""
	}
	s := r.src[r.tok.Start:]
	if len(s) > 20 {
		return string(s[:20]) + "..."
	}
	return string(s)
}

// is reports whether the current token is the operator or word s.
func (r *valueText) is(s string) bool {
	return r.ok && (r.tok.Kind == scan.Op || r.tok.Kind == scan.Ident) && string(r.src[r.tok.Start:r.tok.End]) == s
}

// eat consumes the token s when it comes next.
func (r *valueText) eat(s string) bool {
	if r.is(s) {
		r.next()
		return true
	}
	return false
}

func (r *valueText) expect(s string) error {
	if r.eat(s) {
		return nil
	}
	if !r.ok {
		return r.errorf("%q expected, the text ends", s)
	}
	return r.errorf("%q expected, found %q", s, r.rest())
}

// value is a primary, an interval lo..hi of two integers, or a Cartesian
// product S \X T.
func (r *valueText) value(depth int) (Value, error) {
	if depth > maxValueDepth {
		return nil, r.errorf("a value nested more than %d deep", maxValueDepth)
	}
	v, err := r.primary(depth)
	if err != nil {
		return nil, err
	}
	switch {
	case r.is(`\X`) || r.is(`\times`):
		sets := []Value{v}
		for r.eat(`\X`) || r.eat(`\times`) {
			s, err := r.primary(depth)
			if err != nil {
				return nil, err
			}
			sets = append(sets, s)
		}
		return r.product(sets, func(vs []Value) Value { return mkTuple(vs) })
	case r.eat(".."):
		hi, err := r.primary(depth)
		if err != nil {
			return nil, err
		}
		lo, ok1 := v.(Int)
		h, ok2 := hi.(Int)
		if !ok1 || !ok2 {
			return nil, r.errorf("an interval of non-integers")
		}
		return normalize(&IntervalV{Lo: int64(lo), Hi: int64(h)})
	}
	return v, nil
}

func (r *valueText) primary(depth int) (Value, error) {
	if !r.ok {
		return nil, r.errorf("a value expected, the text ends")
	}
	depth++
	t := r.tok
	text := r.src[t.Start:t.End]
	switch t.Kind {
	case scan.String:
		if t.Open {
			return nil, r.errorf("unterminated string")
		}
		r.next()
		return Str(scan.Unquote(string(text), nil)), nil
	case scan.Number:
		return r.integer(false)
	case scan.Ident:
		return r.ident(depth)
	}
	switch string(text) {
	case "{":
		r.next()
		elems, err := r.list("}", depth)
		if err != nil {
			return nil, err
		}
		return MakeSet(elems), nil
	case "<<":
		r.next()
		elems, err := r.list(">>", depth)
		if err != nil {
			return nil, err
		}
		return mkTuple(elems), nil
	case "[]": // one token: the empty record
		r.next()
		return mkRecord(nil, nil), nil
	case "[":
		r.next()
		return r.bracket(depth)
	case "(":
		r.next()
		return r.function(depth)
	case "-":
		r.next()
		if !r.ok || r.tok.Kind != scan.Number {
			return nil, r.errorf("a number expected after -")
		}
		return r.integer(true)
	}
	return nil, r.errorf("unexpected %q", r.rest())
}

// list reads values separated by commas up to end.
func (r *valueText) list(end string, depth int) ([]Value, error) {
	var out []Value
	if r.eat(end) {
		return out, nil
	}
	for {
		v, err := r.value(depth)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		if r.eat(end) {
			return out, nil
		}
		if err := r.expect(","); err != nil {
			return nil, err
		}
	}
}

// product is the set of values build makes from one element of each set.
func (r *valueText) product(sets []Value, build func([]Value) Value) (Value, error) {
	lists := make([][]Value, len(sets))
	for i, s := range sets {
		n, err := normalize(s)
		set, ok := n.(*SetV)
		if err != nil || !ok {
			return nil, r.errorf("a set that cannot be enumerated in a product")
		}
		lists[i] = set.elems
	}
	var out []Value
	pick := make([]Value, len(sets))
	var walk func(int)
	walk = func(k int) {
		if k == len(lists) {
			out = append(out, build(append([]Value(nil), pick...)))
			return
		}
		for _, e := range lists[k] {
			pick[k] = e
			walk(k + 1)
		}
	}
	walk(0)
	return MakeSet(out), nil
}

// bracket reads, after its bracket, a record [f |-> v, ...] ([ ]: the
// empty record), a set of records [f : S, ...] or a set of functions
// [S -> T].
func (r *valueText) bracket(depth int) (Value, error) {
	if r.eat("]") {
		return mkRecord(nil, nil), nil
	}
	if r.ok && r.tok.Kind == scan.Ident {
		after := *r
		after.next()
		switch {
		case after.is("|->"):
			names, vals, err := r.fields("|->", depth)
			if err != nil {
				return nil, err
			}
			return mkRecord(names, vals), nil
		case after.is(":"):
			names, sets, err := r.fields(":", depth)
			if err != nil {
				return nil, err
			}
			return r.product(sets, func(vs []Value) Value { return mkRecord(names, vs) })
		}
	}
	dom, err := r.value(depth)
	if err != nil {
		return nil, err
	}
	if err := r.expect("->"); err != nil {
		return nil, err
	}
	rng, err := r.value(depth)
	if err != nil {
		return nil, err
	}
	if err := r.expect("]"); err != nil {
		return nil, err
	}
	return normalize(&FuncSetV{Dom: dom, Rng: rng})
}

// fields reads f sep v, ... ] after the bracket: the names and values.
func (r *valueText) fields(sep string, depth int) ([]string, []Value, error) {
	var names []string
	var vals []Value
	for {
		if !r.ok || r.tok.Kind != scan.Ident {
			return nil, nil, r.errorf("a record field expected, found %q", r.rest())
		}
		names = append(names, string(r.src[r.tok.Start:r.tok.End]))
		r.next()
		if err := r.expect(sep); err != nil {
			return nil, nil, err
		}
		v, err := r.value(depth)
		if err != nil {
			return nil, nil, err
		}
		vals = append(vals, v)
		if r.eat("]") {
			return names, vals, nil
		}
		if err := r.expect(","); err != nil {
			return nil, nil, err
		}
	}
}

// function reads (k1 :> v1 @@ k2 :> v2 ...) after its parenthesis, or a
// parenthesized value.
func (r *valueText) function(depth int) (Value, error) {
	first, err := r.value(depth)
	if err != nil {
		return nil, err
	}
	if r.eat(")") {
		return first, nil
	}
	var dom, vals []Value
	k := first
	for {
		if err := r.expect(":>"); err != nil {
			return nil, err
		}
		v, err := r.value(depth)
		if err != nil {
			return nil, err
		}
		dom, vals = append(dom, k), append(vals, v)
		if r.eat(")") {
			return mkFcn(dom, vals), nil
		}
		if err := r.expect("@@"); err != nil {
			return nil, err
		}
		if k, err = r.value(depth); err != nil {
			return nil, err
		}
	}
}

// integer reads the current number token, negated after a minus.
func (r *valueText) integer(neg bool) (Value, error) {
	text := string(r.src[r.tok.Start:r.tok.End])
	if neg {
		text = "-" + text
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return nil, r.errorf("not an integer: %q", r.rest())
	}
	r.next()
	return Int(n), nil
}

// ident reads a built-in constant, SUBSET S, UNION S, or a name.
func (r *valueText) ident(depth int) (Value, error) {
	name := string(r.src[r.tok.Start:r.tok.End])
	switch name {
	case "Nat", "Int", "Real", "STRING", "Seq":
		return nil, r.errorf("%s: an infinite set", name)
	}
	r.next()
	switch name {
	case "TRUE":
		return Bool(true), nil
	case "FALSE":
		return Bool(false), nil
	case "BOOLEAN":
		return MakeSet([]Value{Bool(false), Bool(true)}), nil
	case "SUBSET", "UNION":
		base, err := r.primary(depth)
		if err != nil {
			return nil, err
		}
		if name == "SUBSET" {
			return normalize(&SubsetV{Base: base})
		}
		return normalize(&UnionV{Base: base})
	}
	return r.name(name), nil
}
