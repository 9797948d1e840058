package dap

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	godap "github.com/google/go-dap"

	"github.com/tlals/tlals/analysis/pluscal"
)

// calls is a spec with an operator applied in action position under a
// quantifier; TLC reports a deadlock at x = 2, y = 2 (reached from the
// initial state by Step with k = 2), after 4 states generated, 4 distinct.
const calls = `---- MODULE Calls ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Bump(n) ==
  /\ x' = x + n
  /\ x' < 3
Step ==
  /\ \E k \in {1, 2} :
       /\ Bump(k)
       /\ y' = k
Next == Step
====
`

func writeSpec(t *testing.T, name, tla, cfg string) string {
	t.Helper()
	dir := t.TempDir()
	spec := filepath.Join(dir, name+".tla")
	if err := os.WriteFile(spec, []byte(tla), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".cfg"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return spec
}

// A conjunct breakpoint inside an operator applied in an action, with a
// condition over the operator's parameter: the stack has the conjunct,
// the application (with the quantifier's binding at the call), the action
// and the states; the conjunct after the call is outside the operator.
func TestDebugOperatorFrames(t *testing.T) {
	c := newClient(t)
	spec := writeSpec(t, "Calls", calls, "INIT Init\nNEXT Next\n")
	c.call("initialize", map[string]any{"adapterID": "tlals"})
	c.call("launch", map[string]any{"spec": spec})
	c.event("initialized")
	r := c.call("setBreakpoints", map[string]any{"source": map[string]any{"path": spec}, "breakpoints": []any{
		map[string]any{"line": 7, "condition": "n = 2"},
		map[string]any{"line": 3},
	}})
	bps := r.(*godap.SetBreakpointsResponse).Body.Breakpoints
	wantEqual(t, "conjunct breakpoint", bps[0].Verified, true)
	wantEqual(t, "conjunct breakpoint message", bps[0].Message, "a conjunct of an action")
	wantEqual(t, "breakpoint on VARIABLES", bps[1].Verified, false)
	c.call("configurationDone", nil)
	st := c.stopped()
	wantEqual(t, "reason", st.Reason, "breakpoint")
	fs := c.stack()
	wantEqual(t, "frames", strings.Join(frameNames(fs), "|"), `/\ x' < 3|Bump|Step|State #0: Initial predicate`)
	wantEqual(t, "conjunct line", fs[0].Line, 7)
	wantEqual(t, "call line", fs[1].Line, 10)
	wantEqual(t, "call column", fs[1].Column, 11)
	if got := c.scope(1, "Bound"); !mapsEqual(got, map[string]string{"n": "2"}) {
		t.Errorf("bound in Bump: %v", got)
	}
	if got := c.scope(2, "Bound"); !mapsEqual(got, map[string]string{"k": "2"}) {
		t.Errorf("bound at the call: %v", got)
	}
	if got := c.scope(1, "Successor"); !mapsEqual(got, map[string]string{"x'": "2", "y'": "(not assigned yet)"}) {
		t.Errorf("successor: %v", got)
	}
	wantEqual(t, "evaluate n + x'", c.evaluate(1, "n + x'"), "4")
	wantEqual(t, "evaluate k at the call", c.evaluate(2, "k * 10"), "20")
	// stepping in: the conjunct holds, Bump is left, then y' = k
	var seen []string
	for range 3 {
		c.call("stepIn", map[string]any{"threadId": 1})
		c.stopped()
		seen = append(seen, strings.Join(frameNames(c.stack()), "|"))
	}
	want := []string{
		`/\ y' = k|Step|State #0: Initial predicate`,
		`Step → state #2|State #0: Initial predicate`,
		`State #1: Step|State #0: Initial predicate`,
	}
	if !slices.Equal(seen, want) {
		t.Errorf("stepping in:\n got %q\nwant %q", seen, want)
	}
	// step out of nothing: the next state; then on to the deadlock
	c.call("setBreakpoints", map[string]any{"source": map[string]any{"path": spec}, "breakpoints": []any{}})
	c.call("continue", map[string]any{"threadId": 1})
	st = c.stopped()
	wantEqual(t, "deadlock", st.Reason+": "+st.Description, "exception: Deadlock reached.")
	wantEqual(t, "deadlock frames", strings.Join(frameNames(c.stack()), "|"), "State #2: Step|State #0: Initial predicate")
	if got := c.scope(1, "State"); !mapsEqual(got, map[string]string{"x": "2", "y": "2"}) {
		t.Errorf("deadlocked state: %v", got)
	}
	c.call("continue", map[string]any{"threadId": 1})
	out := c.event("output").(*godap.OutputEvent).Body.Output
	wantEqual(t, "output", out, "Error: Deadlock reached.\n4 states generated, 4 distinct states found. The depth of the explored graph is 3.\n")
	wantEqual(t, "exit code", c.event("exited").(*godap.ExitedEvent).Body.ExitCode, 11)
}

// With the exception filters off, the run goes on to its end.
func TestDebugFiltersOff(t *testing.T) {
	c := newClient(t)
	spec := writeSpec(t, "Calls", calls, "INIT Init\nNEXT Next\n")
	c.call("initialize", map[string]any{"adapterID": "tlals"})
	c.call("launch", map[string]any{"spec": spec})
	c.event("initialized")
	c.call("setExceptionBreakpoints", map[string]any{"filters": []string{}})
	c.call("configurationDone", nil)
	for {
		m := c.next()
		if _, ok := m.(*godap.StoppedEvent); ok {
			t.Fatal("stopped with the exception filters off")
		}
		if o, ok := m.(*godap.OutputEvent); ok {
			if !strings.HasPrefix(o.Body.Output, "Error: Deadlock reached.") {
				t.Errorf("output %q", o.Body.Output)
			}
			break
		}
	}
	c.event("terminated")
}

// Conditions and hit counts on an action's breakpoint (Counter: Inc and
// Flip from x = 0, y \in {0, 1}).
func TestDebugConditions(t *testing.T) {
	c := newClient(t)
	spec := testdata(t, "Counter.tla")
	c.call("initialize", map[string]any{"adapterID": "tlals"})
	c.call("launch", map[string]any{"spec": spec, "model": testdata(t, "Counter.cfg")})
	c.event("initialized")
	r := c.call("setBreakpoints", map[string]any{"source": map[string]any{"path": spec}, "breakpoints": []any{
		map[string]any{"line": 8, "condition": "x = 1 /\\ y = 1"},
		map[string]any{"line": 9, "hitCondition": "== 3"},
		map[string]any{"line": 9, "hitCondition": "often"},
	}})
	bps := r.(*godap.SetBreakpointsResponse).Body.Breakpoints
	wantEqual(t, "Inc", bps[0].Message, "action Inc")
	wantEqual(t, "bad hit condition", bps[2].Verified, false)
	c.call("configurationDone", nil)
	// Flip's third step: from the third state expanded (x = 1, y = 0)
	st := c.stopped()
	wantEqual(t, "hit count", st.Description, "Flip: state #3, seen before")
	if !slices.Equal(st.HitBreakpointIds, []int{bps[1].Id}) {
		t.Errorf("hit %v", st.HitBreakpointIds)
	}
	if got := c.scope(1, "State"); !mapsEqual(got, map[string]string{"x": "1", "y": "0"}) {
		t.Errorf("state at Flip's third step: %v", got)
	}
	c.call("continue", map[string]any{"threadId": 1})
	st = c.stopped()
	wantEqual(t, "condition", st.Description, "Inc: new state #5")
	if got := c.scope(1, "State"); !mapsEqual(got, map[string]string{"x": "1", "y": "1"}) {
		t.Errorf("state: %v", got)
	}
	if got := c.scope(1, "Successor"); !mapsEqual(got, map[string]string{"x'": "2", "y'": "1"}) {
		t.Errorf("successor: %v", got)
	}
	c.call("disconnect", nil)
}

// A breakpoint on a PlusCal label stops at the steps of the action
// translated from it (the seed demo, translated).
func TestDebugPlusCalLabel(t *testing.T) {
	src, err := os.ReadFile("../../../shared/corpus/seed/Uploader.tla")
	if err != nil {
		t.Skip("the corpus is not beside the worktree")
	}
	cfg, err := os.ReadFile("../../../shared/corpus/seed/Uploader.cfg")
	if err != nil {
		t.Fatal(err)
	}
	out, _, errs := pluscal.Translate(src, pluscal.Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	spec := writeSpec(t, "Uploader", string(out), string(cfg))
	line := lineOf(t, spec, "Create:")
	c := newClient(t)
	bps := c.start(spec, "", false, line)
	wantEqual(t, "verified", bps[0].Message, "action Create(w1) (PlusCal)")
	st := c.stopped()
	wantEqual(t, "stop", st.Reason+": "+st.Description, "breakpoint: Create(w1): new state #16")
	fs := c.stack()
	wantEqual(t, "frame", fs[0].Name, "Create(w1) → state #16")
	wantEqual(t, "content'", c.scope(1, "Successor")["content'"], `{[id |-> 1, from |-> u1, version |-> 1]}`)
	c.call("disconnect", nil)
}

// Malformed messages get error responses; the session goes on.
func TestDebugMalformed(t *testing.T) {
	cr, sw := io.Pipe()
	sr, cw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Serve(context.Background(), sr, sw, nil)
		sw.Close()
	}()
	br := bufio.NewReader(cr)
	read := func() godap.Message {
		t.Helper()
		data, err := godap.ReadBaseMessage(br)
		if err != nil {
			t.Fatal(err)
		}
		m, err := godap.DecodeProtocolMessage(data)
		if err != nil {
			t.Fatalf("%v: %s", err, data)
		}
		return m
	}
	for _, tc := range []struct{ in, want string }{
		{`{"seq":1,"type":"request","command":"launch","arguments":5}`, "launch: bad arguments"},
		{`{"seq":2,"type":"request","command":"frobnicate"}`, "malformed or unsupported request"},
		{`{"seq":3,"type":"request","command":"launch","arguments":{"spec":"/nonexistent/X.tla"}}`, ""},
		{`{"seq":4,"type":"request","command":"stackTrace","arguments":{"threadId":1}}`, "the model checker is not stopped"},
		{`{"seq":5,"type":"request","command":"next","arguments":{"threadId":1}}`, "the model checker is not stopped"},
		{`{"seq":6,"type":"request","command":"variables","arguments":{"variablesReference":99}}`, "no variables reference 99"},
		{`{"seq":7,"type":"request","command":"evaluate","arguments":{"expression":"1"}}`, "the model checker is not stopped"},
		{`{"seq":8,"type":"request","command":"setBreakpoints","arguments":{"source":5}}`, "malformed or unsupported request"},
		{`{"seq":10,"type":"request","command":"scopes","arguments":{"frameId":"x"}}`, "malformed or unsupported request"},
		{`{"seq":11,"type":"request","command":"gotoState","arguments":{"state":1}}`, "the model checker is not stopped"},
	} {
		if err := godap.WriteBaseMessage(cw, []byte(tc.in)); err != nil {
			t.Fatal(err)
		}
		m := read()
		e, ok := m.(*godap.ErrorResponse)
		if !ok {
			t.Fatalf("%s: got %T, want an error response", tc.in, m)
		}
		if !strings.Contains(e.Message, tc.want) || e.Success {
			t.Errorf("%s: %q, want %q", tc.in, e.Message, tc.want)
		}
	}
	// not JSON at all, then a frame without a length: logged and skipped
	for _, raw := range []string{"Content-Length: 5\r\n\r\n{{{{{", "Content-Type: x\r\n\r\n"} {
		if _, err := io.WriteString(cw, raw); err != nil {
			t.Fatal(err)
		}
	}
	if err := godap.WriteBaseMessage(cw, []byte(`{"seq":9,"type":"request","command":"initialize","arguments":{"adapterID":"x"}}`)); err != nil {
		t.Fatal(err)
	}
	if _, ok := read().(*godap.InitializeResponse); !ok {
		t.Fatal("no initialize response after malformed frames")
	}
	cw.Close()
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
}

// A breakpoint on the body of a LET in an action: the LET's definition is
// bound, with its value, or with the error its evaluation raises (the
// seed's bug: no upload with the id after the user deleted it).
func TestDebugLetBinding(t *testing.T) {
	c := newClient(t)
	spec := testdata(t, "Uploader_translated.tla")
	line := lineOf(t, spec, `content' = (content \union {upload})`)
	bps := c.start(spec, testdata(t, "Uploader_translated.cfg"), false, line)
	wantEqual(t, "verified", bps[0].Message, `the body of a LET or \E in an action`)
	st := c.stopped()
	wantEqual(t, "stop", st.Description, "Create(w1): LET bound")
	fs := c.stack()
	wantEqual(t, "frames", strings.Join(frameNames(fs), "|"), `LET … IN content' = (content \union {upload})|Create(w1)|State #5: Receive(w1)|State #1: User(u1)|State #0: Initial predicate`)
	bound := map[string]string{"self": "w1", "upload": "[id |-> 1, from |-> u1, version |-> 1]"}
	if got := c.scope(1, "Bound"); !mapsEqual(got, bound) {
		t.Errorf("bound: %v, want %v", got, bound)
	}
	wantEqual(t, "evaluate upload.id", c.evaluate(1, "upload.id + 1"), "2")
	// where Create runs with no upload left: the LET's value is the error
	c.call("setBreakpoints", map[string]any{"source": map[string]any{"path": spec}, "breakpoints": []any{
		map[string]any{"line": line, "condition": "uploads = {}"},
	}})
	c.call("continue", map[string]any{"threadId": 1})
	st = c.stopped()
	wantEqual(t, "stop", st.Reason+": "+st.Description, "breakpoint: Create(w1): LET bound")
	wantEqual(t, "state", strings.Join(frameNames(c.stack())[1:3], "|"), "Create(w1)|State #15: Receive(w1)")
	got := c.scope(1, "Bound")["upload"]
	if !strings.HasPrefix(got, "error: ") || !strings.HasSuffix(got, "CHOOSE x \\in S: P, but no element of S satisfied P.") {
		t.Errorf("upload: %q", got)
	}
	c.call("disconnect", nil)
}

// Run without debugging: no breakpoint and no exception stops.
func TestDebugNoDebug(t *testing.T) {
	c := newClient(t)
	spec := writeSpec(t, "Calls", calls, "INIT Init\nNEXT Next\n")
	c.call("initialize", map[string]any{"adapterID": "tlals"})
	c.call("launch", map[string]any{"spec": spec, "noDebug": true, "stopOnEntry": true})
	c.event("initialized")
	c.call("setBreakpoints", map[string]any{"source": map[string]any{"path": spec}, "breakpoints": []any{map[string]any{"line": 7}}})
	c.call("configurationDone", nil)
	for {
		m := c.next()
		if _, ok := m.(*godap.StoppedEvent); ok {
			t.Fatal("stopped without debugging")
		}
		if _, ok := m.(*godap.TerminatedEvent); ok {
			break
		}
	}
}

// Step out of an action's evaluation: to the step it takes.
func TestDebugStepOut(t *testing.T) {
	c := newClient(t)
	spec := writeSpec(t, "Calls", calls, "INIT Init\nNEXT Next\n")
	c.start(spec, "", true)
	var seen []string
	c.stopped()
	for _, cmd := range []string{"stepIn", "stepIn", "stepIn", "stepOut", "next", "stepBack", "stepBack"} {
		c.call(cmd, map[string]any{"threadId": 1})
		st := c.stopped()
		seen = append(seen, cmd+": "+st.Description+" | "+c.stack()[0].Name)
	}
	want := []string{
		"stepIn: expanding state #0 | State #0: Initial predicate",
		`stepIn: Step: evaluating a conjunct | /\ \E k \in {1, 2} : …`,
		`stepIn: Step: \E bound | \E … : /\ Bump(k) …`,
		"stepOut: Step: new state #1 | Step → state #1",
		"next: Step: new state #2 | Step → state #2",
		"stepBack: step back | Step → state #1",
		`stepBack: step back | \E … : /\ Bump(k) …`,
	}
	if !slices.Equal(seen, want) {
		t.Errorf("stepping:\n got %q\nwant %q", seen, want)
	}
	c.call("disconnect", nil)
}
