package checker

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestLoading checks the specs of testdata/loading/*.txtar: each archive
// holds Root.tla, Root.cfg and the modules they use, and a "want" section
// of key=value pairs (outcome, distinct, depth, trace) taken from the
// reference TLC; config=F checks with configuration F instead of Root.cfg. Modules reach the checker only through analysis, so every
// way of naming a module that SANY accepts must load here.
func TestLoading(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "loading", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test archives: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			want := map[string]string{}
			for _, f := range ar.Files {
				if f.Name == "want" {
					for _, kv := range strings.Fields(string(f.Data)) {
						k, v, _ := strings.Cut(kv, "=")
						want[k] = v
					}
					continue
				}
				if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			cfg := "Root.cfg"
			if c, ok := want["config"]; ok {
				cfg = c // e.g. Root.tla: the CONFIG section of a monolithic spec
				delete(want, "config")
			}
			m, err := LoadModel(filepath.Join(dir, "Root.tla"), filepath.Join(dir, cfg), nil)
			if at, ok := want["loaderror"]; ok {
				// what lint rejects is not checked: lint's first error, at its position
				var le *LoadError
				if !errors.As(err, &le) || !strings.HasPrefix(strings.TrimPrefix(err.Error(), dir+string(filepath.Separator)), at) {
					t.Fatalf("load error = %v, want one at %s", err, at)
				}
				if le.Location == nil || le.ExitCode != ExitErrorSpecParse {
					t.Fatalf("load error without position or with exit code %d", le.ExitCode)
				}
				return
			}
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			res, err := Check(context.Background(), m, Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{
				"outcome":  res.Outcome,
				"distinct": strconv.FormatInt(res.DistinctStates, 10),
				"depth":    strconv.Itoa(res.Depth),
				"trace":    strconv.Itoa(len(res.Trace)),
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s = %s, want %s (message: %s)", k, got[k], v, res.Message)
				}
			}
		})
	}
}
