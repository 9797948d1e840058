package tlcengine

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestScanMessages: frames become messages; a frame inside another is
// part of its text (TLC nests an error's cause); lines outside frames come
// as they are.
func TestScanMessages(t *testing.T) {
	out := strings.Join([]string{
		"TLC2 Version 2.19",
		"@!@!@STARTMSG 2111:1 @!@!@",
		"Evaluating invariant Inv failed.",
		"@!@!@STARTMSG 2158:0 @!@!@",
		"Attempted to check if the value:",
		"FALSE",
		"@!@!@ENDMSG 2158 @!@!@",
		"@!@!@ENDMSG 2111 @!@!@",
		`<<"printed", 1>>`,
		"@!@!@STARTMSG 2217:4 @!@!@",
		"1: <Initial predicate>",
		"x = 1",
		"",
		"@!@!@ENDMSG 2217 @!@!@",
		"@!@!@STARTMSG 2200:0 @!@!@",
		"cut short",
	}, "\n")
	var got []message
	if err := scanMessages(strings.NewReader(out), func(m message) { got = append(got, m) }); err != nil {
		t.Fatal(err)
	}
	want := []message{
		{code: -1, text: "TLC2 Version 2.19"},
		{code: 2111, class: 1, text: "Evaluating invariant Inv failed.\nAttempted to check if the value:\nFALSE"},
		{code: -1, text: `<<"printed", 1>>`},
		{code: 2217, class: 4, text: "1: <Initial predicate>\nx = 1"},
		{code: 2200, class: 0, text: "cut short"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("messages:\n got %#v\nwant %#v", got, want)
	}
}

// TestParseState reads a state message: the action with its range, and
// each variable's value (one variable prints without "/\").
func TestParseState(t *testing.T) {
	for _, tc := range []struct {
		text string
		want printedState
	}{
		{"1: <Initial predicate>\n/\\ x = 1\n/\\ y = << [a |-> 1],\n   [a |-> 2] >>",
			printedState{num: 1, action: "Initial predicate", vars: []string{"x", "y"}, values: []string{"1", "<< [a |-> 1],\n   [a |-> 2] >>"}}},
		{"2: <Peek(w1) line 30, col 12 to line 33, col 41 of module DoubleUpload>\nx = \"a = b\"",
			printedState{num: 2, action: "Peek(w1)", module: "DoubleUpload", sl: 30, sc: 12, el: 33, ec: 41, vars: []string{"x"}, values: []string{`"a = b"`}}},
		{"1: Back to state: <B line 20, col 1 to line 22, col 9 of module Alias>",
			printedState{num: 1, action: "B", module: "Alias", sl: 20, sc: 1, el: 22, ec: 9}},
	} {
		got, ok := parseState(tc.text)
		if !ok || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parseState(%q) = %+v, %v; want %+v", tc.text, got, ok, tc.want)
		}
	}
}
