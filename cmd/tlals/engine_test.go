package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const engineSpec = `---- MODULE En ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 3 /\ x' = x + 1
Inv == x < 2
====
`

// TestEngineFlags: the engine flags are checked before anything runs.
func TestEngineFlags(t *testing.T) {
	spec := writeModel(t, "En", engineSpec, "INIT Init\nNEXT Next\nINVARIANT Inv\n")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-engine", "apalache"}, "-engine apalache: unknown engine (tlals or tlc)"},
		{[]string{"-distributed"}, "-distributed needs -engine tlc"},
		{[]string{"-engine", "tlc", "-simulate"}, "-simulate is not available with -engine tlc"},
		{[]string{"-engine", "tlc", "-max-states", "10"}, "-max-states, -max-depth and -max-memory are not available with -engine tlc (use -timeout)"},
		{[]string{"-engine", "tlc", "-dump-dot", "g.dot"}, "-dump-dot and -dump-svg are not available with -engine tlc"},
		{[]string{"-engine", "tlc", "-distributed", "-tlc-workers", "0"}, "-distributed: no workers (-tlc-workers 0 and no -tlc-hosts)"},
	} {
		var out, errb bytes.Buffer
		args := append(append([]string{"check"}, tc.args...), spec)
		if code := run(args, &out, &errb); code != exitUsage || strings.TrimSpace(errb.String()) != tc.want {
			t.Errorf("%v: exit %d, stderr %q; want %d, %q", tc.args, code, errb.String(), exitUsage, tc.want)
		}
	}
}

// TestEngineNoJar: a missing jar is one clear message, exit 153, and with
// -json a result that says it.
func TestEngineNoJar(t *testing.T) {
	spec := writeModel(t, "En", engineSpec, "INIT Init\nNEXT Next\nINVARIANT Inv\n")
	t.Setenv("TLA2TOOLS_JAR", "")
	if _, err := exec.LookPath("java"); err != nil {
		t.Skip("no java: the message is about Java first")
	}
	var out, errb bytes.Buffer
	if code := run([]string{"check", "-engine", "tlc", "-json", spec}, &out, &errb); code != 153 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	const msg = "the TLC engine needs tla2tools.jar: pass -tlc-jar FILE, set TLA2TOOLS_JAR, or set the editor's tlcJar setting"
	if strings.TrimSpace(errb.String()) != msg {
		t.Errorf("stderr %q", errb.String())
	}
	var res struct{ Outcome, Message string }
	if err := json.Unmarshal(out.Bytes(), &res); err != nil || res.Outcome != "error" || res.Message != msg {
		t.Errorf("json %s (%v)", out.String(), err)
	}
}

// TestEngineTLCText: with the reference TLC, the text and exit code are
// the built-in engine's.
func TestEngineTLCText(t *testing.T) {
	if testing.Short() {
		t.Skip("runs TLC")
	}
	jar, _ := filepath.Abs("../../../shared/tools/tla2tools.jar")
	if _, err := os.Stat(jar); err != nil {
		t.Skip("no reference TLC")
	}
	if _, err := exec.LookPath("java"); err != nil {
		t.Skip("no java")
	}
	spec := writeModel(t, "En", engineSpec, "INIT Init\nNEXT Next\nINVARIANT Inv\n")
	var tlc, builtin, errb bytes.Buffer
	code := run([]string{"check", "-engine", "tlc", "-tlc-jar", jar, "-workers", "1", spec}, &tlc, &errb)
	want := run([]string{"check", "-workers", "1", spec}, &builtin, &errb)
	if code != want || code != 12 || tlc.String() != builtin.String() {
		t.Errorf("tlc (exit %d):\n%s\nbuilt-in (exit %d):\n%s", code, tlc.String(), want, builtin.String())
	}
}
