package parser

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/testkit"
)

// corpusModules lists every .tla file of the corpus except adversarial/.
func corpusModules(t testing.TB) []string {
	return testkit.Files(testkit.CorpusDir(t), ".tla")
}

// knownSyntaxErrors lists the corpus modules that do not parse cleanly, and
// why: TLC's regression specs include modules SANY rejects on purpose.
var knownSyntaxErrors = map[string]string{
	"tlc-tests/suite/test30-true.tla": "SANY: parse error at line 15 (`MCSeq(a) = {a}`)",
	"tlc-tests/suite/test49b.tla":     "SANY: parse error at line 16 (after `u \\mod v == u`)",
}

func TestCorpus(t *testing.T) {
	files := corpusModules(t)
	if len(files) < 100 {
		t.Fatalf("only %d corpus modules found", len(files))
	}
	root := testkit.FindCorpus()
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res := Parse(context.Background(), f, src)
		if rel, _ := filepath.Rel(root, f); knownSyntaxErrors[filepath.ToSlash(rel)] != "" {
			if len(res.Errors) == 0 {
				t.Errorf("%s: listed in knownSyntaxErrors (%s) but parses cleanly", rel, knownSyntaxErrors[filepath.ToSlash(rel)])
			}
			continue
		}
		if res.Damaged {
			t.Errorf("%s: damaged", f)
		}
		for _, e := range res.Errors {
			t.Errorf("%s: %s: %s", f, res.File.Location(e.Span.Start), e.Msg)
		}
		if res.Module.Name == nil {
			t.Errorf("%s: module without a name", f)
		}
		bad := 0
		ast.Inspect(res.Module, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BadExpr, *ast.BadUnit:
				if bad < 3 {
					t.Errorf("%s: %T at %s", f, n, res.File.Location(n.Pos().Start))
				}
				bad++
			}
			if sp := n.Pos(); sp.Start < 0 || sp.End > len(src) || sp.Start > sp.End {
				t.Errorf("%s: %T has bad span %v", f, n, sp)
			}
			return true
		})
	}
}
