package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tlals fmt works as gofmt: stdout, -d, -check (exit 1 and the names), -w;
// a file that does not parse is exit 2 with its position.
func TestFmt(t *testing.T) {
	dir := t.TempDir()
	messy := filepath.Join(dir, "M.tla")
	clean := filepath.Join(dir, "C.tla")
	broken := filepath.Join(dir, "B.tla")
	const messyText = "---- MODULE M ----\nInit==/\\ TRUE\n      /\\ 1=1\n====\n"
	const want = "---- MODULE M ----\nInit == /\\ TRUE\n        /\\ 1 = 1\n====\n"
	for path, text := range map[string]string{messy: messyText, clean: want, broken: "---- MODULE B ----\nA == (\n====\n"} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fmtRun := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := run(append([]string{"fmt"}, args...), &out, &errb)
		return code, out.String(), errb.String()
	}
	if code, out, _ := fmtRun(messy); code != 0 || out != want {
		t.Errorf("stdout: exit %d\n%s", code, out)
	}
	if code, out, _ := fmtRun("-check", messy, clean); code != 1 || out != messy+"\n" {
		t.Errorf("-check: exit %d, %q", code, out)
	}
	wantDiff := "--- " + messy + ".orig\n+++ " + messy + "\n@@ -1,4 +1,4 @@\n ---- MODULE M ----\n-Init==/\\ TRUE\n-      /\\ 1=1\n+Init == /\\ TRUE\n+        /\\ 1 = 1\n ====\n"
	if code, out, _ := fmtRun("-d", messy, clean); code != 0 || out != wantDiff {
		t.Errorf("-d: exit %d\n%s\nwant\n%s", code, out, wantDiff)
	}
	if code, _, errs := fmtRun("-check", broken); code != 2 || !strings.Contains(errs, "B.tla:2:") {
		t.Errorf("syntax error: exit %d, %q", code, errs)
	}
	if code, out, _ := fmtRun("-w", messy); code != 0 || out != "" {
		t.Errorf("-w: exit %d, %q", code, out)
	}
	if got, _ := os.ReadFile(messy); string(got) != want {
		t.Errorf("-w wrote\n%s", got)
	}
	if code, out, _ := fmtRun("-check", messy, clean); code != 0 || out != "" {
		t.Errorf("-check after -w: exit %d, %q", code, out)
	}
}
