package checker

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestModuleScopedSubstitution: `Lim <-[Inner] MyLim` replaces Lim as
// module Inner defines it, through an INSTANCE, and leaves the root
// module's own Lim alone (its invariant Lim = 50 holds).
func TestModuleScopedSubstitution(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"Inner.tla": `---- MODULE Inner ----
EXTENDS Naturals
VARIABLE x
Lim == 100
Step == x < Lim /\ x' = x + 1
====
`,
		"Root.tla": `---- MODULE Root ----
EXTENDS Naturals
VARIABLE y
Lim == 50
MyLim == 3
I == INSTANCE Inner WITH x <- y
Init == y = 0
Next == I!Step
Spec == Init /\ [][Next]_y
RootLim == Lim = 50
====
`,
		"Root.cfg": "SPECIFICATION Spec\nCONSTANT Lim <-[Inner] MyLim\nINVARIANT RootLim\nCHECK_DEADLOCK FALSE\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := LoadModel(filepath.Join(dir, "Root.tla"), filepath.Join(dir, "Root.cfg"), nil)
	if err != nil {
		t.Fatal(err)
	}
	res := run(t, m, 1)
	if res.Outcome != OutcomeOK || res.DistinctStates != 4 || res.Depth != 4 {
		t.Fatalf("got %s, %d distinct, depth %d (%s); want ok, 4, 4", res.Outcome, res.DistinctStates, res.Depth, res.Message)
	}
	for _, w := range res.Warnings {
		if strings.Contains(w, "Inner") {
			t.Fatalf("warning %q", w)
		}
	}
}
