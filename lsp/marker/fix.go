package marker

import (
	"os"
	"path/filepath"
	"regexp"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/lsp/lsptest"
)

// @fix("text", re"title", "file.golden"): the quick fix titled title, asked
// for the diagnostics whose range is exactly text on the marker's line,
// edits the file into exactly file.golden; with that text the server no
// longer reports those diagnostics (same code and message). The file's
// text is restored afterwards for the markers that follow.

func init() {
	Register("fix", fixMarker)
}

func fixMarker(r *Run, m *Marker) {
	text, ok1 := arg[string](m, 0)
	title, ok2 := arg[*regexp.Regexp](m, 1)
	golden, ok3 := arg[string](m, 2)
	if !ok1 || !ok2 || !ok3 || len(m.Args) != 3 {
		r.T.Errorf(`%v: want @fix("text", re"title", "file.golden")`, m)
		return
	}
	rng, ok := r.Range(m, text)
	if !ok {
		r.T.Errorf("%v: %q does not occur on the line", m, text)
		return
	}
	var diags []protocol.Diagnostic
	for _, d := range r.all[m.File] {
		if d.Range == rng {
			diags = append(diags, d)
		}
	}
	if len(diags) == 0 {
		r.T.Errorf("%v: no diagnostic at %q", m, text)
		return
	}
	u := r.URI(m.File)
	var actions []protocol.CodeAction
	if err := r.Client.Call(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u},
		Range:        rng,
		Context:      protocol.CodeActionContext{Diagnostics: diags, Only: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}},
	}, &actions); err != nil {
		r.T.Errorf("%v: %v", m, err)
		return
	}
	var fix *protocol.CodeAction
	var titles []string
	for i, a := range actions {
		titles = append(titles, a.Title)
		if title.MatchString(a.Title) && fix == nil {
			fix = &actions[i]
		}
	}
	if fix == nil || fix.Edit == nil {
		r.T.Errorf("%v: no quick fix matching %q with an edit; offered: %q", m, title, titles)
		return
	}
	_, got, err := r.apply(u, fix.Edit.Changes[u])
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
		r.T.Errorf("%v: the fixed text differs from %s\n--- got:\n%s\n--- want:\n%s", m, golden, got, want)
	}
	v := r.Client.Change(u, lsptest.Whole(got))
	for _, after := range r.Client.Diagnostics(u, v).Diagnostics {
		for _, d := range fix.Diagnostics {
			if after.Code == d.Code && after.Message == d.Message {
				r.T.Errorf("%v: after the fix, still %s", m, fmtDiag(after))
			}
		}
	}
	v = r.Client.Change(u, lsptest.Whole(string(r.Files[m.File].Text)))
	r.Client.Diagnostics(u, v)
}
