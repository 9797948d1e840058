package checker

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/tlals/tlals/checker/spillmem"
)

// TestSpillLiveness: a run that spills keeps the behaviour graph on disk
// (diskgraph.go) and reports what the in-memory run reports: outcome,
// property, counts, trace and lasso, with one or two workers, for a
// property that holds, one violated on a cycle (weak and strong fairness,
// an action leaf), one a finite prefix violates (the prefix watch reads
// the values of states found but not expanded), and under SYMMETRY (each
// step keeps its successor as produced). The in-memory results are TLC's
// (TLC 2.19, the counts in the comments); the graph is read back from the
// files (reads > 0) and nothing of it stays in memory.
func TestSpillLiveness(t *testing.T) {
	grid := `---- MODULE Grid ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == \/ x' = (x + 1) % 30 /\ y' = y
        \/ y' = (y + 1) % 30 /\ x' = x
Spec == Init /\ [][Next]_<<x, y>> /\ WF_<<x, y>>(Next)
SSpec == Init /\ [][Next]_<<x, y>> /\ SF_<<x, y>>(Next)
Hold == []<>(x = 0 \/ y = 0)
Bad == []<>(x = 0 /\ y = 1)
Moves == []<><<Next>>_<<x, y>>
ISpec == Init /\ [][Next]_<<x, y>>
Safe == [](x = 3 => [](x >= 3))
====
`
	sym := `---- MODULE Sym ----
EXTENDS Naturals
CONSTANT Procs
VARIABLE s
Init == s = [p \in Procs |-> 0]
Next == \E p \in Procs : s' = [s EXCEPT ![p] = (@ + 1) % 3]
Spec == Init /\ [][Next]_s /\ WF_s(Next)
Perms == Permutations(Procs)
AllZero == []<>(\A p \in Procs : s[p] = 0)
====
`
	// the counts, trace lengths and lasso starts are TLC's (tlc -workers 1),
	// but for the prefix: TLC reports it once it has expanded the state
	// that ends it, (29, 0), with 873 generated, 466 distinct and 30 left;
	// the watch reports it at the end of that state's level (see
	// watchLevel), and so does the run that spills, whose batches are
	// smaller than the level here
	cases := []struct {
		name, tla, cfg      string
		outcome             string
		distinct, gen, left int64
		trace, back         int // states, the state the lasso goes back to (0: none)
	}{
		{"holds", grid, "SPECIFICATION Spec\nPROPERTY Hold\n", OutcomeOK, 900, 1801, 0, 0, 0},
		{"violated", grid, "SPECIFICATION Spec\nPROPERTY Hold\nPROPERTY Bad\n", OutcomeLiveness, 900, 1801, 0, 30, 1},
		{"strong fairness, action leaf", grid, "SPECIFICATION SSpec\nPROPERTY Moves\n", OutcomeOK, 900, 1801, 0, 0, 0},
		{"prefix", grid, "SPECIFICATION ISpec\nPROPERTY Safe\n", OutcomeLiveness, 494, 931, 29, 31, 0},
		{"symmetry", strings.Replace(sym, "EXTENDS Naturals", "EXTENDS Naturals, TLC", 1), "SPECIFICATION Spec\nCONSTANT Procs = {p1, p2, p3}\nSYMMETRY Perms\nPROPERTY AllZero\n", OutcomeLiveness, 10, 31, 0, 4, 2},
	}
	oldMin := spillmem.MinMapped
	t.Cleanup(func() { liveArenaBudget, spillmem.MinMapped = 0, oldMin })
	for _, c := range cases {
		name := "Grid"
		if strings.Contains(c.tla, "MODULE Sym") {
			name = "Sym"
		}
		m := inline(t, name, c.tla, c.cfg)
		mem := run(t, m, 1)
		back := 0
		if mem.Lasso != nil {
			back = mem.Lasso.Start
		}
		got := [...]any{mem.Outcome, mem.DistinctStates, mem.GeneratedStates, mem.QueueLeft, len(mem.Trace), back}
		if want := [...]any{c.outcome, c.distinct, c.gen, c.left, c.trace, c.back}; got != want {
			t.Fatalf("%s in memory: %v, want TLC's %v", c.name, got, want)
		}
		// arena: the liveness check's tables mapped from files, however
		// small, and their pages dropped as often as the trimmer polls
		// (its budget is 1 byte): the same outcome, trace and lasso
		for _, v := range []struct {
			w     int
			arena bool
		}{{1, false}, {2, false}, {1, true}, {2, true}} {
			w := v.w
			opt := spillOpts(t, w)
			liveArenaBudget, spillmem.MinMapped = 0, oldMin
			if v.arena {
				liveArenaBudget, spillmem.MinMapped = 1, 0
			}
			spillBatch = 7 // a level takes several batches
			var reads int64
			made := 0
			spillEnded = func(sp *spillState) {
				if sp.graph != nil {
					reads = sp.graph.reads.Load()
					made = sp.graph.arena.Made()
				}
			}
			res, err := Check(context.Background(), m, opt)
			if err != nil {
				t.Fatal(err)
			}
			got := [...]any{res.Outcome, res.Property, res.Message, res.DistinctStates, res.GeneratedStates, res.Depth, res.QueueLeft}
			want := [...]any{mem.Outcome, mem.Property, mem.Message, mem.DistinctStates, mem.GeneratedStates, mem.Depth, mem.QueueLeft}
			if got != want {
				t.Errorf("%s, %d workers, spilling: %v, want %v", c.name, w, got, want)
			}
			if !reflect.DeepEqual(states(res), states(mem)) || !reflect.DeepEqual(res.Lasso, mem.Lasso) {
				t.Errorf("%s, %d workers: trace\n%s\nlasso %+v, want\n%s\nlasso %+v", c.name, w, strings.Join(states(res), "\n"), res.Lasso, strings.Join(states(mem), "\n"), mem.Lasso)
			}
			if reads == 0 {
				t.Errorf("%s, %d workers: the graph was not read from disk", c.name, w)
			}
			// (the prefix watch finds that violation: no component search)
			if v.arena != (made > 0) && c.name != "prefix" || !v.arena && made > 0 {
				t.Errorf("%s, %d workers: %d slices mapped, arena %v", c.name, w, made, v.arena)
			}
			if !reflect.DeepEqual(res.Warnings, mem.Warnings) {
				t.Errorf("%s, %d workers: warnings %q, want %q", c.name, w, res.Warnings, mem.Warnings)
			}
		}
	}
}
