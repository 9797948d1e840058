package eval

import (
	"fmt"
	"math/rand"
	"testing"
)

// lookup's fast paths (contiguous integer domains, small string and model
// value domains) find what the general ordered search finds, present or not.
func TestLookupFastPaths(t *testing.T) {
	ints := func(ns ...int64) []Value {
		out := make([]Value, len(ns))
		for i, n := range ns {
			out[i] = Int(n)
		}
		return out
	}
	strs := func(n int) []Value {
		out := make([]Value, n)
		for i := range out {
			out[i] = Str(fmt.Sprintf("f%02d", i))
		}
		return out
	}
	m1, m2, m3 := &ModelValue{Name: "p1", Rank: 0}, &ModelValue{Name: "p2", Rank: 1}, &ModelValue{Name: "p3", Rank: 2}
	// model values order with anything (TLC); other kinds cannot share a
	// domain (making the function fails)
	mixed := []Value{m1, Int(0), Int(1), Int(2)}
	cases := []struct {
		name string
		dom  []Value
		args []Value
		want []bool // present
	}{
		{"0..7", ints(0, 1, 2, 3, 4, 5, 6, 7), ints(0, 7, 3, -1, 8), []bool{true, true, true, false, false}},
		{"-2..1", ints(-2, -1, 0, 1), ints(-2, 1, 2, -3), []bool{true, true, false, false}},
		{"sparse", ints(0, 2, 4, 6), ints(2, 3, 6, 7), []bool{true, false, true, false}},
		{"int domain, other kinds", ints(0, 1), []Value{Str("a"), m1, Bool(true)}, []bool{false, false, false}},
		{"record", strs(3), []Value{Str("f00"), Str("f02"), Str("f03"), Int(1)}, []bool{true, true, false, false}},
		{"large record", strs(40), []Value{Str("f00"), Str("f39"), Str("f17"), Str("g")}, []bool{true, true, true, false}},
		{"model values", []Value{m1, m2}, []Value{m2, &ModelValue{Name: "p1", Rank: 0}, m3, Str("p1")}, []bool{true, true, false, false}},
		{"mixed", mixed, []Value{m1, Int(1), Int(2), Int(3), Str("a"), m2}, []bool{true, true, true, false, false, false}},
	}
	for _, c := range cases {
		f := mkFcn(c.dom, make([]Value, len(c.dom)))
		for i, a := range c.args {
			got, ok := f.lookup(a)
			if ok != c.want[i] || ok && compare(f.Dom[got], a) != 0 {
				t.Errorf("%s: lookup(%s) = %d, %v; want present %v", c.name, Pretty(a), got, ok, c.want[i])
			}
		}
	}
	// random functions and arguments against a scan with compare
	g := &gen{rand.New(rand.NewSource(7))}
	for n := 0; n < 3000; n++ {
		f, ok := g.value(2).(*FcnV)
		if !ok || f.Seq {
			continue
		}
		for k := 0; k < 4; k++ {
			a := g.value(1)
			if _, isSet := a.(*IntervalV); isSet {
				continue
			}
			want := -1
			for i, d := range f.Dom {
				if !kindsClash(d, a) && compare(d, a) == 0 {
					want = i
				}
			}
			got, ok := f.lookup(a)
			if !ok {
				got = -1
			}
			if got != want {
				t.Fatalf("lookup(%s) in %s = %d, want %d", Pretty(a), Pretty(f), got, want)
			}
		}
	}
}

// TestSetDiffCap: \ and \cap, whether they remove nothing, some or all,
// on small and large sets (expected texts from the reference TLC's PrintT).
func TestSetDiffCap(t *testing.T) {
	tests := []struct{ expr, want string }{
		{`{1, 2, 3} \ {2}`, `{1, 3}`},
		{`(1..3) \ {}`, `{1, 2, 3}`}, // nothing removed: a set, no longer the interval
		{`(1..3) \cap (0..5)`, `{1, 2, 3}`},
		{`{} \ {1}`, `{}`},
		{`{1, 2} \ {1, 2}`, `{}`},
		{`{1..2} \ {}`, `{1..2}`},
		{`{3, 1} \cap {1, 3}`, `{1, 3}`},
		{`(1..20) \ {7}`, `{1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}`},
		{`{x \in 1..20 : x > 2} \cap (1..18)`, `{3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18}`},
		{`LET S == {1, 2, 3} IN S \ {4} = S`, `TRUE`},
	}
	for _, tt := range tests {
		v, err := evalExpr(t, "", tt.expr)
		if err != nil {
			t.Fatalf("%s: %v", tt.expr, err)
		}
		if got := Pretty(v); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.expr, got, tt.want)
		}
	}
}

// newFcn's values are exactly n long and capped there, so appending to two
// copies of one function never shares a slot.
func TestNewFcnCapped(t *testing.T) {
	for n := 0; n <= 20; n++ {
		f := newFcn(n)
		if len(f.Vals) != n || cap(f.Vals) != n || f.Dom != nil || f.Seq {
			t.Fatalf("newFcn(%d): len %d cap %d dom %v seq %v", n, len(f.Vals), cap(f.Vals), f.Dom, f.Seq)
		}
	}
	for _, tt := range []struct{ expr, want string }{
		{`LET t == <<1, 2, 3, 4, 5>> IN <<Append(t, 6), Append(t, 7), t>>`, `<<<<1, 2, 3, 4, 5, 6>>, <<1, 2, 3, 4, 5, 7>>, <<1, 2, 3, 4, 5>>>>`},
		{`LET t == [<<1, 2, 3, 4, 5>> EXCEPT ![2] = 9] IN <<t \o <<6>>, t \o <<7>>, t>>`, `<<<<1, 9, 3, 4, 5, 6>>, <<1, 9, 3, 4, 5, 7>>, <<1, 9, 3, 4, 5>>>>`},
		{`[[a |-> 1, b |-> <<>>] EXCEPT !.b = Append(@, 1)]`, `[a |-> 1, b |-> <<1>>]`},
	} {
		v, err := evalExpr(t, "", tt.expr)
		if err != nil {
			t.Fatalf("%s: %v", tt.expr, err)
		}
		if got := Pretty(v); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.expr, got, tt.want)
		}
	}
}

// A lazy function computes each argument's value once, whether its results
// are few (scanned) or many (indexed), for arguments of any kind.
func TestLazyFcnMemo(t *testing.T) {
	calls := map[string]int{}
	f := &LazyFcnV{Apply: func(c *Ctx, arg Value) Value {
		calls[Pretty(arg)]++
		return mkTuple([]Value{arg})
	}}
	var args []Value
	for i := range 60 {
		args = append(args, Int(i), Str(fmt.Sprint("s", i)), mkTuple([]Value{Int(i), Int(i % 3)}), mkSet([]Value{Int(i), Int(-i)}))
	}
	for round := range 3 {
		for _, a := range args {
			got := f.apply(nil, a)
			if g, ok := got.(*FcnV); !ok || len(g.Vals) != 1 || !equal(g.Vals[0], a) {
				t.Fatalf("round %d: f[%s] = %s", round, Pretty(a), Pretty(got))
			}
		}
	}
	for _, a := range args {
		if n := calls[Pretty(a)]; n != 1 {
			t.Fatalf("f[%s] computed %d times, want once", Pretty(a), n)
		}
	}
	v, err := evalExpr(t, "f[n \\in Nat] == IF n = 0 THEN 0 ELSE f[n-1] + n", "<<f[100], f[3], f[50]>>")
	if err != nil || Pretty(v) != "<<5050, 6, 1275>>" {
		t.Fatalf("recursive function: %v %v", Pretty(v), err)
	}
}

// Set literals: canonical order and no duplicates, however small, and
// their elements capped (newSet).
func TestSetLiteral(t *testing.T) {
	for n := 0; n <= 6; n++ {
		if s := newSet(n); len(s.elems) != n || cap(s.elems) != n {
			t.Fatalf("newSet(%d): len %d cap %d", n, len(s.elems), cap(s.elems))
		}
	}
	for _, tt := range []struct{ expr, want string }{
		{`{}`, `{}`},
		{`{2}`, `{2}`},
		{`{2, 1}`, `{1, 2}`},
		{`{2, 2}`, `{2}`},
		{`{3, 1, 3, 2}`, `{1, 2, 3}`},
		{`{5, 4, 3, 2, 1, 1}`, `{1, 2, 3, 4, 5}`},
		{`LET S == {1, 2} IN <<S \cup {3}, S>>`, `<<{1, 2, 3}, {1, 2}>>`},
		{`{1..2, {1, 2}}`, `{1..2}`},
	} {
		v, err := evalExpr(t, "", tt.expr)
		if err != nil {
			t.Fatalf("%s: %v", tt.expr, err)
		}
		if got := Pretty(v); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.expr, got, tt.want)
		}
	}
}
