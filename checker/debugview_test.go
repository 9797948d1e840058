package checker

import (
	"strings"
	"testing"

	"github.com/tlals/tlals/checker/eval"
)

// A debugger's variables view of a value: its text as TLC prints it (the
// texts are TLC's PrintT of the same expressions) and its parts, one level:
// a record's fields, a sequence's indexes, a function's arguments, a set's
// elements in TLC's order; none for a scalar or an empty value.
func TestValueParts(t *testing.T) {
	// a string table of its own, met in the order of the table below, as
	// TLC's for one spec holding these expressions in this order (the
	// default table keeps the order of whatever ran before)
	defer eval.BeginRun()()
	m := inline(t, "Ev", evalSpec, evalCfg)
	for _, tc := range []struct {
		expr, text string
		parts      string // name=text, ...
		isTrue     bool
	}{
		{`[a |-> 1, b |-> <<"s", {}>>]`, `[a |-> 1, b |-> <<"s", {}>>]`, `a=1, b=<<"s", {}>>`, false},
		{`<<3, "x", {2, 1}>>`, `<<3, "x", {1, 2}>>`, `[1]=3, [2]="x", [3]={1, 2}`, false},
		{`[p \in Procs |-> Double(N)]`, `(p1 :> 6 @@ p2 :> 6)`, `[p1]=6, [p2]=6`, false},
		{`{"b", "a", "c"}`, `{"a", "b", "c"}`, `1="a", 2="b", 3="c"`, false},
		{`[n \in 1..2 |-> n * n]`, `<<1, 4>>`, `[1]=1, [2]=4`, false},
		{`<<>>`, `<<>>`, ``, false},
		{`{}`, `{}`, ``, false},
		{`42`, `42`, ``, false},
		{`N > 2`, `TRUE`, ``, true},
		{`N < 2`, `FALSE`, ``, false},
	} {
		ev, err := NewOpEvaluator(m, tc.expr, nil)
		if err != nil {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		v, err := ev.Value(0, nil, nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", tc.expr, err)
		}
		var parts []string
		for _, p := range v.Parts() {
			parts = append(parts, p.Name+"="+p.Value.String())
		}
		if got := strings.Join(parts, ", "); !v.IsValid() || v.String() != tc.text || got != tc.parts || v.IsTrue() != tc.isTrue {
			t.Errorf("%s: %q, parts %q, TRUE %v; want %q, parts %q, TRUE %v", tc.expr, v.String(), got, v.IsTrue(), tc.text, tc.parts, tc.isTrue)
		}
	}
	if (Value{}).IsValid() || (Value{}).String() != "" || (Value{}).Parts() != nil {
		t.Error("the zero Value is a value")
	}
}
