package lsp_test

import (
	"os"
	"path/filepath"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp"
	"github.com/tlals/tlals/lsp/lsptest"
)

// An item keeps working after the document the hierarchy started from is
// closed: its calls are then those the item's own module's program shows
// (Lib alone does not see Spec's call of Double, but sees its own).
func TestCallHierarchyAfterClose(t *testing.T) {
	dir := t.TempDir()
	lib := "---- MODULE Lib ----\nEXTENDS Naturals\nDouble(n) == n + n\nQuad(n) == Double(Double(n))\n====\n"
	spec := "---- MODULE Spec ----\nEXTENDS Lib\nX == Double(1)\n====\n"
	for name, text := range map[string]string{"Lib.tla": lib, "Spec.tla": spec} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := lsptest.New(t, lsp.NewServer(lsp.Options{}))
	c.Initialize(nil)
	specURI, libURI := uri.File(filepath.Join(dir, "Spec.tla")), uri.File(filepath.Join(dir, "Lib.tla"))
	c.Open(specURI, spec)
	c.Open(libURI, lib)
	var items []protocol.CallHierarchyItem
	if err := c.Call(protocol.MethodTextDocumentPrepareCallHierarchy, &protocol.CallHierarchyPrepareParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: specURI}, Position: protocol.Position{Line: 2, Character: 6},
	}}, &items); err != nil || len(items) != 1 || items[0].Name != "Double" || items[0].URI != libURI {
		t.Fatalf("prepare: %v %+v", err, items)
	}
	callers := func() []string {
		var calls []protocol.CallHierarchyIncomingCall
		if err := c.Call(protocol.MethodCallHierarchyIncomingCalls, &protocol.CallHierarchyIncomingCallsParams{Item: items[0]}, &calls); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, call := range calls {
			out = append(out, call.From.Name)
		}
		return out
	}
	check(t, "callers from Spec's program", callers(), []string{"Quad", "X"})
	c.Close(specURI)
	check(t, "callers from Lib's program", callers(), []string{"Quad"})
}
