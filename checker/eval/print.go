package eval

import (
	"encoding/binary"
	"math/bits"
	"strconv"
	"strings"
)

// Fingerprint is a 64-bit hash of a normalized value (FNV-1a over a
// type-tagged serialization). Equal values have equal fingerprints.
func Fingerprint(v Value) uint64 {
	h := uint64(14695981039346656037)
	return fpValue(h, v)
}

// The fingerprint mixes 64-bit words with a multiply-fold step (as in
// wyhash): fast, and good enough that collisions among billions of states
// are unlikely.
func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a^0xa0761d6478bd642f, b^0xe7037ed1a0b428db)
	return hi ^ lo
}

func fpByte(h uint64, b byte) uint64 { return mix(h, uint64(b)|0x5bd1e99500000000) }

func fpUint(h uint64, x uint64) uint64 { return mix(h, x) }

func fpString(h uint64, s string) uint64 {
	h = mix(h, uint64(len(s)))
	for len(s) >= 8 {
		h = mix(h, binary.LittleEndian.Uint64([]byte(s[:8])))
		s = s[8:]
	}
	if len(s) > 0 {
		var buf [8]byte
		copy(buf[:], s)
		h = mix(h, binary.LittleEndian.Uint64(buf[:])^0x8ebc6af09c88c6e3)
	}
	return h
}

func fpValue(h uint64, v Value) uint64 {
	switch x := v.(type) {
	case Bool:
		if x {
			return fpByte(fpByte(h, 1), 1)
		}
		return fpByte(fpByte(h, 1), 0)
	case Int:
		return fpUint(fpByte(h, 2), uint64(x))
	case Str:
		return fpString(fpByte(h, 3), string(x))
	case *ModelValue:
		return fpString(fpByte(h, 4), x.Name)
	case *FcnV:
		h = fpUint(fpByte(h, 6), uint64(len(x.Vals)))
		for i, val := range x.Vals {
			if x.Seq {
				h = fpValue(h, Int(i+1))
			} else {
				h = fpValue(h, x.Dom[i])
			}
			h = fpValue(h, val)
		}
		return h
	case *LazyFcnV:
		return fpValue(h, mustNorm(x))
	case *OpValue:
		return fpString(fpByte(h, 7), x.Name)
	}
	s := mustNorm(v).(*SetV)
	h = fpUint(fpByte(h, 5), uint64(len(s.elems)))
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
		isRec := true
		for _, d := range x.Dom {
			if _, ok := d.(Str); !ok {
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
		n, err := normalize(x)
		if err != nil {
			b.WriteString("<function>")
			return
		}
		format(b, n)
	case *IntervalV:
		b.WriteString(strconv.FormatInt(x.Lo, 10) + ".." + strconv.FormatInt(x.Hi, 10))
	case NatV:
		b.WriteString("Nat")
	case IntSetV:
		b.WriteString("Int")
	case StringV:
		b.WriteString("STRING")
	case *SeqSetV:
		b.WriteString("Seq(")
		format(b, x.Base)
		b.WriteString(")")
	case *OpValue:
		b.WriteString(x.Name)
	default:
		n, err := normalize(v)
		if err != nil {
			b.WriteString("<set>")
			return
		}
		format(b, n)
	}
}
