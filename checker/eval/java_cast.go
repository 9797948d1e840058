package eval

import "strings"

// javaMethod is a standard module's operator as TLC implements it: a
// static method of the Java class tlc2.module.<Class> whose parameters
// are IntValues. A non-integer argument makes the method's invocation
// fail with a ClassCastException, which TLC reports with the method's
// signature (EC.TLC_MODULE_VALUE_JAVA_METHOD_OVERRIDE, MethodValue.apply).
type javaMethod struct {
	class, name string
	args        int
}

// int is argument v of m as an integer, or TLC's error for its cast.
func (m javaMethod) int(v Value, l *Loc) int64 {
	if n, ok := v.(Int); ok {
		return int64(n)
	}
	cls := javaClass(v)
	if cls == "" {
		throw(l, "Expected an integer, but got %s", Pretty(v))
	}
	const iv = "tlc2.value.impl.IntValue"
	ps := strings.TrimSuffix(strings.Repeat(iv+",", m.args), ",")
	throw(l, "Attempted to apply the operator overridden by the Java method\npublic static %s tlc2.module.%s.%s(%s),\nbut it produced the following error:\nCannot cast tlc2.value.impl.%s to %s", m.result(), m.class, m.name, ps, cls, iv)
	return 0
}

// result is the Java return type of m.
func (m javaMethod) result() string {
	if m.name == "DotDot" {
		return "tlc2.value.impl.IntervalValue"
	}
	return "tlc2.value.impl.IntValue"
}

// javaClass is the class (in tlc2.value.impl) of TLC's representation of
// v, as its cast errors name it; "" for a value whose class is not known.
// TLC keeps a value in the form the expression made it (1..2 an
// IntervalValue, [a |-> 1] a RecordValue, a function over an infinite
// domain a FcnLambdaValue), as tlals mostly does too; Nat, Int, STRING
// and Seq(S) are its UserValues. The names are the reference TLC's
// ("Cannot cast tlc2.value.impl.X to tlc2.value.impl.IntValue").
func javaClass(v Value) string {
	switch x := v.(type) {
	case Str:
		return "StringValue"
	case Bool:
		return "BoolValue"
	case *ModelValue:
		return "ModelValue"
	case *SetV:
		if x.interval {
			return "IntervalValue"
		}
		return "SetEnumValue"
	case *IntervalV:
		return "IntervalValue"
	case *SubsetV:
		return "SubsetValue"
	case *FuncSetV:
		return "SetOfFcnsValue"
	case *RecSetV:
		return "SetOfRcdsValue"
	case *ProductV:
		return "SetOfTuplesValue"
	case *FilterV:
		// TLC enumerates {x \in S : P} over a finite S when it makes it
		switch x.Base.(type) {
		case NatV, IntSetV, StringV, *SeqSetV:
			return "SetPredValue"
		}
		return "SetEnumValue"
	case NatV, IntSetV, StringV, *SeqSetV:
		return "UserValue"
	case *LazyFcnV:
		return "FcnLambdaValue"
	case *FcnV:
		if x.Seq && x.Rep == repDefault { // <<...>>, not [i \in 1..n |-> e]
			return "TupleValue"
		}
		if len(x.Dom) > 0 && x.Rep != repIntv {
			rec := true
			for _, d := range x.Dom {
				if _, ok := d.(Str); !ok {
					rec = false
					break
				}
			}
			if rec {
				return "RecordValue"
			}
		}
		return "FcnRcdValue"
	}
	return ""
}

// overridden, deferred by a standard module's operator, re-raises the
// error it raised as TLC reports an error of the Java method that
// implements it (signature) when the method throws it as a plain
// exception (FiniteSets.IsFiniteSet's Assert.fail): wrapped in
// EC.TLC_MODULE_VALUE_JAVA_METHOD_OVERRIDE.
func overridden(signature string) {
	r := recover()
	if r == nil {
		return
	}
	if e, ok := r.(*Error); ok && e.Kind == ErrEval {
		w := *e
		w.Msg = "Attempted to apply the operator overridden by the Java method\n" + signature + ",\nbut it produced the following error:\n" + e.Msg
		panic(&w)
	}
	panic(r)
}
