package format

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/testkit"
)

// corpusModules lists every .tla file of the corpus except adversarial/.
func corpusModules(t testing.TB) (root string, files []string) {
	root = testkit.CorpusDir(t)
	return root, testkit.Files(root, ".tla")
}

// diagnostics lists the analysis diagnostics of a module text, positions
// aside.
func diagnostics(l *analysis.Loader, path string, src []byte) []string {
	var out []string
	for _, d := range l.Load(context.Background(), path, src).Diagnostics() {
		out = append(out, d.Code+": "+d.Message)
	}
	sort.Strings(out)
	return out
}

// TestCorpus: on every corpus module, formatting is idempotent, keeps the
// syntax tree (positions aside) and keeps the analysis diagnostics.
func TestCorpus(t *testing.T) {
	root, files := corpusModules(t)
	l := analysis.NewLoader(filepath.Join(root, "community"), filepath.Join(root, "tlaps"))
	ctx := context.Background()
	changed, fallback := 0, 0
	for _, f := range files {
		rel, _ := filepath.Rel(root, f)
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		before := parser.Parse(ctx, f, src)
		out, err := Parsed(ctx, before)
		var se *SyntaxError
		if errors.As(err, &se) {
			continue // the parser's corpus test lists the modules that do not parse
		}
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		if bytes.Equal(out, src) {
			continue
		}
		changed++
		if !bytes.Equal(out, layout(before, src, true)) {
			fallback++
			t.Logf("%s: the full layout changed the tree; only trailing whitespace removed", rel)
		}
		after := parser.Parse(ctx, f, out)
		if again, err := Parsed(ctx, after); err != nil || !bytes.Equal(again, out) {
			t.Errorf("%s: formatting twice differs from once (%v)", rel, err)
		}
		if len(after.Errors) > 0 || shape(before.Module) != shape(after.Module) {
			t.Errorf("%s: the formatted module parses differently", rel)
		}
		if testing.Short() {
			continue
		}
		if a, b := diagnostics(l, f, src), diagnostics(l, f, out); strings.Join(a, "\n") != strings.Join(b, "\n") {
			t.Errorf("%s: diagnostics differ:\n%s\n---\n%s", rel, strings.Join(a, "\n"), strings.Join(b, "\n"))
		}
	}
	t.Logf("%d modules, %d changed by formatting, %d of them by the fallback", len(files), changed, fallback)
}
