package checker

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// evalSpec is the module the evaluator tests compile expressions in (the
// values in the expectations are TLC's PrintT of the same expressions).
const evalSpec = `---- MODULE Ev ----
EXTENDS Naturals, Sequences, FiniteSets, TLC
CONSTANTS N, Procs
VARIABLES x, y
Init == x = 0 /\ y = <<>>
Next == x < N /\ x' = x + 1 /\ y' = Append(y, x)
Inv == x < 2
Double(n) == 2 * n
Bad(n) == n \div 0
====
`

const evalCfg = "CONSTANTS N = 3\nProcs = {p1, p2}\nINIT Init\nNEXT Next\nINVARIANT Inv\n"

// evalResult is an evaluation's value, or its error as "line:col: msg"
// with "(incomplete)" when the expression ended too soon.
func evalResult(m *Model, expr string, eval func(ev *Evaluator) (string, error)) string {
	ev, err := NewEvaluator(m, []string{expr})
	if err == nil {
		var v string
		if v, err = eval(ev); err == nil {
			return v
		}
	}
	var ee *ExprError
	if errors.As(err, &ee) && ee.Incomplete {
		return fmt.Sprintf("%v (incomplete)", err)
	}
	return "error " + err.Error()
}

func TestEvaluatorWithoutState(t *testing.T) {
	m := inline(t, "Ev", evalSpec, evalCfg)
	for _, tc := range []struct{ expr, want string }{
		{`Double(N) + 1`, `7`},
		{`[p \in Procs |-> Double(N)]`, `(p1 :> 6 @@ p2 :> 6)`},
		{`{1,2} \X {"a"}`, `{<<1, "a">>, <<2, "a">>}`},
		{`[a |-> 1, b |-> <<"s", {}>>]`, `[a |-> 1, b |-> <<"s", {}>>]`},
		{"LET a == 1\nIN  a + N", `4`},
		{`CHOOSE p \in Procs : TRUE`, `p1`},
		{`x + 1`, `error 1:1: The variable x has no value: the expression is evaluated without a state`},
		{`1 + Foo(2)`, "error 1:5: unknown operator `Foo`"},
		{`N + "a"`, "error 1:1: Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),\nbut it produced the following error:\nCannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue"}, // TLC's words
		{"<<1,\n  2 + {}>>", "error 2:3: Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),\nbut it produced the following error:\nCannot cast tlc2.value.impl.SetEnumValue to tlc2.value.impl.IntValue"},
		{`1 + + 2`, "error 1:5: unexpected `+`"},
		{`(1 + 2))`, "error 1:8: unbalanced `)`: nothing to close"},
		{`x'`, `error 1:1: primed variable x' used where no next state exists`},
		// an error in the spec's own definition is at its place there
		{`Bad(1)`, `error DIR/Ev.tla:9:11: The second argument of \div is 0.`},
		// more text may complete these
		{`1 +`, `1:4: syntax error: the expression is incomplete (incomplete)`},
		{"IF N > 2\n  THEN 1", `2:9: syntax error: the expression is incomplete (incomplete)`},
		{`{1, 2`, "1:1: unbalanced `{`: missing `}` (incomplete)"},
	} {
		got := evalResult(m, tc.expr, func(ev *Evaluator) (string, error) { return ev.EvalIn(0, nil, nil) })
		got = strings.ReplaceAll(got, filepath.Dir(m.Root.Path), "DIR")
		if got != tc.want {
			t.Errorf("%q = %s\nwant %s", tc.expr, got, tc.want)
		}
	}
}

// In a trace, an expression reads the step's state, and primes its
// successor's.
func TestEvaluatorInTrace(t *testing.T) {
	m := inline(t, "Ev", evalSpec, evalCfg)
	res := run(t, m, 1)
	if res.Outcome != OutcomeInvariant || len(res.Trace) != 3 {
		t.Fatalf("outcome %s with %d steps", res.Outcome, len(res.Trace))
	}
	for _, tc := range []struct {
		expr string
		step int
		want string
	}{
		{`<<x, y>>`, 0, `<<0, <<>>>>`},
		{`<<x, y>>`, 2, `<<2, <<0, 1>>>>`},
		{`Append(y, Double(x))`, 1, `<<0, 2>>`},
		{`x' - x`, 1, `1`},
		{`y'`, 0, `<<0>>`},
		{`x'`, 2, `error 1:1: primed variable x' used where no next state exists`},
		{`y[3]`, 2, "error 1:1: Attempted to access index 3 of tuple\n<<0, 1>>\nwhich is out of bounds."},
	} {
		got := evalResult(m, tc.expr, func(ev *Evaluator) (string, error) { return ev.Eval(0, res.Trace, tc.step) })
		if got != tc.want {
			t.Errorf("%q at step %d = %s\nwant %s", tc.expr, tc.step, got, tc.want)
		}
	}
}
