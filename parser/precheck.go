package parser

import (
	"bytes"
	"fmt"

	"github.com/tlals/tlals/parser/comment"
	"github.com/tlals/tlals/parser/scan"
	"github.com/tlals/tlals/parser/source"
)

// Limits checked lexically before tree-sitter runs. The external scanner
// of tree-sitter-tlaplus serializes its stack of open bullet lists (3
// bytes each) and proof levels (4 bytes each) into a fixed 1024-byte
// buffer without a bound check, so a few hundred nested lists crash the
// process; and deeply nested brackets make the GLR parser crawl. Real
// specifications stay far below these bounds.
const (
	maxBracketNesting = 256
	maxBulletNesting  = 64
	maxProofLevel     = 64
	// The grammar makes every character of a string literal a token of
	// its own: a parse costs about 4 s and 200 MB per MB of literal, and
	// checking twice that. TLC's specs never hold literals near this size.
	maxStringBytes = 1 << 20
)

// nestingError scans src for nesting that tree-sitter cannot survive and
// returns an error at the first place that passes a limit, or nil.
func nestingError(src []byte) *Error {
	brackets := 0
	var bullets []int // columns of the bullet lists that may be open
	lineStart := 0
	lastSignificant := byte('\n') // last non-blank byte before the current token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			lineStart = i + 1
			lastSignificant = '\n'
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		case comment.At(src, i, len(src)):
			next, _ := comment.End(src, i, len(src))
			if nl := bytes.LastIndexByte(src[i:next], '\n'); nl >= 0 {
				lineStart = i + nl + 1 // a block comment spanning lines
			}
			i = next
			continue
		case scan.IsIdentByte(c) && lastSignificant != '\n':
			// Most of a module is words: skip them whole.
			for i < len(src) && scan.IsIdentByte(src[i]) {
				i++
			}
			lastSignificant = src[i-1]
			continue
		case c == '"':
			start := i
			i++
			for i < len(src) && src[i] != '"' && src[i] != '\n' {
				if src[i] == '\\' {
					i++
				}
				i++
			}
			i++
			if i-start > maxStringBytes {
				return &Error{Span: source.Span{Start: start, End: start + 1}, Msg: fmt.Sprintf("string literal too long (more than %d MB)", maxStringBytes>>20)}
			}
			lastSignificant = '"'
			continue
		case c == '(' || c == '[' || c == '{':
			brackets++
			if brackets > maxBracketNesting {
				return &Error{Span: source.Span{Start: i, End: i + 1}, Msg: fmt.Sprintf("expression nested too deeply (more than %d brackets)", maxBracketNesting)}
			}
		case c == ')' || c == ']' || c == '}':
			if brackets > 0 {
				brackets--
			}
		case c == '<' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9' && (i == 0 || src[i-1] != '<'):
			// A proof step <level>: its level bounds the proof nesting.
			// (`<<64, x>>` is a tuple: a step's digits close with `>`.)
			n, j := 0, i+1
			for j < len(src) && src[j] >= '0' && src[j] <= '9' {
				if n <= maxProofLevel {
					n = n*10 + int(src[j]-'0')
				}
				j++
			}
			if n > maxProofLevel && j < len(src) && src[j] == '>' {
				return &Error{Span: source.Span{Start: i, End: j}, Msg: fmt.Sprintf("proof nested too deeply (level above %d)", maxProofLevel)}
			}
		}
		if isBullet(src, i) {
			col := i - lineStart
			// A bullet starts or continues a list when it begins a line or
			// follows something that cannot end an operand.
			if lastSignificant == '\n' || isOpenerByte(lastSignificant) {
				for len(bullets) > 0 && bullets[len(bullets)-1] > col {
					bullets = bullets[:len(bullets)-1]
				}
				if len(bullets) == 0 || bullets[len(bullets)-1] < col {
					bullets = append(bullets, col)
				}
				if len(bullets) > maxBulletNesting {
					return &Error{Span: source.Span{Start: i, End: i + bulletLen(src, i)}, Msg: fmt.Sprintf("expression nested too deeply (more than %d nested `/\\` or `\\/` lists)", maxBulletNesting)}
				}
			}
			i += bulletLen(src, i)
			lastSignificant = '\\'
			continue
		}
		if lastSignificant == '\n' {
			// The first token of a line ends the lists to its right.
			col := i - lineStart
			for len(bullets) > 0 && bullets[len(bullets)-1] > col {
				bullets = bullets[:len(bullets)-1]
			}
		}
		lastSignificant = c
		i++
	}
	return nil
}

func isOpenerByte(c byte) bool {
	switch c {
	case '(', '[', '{', ',', ':', '=', '>', '\\', '/':
		return true
	}
	return false
}

// isBullet reports whether a conjunction or disjunction symbol starts at i.
func isBullet(src []byte, i int) bool {
	return bulletLen(src, i) > 0
}

func bulletLen(src []byte, i int) int {
	rest := src[i:]
	switch {
	case len(rest) >= 2 && (rest[0] == '/' && rest[1] == '\\' || rest[0] == '\\' && rest[1] == '/'):
		return 2
	case len(rest) >= 3 && rest[0] == 0xe2 && rest[1] == 0x88 && (rest[2] == 0xa7 || rest[2] == 0xa8): // ∧ ∨
		return 3
	}
	return 0
}

// blankSemicolonsBeforeElse returns src with the `;` of every `}; else`
// (and, in a C-syntax algorithm, `; or`) replaced by a space (a copy; src itself when there is none). PlusCal's
// C syntax allows a semicolon after the then-branch, braces or a single
// statement (`if (c) x := 1; else x := 2;`, as pcal accepts), which the
// grammar rejects; `;` is no TLA+ token, and the offsets stay the same.
// After a single statement only in a C-syntax algorithm: in the P syntax
// `x := 1; else` is the rule.
func blankSemicolonsBeforeElse(src []byte) []byte {
	out := src
	cFrom := pcalCSyntaxStart(src)
	for i := 0; i < len(src); {
		j := bytes.IndexByte(src[i:], ';')
		if j < 0 {
			break
		}
		at := i + j
		i = at + 1
		b := at - 1
		for b >= 0 && isBlank(src[b]) {
			b--
		}
		if b < 0 || src[b] != '}' && (cFrom < 0 || at < cFrom || inString(src, cFrom, at)) {
			continue
		}
		a := at + 1
		for a < len(src) && isBlank(src[a]) {
			a++
		}
		// pcal's C syntax also takes a `;` ending an either branch before
		// `or` (either { ... }; or { ... }, either x := 1; or ...).
		kw := "else"
		if cFrom >= 0 && at > cFrom && bytes.HasPrefix(src[a:], []byte("or")) && !inString(src, cFrom, at) {
			kw = "or"
		}
		if !bytes.HasPrefix(src[a:], []byte(kw)) || a+len(kw) < len(src) && scan.IsIdentByte(src[a+len(kw)]) {
			continue
		}
		if &out[0] == &src[0] {
			out = append([]byte(nil), src...)
		}
		out[at] = ' '
	}
	return out
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// skipBlanksAndComments returns the offset of the first byte at or after a
// that is neither blank nor in a comment.
func skipBlanksAndComments(src []byte, a int) int {
	for a < len(src) {
		if isBlank(src[a]) {
			a++
		} else if comment.At(src, a, len(src)) {
			a, _ = comment.End(src, a, len(src))
		} else {
			break
		}
	}
	return a
}

// pcalWordAt reports whether the word w (not the start of a longer one)
// starts at a.
func pcalWordAt(src []byte, a int, w string) bool {
	return bytes.HasPrefix(src[a:], []byte(w)) && (a+len(w) == len(src) || !scan.IsIdentByte(src[a+len(w)]))
}

// pcalCSyntaxStart is the offset of the algorithm's body when it is in the
// C syntax (`--algorithm Name {`, `--fair algorithm Name {`), else -1.
func pcalCSyntaxStart(src []byte) int {
	k := bytes.Index(src, []byte("--"))
	for ; k >= 0; k = nextIndex(src, k+2, "--") {
		i := k + 2
		if bytes.HasPrefix(src[i:], []byte("fair")) {
			i += 4
			for i < len(src) && isBlank(src[i]) {
				i++
			}
		}
		if !bytes.HasPrefix(src[i:], []byte("algorithm")) {
			continue
		}
		i += len("algorithm")
		for i < len(src) && isBlank(src[i]) {
			i++
		}
		for i < len(src) && scan.IsIdentByte(src[i]) {
			i++
		}
		for i < len(src) && (isBlank(src[i]) || comment.At(src, i, len(src))) {
			if isBlank(src[i]) {
				i++
			} else {
				i, _ = comment.End(src, i, len(src))
			}
		}
		if i < len(src) && src[i] == '{' {
			return i
		}
		return -1
	}
	return -1
}

func nextIndex(src []byte, from int, sep string) int {
	if from >= len(src) {
		return -1
	}
	if k := bytes.Index(src[from:], []byte(sep)); k >= 0 {
		return from + k
	}
	return -1
}

// inString reports whether offset at lies inside a string literal of the
// line it is on, scanning from offset from.
func inString(src []byte, from, at int) bool {
	ls := bytes.LastIndexByte(src[:at], '\n') + 1
	if ls < from {
		ls = from
	}
	in := false
	for i := ls; i < at; i++ {
		switch {
		case src[i] == '"':
			in = !in
		case in && src[i] == '\\':
			i++
		}
	}
	return in
}

// pcalEndsVarDecls lists the words that may follow a PlusCal variable
// declaration list: a definitions, macro, procedure or process section, or
// the body.
var pcalEndsVarDecls = [][]byte{[]byte("define"), []byte("macro"), []byte("procedure"), []byte("process"), []byte("fair"), []byte("begin")}

// pcalRewrites returns src with what pcal accepts and the grammar does not
// rewritten (a copy; src itself when there is nothing to rewrite):
//   - the `,` that closes a PlusCal variable declaration list (`variables
//     x = 0, define ...`, C syntax `variables y = 1, { ...`) becomes `;`: pcal
//     takes either separator after the last declaration, the grammar only `;`;
//   - an `else` with no statement before its `end if` is blanked: pcal takes
//     the empty branch (the only empty statement list it takes) and
//     translates it as a missing else;
//   - a procedure's variable list that ends with no separator before its
//     `begin` (`procedure P(a) variables x = 1, y = 2 begin`, which pcal
//     takes as it takes a process's) gets a `;` in place of a blank between
//     its last declaration and the `begin`: a space or tab when there is
//     one, else the line end after the declaration (see mergedLines);
//   - so does a C-syntax procedure's list that ends in a bare name before
//     its body's `{` (`procedure P(a) variables x, y {`): pcal takes it,
//     but not after `= expr`, whose expression it reads the `{` into.
//
// Only the text of an algorithm is looked at (from `--algorithm` or `--fair`
// to the end of its comment), where those words are reserved, never inside a
// string or a comment; a `{` ends the list only outside brackets after
// `variable(s)`. The offsets stay the same.
func pcalRewrites(src []byte) []byte {
	out, _ := pcalRewritesLines(src)
	return out
}

// pcalRewritesLines is pcalRewrites, also telling whether a line end was
// rewritten (mergedLines): then tree-sitter's rows after it differ from
// the text's, and no old tree may be reused with edits whose points are
// the text's.
func pcalRewritesLines(src []byte) (out []byte, mergedLines bool) {
	out = src
	for from := 0; from < len(src); {
		k := bytes.Index(src[from:], []byte("--"))
		if k < 0 {
			break
		}
		i := from + k + 2
		from = i
		if !bytes.HasPrefix(src[i:], []byte("algorithm")) && !bytes.HasPrefix(src[i:], []byte("fair")) {
			continue
		}
		depth := 0  // nesting of (* *) comments, below 0 past the algorithm's
		decls := -1 // bracket depth within a declaration list, -1 outside one
		// procVars: in a procedure's header, past its `variable(s)`;
		// lastSig: the offset past the last byte of the algorithm's own
		// text (not blank, not in a comment) before i.
		inProc, procVars, lastSig := false, false, i
		// In a procedure's variable list, outside brackets: pvInit, the
		// declaration being read has its `= expr`; pvName, a bare name
		// ends at lastSig with no separator after it; pvOdd, it holds
		// more than one name (`x \in S`, which pcal rejects).
		pvInit, pvName, pvOdd := false, false, false
	scan:
		for i < len(src) {
			c := src[i]
			prevSig := lastSig
			if depth == 0 && !scan.IsSpace(c) && !(c == '(' && i+1 < len(src) && src[i+1] == '*') && !(c == '\\' && i+1 < len(src) && src[i+1] == '*') {
				lastSig = i + 1
				if procVars && decls == 0 && !pvInit && !scan.IsIdentByte(c) && c != ',' && c != ';' && c != '=' && c != '{' {
					pvOdd = true
				}
			}
			switch {
			case c == '(' && i+1 < len(src) && src[i+1] == '*':
				depth++
				i += 2
				continue
			case c == '*' && i+1 < len(src) && src[i+1] == ')':
				depth--
				i += 2
				if depth < 0 {
					break scan
				}
				continue
			case c == '\\' && i+1 < len(src) && src[i+1] == '*':
				i, _ = comment.End(src, i, len(src))
				continue
			case c == '"':
				for i++; i < len(src) && src[i] != '"' && src[i] != '\n'; i++ {
					if src[i] == '\\' {
						i++
					}
				}
				if depth == 0 {
					lastSig = i + 1
				}
			case scan.IsIdentByte(c):
				w := i
				for i < len(src) && scan.IsIdentByte(src[i]) {
					i++
				}
				if depth == 0 {
					lastSig = i
				}
				word := string(src[w:i])
				if procVars && depth == 0 && decls == 0 && !pvInit && word != "variable" && word != "variables" {
					pvOdd = pvOdd || pvName
					pvName = true
				}
				switch {
				case word == "procedure" && depth == 0:
					inProc, procVars = true, false
				case word == "variable" || word == "variables":
					decls = 0
					procVars = inProc && depth == 0
					pvInit, pvName, pvOdd = false, false, false
				case word == "begin" && depth == 0 && procVars:
					inProc, procVars = false, false
					if last := src[prevSig-1]; last != ';' && last != ',' {
						if at, merged := blankForSeparator(src, prevSig, w); at >= 0 {
							if &out[0] == &src[0] {
								out = append([]byte(nil), src...)
							}
							out[at] = ';'
							mergedLines = mergedLines || merged
						}
					}
				case word == "begin" && depth == 0:
					inProc, procVars = false, false
				case word == "else" && depth == 0 && pcalWordAt(src, skipBlanksAndComments(src, i), "end"):
					if &out[0] == &src[0] {
						out = append([]byte(nil), src...)
					}
					copy(out[w:i], "    ")
				}
				continue
			case c == '{' && depth == 0 && procVars && decls == 0 && !pvInit && !pvOdd:
				// The `{` of a C-syntax procedure's body: pcal ends the
				// list there after a bare name (`variables x, y {`); after
				// `= expr` it reads the `{` as the expression's.
				if pvName {
					if at, merged := blankForSeparator(src, prevSig, i); at >= 0 {
						if &out[0] == &src[0] {
							out = append([]byte(nil), src...)
						}
						out[at] = ';'
						mergedLines = mergedLines || merged
					}
				}
				inProc, procVars, pvName, pvOdd = false, false, false, false
				decls = -1
			case c == '=' && depth == 0 && procVars && decls == 0:
				pvInit = true
			case decls >= 0 && (c == '(' || c == '[' || c == '{' || c == '<' && i+1 < len(src) && src[i+1] == '<'):
				decls++
			case decls > 0 && (c == ')' || c == ']' || c == '}' || c == '>' && i+1 < len(src) && src[i+1] == '>'):
				decls--
			case decls == 0 && c == ';':
				if procVars {
					// a procedure's list goes on to its `{` or `begin`
					pvInit, pvName, pvOdd = false, false, false
				} else {
					decls = -1
				}
			case c == ',' && depth == 0: // not in a comment inside the algorithm
				if procVars && decls == 0 {
					pvInit, pvName, pvOdd = false, false, false
				}
				a := skipBlanksAndComments(src, i+1)
				closes := decls == 0 && a < len(src) && src[a] == '{'
				for _, w := range pcalEndsVarDecls {
					if pcalWordAt(src, a, string(w)) {
						closes = true
					}
				}
				if closes {
					if &out[0] == &src[0] {
						out = append([]byte(nil), src...)
					}
					out[i] = ';'
					decls = -1
				}
			}
			i++
		}
		from = i
	}
	return out, mergedLines
}

// blankForSeparator returns the offset of a blank between the end of a
// declaration (from) and the `begin` at to that can take a `;`: the first
// space, tab or carriage return outside comments, else the first line end
// outside comments (merged: a line end that closes a `\*` comment is in
// it). -1 when there is none.
func blankForSeparator(src []byte, from, to int) (at int, merged bool) {
	nl, depth := -1, 0
	for j := from; j < to; j++ {
		switch c := src[j]; {
		case c == '(' && j+1 < to && src[j+1] == '*':
			depth++
			j++
		case c == '*' && j+1 < to && src[j+1] == ')' && depth > 0:
			depth--
			j++
		case depth == 0 && c == '\\' && j+1 < to && src[j+1] == '*':
			for j < to && src[j] != '\n' {
				j++
			}
		case depth == 0 && (c == ' ' || c == '\t' || c == '\r'):
			return j, false
		case depth == 0 && c == '\n' && nl < 0:
			nl = j
		}
	}
	return nl, nl >= 0
}

// modules is what moduleEnds reads of a text's modules.
type modules struct {
	// tail is the offset where the text after the last module starts when
	// that text holds more than blanks and comments, else len(src).
	tail int
	// open is the number of modules left unclosed at the end of the text.
	open int
	// header: the text holds a module header's tokens (a comment before
	// the first module is no comment: see moduleEnds).
	header bool
	// quiet are the comments between modules that hold a header's tokens
	// (`\*---- MODULE M ----`, as TLC's trace modules hold): SANY skips
	// them, but the grammar's scanner of the text between modules would
	// start a module there, so tree-sitter reads them as blanks.
	quiet [][2]int
}

// moduleEnds reads where src's modules end, lexically (outside comments and
// strings: a header, `----` then MODULE, opens a module, `====` closes one).
//
// The three answers are about tree-sitter's error recovery, which is
// exponential where SANY has nothing to read: a text without a module
// header (see errNoModule), text after the `====` that closes the
// outermost module (SANY ignores it; `====` then `---- ENABLED ] <<` took
// seconds of CPU on a 50-byte file), and a module without its `====`, as in
// a new file being typed (`---- MODULE M ----` then `CHOOSE @ THEN { [`:
// the whole time budget on every keystroke, where the same text with a
// footer parses in a millisecond). The parser refuses the first, blanks
// the tail and closes the open modules in what it hands tree-sitter. To
// stay safe, a tail holding the word MODULE is never blanked.
func moduleEnds(src []byte) modules {
	depth, tail, header := 0, len(src), false
	var quiet [][2]int
	for i := 0; i < len(src); {
		// Only these bytes can start what the scan looks for.
		k := bytes.IndexAny(src[i:], "(\\\"-=")
		if k < 0 {
			break
		}
		i += k
		c := src[i]
		switch {
		case comment.At(src, i, len(src)):
			end, _ := comment.End(src, i, len(src))
			if !header {
				// Before the first module a comment is text like any
				// other: SANY and the grammar skip to the header's
				// tokens wherever they are (`\* ---- MODULE M` is one).
				header = headerWithin(src, i, end)
			} else if depth == 0 && headerWithin(src, i, end) {
				quiet = append(quiet, [2]int{i, end})
			}
			i = end
			continue
		case c == '"' && depth > 0:
			for i++; i < len(src) && src[i] != '"' && src[i] != '\n'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case c == '-' && bytes.HasPrefix(src[i:], []byte("----")):
			next, ok := headerTokensAt(src, i)
			if ok {
				depth++
				tail, header = len(src), true
			}
			i = next
			continue
		case c == '=' && bytes.HasPrefix(src[i:], []byte("====")) && depth > 0:
			for i < len(src) && src[i] == '=' {
				i++
			}
			if depth--; depth == 0 {
				tail = i
			}
			continue
		}
		i++
	}
	if depth > 0 {
		return modules{len(src), depth, header, quiet}
	}
	if tail == len(src) || containsWord(src[tail:], "MODULE") {
		return modules{len(src), 0, header, quiet}
	}
	for i := tail; i < len(src); {
		switch {
		case isBlank(src[i]):
			i++
		case comment.At(src, i, len(src)):
			i, _ = comment.End(src, i, len(src))
		default:
			return modules{tail, 0, header, quiet}
		}
	}
	return modules{len(src), 0, header, quiet}
}

// headerTokensAt reports whether the run of dashes at src[i] is followed by
// the word MODULE with only blanks and comments between them (as the grammar
// takes a header's tokens), and returns the offset after what it read.
func headerTokensAt(src []byte, i int) (next int, ok bool) {
	j := i
	for j < len(src) && src[j] == '-' {
		j++
	}
	for j < len(src) {
		if isBlank(src[j]) {
			j++
		} else if comment.At(src, j, len(src)) {
			j, _ = comment.End(src, j, len(src))
		} else {
			break
		}
	}
	if bytes.HasPrefix(src[j:], []byte("MODULE")) && (j+6 == len(src) || !scan.IsIdentByte(src[j+6])) {
		return j + 6, true
	}
	return j, false
}

// headerWithin reports whether a header's tokens (headerTokensAt) start in
// src[i:end].
func headerWithin(src []byte, i, end int) bool {
	for i < end {
		k := bytes.Index(src[i:end], []byte("----"))
		if k < 0 {
			return false
		}
		next, ok := headerTokensAt(src, i+k)
		if ok {
			return true
		}
		i = next
	}
	return false
}

// containsWord reports whether word occurs in src not inside a longer word.
func containsWord(src []byte, word string) bool {
	for rest := src; ; {
		i := bytes.Index(rest, []byte(word))
		if i < 0 {
			return false
		}
		before, after := i-1, i+len(word)
		if (before < 0 || !scan.IsIdentByte(rest[before])) && (after >= len(rest) || !scan.IsIdentByte(rest[after])) {
			return true
		}
		rest = rest[after:]
	}
}

// closeModules returns src followed by a line `====` for each of the open
// modules (src itself when there is none).
func closeModules(src []byte, open int) []byte {
	if open == 0 {
		return src
	}
	out := make([]byte, len(src), len(src)+5*open)
	copy(out, src)
	for range open {
		out = append(out, "\n===="...)
	}
	return out
}

// blankRanges returns src with the bytes of each range, except line
// breaks, replaced by spaces (a copy; src itself when there is none).
func blankRanges(src []byte, ranges [][2]int) []byte {
	if len(ranges) == 0 {
		return src
	}
	out := append([]byte(nil), src...)
	for _, r := range ranges {
		for i := r[0]; i < r[1] && i < len(out); i++ {
			if out[i] != '\n' && out[i] != '\r' {
				out[i] = ' '
			}
		}
	}
	return out
}

// blankFrom returns src with every byte from offset on, except line breaks,
// replaced by a space (a copy; src itself when there is nothing to blank).
// The offsets, lines and columns of the text before it stay the same.
func blankFrom(src []byte, from int) []byte {
	if from >= len(src) {
		return src
	}
	out := append([]byte(nil), src...)
	for i := from; i < len(out); i++ {
		if out[i] != '\n' && out[i] != '\r' {
			out[i] = ' '
		}
	}
	return out
}
