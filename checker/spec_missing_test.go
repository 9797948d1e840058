package checker

import (
	"strings"
	"testing"
)

// TestSpecWithoutInitOrNext: TLC needs a SPECIFICATION's initial predicate
// only when there are variables or something to check, and its next-state
// relation only when something is checked past the initial states; a spec
// without either checks no state. Expected outcomes are the reference
// TLC's.
func TestSpecWithoutInitOrNext(t *testing.T) {
	cases := []struct {
		name, defs, cfg string
		outcome, msg    string
		distinct        int64 // the initial states, computed before TLC stops
	}{
		{"NoVars", "Spec == [][TRUE]_<<>>", "SPECIFICATION Spec\n", OutcomeOK, "", 0},
		{"ConstInv", "Spec == [][TRUE]_<<>>\nInv == TRUE", "SPECIFICATION Spec\nINVARIANT Inv\n", OutcomeOK, "", 0},
		{"ConstProp", "Spec == [][TRUE]_<<>>\nP == 1 = 1", "SPECIFICATION Spec\nPROPERTY P\n", OutcomeOK, "", 0},
		{"FalseAssume", "ASSUME 1 = 2\nSpec == [][TRUE]_<<>>", "SPECIFICATION Spec\n", OutcomeAssume, "", 0},
		{"VarNoInit", "VARIABLE x\nSpec == [][x' = x + 1]_x", "SPECIFICATION Spec\n", OutcomeError, "The configuration file did not specify the initial state predicate.", 0},
		{"NoNext", "VARIABLE x\nSpec == x = 0", "SPECIFICATION Spec\n", OutcomeError, "No next state actions defined to generate successor states from.", 1},
		{"NoNextInv", "VARIABLE x\nSpec == x = 0\nInv == x = 0", "SPECIFICATION Spec\nINVARIANT Inv\n", OutcomeError, "The configuration file did not specify the next state predicate.", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := inline(t, "M", "---- MODULE M ----\nEXTENDS Naturals\n"+c.defs+"\n====\n", c.cfg)
			res := run(t, m, 1)
			if res.Outcome != c.outcome || res.DistinctStates != c.distinct || !strings.HasPrefix(res.Message, c.msg) {
				t.Fatalf("got %s %d %q, want %s %d %q", res.Outcome, res.DistinctStates, res.Message, c.outcome, c.distinct, c.msg)
			}
		})
	}
}

// TestConfigNameNotDefined: a name the configuration gives that the spec
// does not define is TLC's error 2229 for that kind of formula, word for
// word (the reference TLC on each model), exit status 151.
func TestConfigNameNotDefined(t *testing.T) {
	const defs = "VARIABLE x\nInit == x = 0\nNext == x' = x\n"
	for _, c := range []struct{ cfg, kind, name string }{
		{"SPECIFICATION Spec\n", "name", "Spec"},
		{"INIT Ini\nNEXT Next\n", "initial predicate", "Ini"},
		{"INIT Init\nNEXT Nex\n", "next state action", "Nex"},
		{"INIT Init\nNEXT Next\nINVARIANT I\n", "invariant", "I"},
		{"INIT Init\nNEXT Next\nPROPERTY P\n", "property", "P"},
		{"INIT Init\nNEXT Next\nCONSTRAINT C\n", "constraint", "C"},
		{"INIT Init\nNEXT Next\nACTION_CONSTRAINT C\n", "action constraint", "C"},
		// two missing: TLC names the invariant before the specification
		// and the initial predicate, which it names before the rest
		{"SPECIFICATION Spec\nINVARIANT I\n", "invariant", "I"},
		{"INIT Ini\nNEXT Next\nINVARIANT I\n", "invariant", "I"},
		{"SPECIFICATION Spec\nPROPERTY P\n", "name", "Spec"},
		{"SPECIFICATION Spec\nCONSTRAINT C\n", "name", "Spec"},
		{"INIT Ini\nNEXT Next\nPROPERTY P\n", "initial predicate", "Ini"},
		{"INIT Init\nNEXT Next\nINVARIANT I\nPROPERTY P\nCONSTRAINT C\n", "invariant", "I"},
	} {
		m := inline(t, "M", "---- MODULE M ----\n"+defs+"====\n", c.cfg)
		res := run(t, m, 1)
		want := "The " + c.kind + " " + c.name + " specified in the configuration file\nis not defined in the specification."
		if res.Outcome != OutcomeError || res.Message != want || res.ExitCode != 151 {
			t.Errorf("%q: %s %q exit %d, want error %q exit 151", c.cfg, res.Outcome, res.Message, res.ExitCode, want)
		}
	}
}
