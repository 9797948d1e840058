package checker

import (
	"strings"
	"testing"
)

// TestStateLevelPropertyWarning: a PROPERTY that is a state predicate
// (P1, and P6 naming it) is checked in the initial states only, and TLC
// warns of it, with its -nowarning hint after its first warning only; a
// constant (P3) or temporal (P2) one draws no warning. The reference TLC
// printed, for this spec, exactly the two warnings below (and no error:
// 3 generated, 2 distinct).
func TestStateLevelPropertyWarning(t *testing.T) {
	_, res := runSpec(t, map[string]string{
		"S.tla": `---- MODULE S ----
EXTENDS Naturals
VARIABLE p
Init == p = 0
Next == p' = 1 - p
Spec == Init /\ [][Next]_p
P1 == p = 0
P2 == p = 0 /\ [](p < 2)
P3 == TRUE
P6 == P1
====
`,
		"S.cfg": "SPECIFICATION Spec\nPROPERTY P1 P2 P3 P6\n",
	})
	w := func(n string) string {
		return "The formula " + n + " is a state-level formula, but it was used as a PROPERTY (or PROPERTIES), where a temporal formula is typically expected. State-level formulas used as PROPERTY or PROPERTIES are only checked in the initial state. To verify that the formula " + n + " holds in all states of every behavior, use INVARIANT " + n + " instead. Alternatively, applying the \"always\" temporal operator ([]) to the state-level formula " + n + " changes it into a temporal formula, asserting that " + n + " holds in all states of every behavior. See https://explain.tlapl.us/invariants-and-properties for additional details."
	}
	want := []string{w("P1"), w("P6")}
	if strings.Join(res.Warnings, "|") != strings.Join(want, "|") {
		t.Fatalf("warnings:\n%q\nwant\n%q", res.Warnings, want)
	}
	// TLC's hint follows its first warning only
	if !strings.Contains(res.TLCText(), "Warning: "+w("P1")+"\n(Use the -nowarning option to disable this warning.)\nWarning: "+w("P6")+"\nModel checking completed.") {
		t.Fatalf("text:\n%s", res.TLCText())
	}
	if res.Outcome != OutcomeOK || res.GeneratedStates != 3 || res.DistinctStates != 2 {
		t.Fatalf("got %s %d/%d, want ok 3/2", res.Outcome, res.GeneratedStates, res.DistinctStates)
	}
}
