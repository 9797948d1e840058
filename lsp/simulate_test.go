package lsp_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// deepModel's state space is far beyond a budget of 20,000 states (10^k
// states at depth k) and its invariant fails only at depth 61: the search
// stops at the bound, the simulation that follows finds the violation.
const deepModel = `---- MODULE Deep ----
EXTENDS Naturals
VARIABLES x, y, z
Init == x = 0 /\ y = 0 /\ z = 0
Next == x' = x + 1 /\ y' \in 0..9 /\ z' = (z * 10 + y') % 1000003
Inv == x < 60
====
`

func TestCheckSimulatesBeyondBudget(t *testing.T) {
	dir := t.TempDir()
	c := checkClient(t, `{"checkMaxStates": 20000, "checkTimeout": 30}`)
	u := uri.File(filepath.Join(dir, "Deep.tla"))
	writeFiles(t, dir, map[string]string{"Deep.tla": deepModel, "Deep.cfg": "INIT Init\nNEXT Next\nINVARIANT Inv\n"})
	c.Open(u, deepModel)
	c.Diagnostics(u, 1)
	save(c, u)
	res := checkResults(t, c, 1)[0]
	trace, _ := res["trace"].([]any)
	if res["outcome"] != "invariant" || res["property"] != "Inv" || len(trace) != 61 {
		t.Fatalf("outcome %v %v, %d steps; want invariant Inv in 61 steps", res["outcome"], res["property"], len(trace))
	}
	last := trace[60].(map[string]any)["state"].(map[string]any)
	if last["x"] != "60" {
		t.Errorf("last state %v, want x = 60", last)
	}
	p := c.DiagnosticsWhere(u, "the violation", withCode("check/invariant"))
	var found bool
	for _, d := range p.Diagnostics {
		msg, _ := d.Message.(protocol.String)
		if string(msg) == "Invariant Inv is violated after 61 steps (found by simulation: the state space is beyond the check's bounds)" && d.Range.Start.Line == 5 {
			found = true
		}
	}
	if !found {
		t.Errorf("no violation diagnostic on Inv: %s", checkSummary(t, p))
	}
	var ls []protocol.CodeLens
	if err := c.Call(protocol.MethodTextDocumentCodeLens, map[string]any{"textDocument": map[string]any{"uri": u}}, &ls); err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, l := range ls {
		titles = append(titles, l.Command.Title)
	}
	if !strings.Contains(strings.Join(titles, "\n"), "✗ Inv violated in 61 steps (simulation)") {
		t.Errorf("lenses %q", titles)
	}
}

// Without a violation within reach, the bound's diagnostic says what the
// simulation covered.
func TestCheckSimulationSummary(t *testing.T) {
	dir := t.TempDir()
	c := checkClient(t, `{"checkMaxStates": 2000, "checkTimeout": 0.5}`)
	u := uri.File(filepath.Join(dir, "Deep.tla"))
	text := strings.Replace(deepModel, "Inv == x < 60", "Inv == x < 100000", 1)
	writeFiles(t, dir, map[string]string{"Deep.tla": text, "Deep.cfg": "INIT Init\nNEXT Next\nINVARIANT Inv\n"})
	c.Open(u, text)
	c.Diagnostics(u, 1)
	save(c, u)
	res := checkResults(t, c, 1)[0]
	if res["outcome"] != "bound" {
		t.Fatalf("outcome %v", res["outcome"])
	}
	p := c.DiagnosticsWhere(u, "the bound", withCode("check/bound"))
	msg, _ := p.Diagnostics[len(p.Diagnostics)-1].Message.(protocol.String)
	if !strings.Contains(string(msg), "; then simulation: no violation in ") || !strings.HasSuffix(string(msg), " of depth 100") {
		t.Errorf("bound diagnostic %q", msg)
	}
}

// A complete check labels each action with its states and warns on an
// action never enabled.
func TestCheckCoverageLenses(t *testing.T) {
	dir := t.TempDir()
	c := checkClient(t, "")
	u := uri.File(filepath.Join(dir, "Cov.tla"))
	c.Open(u, `---- MODULE Cov ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y \in {0,1}
Inc == x < 20 /\ x' = x + 1 /\ y' = y
Flip == y' = 1 - y /\ x' = x
Never == x > 100 /\ x' = 0 /\ y' = y
Next == Inc \/ Flip \/ Never
====
`)
	c.Diagnostics(u, 1)
	save(c, u)
	if res := checkResults(t, c, 1)[0]; res["outcome"] != "ok" {
		t.Fatalf("outcome %v", res["outcome"])
	}
	p := c.DiagnosticsWhere(u, "the warning", withCode("check/never-enabled"))
	check(t, "never enabled", checkSummary(t, p), []string{
		"6:0-6:5 check/never-enabled: default model: action Never is never enabled in 42 states: unreachable?",
	})
	var ls []protocol.CodeLens
	if err := c.Call(protocol.MethodTextDocumentCodeLens, map[string]any{"textDocument": map[string]any{"uri": u}}, &ls); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range ls {
		if strings.Contains(l.Command.Title, "generated") {
			got = append(got, fmt.Sprintf("%d:%d %s", l.Range.Start.Line, l.Range.Start.Character, l.Command.Title))
		}
	}
	check(t, "action lenses", got, []string{
		"4:0 Inc: 40 distinct / 40 generated",
		"5:0 Flip: 0 distinct / 42 generated",
		"6:0 Never: 0 distinct / 0 generated",
	})
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tlals.exportTrace writes the last run's trace as tlals check
// -dump-trace does.
func TestExportTrace(t *testing.T) {
	dir := t.TempDir()
	c := checkClient(t, "")
	u := uri.File(filepath.Join(dir, "Stop.tla"))
	c.Open(u, "---- MODULE Stop ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x < 1 /\\ x' = x + 1\n====\n")
	c.Diagnostics(u, 1)
	save(c, u)
	checkResults(t, c, 1)
	call := func(opt map[string]string) (map[string]string, error) {
		var res map[string]string
		err := c.Call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: "tlals.exportTrace",
			Arguments: []protocol.LSPAny{[]byte(fmt.Sprintf("%q", u)), must(json.Marshal(opt))}}, &res)
		return res, err
	}
	res, err := call(map[string]string{"format": "json"})
	if err != nil {
		t.Fatal(err)
	}
	loc := `{"beginLine":5,"beginColumn":9,"endLine":5,"endColumn":27,"module":"Stop"}`
	want := `{"counterexample":{"action":[[[1,{"x":0}],{"name":"Next","location":` + loc + `},[2,{"x":1}]]],"state":[[1,{"x":0}],[2,{"x":1}]]},"vars":["x"]}`
	if res["text"] != want {
		t.Errorf("json:\n%s\nwant\n%s", res["text"], want)
	}
	path := filepath.Join(dir, "Stop.itf.json")
	if res, err = call(map[string]string{"format": "itf", "path": path}); err != nil || res["path"] != path {
		t.Fatalf("itf: %v %v", res, err)
	}
	if b, err := os.ReadFile(path); err != nil || !strings.HasPrefix(string(b), `{"#meta":{"format":"ITF"`) {
		t.Errorf("itf file %v: %s", err, b)
	}
	if _, err := call(map[string]string{"format": "xml"}); err == nil || !strings.Contains(err.Error(), `unknown trace format "xml"`) {
		t.Errorf("xml: %v", err)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
