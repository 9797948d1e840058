package testkit

// The shared corpus of real specs for tests is the directory shared/corpus
// beside the repository root (the directory holding go.mod). It is not part
// of the repository, so every test that reads it skips cleanly where it is
// absent.

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FindCorpus returns the corpus directory, or "" when there is none (for fuzz
// seeding and other callers without a testing.TB). TLALS_CORPUS names it
// for a checkout that is not beside shared/ (a git worktree elsewhere).
func FindCorpus() string {
	if c := os.Getenv("TLALS_CORPUS"); c != "" {
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c
		}
		return ""
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			c := filepath.Join(filepath.Dir(dir), "shared", "corpus")
			if st, err := os.Stat(c); err == nil && st.IsDir() {
				return c
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// CorpusDir returns the corpus directory, skipping the test when it is absent.
func CorpusDir(tb testing.TB) string {
	tb.Helper()
	c := FindCorpus()
	if c == "" {
		tb.Skip("shared/corpus not found beside the repository")
	}
	return c
}

// ReadTSV reads a tab-separated table with a header line (the corpus's
// examples/tlc.tsv, modules.tsv, models.tsv) as one map per row, skipping
// the test when the file is absent.
func ReadTSV(tb testing.TB, path string) []map[string]string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Skip(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var header []string
	var rows []map[string]string
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if header == nil {
			header = cols
			continue
		}
		row := map[string]string{}
		for i, h := range header {
			if i < len(cols) {
				row[h] = cols[i]
			}
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return rows
}

// Files lists the files named *ext under each of dirs (relative to root;
// root itself when dirs is empty) in walk order (lexical within a
// directory, which benchmarks building a module from the corpus rely on),
// skipping the corpus's adversarial/ directory: its hostile inputs are for
// the tests that want them.
func Files(root, ext string, dirs ...string) []string {
	if len(dirs) == 0 {
		dirs = []string{"."}
	}
	var out []string
	for _, d := range dirs {
		filepath.WalkDir(filepath.Join(root, d), func(p string, de fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if de.IsDir() && de.Name() == "adversarial" {
				return filepath.SkipDir
			}
			if !de.IsDir() && strings.HasSuffix(p, ext) {
				out = append(out, p)
			}
			return nil
		})
	}
	return out
}
