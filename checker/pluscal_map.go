package checker

import (
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
		if r.Start < 0 || r.End > len(file.Text) || r.End < r.Start {
			return
		}
		sp, ok := sm.PlusCal(source.Span{Start: r.Start, End: r.End})
		if !ok {
			return
		}
		r.PlusCal = rangeOf(&eval.Loc{File: file, Span: sp})
	}
	mapOne(res.Location)
	if res.Failing != nil {
		mapOne(res.Failing.Location)
	}
	for _, c := range res.Calls {
		mapOne(c)
	}
	for _, c := range res.Nested {
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
