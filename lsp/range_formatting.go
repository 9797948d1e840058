package lsp

import (
	"context"

	"go.lsp.dev/protocol"
)

// textDocument/rangeFormatting: formatting limited to the module units
// (definitions, declarations, ...) that the range touches, taken whole: a
// unit's lines are laid out together (a list's bullets move with its
// first), and independently of the other units.

func (s *Server) rangeFormatting(ctx context.Context, p *protocol.DocumentRangeFormattingParams) (any, error) {
	v, err := s.viewOf(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	f := v.Snap.File
	start, end := s.offset(v, p.Range.Start), s.offset(v, p.Range.End)
	if m := v.moduleSyntax(); m != nil {
		for _, u := range m.Units {
			if sp := u.Pos(); sp.Start <= end && start <= sp.End {
				start, end = min(start, sp.Start), max(end, sp.End)
			}
		}
	}
	lo, hi := f.Line(start), f.Line(end)+1
	if end == len(f.Text) {
		hi = f.LineCount() + 1 // the end of the file: its trailing blank lines too
	}
	return s.formatEdits(ctx, v, lo, hi)
}

// rangeFormattingCaps declares range formatting.
func rangeFormattingCaps(s *Server, caps *protocol.ServerCapabilities) {
	caps.DocumentRangeFormattingProvider = protocol.Boolean(true)
}
