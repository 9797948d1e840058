package checker

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// spillOpts forces a run to spill: an in-memory table of a few hundred
// fingerprints (merged into the file on disk many times) and small queue
// segments.
func spillOpts(t *testing.T, workers int) Options {
	old := segmentSize
	segmentSize = 4 << 10
	spillEnded = func(sp *spillState) { lastMerges = sp.fp.flushes.Load() }
	t.Cleanup(func() { segmentSize, spillEnded = old, nil })
	return Options{Workers: workers, SpillDir: t.TempDir(), SpillTable: 300}
}

// lastMerges is the number of merges of the last spilling run.
var lastMerges int64

// TestSpillSameAsMemory: a run that keeps its seen set, queue and trace
// nodes on disk reports what the in-memory run reports, counts and trace,
// with any number of workers; the counts are TLC's.
func TestSpillSameAsMemory(t *testing.T) {
	cases := []struct {
		name, tla, cfg string
		outcome        string
		distinct, gen  int64
		depth          int
		left           int64
		traceLen       int
	}{
		// TLC: 78901 generated, 18232 distinct, depth 14
		{"complete", "spill/Spill.tla", "spill/SpillOK.cfg", OutcomeOK, 18232, 78901, 14, 0, 0},
		// TLC: 59972 generated, 15990 distinct, 3670 left, a 13-state trace
		{"invariant", "spill/Spill.tla", "spill/Spill.cfg", OutcomeInvariant, 15990, 59972, 13, 3670, 13},
		{"uploader", "Uploader_translated.tla", "Uploader_translated.cfg", "", 0, 0, 0, 0, 0},
	}
	for _, c := range cases {
		m := load(t, c.tla, c.cfg)
		mem := run(t, m, 1)
		if c.outcome != "" {
			got := [...]any{mem.Outcome, mem.DistinctStates, mem.GeneratedStates, mem.Depth, mem.QueueLeft, len(mem.Trace)}
			want := [...]any{c.outcome, c.distinct, c.gen, c.depth, c.left, c.traceLen}
			if got != want {
				t.Fatalf("%s in memory: %v, want TLC's %v", c.name, got, want)
			}
		}
		for _, w := range []int{1, 2} {
			opt := spillOpts(t, w)
			res, err := Check(context.Background(), m, opt)
			if err != nil {
				t.Fatal(err)
			}
			got := [...]any{res.Outcome, res.Message, res.DistinctStates, res.GeneratedStates, res.Depth, res.QueueLeft}
			want := [...]any{mem.Outcome, mem.Message, mem.DistinctStates, mem.GeneratedStates, mem.Depth, mem.QueueLeft}
			if got != want {
				t.Errorf("%s, %d workers, spilling: %v, want %v", c.name, w, got, want)
			}
			if want := res.DistinctStates / 300; lastMerges < want-1 {
				t.Errorf("%s: %d merges into the file on disk, want about %d", c.name, lastMerges, want)
			}
			if !reflect.DeepEqual(states(res), states(mem)) {
				t.Errorf("%s, %d workers: trace\n%s\nwant\n%s", c.name, w, strings.Join(states(res), "\n"), strings.Join(states(mem), "\n"))
			}
		}
	}
}
