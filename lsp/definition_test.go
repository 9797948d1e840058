package lsp_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp/lsptest"
)

// navSpec has a name after an astral-plane character (𝔸 is two UTF-16
// units) and a line ending with a name, for positions past its end.
const navSpec = `---- MODULE Nav ----
EXTENDS Naturals
VARIABLE x
\* Inc(n) is n plus one: <<n>>[1] + 1, not n_1 * 2.
Inc(n) == n + 1
Step == x' = Inc(x)
(* 𝔸 *) Also == Inc(1)
Next == Step
====
`

func pos(line, char uint32) protocol.TextDocumentPositionParams {
	return protocol.TextDocumentPositionParams{Position: protocol.Position{Line: line, Character: char}}
}

func at(u uri.URI, line, char uint32) protocol.TextDocumentPositionParams {
	p := pos(line, char)
	p.TextDocument.URI = u
	return p
}

func fmtLocations(ls []protocol.Location) []string {
	out := []string{}
	for _, l := range ls {
		r := l.Range
		out = append(out, fmt.Sprintf("%s %d:%d-%d:%d", filepath.Base(l.URI.FsPath()), r.Start.Line, r.Start.Character, r.End.Line, r.End.Character))
	}
	return out
}

func definitionAt(t *testing.T, c *lsptest.Client, p protocol.TextDocumentPositionParams) ([]string, error) {
	t.Helper()
	var got []protocol.Location
	err := c.Call(protocol.MethodTextDocumentDefinition, &protocol.DefinitionParams{TextDocumentPositionParams: p}, &got)
	return fmtLocations(got), err
}

func hoverAt(t *testing.T, c *lsptest.Client, p protocol.TextDocumentPositionParams) (string, string, error) {
	t.Helper()
	var h *protocol.Hover
	if err := c.Call(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: p}, &h); err != nil {
		return "", "", err
	}
	if h == nil {
		return "<null>", "", nil
	}
	mc, ok := h.Contents.(*protocol.MarkupContent)
	if !ok || h.Range == nil {
		t.Fatalf("hover %+v: want MarkupContent and a range", h)
	}
	r := h.Range
	return string(mc.Kind) + ":" + mc.Value, fmt.Sprintf("%d:%d-%d:%d", r.Start.Line, r.Start.Character, r.End.Line, r.End.Character), nil
}

// TestNavigationSession drives a session over net.Pipe: open, hover (in
// markdown, the doc comment escaped) and definition, an edit that moves everything down a
// line, positions past the end of a line and of the file, an unknown URI,
// and close.
func TestNavigationSession(t *testing.T) {
	c := newClient(t)
	params := &protocol.InitializeParams{}
	params.Capabilities.TextDocument = &protocol.TextDocumentClientCapabilities{
		Hover: &protocol.HoverClientCapabilities{ContentFormat: []protocol.MarkupKind{protocol.MarkupKindMarkdown, protocol.MarkupKindPlainText}},
	}
	res := c.Initialize(params)
	if res.Capabilities.HoverProvider == nil || res.Capabilities.DefinitionProvider == nil {
		t.Fatalf("hover/definition not advertised: %+v", res.Capabilities)
	}
	u := uri.File(filepath.Join(t.TempDir(), "Nav.tla"))
	c.Open(u, navSpec)

	wantHover := "markdown:```tla\nInc(n) == n + 1\n```\n\n```text\nInc(n) is n plus one: <<n>>[1] + 1, not n_1 * 2.\n```\n\n*operator of module `Nav`*"
	steps := []struct {
		name      string
		hover     bool
		p         protocol.TextDocumentPositionParams
		want      string // hover text, or the definitions joined
		wantRange string // hover range
	}{
		{"hover on a use", true, at(u, 5, 14), wantHover, "5:13-5:16"},
		{"hover after an astral character", true, at(u, 6, 18), wantHover, "6:17-6:20"},
		{"definition after an astral character", false, at(u, 6, 17), "[Nav.tla 4:0-4:3]", ""},
		{"definition past the end of a line", false, at(u, 7, 500), "[Nav.tla 5:0-5:4]", ""},
		{"definition past the end of the file", false, at(u, 900, 3), "[]", ""},
		{"hover on a keyword", true, at(u, 2, 2), "markdown:```tla\nVARIABLE x, y\n```\n\nDeclares the state variables: each state of a behaviour assigns each a value.\n\n*TLA+ keyword*", "2:0-2:8"},
		{"hover on a standard operator", true, at(u, 4, 13), "markdown:```tla\na + b == CHOOSE sum : TRUE\n```\n\n```text\na + b is the sum of the numbers a and b.\n\nExample: 2 + 3 = 5.\nTLC: both arguments must be integers; a sum outside the 32-bit range is\nan overflow error.\nPrimitive: the body is a placeholder, the meaning is built in.\n```\n\n*operator of standard module `Naturals`*", "4:12-4:13"},
	}
	run := func() {
		t.Helper()
		for _, st := range steps {
			if st.hover {
				got, rng, err := hoverAt(t, c, st.p)
				if err != nil || got != st.want || rng != st.wantRange {
					t.Errorf("%s: hover = %q %s, %v\nwant %q %s", st.name, got, rng, err, st.want, st.wantRange)
				}
				continue
			}
			got, err := definitionAt(t, c, st.p)
			if err != nil || fmt.Sprint(got) != st.want {
				t.Errorf("%s: definition = %v, %v; want %s", st.name, got, err, st.want)
			}
		}
	}
	run()

	// One line inserted at the top moves every answer down a line.
	c.Change(u, lsptest.Edit(1, 0, 1, 0, "\\* moved\n"))
	for i := range steps {
		if steps[i].p.Position.Line < 100 {
			steps[i].p.Position.Line++
		}
		if steps[i].wantRange != "" {
			var l1, c1, l2, c2 int
			fmt.Sscanf(steps[i].wantRange, "%d:%d-%d:%d", &l1, &c1, &l2, &c2)
			steps[i].wantRange = fmt.Sprintf("%d:%d-%d:%d", l1+1, c1, l2+1, c2)
		}
		switch steps[i].want {
		case "[Nav.tla 4:0-4:3]":
			steps[i].want = "[Nav.tla 5:0-5:3]"
		case "[Nav.tla 5:0-5:4]":
			steps[i].want = "[Nav.tla 6:0-6:4]"
		}
	}
	run()

	// Unknown documents are an error reply, and the server lives on.
	other := uri.File(filepath.Join(t.TempDir(), "Other.tla"))
	for _, method := range []string{protocol.MethodTextDocumentHover, protocol.MethodTextDocumentDefinition,
		protocol.MethodTextDocumentReferences, protocol.MethodTextDocumentDocumentHighlight,
		protocol.MethodTextDocumentPrepareRename, protocol.MethodTextDocumentRename} {
		params := &protocol.RenameParams{TextDocumentPositionParams: at(other, 0, 0), NewName: "y"}
		err := c.Call(method, params, new(any))
		var rpcErr *jsonrpc2.Error
		if !errors.As(err, &rpcErr) || rpcErr.Code != jsonrpc2.InvalidParams || rpcErr.Message != fmt.Sprintf("document %s is not open", other) {
			t.Errorf("%s on an unknown document: %v, want InvalidParams \"document ... is not open\"", method, err)
		}
	}

	c.Close(u)
	if _, err := definitionAt(t, c, at(u, 6, 14)); err == nil {
		t.Errorf("definition in a closed document succeeded")
	}
}

// TestNavigationEverywhere asks every navigation method at every position
// of a module with nested modules, PlusCal and errors: each must answer
// without an error (prepareRename may refuse with RequestFailed only).
func TestNavigationEverywhere(t *testing.T) {
	const src = "---- MODULE Every ----\nEXTENDS Naturals, Nowhere\nVARIABLE x\n" +
		"F(p) == LET q == p IN \\A r \\in {q} : r = p /\\ x' = x + undefined\n" +
		"---- MODULE In ----\nd == 1\n====\nI == INSTANCE In\nG == I!d + F(1)\n" +
		"(* --algorithm a\nvariables y = 0;\nbegin\n  L: y := y + 1; goto L;\nend algorithm; *)\n====\n(* 𝔸 *) junk after"
	c := newClient(t)
	c.Initialize(nil)
	u := uri.File(filepath.Join(t.TempDir(), "Every.tla"))
	c.Open(u, src)
	methods := []string{protocol.MethodTextDocumentHover, protocol.MethodTextDocumentDefinition,
		protocol.MethodTextDocumentReferences, protocol.MethodTextDocumentDocumentHighlight,
		protocol.MethodTextDocumentPrepareRename}
	for line, text := range strings.Split(src, "\n") {
		for char := 0; char <= len(text)+1; char++ {
			for _, method := range methods {
				p := &protocol.ReferenceParams{TextDocumentPositionParams: at(u, uint32(line), uint32(char))}
				err := c.Call(method, p, new(any))
				var rpcErr *jsonrpc2.Error
				if err != nil && !(method == protocol.MethodTextDocumentPrepareRename && errors.As(err, &rpcErr) && rpcErr.Code == -32803) {
					t.Fatalf("%s at %d:%d: %v", method, line, char, err)
				}
			}
		}
	}
}
