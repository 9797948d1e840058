package checker

import "testing"

// TestEndOfRunOrder: TLC checks the temporal properties before the
// POSTCONDITIONs, and a violation found first stays the result when a
// postcondition is then false. Expected results are the reference TLC's.
func TestEndOfRunOrder(t *testing.T) {
	const tla = `---- MODULE T ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Spec == Init /\ [][Next]_x
Live == <>(x = 5)
Inv == x < 2
PostF == TLCGet("stats").distinct < 0
====
`
	cases := []struct{ cfg, outcome, prop string }{
		{"SPECIFICATION Spec\nPROPERTY Live\nPOSTCONDITION PostF\n", OutcomeLiveness, "Live"},
		{"SPECIFICATION Spec\nINVARIANT Inv\nPOSTCONDITION PostF\n", OutcomeInvariant, "Inv"},
		{"SPECIFICATION Spec\nPOSTCONDITION PostF\n", OutcomeError, "PostF"},
	}
	for _, c := range cases {
		res := run(t, inline(t, "T", tla, c.cfg), 1)
		if res.Outcome != c.outcome || res.Property != c.prop || res.DistinctStates != 3 {
			t.Errorf("%q: got %s %q %d, want %s %q 3", c.cfg, res.Outcome, res.Property, res.DistinctStates, c.outcome, c.prop)
		}
	}
}
