// Package format lays out TLA+ modules in one conventional style without
// ever changing their meaning.
//
// It lives under parser because formatting is purely syntactic: it needs
// the syntax tree with its comments and positions, never name resolution
// or module loading, so the CLI and the language server can use it without
// pulling in analysis.
//
// The style is conservative, what most tlaplus/Examples specs already do:
//
//   - one space at least around `==`, around binary operators (`..` and `^`
//     excepted: `1..N` and `2^N` are written tight), after commas, and
//     after the bullet of a `/\` or `\/` list item;
//   - no trailing whitespace, one newline at the end of the file;
//   - spaces are only ever added, never removed, so hand alignment
//     (`x  == 1`, columns of `|->`) survives;
//   - lines keep their breaks and blank lines; a continuation line moves
//     right by as much as the construct it continues did, so bulleted lists
//     stay aligned and their items stay to the right of their bullets;
//   - comments keep their text; the PlusCal algorithm (p- or c-syntax, in
//     its comment) and the BEGIN/END TRANSLATION block are left verbatim.
//
// TLA+ junction lists are layout-sensitive, so every result is checked: the
// changed definitions (or the whole text, for a change outside them) are
// parsed again and must give the same syntax tree, positions aside. When
// they do not (a layout this package does not model), formatting falls
// back to removing trailing whitespace, which cannot change a token.
package format

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/comment"
)

// SyntaxError is returned for a module that does not parse: formatting a
// text whose structure is unknown could change its meaning.
type SyntaxError struct {
	Location string // file:line:col
	Msg      string
}

func (e *SyntaxError) Error() string { return e.Location + ": " + e.Msg }

// Source formats the module text src (name is used in error messages). It
// returns the text unchanged when it is already formatted.
func Source(ctx context.Context, name string, src []byte) ([]byte, error) {
	return Parsed(ctx, parser.Parse(ctx, name, src))
}

// Parsed formats the text of res (res.File.Text), a parse the caller
// already has: the language server formats its current parse, and a text
// already formatted then costs no second parse.
func Parsed(ctx context.Context, res *parser.Result) ([]byte, error) {
	if err := syntaxError(res); err != nil {
		return nil, err
	}
	src := res.File.Text
	out := layout(res, src, true)
	if bytes.Equal(out, src) {
		return out, nil
	}
	same, err := sameTree(ctx, res, out)
	if err != nil {
		return nil, err
	}
	if same {
		return out, nil
	}
	// Removing trailing whitespace and blank lines at the end cannot
	// change a token: no check needed.
	return layout(res, src, false), nil
}

// sameTree reports whether out, the full layout of res's text, parses to
// the same tree. Only the lines that changed by more than trailing
// whitespace are checked, by parsing the module units holding them on
// their own: a unit's lines parse the same wherever they stand, and the
// other lines hold comments or whitespace only. A change outside any unit
// (the header, EXTENDS) makes it parse the whole text.
func sameTree(ctx context.Context, res *parser.Result, out []byte) (bool, error) {
	src := res.File.Text
	a, b := splitLines(src), splitLines(out)
	units := res.Module.Units
	firstLine := func(u ast.Unit) int { return res.File.Line(u.Pos().Start) }
	lastLine := func(u ast.Unit) int { return res.File.Line(max(u.Pos().End-1, u.Pos().Start)) }
	var groups [][2]int // unit index ranges [i, j) to check, in order
	for l := 0; l < min(len(a), len(b)); l++ {
		if a[l] == b[l] || strings.TrimRight(a[l], " \t\r\n") == strings.TrimRight(b[l], "\r\n") {
			continue
		}
		if n := len(groups); n > 0 && groups[n-1][1] > 0 && lastLine(units[groups[n-1][1]-1]) >= l {
			continue // in the last group already
		}
		i := sort.Search(len(units), func(i int) bool { return lastLine(units[i]) >= l })
		if i == len(units) || firstLine(units[i]) > l {
			return wholeTree(ctx, res, out)
		}
		// The units sharing a line with the group go with it.
		j := i + 1
		for i > 0 && lastLine(units[i-1]) >= firstLine(units[i]) {
			i--
		}
		for j < len(units) && firstLine(units[j]) <= lastLine(units[j-1]) {
			j++
		}
		if n := len(groups); n > 0 && groups[n-1][1] > i {
			groups[n-1][1] = j
		} else {
			groups = append(groups, [2]int{i, j})
		}
	}
	if len(groups) == 0 {
		return true, nil
	}
	var text bytes.Buffer
	var want []ast.Unit
	text.WriteString("---- MODULE " + checkModule + " ----\n")
	for _, g := range groups {
		for l := firstLine(units[g[0]]); l <= lastLine(units[g[1]-1]); l++ {
			text.WriteString(b[l])
		}
		text.WriteString("\n")
		want = append(want, units[g[0]:g[1]]...)
	}
	text.WriteString("====\n")
	again := parser.Parse(ctx, res.File.Name, text.Bytes())
	if err := ctx.Err(); err != nil {
		return false, err
	}
	if syntaxError(again) != nil || len(again.Module.Units) != len(want) {
		return wholeTree(ctx, res, out)
	}
	for k, u := range want {
		if shapeOf(u) != shapeOf(again.Module.Units[k]) {
			return false, nil
		}
	}
	return true, nil
}

// checkModule names the module sameTree wraps units in.
const checkModule = "FormatCheck"

// wholeTree reports whether out parses to the same tree as res.
func wholeTree(ctx context.Context, res *parser.Result, out []byte) (bool, error) {
	again := parser.Parse(ctx, res.File.Name, out)
	if err := ctx.Err(); err != nil {
		return false, err
	}
	return syntaxError(again) == nil && shape(again.Module) == shape(res.Module), nil
}

// syntaxError is the first error of res that is not a PlusCal one (the
// algorithm is a comment to TLA+ and is never reformatted).
func syntaxError(res *parser.Result) error {
	for _, e := range res.Errors {
		if !e.PlusCal {
			return &SyntaxError{Location: res.File.Location(e.Span.Start), Msg: e.Msg}
		}
	}
	if res.Damaged {
		return &SyntaxError{Location: res.File.Location(0), Msg: "file too damaged to parse"}
	}
	return nil
}

// byte classes of the source text
const (
	code = iota
	inComment
	inString
)

// formatter holds one layout pass over a parsed module.
type formatter struct {
	src   []byte
	class []uint8 // class of each byte
	lines []int   // start offset of each line
	// keep marks lines copied byte for byte (algorithm, translation).
	keep []bool
	// inserts are the offsets before which one space is added, sorted.
	inserts []int
}

// layout returns src laid out; with full unset only trailing whitespace
// and the final newline are normalised.
func layout(res *parser.Result, src []byte, full bool) []byte {
	f := &formatter{src: src}
	f.classify()
	f.lines = []int{0}
	for i, b := range src {
		if b == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	f.keep = make([]bool, len(f.lines))
	mod := res.Module
	if alg := mod.Algorithm; alg != nil {
		span := alg.Span
		for _, c := range mod.Comments {
			if c.Start <= alg.Start && alg.Start < c.End {
				span = c.Span
				break
			}
		}
		f.keepLines(span.Start, span.End)
	}
	if tr := mod.Translation; tr != nil {
		// The marker lines too: the translator owns them.
		// The span runs from the line after BEGIN to the start of the
		// END line.
		for l := f.line(max(tr.Start-1, 0)); l <= f.line(tr.End) && l < len(f.keep); l++ {
			f.keep[l] = true
		}
	}
	deltas := make([]int, len(f.lines))
	if full {
		f.collect(mod)
		deltas = f.indents(mod)
	}
	return f.emit(deltas)
}

// classify marks the bytes inside comments and string literals.
func (f *formatter) classify() {
	src := f.src
	f.class = make([]uint8, len(src))
	for i := 0; i < len(src); {
		switch {
		case comment.At(src, i, len(src)):
			end, _ := comment.End(src, i, len(src))
			for j := i; j < end; j++ {
				f.class[j] = inComment
			}
			i = end
		case src[i] == '"':
			j := i + 1
			for j < len(src) && src[j] != '"' && src[j] != '\n' {
				if src[j] == '\\' && j+1 < len(src) && src[j+1] != '\n' {
					j++
				}
				j++
			}
			if j < len(src) && src[j] == '"' {
				j++
			}
			for k := i; k < j; k++ {
				f.class[k] = inString
			}
			i = j
		default:
			i++
		}
	}
}

// line is the 0-based line of offset off.
func (f *formatter) line(off int) int {
	return sort.SearchInts(f.lines, off+1) - 1
}

func (f *formatter) keepLines(start, end int) {
	for l := f.line(start); l <= f.line(max(end-1, start)) && l < len(f.keep); l++ {
		f.keep[l] = true
	}
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

// space asks for a space before src[at] when it directly follows code on
// the same line.
func (f *formatter) space(at int) {
	if at <= 0 || at >= len(f.src) || isSpace(f.src[at-1]) || isSpace(f.src[at]) {
		return
	}
	if f.class[at] == inString || f.class[at-1] == inString || f.keep[f.line(at)] {
		return
	}
	if f.class[at] == inComment && f.class[at-1] == inComment {
		return
	}
	f.inserts = append(f.inserts, at)
}

// tightOps are the infix operators written without spaces by convention.
var tightOps = map[string]bool{"..": true, "^": true}

// collect finds where spaces are missing.
func (f *formatter) collect(mod *ast.Module) {
	src := f.src
	walk(mod, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.Infix:
			if !tightOps[n.Op] && n.OpAt.End > n.OpAt.Start && f.class[n.OpAt.Start] == code {
				f.space(n.OpAt.Start)
				f.space(n.OpAt.End)
			}
		case *ast.Bound:
			if n.Set != nil {
				if in := f.inBefore(n.Set.Pos().Start); in >= 0 {
					f.space(in)
					f.space(n.Set.Pos().Start)
				}
			}
		case *ast.Junction:
			for _, item := range n.Items {
				if b := f.bulletEnd(item.Pos().Start); b >= 0 {
					f.space(b)
				}
			}
		}
	})
	for i := 0; i < len(src); i++ {
		if f.class[i] != code {
			continue
		}
		switch {
		case src[i] == ',':
			f.space(i + 1)
		case src[i] == '=' && i+1 < len(src) && src[i+1] == '=':
			// `==` is only ever the definition symbol; `====` ends a module.
			j := i + 2
			if (i == 0 || src[i-1] != '=') && (j >= len(src) || src[j] != '=') {
				f.space(i)
				f.space(j)
			}
			i = j - 1
		}
	}
	sort.Ints(f.inserts)
	f.inserts = compact(f.inserts)
}

func compact(s []int) []int {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// bulletEnd is the offset just after the bullet (`/\`, `\/`, `∧`, `∨`)
// directly before the item starting at start, or -1.
func (f *formatter) bulletEnd(start int) int {
	src := f.src
	i := start
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t') {
		i--
	}
	if i >= 2 && f.class[i-1] == code {
		if b := string(src[i-2 : i]); b == `/\` || b == `\/` {
			return i
		}
	}
	if i >= 3 && f.class[i-1] == code {
		if b := string(src[i-3 : i]); b == "∧" || b == "∨" {
			return i
		}
	}
	return -1
}

// inBefore is the offset of the `\in` (or `∈`) that directly precedes
// the set of a bound starting at start, or -1.
func (f *formatter) inBefore(start int) int {
	src := f.src
	i := start
	for i > 0 && (src[i-1] == ' ' || src[i-1] == '\t') {
		i--
	}
	switch {
	case i >= 3 && string(src[i-3:i]) == `\in` && f.class[i-1] == code:
		return i - 3
	case i >= 3 && string(src[i-3:i]) == "∈" && f.class[i-1] == code:
		return i - 3
	}
	return -1
}

// walk visits the TLA+ nodes of the module in source order, not the
// PlusCal algorithm (a comment to TLA+, kept verbatim).
func walk(mod *ast.Module, visit func(ast.Node)) {
	ast.Inspect(mod, func(n ast.Node) bool {
		if _, ok := n.(*ast.Algorithm); ok {
			return false
		}
		visit(n)
		return true
	})
}

// shifted counts the spaces inserted on the line of off before off.
func (f *formatter) shifted(off int) int {
	ls := f.lines[f.line(off)]
	return sort.SearchInts(f.inserts, off+1) - sort.SearchInts(f.inserts, ls+1)
}

// indents computes how far each line moves right: as far as the
// innermost node that contains the line's first token and starts on an
// earlier line. Spaces are only ever added, so a token right of a bullet
// stays right of it and a token ending a list stays at or left of its
// bullets.
func (f *formatter) indents(mod *ast.Module) []int {
	type span struct{ start, end int }
	var nodes []span // in pre-order: sorted by start, parents first
	walk(mod, func(n ast.Node) {
		if _, ok := n.(*ast.Module); ok {
			return
		}
		if sp := n.Pos(); sp.End > sp.Start {
			nodes = append(nodes, span{sp.Start, sp.End})
		}
	})
	deltas := make([]int, len(f.lines))
	var stack []span
	next := 0
	prev, prevCol := -1, 0 // the last line laid out, and its indentation
	for l, ls := range f.lines {
		first := ls
		for first < len(f.src) && (f.src[first] == ' ' || f.src[first] == '\t') {
			first++
		}
		if first >= len(f.src) || f.src[first] == '\n' || f.src[first] == '\r' || f.keep[l] {
			continue
		}
		if f.class[first] != code && first > 0 && f.class[first-1] == f.class[first] {
			continue // inside a comment that started on an earlier line
		}
		for ; next < len(nodes) && nodes[next].start < ls; next++ {
			n := nodes[next]
			for len(stack) > 0 && stack[len(stack)-1].end <= n.start {
				stack = stack[:len(stack)-1]
			}
			stack = append(stack, n)
		}
		for len(stack) > 0 && stack[len(stack)-1].end <= first {
			stack = stack[:len(stack)-1]
		}
		switch {
		case len(stack) > 0:
			anchor := stack[len(stack)-1].start
			deltas[l] = deltas[f.line(anchor)] + f.shifted(anchor)
		case f.class[first] == inComment && prev >= 0 && first-ls >= prevCol:
			// A comment after the last item of a list, indented under
			// the line before: it moves with that line.
			deltas[l] = deltas[prev]
		}
		prev, prevCol = l, first-ls
	}
	return deltas
}

// emit writes the lines with their moves and insertions, without trailing
// whitespace (except on kept lines), ending with exactly one newline.
func (f *formatter) emit(deltas []int) []byte {
	src := f.src
	var out bytes.Buffer
	out.Grow(len(src) + len(f.inserts) + 64)
	ins := f.inserts
	blank := 0 // blank lines not yet written
	for l, ls := range f.lines {
		end := len(src)
		if l+1 < len(f.lines) {
			end = f.lines[l+1] - 1
		}
		if ls > end || ls == len(src) {
			break
		}
		text := src[ls:end]
		cr := len(text) > 0 && text[len(text)-1] == '\r'
		if !f.keep[l] {
			text = bytes.TrimRight(text, " \t\r")
		}
		if len(text) == 0 {
			blank++
			continue
		}
		for ; blank > 0; blank-- {
			if cr {
				out.WriteByte('\r')
			}
			out.WriteByte('\n')
		}
		indent := 0
		for indent < len(text) && (text[indent] == ' ' || text[indent] == '\t') {
			indent++
		}
		out.Write(text[:indent])
		for range deltas[l] {
			out.WriteByte(' ')
		}
		pos := ls + indent
		for len(ins) > 0 && ins[0] < pos {
			ins = ins[1:]
		}
		for len(ins) > 0 && ins[0] < ls+len(text) {
			out.Write(src[pos:ins[0]])
			out.WriteByte(' ')
			pos = ins[0]
			ins = ins[1:]
		}
		out.Write(src[pos : ls+len(text)])
		if cr && !f.keep[l] {
			out.WriteByte('\r')
		}
		out.WriteByte('\n')
	}
	return out.Bytes()
}

// shape prints the syntax tree without positions: two texts with the same
// shape mean the same. Comment texts are compared without trailing
// whitespace, which the formatter removes.
func shape(mod *ast.Module) string { return shapeOf(mod) }

// shapeOf is shape for any node.
func shapeOf(n ast.Node) string {
	var b bytes.Buffer
	shapeValue(&b, reflect.ValueOf(n))
	return b.String()
}

// LineEdit replaces the lines [Start, End) (0-based) of the original text
// with Text (whole lines, each ending in a newline).
type LineEdit struct {
	Start, End int
	Text       string
}

// LineEdits lists the changed lines between src and its formatted text
// out. Formatting keeps src's lines one for one except blank lines at the
// end, so lines are paired by number and the rest of the longer text
// forms a last edit.
func LineEdits(src, out []byte) []LineEdit {
	return LineEditsIn(src, out, 0, len(src)+1)
}

// LineEditsIn is LineEdits restricted to the lines [lo, hi) of src: range
// formatting applies only those. The lines of a module unit depend only
// on that unit, so a range of whole units may be formatted alone.
func LineEditsIn(src, out []byte, lo, hi int) []LineEdit {
	a, b := splitLines(src), splitLines(out)
	var edits []LineEdit
	add := func(e LineEdit) {
		if k := len(edits) - 1; k >= 0 && edits[k].End == e.Start {
			edits[k].End = e.End
			edits[k].Text += e.Text
		} else {
			edits = append(edits, e)
		}
	}
	n := min(len(a), len(b))
	for i := max(lo, 0); i < min(n, hi); i++ {
		if a[i] != b[i] {
			add(LineEdit{Start: i, End: i + 1, Text: b[i]})
		}
	}
	if len(a) != len(b) && hi > n {
		add(LineEdit{Start: n, End: len(a), Text: strings.Join(b[n:], "")})
	}
	return edits
}

// splitLines splits after each newline; a last line without one is kept.
func splitLines(s []byte) []string {
	var out []string
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\n') + 1
		if i == 0 {
			i = len(s)
		}
		out = append(out, string(s[:i]))
		s = s[i:]
	}
	return out
}

// Diff is a unified diff from src to out (as LineEdits pairs them), with
// three lines of context, under the file names a and b.
func Diff(a, b string, src, out []byte) string {
	edits := LineEdits(src, out)
	if len(edits) == 0 {
		return ""
	}
	lines := splitLines(src)
	var w bytes.Buffer
	fmt.Fprintf(&w, "--- %s\n+++ %s\n", a, b)
	const ctx = 3
	shift := 0 // new line number minus old, before the hunk
	for i := 0; i < len(edits); {
		// Group the edits whose contexts touch into one hunk.
		j := i + 1
		for j < len(edits) && edits[j].Start-edits[j-1].End <= 2*ctx {
			j++
		}
		start, end := max(edits[i].Start-ctx, 0), min(edits[j-1].End+ctx, len(lines))
		var body bytes.Buffer
		added := 0
		pos := start
		for _, e := range edits[i:j] {
			for ; pos < e.Start; pos++ {
				body.WriteString(" " + noEOL(lines[pos]))
			}
			for ; pos < e.End; pos++ {
				body.WriteString("-" + noEOL(lines[pos]))
			}
			for _, l := range splitLines([]byte(e.Text)) {
				body.WriteString("+" + noEOL(l))
				added++
			}
			added -= e.End - e.Start
		}
		for ; pos < end; pos++ {
			body.WriteString(" " + noEOL(lines[pos]))
		}
		oldLen, newLen := end-start, end-start+added
		fmt.Fprintf(&w, "@@ -%d,%d +%d,%d @@\n", start+1, oldLen, start+1+shift, newLen)
		w.Write(body.Bytes())
		shift += added
		i = j
	}
	return w.String()
}

// noEOL ends a diff line with a newline, marking a last line without one.
func noEOL(l string) string {
	if len(l) > 0 && l[len(l)-1] == '\n' {
		return l
	}
	return l + "\n\\ No newline at end of file\n"
}
