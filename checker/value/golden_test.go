package value

import (
	"testing"
)

// TestFingerprintGolden pins fingerprints: they are stored by the checker
// (FPSet, trace files) and must not change between releases. If this test
// fails, the hash changed: that is a breaking change, not a test to update
// lightly.
func TestFingerprintGolden(t *testing.T) {
	tests := []struct {
		v    string
		want uint64
	}{
		{"0", 0xf4c7436db6ced418},
		{"1", 0x6c5f81b2c89bf85e},
		{"-1", 0xc3490f932989d9b4},
		{"9223372036854775807", 0xf3e0d4dd8aca4868},
		{"TRUE", 0x7eef663e0fa151f8},
		{"FALSE", 0x66d577e06f759966},
		{"\"\"", 0xaf2ef1e270a7d551},
		{"\"a\"", 0x4da9557af3df0c9e},
		{"\"hello, world!\"", 0x2ba99ccd117b3212},
		{"A", 0x904878c385c54609},
		{"p_1", 0x3eb1bd4ed1df6b19},
		{"{}", 0x5e30a18e1f2f465e},
		{"{1, 2, 3}", 0xf2526c275a699490},
		{"1..3", 0xf2526c275a699490},
		{"<<>>", 0xdb5b4f679ad0e926},
		{"<<1, \"a\">>", 0x3343494c17e3d90c},
		{"[a |-> 1, b |-> 2]", 0x642f3f08593a3b05},
		{"(0 :> \"x\" @@ 5 :> \"y\")", 0xa6dd91bec358997c},
		{"{[id |-> 1, s |-> {\"x\"}], [id |-> 2, s |-> {}]}", 0xd40a39a3e7f5b6fe},
		{"{{}, {1}}", 0xc065c5bbba354821},
		{"Nat", 0xa567b61ad2b44b0d},
	}
	for _, tt := range tests {
		if got := Fingerprint(mustParse(t, tt.v)); got != tt.want {
			t.Errorf("Fingerprint(%s) = %#016x, want %#016x", tt.v, got, tt.want)
		}
	}
	if got, want := FingerprintState([]Value{Int(1), Str("a")}), Fingerprint(NewTuple(Int(1), Str("a"))); got != want {
		t.Errorf("FingerprintState = %#x, tuple fingerprint %#x", got, want)
	}
}

func TestFingerprintScalarsDoNotAllocate(t *testing.T) {
	vals := []Value{Int(123456), Bool(true), Str("a string longer than eight bytes"), NewModelValue("p1")}
	for _, v := range vals {
		if n := testing.AllocsPerRun(100, func() { Fingerprint(v) }); n != 0 {
			t.Errorf("Fingerprint(%s) allocates %v times", v, n)
		}
	}
}
