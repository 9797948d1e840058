package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// tlals check -coverage prints TLC's coverage report where TLC does,
// before the state counts: on checker/testdata/coverage/Calls, line for
// line the report the reference TLC printed (Calls.tlc, recorded with
// tla2tools' -coverage 1), its time stamp aside, then the counts.
func TestCheckCoverageReport(t *testing.T) {
	dir := filepath.Join("..", "..", "checker", "testdata", "coverage")
	want, err := os.ReadFile(filepath.Join(dir, "Calls.tlc"))
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"check", "-workers", "1", "-coverage", filepath.Join(dir, "Calls.tla")}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	head := regexp.MustCompile(`(?m)^The coverage statistics at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(see https://explain\.tlapl\.us/module-coverage-statistics for how to interpret the following statistics\)\.\n`)
	loc := head.FindStringIndex(out.String())
	if loc == nil {
		t.Fatalf("no coverage report:\n%s", out.String())
	}
	got := out.String()[loc[1]:]
	if !strings.HasPrefix(got, string(want)) {
		t.Errorf("report:\n%s\nTLC's:\n%s", got, want)
	} else if rest := got[len(want):]; !regexp.MustCompile(`^\d+ states generated, \d+ distinct states found, 0 states left on queue.\nThe depth of the complete state graph search is \d+.\n$`).MatchString(rest) {
		t.Errorf("after the report (TLC: the counts):\n%s", rest)
	}
	// without -coverage, no report
	out.Reset()
	if code := run([]string{"check", filepath.Join(dir, "Calls.tla")}, &out, &errb); code != 0 || head.MatchString(out.String()) {
		t.Errorf("exit %d, without -coverage:\n%s", code, out.String())
	}
}
