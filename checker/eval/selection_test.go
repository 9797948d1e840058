package eval

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tlals/tlals/analysis"
)

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

// TestSubexpressionNamesAsOperators: a label's parameters bound when
// selecting inside it, a subexpression name whose head's arguments are
// omitted passed as an operator, and one substituted for an INSTANCE's
// operator constant (TLC's suite/test206). The expected values are the
// reference TLC's (each checked as an ASSUME on a copy of these modules).
func TestSubexpressionNamesAsOperators(t *testing.T) {
	mods := map[string]string{"Ops2": "CONSTANT A4(_, _, _, _)\nFoo(a1, a2, a3, a4) == A4(a1, a2, a3, a4)"}
	const root = `EXTENDS Integers
P(Arg(_), p) == \A x \in {1, 2}, <<y, z>> \in {<<3, 4>>} :
      lab(x, y, z) :: LET a ++ b == Arg(a) + b + x + 2*y + 3*z IN (label2 :: p ++ 4) > 0
Dbl(u) == 2*u
S1(a) == {x \in {1, 2} : a = x}
Ap2b(Op(_, _), u, v) == Op(u, v)
C1(q) == CHOOSE x : lab(x) :: LET a ++ b == <<a, b, q, x>> IN 0
Ap4(Op(_, _, _, _), a1, a2, a3, a4) == Op(a1, a2, a3, a4)
I == INSTANCE Ops2 WITH A4 <- C1!@!++
J(A4(_, _, _, _)) == INSTANCE Ops2
`
	cases := []struct{ expr, want string }{
		{"P(Dbl, 9)!lab(1, 2, 3)!label2", "36"},
		{"P(Dbl, 9)!lab(1, 2, 3)!:!++(5, 6)", "30"},
		{"P(Dbl, 9)!lab(1, 2, 3)", "TRUE"},
		{"Ap2b(S1!@, 2, 2)", "TRUE"},
		{"Ap2b(S1!@, 2, 3)", "FALSE"},
		{"Ap4(C1!@!++, 1, 2, 3, 4)", "<<3, 4, 1, 2>>"},
		{"Ap4(C1!lab!:!++, 1, 2, 3, 4)", "<<3, 4, 1, 2>>"},
		{"I!Foo(1, 2, 3, 4)", "<<3, 4, 1, 2>>"},
		{"J(C1!@!++)!Foo(1, 2, 3, 4)", "<<3, 4, 1, 2>>"},
		{"J(LAMBDA a, b, c, d : a + b + c + d)!Foo(1, 2, 3, 4)", "10"},
	}
	dir := t.TempDir()
	for name, body := range mods {
		src := "---- MODULE " + name + " ----\n" + body + "\n====\n"
		if err := os.WriteFile(filepath.Join(dir, name+".tla"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			src := "---- MODULE Root ----\n" + root + "EXPR__ == " + c.expr + "\n====\n"
			m, load := analyze(t, filepath.Join(dir, "Root.tla"), src, nil)
			// analysis accepts them, as SANY does
			for _, d := range m.Diagnostics {
				if d.Severity == analysis.Error {
					t.Fatalf("analysis: %s", d.Message)
				}
			}
			p, err := NewProgram(m, load, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			e, err := p.DefExpr("EXPR__")
			if err != nil {
				t.Fatal(err)
			}
			ce, err := p.Compile(e)
			if err != nil {
				t.Fatal(err)
			}
			v, err := ce.Eval(p.NewCtx(), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := Format(v); got != c.want {
				t.Errorf("%s = %s, want %s", c.expr, got, c.want)
			}
		})
	}
}

// TestSubexpressionNameMissingArguments: a head's arguments omitted where
// the name is an expression, not an operator argument, is SANY's error
// (TLC 2026.12: "The operator F requires 1 arguments." at F!1).
func TestSubexpressionNameMissingArguments(t *testing.T) {
	_, err := evalExpr(t, "F(a) == a + 1\n", "F!1")
	ee, ok := err.(*Error)
	if !ok || ee.Loc == nil {
		t.Fatalf("F!1: want an error with a position, got %v", err)
	}
	if want := "The operator F requires 1 arguments."; ee.Msg != want {
		t.Errorf("F!1: %q, want %q", ee.Msg, want)
	}
}
