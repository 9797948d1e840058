package eval

import (
	"fmt"
	"math/rand"
	"sync"
	"testing"
)

// gen builds random values from a fixed seed, so failures reproduce.
type gen struct{ r *rand.Rand }

var (
	genNames  = []string{"a", "b", "c", "id", "x_1"}
	genModels = []*ModelValue{{Name: "m1", Rank: 0}, {Name: "m2", Rank: 1}, {Name: "M", Rank: 2}}
)

// value returns a random canonical value of bounded depth, mixing kinds so
// the cross-kind order is exercised too.
// set is the set of vs, or of their integers when TLC could not order vs
// (values of different kinds, at any depth: making the set fails).
func (g *gen) set(vs []Value) (s Value) {
	defer func() {
		if recover() != nil {
			var ints []Value
			for _, v := range vs {
				if _, ok := v.(Int); ok {
					ints = append(ints, v)
				}
			}
			s = mkSet(ints)
		}
	}()
	return mkSet(append([]Value(nil), vs...))
}

func (g *gen) value(depth int) Value {
	k := g.r.Intn(9)
	if depth <= 0 {
		k = g.r.Intn(4)
	}
	list := func() []Value {
		out := make([]Value, g.r.Intn(4))
		for i := range out {
			out[i] = g.value(depth - 1)
		}
		return out
	}
	switch k {
	case 0:
		return Int(g.r.Intn(7) - 3)
	case 1:
		return Bool(g.r.Intn(2) == 0)
	case 2:
		return Str(genNames[g.r.Intn(len(genNames))])
	case 3:
		return genModels[g.r.Intn(len(genModels))]
	case 4:
		return g.set(list())
	case 5:
		return mkTuple(list())
	case 6:
		perm := g.r.Perm(len(genNames))[:g.r.Intn(3)+1]
		names := make([]string, len(perm))
		vals := make([]Value, len(perm))
		for i, p := range perm {
			names[i], vals[i] = genNames[p], g.value(depth-1)
		}
		return mkRecord(names, vals)
	case 7:
		lo := int64(g.r.Intn(5) - 2)
		return &IntervalV{lo, lo + int64(g.r.Intn(4)) - 1}
	default: // a function on a sparse integer domain
		perm := g.r.Perm(6)[:g.r.Intn(3)+1]
		dom := make([]Value, len(perm))
		vals := make([]Value, len(perm))
		for i, p := range perm {
			dom[i], vals[i] = Int(int64(p)*2), g.value(depth-1)
		}
		return mkFcn(dom, vals)
	}
}

// rebuild constructs an equal value another way: sets from shuffled,
// duplicated elements (intervals enumerated), functions through mkFcn from
// a shuffled domain, sequences as functions on 1..n.
func (g *gen) rebuild(v Value) Value {
	switch x := v.(type) {
	case *IntervalV:
		if g.r.Intn(2) == 0 {
			return x
		}
		elems, _ := enumerate(x)
		return mkSet(elems)
	case *SetV:
		elems := x.elems
		out := make([]Value, 0, 2*len(elems))
		for _, e := range elems {
			out = append(out, g.rebuild(e))
			if g.r.Intn(2) == 0 {
				out = append(out, g.rebuild(e))
			}
		}
		g.r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
		return mkSet(out)
	case *FcnV:
		n := len(x.Vals)
		dom, vals := make([]Value, n), make([]Value, n)
		for i := range x.Vals {
			dom[i], vals[i] = x.DomainAt(i), g.rebuild(x.Vals[i])
		}
		g.r.Shuffle(n, func(i, j int) { dom[i], dom[j] = dom[j], dom[i]; vals[i], vals[j] = vals[j], vals[i] })
		return mkFcn(dom, vals)
	}
	return v
}

// key prints v with every set enumerated: TLC prints a nested interval as
// 1..2, yet it equals {1, 2}.
func key(v Value) string {
	switch x := v.(type) {
	case *IntervalV, *SetV:
		elems, _ := enumerate(x)
		s := "{"
		for i, e := range elems {
			if i > 0 {
				s += ", "
			}
			s += key(e)
		}
		return s + "}"
	case *FcnV:
		s := "("
		for i := range x.Vals {
			s += key(x.DomainAt(i)) + ":>" + key(x.Vals[i]) + " "
		}
		return s + ")"
	}
	return Format(v)
}

func sign(c int) int {
	switch {
	case c < 0:
		return -1
	case c > 0:
		return 1
	}
	return 0
}

// TestValueProperties: values built two ways are one normal form (same
// printing, fingerprint, order position); compare is a total order (and
// equal exactly when Format is); sets order by size first, as TLC's.
func TestValueProperties(t *testing.T) {
	g := &gen{rand.New(rand.NewSource(1))}
	var vals []Value
	for i := 0; i < 400; i++ {
		v := g.value(3)
		w := g.rebuild(v)
		if key(v) != key(w) || Fingerprint(v) != Fingerprint(w) || compare(v, w) != 0 || !equal(v, w) {
			t.Fatalf("rebuilt value differs: %s vs %s", Format(v), Format(w))
		}
		vals = append(vals, v)
	}
	for i, a := range vals {
		for j, b := range vals[:60] {
			ab0, ok1 := tryCompare(a, b)
			ba0, ok2 := tryCompare(b, a)
			if ok1 != ok2 {
				t.Fatalf("compare fails one way only: %s, %s", Format(a), Format(b))
			}
			if !ok1 {
				continue // values TLC cannot order (an error, as in TLC)
			}
			ab, ba := sign(ab0), sign(ba0)
			if ab != -ba {
				t.Fatalf("compare not antisymmetric: %s, %s", Format(a), Format(b))
			}
			if (ab == 0) != (key(a) == key(b)) {
				t.Fatalf("compare(%s, %s) = %d", Format(a), Format(b), ab)
			}
			if (ab == 0) != (Fingerprint(a) == Fingerprint(b)) {
				t.Fatalf("fingerprints disagree with equality: %s, %s", Format(a), Format(b))
			}
			for _, c := range vals[i%40 : i%40+20] {
				bc, ok1 := tryCompare(b, c)
				ac, ok2 := tryCompare(a, c)
				if ok1 && ok2 && ab <= 0 && bc <= 0 && ac > 0 {
					t.Fatalf("compare not transitive: %s <= %s <= %s", Format(a), Format(b), Format(c))
				}
			}
			_ = j
		}
	}
}

// tryCompare is compare, or false where it fails (values of kinds TLC
// does not order).
func tryCompare(a, b Value) (c int, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return compare(a, b), true
}

// TestOrderAsTLC pins TLC's order where TLC defines one.
func TestOrderAsTLC(t *testing.T) {
	end := BeginRun()
	defer end()
	Intern("zeta") // first appearance decides, not the alphabet
	Intern("alpha")
	tests := []struct {
		a, b Value
		want int
	}{
		{Int(-3), Int(2), -1},
		{Str("zeta"), Str("alpha"), -1},
		{mkSet([]Value{Int(9)}), mkSet([]Value{Int(1), Int(2)}), -1}, // size first
		{mkSet([]Value{Int(1), Int(3)}), mkSet([]Value{Int(1), Int(2)}), 1},
		{mkTuple([]Value{Int(1)}), mkTuple([]Value{Int(1), Int(0)}), -1},
		{genModels[0], genModels[1], -1},
		{&IntervalV{1, 3}, mkSet([]Value{Int(1), Int(2), Int(3)}), 0},
	}
	for _, tt := range tests {
		if got := sign(compare(tt.a, tt.b)); got != tt.want {
			t.Errorf("compare(%s, %s) = %d, want %d", Format(tt.a), Format(tt.b), got, tt.want)
		}
	}
	// records print their fields in that order too
	if got := Format(mkRecord([]string{"alpha", "zeta"}, []Value{Int(1), Int(2)})); got != "[zeta |-> 2, alpha |-> 1]" {
		t.Errorf("record printed %s", got)
	}
}

// TestStringOrderScopedToRun: a long-running server checks many models;
// the order table restarts with each run that does not overlap another, so
// it does not grow without bound, and overlapping runs share one order.
func TestStringOrderScopedToRun(t *testing.T) {
	for i := 0; i < 200; i++ {
		end := BeginRun()
		Intern(fmt.Sprintf("s%d", i))
		Intern(fmt.Sprintf("t%d", i))
		if n := InternedCount(); n != 2 {
			t.Fatalf("run %d: %d strings interned, want 2", i, n)
		}
		end()
	}
	endA := BeginRun()
	Intern("first")
	endB := BeginRun() // overlaps A: must not reset A's order
	Intern("second")
	if compareStrings("first", "second") != -1 || InternedCount() != 2 {
		t.Fatalf("overlapping runs lost the order (%d strings)", InternedCount())
	}
	endB()
	endA()
	endA() // idempotent
	end := BeginRun()
	defer end()
	if n := InternedCount(); n != 0 {
		t.Fatalf("fresh run starts with %d strings", n)
	}
}

// TestFingerprintGolden pins fingerprints: they must be the same in every
// run, process and release. A failure here means the hash changed.
func TestFingerprintGolden(t *testing.T) {
	tests := []struct {
		expr string
		want uint64
	}{
		{"0", 0x66d577e06f759966},
		{"-1", 0xc11e06d4fde60ab3},
		{"TRUE", 0x2f2e63d5b2739a73},
		{`"hello, world!"`, 0x66c445c38caa0d7e},
		{"{}", 0xdb5b4f679ad0e926},
		{"{1, 2, 3}", 0xc1addbfbbed0729d},
		{"1..3", 0xc1addbfbbed0729d},
		{"<<>>", 0x5e30a18e1f2f465e},
		{"<<1, \"a\">>", 0x26b3590a6fe9892c},
		{"[i \\in 1..2 |-> IF i = 1 THEN 1 ELSE \"a\"]", 0x26b3590a6fe9892c},
		{"[a |-> 1, b |-> 2]", 0x66dbbf07ed550bbc},
		{`(0 :> "x" @@ 5 :> "y")`, 0x83865e6825c9e9ca},
		{`{[id |-> 1, s |-> {"x"}], [id |-> 2, s |-> {}]}`, 0xf2416151aeab4fb0},
		{"SUBSET {1, 2}", 0x1af3e1ae81a300b8},
	}
	for _, tt := range tests {
		end := BeginRun() // each its own run, as in a TLC process
		v, err := evalExpr(t, "", tt.expr)
		if err != nil {
			t.Fatal(err)
		}
		end()
		if got := Fingerprint(v); got != tt.want {
			t.Errorf("Fingerprint(%s) = %#016x, want %#016x", tt.expr, got, tt.want)
		}
	}
}

// TestFingerprintConcurrent: fingerprints do not depend on how many
// goroutines compute them at once (lazy values are materialized on demand).
func TestFingerprintConcurrent(t *testing.T) {
	p := program(t, "F[n \\in 0..40] == IF n = 0 THEN {} ELSE F[n-1] \\cup {n}\nS == {F, [x \\in 1..5 |-> {x, 2 * x}]}\n", nil)
	e, err := p.DefExpr("S")
	if err != nil {
		t.Fatal(err)
	}
	ce, err := p.Compile(e)
	if err != nil {
		t.Fatal(err)
	}
	want := ""
	for workers := 1; workers <= 4; workers++ {
		v, err := ce.Eval(p.NewCtx(), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := make([]uint64, workers)
		var wg sync.WaitGroup
		for w := range got {
			wg.Add(1)
			go func() { defer wg.Done(); got[w] = Fingerprint(v) }()
		}
		wg.Wait()
		for _, fp := range got {
			if s := fmt.Sprintf("%#x", fp); want == "" {
				want = s
			} else if s != want {
				t.Fatalf("%d goroutines: fingerprint %s, want %s", workers, s, want)
			}
		}
	}
}

// TestPrintGolden: values print exactly as TLC prints them in traces.
func TestPrintGolden(t *testing.T) {
	tests := []struct{ expr, want string }{
		{`"a\"b\\c"`, `"a\"b\\c"`},
		{"{}", "{}"},
		{"<<>>", "<<>>"},
		{"[i \\in 1..3 |-> i]", "<<1, 2, 3>>"},
		{"[i \\in 2..3 |-> i]", "(2 :> 2 @@ 3 :> 3)"},
		{`[s \in {"x", "y"} |-> 0]`, `[x |-> 0, y |-> 0]`},
		{"[b |-> 1, a |-> <<TRUE>>]", "[b |-> 1, a |-> <<TRUE>>]"},
		{`(0 :> "x" @@ 5 :> "y")`, `(0 :> "x" @@ 5 :> "y")`},
		{"{{1, 2}, {3}}", "{{3}, {1, 2}}"},
		{"{-1, 0} \\X {TRUE}", "{<<-1, TRUE>>, <<0, TRUE>>}"},
		{"[{1} -> {FALSE, TRUE}]", "{<<FALSE>>, <<TRUE>>}"},
		// a record only when every key could be a field name (TLC's isRcd)
		{`("x_1" :> 0)`, `[x_1 |-> 0]`},
		{`("7" :> 0)`, `("7" :> 0)`},
		{`("_1" :> 0)`, `("_1" :> 0)`},
		{`("a b" :> 0)`, `("a b" :> 0)`},
		{`("WF_x" :> 0)`, `("WF_x" :> 0)`},
		{`("SF_" :> 0)`, `[SF_ |-> 0]`},
		{"<<3..1, 1..2>>", "<<{}, 1..2>>"},
		// TLC keeps an interval as it is where it is stored (a set's
		// element, a function's value) and prints it so; the sets
		// operations build print enumerated (expected from TLC's Print)
		{"{1..2}", "{1..2}"},
		{"{1..2, {1, 2}}", "{1..2}"},
		{"{{1, 2}, 1..2}", "{{1, 2}}"},
		{"{1..2, 3..4}", "{1..2, 3..4}"},
		{"{2..2, 5..4}", "{{}, 2..2}"},
		{"{1..i : i \\in 1..3}", "{1..1, 1..2, 1..3}"},
		{"{s \\in {1..2} : TRUE}", "{1..2}"},
		{"{s \\in 1..2 : TRUE}", "{1, 2}"},
		{"(1..2) \\cup {}", "{1, 2}"},
		{"(1..2) \\ {}", "{1, 2}"},
		{"UNION {{1..2}}", "{1..2}"},
		{"CHOOSE s \\in {1..2} : TRUE", "1..2"},
		{"{x \\cup {} : x \\in {1..2}}", "{{1, 2}}"},
		{"SUBSET {1..2}", "{{}, {1..2}}"},
		{"SUBSET (1..2)", "{{}, {1}, {2}, {1, 2}}"},
		{"{1..2} \\cup {{1, 2}}", "{1..2}"},
		{"{{1, 2}} \\cup {1..2}", "{{1, 2}}"},
		{"{1..2} \\cap {{1, 2}}", "{1..2}"},
		{"{{3}} \\cup {1..2}", "{{3}, 1..2}"},
		{"{1..2} \\X {3..4}", "{<<1..2, 3..4>>}"},
		{"[{1..2} -> {0}]", "{(1..2 :> 0)}"},
		{"[s \\in {1..2, 3..4} |-> 0]", "(1..2 :> 0 @@ 3..4 :> 0)"},
		{"{{1..2}}", "{{1..2}}"},
	}
	for _, tt := range tests {
		end := BeginRun() // a fresh string order, as a TLC process has
		v, err := evalExpr(t, "", tt.expr)
		if err != nil {
			t.Fatalf("%s: %v", tt.expr, err)
		}
		if got := Format(v); got != tt.want {
			t.Errorf("Format(%s) = %s, want %s", tt.expr, got, tt.want)
		}
		end()
	}
	// the interval form is printing only: {1..2} is {{1, 2}}
	a, errA := evalExpr(t, "", "{1..2}")
	b, errB := evalExpr(t, "", "{{1, 2}}")
	if errA != nil || errB != nil || !equal(a, b) || compare(a, b) != 0 || Fingerprint(a) != Fingerprint(b) {
		t.Errorf("{1..2} and {{1, 2}} differ: %v %v", errA, errB)
	}
}

// FuzzValue: random values keep their normal form, however built, and the
// order stays consistent with equality.
func FuzzValue(f *testing.F) {
	for _, seed := range []int64{0, 1, 42, -7} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed int64) {
		g := &gen{rand.New(rand.NewSource(seed))}
		a, b := g.value(4), g.value(4)
		if w := g.rebuild(a); Fingerprint(w) != Fingerprint(a) || key(w) != key(a) || compare(a, w) != 0 {
			t.Fatalf("rebuilt %s as %s", Format(a), Format(w))
		}
		ab, ok1 := tryCompare(a, b)
		ba, ok2 := tryCompare(b, a)
		if ok1 != ok2 {
			t.Fatalf("compare fails one way only on %s, %s", Format(a), Format(b))
		}
		if ok1 && ((ab == 0) != (key(a) == key(b)) || sign(ab) != -sign(ba)) {
			t.Fatalf("order inconsistent on %s, %s", Format(a), Format(b))
		}
	})
}

// TestFilterMembershipAfterEnumeration: a lazy {x \in S : P(x)} kept in a
// state is enumerated when the state is fingerprinted; membership tested
// later (in another state, where P's variables differ) answers from those
// elements, as TLC's SetPredValue does, instead of evaluating P again.
func TestFilterMembershipAfterEnumeration(t *testing.T) {
	wr := map[int64]bool{1: true, 2: true} // the state P reads
	calls := 0
	f := &FilterV{Base: &IntervalV{1, 3}, Pred: func(v Value) bool {
		calls++
		return wr[int64(v.(Int))]
	}}
	tests := []struct {
		e    Value
		want bool
	}{{Int(1), true}, {Int(2), true}, {Int(3), false}}
	if _, err := enumerate(f); err != nil {
		t.Fatal(err)
	}
	wr = map[int64]bool{3: true} // the state has moved on
	before := calls
	for _, tt := range tests {
		got, err := member(tt.e, f)
		if err != nil || got != tt.want {
			t.Errorf("%v \\in filter = %v, %v; want %v", tt.e, got, err, tt.want)
		}
	}
	if calls != before {
		t.Errorf("the predicate ran %d more times after enumeration", calls-before)
	}
	// before enumeration, membership evaluates the predicate
	g := &FilterV{Base: &IntervalV{1, 3}, Pred: func(v Value) bool { return v.(Int) == 3 }}
	if ok, err := member(Int(3), g); err != nil || !ok {
		t.Errorf("3 \\in lazy filter = %v, %v", ok, err)
	}
}
