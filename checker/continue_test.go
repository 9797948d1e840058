package checker

import (
	"context"
	"fmt"
	"reflect"
	"testing"
)

// TestContinue: with -continue TLC reports each violated invariant (every
// one an initial state violates, the first one a successor violates) and
// action property, and goes on; a deadlock or a temporal property still
// ends the run as without it, and the exit code is the one without the
// violations. Expected results are the reference TLC's (-workers 1
// -continue); each violation is listed as "property/trace length".
func TestContinue(t *testing.T) {
	cases := []struct {
		name, tla, cfg      string
		outcome             string
		code                int
		continued           []string
		distinct, generated int64
	}{
		{"deadlock", `---- MODULE A ----
EXTENDS Naturals
VARIABLES x
Init == x \in {0, 1, 5}
Next == x < 7 /\ x' = x + 2
Inv == x # 1 /\ x # 4
Inv2 == x < 6
Prop == [][x' # 5]_x
====`, "INIT Init\nNEXT Next\nINVARIANT Inv Inv2\nPROPERTY Prop\n",
			OutcomeDeadlock, ExitViolationDeadlock, []string{"Inv/1", "Inv2/2", "Inv/3", "Prop/3"}, 7, 8},
		{"liveness", `---- MODULE B ----
EXTENDS Naturals
VARIABLES x
Init == x \in {0, 1}
Next == x' = (x + 1) % 4
Spec == Init /\ [][Next]_x
Inv == x # 2
Live == <>(x = 9)
====`, "SPECIFICATION Spec\nINVARIANT Inv\nPROPERTY Live\n",
			OutcomeLiveness, ExitViolationLiveness, []string{"Inv/2"}, 4, 6},
		{"every invariant of an initial state", `---- MODULE C ----
EXTENDS Naturals
VARIABLES x, y
Init == x \in 1..3 /\ y = 0
Next == \/ x < 3 /\ x' = 0 /\ y' = y
        \/ x = 0 /\ y < 2 /\ y' = y + 1 /\ x' = x
Inv1 == x # 2
Inv2 == x > 2
Inv3 == y < 1 \/ (x = 0 /\ y = 1)
====`, "INIT Init\nNEXT Next\nINVARIANT Inv1 Inv2 Inv3\nCHECK_DEADLOCK FALSE\n",
			OutcomeOK, ExitSuccess, []string{"Inv2/1", "Inv1/1", "Inv2/1", "Inv2/2", "Inv2/3", "Inv2/4"}, 6, 10},
		{"a state outside the constraints each time it is generated", `---- MODULE D ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 5 \/ x' = (x + 2) % 5
Con == x < 3
Inv == x # 3
====`, "INIT Init\nNEXT Next\nCONSTRAINT Con\nINVARIANT Inv\n",
			OutcomeOK, ExitSuccess, []string{"Inv/3", "Inv/3"}, 3, 7},
	}
	for _, c := range cases {
		m := inline(t, c.tla[len("---- MODULE "):len("---- MODULE ")+1], c.tla, c.cfg)
		for _, workers := range []int{1, 3} {
			res, err := Check(context.Background(), m, Options{Workers: workers, Continue: true})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, v := range res.Continued {
				got = append(got, fmt.Sprintf("%s/%d", v.Property, len(v.Trace)))
			}
			if res.Outcome != c.outcome || res.ExitCode != c.code || !reflect.DeepEqual(got, c.continued) || res.DistinctStates != c.distinct || res.GeneratedStates != c.generated {
				t.Errorf("%s (%d workers): got %s %d %v %d/%d, want %s %d %v %d/%d", c.name, workers,
					res.Outcome, res.ExitCode, got, res.DistinctStates, res.GeneratedStates,
					c.outcome, c.code, c.continued, c.distinct, c.generated)
			}
		}
	}
}
