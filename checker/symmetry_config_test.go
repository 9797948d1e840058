package checker

import (
	"context"
	"strings"
	"testing"
)

// TestSymmetryNamesConstant: TLC (Tool.getSymmetryPerms) takes the
// permutations of SYMMETRY from a definition only; a constant the
// configuration gives a value is rejected before the search, as an
// unexpected exception (exit 255) with no state counts. Message and exit
// code are the reference TLC's on this module and configuration.
func TestSymmetryNamesConstant(t *testing.T) {
	const tla = "---- MODULE M ----\nEXTENDS TLC\nCONSTANT P\nVARIABLE x\nInit == x \\in P\nNext == x' \\in P\nSym == Permutations(P)\n====\n"
	for _, cfg := range []string{"CONSTANT P = {p1, p2}\n", "CONSTANT P = {\"a\", \"b\"}\n"} {
		m := inline(t, "M", tla, "INIT Init\nNEXT Next\n"+cfg+"SYMMETRY P\n")
		res, err := Check(context.Background(), m, Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		const want = "The symmetry function P must specify a set of permutations."
		if res.Outcome != OutcomeError || res.Message != want || res.ExitCode != ExitError {
			t.Fatalf("%s: got %s %q exit %d; want error %q exit %d", cfg, res.Outcome, res.Message, res.ExitCode, want, ExitError)
		}
		if out := res.TLCText(); strings.Contains(out, "states generated") {
			t.Fatalf("%s: TLC prints no counts for a model it rejects:\n%s", cfg, out)
		}
	}
	// a definition is evaluated: TLC finds 4 states generated, 1 distinct
	m := inline(t, "M", tla, "INIT Init\nNEXT Next\nCONSTANT P = {p1, p2}\nSYMMETRY Sym\n")
	res, err := Check(context.Background(), m, Options{Workers: 1})
	if err != nil || res.Outcome != OutcomeOK || res.GeneratedStates != 4 || res.DistinctStates != 1 {
		t.Fatalf("SYMMETRY Sym: got %+v, %v", res, err)
	}
}
