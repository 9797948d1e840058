package liveness_test

import (
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
)

// TestPrefixViolations: a temporal property whose violation a finite
// prefix shows is reported as soon as the search has expanded the prefix's
// last state, as TLC reports it (the expected results are TLC's): in an
// infinite state space, after a deadlock or an invariant violated while
// expanding that state (both reported), but not with fairness (the
// violation then needs a cycle). The trace is the shortest prefix, its
// stuttering dropped.
func TestPrefixViolations(t *testing.T) {
	tests := []struct {
		tla, cfg  string
		want      string
		preceding string // the error reported first, and its trace
		generated int64
		queue     int64
	}{
		{"Inf.tla", "Inf.cfg", "liveness 3 Once | Initial predicate:0 Next:2", "", 3, 1},
		{"Dl.tla", "Dl.cfg", "liveness 3 NoTwo | Initial predicate:0 Step:1 Step:2", "Deadlock reached. 3", 3, 0},
		{"Dl.tla", "DlFair.cfg", "deadlock 3 | Initial predicate:0 Step:1 Step:2", "", 3, 0},
		{"Ord.tla", "Ord3.cfg", "liveness 4 NoTwo | Initial predicate:0 Next:1 Next:2", "Invariant Inv3 is violated. 4", 4, 0},
		{"Ord.tla", "Ord4.cfg", "liveness 4 NoTwo | Initial predicate:0 Next:1 Next:2", "", 4, 1},
		{"Flip.tla", "Flip.cfg", `liveness 2 Back | Initial predicate:"a" Next:"b" Next:"a" Next:"b"`, "", 5, 0},
	}
	for _, tc := range tests {
		for _, workers := range []int{1, 3} { // the same with any number of workers
			t.Run(fmt.Sprintf("%s/%d", tc.cfg, workers), func(t *testing.T) {
				r := runWorkers(t, filepath.Join("prefix", tc.tla), filepath.Join("prefix", tc.cfg), workers)
				if got := summary(r); got != tc.want {
					t.Errorf("got  %s\nwant %s", got, tc.want)
				}
				pre := ""
				if r.Preceding != nil {
					pre = r.Preceding.Message + " " + strconv.Itoa(len(r.Preceding.Trace))
				}
				if pre != tc.preceding {
					t.Errorf("preceding %q, want %q", pre, tc.preceding)
				}
				if r.GeneratedStates != tc.generated || r.QueueLeft != tc.queue {
					t.Errorf("%d generated, %d left on queue; want %d, %d", r.GeneratedStates, r.QueueLeft, tc.generated, tc.queue)
				}
			})
		}
	}
}

// TestLassoWithoutSelfLoop: a cycle that would close by a step from its
// first state to itself (y' = y, allowed by y' \in {"a", "b"}) closes one
// state earlier instead, the same behaviour up to stuttering. TLC prints
// this lasso or a longer one, depending on the fingerprint function it
// draws at random for each run.
func TestLassoWithoutSelfLoop(t *testing.T) {
	r := run(t, filepath.Join("prefix", "Flip.tla"), filepath.Join("prefix", "FlipFair.cfg"))
	want := `liveness 2 LeadsTo | Initial predicate:"a" Next:"b" | Back to state 1: <Next line 4, col 9 to line 4, col 25 of module Flip>`
	if got := summary(r); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
