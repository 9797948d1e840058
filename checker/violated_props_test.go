package checker

import "testing"

// TestViolatedPropertiesNamed: TLC evaluates every temporal property on
// the counterexample it found (Liveness.findViolatedProperties, each
// property alone on the lasso) and names each one violated, in the
// properties' order (MP: "Temporal properties P and Q were violated.",
// "P, Q, and R" for three). The messages are the reference TLC's on this
// spec: the lasso 0, 1, 2 stuttering, or stuttering in 0 for D and C.
func TestViolatedPropertiesNamed(t *testing.T) {
	cases := []struct{ props, want string }{
		{"A B C D F E", "Temporal properties A, B, and F were violated."},
		{"D C", "Temporal properties D and C were violated."},
		{"G A", "Temporal properties G and A were violated."},
		{"B G", "Temporal properties B and G were violated."},
		{"F D", "Temporal property F was violated."},
		{"E F", "Temporal property F was violated."},
	}
	for _, c := range cases {
		_, res := runSpec(t, map[string]string{
			"S.tla": `---- MODULE S ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == (x < 2 /\ x' = x + 1) \/ (x = 2 /\ x' = 2)
Spec == Init /\ [][Next]_x
A == <>(x = 3)
B == <>[](x = 5)
C == [](x = 0 => <>(x = 2))
D == <>(x = 1)
E == [][x' > x]_x
F == []<>(x = 0)
G == A /\ []<>(x = 0)
====
`,
			"S.cfg": "SPECIFICATION Spec\nPROPERTIES " + c.props + "\n",
		})
		if res.Outcome != OutcomeLiveness || res.Message != c.want {
			t.Errorf("%s: %s %q, want %q", c.props, res.Outcome, res.Message, c.want)
		}
	}
}
