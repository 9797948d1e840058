package checker

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// liveGrid is a 40 × 40 grid of states, level k the states with x + y = k
// (one batch each under spillOpts), with temporal properties: Prop holds,
// Bad fails by a cycle the check after the search finds, Stays by a prefix
// the prefix watch finds at level 71 (under Unfair: the watch takes the
// clauses without fairness).
const liveGrid = `---- MODULE LiveGrid ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == \/ x' = (x + 1) % 40 /\ y' = y
        \/ y' = (y + 1) % 40 /\ x' = x
Spec == Init /\ [][Next]_<<x, y>> /\ WF_<<x, y>>(Next)
Unfair == Init /\ [][Next]_<<x, y>>
Prop == []<>(x = 0 \/ y = 0)
Bad == []<>(x = 0 /\ y = 1)
Stays == [](x + y = 70 => [](x + y >= 70))
====
`

// TestLivenessCheckpointRecover: a run with temporal properties that
// checkpoints is stopped after its thirtieth checkpoint (mid-search: the
// files it goes on writing are those a killed run leaves); a run
// recovering from that checkpoint, with 1 or 2 workers, reports what an
// uninterrupted run reports: TLC's verdict and counts, the same trace and
// lasso. The counts and traces are TLC's (tla2tools, -workers 1): Prop
// holds, 3201 generated, 1600 distinct, depth 79; Bad is violated, the
// same counts, a 40-state lasso back to state 1; Stays is violated by a
// 72-state prefix, 3113 generated, 1565 distinct, 9 left, depth 72.
func TestLivenessCheckpointRecover(t *testing.T) {
	cases := []struct {
		name, cfg     string
		outcome       string
		gen, distinct int64
		left          int64
		depth         int
		trace, back   int // trace length, the state the lasso returns to (0: none)
	}{
		{"holds", "SPECIFICATION Spec\nPROPERTY Prop\n", OutcomeOK, 3201, 1600, 0, 79, 0, 0},
		{"cycle", "SPECIFICATION Spec\nPROPERTY Bad\n", OutcomeLiveness, 3201, 1600, 0, 79, 40, 1},
		{"prefix", "SPECIFICATION Unfair\nPROPERTY Stays\n", OutcomeLiveness, 3129, 1572, 8, 72, 72, 0},
	}
	for _, c := range cases {
		m := inline(t, "LiveGrid", liveGrid, c.cfg)
		want := run(t, m, 1)
		got := [...]any{want.Outcome, want.GeneratedStates, want.DistinctStates, want.QueueLeft, want.Depth, len(want.Trace)}
		if got != [...]any{c.outcome, c.gen, c.distinct, c.left, c.depth, c.trace} {
			t.Fatalf("%s in memory: %v (%s), want TLC's", c.name, got, want.Message)
		}
		if back := lassoStart(want); back != c.back {
			t.Fatalf("%s in memory: lasso back to %d, want TLC's %d", c.name, back, c.back)
		}
		for _, w := range []int{1, 2} {
			ctx, cancel := context.WithCancel(context.Background())
			opt := spillOpts(t, w)
			opt.Checkpoint, opt.CheckpointDir = time.Nanosecond, t.TempDir()
			var ck string
			n := 0
			opt.OnCheckpoint = func(dir string) {
				if n++; n == 30 {
					ck = dir
					cancel()
				}
			}
			if _, err := Check(ctx, m, opt); !errors.Is(err, context.Canceled) {
				t.Fatalf("%s: the first run was not stopped: %v", c.name, err)
			}
			if ck == "" || LatestCheckpoint(opt.CheckpointDir) != ck {
				t.Fatalf("%s: latest checkpoint %q, want %q", c.name, LatestCheckpoint(opt.CheckpointDir), ck)
			}
			opt = spillOpts(t, w)
			opt.Checkpoint, opt.CheckpointDir = time.Nanosecond, t.TempDir() // the recovered run checkpoints too
			opt.Recover = ck
			if w == 2 {
				opt.Recover = filepath.Dir(ck) // the folder of the checkpoints: the latest
			}
			res, err := Check(context.Background(), m, opt)
			if err != nil {
				t.Fatal(err)
			}
			got := [...]any{res.Outcome, res.Message, res.GeneratedStates, res.DistinctStates, res.QueueLeft, res.Depth, lassoStart(res), len(res.Warnings)}
			if want := [...]any{want.Outcome, want.Message, want.GeneratedStates, want.DistinctStates, want.QueueLeft, want.Depth, lassoStart(want), len(want.Warnings)}; got != want {
				t.Errorf("%s, %d workers, recovered: %v, want %v", c.name, w, got, want)
			}
			if !reflect.DeepEqual(states(res), states(want)) {
				t.Errorf("%s, %d workers: recovered trace\n%s\nwant\n%s", c.name, w, strings.Join(states(res), "\n"), strings.Join(states(want), "\n"))
			}
		}
	}
}

func lassoStart(r *Result) int {
	if r.Lasso == nil {
		return 0
	}
	return r.Lasso.Start
}

// TestLivenessCheckpointModel: a checkpoint of a run with temporal
// properties is refused to the model without them, and the reverse.
func TestLivenessCheckpointModel(t *testing.T) {
	live := inline(t, "LiveGrid", liveGrid, "SPECIFICATION Spec\nPROPERTY Prop\n")
	safe := inline(t, "LiveGrid", liveGrid, "SPECIFICATION Spec\n")
	for _, pair := range [][2]*Model{{live, safe}, {safe, live}} {
		opt := spillOpts(t, 1)
		opt.Checkpoint, opt.CheckpointDir = time.Nanosecond, t.TempDir()
		if res, err := Check(context.Background(), pair[0], opt); err != nil || res.Outcome != OutcomeOK || LatestCheckpoint(opt.CheckpointDir) == "" {
			t.Fatalf("checkpointing: %v %+v", err, res)
		}
		opt.Recover = opt.CheckpointDir
		res, err := Check(context.Background(), pair[1], opt)
		if err != nil || res.Outcome != OutcomeError || !strings.Contains(res.Message, "the specification, the model or the options changed") {
			t.Errorf("recovering another model: %v %s %q", err, res.Outcome, res.Message)
		}
	}
}
