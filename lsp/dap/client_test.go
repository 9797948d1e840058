package dap

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	godap "github.com/google/go-dap"
)

// client is a DAP client over pipes to a session run by Serve.
type client struct {
	t    testing.TB
	w    io.WriteCloser
	msgs chan godap.Message
	seq  int
	// pending are the messages read while waiting for another, in order
	pending []godap.Message
	done    chan error
}

func newClient(t testing.TB) *client {
	t.Helper()
	cr, sw := io.Pipe() // server to client
	sr, cw := io.Pipe() // client to server
	c := &client{t: t, w: cw, msgs: make(chan godap.Message, 1000), done: make(chan error, 1)}
	go func() {
		c.done <- Serve(context.Background(), sr, sw, nil)
		sw.Close()
	}()
	go func() {
		br := bufio.NewReader(cr)
		codec := godap.NewCodec()
		_ = codec.RegisterRequest(GotoStateCommand, func() godap.Message { return &GotoStateRequest{} }, func() godap.Message { return &GotoStateResponse{} })
		for {
			data, err := godap.ReadBaseMessage(br)
			if err != nil {
				close(c.msgs)
				return
			}
			m, err := codec.DecodeMessage(data)
			if err != nil {
				t.Errorf("the server sent a message that does not decode: %v: %s", err, data)
				continue
			}
			c.msgs <- m
		}
	}()
	t.Cleanup(func() {
		cw.Close()
		select {
		case <-c.done:
		case <-time.After(10 * time.Second):
			t.Error("the session did not end")
		}
	})
	return c
}

// request sends a request with arguments args and returns its seq.
func (c *client) request(command string, args any) int {
	c.t.Helper()
	c.seq++
	m := map[string]any{"seq": c.seq, "type": "request", "command": command}
	if args != nil {
		m["arguments"] = args
	}
	data, err := json.Marshal(m)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := godap.WriteBaseMessage(c.w, data); err != nil {
		c.t.Fatal(err)
	}
	return c.seq
}

// next is the next message from the server.
func (c *client) next() godap.Message {
	c.t.Helper()
	if len(c.pending) > 0 {
		m := c.pending[0]
		c.pending = c.pending[1:]
		return m
	}
	return c.read()
}

func (c *client) read() godap.Message {
	c.t.Helper()
	select {
	case m, ok := <-c.msgs:
		if !ok {
			c.t.Fatal("the server closed the stream")
		}
		return m
	case <-time.After(30 * time.Second):
		c.t.Fatal("no message from the server")
	}
	return nil
}

// response waits for the response to seq, skipping events, and fails the
// test on an error response.
func (c *client) response(seq int) godap.ResponseMessage {
	c.t.Helper()
	r := c.answer(seq)
	if !r.GetResponse().Success {
		c.t.Fatalf("request %d (%s) failed: %s", seq, r.GetResponse().Command, r.GetResponse().Message)
	}
	return r
}

// answer waits for the response to seq; the events read meanwhile stay
// pending.
func (c *client) answer(seq int) godap.ResponseMessage {
	c.t.Helper()
	for i, m := range c.pending {
		if r, ok := m.(godap.ResponseMessage); ok && r.GetResponse().RequestSeq == seq {
			c.pending = append(c.pending[:i:i], c.pending[i+1:]...)
			return r
		}
	}
	for {
		m := c.read()
		if r, ok := m.(godap.ResponseMessage); ok && r.GetResponse().RequestSeq == seq {
			return r
		}
		c.pending = append(c.pending, m)
	}
}

// failure waits for the error response to seq and returns its message.
func (c *client) failure(seq int) string {
	c.t.Helper()
	r := c.answer(seq)
	if r.GetResponse().Success {
		c.t.Fatalf("request %d (%s) succeeded, want an error", seq, r.GetResponse().Command)
	}
	return r.GetResponse().Message
}

// call sends a request and waits for its successful response.
func (c *client) call(command string, args any) godap.ResponseMessage {
	c.t.Helper()
	return c.response(c.request(command, args))
}

// event waits for the event named name.
func (c *client) event(name string) godap.EventMessage {
	c.t.Helper()
	for {
		m := c.next()
		if e, ok := m.(godap.EventMessage); ok && e.GetEvent().Event == name {
			return e
		}
	}
}

func (c *client) stopped() godap.StoppedEventBody {
	c.t.Helper()
	return c.event("stopped").(*godap.StoppedEvent).Body
}

// stack is the stack trace's frames.
func (c *client) stack() []godap.StackFrame {
	c.t.Helper()
	r := c.call("stackTrace", map[string]any{"threadId": 1})
	return r.(*godap.StackTraceResponse).Body.StackFrames
}

// scope is the variables of the frame's scope named name, as name -> value.
func (c *client) scope(frame int, name string) map[string]string {
	c.t.Helper()
	r := c.call("scopes", map[string]any{"frameId": frame})
	for _, sc := range r.(*godap.ScopesResponse).Body.Scopes {
		if sc.Name == name {
			return c.vars(sc.VariablesReference)
		}
	}
	c.t.Fatalf("frame %d has no scope %q", frame, name)
	return nil
}

func (c *client) vars(ref int) map[string]string {
	c.t.Helper()
	r := c.call("variables", map[string]any{"variablesReference": ref})
	out := map[string]string{}
	for _, v := range r.(*godap.VariablesResponse).Body.Variables {
		out[v.Name] = v.Value
	}
	return out
}

func (c *client) evaluate(frame int, expr string) string {
	c.t.Helper()
	r := c.call("evaluate", map[string]any{"expression": expr, "frameId": frame, "context": "repl"})
	return r.(*godap.EvaluateResponse).Body.Result
}

// start initializes and launches a session on spec and model (stopping at
// the first state with stopOnEntry) with the breakpoints on the lines of
// spec given, and returns what setBreakpoints answered.
func (c *client) start(spec, model string, stopOnEntry bool, lines ...int) []godap.Breakpoint {
	c.t.Helper()
	init := c.call("initialize", map[string]any{"adapterID": "tlals", "linesStartAt1": true, "columnsStartAt1": true})
	caps := init.(*godap.InitializeResponse).Body
	if !caps.SupportsStepBack || !caps.SupportsConditionalBreakpoints || !caps.SupportsHitConditionalBreakpoints || len(caps.ExceptionBreakpointFilters) != 3 {
		c.t.Fatalf("capabilities: %+v", caps)
	}
	c.call("launch", map[string]any{"spec": spec, "model": model, "stopOnEntry": stopOnEntry})
	c.event("initialized")
	var bps []godap.Breakpoint
	if len(lines) > 0 {
		var sb []map[string]any
		for _, l := range lines {
			sb = append(sb, map[string]any{"line": l})
		}
		r := c.call("setBreakpoints", map[string]any{"source": map[string]any{"path": spec}, "breakpoints": sb})
		bps = r.(*godap.SetBreakpointsResponse).Body.Breakpoints
	}
	c.call("configurationDone", nil)
	return bps
}

// lineOf is the 1-based line of path that starts with prefix.
func lineOf(t testing.TB, path, prefix string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), prefix) {
			return i + 1
		}
	}
	t.Fatalf("no line of %s starts with %q", path, prefix)
	return 0
}

func testdata(t testing.TB, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "checker", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func frameNames(fs []godap.StackFrame) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Name)
	}
	return out
}

func wantEqual[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s: got %v, want %v", what, got, want)
	}
}
