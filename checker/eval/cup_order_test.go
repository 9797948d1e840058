package eval

import "testing"

// TestUnionMembershipOrder: TLC asks the explicit operand of a union of an
// explicit set (or interval) with another set first, on whichever side it
// was written, so an element found there needs no membership test of the
// other operand, which may be an error (1 \in STRING). Expected results are
// the reference TLC's; a type invariant like
// buffer \in Seq(Seq(STRING) \cup {<<p, n>> : ...}) depends on it.
func TestUnionMembershipOrder(t *testing.T) {
	const notInString = "Attempted to check if the value:\n1\nis an element of STRING."
	for _, c := range []struct{ expr, want, err string }{
		{`1 \in STRING \cup {1}`, "TRUE", ""},
		{`1 \in {1} \cup STRING`, "TRUE", ""},
		{`1 \in STRING \cup 1..1`, "TRUE", ""},
		{`<<"p", 1>> \in Seq(STRING) \cup {<<"p", 1>>}`, "TRUE", ""},
		{`1 \in (STRING \cup {2}) \cup {1}`, "TRUE", ""},
		{`LET S == STRING \cup {1} IN 1 \in S`, "TRUE", ""},
		{`<<<<"p", 1>>>> \in Seq(Seq(STRING) \cup {<<p, n>> : p \in {"p"}, n \in 0..3})`, "TRUE", ""},
		// {1} is asked first: "a" compared with 1 is TLC's error too
		{`"a" \in STRING \cup {1}`, "", "Attempted to check equality of integer 1 with non-integer:\n\"a\""},
		{`1 \in STRING \cup {2}`, "", notInString},
		{`1 \in {2} \cup STRING`, "", notInString},
		{`1 \in STRING \/ 1 \in {1}`, "", notInString},
	} {
		v, err := evalExpr(t, "", c.expr)
		if c.err != "" {
			if ee, ok := err.(*Error); !ok || ee.Msg != c.err {
				t.Errorf("%s: got %v, %v; want the error %q", c.expr, v, err, c.err)
			}
			continue
		}
		if err != nil || Pretty(v) != c.want {
			t.Errorf("%s: got %v, %v; want %s", c.expr, v, err, c.want)
		}
	}
}

// TestUnionWithEmptyOperand: TLC's union with an empty explicit operand is
// the other operand as it is, so an interval stays an interval; an empty
// right operand of an explicit left one gives the enumerated union. The
// printed forms are the reference TLC's (PrintT).
func TestUnionWithEmptyOperand(t *testing.T) {
	for _, c := range []struct{ expr, want string }{
		{`{} \cup 3..3`, "3..3"},
		{`3..3 \cup {}`, "{3}"},
		{`(1..0) \cup 3..4`, "3..4"},
		{`{y \in {0, 1} : TRUE} \cup {}`, "{0, 1}"},
		{`{} \cup SUBSET {0}`, "{{}, {0}}"},
		{`[a |-> {} \cup 2..3]`, "[a |-> 2..3]"},
	} {
		v, err := evalExpr(t, "", c.expr)
		if err != nil || Pretty(v) != c.want {
			t.Errorf("%s: got %v, %v; want %s", c.expr, v, err, c.want)
		}
	}
}
