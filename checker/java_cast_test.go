package checker

import (
	"strings"
	"testing"
)

// TestJavaCastErrors: an integer operator of Naturals/Integers applied
// to a non-integer fails as TLC's Java method does: its invocation casts
// the argument to IntValue, and TLC reports the method's signature and
// the cast (EC.TLC_MODULE_VALUE_JAVA_METHOD_OVERRIDE), naming the class
// of its representation of the value. TLC always loads
// tlc2.module.Integers (TLCExt instantiates Integers), so the method is
// Integers' even for a spec that extends Naturals only. Expected texts:
// the reference TLC's output on these specs (an ASSUME, then a step of
// the next-state relation, whose message TLC prints after its header for
// an unexpected exception and without a position).
func TestJavaCastErrors(t *testing.T) {
	assume := []struct{ expr, want string }{
		{`"a"`, `Error: Evaluating assumption line 4, col 8 to line 4, col 18 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue
`},
		{`TRUE`, `Error: Evaluating assumption line 4, col 8 to line 4, col 19 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.BoolValue to tlc2.value.impl.IntValue
`},
		{`{1}`, `Error: Evaluating assumption line 4, col 8 to line 4, col 18 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.SetEnumValue to tlc2.value.impl.IntValue
`},
		{`<<1>>`, `Error: Evaluating assumption line 4, col 8 to line 4, col 20 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.TupleValue to tlc2.value.impl.IntValue
`},
		{`[a |-> 1]`, `Error: Evaluating assumption line 4, col 8 to line 4, col 24 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.RecordValue to tlc2.value.impl.IntValue
`},
		{`[i \in {2,3} |-> i]`, `Error: Evaluating assumption line 4, col 8 to line 4, col 34 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.FcnRcdValue to tlc2.value.impl.IntValue
`},
		{`SUBSET {1}`, `Error: Evaluating assumption line 4, col 8 to line 4, col 25 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.SubsetValue to tlc2.value.impl.IntValue
`},
		{`[{1} -> {1}]`, `Error: Evaluating assumption line 4, col 8 to line 4, col 27 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.SetOfFcnsValue to tlc2.value.impl.IntValue
`},
		{`Nat`, `Error: Evaluating assumption line 4, col 8 to line 4, col 18 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.UserValue to tlc2.value.impl.IntValue
`},
		{`Int`, `Error: Evaluating assumption line 4, col 8 to line 4, col 18 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.UserValue to tlc2.value.impl.IntValue
`},
		{`STRING`, `Error: Evaluating assumption line 4, col 8 to line 4, col 21 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.UserValue to tlc2.value.impl.IntValue
`},
		{`Seq({1})`, `Error: Evaluating assumption line 4, col 8 to line 4, col 23 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.UserValue to tlc2.value.impl.IntValue
`},
		{`[a : {1}]`, `Error: Evaluating assumption line 4, col 8 to line 4, col 24 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.SetOfRcdsValue to tlc2.value.impl.IntValue
`},
		{`UNION {{1}}`, `Error: Evaluating assumption line 4, col 8 to line 4, col 26 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.SetEnumValue to tlc2.value.impl.IntValue
`},
		{`<<>>`, `Error: Evaluating assumption line 4, col 8 to line 4, col 19 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.TupleValue to tlc2.value.impl.IntValue
`},
		{`[i \in 1..2 |-> i]`, `Error: Evaluating assumption line 4, col 8 to line 4, col 33 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.FcnRcdValue to tlc2.value.impl.IntValue
`},
		{`[i \in Nat |-> i]`, `Error: Evaluating assumption line 4, col 8 to line 4, col 32 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.FcnLambdaValue to tlc2.value.impl.IntValue
`},
		{`M`, `Error: Evaluating assumption line 4, col 8 to line 4, col 16 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.ModelValue to tlc2.value.impl.IntValue
`},
		{`{1} \cup Nat`, `Error: Evaluating assumption line 4, col 8 to line 4, col 27 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.SetEnumValue to tlc2.value.impl.IntValue
`},
		{`{2} \ {1}`, `Error: Evaluating assumption line 4, col 8 to line 4, col 24 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.SetEnumValue to tlc2.value.impl.IntValue
`},
		{`[i \in {} |-> 1]`, `Error: Evaluating assumption line 4, col 8 to line 4, col 31 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.FcnRcdValue to tlc2.value.impl.IntValue
`},
	}
	for _, c := range assume {
		_, res := runSpec(t, map[string]string{
			"S.tla": "---- MODULE S ----\nEXTENDS Integers, Sequences\nCONSTANT M\nASSUME 1 + " + c.expr + " = 2\n====\n",
			"S.cfg": "CONSTANT M = M\n",
		})
		if got := res.TLCText(); got != c.want {
			t.Errorf("ASSUME 1 + %s:\n%s\nwant (TLC):\n%s", c.expr, got, c.want)
		}
	}
	// a spec that extends Naturals only: still Integers' method
	_, res := runSpec(t, map[string]string{"S.tla": "---- MODULE S ----\nEXTENDS Naturals\nASSUME 1 .. \"a\" = 2\n====\n"})
	if want := `Error: Evaluating assumption line 3, col 8 to line 3, col 19 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntervalValue tlc2.module.Integers.DotDot(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue
`; res.TLCText() != want {
		t.Errorf("Naturals only:\n%s\nwant (TLC):\n%s", res.TLCText(), want)
	}
	next := []struct{ expr, want string }{
		{`1 + "a"`, `Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue
`},
		{`1 .. "a"`, `Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntervalValue tlc2.module.Integers.DotDot(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue
`},
		{`2 ^ "a"`, `Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Expt(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue
`},
		{`-"a"`, `Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Neg(tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue
`},
		{`Print(1 + "a", 1)`, `Error: TLC threw an unexpected exception.
This was probably caused by an error in the spec or model.
See the User Output or TLC Console for clues to what happened.
The exception was a java.lang.RuntimeException
: Attempted to apply the operator overridden by the Java method
public static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),
but it produced the following error:
Cannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue
`},
	}
	for _, c := range next {
		_, res := runSpec(t, map[string]string{
			"S.tla": "---- MODULE S ----\nEXTENDS Naturals, Integers, Sequences, FiniteSets, TLC, Bags\nVARIABLE x\nInit == x = 0\nNext == x' = " + c.expr + "\n====\n",
			"S.cfg": "INIT Init\nNEXT Next\n",
		})
		got, _, _ := strings.Cut(res.TLCText(), "Error: The behavior up to this point is:\n")
		if got != c.want {
			t.Errorf("Next == x' = %s:\n%s\nwant (TLC):\n%s", c.expr, got, c.want)
		}
	}
	// IsFiniteSet raises its errors as plain exceptions, which TLC wraps
	// with its Java method's signature; Assert fails on a non-boolean as
	// on FALSE (TLC's texts)
	others := []struct{ expr, want string }{
		{`IsFiniteSet(1)`, `Error: Evaluating assumption line 3, col 8 to line 3, col 21 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.IBoolValue tlc2.module.FiniteSets.IsFiniteSet(tlc2.value.impl.Value),
but it produced the following error:
Attempted to check if the integer 1 is a finite set.
`},
		{`IsFiniteSet({y \in Nat : y < 3})`, `Error: Evaluating assumption line 3, col 8 to line 3, col 39 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.IBoolValue tlc2.module.FiniteSets.IsFiniteSet(tlc2.value.impl.Value),
but it produced the following error:
Attempted to check if expression of form {x \in S : p(x)} is a finite set, but cannot check if S:
Nat
is finite.
`},
		{`IsFiniteSet("a")`, `Error: Evaluating assumption line 3, col 8 to line 3, col 23 of module S failed.
Attempted to apply the operator overridden by the Java method
public static tlc2.value.IBoolValue tlc2.module.FiniteSets.IsFiniteSet(tlc2.value.impl.Value),
but it produced the following error:
Attempted to check if the string "a" is a finite set.
`},
		{`Assert(1, "m")`, `Error: Evaluating assumption line 3, col 8 to line 3, col 21 of module S failed.
The first argument of Assert evaluated to FALSE; the second argument was:
"m"
`},
		{`Assert("a", "m")`, `Error: Evaluating assumption line 3, col 8 to line 3, col 23 of module S failed.
The first argument of Assert evaluated to FALSE; the second argument was:
"m"
`},
	}
	for _, c := range others {
		_, res := runSpec(t, map[string]string{"S.tla": "---- MODULE S ----\nEXTENDS Integers, Sequences, FiniteSets, TLC, Bags\nASSUME " + c.expr + "\n====\n"})
		if got := res.TLCText(); got != c.want {
			t.Errorf("ASSUME %s:\n%s\nwant (TLC):\n%s", c.expr, got, c.want)
		}
	}
}
