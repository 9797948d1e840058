package analysis

import (
	"context"
	"testing"

	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/testkit"
)

// BenchmarkEditAnalyze is the keystroke path of issue #3: a one-character
// edit in the middle of a 3,000-line module, incremental reparse and
// lowering (parser.Document), then the analysis of the module and of the
// standard modules it extends. Each iteration inserts a space after an
// `==`, or removes it again. Two modules: Paxos, in the style of a real
// specification, and Dense, a thousand 3-line definitions (the worst case
// for per-definition costs; see testkit.Dense).
func BenchmarkEditAnalyze(b *testing.B) {
	b.Run("Paxos", func(b *testing.B) { benchEditAnalyze(b, testkit.Paxos(3000)) })
	b.Run("Dense", func(b *testing.B) { benchEditAnalyze(b, testkit.Dense(3000)) })
}

func benchEditAnalyze(b *testing.B, text string) {
	src := []byte(text)
	doc := parser.NewDocument("Big.tla", src)
	doc.Reparse(context.Background())
	// A fresh Loader per keystroke, as the language server makes; only
	// the standard modules' parses are kept (the server's parse cache).
	std := map[string]*Parsed{}
	newLoader := func() *Loader {
		l := NewLoader()
		stdParse := l.Parse
		l.Parse = func(ctx context.Context, path string, text []byte) *Parsed {
			if path == "Big.tla" {
				return ParsedFrom(path, doc.Reparse(ctx))
			}
			if std[path] == nil {
				std[path] = stdParse(ctx, path, text)
			}
			return std[path]
		}
		return l
	}
	key := testkit.NewKeystroke(src)
	cpu := testkit.CPUNow()
	for b.Loop() {
		doc.Edit(key.Next())
		prog := newLoader().Load(context.Background(), "Big.tla", doc.Text())
		if d := prog.Diagnostics(); len(d) > 0 {
			b.Fatalf("unexpected diagnostic: %v", d[0])
		}
	}
	testkit.ReportCPU(b, cpu)
}
