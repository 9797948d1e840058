package checker

import (
	"reflect"
	"testing"
)

// stepsSpec has conjuncts that cannot branch (eval runs them fused, as
// steps) around branching ones: a branch that fails after assigning must
// leave its variables unassigned for the next branch, and a branching
// conjunct between steps must see their values.
const stepsSpec = `---- MODULE Steps ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == /\ x < 3
        /\ \/ x' = x + 1 /\ y' = 5 /\ x' > 10
           \/ y' = 7 /\ IF x = 1 THEN x' = 9 ELSE x' = x + 1
           \/ x' = x + 2 /\ \E d \in {1, 2} : y' = d /\ x' > 2
NotThree == x /= 3
====
`

func TestFusedStepsUndo(t *testing.T) {
	// (0,0) -> (1,7) -> (9,7), (3,1), (3,2): without the undo the second
	// branch would find x' = 1 and y' = 5 assigned and yield nothing.
	m := inline(t, "Steps", stepsSpec, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n")
	for _, workers := range []int{1, 2} {
		res := run(t, m, workers)
		if res.Outcome != OutcomeOK || res.DistinctStates != 5 || res.GeneratedStates != 5 {
			t.Fatalf("%d workers: got %s %d distinct %d generated (%s), want ok 5 5", workers, res.Outcome, res.DistinctStates, res.GeneratedStates, res.Message)
		}
	}
	bad := inline(t, "Steps", stepsSpec, "INIT Init\nNEXT Next\nINVARIANT NotThree\n")
	res := run(t, bad, 1)
	want := []string{"Initial predicate: x=0, y=0", "Next: x=1, y=7", "Next: x=3, y=1"}
	if got := states(res); res.Outcome != OutcomeInvariant || !reflect.DeepEqual(got, want) {
		t.Fatalf("got %s %q, want invariant %q", res.Outcome, got, want)
	}
}
