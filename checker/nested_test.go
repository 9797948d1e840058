package checker

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNestedExpressions: for an evaluation error in the initial predicate
// or an action, TLC replays the evaluation with its CallStackTool and
// lists the expressions it was evaluating (EC.TLC_NESTED_EXPRESSION),
// after the trace: from the action's expression (the next-state relation
// split at its disjunctions, \E and LETs) through each operator
// application into the operator's body, with the conjuncts an action
// went through before the failing one, down to the failing expression.
// The rows are errors in Init, in Next, inside calls 3 deep, IF, CHOOSE,
// LET, EXCEPT, a record field, a function application, a recursive
// operator, an INSTANCE'd operator, a conjunction, \E, a Java override,
// Assert. Each expected text is the reference TLC's output on the spec
// (tla2tools, -workers 1), from its first error to its counts.
func TestNestedExpressions(t *testing.T) {
	const inst = "---- MODULE I ----\nOp(s) == s.b\n====\n"
	cases := []struct{ name, spec, want string }{
		{`T1`, `---- MODULE T1 ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x' = [a |-> x.b]
====
`,
			`Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to select field "b" from a non-record value 0
line 5, col 21 to line 5, col 23 of module T1
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 24 in T1
1. Line 5, column 14 to line 5, column 24 in T1
2. Line 5, column 21 to line 5, column 23 in T1


1 states generated, 1 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 1.
`},
		{`T2`, `---- MODULE T2 ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x' = CHOOSE i \in 1..3 : i > 5
====
`,
			`Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to compute the value of an expression of form
CHOOSE x \in S: P, but no element of S satisfied P.
line 5, col 14 to line 5, col 38 of module T2
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 38 in T2
1. Line 5, column 14 to line 5, column 38 in T2


1 states generated, 1 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 1.
`},
		{`T3`, `---- MODULE T3 ----
EXTENDS Naturals, TLC
VARIABLE x
A(s) == s.b
B(s) == A(s) + 1
C(s) == B(s) * 2
Init == x = 0
Next == x' = C([a |-> 1])
====
`,
			`Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to select nonexistent field "b" from the record
[a |-> 1]
line 4, col 9 to line 4, col 11 of module T3
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 8, column 9 to line 8, column 25 in T3
1. Line 8, column 14 to line 8, column 25 in T3
2. Line 6, column 9 to line 6, column 16 in T3
3. Line 6, column 9 to line 6, column 12 in T3
4. Line 5, column 9 to line 5, column 16 in T3
5. Line 5, column 9 to line 5, column 12 in T3
6. Line 4, column 9 to line 4, column 11 in T3


1 states generated, 1 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 1.
`},
		{`T4`, `---- MODULE T4 ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x' = IF x = 0 THEN [a |-> 1].b ELSE 0
====
`,
			`Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to select nonexistent field "b" from the record
[a |-> 1]
line 5, col 28 to line 5, col 38 of module T4
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 45 in T4
1. Line 5, column 14 to line 5, column 45 in T4
2. Line 5, column 28 to line 5, column 38 in T4


1 states generated, 1 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 1.
`},
		{`T5`, `---- MODULE T5 ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = [a |-> 1].b
Next == x' = x
====
`,
			`Error: Attempted to select nonexistent field "b" from the record
[a |-> 1]
line 4, col 13 to line 4, col 23 of module T5
Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 4, column 9 to line 4, column 23 in T5
1. Line 4, column 13 to line 4, column 23 in T5


0 states generated, 0 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 0.
`},
		{`T6`, `---- MODULE T6 ----
EXTENDS Naturals, TLC
VARIABLE x
F(n) == [a |-> n].b
A == x' = F(x)
B == x' = x
Init == x = 0
Next == B \/ A
====
`,
			`Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to select nonexistent field "b" from the record
[a |-> 0]
line 4, col 9 to line 4, col 19 of module T6
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 6 to line 5, column 14 in T6
1. Line 5, column 11 to line 5, column 14 in T6
2. Line 4, column 9 to line 4, column 19 in T6


2 states generated, 1 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 1.
`},
		{`T7`, `---- MODULE T7 ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x' = [i \in 1..2 |-> i][x + 5]
====
`,
			`Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: In applying the function
<<1, 2>>,
the first argument is:
5
which is not in its domain.

Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 38 in T7
1. Line 5, column 14 to line 5, column 38 in T7


1 states generated, 1 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 1.
`},
		{`T8`, `---- MODULE T8 ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x' = [[a |-> 1] EXCEPT !.a = 1 + "s"]
====
`,
			`Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 45 in T8
1. Line 5, column 14 to line 5, column 45 in T8
2. Line 5, column 38 to line 5, column 44 in T8


1 states generated, 1 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 1.
`},
		{`T9`, `---- MODULE T9 ----
EXTENDS Naturals, TLC
VARIABLE x
RECURSIVE R(_)
R(n) == IF n = 0 THEN [a |-> 1].b ELSE R(n - 1)
Init == x = 0
Next == x' = R(2)
====
`,
			`Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to select nonexistent field "b" from the record
[a |-> 1]
line 5, col 23 to line 5, col 33 of module T9
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 7, column 9 to line 7, column 17 in T9
1. Line 7, column 14 to line 7, column 17 in T9
2. Line 5, column 9 to line 5, column 47 in T9
3. Line 5, column 40 to line 5, column 47 in T9
4. Line 5, column 9 to line 5, column 47 in T9
5. Line 5, column 40 to line 5, column 47 in T9
6. Line 5, column 9 to line 5, column 47 in T9
7. Line 5, column 23 to line 5, column 33 in T9


1 states generated, 1 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 1.
`},
		{`T10`, `---- MODULE T10 ----
EXTENDS Naturals, TLC
VARIABLE x
J == INSTANCE I
Init == x = 0
Next == x' = J!Op([a |-> 1])
====
`,
			`Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to select nonexistent field "b" from the record
[a |-> 1]
line 2, col 10 to line 2, col 12 of module I
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 6, column 9 to line 6, column 28 in T10
1. Line 6, column 14 to line 6, column 28 in T10
2. Line 2, column 10 to line 2, column 12 in I


1 states generated, 1 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 1.
`},
		{`T11`, `---- MODULE T11 ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x' = LET y == [a |-> 1] IN y.b
====
`,
			`Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to select nonexistent field "b" from the record
[a |-> 1]
line 5, col 36 to line 5, col 38 of module T11
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 38 in T11
1. Line 5, column 14 to line 5, column 38 in T11
2. Line 5, column 36 to line 5, column 38 in T11


1 states generated, 1 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 1.
`},
		{`T12`, `---- MODULE T12 ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == /\ x < 5
        /\ x' = [a |-> x].b
====
`,
			`Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to select nonexistent field "b" from the record
[a |-> 0]
line 6, col 17 to line 6, col 27 of module T12
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 6, column 27 in T12
1. Line 5, column 12 to line 5, column 16 in T12
2. Line 6, column 12 to line 6, column 27 in T12
3. Line 6, column 17 to line 6, column 27 in T12


1 states generated, 1 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 1.
`},
		{`T13`, `---- MODULE T13 ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == \E i \in 1..2 : x' = [a |-> i].b
====
`,
			`Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to select nonexistent field "b" from the record
[a |-> 1]
line 5, col 30 to line 5, col 40 of module T13
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 25 to line 5, column 40 in T13
1. Line 5, column 30 to line 5, column 40 in T13


1 states generated, 1 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 1.
`},
		{`T14`, `---- MODULE T14 ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x' = x + "a"
====
`,
			`Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 20 in T14
1. Line 5, column 14 to line 5, column 20 in T14


1 states generated, 1 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 1.
`},
		{`T15`, `---- MODULE T15 ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x' = Assert(x > 3, "boom")
====
`,
			`Error: The first argument of Assert evaluated to FALSE; the second argument was:
"boom"
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 5, column 9 to line 5, column 34 in T15
1. Line 5, column 14 to line 5, column 34 in T15


1 states generated, 1 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 1.
`},
		{`T16`, `---- MODULE T16 ----
EXTENDS Naturals, TLC
VARIABLE x
G(n) == n.b
Init == x = 0
Next == x' = G([a |-> x]) + 1
====
`,
			`Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to select nonexistent field "b" from the record
[a |-> 0]
line 4, col 9 to line 4, col 11 of module T16
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

Error: The error occurred when TLC was evaluating the nested
expressions at the following positions:
0. Line 6, column 9 to line 6, column 29 in T16
1. Line 6, column 14 to line 6, column 29 in T16
2. Line 6, column 14 to line 6, column 25 in T16
3. Line 4, column 9 to line 4, column 11 in T16


1 states generated, 1 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 1.
`},
	}
	for _, c := range cases {
		dir := t.TempDir()
		files := map[string]string{c.name + ".tla": c.spec, c.name + ".cfg": "INIT Init\nNEXT Next\n", "I.tla": inst}
		for name, text := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		m, err := LoadModel(filepath.Join(dir, c.name+".tla"), filepath.Join(dir, c.name+".cfg"), nil)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Check(context.Background(), m, Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		if got := res.TLCText(); got != c.want {
			t.Errorf("%s:\n%s\nwant (TLC):\n%s", c.name, got, c.want)
		}
	}
}

// TestValueApplyErrorsUnplaced: the errors of a tuple's or a record's own
// application (TupleValue.apply, RecordValue.apply) TLC prints without a
// position (<<1, 2>>["a"] still prints one: its error is raised in the
// domain lookup, FcnV.checkMiss, as a value error placed at the
// application: open). Expected: the reference TLC's text up to the trace (after it
// TLC lists these as a fingerprint stack, "TLC was unable to
// fingerprint", which tlals does not reproduce: open).
func TestValueApplyErrorsUnplaced(t *testing.T) {
	cases := []struct{ expr, want string }{
		{`[a |-> 1]["b"]`, `Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to access nonexistent field 'b' of record
[a |-> 1]
`},
		{`<<1, 2>>[3]`, `Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to access index 3 of tuple
<<1, 2>>
which is out of bounds.
`},
	}
	for _, c := range cases {
		_, res := runSpec(t, map[string]string{
			"S.tla": "---- MODULE S ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = " + c.expr + "\n====\n",
			"S.cfg": "INIT Init\nNEXT Next\n",
		})
		got, _, _ := strings.Cut(res.TLCText(), "Error: The behavior up to this point is:\n")
		if got != c.want {
			t.Errorf("%s:\n%s\nwant (TLC):\n%s", c.expr, got, c.want)
		}
	}
}
