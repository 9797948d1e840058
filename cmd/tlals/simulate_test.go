package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

const simCounter = `---- MODULE C ----
EXTENDS Naturals
VARIABLES x
Init == x = 0
Next == x < 3 /\ x' = x + 1
====
`

// TestCheckSimulate: -simulate reports as TLC's -simulate (a deadlock at
// the end of the only behaviour), -dump-trace writes the trace in each
// format asked for.
func TestCheckSimulate(t *testing.T) {
	spec := writeModel(t, "C", simCounter, "INIT Init\nNEXT Next\n")
	dir := filepath.Dir(spec)
	var out, errb bytes.Buffer
	args := []string{"check", "-simulate", "-num", "3", "-seed", "5", "-dump-trace", "json", filepath.Join(dir, "C.json"), "-dump-trace", "tla", filepath.Join(dir, "CTrace.tla"), spec}
	if code := run(args, &out, &errb); code != 11 {
		t.Fatalf("exit %d, want 11: %s%s", code, out.String(), errb.String())
	}
	want := `Error: Deadlock reached.
Error: The behavior up to this point is:
State 1: <Init line 4, col 9 to line 4, col 13 of module C>
x = 0

State 2: <Next line 5, col 9 to line 5, col 27 of module C>
x = 1

State 3: <Next line 5, col 9 to line 5, col 27 of module C>
x = 2

State 4: <Next line 5, col 9 to line 5, col 27 of module C>
x = 3

The number of states generated: 4
Simulation using seed 5 and aril 0
Progress: 4 states checked, 1 traces generated (trace length: mean=0, var(x)=0, sd=0)
`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
	loc := `{"beginLine":5,"beginColumn":9,"endLine":5,"endColumn":27,"module":"C"}`
	wantJSON := `{"counterexample":{"action":[[[1,{"x":0}],{"name":"Next","location":` + loc + `},[2,{"x":1}]],[[2,{"x":1}],{"name":"Next","location":` + loc + `},[3,{"x":2}]],[[3,{"x":2}],{"name":"Next","location":` + loc + `},[4,{"x":3}]]],"state":[[1,{"x":0}],[2,{"x":1}],[3,{"x":2}],[4,{"x":3}]]},"vars":["x"]}`
	if b, err := os.ReadFile(filepath.Join(dir, "C.json")); err != nil || string(b) != wantJSON {
		t.Errorf("json dump %v:\n%s\nwant\n%s", err, b, wantJSON)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "CTrace.tla")); err != nil || !bytes.HasPrefix(b, []byte("---- MODULE CTrace ----\nLOCAL INSTANCE TLC\n\nCounterExample == \n\t[action |-> {")) {
		t.Errorf("tla dump %v:\n%s", err, b)
	}

	// -depth bounds each behaviour: 3 behaviours of 2 steps, no deadlock
	out.Reset()
	if code := run([]string{"check", "-simulate", "-num", "3", "-depth", "2", "-seed", "5", spec}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s%s", code, out.String(), errb.String())
	}
	want = "Progress: 7 states checked, 3 traces generated (trace length: mean=2, var(x)=0, sd=0)\nThe number of states generated: 7\nSimulation using seed 5 and aril 0\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
	// TLC's spelling of the number of behaviours
	out.Reset()
	if code := run([]string{"check", "-simulate", "num=3", "-depth", "2", "-seed", "5", spec}, &out, &errb); code != 0 || out.String() != want {
		t.Errorf("num=3: exit %d\n%s", code, out.String())
	}
	if code := run([]string{"check", "-dump-trace", "xml", "f", spec}, &out, &errb); code != exitUsage {
		t.Errorf("unknown format: exit %d", code)
	}
}
