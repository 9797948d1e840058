package difftest

import (
	"reflect"
	"testing"
)

// TestParseTLCCheckInitialState: the state TLC was working on when an
// error arose checking an initial state is the trace (tlals gives it so).
// The output is the reference TLC's.
func TestParseTLCCheckInitialState(t *testing.T) {
	out := `Computing initial states...
Error: Attempted to compute the value of an expression of form
CHOOSE x \in S: P, but no element of S satisfied P.
line 6, col 23 to line 6, col 44 of module IE
While working on the initial state:
/\ x = 1
/\ y = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 4, column 9 to line 4, column 32 in IE


2 states generated, 2 distinct states found, 2 states left on queue.
The depth of the complete state graph search is 1.
`
	a := parseTLCCheck(out)
	want := SpecAnswer{Kind: "error", Distinct: 2, Depth: 1, Trace: []string{"x = 1 /\\ y = 0"},
		Message: "Attempted to compute the value of an expression of form CHOOSE x \\in S: P, but no element of S satisfied P."}
	if !reflect.DeepEqual(a, want) {
		t.Fatalf("got %+v\nwant %+v", a, want)
	}
}
