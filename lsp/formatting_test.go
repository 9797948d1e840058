package lsp_test

import (
	"path/filepath"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp/lsptest"
)

// willSaveWaitUntil returns the formatting edits only with formatOnSave,
// and only for a save the user asked for; a document with a syntax error
// gets none.
func TestFormatOnSave(t *testing.T) {
	const text = "---- MODULE M ----\nVARIABLE x\nInit==/\\x=0\n      /\\ TRUE\n====\n"
	const want = "---- MODULE M ----\nVARIABLE x\nInit == /\\ x = 0\n        /\\ TRUE\n====\n"
	c := newClient(t)
	c.Initialize(&protocol.InitializeParams{})
	u := uri.File(filepath.Join(t.TempDir(), "M.tla"))
	c.Open(u, text)
	willSave := func(reason protocol.TextDocumentSaveReason) []protocol.TextEdit {
		t.Helper()
		var edits []protocol.TextEdit
		if err := c.Call(protocol.MethodTextDocumentWillSaveWaitUntil, &protocol.WillSaveTextDocumentParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: u}, Reason: reason,
		}, &edits); err != nil {
			t.Fatal(err)
		}
		return edits
	}
	if e := willSave(protocol.TextDocumentSaveReasonManual); len(e) != 0 {
		t.Errorf("setting off: %d edits", len(e))
	}
	c.Notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{Settings: []byte(`{"tlals": {"formatOnSave": true}}`)})
	if e := willSave(protocol.TextDocumentSaveReasonAfterDelay); len(e) != 0 {
		t.Errorf("auto-save: %d edits", len(e))
	}
	edits := willSave(protocol.TextDocumentSaveReasonManual)
	if got := apply(t, text, edits); got != want {
		t.Errorf("formatted on save:\n%s\nwant:\n%s", got, want)
	}
	if len(edits) != 1 || rangeText(edits[0].Range) != "2:0-4:0" {
		t.Errorf("edits %+v, want one replacing lines 3-4", edits)
	}
	c.Change(u, lsptest.Whole("---- MODULE M ----\nInit == (\n====\n"))
	if e := willSave(protocol.TextDocumentSaveReasonManual); len(e) != 0 {
		t.Errorf("syntax error: %d edits", len(e))
	}
}
