package eval

import (
	"testing"
	"unsafe"
)

// The cache returns what computing afresh does, also once a slot is
// reused for another value.
func TestFPCacheState(t *testing.T) {
	fc := &FPCache{}
	f := mkTuple([]Value{Int(1), Str("a")})
	s := mkSet([]Value{mkTuple([]Value{Int(3), Str("b")}), f}) // TLC sets hold comparable values
	states := [][]Value{{f, s, Int(2)}, {f, s, Int(3)}, {s, f, Int(2)}, {f, f, Bool(true)}}
	for round := range 2 {
		for i, st := range states {
			if got, want := fc.State(st), StateFingerprint(st); got != want {
				t.Fatalf("round %d state %d: cached %x, uncached %x", round, i, got, want)
			}
		}
	}
	if StateFingerprint(states[0]) == StateFingerprint(states[2]) {
		t.Fatal("variable order does not change the fingerprint")
	}
	// an equal value at another address is computed, not looked up
	other := mkTuple([]Value{Int(1), Str("a")})
	fc.slots[(uintptr(unsafe.Pointer(other))>>3)&(1<<fpCacheBits-1)].fp = 42
	if got, want := fc.State([]Value{other}), StateFingerprint([]Value{f}); got != want {
		t.Fatalf("equal value at another address: %x, want %x", got, want)
	}
}
