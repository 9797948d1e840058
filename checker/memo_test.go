package checker

import (
	"reflect"
	"testing"
)

// Calls of constant-level operators are kept by their arguments
// (eval/memo.go). Wrap is called with 1..3 and {1, 2, 3} in turn, equal
// sets that print differently: a kept result must not serve the other.
// Below reads the variable x (not pure: its calls are never kept); Sum
// recurses (kept). Expected: the reference TLC (4 states, this trace).
func TestMemoizedCalls(t *testing.T) {
	const tla = `---- MODULE Memo ----
EXTENDS Naturals
VARIABLES x, s, y, z
Wrap(S) == <<S, \A e \in S : e > 0>>
Below(n) == {i \in 1..n : i <= x}
RECURSIVE Sum(_)
Sum(S) == IF S = {} THEN 0 ELSE LET m == CHOOSE m \in S : TRUE IN m + Sum(S \ {m})
Init == x = 0 /\ s = 1..3 /\ y = Wrap(s) /\ z = <<Below(3), Sum(s)>>
Next == /\ x' = (x + 1) % 4
        /\ s' = IF x % 2 = 0 THEN {1, 2, 3} ELSE 1..3
        /\ y' = Wrap(s')
        /\ z' = <<Below(3), Sum(s) + x>>
Inv == x < 3
====
`
	for _, workers := range []int{1, 2} {
		res := run(t, inline(t, "Memo", tla, "INIT Init\nNEXT Next\nINVARIANT Inv\n"), workers)
		if got, want := countsOf(res), (counts{OutcomeInvariant, 4, 4, 4, 4, "Inv"}); got != want {
			t.Fatalf("workers %d: got %+v, want %+v", workers, got, want)
		}
		want := []string{
			"Initial predicate: s=1..3, x=0, y=<<1..3, TRUE>>, z=<<{}, 6>>",
			"Next: s={1, 2, 3}, x=1, y=<<{1, 2, 3}, TRUE>>, z=<<{}, 6>>",
			"Next: s=1..3, x=2, y=<<1..3, TRUE>>, z=<<{1}, 7>>",
			"Next: s={1, 2, 3}, x=3, y=<<{1, 2, 3}, TRUE>>, z=<<{1, 2}, 8>>",
		}
		if got := states(res); !reflect.DeepEqual(got, want) {
			t.Fatalf("workers %d: trace %q, want %q", workers, got, want)
		}
	}
}
