package eval

import (
	"strings"
	"testing"
)

// stateSlot keeps a definition's value per state only when the value
// follows from the state alone.
func TestStateSlot(t *testing.T) {
	p := program(t, `
VARIABLES x
C == 3
S == x + C
F[i \in 1..2] == x + i
Op(a) == x + a
Primed == x' + 1
Uses == Primed + 1
Unch == UNCHANGED x
En == ENABLED (x' = 1)
Printed == PrintT(x)
Drawn == RandomElement({x, 1})
Level == TLCGet("level") + x
Via == S + Printed
`, nil)
	for _, tc := range []struct {
		name string
		kept bool
	}{
		{"S", true}, {"F", true},
		{"Op", false}, {"Primed", false}, {"Uses", false}, {"Unch", false}, {"En", false},
		{"Printed", false}, {"Drawn", false}, {"Level", false}, {"Via", false},
	} {
		d := p.Root.defs[tc.name]
		if d == nil {
			t.Fatalf("%s: no definition", tc.name)
		}
		if got := p.stateSlot(d) >= 0; got != tc.kept {
			t.Errorf("%s: kept per state %v, want %v", tc.name, got, tc.kept)
		}
	}
}

// S \ {e} is computed without making {e} (diffOne): the same values and
// the same error as the set difference. Expected: the reference TLC.
func TestDiffOne(t *testing.T) {
	for _, tc := range []struct{ expr, want string }{
		{`{1,2,3} \ {2}`, "{1, 3}"},
		{`{1,2,3} \ {4}`, "{1, 2, 3}"},
		{`(1..3) \ {2}`, "{1, 3}"},
		{`(1..3) \ {5}`, "{1, 2, 3}"},
		{`{<<1,2>>, <<3,4>>} \ {<<1,2>>}`, "{<<3, 4>>}"},
		{`{} \ {1}`, "{}"},
		{`{{1}, {2}} \ {{2}}`, "{{1}}"},
		{`7 \in Nat \ {7}`, "FALSE"},
		{`{"a", "b"} \ {"b"}`, `{"a"}`},
		{`LET S == {1, 2, 3} IN S \ {CHOOSE x \in S : TRUE}`, "{2, 3}"},
	} {
		v, err := evalExpr(t, "", tc.expr)
		if err != nil {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		if got := Pretty(v); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.expr, got, tc.want)
		}
	}
	_, err := evalExpr(t, "", `{1, 2} \ {"a"}`)
	if err == nil || !strings.Contains(err.Error(), "Attempted to check equality of string \"a\" with non-string:\n1") {
		t.Fatalf(`{1, 2} \ {"a"}: error %v`, err)
	}
}
