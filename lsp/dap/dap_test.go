package dap

import (
	"slices"
	"strings"
	"testing"

	godap "github.com/google/go-dap"
)

// The seed demo (hand-translated): a breakpoint on the line of the Create
// step's action, its stop, the stack (the behaviour), the variables, the
// console, step over and back, go to state, then on to the evaluation
// error TLC reports (corpus README: CHOOSE without a witness after create
// 1, delete 1, receive "create 1"; 52 states generated, 42 distinct).
func TestDebugUploader(t *testing.T) {
	c := newClient(t)
	spec := testdata(t, "Uploader_translated.tla")
	line := lineOf(t, spec, "Create(self) ==")
	bps := c.start(spec, testdata(t, "Uploader_translated.cfg"), false, line)
	if len(bps) != 1 || !bps[0].Verified || bps[0].Message != "action Create(w1)" {
		t.Fatalf("breakpoints: %+v", bps)
	}
	st := c.stopped()
	wantEqual(t, "reason", st.Reason, "breakpoint")
	wantEqual(t, "description", st.Description, "Create(w1): new state #16")
	if !slices.Equal(st.HitBreakpointIds, []int{bps[0].Id}) {
		t.Errorf("hit breakpoints %v, want [%d]", st.HitBreakpointIds, bps[0].Id)
	}
	fs := c.stack()
	wantFrames := []string{"Create(w1) → state #16", "State #5: Receive(w1)", "State #1: User(u1)", "State #0: Initial predicate"}
	if got := frameNames(fs); !slices.Equal(got, wantFrames) {
		t.Fatalf("frames %q, want %q", got, wantFrames)
	}
	wantEqual(t, "top frame line", fs[0].Line, line)
	wantEqual(t, "top frame column", fs[0].Column, 17)
	wantEqual(t, "top frame file", fs[0].Source.Path, spec)
	state := map[string]string{
		"uploads": `{[id |-> 1, from |-> u1, version |-> 1]}`,
		"content": `{}`,
		"queue":   `<<>>`,
		"next_id": `2`,
		"pc":      `(u1 :> "User" @@ w1 :> "Create")`,
		"msg":     `(w1 :> [id |-> 1, action |-> "create"])`,
		"local":   `(w1 :> NULL)`,
	}
	if got := c.scope(1, "State"); !mapsEqual(got, state) {
		t.Errorf("state:\n got %v\nwant %v", got, state)
	}
	succ := map[string]string{
		"uploads'": `{[id |-> 1, from |-> u1, version |-> 1]}`,
		"content'": `{[id |-> 1, from |-> u1, version |-> 1]}`,
		"queue'":   `<<>>`,
		"next_id'": `2`,
		"pc'":      `(u1 :> "User" @@ w1 :> "Receive")`,
		"msg'":     `(w1 :> [id |-> 1, action |-> "create"])`,
		"local'":   `(w1 :> NULL)`,
	}
	if got := c.scope(1, "Successor"); !mapsEqual(got, succ) {
		t.Errorf("successor:\n got %v\nwant %v", got, succ)
	}
	// the trace frames show their states: state #1 and its successor #5
	wantEqual(t, "state #1 queue", c.scope(3, "State")["queue"], `<<[id |-> 1, action |-> "create"]>>`)
	wantEqual(t, "state #1 successor pc", c.scope(3, "Successor")["pc'"], `(u1 :> "User" @@ w1 :> "Create")`)

	// the console: in the current state, with primes for the successor
	wantEqual(t, "evaluate content'", c.evaluate(1, "content'"), `{[id |-> 1, from |-> u1, version |-> 1]}`)
	wantEqual(t, "evaluate with a definition", c.evaluate(1, "UploadWith(1).version + next_id"), `3`)
	wantEqual(t, "evaluate on state #1", c.evaluate(3, "Len(queue)"), `1`)
	for _, e := range []struct{ expr, msg string }{
		{"queue[3]", "1:1: Attempted to access index 3 of tuple\n<<>>\nwhich is out of bounds."},
		{"next_id + ", "1:10: "},
		{"nosuch + 1", "1:1: "},
	} {
		msg := c.failure(c.request("evaluate", map[string]any{"expression": e.expr, "frameId": 1, "context": "repl"}))
		if !strings.HasPrefix(msg, e.msg) {
			t.Errorf("evaluate %q: error %q, want it to start with %q", e.expr, msg, e.msg)
		}
	}

	// step over: the next successor
	c.call("next", map[string]any{"threadId": 1})
	st = c.stopped()
	wantEqual(t, "step over", st.Description, "User(u1): new state #17")
	stepped := frameNames(c.stack())
	wantEqual(t, "step over frame", stepped[0], "User(u1) → state #17")
	// step back: the breakpoint's stop again
	c.call("stepBack", map[string]any{"threadId": 1})
	wantEqual(t, "step back reason", c.stopped().Reason, "step")
	if got := frameNames(c.stack()); !slices.Equal(got, wantFrames) {
		t.Errorf("after step back: frames %q, want %q", got, wantFrames)
	}
	// forward again through what was seen: the live stop
	c.call("next", map[string]any{"threadId": 1})
	c.stopped()
	if got := frameNames(c.stack()); !slices.Equal(got, stepped) {
		t.Errorf("after stepping forward: frames %q, want %q", got, stepped)
	}

	// go to state #4 (delete upload 1 after creating it)
	c.call(GotoStateCommand, map[string]any{"state": 4})
	wantEqual(t, "goto reason", c.stopped().Reason, "goto")
	wantEqual(t, "goto frames", strings.Join(frameNames(c.stack()), "|"), "State #4: User(u1)|State #1: User(u1)|State #0: Initial predicate")
	wantEqual(t, "state #4 queue", c.scope(1, "State")["queue"], `<<[id |-> 1, action |-> "create"], [id |-> 1, action |-> "delete"]>>`)
	wantEqual(t, "evaluate in state #4", c.evaluate(1, "uploads"), `{}`)
	msg := c.failure(c.request(GotoStateCommand, map[string]any{"state": 999}))
	if !strings.HasPrefix(msg, "no state #999") {
		t.Errorf("goto 999: %q", msg)
	}

	// step into the evaluation: the first conjunct of the next action,
	// with the quantifier's binding of self
	c.call("stepIn", map[string]any{"threadId": 1})
	c.stopped() // back to the live stop
	// step into: the evaluation of the user's delete, the last branch of
	// User(u1) on state #6 (uploads 1, edited, and 2), with the
	// quantifiers' bindings of self and delete
	var seen []string
	for range 3 {
		c.call("stepIn", map[string]any{"threadId": 1})
		c.stopped()
		seen = append(seen, c.stack()[0].Name)
	}
	wantSeen := []string{`/\ \E delete \in {u \in uploads : u.from = self}: …`, `\E … : /\ uploads' = uploads \ {delete} …`, `/\ uploads' = uploads \ {delete}`}
	if !slices.Equal(seen, wantSeen) {
		t.Errorf("stepping in: %q, want %q", seen, wantSeen)
	}
	fs = c.stack()
	wantEqual(t, "conjunct line", fs[0].Line, lineOf(t, spec, `\/ /\ \E delete`)+1)
	wantEqual(t, "conjunct column", fs[0].Column, 29)
	wantEqual(t, "action frame", fs[1].Name, "User(u1)")
	wantEqual(t, "state frame", fs[2].Name, "State #6: User(u1)")
	bound := map[string]string{"self": "u1", "delete": "[id |-> 1, from |-> u1, version |-> 2]"}
	if got := c.scope(1, "Bound"); !mapsEqual(got, bound) {
		t.Errorf("bound: %v, want %v", got, bound)
	}
	// the successor as assigned so far: not uploads' yet
	wantEqual(t, "unassigned uploads'", c.scope(1, "Successor")["uploads'"], "(not assigned yet)")
	wantEqual(t, "evaluate with bound names", c.evaluate(1, `<<self, delete.id, uploads \ {delete}>>`), `<<u1, 1, {[id |-> 2, from |-> u1, version |-> 1]}>>`)
	c.call("stepIn", map[string]any{"threadId": 1})
	c.stopped()
	wantEqual(t, "assigned uploads'", c.scope(1, "Successor")["uploads'"], `{[id |-> 2, from |-> u1, version |-> 1]}`)

	// on to the error, with no breakpoint left
	c.call("setBreakpoints", map[string]any{"source": map[string]any{"path": spec}, "breakpoints": []any{}})
	c.call("continue", map[string]any{"threadId": 1})
	st = c.stopped()
	wantEqual(t, "error reason", st.Reason, "exception")
	wantEqual(t, "error", st.Description, "Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.")
	fs = c.stack()
	wantEqual(t, "error frames", strings.Join(frameNames(fs), "|"),
		"Attempted to compute the value of an expression of form|Create(w1)|State #15: Receive(w1)|State #4: User(u1)|State #1: User(u1)|State #0: Initial predicate")
	wantEqual(t, "error line", fs[0].Line, 91) // UploadWith, translated
	info := c.call("exceptionInfo", map[string]any{"threadId": 1}).(*godap.ExceptionInfoResponse).Body
	wantEqual(t, "exception id", info.ExceptionId, "error")
	c.call("continue", map[string]any{"threadId": 1})
	out := c.event("output").(*godap.OutputEvent).Body.Output
	if !strings.Contains(out, "52 states generated, 42 distinct states found.") {
		t.Errorf("output %q", out)
	}
	wantEqual(t, "exit code", c.event("exited").(*godap.ExitedEvent).Body.ExitCode, 75)
	c.event("terminated")
	c.call("disconnect", nil)
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TLC on checker/testdata/Counter: Inv (x < 3) is violated after three Inc
// steps from x = 0, y = 0.
func TestDebugInvariant(t *testing.T) {
	c := newClient(t)
	c.start(testdata(t, "Counter.tla"), testdata(t, "Counter.cfg"), true)
	st := c.stopped()
	wantEqual(t, "entry", st.Reason, "entry")
	wantEqual(t, "entry description", st.Description, "initial state #0")
	if got := c.scope(1, "State"); !mapsEqual(got, map[string]string{"x": "0", "y": "0"}) {
		t.Errorf("initial state: %v", got)
	}
	c.call("continue", map[string]any{"threadId": 1})
	st = c.stopped()
	wantEqual(t, "reason", st.Reason, "exception")
	wantEqual(t, "description", st.Description, "Invariant Inv is violated.")
	fs := c.stack()
	wantEqual(t, "frames", strings.Join(frameNames(fs), "|"),
		"Invariant Inv is violated.|Inc → state #6|State #4: Inc|State #2: Inc|State #0: Initial predicate")
	wantEqual(t, "invariant line", fs[0].Line, 13)
	wantEqual(t, "invariant column", fs[0].Column, 8)
	wantEqual(t, "violating x", c.scope(2, "Successor")["x'"], "3")
	c.call("continue", map[string]any{"threadId": 1})
	out := c.event("output").(*godap.OutputEvent).Body.Output
	if !strings.Contains(out, "Error: Invariant Inv is violated.\n11 states generated, 7 distinct states found.") {
		t.Errorf("output %q", out)
	}
	c.call("disconnect", nil)
}
