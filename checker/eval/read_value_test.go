package eval

import (
	"strings"
	"testing"
)

// TestReadValueTokens: the reader takes parser/scan's tokens, so spacing,
// line breaks and the spellings TLC may print alike read alike; the errors
// say at which byte.
func TestReadValueTokens(t *testing.T) {
	defer BeginRun()()
	names := func(name string) Value { return &ModelValue{Name: name, Rank: 1} }
	for _, tc := range []struct{ text, want string }{
		{"[ ]", "<<>>"},
		{"[]", "<<>>"},
		{"<< >>", "<<>>"},
		{"{ 1 ,\n 2 }", "{1, 2}"},
		{`{1} \times {2}`, "{<<1, 2>>}"},
		{"- 3..-1", "-3..-1"},
		{"1a", "1a"},
		{`"tab\there"`, `"tab\there"`},
		{"(x :> [f |-> 1])", "(x :> [f |-> 1])"},
	} {
		v, err := ReadValue(tc.text, names)
		if err != nil {
			t.Errorf("ReadValue(%q): %v", tc.text, err)
			continue
		}
		if got := Format(v); got != tc.want {
			t.Errorf("ReadValue(%q) = %s, want %s", tc.text, got, tc.want)
		}
	}
	for _, tc := range []struct{ text, want string }{
		{"1.5", `offset 0: not an integer: "1.5"`},
		{"-x", "offset 1: a number expected after -"},
		{"[a |-> 1, 2]", `offset 10: a record field expected, found "2]"`},
		{"{1} \\X 3", "a set that cannot be enumerated in a product"},
		{strings.Repeat("{", maxValueDepth+2), "nested more than"},
		{`\* x`, `offset 0: unexpected "\\* x"`},
	} {
		_, err := ReadValue(tc.text, names)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ReadValue(%q) = %v, want an error with %q", tc.text, err, tc.want)
		}
	}
}
