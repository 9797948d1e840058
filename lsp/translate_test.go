package lsp_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/analysis/pluscal"
	"github.com/tlals/tlals/lsp/lsptest"
	"github.com/tlals/tlals/parser/source"
)

const pcalHead = `---- MODULE Counter ----
EXTENDS Naturals
(* --algorithm counter
variables x = 0;
begin
  Inc:
    x := x + 1;
end algorithm; *)
`

// Modules whose translation is missing, stale, or current.
var (
	pcalMissing = pcalHead + "Extra == 1\n====\n"
	pcalStale   = pcalHead + "\\* BEGIN TRANSLATION\nVARIABLE x\n\\* END TRANSLATION\nExtra == 1\n====\n"
	pcalCurrent = translated(pcalMissing)
	pcalBad     = `---- MODULE Counter ----
(* --algorithm bad
variables x = 0;
process p \in {1, 2}
begin
  x := 1;
end process;
end algorithm; *)
====
`
)

func translated(src string) string {
	out, _, errs := pluscal.Translate([]byte(src), pluscal.Options{})
	if len(errs) > 0 {
		panic(errs[0])
	}
	return string(out)
}

// rangeText renders an LSP range as "line:char-line:char".
func rangeText(r protocol.Range) string {
	return fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Character, r.End.Line, r.End.Character)
}

// editsOf returns the text edits of a workspace edit for u, in either form,
// with the version of a versioned edit (-1 when none).
func editsOf(t *testing.T, we *protocol.WorkspaceEdit, u uri.URI) ([]protocol.TextEdit, int32) {
	t.Helper()
	if we == nil {
		t.Fatal("no workspace edit")
	}
	if len(we.Changes) > 0 {
		if len(we.Changes) != 1 {
			t.Fatalf("edit of %d documents", len(we.Changes))
		}
		return we.Changes[u], -1
	}
	if len(we.DocumentChanges) != 1 {
		t.Fatalf("edit of %d documents", len(we.DocumentChanges))
	}
	td, ok := we.DocumentChanges[0].(*protocol.TextDocumentEdit)
	if !ok || td.TextDocument.URI != u || td.TextDocument.Version == nil {
		t.Fatalf("document change %#v", we.DocumentChanges[0])
	}
	var out []protocol.TextEdit
	for _, e := range td.Edits {
		te, ok := e.(*protocol.TextEdit)
		if !ok {
			t.Fatalf("edit %#v", e)
		}
		out = append(out, *te)
	}
	return out, *td.TextDocument.Version
}

// apply applies LSP text edits (UTF-16 positions) to text.
func apply(t *testing.T, text string, edits []protocol.TextEdit) string {
	t.Helper()
	f := source.NewFile("", []byte(text))
	type span struct {
		s, e int
		text string
	}
	var spans []span
	for _, e := range edits {
		s, err1 := f.Offset(source.Position{Line: int(e.Range.Start.Line), Character: int(e.Range.Start.Character)}, source.UTF16)
		en, err2 := f.Offset(source.Position{Line: int(e.Range.End.Line), Character: int(e.Range.End.Character)}, source.UTF16)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		spans = append(spans, span{s, en, e.NewText})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].s > spans[j].s })
	for _, sp := range spans {
		text = text[:sp.s] + sp.text + text[sp.e:]
	}
	return text
}

// outsideMarkers is the text before the BEGIN TRANSLATION line and after
// the END TRANSLATION line ("" and the whole text when there are none).
func outsideMarkers(text string) (string, string) {
	b := strings.Index(text, "\\* BEGIN TRANSLATION")
	e := strings.Index(text, "\\* END TRANSLATION")
	if b < 0 || e < 0 {
		return text, ""
	}
	return text[:b], text[e+len("\\* END TRANSLATION\n"):]
}

// uriArgs are a command's arguments [uri].
func uriArgs(u uri.URI) []protocol.LSPAny {
	b, _ := json.Marshal(string(u))
	return []protocol.LSPAny{b}
}

func openPlusCal(t *testing.T, caps protocol.ClientCapabilities, text string) (*lsptest.Client, uri.URI) {
	t.Helper()
	c := newClient(t)
	c.Initialize(&protocol.InitializeParams{Capabilities: caps})
	u := uri.File(filepath.Join(t.TempDir(), "Counter.tla"))
	c.Open(u, text)
	return c, u
}

// PlusCal errors and a stale translation are diagnostics while typing.
func TestPlusCalDiagnostics(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
		severity   protocol.DiagnosticSeverity
	}{
		{"missing translation", pcalMissing, []string{"2:3-2:22 pluscal-stale: the PlusCal translation is missing or out of date"}, protocol.DiagnosticSeverityWarning},
		{"stale translation", pcalStale, []string{"2:3-2:22 pluscal-stale: the PlusCal translation is missing or out of date"}, protocol.DiagnosticSeverityWarning},
		{"current translation", pcalCurrent, []string{}, 0},
		{"translator error", pcalBad, []string{"5:2-5:8 pluscal: Missing label: the first statement of process p must be labeled"}, protocol.DiagnosticSeverityError},
		{"resolver error", strings.Replace(pcalMissing, "x := x + 1", "y := x + 1", 1), []string{"6:4-6:5 pluscal: assignment to unknown variable `y`"}, protocol.DiagnosticSeverityError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, u := openPlusCal(t, protocol.ClientCapabilities{}, tc.text)
			p := c.Diagnostics(u, 1)
			check(t, "diagnostics", summary(t, p), tc.want)
			for _, d := range p.Diagnostics {
				if d.Severity != tc.severity {
					t.Errorf("severity %v, want %v", d.Severity, tc.severity)
				}
			}
		})
	}
}

// tlals.translate asks the client to apply an edit confined to the marker
// lines, returns it, and answers null once the translation is current.
func TestTranslateCommand(t *testing.T) {
	yes := true
	versioned := protocol.ClientCapabilities{Workspace: &protocol.WorkspaceClientCapabilities{WorkspaceEdit: &protocol.WorkspaceEditClientCapabilities{DocumentChanges: &yes}}}
	for _, tc := range []struct {
		name, text string
		caps       protocol.ClientCapabilities
		want       string // the edit's range
		version    int32
	}{
		{"markers inserted", pcalMissing, protocol.ClientCapabilities{}, "8:0-8:0", -1},
		// pcalStale's BEGIN line has no checksums and stays as written
		// (as pcal leaves it), so the edit starts on the next line
		{"stale translation replaced", pcalStale, protocol.ClientCapabilities{}, "9:0-10:0", -1},
		{"versioned edit", pcalStale, versioned, "9:0-10:0", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, u := openPlusCal(t, tc.caps, tc.text)
			var got protocol.WorkspaceEdit
			if err := c.Call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: "tlals.translate", Arguments: uriArgs(u)}, &got); err != nil {
				t.Fatal(err)
			}
			edits, ver := editsOf(t, &got, u)
			if len(edits) != 1 || rangeText(edits[0].Range) != tc.want || ver != tc.version {
				t.Fatalf("edits %+v version %d, want one at %s version %d", edits, ver, tc.want, tc.version)
			}
			applied := c.AppliedEdits(1)
			if len(applied) != 1 || applied[0].Label == nil || *applied[0].Label != "Translate PlusCal" {
				t.Fatalf("applyEdit requests %+v", applied)
			}
			sent, _ := editsOf(t, &applied[0].Edit, u)
			if len(sent) != 1 || sent[0] != edits[0] {
				t.Errorf("applied %+v, returned %+v", sent, edits)
			}
			after := apply(t, tc.text, edits)
			if after != translated(tc.text) {
				t.Errorf("edited text differs from tlals translate:\n%s", after)
			}
			before, tail := outsideMarkers(tc.text)
			gotBefore, gotTail := outsideMarkers(after)
			if tc.text == pcalMissing {
				// Inserted after the algorithm's comment, with a blank line
				// after the END line.
				before, tail = pcalHead, "\n"+strings.TrimPrefix(pcalMissing, pcalHead)
			}
			if gotBefore != before || gotTail != tail {
				t.Errorf("text outside the markers changed:\n%q\n%q", gotBefore, gotTail)
			}

			// The client applies it: the warning goes, and the command
			// has nothing more to do.
			c.Change(u, lsptest.Whole(after))
			check(t, "diagnostics after", summary(t, c.Diagnostics(u, 2)), []string{})
			var again *protocol.WorkspaceEdit
			if err := c.Call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: "tlals.translate", Arguments: uriArgs(u)}, &again); err != nil {
				t.Fatal(err)
			}
			if again != nil {
				t.Errorf("second translate: %+v, want null", again)
			}
		})
	}
}

// A module the translator rejects gets an error at the PlusCal position
// and no edit.
func TestTranslateCommandErrors(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"PlusCal error", pcalBad, "PlusCal error at line 6, column 3: Missing label: the first statement of process p must be labeled"},
		{"no algorithm", "---- MODULE Counter ----\nVARIABLE x\n====\n", "Counter.tla has no PlusCal algorithm"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, u := openPlusCal(t, protocol.ClientCapabilities{}, tc.text)
			err := c.Call(protocol.MethodWorkspaceExecuteCommand, &protocol.ExecuteCommandParams{Command: "tlals.translate", Arguments: uriArgs(u)}, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

// The stale warning has the translation as quick fix; "Translate PlusCal"
// is also a source action; context.only filters them.
func TestTranslateCodeActions(t *testing.T) {
	c, u := openPlusCal(t, protocol.ClientCapabilities{}, pcalStale)
	diags := c.Diagnostics(u, 1).Diagnostics
	if len(diags) != 1 {
		t.Fatalf("diagnostics %+v", diags)
	}
	for _, tc := range []struct {
		name string
		only []protocol.CodeActionKind
		want []string
	}{
		{"all", nil, []string{"quickfix Translate PlusCal [pluscal-stale] preferred", "source.translatePlusCal Translate PlusCal"}},
		{"quickfix", []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}, []string{"quickfix Translate PlusCal [pluscal-stale] preferred"}},
		{"source", []protocol.CodeActionKind{protocol.CodeActionKindSource}, []string{"source.translatePlusCal Translate PlusCal"}},
		{"refactor", []protocol.CodeActionKind{protocol.CodeActionKindRefactor}, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var acts []*protocol.CodeAction
			err := c.Call(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
				TextDocument: protocol.TextDocumentIdentifier{URI: u},
				Range:        diags[0].Range,
				Context:      protocol.CodeActionContext{Diagnostics: diags, Only: tc.only},
			}, &acts)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, a := range acts {
				s := string(*a.Kind) + " " + a.Title
				for _, d := range a.Diagnostics {
					code, _ := d.Code.(protocol.String)
					s += " [" + string(code) + "]"
				}
				if a.IsPreferred != nil && *a.IsPreferred {
					s += " preferred"
				}
				got = append(got, s)
				edits, _ := editsOf(t, a.Edit, u)
				if len(edits) != 1 || rangeText(edits[0].Range) != "9:0-10:0" || apply(t, pcalStale, edits) != translated(pcalStale) {
					t.Errorf("%s: edits %+v", s, edits)
				}
			}
			check(t, "actions", got, tc.want)
		})
	}
	if len(c.AppliedEdits(0)) != 0 {
		t.Error("code actions applied an edit themselves")
	}
}

// translateOnSave (off by default) applies the translation on didSave.
func TestTranslateOnSave(t *testing.T) {
	c, u := openPlusCal(t, protocol.ClientCapabilities{}, pcalStale)
	save := func() {
		c.Notify(protocol.MethodTextDocumentDidSave, &protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
		// Notifications are served in order before this request.
		if err := c.Call("tlals/noSuchMethod", nil, nil); err == nil {
			t.Fatal("sync request succeeded")
		}
	}
	save()
	c.Notify(protocol.MethodWorkspaceDidChangeConfiguration, &protocol.DidChangeConfigurationParams{Settings: []byte(`{"tlals": {"translateOnSave": true}}`)})
	save()
	applied := c.AppliedEdits(1)
	if len(applied) != 1 {
		t.Fatalf("%d edits applied, want 1 (none for the save with the setting off)", len(applied))
	}
	edits, _ := editsOf(t, &applied[0].Edit, u)
	if len(edits) != 1 || rangeText(edits[0].Range) != "9:0-10:0" || apply(t, pcalStale, edits) != translated(pcalStale) {
		t.Errorf("edits %+v", edits)
	}
}
