package dap

import (
	"testing"

	godap "github.com/google/go-dap"
)

// The debugger's two paths, through the protocol so that the figures
// compare across changes of the checker's debugging API.

// BenchmarkDebugRun explores the seed demo (Uploader, translated: 52 states
// generated, then TLC's evaluation error) without stopping: a conditional
// breakpoint on a conjunct whose condition never holds makes the adapter
// decide at every point and evaluate the condition at each hit.
func BenchmarkDebugRun(b *testing.B) {
	spec := testdata(b, "Uploader_translated.tla")
	model := testdata(b, "Uploader_translated.cfg")
	line := lineOf(b, spec, "/\\ LET upload == UploadWith(msg[self].id) IN")
	b.ReportAllocs()
	for b.Loop() {
		c := newClient(b)
		c.call("initialize", map[string]any{"adapterID": "tlals"})
		c.call("launch", map[string]any{"spec": spec, "model": model})
		c.event("initialized")
		c.call("setExceptionBreakpoints", map[string]any{"filters": []string{}})
		r := c.call("setBreakpoints", map[string]any{"source": map[string]any{"path": spec}, "breakpoints": []any{
			map[string]any{"line": line, "condition": "next_id > 100"},
		}})
		if bp := r.(*godap.SetBreakpointsResponse).Body.Breakpoints; len(bp) != 1 || !bp[0].Verified {
			b.Fatalf("breakpoints %+v", bp)
		}
		c.call("configurationDone", nil)
		if code := c.event("exited").(*godap.ExitedEvent).Body.ExitCode; code != 75 {
			b.Fatalf("exit code %d, want 75 (the evaluation error)", code)
		}
		c.call("disconnect", nil)
	}
}

// BenchmarkDebugStops steps into the seed demo's evaluation 40 times and
// shows each stop as an editor does: the stack, the scopes and their
// variables, one level of structured values expanded.
func BenchmarkDebugStops(b *testing.B) {
	spec := testdata(b, "Uploader_translated.tla")
	model := testdata(b, "Uploader_translated.cfg")
	b.ReportAllocs()
	for b.Loop() {
		c := newClient(b)
		c.start(spec, model, true)
		c.stopped()
		for range 40 {
			c.call("stepIn", map[string]any{"threadId": 1})
			c.stopped()
			fs := c.stack()
			r := c.call("scopes", map[string]any{"frameId": fs[0].Id})
			for _, sc := range r.(*godap.ScopesResponse).Body.Scopes {
				vr := c.call("variables", map[string]any{"variablesReference": sc.VariablesReference})
				for _, v := range vr.(*godap.VariablesResponse).Body.Variables {
					if v.VariablesReference > 0 {
						c.call("variables", map[string]any{"variablesReference": v.VariablesReference})
					}
				}
			}
		}
		c.call("disconnect", nil)
	}
}
