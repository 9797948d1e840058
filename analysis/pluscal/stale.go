package pluscal

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"unicode"

	"github.com/tlals/tlals/parser"
)

// checksumRE matches the checksum part of a BEGIN TRANSLATION line, as the
// reference's Validator reads it.
var checksumRE = regexp.MustCompile(`\(\s*(?i:ch(?:ec)?ksum\(p(?:lus)?cal\))\s*(?:=\s*"([0-9A-Fa-f]*)"|\\in\s*STRING)\s*/\\\s*(?i:ch(?:ec)?ksum\(tla\+?\))\s*(?:=\s*"([0-9A-Fa-f]*)"|\\in\s*STRING)\s*\)`)

// beginChecksumRE is the reference's CHECKSUM_PATTERN: the checksums
// count only right after `\* BEGIN TRANSLATION'.
var beginChecksumRE = regexp.MustCompile(`\\\* BEGIN TRANSLATION\s+` + checksumRE.String())

// ErrNoAlgorithm is returned by Stale for a module without PlusCal.
var ErrNoAlgorithm = errors.New("no PlusCal algorithm in the module")

// Stale reports whether the module's translation is missing or out of date
// with respect to its algorithm. When the BEGIN TRANSLATION line carries
// checksums that match the algorithm and the translation, it is current;
// otherwise the algorithm's translation is compared, modulo whitespace,
// with the text between the markers. An algorithm that does not translate returns
// its first error.
func Stale(src []byte) (bool, error) {
	res := parser.Parse(context.Background(), "", src)
	m := res.Module
	if m == nil || m.Algorithm == nil {
		return false, ErrNoAlgorithm
	}
	bStart, bEnd, tr, ok := markerRegion(src, m)
	if !ok {
		return true, nil
	}
	current := string(src[tr.Start:tr.End])
	opts := Options{}
	t, errs := TranslateModule(res, opts)
	if len(errs) > 0 {
		opts.Label = true
		t, errs = TranslateModule(parser.Parse(context.Background(), "", src), opts)
		if len(errs) > 0 {
			return true, errs[0]
		}
	}
	// Checksums that match the algorithm and the translation (as
	// pcal.trans computes them) say it is current.
	if sm := beginChecksumRE.FindStringSubmatch(string(src[bStart:bEnd])); sm != nil && sm[1] != "" && sm[2] != "" {
		if sm[1] == t.PCalChecksum() && sm[2] == tlaChecksum(current) {
			return false, nil
		}
	}
	t = committedLayout(res, opts, t)
	return StripSpace(t.Text) != StripSpace(current), nil
}

// StripSpace removes every white-space character: two translations are
// "identical modulo whitespace" when their StripSpace are equal.
func StripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
