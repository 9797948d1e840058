package parser

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

func TestExtramodularTail(t *testing.T) {
	const m = "---- MODULE M ----\nA == 1\n====\n" // 31 bytes
	tests := []struct {
		name, src string
		want      int // -1: len(src), nothing blanked
	}{
		{"nothing after", m, -1},
		{"blanks and comments after", m + "\\* Modification History\n(* created *)\n\n", -1},
		{"junk after", m + "---- ENABLED ] << /\\ ", 30},
		{"junk after a footer at the end of the text", "---- MODULE M ----\n====[ x", 23},
		{"nested module closed, outer continues", "---- MODULE O ----\n---- MODULE I ----\n====\nB == 2\n====\n]x", 54},
		{"no footer", "---- MODULE M ----\nA == 1\n]x", -1},
		{"footer inside a comment", "---- MODULE M ----\n(* ==== *)\nA == 1\n====\n)y", 41},
		{"footer inside a string", "---- MODULE M ----\nA == \"====\"\n====\n)y", 35},
		{"a later module", m + "junk\n---- MODULE N ----\n====\n", -1},
		{"the word MODULE in the tail", m + "( MODULE", -1},
		{"header with a comment between its tokens", "---- (* c *) MODULE M ----\n====\n]", 31},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if want < 0 {
				want = len(tt.src)
			}
			if got := moduleEnds([]byte(tt.src)).tail; got != want {
				t.Errorf("moduleEnds tail = %d, want %d", got, want)
			}
		})
	}
}

// TestDocumentTailToggles: edits that make the text after the module
// blanked, then seen again (its `====` removed and restored), give the same
// trees, ASTs and errors as fresh parses: an old tree is never reused across
// a change of what tree-sitter was shown.
func TestDocumentTailToggles(t *testing.T) {
	src := "---- MODULE D ----\nA == 1\nB == 2\n====\n(x ]\n"
	doc := NewDocument("d.tla", []byte(src))
	footer := strings.Index(src, "====")
	steps := []struct {
		start, end int
		ins        string
	}{
		{footer, footer + 4, ""},         // the junk is module text now
		{footer, footer, "===="},         // and after the module again
		{footer + 6, footer + 6, "[["},   // more junk after it
		{19, 19, "X"},                    // an edit inside the module
		{footer + 1, footer + 5, ""},     // the footer again
		{footer + 1, footer + 1, "===="}, // restored
	}
	for i, s := range steps {
		doc.Reparse(context.Background())
		if err := doc.Edit(s.start, s.end, []byte(s.ins)); err != nil {
			t.Fatal(err)
		}
		inc := doc.Reparse(context.Background())
		fresh := Parse(context.Background(), "d.tla", doc.Text())
		step := fmt.Sprintf("step %d, text %q", i, doc.Text())
		if inc.Tree == nil || fresh.Tree == nil {
			t.Fatalf("%s: no tree (incremental %v, fresh %v)", step, inc.Errors, fresh.Errors)
		}
		if got, want := treeDump(inc.Tree.RootNode()), treeDump(fresh.Tree.RootNode()); got != want {
			t.Fatalf("%s: incremental tree differs from a fresh parse\n%s", step, firstDiff(got, want))
		}
		if got, want := dumpAST(inc.Module, doc.Text()), dumpAST(fresh.Module, doc.Text()); got != want {
			t.Fatalf("%s: AST differs\n%s", step, firstDiff(got, want))
		}
		if fmt.Sprint(inc.Errors) != fmt.Sprint(fresh.Errors) {
			t.Fatalf("%s: errors differ: %v vs %v", step, inc.Errors, fresh.Errors)
		}
	}
}

// TestOpenModulesParsedClosed: modules left open are parsed as if closed,
// and no span of the result reaches past the text.
func TestOpenModulesParsedClosed(t *testing.T) {
	tests := []struct {
		src, errors string
		units       int
	}{
		{"---- MODULE M ----\nFoo == 1\nBar == 2\n", "[36-36: missing `====` at the end of the module]", 2},
		{"---- MODULE M ----\nA == 1\n---- MODULE I ----\nB == 2\n", "[51-51: missing `====` at the end of the module]", 2},
		{"---- MODULE M ----\n. DOMAIN \\in ASSUME UNION /\\ ", "[19-20: unexpected `.`: no definition starts here (a definition's head is `Name`, `Name(params)`, `f[x \\in S]` or an operator with its operands, before `==`) 47-47: missing `====` at the end of the module]", 0}, // SANY: Encountered "." at line 2, column 1
	}
	for _, tt := range tests {
		res := Parse(context.Background(), "m.tla", []byte(tt.src))
		if got := fmt.Sprint(res.Errors); got != tt.errors || res.Damaged {
			t.Errorf("%q: errors %s (damaged %v), want %s", tt.src, got, res.Damaged, tt.errors)
		}
		if len(res.Module.Units) != tt.units || res.Module.Span.End != len(tt.src) {
			t.Errorf("%q: %d units, module span %v; want %d units ending at %d", tt.src, len(res.Module.Units), res.Module.Span, tt.units, len(tt.src))
		}
		if len(res.File.Text) != len(tt.src) {
			t.Errorf("%q: the result's file has %d bytes, the text %d", tt.src, len(res.File.Text), len(tt.src))
		}
		_ = dumpAST(res.Module, []byte(tt.src)) // slices the text by every span
	}
}

// BenchmarkModuleEnds: the scan runs on every reparse (the keystroke path).
func BenchmarkModuleEnds(b *testing.B) {
	src := bigModule(b, 3000)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		moduleEnds(src)
	}
}

// TestModuleHeaderFound: a text without a module header's tokens is not
// handed to tree-sitter (no tree, not damaged: a new buffer); before the
// first module a comment is text, so a header there counts, as SANY takes
// `\* ---- MODULE M ----` for a header.
func TestModuleHeaderFound(t *testing.T) {
	const noHeader = "`MODULE` header expected: a module starts with a line like `---- MODULE Name ----`"
	tests := []struct {
		src    string
		tree   bool
		errors string
	}{
		{"Init == /\\ x = 1", false, "[0-16: " + noHeader + "]"},
		{"(* --algorithm a { skip } *)", false, "[0-28: " + noHeader + "]"},
		{"---- (* c *) MODULE M ----\n====\n", true, "[]"},
		{"\\* ---- MODULE M ----\nx == 1\n====\n", true, "[]"},
		{"(* ---- MODULE M ---- *)", true, "[0-24: " + noHeader + "]"},
		{"---- (* ---- MODULE M *) x", false, "[0-26: " + noHeader + "]"},
	}
	for _, tt := range tests {
		res := Parse(context.Background(), "m.tla", []byte(tt.src))
		if got := fmt.Sprint(res.Errors); (res.Tree != nil) != tt.tree || got != tt.errors || res.Damaged {
			t.Errorf("%q: tree %v, errors %s, damaged %v; want tree %v, errors %s", tt.src, res.Tree != nil, got, res.Damaged, tt.tree, tt.errors)
		}
	}
}

// TestCommentedHeaderBetweenModules: a module header inside a comment
// between two modules (`\*---- MODULE G ----`, as TLC's trace modules
// carry) is a comment: SANY reads both modules of this file without an
// error, and so must the parser, the second module being a trailing one.
func TestCommentedHeaderBetweenModules(t *testing.T) {
	src := "---- MODULE F ----\nEXTENDS G\nA == K\n====\n\nText between.\n\\*\n\\*---- MODULE G ----\n\\*K == 4\n\\*=====\n(* ---- MODULE H ---- *)\n\n---- MODULE G ----\nK == 3\n====\n"
	ends := moduleEnds([]byte(src))
	c1 := strings.Index(src, "\\*---- MODULE G")
	c2 := strings.Index(src, "(* ----")
	want := [][2]int{{c1, c1 + len("\\*---- MODULE G ----")}, {c2, c2 + len("(* ---- MODULE H ---- *)")}}
	if fmt.Sprint(ends.quiet) != fmt.Sprint(want) {
		t.Errorf("quiet = %v, want %v", ends.quiet, want)
	}
	res := Parse(context.Background(), "F.tla", []byte(src))
	if len(res.Errors) != 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	if len(res.Module.Trailing) != 1 || res.Module.Trailing[0].Name.Name != "G" {
		t.Fatalf("trailing modules: %v", res.Module.Trailing)
	}
}
