package checker

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tlals/tlals/parser/format"
)

// TestCorpusFormatted: formatting never changes what a spec means, so a
// sample of the corpus example models (those TLC checks in under two
// seconds, without temporal properties), with every module of their folder
// formatted, check to TLC's recorded result.
func TestCorpusFormatted(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	root, models := corpusModels(t)
	ran, changed := 0, 0
	for _, m := range models {
		if unsupported(m, false, 2) != "" || ran >= 15 {
			continue
		}
		ran++
		srcDir := filepath.Dir(filepath.Join(root, "examples", m.tla))
		dir := t.TempDir()
		entries, err := os.ReadDir(srcDir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !(strings.HasSuffix(name, ".tla") || strings.HasSuffix(name, ".cfg")) {
				continue
			}
			src, err := os.ReadFile(filepath.Join(srcDir, name))
			if err != nil {
				t.Fatal(err)
			}
			out := src
			if strings.HasSuffix(name, ".tla") {
				if f, err := format.Source(context.Background(), name, src); err == nil {
					out = f
				}
				if !bytes.Equal(out, src) {
					changed++
				}
			}
			if err := os.WriteFile(filepath.Join(dir, name), out, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		model, err := LoadModel(filepath.Join(dir, filepath.Base(m.tla)), filepath.Join(dir, filepath.Base(m.cfg)),
			[]string{filepath.Join(root, "community"), filepath.Join(root, "tlaps")})
		if err != nil {
			t.Errorf("%s formatted: %v", m.cfg, err)
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
		res, err := Check(ctx, model, Options{Workers: 1, MaxStates: 2_000_000})
		cancel()
		if err != nil {
			t.Errorf("%s formatted: %v", m.cfg, err)
			continue
		}
		if d := compare(m, res); d != "" {
			t.Errorf("%s formatted: %s [%s]", m.cfg, d, res.Message)
		}
	}
	if ran == 0 {
		t.Fatal("no corpus model in the sample")
	}
	t.Logf("%d models checked formatted; formatting changed %d of their modules", ran, changed)
}
