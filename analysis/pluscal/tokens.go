package pluscal

import (
	"slices"
	"strings"

	"github.com/tlals/tlals/parser/scan"
	"github.com/tlals/tlals/parser/source"
)

// The translator works, as the reference translator does, on TLA+
// expressions as token sequences: it copies the user's expressions
// token by token (dropping comments), substitutes for identifiers (process
// variables get a [self] subscript, variables already assigned in the step
// get a prime, macro parameters get the call's arguments) and lays the
// tokens out again keeping the relative layout of the source.

type tokKind byte

const (
	tIdent  tokKind = 'i'
	tString tokKind = 's'
	tNumber tokKind = 'n'
	tOp     tokKind = 'o'
	tAdded  tokKind = 'a' // pc and stack added by the translator: subscripted with self
)

// tok is one token. Source tokens know their line and columns (byte columns
// in the file); tokens made by the translator have line -1.
type tok struct {
	s          string
	kind       tokKind
	line       int // 0-based source line, -1 when synthetic
	col, ecol  int // source byte columns of start and end
	gap        int // spaces before the token when not starting a line
	brk        bool
	nl         int  // line breaks flatten removed before it (chksum(pcal) keeps them)
	noSubst    bool // a record field name: never substituted
	fromSource bool
}

// expr is a TLA+ expression as tokens, with the PlusCal range it came from
// (zero Span when synthetic).
type expr struct {
	toks []tok
	span source.Span
	has  bool // span is meaningful
}

func (e expr) empty() bool { return len(e.toks) == 0 }

// text is the expression on one line, tokens separated as in the source.
func (e expr) String() string {
	lines := e.render()
	return strings.Join(lines, " ")
}

// isOneToken reports whether e is a single token.
func (e expr) isOneToken() bool { return len(e.toks) == 1 }

func (e expr) clone() expr {
	n := e
	n.toks = append([]tok(nil), e.toks...)
	return n
}

// lexer tokenizes TLA+ expression text of a file.
type lexer struct {
	src  []byte
	file *source.File
}

// tokens returns the tokens of src[sp.Start:sp.End], comments dropped.
func (lx *lexer) tokens(sp source.Span) []tok {
	var out []tok
	src := lx.src
	prevLine, prevEnd := -1, 0
	sc := scan.New(src, sp.Start, sp.End)
	for {
		st, ok := sc.Next()
		if !ok {
			break
		}
		var kind tokKind
		switch st.Kind {
		case scan.Space, scan.Comment:
			continue
		case scan.String:
			kind = tString
		case scan.Ident:
			kind = tIdent
		case scan.Number:
			kind = tNumber
		default:
			kind = tOp
		}
		start, stop := st.Start, st.End
		line := lx.file.Line(start)
		ls := lx.file.LineStart(line)
		col := visualCol(src, ls, start)
		t := tok{s: string(src[start:stop]), kind: kind, line: line, col: col, ecol: col + visualWidth(src[start:stop], col), fromSource: true}
		if prevLine >= 0 {
			if line != prevLine {
				t.brk = true
			} else {
				t.gap = t.col - prevEnd
				if t.gap < 0 {
					t.gap = 1
				}
			}
		}
		// ecol of a multi-line token (a string cannot be) is fine.
		prevLine, prevEnd = lx.file.Line(stop), t.ecol
		out = append(out, t)
	}
	markFields(out)
	return out
}

// visualCol is the column of src[off] in the line starting at ls as the
// reference translator counts it: after replacing each tab by the spaces
// up to the next multiple of 8, in UTF-16 code units (Java characters).
func visualCol(src []byte, ls, off int) int {
	return visualWidth(src[ls:off], 0)
}

// visualWidth is the number of columns b takes starting at column col.
func visualWidth(b []byte, col int) int {
	c := col
	for _, r := range string(b) {
		switch {
		case r == '\t':
			c += 8 - c%8
		case r >= 0x10000:
			c += 2
		default:
			c++
		}
	}
	return c - col
}

// markFields flags record field names: after "." and before "|->".
func markFields(ts []tok) {
	for i := range ts {
		if ts[i].kind != tIdent {
			continue
		}
		if i > 0 && ts[i-1].kind == tOp && (ts[i-1].s == "." || ts[i-1].s == "!") {
			ts[i].noSubst = true
		}
		if i+1 < len(ts) && ts[i+1].kind == tOp && (ts[i+1].s == "|->" || ts[i+1].s == "↦") {
			ts[i].noSubst = true
		}
	}
}

func (lx *lexer) expr(sp source.Span) expr {
	return expr{toks: lx.tokens(sp), span: sp, has: true}
}

// synth makes a synthetic expression from a string of space-separated
// tokens; "pc" and "stack" given as "$pc" and "$stack" are added tokens.
func synth(parts ...string) expr {
	var e expr
	for i, p := range parts {
		t := tok{s: p, kind: tOp, line: -1, gap: 1}
		if i == 0 {
			t.gap = 0
		}
		switch {
		case strings.HasPrefix(p, "$"):
			t.s, t.kind = p[1:], tAdded
		case strings.HasPrefix(p, "\""):
			t.kind = tString
		case p != "" && scan.IsLetter(p[0]):
			t.kind = tIdent
		case p == "'" || p == "]" || p == ")" || p == "." || p == ",":
			t.gap = 0
		}
		if i > 0 && (parts[i-1] == "(" || parts[i-1] == "[" || parts[i-1] == ".") {
			t.gap = 0
		}
		if i > 0 && p == "(" && parts[i-1] != "" && scan.IsLetter(parts[i-1][0]) {
			t.gap = 0
		}
		e.toks = append(e.toks, t)
	}
	markFields(e.toks)
	return e
}

// render lays the expression out as lines relative to column 0: the
// leftmost line start is at column 0, other lines keep their source offsets.
func (e expr) render() []string { return e.renderLines(false) }

// renderLines is render; with blank, a source line holding no token (a
// comment, an empty line) between two tokens stays an empty line, as the
// reference translator copies expressions.
func (e expr) renderLines(blank bool) []string {
	if len(e.toks) == 0 {
		return []string{""}
	}
	base := -1
	for i, t := range e.toks {
		if (i == 0 || t.brk) && t.line >= 0 {
			if base < 0 || t.col < base {
				base = t.col
			}
		}
	}
	if base < 0 {
		base = 0
	}
	var lines []string
	var cur strings.Builder
	// The source tokens of each line laid out so far, with their output
	// columns: a line moves right as far as its anchor did (the reference
	// translator's rule, TLAExpr.normalize), the anchor being the last token
	// at or left of the line's first column on the nearest line before it
	// that starts at or left of that column.
	var laid [][]placed
	first := e.toks[0]
	if first.line >= 0 && first.col > base {
		cur.WriteString(strings.Repeat(" ", first.col-base))
	}
	laid = append(laid, nil)
	for i, t := range e.toks {
		if i > 0 {
			if t.brk && t.line >= 0 {
				lines = append(lines, strings.TrimRight(cur.String(), " "))
				if p := e.toks[i-1]; blank && p.line >= 0 {
					for n := p.line + 1; n < t.line; n++ {
						lines = append(lines, "")
					}
				}
				cur.Reset()
				cur.WriteString(strings.Repeat(" ", max(0, t.col-base+anchorShift(laid, t.col, base))))
				laid = append(laid, nil)
			} else {
				g := t.gap
				if t.brk {
					g = 1
				}
				cur.WriteString(strings.Repeat(" ", g))
			}
		}
		if t.line >= 0 {
			laid[len(laid)-1] = append(laid[len(laid)-1], placed{t.col, cur.Len()})
		}
		cur.WriteString(t.s)
	}
	lines = append(lines, cur.String())
	return lines
}

// placed is a source token's column and its output column (renderLines).
type placed struct{ src, out int }

// anchorShift is how far right of its source place the anchor of a line
// starting at source column col has been laid out (see renderLines).
func anchorShift(laid [][]placed, col, base int) int {
	for j := len(laid) - 1; j >= 0; j-- {
		l := laid[j]
		if len(l) == 0 || l[0].src > col {
			continue
		}
		k := 0
		for k+1 < len(l) && l[k+1].src <= col {
			k++
		}
		return max(0, l[k].out-(l[k].src-base))
	}
	return 0
}

// substitute replaces every substitutable identifier token named in sub by
// its expression. With paren, a multi-token replacement is parenthesized
// unless e itself is a single token (the reference translator's rule for
// macro arguments).
func (e expr) substitute(sub map[string]expr, paren bool) expr {
	if len(sub) == 0 {
		return e
	}
	single := e.isOneToken()
	out := e
	out.toks = nil
	for _, t := range e.toks {
		r, ok := sub[t.s]
		if !ok || t.kind != tIdent || t.noSubst {
			out.toks = append(out.toks, t)
			continue
		}
		if len(r.toks) == 0 {
			continue
		}
		wrap := paren && len(r.toks) > 1 && !single
		if wrap && spansLines(r.toks) {
			out.toks = append(out.toks, substLines(e.toks, t, r.toks)...)
			continue
		}
		if single && !wrap && spansLines(r.toks) {
			// The whole expression is the parameter: the argument keeps
			// its lines, laid out relative to its first token, as the
			// reference translator keeps them.
			rt := slices.Clone(r.toks)
			rt[0].brk, rt[0].gap = t.brk, t.gap
			out.toks = append(out.toks, rt...)
			continue
		}
		rt := flatten(r.toks)
		place := func(x tok) tok {
			x.line, x.col, x.ecol, x.brk, x.gap = t.line, t.col, t.ecol, t.brk, t.gap
			return x
		}
		if wrap {
			out.toks = append(out.toks, place(tok{s: "(", kind: tOp}))
			rt[0].gap = 0
			out.toks = append(out.toks, rt...)
			out.toks = append(out.toks, tok{s: ")", kind: tOp, line: -1})
			continue
		}
		rt[0] = place(rt[0])
		out.toks = append(out.toks, rt...)
	}
	return out
}

// spansLines reports whether ts (source tokens) break a line.
func spansLines(ts []tok) bool {
	for _, x := range ts[1:] {
		if x.brk && x.line >= 0 {
			return true
		}
	}
	return false
}

// lineBase is the leftmost column a line of ts starts at, as render
// computes it (0 when no token comes from the source).
func lineBase(ts []tok) int {
	base := -1
	for i, t := range ts {
		if (i == 0 || t.brk) && t.line >= 0 && (base < 0 || t.col < base) {
			base = t.col
		}
	}
	return max(base, 0)
}

// substLines is the parenthesized replacement of token t of the expression
// holding the tokens in, by the tokens r that span lines, laid out as the
// reference translator does (TLAExpr.substituteAt): r's first line follows
// "(" (its own indent kept as the gap); its other lines keep their columns
// relative to r's left edge, now from the left edge of the enclosing
// expression, except that a line anchored in r's first line (the nearest
// line above it starting at or left of it is the first line, or a line so
// anchored) moves with that line, right of "(" (renormalize).
func substLines(in []tok, t tok, r []tok) []tok {
	baseIn, baseR := lineBase(in), lineBase(r)
	out := []tok{{s: "(", kind: tOp, line: t.line, col: t.col, ecol: t.ecol, brk: t.brk, gap: t.gap}}
	first := true
	// the first column and anchoring of each line of r so far
	starts, moved := []int{r[0].col}, []bool{true}
	for i, x := range r {
		if i > 0 && x.brk && x.line >= 0 {
			first = false
			anchored := false
			for j := len(starts) - 1; j >= 0; j-- {
				if starts[j] <= x.col {
					anchored = moved[j]
					break
				}
			}
			starts, moved = append(starts, x.col), append(moved, anchored)
		}
		if first {
			if i == 0 {
				x.gap = max(0, x.col-baseR)
			}
			x.brk, x.line = false, -1
		} else {
			shift := baseIn - baseR
			if moved[len(moved)-1] {
				shift = t.col + 1 - baseR
			}
			x.col, x.ecol = x.col+shift, x.ecol+shift
		}
		out = append(out, x)
	}
	return append(out, tok{s: ")", kind: tOp, line: -1})
}

// flatten makes tokens inline: no line breaks, synthetic positions.
func flatten(ts []tok) []tok {
	out := make([]tok, len(ts))
	for i, t := range ts {
		if t.brk {
			t.gap = 1
			if i > 0 && t.line >= 0 && ts[i-1].line >= 0 {
				t.nl = t.line - ts[i-1].line
			}
		}
		t.brk = false
		t.line = -1
		if i == 0 {
			t.gap = 0
		}
		out[i] = t
	}
	return out
}

// needsParens is the reference translator's test for parenthesizing the
// right side of `x' = e`: an `=`, `#`, comparison, `|-`, `-|`, a backslash
// operator other than \o and \X, or `/\` outside brackets on its first line.
func needsParens(line string) bool {
	depth := 0
	inString := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		if inString {
			switch c {
			case '"':
				inString = false
			case '\\':
				i++
			}
			continue
		}
		next := byte(' ')
		if i+1 < len(line) {
			next = line[i+1]
		}
		may, left, right := false, false, false
		switch c {
		case '"':
			inString = true
		case '=', '#':
			may = true
		case '<':
			if next == '<' {
				i++
				left = true
			} else {
				may = true
			}
		case '>':
			if next == '>' {
				i++
				right = true
			} else {
				may = true
			}
		case '|':
			if next == '-' || (i > 0 && line[i-1] == '-') {
				may = true
			}
		case '\\':
			if !(next == ' ' || next == 'o' || next == 'X') {
				may = true
			}
		case '/':
			if next == '\\' {
				may = true
			}
		case '(', '[', '{':
			left = true
		case ')', ']', '}':
			right = true
		}
		if may && depth == 0 {
			return true
		}
		if left {
			depth++
		}
		if right {
			if depth == 0 {
				return true
			}
			depth--
		}
	}
	return inString
}
