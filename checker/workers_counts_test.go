package checker

import (
	"reflect"
	"strings"
	"testing"
)

// workersSpec's levels are wide (up to a few hundred states), so several
// workers are expanding states of a level when one of them fails.
const workersSpec = `---- MODULE W ----
EXTENDS Naturals, TLC
VARIABLES x, y, z
vars == <<x, y, z>>
Init == x = 0 /\ y = 0 /\ z = 0
Inc(v) == v' = (v + 1) % 12
Next == \/ Inc(x) /\ UNCHANGED <<y, z>>
        \/ Inc(y) /\ UNCHANGED <<x, z>>
        \/ Inc(z) /\ UNCHANGED <<x, y>>
Spec == Init /\ [][Next]_vars
Inv == ~(x = 9 /\ y = 8 /\ z = 3)
Dead == x + y + z < 22 /\ Next
Err == /\ Next
       /\ IF x = 7 /\ y = 8 /\ z = 5 THEN 1 \div 0 = 0 ELSE TRUE
Asrt == Next /\ Assert(~(x = 6 /\ z = 9 /\ y = 5), "boom")
Err0 == Next /\ IF x + y + z = 15 THEN 1 \div 0 = 0 ELSE TRUE
Step == [][~(x = 9 /\ y' = 10 /\ z = 4)]_vars
====
`

// TestFailureCountsAnyWorkers: whatever stops the search (an invariant,
// deadlock, an evaluation error, Assert, an action property), the counts
// are TLC's with one worker (tlc -workers 1 on these models), and the
// trace is the same, for any number of workers: what other workers found
// after the failing state is not counted.
func TestFailureCountsAnyWorkers(t *testing.T) {
	cases := []struct {
		cfg                 string
		outcome             string
		generated, distinct int64
		left                int64
		depth, trace        int
	}{
		{"INIT Init\nNEXT Next\nINVARIANT Inv\n", OutcomeInvariant, 3301, 1205, 104, 21, 21},
		{"INIT Init\nNEXT Dead\n", OutcomeDeadlock, 4093, 1442, 77, 23, 23},
		{"INIT Init\nNEXT Err\n", OutcomeError, 3682, 1323, 95, 22, 21},
		// the first state of its level fails: the depth is the level's
		{"INIT Init\nNEXT Err0\n", OutcomeError, 1951, 756, 105, 16, 16},
		{"INIT Init\nNEXT Asrt\n", OutcomeAssert, 3721, 1335, 94, 22, 21},
		{"SPECIFICATION Spec\nPROPERTY Step\n", OutcomeActionProperty, 4170, 1465, 75, 24, 24},
	}
	for _, c := range cases {
		m := inline(t, "W", workersSpec, c.cfg)
		one := run(t, m, 1)
		for _, w := range []int{1, 2, 3, 8} {
			for round := 0; round < 4; round++ {
				res := run(t, m, w)
				got := [...]any{res.Outcome, res.GeneratedStates, res.DistinctStates, res.QueueLeft, res.Depth, len(res.Trace)}
				want := [...]any{c.outcome, c.generated, c.distinct, c.left, c.depth, c.trace}
				if got != want {
					t.Fatalf("%q, %d workers: %v, want TLC's %v", strings.Split(c.cfg, "\n")[1], w, got, want)
				}
				if !reflect.DeepEqual(states(res), states(one)) {
					t.Fatalf("%q, %d workers: trace\n%s\nwant\n%s", c.cfg, w, strings.Join(states(res), "\n"), strings.Join(states(one), "\n"))
				}
			}
		}
	}
}
