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

// TestStandardModuleScopedSubstitution: `Op <-[Mod] Def` replaces an
// operator of a standard module too, wherever the spec uses it (TLC's
// Github314: x \in Nat with Nat <-[Naturals] 0..1 stops at x = 2);
// TLC ignores a value for it (Nat = [Naturals] v), but not an unscoped
// one (Nat = v), which replaces it as a value for a definition does.
// Figures from TLC.
func TestStandardModuleScopedSubstitution(t *testing.T) {
	const tla = `---- MODULE R ----
EXTENDS Naturals, Sequences
VARIABLES x
MyNat == 0..1
MyLen(s) == 7
Spec == x = 0 /\ [][(x \in Nat /\ x' = x + 1)]_x
Bounded == x < 5
Inv == Len(<<1>>) = 7
====
`
	tests := []struct {
		cfg  string
		want counts
	}{
		{"CONSTANT\nNat <- [Naturals]MyNat\nSPECIFICATION Spec\n", counts{OutcomeDeadlock, 3, 3, 3, 3, ""}},
		{"CONSTANT\nNat <- [Naturals]MyNat\nLen <- [Sequences]MyLen\nSPECIFICATION Spec\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n", counts{OutcomeOK, 3, 3, 3, 0, ""}},
		{"CONSTANT\nNat = [Naturals]{0, 1}\nSPECIFICATION Spec\nCONSTRAINT Bounded\nCHECK_DEADLOCK FALSE\n", counts{OutcomeOK, 5, 6, 5, 0, ""}},
		{"CONSTANT\nNat = {0, 1}\nSPECIFICATION Spec\n", counts{OutcomeDeadlock, 3, 3, 3, 3, ""}},
	}
	for _, tt := range tests {
		res := run(t, inline(t, "R", tla, tt.cfg), 1)
		if got := countsOf(res); got != tt.want {
			t.Errorf("%q: %+v, want %+v (%s)", tt.cfg, got, tt.want, res.Message)
		}
	}
}
