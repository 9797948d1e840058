package analysis

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser/testkit"
)

// knownUnclean lists corpus modules that SANY itself rejects with the
// standard modules of tlaplus/tlaplus (checked against its Bags.tla).
var knownUnclean = map[string]string{
	"tlaps/BagsTheorems.tla": "uses Range, Cardinality and Seq, which the standard Bags does not export",
}

// TestCorpus: SANY accepts every module of the corpus, so must we.
func TestCorpus(t *testing.T) {
	corpus := testkit.CorpusDir(t)
	files := testkit.Files(corpus, ".tla", "examples", "community", "tlaps")
	if len(files) == 0 {
		t.Skip("empty corpus")
	}
	l := NewLoader(filepath.Join(corpus, "community"), filepath.Join(corpus, "tlaps"))
	failed, skipped := 0, 0
	for _, f := range files {
		prog := l.Load(context.Background(), f, nil)
		var errs []string
		missing := ""
		for _, d := range prog.Diagnostics() {
			if d.Code == "unknown-module" {
				missing = d.Message
			}
		}
		if missing != "" {
			// Modules outside the corpus (Toolbox, Apalache, ...): SANY
			// could not analyse these either without them.
			skipped++
			rel, _ := filepath.Rel(corpus, f)
			t.Logf("skipped %s: %s", rel, missing)
			continue
		}
		for _, d := range prog.Diagnostics() {
			if d.Severity == Error {
				errs = append(errs, formatDiag(prog, d))
			}
		}
		rel, _ := filepath.Rel(corpus, f)
		if why, ok := knownUnclean[filepath.ToSlash(rel)]; ok {
			t.Logf("known unclean %s (%s): %d errors", rel, why, len(errs))
			continue
		}
		if len(errs) > 0 {
			failed++
			t.Errorf("%s: %d errors:\n  %s", rel, len(errs), strings.Join(errs, "\n  "))
		}
	}
	t.Logf("%d corpus modules analysed, %d skipped for modules outside the corpus, %d with errors", len(files), skipped, failed)
}
