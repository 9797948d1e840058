// Package source maps between the three ways tlals names a place in a
// file: byte offsets (what the AST and tree-sitter store), 1-based
// line:column for people (CLI messages, TLC-style traces), and LSP positions
// (0-based line, character counted in UTF-16 code units or UTF-8 bytes).
// It is the one position mapper of the project; nothing else converts.
package source

import (
	"fmt"
	"sort"
	"unicode/utf16"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) in a file.
type Span struct{ Start, End int }

// Pos returns the span itself, so that AST nodes embedding a Span satisfy
// interfaces that ask for their position.
func (s Span) Pos() Span { return s }

// Len is the number of bytes covered.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether off lies in [Start, End] (the end is included so
// that a cursor just after a token still finds it).
func (s Span) Contains(off int) bool { return s.Start <= off && off <= s.End }

// Encoding says how an LSP character offset counts.
type Encoding int

const (
	UTF16 Encoding = iota // LSP's default
	UTF8
)

// File is an immutable text with its line index.
type File struct {
	Name  string
	Text  []byte
	lines []int // byte offset of the start of each line
}

// NewFile indexes text. Lines end at "\n"; a preceding "\r" belongs to the
// line's content for offsets but is never counted in a column past it.
func NewFile(name string, text []byte) *File {
	f := &File{Name: name, Text: text, lines: []int{0}}
	for i, b := range text {
		if b == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	return f
}

// LineCount is the number of lines (a trailing newline starts an empty one).
func (f *File) LineCount() int { return len(f.lines) }

// LineStart is the byte offset at which 0-based line starts (clamped).
func (f *File) LineStart(line int) int {
	if line < 0 {
		return 0
	}
	if line >= len(f.lines) {
		return len(f.Text)
	}
	return f.lines[line]
}

// lineEnd is the offset of the end of 0-based line, without its newline.
func (f *File) lineEnd(line int) int {
	if line+1 < len(f.lines) {
		return f.lines[line+1] - 1
	}
	return len(f.Text)
}

func (f *File) clamp(off int) int {
	if off < 0 {
		return 0
	}
	if off > len(f.Text) {
		return len(f.Text)
	}
	return off
}

// Line returns the 0-based line containing off.
func (f *File) Line(off int) int {
	off = f.clamp(off)
	return sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > off }) - 1
}

// LineCol returns the 1-based line and 1-based column (in runes, as TLC
// counts) of off.
func (f *File) LineCol(off int) (line, col int) {
	off = f.clamp(off)
	l := f.Line(off)
	return l + 1, utf8.RuneCount(f.Text[f.lines[l]:off]) + 1
}

// Position is an LSP position: 0-based line and character.
type Position struct{ Line, Character int }

// Position converts a byte offset into an LSP position in enc.
func (f *File) Position(off int, enc Encoding) Position {
	off = f.clamp(off)
	l := f.Line(off)
	seg := f.Text[f.lines[l]:off]
	if enc == UTF8 {
		return Position{l, len(seg)}
	}
	n := 0
	for len(seg) > 0 {
		r, size := utf8.DecodeRune(seg)
		seg = seg[size:]
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return Position{l, n}
}

// Offset converts an LSP position into a byte offset. Positions past the end
// of a line clamp to the line's end and lines past the end clamp to the end
// of the file, as the LSP specification asks; a character inside a UTF-16
// surrogate pair rounds down to the start of its rune.
func (f *File) Offset(p Position, enc Encoding) (int, error) {
	if p.Line < 0 || p.Character < 0 {
		return 0, fmt.Errorf("negative position %d:%d", p.Line, p.Character)
	}
	if p.Line >= len(f.lines) {
		return len(f.Text), nil
	}
	start, end := f.lines[p.Line], f.lineEnd(p.Line)
	if enc == UTF8 {
		off := start + p.Character
		if off > end {
			off = end
		}
		for off > start && !utf8.RuneStart(f.Text[off]) && off < len(f.Text) {
			off--
		}
		return off, nil
	}
	n, off := 0, start
	for off < end {
		r, size := utf8.DecodeRune(f.Text[off:end])
		w := 1
		if r >= 0x10000 {
			w = len(utf16.Encode([]rune{r}))
		}
		if n+w > p.Character {
			break
		}
		n += w
		off += size
	}
	return off, nil
}

// Location names a place for people: file:line:col, 1-based.
func (f *File) Location(off int) string {
	l, c := f.LineCol(off)
	return fmt.Sprintf("%s:%d:%d", f.Name, l, c)
}
