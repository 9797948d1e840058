package checker

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlals/tlals/checker/eval"
)

func loadTempModel(t *testing.T, name, tla, cfg string) *Model {
	t.Helper()
	dir := t.TempDir()
	for path, text := range map[string]string{name + ".tla": tla, name + ".cfg": cfg} {
		if err := os.WriteFile(filepath.Join(dir, path), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := LoadModel(filepath.Join(dir, name+".tla"), filepath.Join(dir, name+".cfg"), nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

const replaySpec = `---- MODULE Replay ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
IncX == x < 3 /\ x' = x + 1 /\ UNCHANGED y
IncY == y < 1 /\ y' = y + 1 /\ UNCHANGED x
Next == IncX \/ IncY
Small == x + y < 4
Up == [][x' >= x]_<<x, y>>
====
`

// TestReplay checks another engine's behaviours: each step is named by
// the action that takes it, as the search names it, and the end's
// violation is the one the search reports.
func TestReplay(t *testing.T) {
	st := func(x, y int) []eval.Value { return []eval.Value{eval.Int(x), eval.Int(y)} }
	for _, tc := range []struct {
		name, cfg string
		states    [][]eval.Value
		actions   []string
		outcome   string
		property  string
		line      int // the location's line; 0: none
		err       string
	}{
		{name: "invariant", cfg: "INIT Init\nNEXT Next\nINVARIANT Small\n",
			states:  [][]eval.Value{st(0, 0), st(1, 0), st(1, 1), st(2, 1), st(3, 1)},
			actions: []string{"Initial predicate", "IncX", "IncY", "IncX", "IncX"},
			outcome: OutcomeInvariant, property: "Small", line: 8},
		{name: "deadlock", cfg: "INIT Init\nNEXT Next\n",
			states:  [][]eval.Value{st(0, 0), st(0, 1), st(1, 1), st(2, 1), st(3, 1)},
			actions: []string{"Initial predicate", "IncY", "IncX", "IncX", "IncX"},
			outcome: OutcomeDeadlock},
		{name: "no deadlock check", cfg: "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n",
			states:  [][]eval.Value{st(0, 0), st(0, 1), st(1, 1), st(2, 1), st(3, 1)},
			actions: []string{"Initial predicate", "IncY", "IncX", "IncX", "IncX"}},
		{name: "stuttering", cfg: "INIT Init\nNEXT Next\n",
			states:  [][]eval.Value{st(0, 0), st(0, 0)},
			actions: []string{"Initial predicate", "Stuttering"}},
		{name: "prefix without violation", cfg: "INIT Init\nNEXT Next\nINVARIANT Small\n",
			states:  [][]eval.Value{st(0, 0), st(1, 0)},
			actions: []string{"Initial predicate", "IncX"}},
		{name: "not a successor", cfg: "INIT Init\nNEXT Next\n",
			states: [][]eval.Value{st(0, 0), st(1, 0), st(3, 0)},
			err:    "state 3 is not a successor of state 2 under the next-state relation"},
		{name: "not initial", cfg: "INIT Init\nNEXT Next\n",
			states: [][]eval.Value{st(1, 0)},
			err:    "state 1 is not an initial state of the specification"},
		{name: "wrong width", cfg: "INIT Init\nNEXT Next\n",
			states: [][]eval.Value{{eval.Int(0)}},
			err:    "state 1 has 1 values for 2 variables"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := loadTempModel(t, "Replay", replaySpec, tc.cfg)
			rep, err := Replay(context.Background(), m, tc.states, Options{})
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Replay: %v, want error %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for i, s := range rep.Steps {
				got = append(got, s.Action)
				if (s.Location == nil) != (i == 0 || s.Action == "Stuttering") {
					t.Errorf("step %d (%s): location %v", i+1, s.Action, s.Location)
				}
			}
			if strings.Join(got, " ") != strings.Join(tc.actions, " ") {
				t.Errorf("actions %v, want %v", got, tc.actions)
			}
			if rep.Outcome != tc.outcome || rep.Property != tc.property {
				t.Errorf("verdict %q %q, want %q %q", rep.Outcome, rep.Property, tc.outcome, tc.property)
			}
			if line := 0; rep.Location != nil || tc.line != 0 {
				if rep.Location != nil {
					line = rep.Location.StartLine
				}
				if line != tc.line {
					t.Errorf("location line %d, want %d", line, tc.line)
				}
			}
		})
	}
}

// TestReplayActionProperty: the last step of a behaviour that violates an
// action property is reported as the search reports it.
func TestReplayActionProperty(t *testing.T) {
	spec := strings.Replace(replaySpec, "IncY == y < 1 /\\ y' = y + 1 /\\ UNCHANGED x", "IncY == y < 1 /\\ y' = y + 1 /\\ x' = 0", 1)
	m := loadTempModel(t, "Replay", spec, "INIT Init\nNEXT Next\nPROPERTY Up\n")
	st := func(x, y int) []eval.Value { return []eval.Value{eval.Int(x), eval.Int(y)} }
	rep, err := Replay(context.Background(), m, [][]eval.Value{st(0, 0), st(1, 0), st(0, 1)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Outcome != OutcomeActionProperty || rep.Message != "Action property Up is violated." {
		t.Errorf("verdict %q %q", rep.Outcome, rep.Message)
	}
}

// TestAdoptInvariant: a result another engine found gets the search's
// location of the invariant, its failing part and the printed states.
func TestAdoptInvariant(t *testing.T) {
	m := loadTempModel(t, "Replay", replaySpec, "INIT Init\nNEXT Next\nINVARIANT Small\n")
	res := &Result{Outcome: OutcomeInvariant, Property: "Small", Trace: []Step{
		{Action: "Initial predicate", Values: []eval.Value{eval.Int(0), eval.Int(0)}},
		{Action: "IncX", Values: []eval.Value{eval.Int(3), eval.Int(1)}},
	}}
	if err := Adopt(m, res); err != nil {
		t.Fatal(err)
	}
	if res.Location == nil || res.Location.StartLine != 8 || res.Location.StartColumn != 10 {
		t.Errorf("location %+v, want line 8, col 10", res.Location)
	}
	if res.ExitCode != ExitViolationSafety {
		t.Errorf("exit code %d", res.ExitCode)
	}
	if got := res.Trace[1].State; len(got) != 2 || got[0] != (VarValue{"x", "3"}) || got[1] != (VarValue{"y", "1"}) {
		t.Errorf("state %v", got)
	}
	if r := m.RangeAt("Replay", 5, 9, 5, 42); r == nil || r.Start != strings.Index(replaySpec, "x < 3") || r.End != strings.Index(replaySpec, "\nIncY") {
		t.Errorf("RangeAt = %+v", r)
	}
}
