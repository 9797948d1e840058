package lsp_test

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp"
	"github.com/tlals/tlals/lsp/lsptest"
	"github.com/tlals/tlals/parser/testkit"
)

// bigModule is a module of about 3,000 lines built from repeated
// definitions (testkit.Dense); its last definition uses `y`, which is
// undefined.
func bigModule() string { return withUndefined(testkit.Dense(3000)) }

// withUndefined adds a last definition that uses the undefined `y`.
func withUndefined(module string) string {
	return strings.Replace(module, "====\n", "Last == y\n====\n", 1)
}

// BenchmarkDidChangeDiagnostics measures one incremental didChange on a
// ~3,000-line module until its diagnostics are published: Paxos in the
// style of a real specification, Dense a thousand 3-line definitions (see
// testkit.Dense).
func BenchmarkDidChangeDiagnostics(b *testing.B) {
	b.Run("Paxos", func(b *testing.B) { benchDidChange(b, withUndefined(testkit.Paxos(3000))) })
	b.Run("Dense", func(b *testing.B) { benchDidChange(b, bigModule()) })
}

func benchDidChange(b *testing.B, src string) {
	c := lsptest.New(b, lsp.NewServer(lsp.Options{}))
	c.Initialize(nil)
	u := uri.File(filepath.Join(b.TempDir(), "Big.tla"))
	c.Open(u, src)
	if n := len(c.Diagnostics(u, 1).Diagnostics); n != 1 {
		b.Fatalf("%d diagnostics, want 1", n)
	}
	line := uint32(strings.Count(src, "\n") - 2) // "Last == y"
	b.ResetTimer()
	cpu := testkit.CPUNow()
	for i := 0; i < b.N; i++ {
		// A new undefined name each time: every version has new text (no
		// parse cache hit) and a new diagnostic. Character 1000 clamps to
		// the end of the line.
		v := c.Change(u, lsptest.Edit(line, 8, line, 1000, fmt.Sprintf("u%d", i)))
		if n := len(c.Diagnostics(u, v).Diagnostics); n != 1 {
			b.Fatalf("%d diagnostics, want 1", n)
		}
	}
	testkit.ReportCPU(b, cpu)
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

// BenchmarkCompletion measures completion at the end of a ~3,000-line
// module (analysis warm; goal ≤ 5 ms).
func BenchmarkCompletion(b *testing.B) { benchCompletion(b) }

// BenchmarkSignatureHelp measures signature help in a nested call at the
// end of a ~3,000-line module (analysis warm).
func BenchmarkSignatureHelp(b *testing.B) { benchSignatureHelp(b) }

// callingModule is a module of about 3,000 lines whose definitions call
// their predecessors: `Op<i>(a, b)` uses `Op<i-1>` on its second line.
func callingModule() string {
	var b strings.Builder
	b.WriteString("---- MODULE Calls ----\nEXTENDS Naturals\nVARIABLE x\n\\* Op0 is the sum.\nOp0(a, b) == a + b\n")
	for i := 1; strings.Count(b.String(), "\n") < 3000; i++ {
		fmt.Fprintf(&b, "\\* Op%d builds on Op%d.\nOp%d(a, b) ==\n  /\\ Op%d(a, b) > %d\n  /\\ x' = Op%d(b, a) + x\n", i, i-1, i, i-1, i, i-1)
	}
	b.WriteString("====\n")
	return b.String()
}

// benchNavigation opens callingModule, waits for its analysis, and returns
// the position of the call of Op<n-1> in the middle definition Op<n>.
func benchNavigation(b *testing.B) (*lsptest.Client, protocol.TextDocumentPositionParams) {
	src := callingModule()
	c := lsptest.New(b, lsp.NewServer(lsp.Options{}))
	c.Initialize(nil)
	u := uri.File(filepath.Join(b.TempDir(), "Calls.tla"))
	c.Open(u, src)
	c.Diagnostics(u, 1) // the analysis is done: the snapshot is warm
	lines := strings.Split(src, "\n")
	mid := len(lines) / 2
	for !strings.HasPrefix(lines[mid], "  /\\ Op") {
		mid++
	}
	return c, protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u},
		Position:     protocol.Position{Line: uint32(mid), Character: 6},
	}
}

// BenchmarkHover measures one hover request (over the connection) on a
// call in a ~3,000-line module whose analysis is computed. Goal: ≤ 2 ms.
func BenchmarkHover(b *testing.B) {
	c, p := benchNavigation(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var h *protocol.Hover
		if err := c.Call(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: p}, &h); err != nil || h == nil {
			b.Fatalf("hover = %v, %v", h, err)
		}
	}
}

// BenchmarkDefinition is the same for go to definition. Goal: ≤ 2 ms.
func BenchmarkDefinition(b *testing.B) {
	c, p := benchNavigation(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var locs []protocol.Location
		if err := c.Call(protocol.MethodTextDocumentDefinition, &protocol.DefinitionParams{TextDocumentPositionParams: p}, &locs); err != nil || len(locs) != 1 {
			b.Fatalf("definition = %v, %v", locs, err)
		}
	}
}

// benchStructure opens the ~3,000-line module and waits for its analysis.
func benchStructure(b *testing.B) (*lsptest.Client, protocol.TextDocumentIdentifier) {
	c := lsptest.New(b, lsp.NewServer(lsp.Options{}))
	c.Initialize(nil)
	u := uri.File(filepath.Join(b.TempDir(), "Big.tla"))
	c.Open(u, bigModule())
	c.Diagnostics(u, 1)
	return c, protocol.TextDocumentIdentifier{URI: u}
}

// BenchmarkSemanticTokensFull measures semantic tokens for the whole
// ~3,000-line module (warm analysis), over the connection.
func BenchmarkSemanticTokensFull(b *testing.B) {
	c, td := benchStructure(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var toks protocol.SemanticTokens
		if err := c.Call(protocol.MethodTextDocumentSemanticTokensFull, &protocol.SemanticTokensParams{TextDocument: td}, &toks); err != nil || len(toks.Data) == 0 {
			b.Fatalf("semantic tokens: %d integers, %v", len(toks.Data), err)
		}
	}
}

// BenchmarkDocumentSymbol measures the outline of the ~3,000-line module
// (warm analysis), over the connection.
func BenchmarkDocumentSymbol(b *testing.B) {
	c, td := benchStructure(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var syms []protocol.DocumentSymbol
		if err := c.Call(protocol.MethodTextDocumentDocumentSymbol, &protocol.DocumentSymbolParams{TextDocument: td}, &syms); err != nil || len(syms) != 1 {
			b.Fatalf("document symbols: %d, %v", len(syms), err)
		}
	}
}
