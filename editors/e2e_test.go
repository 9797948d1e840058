package editors

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The e2e tests run the scripts in scripts/editors, which install what they
// need (cached under .cache/), build bin/tlals and the .vsix, and drive the
// real editors. Under CI=true they always run and any failure, including an
// install that cannot be done, fails the test. Elsewhere `go test -short` or
// TLALS_E2E=0 skips them, saying so.

func runScript(t *testing.T, script string, budget time.Duration) string {
	t.Helper()
	ci := os.Getenv("CI") == "true"
	if !ci && (testing.Short() || os.Getenv("TLALS_E2E") == "0") {
		t.Skipf("skipping %s (-short or TLALS_E2E=0; never skipped when CI=true)", script)
	}
	ctx := context.Background()
	if dl, ok := t.Deadline(); ok {
		// Leave time to report; a hung editor must not eat the whole run.
		if d := time.Until(dl) - 30*time.Second; d < budget {
			budget = d
		}
	}
	ctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, "bash", filepath.Join(root, "scripts", "editors", script))
	cmd.Dir = root
	cmd.Stdin = nil
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	// Stop the whole process group (the script, code-server, chromium) on timeout.
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM) }
	cmd.WaitDelay = 15 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err = cmd.Run()
	t.Logf("%s took %s", script, time.Since(start).Round(time.Second))
	if err != nil {
		t.Fatalf("%s failed: %v\n%s", script, err, tail(out.String(), 80))
	}
	return out.String()
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

var verdictLine = regexp.MustCompile(`(?m)^TLALS-E2E (PASS|FAIL|ABSENT|SKIP) .*$`)

func checkVerdict(t *testing.T, out string, want ...string) {
	t.Helper()
	for _, l := range verdictLine.FindAllString(out, -1) {
		t.Log(l)
	}
	if !strings.Contains(out, "TLALS-E2E VERDICT PASS") {
		t.Fatalf("no passing verdict:\n%s", tail(out, 60))
	}
	for _, w := range want {
		if !regexp.MustCompile(`(?m)^TLALS-E2E PASS ` + regexp.QuoteMeta(w)).MatchString(out) {
			t.Errorf("check %q did not pass", w)
		}
	}
}

func TestNeovimE2E(t *testing.T) {
	out := runScript(t, "e2e-nvim.sh", 10*time.Minute)
	want := []string{
		"filetype tla for .tla",
		"the client attaches",
		"diagnostics arrive for a broken spec",
		":checkhealth tlals",
		":w checks the model: diagnostic under UploadWith(msg.id)",
		"the result fills the quickfix list with the 4 states",
		"code lenses show the result and the trace steps",
		":TlalsTraceFirst/:TlalsTraceNext move the cursor to Init, then the User: label",
		"the trace buffer shows the states, step 2 current",
		"<CR> on State 4 in the trace buffer jumps to the Receive: label",
		"vim.lsp.buf.format() and :w with settings.formatOnSave format the module",
		`the quick fix "Add Sequences to EXTENDS" removes the unknown-operator error`,
		// issue #17: evaluate, export, coverage heat map
		":TlalsEval Len(queue) evaluates in the trace",
		"visual <leader>te on UploadWith(msg.id): the CHOOSE's error in state 4, the cursor on the CHOOSE",
		":TlalsExportTrace json and itf write the 4 states",
		":TlalsHeatMap highlights each evaluated conjunct, graded, and toggles off",
		// issue #18: hovers in fenced code, keywords, translation, every quick fix
		"K on TypeOK shows its definition with single backslashes",
		"K on UNCHANGED explains the keyword",
		":TlalsTranslate writes the translation of an unmodified buffer (as VS Code), no other",
	}
	want = append(want, quickFixChecks...)
	want = append(want, afterCheckChecks...)
	// issue #18: as VS Code's status bar and panel
	want = append(want, "the trace buffer and the status follow the active spec (Odometer.tla, Lamp.tla, Fresh.tla, back)")
	if tlcHere(t) {
		want = append(want, `with checkEngine "tlc" a save shows TLC's counterexample exactly as the built-in engine's`)
	}
	checkVerdict(t, out, want...)
}

// afterCheckChecks are what both editors show after a save checks
// editors/testdata/Lamp.tla (issue #17: the action lenses and the "never
// enabled" warning, with TLC's coverage figures) and Odometer.tla (its
// state space beyond the background budget: the simulation that follows
// finds the violation).
var afterCheckChecks = []string{
	`after a check, the action lenses ("Switch: 4 distinct / 8 generated") and the "never enabled" warning under Blow`,
	`a save beyond the budget simulates: Limit violated in 41 steps, the diagnostic on Limit, the status "simulation"`,
}

// quickFixChecks are the quick fixes both editors apply (issue #18: each
// fix, applied, leaves the module free of its diagnostic). As every name in
// the want lists, a check that did not run (the scripts run many only
// after an earlier step, or when the server advertises the feature) fails
// the test instead of passing unseen.
var quickFixChecks = []string{
	`quick fix "Add Sequences to EXTENDS" (Ext.tla) edits as expected and removes its diagnostic`,
	`quick fix "Change to counter" (Typo.tla) edits as expected and removes its diagnostic`,
	`quick fix "Declare Fact(_) RECURSIVE" (Rec.tla) edits as expected and removes its diagnostic`,
	`quick fix "Remove TLC from EXTENDS" (Unused.tla) edits as expected and removes its diagnostic`,
	`quick fix "Assign N a model value" (Model.cfg) edits as expected and removes its diagnostic`,
	`quick fix "Translate PlusCal" (Stale.tla) edits as expected and removes its diagnostic`,
	`quick fix "Add missing labels: Lbl_1, Lbl_2" (Labels.tla) edits as expected and removes its diagnostic`,
}

// tlcHere reports whether the TLC engine's e2e steps can run: java on the
// PATH and the jar the scripts use (tlc_jar in scripts/editors/lib.sh).
func tlcHere(t *testing.T) bool {
	if _, err := exec.LookPath("java"); err != nil {
		t.Log("no java on the PATH: the TLC engine's steps are skipped")
		return false
	}
	jar := os.Getenv("TLC_JAR")
	if jar == "" {
		jar = filepath.Join("..", "..", "shared", "tools", "tla2tools.jar")
	}
	if _, err := os.Stat(jar); err != nil {
		t.Logf("no TLC jar (%v): the TLC engine's steps are skipped", err)
		return false
	}
	return true
}

func TestVSCodeE2E(t *testing.T) {
	out := runScript(t, "e2e-vscode.sh", 25*time.Minute)
	want := []string{
		"vsix installs",
		"language mode tlaplus for .tla",
		"TextMate highlighting",
		"extension activates",
		"diagnostics: squiggle and Problems entry",
		"the server is restarted after a crash",
		"Enter continues a /\\ list",
		"save runs the check: the status bar shows the CHOOSE error",
		"squiggle under UploadWith(msg.id)",
		"hover over UploadWith shows its definition and the error",
		"Problems lists the error at UploadWith(msg.id)",
		"code lenses show the result and the trace steps",
		"the trace panel shows the 4 states, changed variables marked",
		"\"Trace: first/next state\" move the cursor to Init, then to the User: label",
		"clicking a row jumps to its PlusCal label",
		"the output channel: the start-up lines at [info], none at [error]",
		"the status bar and the trace panel follow the active file; a spec without a model says so once, quietly",
		// issue #17: debugger, evaluate, export, coverage heat map
		"debugger: a breakpoint on the Create: step stops there, with the variables",
		"\"Evaluate expression…\" shows the value in the trace",
		"\"Evaluate selection\" on UploadWith(msg.id): the CHOOSE's error at the CHOOSE, the cursor there",
		"\"Export trace…\" writes the 4 states to the file picked in the save dialog",
		"\"Toggle heat map\" shades the evaluated conjuncts, graded; toggled off, none",
		// issue #18: formatter, translation, trace panel, every quick fix
		"Format Document formats the module as `tlals fmt` does",
		"\"Translate PlusCal\" writes the translation to the file, the tab not dirty",
		"the trace panel wraps its values, nothing out of reach",
		"editor.formatOnSave: saving a badly laid-out module writes what `tlals fmt` writes",
		"the hover renders the definition as a fenced TLA+ code block, coloured, single backslashes",
	}
	want = append(want, quickFixChecks...)
	want = append(want, afterCheckChecks...)
	if tlcHere(t) {
		want = append(want, `with checkEngine "tlc" a save shows TLC's counterexample exactly as the built-in engine's`)
	}
	checkVerdict(t, out, want...)
}
