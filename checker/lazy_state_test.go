package checker

import (
	"strings"
	"testing"
)

// TestStateLevelFunctionOutsideEvaluation: a function definition whose body
// reads a variable, printed or named in an error away from the application
// that evaluates it, is computed in the state it was made in (it ended in
// "internal error: index out of range"). Prints, message and counts are
// the reference TLC's.
func TestStateLevelFunctionOutsideEvaluation(t *testing.T) {
	const head = "---- MODULE T ----\nEXTENDS Naturals, TLC\nVARIABLES v, w\nG[x \\in 1..2] == x + v\nInit == v = 0 /\\ w = <<>>\n"
	tests := []struct {
		name, next, msg string
		prints          []string
		distinct        int64
	}{
		{"printed", "Next == v < 2 /\\ PrintT(G) /\\ PrintT(<<G>>) /\\ v' = v + 1 /\\ w' = G\n",
			"Deadlock reached.", []string{"<<1, 2>>", "<<<<1, 2>>>>", "<<2, 3>>", "<<<<2, 3>>>>", // the search's
				"<<1, 2>>", "<<<<1, 2>>>>", "<<2, 3>>", "<<<<2, 3>>>>"}, 3}, // and again as the trace is rebuilt
		{"outside its domain", "Next == v < 3 /\\ G[v] > 0 /\\ v' = v + 1 /\\ w' = w\n",
			"In applying the function\n<<1, 2>>,\nthe first argument is:\n0\nwhich is not in its domain.\n", nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := inline(t, "T", head+tt.next+"====\n", "INIT Init\nNEXT Next\n")
			res := run(t, m, 1)
			if !strings.HasPrefix(res.Message, tt.msg) || res.DistinctStates != tt.distinct {
				t.Fatalf("message %q, %d distinct; want %q, %d", res.Message, res.DistinctStates, tt.msg, tt.distinct)
			}
			var got []string
			for _, p := range res.Output {
				got = append(got, p.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.prints, "|") {
				t.Errorf("printed %q, want %q", got, tt.prints)
			}
		})
	}
}
