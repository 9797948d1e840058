package tlcengine

import (
	"os"
	"reflect"
	"strconv"
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

// TestCollectorPreceding: TLC reports a deadlock, then the temporal
// property the deadlocked state violates by stuttering: the result is the
// property's violation, the deadlock its preceding error, each with its
// trace, as the built-in engine reports them. The exit status is TLC's.
func TestCollectorPreceding(t *testing.T) {
	m := loadSpec(t, "---- MODULE P ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nStep == x < 3 /\\ x' = x + 1\nSpec == Init /\\ [][Step]_x\nNeverThree == <>(x = 5)\n====\n",
		"SPECIFICATION Spec\nPROPERTY NeverThree\n")
	frame := func(code, class int, text string) string {
		return "@!@!@STARTMSG " + itoa(code) + ":" + itoa(class) + " @!@!@\n" + text + "\n@!@!@ENDMSG " + itoa(code) + " @!@!@\n"
	}
	states := frame(2217, 4, "1: <Initial predicate>\nx = 0\n") + frame(2217, 4, "2: <Step line 5, col 9 to line 5, col 27 of module P>\nx = 1\n")
	out := frame(2185, 0, "Starting...") + frame(2114, 1, "Deadlock reached.") + frame(2121, 1, "The behavior up to this point is:") + states +
		frame(2116, 1, "Temporal property NeverThree was violated.\n") + frame(2264, 1, "The following behavior constitutes a counter-example:") + states +
		frame(2218, 4, "3: Stuttering") + frame(2199, 0, "2 states generated, 2 distinct states found, 0 states left on queue.") + frame(2194, 0, "The depth of the complete state graph search is 2.")
	c := &collector{}
	if err := scanMessages(strings.NewReader(out), c.add); err != nil {
		t.Fatal(err)
	}
	res, err := c.finish(m, 11)
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != "liveness" || res.Property != "NeverThree" || res.ExitCode != 11 || len(res.Trace) != 3 || res.Lasso == nil || !res.Lasso.Stuttering || res.Lasso.Start != 2 {
		t.Errorf("result %s %s exit %d, %d steps, lasso %+v", res.Outcome, res.Property, res.ExitCode, len(res.Trace), res.Lasso)
	}
	if p := res.Preceding; p == nil || p.Outcome != "deadlock" || p.Message != "Deadlock reached." || len(p.Trace) != 2 || p.Trace[1].State[0].Value != "1" {
		t.Errorf("preceding %+v", res.Preceding)
	}
	if res.DistinctStates != 2 || res.GeneratedStates != 2 || res.Depth != 2 {
		t.Errorf("counts %d %d %d", res.DistinctStates, res.GeneratedStates, res.Depth)
	}
	if res.Location == nil || res.Location.StartLine != 7 {
		t.Errorf("location %+v", res.Location)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
