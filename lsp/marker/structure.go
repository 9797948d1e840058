package marker

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/lsp"
	"github.com/tlals/tlals/parser/source"
)

// Markers of the structure features: document symbols, folding ranges,
// selection ranges and semantic tokens. Whole-file answers are compared
// with golden files of the archive; see lsp/testdata/markers/README.md.

func init() {
	Register("symbols", symbolsMarker)
	Register("folds", foldsMarker)
	Register("selection", selectionMarker)
	Register("tokens", tokensMarker)
	Register("token", tokenMarker)
}

// compareGolden compares got with the archive file named by the marker's first
// argument; a mismatch shows both in full.
func compareGolden(r *Run, m *Marker, what, got string) {
	name, ok := arg[string](m, 0)
	if !ok || len(m.Args) != 1 {
		r.T.Errorf(`%v: want @%s("file.golden")`, m, m.Name)
		return
	}
	want, err := os.ReadFile(filepath.Join(r.Dir, name))
	if err != nil {
		r.T.Errorf("%v: %v", m, err)
		return
	}
	if strings.TrimSpace(string(want)) != strings.TrimSpace(got) {
		r.T.Errorf("%v: %s differ from %s\n--- got:\n%s\n--- want:\n%s", m, what, name, got, want)
	}
}

// fmtPos formats a position 1-based, as people count (columns in UTF-16
// units, as the test client negotiates).
func fmtPos(p protocol.Position) string { return fmt.Sprintf("%d:%d", p.Line+1, p.Character+1) }

// symbolKindNames name the kinds the server uses, for goldens.
var symbolKindNames = map[protocol.SymbolKind]string{
	protocol.SymbolKindModule: "Module", protocol.SymbolKindNamespace: "Namespace",
	protocol.SymbolKindClass: "Class", protocol.SymbolKindMethod: "Method",
	protocol.SymbolKindProperty: "Property", protocol.SymbolKindFunction: "Function",
	protocol.SymbolKindVariable: "Variable", protocol.SymbolKindConstant: "Constant",
	protocol.SymbolKindBoolean: "Boolean", protocol.SymbolKindObject: "Object",
	protocol.SymbolKindEvent: "Event", protocol.SymbolKindOperator: "Operator",
}

func symbolKindName(k protocol.SymbolKind) string {
	if n, ok := symbolKindNames[k]; ok {
		return n
	}
	return fmt.Sprintf("Kind%d", k)
}

// symbolsMarker: @symbols("file.golden") compares the file's outline, one
// symbol a line, indented by depth: `Kind Name "detail" range sel`.
func symbolsMarker(r *Run, m *Marker) {
	var syms []protocol.DocumentSymbol
	if err := r.Client.Call(protocol.MethodTextDocumentDocumentSymbol, &protocol.DocumentSymbolParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: r.URI(m.File)},
	}, &syms); err != nil {
		r.T.Errorf("%v: %v", m, err)
		return
	}
	var b strings.Builder
	var write func(syms []protocol.DocumentSymbol, depth int)
	write = func(syms []protocol.DocumentSymbol, depth int) {
		for _, s := range syms {
			fmt.Fprintf(&b, "%s%s %s", strings.Repeat("  ", depth), symbolKindName(s.Kind), s.Name)
			if s.Detail != nil {
				fmt.Fprintf(&b, " %q", *s.Detail)
			}
			fmt.Fprintf(&b, " %s %s\n", fmtRange(s.Range), fmtRange(s.SelectionRange))
			write(s.Children, depth+1)
		}
	}
	write(syms, 0)
	compareGolden(r, m, "document symbols", b.String())
}

// foldsMarker: @folds("file.golden") compares the file's folding ranges,
// one a line: `startLine:startChar-endLine:endChar kind` (1-based).
func foldsMarker(r *Run, m *Marker) {
	var folds []protocol.FoldingRange
	if err := r.Client.Call(protocol.MethodTextDocumentFoldingRange, &protocol.FoldingRangeParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: r.URI(m.File)},
	}, &folds); err != nil {
		r.T.Errorf("%v: %v", m, err)
		return
	}
	var b strings.Builder
	for _, f := range folds {
		var sc, ec uint32
		if f.StartCharacter != nil {
			sc = *f.StartCharacter
		}
		if f.EndCharacter != nil {
			ec = *f.EndCharacter
		}
		fmt.Fprintf(&b, "%s-%s", fmtPos(protocol.Position{Line: f.StartLine, Character: sc}), fmtPos(protocol.Position{Line: f.EndLine, Character: ec}))
		if f.Kind != "" {
			fmt.Fprintf(&b, " %s", f.Kind)
		}
		b.WriteString("\n")
	}
	compareGolden(r, m, "folding ranges", b.String())
}

// selectionMarker: @selection("at", n, "inner", "next", ...) asks for the
// selection range at the start of "at" on the line; the chain must have n
// ranges in all, the innermost ones covering exactly the given texts.
func selectionMarker(r *Run, m *Marker) {
	at, ok1 := arg[string](m, 0)
	n, ok2 := arg[int](m, 1)
	if !ok1 || !ok2 || len(m.Args) < 3 {
		r.T.Errorf(`%v: want @selection("at", n, "inner", ...)`, m)
		return
	}
	p, ok := r.Range(m, at)
	if !ok {
		r.T.Errorf("%v: %q does not occur on the line", m, at)
		return
	}
	var res []protocol.SelectionRange
	if err := r.Client.Call(protocol.MethodTextDocumentSelectionRange, &protocol.SelectionRangeParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: r.URI(m.File)},
		Positions:    []protocol.Position{p.Start},
	}, &res); err != nil || len(res) != 1 {
		r.T.Errorf("%v: %d answers, error %v", m, len(res), err)
		return
	}
	var got []string
	for sr := &res[0]; sr != nil; sr = sr.Parent {
		got = append(got, r.rangeText(m.File, sr.Range))
	}
	var want []string
	for i := 2; i < len(m.Args); i++ {
		s, ok := arg[string](m, i)
		if !ok {
			r.T.Errorf("%v: argument %d is not a string", m, i+1)
			return
		}
		want = append(want, s)
	}
	if len(got) != n || len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
		r.T.Errorf("%v: selection chain of %d ranges, want %d starting with %q:\n%q", m, len(got), n, want, got)
	}
}

// rangeText is the text of an LSP range of an archive file.
func (r *Run) rangeText(name string, rg protocol.Range) string {
	f := r.Files[name]
	start, err1 := f.Offset(source.Position{Line: int(rg.Start.Line), Character: int(rg.Start.Character)}, source.UTF16)
	end, err2 := f.Offset(source.Position{Line: int(rg.End.Line), Character: int(rg.End.Character)}, source.UTF16)
	if err1 != nil || err2 != nil || start > end {
		return fmt.Sprintf("<bad range %s>", fmtRange(rg))
	}
	return string(f.Text[start:end])
}

// semanticTokens are decoded tokens of a file.
type semanticToken struct {
	Range protocol.Range
	Type  string
	Mods  []string
}

func (r *Run) semanticTokens(m *Marker) ([]semanticToken, bool) {
	var toks protocol.SemanticTokens
	if err := r.Client.Call(protocol.MethodTextDocumentSemanticTokensFull, &protocol.SemanticTokensParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: r.URI(m.File)},
	}, &toks); err != nil {
		r.T.Errorf("%v: %v", m, err)
		return nil, false
	}
	out, err := lsp.DecodeSemanticTokens(toks.Data)
	if err != nil {
		r.T.Errorf("%v: %v", m, err)
		return nil, false
	}
	res := make([]semanticToken, len(out))
	for i, t := range out {
		res[i] = semanticToken{Range: t.Range, Type: t.Type, Mods: t.Modifiers}
	}
	return res, true
}

// tokensMarker: @tokens("file.golden") compares all semantic tokens of the
// file, one a line: `line:col "text" type mod mod`.
func tokensMarker(r *Run, m *Marker) {
	toks, ok := r.semanticTokens(m)
	if !ok {
		return
	}
	var b strings.Builder
	for _, t := range toks {
		fmt.Fprintf(&b, "%s %q %s", fmtPos(t.Range.Start), r.rangeText(m.File, t.Range), t.Type)
		for _, mod := range t.Mods {
			b.WriteString(" " + mod)
		}
		b.WriteString("\n")
	}
	compareGolden(r, m, "semantic tokens", b.String())
}

// tokenMarker: @token("text", [n,] type, mod, ...) claims that exactly
// the range of "text" on the line (its n-th occurrence, 1-based, when n is
// given) is one token of that type with exactly those modifiers (in
// legend order).
func tokenMarker(r *Run, m *Marker) {
	text, ok1 := arg[string](m, 0)
	rest := 1
	nth := 1
	if n, ok := arg[int](m, 1); ok {
		nth, rest = n, 2
	}
	typ, ok2 := arg[Ident](m, rest)
	if !ok1 || !ok2 || nth < 1 {
		r.T.Errorf(`%v: want @token("text", [n,] type, modifier...)`, m)
		return
	}
	var mods []string
	for i := rest + 1; i < len(m.Args); i++ {
		mod, ok := arg[Ident](m, i)
		if !ok {
			r.T.Errorf("%v: modifier %d is not a name", m, i-rest)
			return
		}
		mods = append(mods, string(mod))
	}
	at, ok := r.nthRange(m, text, nth)
	if !ok {
		r.T.Errorf("%v: %q does not occur %d times on the line", m, text, nth)
		return
	}
	toks, ok := r.semanticTokens(m)
	if !ok {
		return
	}
	var near []string
	for _, t := range toks {
		if t.Range == at && t.Type == string(typ) && slices.Equal(t.Mods, mods) {
			return
		}
		if int(t.Range.Start.Line) == m.Line {
			near = append(near, fmt.Sprintf("%s %q %s %v", fmtPos(t.Range.Start), r.rangeText(m.File, t.Range), t.Type, t.Mods))
		}
	}
	r.T.Errorf("%v: no token %s %s %v at %s; on this line: %q", m, text, typ, mods, fmtRange(at), near)
}
