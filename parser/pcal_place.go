package parser

import (
	"bytes"
	"context"
	"reflect"
	"strings"

	"github.com/tlals/tlals/parser/ast"
)

// Where pcal.trans looks for the algorithm (trans.performTranslation): not
// in the syntax tree but in the lines of the file, the lines of an old
// translation left out. The first line holding "--algorithm", or else
// "--fair", starts it, wherever that is: in a comment before the module's
// header or after its end, in a `\*` comment, even in a string. The
// comment holding it ends at the `*)` that brings the nesting depth,
// counted from there, back to zero.

// AlgorithmStart returns the offset of the "--algorithm" or "--fair" with
// which pcal.trans starts the algorithm of src, and whether it is "--fair".
// oldTranslation, when not nil, is the text between the BEGIN and END
// TRANSLATION lines, which pcal.trans removes before looking.
func AlgorithmStart(src []byte, oldTranslation *ast.Span) (at int, fair, ok bool) {
	if !bytes.Contains(src, []byte("--algorithm")) && !bytes.Contains(src, []byte("--fair")) {
		return 0, false, false
	}
	for ls := 0; ls < len(src); {
		le := bytes.IndexByte(src[ls:], '\n')
		if le < 0 {
			le = len(src)
		} else {
			le += ls
		}
		if oldTranslation == nil || ls < oldTranslation.Start || ls >= oldTranslation.End {
			line := src[ls:le]
			// per line, "--algorithm" first, as pcal.trans
			if i := bytes.Index(line, []byte("--algorithm")); i >= 0 {
				return ls + i, false, true
			}
			if i := bytes.Index(line, []byte("--fair")); i >= 0 {
				return ls + i, true, true
			}
		}
		ls = le + 1
	}
	return 0, false, false
}

// AlgorithmCommentEnd returns the offset just past the `*)` that closes the
// comment holding the algorithm that starts at at ("--algorithm" or
// "--fair"), scanning as pcal.trans does: from after that word, with depth
// one, `(*` and `*)` counted within each line. ok is false when the file
// ends first ("Algorithm not in properly terminated comment").
func AlgorithmCommentEnd(src []byte, at int) (end int, ok bool) {
	i := at + len("--algorithm")
	if bytes.HasPrefix(src[at:], []byte("--fair")) && !bytes.HasPrefix(src[at:], []byte("--algorithm")) {
		i = at + len("--fair")
	}
	depth := 1
	for i < len(src) {
		// a pair never spans a line end (pcal.trans reads lines)
		if i+1 < len(src) && src[i+1] != '\n' && src[i+1] != '\r' {
			switch {
			case src[i] == '(' && src[i+1] == '*':
				depth++
				i += 2
				continue
			case src[i] == '*' && src[i+1] == ')':
				depth--
				i += 2
				if depth == 0 {
					return i, true
				}
				continue
			}
		}
		i++
	}
	return 0, false
}

// ParseAlgorithmAt parses the PlusCal algorithm that starts at at (the
// "--algorithm" or "--fair") and whose comment ends at end (after its
// `*)`), wherever that is in src: before the module's header or after its
// end, where the module's tree has no comment to hold it. Spans are
// offsets in src. alg is nil when the text holds no algorithm at all.
func ParseAlgorithmAt(ctx context.Context, src []byte, at, end int) (alg *ast.Algorithm, errs []Error) {
	if at < 0 || at > end || end > len(src) {
		return nil, nil
	}
	// The text parsed: a module whose one comment is the algorithm, each
	// byte of src from at on at the same offset plus len(prefix), the
	// lines before at blanked (so that lines keep their columns).
	const prefix = "---- MODULE PCal ----\n(*"
	text := make([]byte, 0, len(prefix)+end+16)
	text = append(text, prefix...)
	for _, c := range src[:at] {
		if c != '\n' && c != '\r' {
			c = ' '
		}
		text = append(text, c)
	}
	text = append(text, src[at:end]...)
	if !bytes.HasSuffix(text, []byte("*)")) {
		text = append(text, " *)"...)
	}
	text = append(text, "\n====\n"...)
	tree, err := parseText(ctx, nil, text, modules{header: true, tail: len(text)})
	if err != nil || tree == nil {
		return nil, []Error{{Span: ast.Span{Start: at, End: end}, Msg: "the PlusCal algorithm could not be parsed"}}
	}
	defer tree.Close()
	l := &lowerer{src: text, flat: flatten(tree, text, nil), noPcalSearch: true}
	defer l.close()
	root := tree.RootNode()
	var mod *ast.Module
	if l.flat != nil {
		mod = l.file(l.flat.root())
	} else {
		mod = l.file(root)
	}
	alg = mod.Algorithm
	errs = syntaxErrors(root, text, text)
	for _, e := range l.errors {
		dup := false
		for _, o := range errs {
			dup = dup || (o.Span.Start == e.Span.Start && o.Msg == e.Msg)
		}
		if !dup {
			errs = append(errs, e)
		}
	}
	// Back to src's offsets; only the algorithm's errors count.
	d := len(prefix)
	lo, hi := at+d, end+d
	var out []Error
	for _, e := range errs {
		if e.Span.End < lo || e.Span.Start > hi {
			continue
		}
		e.Span = ast.Span{Start: max(e.Span.Start, lo) - d, End: min(e.Span.End, hi) - d}
		if strings.HasPrefix(e.Msg, "unexpected `") {
			// quote src's text: the text parsed has blanks where the
			// error node may start
			tok := bytes.TrimLeft(src[e.Span.Start:e.Span.End], " \t\r\n")
			if i := bytes.IndexAny(tok, " \t\r\n"); i >= 0 {
				tok = tok[:i]
			}
			if len(tok) > 30 {
				tok = append(tok[:30:30], "…"...)
			}
			e.Msg = "unexpected `" + string(tok) + "`"
		}
		out = append(out, e)
	}
	sortErrors(out)
	if alg != nil {
		shiftSpans(reflect.ValueOf(alg), -d, map[uintptr]bool{})
	}
	return alg, out
}

// shiftSpans adds delta to every span of v (a pointer into the AST).
func shiftSpans(v reflect.Value, delta int, seen map[uintptr]bool) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		shiftSpans(v.Elem(), delta, seen)
	case reflect.Interface:
		if !v.IsNil() {
			shiftSpans(v.Elem(), delta, seen)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			shiftSpans(v.Index(i), delta, seen)
		}
	case reflect.Struct:
		if v.Type() == sourceSpanType {
			if v.CanSet() {
				sp := v.Addr().Interface().(*ast.Span)
				sp.Start, sp.End = max(sp.Start+delta, 0), max(sp.End+delta, 0)
			}
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.CanSet() || f.Kind() == reflect.Pointer || f.Kind() == reflect.Slice || f.Kind() == reflect.Interface {
				shiftSpans(f, delta, seen)
			}
		}
	}
}

// extramodularAlgorithm finds an algorithm that pcal.trans would translate
// but that lies outside the module (in a comment before the header or
// after the end), where the module's tree does not look. Only a block
// comment that begins with the algorithm counts here: prose before a
// module that merely mentions "--algorithm" is no algorithm for the
// editor (pcal.trans's own errors on it are the translator's business).
func (l *lowerer) extramodularAlgorithm(mod *ast.Module) *ast.Algorithm {
	at, _, ok := AlgorithmStart(l.src, mod.Translation)
	if !ok || (at >= mod.Start && at < mod.End) {
		return nil
	}
	i := at
	for i > 0 && (l.src[i-1] == ' ' || l.src[i-1] == '\t' || l.src[i-1] == '\n' || l.src[i-1] == '\r' || l.src[i-1] == '*') {
		i--
	}
	if i < 1 || l.src[i-1] != '(' || l.src[i] != '*' {
		return nil
	}
	end, ok := AlgorithmCommentEnd(l.src, at)
	if !ok {
		end = len(l.src)
	}
	alg, errs := ParseAlgorithmAt(context.Background(), l.src, at, end)
	l.errors = append(l.errors, errs...)
	return alg
}
