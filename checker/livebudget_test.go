package checker

import (
	"context"
	"reflect"
	"testing"
	"time"
)

// TestLivenessPastBudget: a model with a temporal property keeps its
// behaviour graph in memory (TLC keeps it on disk), so with a memory budget
// below its footprint the run does not spill: it stops at the budget with
// outcome bound, a message naming the budget and the warning that says
// why, never running out of memory. In memory the run finds the 360,000
// states (600 × 600) and the property holds, its heap some 500 MB.
func TestLivenessPastBudget(t *testing.T) {
	m := inline(t, "LiveBig", `---- MODULE LiveBig ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == \/ x' = (x + 1) % 600 /\ y' = y
        \/ y' = (y + 1) % 600 /\ x' = x
Spec == Init /\ [][Next]_<<x, y>> /\ WF_<<x, y>>(Next)
Prop == []<>(x = 0 \/ y = 0)
====
`, "SPECIFICATION Spec\nPROPERTY Prop\n")
	for _, spill := range []bool{true, false} {
		opt := Options{Workers: 1, MaxMemory: 16 << 20}
		var warnings []string
		if spill { // as the CLI's -max-memory: spill asked for, refused
			opt.SpillDir = t.TempDir()
			warnings = []string{SpillNoCheckpoint}
		}
		res, err := Check(context.Background(), m, opt)
		if err != nil {
			t.Fatal(err)
		}
		if res.Outcome != OutcomeBound || res.Message != "memory bound of 16 MB reached" || !reflect.DeepEqual(res.Warnings, warnings) {
			t.Errorf("spill %v: %s %q, warnings %q; want bound at the budget", spill, res.Outcome, res.Message, res.Warnings)
		}
		if res.DistinctStates <= 0 || res.DistinctStates >= 360000 || res.Trace != nil || res.ExitCode != 0 {
			t.Errorf("spill %v: %d distinct states, trace %d steps, exit code %d", spill, res.DistinctStates, len(res.Trace), res.ExitCode)
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
