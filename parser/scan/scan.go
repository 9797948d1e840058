// Package scan is the one TLA+ tokenizer of the hand-written scanners that
// must read TLA+ text without a parse: the parser's lexical error checks
// and comment scan, the PlusCal error scanner and the PlusCal translator's
// expression tokens. It splits text into white space, comments, strings,
// numbers, identifiers and operators, covering every byte exactly once in
// order, and never fails: malformed input gives unterminated or one-byte
// tokens. It depends only on package comment, so every layer can use it.
package scan

import (
	"bytes"
	"strings"

	"github.com/tlals/tlals/parser/comment"
)

// Kind is what a token is.
type Kind uint8

const (
	Space   Kind = iota // a run of blanks, tabs, newlines, carriage returns, form feeds
	Comment             // `\*` to the end of the line (newline excluded), or a nested `(* *)`
	String              // "…" with backslash escapes, ending at its line's end if unclosed
	Number              // 42, 1.5, \b101, \o17, \hFF
	Ident               // a name or keyword: letters, digits, _, at least one letter
	Op                  // an operator or punctuation, longest match; \in-like words; one Unicode symbol
)

func (k Kind) String() string {
	switch k {
	case Space:
		return "space"
	case Comment:
		return "comment"
	case String:
		return "string"
	case Number:
		return "number"
	case Ident:
		return "ident"
	case Op:
		return "op"
	}
	return "?"
}

// Token is one token: the bytes [Start, End) of the text.
type Token struct {
	Kind       Kind
	Start, End int
	// Open is set on a string or block comment that is not closed within
	// the text scanned.
	Open bool
}

// Byte classes, looked up rather than compared: the scanner runs on every
// keystroke.
const (
	cSpace  = 1 << iota // TLA+ white space
	cIdent              // ASCII letter, digit or underscore
	cLetter             // ASCII letter or underscore
	cDigit              // 0-9
)

var class = func() (t [256]uint8) {
	for _, c := range []byte(" \t\n\r\f") {
		t[c] = cSpace
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = cIdent | cDigit
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = cIdent | cLetter
		t[c-'a'+'A'] = cIdent | cLetter
	}
	t['_'] = cIdent | cLetter
	return t
}()

// IsIdentByte reports whether c can be part of a TLA+ identifier: an ASCII
// letter, digit or underscore.
func IsIdentByte(c byte) bool { return class[c]&cIdent != 0 }

// IsLetter reports whether c is an ASCII letter or underscore: a byte that
// makes a run of identifier bytes a name rather than a number.
func IsLetter(c byte) bool { return class[c]&cLetter != 0 }

// IsSpace reports whether c is TLA+ white space.
func IsSpace(c byte) bool { return class[c]&cSpace != 0 }

// Scanner yields the tokens of src[start:end] one at a time. The zero
// Scanner is empty; make one with New. It allocates nothing.
type Scanner struct {
	src      []byte
	pos, end int
}

// New scans src[start:end] (end is clamped to len(src)).
func New(src []byte, start, end int) Scanner {
	end = min(end, len(src))
	return Scanner{src: src, pos: min(max(start, 0), end), end: end}
}

// Pos is where the next token starts.
func (s *Scanner) Pos() int { return s.pos }

// Next returns the next token; ok is false at the end.
func (s *Scanner) Next() (t Token, ok bool) { return s.NextOf(All) }

// Kinds is a set of token kinds.
type Kinds uint8

// All is every kind of token.
const All Kinds = 1<<Space | 1<<Comment | 1<<String | 1<<Number | 1<<Ident | 1<<Op

// Of is the set of the given kinds.
func Of(kinds ...Kind) Kinds {
	var k Kinds
	for _, x := range kinds {
		k |= 1 << x
	}
	return k
}

// NextOf returns the next token of one of kinds, passing over the others
// (faster than Next for a caller that looks at few tokens: the comment
// scan of every keystroke's parse); ok is false at the end.
func (s *Scanner) NextOf(kinds Kinds) (t Token, ok bool) {
	src, i, end := s.src, s.pos, s.end
	// Only tokens of a comment or string kind wanted: a line (from a token
	// boundary) with neither `*` nor `"` holds none, and no other token
	// crosses its end, so it is passed over whole.
	skipLines := kinds&^Of(Comment, String) == 0
	checked := i // the text before it was looked at
	for i < end {
		if skipLines && i >= checked {
			lineEnd := end
			if nl := bytes.IndexByte(src[i:end], '\n'); nl >= 0 {
				lineEnd = i + nl + 1
			}
			if line := src[i:lineEnd]; bytes.IndexByte(line, '*') < 0 && bytes.IndexByte(line, '"') < 0 {
				i = lineEnd
				continue
			}
			checked = lineEnd
		}
		t = Token{Start: i}
		c := src[i]
		switch k := class[c]; {
		case k&cSpace != 0:
			t.Kind = Space
			for i++; i < end && class[src[i]]&cSpace != 0; i++ {
			}
		case k&cIdent != 0:
			for i++; i < end; i++ {
				kk := class[src[i]]
				if kk&cIdent == 0 {
					break
				}
				k |= kk
			}
			t.Kind = Ident
			if k&cLetter == 0 {
				t.Kind = Number
				// 1.5 is a decimal, 1..2 a range.
				if i+1 < end && src[i] == '.' && isDigit(src[i+1]) {
					for i++; i < end && isDigit(src[i]); i++ {
					}
				}
			}
		case (c == '\\' || c == '(') && comment.At(src, i, end):
			t.Kind = Comment
			var closed bool
			i, closed = comment.End(src, i, end)
			t.Open = !closed && c == '('
		case c == '"':
			t.Kind, t.Open = String, true
			for i++; i < end && src[i] != '\n'; i++ {
				if src[i] == '"' {
					i++
					t.Open = false
					break
				}
				// An escape takes the next byte, never the line's end.
				if src[i] == '\\' && i+1 < end && src[i+1] != '\n' {
					i++
				}
			}
			// An unclosed string ends before the \r of a CRLF line end.
			if t.Open && i > t.Start+1 && src[i-1] == '\r' {
				i--
			}
		case c == '\\' && i+1 < end && IsLetter(src[i+1]):
			// \in, \X, \o, and the numbers \b101, \o17, \hFF.
			for i++; i < end && IsIdentByte(src[i]); i++ {
			}
			t.Kind = Op
			if isRadixNumber(src[t.Start:i]) {
				t.Kind = Number
			}
		case c >= 0x80:
			// One Unicode symbol (or one stray byte and its continuation bytes).
			t.Kind = Op
			for i++; i < end && src[i]&0xC0 == 0x80; i++ {
			}
		default:
			// The longest symbol of ops here, else one byte; most bytes
			// start none, and the second byte rules most out.
			t.Kind = Op
			i++
			if i < end && src[i] < 0x80 && opPairs[c][src[i]>>6]&(1<<(src[i]&63)) != 0 {
				for _, op := range opsByFirst[c] {
					if n := len(op); t.Start+n <= end && matches(src[t.Start+1:t.Start+n], op[1:]) {
						i = t.Start + n
						break
					}
				}
			}
		}
		if kinds&(1<<t.Kind) != 0 {
			t.End = i
			s.pos = i
			return t, true
		}
	}
	s.pos = i
	return Token{}, false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isRadixNumber reports whether w (`\` and a word) is a binary, octal or
// hexadecimal number: \b101, \o17, \hFF (either case of the letter).
func isRadixNumber(w []byte) bool {
	if len(w) < 3 {
		return false
	}
	var ok func(c byte) bool
	switch w[1] {
	case 'b', 'B':
		ok = func(c byte) bool { return c == '0' || c == '1' }
	case 'o', 'O':
		ok = func(c byte) bool { return c >= '0' && c <= '7' }
	case 'h', 'H':
		ok = func(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
	default:
		return false
	}
	for _, c := range w[2:] {
		if !ok(c) {
			return false
		}
	}
	return true
}

// ops are TLA+'s operator and punctuation symbols of more than one byte
// (SANY's, less `]_` and `>>_`, which the scanners here want as a bracket
// and a name). Every other ASCII byte is a token of its own.
var ops = []string{
	"-+->", "(\\X)", "::=", "|->", "<=>", "...", "(+)", "(-)", "(.)", "(/)",
	"==", "=>", "=<", "=|", "<=", "<:", "<-", "<<", "<>", ">=", ">>", "/=", "/\\", "//", "\\/",
	"||", "|-", "|=", "->", "--", "-|", "-.", "++", "^+", "^*", "^#", "^^", "**", "%%", "##",
	"$$", "&&", "@@", "!!", "??", "..", "::", ":=", ":>", "~>", "[]",
}

// matches reports whether b holds the bytes of op.
func matches(b []byte, op string) bool {
	for j := range len(op) {
		if b[j] != op[j] {
			return false
		}
	}
	return true
}

// opPairs[c] is the set of the second bytes of the ops that start with c.
var opPairs = func() (t [128][2]uint64) {
	for _, op := range ops {
		t[op[0]][op[1]>>6] |= 1 << (op[1] & 63)
	}
	return t
}()

// opsByFirst lists ops by their first byte, longest first.
var opsByFirst = func() (t [128][]string) {
	for _, op := range ops {
		t[op[0]] = append(t[op[0]], op)
	}
	for i := range t {
		l := t[i]
		for a := 1; a < len(l); a++ {
			for b := a; b > 0 && len(l[b]) > len(l[b-1]); b-- {
				l[b], l[b-1] = l[b-1], l[b]
			}
		}
	}
	return t
}()

// Unquote is the value of the string literal lit (a String token's text:
// its quotes, the closing one possibly missing) with
// TLA+'s escapes \" \\ \n \t \r \f resolved. Any other escape stands for
// its character; bad, when not nil, is told the offset in lit of each
// such backslash.
func Unquote(lit string, bad func(at int)) string {
	body, off := lit, 0
	if len(body) > 0 && body[0] == '"' {
		body, off = body[1:], 1
	}
	if off == 1 && len(body) > 0 && body[len(body)-1] == '"' {
		body = body[:len(body)-1]
	}
	if strings.IndexByte(body, '\\') < 0 {
		return body
	}
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' || i+1 >= len(body) {
			b.WriteByte(c)
			continue
		}
		i++
		switch body[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'f':
			b.WriteByte('\f')
		case '"', '\\':
			b.WriteByte(body[i])
		default:
			if bad != nil {
				bad(off + i - 1)
			}
			b.WriteByte(body[i])
		}
	}
	return b.String()
}
