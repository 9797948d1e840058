package lsp_test

import (
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp/lsptest"
)

// saveAndWait changes the text (a new comment: no cache hit), saves and
// waits for the check's diagnostics of that version.
func saveAndWait(b *testing.B, c *lsptest.Client, u uri.URI, text string, i int) {
	v := c.Change(u, lsptest.Whole(fmt.Sprintf("%s\\* run %d\n", text, i)))
	c.Notify(protocol.MethodTextDocumentDidSave, &protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
	c.DiagnosticsWhere(u, "the check's diagnostics", func(p *protocol.PublishDiagnosticsParams) bool {
		got, _ := p.Version.Get()
		return got == v && withCode("check/error")(p)
	})
}

// BenchmarkCheckOnSave measures save -> check diagnostics for the seed
// demo (its CHOOSE error after 4 steps; 42 states).
func BenchmarkCheckOnSave(b *testing.B) {
	c, u, text := uploaderSession(b)
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		saveAndWait(b, c, u, text, i)
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2])/1e6, "ms-median")
}

// BenchmarkCheckMemory reports the live heap after 25, 100 and 200
// runs of the seed demo, and fails when it grows by more than 2 KB a run
// between 25 and 200: the result cache is bounded (16 runs) and full by
// run 25, so a run must leave nothing behind. The client forgets what it
// received after each run: its record is not the server's memory.
func BenchmarkCheckMemory(b *testing.B) {
	heap := func() float64 {
		runtime.GC()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return float64(ms.HeapAlloc) / 1e6
	}
	for n := 0; n < b.N; n++ {
		c, u, text := uploaderSession(b)
		at := map[int]float64{}
		for i := 1; i <= 200; i++ {
			saveAndWait(b, c, u, text, i)
			c.Forget()
			if i == 25 || i == 100 || i == 200 {
				at[i] = heap()
			}
		}
		b.ReportMetric(at[25], "MB-after-25")
		b.ReportMetric(at[100], "MB-after-100")
		b.ReportMetric(at[200], "MB-after-200")
		if grew := at[200] - at[25]; grew > 350e-3 {
			b.Errorf("the heap grew by %.2f MB from run 25 to run 200", grew)
		}
	}
}
