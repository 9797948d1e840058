package checker

import (
	"strings"
	"testing"
)

// TestSingleVariableStateAsTLC: TLC prints a state of one variable, or an
// ALIAS record of one field, as `x = v`, and several as `/\ x = v` lines.
// Each want is the trace the reference TLC printed for the model.
func TestSingleVariableStateAsTLC(t *testing.T) {
	spec := `---- MODULE S ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = x + 1
Inv == x < 2
A1 == [a |-> x]
A2 == [a |-> x, b |-> x + 1]
====
`
	for _, c := range []struct{ cfg, want string }{
		{"INIT Init\nNEXT Next\nINVARIANT Inv\n", "State 1: <Initial predicate>\nx = 0\n\nState 2: <Next line 5, col 9 to line 5, col 18 of module S>\nx = 1\n\nState 3: <Next line 5, col 9 to line 5, col 18 of module S>\nx = 2\n\n"},
		{"INIT Init\nNEXT Next\nINVARIANT Inv\nALIAS A1\n", "State 1: <Initial predicate>\na = 0\n\nState 2: <Next line 5, col 9 to line 5, col 18 of module S>\na = 1\n\n"},
		{"INIT Init\nNEXT Next\nINVARIANT Inv\nALIAS A2\n", "State 1: <Initial predicate>\n/\\ a = 0\n/\\ b = 1\n\nState 2: <Next line 5, col 9 to line 5, col 18 of module S>\n/\\ a = 1\n/\\ b = 2\n\n"},
	} {
		_, res := runSpec(t, map[string]string{"S.tla": spec, "S.cfg": c.cfg})
		if txt := res.TLCText(); !strings.Contains(txt, "Error: The behavior up to this point is:\n"+c.want) {
			t.Errorf("%s: got\n%s\nwant the trace\n%s", c.cfg, txt, c.want)
		}
	}
}
