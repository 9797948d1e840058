package checker

import (
	"context"
	"testing"
)

// A LET operator with parameters applied in an initial predicate or an
// action assigns the variables its body assigns: TLC passes the arguments
// unevaluated and evaluates the body in place. Figures are TLC's on the
// same files.
func TestLetOperatorInAction(t *testing.T) {
	const cfg = `
-- Root.cfg --
INIT Init
NEXT Next
CHECK_DEADLOCK FALSE
-- Root.tla --
---- MODULE Root ----
EXTENDS Naturals, Sequences
`
	tests := []struct {
		name, body      string
		distinct, depth int
	}{
		{"LET operator assigning in Init and Next", `VARIABLE x
Init == LET Set(v) == x = v IN Set(0)
Next == LET Inc(d) == x' = x + d IN x < 2 /\ Inc(1)
====`, 3, 3},
		{"LET operator passed an action", `VARIABLE x
Init == x = 0
Next == LET F(p) == p IN F(x < 2 /\ x' = x + 1)
====`, 3, 3},
		{"LET operator calling another one of the same LET", `VARIABLE x
Init == x = 0
Next == LET B(v) == x' = v
            A(v) == x < 2 /\ B(x + v)
        IN A(1)
====`, 3, 3},
		{"LET operator passed initial assignments", `VARIABLES x, y
Init == LET F(p) == p IN F(x = 0 /\ y = 1)
Next == UNCHANGED <<x, y>>
====`, 1, 1},
		{"LET operators under quantifiers, nested and in operators", `VARIABLES x, q
Init == x = 0 /\ q = <<>>
Send(m) == LET Put(v) == q' = Append(q, v)
               Bump(d) == x' = x + d
           IN Put(m) /\ Bump(1)
Next == \/ \E v \in {1, 2} : x < 2 /\ Send(v)
        \/ LET Drop(n) == /\ Len(q) >= n
                          /\ q' = SubSeq(q, n + 1, Len(q))
                          /\ UNCHANGED x
           IN \E k \in {1} : Drop(k)
        \/ LET Both(a, b) == a /\ b IN Both(x = 2, UNCHANGED <<x, q>>)
        \/ \E v \in {7} : LET Z(w) == x' = w /\ q' = q IN x = 1 /\ Z(v)
====`, 14, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Check(context.Background(), archiveModel(t, cfg+tc.body), Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if res.Outcome != OutcomeOK || res.DistinctStates != int64(tc.distinct) || res.Depth != tc.depth {
				t.Fatalf("%s %d states depth %d (%s), want ok %d states depth %d", res.Outcome, res.DistinctStates, res.Depth, res.Message, tc.distinct, tc.depth)
			}
		})
	}
}
