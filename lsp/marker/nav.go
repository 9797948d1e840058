package marker

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/parser/source"
)

// Navigation markers: hover, definition, references, rename, highlight.
// Every request is made at the start of the marker's "text" on its line.
// @loc(name, "text") names a range for the others, in any file of the
// archive, before or after the markers that use it; @loc(name, "text", n)
// names the n-th occurrence of text on the line.

func init() {
	Register("loc", func(r *Run, m *Marker) {
		if _, ok := r.locs()[locName(m)]; !ok {
			r.T.Errorf(`%v: want @loc(name, "text") with text on the line`, m)
		}
	})
	Register("hover", hoverMarker)
	Register("nohover", func(r *Run, m *Marker) { r.expectNull(m, protocol.MethodTextDocumentHover) })
	Register("def", defMarker)
	Register("nodef", func(r *Run, m *Marker) { r.expectNull(m, protocol.MethodTextDocumentDefinition) })
	Register("stddef", stddefMarker)
	Register("refs", func(r *Run, m *Marker) { refsMarker(r, m, true) })
	Register("uses", func(r *Run, m *Marker) { refsMarker(r, m, false) })
	Register("highlight", highlightMarker)
	Register("prepare", prepareMarker)
	Register("prepareerr", func(r *Run, m *Marker) { r.expectError(m, protocol.MethodTextDocumentPrepareRename, "") })
	Register("rename", renameMarker)
	Register("renameerr", func(r *Run, m *Marker) {
		newName, _ := arg[string](m, 1)
		r.expectError(m, protocol.MethodTextDocumentRename, newName)
	})
}

// locsByRun holds each run's @loc ranges, found by scanning every file.
var locsByRun sync.Map // *Run -> map[string]protocol.Location

func locName(m *Marker) string {
	id, _ := arg[Ident](m, 0)
	return string(id)
}

func (r *Run) locs() map[string]protocol.Location {
	if v, ok := locsByRun.Load(r); ok {
		return v.(map[string]protocol.Location)
	}
	out := map[string]protocol.Location{}
	for _, name := range sortedKeys(r.Files) {
		ms, err := Parse(name, r.Files[name].Text)
		if err != nil {
			continue // reported by RunArchive
		}
		for _, m := range ms {
			text, ok := arg[string](m, 1)
			if m.Name != "loc" || !ok || locName(m) == "" {
				continue
			}
			nth, hasNth := arg[int](m, 2)
			if !hasNth {
				nth = 1
			}
			if rng, ok := r.nthRange(m, text, nth); ok {
				out[locName(m)] = protocol.Location{URI: r.URI(m.File), Range: rng}
			}
		}
	}
	locsByRun.Store(r, out)
	return out
}

// nthRange is the range of the n-th (1-based) occurrence of text in the
// code part of the marker's line (occurrences may overlap).
func (r *Run) nthRange(m *Marker, text string, n int) (protocol.Range, bool) {
	if n < 1 || text == "" {
		return protocol.Range{}, false
	}
	at := -1
	for i := 0; i < n; i++ {
		j := strings.Index(m.Code[at+1:], text)
		if j < 0 {
			return protocol.Range{}, false
		}
		at += 1 + j
	}
	shifted := *m
	shifted.Code = strings.Repeat(" ", at) + m.Code[at:]
	return r.Range(&shifted, text)
}

// position is the start of the marker's text argument (argument 0).
func (r *Run) position(m *Marker) (protocol.TextDocumentPositionParams, protocol.Range, bool) {
	text, ok := arg[string](m, 0)
	if !ok {
		r.T.Errorf(`%v: first argument must be the "text" to point at`, m)
		return protocol.TextDocumentPositionParams{}, protocol.Range{}, false
	}
	rng, ok := r.Range(m, text)
	if !ok {
		r.T.Errorf("%v: %q does not occur on the line", m, text)
		return protocol.TextDocumentPositionParams{}, protocol.Range{}, false
	}
	return protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: r.URI(m.File)},
		Position:     rng.Start,
	}, rng, true
}

// loc resolves a location name argument.
func (r *Run) loc(m *Marker, i int) (protocol.Location, bool) {
	id, ok := arg[Ident](m, i)
	if !ok {
		r.T.Errorf("%v: argument %d must be a location name", m, i+1)
		return protocol.Location{}, false
	}
	l, ok := r.locs()[string(id)]
	if !ok {
		r.T.Errorf("%v: no @loc(%s, ...)", m, id)
	}
	return l, ok
}

// fmtLoc renders a location as "File.tla:line:col-line:col" (1-based).
func (r *Run) fmtLoc(l protocol.Location) string {
	name := filepath.Base(l.URI.FsPath())
	if rel, err := filepath.Rel(r.Dir, l.URI.FsPath()); err == nil && !strings.HasPrefix(rel, "..") {
		name = filepath.ToSlash(rel)
	}
	return fmt.Sprintf("%s:%s", name, fmtRange(l.Range))
}

// fmtRange renders a range 1-based, as people count (columns in UTF-16
// units): "3:9-3:12". Shared by the marker kinds of this package.
func fmtRange(rg protocol.Range) string {
	return fmt.Sprintf("%d:%d-%d:%d", rg.Start.Line+1, rg.Start.Character+1, rg.End.Line+1, rg.End.Character+1)
}

func (r *Run) fmtLocs(ls []protocol.Location) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = r.fmtLoc(l)
	}
	sort.Strings(out)
	return out
}

// expectNull: @nohover("text"), @nodef("text") — a null (or empty) result.
func (r *Run) expectNull(m *Marker, method string) {
	pos, _, ok := r.position(m)
	if !ok {
		return
	}
	var res any
	if err := r.Client.Call(method, &protocol.HoverParams{TextDocumentPositionParams: pos}, &res); err != nil {
		r.T.Errorf("%v: %s: %v", m, method, err)
		return
	}
	if l, isList := res.([]any); res != nil && (!isList || len(l) > 0) {
		r.T.Errorf("%v: %s = %v, want null", m, method, res)
	}
}

// expectError: @prepareerr("text", re"msg"), @renameerr("text", "new",
// re"msg") — the request fails with a message matching.
func (r *Run) expectError(m *Marker, method, newName string) {
	rx, ok := arg[*regexp.Regexp](m, len(m.Args)-1)
	pos, _, ok2 := r.position(m)
	if !ok || !ok2 {
		r.T.Errorf(`%v: want @%s("text", ..., re"message")`, m, m.Name)
		return
	}
	var res any
	err := r.Client.Call(method, &protocol.RenameParams{TextDocumentPositionParams: pos, NewName: newName}, &res)
	if err == nil {
		r.T.Errorf("%v: %s succeeded (%v), want an error matching %q", m, method, res, rx)
		return
	}
	if !rx.MatchString(err.Error()) {
		r.T.Errorf("%v: %s error %q does not match %q", m, method, err, rx)
	}
}

// hoverMarker: @hover("text", re"content") — the hover's range is exactly
// "text" and its content matches.
func hoverMarker(r *Run, m *Marker) {
	rx, ok := arg[*regexp.Regexp](m, 1)
	pos, rng, ok2 := r.position(m)
	if !ok || !ok2 || len(m.Args) != 2 {
		r.T.Errorf(`%v: want @hover("text", re"content")`, m)
		return
	}
	var h *protocol.Hover
	if err := r.Client.Call(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: pos}, &h); err != nil {
		r.T.Errorf("%v: hover: %v", m, err)
		return
	}
	if h == nil {
		r.T.Errorf("%v: hover is null", m)
		return
	}
	mc, _ := h.Contents.(*protocol.MarkupContent)
	if mc == nil {
		r.T.Errorf("%v: hover contents %T, want MarkupContent", m, h.Contents)
		return
	}
	if h.Range == nil || *h.Range != rng {
		r.T.Errorf("%v: hover range %v, want %s", m, h.Range, fmtRange(rng))
	}
	if !rx.MatchString(mc.Value) {
		r.T.Errorf("%v: hover\n%s\ndoes not match %q", m, mc.Value, rx)
	}
}

// defMarker: @def("text", name) — the definition is exactly @loc name.
func defMarker(r *Run, m *Marker) {
	pos, _, ok := r.position(m)
	want, ok2 := r.loc(m, 1)
	if !ok || !ok2 {
		return
	}
	got := r.definition(m, pos)
	if fmt.Sprint(r.fmtLocs(got)) != fmt.Sprint([]string{r.fmtLoc(want)}) {
		r.T.Errorf("%v: definition %v, want %s", m, r.fmtLocs(got), r.fmtLoc(want))
	}
}

func (r *Run) definition(m *Marker, pos protocol.TextDocumentPositionParams) []protocol.Location {
	var got []protocol.Location
	if err := r.Client.Call(protocol.MethodTextDocumentDefinition, &protocol.DefinitionParams{TextDocumentPositionParams: pos}, &got); err != nil {
		r.T.Errorf("%v: definition: %v", m, err)
	}
	return got
}

// stddefMarker: @stddef("text", "Module") — the definition is in the
// read-only copy of the standard module, at an identifier spelled "text".
func stddefMarker(r *Run, m *Marker) {
	mod, ok := arg[string](m, 1)
	pos, _, ok2 := r.position(m)
	if !ok || !ok2 {
		r.T.Errorf(`%v: want @stddef("text", "Module")`, m)
		return
	}
	text, _ := arg[string](m, 0)
	got := r.definition(m, pos)
	if len(got) != 1 {
		r.T.Errorf("%v: definition %v, want one location", m, r.fmtLocs(got))
		return
	}
	path := got[0].URI.FsPath()
	if filepath.Base(path) != mod+".tla" {
		r.T.Errorf("%v: definition in %s, want %s.tla", m, path, mod)
		return
	}
	st, err := os.Stat(path)
	if err != nil {
		r.T.Errorf("%v: %v", m, err)
		return
	}
	if st.Mode().Perm()&0o222 != 0 {
		r.T.Errorf("%v: %s is writable (%v), want read-only", m, path, st.Mode())
	}
	data, _ := os.ReadFile(path)
	f := source.NewFile(path, data)
	start, err1 := f.Offset(source.Position{Line: int(got[0].Range.Start.Line), Character: int(got[0].Range.Start.Character)}, source.UTF16)
	end, err2 := f.Offset(source.Position{Line: int(got[0].Range.End.Line), Character: int(got[0].Range.End.Character)}, source.UTF16)
	if err1 != nil || err2 != nil || string(data[start:end]) != text {
		r.T.Errorf("%v: definition range %s of %s holds %q, want %q", m, fmtRange(got[0].Range), path, data[start:end], text)
	}
}

// refsMarker: @refs("text", a, b, ...) with the declaration,
// @uses("text", b, ...) without it — exactly these locations.
func refsMarker(r *Run, m *Marker, withDecl bool) {
	pos, _, ok := r.position(m)
	if !ok {
		return
	}
	var want []protocol.Location
	for i := 1; i < len(m.Args); i++ {
		l, ok := r.loc(m, i)
		if !ok {
			return
		}
		want = append(want, l)
	}
	var got []protocol.Location
	params := &protocol.ReferenceParams{TextDocumentPositionParams: pos, Context: protocol.ReferenceContext{IncludeDeclaration: withDecl}}
	if err := r.Client.Call(protocol.MethodTextDocumentReferences, params, &got); err != nil {
		r.T.Errorf("%v: references: %v", m, err)
		return
	}
	if g, w := r.fmtLocs(got), r.fmtLocs(want); strings.Join(g, " ") != strings.Join(w, " ") {
		r.T.Errorf("%v: references\n got  %v\n want %v", m, g, w)
	}
}

var highlightKinds = map[Ident]protocol.DocumentHighlightKind{
	"text":  protocol.DocumentHighlightKindText,
	"read":  protocol.DocumentHighlightKindRead,
	"write": protocol.DocumentHighlightKindWrite,
}

// highlightMarker: @highlight("text", a, kind, b, kind, ...) — exactly
// these ranges (@loc names in this file) with kinds text, read or write.
func highlightMarker(r *Run, m *Marker) {
	pos, _, ok := r.position(m)
	if !ok {
		return
	}
	if len(m.Args)%2 != 1 {
		r.T.Errorf(`%v: want @highlight("text", loc, kind, ...)`, m)
		return
	}
	var want []string
	for i := 1; i < len(m.Args); i += 2 {
		l, ok := r.loc(m, i)
		kid, _ := arg[Ident](m, i+1)
		kind, ok2 := highlightKinds[kid]
		if !ok || !ok2 {
			r.T.Errorf("%v: argument %d: want text, read or write", m, i+2)
			return
		}
		want = append(want, fmt.Sprintf("%s %d", fmtRange(l.Range), kind))
	}
	var got []protocol.DocumentHighlight
	if err := r.Client.Call(protocol.MethodTextDocumentDocumentHighlight, &protocol.DocumentHighlightParams{TextDocumentPositionParams: pos}, &got); err != nil {
		r.T.Errorf("%v: documentHighlight: %v", m, err)
		return
	}
	var g []string
	for _, h := range got {
		g = append(g, fmt.Sprintf("%s %d", fmtRange(h.Range), h.Kind))
	}
	sort.Strings(g)
	sort.Strings(want)
	if strings.Join(g, ", ") != strings.Join(want, ", ") {
		r.T.Errorf("%v: highlights (kind 1 text, 2 read, 3 write)\n got  %v\n want %v", m, g, want)
	}
}

// prepareMarker: @prepare("text", "placeholder") — prepareRename accepts,
// with the range of "text".
func prepareMarker(r *Run, m *Marker) {
	ph, ok := arg[string](m, 1)
	pos, rng, ok2 := r.position(m)
	if !ok || !ok2 {
		r.T.Errorf(`%v: want @prepare("text", "placeholder")`, m)
		return
	}
	var got protocol.PrepareRenamePlaceholder
	if err := r.Client.Call(protocol.MethodTextDocumentPrepareRename, &protocol.PrepareRenameParams{TextDocumentPositionParams: pos}, &got); err != nil {
		r.T.Errorf("%v: prepareRename: %v", m, err)
		return
	}
	if got.Range != rng || got.Placeholder != ph {
		r.T.Errorf("%v: prepareRename = %s %q, want %s %q", m, fmtRange(got.Range), got.Placeholder, fmtRange(rng), ph)
	}
}

// renameMarker: @rename("text", "new", golden) — the edit, applied to the
// archive's files, gives exactly the files `golden/<golden>/<file>.golden`
// (one per edited file).
func renameMarker(r *Run, m *Marker) {
	newName, ok := arg[string](m, 1)
	golden, ok2 := arg[Ident](m, 2)
	pos, _, ok3 := r.position(m)
	if !ok || !ok2 || !ok3 {
		r.T.Errorf(`%v: want @rename("text", "new", golden)`, m)
		return
	}
	var we protocol.WorkspaceEdit
	if err := r.Client.Call(protocol.MethodTextDocumentRename, &protocol.RenameParams{TextDocumentPositionParams: pos, NewName: newName}, &we); err != nil {
		r.T.Errorf("%v: rename: %v", m, err)
		return
	}
	gotFiles := map[string]string{}
	for u, edits := range we.Changes {
		name, text, err := r.apply(u, edits)
		if err != nil {
			r.T.Errorf("%v: %v", m, err)
			return
		}
		gotFiles[name] = text
	}
	dir := filepath.Join(r.Dir, "golden", string(golden))
	wantFiles := map[string]string{}
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".golden") {
			rel, _ := filepath.Rel(dir, strings.TrimSuffix(path, ".golden"))
			data, _ := os.ReadFile(path)
			wantFiles[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	if len(wantFiles) == 0 {
		r.T.Errorf("%v: no golden/%s/*.golden files", m, golden)
	}
	for name, got := range gotFiles {
		want, ok := wantFiles[name]
		if !ok {
			r.T.Errorf("%v: rename edits %s, which has no golden file; edited:\n%s", m, name, got)
		} else if got != want {
			r.T.Errorf("%v: %s after rename:\n%s\nwant:\n%s", m, name, got, want)
		}
	}
	for name := range wantFiles {
		if _, ok := gotFiles[name]; !ok {
			r.T.Errorf("%v: rename does not edit %s", m, name)
		}
	}
}

// apply applies edits to an archive file's text.
func (r *Run) apply(u uri.URI, edits []protocol.TextEdit) (string, string, error) {
	for name, f := range r.Files {
		if r.URI(name) != u {
			continue
		}
		type span struct {
			start, end int
			text       string
		}
		var spans []span
		for _, e := range edits {
			s, err1 := f.Offset(source.Position{Line: int(e.Range.Start.Line), Character: int(e.Range.Start.Character)}, source.UTF16)
			t, err2 := f.Offset(source.Position{Line: int(e.Range.End.Line), Character: int(e.Range.End.Character)}, source.UTF16)
			if err1 != nil || err2 != nil {
				return "", "", fmt.Errorf("bad edit range %s", fmtRange(e.Range))
			}
			spans = append(spans, span{s, t, e.NewText})
		}
		sort.Slice(spans, func(i, j int) bool { return spans[i].start > spans[j].start })
		text := string(f.Text)
		last := len(text) + 1
		for _, s := range spans {
			if s.end > last {
				return "", "", fmt.Errorf("overlapping edits in %s", name)
			}
			text = text[:s.start] + s.text + text[s.end:]
			last = s.start
		}
		return name, text, nil
	}
	return "", "", fmt.Errorf("edit of %s, which is not an archive file", u)
}
