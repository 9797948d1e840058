package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The seed demo, translated then checked: the CHOOSE failure is printed at
// the define block's CHOOSE and at the call in the Create step, beside the
// TLA+ locations; once the algorithm changes, a warning says the locations
// are not mapped.
func TestTranslateThenCheckSeed(t *testing.T) {
	seed := "../../../shared/corpus/seed"
	if _, err := os.Stat(seed); err != nil {
		t.Skip("corpus absent")
	}
	dir := t.TempDir()
	for _, f := range []string{"Uploader.tla", "Uploader.cfg"} {
		b, err := os.ReadFile(filepath.Join(seed, f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	spec := filepath.Join(dir, "Uploader.tla")
	var out, errb bytes.Buffer
	if code := run([]string{"translate", spec}, &out, &errb); code != exitOK {
		t.Fatalf("translate: exit %d: %s", code, errb.String())
	}
	check := func() string {
		out.Reset()
		errb.Reset()
		if code := run([]string{"check", "-workers", "1", spec}, &out, &errb); code != 75 {
			t.Fatalf("check: exit %d, want 75; stderr %s", code, errb.String())
		}
		return out.String()
	}
	text := check()
	for _, want := range []string{
		"\nline 89, col 19 to line 89, col 50 of module Uploader\nPlusCal: line 18, col 21 to line 18, col 52 of module Uploader\n",
		"0. Line 145, column 34 to line 145, column 57 in Uploader\n   PlusCal: line 64, col 25 to line 64, col 42 of module Uploader\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	src, _ := os.ReadFile(spec)
	os.WriteFile(spec, bytes.Replace(src, []byte("next_id := next_id + 1"), []byte("next_id := next_id + 1 + 0"), 1), 0o644)
	text = check()
	if !strings.Contains(text, "Warning: the PlusCal translation is out of date: locations are not mapped to the algorithm (run tlals translate)\n") || strings.Contains(text, "PlusCal: line") {
		t.Errorf("stale translation:\n%s", text)
	}
}

// A broken algorithm does not stop the check of the module's TLA+ (TLC
// reports it and checks on); the warning places the algorithm's error by
// line and column.
func TestCheckBrokenAlgorithm(t *testing.T) {
	dir := t.TempDir()
	spec := filepath.Join(dir, "Bad.tla")
	os.WriteFile(spec, []byte(`---- MODULE Bad ----
EXTENDS Integers
(* --algorithm Bad {
    variable x = 0 ;
    fair { while (x < 3) { x := x+1; } }
}
*)
\* BEGIN TRANSLATION
VARIABLES x
Init == x = 0
Next == x < 3 /\ x' = x + 1
\* END TRANSLATION
====
`), 0o644)
	os.WriteFile(filepath.Join(dir, "Bad.cfg"), []byte("INIT Init\nNEXT Next\n"), 0o644)
	var out, errb bytes.Buffer
	code := run([]string{"check", "-workers", "1", spec}, &out, &errb)
	text := out.String()
	if code != 11 || !strings.Contains(text, "Bad.tla:5:5: unexpected `fair`\n") || !strings.Contains(text, "Error: Deadlock reached.") {
		t.Errorf("exit %d:\n%s\nstderr %s", code, text, errb.String())
	}
}
