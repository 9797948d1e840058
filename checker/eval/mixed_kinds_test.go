package eval

import (
	"testing"
)

// TestMixedKinds: where TLC compares or orders values of different kinds
// it fails, and where it does not it goes on. Its sets keep the order they
// were written in until it normalizes them (sorts them, by binary
// insertion, ValueVec.sort): membership in a set it has just built is a
// linear search by equality (1 \in {1, "a"} is TRUE, 1 \in {"a", 1} is an
// error), and anything that normalizes it (equality, printing, CHOOSE,
// making a function or SUBSET) fails naming the first pair its sort
// compares. UNION of enumerated sets gathers their elements by equality,
// UNION otherwise sorts. An untyped model value compares with anything; a
// typed one only with model values of its type. Every expected answer is
// the reference TLC's (tlc2.REPL, and tlc2.TLC on an ASSUME PrintT(e) for
// the model values; the Java override wrapper TLC puts around an error
// inside Cardinality or PrintT left aside).
func TestMixedKinds(t *testing.T) {
	const header = `---- MODULE T ----
EXTENDS Naturals, Integers, Sequences, FiniteSets, TLC, TLCExt
a == TLCModelValue("A_1")
b == TLCModelValue("B_a")
u == TLCModelValue("u1")
`
	cases := []struct{ expr, want string }{
		// making and normalizing a set
		{`{1, "a"} = {1}`, "error: Attempted to compare string \"a\" with non-string:\n1"},
		{`{"a", 1} = {1}`, "error: Attempted to compare integer 1 with non-integer:\n\"a\""},
		{`{"a", "a", 1}`, "error: Attempted to compare integer 1 with non-integer:\n\"a\""},
		{`{1, TRUE}`, "error: Attempted to compare boolean TRUE with non-boolean:\n1"},
		{`{TRUE, 1}`, "error: Attempted to compare integer 1 with non-integer:\nTRUE"},
		{`{<<1>>, <<"a">>}`, "error: Attempted to compare string \"a\" with non-string:\n1"},
		{`{[a |-> 1], [a |-> "x"]}`, "error: Attempted to compare string \"x\" with non-string:\n1"},
		{`{[a |-> 1], <<1>>}`, "error: Attempted to compare integer with non-integer:\n\"a\"."},
		{`{<<1>>, [a |-> 1]}`, "error: Attempted to compare record:\n[a |-> 1]\nwith non-record\n<<1>>"},
		{`{<<>>, {}}`, "error: Attempted to compare the set {} with the value:\n<<>>"},
		{`{{}, <<>>}`, "error: Attempted to compare the function <<>> with the value:\n{}"},
		{`{2, 3, 1, "a"}`, "error: Attempted to compare string \"a\" with non-string:\n2"},
		{`{3, 1, 2, {}}`, "error: Attempted to compare the set {} with the value:\n2"},
		{`{{}, 3, 1, 2}`, "error: Attempted to compare integer 3 with non-integer:\n{}"},
		{`{"b", "a", 1} = {}`, "error: Attempted to compare integer 1 with non-integer:\n\"b\""},
		{`{<<1, "a">>, <<"b", 2>>}`, "error: Attempted to compare string \"b\" with non-string:\n1"},
		{`{<<1, "a">>, <<2, "b">>}`, `{<<1, "a">>, <<2, "b">>}`},
		{`{x \in {1, "a"} : TRUE}`, "error: Attempted to compare string \"a\" with non-string:\n1"},
		{`{x : x \in {1, "a"}}`, "error: Attempted to compare string \"a\" with non-string:\n1"},
		{`CHOOSE x \in {1, "a"} : TRUE`, "error: Attempted to compare string \"a\" with non-string:\n1"},
		{`\E x \in {1, "a"} : x = 1`, "error: Attempted to compare string \"a\" with non-string:\n1"},
		{`[x \in {1, "a"} |-> x]`, "error: Attempted to compare string \"a\" with non-string:\n1"},
		{`SUBSET {1, "a"}`, "error: Attempted to compare string \"a\" with non-string:\n1"},
		{`{1, "a"} \subseteq {1, "a", 2}`, "error: Attempted to compare string \"a\" with non-string:\n1"},
		// membership in a set just written: a linear search by equality
		{`1 \in {"a", 1}`, "error: Attempted to check equality of string \"a\" with non-string:\n1"},
		{`1 \notin {"a", 1}`, "error: Attempted to check equality of string \"a\" with non-string:\n1"},
		{`"a" \in {"a", 1}`, "TRUE"},
		{`1 \in {1, "a"}`, "TRUE"},
		{`2 \in {1, "a"}`, "error: Attempted to check equality of string \"a\" with non-string:\n2"},
		{`TRUE \in {1, 2}`, "error: Attempted to check equality of integer 1 with non-integer:\nTRUE"},
		{`{1} \in {{"a"}, {1}}`, "error: Attempted to check equality of string \"a\" with non-string:\n1"},
		{`"a" \in {1, 2, 3, 4, 5, 6, 7, 8, 9}`, "error: Attempted to check equality of integer 1 with non-integer:\n\"a\""},
		{`"a" \in 1..3`, "error: Attempted to check if the value:\n\"a\"\nis in the integer interval 1..3"},
		// equality
		{`TRUE = 1`, "error: Attempted to compare equality of boolean TRUE with non-boolean:\n1"},
		{`1 = TRUE`, "error: Attempted to check equality of integer 1 with non-integer:\nTRUE"},
		{`<<1>> = <<"a">>`, "error: Attempted to check equality of integer 1 with non-integer:\n\"a\""},
		{`<<"a">> = <<1>>`, "error: Attempted to check equality of string \"a\" with non-string:\n1"},
		{`<<1, 2>> = <<"a">>`, "FALSE"},
		{`[a |-> 1] = [b |-> 1]`, "FALSE"},
		{`[a |-> 1] = <<1>>`, "error: Attempted to check equality of record:\n[a |-> 1]\nwith non-record\n<<1>>"},
		{`<<1>> = [a |-> 1]`, "error: Attempted to compare an integer with non-integer:\n\"a\"."},
		// set operators
		{`{1, 2} \cup {"a"}`, "error: Attempted to check equality of integer 1 with non-integer:\n\"a\""},
		{`{"a"} \cup {1, 2}`, "error: Attempted to check equality of string \"a\" with non-string:\n1"},
		{`{1} \subseteq {"a"}`, "error: Attempted to check equality of string \"a\" with non-string:\n1"},
		{`{1} \ {"a"}`, "error: Attempted to check equality of string \"a\" with non-string:\n1"},
		{`{1, 2} \cap {"a"}`, "error: Attempted to check equality of string \"a\" with non-string:\n1"},
		{`UNION {{1}, {"a"}}`, "error: Attempted to check equality of integer 1 with non-integer:\n\"a\""},
		{`UNION {{"a"}, {1, 2}}`, "error: Attempted to check equality of string \"a\" with non-string:\n1"},
		{`UNION {1..2, {"a"}}`, "error: Attempted to compare integer 1 with non-integer:\n\"a\""},
		// model values
		{`{u, 1}`, "{u1, 1}"},
		{`{1, u, 2}`, "{u1, 1, 2}"},
		{`u \in {1, "a"}`, "FALSE"},
		{`{u, "a"} = {"a"}`, "FALSE"},
		{`{u, 1, "a"}`, "error: Attempted to compare string \"a\" with non-string:\n1"},
		{`{1, u} = {u, 1}`, "TRUE"},
		{`<<u>> = <<1>>`, "FALSE"},
		{`[x \in {u, 1} |-> 0]`, "(u1 :> 0 @@ 1 :> 0)"},
		{`UNION {{u}, {1}}`, "{u1, 1}"},
		{`{a, 1}`, "error: Attempted to compare the typed model value A_1 and the non-model value\n1"},
		{`{a, b}`, "error: Attempted to compare the differently-typed model values B_a and A_1"},
		{`{u, a}`, "{A_1, u1}"},
	}
	for _, c := range cases {
		p := program(t, header+"EXPR__ == "+c.expr+"\n====\n", nil)
		e, err := p.DefExpr("EXPR__")
		if err != nil {
			t.Fatal(err)
		}
		ce, err := p.Compile(e)
		if err != nil {
			t.Fatal(err)
		}
		v, err := ce.Eval(p.NewCtx(), nil, nil)
		got := ""
		if err != nil {
			ee, ok := err.(*Error)
			if !ok {
				t.Errorf("%s: %v, want an evaluation error", c.expr, err)
				continue
			}
			got = "error: " + ee.Msg
		} else {
			got = Format(v)
		}
		if got != c.want {
			t.Errorf("%s:\ngot  %q\nwant %q", c.expr, got, c.want)
		}
	}
}

// TestMakeSetMixedKinds: the exported MakeSet (a configuration's set, a
// value read back from TLC's output) makes a set of values TLC cannot
// order without failing, ordered by kind, duplicates dropped, where
// evaluating such a set enumeration is an error (TestMixedKinds).
func TestMakeSetMixedKinds(t *testing.T) {
	s := MakeSet([]Value{Str("a"), Int(1), Str("a"), mkTuple([]Value{Str("b")}), mkTuple([]Value{Int(2)})})
	if got := Format(s); got != `{1, "a", <<"b">>, <<2>>}` { // the tuples by their printed forms
		t.Errorf("MakeSet: %s", got)
	}
	v, err := ReadValue(`{1, "a"}`, nil)
	if err != nil || Format(v) != `{1, "a"}` {
		t.Errorf("ReadValue: %v, %v", v, err)
	}
}
