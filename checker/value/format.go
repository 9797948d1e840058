package value

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// printEnumBound mirrors TLC's enumBound: lazy sets (other than intervals,
// SUBSET and the infinite ones) with fewer elements print enumerated, larger
// ones print as their defining expression.
const printEnumBound = 2000

// subsetPrintBound mirrors TLC: SUBSET S prints enumerated when |S| < 7.
const subsetPrintBound = 7

// Format prints v as TLC prints values in traces and error messages:
//
//	TRUE  42  -3  "a\"b"  A  {1, 2}  {}  <<1, "a">>  <<>>
//	[a |-> 1, b |-> 2]         (a record: every domain element a name-like string)
//	(0 :> "x" @@ 5 :> "y")     (any other function)
//	1..3  SUBSET S  [S -> T]  [a : S]  (S \X T)  Seq(S)  Nat
//
// Records print their fields sorted, which is the order TLC prints a
// normalized (hence every fingerprinted) record. The empty function prints as
// <<>>.
func Format(v Value) string {
	return string(AppendFormat(nil, v))
}

// AppendFormat appends Format(v) to buf.
func AppendFormat(buf []byte, v Value) []byte {
	switch x := v.(type) {
	case Bool, Int, ModelValue:
		return append(buf, x.String()...)
	case Str:
		return appendQuoted(buf, string(x))
	case *Fcn:
		return appendFcn(buf, x)
	case *Set:
		return appendElems(buf, x.elems)
	case *Interval:
		if x.hi < x.lo {
			return append(buf, "{}"...)
		}
		buf = strconv.AppendInt(buf, x.lo, 10)
		buf = append(buf, ".."...)
		return strconv.AppendInt(buf, x.hi, 10)
	case *Subset:
		if n, err := x.base.Card(); err == nil && x.base.IsFinite() && n < subsetPrintBound {
			if e, err := x.Enumerate(); err == nil {
				return appendElems(buf, e.elems)
			}
		}
		buf = append(buf, "SUBSET "...)
		if _, isInterval := x.base.(*Interval); isInterval {
			// SUBSET binds tighter than "..".
			buf = append(buf, '(')
			buf = AppendFormat(buf, x.base)
			return append(buf, ')')
		}
		return AppendFormat(buf, x.base)
	case *SeqSet:
		buf = append(buf, "Seq("...)
		buf = AppendFormat(buf, x.base)
		return append(buf, ')')
	case *NumberSet:
		return append(buf, x.name...)
	case SetValue:
		if e, ok := smallEnumeration(x); ok {
			return appendElems(buf, e.elems)
		}
		return appendSetExpr(buf, x)
	}
	return append(buf, v.String()...)
}

func smallEnumeration(s SetValue) (*Set, bool) {
	if !s.IsFinite() {
		return nil, false
	}
	if _, isCombined := s.(*Combined); !isCombined {
		n, err := s.Card()
		if err != nil || n >= printEnumBound {
			return nil, false
		}
	}
	e, err := s.Enumerate()
	if err != nil || len(e.elems) >= printEnumBound {
		return nil, false
	}
	return e, true
}

// exprString prints a set as its defining expression, never enumerating
// it: the form for error messages about the set's own size.
func exprString(s SetValue) string {
	switch s.(type) {
	case *FuncSet, *RecordSet, *Product, *Combined:
		return string(appendSetExpr(nil, s))
	case *Subset:
		return "SUBSET " + exprString(s.(*Subset).base)
	}
	return Format(s)
}

// appendSetExpr prints a large or infinite lazy set as its expression.
func appendSetExpr(buf []byte, s SetValue) []byte {
	switch x := s.(type) {
	case *FuncSet:
		buf = append(buf, '[')
		buf = AppendFormat(buf, x.dom)
		buf = append(buf, " -> "...)
		buf = AppendFormat(buf, x.rng)
		return append(buf, ']')
	case *RecordSet:
		buf = append(buf, '[')
		for i, n := range x.names {
			if i > 0 {
				buf = append(buf, ", "...)
			}
			buf = append(buf, n...)
			buf = append(buf, " : "...)
			buf = AppendFormat(buf, x.sets[i])
		}
		return append(buf, ']')
	case *Product:
		buf = append(buf, '(')
		for i, part := range x.sets {
			if i > 0 {
				buf = append(buf, ` \X `...)
			}
			buf = AppendFormat(buf, part)
		}
		return append(buf, ')')
	case *Combined:
		op := ` \cup `
		switch x.op {
		case OpIntersect:
			op = ` \cap `
		case OpDiff:
			op = ` \ `
		}
		buf = append(buf, '(')
		buf = AppendFormat(buf, x.a)
		buf = append(buf, op...)
		buf = AppendFormat(buf, x.b)
		return append(buf, ')')
	}
	return append(buf, s.String()...)
}

func appendElems(buf []byte, elems []Value) []byte {
	buf = append(buf, '{')
	for i, e := range elems {
		if i > 0 {
			buf = append(buf, ", "...)
		}
		buf = AppendFormat(buf, e)
	}
	return append(buf, '}')
}

func appendFcn(buf []byte, f *Fcn) []byte {
	switch {
	case len(f.vals) == 0:
		return append(buf, "<<>>"...)
	case f.IsTuple():
		buf = append(buf, "<<"...)
		for i, v := range f.vals {
			if i > 0 {
				buf = append(buf, ", "...)
			}
			buf = AppendFormat(buf, v)
		}
		return append(buf, ">>"...)
	case f.printsAsRecord():
		buf = append(buf, '[')
		for i, v := range f.vals {
			if i > 0 {
				buf = append(buf, ", "...)
			}
			buf = append(buf, string(f.dom[i].(Str))...)
			buf = append(buf, " |-> "...)
			buf = AppendFormat(buf, v)
		}
		return append(buf, ']')
	default:
		buf = append(buf, '(')
		for i, v := range f.vals {
			if i > 0 {
				buf = append(buf, " @@ "...)
			}
			if f.dom == nil {
				buf = strconv.AppendInt(buf, f.lo+int64(i), 10)
			} else {
				buf = AppendFormat(buf, f.dom[i])
			}
			buf = append(buf, " :> "...)
			buf = AppendFormat(buf, v)
		}
		return append(buf, ')')
	}
}

// printsAsRecord is TLC's isRcd: every domain element is a string that could
// be a field name (letters, digits, '_', at least one letter, not WF_/SF_).
func (f *Fcn) printsAsRecord() bool {
	if f.dom == nil {
		return false
	}
	for _, d := range f.dom {
		s, ok := d.(Str)
		if !ok || !isFieldName(string(s)) {
			return false
		}
	}
	return true
}

func isFieldName(name string) bool {
	hasLetter := false
	for _, r := range name {
		if r == '_' {
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
		hasLetter = hasLetter || unicode.IsLetter(r)
	}
	return hasLetter && (utf8.RuneCountInString(name) < 4 ||
		(!strings.HasPrefix(name, "WF_") && !strings.HasPrefix(name, "SF_")))
}

// appendQuoted quotes a string with TLC's escapes: \" \\ \t \n \f \r.
func appendQuoted(buf []byte, s string) []byte {
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			buf = append(buf, `\"`...)
		case '\\':
			buf = append(buf, `\\`...)
		case '\t':
			buf = append(buf, `\t`...)
		case '\n':
			buf = append(buf, `\n`...)
		case '\f':
			buf = append(buf, `\f`...)
		case '\r':
			buf = append(buf, `\r`...)
		default:
			buf = append(buf, c)
		}
	}
	return append(buf, '"')
}
