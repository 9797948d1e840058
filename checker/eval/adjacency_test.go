package eval

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestAdjacencyFilter: {x \in S : <<a, x>> \in E} (a graph's successors)
// searched among E's tuples that start with a (tupleIn.filter) gives TLC's
// sets (the wants are the reference TLC's PrintT of each expression), and
// the same set as the filter tested element by element (the predicate
// written `... /\ TRUE`, which is not of the form the search takes).
func TestAdjacencyFilter(t *testing.T) {
	defs := `
E == {<<a, b>> : a \in 1..4, b \in 1..4} \ {<<2, 3>>}
E2 == E \cup {<<2>>, <<2, 1, 1>>, <<1, 2, 3>>}
S == {0, 1, 2, 3, 4, 5}
G == {<<<<n, r>>, <<m, r-1>>>> : n \in {"a","b","c"}, m \in {"a","b"}, r \in 2..3}
V == {"a","b","c"} \X (1..3)
T == {<<a, b, c>> : a \in 1..2, b \in 1..2, c \in 1..3} \ {<<1, 2, 2>>}
`
	tests := []struct{ expr, want string }{
		{`{x \in S : <<2, x>> \in E}`, `{1, 2, 4}`},
		{`{x \in S : <<2, x>> \notin E}`, `{0, 3, 5}`},
		{`{x \in S : <<9, x>> \in E}`, `{}`},
		// tuples of other lengths around the run of <<2, _>>
		{`{x \in S : <<2, x>> \in E2}`, `{1, 2, 4}`},
		{`{c \in V : <<<<"a", 3>>, c>> \in G}`, `{<<"a", 2>>, <<"b", 2>>}`},
		{`{c \in V : <<<<"c", 2>>, c>> \in G}`, `{<<"a", 1>>, <<"b", 1>>}`},
		{`{x \in S : <<1, 2, x>> \in T}`, `{1, 3}`},
		// the bound name first: not a run of E, tested element by element
		{`{x \in S : <<x, 3>> \in E}`, `{1, 3, 4}`},
		{`{x \in {} : <<1, x>> \in E}`, `{}`},
		// the prefix depends on an outer bound name
		{`{y \in S : \E x \in {1, 2} : <<x, y>> \in E}`, `{1, 2, 3, 4}`},
		{`{x \in {1, 2} : \A a \in {2, 3} : <<a, x>> \in E}`, `{1, 2}`},
	}
	for _, tc := range tests {
		for _, expr := range []string{tc.expr, strings.TrimSuffix(tc.expr, "}") + ` /\ TRUE}`} {
			v, err := evalExpr(t, defs, expr)
			if err != nil {
				t.Errorf("%s: %v", expr, err)
				continue
			}
			if got := Format(v); got != tc.want {
				t.Errorf("%s = %s, want %s", expr, got, tc.want)
			}
		}
	}
}

// TestAdjacencyFilterFallback: a set E the search does not decide (an
// element not a tuple) is tested element by element, with the error of the
// filter written so that the search never applies (`/\ TRUE`). TLC fails
// too, though comparing rather than checking equality ("Attempted to
// compare the function <<1>> with the value: "a""): membership's own
// message, not this path's.
func TestAdjacencyFilterFallback(t *testing.T) {
	defs := `E == {<<a, b>> : a \in 1..4, b \in 1..4}`
	expr := `{x \in {"a", <<1>>, 1} : <<1, x>> \in E \cup {"z"}`
	_, err := evalExpr(t, defs, expr+"}")
	_, want := evalExpr(t, defs, expr+` /\ TRUE}`)
	if err == nil || want == nil || err.Error() != want.Error() {
		t.Errorf("error %v, want %v", err, want)
	}
}

// TestEnumSubseteq: {e1, ..., en} \subseteq S tested element by element
// without making the set (compileEnumSubseteq) gives TLC's answers (the
// wants are the reference TLC's PrintT of each expression) and the answer
// or error of the set made first (LET T == {...} IN T \subseteq S, which
// takes the general path).
func TestEnumSubseteq(t *testing.T) {
	defs := `
S == {1, 2, 3}
E == {<<a, b>> : a \in 1..3, b \in 1..3}
`
	tests := []struct{ set, sup, want string }{
		{`{x, 3}`, `S`, "TRUE"},
		{`{x, 4}`, `S`, "FALSE"},
		{`{x, x, x}`, `S`, "TRUE"},
		{`{<<x, 3>>, <<3, x>>}`, `E`, "TRUE"},
		{`{<<x, 4>>}`, `E`, "FALSE"},
		{`{x, 2}`, `1..2`, "TRUE"},
		{`{x}`, `Nat`, "TRUE"},
		// TLC fails on sorting {1, "a"} ("Attempted to compare string "a"
		// with non-string: 1"); here only the general path's answer is
		// required
		{`{x, "a"}`, `S`, ""},
	}
	for _, tc := range tests {
		fast := `\A x \in {1, 2} : ` + tc.set + ` \subseteq ` + tc.sup
		slow := `\A x \in {1, 2} : LET T == ` + tc.set + ` IN T \subseteq ` + tc.sup
		v, err := evalExpr(t, defs, fast)
		w, werr := evalExpr(t, defs, slow)
		// the same error, each at its own literal (the texts differ in columns)
		if unplaced(err) != unplaced(werr) || err == nil && Format(v) != Format(w) || err != nil && !strings.HasPrefix(err.Error(), "T.tla:7:") {
			t.Errorf("%s = %v (error %v); the set made first: %v (error %v)", fast, v, err, w, werr)
		}
		if tc.want != "" && (err != nil || Format(v) != tc.want) {
			t.Errorf("%s = %v (error %v), want %s", fast, v, err, tc.want)
		}
	}
}

// TestUnionOne: S \cup {e} with e put in its place (unionOne) gives TLC's
// sets as they print (the wants are the reference TLC's PrintT of each
// union; 1..3 \cup {2} is no interval any more).
func TestUnionOne(t *testing.T) {
	tests := []struct{ set, x, want string }{
		{`{1, 3}`, `2`, `{1, 2, 3}`},
		{`{1, 3}`, `3`, `{1, 3}`},
		{`{1, 3}`, `0`, `{0, 1, 3}`},
		{`1..3`, `2`, `{1, 2, 3}`},
		{`{}`, `2`, `{2}`},
		{`{<<1, 1>>, <<3, 0>>}`, `<<2, 1>>`, `{<<1, 1>>, <<2, 1>>, <<3, 0>>}`},
		{`{"a", "c"}`, `"b"`, `{"a", "b", "c"}`},
	}
	for _, tc := range tests {
		// x bound, so that the union is not a constant evaluated once
		expr := `CHOOSE s \in {` + tc.set + ` \cup {x} : x \in {` + tc.x + `}} : TRUE`
		inner := `LET x == CHOOSE y \in {` + tc.x + `} : TRUE IN ` + tc.set + ` \cup {x}`
		for _, e := range []string{expr, inner} {
			v, err := evalExpr(t, "", e)
			if err != nil {
				t.Errorf("%s: %v", e, err)
				continue
			}
			if got := Format(v); got != tc.want {
				t.Errorf("%s = %s, want %s", e, got, tc.want)
			}
		}
	}
}

// unplaced is err's text without its leading "FILE:LINE:COL: " position.
func unplaced(err error) string {
	return regexp.MustCompile(`^\S+\.tla:\d+:\d+: `).ReplaceAllString(fmt.Sprint(err), "")
}
