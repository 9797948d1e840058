package parser

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/testkit"
)

// BenchmarkParseLargest: full parse and lowering of the largest corpus
// module.
func BenchmarkParseLargest(b *testing.B) {
	var largest []byte
	var name string
	for _, f := range corpusModules(b) {
		src, err := os.ReadFile(f)
		if err == nil && len(src) > len(largest) {
			largest, name = src, f
		}
	}
	b.Logf("%s: %d bytes", name, len(largest))
	b.SetBytes(int64(len(largest)))
	for b.Loop() {
		res := Parse(context.Background(), name, largest)
		if len(res.Errors) > 0 {
			b.Fatal(res.Errors[0])
		}
	}
}

// bigModule concatenates operator definitions taken from corpus modules
// into one module of about lines lines.
func bigModule(b *testing.B, lines int) []byte {
	var buf bytes.Buffer
	buf.WriteString("---- MODULE Big ----\nEXTENDS Naturals, Sequences, FiniteSets\n")
	for _, f := range corpusModules(b) {
		src, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		res := Parse(context.Background(), f, src)
		if len(res.Errors) > 0 {
			continue
		}
		for _, u := range res.Module.Units {
			if d, ok := u.(*ast.OpDef); ok {
				buf.Write(src[d.Start:d.End])
				buf.WriteString("\n\n")
			}
		}
		if bytes.Count(buf.Bytes(), []byte{'\n'}) >= lines {
			break
		}
	}
	buf.WriteString("====\n")
	return buf.Bytes()
}

// BenchmarkEditReparse: a one-character edit, incremental reparse and
// lowering on a module of about 3,000 lines. Each iteration inserts a
// space in the middle of the module, or removes it again. The whole
// keystroke path of issue #3, analysis included, is
// analysis.BenchmarkEditAnalyze (this package cannot import analysis).
func BenchmarkEditReparse(b *testing.B) {
	src := bigModule(b, 3000)
	res := Parse(context.Background(), "big.tla", src)
	if len(res.Errors) > 0 {
		b.Fatalf("big module has errors: %v", res.Errors[0])
	}
	b.Logf("%d lines, %d bytes", bytes.Count(src, []byte{'\n'}), len(src))
	doc := NewDocument("big.tla", src)
	doc.Reparse(context.Background())
	key := testkit.NewKeystroke(src)
	cpu := testkit.CPUNow()
	for b.Loop() {
		doc.Edit(key.Next())
		if r := doc.Reparse(context.Background()); len(r.Errors) > 0 {
			b.Fatal(r.Errors[0])
		}
	}
	testkit.ReportCPU(b, cpu)
}

// BenchmarkEditReparseTreeOnly is BenchmarkEditReparse without lowering:
// the share of tree-sitter's incremental parse.
func BenchmarkEditReparseTreeOnly(b *testing.B) {
	src := bigModule(b, 3000)
	p := Parse(context.Background(), "big.tla", src)
	tree := p.Tree
	key := testkit.NewKeystroke(src)
	doc := NewDocument("big.tla", src)
	doc.tree = tree
	doc.edited = false
	for b.Loop() {
		doc.Edit(key.Next())
		t, _, err := parseTree(context.Background(), doc.tree, doc.text)
		if err != nil || t.RootNode().HasError() {
			b.Fatal("reparse failed")
		}
		doc.tree = t
	}
}
