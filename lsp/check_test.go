package lsp_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/analysis/pluscal"
	"github.com/tlals/tlals/lsp"
	"github.com/tlals/tlals/lsp/lsptest"
	"github.com/tlals/tlals/parser/testkit"
)

// uploaderSession opens the translated seed demo with its .cfg.
func uploaderSession(tb testing.TB) (*lsptest.Client, uri.URI, string) {
	dir := tb.TempDir()
	copyFiles(tb, dir, map[string]string{
		"Uploader_translated.tla": "../checker/testdata/Uploader_translated.tla",
		"Uploader_translated.cfg": "../checker/testdata/Uploader_translated.cfg",
	})
	c := checkClient(tb, "")
	u := uri.File(filepath.Join(dir, "Uploader_translated.tla"))
	text, _ := os.ReadFile(filepath.Join(dir, "Uploader_translated.tla"))
	c.Open(u, string(text))
	c.Diagnostics(u, 1)
	return c, u, string(text)
}

// copyFiles copies files (paths relative to the lsp package) into dir
// under the given names.
func copyFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for to, from := range files {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, to), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// checkClient starts a server whose client supports server-initiated
// progress, with the given "tlals" settings.
func checkClient(t testing.TB, settings string) *lsptest.Client {
	c := lsptest.New(t, lsp.NewServer(lsp.Options{}))
	if settings != "" {
		c.Config = json.RawMessage(settings)
	}
	yes := true
	params := &protocol.InitializeParams{}
	params.Capabilities.Window = &protocol.WindowClientCapabilities{WorkDoneProgress: &yes}
	params.Capabilities.Workspace = &protocol.WorkspaceClientCapabilities{Configuration: &yes}
	c.Initialize(params)
	if settings != "" {
		c.ConfigurationRequests(1)
		// The answer is applied after it is read: wait until it is.
		deadline := time.Now().Add(lsptest.Timeout)
		for reflect.DeepEqual(c.Server.Settings().Check, lsp.CheckSettings{}) {
			if time.Now().After(deadline) {
				t.Fatalf("settings %s not applied", settings)
			}
			time.Sleep(time.Millisecond)
		}
	}
	return c
}

func save(c *lsptest.Client, u uri.URI) {
	c.Notify(protocol.MethodTextDocumentDidSave, &protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
}

// checkNote is a tlals/checkResult notification. The result is decoded
// generically: its one Go description is checker.Result, whose JSONWith
// is its one encoding (checker/result.schema.json).
type checkNote struct {
	URI    uri.URI        `json:"uri"`
	Result map[string]any `json:"result"`
}

// checkNotes decodes the first n tlals/checkResult notifications.
func checkNotes(t *testing.T, c *lsptest.Client, n int) []checkNote {
	t.Helper()
	var out []checkNote
	for _, raw := range c.Messages("tlals/checkResult", n) {
		var p checkNote
		if err := json.Unmarshal(raw, &p); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// checkResults are the results of the first n tlals/checkResult
// notifications.
func checkResults(t *testing.T, c *lsptest.Client, n int) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, p := range checkNotes(t, c, n) {
		out = append(out, p.Result)
	}
	return out
}

func withCode(code string) func(*protocol.PublishDiagnosticsParams) bool {
	return func(p *protocol.PublishDiagnosticsParams) bool {
		for _, d := range p.Diagnostics {
			if c, _ := d.Code.(protocol.String); string(c) == code {
				return true
			}
		}
		return false
	}
}

// showDocuments renders the selections of the window/showDocument
// requests from the k-th on.
func showDocuments(t *testing.T, c *lsptest.Client, n, k int) []string {
	t.Helper()
	var out []string
	for _, raw := range c.Messages(protocol.MethodWindowShowDocument, n)[k:] {
		var p protocol.ShowDocumentParams
		if err := protocol.Unmarshal(raw, &p); err != nil {
			t.Fatal(err)
		}
		r := p.Selection
		focus := ""
		if p.TakeFocus != nil && *p.TakeFocus {
			focus = " focus"
		}
		out = append(out, fmt.Sprintf("%s %d:%d-%d:%d%s", filepath.Base(p.URI.FsPath()), r.Start.Line, r.Start.Character, r.End.Line, r.End.Character, focus))
	}
	return out
}

// checkSummary is summary restricted to the checker's diagnostics.
func checkSummary(t *testing.T, p *protocol.PublishDiagnosticsParams) []string {
	var out []string
	for _, s := range summary(t, p) {
		if _, rest, ok := strings.Cut(s, " "); ok && strings.HasPrefix(rest, "check/") {
			out = append(out, s)
		}
	}
	return out
}

type cursor struct {
	Step  int `json:"step"`
	Total int `json:"total"`
}

func command(t *testing.T, c *lsptest.Client, name string, args ...any) cursor {
	t.Helper()
	var raw []protocol.LSPAny
	for _, a := range args {
		b, _ := json.Marshal(a)
		raw = append(raw, b)
	}
	var cur cursor
	if err := c.Call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: name, Arguments: raw}, &cur); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return cur
}

func hoverText(t *testing.T, c *lsptest.Client, u uri.URI, line, char uint32) string {
	t.Helper()
	var h struct {
		Contents struct {
			Value string `json:"value"`
		} `json:"contents"`
	}
	p := map[string]any{"textDocument": map[string]any{"uri": u}, "position": map[string]any{"line": line, "character": char}}
	if err := c.Call(protocol.MethodTextDocumentHover, p, &h); err != nil {
		t.Fatal(err)
	}
	return h.Contents.Value
}

// TestCheckEvaluationError checks the translated seed demo on save: the
// CHOOSE in the define block fails in the fifth state; the trace's four
// steps are related information; stepping shows each action; hover shows
// a variable's value at the current step.
func TestCheckEvaluationError(t *testing.T) {
	c, u, text := uploaderSession(t)
	save(c, u)
	res := checkResults(t, c, 1)[0]
	if res["outcome"] != "error" || len(res["trace"].([]any)) != 4 {
		t.Fatalf("result: outcome %v, %d steps", res["outcome"], len(res["trace"].([]any)))
	}
	p := c.DiagnosticsWhere(u, "the check error", withCode("check/error"))
	check(t, "diagnostics", checkSummary(t, p), []string{
		"90:18-90:50 check/error: Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P. (after 4 steps)" +
			" [Uploader_translated.tla 100:0-100:4 step 1: Initial predicate]" +
			" [Uploader_translated.tla 111:14-128:52 step 2: User(u1)]" +
			" [Uploader_translated.tla 111:14-128:52 step 3: User(u1)]" +
			" [Uploader_translated.tla 132:17-143:68 step 4: Receive(w1)]",
		// The call site: UploadWith(msg[self].id) in Create.
		"146:33-146:57 check/error: Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P. (after 4 steps) (in this call)" +
			" [Uploader_translated.tla 100:0-100:4 step 1: Initial predicate]" +
			" [Uploader_translated.tla 111:14-128:52 step 2: User(u1)]" +
			" [Uploader_translated.tla 111:14-128:52 step 3: User(u1)]" +
			" [Uploader_translated.tla 132:17-143:68 step 4: Receive(w1)]",
	})

	// Stepping: first, next, next, next (stays on the last), prev, goto.
	steps := []cursor{
		command(t, c, "tlals.trace.first", u),
		command(t, c, "tlals.trace.next", u),
		command(t, c, "tlals.trace.next", u),
		command(t, c, "tlals.trace.next", u),
		command(t, c, "tlals.trace.next", u),
		command(t, c, "tlals.trace.prev", u),
		command(t, c, "tlals.trace.goto", u, 1),
	}
	var got []string
	for _, s := range steps {
		got = append(got, fmt.Sprintf("%d/%d", s.Step, s.Total))
	}
	check(t, "cursors", got, []string{"0/4", "1/4", "2/4", "3/4", "3/4", "2/4", "1/4"})
	check(t, "showDocument", showDocuments(t, c, 7, 0), []string{
		"Uploader_translated.tla 100:0-100:4 focus",
		"Uploader_translated.tla 111:14-128:52 focus",
		"Uploader_translated.tla 111:14-128:52 focus",
		"Uploader_translated.tla 132:17-143:68 focus",
		"Uploader_translated.tla 132:17-143:68 focus",
		"Uploader_translated.tla 111:14-128:52 focus",
		"Uploader_translated.tla 111:14-128:52", // goto: from a trace view, which decides
	})

	// Step 3 (0-based 2): the user deleted the upload; hover `uploads` in
	// the VARIABLES line.
	command(t, c, "tlals.trace.goto", u, 2)
	line := uint32(strings.Count(string(text[:strings.Index(string(text), "VARIABLES uploads")]), "\n"))
	h := hoverText(t, c, u, line, 12)
	if !strings.Contains(h, "**uploads** at step 3 of 4 (User(u1)):\n```tlaplus\n{}\n```\nwas:\n```tlaplus\n{[id |-> 1, from |-> u1, version |-> 1]}\n```") {
		t.Errorf("hover at step 3:\n%s", h)
	}
}

// TestCheckInvariant checks seed Uploader2 with two workers: the invariant
// ConsistentWhenIdle fails after 11 steps; the squiggles are on its name in
// the .cfg, on its definition and on the FALSE consequent.
func TestCheckInvariant(t *testing.T) {
	dir := t.TempDir()
	copyFiles(t, dir, map[string]string{
		"Uploader2_translated.tla": "../checker/testdata/Uploader2_translated.tla",
		"Uploader2_translated.cfg": "testdata/check/Uploader2_translated.cfg",
	})
	c := checkClient(t, `{"checkTimeout": 60, "pinnedExpressions": ["Idle", "Len(queue)", "Cardinality(content)"]}`) // 7,428 states: slow under -race
	u := uri.File(filepath.Join(dir, "Uploader2_translated.tla"))
	cu := uri.File(filepath.Join(dir, "Uploader2_translated.cfg"))
	text, _ := os.ReadFile(filepath.Join(dir, "Uploader2_translated.tla"))
	cfgText, _ := os.ReadFile(filepath.Join(dir, "Uploader2_translated.cfg"))
	c.Open(u, string(text))
	c.Open(cu, string(cfgText))
	c.Diagnostics(u, 1)
	save(c, u)
	res := checkResults(t, c, 1)[0]
	if res["outcome"] != "invariant" || res["property"] != "ConsistentWhenIdle" || len(res["trace"].([]any)) != 11 {
		t.Fatalf("result: %v %v, %d steps", res["outcome"], res["property"], len(res["trace"].([]any)))
	}
	const msg = "check/invariant: Invariant ConsistentWhenIdle is violated after 11 steps"
	p := c.DiagnosticsWhere(u, "the invariant's diagnostics", withCode("check/invariant"))
	got := checkSummary(t, p)
	for i := range got {
		got[i], _, _ = strings.Cut(got[i], " [") // the related steps are checked below
	}
	check(t, "spec diagnostics", got, []string{
		"102:0-102:18 " + msg,
		// the variables it reads in the state's order, TLC's (content first)
		"102:30-102:47 check/invariant: FALSE in the last state (step 11): content = uploads, where content = {[id |-> 1, from |-> u1, version |-> 2]}, uploads = {}",
	})
	if n := len(p.Diagnostics[len(p.Diagnostics)-1].RelatedInformation); n != 11 {
		t.Errorf("%d related steps, want 11", n)
	}
	cp := c.DiagnosticsWhere(cu, "the cfg's diagnostics", withCode("check/invariant"))
	got = checkSummary(t, cp)
	for i := range got {
		got[i], _, _ = strings.Cut(got[i], " [")
	}
	check(t, "cfg diagnostics", got, []string{"8:10-8:28 " + msg})

	// Evaluate at the last step, and an action-level expression at the
	// step before (the primes read the last state).
	var ev struct {
		Value string `json:"value"`
	}
	if err := c.Call("tlals/evaluate", map[string]any{"textDocument": map[string]any{"uri": u}, "expression": "<<Idle, content = uploads>>", "step": 10}, &ev); err != nil {
		t.Fatal(err)
	}
	if ev.Value != "<<TRUE, FALSE>>" {
		t.Errorf("evaluate = %q", ev.Value)
	}
	if err := c.Call("tlals/evaluate", map[string]any{"textDocument": map[string]any{"uri": u}, "expression": "<<queue' = queue, pc' = pc>>", "step": 9}, &ev); err != nil {
		t.Fatal(err)
	}
	if ev.Value != "<<TRUE, FALSE>>" {
		t.Errorf("evaluate (action) = %q", ev.Value)
	}

	// tlals/trace: the last step's changed variables and pinned values.
	var tr map[string]any // the check result's JSON (TestCheckResultSchema)
	if err := c.Call("tlals/trace", map[string]any{"textDocument": map[string]any{"uri": u}}, &tr); err != nil {
		t.Fatal(err)
	}
	steps, _ := tr["trace"].([]any)
	if len(steps) == 0 {
		t.Fatalf("tlals/trace: no trace: %v", tr)
	}
	last, _ := steps[len(steps)-1].(map[string]any)
	pinned, _ := last["pinned"].(map[string]any)
	// a pinned expression is analysed with the module: lint's error
	got = []string{fmt.Sprintf("%s %v Idle=%v Len(queue)=%v; %v", last["action"], last["changed"], pinned["Idle"], pinned["Len(queue)"], pinned["Cardinality(content)"])}
	check(t, "last step", got, []string{"PushEdit(w1) [content pc local] Idle=TRUE Len(queue)=0; error: 1:1: unknown operator `Cardinality`"})
}

type progressValue struct {
	Token any `json:"token"`
	Value struct {
		Kind    string `json:"kind"`
		Title   string `json:"title"`
		Message string `json:"message"`
	} `json:"value"`
}

func progressMessages(t *testing.T, c *lsptest.Client, n int) []progressValue {
	t.Helper()
	var out []progressValue
	for _, raw := range c.Messages(protocol.MethodProgress, n) {
		var p progressValue
		if err := json.Unmarshal(raw, &p); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// TestCheckCancelledByEdit starts an unbounded run, edits the spec while
// it runs, and checks that the run ends cancelled without a result and
// that the next save reports.
func TestCheckCancelledByEdit(t *testing.T) {
	dir := t.TempDir()
	copyFiles(t, dir, map[string]string{"Counter.tla": "testdata/check/Counter.tla"})
	c := checkClient(t, `{"checkTimeout": 600, "checkMaxStates": 1000000000}`)
	u := uri.File(filepath.Join(dir, "Counter.tla"))
	text, _ := os.ReadFile(filepath.Join(dir, "Counter.tla"))
	c.Open(u, string(text))
	c.Diagnostics(u, 1)
	save(c, u)
	if p := progressMessages(t, c, 1)[0]; p.Value.Kind != "begin" || p.Value.Title != "Checking default model" {
		t.Fatalf("first progress: %+v", p)
	}
	// Next == x' = x + 1  becomes  Next == x' = (x + 1) % 3
	c.Change(u, lsptest.Edit(4, 13, 4, 18, "(x + 1) % 3"))
	if end := progressEnd(t, c); end.Value.Message != "cancelled" {
		t.Errorf("first run ended with %q, want cancelled", end.Value.Message)
	}
	save(c, u)
	res := checkResults(t, c, 1)
	if len(res) != 1 || res[0]["outcome"] != "ok" || res[0]["distinctStates"] != float64(3) {
		t.Fatalf("results: %v", res)
	}
}

// progressEnd waits for the first $/progress end and returns it: each
// wait is for one more message, so no timing is involved.
func progressEnd(t *testing.T, c *lsptest.Client) progressValue {
	t.Helper()
	for n := 1; ; n++ {
		ps := progressMessages(t, c, n)
		for _, p := range ps {
			if p.Value.Kind == "end" {
				return p
			}
		}
		n = len(ps)
	}
}

// TestCheckRunsLeaveNoGoroutines runs checks that end, are cancelled by an
// edit, and are answered from the cache, and then requires the server to
// be back to the goroutines it had before the first run; then it ends the
// session during a run, which must leave nothing behind either.
func TestCheckRunsLeaveNoGoroutines(t *testing.T) {
	atStart := runtime.NumGoroutine()
	t.Cleanup(func() { goroutinesBackTo(t, atStart, "after the session") }) // runs after the client's
	dir := t.TempDir()
	copyFiles(t, dir, map[string]string{"Counter.tla": "testdata/check/Counter.tla"})
	c := checkClient(t, `{"checkTimeout": 600, "checkMaxStates": 1000000000}`)
	u := uri.File(filepath.Join(dir, "Counter.tla"))
	unbounded, _ := os.ReadFile(filepath.Join(dir, "Counter.tla"))
	bounded := strings.Replace(string(unbounded), "x + 1", "(x + 1) % 3", 1)
	c.Open(u, string(unbounded))
	c.Diagnostics(u, 1)
	before := runtime.NumGoroutine()
	startUnbounded := func() {
		c.Forget()
		v := c.Change(u, lsptest.Whole(string(unbounded)))
		c.Diagnostics(u, v)
		save(c, u)
		if p := progressMessages(t, c, 1)[0]; p.Value.Kind != "begin" {
			t.Fatalf("first progress %+v", p)
		}
	}
	for i := 0; i < 5; i++ {
		startUnbounded()
		c.Change(u, lsptest.Whole(bounded))
		if end := progressEnd(t, c); end.Value.Message != "cancelled" {
			t.Fatalf("cycle %d: the unbounded run ended with %q", i, end.Value.Message)
		}
		save(c, u) // a run, then cache hits
		if res := checkResults(t, c, 1)[0]; res["outcome"] != "ok" {
			t.Fatalf("cycle %d: outcome %v", i, res["outcome"])
		}
	}
	goroutinesBackTo(t, before, "after the runs")
	startUnbounded() // the session ends during this run
}

// goroutinesBackTo waits until at most n goroutines remain (a run's
// goroutine ends just after it reports) and shows them when they do not.
func goroutinesBackTo(t *testing.T, n int, when string) {
	t.Helper()
	deadline := time.Now().Add(lsptest.Timeout)
	for runtime.NumGoroutine() > n {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines %s, %d before:\n%s", runtime.NumGoroutine(), when, n, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(time.Millisecond)
	}
}

// TestCheckBound stops a run at its bound and reports it as information.
func TestCheckBound(t *testing.T) {
	dir := t.TempDir()
	copyFiles(t, dir, map[string]string{"Counter.tla": "testdata/check/Counter.tla"})
	c := checkClient(t, `{"checkMaxStates": 1000}`)
	u := uri.File(filepath.Join(dir, "Counter.tla"))
	text, _ := os.ReadFile(filepath.Join(dir, "Counter.tla"))
	c.Open(u, string(text))
	c.Diagnostics(u, 1)
	save(c, u)
	res := checkResults(t, c, 1)[0]
	if res["outcome"] != "bound" {
		t.Fatalf("outcome %v", res["outcome"])
	}
	p := c.DiagnosticsWhere(u, "the bound", withCode("check/bound"))
	d := p.Diagnostics[len(p.Diagnostics)-1]
	msg, _ := d.Message.(protocol.String)
	want := fmt.Sprintf("default model: no error found before the bounds: %s distinct states, depth %v", thousandsOf(res["distinctStates"].(float64)), res["depth"])
	if d.Severity != protocol.DiagnosticSeverityInformation || d.Range.Start.Line != 4 || d.Range.Start.Character != 0 || !strings.HasPrefix(string(msg), want) {
		t.Errorf("bound diagnostic: %v %v %q, want prefix %q", d.Severity, d.Range, msg, want)
	}
}

func thousandsOf(f float64) string {
	s := fmt.Sprint(int64(f))
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestCfgDiagnostics opens a .cfg with a syntax error and names its module
// does not define.
func TestCfgDiagnostics(t *testing.T) {
	dir := t.TempDir()
	copyFiles(t, dir, map[string]string{"Counter.tla": "testdata/check/Counter.tla"})
	c := checkClient(t, "")
	u := uri.File(filepath.Join(dir, "Counter.cfg"))
	c.Open(u, "INIT Init\nNEXT Nxt\nINVARIANT TypeOK x\nCONSTANT N = \n")
	check(t, "cfg diagnostics", summary(t, c.Diagnostics(u, 1)), []string{
		"4:0-4:0 cfg/syntax: expected a value (a number, string, TRUE, FALSE, model value or set) after `=` for N, found end of file",
		"1:5-1:8 cfg/unknown-name: Nxt is not defined or declared in module Counter",
		"2:10-2:16 cfg/unknown-name: TypeOK is not defined or declared in module Counter",
	})
}

// TestCheckLensesAndHints checks the lenses of a spec before and after a
// run, the step lenses of its trace and the inlay hint at the current
// step; then that a second check of the same texts is answered from the
// cache (no new run, so no new progress).
func TestCheckLensesAndHints(t *testing.T) {
	c, u, _ := uploaderSession(t)
	lenses := func() []string {
		var ls []protocol.CodeLens
		if err := c.Call(protocol.MethodTextDocumentCodeLens, map[string]any{"textDocument": map[string]any{"uri": u}}, &ls); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, l := range ls {
			out = append(out, fmt.Sprintf("%d:%d %s %s", l.Range.Start.Line, l.Range.Start.Character, l.Command.Title, l.Command.Command))
		}
		return out
	}
	check(t, "lenses before", lenses(), []string{
		"100:0 ▶ Check tlals.check",
		"174:0 ▶ Check tlals.check",
		"177:0 ▶ Check tlals.check",
	})
	var res map[string]any
	if err := c.Call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: "tlals.check", Arguments: []protocol.LSPAny{[]byte(fmt.Sprintf("%q", u))}}, &res); err != nil {
		t.Fatal(err)
	}
	if res["outcome"] != "error" {
		t.Fatalf("outcome %v", res["outcome"])
	}
	check(t, "lenses after", lenses(), []string{
		"100:0 ▶ Check tlals.check",
		"100:0 ✗ error in 4 steps tlals.trace.first",
		"174:0 ▶ Check tlals.check",
		"174:0 ✗ error in 4 steps tlals.trace.first",
		"177:0 ▶ Check tlals.check",
		"177:0 ✗ error in 4 steps tlals.trace.first",
		"100:0 step 1 of 4 tlals.trace.goto",
		"111:14 step 2 · step 3 of 4 tlals.trace.goto",
		"132:17 step 4 of 4 tlals.trace.goto",
	})
	command(t, c, "tlals.trace.goto", u, 3)
	var hints []protocol.InlayHint
	p := map[string]any{"textDocument": map[string]any{"uri": u}, "range": map[string]any{"start": map[string]any{"line": 0, "character": 0}, "end": map[string]any{"line": 300, "character": 0}}}
	if err := c.Call(protocol.MethodTextDocumentInlayHint, p, &hints); err != nil {
		t.Fatal(err)
	}
	if len(hints) != 1 {
		t.Fatalf("%d hints", len(hints))
	}
	label, _ := hints[0].Label.(protocol.String)
	check(t, "hint", []string{fmt.Sprintf("%d:%d %s", hints[0].Position.Line, hints[0].Position.Character, label)}, []string{
		// the variables changed, in TLC's order of a state's variables
		`132:40 step 4: msg' = (w1 :> [id |-> 1, action |-> "create"]), pc' = (u1 :> "User" @@ w1 :> "Create"), queue' = <<[id |-> 1, action |-> "delete"]>>`,
	})

	// The same texts again: the cached result, with no run (no progress).
	before := len(c.Messages(protocol.MethodProgress, 1))
	if err := c.Call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: "tlals.check", Arguments: []protocol.LSPAny{[]byte(fmt.Sprintf("%q", u))}}, &res); err != nil {
		t.Fatal(err)
	}
	checkResults(t, c, 2)
	if after := len(c.Messages(protocol.MethodProgress, 1)); after != before || res["outcome"] != "error" {
		t.Errorf("cached check: %d progress messages before, %d after; outcome %v", before, after, res["outcome"])
	}
}

// TestCheckModels finds Spec.cfg and an MC pair that extends the spec,
// and checks the MC model when it is chosen.
func TestCheckModels(t *testing.T) {
	dir := t.TempDir()
	copyFiles(t, dir, map[string]string{"Counter.tla": "testdata/check/Counter.tla"})
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("Counter.cfg", "INIT Init\nNEXT Next\n")
	write("MCCounter.tla", "---- MODULE MCCounter ----\nEXTENDS Counter\nSmall == x < 5\n====\n")
	write("MCCounter.cfg", "INIT Init\nNEXT Next\nINVARIANT Small\n")
	write("MCOther.tla", "---- MODULE MCOther ----\nEXTENDS Naturals\n====\n")
	write("MCOther.cfg", "\n")
	c := checkClient(t, "")
	u := uri.File(filepath.Join(dir, "Counter.tla"))
	text, _ := os.ReadFile(filepath.Join(dir, "Counter.tla"))
	c.Open(u, string(text))
	c.Diagnostics(u, 1)
	var ls []protocol.CodeLens
	if err := c.Call(protocol.MethodTextDocumentCodeLens, map[string]any{"textDocument": map[string]any{"uri": u}}, &ls); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range ls {
		if l.Range.Start.Line == 0 {
			got = append(got, l.Command.Title+" "+string(bytesJoin(l.Command.Arguments)))
		}
	}
	mc := filepath.Join(dir, "MCCounter.cfg")
	check(t, "model lenses", got, []string{
		fmt.Sprintf("▶ Check Counter.cfg %q,{\"model\":%q}", u, filepath.Join(dir, "Counter.cfg")),
		fmt.Sprintf("▶ Check MCCounter.cfg %q,{\"model\":%q}", u, mc),
	})
	var res map[string]any
	args := []protocol.LSPAny{[]byte(fmt.Sprintf("%q", u)), []byte(fmt.Sprintf(`{"model": %q}`, mc))}
	if err := c.Call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: "tlals.check", Arguments: args}, &res); err != nil {
		t.Fatal(err)
	}
	if res["outcome"] != "invariant" || res["property"] != "Small" || res["model"] != "MCCounter.cfg" || len(res["trace"].([]any)) != 6 {
		t.Errorf("MC model: %v %v %v, %d steps", res["outcome"], res["property"], res["model"], len(res["trace"].([]any)))
	}
}

func bytesJoin(args []protocol.LSPAny) []byte {
	var out []byte
	for i, a := range args {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, a...)
	}
	return out
}

// TestExportStateGraph exports the seed demo's state graph as DOT.
func TestExportStateGraph(t *testing.T) {
	c, u, _ := uploaderSession(t)
	dir := filepath.Dir(u.FsPath())
	save(c, u)
	checkResults(t, c, 1)
	out := filepath.Join(dir, "graph.dot")
	var res map[string]string
	args := []protocol.LSPAny{[]byte(fmt.Sprintf("%q", u)), []byte(fmt.Sprintf(`{"path": %q}`, out))}
	if err := c.Call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: "tlals.exportStateGraph", Arguments: args}, &res); err != nil {
		t.Fatal(err)
	}
	dot, err := os.ReadFile(res["path"])
	if err != nil {
		t.Fatal(err)
	}
	// The search stops at the error: 42 distinct states, as the run found
	// (each labelled as TLC prints a state: msg is its first variable).
	if !strings.HasPrefix(string(dot), "strict digraph StateGraph {") || strings.Count(string(dot), "[label=\"/\\\\ msg = ") != 42 {
		t.Errorf("dot: %d states\n%.300s", strings.Count(string(dot), "[label=\"/\\\\ msg = "), dot)
	}
	if want := filepath.Join(dir, "graph.svg"); res["svgPath"] != want {
		t.Fatalf("svgPath = %q, want %q", res["svgPath"], want)
	}
	svg, err := os.ReadFile(res["svgPath"])
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(svg), `<g class="state"`); !strings.HasPrefix(string(svg), "<svg ") || n != 42 {
		t.Errorf("svg: %d states\n%.300s", n, svg)
	}
}

// TestCheckDeadlock reports a deadlock on Next, with the steps that lead
// to it.
func TestCheckDeadlock(t *testing.T) {
	dir := t.TempDir()
	c := checkClient(t, "")
	u := uri.File(filepath.Join(dir, "Stop.tla"))
	c.Open(u, "---- MODULE Stop ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x < 2 /\\ x' = x + 1\n====\n")
	c.Diagnostics(u, 1)
	save(c, u)
	p := c.DiagnosticsWhere(u, "the deadlock", withCode("check/deadlock"))
	check(t, "deadlock", checkSummary(t, p), []string{
		"4:0-4:4 check/deadlock: Deadlock reached after 3 steps: no action of Next is enabled" +
			" [Stop.tla 3:0-3:4 step 1: Initial predicate]" +
			" [Stop.tla 4:8-4:27 step 2: Next]" +
			" [Stop.tla 4:8-4:27 step 3: Next]",
	})
}

// TestCheckOnIdle checks after a pause in editing, without a save.
func TestCheckOnIdle(t *testing.T) {
	dir := t.TempDir()
	copyFiles(t, dir, map[string]string{"Counter.tla": "testdata/check/Counter.tla"})
	c := checkClient(t, `{"checkOnIdle": 0.05, "checkOnSave": false}`)
	u := uri.File(filepath.Join(dir, "Counter.tla"))
	text, _ := os.ReadFile(filepath.Join(dir, "Counter.tla"))
	c.Open(u, string(text))
	c.Diagnostics(u, 1)
	c.Change(u, lsptest.Edit(4, 13, 4, 18, "(x + 1) % 4"))
	res := checkResults(t, c, 1)[0]
	if res["outcome"] != "ok" || res["distinctStates"] != float64(4) {
		t.Errorf("idle check: %v, %v states", res["outcome"], res["distinctStates"])
	}
}

// TestCheckAssert reports a failed Assert on the Assert, and asks the
// client to refresh its code lenses.
func TestCheckAssert(t *testing.T) {
	dir := t.TempDir()
	c := lsptest.New(t, lsp.NewServer(lsp.Options{}))
	yes := true
	params := &protocol.InitializeParams{}
	params.Capabilities.Workspace = &protocol.WorkspaceClientCapabilities{CodeLens: &protocol.CodeLensWorkspaceClientCapabilities{RefreshSupport: &yes}}
	c.Initialize(params)
	u := uri.File(filepath.Join(dir, "Big.tla"))
	c.Open(u, "---- MODULE Big ----\nEXTENDS Naturals, TLC\nVARIABLE x\nInit == x = 0\nNext == x' = x + 1 /\\ Assert(x < 2, \"too big\")\n====\n")
	c.Diagnostics(u, 1)
	save(c, u)
	p := c.DiagnosticsWhere(u, "the failed assert", withCode("check/error"))
	got := checkSummary(t, p)
	for i := range got {
		got[i], _, _ = strings.Cut(got[i], " [")
	}
	check(t, "assert", got, []string{`4:22-4:46 check/error: The first argument of Assert evaluated to FALSE; the second argument was:
"too big" (after 3 steps)`})
	c.Messages(protocol.MethodWorkspaceCodeLensRefresh, 1)
}

// TestCheckSeedOnPlusCal checks the seed demo as its author has it: the
// PlusCal algorithm with our translation below it. The CHOOSE failure is
// reported on the PlusCal text: at the call `UploadWith(msg.id)` in the
// Create: step and at the CHOOSE in the define block (and at both in the
// translation), each with the four steps that lead there.
func TestCheckSeedOnPlusCal(t *testing.T) {
	seed := filepath.Join(testkit.CorpusDir(t), "seed")
	dir := t.TempDir()
	src, err := os.ReadFile(filepath.Join(seed, "Uploader.tla"))
	if err != nil {
		t.Fatal(err)
	}
	translated, _, errs := pluscal.Translate(src, pluscal.Options{})
	if len(errs) > 0 {
		t.Fatalf("translate: %v", errs)
	}
	copyFiles(t, dir, map[string]string{"Uploader.cfg": filepath.Join(seed, "Uploader.cfg")})
	if err := os.WriteFile(filepath.Join(dir, "Uploader.tla"), translated, 0o644); err != nil {
		t.Fatal(err)
	}
	c := checkClient(t, "")
	u := uri.File(filepath.Join(dir, "Uploader.tla"))
	c.Open(u, string(translated))
	c.Diagnostics(u, 1)
	save(c, u)
	if res := checkResults(t, c, 1)[0]; res["outcome"] != "error" || len(res["trace"].([]any)) != 4 {
		t.Fatalf("result: outcome %v, %d steps", res["outcome"], len(res["trace"].([]any)))
	}
	p := c.DiagnosticsWhere(u, "the check error", withCode("check/error"))
	lines := strings.Split(string(translated), "\n")
	var got []string
	for _, d := range p.Diagnostics {
		if c, _ := d.Code.(protocol.String); c != "check/error" {
			continue
		}
		r := d.Range
		text := lines[r.Start.Line][r.Start.Character:]
		if r.End.Line == r.Start.Line {
			text = lines[r.Start.Line][r.Start.Character:r.End.Character]
		}
		got = append(got, fmt.Sprintf("%d: %s (%d related)", r.Start.Line+1, text, len(d.RelatedInformation)))
	}
	// Each error is shown on the translation too, where TLC would show it.
	check(t, "PlusCal diagnostics", got, []string{
		"89: CHOOSE u \\in uploads : u.id = id (7 related)",
		"18: CHOOSE u \\in uploads : u.id = id (7 related)",
		"145: UploadWith(msg[self].id) (7 related)",
		"64: UploadWith(msg.id) (7 related)",
	})
	// The steps point at the PlusCal labels, their translation second.
	var related []string
	var first protocol.Diagnostic
	for _, d := range p.Diagnostics {
		if c, _ := d.Code.(protocol.String); c == "check/error" {
			first = d
			break
		}
	}
	for _, r := range first.RelatedInformation {
		rg := r.Location.Range
		end := uint32(len(lines[rg.Start.Line]))
		if rg.End.Line == rg.Start.Line {
			end = rg.End.Character
		}
		related = append(related, fmt.Sprintf("%s @ %d: %s", r.Message, rg.Start.Line+1, lines[rg.Start.Line][rg.Start.Character:end]))
	}
	check(t, "related", related, []string{
		"step 1: Initial predicate @ 99: Init",
		"step 2: User(u1) @ 29: User",
		`step 2: User(u1) (translation) @ 110: /\ pc[self] = "User"`,
		"step 3: User(u1) @ 29: User",
		`step 3: User(u1) (translation) @ 110: /\ pc[self] = "User"`,
		"step 4: Receive(w1) @ 57: Receive",
		`step 4: Receive(w1) (translation) @ 131: /\ pc[self] = "Receive"`,
	})
	if !strings.Contains(lines[63], "with upload = UploadWith(msg.id) do") {
		t.Errorf("line 64 is %q, not the Create: step's with", lines[63])
	}
}
