package lsp

import (
	"context"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/format"
	"github.com/tlals/tlals/parser/source"
)

// textDocument/formatting: the edits that make the document formatted
// (package parser/format), one per run of changed lines, so that the
// client keeps its cursor and folds. A document with syntax errors gets no
// edits: formatting what does not parse could change its meaning, and the
// errors are already shown.

func (s *Server) formatting(ctx context.Context, p *protocol.DocumentFormattingParams) (any, error) {
	v, err := s.viewOf(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	return s.formatEdits(ctx, v, 0, v.Snap.File.LineCount()+1)
}

// formatEdits formats the view's document and returns the edits of the
// lines [lo, hi).
func (s *Server) formatEdits(ctx context.Context, v *view, lo, hi int) ([]protocol.TextEdit, error) {
	edits := []protocol.TextEdit{}
	if isCfg(v.Snap.Path) {
		return edits, nil // a model, not TLA+
	}
	res := v.parseResult()
	if res == nil {
		return edits, nil
	}
	out, err := format.Parsed(ctx, res)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		return edits, nil // a syntax error
	}
	f := v.Snap.File
	lineOffset := func(l int) int {
		if l >= f.LineCount() {
			return len(f.Text)
		}
		return f.LineStart(l)
	}
	for _, e := range format.LineEditsIn(f.Text, out, lo, hi) {
		sp := source.Span{Start: lineOffset(e.Start), End: lineOffset(e.End)}
		edits = append(edits, protocol.TextEdit{Range: toRange(f, sp, s.encoding()), NewText: e.Text})
	}
	return edits, nil
}

// parseResult is the parse of the view's document, as the formatter takes
// it, or nil when there is none.
func (v *view) parseResult() *parser.Result {
	if v.Prog == nil {
		return v.Res.Parse
	}
	root := v.Prog.Root
	if root == nil || root.AST == nil || root.File == nil || string(root.File.Text) != string(v.Snap.File.Text) {
		return nil
	}
	res := &parser.Result{File: root.File, Module: root.AST}
	for _, d := range root.SyntaxErrors {
		res.Errors = append(res.Errors, parser.Error{Span: d.Span, Msg: d.Message, PlusCal: d.Code == "pluscal"})
	}
	return res
}

// formattingCaps declares whole-document formatting.
func formattingCaps(s *Server, caps *protocol.ServerCapabilities) {
	caps.DocumentFormattingProvider = protocol.Boolean(true)
}
