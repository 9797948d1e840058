package lsp_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// A spec without a model says so in one lens; its command writes a model
// beside the spec, never over one, and the spec is then checkable.
func TestNewModel(t *testing.T) {
	dir := t.TempDir()
	spec := "---- MODULE Counter ----\nEXTENDS Naturals\nCONSTANT Limit\nVARIABLE x\nInit == x = 0\nNext == x < Limit /\\ x' = x + 1\nTypeOK == x \\in Nat\n====\n"
	if err := os.WriteFile(filepath.Join(dir, "Counter.tla"), []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	c := checkClient(t, "")
	u := uri.File(filepath.Join(dir, "Counter.tla"))
	c.Open(u, spec)
	c.Diagnostics(u, 1)
	lenses := func() []string {
		var ls []protocol.CodeLens
		if err := c.Call(protocol.MethodTextDocumentCodeLens, map[string]any{"textDocument": map[string]any{"uri": u}}, &ls); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, l := range ls {
			got = append(got, fmt.Sprintf("%d %s %s %s", l.Range.Start.Line, l.Command.Title, l.Command.Command, bytesJoin(l.Command.Arguments)))
		}
		return got
	}
	check(t, "lenses without a model", lenses(), []string{fmt.Sprintf("0 No model: create Counter.cfg tlals.newModel %q", u)})

	args := []protocol.LSPAny{[]byte(fmt.Sprintf("%q", u))}
	var res map[string]string
	if err := c.Call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: "tlals.newModel", Arguments: args}, &res); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "Counter.cfg")
	got, err := os.ReadFile(cfg)
	if err != nil || res["path"] != cfg {
		t.Fatalf("model %v at %q: %v", res, cfg, err)
	}
	want := "\\* A model of Counter, written by tlals: give every constant a value.\nINIT Init\nNEXT Next\nCONSTANTS\n    \\* Limit = \nINVARIANT TypeOK\n"
	if string(got) != want {
		t.Errorf("model:\n%s\nwant:\n%s", got, want)
	}
	if l := lenses(); len(l) == 0 || l[0] != fmt.Sprintf("4 ▶ Check tlals.check %q", u) {
		t.Errorf("lenses with the model: %q", l)
	}
	// A second time: the model exists and is kept.
	if err := c.Call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: "tlals.newModel", Arguments: args}, &res); err == nil {
		t.Errorf("a second model over the first: no error")
	}
	if again, _ := os.ReadFile(cfg); string(again) != want {
		t.Errorf("the model changed:\n%s", again)
	}
}
