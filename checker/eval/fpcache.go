package eval

import "unsafe"

// FPCache remembers the fingerprints of recently fingerprinted function
// and set values, by identity. Successor states share the values of the
// variables an action leaves unchanged with their parent (and siblings), so
// most of a state's fingerprint is found here instead of recomputed.
// Values are immutable, and an entry holds its value alive, so an address
// never stands for another value. One per worker: it is not safe for
// concurrent use.
type FPCache struct {
	slots [1 << fpCacheBits]fpSlot
	// SYMMETRY: images' fingerprints by value, and scratch (symmetry.go)
	sym      []vecSlot
	symRows  []uint64
	symStack []uint64 // symVec's scratch, symTop words in use
	symTop   int
	perms    []Permutation // the permutations sym holds hashes for
	symPerms *Permutation
	symN     int
}

const fpCacheBits = 10

type fpSlot struct {
	p  unsafe.Pointer
	fp uint64
}

// State fingerprints a complete state: the fingerprints of its variables'
// values, combined in order. A nil cache computes every value's.
func (fc *FPCache) State(vals []Value) uint64 {
	h := fpWord(fpWord(fpSeed, tagFcn), uint64(len(vals)))
	for _, v := range vals {
		h = fpWord(h, fc.value(v))
	}
	return finish(h)
}

func (fc *FPCache) value(v Value) uint64 {
	var p unsafe.Pointer
	switch x := v.(type) {
	case *FcnV:
		p = unsafe.Pointer(x)
	case *SetV:
		p = unsafe.Pointer(x)
	}
	if fc == nil || p == nil {
		return Fingerprint(v)
	}
	// objects are at least 8-byte aligned: skip the always-zero bits
	s := &fc.slots[(uintptr(p)>>3)&(1<<fpCacheBits-1)]
	if s.p == p {
		return s.fp
	}
	fp := Fingerprint(v)
	s.p, s.fp = p, fp
	return fp
}
