package lsp_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// forbidden says why a file under lsp/ may not import path ("" if it may).
// The server and the debugger map checker results to their protocols: they
// use the checker's and the parser's APIs, never the evaluator's or the
// parser's internals; an engine is injected by the command, and the
// parser's test helpers stay in tests.
func forbidden(path string, test bool) string {
	const mod = "github.com/tlals/tlals/"
	under := func(pkg string) bool { return path == mod+pkg || strings.HasPrefix(path, mod+pkg+"/") }
	switch {
	case under("checker/eval"), under("checker/liveness"):
		return "the checker's internals (use package checker)"
	case under("parser/grammar"):
		return "the parser's internals (use package parser)"
	case test:
		return ""
	case under("checker/tlcengine"):
		return "an engine (injected through Options.TLCEngine)"
	case under("parser/hostile"), under("parser/testkit"):
		return "a test helper"
	}
	return ""
}

// No file of any package under lsp/ (the server, its cache, the debugger,
// the test helpers) imports what forbidden names.
func TestNoEvaluatorImports(t *testing.T) {
	var dirs []string
	files := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "testdata" || d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		files++
		if dir := filepath.Dir(path); !slices.Contains(dirs, dir) {
			dirs = append(dirs, dir)
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if why := forbidden(p, strings.HasSuffix(path, "_test.go")); why != "" {
				t.Errorf("%s imports %s: %s", path, p, why)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{".", "cache", "dap", "lsptest", "marker"} {
		if !slices.Contains(dirs, want) {
			t.Errorf("no Go file read in lsp/%s (read %d files in %q)", want, files, dirs)
		}
	}
}

// The rules themselves: each forbidden import is caught, an allowed one is
// not.
func TestForbiddenImports(t *testing.T) {
	for _, c := range []struct {
		path string
		test bool
		bad  bool
	}{
		{"github.com/tlals/tlals/checker/eval", false, true},
		{"github.com/tlals/tlals/checker/eval", true, true},
		{"github.com/tlals/tlals/checker/liveness", true, true},
		{"github.com/tlals/tlals/parser/grammar", true, true},
		{"github.com/tlals/tlals/checker/tlcengine", false, true},
		{"github.com/tlals/tlals/checker/tlcengine", true, false},
		{"github.com/tlals/tlals/parser/testkit", false, true},
		{"github.com/tlals/tlals/parser/testkit", true, false},
		{"github.com/tlals/tlals/parser/hostile", false, true},
		{"github.com/tlals/tlals/checker", false, false},
		{"github.com/tlals/tlals/checker/config", false, false},
		{"github.com/tlals/tlals/checker/evaluator", false, false}, // not checker/eval
		{"github.com/tlals/tlals/parser", false, false},
		{"github.com/tlals/tlals/parser/scan", false, false},
		{"github.com/tlals/tlals/parser/source", false, false},
	} {
		if got := forbidden(c.path, c.test) != ""; got != c.bad {
			t.Errorf("forbidden(%s, test=%v) = %v, want %v", c.path, c.test, got, c.bad)
		}
	}
}
