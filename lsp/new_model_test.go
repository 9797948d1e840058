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

// An untitled document gets no lens for a model, and the command refuses
// it: the .cfg would be written in the server's working directory.
func TestNewModelUntitled(t *testing.T) {
	// a constant: no default model, so a file's spec would get the lens
	spec := "---- MODULE Counter ----\nCONSTANT Limit\nVARIABLE x\nInit == x = 0\nNext == x < Limit /\\ x' = x + 1\n====\n"
	// nor is a model in the working directory the document's
	t.Chdir(t.TempDir())
	cfg := "CONSTANT Limit = 2\nINIT Init\nNEXT Next\n"
	for f, text := range map[string]string{"untitled:Untitled-7.cfg": cfg, "MCCounter.cfg": cfg, "MCCounter.tla": "---- MODULE MCCounter ----\nEXTENDS Counter\n====\n"} {
		if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := checkClient(t, "")
	u := uri.URI("untitled:Untitled-7")
	c.Open(u, spec)
	c.Diagnostics(u, 1)
	var ls []protocol.CodeLens
	if err := c.Call(protocol.MethodTextDocumentCodeLens, map[string]any{"textDocument": map[string]any{"uri": u}}, &ls); err != nil {
		t.Fatal(err)
	}
	if len(ls) != 0 {
		t.Errorf("lenses of an untitled document: %+v", ls)
	}
	args := []protocol.LSPAny{[]byte(fmt.Sprintf("%q", u))}
	var res any
	err := c.Call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: "tlals.newModel", Arguments: args}, &res)
	if err == nil || err.Error() != "untitled:Untitled-7 is not saved: save it to create a model beside it" {
		t.Errorf("tlals.newModel on an untitled document: %v", err)
	}

}
