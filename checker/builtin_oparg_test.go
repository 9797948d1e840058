package checker

import (
	"context"
	"testing"
)

// TestBuiltinInfixAsOperatorArgument: TLA+'s infix operators that no
// module defines (\cup, \, =, #, /\, =>, \in, ...) can be passed for an
// operator parameter, as TLC allows (TLCGetAndSet(4, \cup, ...) in an
// ALIAS). Each holds or fails as the reference TLC reports.
func TestBuiltinInfixAsOperatorArgument(t *testing.T) {
	cases := []struct {
		assume string
		holds  bool
	}{
		{`Apply(\cup, {1}, {2}) = {1, 2}`, true},
		{`Apply(\union, {1}, {2}) = {1}`, false},
		{`Apply(\cap, {1}, {1, 2}) = {1}`, true},
		{`Apply(\, {1, 3}, {1, 2}) = {3}`, true},
		{`Apply(\, {1, 3}, {1, 2}) = {1}`, false},
		{`Apply(=, 1, 1)`, true},
		{`Apply(#, 1, 1)`, false},
		{`Apply(/\, TRUE, TRUE)`, true},
		{`Apply(\/, FALSE, TRUE)`, true},
		{`Apply(=>, TRUE, FALSE)`, false},
		{`Apply(\in, 1, {1})`, true},
		{`Apply(\notin, 1, {1})`, false},
		{`Apply(\subseteq, {1}, {1})`, true},
		{`Apply(\o, <<1>>, <<2>>) = <<1, 2>>`, true},
	}
	for _, tc := range cases {
		t.Run(tc.assume, func(t *testing.T) {
			m := inline(t, "M", "---- MODULE M ----\nEXTENDS Naturals, Sequences\nApply(Op(_,_), a, b) == Op(a, b)\nVARIABLE x\nInit == x = 0\nNext == UNCHANGED x\nASSUME "+tc.assume+"\n====\n",
				"INIT Init\nNEXT Next\n")
			res, err := Check(context.Background(), m, Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			want := OutcomeOK
			if !tc.holds {
				want = OutcomeAssume
			}
			if res.Outcome != want {
				t.Fatalf("got %s %q, want %s", res.Outcome, res.Message, want)
			}
		})
	}
}
