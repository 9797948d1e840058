package checker

import (
	"context"
	"strings"
	"testing"
)

// TestInvariantNotStatePredicate: TLC rejects an INVARIANT of action or
// temporal level before it computes any state (exit code 76); ENABLED is
// state level. Messages, codes and figures are the reference TLC's (for the
// primed invariant TLC adds a note on a level-checking bug after this line).
func TestInvariantNotStatePredicate(t *testing.T) {
	const tla = "EXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = (x + 1) % 3\nSpec == Init /\\ [][Next]_x\n" +
		"InvT == <>(x = 2)\nInvA == x' > x\nInvB == [](x < 5)\nBox(P) == []P\nInvC == Box(x < 5)\nENA == ENABLED Next\n"
	cases := []struct {
		inv, message string
		distinct     int64
		depth        int
	}{
		{inv: "InvT", message: "The invariant InvT is not a state predicate (one with no primes or temporal operators)."},
		{inv: "InvA", message: "The invariant InvA is not a state predicate (one with no primes or temporal operators)."},
		{inv: "InvB", message: "The invariant InvB is not a state predicate (one with no primes or temporal operators)."},
		{inv: "InvC", message: "The invariant InvC is not a state predicate (one with no primes or temporal operators)."},
		{inv: "ENA", distinct: 3, depth: 3},
	}
	for _, tc := range cases {
		t.Run(tc.inv, func(t *testing.T) {
			m := inline(t, "M", "---- MODULE M ----\n"+tla+"====\n", "SPECIFICATION Spec\nINVARIANT "+tc.inv+"\n")
			res, err := Check(context.Background(), m, Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if tc.message == "" {
				if res.Outcome != OutcomeOK || res.DistinctStates != tc.distinct || res.Depth != tc.depth {
					t.Fatalf("got %s %q, %d distinct, depth %d", res.Outcome, res.Message, res.DistinctStates, res.Depth)
				}
				return
			}
			if res.Outcome != OutcomeError || !strings.HasPrefix(res.Message, tc.message) || res.ExitCode != ExitFailureSafetyEval || res.DistinctStates != 0 {
				t.Fatalf("got %s %q exit %d, %d distinct; want error %q exit %d", res.Outcome, res.Message, res.ExitCode, res.DistinctStates, tc.message, ExitFailureSafetyEval)
			}
		})
	}
}
