package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// writeModel writes a module and its configuration; it returns the
// module's path.
func writeModel(t *testing.T, name, tla, cfg string) string {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, name+".tla")
	if err := os.WriteFile(p, []byte(tla), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".cfg"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const printing = `---- MODULE Pr ----
EXTENDS Naturals, TLC
VARIABLE x
ASSUME PrintT(TLCGet("config").seed)
Init == x = 0
Next == x < 3 /\ x' = x + 1
Inv == PrintT(<<"state", x>>)
====
`

// TestCheckOutput: in text mode the spec's output comes first, as TLC
// prints it during the run; with -json stdout is one JSON object that
// carries it; -seed reaches the run.
func TestCheckOutput(t *testing.T) {
	spec := writeModel(t, "Pr", printing, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n")
	var out, errb bytes.Buffer
	if code := run([]string{"check", "-workers", "1", "-seed", "17", spec}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	want := "\"17\"\n<<\"state\", 0>>\n<<\"state\", 1>>\n<<\"state\", 2>>\n<<\"state\", 3>>\nModel checking completed. No error has been found.\n"
	if !strings.HasPrefix(out.String(), want) {
		t.Fatalf("text:\n%s\nwant it to start with:\n%s", out.String(), want)
	}

	out.Reset()
	if code := run([]string{"check", "-json", "-workers", "2", "-seed", "-5", spec}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var res struct {
		Outcome string
		Seed    int64
		Output  []struct {
			Text  string
			Level int
		}
	}
	dec := json.NewDecoder(&out)
	if err := dec.Decode(&res); err != nil || dec.More() {
		t.Fatalf("not one JSON object (%v): %s", err, out.String())
	}
	var texts []string
	for _, o := range res.Output {
		texts = append(texts, o.Text)
	}
	if want := []string{`"-5"`, `<<"state", 0>>`, `<<"state", 1>>`, `<<"state", 2>>`, `<<"state", 3>>`}; res.Outcome != "ok" || res.Seed != -5 || !reflect.DeepEqual(texts, want) {
		t.Fatalf("%+v, output %q", res, texts)
	}

	if code := run([]string{"check", "-seed", "x", spec}, &out, &errb); code != exitUsage {
		t.Fatalf("-seed x: exit %d, want %d", code, exitUsage)
	}
}

// TestCheckJSONLoadError: a module or configuration that cannot be read
// still gives one JSON object with -json, and TLC's exit status (the
// reference TLC ends a configuration that does not parse with its
// ConfigFileException as an unexpected exception, 255, and reads the
// configuration before it parses the spec).
func TestCheckJSONLoadError(t *testing.T) {
	tests := []struct {
		name, tla, cfg string
		code           int
		message        string
	}{
		{"config", "---- MODULE G ----\nCONSTANT H\n====\n", "CONSTANT H = {%1%}\n", 255, "G.cfg:1:15: expected a value (a number, string, TRUE, FALSE, model value or set) in the set opened at line 1, column 14, found `%`"},
		{"module", "---- MODULE G ----\nFoo == (1 + )\n====\n", "\n", 150, "G.tla:2:"},
		{"config before module", "---- MODULE G ----\nFoo == (1 + )\n====\n", "CONSTANT H = 1..2\n", 255, "G.cfg:1:15:"},
	}
	for _, tt := range tests {
		spec := writeModel(t, "G", tt.tla, tt.cfg)
		var out, errb bytes.Buffer
		code := run([]string{"check", "-json", spec}, &out, &errb)
		var res struct {
			Outcome  string
			Message  string
			ExitCode int
		}
		if err := json.Unmarshal(out.Bytes(), &res); err != nil {
			t.Fatalf("%s: %v: %q", tt.name, err, out.String())
		}
		if code != tt.code || res.ExitCode != tt.code || res.Outcome != "error" || !strings.Contains(res.Message, tt.message) {
			t.Errorf("%s: exit %d, %+v; want %d, %q", tt.name, code, res, tt.code, tt.message)
		}
	}
}

// TestCheckContinue: -continue prints each violation, TLC's trace after
// it, and exits as TLC does (0 when nothing else ends the run); -json
// lists them under "continued". Expected traces are the reference TLC's.
func TestCheckContinue(t *testing.T) {
	spec := writeModel(t, "Ct", `---- MODULE Ct ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 5 \/ x' = (x + 2) % 5
Con == x < 3
Inv == x # 3
====
`, "INIT Init\nNEXT Next\nCONSTRAINT Con\nINVARIANT Inv\n")
	var out, errb bytes.Buffer
	if code := run([]string{"check", "-workers", "1", "-continue", spec}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	want := `Error: Invariant Inv is violated.
line 7, col 8 to line 7, col 12 of module Ct
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <Next line 5, col 9 to line 5, col 24 of module Ct>
x = 1

State 3: <Next line 5, col 29 to line 5, col 44 of module Ct>
x = 3

Error: Invariant Inv is violated.
line 7, col 8 to line 7, col 12 of module Ct
Error: The behavior up to this point is:
State 1: <Initial predicate>
x = 0

State 2: <Next line 5, col 29 to line 5, col 44 of module Ct>
x = 2

State 3: <Next line 5, col 9 to line 5, col 24 of module Ct>
x = 3

Model checking completed. No error has been found.
7 states generated, 3 distinct states found, 0 states left on queue.
`
	if !strings.HasPrefix(out.String(), want) {
		t.Fatalf("text:\n%s\nwant it to start with:\n%s", out.String(), want)
	}
	out.Reset()
	if code := run([]string{"check", "-json", "-workers", "2", "-continue", spec}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var res struct {
		Outcome   string
		Continued []struct {
			Outcome, Property string
			Trace             []struct{ State map[string]string }
		}
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range res.Continued {
		s := v.Outcome + " " + v.Property + ":"
		for _, st := range v.Trace {
			s += " " + st.State["x"]
		}
		got = append(got, s)
	}
	if wantJ := []string{"invariant Inv: 0 1 3", "invariant Inv: 0 2 3"}; res.Outcome != "ok" || !reflect.DeepEqual(got, wantJ) {
		t.Fatalf("json: %s %v, want ok %v", res.Outcome, got, wantJ)
	}
}

// TestCheckBoundExit: a run that stops at a bound before it completes
// exits 3, whichever the bound, also in the JSON's exitCode; one that
// completes exits 0 and a violation keeps TLC's code (12): a CI job can
// tell the three apart. check -h documents the codes.
func TestCheckBoundExit(t *testing.T) {
	infinite := writeModel(t, "Inf", `---- MODULE Inf ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = x + 1
Inv == x < 20
====
`, "INIT Init\nNEXT Next\n")
	cases := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"states", []string{"-max-states", "5"}, 3, "bound of 5 distinct states reached"},
		{"depth", []string{"-max-depth", "4"}, 3, "depth bound 4 reached"},
		{"time", []string{"-timeout", "300ms"}, 3, "time bound reached"},
	}
	for _, c := range cases {
		var out, errb bytes.Buffer
		args := append(append([]string{"check", "-json", "-workers", "1"}, c.args...), infinite)
		code := run(args, &out, &errb)
		var res struct {
			Outcome, Message string
			ExitCode         int
		}
		if err := json.Unmarshal(out.Bytes(), &res); err != nil {
			t.Fatalf("%s: %v\n%s%s", c.name, err, out.String(), errb.String())
		}
		if code != c.code || res.ExitCode != c.code || res.Outcome != "bound" || res.Message != c.msg {
			t.Errorf("%s: exit %d, JSON %+v; want %d, bound %q", c.name, code, res, c.code, c.msg)
		}
	}
	var out, errb bytes.Buffer
	if code := run([]string{"check", "-workers", "1", "-max-states", "100", writeModel(t, "Fin", `---- MODULE Fin ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 3 /\ x' = x + 1
====
`, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n")}, &out, &errb); code != 0 {
		t.Errorf("complete within the bound: exit %d\n%s", code, out.String())
	}
	inv := filepath.Join(filepath.Dir(infinite), "Inv.cfg")
	if err := os.WriteFile(inv, []byte("INIT Init\nNEXT Next\nINVARIANT Inv\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"check", "-workers", "1", "-timeout", "60s", "-config", inv, infinite}, &out, &errb); code != 12 {
		t.Errorf("invariant violated: exit %d, want 12", code)
	}
	errb.Reset()
	run([]string{"check", "-h"}, &out, &errb)
	if !strings.Contains(errb.String(), "\n  3 stopped at a bound before completing") {
		t.Errorf("check -h does not document exit 3:\n%s", errb.String())
	}
}
