package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/lsp/cache"
	"github.com/tlals/tlals/parser/scan"
	"github.com/tlals/tlals/parser/source"
)

// Stepping through the trace of the latest run: the tlals.trace.* commands
// move a cursor and show the step's action; while a step is current, hover
// shows a variable's value there and inlay hints show the values the
// action assigned. tlals/trace returns the whole trace, tlals/evaluate
// evaluates an expression in a step's state.

// Custom methods (PROTOCOL.md).
const (
	methodTrace       = "tlals/trace"
	methodEvaluate    = "tlals/evaluate"
	methodCheckResult = "tlals/checkResult"
)

// codeRequestFailed is LSP's RequestFailed.
const codeRequestFailed jsonrpc2.Code = -32803

// uriArg decodes a command's first argument, a document URI.
func uriArg(args []protocol.LSPAny) (uri.URI, []protocol.LSPAny, error) {
	var s string
	if len(args) == 0 || json.Unmarshal(args[0], &s) != nil || s == "" {
		return "", nil, errf(jsonrpc2.InvalidParams, "the first argument must be a document URI")
	}
	return uri.URI(s), args[1:], nil
}

// traceCursor is the step the user is on in a run's trace (-1: none yet).
type traceCursor struct {
	run  *checkRun
	step int
}

// traceOf finds the trace of the document at path: a run whose root is
// the document, else one that read it.
func (s *Server) traceOf(path string) *traceCursor {
	c := &s.diag.checks
	c.mu.Lock()
	defer c.mu.Unlock()
	if t := c.trace[path]; t != nil {
		return t
	}
	for _, t := range c.trace {
		if _, ok := t.run.Deps[path]; ok {
			return t
		}
	}
	return nil
}

// currentStep returns the run and step the document is on, if any.
func (s *Server) currentStep(path string) (*checkRun, int, bool) {
	t := s.traceOf(path)
	if t == nil {
		return nil, 0, false
	}
	s.diag.checks.mu.Lock()
	defer s.diag.checks.mu.Unlock()
	return t.run, t.step, t.step >= 0
}

// traceCursorResult is what the stepping commands return.
type traceCursorResult struct {
	Step  int `json:"step"`
	Total int `json:"total"`
}

// moveTrace moves the document's trace cursor and shows the step's action;
// takeFocus (nil: the client decides) puts the keyboard in the editor there.
func (s *Server) moveTrace(ctx context.Context, u uri.URI, to func(cur, total int) int, takeFocus *bool) (any, error) {
	t := s.traceOf(cache.PathOf(u))
	if t == nil {
		return nil, errf(codeRequestFailed, "no trace for %s: check the model first", u)
	}
	c := &s.diag.checks
	c.mu.Lock()
	total := len(t.run.Result.Trace)
	t.step = to(t.step, total)
	step := t.step
	c.mu.Unlock()
	s.async(ctx) // showDocument's answer comes through the read loop
	if path, sp, ok := stepSpan(t.run, step); ok {
		f := t.run.Files[path]
		sel := toRange(f, sp, s.encoding())
		if _, err := s.client.ShowDocument(ctx, &protocol.ShowDocumentParams{URI: s.uriOf(path), Selection: &sel, TakeFocus: takeFocus}); err != nil {
			s.log.Debug("showDocument failed")
		}
	}
	if err := s.client.InlayHintRefresh(s.bg); err != nil {
		s.log.Debug("inlayHint/refresh failed")
	}
	return traceCursorResult{Step: step, Total: total}, nil
}

// uriOf is the URI of a path: the open document's, else a file URI.
func (s *Server) uriOf(path string) uri.URI {
	for _, snap := range s.session.Snapshots() {
		if snap.Path == path {
			return snap.URI
		}
	}
	return uri.File(path)
}

// stepSpan is where step i happens: the label of its PlusCal step (the
// algorithm is what the user wrote; the translation is generated), else
// its action, else the initial predicate.
func stepSpan(run *checkRun, i int) (string, source.Span, bool) {
	if i < 0 || i >= len(run.Result.Trace) {
		return "", source.Span{}, false
	}
	loc := run.Result.Trace[i].Location
	if path, sp, ok := spanOf(run.Files, plusCalOf(loc)); ok {
		return path, labelSpan(run.Files[path].Text, sp), true
	}
	if path, sp, ok := spanOf(run.Files, loc); ok {
		return path, sp, true
	}
	if id := defName(run.Module, initName(run)); id != nil {
		return run.Model.TLAPath, id.Span, true
	}
	return "", source.Span{}, false
}

// labelSpan is the label that starts a PlusCal step's text ("Create" of
// "Create: ..."), or the step's text when it does not start with one.
func labelSpan(text []byte, sp source.Span) source.Span {
	end := sp.Start
	for end < sp.End && scan.IsIdentByte(text[end]) {
		end++
	}
	rest := end
	for rest < sp.End && (text[rest] == ' ' || text[rest] == '\t') {
		rest++
	}
	if end > sp.Start && rest < sp.End && text[rest] == ':' && (rest+1 >= len(text) || text[rest+1] != '=') {
		return source.Span{Start: sp.Start, End: end}
	}
	return sp
}

// wireResult is the result of run as the editors read it: the checker's
// JSON of it (one encoding, PROTOCOL.md) with the model's name, the
// editor's current step, and per step the changed variables and the
// pinned expressions' values.
func (s *Server) wireResult(run *checkRun) json.RawMessage {
	r := run.Result
	x := &checker.JSONExtras{Model: run.Model.Name, Changed: make([][]string, len(r.Trace)), Where: make([]*checker.Range, len(r.Trace))}
	for i := range r.Trace {
		x.Changed[i] = changedVars(r.Trace, i)
		if path, sp, ok := stepSpan(run, i); ok {
			x.Where[i] = checker.SpanRange(run.Files[path], sp)
		}
	}
	// One evaluator per pinned expression: a bad one spoils only itself.
	if pinned := s.Settings().Check.Pinned; len(pinned) > 0 && len(r.Trace) > 0 {
		x.Pinned = make([]map[string]string, len(r.Trace))
		for _, p := range pinned {
			ev, err := newEvaluator(run, []string{p})
			for i := range r.Trace {
				if x.Pinned[i] == nil {
					x.Pinned[i] = map[string]string{}
				}
				if err != nil {
					x.Pinned[i][p] = "error: " + err.Error()
				} else {
					x.Pinned[i][p] = evalText(ev, 0, r.Trace, i)
				}
			}
		}
	}
	if _, step, ok := s.currentStep(run.Model.TLAPath); ok {
		x.Current = &step
	}
	b, err := r.JSONWith(x)
	if err != nil { // a value JSON cannot carry: say so rather than drop the result
		b, _ = json.Marshal(map[string]string{"outcome": checker.OutcomeError, "model": run.Model.Name, "message": err.Error()})
	}
	return b
}

// changedVars are the variables whose value step i changed (all of them
// for the initial state).
func changedVars(trace []checker.Step, i int) []string {
	out := []string{}
	for k, v := range trace[i].State {
		if i == 0 || k >= len(trace[i-1].State) || trace[i-1].State[k].Value != v.Value {
			out = append(out, v.Name)
		}
	}
	return out
}

type textDocumentParams struct {
	TextDocument protocol.TextDocumentIdentifier `json:"textDocument"`
}

func (s *Server) traceRequest(ctx context.Context, p *textDocumentParams) (any, error) {
	t := s.traceOf(cache.PathOf(p.TextDocument.URI))
	if t == nil {
		return nil, nil
	}
	return s.wireResult(t.run), nil
}

type evaluateParams struct {
	TextDocument protocol.TextDocumentIdentifier `json:"textDocument"`
	Expression   string                          `json:"expression"`
	Step         *int                            `json:"step"`
}

type evaluateResult struct {
	Value string `json:"value"`
}

// evaluateRequest evaluates an expression in a step's state (the current
// step when none is given), with the following state for primed
// variables.
func (s *Server) evaluateRequest(ctx context.Context, p *evaluateParams) (any, error) {
	t := s.traceOf(cache.PathOf(p.TextDocument.URI))
	if t == nil {
		return nil, errf(codeRequestFailed, "no trace for %s: check the model first", p.TextDocument.URI)
	}
	_, step, _ := s.currentStep(t.run.Model.TLAPath)
	if p.Step != nil {
		step = *p.Step
	}
	trace := t.run.Result.Trace
	if step < 0 || step >= len(trace) {
		return nil, errf(jsonrpc2.InvalidParams, "step %d is outside the trace (0..%d)", step, len(trace)-1)
	}
	s.async(ctx)
	ev, err := newEvaluator(t.run, []string{p.Expression})
	if err != nil {
		return nil, errf(codeRequestFailed, "%v", err)
	}
	v, err := ev.Eval(0, trace, step)
	if err != nil {
		return nil, errf(codeRequestFailed, "%v", err)
	}
	return evaluateResult{Value: v}, nil
}

// traceHover shows the value of the variable under the cursor at the
// current step, and its previous value when the step changed it.
func traceHover(s *Server, ctx context.Context, v *view, off int) string {
	run, step, ok := s.currentStep(v.Snap.Path)
	if !ok {
		return ""
	}
	name := wordAt(v.Snap.File.Text, off)
	trace := run.Result.Trace
	val, ok := stateValue(trace[step], name)
	if !ok {
		return ""
	}
	out := fmt.Sprintf("**%s** at step %d of %d (%s):\n```tlaplus\n%s\n```", name, step+1, len(trace), trace[step].Action, val)
	if step > 0 {
		if prev, _ := stateValue(trace[step-1], name); prev != val {
			out += fmt.Sprintf("\nwas:\n```tlaplus\n%s\n```", prev)
		}
	}
	return out
}

func stateValue(st checker.Step, name string) (string, bool) {
	for _, v := range st.State {
		if v.Name == name {
			return v.Value, true
		}
	}
	return "", false
}

// wordAt is the identifier around byte offset off.
func wordAt(text []byte, off int) string {
	isWord := scan.IsIdentByte
	start, end := min(off, len(text)), min(off, len(text))
	for start > 0 && isWord(text[start-1]) {
		start--
	}
	for end < len(text) && isWord(text[end]) {
		end++
	}
	return string(text[start:end])
}

// maxHintValue bounds a value shown in an inlay hint.
const maxHintValue = 60

// traceHints shows, at the current step's action, the values it assigned
// (an inlay hint contributor).
func traceHints(s *Server, ctx context.Context, v *view, p *protocol.InlayHintParams) []protocol.InlayHint {
	path := cache.PathOf(p.TextDocument.URI)
	run, step, ok := s.currentStep(path)
	if !ok {
		return nil
	}
	spath, sp, ok := stepSpan(run, step)
	snap := v.Snap
	if !ok || spath != path || run.Deps[path] != hashText(snap.File.Text) {
		return nil
	}
	trace := run.Result.Trace
	var parts []string
	for _, name := range changedVars(trace, step) {
		val, _ := stateValue(trace[step], name)
		if len(val) > maxHintValue {
			val = val[:maxHintValue] + "…"
		}
		primed := name + "'"
		if step == 0 {
			primed = name
		}
		parts = append(parts, primed+" = "+val)
	}
	if len(parts) == 0 {
		parts = []string{"(no change)"}
	}
	// At the end of the action's first line, where it is named.
	line := snap.File.Line(sp.Start)
	eol := snap.File.LineStart(line + 1)
	if eol > sp.Start && eol > 0 && snap.File.Text[eol-1] == '\n' {
		eol--
	}
	pad := true
	return []protocol.InlayHint{{
		Position:    toPosition(snap.File, eol, s.encoding()),
		Label:       protocol.String(fmt.Sprintf("step %d: %s", step+1, strings.Join(parts, ", "))),
		PaddingLeft: &pad,
	}}
}

// exportStateGraph checks the trace's model again recording its state
// graph (bounded by checker.MaxGraphStates) and writes it as DOT.
func (s *Server) exportStateGraph(ctx context.Context, args []protocol.LSPAny) (any, error) {
	u, rest, err := uriArg(args)
	if err != nil {
		return nil, err
	}
	var opt struct {
		Path string `json:"path"`
	}
	if len(rest) > 0 && string(rest[0]) != "null" {
		if err := json.Unmarshal(rest[0], &opt); err != nil {
			return nil, errf(jsonrpc2.InvalidParams, "tlals.exportStateGraph: %v", err)
		}
	}
	run := s.lastRunOf(cache.PathOf(u))
	if run == nil || run.model == nil {
		return nil, errf(codeRequestFailed, "no model checked for %s: check it first", u)
	}
	s.async(ctx)
	o := s.Settings().Check.options()
	o.RecordGraph = true
	o.MaxStates = min(o.MaxStates, checker.MaxGraphStates)
	res, err := checker.Check(ctx, run.model, o)
	if err != nil && res == nil {
		return nil, errf(codeRequestFailed, "%v", err)
	}
	if res.Graph == nil {
		return nil, errf(codeRequestFailed, "no state graph: %s", firstLine(res.Message))
	}
	var dot, svg bytes.Buffer
	if err := res.Graph.WriteDOT(&dot); err != nil {
		return nil, errf(codeRequestFailed, "%v", err)
	}
	if err := res.Graph.WriteSVG(&svg); err != nil {
		return nil, errf(codeRequestFailed, "%v", err)
	}
	if opt.Path == "" {
		return map[string]string{"dot": dot.String(), "svg": svg.String()}, nil
	}
	// The picture goes beside the DOT file, for those without Graphviz.
	path := s.resolvePath(opt.Path)
	svgPath := strings.TrimSuffix(path, ".dot") + ".svg"
	for _, f := range []struct {
		path string
		data []byte
	}{{path, dot.Bytes()}, {svgPath, svg.Bytes()}} {
		if err := writeFile(f.path, f.data); err != nil {
			return nil, errf(codeRequestFailed, "%v", err)
		}
	}
	return map[string]string{"path": path, "svgPath": svgPath}, nil
}

// newEvaluator compiles exprs in the model of run.
func newEvaluator(run *checkRun, exprs []string) (*checker.Evaluator, error) {
	if run.model == nil {
		return nil, fmt.Errorf("the model of the run is not available")
	}
	return checker.NewEvaluator(run.model, exprs)
}

// evalText is expression i's value in step's state, or the error.
func evalText(ev *checker.Evaluator, i int, trace []checker.Step, step int) string {
	v, err := ev.Eval(i, trace, step)
	if err != nil {
		return "error: " + err.Error()
	}
	return v
}

// traceMove is a command that moves the current trace step.
func traceMove(to func(cur, total int) int) commandFunc {
	return func(s *Server, ctx context.Context, args []protocol.LSPAny) (any, error) {
		u, _, err := uriArg(args)
		if err != nil {
			return nil, err
		}
		focus := true
		return s.moveTrace(ctx, u, to, &focus)
	}
}

// traceGoto is tlals.trace.goto [uri, step].
func traceGoto(s *Server, ctx context.Context, args []protocol.LSPAny) (any, error) {
	u, rest, err := uriArg(args)
	if err != nil {
		return nil, err
	}
	var step int
	if len(rest) == 0 || json.Unmarshal(rest[0], &step) != nil {
		return nil, errf(jsonrpc2.InvalidParams, "tlals.trace.goto: want [uri, step]")
	}
	// goto comes from a trace view's row: whether the view keeps the
	// focus is the client's choice (Neovim's trace buffer hands it to
	// the spec, as the quickfix list does; VS Code's panel keeps it).
	return s.moveTrace(ctx, u, func(_, total int) int { return max(0, min(step, total-1)) }, nil)
}
