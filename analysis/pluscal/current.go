package pluscal

import (
	"bytes"
	"context"
	"errors"

	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/source"
)

// ErrStale is returned by CurrentMap when the module's translation is
// missing or differs (beyond white space) from the algorithm's.
var ErrStale = errors.New("the PlusCal translation is missing or out of date")

// CurrentMap returns the source map of the translation as it stands in src,
// for a module whose translation is up to date: its TLA ranges are offsets
// in src itself, so that locations reported on src (by the checker, say)
// can be looked up directly. A translation written by another tool that is
// identical to ours modulo white space is mapped too, by aligning the two
// texts character by character. It fails with ErrNoAlgorithm, ErrStale, or
// the algorithm's first PlusCal error.
func CurrentMap(src []byte) (*SourceMap, error) {
	res := parser.Parse(context.Background(), "", src)
	if res.Module == nil || res.Module.Algorithm == nil {
		return nil, ErrNoAlgorithm
	}
	_, _, span, ok := markerRegion(src, res.Module)
	if !ok {
		return nil, ErrStale
	}
	opts := Options{}
	tr, errs := TranslateModule(res, opts)
	if len(errs) > 0 {
		// As Stale: a translation made with -label is current too.
		opts.Label = true
		tr, errs = TranslateModule(parser.Parse(context.Background(), "", src), opts)
		if len(errs) > 0 {
			return nil, errs[0]
		}
	}
	tr = committedLayout(res, opts, tr)
	current := src[span.Start:span.End]
	al, ok := newAligner([]byte(tr.Text), current)
	if !ok {
		return nil, ErrStale
	}
	sm := &SourceMap{tla: src, pcal: src}
	for _, m := range tr.Map {
		t := al.span(m.TLA)
		if t.End <= t.Start {
			continue
		}
		m.TLA = source.Span{Start: span.Start + t.Start, End: span.Start + t.End}
		sm.Mappings = append(sm.Mappings, m)
	}
	sm.sort()
	return sm, nil
}

// isSpace is the white space two texts may differ by (ASCII: the
// translator writes no other).
func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f'
}

// aligner maps ranges of one text to another that has the same non-space
// bytes in the same order.
type aligner struct {
	before []int // before[i]: how many non-space bytes from[:i] holds
	at     []int // at[k]: the offset of the k-th non-space byte of to
	toLen  int
}

func newAligner(from, to []byte) (*aligner, bool) {
	al := &aligner{before: make([]int, len(from)+1), toLen: len(to)}
	var fromKept []byte
	for i, b := range from {
		al.before[i+1] = al.before[i]
		if !isSpace(b) {
			al.before[i+1]++
			fromKept = append(fromKept, b)
		}
	}
	var toKept []byte
	for i, b := range to {
		if !isSpace(b) {
			al.at = append(al.at, i)
			toKept = append(toKept, b)
		}
	}
	return al, bytes.Equal(fromKept, toKept)
}

// span maps a range of from to the range of to that holds the same
// non-space bytes (empty at the next non-space byte when it holds none).
func (al *aligner) span(sp source.Span) source.Span {
	k, j := al.before[sp.Start], al.before[sp.End]
	start := al.toLen
	if k < len(al.at) {
		start = al.at[k]
	}
	if j <= k {
		return source.Span{Start: start, End: start}
	}
	return source.Span{Start: start, End: al.at[j-1] + 1}
}

// alignSpan maps sp, a range of from, into to when both texts hold the
// same non-space bytes.
func alignSpan(from []byte, sp source.Span, to []byte) (source.Span, bool) {
	if sp.Start < 0 || sp.End > len(from) || sp.Start > sp.End {
		return source.Span{}, false
	}
	al, ok := newAligner(from, to)
	if !ok {
		return source.Span{}, false
	}
	return al.span(sp), true
}

// Diagnose is what an editor shows of a parsed module's algorithm: the
// translator's errors, or, when the algorithm translates, whether the
// module's translation is missing or differs (beyond white space) from
// ours. A translation made with the -label option counts as current.
func Diagnose(res *parser.Result) (errs []Error, stale bool) {
	errs, stale, _ = DiagnoseAll(res)
	return errs, stale
}

// DiagnoseAll is Diagnose, and the reference's checksum validation: when
// the BEGIN TRANSLATION line records checksums, a warning (at that line,
// on its recorded checksums, in SANY's words) that the algorithm or the
// translation has changed since the last translation.
func DiagnoseAll(res *parser.Result) (errs []Error, stale bool, diverged *Error) {
	tr, errs := TranslateModule(res, Options{})
	if len(errs) > 0 {
		labeled, lerrs := TranslateModule(res, Options{Label: true})
		if len(lerrs) > 0 || !current(res, committedLayout(res, Options{Label: true}, labeled)) {
			return errs, false, nil
		}
		return nil, false, checksumDivergence(res, labeled)
	}
	return nil, !current(res, committedLayout(res, Options{}, tr)), checksumDivergence(res, tr)
}

// checksumDivergence compares the checksums the BEGIN TRANSLATION line
// records (as pcal's Validator reads them: right after `\* BEGIN
// TRANSLATION', each only when written as a value) with the algorithm's
// chksum(pcal) and the checksum of the lines between the markers.
func checksumDivergence(res *parser.Result, tr *Translation) *Error {
	src := res.File.Text
	bStart, bEnd, span, ok := markerRegion(src, res.Module)
	if !ok {
		return nil
	}
	m := beginChecksumRE.FindStringSubmatchIndex(string(src[bStart:bEnd]))
	if m == nil {
		return nil
	}
	line := string(src[bStart:bEnd])
	pcal := m[2] >= 0 && line[m[2]:m[3]] != tr.PCalChecksum()
	tla := m[4] >= 0 && line[m[4]:m[5]] != tlaChecksum(string(src[span.Start:span.End]))
	name := ""
	if res.Module.Name != nil {
		name = res.Module.Name.Name
	}
	var msg string
	switch {
	case pcal && tla:
		msg = "Both the PlusCal algorithm and its TLA+ translation in module " + name + " have changed since the last translation."
	case tla:
		msg = "The TLA+ translation in module " + name + " has changed since its last translation."
	case pcal:
		msg = "The PlusCal algorithm in module " + name + " has changed since its last translation."
	default:
		return nil
	}
	return &Error{Span: source.Span{Start: bStart + m[0], End: bStart + m[1]}, Msg: msg}
}

// committedLayout is tr, or, when the module holds instead the same
// translation with pc declared last (made by an older translator), that
// one: both count as current.
func committedLayout(res *parser.Result, opts Options, tr *Translation) *Translation {
	if current(res, tr) {
		return tr
	}
	opts.PCLast = true
	if alt, errs := TranslateModule(parser.Parse(context.Background(), "", res.File.Text), opts); len(errs) == 0 && current(res, alt) {
		return alt
	}
	return tr
}

// current reports whether the module holds the translation tr.
func current(res *parser.Result, tr *Translation) bool {
	_, _, span, ok := markerRegion(res.File.Text, res.Module)
	return ok && StripSpace(tr.Text) == StripSpace(string(res.File.Text[span.Start:span.End]))
}
