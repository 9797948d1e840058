package lsp

import (
	"context"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/lsp/cache"
)

// The prelude every position-based feature shares: find the document's
// snapshot, its analysis and the byte offset of the request's position.

// view is one document seen by one request.
type view struct {
	Snap *cache.Snapshot
	Res  *cache.Result
	Prog *analysis.Program // nil when the server runs another Analyzer
}

// viewOf returns the current analysis of an open document. A document that
// is not open is an error the client can see (RequestFailed), never a
// crash.
func (s *Server) viewOf(ctx context.Context, u uri.URI) (*view, error) {
	snap, ok := s.session.Snapshot(u)
	if !ok {
		return nil, errf(jsonrpc2.InvalidParams, "document %s is not open", u)
	}
	res, err := snap.Analyze(ctx)
	if err != nil {
		return nil, err
	}
	return &view{Snap: snap, Res: res, Prog: res.Program}, nil
}

// offset converts an LSP position of the view's document to a byte offset,
// clamped to the text (clients send positions past the end after edits).
func (s *Server) offset(v *view, p protocol.Position) int {
	off, err := v.Snap.File.Offset(fromPosition(p), s.encoding())
	if err != nil {
		return 0 // only negative positions fail, and uint32 has none
	}
	return off
}

// hoverContributor adds a paragraph to a hover at byte offset off of the
// view's document (e.g. the value of a variable at the current trace step);
// "" adds nothing. Contributors are listed in methods.go.
type hoverContributor func(s *Server, ctx context.Context, v *view, off int) string

// hoverExtras joins the contributions for a hover.
func (s *Server) hoverExtras(ctx context.Context, v *view, off int) string {
	var parts []string
	for _, c := range hoverContributors {
		if t := c(s, ctx, v, off); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n\n---\n\n")
}
