package lsp_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The server maps checker results to the protocol: it uses the checker's
// API, never the evaluator's internals.
func TestNoEvaluatorImports(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); strings.HasPrefix(p, "github.com/tlals/tlals/checker/eval") {
				t.Errorf("%s imports %s", name, p)
			}
		}
	}
	if checked < 20 {
		t.Fatalf("checked %d files: not the server's package?", checked)
	}
}
