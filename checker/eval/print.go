package eval

import (
	"encoding/binary"
	"math/bits"
	"strconv"
	"strings"
	"unicode"
)

// Fingerprint is the 64-bit fingerprint of a value: equal values have equal
// fingerprints however they were built.
//
// A value is hashed as a canonical stream of 64-bit words: a kind tag, then
// the contents (an integer's bits; a string's length and bytes, eight to a
// word; a set's size and elements in order; a function's size and (domain
// element, value) pairs in domain order, a sequence's domain as 1..n). Each
// word is absorbed with xxHash64's round (one multiply-add, a rotation, a
// multiply: about four times cheaper than a 128-bit multiply per word) and
// the result finished with MurmurHash3's fmix64. Nothing depends on
// pointers, map order or seeds drawn at run time, so fingerprints are the
// same in every run and with any number of workers (TestFingerprintGolden).
func Fingerprint(v Value) uint64 { return finish(fpValue(fpSeed, v)) }

const (
	prime1 = 0x9E3779B185EBCA87
	prime2 = 0xC2B2AE3D27D4EB4F
	fpSeed = 0x27D4EB2F165667C5
)

// Kind tags of the stream. Never renumber: TestFingerprintGolden pins them.
const (
	tagBool uint64 = iota + 1
	tagInt
	tagStr
	tagModel
	tagSet
	tagFcn
	tagOper
)

func fpWord(h, x uint64) uint64 { return bits.RotateLeft64(h+x*prime2, 31) * prime1 }

func fpString(h uint64, s string) uint64 {
	h = fpWord(h, uint64(len(s)))
	for len(s) >= 8 {
		h = fpWord(h, binary.LittleEndian.Uint64([]byte(s[:8])))
		s = s[8:]
	}
	if len(s) > 0 {
		var tail uint64
		for i := len(s) - 1; i >= 0; i-- {
			tail = tail<<8 | uint64(s[i])
		}
		h = fpWord(h, tail)
	}
	return h
}

func finish(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xFF51AFD7ED558CCD
	x ^= x >> 33
	x *= 0xC4CEB9FE1A85EC53
	x ^= x >> 33
	return x
}

func fpValue(h uint64, v Value) uint64 {
	switch x := v.(type) {
	case Bool:
		if x {
			return fpWord(fpWord(h, tagBool), 1)
		}
		return fpWord(fpWord(h, tagBool), 0)
	case Int:
		return fpWord(fpWord(h, tagInt), uint64(x))
	case Str:
		return fpString(fpWord(h, tagStr), string(x))
	case *ModelValue:
		return fpString(fpWord(h, tagModel), x.Name)
	case *FcnV:
		h = fpWord(fpWord(h, tagFcn), uint64(len(x.Vals)))
		for i, val := range x.Vals {
			if x.Seq {
				h = fpWord(fpWord(h, tagInt), uint64(i+1))
			} else {
				h = fpValue(h, x.Dom[i])
			}
			h = fpValue(h, val)
		}
		return h
	case *LazyFcnV:
		return fpValue(h, mustNorm(x))
	case *OpValue:
		return fpString(fpWord(h, tagOper), x.Name)
	}
	s := mustNorm(v).(*SetV)
	h = fpWord(fpWord(h, tagSet), uint64(len(s.elems)))
	for _, e := range s.elems {
		h = fpValue(h, e)
	}
	return h
}

// Format prints a value as TLC does.
func Format(v Value) string {
	var b strings.Builder
	format(&b, v)
	return b.String()
}

func format(b *strings.Builder, v Value) {
	switch x := v.(type) {
	case Bool:
		if x {
			b.WriteString("TRUE")
		} else {
			b.WriteString("FALSE")
		}
	case Int:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case Str:
		b.WriteByte('"')
		for _, r := range string(x) {
			switch r {
			case '"':
				b.WriteString(`\"`)
			case '\\':
				b.WriteString(`\\`)
			case '\n':
				b.WriteString(`\n`)
			case '\t':
				b.WriteString(`\t`)
			default:
				b.WriteRune(r)
			}
		}
		b.WriteByte('"')
	case *ModelValue:
		b.WriteString(x.Name)
	case *SetV:
		if x.interval && len(x.elems) > 0 {
			format(b, x.elems[0])
			b.WriteString("..")
			format(b, x.elems[len(x.elems)-1])
			return
		}
		b.WriteByte('{')
		for i, e := range x.elems {
			if i > 0 {
				b.WriteString(", ")
			}
			format(b, e)
		}
		b.WriteByte('}')
	case *FcnV:
		if x.Seq {
			b.WriteString("<<")
			for i, e := range x.Vals {
				if i > 0 {
					b.WriteString(", ")
				}
				format(b, e)
			}
			b.WriteString(">>")
			return
		}
		// TLC prints a function as a record when every key is a string
		// that could be a field name (FcnRcdValue.isRcd)
		isRec := true
		for _, d := range x.Dom {
			if s, ok := d.(Str); !ok || !isFieldName(string(s)) {
				isRec = false
				break
			}
		}
		if isRec {
			b.WriteByte('[')
			for i, d := range x.Dom {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(string(d.(Str)))
				b.WriteString(" |-> ")
				format(b, x.Vals[i])
			}
			b.WriteByte(']')
			return
		}
		b.WriteByte('(')
		for i, d := range x.Dom {
			if i > 0 {
				b.WriteString(" @@ ")
			}
			format(b, d)
			b.WriteString(" :> ")
			format(b, x.Vals[i])
		}
		b.WriteByte(')')
	case *LazyFcnV:
		formatLazy(b, x) // lazy.go
	case *IntervalV:
		if x.Lo > x.Hi {
			b.WriteString("{}") // TLC prints an empty interval as the empty set
			return
		}
		b.WriteString(strconv.FormatInt(x.Lo, 10) + ".." + strconv.FormatInt(x.Hi, 10))
	case NatV:
		b.WriteString("Nat")
	case IntSetV:
		b.WriteString("Int")
	case StringV:
		b.WriteString("STRING")
	case AnyV:
		b.WriteString("ANY")
	case *SeqSetV:
		b.WriteString("Seq(")
		format(b, x.Base)
		b.WriteString(")")
	case *OpValue:
		b.WriteString(x.Name)
	case *CupV:
		// infinite, so never normalized: print the operands, as TLC's SetCupValue
		format(b, x.A)
		b.WriteString(" \\cup ")
		format(b, x.B)
	case *DiffV:
		format(b, x.A)
		b.WriteString(" \\ ")
		format(b, x.B)
	default:
		n, err := normalize(v)
		if err != nil {
			b.WriteString("<set>")
			return
		}
		format(b, n)
	}
}

// isFieldName reports whether s prints as a record field as TLC decides:
// letters, digits and underscores with at least one letter, and not a
// name that reads as a fairness subscript (WF_..., SF_...).
func isFieldName(s string) bool {
	letter := false
	for _, r := range s {
		switch {
		case r == '_':
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r):
		default:
			return false
		}
	}
	return letter && (len(s) < 4 || (!strings.HasPrefix(s, "WF_") && !strings.HasPrefix(s, "SF_")))
}
