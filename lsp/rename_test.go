package lsp_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp/lsptest"
)

// TestRenameWorkspace covers what the marker tests cannot: versioned
// documentChanges for a client that supports them (the open document's
// version, null for a file only on disk), and names declared outside the
// workspace folders (a module found through the search path).
func TestRenameWorkspace(t *testing.T) {
	ws, lib := t.TempDir(), t.TempDir()
	write := func(dir, name, text string) uri.URI {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return uri.File(path)
	}
	baseURI := write(ws, "Base.tla", "---- MODULE Base ----\nHelper == 1\n====\n")
	write(lib, "Far.tla", "---- MODULE Far ----\nFarOp == 2\n====\n")
	spec := "---- MODULE Spec ----\nEXTENDS Base, Far\nUse == Helper + FarOp\n====\n"
	specURI := write(ws, "Spec.tla", spec)

	c := newClient(t)
	yes := true
	params := &protocol.InitializeParams{InitializationOptions: protocol.LSPAny(fmt.Sprintf(`{"searchPath": [%q]}`, lib))}
	params.WorkspaceFolders = protocol.NewNullable([]protocol.WorkspaceFolder{{URI: uri.File(ws), Name: "ws"}})
	params.Capabilities.Workspace = &protocol.WorkspaceClientCapabilities{WorkspaceEdit: &protocol.WorkspaceEditClientCapabilities{DocumentChanges: &yes}}
	c.Initialize(params)
	c.Open(specURI, spec)
	c.Change(specURI, lsptest.Whole(spec)) // version 2

	var we protocol.WorkspaceEdit
	if err := c.Call(protocol.MethodTextDocumentRename, &protocol.RenameParams{TextDocumentPositionParams: at(specURI, 2, 8), NewName: "Aid"}, &we); err != nil {
		t.Fatalf("rename: %v", err)
	}
	var got []string
	for _, dc := range we.DocumentChanges {
		td, ok := dc.(*protocol.TextDocumentEdit)
		if !ok {
			t.Fatalf("document change %T, want TextDocumentEdit", dc)
		}
		version := "null"
		if td.TextDocument.Version != nil {
			version = fmt.Sprint(*td.TextDocument.Version)
		}
		for _, e := range td.Edits {
			te := e.(*protocol.TextEdit)
			r := te.Range
			got = append(got, fmt.Sprintf("%s v%s %d:%d-%d:%d %s", filepath.Base(td.TextDocument.URI.FsPath()), version,
				r.Start.Line, r.Start.Character, r.End.Line, r.End.Character, te.NewText))
		}
	}
	want := []string{"Base.tla vnull 1:0-1:6 Aid", "Spec.tla v2 2:7-2:13 Aid"}
	if fmt.Sprint(got) != fmt.Sprint(want) || we.Changes != nil {
		t.Errorf("rename edits = %q (changes %v), want %q", got, we.Changes, want)
	}
	_ = baseURI

	err := c.Call(protocol.MethodTextDocumentPrepareRename, &protocol.PrepareRenameParams{TextDocumentPositionParams: at(specURI, 2, 17)}, new(any))
	rx := regexp.MustCompile("^`FarOp` is declared in " + regexp.QuoteMeta(filepath.Join(lib, "Far.tla")) + ", outside the workspace, and cannot be renamed$")
	if err == nil || !rx.MatchString(err.Error()) {
		t.Errorf("prepareRename of a name outside the workspace: %v, want %s", err, rx)
	}
}
