package source

import "testing"

// "a𝔸∧b\nx" — 𝔸 is 4 bytes and 2 UTF-16 units, ∧ is 3 bytes and 1 unit.
const text = "a𝔸∧b\r\nx\n"

func TestPositionsAcrossEncodings(t *testing.T) {
	f := NewFile("T.tla", []byte(text))
	tests := []struct {
		off          int
		line, col    int // 1-based, runes
		utf16, utf8c int // LSP character
		lspLine      int
	}{
		{0, 1, 1, 0, 0, 0},  // a
		{1, 1, 2, 1, 1, 0},  // 𝔸
		{5, 1, 3, 3, 5, 0},  // ∧
		{8, 1, 4, 4, 8, 0},  // b
		{9, 1, 5, 5, 9, 0},  // \r
		{11, 2, 1, 0, 0, 1}, // x
		{13, 3, 1, 0, 0, 2}, // end of file, on the empty last line
		{99, 3, 1, 0, 0, 2}, // past the end clamps
		{-5, 1, 1, 0, 0, 0}, // before the start clamps
	}
	for _, tc := range tests {
		l, c := f.LineCol(tc.off)
		if l != tc.line || c != tc.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tc.off, l, c, tc.line, tc.col)
		}
		if p := f.Position(tc.off, UTF16); p != (Position{tc.lspLine, tc.utf16}) {
			t.Errorf("Position(%d, UTF16) = %v, want %d:%d", tc.off, p, tc.lspLine, tc.utf16)
		}
		if p := f.Position(tc.off, UTF8); p != (Position{tc.lspLine, tc.utf8c}) {
			t.Errorf("Position(%d, UTF8) = %v, want %d:%d", tc.off, p, tc.lspLine, tc.utf8c)
		}
	}
}

func TestOffsetFromLSP(t *testing.T) {
	f := NewFile("T.tla", []byte(text))
	tests := []struct {
		pos  Position
		enc  Encoding
		want int
	}{
		{Position{0, 0}, UTF16, 0},
		{Position{0, 1}, UTF16, 1},
		{Position{0, 2}, UTF16, 1}, // inside the surrogate pair: start of 𝔸
		{Position{0, 3}, UTF16, 5},
		{Position{0, 4}, UTF16, 8},
		{Position{0, 50}, UTF16, 10}, // past the line end: the line's end (\r stays in the line)
		{Position{1, 1}, UTF16, 12},
		{Position{7, 0}, UTF16, len(text)}, // past the last line: end of file
		{Position{0, 5}, UTF8, 5},
		{Position{0, 3}, UTF8, 1}, // inside 𝔸's bytes: start of the rune
		{Position{0, 50}, UTF8, 10},
	}
	for _, tc := range tests {
		got, err := f.Offset(tc.pos, tc.enc)
		if err != nil || got != tc.want {
			t.Errorf("Offset(%v, %v) = %d, %v; want %d", tc.pos, tc.enc, got, err, tc.want)
		}
	}
	if _, err := f.Offset(Position{-1, 0}, UTF16); err == nil {
		t.Error("negative line: want an error")
	}
	if got := f.Location(11); got != "T.tla:2:1" {
		t.Errorf("Location(11) = %q", got)
	}
}

// Every rune boundary survives a round trip through both LSP encodings.
func TestRoundTrip(t *testing.T) {
	f := NewFile("T.tla", []byte(text))
	for off := 0; off <= len(text); off++ {
		if off < len(text) && (text[off]&0xC0) == 0x80 {
			continue // not a rune boundary
		}
		for _, enc := range []Encoding{UTF16, UTF8} {
			back, err := f.Offset(f.Position(off, enc), enc)
			if err != nil || back != off {
				t.Errorf("offset %d via %v came back as %d (%v)", off, enc, back, err)
			}
		}
	}
}
