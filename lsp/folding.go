package lsp

import (
	"context"
	"sort"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// textDocument/foldingRange: modules (nested too), block comments and runs
// of two or more line comments (kind comment), the PlusCal algorithm and
// the translation block (kind region), and every definition, PlusCal
// declaration, LET, CASE, IF, junction list and proof that spans two lines
// or more.

func (s *Server) foldingRange(ctx context.Context, p *protocol.FoldingRangeParams) (any, error) {
	v, err := s.viewOf(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	lineOnly, limit := false, 0
	s.mu.Lock()
	if td := s.clientCaps.TextDocument; td != nil && td.FoldingRange != nil {
		fc := td.FoldingRange
		lineOnly = fc.LineFoldingOnly != nil && *fc.LineFoldingOnly
		if fc.RangeLimit != nil {
			limit = int(*fc.RangeLimit)
		}
	}
	s.mu.Unlock()
	out := foldingRanges(v.Snap.File, v.moduleSyntax(), s.encoding(), lineOnly)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// fold is a foldable span in byte offsets.
type fold struct {
	span source.Span
	kind protocol.FoldingRangeKind
}

// foldingRanges lists the folds of a module's file, sorted by start (outer
// first). With lineOnly, ranges are whole lines: a range whose last line
// goes on after its end stops a line earlier, so that folding never hides
// code outside it.
func foldingRanges(f *source.File, m *ast.Module, enc source.Encoding, lineOnly bool) []protocol.FoldingRange {
	out := []protocol.FoldingRange{}
	if m == nil {
		return out
	}
	folds := collectFolds(f, m)
	sort.SliceStable(folds, func(i, j int) bool {
		a, b := folds[i].span, folds[j].span
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End > b.End
	})
	seen := map[[2]int]bool{}
	for _, fd := range folds {
		start, end := f.Position(fd.span.Start, enc), f.Position(fd.span.End, enc)
		if lineOnly && hasCodeAfter(f, fd.span.End) {
			end.Line--
		}
		if end.Line <= start.Line {
			continue
		}
		fr := protocol.FoldingRange{StartLine: uint32(start.Line), EndLine: uint32(end.Line), Kind: fd.kind}
		key := [2]int{start.Line, end.Line}
		if !lineOnly {
			sc, ec := uint32(start.Character), uint32(end.Character)
			fr.StartCharacter, fr.EndCharacter = &sc, &ec
			key = [2]int{fd.span.Start, fd.span.End}
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, fr)
	}
	return out
}

// hasCodeAfter reports whether the line of off goes on with more than
// blanks after off.
func hasCodeAfter(f *source.File, off int) bool {
	rest := f.Text[min(off, len(f.Text)):]
	if i := strings.IndexByte(string(rest), '\n'); i >= 0 {
		rest = rest[:i]
	}
	return strings.TrimSpace(string(rest)) != ""
}

func collectFolds(f *source.File, root *ast.Module) []fold {
	var folds []fold
	add := func(sp source.Span, kind protocol.FoldingRangeKind) {
		folds = append(folds, fold{trimSpace(f, sp), kind})
	}
	folds = append(folds, commentFolds(f, root.Comments)...)
	if t := root.Translation; t != nil && t.Start > 0 {
		// From the BEGIN marker line to the END marker line: the span
		// between them excludes both.
		begin := f.LineStart(f.Line(t.Start - 1))
		endLine := f.Line(t.End)
		end := f.LineStart(endLine+1) - 1
		if endLine+1 >= f.LineCount() {
			end = len(f.Text)
		}
		add(source.Span{Start: begin, End: max(end, begin)}, protocol.FoldingRangeKindRegion)
	}
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Module, *ast.OpDef, *ast.FuncDef, *ast.ModuleDef, *ast.Instance, *ast.Theorem, *ast.Assume,
			*ast.Let, *ast.Case, *ast.If, *ast.Junction, *ast.Proof, *ast.ProofStep,
			*ast.Macro, *ast.Procedure, *ast.Process:
			add(n.Pos(), "")
		case *ast.Algorithm:
			add(n.Span, protocol.FoldingRangeKindRegion)
			if n.DefineSpan != nil {
				add(*n.DefineSpan, "")
			}
		}
		return true
	})
	return folds
}

// commentFolds folds block comments of two lines or more and runs of two
// or more line comments that stand alone on consecutive lines.
func commentFolds(f *source.File, comments []*ast.Comment) []fold {
	var out []fold
	var run *fold
	runEnd := -1 // line of the run's last comment
	flush := func() {
		if run != nil && f.Line(run.span.Start) < runEnd {
			out = append(out, *run)
		}
		run, runEnd = nil, -1
	}
	for _, c := range comments {
		if c.Block {
			flush()
			if f.Line(c.Start) < f.Line(c.End) {
				out = append(out, fold{c.Span, protocol.FoldingRangeKindComment})
			}
			continue
		}
		line := f.Line(c.Start)
		alone := strings.TrimSpace(string(f.Text[f.LineStart(line):c.Start])) == ""
		if !alone {
			flush()
			continue
		}
		if run != nil && line == runEnd+1 {
			run.span.End, runEnd = c.End, line
			continue
		}
		flush()
		run, runEnd = &fold{c.Span, protocol.FoldingRangeKindComment}, line
	}
	flush()
	return out
}

// foldingCaps declares the capability of this file's method.
func foldingCaps(s *Server, caps *protocol.ServerCapabilities) {
	caps.FoldingRangeProvider = protocol.Boolean(true)
}
