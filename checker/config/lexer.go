package config

import (
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/tlals/tlals/parser/comment"
	"github.com/tlals/tlals/parser/scan"
)

type tokKind int

const (
	tEOF tokKind = iota
	tIdent
	tNumber
	tString
	tOp
)

type token struct {
	kind tokKind
	text string // source text; for strings, including the quotes
	pos  Pos
	end  Pos
	// first reports that no other token precedes this one on its line; the
	// parser uses line starts to resynchronise after an error in CONSTANTS.
	first bool
}

// lines maps byte offsets to 1-based line/column positions.
type lines struct {
	starts []int // byte offset of the start of each line
}

func newLines(src []byte) *lines {
	l := &lines{starts: []int{0}}
	for i, b := range src {
		if b == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

func (l *lines) pos(off int) Pos {
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	return Pos{Line: i + 1, Col: off - l.starts[i] + 1, Offset: off}
}

// multi lists the operators longer than one byte that the lexer recognises,
// longest first. The cfg grammar needs `<-` and, as TLC's tokenizer, every
// TLA+ operator symbol, which CONSTANTS may substitute (`++ <- PlusPlus`,
// `Plus <- +`); the others are lexed whole so that errors can name them (a
// user writing `<<1, 2>>` or `1..3` should be told that TLC does not accept
// sequences or ranges, not that `<` is unexpected).
var multi = []string{
	"-+->",
	"<=>", "...", "::=", "|->", "(+)", "(-)", "(.)", "(/)",
	"<-", "<<", ">>", "..", "==", "->", "/\\", "\\/",
	"!!", "##", "$$", "%%", "&&", "**", "++", "--", "-|", "//", "/=", ":=", ":>", "<:", "=<", "=>", "=|", ">=", "<=",
	"??", "@@", "^^", "|-", "|=", "||", "~>", "^+", "^*", "^#",
}

// lex splits src into tokens the way TLC's TLA+ tokenizer does for .cfg
// files: TLA+ identifiers, decimal numbers, strings, operators, with `\*`
// line comments and nested `(* *)` block comments skipped.
func lex(src []byte, ln *lines, errf func(pos, end Pos, format string, args ...any)) []token {
	var toks []token
	i := 0
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		i = 3 // UTF-8 byte order mark
	}
	lastLine := 0
	add := func(k tokKind, start, end int) {
		p := ln.pos(start)
		toks = append(toks, token{kind: k, text: string(src[start:end]), pos: p, end: ln.pos(end), first: p.Line != lastLine})
		lastLine = p.Line
	}
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case comment.At(src, i, len(src)):
			start := i
			var closed bool
			i, closed = comment.End(src, i, len(src))
			if !closed {
				errf(ln.pos(start), ln.pos(start+2), "unterminated comment: `(*` has no matching `*)`")
			}
		case scan.IsIdentByte(c):
			start := i
			digits := true
			for i < len(src) && scan.IsIdentByte(src[i]) {
				if !isDigit(src[i]) {
					digits = false
				}
				i++
			}
			if digits {
				add(tNumber, start, i)
			} else {
				add(tIdent, start, i)
			}
		case c == '\\' && i+1 < len(src) && isLetter(src[i+1]):
			// \o, \cup, \X: a TLA+ operator spelt with a backslash
			start := i
			i++
			for i < len(src) && isLetter(src[i]) {
				i++
			}
			add(tOp, start, i)
		case c == '"':
			start := i
			i++
			closed := false
			for i < len(src) && src[i] != '\n' && src[i] != '\r' {
				if src[i] == '"' {
					i++
					closed = true
					break
				}
				if src[i] == '\\' {
					if i+1 < len(src) && isEscape(src[i+1]) {
						i += 2
						continue
					}
					if i+1 < len(src) && src[i+1] != '\n' && src[i+1] != '\r' {
						r, n := utf8.DecodeRune(src[i+1:])
						errf(ln.pos(i), ln.pos(i+1+n), "unknown escape `\\%c` in string (TLA+ allows \\\" \\\\ \\n \\t \\r \\f)", r)
						i += 1 + n
						continue
					}
				}
				i++
			}
			if !closed {
				errf(ln.pos(start), ln.pos(i), "unterminated string: no closing `\"` on this line")
			}
			add(tString, start, i)
		default:
			start := i
			matched := false
			for _, op := range multi {
				if hasPrefix(src[i:], op) {
					i += len(op)
					matched = true
					break
				}
			}
			if !matched {
				if c < 0x80 && c > ' ' && c != 0x7f {
					i++
				} else {
					r, n := utf8.DecodeRune(src[i:])
					i += n
					if r == utf8.RuneError && n == 1 {
						errf(ln.pos(start), ln.pos(i), "invalid UTF-8 byte 0x%02X", c)
					} else {
						errf(ln.pos(start), ln.pos(i), "unexpected character %s", describeRune(r))
					}
					continue
				}
			}
			add(tOp, start, i)
		}
	}
	p := ln.pos(len(src))
	toks = append(toks, token{kind: tEOF, pos: p, end: p, first: true})
	return toks
}

func describeRune(r rune) string {
	if r < ' ' || r == 0x7f || !utf8.ValidRune(r) {
		return fmt.Sprintf("U+%04X", r)
	}
	return fmt.Sprintf("U+%04X %q", r, r)
}

func hasPrefix(b []byte, s string) bool {
	return len(b) >= len(s) && string(b[:len(s)]) == s
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

func isEscape(c byte) bool {
	switch c {
	case '"', '\\', 'n', 't', 'r', 'f':
		return true
	}
	return false
}
