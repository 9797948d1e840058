package parser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tlals/tlals/parser/testkit"
)

// TestFlatLoweringMatchesNodeAPI lowers every corpus module (damaged
// ones in adversarial/ included) twice, from the flattened tree and node
// by node through smacker's API, and requires the same AST and errors.
func TestFlatLoweringMatchesNodeAPI(t *testing.T) {
	if !useFlat {
		t.Fatal("smacker's Node layout changed: the flattened tree is never used")
	}
	files := corpusModules(t)
	adversarial, _ := filepath.Glob(filepath.Join(testkit.FindCorpus(), "adversarial", "*.tla"))
	files = append(files, adversarial...)
	compared := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil || len(src) > 64<<10 {
			continue // the largest modules add time, not cases
		}
		tree, text, err := parseTree(context.Background(), nil, src)
		if err != nil {
			continue
		}
		flat := build(f, src, text, tree, nil)
		useFlat = false
		slow := build(f, src, text, tree, nil)
		useFlat = true
		if got, want := dumpAST(flat.Module, src), dumpAST(slow.Module, src); got != want {
			t.Fatalf("%s: AST from the flattened tree differs\n%s", f, firstDiff(got, want))
		}
		if got, want := fmt.Sprint(flat.Errors), fmt.Sprint(slow.Errors); got != want {
			t.Fatalf("%s: errors differ:\n  flat: %s\n  node: %s", f, got, want)
		}
		compared++
	}
	if compared < 100 {
		t.Fatalf("only %d modules compared", compared)
	}
}
