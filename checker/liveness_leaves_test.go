package checker

import (
	"strings"
	"testing"
)

// TestLivenessLeavesEverywhere: TLC evaluates every predicate of the
// temporal properties and of the fairness on every state and step as it
// builds its behaviour graph, so an error in one is reported even where no
// counterexample needs its value (<<Grow>>_<<x, n>> of WF on the stuttering
// step of the state Grow compares {} with a record): an error with the
// trace to the state being expanded, exit 255. ENABLED <<A>>_v and
// ENABLED [A]_v in a property are evaluated as actions. Expected outcomes
// and traces are the reference TLC's; the message is TLC's (Github763Test).
func TestLivenessLeavesEverywhere(t *testing.T) {
	const h = `---- MODULE H ----
EXTENDS Naturals
VARIABLES x, n
Init == x = {} /\ n = 0
Grow == n = 2 /\ x' = [val |-> 1] /\ n' = n
Tick == n < 2 /\ n' = n + 1 /\ x' = x
Next == Grow \/ Tick
Spec == Init /\ [][Next]_<<x, n>> /\ WF_<<x, n>>(Grow)
Live == []<>(n >= 0)
Live2 == []<>(ENABLED <<Tick>>_<<x, n>>)
Live3 == [][n' >= n]_n
Live4 == <>[][x' = x]_x
====
`
	const e = `---- MODULE E ----
VARIABLE x
Init == x = {}
Grow == x' = [val |-> 1]
Next == Grow \/ UNCHANGED x
Spec == Init /\ [][Next]_x
Live == []<>(~ENABLED <<Grow>>_<<x>>)
====
`
	const k = `---- MODULE K ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 2 /\ x' = x + 1
Spec == Init /\ [][Next]_x
FSpec == Spec /\ WF_x(Next)
Ev == <>(~ENABLED <<Next>>_x)
Sq == []<>(ENABLED [Next]_x)
Stay == <>[](ENABLED <<x' = x>>_x)
====
`
	const cmp = "Attempted to check equality of the set {} with the value:\n[val |-> 1]"
	cases := []struct {
		tla, cfg, outcome string
		code, trace       int
		msg               string
	}{
		{h, "SPECIFICATION Spec\nPROPERTY Live\n", OutcomeError, ExitError, 3, cmp},
		{h, "SPECIFICATION Spec\nPROPERTY Live2\n", OutcomeError, ExitError, 3, cmp},
		{h, "SPECIFICATION Spec\nPROPERTY Live3\n", OutcomeOK, ExitSuccess, 0, ""},
		{h, "SPECIFICATION Spec\nPROPERTY Live4\n", OutcomeError, ExitError, 3, cmp},
		{e, "SPECIFICATION Spec\nPROPERTY Live\n", OutcomeError, ExitError, 1, cmp},
		{k, "SPECIFICATION Spec\nPROPERTY Ev\nCHECK_DEADLOCK FALSE\n", OutcomeLiveness, ExitViolationLiveness, 3, ""},
		{k, "SPECIFICATION FSpec\nPROPERTY Ev\nCHECK_DEADLOCK FALSE\n", OutcomeOK, ExitSuccess, 0, ""},
		{k, "SPECIFICATION Spec\nPROPERTY Sq\nCHECK_DEADLOCK FALSE\n", OutcomeOK, ExitSuccess, 0, ""},
		{k, "SPECIFICATION FSpec\nPROPERTY Stay\nCHECK_DEADLOCK FALSE\n", OutcomeLiveness, ExitViolationLiveness, 4, ""},
	}
	for _, c := range cases {
		name := c.tla[len("---- MODULE ") : len("---- MODULE ")+1]
		for _, workers := range []int{1, 2} {
			res := run(t, inline(t, name, c.tla, c.cfg), workers)
			if res.Outcome != c.outcome || res.ExitCode != c.code || len(res.Trace) != c.trace || !strings.HasPrefix(res.Message, c.msg) {
				t.Errorf("%s %q (%d workers): got %s %d, %d states, %q; want %s %d, %d states, %q", name, c.cfg, workers,
					res.Outcome, res.ExitCode, len(res.Trace), res.Message, c.outcome, c.code, c.trace, c.msg)
			}
		}
	}
}
