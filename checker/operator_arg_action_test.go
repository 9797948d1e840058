package checker

import (
	"context"
	"testing"
)

// An operator passed for an operator parameter whose body assigns (a LET
// operator, a definition, a LAMBDA, or such an argument passed along)
// assigns where the parameter is called in an action, as TLC evaluates the
// call in place (LET T(a) == x' = a IN Apply(T) with Apply(F(_)) == F(1)).
// Figures are TLC's on the same files.
func TestActionOperatorArgument(t *testing.T) {
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
		name, body                 string
		generated, distinct, depth int64
	}{
		{"LET operator passed to an operator", `VARIABLE x
Apply(F(_)) == F(1)
Init == x = 0
Next == x < 3 /\ LET T(a) == x' = x + a IN Apply(T)
====`, 4, 4, 4},
		{"definition passed along, LAMBDA, LET in the callee", `VARIABLES x, y
Apply(F(_, _)) == LET a == 2 IN F(a, 1)
Pass(G(_, _)) == y < 2 /\ Apply(G)
Set(a, b) == x' = x + a /\ y' = y + b
Init == x = 0 /\ y = 0
Next == \/ Pass(Set)
        \/ x < 6 /\ Apply(LAMBDA a, b : x' = x + b /\ UNCHANGED y)
====`, 27, 21, 9},
		{"handler of a message, and under ENABLED", `VARIABLES x, q
Bus(H(_)) == q # <<>> /\ H(Head(q))
Send(m) == q' = Append(q, m)
Init == x = 0 /\ q = <<1>>
Next == \/ LET Recv(m) == x' = x + m /\ q' = Tail(q) IN Bus(Recv)
        \/ x < 3 /\ LET Put(v) == Send(v) /\ UNCHANGED x IN Len(q) < 2 /\ Put(x)
        \/ LET G(m) == x' = m /\ q' = q IN ENABLED Bus(G) /\ x = 5 /\ UNCHANGED <<x, q>>
====`, 20, 18, 8},
		{"call of the parameter passed on as an action", `VARIABLE x
Do(A) == x < 3 /\ A
Apply(F(_)) == Do(F(1))
Init == x = 0
Next == LET T(a) == x' = x + a IN Apply(T)
====`, 4, 4, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Check(context.Background(), archiveModel(t, cfg+tc.body), Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if res.Outcome != OutcomeOK || res.GeneratedStates != tc.generated || res.DistinctStates != tc.distinct || int64(res.Depth) != tc.depth {
				t.Errorf("got %s %d generated %d distinct depth %d (%s), want ok %d %d %d", res.Outcome, res.GeneratedStates, res.DistinctStates, res.Depth, res.Message, tc.generated, tc.distinct, tc.depth)
			}
		})
	}
}
