package checker

import (
	"strings"
	"testing"
)

// TestTraceTextAsTLC: a trace prints intervals kept inside sets as TLC
// does, and breaks values wider than 80 columns as TLC's trace does (the
// error message too); the JSON keeps each value on one line. Expected text
// from the reference TLC.
func TestTraceTextAsTLC(t *testing.T) {
	m := inline(t, "W", `---- MODULE W ----
EXTENDS Integers
VARIABLES x, y
Init == x = {1..2} /\ y = 0
Next == x' = x \cup {3..4} /\ y' = [name |-> "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", set |-> {1..3, 5..9}, seq |-> <<"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "ccccccccccccccccccccccccccccccccccccc">>]
Inv == y = 0
====
`, "INIT Init\nNEXT Next\nINVARIANT Inv\n")
	res := run(t, m, 1)
	wide := `[ name |-> "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  set |-> {1..3, 5..9},
  seq |->
      << "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
         "ccccccccccccccccccccccccccccccccccccc" >> ]`
	if want := "Evaluating invariant Inv failed.\nAttempted to check equality of record:\n" + wide + "\nwith non-record\n0"; res.Message != want {
		t.Errorf("message:\n%s\nwant:\n%s", res.Message, want)
	}
	want := `Error: The behavior up to this point is:
State 1: <Initial predicate>
/\ x = {1..2}
/\ y = 0

State 2: <Next line 5, col 9 to line 5, col 204 of module W>
/\ x = {1..2, 3..4}
/\ y = ` + wide + `

`
	if text := res.TLCText(); !strings.Contains(text, want) {
		t.Errorf("trace text:\n%s\nwant:\n%s", text, want)
	}
	if len(res.Trace) != 2 || strings.Contains(res.Trace[1].State[1].Value, "\n") {
		t.Errorf("trace values: %+v", res.Trace)
	}
}
