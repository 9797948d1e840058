package eval

import (
	"fmt"
	"strings"
	"testing"
)

// TestTupleMember: <<e1, ..., en>> \in S with a tuple that depends on a bound
// variable is decided without making the tuple where the set allows it;
// results and errors are TLC's (run on the reference TLC).
func TestTupleMember(t *testing.T) {
	defs := `
E == {<<<<n, r>>, <<m, r-1>>>> : n \in {"a","b","c"}, m \in {"a","b"}, r \in 2..3}
F2 == {[i \in {1,2} |-> i * k] : k \in 1..9}
`
	tests := []struct{ expr, want string }{
		{`\E x \in {"b"} : <<<<x, 3>>, <<"a", 2>>>> \in E`, "TRUE"},
		{`\E x \in {"b"} : <<<<x, 3>>, <<"c", 2>>>> \in E`, "FALSE"},
		{`\A x \in {"b"} : <<<<x, 4>>, <<"a", 3>>>> \notin E`, "TRUE"},
		{`\E x \in {1} : <<x, 2>> \in {<<1, 2>>, <<2, 1>>}`, "TRUE"},
		{`\E x \in {1} : <<x, 3>> \in {<<1, 2>>, <<2, 1>>}`, "FALSE"},
		// functions on {1, 2} equal to tuples
		{`\E x \in {3} : <<x, 6>> \in F2`, "TRUE"},
		{`\E x \in {3} : <<x, 7>> \in F2`, "FALSE"},
		{`\E x \in {3} : <<x>> \in E`, "FALSE"},
		{`\E x \in {3} : <<x>> \in {}`, "FALSE"},
		{`\E x \in {3} : <<x, 1>> \in Nat \X Nat`, "TRUE"},
	}
	for _, tc := range tests {
		v, err := evalExpr(t, defs, tc.expr)
		if err != nil {
			t.Errorf("%s: %v", tc.expr, err)
			continue
		}
		if got := Format(v); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.expr, got, tc.want)
		}
	}
	errs := []struct{ expr, want string }{
		{`\E x \in {3} : <<x, 1>> \in {[a |-> i] : i \in 1..9}`, "Attempted to check equality of record:\n[a |-> 1]\nwith non-record\n<<3, 1>>"},
		{`\E x \in {3} : <<x, 1>> \in 1..9 \cup {10}`, "Attempted to check equality of integer 1 with non-integer:\n<<3, 1>>"},
		{`\E x \in {3} : <<x, 1>> \in {1, 2}`, "Attempted to check equality of integer 1 with non-integer:\n<<3, 1>>"},
		{`\E x \in {3} : <<x>> \in {<<1>>, [a |-> 2]}`, "Attempted to check equality of record:\n[a |-> 2]\nwith non-record\n<<3>>"},
		{`\E x \in {3} : <<x, 1>> \in {[a |-> 1], [a |-> 2]}`, "Attempted to check equality of record:\n[a |-> 1]\nwith non-record\n<<3, 1>>"},
		{`\E x \in {3} : <<x>> \in {{1},{2},{3},{4},{5},{6},{7},{8}}`, "Attempted to check equality of the set {1} with the value:\n<<3>>"},
	}
	for _, tc := range errs {
		_, err := evalExpr(t, defs, tc.expr)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.expr, err, tc.want)
		}
	}
}

// TestTupleMemberEmpty: a tuple in the empty set is decided without making
// the tuple (VotedFor(a, b, v) == <<b, v>> \in votes[a] with no votes yet).
func TestTupleMemberEmpty(t *testing.T) {
	for _, s := range []*SetV{{}, mkSet([]Value{mkTuple([]Value{Int(1), Int(2)})})} {
		in, done := memberTuple([]Value{Int(1), Int(3)}, s)
		if in || !done {
			t.Errorf("<<1, 3>> \\in %s: in %v, done %v; want false, true", Format(s), in, done)
		}
	}
}

// TestTupleEq: e = <<...>> and <<...>> = e, compiled without making the
// tuple when e is one (compileTupleEq), give the value or the error the
// general comparison gives (the tuple bound by a LET is not a literal: it
// takes the general path, which follows TLC). The tuples use the bound x,
// so that they are not constants evaluated once.
func TestTupleEq(t *testing.T) {
	cases := []struct{ x, tup, other string }{
		{"1", "<<x, 2>>", "<<1, 2>>"},
		{"1", "<<x, 2>>", "<<1, 3>>"},
		{"1", "<<x, 2>>", "<<1, 2, 3>>"},
		{"1", "<<x, 2>>", "[i \\in 1..2 |-> i]"},
		{"1", "<<x, 2>>", "[a |-> 1, b |-> 2]"},
		{"1", "<<x, 2>>", "{1, 2}"},
		{"1", "<<x, 2>>", "1"},
		{"\"a\"", "<<x, 2>>", "<<1, 2>>"},
		{"1", "<<<<x>>, {2}>>", "<<<<1>>, {2}>>"},
		{"1", "<<<<x>>, {2}>>", "<<<<1>>, {3}>>"},
		{"1", "<<x, <<>>>>", "<<1, <<>>>>"},
		{"1", "<<x, 2>>", "<<1, 2>> \\o <<>>"},
		{"1", "<<x>>", "<<>>"},
		{"1", "<<x, 1 \\div 0>>", "<<1, 2>>"},
		{"1", "<<x, 2>>", "<<1, 1 \\div 0>>"},
		{"{1}", "<<x>>", "<<1>>"},
	}
	for _, tc := range cases {
		for _, op := range []string{"=", "/="} {
			for _, swap := range []bool{false, true} {
				a, b := tc.tup, tc.other
				la, lb := "T", tc.other
				if swap {
					a, b, la, lb = b, a, lb, la
				}
				lit := fmt.Sprintf("\\E x \\in {%s} : %s %s %s", tc.x, a, op, b)
				gen := fmt.Sprintf("\\E x \\in {%s} : LET T == %s IN %s %s %s", tc.x, tc.tup, la, op, lb)
				got, gerr := evalExpr(t, "", lit)
				want, werr := evalExpr(t, "", gen)
				// the messages name the comparison's position: the
				// comparison starts at another column in gen
				msg := func(err error) string {
					_, m, _ := strings.Cut(err.Error(), ": ")
					return m
				}
				if (gerr == nil) != (werr == nil) || gerr != nil && msg(gerr) != msg(werr) || gerr == nil && !equal(got, want) {
					t.Errorf("%s: got %v, %v; want %v, %v (%s)", lit, got, gerr, want, werr, gen)
				}
			}
		}
	}
}
