package analysis

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/cputime"
)

// editBenchModule is a module of about lines lines of definitions in the
// style of real specifications (conjunction lists, IF, set filters).
func editBenchModule(lines int) []byte {
	var b strings.Builder
	b.WriteString("---- MODULE Big ----\nEXTENDS Naturals\nVARIABLE x\n")
	for i := 0; strings.Count(b.String(), "\n") < lines; i++ {
		fmt.Fprintf(&b, "Op%d(a, b) ==\n  /\\ a + b > %d\n  /\\ x' = IF a > b THEN {a, b} ELSE {i \\in 1..%d : i > a}\n", i, i, i)
	}
	b.WriteString("====\n")
	return []byte(b.String())
}

// BenchmarkEditAnalyze is the keystroke path of issue #3: a one-character
// edit in the middle of a 3,000-line module, incremental reparse and
// lowering (parser.Document), then the analysis of the module and of the
// standard module it extends. Each iteration inserts a space after an
// `==`, or removes it again.
func BenchmarkEditAnalyze(b *testing.B) {
	src := editBenchModule(3000)
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
	at := bytes.Index(src[len(src)/2:], []byte("==")) + len(src)/2 + 2
	i := 0
	cpu := cputime.Now()
	for b.Loop() {
		if i%2 == 0 {
			doc.Edit(at, at, []byte(" "))
		} else {
			doc.Edit(at, at+1, nil)
		}
		i++
		prog := newLoader().Load(context.Background(), "Big.tla", doc.Text())
		if d := prog.Diagnostics(); len(d) > 0 {
			b.Fatalf("unexpected diagnostic: %v", d[0])
		}
	}
	cputime.Report(b, cpu)
}
