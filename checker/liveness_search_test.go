package checker

import (
	"strings"
	"testing"
)

// leafSpec is a six-state cycle x = 0..5 with a function f defined on
// 0..2 only, so that a liveness leaf applying f to x fails at x = 3.
func leafSpec(name string, defs ...string) string {
	return "---- MODULE " + name + " ----\nEXTENDS Naturals, TLC\nVARIABLE x\nf == [i \\in 0..2 |-> i]\nInit == x = 0\nNext == x' = (x + 1) % 6\n" +
		strings.Join(defs, "\n") + "\n====\n"
}

// TestLivenessLeafErrorMidSearch: TLC evaluates the liveness checker's
// predicates as it adds each state to its behaviour graph, once the
// state's successors are generated (LiveCheck.addNextState: the
// fairness's ENABLED and <<A>>_v, the properties' state and action
// predicates on the state and its steps; its tableau's predicates on each
// successor, and on an initial state when it is checked), so an error in
// one stops the search there. The counts, exit codes, first message lines
// and trace lengths are the reference TLC's (tla2tools.jar, -workers 1);
// tlals gives the same with 1 and 2 workers. TLC exits 0 on the error in
// an initial state (A9): tlals keeps 75, as for an initial state's
// invariant.
func TestLivenessLeafErrorMidSearch(t *testing.T) {
	for _, tc := range []struct {
		name, tla string
		code      int
		msg       string   // the message's first line
		counts    [4]int64 // generated, distinct, left on queue, depth
		trace     int
	}{
		// ENABLED of WF's action fails at x = 3
		{"A1", leafSpec("A1", `A == x' = x + 1 /\ f[x] >= 0`, `Spec == Init /\ [][Next]_x /\ WF_x(A)`, `P == <>(x = 4)`),
			255, "Attempted to apply function:", [4]int64{5, 5, 1, 5}, 4},
		// ENABLED holds by the first disjunct; <<A>>_x fails on the step
		// from 5 to 0
		{"A2", leafSpec("A2", `A == x' = x + 1 \/ (x' = 0 /\ f[x] = 0)`, `Spec == Init /\ [][Next]_x /\ WF_x(A)`, `P == <>(x = 4)`),
			255, "Attempted to apply function:", [4]int64{7, 6, 0, 6}, 6},
		// a property's action
		{"A3", leafSpec("A3", `Spec == Init /\ [][Next]_x`, `P == []<><<x' = 0 /\ f[x] = 0>>_x`),
			255, "Attempted to apply function:", [4]int64{7, 6, 0, 6}, 6},
		// a property's []<> state predicate, on the state expanded
		{"A4", leafSpec("A4", `Spec == Init /\ [][Next]_x /\ WF_x(Next)`, `P == []<>(f[x] = 2)`),
			255, "Attempted to apply function:", [4]int64{5, 5, 1, 5}, 4},
		// the tableau's <>P: on the successor, when x = 2 is added
		{"A5", leafSpec("A5", `Spec == Init /\ [][Next]_x /\ WF_x(Next)`, `P == <>(f[x] = 7)`),
			255, "Attempted to apply function:", [4]int64{4, 4, 1, 4}, 3},
		// Assert in SF's action: TLC's assertion failure, exit 14
		{"A6", leafSpec("A6", `A == x' = x + 1 /\ Assert(x < 3, "too big")`, `Spec == Init /\ [][Next]_x /\ SF_x(A)`, `P == <>(x = 4)`),
			14, "The first argument of Assert evaluated to FALSE; the second argument was:", [4]int64{5, 5, 1, 5}, 4},
		// ~> is the tableau's too
		{"A7", leafSpec("A7", `Spec == Init /\ [][Next]_x /\ WF_x(Next)`, `P == (x = 0) ~> (f[x] = 1)`),
			255, "Attempted to apply function:", [4]int64{4, 4, 1, 4}, 3},
		// <>[]P on the state expanded
		{"A8", leafSpec("A8", `Spec == Init /\ [][Next]_x /\ WF_x(Next)`, `P == <>[](x > 0 => f[x] > 0)`),
			255, "Attempted to apply function:", [4]int64{5, 5, 1, 5}, 4},
		// the tableau's predicate on the initial state
		{"A9", leafSpec("A9", `Spec == Init /\ [][Next]_x /\ WF_x(Next)`, `P == <>(f[x+3] = 7)`),
			75, "Attempted to apply function:", [4]int64{1, 1, 1, 1}, 1},
		// several states a level: the fifth level's first state fails
		{"B1", `---- MODULE B1 ----
EXTENDS Naturals
VARIABLES x, y
f == [i \in 0..3 |-> i]
Init == x = 0 /\ y = 0
Inc == x' = (x + 1) % 5 /\ y' = y
Flip == y' = 1 - y /\ x' = x
Next == Inc \/ Flip
Spec == Init /\ [][Next]_<<x, y>> /\ WF_<<x, y>>(Flip /\ f[x + y] >= 0)
P == []<>(y = 0)
====
`, 255, "Attempted to apply function:", [4]int64{17, 10, 2, 6}, 5},
		// <<A>>_x compares x first, as TLC's LNAction: A is not evaluated
		// on the steps that leave x unchanged, where it would fail
		{"C1", `---- MODULE C1 ----
EXTENDS Naturals
VARIABLES x, y
f == [i \in 0..2 |-> i]
Init == x = 0 /\ y = 0
Next == \/ x' = (x + 1) % 3 /\ y' = y
        \/ y' = 1 - y /\ x' = x
A == x' = x + 1 \/ (x' = x /\ f[y + 5] = 0)
Spec == Init /\ [][Next]_<<x, y>> /\ WF_x(A)
P == []<>(x = 0)
====
`, 0, "", [4]int64{13, 6, 0, 4}, 0},
	} {
		m := inline(t, tc.name, tc.tla, "SPECIFICATION Spec\nPROPERTY P\n")
		for _, w := range []int{1, 2} {
			res := run(t, m, w)
			got := [4]int64{res.GeneratedStates, res.DistinctStates, res.QueueLeft, int64(res.Depth)}
			if res.ExitCode != tc.code || got != tc.counts || len(res.Trace) != tc.trace || !strings.HasPrefix(res.Message, tc.msg) {
				t.Errorf("%s, %d workers: exit %d, counts %v, trace %d, message %q; want %d, %v, %d, %q",
					tc.name, w, res.ExitCode, got, len(res.Trace), res.Message, tc.code, tc.counts, tc.trace, tc.msg)
			}
		}
	}
}
