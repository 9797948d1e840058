package value

import (
	"unicode/utf8"
)

// Compare is a total order over values: negative when a sorts before b, zero
// when they are equal, positive otherwise. It is the order of canonical sets
// and function domains and therefore the order CHOOSE and enumeration use. It
// matches TLC's compareTo wherever TLC defines one (see the package doc).
//
// Finite lazy sets are compared by their elements (enumerating them when
// needed). Infinite sets sort after all finite sets and among themselves by
// their printed form; a finite lazy set too large to enumerate is compared the
// same way, which is the one place Compare can disagree with Equal.
func Compare(a, b Value) int {
	ka, kb := a.Kind(), b.Kind()
	if ka != kb {
		return cmpOrdered(ka, kb)
	}
	switch ka {
	case KindModel:
		return compareJavaStrings(a.(ModelValue).name, b.(ModelValue).name)
	case KindBool:
		x, y := a.(Bool), b.(Bool)
		if x == y {
			return 0
		}
		if !x {
			return -1
		}
		return 1
	case KindInt:
		return cmpOrdered(a.(Int), b.(Int))
	case KindString:
		return compareJavaStrings(string(a.(Str)), string(b.(Str)))
	case KindFcn:
		return compareFcns(a.(*Fcn), b.(*Fcn))
	case KindSet:
		return compareSets(a.(SetValue), b.(SetValue))
	}
	return 0
}

func cmpOrdered[T ~int64 | ~uint8 | ~int](x, y T) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// compareJavaStrings orders strings as Java's String.compareTo does: by UTF-16
// code units. That equals byte order for UTF-8 except when a character above
// U+FFFF (a surrogate pair in UTF-16) meets one in U+E000..U+FFFF.
func compareJavaStrings(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	if i == n {
		return cmpOrdered(len(a), len(b))
	}
	if a[i] < utf8.RuneSelf && b[i] < utf8.RuneSelf {
		return cmpOrdered(int(a[i]), int(b[i]))
	}
	// Back up to the start of the character that differs, then compare the
	// first UTF-16 code unit of each character.
	for i > 0 && !utf8.RuneStart(a[i]) {
		i--
	}
	ra, _ := utf8.DecodeRuneInString(a[i:])
	rb, _ := utf8.DecodeRuneInString(b[i:])
	if c := cmpOrdered(int(firstUTF16Unit(ra)), int(firstUTF16Unit(rb))); c != 0 {
		return c
	}
	if c := cmpOrdered(int(ra), int(rb)); c != 0 {
		return c
	}
	// Invalid UTF-8 decodes to the same replacement rune: fall back to bytes.
	return cmpOrdered(int(a[i]), int(b[i]))
}

func firstUTF16Unit(r rune) rune {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 0xD800 + (r-0x10000)>>10
	}
	return r
}

// compareFcns follows TLC: size first, then the domains element by element,
// then the values.
func compareFcns(f, g *Fcn) int {
	if c := cmpOrdered(len(f.vals), len(g.vals)); c != 0 {
		return c
	}
	n := len(f.vals)
	switch {
	case f.dom == nil && g.dom == nil:
		if n > 0 {
			if c := cmpOrdered(f.lo, g.lo); c != 0 {
				return c
			}
		}
	default:
		for i := 0; i < n; i++ {
			if c := compareDomainAt(f, g, i); c != 0 {
				return c
			}
		}
	}
	for i := 0; i < n; i++ {
		if c := Compare(f.vals[i], g.vals[i]); c != 0 {
			return c
		}
	}
	return 0
}

// compareDomainAt compares the i-th domain elements without boxing the
// integers of a range domain.
func compareDomainAt(f, g *Fcn, i int) int {
	switch {
	case f.dom != nil && g.dom != nil:
		return Compare(f.dom[i], g.dom[i])
	case f.dom == nil:
		return -compareWithInt(g.dom[i], f.lo+int64(i))
	default:
		return compareWithInt(f.dom[i], g.lo+int64(i))
	}
}

func compareWithInt(v Value, n int64) int {
	if i, ok := v.(Int); ok {
		return cmpOrdered(int64(i), n)
	}
	return cmpOrdered(v.Kind(), KindInt)
}

func compareSets(a, b SetValue) int {
	if x, ok := a.(*Set); ok {
		if y, ok := b.(*Set); ok {
			return compareElems(x.elems, y.elems)
		}
	}
	if x, ok := a.(*Interval); ok {
		if y, ok := b.(*Interval); ok {
			nx, ny := x.size(), y.size()
			if c := cmpOrdered(nx, ny); c != 0 || nx == 0 {
				return c
			}
			return cmpOrdered(x.lo, y.lo)
		}
	}
	fa, fb := a.IsFinite(), b.IsFinite()
	if fa != fb {
		if fa {
			return -1
		}
		return 1
	}
	if fa {
		ca, erra := a.Card()
		cb, errb := b.Card()
		if erra == nil && errb == nil {
			if c := cmpOrdered(ca, cb); c != 0 {
				return c
			}
		}
		ea, erra := a.Enumerate()
		eb, errb := b.Enumerate()
		if erra == nil && errb == nil {
			return compareElems(ea.elems, eb.elems)
		}
	}
	return compareJavaStrings(a.String(), b.String())
}

func compareElems(x, y []Value) int {
	if c := cmpOrdered(len(x), len(y)); c != 0 {
		return c
	}
	for i := range x {
		if c := Compare(x[i], y[i]); c != 0 {
			return c
		}
	}
	return 0
}

// Equal decides a = b with TLC's rules, which depend on the left operand as
// TLC's equals methods do:
//   - an untyped model value equals only itself; comparing a typed model
//     value (name "x_...") with a non-model value or a model value of another
//     type is an error;
//   - a Boolean, integer or string compared with a value of another kind
//     (other than a model value) is an error;
//   - a function compared with a non-function is an error;
//   - a set compared with a non-set is FALSE (TLC's SetEnumValue does not
//     complain);
//   - two infinite sets are equal when built the same way, unequal when one is
//     finite and the other not; otherwise their equality is undecidable here
//     and an error.
func Equal(a, b Value) (bool, error) {
	if mb, ok := b.(ModelValue); ok {
		if ma, ok := a.(ModelValue); ok {
			return modelValuesEqual(ma, mb)
		}
		return modelValueEqualsOther(mb, a)
	}
	switch x := a.(type) {
	case ModelValue:
		return modelValueEqualsOther(x, b)
	case Bool:
		if y, ok := b.(Bool); ok {
			return x == y, nil
		}
		return false, mismatch("Attempted to compare equality of boolean ", a, " with non-boolean:\n", b)
	case Int:
		if y, ok := b.(Int); ok {
			return x == y, nil
		}
		return false, mismatch("Attempted to check equality of integer ", a, " with non-integer:\n", b)
	case Str:
		if y, ok := b.(Str); ok {
			return x == y, nil
		}
		return false, mismatch("Attempted to check equality of string ", a, " with non-string:\n", b)
	case *Fcn:
		y, ok := b.(*Fcn)
		if !ok {
			if x.isRecord() && len(x.vals) > 0 {
				return false, mismatch("Attempted to check equality of record:\n", a, "\nwith non-record\n", b)
			}
			return false, mismatch("Attempted to check equality of the function ", a, " with the value:\n", b)
		}
		return fcnsEqual(x, y)
	case SetValue:
		y, ok := b.(SetValue)
		if !ok {
			return false, nil
		}
		return setsEqual(x, y)
	}
	return false, mismatch("Attempted to check equality of ", a, " with ", b)
}

func mismatch(prefix string, a Value, middle string, b Value) error {
	return newError(ErrType, prefix+a.String()+middle+b.String())
}

func modelValuesEqual(a, b ModelValue) (bool, error) {
	if a.typ != 0 && b.typ != 0 && a.typ != b.typ {
		return false, newError(ErrType, "Attempted to check equality of the differently-typed model values "+
			a.name+" and "+b.name)
	}
	return a.name == b.name, nil
}

// modelValueEqualsOther is TLC's modelValueEquals: FALSE for an untyped model
// value, an error for a typed one.
func modelValueEqualsOther(mv ModelValue, other Value) (bool, error) {
	if mv.typ != 0 {
		return false, newError(ErrType, "Attempted to check equality of typed model value "+
			mv.name+" and non-model value\n"+other.String())
	}
	return false, nil
}

func fcnsEqual(f, g *Fcn) (bool, error) {
	if len(f.vals) == 0 || len(g.vals) == 0 {
		return len(f.vals) == len(g.vals), nil
	}
	if f.isRecord() && !g.isRecord() {
		return false, mismatch("Attempted to check equality of record:\n", f, "\nwith non-record\n", g)
	}
	if len(f.vals) != len(g.vals) {
		return false, nil
	}
	if f.dom == nil && g.dom == nil {
		if f.lo != g.lo {
			return false, nil
		}
	} else {
		for i := range f.vals {
			eq, err := Equal(f.domainAt(i), g.domainAt(i))
			if err != nil || !eq {
				return false, err
			}
		}
	}
	for i := range f.vals {
		eq, err := Equal(f.vals[i], g.vals[i])
		if err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}

func setsEqual(a, b SetValue) (bool, error) {
	fa, fb := a.IsFinite(), b.IsFinite()
	if fa != fb {
		return false, nil
	}
	if !fa {
		if Compare(a, b) == 0 {
			return true, nil
		}
		if isBuiltinNumberSet(a) && isBuiltinNumberSet(b) {
			return false, nil
		}
		return false, newError(ErrInfinite, "Attempted to check equality of the infinite sets "+
			a.String()+" and "+b.String()+", which TLC cannot decide.")
	}
	ea, err := a.Enumerate()
	if err != nil {
		return false, err
	}
	eb, err := b.Enumerate()
	if err != nil {
		return false, err
	}
	return compareElems(ea.elems, eb.elems) == 0, nil
}
