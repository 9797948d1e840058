package checker

import (
	"unicode/utf8"

	"github.com/tlals/tlals/analysis/pluscal"
	"github.com/tlals/tlals/checker/eval"
	"github.com/tlals/tlals/parser/source"
)

// MapPlusCal gives the locations of res that lie in the PlusCal translation
// of file (the module checked, with the text it was checked with) the range
// of the PlusCal text they were translated from, in Range.PlusCal: the
// error's location, its Calls, and each trace step's action. The TLA+
// locations and action names stay as they are (TLC's users know them); the
// PlusCal range is given beside them. A location inside an expression copied
// from the algorithm (a define block, a `with' binding) maps to the same
// sub-expression; one elsewhere in an action maps to the smallest statement
// or label that produced it.
//
// It returns pluscal.ErrNoAlgorithm when file has no algorithm,
// pluscal.ErrStale when its translation is missing or out of date (nothing
// is mapped then: the TLA+ text checked is not the algorithm's), or the
// algorithm's first PlusCal error.
func MapPlusCal(res *Result, file *source.File) error {
	sm, err := pluscal.CurrentMap(file.Text)
	if err != nil {
		return err
	}
	mapOne := func(r *Range) {
		if r == nil || r.File != file.Name {
			return
		}
		start, ok1 := offsetOf(file, r.StartLine, r.StartColumn)
		last, ok2 := offsetOf(file, r.EndLine, r.EndColumn)
		if !ok1 || !ok2 || last < start {
			return
		}
		_, size := utf8.DecodeRune(file.Text[last:])
		sp, ok := sm.PlusCal(source.Span{Start: start, End: last + size})
		if !ok {
			return
		}
		r.PlusCal = rangeOf(&eval.Loc{File: file, Span: sp})
	}
	mapOne(res.Location)
	for _, c := range res.Calls {
		mapOne(c)
	}
	for i := range res.Trace {
		mapOne(res.Trace[i].Location)
	}
	for _, p := range res.Continued {
		mapOne(p.Location)
		for i := range p.Trace {
			mapOne(p.Trace[i].Location)
		}
	}
	return nil
}

// offsetOf is the byte offset of a 1-based line and rune column (as Range
// counts them), false when the file has no such place.
func offsetOf(f *source.File, line, col int) (int, bool) {
	if line < 1 || line > f.LineCount() || col < 1 {
		return 0, false
	}
	off := f.LineStart(line - 1)
	for ; col > 1; col-- {
		if off >= len(f.Text) || f.Text[off] == '\n' {
			return 0, false
		}
		_, size := utf8.DecodeRune(f.Text[off:])
		off += size
	}
	if off >= len(f.Text) {
		return 0, false
	}
	return off, true
}
