package lsp_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp"
	"github.com/tlals/tlals/lsp/lsptest"
)

const completionSpec = `---- MODULE Spec ----
EXTENDS Naturals, Sequences
VARIABLE x
Next == x' = x + 1
====
`

// completionClient opens completionSpec in a server whose client does or
// does not support snippets and markdown documentation.
func completionClient(t *testing.T, rich bool) (*lsptest.Client, uri.URI) {
	t.Helper()
	c := lsptest.New(t, lsp.NewServer(lsp.Options{}))
	params := &protocol.InitializeParams{}
	if rich {
		yes := true
		params.Capabilities.TextDocument = &protocol.TextDocumentClientCapabilities{
			Completion: &protocol.CompletionClientCapabilities{CompletionItem: &protocol.ClientCompletionItemOptions{
				SnippetSupport:      &yes,
				DocumentationFormat: []protocol.MarkupKind{protocol.MarkupKindMarkdown},
			}},
			SignatureHelp: &protocol.SignatureHelpClientCapabilities{SignatureInformation: &protocol.ClientSignatureInformationOptions{
				DocumentationFormat: []protocol.MarkupKind{protocol.MarkupKindMarkdown},
			}},
		}
	}
	c.Initialize(params)
	u := uri.File(filepath.Join(t.TempDir(), "Spec.tla"))
	c.Open(u, completionSpec)
	return c, u
}

func complete(t *testing.T, c *lsptest.Client, u uri.URI, line, char uint32) []protocol.CompletionItem {
	t.Helper()
	var list protocol.CompletionList
	err := c.Call(protocol.MethodTextDocumentCompletion, &protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: protocol.Position{Line: line, Character: char}}}, &list)
	if err != nil {
		t.Fatalf("completion: %v", err)
	}
	return list.Items
}

// TestCompletionSnippets checks that snippets are sent only to clients
// that support them, and markdown documentation only to those that render
// it. The cursor is after `x' = x` on line 3 (prefix "x") or after
// `x' = ` (no prefix).
func TestCompletionSnippets(t *testing.T) {
	tests := []struct {
		name     string
		rich     bool
		char     uint32
		label    string
		kind     protocol.CompletionItemKind
		format   protocol.InsertTextFormat
		newText  string
		docKind  protocol.MarkupKind
		docStart string
	}{
		{"IF snippet", true, 13, "IF", protocol.CompletionItemKindSnippet, protocol.InsertTextFormatSnippet, "IF ${1:c} THEN ${2:a} ELSE ${0:b}", "", ""},
		{"IF plain", false, 13, "IF", protocol.CompletionItemKindKeyword, 0, "IF", "", ""},
		{"CHOOSE snippet", true, 13, "CHOOSE", protocol.CompletionItemKindSnippet, protocol.InsertTextFormatSnippet, `CHOOSE ${1:x} \in ${2:S} : ${0:P}`, "", ""},
		{"LET plain", false, 13, "LET", protocol.CompletionItemKindKeyword, 0, "LET", "", ""},
		{"Len markdown", true, 13, "Len", protocol.CompletionItemKindFunction, 0, "Len", protocol.MarkupKindMarkdown, "```text\n" + `Len(s) is the length of the sequence s: the n with DOMAIN s = 1..n.`},
		{"Len plain", false, 13, "Len", protocol.CompletionItemKindFunction, 0, "Len", protocol.MarkupKindPlainText, "Len(s) is the length of the sequence s: the n with DOMAIN s = 1..n."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, u := completionClient(t, tt.rich)
			items := complete(t, c, u, 3, tt.char)
			for _, it := range items {
				if it.Label != tt.label {
					continue
				}
				te, _ := it.TextEdit.(*protocol.TextEdit)
				wantRange := protocol.Range{Start: protocol.Position{Line: 3, Character: tt.char}, End: protocol.Position{Line: 3, Character: tt.char}}
				if it.Kind != tt.kind || it.InsertTextFormat != tt.format || te == nil || te.NewText != tt.newText || te.Range != wantRange {
					t.Errorf("%s: kind %v, format %v, edit %+v; want %v, %v, %q at %v", tt.label, it.Kind, it.InsertTextFormat, te, tt.kind, tt.format, tt.newText, wantRange)
				}
				if d, _ := it.Detail.Get(); tt.format == protocol.InsertTextFormatSnippet && d != wantSnippetDetail[tt.label] {
					t.Errorf("%s: detail %q, want %q", tt.label, d, wantSnippetDetail[tt.label])
				}
				mc, _ := it.Documentation.(*protocol.MarkupContent)
				switch {
				case tt.docKind == "" && mc != nil:
					t.Errorf("%s: documentation %+v, want none", tt.label, mc)
				case tt.docKind != "" && (mc == nil || mc.Kind != tt.docKind || !strings.HasPrefix(mc.Value, tt.docStart)):
					t.Errorf("%s: documentation %+v, want %s starting %q", tt.label, mc, tt.docKind, tt.docStart)
				}
				return
			}
			t.Errorf("no item %q", tt.label)
		})
	}
}

// wantSnippetDetail is how snippet items show their text: placeholders
// filled in.
var wantSnippetDetail = map[string]string{"IF": "IF c THEN a ELSE b", "CHOOSE": `CHOOSE x \in S : P`}

// TestCompletionBackslashSnippet checks `\E` inserted as a snippet whose
// edit covers the backslash.
func TestCompletionBackslashSnippet(t *testing.T) {
	for _, rich := range []bool{true, false} {
		c, u := completionClient(t, rich)
		c.Change(u, lsptest.Edit(3, 13, 3, 18, `\E`)) // Next == x' = \E
		items := complete(t, c, u, 3, 15)
		var got []string
		for _, it := range items {
			te, _ := it.TextEdit.(*protocol.TextEdit)
			if te == nil || te.Range.Start.Character != 13 || te.Range.End.Character != 15 {
				t.Errorf("rich=%v: %s edits %+v, want 3:13-3:15", rich, it.Label, it.TextEdit)
				continue
			}
			got = append(got, it.Label+"="+te.NewText)
		}
		want := `\E=\E,\EE=\EE,\equiv=\equiv,\exists=\exists`
		if rich {
			want = `\E=\E ${1:x} \in ${2:S} : ${0:P},\EE=\EE,\equiv=\equiv,\exists=\exists`
		}
		if strings.Join(got, ",") != want {
			t.Errorf("rich=%v: items %q, want %q", rich, strings.Join(got, ","), want)
		}
	}
}

// TestCompletionRobust asks for completion and signature help at every
// position of half-typed texts: each answer is a result, never an error.
func TestCompletionRobust(t *testing.T) {
	c, u := completionClient(t, true)
	texts := []string{
		"---- MODULE Spec ----\nEXTENDS Naturals, Se\nNext == \\E i \\in S : Op(i, {1, <<2, \"a,\"\n",
		"---- MODULE Spec ----\nI == INSTANCE \nUse == I!!.x'.[!\\\n(* --algorithm a { goto ; call ( } *)",
		"",
		"\\",
		"!.(,",
	}
	for _, text := range texts {
		c.Change(u, lsptest.Whole(text))
		lines := strings.Split(text, "\n")
		for l, line := range lines {
			for ch := 0; ch <= len(line)+1; ch++ {
				pos := protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: protocol.Position{Line: uint32(l), Character: uint32(ch)}}
				var list protocol.CompletionList
				if err := c.Call(protocol.MethodTextDocumentCompletion, &protocol.CompletionParams{TextDocumentPositionParams: pos}, &list); err != nil {
					t.Fatalf("completion at %d:%d of %q: %v", l, ch, text, err)
				}
				var help *protocol.SignatureHelp
				if err := c.Call(protocol.MethodTextDocumentSignatureHelp, &protocol.SignatureHelpParams{TextDocumentPositionParams: pos}, &help); err != nil {
					t.Fatalf("signatureHelp at %d:%d of %q: %v", l, ch, text, err)
				}
			}
		}
	}
}

// openBig opens bigModule with its last line replaced by last, and returns
// the client, the document and the last line's number.
func openBig(b *testing.B, last string) (*lsptest.Client, uri.URI, uint32) {
	src := strings.Replace(bigModule(), "Last == y\n", last+"\n", 1)
	c := lsptest.New(b, lsp.NewServer(lsp.Options{}))
	c.Initialize(nil)
	u := uri.File(filepath.Join(b.TempDir(), "Big.tla"))
	c.Open(u, src)
	c.Diagnostics(u, 1) // the analysis is done: requests find it warm
	return c, u, uint32(strings.Count(src, "\n") - 2)
}

// benchCompletion completes with an empty prefix at the end of the
// ~3,000-line module, where every definition is visible (the answer holds
// maxNameItems of them). (The text parses:
// the parser's error path on a big module is benchmarked elsewhere.) The
// loop times the server's answer up to its bytes on the client's side; the
// client's own decoding is checked once, before.
func benchCompletion(b *testing.B) {
	c, u, line := openBig(b, "Last == x' = x")
	params := &protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: protocol.Position{Line: line, Character: 13}}}
	var list protocol.CompletionList
	if err := c.Call(protocol.MethodTextDocumentCompletion, params, &list); err != nil {
		b.Fatal(err)
	}
	if !list.IsIncomplete || len(list.Items) < 200 || list.Items[0].Label != "Op0" {
		b.Fatalf("%d items (incomplete %v) starting %+v, want the first 200 definitions", len(list.Items), list.IsIncomplete, list.Items[0])
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var raw jsonrpc2.RawMessage
		if err := c.Call(protocol.MethodTextDocumentCompletion, params, &raw); err != nil {
			b.Fatal(err)
		}
	}
}

// benchSignatureHelp asks for the signature of a call at the end of the
// ~3,000-line module.
func benchSignatureHelp(b *testing.B) {
	c, u, line := openBig(b, "Last == Op7(x, Op9({1, 2}, x))")
	params := &protocol.SignatureHelpParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: protocol.Position{Line: line, Character: 27}}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var help *protocol.SignatureHelp
		if err := c.Call(protocol.MethodTextDocumentSignatureHelp, params, &help); err != nil {
			b.Fatal(err)
		}
		if help == nil || help.Signatures[0].Label != "Op9(a, b)" {
			b.Fatalf("signature help %+v, want Op9(a, b)", help)
		}
	}
}

// TestCompletionBrokenPlusCal completes in an algorithm that does not
// parse (its diagnostic spans lines, which markers cannot claim): labels
// after goto, variables in expressions, read from the text.
func TestCompletionBrokenPlusCal(t *testing.T) {
	const src = `---- MODULE Algo ----
(* --algorithm A
variables total = 0;
begin
  L1: total := 1;
  L2: if total > 0 then goto L
  L3: total := to
end algorithm; *)
====
`
	c := lsptest.New(t, lsp.NewServer(lsp.Options{}))
	c.Initialize(nil)
	u := uri.File(filepath.Join(t.TempDir(), "Algo.tla"))
	c.Open(u, src)
	tests := []struct {
		line, char uint32
		want       string // labels, then the edit range's start character
	}{
		{5, 30, "L1 L2 @29"},
		{6, 17, "total @15"},
	}
	for _, tt := range tests {
		items := complete(t, c, u, tt.line, tt.char)
		var got []string
		start := -1
		for _, it := range items {
			got = append(got, it.Label)
			te, _ := it.TextEdit.(*protocol.TextEdit)
			if te == nil || te.Range.Start.Line != tt.line || te.Range.End != (protocol.Position{Line: tt.line, Character: tt.char}) {
				t.Errorf("%s: edit %+v", it.Label, it.TextEdit)
			} else {
				start = int(te.Range.Start.Character)
			}
		}
		if g := fmt.Sprintf("%s @%d", strings.Join(got, " "), start); g != tt.want {
			t.Errorf("at %d:%d: %q, want %q", tt.line, tt.char, g, tt.want)
		}
	}
}

// TestCompletionCap: in a module of 300 definitions an empty prefix gets
// the first 200 names and isIncomplete; a longer prefix gets them all.
func TestCompletionCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("---- MODULE Many ----\n")
	for i := 0; i < 300; i++ {
		fmt.Fprintf(&b, "Op%03d == %d\n", i, i)
	}
	b.WriteString("Last == 0\n====\n")
	c := lsptest.New(t, lsp.NewServer(lsp.Options{}))
	c.Initialize(nil)
	u := uri.File(filepath.Join(t.TempDir(), "Many.tla"))
	c.Open(u, b.String())
	tests := []struct {
		char           uint32 // on the line "Last == 0"
		text           string
		wantIncomplete bool
		wantNames      int // items that are not keywords or built-in values
		wantLast       string
	}{
		{8, "", true, 200, "Op199"},
		{8, "Op1", false, 100, "Op199"},
		{8, "Op29", false, 10, "Op299"},
	}
	for _, tt := range tests {
		c.Change(u, lsptest.Edit(301, 8, 301, 1000, tt.text))
		var list protocol.CompletionList
		pos := protocol.Position{Line: 301, Character: tt.char + uint32(len(tt.text))}
		if err := c.Call(protocol.MethodTextDocumentCompletion, &protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: pos}}, &list); err != nil {
			t.Fatal(err)
		}
		names, last := 0, ""
		for _, it := range list.Items {
			if strings.HasPrefix(it.Label, "Op") {
				names++
				last = it.Label
			}
		}
		if list.IsIncomplete != tt.wantIncomplete || names != tt.wantNames || last != tt.wantLast {
			t.Errorf("prefix %q: incomplete %v, %d names up to %s; want %v, %d up to %s", tt.text, list.IsIncomplete, names, last, tt.wantIncomplete, tt.wantNames, tt.wantLast)
		}
	}
}
