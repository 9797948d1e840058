package eval

import "testing"

// TestTLCErrorMessages: the common evaluation errors are worded as TLC
// words them (AssertError compares a spec's expected text with them).
// Each expected text is the reference TLC's (the kinds and the
// application errors probed in invariants, /work/heldback/u12b probes).
func TestTLCErrorMessages(t *testing.T) {
	const defs = `f == [n \in -2..2 |-> n]
r == [a |-> 1]
h == <<1, 2>>
`
	cases := []struct{ expr, want string }{
		{"f[3]", "Attempted to apply function:\n(-2 :> -2 @@ -1 :> -1 @@ 0 :> 0 @@ 1 :> 1 @@ 2 :> 2)\nto argument 3, which is not in the domain of the function."},
		{"LET g == [n \\in -2..2 |-> n] IN g[3]", "In applying the function\n(-2 :> -2 @@ -1 :> -1 @@ 0 :> 0 @@ 1 :> 1 @@ 2 :> 2),\nthe first argument is:\n3\nwhich is not in its domain.\n"},
		{"h[3]", "Attempted to access index 3 of tuple\n<<1, 2>>\nwhich is out of bounds."},
		{`h["a"]`, `Attempted to access tuple at a non integral index: "a"`},
		{"r.b", "Attempted to select nonexistent field \"b\" from the record\n[a |-> 1]"},
		{`r["b"]`, "Attempted to access nonexistent field 'b' of record\n[a |-> 1]"},
		{`"a" < 1`, "The first argument of < should be an integer, but instead it is:\n\"a\""},
		{`1 >= "a"`, "The second argument of >= should be an integer, but instead it is:\n\"a\""},
		{"1 /\\ TRUE", "Attempted to evaluate an expression of form P /\\ Q when P was\nan integer."},
		{"FALSE \\/ 2", "Attempted to evaluate an expression of form P \\/ Q when Q was\nan integer."},
		{"2 => TRUE", "Attempted to evaluate an expression of form P => Q when P was\nan integer."},
		{"TRUE <=> 2", "Attempted to evaluate an expression of form P <=> Q when P or Q was not a boolean."},
		{"~ 2", "Attempted to apply the operator ~ to a non-boolean\n(an integer)"},
		{"IF 3 THEN 1 ELSE 2", "A non-boolean expression (an integer) was used as the condition of an IF."},
		{"CHOOSE x \\in {1, 2} : x > 5", "Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P."},
		{"1 \\in 3", "Attempted to check if the value:\n1\nis an element of the integer 3"},
		{`1 \in "abc"`, "Attempted to check if the value:\n1\nis an element of the string \"abc\""},
		{"1 \\in TRUE", "Attempted to check if the value:\n1\nis an element of the boolean TRUE"},
		{`"a" = 1`, "Attempted to check equality of string \"a\" with non-string:\n1"},
		// a set's own membership test (TLC's Value.member of each kind of set)
		{"1 \\in [a : {1}]", "Attempted to check if non-record\n1\nis in the set of records:\n{[a |-> 1]}"},
		{"<<1>> \\in [a : {1}]", "Attempted to check if non-record\n<<1>>\nis in the set of records:\n{[a |-> 1]}"},
		{"{1} \\in {1, 2} \\X {3}", "Attempted to check if non-tuple\n{1}\nis in the set of tuples:\n{<<1, 3>>, <<2, 3>>}"},
		{"[a |-> 1] \\in {1, 2} \\X {3}", "Attempted to check if non-tuple\n[a |-> 1]\nis in the set of tuples:\n{<<1, 3>>, <<2, 3>>}"},
		{"1 \\in [{1} -> {1}]", "Attempted to check if \n1\nwhich is not a TLC function value, is in the set of functions:\n{<<1>>}"},
		{"{} \\in Seq({1})", "Attempted to check if the value:\n{}\nis an element of Seq({1})."},
		{"1 \\in Seq({1})", "Attempted to check if the value:\n1\nis an element of Seq({1})."},
		{"{1} \\in 1..3", "Attempted to check if the value:\n{1}\nis in the integer interval 1..3"},
		{"1 \\in SUBSET {1}", "Attempted to check if the non-enumerable value\n1\nis element of\n{{}, {1}}"},
		// applying a non-function, selecting a field of a non-record
		{"h[1][1]", "A non-function (an integer) was applied as a function."},
		{`"abc"[1]`, "A non-function (a string) was applied as a function."},
		{"{1}[1]", "A non-function (a set of the form {e1, ... ,eN}) was applied as a function."},
		{"TRUE[1]", "A non-function (a Boolean value) was applied as a function."},
		{"h[1].a", "Attempted to select field \"a\" from a non-record value 1"},
		{"{1}.b", "Attempted to select field \"b\" from a non-record value {1}"},
		// a value's kind as TLC names it (Value.getKindString): its class,
		// a set by the form that made it
		{"IF 1..2 THEN 1 ELSE 2", "A non-boolean expression (a set of the form i..j) was used as the condition of an IF."},
		{"IF Nat THEN 1 ELSE 2", "A non-boolean expression (a special set constant) was used as the condition of an IF."},
		{"IF [a : {1}] THEN 1 ELSE 2", "A non-boolean expression (a set of the form [d1 : S1, ... , dN : SN]) was used as the condition of an IF."},
		{"IF {1} \\X {2} THEN 1 ELSE 2", "A non-boolean expression (a cartesian product) was used as the condition of an IF."},
		{"IF (1 :> 2 @@ 3 :> 4) THEN 1 ELSE 2", "A non-boolean expression (a function  of the form (d1 :> e1 @@ ... @@ dN :> eN)) was used as the condition of an IF."},
		{"IF SUBSET {1} THEN 1 ELSE 2", "A non-boolean expression (a set of the form SUBSET S) was used as the condition of an IF."},
		{"IF [{1} -> {2}] THEN 1 ELSE 2", "A non-boolean expression (a set of the form [S -> T]) was used as the condition of an IF."},
		{"IF Seq({1}) THEN 1 ELSE 2", "A non-boolean expression (a special set constant) was used as the condition of an IF."},
		{"IF r THEN 1 ELSE 2", "A non-boolean expression (a record) was used as the condition of an IF."},
		{"IF <<>> THEN 1 ELSE 2", "A non-boolean expression (a tuple) was used as the condition of an IF."},
		{"DOMAIN 1", "Attempted to apply the operator DOMAIN to a non-function\n(an integer)"},
		{"[h[1] EXCEPT ![1] = 2]", "Attempted to apply EXCEPT construct to the value 1."},
		{"5 % 0", "The second argument of % should be a positive number, but instead it is:\n0"},
	}
	for _, c := range cases {
		_, err := evalExpr(t, defs, c.expr)
		ee, ok := err.(*Error)
		if !ok {
			t.Errorf("%s: got %v, want an evaluation error", c.expr, err)
			continue
		}
		if ee.Msg != c.want {
			t.Errorf("%s:\ngot  %q\nwant %q", c.expr, ee.Msg, c.want)
		}
	}
	// the junction lists: a conjunct or disjunct that is not a boolean
	for _, c := range []struct{ expr, want string }{
		{"/\\ TRUE\n          /\\ 2", "A non-boolean expression (an integer) was used as a formula in a conjunction.\n2"},
		{"\\/ FALSE\n          \\/ 2", "A non-boolean expression (an integer) was used as a formula in a disjunction.\n2"},
	} {
		_, err := evalExpr(t, defs, c.expr)
		if ee, ok := err.(*Error); !ok || ee.Msg != c.want {
			t.Errorf("%s: got %v, want %q", c.expr, err, c.want)
		}
	}
}

// TestTypedModelValueEquality: a typed model value (named X_...) equals
// only model values of its type or untyped ones; comparing it with another
// value is TLC's error, worded as TLC words it.
func TestTypedModelValueEquality(t *testing.T) {
	src := `---- MODULE T ----
EXTENDS Naturals, TLC, TLCExt
a == TLCModelValue("A_1")
b == TLCModelValue("B_a")
u == TLCModelValue("u1")
`
	cases := []struct{ expr, want string }{
		{"a = b", "Attempted to check equality of the differently-typed model values A_1 and B_a"},
		{"a = 1", "Attempted to check equality of typed model value A_1 and non-model value\n1"},
		{"1 = a", "Attempted to check equality of the typed model value A_1 and the non-model value\n1"},
		{"a \\in {1, 2}", "Attempted to check equality of the typed model value A_1 and the non-model value\n1"},
		{"a = u", ""},
		{"u = 1", ""},
	}
	for _, c := range cases {
		p := program(t, src+"EXPR__ == "+c.expr+"\n====\n", nil)
		e, err := p.DefExpr("EXPR__")
		if err != nil {
			t.Fatal(err)
		}
		ce, err := p.Compile(e)
		if err != nil {
			t.Fatal(err)
		}
		v, err := ce.Eval(p.NewCtx(), nil, nil)
		if c.want == "" {
			if err != nil || v != Bool(false) {
				t.Errorf("%s: got %v %v, want FALSE", c.expr, v, err)
			}
			continue
		}
		if ee, ok := err.(*Error); !ok || ee.Msg != c.want {
			t.Errorf("%s: got %v, want %q", c.expr, err, c.want)
		}
	}
}

// TestDomainComparison: TLC looks an argument up in a function's domain
// by comparing it with the domain's elements (each in turn, or by halves
// from the middle element in a normalized domain of 32 or more), so that
// applying a function, or EXCEPT on it, with an argument it cannot compare
// with them is an error, not a miss (EXCEPT would leave the function as it
// is); an integer interval is indexed by integers only, a tuple too. A
// value that compares with them and is not in the domain is a miss. The
// expected texts are the reference TLC's; the 64-element one is TLC's on
// Github696, where the function is a variable's value, normalized (TLC
// searches a function it has not normalized yet element by element). The
// model values are named apart from other tests': TLC orders them by
// creation, for the whole process.
func TestDomainComparison(t *testing.T) {
	src := `---- MODULE T ----
EXTENDS Integers, Sequences, TLC, TLCExt
b == TLCModelValue("B_a")
mv == TLCModelValue("mv")
MV(n) == { TLCModelValue("C_" \o ToString(i)) : i \in 0..n-1 }
f(n) == [ m \in MV(n) |-> 1 ]
g(n) == [ i \in {"s" \o ToString(k) : k \in 1..n} |-> 1 ]
`
	cases := []struct{ expr, want string }{
		{"f(31)[b]", "Attempted to check equality of the differently-typed model values C_0 and B_a"},
		{"[f(31) EXCEPT ![b] = 2] = f(31)", "Attempted to check equality of the differently-typed model values C_0 and B_a"},
		{"[f(64) EXCEPT ![b] = 2] = f(64)", "Attempted to compare the differently-typed model values C_31 and B_a"},
		{"[g(20) EXCEPT ![3] = 2] = g(20)", "Attempted to check equality of string \"s1\" with non-string:\n3"},
		{`[[i \in 2..40 |-> 0] EXCEPT !["a"] = 2] = [i \in 2..40 |-> 0]`, `Attempted to apply function with integer domain to the non-integer argument "a"`},
		{`[[i \in {2, 4, 5} |-> 0] EXCEPT !["a"] = 2] = [i \in {2, 4, 5} |-> 0]`, "Attempted to check equality of integer 2 with non-integer:\n\"a\""},
		{`[<<1, 2>> EXCEPT !["a"] = 2] = <<1, 2>>`, `Attempted to access tuple at a non integral index: "a"`},
		{`[[i \in {2, 4, 5} |-> 0] EXCEPT ![7] = 2] = [i \in {2, 4, 5} |-> 0]`, ""},
		{`[[i \in {"x", "y"} |-> 0] EXCEPT !["z"] = 2] = [i \in {"x", "y"} |-> 0]`, ""},
		{`[[i \in {"p", "q"} |-> 0] EXCEPT ![mv] = 2] = [i \in {"p", "q"} |-> 0]`, ""},
	}
	for _, c := range cases {
		p := program(t, src+"EXPR__ == "+c.expr+"\n====\n", nil)
		e, err := p.DefExpr("EXPR__")
		if err != nil {
			t.Fatal(err)
		}
		ce, err := p.Compile(e)
		if err != nil {
			t.Fatal(err)
		}
		v, err := ce.Eval(p.NewCtx(), nil, nil)
		if c.want == "" {
			if err != nil || v != Bool(true) {
				t.Errorf("%s: got %v %v, want TRUE", c.expr, v, err)
			}
			continue
		}
		if ee, ok := err.(*Error); !ok || ee.Msg != c.want {
			t.Errorf("%s: got %v, want %q", c.expr, err, c.want)
		}
	}
}

// TestMemberOfProductIntFunction: a function of integers that is not a
// tuple is simply not in a Cartesian product (TLC's SetOfTuplesValue
// answers FALSE for it; the reference TLC's Inv3 below is "violated", not
// an evaluation error).
func TestMemberOfProductIntFunction(t *testing.T) {
	v, err := evalExpr(t, "", "[i \\in {2, 3} |-> i] \\in {1, 2} \\X {3}")
	if err != nil || v != Bool(false) {
		t.Errorf("got %v, %v; want FALSE", v, err)
	}
}
