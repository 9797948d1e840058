package lsp_test

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp"
	"github.com/tlals/tlals/lsp/lsptest"
)

// bigModule is a module of about 3,000 lines built from repeated
// definitions; its last definition uses `y`, which is undefined.
func bigModule() string {
	var b strings.Builder
	b.WriteString("---- MODULE Big ----\nEXTENDS Naturals\nVARIABLE x\n")
	for i := 0; b.Len() == 0 || strings.Count(b.String(), "\n") < 3000; i++ {
		fmt.Fprintf(&b, "Op%d(a, b) ==\n  /\\ a + b > %d\n  /\\ x' = IF a > b THEN {a, b} ELSE {i \\in 1..%d : i > a}\n", i, i, i)
	}
	b.WriteString("Last == y\n====\n")
	return b.String()
}

// BenchmarkDidChangeDiagnostics measures one incremental didChange on a
// ~3,000-line module until its diagnostics are published.
func BenchmarkDidChangeDiagnostics(b *testing.B) {
	src := bigModule()
	c := lsptest.New(b, lsp.NewServer(lsp.Options{}))
	c.Initialize(nil)
	u := uri.File(filepath.Join(b.TempDir(), "Big.tla"))
	c.Open(u, src)
	if n := len(c.Diagnostics(u, 1).Diagnostics); n != 1 {
		b.Fatalf("%d diagnostics, want 1", n)
	}
	line := uint32(strings.Count(src, "\n") - 2) // "Last == y"
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// A new undefined name each time: every version has new text (no
		// parse cache hit) and a new diagnostic. Character 1000 clamps to
		// the end of the line.
		v := c.Change(u, lsptest.Edit(line, 8, line, 1000, fmt.Sprintf("u%d", i)))
		if n := len(c.Diagnostics(u, v).Diagnostics); n != 1 {
			b.Fatalf("%d diagnostics, want 1", n)
		}
	}
}

// BenchmarkOpenDocumentMemory reports the heap retained per open ~3,000
// line document, its analysis included.
func BenchmarkOpenDocumentMemory(b *testing.B) {
	src := bigModule()
	const docs = 4
	for i := 0; i < b.N; i++ {
		c := lsptest.New(b, lsp.NewServer(lsp.Options{}))
		c.Initialize(nil)
		dir := b.TempDir()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for d := 0; d < docs; d++ {
			u := uri.File(filepath.Join(dir, fmt.Sprintf("Big%d.tla", d)))
			c.Open(u, strings.Replace(src, "MODULE Big", fmt.Sprintf("MODULE Big%d", d), 1))
			c.Diagnostics(u, 1)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/docs, "heapB/doc")
		runtime.KeepAlive(c)
	}
}
