package eval

import "testing"

// TestSubexpressionNames evaluates each form of subexpression name, as
// SANY numbers operands; the expected values are the reference TLC's.
func TestSubexpressionNames(t *testing.T) {
	const defs = `F(a, b) == /\ a > 0
           /\ a + b * 2 = 7
THEOREM Thm == 3 \in 1..5
G == \E x \in {1, 2}, y \in {3} : x * y > 4
H == [n \in 1..3 |-> n * 10]
K == IF 1 < 2 THEN <<5, 6>> ELSE <<>>
L == CASE 1 > 2 -> "a" [] OTHER -> "b"
M == LET Sq(z) == z * z IN Sq(3) + 1
N == {x + 1 : x \in {1, 2}}
Ap(Op(_), v) == Op(v)
Ap2(Op(_, _)) == Op(2, 5)
R == [u |-> 1, w |-> <<2, 3>>]
Q == lab :: 4 + 5
Sel == [u |-> 1].u
W == [][1 = 1]_<<2>>
`
	cases := []struct{ expr, want string }{
		{"F(1, 3)!2!<<", "7"},
		{"F(1, 3)!2!<<!>>!<<", "3"},
		{"F(1, 3)!2!>>", "7"},
		{"Thm!:", "TRUE"},
		{"Thm!<<", "3"},
		{"Thm!>>!>>", "5"},
		{"G!1", "{1, 2}"},
		{"G!(2, 3)!<<", "6"},
		{"H!1", "1..3"},
		{"H!(4)", "40"},
		{"K!1", "TRUE"},
		{"K!2!2", "6"},
		{"L!1!2", `"a"`},
		{"L!2!2", `"b"`},
		{"M!1!<<", "9"},
		{"Ap2(G!@)", "TRUE"},
		{"M!:!Sq(5)", "25"},
		{"Ap(M!:!Sq, 6)", "36"},
		{"N!(7)", "8"},
		{"R!2!1", "2"},
		{"Q!lab!>>", "5"},
		{"Q!1", "4"},
		{"Sel!2", `"u"`},
		{"W!1!2!1", "2"},
	}
	for _, c := range cases {
		v, err := evalExpr(t, defs, c.expr)
		if err != nil {
			t.Errorf("%s: %v", c.expr, err)
			continue
		}
		if got := Format(v); got != c.want {
			t.Errorf("%s = %s, want %s", c.expr, got, c.want)
		}
	}
}

// TestSubexpressionNameErrors: a selection SANY rejects is an error at
// the name, not a panic.
func TestSubexpressionNameErrors(t *testing.T) {
	const defs = `K == IF TRUE THEN 1 ELSE 2
L == CASE 1 > 2 -> "a" [] OTHER -> "b"
C == 3
`
	for _, e := range []string{"K!4", "L!2!1", "C!1", "K!(1)", "K!lab"} {
		if _, err := evalExpr(t, defs, e); err == nil {
			t.Errorf("%s: no error", e)
		} else if ee, ok := err.(*Error); !ok || ee.Loc == nil {
			t.Errorf("%s: error without a position: %v", e, err)
		}
	}
}
