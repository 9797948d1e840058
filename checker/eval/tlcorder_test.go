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
