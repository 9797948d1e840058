package parser

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/tlals/tlals/parser/ast"
	"golang.org/x/tools/txtar"
)

// fuzzSeeds adds the golden inputs and a few damaged texts.
func fuzzSeeds(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			continue
		}
		for _, fl := range ar.Files {
			if fl.Name == "input.tla" {
				f.Add(fl.Data)
			}
		}
	}
	for _, s := range []string{
		"", "---- MODULE M ----\n====\n", "---- MODULE M ----\nA == (\n====\n",
		"---- MODULE M ----\nA == /\\ x\n     /\\ y\n====\n", "(*", "\"", "\\* BEGIN TRANSLATION\n",
		// operator selectors (opsel.go) and heads that are no definition's (unithead.go)
		"---- MODULE M ----\nX == F(C!@!++, 1) + I!-(1) + G(I!\\cup, Op!lab!:!^+!lab)\nI == INSTANCE N WITH A <- C!@!(+)\n====\n",
		"---- MODULE M ----\nA == 1\nLOCAL u \\mod v == u\nF(a) = {a}\nB == 2\n====\n",
	} {
		f.Add([]byte(s))
	}
}

// checkResult asserts the invariants every Result must keep.
func checkResult(t *testing.T, src []byte, res *Result) {
	if res == nil || res.Module == nil || res.File == nil {
		t.Fatal("nil result, module or file")
	}
	for _, e := range res.Errors {
		if e.Span.Start < 0 || e.Span.Start > e.Span.End || e.Span.End > len(src) || e.Msg == "" {
			t.Fatalf("bad error %v (len %d)", e, len(src))
		}
	}
	ast.Inspect(res.Module, func(n ast.Node) bool {
		if sp := n.Pos(); sp.Start < 0 || sp.Start > sp.End || sp.End > len(src) {
			t.Fatalf("%T has span %v outside the text (len %d)", n, sp, len(src))
		}
		return true
	})
}

// FuzzParse runs the whole pipeline (tree-sitter through cgo, lowering,
// error messages) on arbitrary bytes.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		checkResult(t, src, Parse(context.Background(), "fuzz.tla", src))
	})
}

// FuzzLower lowers trees that tree-sitter accepted, including damaged
// ones, directly (without the lexical pre-checks), so that every lowering
// path meets partial trees.
func FuzzLower(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		if nestingError(src) != nil || len(src) > 1<<16 {
			return // tree-sitter itself cannot take these (see precheck.go)
		}
		tree, text, err := parseTree(context.Background(), nil, src)
		if err != nil {
			return
		}
		res := build("fuzz.tla", src, text, tree, nil)
		for _, e := range res.Errors {
			if len(e.Msg) > 40 && e.Msg[:40] == "internal error while reading the syntax " {
				t.Fatalf("lowering panicked: %s", e.Msg)
			}
		}
		checkResult(t, src, res)
	})
}

// FuzzEdit applies one edit to a parsed Document and requires the
// incremental reparse (tree reuse, reuse of lowered units) to give the AST
// and errors of a fresh parse of the edited text.
func FuzzEdit(f *testing.F) {
	const mod = "---- MODULE M ----\nA == /\\ x = 1\n     /\\ y = 2\nB(p) == p + 1\nC == {z \\in 1..3 : z > 1}\nD == B(2)\n====\n"
	f.Add([]byte(mod), uint16(30), uint8(0), []byte(" "))
	f.Add([]byte(mod), uint16(50), uint8(3), []byte("q"))
	f.Add([]byte(mod), uint16(0), uint8(0), []byte("\n"))
	f.Add([]byte(mod), uint16(60), uint8(1), []byte("(*"))
	const sel = "---- MODULE M ----\nX == F(C!@!++ , 1)\nY == G(I!+)\n====\n"
	f.Add([]byte(sel), uint16(32), uint8(0), []byte(","))
	f.Add([]byte(sel), uint16(32), uint8(2), []byte("(*c*)"))
	f.Fuzz(func(t *testing.T, src []byte, at uint16, del uint8, ins []byte) {
		if nestingError(src) != nil || len(src) > 1<<14 || len(ins) > 64 {
			return
		}
		start := int(at) % (len(src) + 1)
		end := min(len(src), start+int(del%16))
		doc := NewDocument("fuzz.tla", src)
		doc.Reparse(context.Background())
		if err := doc.Edit(start, end, ins); err != nil {
			t.Fatal(err)
		}
		inc := doc.Reparse(context.Background())
		fresh := Parse(context.Background(), "fuzz.tla", doc.Text())
		if inc.Damaged || fresh.Damaged {
			return // a time budget may run out in one and not the other
		}
		if got, want := dumpAST(inc.Module, doc.Text()), dumpAST(fresh.Module, doc.Text()); got != want {
			t.Fatalf("AST differs from a fresh parse\n%s", firstDiff(got, want))
		}
		if got, want := fmt.Sprint(inc.Errors), fmt.Sprint(fresh.Errors); got != want {
			t.Fatalf("errors differ:\n  incremental: %s\n  fresh:       %s", got, want)
		}
	})
}
