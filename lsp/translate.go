package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/analysis/pluscal"
	"github.com/tlals/tlals/lsp/cache"
	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/source"
)

// PlusCal translation in the editor: the command tlals.translate, the
// quick fix of the stale-translation warning and the source action
// "Translate PlusCal" (all the same edit, confined to the translation's
// marker lines), and translate-on-save.

const (
	translateCommand = "tlals.translate"
	translateTitle   = "Translate PlusCal"
	// translateKind is the source action's kind.
	translateKind protocol.CodeActionKind = "source.translatePlusCal"
)

// errUpToDate says that the translation needs no edit.
var errUpToDate = errors.New("the translation is up to date")

// translationEdit is the edit that writes the current translation of the
// snapshot's algorithm between its markers (inserting them after the
// algorithm's comment when missing): whole lines, from the first line that
// changes to the last, so nothing outside the marker lines is touched. A
// PlusCal error is returned at its position; errUpToDate when nothing
// changes.
func (s *Server) translationEdit(snap *cache.Snapshot) (*protocol.WorkspaceEdit, error) {
	src := snap.File.Text
	if m := parser.Parse(context.Background(), snap.Path, src).Module; m == nil || m.Algorithm == nil {
		return nil, errf(codeRequestFailed, "%s has no PlusCal algorithm", filepath.Base(snap.Path))
	}
	out, _, errs := pluscal.Translate(src, pluscal.Options{})
	if len(errs) > 0 {
		e := errs[0]
		l, c := snap.File.LineCol(e.Span.Start)
		return nil, errf(codeRequestFailed, "PlusCal error at line %d, column %d: %s", l, c, e.Msg)
	}
	sp, text, changed := lineDiff(src, out)
	if !changed {
		return nil, errUpToDate
	}
	edit := protocol.TextEdit{Range: toRange(snap.File, sp, s.encoding()), NewText: text}
	s.mu.Lock()
	ws := s.clientCaps.Workspace
	versioned := ws != nil && ws.WorkspaceEdit != nil && ws.WorkspaceEdit.DocumentChanges != nil && *ws.WorkspaceEdit.DocumentChanges
	s.mu.Unlock()
	if !versioned {
		return &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{snap.URI: {edit}}}, nil
	}
	// The version the edit was computed for: a client whose text has moved
	// on rejects it instead of corrupting the document.
	ver := snap.Version
	return &protocol.WorkspaceEdit{DocumentChanges: []protocol.DocumentChange{&protocol.TextDocumentEdit{
		TextDocument: protocol.OptionalVersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: snap.URI}, Version: &ver},
		Edits:        []protocol.TextDocumentEditElement{&edit},
	}}}, nil
}

// lineDiff returns the lines of old that differ from new (from the start
// of the first differing line to the end of the last) and their
// replacement in new; false when the texts are equal.
func lineDiff(old, new []byte) (source.Span, string, bool) {
	n := min(len(old), len(new))
	p := 0
	for p < n && old[p] == new[p] {
		p++
	}
	if p == len(old) && p == len(new) {
		return source.Span{}, "", false
	}
	for p > 0 && old[p-1] != '\n' {
		p--
	}
	// The common suffix may not reach into the common prefix.
	q := 0
	for q < n-p && old[len(old)-1-q] == new[len(new)-1-q] {
		q++
	}
	// Keep whole lines in the suffix: it starts just after a newline.
	for q > 0 && old[len(old)-q-1] != '\n' {
		q--
	}
	return source.Span{Start: p, End: len(old) - q}, string(new[p : len(new)-q]), true
}

// translateCommand is tlals.translate [uri]: it asks the client to apply
// the translation edit (so that undo restores the old text) and returns
// it; null when the translation is up to date.
func (s *Server) translateCommand(ctx context.Context, args []protocol.LSPAny) (any, error) {
	u, _, err := uriArg(args)
	if err != nil {
		return nil, err
	}
	snap, ok := s.session.Snapshot(u)
	if !ok {
		return nil, errf(jsonrpc2.InvalidParams, "document %s is not open", u)
	}
	we, err := s.translationEdit(snap)
	if errors.Is(err, errUpToDate) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	// The client answers applyEdit on the connection this request holds:
	// let the next messages be read meanwhile.
	s.async(ctx)
	if err := s.applyEdit(ctx, we); err != nil {
		return nil, errf(codeRequestFailed, "%v", err)
	}
	return we, nil
}

// applyEdit sends workspace/applyEdit and reports a refusal as an error.
func (s *Server) applyEdit(ctx context.Context, we *protocol.WorkspaceEdit) error {
	label := translateTitle
	res, err := s.client.ApplyEdit(ctx, &protocol.ApplyWorkspaceEditParams{Label: &label, Edit: *we})
	if err != nil {
		return fmt.Errorf("workspace/applyEdit: %w", err)
	}
	if !res.Applied {
		reason := "no reason given"
		if res.FailureReason != nil {
			reason = *res.FailureReason
		}
		return fmt.Errorf("the client did not apply the translation: %s", reason)
	}
	return nil
}

// translateActions offers the translation as the quick fix of each
// stale-translation warning in the request's context and as the source
// action "Translate PlusCal" whenever the translation would change.
func (s *Server) translateActions(ctx context.Context, v *view, p *protocol.CodeActionParams) ([]*protocol.CodeAction, error) {
	we, err := s.translationEdit(v.Snap)
	if err != nil {
		return nil, nil // up to date, or a PlusCal error its diagnostic shows
	}
	var out []*protocol.CodeAction
	for _, d := range p.Context.Diagnostics {
		if code, _ := d.Code.(protocol.String); code != analysis.StaleCode {
			continue
		}
		kind, preferred := protocol.CodeActionKindQuickFix, true
		out = append(out, &protocol.CodeAction{Title: translateTitle, Kind: &kind, Diagnostics: []protocol.Diagnostic{d}, IsPreferred: &preferred, Edit: we})
	}
	kind := translateKind
	out = append(out, &protocol.CodeAction{Title: translateTitle, Kind: &kind, Edit: we})
	return out, nil
}

// translateOnSave applies the translation edit to a saved document when
// the setting asks for it. It runs on its own goroutine: the client's
// answer to applyEdit arrives on the read loop that delivered didSave.
func (s *Server) translateOnSave(u uri.URI) {
	if !s.Settings().TranslateOnSave {
		return
	}
	snap, ok := s.session.Snapshot(u)
	if !ok {
		return
	}
	we, err := s.translationEdit(snap)
	if err != nil {
		return // up to date, or a PlusCal error its diagnostic shows
	}
	s.goTask("translate on save", func() {
		if err := s.applyEdit(s.bg, we); err != nil {
			s.log.Warn("translate on save", zap.String("uri", string(u)), zap.Error(err))
		}
	})
}

// translateSettings decode the settings of translation.
func translateSettings(fields map[string]func(*Settings, json.RawMessage) error) {
	fields["translateOnSave"] = func(st *Settings, raw json.RawMessage) error {
		return json.Unmarshal(raw, &st.TranslateOnSave)
	}
}
