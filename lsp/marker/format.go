package marker

import (
	"os"
	"path/filepath"

	"go.lsp.dev/protocol"
)

// Formatting markers: @format("file.golden") formats the whole file,
// @formatRange("text", "file.golden") the range of text on the marker's
// line; the edits, applied, must give exactly the golden file.

func init() {
	Register("format", func(r *Run, m *Marker) {
		golden, ok := arg[string](m, 0)
		if !ok || len(m.Args) != 1 {
			r.T.Errorf(`%v: want @format("file.golden")`, m)
			return
		}
		var edits []protocol.TextEdit
		err := r.Client.Call(protocol.MethodTextDocumentFormatting, &protocol.DocumentFormattingParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: r.URI(m.File)},
		}, &edits)
		checkFormat(r, m, golden, edits, err)
	})
	Register("formatRange", func(r *Run, m *Marker) {
		golden, ok := arg[string](m, 1)
		text, ok2 := arg[string](m, 0)
		if !ok || !ok2 || len(m.Args) != 2 {
			r.T.Errorf(`%v: want @formatRange("text", "file.golden")`, m)
			return
		}
		rng, ok := r.Range(m, text)
		if !ok {
			return
		}
		var edits []protocol.TextEdit
		err := r.Client.Call(protocol.MethodTextDocumentRangeFormatting, &protocol.DocumentRangeFormattingParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: r.URI(m.File)},
			Range:        rng,
		}, &edits)
		checkFormat(r, m, golden, edits, err)
	})
}

// checkFormat applies the edits of a formatting request to the marker's
// file and compares the text, byte for byte, with the golden file.
func checkFormat(r *Run, m *Marker, golden string, edits []protocol.TextEdit, err error) {
	if err != nil {
		r.T.Errorf("%v: %v", m, err)
		return
	}
	_, got, err := r.apply(r.URI(m.File), edits)
	if err != nil {
		r.T.Errorf("%v: %v", m, err)
		return
	}
	want, err := os.ReadFile(filepath.Join(r.Dir, golden))
	if err != nil {
		r.T.Errorf("%v: %v", m, err)
		return
	}
	if got != string(want) {
		r.T.Errorf("%v: formatted text differs from %s\n--- got:\n%s\n--- want:\n%s", m, golden, got, want)
	}
}
