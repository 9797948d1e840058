package eval

import (
	"strings"
	"testing"
)

// TestSymmetricFingerprintOrbits: two states get one symmetric fingerprint
// exactly when a permutation maps one to the other (orbits found by
// renaming with Apply and comparing printed forms).
func TestSymmetricFingerprintOrbits(t *testing.T) {
	a, b, c := &ModelValue{Name: "a", Rank: 1}, &ModelValue{Name: "b", Rank: 2}, &ModelValue{Name: "c", Rank: 3}
	mvs := []Value{a, b, c}
	var gens []Value
	for _, img := range [][]int{{1, 0, 2}, {0, 2, 1}} { // two transpositions generate S3
		vals := []Value{mvs[img[0]], mvs[img[1]], mvs[img[2]]}
		gens = append(gens, mkFcn(append([]Value(nil), mvs...), vals))
	}
	perms, err := Permutations(MakeSet(gens))
	if err != nil {
		t.Fatal(err)
	}
	if len(perms) != 6 {
		t.Fatalf("group of %d permutations, want 6", len(perms))
	}
	var states [][]Value
	for s := 0; s < 8; s++ {
		for f := 0; f < 8; f++ {
			var sub, fv []Value
			for i := 0; i < 3; i++ {
				if s&(1<<i) != 0 {
					sub = append(sub, mvs[i])
				}
				fv = append(fv, Int(f>>i&1))
			}
			// a set, a function of model values, and a record holding both
			st := []Value{MakeSet(sub), mkFcn(append([]Value(nil), mvs...), fv), nil}
			st[2] = mkRecord([]string{"s", "f"}, []Value{st[0], mkTuple([]Value{st[1], a})})
			states = append(states, st)
		}
	}
	orbit := func(st []Value) string {
		best := ""
		for _, p := range perms {
			var parts []string
			for _, v := range st {
				parts = append(parts, Format(p.Apply(v)))
			}
			if k := strings.Join(parts, "|"); best == "" || k < best {
				best = k
			}
		}
		return best
	}
	fc := &FPCache{}
	byFP := map[uint64]string{}
	orbits := map[string]bool{}
	for _, st := range states {
		key := orbit(st)
		orbits[key] = true
		fp := fc.Symmetric(st, perms)
		if fp2 := SymmetricFingerprint(st, perms); fp2 != fp {
			t.Fatalf("cached %x, uncached %x", fp, fp2)
		}
		if k, ok := byFP[fp]; ok && k != key {
			t.Fatalf("orbits %s and %s share a fingerprint", k, key)
		}
		byFP[fp] = key
	}
	if len(byFP) != len(orbits) {
		t.Fatalf("%d fingerprints for %d orbits", len(byFP), len(orbits))
	}
}

func TestPermutationsRejectsNonInjective(t *testing.T) {
	a, b := &ModelValue{Name: "a", Rank: 1}, &ModelValue{Name: "b", Rank: 2}
	f := mkFcn([]Value{a, b}, []Value{a, a})
	if _, err := Permutations(MakeSet([]Value{f})); err == nil || !strings.Contains(err.Error(), "maps two values to one") {
		t.Fatalf("err %v", err)
	}
}

// BenchmarkSymmetricFingerprint: a state of 4 variables over 4 model values
// (a set of records, two functions, a scalar) under the 24 permutations;
// the records are shared between iterations as between successor states.
func BenchmarkSymmetricFingerprint(b *testing.B) {
	var mvs []Value
	for i, n := range []string{"r1", "r2", "r3", "r4"} {
		mvs = append(mvs, &ModelValue{Name: n, Rank: int32(i + 1)})
	}
	var gens []Value
	for _, img := range [][]int{{1, 0, 2, 3}, {1, 2, 3, 0}} { // generate S4
		vals := make([]Value, 4)
		for i, j := range img {
			vals[i] = mvs[j]
		}
		gens = append(gens, mkFcn(append([]Value(nil), mvs...), vals))
	}
	perms, err := Permutations(MakeSet(gens))
	if err != nil || len(perms) != 24 {
		b.Fatal(len(perms), err)
	}
	var msgs []Value
	for i := 0; i < 12; i++ {
		msgs = append(msgs, mkRecord([]string{"type", "from", "bal"}, []Value{Str("1b"), mvs[i%4], Int(i / 4)}))
	}
	fv := []Value{Int(0), Int(1), Int(2), Int(3)}
	st := []Value{MakeSet(msgs), mkFcn(append([]Value(nil), mvs...), fv), mkFcn(append([]Value(nil), mvs...), append([]Value(nil), mvs...)), mvs[2]}
	fc := &FPCache{}
	b.ReportAllocs()
	for b.Loop() {
		// a new set of the same records, as a successor adding a message
		st[0] = MakeSet(msgs)
		fc.Symmetric(st, perms)
	}
}

// symHashRef is the symmetric hash of v renamed by p (nil: the identity),
// written plainly, one permutation at a time: symVec must give the same.
func symHashRef(p *Permutation, v Value) uint64 {
	switch x := v.(type) {
	case *ModelValue:
		return Fingerprint(p.rename(x))
	case *SetV:
		var sum uint64
		for _, e := range x.elems {
			sum += symHashRef(p, e)
		}
		return finish(fpWord(fpWord(fpWord(fpSeed, tagSet), uint64(len(x.elems))), sum))
	case *FcnV:
		h := fpWord(fpWord(fpSeed, tagFcn), uint64(len(x.Vals)))
		if x.Seq {
			for _, e := range x.Vals {
				h = fpWord(h, symHashRef(p, e))
			}
			return finish(h)
		}
		var sum uint64
		for i, e := range x.Vals {
			sum += finish(fpWord(fpWord(fpSeed, symHashRef(p, x.Dom[i])), symHashRef(p, e)))
		}
		return finish(fpWord(h, sum))
	case Bool, Int, Str:
		return Fingerprint(v)
	}
	return symHashRef(p, mustNorm(v))
}

// TestSymmetricFingerprintReference: the hashes of all permutations made
// at once, with the parts no permutation moves hashed once, are those of
// each permutation hashed on its own, on values mixing moved model values,
// a model value outside the symmetry set, integers and strings.
func TestSymmetricFingerprintReference(t *testing.T) {
	a, b, c := &ModelValue{Name: "a", Rank: 1}, &ModelValue{Name: "b", Rank: 2}, &ModelValue{Name: "c", Rank: 3}
	none := &ModelValue{Name: "none", Rank: 4}
	mvs := []Value{a, b, c}
	perms, err := Permutations(MakeSet([]Value{mkFcn([]Value{a, b}, []Value{b, a}), mkFcn([]Value{a, b, c}, []Value{b, c, a})}))
	if err != nil || len(perms) != 6 {
		t.Fatal(len(perms), err)
	}
	var states [][]Value
	for s := 0; s < 8; s++ {
		var sub []Value
		for i := 0; i < 3; i++ {
			if s&(1<<i) != 0 {
				sub = append(sub, mkRecord([]string{"from", "bal", "val"}, []Value{mvs[i], Int(s), none}))
			}
		}
		sub = append(sub, mkRecord([]string{"from", "bal"}, []Value{Str("x"), Int(s)}))
		st := []Value{
			MakeSet(sub),
			mkFcn(append([]Value(nil), mvs...), []Value{Int(s & 1), Int(s & 2), none}), // moved domain, fixed values
			mkTuple([]Value{Int(1), Str("p"), mvs[s%3], MakeSet([]Value{Int(s)})}),     // fixed prefix, then moved
			MakeSet([]Value{none, Int(s)}),                                             // nothing moved
			mvs[(s+1)%3],
			mkFcn([]Value{Int(1), Int(5)}, []Value{MakeSet(sub[:len(sub)-1]), none}),
		}
		states = append(states, st)
	}
	fc := &FPCache{}
	for i, st := range states {
		var want uint64
		for k := 0; k <= len(perms); k++ {
			var p *Permutation
			if k < len(perms) {
				p = &perms[k]
			}
			h := fpWord(fpWord(fpSeed, tagFcn), uint64(len(st)))
			for _, v := range st {
				h = fpWord(h, symHashRef(p, v))
			}
			if fp := finish(h); k == 0 || fp < want {
				want = fp
			}
		}
		for round := 0; round < 2; round++ { // the second from the cache
			if got := fc.Symmetric(st, perms); got != want {
				t.Fatalf("state %d round %d: %x, want %x", i, round, got, want)
			}
		}
		if got := SymmetricFingerprint(st, perms); got != want {
			t.Fatalf("state %d uncached: %x, want %x", i, got, want)
		}
	}
}
