package checker

import (
	"context"
	"testing"
)

// TLC's Tool.getActions does not split a definition of an instantiated
// module that has parameters (its body is a SubstInNode): Next == A \/ B of
// M is one action, named by the definition (I!Next, I!B through a named
// instance) and located at the INSTANCE statement. The trace headers are
// the reference TLC's on the same files (found on pascalpoizat/fbpmn, whose
// models end with INSTANCE PWSSemantics).
func TestInstanceActionNotSplit(t *testing.T) {
	const m = `
-- M.tla --
---- MODULE M ----
EXTENDS Naturals
VARIABLE x
A == x < 3 /\ x' = x + 1
B == x < 3 /\ x' = x + 2
Next == A \/ B
====
-- Root.cfg --
INIT Init
NEXT Next
INVARIANT Inv
`
	tests := []struct{ name, root, want string }{
		{"unnamed INSTANCE", `
-- Root.tla --
---- MODULE Root ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
INSTANCE M
Inv == x # 4
====`, "Next line 5, col 1 to line 5, col 10 of module Root"},
		{"named instance", `
-- Root.tla --
---- MODULE Root ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
I == INSTANCE M
Next == I!Next
Inv == x # 4
====`, "I!Next line 5, col 1 to line 5, col 15 of module Root"},
		{"disjunction of instance actions", `
-- Root.tla --
---- MODULE Root ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
I == INSTANCE M
Next == I!A \/ I!B
Inv == x # 4
====`, "I!B line 5, col 1 to line 5, col 15 of module Root"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Check(context.Background(), archiveModel(t, m+tc.root), Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if res.Outcome != OutcomeInvariant || res.DistinctStates != 5 || len(res.Trace) != 3 {
				t.Fatalf("got %s, %d distinct, trace %d; want invariant, 5, 3", res.Outcome, res.DistinctStates, len(res.Trace))
			}
			for _, s := range res.Trace[1:] {
				if got := s.Action + " " + s.Location.tlc(); got != tc.want {
					t.Errorf("action %q, want %q", got, tc.want)
				}
			}
		})
	}
}
