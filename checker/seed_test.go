package checker

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSeedDecidesRandomChoices: the run's seed (tlals check -seed, TLC's
// -seed) is the one RandomElement draws from: the same seed gives the same
// states, and runs with other seeds do not all agree.
func TestSeedDecidesRandomChoices(t *testing.T) {
	m := inline(t, "Root", `---- MODULE Root ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = RandomElement(1..1000000)
Next == UNCHANGED x
Inv == x < 0
====`, "INIT Init\nNEXT Next\nINVARIANT Inv\n")
	drawn := func(seed int64) string {
		res, err := Check(context.Background(), m, Options{Workers: 1, Seed: &seed})
		if err != nil {
			t.Fatal(err)
		}
		if res.Seed != seed || len(res.Trace) != 1 {
			t.Fatalf("seed %d, trace of %d states (%s)", res.Seed, len(res.Trace), res.Message)
		}
		return res.Trace[0].State[0].Value
	}
	if a, b := drawn(7), drawn(7); a != b {
		t.Fatalf("seed 7 drew %s then %s", a, b)
	}
	seen := map[string]bool{}
	for s := int64(1); s <= 5; s++ {
		seen[drawn(s)] = true
	}
	if len(seen) < 2 {
		t.Fatalf("five seeds drew one value: the seed does not reach RandomElement")
	}
}

// TestIOExecOptIn: IOExec runs nothing unless the run allows it; refused,
// it is an evaluation error naming the opt-in.
func TestIOExecOptIn(t *testing.T) {
	dir := t.TempDir()
	// IOUtils is a community module: its operators are TLC's Java (ours
	// native) whatever the TLA+ text says, so a stand-in text will do.
	write(t, dir, "IOUtils.tla", "---- MODULE IOUtils ----\nIOExec(cmd) == CHOOSE r : TRUE\n====\n")
	write(t, dir, "Root.tla", `---- MODULE Root ----
EXTENDS Naturals, IOUtils
VARIABLE x
Init == x = IOExec(<<"true">>).exitValue
Next == UNCHANGED x
====`)
	write(t, dir, "Root.cfg", "INIT Init\nNEXT Next\n")
	m, err := LoadModel(filepath.Join(dir, "Root.tla"), filepath.Join(dir, "Root.cfg"), nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Check(context.Background(), m, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != OutcomeError || !strings.Contains(res.Message, "IOExec") || res.Location == nil {
		t.Fatalf("without opt-in: %s %q at %v", res.Outcome, res.Message, res.Location)
	}
	res, err = Check(context.Background(), m, Options{Workers: 1, AllowIOExec: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != OutcomeOK || res.DistinctStates != 1 {
		t.Fatalf("with opt-in: %s %d (%s)", res.Outcome, res.DistinctStates, res.Message)
	}
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
