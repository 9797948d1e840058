package checker

import (
	"strings"
	"testing"
)

// TestLivenessEvaluatesEveryPredicate: TLC evaluates every state predicate
// of a temporal property on every state as it builds its behaviour graph,
// so an error in the consequent of P ~> Q is raised although P is false;
// the trace leads to the state. Expected results are the reference TLC's.
func TestLivenessEvaluatesEveryPredicate(t *testing.T) {
	m := inline(t, "L", `---- MODULE L ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == UNCHANGED x
Spec == Init /\ [][Next]_x
Prop == x \notin Nat ~> x = "abc"
====
`, "SPECIFICATION Spec\nPROPERTY Prop\n")
	res := run(t, m, 1)
	if res.Outcome != OutcomeError || !strings.HasPrefix(res.Message, "Attempted to check equality of integer 0 with non-integer:\n\"abc\"") || len(res.Trace) != 1 || res.DistinctStates != 1 {
		t.Fatalf("got %s %q, trace %d, %d states", res.Outcome, res.Message, len(res.Trace), res.DistinctStates)
	}
}
