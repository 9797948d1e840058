package lsp_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp/lsptest"
	"github.com/tlals/tlals/parser/hostile"
)

// openHostile writes module M with text and its configuration, opens it
// and waits for its first diagnostics.
func openHostile(t *testing.T, c *lsptest.Client, text string) (uri.URI, *protocol.PublishDiagnosticsParams) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "M.tla")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "M.cfg"), []byte(hostile.Cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	u := uri.File(path)
	c.Open(u, text)
	return u, c.Diagnostics(u, 1)
}

// TestHostileSpecsInEditor opens every hostile spec: the analysis reports
// its error at its position, and a check (on save, or by command when the
// analysis found errors and a save does not check) ends with its result.
func TestHostileSpecsInEditor(t *testing.T) {
	defer func(d time.Duration) { lsptest.Timeout = d }(lsptest.Timeout)
	lsptest.Timeout = 90 * time.Second // the 100,000-line module on a loaded machine
	for _, sp := range hostile.Specs() {
		t.Run(sp.Name, func(t *testing.T) {
			c := checkClient(t, `{"checkTimeout": 60}`)
			u, p := openHostile(t, c, sp.Text)
			var errs []string
			for _, d := range p.Diagnostics {
				if d.Severity == protocol.DiagnosticSeverityError {
					errs = append(errs, fmt.Sprintf("%d:%d %s", d.Range.Start.Line+1, d.Range.Start.Character+1, d.Message))
				}
			}
			var res map[string]any
			if sp.Lint == "" {
				if len(errs) != 0 {
					t.Fatalf("errors %q, want none", errs)
				}
				save(c, u)
				res = checkResults(t, c, 1)[0]
			} else {
				if want := fmt.Sprintf("%d:%d %s", sp.Line, sp.Col, sp.Lint); len(errs) == 0 || !strings.HasPrefix(errs[0], want) {
					t.Fatalf("errors %q, want first %q", errs, want)
				}
				if err := c.Call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: "tlals.check", Arguments: []protocol.LSPAny{[]byte(fmt.Sprintf("%q", u))}}, &res); err != nil {
					t.Fatal(err)
				}
			}
			line := 0
			if loc, ok := res["location"].(map[string]any); ok {
				line = int(loc["startLine"].(float64))
			}
			msg, _ := res["message"].(string)
			if res["outcome"] != sp.Outcome || !strings.Contains(msg, sp.Message) || (sp.CheckLine != 0 && line != sp.CheckLine) {
				t.Errorf("check: %v %q at line %d; want %s %q at line %d", res["outcome"], msg, line, sp.Outcome, sp.Message, sp.CheckLine)
			}
		})
	}
}

// longInit's initial predicate evaluates 16 * 10^12 bindings in one
// expression; manyTuples' builds a set of 16 million tuples.
const (
	longInit   = "Init == x = IF \\A a \\in 1..4000000, b \\in 1..4000000 : a + b > 0 THEN 1 ELSE 0\n"
	manyTuples = "Init == x = {<<a, b>> : a \\in 1..4000, b \\in 1..4000}\n"
)

func hostileModule(body string) string {
	return "---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\n" + body + "Next == x' = x\n====\n"
}

// TestCheckBudgets: the background check's default time budget and the
// memory budget (checkMaxMemory) stop a run inside one evaluation; the
// result is a bound that says which, on the behaviour's definition (Next).
func TestCheckBudgets(t *testing.T) {
	tests := []struct {
		name, settings, body, msg string
	}{
		{"default time budget", "", longInit, "time bound reached"},
		{"memory budget", `{"checkMaxMemory": 200, "checkTimeout": 30}`, manyTuples, "memory bound of 200 MB reached"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := checkClient(t, tt.settings)
			u, _ := openHostile(t, c, hostileModule(tt.body))
			// the message says which budget stopped the run (a wall-clock
			// limit here would only measure the machine's load)
			save(c, u)
			res := checkResults(t, c, 1)[0]
			if res["outcome"] != "bound" || res["message"] != tt.msg {
				t.Fatalf("outcome %v %q, want bound %q", res["outcome"], res["message"], tt.msg)
			}
			p := c.DiagnosticsWhere(u, "the bound", withCode("check/bound"))
			d := p.Diagnostics[len(p.Diagnostics)-1]
			msg, _ := d.Message.(protocol.String)
			if d.Range.Start.Line != 4 || !strings.HasSuffix(string(msg), "; "+tt.msg) {
				t.Errorf("bound diagnostic at %v: %q", d.Range, msg)
			}
		})
	}
}

// TestCheckCancelledInsideEvaluation: an edit cancels a run that is inside
// one long evaluation, and the next save checks the new text.
func TestCheckCancelledInsideEvaluation(t *testing.T) {
	c := checkClient(t, `{"checkTimeout": 600}`)
	u, _ := openHostile(t, c, hostileModule(longInit))
	save(c, u)
	if p := progressMessages(t, c, 1)[0]; p.Value.Kind != "begin" {
		t.Fatalf("first progress: %+v", p)
	}
	time.Sleep(100 * time.Millisecond) // inside the evaluation
	start := time.Now()
	// 1..4000000, b \in 1..4000000  becomes  1..4, b \in 1..4000000
	c.Change(u, lsptest.Edit(3, 28, 3, 34, ""))
	if end := progressEnd(t, c); end.Value.Message != "cancelled" {
		t.Errorf("first run ended with %q, want cancelled", end.Value.Message)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("cancelling took %v", d)
	}
	c.Change(u, lsptest.Edit(3, 40, 3, 46, "")) // b \in 1..4
	save(c, u)
	res := checkResults(t, c, 1)
	if res[0]["outcome"] != "ok" || res[0]["distinctStates"] != float64(1) {
		b, _ := json.Marshal(res[0])
		t.Fatalf("result: %s", b)
	}
}
