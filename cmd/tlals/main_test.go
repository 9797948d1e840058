package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tlals/tlals/checker"
)

func TestCheckDemoFindsDoubleStore(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"check", "-workers", "1", "../../testdata/demo/DoubleUpload.tla"}, &out, &errb)
	if code != 12 {
		t.Fatalf("exit %d, want 12 (safety violation); stderr: %s", code, errb.String())
	}
	text := out.String()
	if !strings.HasPrefix(text, "Error: Invariant StoredAtMostOnce is violated.\n") {
		t.Errorf("first line: %q", strings.SplitN(text, "\n", 2)[0])
	}
	var actions []string
	for _, m := range regexp.MustCompile(`(?m)^State \d+: <([^ >]+)`).FindAllStringSubmatch(text, -1) {
		actions = append(actions, m[1])
	}
	want := []string{"Initial", "Enqueue(u1)", "Peek(w1)", "Peek(w2)", "Finish(w1)", "Finish(w2)"}
	if strings.Join(actions, " ") != strings.Join(want, " ") {
		t.Errorf("trace actions %v, want %v", actions, want)
	}
	if !strings.Contains(text, "11 states generated, 9 distinct states found, 1 states left on queue.") {
		t.Errorf("counts line missing:\n%s", text)
	}
}

func TestCheckJSON(t *testing.T) {
	var out, errb bytes.Buffer
	code := run([]string{"check", "-json", "-workers", "1", "../../testdata/demo/DoubleUpload.tla"}, &out, &errb)
	if code != 12 {
		t.Fatalf("exit %d; stderr %s", code, errb.String())
	}
	var res struct {
		Outcome        string
		Property       string
		DistinctStates int
		Trace          []struct{ Action string }
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	if res.Outcome != "invariant" || res.Property != "StoredAtMostOnce" || res.DistinctStates != 9 || len(res.Trace) != 6 {
		t.Errorf("got %+v", res)
	}
}

func TestLint(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "Bad.tla")
	os.WriteFile(bad, []byte("---- MODULE Bad ----\nEXTENDS Naturals\nFoo == Bar + 1\nG(a) == a\nH == G(1, 2)\n====\n"), 0o644)
	var out, errb bytes.Buffer
	if code := run([]string{"lint", bad}, &out, &errb); code != exitFindings {
		t.Fatalf("exit %d, want %d", code, exitFindings)
	}
	want := bad + ":3:8: error: unknown operator `Bar`\n" + bad + ":5:7: error: `G` takes 1 argument but is given 2\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
	out.Reset()
	if code := run([]string{"lint", "../../testdata/demo/DoubleUpload.tla"}, &out, &errb); code != exitOK || out.Len() != 0 {
		t.Errorf("demo spec: exit %d, output %q", code, out.String())
	}
	if code := run([]string{"nosuch"}, &out, &errb); code != exitUsage {
		t.Errorf("unknown command: exit %d", code)
	}
}

// TestCheckDumpsGraph: -dump-dot and -dump-svg write the explored graph of
// the demo (9 distinct states) with the 6-state counterexample in red.
func TestCheckDumpsGraph(t *testing.T) {
	dir := t.TempDir()
	dot, svg := filepath.Join(dir, "g.dot"), filepath.Join(dir, "g.svg")
	var out, errb bytes.Buffer
	code := run([]string{"check", "-workers", "1", "-dump-dot", dot, "-dump-svg", svg, "../../testdata/demo/DoubleUpload.tla"}, &out, &errb)
	if code != checker.ExitViolationSafety {
		t.Fatalf("exit %d, stderr %s", code, errb.String())
	}
	d, err := os.ReadFile(dot)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(d, []byte("label=\"/\\\\ ")); n != 9 {
		t.Errorf("DOT has %d states, want 9", n)
	}
	if n := bytes.Count(s, []byte(`<g class="state"`)); n != 9 {
		t.Errorf("SVG has %d states, want 9", n)
	}
	if n := bytes.Count(s, []byte(`stroke="red" stroke-width="2"/>`)); n != 6 {
		t.Errorf("SVG marks %d states of the trace, want 6", n)
	}
}
