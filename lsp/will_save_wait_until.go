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

func init() {
	methods[protocol.MethodTextDocumentWillSaveWaitUntil] = handler{fn: decoded((*Server).willSaveWaitUntil)}
	capabilities = append(capabilities, func(s *Server, caps *protocol.ServerCapabilities) {
		if sync, ok := caps.TextDocumentSync.(*protocol.TextDocumentSyncOptions); ok {
			yes := true
			sync.WillSaveWaitUntil = &yes
		}
	})
	settingFields["formatOnSave"] = func(st *Settings, raw json.RawMessage) error {
		return json.Unmarshal(raw, &st.FormatOnSave)
	}
}

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
