package lsp_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp"
	"github.com/tlals/tlals/lsp/lsptest"
)

// TestWorkspaceSymbol searches the open document, the module it extends
// (read from disk by its analysis), and a file of the workspace folder
// that nothing opened; node_modules is skipped. Results are ranked exact >
// prefix > substring > subsequence, then by name and path.
func TestWorkspaceSymbol(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"Open.tla":                "---- MODULE Open ----\nEXTENDS Lib\nInit == 1\nReInit == 2\n====\n",
		"Lib.tla":                 "---- MODULE Lib ----\nInitLib == 1\nIdentityNotTrivial == 2\nUnrelated == 3\n====\n",
		"sub/Other.tla":           "---- MODULE Other ----\nVARIABLE init\n====\n",
		"node_modules/Hidden.tla": "---- MODULE Hidden ----\nInit == 4\n====\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := lsptest.New(t, lsp.NewServer(lsp.Options{}))
	c.Initialize(&protocol.InitializeParams{WorkspaceFoldersInitializeParams: protocol.WorkspaceFoldersInitializeParams{
		WorkspaceFolders: protocol.NewNullable([]protocol.WorkspaceFolder{{URI: uri.File(dir), Name: "ws"}}),
	}})
	c.Open(uri.File(filepath.Join(dir, "Open.tla")), files["Open.tla"])

	tests := []struct {
		query string
		want  []string
	}{
		{"INIT", []string{
			"Init Open Open.tla:3:1-3:5",
			"init Other sub/Other.tla:2:10-2:14",
			"InitLib Lib Lib.tla:2:1-2:8",
			"ReInit Open Open.tla:4:1-4:7",
			"IdentityNotTrivial Lib Lib.tla:3:1-3:19",
		}},
		{"lib", []string{"Lib - Lib.tla:1:13-1:16", "InitLib Lib Lib.tla:2:1-2:8"}},
		{"zzz", nil},
	}
	for _, tt := range tests {
		var syms []protocol.WorkspaceSymbol
		if err := c.Call(protocol.MethodWorkspaceSymbol, &protocol.WorkspaceSymbolParams{Query: tt.query}, &syms); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range syms {
			loc, ok := s.Location.(*protocol.Location)
			if !ok {
				t.Fatalf("%s: location %T", s.Name, s.Location)
			}
			rel, _ := filepath.Rel(dir, loc.URI.FsPath())
			container := "-"
			if s.ContainerName != nil {
				container = *s.ContainerName
			}
			r := loc.Range
			got = append(got, fmt.Sprintf("%s %s %s:%d:%d-%d:%d", s.Name, container, filepath.ToSlash(rel),
				r.Start.Line+1, r.Start.Character+1, r.End.Line+1, r.End.Character+1))
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("query %q:\n got %q\nwant %q", tt.query, got, tt.want)
		}
	}
}
