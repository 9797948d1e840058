package checker

import (
	"context"
	"testing"
)

// TestMissingConstantNamed: an unassigned constant is reported with TLC's
// message; with several unassigned, the same one every run (the constants
// were collected from a map). For these declarations the reference TLC names
// Val, the first declared.
func TestMissingConstantNamed(t *testing.T) {
	const want = "The constant parameter Val is not assigned a value by the configuration file."
	for i := 0; i < 20; i++ {
		m := inline(t, "M", "---- MODULE M ----\nEXTENDS Sequences, Naturals\nCONSTANTS Val, null, Producers, Consumers\nVARIABLE x\nInit == x = 0\nNext == x' = x\n====\n", "INIT Init\nNEXT Next\n")
		res, err := Check(context.Background(), m, Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		if res.Outcome != OutcomeError || res.Message != want || res.ExitCode != ExitErrorConfigParse {
			t.Fatalf("run %d: got %s %q exit %d, want error %q exit %d", i, res.Outcome, res.Message, res.ExitCode, want, ExitErrorConfigParse)
		}
	}
}
