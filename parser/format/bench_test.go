package format

import (
	"context"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/testkit"
)

// benchFormat formats src once per iteration; the budget is 20 ms
// for a 3,000-line module, formatting on every save.
func benchFormat(b *testing.B, src []byte) {
	b.SetBytes(int64(len(src)))
	cpu := testkit.CPUNow()
	for b.Loop() {
		if _, err := Source(context.Background(), "Big.tla", src); err != nil {
			b.Fatal(err)
		}
	}
	testkit.ReportCPU(b, cpu)
}

// BenchmarkFormatted: a formatted 3,000-line module (one parse, no change).
func BenchmarkFormatted(b *testing.B) {
	src, _ := Source(context.Background(), "Big.tla", []byte(testkit.Paxos(3000)))
	benchFormat(b, src)
}

// BenchmarkUnformatted: a 3,000-line module with spaces missing around
// most operators (a parse, the layout, a second parse to check it).
func BenchmarkUnformatted(b *testing.B) {
	src := strings.NewReplacer(" = ", "=", " \\cup ", "\\cup", " + ", "+", " |-> ", "|->").Replace(testkit.Paxos(3000))
	benchFormat(b, []byte(src))
}

// BenchmarkDense: 1,000 definitions in 3,000 lines, unformatted.
func BenchmarkDense(b *testing.B) {
	benchFormat(b, []byte(strings.ReplaceAll(testkit.Dense(3000), " + ", "+")))
}

// BenchmarkParseOnly: a parse of the same module, for comparison (the CLI
// parses once, and once more to check a changed text).
func BenchmarkParseOnly(b *testing.B) {
	src := []byte(testkit.Paxos(3000))
	cpu := testkit.CPUNow()
	for b.Loop() {
		parser.Parse(context.Background(), "Big.tla", src)
	}
	testkit.ReportCPU(b, cpu)
}

// BenchmarkLayout: the formatter's own work on a parsed 3,000-line module
// (what formatting on save adds to the parse the server already has).
func BenchmarkLayout(b *testing.B) {
	src := []byte(testkit.Paxos(3000))
	res := parser.Parse(context.Background(), "Big.tla", src)
	cpu := testkit.CPUNow()
	for b.Loop() {
		layout(res, src, true)
	}
	testkit.ReportCPU(b, cpu)
}

// BenchmarkShape: comparing trees, the check after a change.
func BenchmarkShape(b *testing.B) {
	res := parser.Parse(context.Background(), "Big.tla", []byte(testkit.Paxos(3000)))
	cpu := testkit.CPUNow()
	for b.Loop() {
		shape(res.Module)
	}
	testkit.ReportCPU(b, cpu)
}

// BenchmarkOnSave: what formatting on save costs the language server on a
// 3,000-line module with one definition to format: it has the parse of the
// document already, so this is the layout and the check of the units that
// changed.
func BenchmarkOnSave(b *testing.B) {
	formatted, _ := Source(context.Background(), "Big.tla", []byte(testkit.Paxos(3000)))
	src := []byte(strings.Replace(string(formatted), "msgs' = msgs \\cup {m}", "msgs'=msgs\\cup{m}", 1))
	if string(src) == string(formatted) {
		b.Fatal("no definition made unformatted")
	}
	res := parser.Parse(context.Background(), "Big.tla", src)
	b.SetBytes(int64(len(src)))
	cpu := testkit.CPUNow()
	for b.Loop() {
		out, err := Parsed(context.Background(), res)
		if err != nil || string(out) != string(formatted) {
			b.Fatalf("not formatted (%v)", err)
		}
	}
	testkit.ReportCPU(b, cpu)
}
