package marker

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf16"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/parser/source"
)

// Completion and signature help markers. Each names its cursor by a text
// of the line: the cursor is just after the first occurrence of the text.
//
//	@complete("after", "Pre", "A", "B")   the first items, in the client's order (sortText, then
//	                                       label), are exactly A, B (no items at all when none are
//	                                       given), and every item's textEdit replaces exactly the
//	                                       "Pre" before the cursor
//	@completeHas("after", "A", ...)       the items include A, ...
//	@completeNot("after", "A", ...)       the items include none of A, ...
//	@completeItem("after", "A", Function, "detail", re"doc")  item A has that kind and detail,
//	                                       and documentation matching doc (optional argument)
//	@signature("after", "Op(a, b)", 1, re"doc")  signature help shows that label with
//	                                       parameter 1 active, parameter offsets that cut the label
//	                                       into its parameters, and documentation matching doc
//	                                       (optional)
//	@signatureNone("after")               no signature help

func init() {
	Register("complete", completeMarker)
	Register("completeHas", func(r *Run, m *Marker) { completePresence(r, m, true) })
	Register("completeNot", func(r *Run, m *Marker) { completePresence(r, m, false) })
	Register("completeItem", completeItemMarker)
	Register("signature", signatureMarker)
	Register("signatureNone", signatureNoneMarker)
}

// cursor is the position after the first occurrence of text on the
// marker's line, with its byte offset in the file.
func (r *Run) cursor(m *Marker, text string) (protocol.Position, int, bool) {
	i := strings.Index(m.Code, text)
	if i < 0 {
		r.T.Errorf("%v: %q does not occur on the line", m, text)
		return protocol.Position{}, 0, false
	}
	f := r.Files[m.File]
	off := f.LineStart(m.Line) + i + len(text)
	return position(f, off), off, true
}

func position(f *source.File, off int) protocol.Position {
	p := f.Position(off, source.UTF16)
	return protocol.Position{Line: uint32(p.Line), Character: uint32(p.Character)}
}

// completionsAfter is completions at the cursor placed after the text
// after on the marker's line.
func (r *Run) completionsAfter(m *Marker, after string) ([]protocol.CompletionItem, bool) {
	pos, _, ok := r.cursor(m, after)
	if !ok {
		return nil, false
	}
	return r.completions(m, pos)
}

// completions asks for the items at the cursor, in the client's order.
func (r *Run) completions(m *Marker, pos protocol.Position) ([]protocol.CompletionItem, bool) {
	var list protocol.CompletionList
	params := &protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: r.URI(m.File)}, Position: pos}}
	if err := r.Client.Call(protocol.MethodTextDocumentCompletion, params, &list); err != nil {
		r.T.Errorf("%v: completion: %v", m, err)
		return nil, false
	}
	items := list.Items
	key := func(it protocol.CompletionItem) string {
		if st, ok := it.SortText.Get(); ok {
			return st
		}
		return it.Label
	}
	sort.SliceStable(items, func(i, j int) bool {
		if ki, kj := key(items[i]), key(items[j]); ki != kj {
			return ki < kj
		}
		return items[i].Label < items[j].Label
	})
	return items, true
}

func labels(items []protocol.CompletionItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Label
	}
	return out
}

// stringArgs returns the string arguments from i on.
func stringArgs(r *Run, m *Marker, from int) ([]string, bool) {
	var out []string
	for i := from; i < len(m.Args); i++ {
		s, ok := m.Args[i].(string)
		if !ok {
			r.T.Errorf("%v: argument %d must be a string", m, i+1)
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

func completeMarker(r *Run, m *Marker) {
	after, ok1 := arg[string](m, 0)
	pre, ok2 := arg[string](m, 1)
	want, ok3 := stringArgs(r, m, 2)
	if !ok1 || !ok2 || !ok3 {
		r.T.Errorf(`%v: want @complete("after", "prefix", "item", ...)`, m)
		return
	}
	pos, off, ok := r.cursor(m, after)
	if !ok {
		return
	}
	f := r.Files[m.File]
	if !strings.HasSuffix(string(f.Text[:off]), pre) {
		r.T.Errorf("%v: the text before the cursor does not end with %q", m, pre)
		return
	}
	items, ok := r.completions(m, pos)
	if !ok {
		return
	}
	got := labels(items)
	if len(want) == 0 && len(got) != 0 || len(got) < len(want) || fmt.Sprint(got[:len(want)]) != fmt.Sprint(want) {
		r.T.Errorf("%v: items %q, want first %q", m, got, want)
	}
	rng := protocol.Range{Start: position(f, off-len(pre)), End: pos}
	for _, it := range items {
		te, ok := it.TextEdit.(*protocol.TextEdit)
		if !ok || te.Range != rng {
			r.T.Errorf("%v: item %q edits %v, want the range of %q (%v)", m, it.Label, it.TextEdit, pre, rng)
		}
	}
}

func completePresence(r *Run, m *Marker, present bool) {
	after, ok1 := arg[string](m, 0)
	names, ok2 := stringArgs(r, m, 1)
	if !ok1 || !ok2 || len(names) == 0 {
		r.T.Errorf(`%v: want @%s("after", "item", ...)`, m, m.Name)
		return
	}
	items, ok := r.completionsAfter(m, after)
	if !ok {
		return
	}
	have := map[string]bool{}
	for _, it := range items {
		have[it.Label] = true
	}
	for _, n := range names {
		if have[n] != present {
			r.T.Errorf("%v: item %q present = %v, want %v; items %q", m, n, have[n], present, labels(items))
		}
	}
}

var itemKinds = map[string]protocol.CompletionItemKind{
	"Text": protocol.CompletionItemKindText, "Method": protocol.CompletionItemKindMethod,
	"Function": protocol.CompletionItemKindFunction, "Field": protocol.CompletionItemKindField,
	"Variable": protocol.CompletionItemKindVariable, "Module": protocol.CompletionItemKindModule,
	"Property": protocol.CompletionItemKindProperty, "Keyword": protocol.CompletionItemKindKeyword,
	"Snippet": protocol.CompletionItemKindSnippet, "Constant": protocol.CompletionItemKindConstant,
	"Operator": protocol.CompletionItemKindOperator, "Reference": protocol.CompletionItemKindReference,
}

func completeItemMarker(r *Run, m *Marker) {
	after, ok1 := arg[string](m, 0)
	label, ok2 := arg[string](m, 1)
	kindName, ok3 := arg[Ident](m, 2)
	detail, ok4 := arg[string](m, 3)
	kind, ok5 := itemKinds[string(kindName)]
	doc, hasDoc := arg[*regexp.Regexp](m, 4)
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || len(m.Args) > 5 || len(m.Args) == 5 && !hasDoc {
		r.T.Errorf(`%v: want @completeItem("after", "label", Kind, "detail"[, re"doc"])`, m)
		return
	}
	items, ok := r.completionsAfter(m, after)
	if !ok {
		return
	}
	for _, it := range items {
		if it.Label != label {
			continue
		}
		d, _ := it.Detail.Get()
		if it.Kind != kind || d != detail {
			r.T.Errorf("%v: item %q has kind %v, detail %q; want %v, %q", m, label, it.Kind, d, kind, detail)
		}
		if hasDoc {
			mc, _ := it.Documentation.(*protocol.MarkupContent)
			if mc == nil || !doc.MatchString(mc.Value) {
				r.T.Errorf("%v: item %q documentation %+v does not match %q", m, label, it.Documentation, doc)
			}
		}
		return
	}
	r.T.Errorf("%v: no item %q among %q", m, label, labels(items))
}

func (r *Run) signature(m *Marker, pos protocol.Position) (*protocol.SignatureHelp, bool) {
	var help *protocol.SignatureHelp
	params := &protocol.SignatureHelpParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: r.URI(m.File)}, Position: pos}}
	if err := r.Client.Call(protocol.MethodTextDocumentSignatureHelp, params, &help); err != nil {
		r.T.Errorf("%v: signatureHelp: %v", m, err)
		return nil, false
	}
	return help, true
}

func signatureMarker(r *Run, m *Marker) {
	after, ok1 := arg[string](m, 0)
	label, ok2 := arg[string](m, 1)
	active, ok3 := arg[int](m, 2)
	doc, hasDoc := arg[*regexp.Regexp](m, 3)
	if !ok1 || !ok2 || !ok3 || len(m.Args) > 4 || len(m.Args) == 4 && !hasDoc {
		r.T.Errorf(`%v: want @signature("after", "label", activeParameter[, re"doc"])`, m)
		return
	}
	pos, _, ok := r.cursor(m, after)
	if !ok {
		return
	}
	help, ok := r.signature(m, pos)
	if !ok {
		return
	}
	if help == nil || len(help.Signatures) != 1 {
		r.T.Errorf("%v: signature help %+v, want one signature %q", m, help, label)
		return
	}
	sig := help.Signatures[0]
	ap, _ := help.ActiveParameter.Get()
	if sig.Label != label || int(ap) != active {
		r.T.Errorf("%v: signature %q with parameter %d active, want %q with %d", m, sig.Label, ap, label, active)
	}
	// The parameter offsets cut the label into its parameters: name(p1, p2).
	units := utf16.Encode([]rune(sig.Label))
	var ps []string
	for _, p := range sig.Parameters {
		t, ok := p.Label.(protocol.ParameterInformationLabelTuple)
		if !ok || t[0] > t[1] || int(t[1]) > len(units) {
			r.T.Errorf("%v: parameter label %v is not a range of %q", m, p.Label, sig.Label)
			return
		}
		ps = append(ps, string(utf16.Decode(units[t[0]:t[1]])))
	}
	if open := strings.Index(sig.Label, "("); open < 0 || sig.Label[open+1:] != strings.Join(ps, ", ")+")" {
		r.T.Errorf("%v: parameters %q do not cut the label %q", m, ps, sig.Label)
	}
	if hasDoc {
		mc, _ := sig.Documentation.(*protocol.MarkupContent)
		if mc == nil || !doc.MatchString(mc.Value) {
			r.T.Errorf("%v: documentation %+v does not match %q", m, sig.Documentation, doc)
		}
	}
}

func signatureNoneMarker(r *Run, m *Marker) {
	after, ok := arg[string](m, 0)
	if !ok || len(m.Args) != 1 {
		r.T.Errorf(`%v: want @signatureNone("after")`, m)
		return
	}
	pos, _, ok := r.cursor(m, after)
	if !ok {
		return
	}
	if help, ok := r.signature(m, pos); ok && help != nil {
		r.T.Errorf("%v: signature help %+v, want none", m, help)
	}
}
