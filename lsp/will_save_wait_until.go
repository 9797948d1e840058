package lsp

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"
)

// textDocument/willSaveWaitUntil: with the formatOnSave setting, the
// formatting edits of the document about to be saved (the client applies
// them before writing); else none. Both editors send the request on every
// save once the server announces it, so the one setting serves both.

func (s *Server) willSaveWaitUntil(ctx context.Context, p *protocol.WillSaveTextDocumentParams) (any, error) {
	if !s.Settings().FormatOnSave || p.Reason != protocol.TextDocumentSaveReasonManual {
		// Auto-saves (after a delay, on focus change) must not move
		// the text under the cursor.
		return []protocol.TextEdit{}, nil
	}
	v, err := s.viewOf(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	return s.formatEdits(ctx, v, 0, v.Snap.File.LineCount()+1)
}

// willSaveWaitUntilCaps asks for willSaveWaitUntil (format on save) in the
// document synchronization the server declared.
func willSaveWaitUntilCaps(s *Server, caps *protocol.ServerCapabilities) {
	if sync, ok := caps.TextDocumentSync.(*protocol.TextDocumentSyncOptions); ok {
		yes := true
		sync.WillSaveWaitUntil = &yes
	}
}

// formatSettings decode the settings of formatting.
func formatSettings(fields map[string]func(*Settings, json.RawMessage) error) {
	fields["formatOnSave"] = func(st *Settings, raw json.RawMessage) error {
		return json.Unmarshal(raw, &st.FormatOnSave)
	}
}
