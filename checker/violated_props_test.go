package checker

import (
	"strings"
	"testing"
)

// TestViolatedPropertiesNamed: TLC evaluates every temporal property on
// the counterexample it found (Liveness.findViolatedProperties, each
// property alone on the lasso) and names each one violated, in the
// properties' order (MP: "Temporal properties P and Q were violated.",
// "P, Q, and R" for three). The messages are the reference TLC's on this
// spec: the lasso 0, 1, 2 stuttering, or stuttering in 0 for D and C.
// The trace is introduced as TLC does for a temporal counterexample.
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
		// EC.TLC_COUNTER_EXAMPLE's words, a blank line on either side
		// (TLC's "The behavior up to this point is:" is for safety)
		if text := res.TLCText(); !strings.Contains(text, " violated.\n") ||
			!strings.Contains(text, "\n\nError: The following behavior constitutes a counter-example:\n\nState 1: <Initial predicate>\n") ||
			strings.Contains(text, "up to this point") {
			t.Errorf("%s: text:\n%s", c.props, text)
		}
	}
}
