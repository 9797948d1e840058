package checker

import (
	"context"
	"strings"
	"testing"
)

// TestForallActionOrder: \A i \in S : A in a next-state action is the
// conjunction of A for each element in TLC's order, the first element and
// then the others from the last down, so that a conjunct may use a primed
// variable a later element assigns (counts and messages from TLC on the
// same files).
func TestForallActionOrder(t *testing.T) {
	const head = `
-- Root.cfg --
INIT Init
NEXT Next
CHECK_DEADLOCK FALSE
-- Root.tla --
---- MODULE Root ----
EXTENDS Naturals
VARIABLES a, b, c
Init == a = 0 /\ b = 0 /\ c = 0
`
	tests := []struct {
		name, next          string
		outcome             string
		generated, distinct int64
		line, col           int // of the error
	}{
		{"third element assigns what the second uses", `Next == \A i \in {1, 2, 3} :
          CASE i = 1 -> a' \in {0, 1}
            [] i = 2 -> b' = c' + 1
            [] i = 3 -> c' \in {a', 5}
====`, OutcomeOK, 21, 5, 0, 0},
		{"the last element runs second", `Next == \A i \in {1, 2, 3, 4} :
          CASE i = 1 -> a' \in {0, 1}
            [] i = 2 -> b' = c' + 1
            [] i = 3 -> c' \in {a', 5}
            [] i = 4 -> a' + 10 > c'
====`, OutcomeError, 1, 1, 9, 35}, // TLC: at line 9, col 35 (c' has no value)
		{"branching elements", `Next == \A i \in {1, 2, 3} :
          CASE i = 1 -> a' \in {0, 1}
            [] i = 2 -> (b' = a' \/ b' = 2)
            [] i = 3 -> c' \in {a, b, 3}
====`, OutcomeOK, 161, 16, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, w := range []int{1, 2} {
				res, err := Check(context.Background(), archiveModel(t, head+tc.next), Options{Workers: w})
				if err != nil {
					t.Fatal(err)
				}
				line, col := 0, 0
				if res.Location != nil {
					line, col = res.Location.StartLine, res.Location.StartColumn
				}
				if res.Outcome != tc.outcome || res.GeneratedStates != tc.generated || res.DistinctStates != tc.distinct || line != tc.line || col != tc.col ||
					(tc.line > 0 && !strings.Contains(res.Message, "c' has no value")) {
					t.Errorf("workers %d: %s, %d generated, %d distinct, at %d:%d: %s\nwant %s, %d generated, %d distinct, at %d:%d", w, res.Outcome, res.GeneratedStates, res.DistinctStates, line, col, res.Message, tc.outcome, tc.generated, tc.distinct, tc.line, tc.col)
				}
			}
		})
	}
}
