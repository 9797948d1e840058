package marker

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.lsp.dev/protocol"
)

// Links and structure: document links, call hierarchy, parameter hints.
//
//	@link("text", "File.tla")   a link whose range is exactly text targets the
//	                            archive file File.tla; "std:Naturals" targets
//	                            the read-only copy of a standard module
//	@nolink("text")             no link covers the start of text
//	@callprepare("text", loc)   prepareCallHierarchy at text gives one item,
//	                            whose selection range is @loc loc
//	@nocall("text")             prepareCallHierarchy at text gives nothing
//	@incoming("text", "Caller", sel, from, from, "Caller2", sel, from, ...)
//	@outgoing("text", "Callee", sel, from, ...)
//	                            the incoming / outgoing calls of the item
//	                            prepared at text are exactly these: each a
//	                            name, the @loc of its selection range (std
//	                            for a standard module's copy) and the @locs
//	                            of the calls (fromRanges); none when only
//	                            "text" is given
//	@hints("text", "label", ...) the inlay hints of the marker's line are
//	                            exactly these, each at the start of its text
//	                            (pairs; none when no argument is given)

func init() {
	Register("link", linkMarker)
	Register("nolink", linkMarker)
	Register("callprepare", callPrepareMarker)
	Register("nocall", callPrepareMarker)
	Register("incoming", callsMarker)
	Register("outgoing", callsMarker)
	Register("hints", hintsMarker)
}

func linkMarker(r *Run, m *Marker) {
	pos, rng, ok := r.position(m)
	if !ok {
		return
	}
	var links []protocol.DocumentLink
	if err := r.Client.Call(protocol.MethodTextDocumentDocumentLink, &protocol.DocumentLinkParams{TextDocument: pos.TextDocument}, &links); err != nil {
		r.T.Errorf("%v: documentLink: %v", m, err)
		return
	}
	var found *protocol.DocumentLink
	for i, l := range links {
		if !posBefore(pos.Position, l.Range.Start) && posBefore(pos.Position, l.Range.End) {
			found = &links[i]
		}
	}
	if m.Name == "nolink" {
		if found != nil {
			r.T.Errorf("%v: link %s to %v, want none", m, fmtRange(found.Range), found.Target)
		}
		return
	}
	want, ok := arg[string](m, 1)
	if !ok || len(m.Args) != 2 {
		r.T.Errorf(`%v: want @link("text", "File.tla")`, m)
		return
	}
	if found == nil || found.Target == nil {
		r.T.Errorf("%v: no link at %q (links: %v)", m, m.Args[0], links)
		return
	}
	if found.Range != rng {
		r.T.Errorf("%v: link range %s, want %s", m, fmtRange(found.Range), fmtRange(rng))
	}
	if got := r.target(found.Target.FsPath()); got != want {
		r.T.Errorf("%v: link to %s, want %s", m, got, want)
	}
}

// target names a file as the markers do: relative to the archive, or
// std:Name for a read-only standard module copy.
func (r *Run) target(path string) string {
	if rel, err := filepath.Rel(r.Dir, path); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	if st, err := os.Stat(path); err == nil && st.Mode().Perm()&0o222 == 0 {
		return "std:" + strings.TrimSuffix(filepath.Base(path), ".tla")
	}
	return path
}

func posBefore(a, b protocol.Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}

// prepareCalls asks prepareCallHierarchy at the marker's text.
func (r *Run) prepareCalls(m *Marker) ([]protocol.CallHierarchyItem, bool) {
	pos, _, ok := r.position(m)
	if !ok {
		return nil, false
	}
	var items []protocol.CallHierarchyItem
	if err := r.Client.Call(protocol.MethodTextDocumentPrepareCallHierarchy, &protocol.CallHierarchyPrepareParams{TextDocumentPositionParams: pos}, &items); err != nil {
		r.T.Errorf("%v: prepareCallHierarchy: %v", m, err)
		return nil, false
	}
	return items, true
}

func callPrepareMarker(r *Run, m *Marker) {
	items, ok := r.prepareCalls(m)
	if !ok {
		return
	}
	if m.Name == "nocall" {
		if len(items) > 0 {
			r.T.Errorf("%v: prepared %s, want nothing", m, items[0].Name)
		}
		return
	}
	want, ok := r.loc(m, 1)
	if !ok {
		return
	}
	if len(items) != 1 {
		r.T.Errorf("%v: prepared %d items, want 1", m, len(items))
		return
	}
	got := protocol.Location{URI: items[0].URI, Range: items[0].SelectionRange}
	if r.fmtLoc(got) != r.fmtLoc(want) {
		r.T.Errorf("%v: item at %s, want %s", m, r.fmtLoc(got), r.fmtLoc(want))
	}
}

func callsMarker(r *Run, m *Marker) {
	items, ok := r.prepareCalls(m)
	if !ok {
		return
	}
	if len(items) != 1 {
		r.T.Errorf("%v: prepared %d items, want 1", m, len(items))
		return
	}
	// The expected calls, each rendered as "Name sel [from ...]".
	var want []string
	for i := 1; i < len(m.Args); {
		name, ok := arg[string](m, i)
		sel, ok2 := arg[Ident](m, i+1)
		if !ok || !ok2 {
			r.T.Errorf(`%v: want @%s("text", "Name", sel, from, ...)`, m, m.Name)
			return
		}
		selText := "std"
		if sel != "std" {
			l, ok := r.loc(m, i+1)
			if !ok {
				return
			}
			selText = r.fmtLoc(l)
		}
		i += 2
		var froms []protocol.Location
		for ; i < len(m.Args); i++ {
			if _, isName := m.Args[i].(string); isName {
				break
			}
			l, ok := r.loc(m, i)
			if !ok {
				return
			}
			froms = append(froms, l)
		}
		want = append(want, fmt.Sprintf("%s %s %v", name, selText, r.fmtLocs(froms)))
	}
	var got []string
	render := func(item protocol.CallHierarchyItem, fromURI protocol.CallHierarchyItem, ranges []protocol.Range) {
		sel := r.fmtLoc(protocol.Location{URI: item.URI, Range: item.SelectionRange})
		if strings.HasPrefix(r.target(item.URI.FsPath()), "std:") {
			sel = "std"
		}
		var froms []protocol.Location
		for _, rg := range ranges {
			froms = append(froms, protocol.Location{URI: fromURI.URI, Range: rg})
		}
		got = append(got, fmt.Sprintf("%s %s %v", item.Name, sel, r.fmtLocs(froms)))
	}
	if m.Name == "incoming" {
		var calls []protocol.CallHierarchyIncomingCall
		if err := r.Client.Call(protocol.MethodCallHierarchyIncomingCalls, &protocol.CallHierarchyIncomingCallsParams{Item: items[0]}, &calls); err != nil {
			r.T.Errorf("%v: incomingCalls: %v", m, err)
			return
		}
		for _, c := range calls {
			render(c.From, c.From, c.FromRanges) // ranges in the caller
		}
	} else {
		var calls []protocol.CallHierarchyOutgoingCall
		if err := r.Client.Call(protocol.MethodCallHierarchyOutgoingCalls, &protocol.CallHierarchyOutgoingCallsParams{Item: items[0]}, &calls); err != nil {
			r.T.Errorf("%v: outgoingCalls: %v", m, err)
			return
		}
		for _, c := range calls {
			render(c.To, items[0], c.FromRanges) // ranges in the item
		}
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		r.T.Errorf("%v: %s calls\n got  %q\n want %q", m, m.Name, got, want)
	}
}

func hintsMarker(r *Run, m *Marker) {
	if len(m.Args)%2 != 0 {
		r.T.Errorf(`%v: want @hints("text", "label", ...)`, m)
		return
	}
	var want []string
	for i := 0; i < len(m.Args); i += 2 {
		text, ok := arg[string](m, i)
		label, ok2 := arg[string](m, i+1)
		rng, ok3 := r.Range(m, text)
		if !ok || !ok2 || !ok3 {
			r.T.Errorf("%v: argument %d: want \"text\" on the line and a \"label\"", m, i+1)
			return
		}
		want = append(want, fmt.Sprintf("%d:%d %s", rng.Start.Line+1, rng.Start.Character+1, label))
	}
	line := uint32(m.Line)
	var hints []protocol.InlayHint
	if err := r.Client.Call(protocol.MethodTextDocumentInlayHint, &protocol.InlayHintParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: r.URI(m.File)},
		Range:        protocol.Range{Start: protocol.Position{Line: line}, End: protocol.Position{Line: line, Character: uint32(len(m.Code))}},
	}, &hints); err != nil {
		r.T.Errorf("%v: inlayHint: %v", m, err)
		return
	}
	var got []string
	for _, h := range hints {
		label, _ := h.Label.(protocol.String)
		if h.Position.Line != line {
			continue // a hint of a call that starts on an earlier line
		}
		got = append(got, fmt.Sprintf("%d:%d %s", h.Position.Line+1, h.Position.Character+1, label))
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		r.T.Errorf("%v: inlay hints\n got  %q\n want %q", m, got, want)
	}
}
