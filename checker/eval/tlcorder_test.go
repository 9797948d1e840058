package eval

import "testing"

// TestFunctionOrderTLC: sets of functions are ordered as TLC orders them
// (size, then the domain element by element, then the values; a tuple is
// the function on 1..n), which decides CHOOSE. Expected values from TLC.
func TestFunctionOrderTLC(t *testing.T) {
	tests := []struct{ expr, want string }{
		{`CHOOSE x \in {[y \in 1..1 |-> 1], [y \in {0} |-> 0], [y \in {-1, -2} |-> 2]} : TRUE`, "(0 :> 0)"},
		{`{[y \in 1..2 |-> 7], [y \in {2, -3} |-> 1]}`, "{(-3 :> 1 @@ 2 :> 1), <<7, 7>>}"},
		{`{<<4>>, 4 :> 4, -3 :> -1, <<>>, [y \in {} |-> 1]}`, "{<<>>, (-3 :> -1), <<4>>, (4 :> 4)}"},
		{`{<<2, 1>>, 0 :> 1 @@ 1 :> 1, <<1, 2>>, 1 :> 0 @@ 3 :> 0, 1 :> 9 @@ 2 :> 0}`,
			"{(0 :> 1 @@ 1 :> 1), <<1, 2>>, <<2, 1>>, <<9, 0>>, (1 :> 0 @@ 3 :> 0)}"},
		{`CHOOSE f \in {<<5>>, 2 :> 1} : TRUE`, "<<5>>"},
		{`CHOOSE f \in {<<5>>, 0 :> 9} : TRUE`, "(0 :> 9)"},
	}
	for _, tc := range tests {
		v, err := evalExpr(t, "", tc.expr)
		if err != nil {
			t.Errorf("%s: error %v", tc.expr, err)
			continue
		}
		if got := Format(v); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.expr, got, tc.want)
		}
	}
}

// TestDomainPrintTLC: DOMAIN prints as TLC keeps the domain, an interval
// or an enumerated set, through constructors, :>, @@ and EXCEPT; equality
// ignores the form. Expected values from TLC.
func TestDomainPrintTLC(t *testing.T) {
	defs := `f == [x \in 0..3 |-> x]`
	tests := []struct{ expr, want string }{
		{`DOMAIN (1 :> 7)`, "{1}"},
		{`DOMAIN [x \in 0..0 |-> x]`, "0..0"},
		{`DOMAIN [f EXCEPT ![0] = 1]`, "0..3"},
		{`LET g == [x \in 0..2 |-> x] IN DOMAIN [g EXCEPT ![1] = 5]`, "0..2"},
		{`DOMAIN ([x \in 1..4 |-> 4] @@ [x \in 1..2 |-> -3])`, "{1, 2, 3, 4}"},
		{`DOMAIN ((1 :> 2) @@ (2 :> 3))`, "{1, 2}"},
		{`DOMAIN [x \in {1, 2} |-> x]`, "{1, 2}"},
		{`DOMAIN [x \in 1..2 |-> x]`, "1..2"},
		{`DOMAIN [x \in {1, 2} \cup {3} |-> x]`, "{1, 2, 3}"},
		{`DOMAIN [x \in -1..-1 |-> 5]`, "-1..-1"},
		{`ToString(DOMAIN [x \in -1..-1 |-> 5])`, `"-1..-1"`},
		{`DOMAIN [<<1, 2>> EXCEPT ![1] = 3]`, "1..2"},
		{`DOMAIN [x \in {} |-> 1]`, "{}"},
		{`DOMAIN [x \in 2..3, y \in 1..1 |-> 1]`, "{<<2, 1>>, <<3, 1>>}"},
		{`[x \in {1} |-> x] = <<1>>`, "TRUE"},
		{`DOMAIN (1 :> 7) = 1..1`, "TRUE"},
	}
	for _, tc := range tests {
		v, err := evalExpr(t, defs, tc.expr)
		if err != nil {
			t.Errorf("%s: error %v", tc.expr, err)
			continue
		}
		if got := Format(v); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.expr, got, tc.want)
		}
	}
}
