package cache

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"go.lsp.dev/uri"

	"github.com/tlals/tlals/parser/source"
	"github.com/tlals/tlals/parser/testkit"
)

// bigModule is the module of lsp's BenchmarkDidChangeDiagnostics: about
// 3,000 lines whose last definition uses the undefined `y`.
func bigModule() string {
	return strings.Replace(testkit.Dense(3000), "====\n", "Last == y\n====\n", 1)
}

// BenchmarkChangeAnalyze is one didChange on a 3,000-line module until its
// analysis (and so its diagnostics) is ready: the session's share of the
// server's BenchmarkDidChangeDiagnostics.
func BenchmarkChangeAnalyze(b *testing.B) {
	src := bigModule()
	s := NewSession(NewAnalysis())
	u := uri.File(filepath.Join(b.TempDir(), "Big.tla"))
	if n := len(analyze(b, s.Open(u, "tlaplus", 1, []byte(src))).Diagnostics); n != 1 {
		b.Fatalf("%d diagnostics, want 1", n)
	}
	line := strings.Count(src, "\n") - 2 // "Last == y"
	v := int32(1)
	for b.Loop() {
		v++
		r := &Range{source.Position{Line: line, Character: 8}, source.Position{Line: line, Character: 1000}}
		snap, err := s.Change(u, v, []Change{{Range: r, Text: fmt.Sprintf("u%d", v)}}, source.UTF16)
		if err != nil {
			b.Fatal(err)
		}
		if n := len(analyze(b, snap).Diagnostics); n != 1 {
			b.Fatalf("%d diagnostics, want 1", n)
		}
	}
}

// BenchmarkOpenDocumentHeap reports the heap retained by one open
// 3,000-line document with its analysis.
func BenchmarkOpenDocumentHeap(b *testing.B) {
	src := bigModule()
	const docs = 4
	for b.Loop() {
		s := NewSession(NewAnalysis())
		dir := b.TempDir()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for d := range docs {
			u := uri.File(filepath.Join(dir, fmt.Sprintf("Big%d.tla", d)))
			analyze(b, s.Open(u, "tlaplus", 1, []byte(strings.Replace(src, "MODULE Big", fmt.Sprintf("MODULE Big%d", d), 1))))
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/docs, "heapB/doc")
		runtime.KeepAlive(s)
	}
}

func analyze(tb testing.TB, snap *Snapshot) *Result {
	tb.Helper()
	r, err := snap.Analyze(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return r
}
