package lsp_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp/lsptest"
)

// evalModule is the spec the tlals.evaluate tests evaluate in (the values
// are TLC's PrintT of the same expressions with Ev.cfg).
const evalModule = `---- MODULE Ev ----
EXTENDS Naturals, Sequences
CONSTANTS N, Procs
VARIABLES x, y
Init == x = 0 /\ y = <<>>
Next == x < N /\ x' = x + 1 /\ y' = Append(y, x)
Inv == x < 2
Double(n) == 2 * n
Bad(n) == n \div 0
Probe == <<Double(N),
           N + "a">>
====
`

// evaluate runs tlals.evaluate and renders its reply in one line.
func evaluate(t *testing.T, c *lsptest.Client, u uri.URI, args map[string]any) string {
	t.Helper()
	var r struct {
		Value    *string            `json:"value"`
		Error    string             `json:"error"`
		Location *protocol.Location `json:"location"`
		Step     *int               `json:"step"`
		Model    string             `json:"model"`
	}
	err := c.Call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: "tlals.evaluate",
		Arguments: []protocol.LSPAny{[]byte(fmt.Sprintf("%q", u)), must(json.Marshal(args))}}, &r)
	if err != nil {
		return "request error: " + err.Error()
	}
	out := "[" + r.Model + "] "
	if r.Value != nil {
		return out + *r.Value
	}
	out += "error " + r.Error
	if l := r.Location; l != nil {
		out += fmt.Sprintf(" @ %s %d:%d-%d:%d", filepath.Base(string(l.URI)), l.Range.Start.Line, l.Range.Start.Character, l.Range.End.Line, l.Range.End.Character)
	}
	return out
}

func TestEvaluateCommand(t *testing.T) {
	dir := t.TempDir()
	c := checkClient(t, "")
	u := uri.File(filepath.Join(dir, "Ev.tla"))
	writeFiles(t, dir, map[string]string{"Ev.tla": evalModule, "Ev.cfg": "CONSTANTS N = 3\nProcs = {p1, p2}\nINIT Init\nNEXT Next\nINVARIANT Inv\n"})
	c.Open(u, evalModule)
	c.Diagnostics(u, 1)
	rng := func(l1, c1, l2, c2 int) map[string]any {
		return map[string]any{"start": map[string]int{"line": l1, "character": c1}, "end": map[string]int{"line": l2, "character": c2}}
	}
	for _, tc := range []struct {
		name string
		args map[string]any
		want string
	}{
		{"constants from the model", map[string]any{"expression": `[p \in Procs |-> Double(N)]`}, `[Ev.cfg] (p1 :> 6 @@ p2 :> 6)`},
		{"a selection", map[string]any{"range": rng(9, 11, 9, 20)}, `[Ev.cfg] 6`},
		{"a multi-line selection", map[string]any{"range": rng(9, 9, 10, 25)}, "[Ev.cfg] error Ev.tla:11:12: Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),\nbut it produced the following error:\nCannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue @ Ev.tla 10:11-10:11"},
		// the error's place: in the document for a selection, in the expression when typed
		{"an error in a selection", map[string]any{"range": rng(10, 11, 10, 18)}, "[Ev.cfg] error Ev.tla:11:12: Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.impl.IntValue tlc2.module.Integers.Plus(tlc2.value.impl.IntValue,tlc2.value.impl.IntValue),\nbut it produced the following error:\nCannot cast tlc2.value.impl.StringValue to tlc2.value.impl.IntValue @ Ev.tla 10:11-10:11"},
		{"an error in a typed expression", map[string]any{"expression": "<<1,\n  2 + Foo>>"}, "[Ev.cfg] error 2:7: unknown operator `Foo`"},
		{"an error in a definition", map[string]any{"expression": "Bad(3)"}, `[Ev.cfg] error Ev.tla:9:11: The second argument of \div is 0. @ Ev.tla 8:10-8:18`},
		{"no state", map[string]any{"expression": "x + 1"}, `[Ev.cfg] error 1:1: The variable x has no value: the expression is evaluated without a state`},
		{"a step without a trace", map[string]any{"expression": "x", "step": 0}, `request error: no trace for ` + string(u) + `: check the model first`},
	} {
		if got := evaluate(t, c, u, tc.args); got != tc.want {
			t.Errorf("%s: %s\nwant %s", tc.name, got, tc.want)
		}
	}

	// After a check, in the trace's states: the violation of Inv at x = 2.
	save(c, u)
	if res := checkResults(t, c, 1)[0]; res["outcome"] != "invariant" {
		t.Fatalf("outcome %v", res["outcome"])
	}
	for _, tc := range []struct {
		args map[string]any
		want string
	}{
		{map[string]any{"expression": "<<x, y>>", "step": 2}, `[Ev.cfg] <<2, <<0, 1>>>>`},
		{map[string]any{"expression": "x' - x", "step": 1}, `[Ev.cfg] 1`},
		{map[string]any{"range": rng(5, 8, 5, 13), "step": 1}, `[Ev.cfg] TRUE`},
		{map[string]any{"expression": "y'", "step": 2}, `[Ev.cfg] error 1:1: primed variable y' used where no next state exists`},
		{map[string]any{"expression": "x", "step": 3}, `request error: step 3 is outside the trace (0..2)`},
		{map[string]any{"expression": "<<x, Len(y)>>"}, `[Ev.cfg] error 1:3: The variable x has no value: the expression is evaluated without a state`},
	} {
		if got := evaluate(t, c, u, tc.args); got != tc.want {
			t.Errorf("%v: %s\nwant %s", tc.args, got, tc.want)
		}
	}
}

// An error in a definition of another module is at its place in that
// module, in the client's encoding (UTF-16): the emoji before it is two
// code units, one character of the message's column.
func TestEvaluateErrorInAnotherModule(t *testing.T) {
	dir := t.TempDir()
	c := checkClient(t, "")
	const lib = "---- MODULE Lib ----\nEXTENDS Naturals\nBoom(n) == (* \U0001F600 *) n \\div 0\n====\n"
	const spec = "---- MODULE Ev2 ----\nEXTENDS Lib\n====\n"
	u := uri.File(filepath.Join(dir, "Ev2.tla"))
	writeFiles(t, dir, map[string]string{"Lib.tla": lib, "Ev2.tla": spec})
	c.Open(u, spec)
	c.Diagnostics(u, 1)
	want := `[no model] error Lib.tla:3:20: The second argument of \div is 0. @ Lib.tla 2:20-2:28`
	if got := evaluate(t, c, u, map[string]any{"expression": "Boom(3)"}); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// Without a .cfg or a default model, the spec's constants have no value.
func TestEvaluateWithoutModel(t *testing.T) {
	dir := t.TempDir()
	c := checkClient(t, "")
	u := uri.File(filepath.Join(dir, "Ev.tla"))
	writeFiles(t, dir, map[string]string{"Ev.tla": evalModule})
	c.Open(u, evalModule)
	c.Diagnostics(u, 1)
	if got, want := evaluate(t, c, u, map[string]any{"expression": "Double(21)"}), `[no model] 42`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if got, want := evaluate(t, c, u, map[string]any{"expression": "Double(N)"}), "[no model] error 1:8: The constant parameter N is not assigned a value by the configuration file."; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
