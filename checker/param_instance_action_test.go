package checker

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestParamInstanceAction: an action of a parameterized instance, I(e)!A,
// assigns through the parameter as TLC substitutes e (cnt' = cnt + 1 with
// cnt <- v steps e's variable), in Init and Next, under \E, with several
// parameters, and once per instance of a module holding the call. Counts
// and the last state of the trace are the reference TLC's (-workers 1).
func TestParamInstanceAction(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		distinct int64
		depth    int
		trace    int
		last     string
	}{
		{name: "one module", files: map[string]string{"DiffSpec.tla": `---- MODULE DiffSpec ----
EXTENDS Naturals
VARIABLES p, q, r
---- MODULE Counter ----
VARIABLE cnt
CInit == cnt = 0
CNext == cnt < 2 /\ cnt' = cnt + 1
CStay == UNCHANGED cnt
====
C(v) == INSTANCE Counter WITH cnt <- v
D(v, w) == INSTANCE Counter WITH cnt <- v
Init == C(p)!CInit /\ C(q)!CInit /\ D(r, 1)!CInit
Next == \/ C(p)!CNext /\ C(q)!CStay /\ UNCHANGED r
        \/ \E i \in {1} : C(q)!CNext /\ UNCHANGED <<p, r>> /\ i = 1
        \/ D(r, p)!CNext /\ UNCHANGED <<p, q>>
Inv == p + q + r < 5
====
`}, distinct: 24, depth: 6, trace: 6, last: "p=2, q=2, r=1"},
		{name: "two instances of the caller", files: map[string]string{"Mid.tla": `---- MODULE Mid ----
EXTENDS Naturals
VARIABLE x
---- MODULE Counter ----
VARIABLE cnt
CNext == cnt < 2 /\ cnt' = cnt + 1
====
C(v) == INSTANCE Counter WITH cnt <- v
Step == C(x)!CNext
====
`, "DiffSpec.tla": `---- MODULE DiffSpec ----
EXTENDS Naturals
VARIABLES a, b
I1 == INSTANCE Mid WITH x <- a
I2 == INSTANCE Mid WITH x <- b
Init == a = 0 /\ b = 0
Next == (I1!Step /\ UNCHANGED b) \/ (I2!Step /\ UNCHANGED a)
Inv == a + b < 4
====
`}, distinct: 9, depth: 5, trace: 5, last: "a=2, b=2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for n, text := range tc.files {
				if err := os.WriteFile(filepath.Join(dir, n), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			cfg := filepath.Join(dir, "DiffSpec.cfg")
			if err := os.WriteFile(cfg, []byte("INIT Init\nNEXT Next\nINVARIANT Inv\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			m, err := LoadModel(filepath.Join(dir, "DiffSpec.tla"), cfg, nil)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Check(context.Background(), m, Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if res.Outcome != OutcomeInvariant || res.DistinctStates != tc.distinct || res.Depth != tc.depth || len(res.Trace) != tc.trace {
				t.Fatalf("%s, %d distinct, depth %d, trace %d (%s); TLC invariant, %d, %d, %d", res.Outcome, res.DistinctStates, res.Depth, len(res.Trace), res.Message, tc.distinct, tc.depth, tc.trace)
			}
			var last []string
			for _, v := range res.Trace[len(res.Trace)-1].State {
				last = append(last, v.Name+"="+v.Value)
			}
			if got := strings.Join(last, ", "); got != tc.last {
				t.Errorf("last state %s, TLC %s", got, tc.last)
			}
		})
	}
}
