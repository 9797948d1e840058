package checker

import (
	"context"
	"strings"
	"testing"
)

// TestInitialViolationText: TLC reports an invariant or (state-level)
// PROPERTY an initial state violates as "... is violated by the initial
// state:" followed by the state, and prints no trace header and no counts
// (EC.TLC_INVARIANT_VIOLATED_INITIAL); with -continue each violation so,
// then the counts of the whole run. Texts (without TLC's progress lines and
// warning) are the reference TLC's on this module.
func TestInitialViolationText(t *testing.T) {
	const tla = "---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\nInit == x \\in 0..5\nNext == x' = x\nInv == x < 3\n====\n"
	cases := []struct {
		name, cfg string
		cont      bool
		code      int
		want      string
	}{
		{"invariant", "INVARIANT Inv\n", false, ExitViolationSafety,
			"Error: Invariant Inv is violated by the initial state:\nx = 3\n\n"},
		{"property", "PROPERTY Inv\n", false, ExitViolationLiveness,
			"Error: Property Inv is violated by the initial state:\nx = 3\n\n"},
		{"continue", "INVARIANT Inv\n", true, ExitSuccess,
			"Error: Invariant Inv is violated by the initial state:\nx = 3\n\n" +
				"Error: Invariant Inv is violated by the initial state:\nx = 4\n\n" +
				"Error: Invariant Inv is violated by the initial state:\nx = 5\n\n" +
				"Model checking completed. No error has been found.\n" +
				"12 states generated, 6 distinct states found, 0 states left on queue.\n" +
				"The depth of the complete state graph search is 1.\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := inline(t, "M", tla, "INIT Init\nNEXT Next\n"+tc.cfg)
			res, err := Check(context.Background(), m, Options{Workers: 1, Continue: tc.cont})
			if err != nil {
				t.Fatal(err)
			}
			got := res.TLCText()
			if i := strings.Index(got, "Error: "); i > 0 { // the PROPERTY's warning
				got = got[i:]
			}
			if got != tc.want || res.ExitCode != tc.code {
				t.Fatalf("exit %d, text:\n%s\nwant exit %d, text:\n%s", res.ExitCode, got, tc.code, tc.want)
			}
		})
	}
}
