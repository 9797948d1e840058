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
		cmd := exec.Command(os.Args[0], "check", "-workers", "2", "-checkpoint", "0.00001", "-metadir", meta, "-config", cfg, spec)
		cmd.Env = append(os.Environ(), runMainEnv+"=1")
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var ck string
		n := 0
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if rest, ok := strings.CutPrefix(sc.Text(), "Checkpoint written to "); ok {
				ck, _, _ = strings.Cut(rest, " (resume")
				if n++; n == 5 { // past the first levels
					cmd.Process.Kill() // SIGKILL: no clean-up runs
					break
				}
			}
		}
		if err := cmd.Wait(); err == nil || !strings.Contains(err.Error(), "killed") {
			t.Fatalf("%s: the run was not killed (%v)", c.cfg, err)
		}
		if ck == "" {
			t.Fatalf("%s: no checkpoint written", c.cfg)
		}
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
