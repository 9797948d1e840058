package checker

import (
	"reflect"
	"testing"
)

// State-level definitions are kept per state (eval/statecache.go): used in
// the current state, primed (in the next state), through a function
// application (kept lazy) and in the invariant (on each successor), each
// use sees the state it is evaluated in. Expected: the reference TLC.
func TestStateLevelDefinitionsPerState(t *testing.T) {
	const tla = `---- MODULE StCache ----
EXTENDS Naturals
VARIABLES x, y
S == x * 10
f[i \in 1..2] == x + i
g == [i \in 1..2 |-> y + i]
h == [i \in 1..2 |-> x * i]
Init == x = 0 /\ y = 0
Next == /\ x' = (x + 1) % 4
        /\ y' = S' + S + f[1]' + f[2] + g[1] + (IF y > 0 THEN h[2]' + g[2] ELSE 0)
Inv == y + S + f[2] < 300
====
`
	for _, workers := range []int{1, 2} {
		res := run(t, inline(t, "StCache", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\n"), workers)
		if got, want := countsOf(res), (counts{OutcomeInvariant, 5, 5, 5, 5, "Inv"}); got != want {
			t.Fatalf("workers %d: got %+v, want %+v", workers, got, want)
		}
		want := []string{
			"Initial predicate: x=0, y=0",
			"Next: x=1, y=15",
			"Next: x=2, y=73",
			"Next: x=3, y=213",
			"Next: x=0, y=465",
		}
		if got := states(res); !reflect.DeepEqual(got, want) {
			t.Fatalf("workers %d: trace %q, want %q", workers, got, want)
		}
	}
}
