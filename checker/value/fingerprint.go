package value

import (
	"encoding/binary"
	"math/bits"
)

// Fingerprints.
//
// A value is hashed as a canonical stream of 64-bit words: a tag for its
// kind, then its contents (an integer's bits; a string's length and bytes,
// eight to a word; a set's size and elements in canonical order; a function's
// size and (domain element, value) pairs in domain order). A tuple hashes its
// domain as the integers 1..n, a record its field names as strings, so every
// representation of the same function yields the same stream.
//
// Each word is absorbed with the xxHash64 round (multiply by a prime, rotate,
// multiply) and the result finished with the MurmurHash3 fmix64 avalanche.
// Everything is fixed: no seeds drawn at run time, no pointers, no map order,
// so a fingerprint is the same in every run, process and release. The golden
// table in the tests pins it.

const (
	prime1 = 0x9E3779B185EBCA87
	prime2 = 0xC2B2AE3D27D4EB4F
	fpSeed = 0x27D4EB2F165667C5
)

// Stream tags. Never renumber: fingerprints are stored across releases.
const (
	tagModel uint64 = iota + 1
	tagBool
	tagInt
	tagString
	tagFcn
	tagSet
	tagInfinite // an infinite set, hashed by its structure
)

type hasher uint64

func (h hasher) word(x uint64) hasher {
	return hasher(bits.RotateLeft64(uint64(h)+x*prime2, 31) * prime1)
}

func (h hasher) str(s string) hasher {
	h = h.word(uint64(len(s)))
	for len(s) >= 8 {
		h = h.word(binary.LittleEndian.Uint64([]byte(s[:8])))
		s = s[8:]
	}
	if len(s) > 0 {
		var tail uint64
		for i := len(s) - 1; i >= 0; i-- {
			tail = tail<<8 | uint64(s[i])
		}
		h = h.word(tail)
	}
	return h
}

func finish(h hasher) uint64 {
	x := uint64(h)
	x ^= x >> 33
	x *= 0xFF51AFD7ED558CCD
	x ^= x >> 33
	x *= 0xC4CEB9FE1A85EC53
	x ^= x >> 33
	return x
}

// Fingerprint is v's 64-bit fingerprint: equal values have equal
// fingerprints however they were built. Scalars hash without allocating.
// Finite lazy sets hash as their enumeration; infinite sets (and finite ones
// too large to enumerate) hash by their structure.
func Fingerprint(v Value) uint64 {
	return finish(fingerprint(hasher(fpSeed), v))
}

// FingerprintState fingerprints the tuple <<vals[0], vals[1], ...>>, the
// natural fingerprint of a state given its variables in a fixed order,
// without building the tuple.
func FingerprintState(vals []Value) uint64 {
	h := hasher(fpSeed).word(tagFcn).word(uint64(len(vals)))
	for i, v := range vals {
		h = h.word(tagInt).word(uint64(i + 1))
		h = fingerprint(h, v)
	}
	return finish(h)
}

func fingerprint(h hasher, v Value) hasher {
	switch x := v.(type) {
	case Int:
		return h.word(tagInt).word(uint64(x))
	case Bool:
		if x {
			return h.word(tagBool).word(1)
		}
		return h.word(tagBool).word(0)
	case Str:
		return h.word(tagString).str(string(x))
	case ModelValue:
		return h.word(tagModel).str(x.name)
	case *Fcn:
		h = h.word(tagFcn).word(uint64(len(x.vals)))
		for i, val := range x.vals {
			if x.dom == nil {
				h = h.word(tagInt).word(uint64(x.lo + int64(i)))
			} else {
				h = fingerprint(h, x.dom[i])
			}
			h = fingerprint(h, val)
		}
		return h
	case *Set:
		return fingerprintElems(h, x.elems)
	case *Interval:
		n := x.size()
		if n > MaxEnumerate {
			// Hashing each of billions of elements would hang the checker;
			// such a set can only equal another interval anyway in practice.
			return h.word(tagInfinite).word(8).word(uint64(x.lo)).word(uint64(x.hi))
		}
		h = h.word(tagSet).word(uint64(n))
		for i := int64(0); i < n; i++ {
			h = h.word(tagInt).word(uint64(x.lo + i))
		}
		return h
	case SetValue:
		if x.IsFinite() {
			if e, err := x.Enumerate(); err == nil {
				return fingerprintElems(h, e.elems)
			}
		}
		return fingerprintStructure(h, x)
	}
	return h.str(v.String())
}

func fingerprintElems(h hasher, elems []Value) hasher {
	h = h.word(tagSet).word(uint64(len(elems)))
	for _, e := range elems {
		h = fingerprint(h, e)
	}
	return h
}

// fingerprintStructure hashes a set that cannot be enumerated by how it was
// built. Two such sets are equal (by Equal) only when built the same way.
func fingerprintStructure(h hasher, s SetValue) hasher {
	h = h.word(tagInfinite)
	switch x := s.(type) {
	case *NumberSet:
		return h.word(1).str(x.name)
	case *SeqSet:
		return fingerprint(h.word(2), x.base)
	case *Subset:
		return fingerprint(h.word(3), x.base)
	case *FuncSet:
		return fingerprint(fingerprint(h.word(4), x.dom), x.rng)
	case *RecordSet:
		h = h.word(5).word(uint64(len(x.names)))
		for i, n := range x.names {
			h = fingerprint(h.str(n), x.sets[i])
		}
		return h
	case *Product:
		h = h.word(6).word(uint64(len(x.sets)))
		for _, part := range x.sets {
			h = fingerprint(h, part)
		}
		return h
	case *Combined:
		return fingerprint(fingerprint(h.word(7).word(uint64(x.op)), x.a), x.b)
	}
	return h.str(s.String())
}
