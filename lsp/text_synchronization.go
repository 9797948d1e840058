package lsp

import (
	"context"
	"errors"

	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/tlals/tlals/lsp/cache"
)

// Document synchronisation: didOpen, didChange, didSave, didClose. These
// run on the read loop, so they are applied in the order they arrive.

func (s *Server) didOpen(ctx context.Context, p *protocol.DidOpenTextDocumentParams) (any, error) {
	td := p.TextDocument
	if td.URI == "" {
		s.log.Warn("didOpen without a URI")
		return nil, nil
	}
	if v, open := s.session.IsOpen(td.URI); open {
		s.log.Warn("didOpen of an open document; replacing it", zap.String("uri", string(td.URI)), zap.Int32("version", v))
	}
	s.session.Open(td.URI, string(td.LanguageID), td.Version, []byte(td.Text))
	s.diag.schedule()
	return nil, nil
}

func (s *Server) didChange(ctx context.Context, p *protocol.DidChangeTextDocumentParams) (any, error) {
	u := p.TextDocument.URI
	changes := make([]cache.Change, 0, len(p.ContentChanges))
	for _, c := range p.ContentChanges {
		switch c := c.(type) {
		case *protocol.TextDocumentContentChangePartial:
			r := &cache.Range{Start: fromPosition(c.Range.Start), End: fromPosition(c.Range.End)}
			changes = append(changes, cache.Change{Range: r, Text: c.Text})
		case *protocol.TextDocumentContentChangeWholeDocument:
			changes = append(changes, cache.Change{Text: c.Text})
		default:
			s.log.Warn("didChange: unknown content change", zap.String("uri", string(u)))
			return nil, nil
		}
	}
	if old, open := s.session.IsOpen(u); open && p.TextDocument.Version <= old {
		// Versions must increase; apply anyway, in order, as the
		// protocol's ordering is what keeps the text in sync.
		s.log.Warn("didChange: version does not increase", zap.String("uri", string(u)),
			zap.Int32("old", old), zap.Int32("new", p.TextDocument.Version))
	}
	if _, err := s.session.Change(u, p.TextDocument.Version, changes, s.encoding()); err != nil {
		if errors.Is(err, cache.ErrNotOpen) {
			s.log.Warn("didChange for a document that is not open; ignored", zap.String("uri", string(u)))
			return nil, nil
		}
		s.log.Warn("didChange rejected", zap.String("uri", string(u)), zap.Error(err))
		return nil, nil
	}
	s.cancelChecksReading(cache.PathOf(u)) // a newer text makes runs stale (check.go)
	s.checkAfterIdle(u)                    // with checkOnIdle (check.go)
	s.diag.schedule()
	return nil, nil
}

func (s *Server) didSave(ctx context.Context, p *protocol.DidSaveTextDocumentParams) (any, error) {
	// The saved text is the open text, which the analysis already reads
	// (open documents win over the disk): nothing to recompute.
	s.log.Debug("didSave", zap.String("uri", string(p.TextDocument.URI)))
	s.translateOnSave(p.TextDocument.URI) // applies the edit in the background (translate.go)
	s.checkOnSave(p.TextDocument.URI)     // starts runs in the background (check.go)
	return nil, nil
}

func (s *Server) didClose(ctx context.Context, p *protocol.DidCloseTextDocumentParams) (any, error) {
	u := p.TextDocument.URI
	if !s.session.Close(u) {
		s.log.Warn("didClose for a document that is not open; ignored", zap.String("uri", string(u)))
		return nil, nil
	}
	s.diag.clear(u)
	s.diag.schedule()
	return nil, nil
}
