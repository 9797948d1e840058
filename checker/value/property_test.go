package value

import (
	"errors"
	"math"
	"math/rand"
	"testing"
)

// gen builds random values from a fixed seed, so failures reproduce.
type gen struct {
	r *rand.Rand
}

func newGen(seed int64) *gen { return &gen{r: rand.New(rand.NewSource(seed))} }

var genNames = []string{"a", "b", "c", "id", "x_1"}

// value returns a random value of bounded depth. Kinds are mixed so the
// cross-kind order is exercised too.
func (g *gen) value(depth int) Value {
	k := g.r.Intn(9)
	if depth <= 0 {
		k = g.r.Intn(4)
	}
	switch k {
	case 0:
		return Int(g.r.Intn(7) - 3)
	case 1:
		return Bool(g.r.Intn(2) == 0)
	case 2:
		return Str(genNames[g.r.Intn(len(genNames))])
	case 3:
		return NewModelValue([]string{"m1", "m2", "M"}[g.r.Intn(3)])
	case 4:
		n := g.r.Intn(4)
		elems := make([]Value, n)
		for i := range elems {
			elems[i] = g.value(depth - 1)
		}
		return NewSet(elems...)
	case 5:
		n := g.r.Intn(4)
		elems := make([]Value, n)
		for i := range elems {
			elems[i] = g.value(depth - 1)
		}
		return NewTuple(elems...)
	case 6:
		perm := g.r.Perm(len(genNames))[:g.r.Intn(3)+1]
		names := make([]string, len(perm))
		vals := make([]Value, len(perm))
		for i, p := range perm {
			names[i], vals[i] = genNames[p], g.value(depth-1)
		}
		r, _ := NewRecord(names, vals)
		return r
	case 7:
		lo := int64(g.r.Intn(5) - 2)
		return NewInterval(lo, lo+int64(g.r.Intn(4))-1)
	default:
		// A function on a sparse integer domain.
		perm := g.r.Perm(6)[:g.r.Intn(3)+1]
		dom := make([]Value, len(perm))
		vals := make([]Value, len(perm))
		for i, p := range perm {
			dom[i], vals[i] = Int(int64(p)*2), g.value(depth-1)
		}
		f, _ := NewFcn(dom, vals)
		return f
	}
}

// rebuild constructs an equal value a different way: sets from shuffled,
// duplicated elements, intervals enumerated, tuples and records through
// NewFcn with a shuffled domain.
func (g *gen) rebuild(v Value) Value {
	switch x := v.(type) {
	case SetValue:
		e, err := x.Enumerate()
		if err != nil {
			return v
		}
		elems := make([]Value, 0, len(e.elems)*2)
		for _, el := range e.elems {
			elems = append(elems, g.rebuild(el))
			if g.r.Intn(2) == 0 {
				elems = append(elems, el)
			}
		}
		g.r.Shuffle(len(elems), func(i, j int) { elems[i], elems[j] = elems[j], elems[i] })
		return NewSet(elems...)
	case *Fcn:
		n := len(x.vals)
		dom, vals := make([]Value, n), make([]Value, n)
		for i, p := range g.r.Perm(n) {
			dom[i], vals[i] = x.domainAt(p), g.rebuild(x.vals[p])
		}
		f, err := NewFcn(dom, vals)
		if err != nil {
			return v
		}
		return f
	}
	return v
}

func TestPropertyTotalOrder(t *testing.T) {
	g := newGen(1)
	vals := make([]Value, 300)
	for i := range vals {
		vals[i] = g.value(3)
	}
	for i, a := range vals {
		if Compare(a, a) != 0 {
			t.Fatalf("Compare(%s, itself) != 0", a)
		}
		for j := i + 1; j < len(vals); j++ {
			b := vals[j]
			ab, ba := Compare(a, b), Compare(b, a)
			if sign(ab) != -sign(ba) {
				t.Fatalf("not antisymmetric: Compare(%s, %s) = %d, reverse %d", a, b, ab, ba)
			}
			if ab == 0 && Fingerprint(a) != Fingerprint(b) {
				t.Fatalf("Compare(%s, %s) = 0 but fingerprints differ", a, b)
			}
			if ab != 0 && Fingerprint(a) == Fingerprint(b) {
				t.Fatalf("fingerprint collision between %s and %s", a, b)
			}
			if eq, err := Equal(a, b); err == nil && eq != (ab == 0) {
				t.Fatalf("Equal(%s, %s) = %v but Compare = %d", a, b, eq, ab)
			}
		}
	}
	// Transitivity on random triples.
	for n := 0; n < 20000; n++ {
		a, b, c := vals[g.r.Intn(len(vals))], vals[g.r.Intn(len(vals))], vals[g.r.Intn(len(vals))]
		if Compare(a, b) <= 0 && Compare(b, c) <= 0 && Compare(a, c) > 0 {
			t.Fatalf("not transitive: %s <= %s <= %s but %s > %s", a, b, c, a, c)
		}
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func TestPropertyRebuiltValuesAgree(t *testing.T) {
	g := newGen(2)
	for n := 0; n < 2000; n++ {
		v := g.value(3)
		w := g.rebuild(v)
		if Compare(v, w) != 0 {
			t.Fatalf("Compare(%s, rebuilt %s) != 0", v, w)
		}
		if eq, err := Equal(v, w); err != nil || !eq {
			t.Fatalf("Equal(%s, rebuilt %s) = %v, %v", v, w, eq, err)
		}
		if Fingerprint(v) != Fingerprint(w) {
			t.Fatalf("fingerprint of %s differs from rebuilt %s", v, w)
		}
		if Format(v) != Format(w) && !hasInterval(v) {
			t.Fatalf("printing differs: %s vs %s", v, w)
		}
	}
}

func hasInterval(v Value) bool {
	switch x := v.(type) {
	case *Interval:
		return true
	case *Set:
		for _, e := range x.elems {
			if hasInterval(e) {
				return true
			}
		}
	case *Fcn:
		for _, e := range x.vals {
			if hasInterval(e) {
				return true
			}
		}
	}
	return false
}

func TestPropertyNormalizeIdempotent(t *testing.T) {
	g := newGen(3)
	for n := 0; n < 2000; n++ {
		v := g.value(3)
		once, err := Normalize(v)
		if err != nil {
			t.Fatalf("Normalize(%s): %v", v, err)
		}
		twice, err := Normalize(once)
		if err != nil {
			t.Fatalf("Normalize(Normalize(%s)): %v", v, err)
		}
		if Format(once) != Format(twice) || Compare(once, twice) != 0 || Compare(v, once) != 0 {
			t.Fatalf("Normalize not idempotent on %s: %s then %s", v, once, twice)
		}
		if hasInterval(once) {
			t.Fatalf("Normalize(%s) = %s still holds a lazy interval", v, once)
		}
		if Fingerprint(v) != Fingerprint(once) {
			t.Fatalf("Normalize changed the fingerprint of %s", v)
		}
		if s, ok := once.(*Set); ok && Format(NewSet(s.Elems()...)) != Format(s) {
			t.Fatalf("re-canonicalising %s changed it", s)
		}
	}
}

func TestPropertyParseFormatRoundTrip(t *testing.T) {
	g := newGen(4)
	for n := 0; n < 2000; n++ {
		v := g.value(3)
		text := Format(v)
		back, err := Parse(text)
		if err != nil {
			t.Fatalf("Parse(Format(%s)): %v", text, err)
		}
		if Compare(v, back) != 0 || Fingerprint(v) != Fingerprint(back) || Format(back) != text {
			t.Fatalf("round trip of %s gave %s", text, back)
		}
	}
}

// TestLazyMembershipMatchesEnumeration checks every lazy set's Member and
// Card against its own enumeration, on members and on near misses.
func TestLazyMembershipMatchesEnumeration(t *testing.T) {
	g := newGen(5)
	smallSet := func() *Set {
		n := g.r.Intn(3)
		elems := make([]Value, n)
		for i := range elems {
			elems[i] = Int(int64(g.r.Intn(4)))
		}
		return NewSet(elems...)
	}
	for n := 0; n < 300; n++ {
		s, u := smallSet(), smallSet()
		rs, err := NewRecordSet([]string{"b", "a"}, []SetValue{s, u})
		if err != nil {
			t.Fatal(err)
		}
		lazies := []SetValue{
			NewInterval(int64(g.r.Intn(4)-1), int64(g.r.Intn(4))),
			NewSubset(s),
			NewFuncSet(s, u),
			NewFuncSet(NewSet(Str("a"), Str("b")), u),
			rs,
			NewProduct(s, u),
			NewProduct(s, NewSubset(u)),
			NewUnion(s, u),
			NewIntersect(s, u),
			NewIntersect(Nat, NewInterval(-2, 2)),
			NewDiff(s, u),
			NewSubset(NewProduct(s, u)),
		}
		candidates := []Value{Int(0), Int(9), Str("a"), NewTuple(), NewTuple(Int(1)), NewSet(), NewSet(Int(1)),
			NewTuple(Int(1), Int(2)), mustParse(t, "[a |-> 1, b |-> 2]"), mustParse(t, "[a |-> 1]"),
			NewModelValue("M")}
		for _, lz := range lazies {
			e, err := lz.Enumerate()
			if err != nil {
				t.Fatalf("Enumerate(%s): %v", exprString(lz), err)
			}
			card, err := lz.Card()
			if err != nil || card != int64(e.Len()) {
				t.Fatalf("Card(%s) = %d, %v; enumeration has %d", exprString(lz), card, err, e.Len())
			}
			pool := append(append([]Value{}, e.elems...), candidates...)
			for _, c := range pool {
				in, err := lz.Member(c)
				if err != nil {
					continue // a type error on a candidate of another kind is TLC's behaviour
				}
				if in != e.Contains(c) {
					t.Fatalf("Member(%s, %s) = %v, enumeration says %v", exprString(lz), c, in, !in)
				}
			}
			if Fingerprint(lz) != Fingerprint(e) || Compare(lz, e) != 0 {
				t.Fatalf("lazy %s and its enumeration %s disagree", exprString(lz), e)
			}
		}
	}
}

func TestInfiniteSets(t *testing.T) {
	seq := NewSeqSet(NewInterval(1, 2))
	tests := []struct {
		s    SetValue
		v    string
		want bool
	}{
		{Nat, "0", true},
		{Nat, "-1", false},
		{Ints, "-1", true},
		{Reals, "-1", true},
		{Nat, "M", false},
		{seq, "<<>>", true},
		{seq, "<<1, 2, 2, 1>>", true},
		{seq, "<<3>>", false},
		{seq, "(2 :> 1)", false},
		{seq, "{}", false},
		{NewSubset(Nat), "{1, 2}", true},
		{NewSubset(Nat), "{-1}", false},
		{NewFuncSet(NewSet(Int(1)), Nat), "<<5>>", true},
		{NewFuncSet(NewSet(Int(1)), Nat), "<<-5>>", false},
		{NewFuncSet(Nat, Nat), "<<1>>", false},
		{NewUnion(Nat, NewSet(Int(-1))), "-1", true},
		{NewDiff(Ints, Nat), "-1", true},
		{NewDiff(Ints, Nat), "1", false},
	}
	for _, tt := range tests {
		got, err := tt.s.Member(mustParse(t, tt.v))
		if err != nil || got != tt.want {
			t.Errorf("%s \\in %s = %v, %v; want %v", tt.v, tt.s, got, err, tt.want)
		}
	}
	for _, s := range []SetValue{Nat, Ints, seq, NewSubset(Nat), NewUnion(Nat, NewSet()), NewProduct(Nat, NewSet(Int(1)))} {
		if s.IsFinite() {
			t.Errorf("%s reported finite", s)
		}
		if _, err := s.Enumerate(); err == nil || !isInfiniteErr(err) {
			t.Errorf("Enumerate(%s) error = %v, want ErrInfinite", s, err)
		}
		if _, err := s.Card(); err == nil || !isInfiniteErr(err) {
			t.Errorf("Card(%s) error = %v, want ErrInfinite", s, err)
		}
	}
	_, err := Nat.Enumerate()
	if want := "Attempted to enumerate the infinite set Nat."; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	if _, err := Nat.Member(Str("x")); err == nil || err.Error() != "Attempted to check if the value:\n\"x\"\nis an element of Nat." {
		t.Errorf("Nat membership of a string: %v", err)
	}
	if _, err := NewInterval(1, 3).Member(Str("x")); err == nil || err.Error() != "Attempted to check if the value:\n\"x\"\nis in the integer interval 1..3" {
		t.Errorf("interval membership of a string: %v", err)
	}
	if in, err := NewInterval(3, 1).Member(Str("x")); err != nil || in {
		t.Errorf("empty interval membership of a string: %v, %v", in, err)
	}
}

func isInfiniteErr(err error) bool { return err != nil && errors.Is(err, ErrInfinite) }

func TestEnumerationLimits(t *testing.T) {
	big := NewSubset(NewInterval(1, 40))
	if n, err := big.Card(); err != nil || n != 1<<40 {
		t.Errorf("Card(SUBSET 1..40) = %d, %v", n, err)
	}
	_, err := big.Enumerate()
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Enumerate(SUBSET 1..40) error = %v", err)
	}
	if want := "Attempted to enumerate SUBSET 1..40, which has 1099511627776 elements, more than the limit of 1000000."; err.Error() != want {
		t.Errorf("message %q", err)
	}
	if _, err := NewSubset(NewInterval(1, 70)).Card(); !errors.Is(err, ErrOverflow) {
		t.Errorf("Card(SUBSET 1..70) error = %v", err)
	}
	if _, err := NewFuncSet(NewInterval(1, 64), NewInterval(1, 2)).Card(); !errors.Is(err, ErrOverflow) {
		t.Errorf("Card([1..64 -> 1..2]) error = %v", err)
	}
	if _, err := NewInterval(math.MinInt64, math.MaxInt64).Card(); !errors.Is(err, ErrOverflow) {
		t.Errorf("Card(huge interval) error = %v", err)
	}
	// Membership in a huge lazy set needs no enumeration.
	in, err := big.Member(NewSet(Int(3), Int(40)))
	if err != nil || !in {
		t.Errorf("{3, 40} \\in SUBSET 1..40 = %v, %v", in, err)
	}
	// Huge intervals fingerprint without hanging and still differ.
	if Fingerprint(NewInterval(0, 1<<40)) == Fingerprint(NewInterval(1, 1<<40)) {
		t.Error("huge intervals collide")
	}
}
