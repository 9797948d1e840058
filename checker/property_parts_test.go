package checker

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPropertyThroughAppliedOperators: TLC checks a PROPERTY's []P as an
// invariant (and a state predicate on the initial states, [][A]_v as an
// action property) also through operators applied to arguments, named
// after the operator, unless the operator's body has a temporal part or
// the application lies in an instantiated module's definitions: then the
// whole application is one temporal property. Expected results are the
// reference TLC's.
func TestPropertyThroughAppliedOperators(t *testing.T) {
	const pm = `---- MODULE PM ----
EXTENDS Naturals
VARIABLE x
Lt(v, n) == [](v < n)
Outer(v) == Lt(v, 3)
Z == [](x < 3)
====
`
	const q = `---- MODULE Q ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 5
Spec == Init /\ [][Next]_x
Lt(v, n) == [](v < n)
Outer(v) == Lt(v, 3)
OpArg(f(_), v) == [](f(v))
Ev(v) == <>(v = 10)
Ev2(v) == [](v < 7) /\ <>(v = 10)
Ini(v) == v = 1
Act(v) == [][v' > v]_v
I == INSTANCE PM
P1 == I!Lt(x, 3)
P2 == Outer(x)
P3 == OpArg(LAMBDA y : y < 3, x)
P4 == I!Outer(x)
P5 == I!Z
P6 == Lt(x, 3) /\ TRUE
P7 == Ev(x)
P8 == Ev2(x)
P9 == Ini(x)
P10 == Act(x)
P11 == LET n == 3 IN [](x < n)
====
`
	dir := t.TempDir()
	for name, text := range map[string]string{"PM.tla": pm, "Q.tla": q} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct{ prop, outcome, name string }{
		{"P1", OutcomeInvariant, "I!Lt"},
		{"P2", OutcomeInvariant, "Lt"},
		{"P3", OutcomeInvariant, "OpArg"},
		{"P4", OutcomeLiveness, "P4"},
		{"P5", OutcomeInvariant, "I!Z"},
		{"P6", OutcomeInvariant, "Lt"},
		{"P7", OutcomeLiveness, "P7"},
		{"P8", OutcomeLiveness, "P8"},
		{"P9", OutcomeError, "Ini"},
		{"P10", OutcomeActionProperty, "Act"},
		{"P11", OutcomeInvariant, "P11"},
	}
	for _, c := range cases {
		t.Run(c.prop, func(t *testing.T) {
			cfg := filepath.Join(dir, c.prop+".cfg")
			if err := os.WriteFile(cfg, []byte("SPECIFICATION Spec\nPROPERTY "+c.prop+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			m, err := LoadModel(filepath.Join(dir, "Q.tla"), cfg, nil)
			if err != nil {
				t.Fatal(err)
			}
			res := run(t, m, 1)
			if res.Outcome != c.outcome || res.Property != c.name {
				t.Fatalf("got %s %q, want %s %q (%s)", res.Outcome, res.Property, c.outcome, c.name, res.Message)
			}
		})
	}
}
