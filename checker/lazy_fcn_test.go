package checker

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLazyFunctionPrint: a function constructor TLC keeps lazy (where it
// is applied: <<f>>[1], f[a] of a constant f) is printed whole when it can
// be computed, else as TLC's FcnLambdaValue prints it, [x \in S |->
// <expression LOCATION>] (each bound group by its first name); ToString,
// PrintT(f) and DOMAIN f compute it and fail. Outputs and failures are the
// reference TLC's on the same modules (tlc2.TLC, INIT Init NEXT Next).
func TestLazyFunctionPrint(t *testing.T) {
	tests := []struct {
		name, assumes string
		out           []string
		err           string // the failing assumption's message, "" for none
	}{
		{"applied", `ASSUME PrintT([x \in {0, 1} |-> 1 \div x][1])
ASSUME PrintT(<<[x \in {0, 1} |-> 1 \div x]>>[1])
ASSUME PrintT(ToString(<<[x \in {0, 1} |-> 1 \div x]>>[1]))`,
			[]string{"1", `[x \in {0, 1} |-> <expression line 6, col 35 to line 6, col 42 of module V>]`},
			`The second argument of \div is 0.`},
		{"bound-groups", `ASSUME PrintT(<<[x, y \in {0, 1}, <<a, b>> \in {<<1, 2>>} |-> x \div y]>>[1])
ASSUME PrintT([r |-> [n \in 1..2 |-> (CHOOSE m \in {} : TRUE)]].r)`,
			[]string{`[x \in {0, 1}, <<a, b>> \in {<<1, 2>>} |-> <expression line 5, col 63 to line 5, col 70 of module V>]`},
			"Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P."},
		{"constant-applied", `ASSUME PrintT(f[1]) /\ PrintT(DOMAIN f)`,
			[]string{"1"}, `The second argument of \div is 0.`},
		{"constant-printed", `ASSUME PrintT(<<f>>)`, nil, `The second argument of \div is 0.`},
		{"computable", `ASSUME PrintT(<<[x \in {1, 2} |-> x + 1]>>[1])`, []string{"<<2, 3>>"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := runAssumes(t, "EXTENDS Naturals, TLC\nVARIABLE v\nf == [x \\in {0, 1} |-> 1 \\div x]\n"+tc.assumes)
			wantOutput(t, res, tc.out, tc.err)
		})
	}
}

// runAssumes checks module V (its text after the header: head) with Init
// and Next that leave a variable v unchanged, as TLC with INIT Init NEXT
// Next.
func runAssumes(t *testing.T, head string) *Result {
	t.Helper()
	dir := t.TempDir()
	mod := "---- MODULE V ----\n" + head + "\nInit == v = 0\nNext == UNCHANGED v\n====\n"
	if err := os.WriteFile(filepath.Join(dir, "V.tla"), []byte(mod), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "V.cfg"), []byte("INIT Init\nNEXT Next\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := LoadModel(filepath.Join(dir, "V.tla"), filepath.Join(dir, "V.cfg"), nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Check(context.Background(), m, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// wantOutput: res printed out, and failed with a message holding err (""
// for no failure).
func wantOutput(t *testing.T, res *Result, out []string, err string) {
	t.Helper()
	var got []string
	for _, p := range res.Output {
		got = append(got, p.Text)
	}
	if strings.Join(got, "\n") != strings.Join(out, "\n") {
		t.Errorf("printed %q\nTLC      %q", got, out)
	}
	switch {
	case err == "" && res.Outcome != OutcomeOK:
		t.Errorf("outcome %s: %s", res.Outcome, res.Message)
	case err != "" && !strings.Contains(res.Message, err):
		t.Errorf("outcome %s, message %q, want %q", res.Outcome, res.Message, err)
	}
}

// TestLiteralOperatorArgument: TLC takes an operator whose body is a number
// or a string (a LAMBDA's or a definition's) for that value, so that an
// operator it implements in Java finds no operator there; other bodies,
// TRUE included, stay operators, and an operator of the spec applies the
// value. Outputs and messages are the reference TLC's on the same modules.
func TestLiteralOperatorArgument(t *testing.T) {
	tests := []struct {
		name, assumes string
		out           []string
		err           string
	}{
		{"bagofall-string", `ASSUME PrintT(BagOfAll(LAMBDA x : "u1", SetToBag({"a"})))`, nil,
			"The first argument of BagOfAll should be an operator, but instead it is:\n\"u1\""},
		{"bagofall-number", `ASSUME PrintT(BagOfAll(LAMBDA x : 3, SetToBag({"a"})))`, nil,
			"The first argument of BagOfAll should be an operator, but instead it is:\n3"},
		{"bagofall-definition", "G(x) == \"u1\"\nASSUME PrintT(BagOfAll(G, SetToBag({\"a\"})))", nil,
			"The first argument of BagOfAll should be an operator, but instead it is:\n\"u1\""},
		{"bagofall-expression", `ASSUME PrintT(BagOfAll(LAMBDA x : 1 + 2, SetToBag({"a"})))`, []string{"(3 :> 1)"}, ""},
		{"bagofall-true", `ASSUME PrintT(BagOfAll(LAMBDA x : TRUE, SetToBag({"a"})))`, []string{"(TRUE :> 1)"}, ""},
		{"sortseq", `ASSUME PrintT(SortSeq(<<2, 1>>, LAMBDA x, y : "u1"))`, nil,
			"The second argument of SortSeq should be a operator, but instead it is:\n\"u1\""},
		{"selectseq", `ASSUME PrintT(SelectSeq(<<1>>, LAMBDA x : 3))`, nil,
			"The second argument of SelectSeq should be a operator, but instead it is:\n3"},
		{"spec-operator", "Apply(F(_), a) == F(a)\nASSUME PrintT(Apply(LAMBDA x : 3, 1))", []string{"3"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := runAssumes(t, "EXTENDS Naturals, Sequences, TLC, Bags\nVARIABLE v\n"+tc.assumes)
			wantOutput(t, res, tc.out, tc.err)
		})
	}
}
