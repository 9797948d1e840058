package format

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRepoFormatted: the project's own modules (standard modules,
// testdata) are formatted, as `tlals fmt -check` would say; the parser's
// hostile inputs, which do not parse on purpose, aside.
func TestRepoFormatted(t *testing.T) {
	root := "../.."
	n := 0
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "hostile" || d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(path, ".tla") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		out, err := Source(context.Background(), path, src)
		if err != nil {
			t.Errorf("%v", err)
		} else if !bytes.Equal(out, src) {
			t.Errorf("%s is not formatted:\n%s", path, Diff(path, path, src, out))
		}
		return nil
	})
	if n < 20 {
		t.Fatalf("only %d modules found under %s", n, root)
	}
}
