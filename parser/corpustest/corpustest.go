// Package corpustest finds the shared corpus of real specs for tests: the
// directory shared/corpus beside the repository root (the directory holding
// go.mod). The corpus is not part of the repository, so every test that
// reads it skips cleanly where it is absent.
package corpustest

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Find returns the corpus directory, or "" when there is none (for fuzz
// seeding and other callers without a testing.TB).
func Find() string {
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

// Dir returns the corpus directory, skipping the test when it is absent.
func Dir(tb testing.TB) string {
	tb.Helper()
	c := Find()
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
