package scan

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser/testkit"
)

// render lists the tokens of src as kind:text, spaces left out, an open
// token marked with a trailing "!".
func render(src string) string {
	var out []string
	s := New([]byte(src), 0, len(src))
	for {
		t, ok := s.Next()
		if !ok {
			break
		}
		if t.Kind == Space {
			continue
		}
		x := fmt.Sprintf("%s:%s", t.Kind, src[t.Start:t.End])
		if t.Open {
			x += "!"
		}
		out = append(out, x)
	}
	return strings.Join(out, " ")
}

func TestTokens(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{`x' = x + 1`, `ident:x op:' op:= ident:x op:+ number:1`},
		{`1..N 1.5 2.x`, `number:1 op:.. ident:N number:1.5 number:2 op:. ident:x`},
		{`1a a1 _b x_1`, `ident:1a ident:a1 ident:_b ident:x_1`},
		{`\b101 \o17 \hFF \H1f \o \b2 \in \X`, `number:\b101 number:\o17 number:\hFF number:\H1f op:\o op:\b2 op:\in op:\X`},
		{`a |-> b -+-> c <=> d`, `ident:a op:|-> ident:b op:-+-> ident:c op:<=> ident:d`},
		{`(+) (-) (.) (/) (\X) [] <> ( + )`, `op:(+) op:(-) op:(.) op:(/) op:(\X) op:[] op:<> op:( op:+ op:)`},
		{`[][Next]_vars <<A>>_v`, `op:[] op:[ ident:Next op:] ident:_vars op:<< ident:A op:>> ident:_v`},
		{`/\ \/ => =< == ::= := :: ... ..`, `op:/\ op:\/ op:=> op:=< op:== op:::= op::= op::: op:... op:..`},
		{`--algorithm ----`, `op:-- ident:algorithm op:-- op:--`},
		{"a \\* line\nb", `ident:a comment:\* line ident:b`},
		{`a (* x (* y *) z *) b`, `ident:a comment:(* x (* y *) z *) ident:b`},
		{`(* open (* *)`, `comment:(* open (* *)!`},
		{`(*)`, `comment:(*)!`},
		{`"a\"b\\" "c`, `string:"a\"b\\" string:"c!`},
		{"\"ab\r\nx", `string:"ab! ident:x`},
		{"\"a\\\nb\"", `string:"a\! ident:b string:"!`},
		{`x ∈ S ≜ ⟨1⟩`, `ident:x op:∈ ident:S op:≜ op:⟨ number:1 op:⟩`},
		{"\xff\x80a", "op:\xff\x80 ident:a"},
		{`\`, `op:\`},
		{`IF x THEN "y" ELSE z`, `ident:IF ident:x ident:THEN string:"y" ident:ELSE ident:z`},
	} {
		if got := render(tt.src); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

// TestRange scans part of a text: nothing outside [start, end) is read.
func TestRange(t *testing.T) {
	src := []byte(`ab "cd" (* e *)`)
	for _, tt := range []struct {
		start, end int
		want       string
	}{
		{1, 5, "1-2 ident, 2-3 space, 3-5 string!"},
		{8, 15, "8-15 comment"},
		{8, 12, "8-12 comment!"},
		{-1, 2, "0-2 ident"},
		{10, 99, "10-11 space, 11-12 ident, 12-13 space, 13-14 op, 14-15 op"},
		{5, 5, ""},
	} {
		var got []string
		s := New(src, tt.start, tt.end)
		for {
			tok, ok := s.Next()
			if !ok {
				break
			}
			x := fmt.Sprintf("%d-%d %s", tok.Start, tok.End, tok.Kind)
			if tok.Open {
				x += "!"
			}
			got = append(got, x)
		}
		if g := strings.Join(got, ", "); g != tt.want {
			t.Errorf("[%d, %d): got %q, want %q", tt.start, tt.end, g, tt.want)
		}
	}
}

// TestNextOf: the comment scan's way of reading, the comments alone.
func TestNextOf(t *testing.T) {
	src := []byte("a /\\* b \\* c\n(* d *) \"(* e *)\" x")
	var got []string
	for s := New(src, 0, len(src)); ; {
		tok, ok := s.NextOf(Of(Comment))
		if !ok {
			break
		}
		got = append(got, string(src[tok.Start:tok.End]))
	}
	// `/\*` is `/\` and `*`, as SANY reads it, not a comment.
	if want := []string{"\\* c", "(* d *)"}; !slices.Equal(got, want) {
		t.Errorf("comments %q, want %q", got, want)
	}
}

func TestIsIdentByte(t *testing.T) {
	var got []byte
	for c := 0; c < 256; c++ {
		if IsIdentByte(byte(c)) {
			got = append(got, byte(c))
		}
	}
	if want := "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"; string(got) != want {
		t.Errorf("identifier bytes %q, want %q", got, want)
	}
}

// FuzzScan: the scanner never panics, and its tokens cover the input
// exactly, in order, none empty; only strings and block comments are open.
func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"---- MODULE M ----\nVARIABLE x\nInit == x = 0\nNext == x' = x + 1 \\* c\n====\n",
		`(* a (* b *) "c" \b101 1.5 1..2 -+-> (\X) ∈ "d\"`, "\"\\", "(*", "\\*", "\xf0\x9f",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		b := []byte(src)
		s := New(b, 0, len(b))
		at := 0
		for {
			tok, ok := s.Next()
			if !ok {
				break
			}
			if tok.Start != at || tok.End <= tok.Start || tok.End > len(b) {
				t.Fatalf("token %+v after offset %d of %q", tok, at, src)
			}
			if tok.Open && tok.Kind != String && tok.Kind != Comment {
				t.Fatalf("open %s token %+v", tok.Kind, tok)
			}
			at = tok.End
		}
		if at != len(b) {
			t.Fatalf("tokens end at %d of %d", at, len(b))
		}
		// NextOf passes over the other kinds, finding the same tokens.
		kinds := Of(Comment, String)
		var want, got []Token
		for s := New(b, 0, len(b)); ; {
			tok, ok := s.Next()
			if !ok {
				break
			}
			if kinds&(1<<tok.Kind) != 0 {
				want = append(want, tok)
			}
		}
		for s := New(b, 0, len(b)); ; {
			tok, ok := s.NextOf(kinds)
			if !ok {
				break
			}
			got = append(got, tok)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("NextOf(comments, strings) = %v, Next gives %v", got, want)
		}
	})
}

// BenchmarkScan tokenizes a module of the size the keystroke benchmarks use.
func BenchmarkScan(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("---- MODULE Big ----\nEXTENDS Naturals\nVARIABLE x\n")
	for i := 0; sb.Len() < 100_000; i++ {
		fmt.Fprintf(&sb, "(* op %d *)\nOp%d(a, b) ==\n  /\\ a + b > %d \\* bound\n  /\\ x' = IF a > b THEN {a, \"b\"} ELSE {i \\in 1..%d : i > a}\n", i, i, i, i)
	}
	sb.WriteString("====\n")
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	start := testkit.CPUNow()
	for b.Loop() {
		s := New(src, 0, len(src))
		for {
			if _, ok := s.Next(); !ok {
				break
			}
		}
	}
	testkit.ReportCPU(b, start)
}

// TestUnquote: a literal's value, with the offsets of the escapes TLA+
// does not know.
func TestUnquote(t *testing.T) {
	for _, tt := range []struct {
		lit, want string
		bad       []int
	}{
		{`"abc"`, "abc", nil},
		{`""`, "", nil},
		{`"`, "", nil},
		{`"open`, "open", nil},
		{`"a \"q\" \\ b\nc\td\re\ff"`, "a \"q\" \\ b\nc\td\re\ff", nil},
		{`"x\qy\z"`, "xqyz", []int{2, 5}},
		{`"end\"`, `end\`, nil},
	} {
		var bad []int
		got := Unquote(tt.lit, func(at int) { bad = append(bad, at) })
		if got != tt.want || !slices.Equal(bad, tt.bad) {
			t.Errorf("Unquote(%s) = %q, bad escapes at %v; want %q, %v", tt.lit, got, bad, tt.want, tt.bad)
		}
	}
}
