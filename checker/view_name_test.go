package checker

import (
	"context"
	"testing"
)

// TestViewName: TLC takes a VIEW only when it names an operator of no
// argument; a variable is not among its definitions, a declared constant or
// a constant-level definition has been replaced by its value. Messages,
// exit code and figures are the reference TLC's.
func TestViewName(t *testing.T) {
	const tla = "---- MODULE V ----\nEXTENDS Naturals\nCONSTANT K\nVARIABLES x, y\n" +
		"Init == x = 0 /\\ y = 0\nNext == x' = (x + 1) % 3 /\\ y' = 1 - y\n" +
		"CV == K + 1\nVOp(a) == x\nVX == x\n====\n"
	cases := []struct {
		view, message string
		distinct      int64
	}{
		{"x", "The view function x specified in the configuration file\nis not defined in the specification.", 0},
		{"Nope", "The view function Nope specified in the configuration file\nis not defined in the specification.", 0},
		{"K", "The view function K cannot be a constant.", 0},
		{"CV", "The view function CV cannot be a constant.", 0},
		{"VOp", "TLC requires view function not to take any argument, but one was given: VOp", 0},
		{"VX", "", 3},
	}
	for _, tc := range cases {
		t.Run(tc.view, func(t *testing.T) {
			m := inline(t, "V", tla, "CONSTANT K = 2\nINIT Init\nNEXT Next\nVIEW "+tc.view+"\n")
			res, err := Check(context.Background(), m, Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if tc.message == "" {
				if res.Outcome != OutcomeOK || res.DistinctStates != tc.distinct || res.Depth != 3 {
					t.Fatalf("got %s %q, %d distinct, depth %d; want ok, %d distinct, depth 3", res.Outcome, res.Message, res.DistinctStates, res.Depth, tc.distinct)
				}
				return
			}
			if res.Outcome != OutcomeError || res.Message != tc.message || res.ExitCode != ExitErrorConfigParse {
				t.Fatalf("got %s %q exit %d, want error %q exit %d", res.Outcome, res.Message, res.ExitCode, tc.message, ExitErrorConfigParse)
			}
		})
	}
}

// TestConfigNameNotDefined: a name the configuration gives that the
// specification does not define, for each use, in TLC's words (and TLC
// looks the initial predicate up before it asks whether the next-state
// action is a constant). The model is rejected before the search: the
// text has no counts. Messages and exit code are the reference TLC's.
func TestConfigNameNotDefined(t *testing.T) {
	const tla = "---- MODULE N ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = 1 - x\nKNext == TRUE\n====\n"
	cases := []struct{ cfg, message string }{
		{"INIT Foo\nNEXT Next", "The initial predicate Foo specified in the configuration file\nis not defined in the specification."},
		{"INIT Init\nNEXT Foo", "The next state action Foo specified in the configuration file\nis not defined in the specification."},
		{"INIT Foo\nNEXT KNext", "The initial predicate Foo specified in the configuration file\nis not defined in the specification."},
		{"INIT Init\nNEXT KNext", "The next state action KNext cannot be a constant."},
		{"SPECIFICATION Foo", "The name Foo specified in the configuration file\nis not defined in the specification."},
		{"INIT Init\nNEXT Next\nINVARIANT Foo", "The invariant Foo specified in the configuration file\nis not defined in the specification."},
		{"INIT Init\nNEXT Next\nPROPERTY Foo", "The property Foo specified in the configuration file\nis not defined in the specification."},
		{"INIT Init\nNEXT Next\nCONSTRAINT Foo", "The constraint Foo specified in the configuration file\nis not defined in the specification."},
		{"INIT Init\nNEXT Next\nACTION_CONSTRAINT Foo", "The action constraint Foo specified in the configuration file\nis not defined in the specification."},
		// two missing: TLC names the invariant before the specification
		// and the initial predicate, which it names before the rest
		{"SPECIFICATION Spec\nINVARIANT I", "The invariant I specified in the configuration file\nis not defined in the specification."},
		{"INIT Ini\nNEXT Next\nINVARIANT I", "The invariant I specified in the configuration file\nis not defined in the specification."},
		{"SPECIFICATION Spec\nPROPERTY P", "The name Spec specified in the configuration file\nis not defined in the specification."},
		{"SPECIFICATION Spec\nCONSTRAINT C", "The name Spec specified in the configuration file\nis not defined in the specification."},
		{"INIT Ini\nNEXT Next\nPROPERTY P", "The initial predicate Ini specified in the configuration file\nis not defined in the specification."},
		{"INIT Init\nNEXT Next\nINVARIANT I\nPROPERTY P\nCONSTRAINT C", "The invariant I specified in the configuration file\nis not defined in the specification."},
	}
	for _, tc := range cases {
		m := inline(t, "N", tla, tc.cfg+"\n")
		res, err := Check(context.Background(), m, Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		if res.Outcome != OutcomeError || res.Message != tc.message || res.ExitCode != ExitErrorConfigParse {
			t.Errorf("%q: got %s %q exit %d, want error %q exit %d", tc.cfg, res.Outcome, res.Message, res.ExitCode, tc.message, ExitErrorConfigParse)
			continue
		}
		if want := "Error: " + tc.message + "\n"; res.TLCText() != want {
			t.Errorf("%q: text %q, want %q", tc.cfg, res.TLCText(), want)
		}
	}
}
