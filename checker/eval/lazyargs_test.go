package eval

import (
	"strings"
	"testing"
)

// TestLazyArgs: a user operator's arguments are evaluated when the body
// first uses them, once (TLC's LazyValue). The LET forms' answers are the
// real TLC's (checker/difftest/testdata/exprs.tsv, "lazy operator
// arguments"); the module-level forms are the same operators defined at
// the top level, whose calls compile apart (callLazy). An error is located
// at the argument's own expression.
func TestLazyArgs(t *testing.T) {
	defs := `Unused(p, q) == q
Branch(c, p) == IF c THEN p ELSE 0
Twice(b, p) == IF b THEN p = p ELSE FALSE
Swap(p, q) == q + p
Pass(p) == Unused(p, 3)
RECURSIVE Count(_, _)
Count(n, e) == IF n = 0 THEN 0 ELSE Count(n - 1, e)
RECURSIVE Give(_, _)
Give(n, e) == IF n = 0 THEN e ELSE Give(n - 1, e)
Filter(p, q) == {x \in {1, 2} : x = p}
Fcn(p, q) == [x \in {1, 2} |-> p]
Lazy(p, q) == [x \in Nat |-> x + p]
LetFcn(p, q) == LET y == 1 IN [x \in {1, 2} |-> p + y]
LetLazy(p, q) == LET y == 1 IN [x \in Nat |-> x + p + y]
LetLazyQ(p, q) == LET y == 1 IN [x \in Nat |-> IF x > 3 THEN q ELSE p + y]
`
	tests := []struct {
		expr, want, err string
	}{
		{expr: `Unused(1 \div 0, 2)`, want: "2"},
		{expr: `Unused(CHOOSE y \in {} : TRUE, 1)`, want: "1"},
		{expr: `Branch(FALSE, Head(<<>>))`, want: "0"},
		{expr: `Branch(TRUE, Head(<<>>))`, err: "T.tla:19:24: Attempted to apply Head to the empty sequence."},
		// one evaluation serves both uses
		{expr: `Twice(TRUE, RandomElement(1..1000000))`, want: "TRUE"},
		// strict parameters, evaluated at the call in the body's order
		{expr: `Swap(1 \div 0, Head(<<>>))`, err: "T.tla:19:26: Attempted to apply Head to the empty sequence."},
		{expr: `Pass(1 \div 0)`, want: "3"},
		{expr: `Count(3, 1 \div 0)`, want: "0"},
		{expr: `Give(3, Head(<<>>))`, err: "T.tla:19:19: Attempted to apply Head to the empty sequence."},
		{expr: `Filter(2, 1 \div 0)`, want: "{2}"},
		{expr: `Fcn(2, 1 \div 0)`, want: "<<2, 2>>"},
		{expr: `Lazy(2, 3)[5]`, want: "7"},
		{expr: `Lazy(2, 1 \div 0)[5]`, want: "7"},
		// a LET beside a function: the frame is kept by lazy values
		{expr: `LetFcn(2, 1 \div 0)`, want: "<<3, 3>>"},
		{expr: `LetLazy(2, 1 \div 0)[5]`, want: "8"},
		{expr: `LetLazyQ(2, 1 \div 0)[1]`, want: "3"},
		{expr: `LetLazyQ(2, 1 \div 0)[5]`, err: "T.tla:19:23: The second argument of \\div is 0."},
		{expr: `LET f(p, q) == q IN f(CHOOSE y \in {} : TRUE, 1)`, want: "1"},
		{expr: `LET f(F(_), p, q) == 1 IN f(LAMBDA z : z, CHOOSE y \in {} : TRUE, 1)`, want: "1"},
		{expr: `LET f(p, q) == IF q > 0 THEN 1 ELSE p IN f(Head(<<>>), 1)`, want: "1"},
		{expr: `LET g(a) == 1 f(p) == g(p) IN f(1 \div 0)`, want: "1"},
		{expr: `LET f(p, q) == q + p IN f(1 \div 0, Head(<<>>))`, err: "T.tla:19:47: Attempted to apply Head to the empty sequence."},
	}
	for _, tc := range tests {
		t.Run(tc.expr, func(t *testing.T) {
			v, err := evalExpr(t, defs, tc.expr)
			if tc.err != "" {
				if err == nil {
					t.Fatalf("got %s, want error %q", Format(v), tc.err)
				}
				if got := strings.Join(strings.Fields(err.Error()), " "); got != tc.err {
					t.Fatalf("error %q, want %q", got, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := Format(v); got != tc.want {
				t.Fatalf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// BenchmarkLazyArgs calls operators with two arguments that are neither
// literals nor names, for x in 1..n: Pick's second parameter is used in one
// branch only (a cell), Sum's are strict (evaluated at the call).
func BenchmarkLazyArgs(b *testing.B) {
	p := program(b, `VARIABLE n
Pick(a, b) == IF a > 3 THEN b ELSE a
Sum(a, b) == a + b
E == [x \in 1..n |-> Pick(x + 1, x * 2) + Sum(x - 1, x * 3)]`, nil)
	e, err := p.DefExpr("E")
	if err != nil {
		b.Fatal(err)
	}
	ce, err := p.Compile(e)
	if err != nil {
		b.Fatal(err)
	}
	c := p.NewCtx()
	cur := []Value{Int(100)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ce.Eval(c, cur, nil); err != nil {
			b.Fatal(err)
		}
	}
}
