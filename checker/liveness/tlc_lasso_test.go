package liveness

import (
	"testing"
)

// TestTLCLassoRule checks lassos derived by hand with TLC's rule (see
// product.lasso): the first bad component Tarjan's search completes, its
// root the node the search entered it by, a shortest prefix to the root,
// then the greedy walk meeting the requirements and a shortest way back.
// Every case is one where TLC's successor order (hash order) cannot change
// the length of the lasso.
func TestTLCLassoRule(t *testing.T) {
	tests := []lassoCase{
		// <>P: TLC's tableau keeps the ~P states 0, 1, 2, each with its
		// stuttering self-loop; the search completes {2} first (post-order),
		// a non-trivial component (it stutters) with nothing to meet:
		// prefix 0 1 2, "4: Stuttering". A nearest-component rule would
		// stutter in state 1.
		{"<>P violated by stuttering", graph(4, "0-A->1 1-A->2 2-A->3"),
			func(g *testGraph) *formula { return diaF(g.in(3)) }, nil,
			"0 -A-> 1 -A-> 2 stuttering"},
		// []<>P: <>[]~P restricts the steps to those from ~P states, so 0
		// is a trivial component and 1 a later root; {1,2} has root 1. At 1
		// the step B meets WF_A (A is disabled at 1), WF_B, WF_C (disabled)
		// and is taken; nothing is left, and the shortest way back from 2 is
		// E: "Back to state 2".
		{"[]<>P violated by a cycle", graph(4, "0-A->1 1-B->2 2-C->3 3-D->1 2-E->1"),
			func(g *testGraph) *formula { return boxF(diaF(g.in(0))) }, wf("ABCDE"),
			"0 -A-> 1 -B-> 2 -E-> back to 1"},
		// the same without fairness: nothing to meet, TLC stutters at the
		// root of {1,2,3}
		{"[]<>P violated without fairness stutters at the root", graph(4, "0-A->1 1-B->2 2-C->3 3-D->1 2-E->1"),
			func(g *testGraph) *formula { return boxF(diaF(g.in(0))) }, nil,
			"0 -A-> 1 stuttering"},
		// P ~> Q: <>(P /\ []~Q) is fulfilled from state 1 on; the only
		// accepting component is {2,3} after it, entered at 2, the prefix 0
		// 1 2. At 2 the step C meets WF_C and, A, B and D being disabled at
		// 2, WF_A, WF_B and WF_D; the way back from 3 is D.
		{"P ~> Q", graph(4, "0-A->1 1-B->2 2-C->3 3-D->2"),
			func(g *testGraph) *formula { return leadsTo(g.in(1), g.in(0)) }, wf("ABCD"),
			"0 -A-> 1 -B-> 2 -C-> 3 -D-> back to 2"},
		// WF vs SF: A is enabled in 1 only. Under WF the cycle {0,1} (root
		// 0) violates <>P: at 0 the step B meets WF_A (A disabled at 0) and
		// WF_B; back from 1 by B.
		{"WF: <>P violated", graph(3, "0-B->1 1-B->0 1-A->2"),
			func(g *testGraph) *formula { return diaF(g.in(2)) }, wf("AB"),
			"0 -B-> 1 -B-> back to 0"},
		// under SF_A the cycle must take A infinitely often: it holds
		{"SF: <>P holds", graph(3, "0-B->1 1-B->0 1-A->2"),
			func(g *testGraph) *formula { return diaF(g.in(2)) }, func(g *testGraph) []Fairness {
				return append(sf("A")(g), wf("B")(g)...)
			}, "holds"},
		// <>[]P with a state requirement ([]<>~P, TLC's AEState): root 1,
		// the walk goes 1 -B-> 2 (meeting every WF), then, nothing met at 2,
		// to a node not seen yet, 3, where ~P holds; back from 3 by D.
		{"<>[]P: the walk goes on until ~P", graph(4, "0-A->1 1-B->2 2-C->3 3-D->1"),
			func(g *testGraph) *formula { return diaF(boxF(g.in(0, 1, 2))) }, wf("ABCD"),
			"0 -A-> 1 -B-> 2 -C-> 3 -D-> back to 1"},
	}
	checkLassoCases(t, tests, 1, 2)
}
