package checker

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/tlals/tlals/checker/eval"
)

func simulate(t *testing.T, m *Model, seed int64, sim Simulation) *Result {
	t.Helper()
	res, err := Check(context.Background(), m, Options{Seed: &seed, Simulate: &sim})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// The models below were run with TLC's -simulate; the expected verdicts,
// counts and traces are TLC's where a random choice cannot change them.

const simCounter = `---- MODULE C ----
EXTENDS Naturals
VARIABLES x
Init == x = 0
Next == x < 3 /\ x' = x + 1
Con == x < 2
Live == <>(x = 3)
====
`

func TestSimulateVerdicts(t *testing.T) {
	cases := []struct {
		name, tla, cfg string
		sim            Simulation
		outcome        string
		code           int
		message        string
		trace          []string
		generated      int64
		behaviours     int64
	}{
		{
			// a successor outside the constraint is no successor: TLC
			// reports the state whose successors all are outside as a
			// deadlock
			name: "constraint deadlock", tla: simCounter, cfg: "INIT Init\nNEXT Next\nCONSTRAINT Con\n",
			sim: Simulation{Num: 3}, outcome: OutcomeDeadlock, code: ExitViolationDeadlock, message: "Deadlock reached.",
			trace: []string{"Init: x=0", "Next: x=1"}, generated: 3, behaviours: 1,
		},
		{
			name: "deadlock", tla: simCounter, cfg: "INIT Init\nNEXT Next\n",
			sim: Simulation{Num: 3}, outcome: OutcomeDeadlock, code: ExitViolationDeadlock, message: "Deadlock reached.",
			trace: []string{"Init: x=0", "Next: x=1", "Next: x=2", "Next: x=3"}, generated: 4, behaviours: 1,
		},
		{
			// no fairness: the behaviour's prefix up to x = 2, stuttering
			// there, violates <>(x = 3) (TLC's counterexample, exactly)
			name: "temporal on the behaviour", tla: simCounter, cfg: "INIT Init\nNEXT Next\nPROPERTY Live\nCHECK_DEADLOCK FALSE\n",
			sim: Simulation{Num: 3}, outcome: OutcomeLiveness, code: ExitViolationLiveness, message: "Temporal property Live was violated.",
			trace: []string{"Init: x=0", "Next: x=1", "Next: x=2", "Stuttering: x=2"}, generated: 4, behaviours: 1,
		},
		{
			// every behaviour has 30 steps, each generating one state
			name: "no violation", tla: `---- MODULE S ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y \in {0,1}
Inc == x < 20 /\ x' = x + 1 /\ y' = y
Flip == y' = 1 - y /\ x' = x
Next == Inc \/ Flip
Inv == x < 25
====
`, cfg: "INIT Init\nNEXT Next\nINVARIANT Inv\n",
			sim: Simulation{Num: 50, Depth: 30}, outcome: OutcomeOK, code: ExitSuccess, generated: 1502, behaviours: 50,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := simulate(t, inline(t, strings.Fields(c.tla)[2], c.tla, c.cfg), 1, c.sim)
			if res.Outcome != c.outcome || res.ExitCode != c.code || res.Message != c.message {
				t.Fatalf("got %s/%d %q, want %s/%d %q", res.Outcome, res.ExitCode, res.Message, c.outcome, c.code, c.message)
			}
			if got := states(res); !reflect.DeepEqual(got, c.trace) && (len(got) > 0 || len(c.trace) > 0) {
				t.Errorf("trace\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.trace, "\n"))
			}
			if res.GeneratedStates != c.generated || res.Simulation.Behaviours != c.behaviours {
				t.Errorf("generated %d in %d behaviours, want %d in %d", res.GeneratedStates, res.Simulation.Behaviours, c.generated, c.behaviours)
			}
		})
	}
}

// An invariant violated deep in the behaviours: the trace is a behaviour
// of the spec ending in the violating state, and the seed reproduces it.
func TestSimulateInvariantTrace(t *testing.T) {
	tla := `---- MODULE S ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y \in {0,1}
Inc == x < 20 /\ x' = x + 1 /\ y' = y
Flip == y' = 1 - y /\ x' = x
Next == Inc \/ Flip
Inv == x < 15
ActInv == [][x' >= x]_x
====
`
	m := inline(t, "S", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\n")
	res := simulate(t, m, 7, Simulation{})
	if res.Outcome != OutcomeInvariant || res.Message != "Invariant Inv is violated." || res.ExitCode != ExitViolationSafety {
		t.Fatalf("got %s %q", res.Outcome, res.Message)
	}
	if res.Location == nil || res.Location.StartLine != 8 {
		t.Errorf("location %+v, want Inv's line 8", res.Location)
	}
	tr := res.Trace
	if tr[0].Action != "Init" || tr[0].Location.StartLine != 4 || tr[0].Location.StartColumn != 9 || tr[0].Values[0] != eval.Int(0) {
		t.Fatalf("first state %+v", tr[0])
	}
	for i := 1; i < len(tr); i++ {
		x0, y0 := tr[i-1].Values[0].(eval.Int), tr[i-1].Values[1].(eval.Int)
		x1, y1 := tr[i].Values[0].(eval.Int), tr[i].Values[1].(eval.Int)
		switch tr[i].Action {
		case "Inc":
			if x1 != x0+1 || y1 != y0 {
				t.Fatalf("step %d is no Inc step: %v -> %v", i, tr[i-1].Values, tr[i].Values)
			}
		case "Flip":
			if x1 != x0 || y1 != 1-y0 {
				t.Fatalf("step %d is no Flip step: %v -> %v", i, tr[i-1].Values, tr[i].Values)
			}
		default:
			t.Fatalf("step %d by %q", i, tr[i].Action)
		}
	}
	if last := tr[len(tr)-1].Values[0]; last != eval.Int(15) {
		t.Errorf("last state has x = %v, want 15 (the first violating state)", last)
	}
	again := simulate(t, m, 7, Simulation{})
	if !reflect.DeepEqual(states(again), states(res)) || again.GeneratedStates != res.GeneratedStates {
		t.Errorf("the same seed walked another behaviour")
	}
	if !strings.Contains(res.TLCText(), "Simulation using seed 7 and aril 0\n") {
		t.Errorf("text:\n%s", res.TLCText())
	}

	// an action property: Flip steps keep x, so [][x' >= x]_x holds; a
	// decreasing one is violated at the first Flip step
	m = inline(t, "S", strings.Replace(tla, "ActInv == [][x' >= x]_x", "ActInv == [][y' >= y]_y", 1), "INIT Init\nNEXT Next\nPROPERTY ActInv\n")
	res = simulate(t, m, 7, Simulation{})
	if res.Outcome != OutcomeActionProperty || res.Message != "Action property ActInv is violated." {
		t.Fatalf("got %s %q", res.Outcome, res.Message)
	}
	n := len(res.Trace)
	if res.Trace[n-1].Action != "Flip" || res.Trace[n-1].Values[1] != eval.Int(0) || res.Trace[n-2].Values[1] != eval.Int(1) {
		t.Errorf("trace does not end with y going down:\n%s", strings.Join(states(res), "\n"))
	}
}

// With []<><<TRUE>>_x the behaviour may not stutter: the counterexample is
// the cycle the behaviour closed, back to state 1 (TLC's Example1).
func TestSimulateTemporalCycle(t *testing.T) {
	tla := `---- MODULE Cyc ----
EXTENDS Integers
VARIABLE x
Init == x = 0
Next == x' = ( x + 1 ) % 10
Spec == Init /\ [][Next]_<<x>> /\ []<><<TRUE>>_<<x>>
Liveness1 == <>(x = -10)
====
`
	res := simulate(t, inline(t, "Cyc", tla, "SPECIFICATION Spec\nPROPERTY Liveness1\n"), 1, Simulation{Num: 5})
	if res.Outcome != OutcomeLiveness || res.Lasso == nil || res.Lasso.Stuttering || res.Lasso.Start != 1 || len(res.Trace) != 10 {
		t.Fatalf("got %s, lasso %+v, %d states", res.Outcome, res.Lasso, len(res.Trace))
	}
	// a behaviour too short to close the cycle shows no violation
	res = simulate(t, inline(t, "Cyc", tla, "SPECIFICATION Spec\nPROPERTY Liveness1\n"), 1, Simulation{Num: 5, Depth: 5})
	if res.Outcome != OutcomeOK || res.Simulation.Behaviours != 5 || res.GeneratedStates != 26 {
		t.Fatalf("got %s %q, %d behaviours, %d states", res.Outcome, res.Message, res.Simulation.Behaviours, res.GeneratedStates)
	}
}

// TLCGet in simulation mode, as TLC answers it (its output on this spec,
// but for the install path and the empty record TLC prints []).
func TestSimulateTLCGet(t *testing.T) {
	tla := `---- MODULE G ----
EXTENDS Naturals, TLC
VARIABLES x
Init == x = 0
Next == x' = x + 1 /\ (x = 2 => PrintT(<<TLCGet("level"), TLCGet("diameter")>>)) /\ (x = 3 => PrintT(TLCGet("stats").behavior)) /\ (x = 3 => PrintT(TLCGet("config").mode)) /\ (x = 3 => PrintT(TLCGet("action").name))
====
`
	res := simulate(t, inline(t, "G", tla, "INIT Init\nNEXT Next\n"), 1, Simulation{Num: 2, Depth: 5})
	want := []string{`<<3, 1>>`, `[id |-> 1, actions |-> [Next |-> 3]]`, `"simulate"`, `"Next"`, `<<3, 2>>`, `[id |-> 2, actions |-> [Next |-> 3]]`, `"simulate"`, `"Next"`}
	var got []string
	for _, p := range res.Output {
		got = append(got, p.Text)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("printed\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Outcome != OutcomeOK || res.GeneratedStates != 11 {
		t.Errorf("got %s, %d states, want ok, 11", res.Outcome, res.GeneratedStates)
	}
	// TLC: the number of distinct states is unknown in a simulation
	tla = strings.Replace(tla, `TLCGet("diameter")`, `TLCGet("distinct")`, 1)
	res = simulate(t, inline(t, "G", tla, "INIT Init\nNEXT Next\n"), 1, Simulation{Num: 2, Depth: 5})
	if res.Outcome != OutcomeError || !strings.Contains(res.Message, "TLCGet(distinct) was undefined.") || len(res.Trace) != 3 {
		t.Errorf("got %s %q with %d states", res.Outcome, res.Message, len(res.Trace))
	}
}

// An evaluation error in a temporal property is reported with the
// behaviour up to the state where it was raised.
func TestSimulateTemporalError(t *testing.T) {
	tla := `---- MODULE TE ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 3 /\ x' = x + 1
Live == <>(IF x = 2 THEN 1 \div 0 = 1 ELSE FALSE)
====
`
	res := simulate(t, inline(t, "TE", tla, "INIT Init\nNEXT Next\nPROPERTY Live\nCHECK_DEADLOCK FALSE\n"), 1, Simulation{Num: 2})
	if res.Outcome != OutcomeError || res.ExitCode != ExitFailureLivenessEval || len(res.Trace) != 3 {
		t.Fatalf("got %s %d %q with %d states", res.Outcome, res.ExitCode, res.Message, len(res.Trace))
	}
}

// TLCSet("exit", TRUE) ends the simulation after the behaviour, without
// error.
func TestSimulateExit(t *testing.T) {
	tla := `---- MODULE X ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x' = x + 1 /\ (x = 3 => TLCSet("exit", TRUE))
====
`
	res := simulate(t, inline(t, "X", tla, "INIT Init\nNEXT Next\n"), 1, Simulation{Num: 5, Depth: 10})
	if res.Outcome != OutcomeOK || res.ExitCode != ExitSuccess || res.Simulation.Behaviours != 1 || res.GeneratedStates != 5 || res.Simulation.MeanLength != 0 {
		t.Fatalf("got %s %d, %d behaviours, %d states", res.Outcome, res.ExitCode, res.Simulation.Behaviours, res.GeneratedStates)
	}
}

// A cancelled simulation returns the context's error with a bounded
// result, as a cancelled search.
func TestSimulateCancelled(t *testing.T) {
	m := inline(t, "C", simCounter, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	seed := int64(1)
	res, err := Check(ctx, m, Options{Seed: &seed, Simulate: &Simulation{}})
	if err != context.Canceled || res == nil || res.Outcome != OutcomeBound {
		t.Fatalf("got %v, %+v", err, res)
	}
}

// TestSimulateWorkers: with -workers N the simulation walks behaviours on N
// workers, and a seed gives the same result (verdict, trace, counts) on
// every run whatever the scheduling; one worker and four both find the
// violation of an invariant that fails only deep in a behaviour.
func TestSimulateWorkers(t *testing.T) {
	tla := `---- MODULE Deep ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y \in 0..2
Up == x' = x + 1 /\ y' = y
Spin == y' = (y + 1) % 3 /\ x' = x
Next == Up \/ Spin
Inv == x < 40
====
`
	m := inline(t, "Deep", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\n")
	run := func(workers int, seed int64, sim Simulation) *Result {
		t.Helper()
		res, err := Check(context.Background(), m, Options{Seed: &seed, Workers: workers, Simulate: &sim})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	// behaviours of 60 steps: x reaches 40 in few of them (Up is taken
	// at random in half of the steps)
	deep := Simulation{Depth: 60}
	for _, w := range []int{1, 4} {
		first := run(w, 11, deep)
		t.Logf("workers=%d: violation in behaviour %d, %d states generated", w, first.Simulation.Behaviours, first.GeneratedStates)
		if first.Simulation.Behaviours < 8 {
			t.Errorf("workers=%d: a violation in behaviour %d: not deep enough to need several rounds", w, first.Simulation.Behaviours)
		}
		if first.Outcome != OutcomeInvariant || first.Message != "Invariant Inv is violated." {
			t.Fatalf("workers=%d: %s %q", w, first.Outcome, first.Message)
		}
		tr := first.Trace
		if last := tr[len(tr)-1].Values[0]; last != eval.Int(40) || len(tr) < 41 {
			t.Errorf("workers=%d: the trace of %d states ends with x = %v, want 40", w, len(tr), last)
		}
		for i := 0; i < 3; i++ {
			again := run(w, 11, deep)
			if !reflect.DeepEqual(states(again), states(first)) || again.GeneratedStates != first.GeneratedStates ||
				*again.Simulation != *first.Simulation {
				t.Fatalf("workers=%d: run %d differs: %d states, %+v; first %d states, %+v", w, i, again.GeneratedStates, *again.Simulation, first.GeneratedStates, *first.Simulation)
			}
		}
	}
	// a number of behaviours is the total over the workers; each worker
	// walks its own: another worker count walks other behaviours
	m = inline(t, "Deep", strings.Replace(tla, "x < 40", "x < 1000", 1), "INIT Init\nNEXT Next\nINVARIANT Inv\n")
	one, four := run(1, 5, Simulation{Num: 10, Depth: 20}), run(4, 5, Simulation{Num: 10, Depth: 20})
	for _, r := range []*Result{one, four} {
		if r.Outcome != OutcomeOK || r.Simulation.Behaviours != 10 || r.Simulation.Completed != 10 || r.Simulation.MeanLength != 20 {
			t.Errorf("%s %+v", r.Outcome, *r.Simulation)
		}
		// 3 initial states, then 20 steps of each behaviour: Up and Spin
		// are always enabled, the action tried first has one successor
		if r.GeneratedStates != 3+10*20 {
			t.Errorf("%d states generated, want %d", r.GeneratedStates, 3+10*20)
		}
	}
}
