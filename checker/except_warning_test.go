package checker

import (
	"context"
	"strings"
	"testing"
)

// TestExceptUnknownFieldWarning: an EXCEPT whose path leaves the record's
// fields or the function's domain leaves the value as it is, and TLC warns
// (EC.TLC_EXCEPT_APPLIED_TO_UNKNOWN_FIELD) once per message, at the
// function expression; its first warning carries the -nowarning hint,
// which makes the first met again a new message, printed once more. The
// expected text and counts are the reference TLC's (tla2tools.jar,
// -workers 1).
func TestExceptUnknownFieldWarning(t *testing.T) {
	const w = "Warning: The EXCEPT was applied to non-existing fields of the value at\n"
	const hint = "(Use the -nowarning option to disable this warning.)\n"
	for _, tc := range []struct {
		name, tla, cfg string
		warnings       string
		counts         [3]int64 // generated, distinct, depth
	}{
		{"E1", `---- MODULE E1 ----
EXTENDS Naturals
VARIABLE r
Init == r = [a |-> 1]
Next == r' = [r EXCEPT !.b = 2]
====
`, "INIT Init\nNEXT Next\n",
			w + "line 5, col 15 to line 5, col 15 of module E1\n" + hint, [3]int64{2, 1, 1}},
		{"E2", `---- MODULE E2 ----
EXTENDS Naturals
VARIABLES r, n, g
Init == r = [a |-> 1] /\ n = 0 /\ g = <<1, 2>>
Next == /\ n < 3
        /\ n' = n + 1
        /\ r' = [r EXCEPT !.b = 2]
        /\ g' = [g EXCEPT ![5] = 3, ![1] = n]
====
`, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n",
			w + "line 7, col 18 to line 7, col 18 of module E2\n" + hint +
				w + "line 8, col 18 to line 8, col 18 of module E2\n" +
				w + "line 7, col 18 to line 7, col 18 of module E2\n", [3]int64{4, 4, 4}},
		// a path that leaves a nested record, a lazy function of an
		// infinite domain, a function literal
		{"E3", `---- MODULE E3 ----
EXTENDS Integers, Sequences
VARIABLE s
g == [n \in Nat |-> n]
Init == s = <<[a |-> 1], [a |-> 2]>>
Next == /\ s' = [s EXCEPT ![1].c = 5, ![2].a = 3]
        /\ [g EXCEPT ![-1] = 0][3] = 3
        /\ [[i \in 1..2 |-> i] EXCEPT ![3] = 0] = <<1, 2>>
====
`, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n",
			w + "line 6, col 18 to line 6, col 18 of module E3\n" + hint +
				w + "line 7, col 13 to line 7, col 13 of module E3\n" +
				w + "line 8, col 13 to line 8, col 30 of module E3\n" +
				w + "line 6, col 18 to line 6, col 18 of module E3\n", [3]int64{3, 2, 2}},
	} {
		m := inline(t, tc.name, tc.tla, tc.cfg)
		res, err := Check(context.Background(), m, Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		text := res.TLCText()
		if got := text[:max(0, strings.Index(text, "Model checking completed"))]; got != tc.warnings {
			t.Errorf("%s: warnings\n%s\nwant\n%s", tc.name, got, tc.warnings)
		}
		if got := [3]int64{res.GeneratedStates, res.DistinctStates, int64(res.Depth)}; got != tc.counts || res.Outcome != OutcomeOK {
			t.Errorf("%s: %s, counts %v, want ok, %v", tc.name, res.Outcome, got, tc.counts)
		}
	}
}
