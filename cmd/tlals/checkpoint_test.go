package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckpointKillRecover runs "tlals check" with checkpoints in a child
// process, kills it (SIGKILL) once it has written one, and resumes the run
// with -recover: the result is TLC's (counts; for the violation, its
// 13-state trace ending in the same state).
func TestCheckpointKillRecover(t *testing.T) {
	cases := []struct {
		cfg                 string
		outcome             string
		distinct, generated int64
		depth, trace        int
		last                string
	}{
		{"SpillOK.cfg", "ok", 18232, 78901, 14, 0, ""},
		{"Spill.cfg", "invariant", 15990, 59972, 13, 13, `q=<<2, 6, 6>> r=(p1 :> "busy" @@ p2 :> "busy" @@ p3 :> "idle") s={p1, p2} x=6 y=3`},
	}
	for _, c := range cases {
		dir := t.TempDir()
		for _, f := range []string{"Spill.tla", c.cfg} {
			b, err := os.ReadFile(filepath.Join("..", "..", "checker", "testdata", "spill", f))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		spec, cfg, meta := filepath.Join(dir, "Spill.tla"), filepath.Join(dir, c.cfg), filepath.Join(dir, "meta")
		// a checkpoint every batch (0.00001 minutes)
		killAfterCheckpoints(t, 5, "-workers", "2", "-checkpoint", "0.00001", "-metadir", meta, "-config", cfg, spec)
		var out, errb bytes.Buffer
		// the folder of the checkpoints: the latest complete one (the run
		// may have written another, and removed ck, before the kill landed)
		runCheck([]string{"-json", "-workers", "2", "-metadir", meta, "-recover", meta, "-config", cfg, spec}, &out, &errb)
		var res struct {
			Outcome         string
			Message         string
			DistinctStates  int64
			GeneratedStates int64
			Depth           int
			Trace           []struct{ State map[string]string }
		}
		if err := json.Unmarshal(out.Bytes(), &res); err != nil {
			t.Fatalf("%s: %v\n%s\n%s", c.cfg, err, out.String(), errb.String())
		}
		if res.Outcome != c.outcome || res.DistinctStates != c.distinct || res.GeneratedStates != c.generated || res.Depth != c.depth || len(res.Trace) != c.trace {
			t.Errorf("%s recovered: %s %d %d %d trace %d (%s), want TLC's %s %d %d %d trace %d", c.cfg, res.Outcome, res.DistinctStates, res.GeneratedStates, res.Depth, len(res.Trace), res.Message, c.outcome, c.distinct, c.generated, c.depth, c.trace)
		}
		if c.trace > 0 && len(res.Trace) > 0 {
			st := res.Trace[len(res.Trace)-1].State
			got := "q=" + st["q"] + " r=" + st["r"] + " s=" + st["s"] + " x=" + st["x"] + " y=" + st["y"]
			if got != c.last {
				t.Errorf("%s: last state %s, want %s", c.cfg, got, c.last)
			}
		}
	}
}

// killAfterCheckpoints runs "tlals check args" in a child process and
// kills it (SIGKILL: no clean-up runs) once it has written n checkpoints.
func killAfterCheckpoints(t *testing.T, n int, args ...string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"check"}, args...)...)
	cmd.Env = append(os.Environ(), runMainEnv+"=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	written := 0
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "Checkpoint written to ") {
			if written++; written == n {
				cmd.Process.Kill()
				break
			}
		}
	}
	if err := cmd.Wait(); err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("the run was not killed after %d of %d checkpoints (%v)", written, n, err)
	}
}

// TestCheckpointKillRecoverLiveness: the same with temporal properties
// (their behaviour graph is part of the checkpoints): a run of a 40 × 40
// grid killed after its tenth checkpoint (level 10 of 79) and resumed
// with another number of workers reports TLC's verdict, counts and lasso
// (tla2tools -workers 1: Prop holds; Bad is violated by a 40-state lasso
// back to state 1; both 3201 generated, 1600 distinct, depth 79).
func TestCheckpointKillRecoverLiveness(t *testing.T) {
	const spec = `---- MODULE LiveGrid ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == \/ x' = (x + 1) % 40 /\ y' = y
        \/ y' = (y + 1) % 40 /\ x' = x
Spec == Init /\ [][Next]_<<x, y>> /\ WF_<<x, y>>(Next)
Prop == []<>(x = 0 \/ y = 0)
Bad == []<>(x = 0 /\ y = 1)
====
`
	cases := []struct {
		prop, outcome string
		trace         int
		lassoStart    *int
	}{
		{"Prop", "ok", 0, nil},
		{"Bad", "liveness", 40, new(int)}, // 0-based: state 1
	}
	for _, c := range cases {
		dir := t.TempDir()
		tla, cfg, meta := filepath.Join(dir, "LiveGrid.tla"), filepath.Join(dir, "LiveGrid.cfg"), filepath.Join(dir, "meta")
		if err := os.WriteFile(tla, []byte(spec), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(cfg, []byte("SPECIFICATION Spec\nPROPERTY "+c.prop+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		killAfterCheckpoints(t, 10, "-workers", "1", "-checkpoint", "0.00001", "-metadir", meta, "-config", cfg, tla)
		var out, errb bytes.Buffer
		runCheck([]string{"-json", "-workers", "2", "-metadir", meta, "-recover", meta, "-config", cfg, tla}, &out, &errb)
		var res struct {
			Outcome         string
			Message         string
			DistinctStates  int64
			GeneratedStates int64
			Depth           int
			Trace           []json.RawMessage
			LassoStart      *int
		}
		if err := json.Unmarshal(out.Bytes(), &res); err != nil {
			t.Fatalf("%s: %v\n%s\n%s", c.prop, err, out.String(), errb.String())
		}
		if res.Outcome != c.outcome || res.GeneratedStates != 3201 || res.DistinctStates != 1600 || res.Depth != 79 || len(res.Trace) != c.trace ||
			(res.LassoStart == nil) != (c.lassoStart == nil) || res.LassoStart != nil && *res.LassoStart != *c.lassoStart {
			t.Errorf("%s recovered: %s %d %d %d trace %d lasso %v (%s), want TLC's %s 3201 1600 79 trace %d lasso %v", c.prop, res.Outcome, res.GeneratedStates, res.DistinctStates, res.Depth, len(res.Trace), res.LassoStart, res.Message, c.outcome, c.trace, c.lassoStart)
		}
	}
}
