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
// replaced by a space (a copy; src itself when there is none). PlusCal's
// C syntax allows a semicolon after the braces of the then-branch, which
// the grammar rejects; `;` is no TLA+ token, and the offsets stay the same.
func blankSemicolonsBeforeElse(src []byte) []byte {
	out := src
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
		if b < 0 || src[b] != '}' {
			continue
		}
		a := at + 1
		for a < len(src) && isBlank(src[a]) {
			a++
		}
		if !bytes.HasPrefix(src[a:], []byte("else")) || a+4 < len(src) && scan.IsIdentByte(src[a+4]) {
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

// pcalEndsVarDecls lists the words that may follow a PlusCal variable
// declaration list: a definitions, macro, procedure or process section, or
// the body.
var pcalEndsVarDecls = [][]byte{[]byte("define"), []byte("macro"), []byte("procedure"), []byte("process"), []byte("fair"), []byte("begin")}

// pcalTrailingCommas returns src with the `,` that closes a PlusCal variable
// declaration list (`variables x = 0, define ...`, C syntax `variables
// y = 1, { ...`) replaced by `;` (a copy; src itself when there is none).
// pcal takes either separator after the last declaration, the grammar only
// `;`. Only the text of an algorithm is looked at (from `--algorithm` or
// `--fair` to the end of its comment), where those words are reserved, never
// inside a string; a `{` ends the list only outside brackets after
// `variable(s)`. The offsets stay the same.
func pcalTrailingCommas(src []byte) []byte {
	out := src
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
	scan:
		for i < len(src) {
			c := src[i]
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
			case scan.IsIdentByte(c):
				w := i
				for i < len(src) && scan.IsIdentByte(src[i]) {
					i++
				}
				if word := string(src[w:i]); word == "variable" || word == "variables" {
					decls = 0
				}
				continue
			case decls >= 0 && (c == '(' || c == '[' || c == '{' || c == '<' && i+1 < len(src) && src[i+1] == '<'):
				decls++
			case decls > 0 && (c == ')' || c == ']' || c == '}' || c == '>' && i+1 < len(src) && src[i+1] == '>'):
				decls--
			case decls == 0 && c == ';':
				decls = -1
			case c == ',' && depth == 0: // not in a comment inside the algorithm
				a := i + 1
				for a < len(src) {
					if isBlank(src[a]) {
						a++
					} else if comment.At(src, a, len(src)) {
						a, _ = comment.End(src, a, len(src))
					} else {
						break
					}
				}
				closes := decls == 0 && a < len(src) && src[a] == '{'
				for _, w := range pcalEndsVarDecls {
					if bytes.HasPrefix(src[a:], w) && (a+len(w) == len(src) || !scan.IsIdentByte(src[a+len(w)])) {
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
	return out
}
