package checker

import (
	"context"
	"runtime"
	"testing"
	"time"
)

// TestLivenessPastBudget: a model with a temporal property, its heap past
// a memory budget of 24 MB (in memory the 300 × 300 grid's graph, values
// and the liveness check's product take more): with -spill=false the run
// stops at the budget with outcome bound and a message naming it, never
// running out of memory; spilling, the behaviour graph goes to disk with
// the rest (diskgraph.go) and the run completes, with TLC's counts (TLC:
// 180001 generated, 90000 distinct, depth 599) and verdict, the liveness
// check's tables mapped from files (spillmem), not on the heap.
func TestLivenessPastBudget(t *testing.T) {
	m := inline(t, "LiveBig", `---- MODULE LiveBig ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == \/ x' = (x + 1) % 300 /\ y' = y
        \/ y' = (y + 1) % 300 /\ x' = x
Spec == Init /\ [][Next]_<<x, y>> /\ WF_<<x, y>>(Next)
Prop == []<>(x = 0 \/ y = 0)
====
`, "SPECIFICATION Spec\nPROPERTY Prop\n")
	for _, spill := range []bool{true, false} {
		runtime.GC() // the other run's garbage is not this one's
		opt := Options{Workers: 1, MaxMemory: 24 << 20}
		made := 0
		if spill { // as the CLI's -max-memory
			opt.SpillDir = t.TempDir()
			spillEnded = func(sp *spillState) { made = sp.graph.arena.Made() }
			t.Cleanup(func() { spillEnded = nil })
		}
		res, err := Check(context.Background(), m, opt)
		if err != nil {
			t.Fatal(err)
		}
		if !spill {
			if res.Outcome != OutcomeBound || res.Message != "memory bound of 24 MB reached" || len(res.Warnings) != 0 {
				t.Errorf("in memory: %s %q, warnings %q; want bound at the budget", res.Outcome, res.Message, res.Warnings)
			}
			if res.DistinctStates <= 0 || res.DistinctStates > 90000 || res.Trace != nil || res.ExitCode != 0 {
				t.Errorf("in memory: %d distinct states, trace %d steps, exit code %d", res.DistinctStates, len(res.Trace), res.ExitCode)
			}
			continue
		}
		got := [...]any{res.Outcome, res.GeneratedStates, res.DistinctStates, res.Depth, res.QueueLeft}
		if want := [...]any{OutcomeOK, int64(180001), int64(90000), 599, int64(0)}; got != want {
			t.Errorf("spilling: %v (%q), want %v", got, res.Message, want)
		}
		if made == 0 {
			t.Errorf("spilling: the liveness check mapped no table")
		}
	}
}

// TestLivenessCheckPastBudget: the budget reached during the liveness
// check after the search (the watcher interrupts the program, as
// watchBudget does) stops the check: outcome bound, the budget's message,
// not the check's result nor an evaluation error.
func TestLivenessCheckPastBudget(t *testing.T) {
	m := inline(t, "Live", `---- MODULE Live ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == \/ x' = (x + 1) % 30 /\ y' = y
        \/ y' = (y + 1) % 30 /\ x' = x
Spec == Init /\ [][Next]_<<x, y>> /\ WF_<<x, y>>(Next)
Prop == []<>(x = 0 \/ y = 0)
Bad == []<>(x = 0 /\ y = 1)
====
`, "SPECIFICATION Spec\nPROPERTY Prop\nPROPERTY Bad\n")
	t.Cleanup(func() { livenessStarts = nil })
	livenessStarts = func(s *search) {
		// the check's context ends with the interruption: the search of
		// the graph's components evaluates nothing that would notice it
		ctx, stop := s.livenessCtx(context.Background())
		defer stop()
		s.prog.Interrupt(memoryBoundMsg(1 << 30))
		select {
		case <-ctx.Done():
		case <-time.After(10 * time.Second):
			t.Errorf("the liveness check's context did not end with the interruption")
		}
	}
	res, err := Check(context.Background(), m, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != OutcomeBound || res.Message != "memory bound of 1024 MB reached" || res.DistinctStates != 900 || res.Trace != nil || res.ExitCode != 0 {
		t.Errorf("%s %q %d states, trace %d steps, exit code %d; want bound at the budget", res.Outcome, res.Message, res.DistinctStates, len(res.Trace), res.ExitCode)
	}
	livenessStarts = nil
	if res := run(t, m, 1); res.Outcome != OutcomeLiveness || res.Property != "Bad" {
		t.Errorf("without the bound: %s %q", res.Outcome, res.Property)
	}
}
