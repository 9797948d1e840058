package lsp_test

import (
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp"
	"github.com/tlals/tlals/lsp/lsptest"
)

// TestFoldingLineFoldingOnly checks the whole-line form: no characters,
// and a range whose last line goes on after it (the IF below ends before
// `, 3>>`) stops a line earlier, so that folding never hides code outside
// the range; a range left on one line is dropped (the IF would be 2-3).
// The range limit cuts the list.
func TestFoldingLineFoldingOnly(t *testing.T) {
	const src = `---- MODULE F ----
A == <<1,
       IF TRUE
       THEN 1 ELSE 2, 3>>
B ==
  /\ TRUE
  /\ FALSE
====
`
	tests := []struct {
		limit uint32
		want  []string
	}{
		{0, []string{"0-7 ", "1-3 ", "4-6 ", "5-6 "}},
		{2, []string{"0-7 ", "1-3 "}},
	}
	for _, tt := range tests {
		yes := true
		fc := &protocol.FoldingRangeClientCapabilities{LineFoldingOnly: &yes}
		if tt.limit > 0 {
			fc.RangeLimit = &tt.limit
		}
		c := lsptest.New(t, lsp.NewServer(lsp.Options{}))
		c.Initialize(&protocol.InitializeParams{Capabilities: protocol.ClientCapabilities{
			TextDocument: &protocol.TextDocumentClientCapabilities{FoldingRange: fc},
		}})
		u := uri.File(filepath.Join(t.TempDir(), "F.tla"))
		c.Open(u, src)
		var folds []protocol.FoldingRange
		if err := c.Call(protocol.MethodTextDocumentFoldingRange, &protocol.FoldingRangeParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: u},
		}, &folds); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range folds {
			if f.StartCharacter != nil || f.EndCharacter != nil {
				t.Errorf("fold %d-%d has characters", f.StartLine, f.EndLine)
			}
			got = append(got, fmt.Sprintf("%d-%d %s", f.StartLine, f.EndLine, f.Kind))
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("limit %d: folds %q, want %q", tt.limit, got, tt.want)
		}
	}
}
