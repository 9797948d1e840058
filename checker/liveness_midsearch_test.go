package checker

import (
	"context"
	"testing"
)

// growSpec's state space is infinite (a, b and c count up), and every
// state lies on a cycle that toggles d: under WF_vars(Next) that cycle is
// a fair behaviour that never reaches a + b + c = 1000000. TLC reports the
// violation of Never from its periodic check of the graph explored so far
// (its counts and lasso depend on its clock); the search must stop there
// too rather than run forever.
const growSpec = `---- MODULE Grow ----
EXTENDS Naturals
VARIABLES a, b, c, d
vars == <<a, b, c, d>>
Init == a = 0 /\ b = 0 /\ c = 0 /\ d = 0
Next == \/ a' = a + 1 /\ UNCHANGED <<b, c, d>>
        \/ b' = b + 1 /\ UNCHANGED <<a, c, d>>
        \/ c' = c + 1 /\ UNCHANGED <<a, b, d>>
        \/ d' = 1 - d /\ UNCHANGED <<a, b, c>>
Spec == Init /\ [][Next]_vars /\ WF_vars(Next)
Never == <>(a + b + c = 1000000)
Moves == <>(a + b + c + d > 0)
====
`

func TestLivenessCheckedMidSearch(t *testing.T) {
	for _, tc := range []struct {
		prop    string
		outcome string
	}{
		// violated: found on the partial graph, the search stops
		{"Never", OutcomeLiveness},
		// holds on every fair behaviour: no check of a partial graph may
		// report a counterexample (the steps into unexpanded states are
		// left out, not taken as stuttering), so the state bound, past the
		// first check, ends it
		{"Moves", OutcomeBound},
	} {
		t.Run(tc.prop, func(t *testing.T) {
			m := inline(t, "Grow", growSpec, "SPECIFICATION Spec\nPROPERTY "+tc.prop+"\n")
			res, err := Check(context.Background(), m, Options{Workers: 1, MaxStates: 3 * midCheckFirst})
			if err != nil {
				t.Fatal(err)
			}
			if res.Outcome != tc.outcome {
				t.Fatalf("outcome = %s (%s), want %s", res.Outcome, res.Message, tc.outcome)
			}
			if tc.outcome != OutcomeLiveness {
				return
			}
			if res.DistinctStates > 2*midCheckFirst || res.QueueLeft == 0 {
				t.Errorf("distinct %d, left %d: want the search stopped at the first check", res.DistinctStates, res.QueueLeft)
			}
			// a real counterexample: a path from the initial state whose
			// last state steps back to state Start by toggling d
			n := len(res.Trace)
			if res.Lasso == nil || res.Lasso.Stuttering || n < 2 || res.Lasso.Start != n-1 {
				t.Fatalf("lasso %+v over %d states: want the last state toggling back to the one before", res.Lasso, n)
			}
			if got := states(res)[0]; got != "Initial predicate: a=0, b=0, c=0, d=0" {
				t.Errorf("first state %q", got)
			}
			last, prev := res.Trace[n-1].State, res.Trace[n-2].State
			for k := 0; k < 3; k++ {
				if last[k] != prev[k] {
					t.Errorf("the cycle changes %s", last[k].Name)
				}
			}
			if last[3].Value == prev[3].Value {
				t.Errorf("the cycle does not toggle d")
			}
			if res.Property != "Never" || res.Message != "Temporal property Never was violated." {
				t.Errorf("property %q, message %q", res.Property, res.Message)
			}
		})
	}
}

// The liveness check numbers a state's steps by its list in the partial
// graph, which leaves out the steps into states not expanded yet; step k of
// a state must be the k-th of that list, not of the state's full list. The
// two differed when a left-out step came first: muratdem's diningHygienic
// (N = 4, WF of each process) crashed in the check at 65,536 states, its
// action predicate evaluated on a state never recorded.
func TestPartialGraphStepIndex(t *testing.T) {
	rec := newEdgeRec(1)
	rec.initial(0)
	// state 0 steps to 1 and 3; state 1 to 3, then back to 0; states 2
	// and 3 are found but not expanded (done = 2)
	for _, st := range []struct {
		id   int32
		succ []int32
	}{{0, []int32{1, 3}}, {1, []int32{3, 0}}} {
		rec.begin(0)
		for _, to := range st.succ {
			rec.edge(0, to, 0, nil)
		}
		rec.end(0, st.id, nil)
	}
	g, _ := newPartialGraph(&behaviourGraph{rec: rec, n: 2}, rec, 2)
	for s, want := range [][]int32{{1}, {0}} {
		succ := g.Successors(int32(s))
		if len(succ) != len(want) {
			t.Fatalf("state %d: %d steps, want %d", s, len(succ), len(want))
		}
		for k, w := range want {
			if succ[k].To != w || g.stepTo(int32(s), k) != w {
				t.Errorf("state %d step %d: edge to %d, stepTo %d, want %d", s, k, succ[k].To, g.stepTo(int32(s), k), w)
			}
		}
		if g.stepTo(int32(s), -1) != int32(s) {
			t.Errorf("state %d: stuttering step to %d", s, g.stepTo(int32(s), -1))
		}
	}
}
