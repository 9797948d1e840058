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
	const tail = "Init == v = 0\nNext == UNCHANGED v\n====\n"
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
			dir := t.TempDir()
			mod := "---- MODULE V ----\nEXTENDS Naturals, TLC\nVARIABLE v\nf == [x \\in {0, 1} |-> 1 \\div x]\n" + tc.assumes + "\n" + tail
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
			var out []string
			for _, p := range res.Output {
				out = append(out, p.Text)
			}
			if strings.Join(out, "\n") != strings.Join(tc.out, "\n") {
				t.Errorf("printed %q\nTLC      %q", out, tc.out)
			}
			switch {
			case tc.err == "" && res.Outcome != OutcomeOK:
				t.Errorf("outcome %s: %s", res.Outcome, res.Message)
			case tc.err != "" && !strings.Contains(res.Message, tc.err):
				t.Errorf("outcome %s, message %q, want %q", res.Outcome, res.Message, tc.err)
			}
		})
	}
}
