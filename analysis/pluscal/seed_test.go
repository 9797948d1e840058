package pluscal

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/testkit"
)

// The product demo (untranslated PlusCal) translates without error; the
// result parses, has the checksums and a source map whose every action
// maps back to its label in the algorithm.
func TestSeedUploader(t *testing.T) {
	for _, name := range []string{"Uploader.tla", "Uploader2.tla"} {
		src, err := os.ReadFile(filepath.Join(testkit.CorpusDir(t), "seed", name))
		if err != nil {
			t.Skipf("corpus absent: %v", err)
		}
		out, sm, errs := Translate(src, Options{})
		if len(errs) > 0 {
			t.Fatalf("%s: %v", name, errs)
		}
		res := parser.Parse(context.Background(), name, out)
		if len(res.Errors) > 0 {
			t.Errorf("%s: translation does not parse: %v", name, res.Errors[0])
		}
		if !checksumRE.Match(out) {
			t.Errorf("%s: no checksums in the BEGIN line", name)
		}
		stale, err := Stale(out)
		if err != nil || stale {
			t.Errorf("%s: fresh translation reported stale (%v, %v)", name, stale, err)
		}
		if s, _ := Stale(src); !s && !strings.Contains(string(src), "BEGIN TRANSLATION") {
			t.Errorf("%s: untranslated module not stale", name)
		}
		actions := 0
		for _, m := range sm.Mappings {
			if m.Kind != MapAction {
				continue
			}
			actions++
			lbl := string(src[m.PlusCal.Start : m.PlusCal.Start+len(m.Name)])
			if lbl != m.Name {
				t.Errorf("%s: action %s maps to %q", name, m.Name, lbl)
			}
			if !strings.HasPrefix(string(out[m.TLA.Start:]), m.Name) {
				t.Errorf("%s: action %s's TLA range starts with %q", name, m.Name, string(out[m.TLA.Start:min(len(out), m.TLA.Start+20)]))
			}
		}
		if actions == 0 {
			t.Errorf("%s: no action mappings", name)
		}
	}
}
