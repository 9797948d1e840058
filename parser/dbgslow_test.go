package parser

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestDbgSlow(t *testing.T) {
	dir := os.Getenv("FUZZDIR")
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		lines := strings.SplitN(string(b), "\n", 2)
		if len(lines) < 2 {
			continue
		}
		arg := strings.TrimSpace(lines[1])
		arg = strings.TrimSuffix(strings.TrimPrefix(arg, "[]byte("), ")")
		s, err := strconv.Unquote(arg)
		if err != nil {
			continue
		}
		src := []byte(s)
		t0 := time.Now()
		if nestingError(src) != nil || len(src) > 1<<16 {
			continue
		}
		tree, err := parseTree(context.Background(), nil, src)
		t1 := time.Now()
		if err == nil {
			build("x", src, tree, nil)
		}
		if d := time.Since(t0); d > 200*time.Millisecond {
			t.Logf("%s: %d bytes parse %v total %v", filepath.Base(f), len(src), t1.Sub(t0), d)
		}
	}
}
