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
