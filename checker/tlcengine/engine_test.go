package tlcengine

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/parser/testkit"
)

// The reference TLC: tests that run it skip cleanly without Java or the
// jars (../shared/tools beside the worktree).
const toolsDir = "../../../shared/tools"

func tlcJar(t *testing.T, name string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("runs TLC: skipped in -short mode")
	}
	if _, err := exec.LookPath("java"); err != nil {
		t.Skip("no java on the PATH")
	}
	dir := toolsDir
	if env := os.Getenv("TLALS_TLC_JAR"); env != "" {
		// the tools folder of the jar named (a worktree is not beside shared/)
		dir = filepath.Dir(env)
	}
	jar, err := filepath.Abs(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(jar); err != nil {
		t.Skipf("no %s: %v", name, err)
	}
	return jar
}

func corpusModel(t *testing.T, dir, cfg, tla string, path ...string) *checker.Model {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no %s", dir)
	}
	m, err := checker.LoadModel(filepath.Join(dir, tla), filepath.Join(dir, cfg), path)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// comparable is a result's JSON without what differs by engine: timings
// and the seed of random choices.
func comparable(t *testing.T, res *checker.Result) map[string]any {
	t.Helper()
	b, err := res.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	delete(out, "seconds")
	delete(out, "seed")
	return out
}

// TestSameJSONAsBuiltin runs the demo, the seed and corpus models of each
// outcome with TLC and with the built-in engine (one worker each, as TLC's
// counts at a violation depend on it): the JSON is the same but for
// timings and the seed.
func TestSameJSONAsBuiltin(t *testing.T) {
	jar := tlcJar(t, "tla2tools.jar")
	corpus := "../../../shared/corpus"
	community := filepath.Join(corpus, "community")
	for _, tc := range []struct {
		name, dir, cfg, tla string
		outcome             string
	}{
		{"demo", "../../testdata/demo", "DoubleUpload.cfg", "DoubleUpload.tla", checker.OutcomeInvariant},
		{"seed error", "../testdata", "Uploader_translated.cfg", "Uploader_translated.tla", checker.OutcomeError},
		{"seed ok with liveness", "../testdata", "Uploader2_translated.cfg", "Uploader2_translated.tla", checker.OutcomeOK},
		{"ok", filepath.Join(corpus, "examples/Moving_Cat_Puzzle"), "CatEvenBoxes.cfg", "Cat.tla", checker.OutcomeOK},
		{"invariant", filepath.Join(corpus, "examples/MissionariesAndCannibals"), "MissionariesAndCannibals.cfg", "MissionariesAndCannibals.tla", checker.OutcomeInvariant},
		{"invariant, toolbox model", filepath.Join(corpus, "examples/N-Queens/Queens.toolbox/FourQueens"), "MC.cfg", "MC.tla", checker.OutcomeInvariant},
		{"deadlock", filepath.Join(corpus, "tlc-tests"), "Github710e.cfg", "Github710e.tla", checker.OutcomeDeadlock},
		{"liveness lasso", filepath.Join(corpus, "tlc-tests"), "BidirectionalTransitions1Bx.cfg", "BidirectionalTransitions.tla", checker.OutcomeLiveness},
		{"assert", filepath.Join(corpus, "tlc-tests"), "AssertExpressionStack.cfg", "AssertExpressionStack.tla", checker.OutcomeAssert},
		{"evaluation error", filepath.Join(corpus, "tlc-tests"), "EvaluatingValueTest.cfg", "EvaluatingValueTest.tla", checker.OutcomeError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := corpusModel(t, tc.dir, tc.cfg, tc.tla, community)
			opt := checker.Options{Workers: 1}
			var progress []checker.Progress
			topt := opt
			topt.Progress = func(p checker.Progress) { progress = append(progress, p) }
			got, err := Check(context.Background(), m, topt, Config{Jar: jar})
			if err != nil {
				t.Fatal(err)
			}
			want, err := checker.Check(context.Background(), m, opt)
			if err != nil {
				t.Fatal(err)
			}
			if got.Outcome != tc.outcome {
				t.Errorf("outcome %s (%s), want %s", got.Outcome, got.Message, tc.outcome)
			}
			sameJSON(t, got, want)
			if got.Outcome == checker.OutcomeOK && len(progress) == 0 {
				t.Errorf("no progress reported")
			}
			if got.Outcome != checker.OutcomeError || got.Trace != nil {
				// a result's trace steps carry values, for trace
				// expressions and hovers
				for i, st := range got.Trace {
					if st.Values == nil {
						t.Errorf("step %d has no values", i+1)
					}
				}
			}
		})
	}
}

// sameJSON reports each field of the JSON results that differs between
// the TLC engine's result got and the built-in engine's want.
func sameJSON(t *testing.T, got, want *checker.Result) {
	t.Helper()
	g, w := comparable(t, got), comparable(t, want)
	for k := range w {
		if !reflect.DeepEqual(g[k], w[k]) {
			gb, _ := json.Marshal(g[k])
			wb, _ := json.Marshal(w[k])
			t.Errorf("%s:\n tlc    %s\n tlals  %s", k, gb, wb)
		}
	}
	for k := range g {
		if _, ok := w[k]; !ok {
			gb, _ := json.Marshal(g[k])
			t.Errorf("%s: only the TLC engine's result has it: %s", k, gb)
		}
	}
}

// TestCorpusSameJSON: the examples corpus's models (examples/tlc.tsv),
// fastest first, give the same JSON with both engines (one worker). By
// default the ten fastest run; TLALS_ENGINES=all runs them all (as
// scripts/engines-diff.sh does through the CLI).
func TestCorpusSameJSON(t *testing.T) {
	jar := tlcJar(t, "tla2tools.jar")
	root := testkit.CorpusDir(t)
	ex := filepath.Join(root, "examples")
	module := map[string]string{}
	for _, r := range testkit.ReadTSV(t, filepath.Join(ex, "models.tsv")) {
		module[r["model"]] = r["module"]
	}
	rows := testkit.ReadTSV(t, filepath.Join(ex, "tlc.tsv"))
	secs := func(r map[string]string) float64 {
		f, _ := strconv.ParseFloat(r["seconds"], 64)
		return f
	}
	sort.SliceStable(rows, func(i, j int) bool { return secs(rows[i]) < secs(rows[j]) })
	if os.Getenv("TLALS_ENGINES") != "all" {
		rows = rows[:min(10, len(rows))]
	}
	path := []string{filepath.Join(root, "community"), filepath.Join(root, "tlaps")}
	for _, r := range rows {
		cfg := r["model"]
		t.Run(cfg, func(t *testing.T) {
			tla := module[cfg]
			if tla == "" {
				tla = strings.TrimSuffix(cfg, ".cfg") + ".tla"
			}
			m, err := checker.LoadModel(filepath.Join(ex, tla), filepath.Join(ex, cfg), path)
			if err != nil {
				t.Fatal(err)
			}
			opt := checker.Options{Workers: 1}
			got, err := Check(context.Background(), m, opt, Config{Jar: jar})
			if err != nil {
				t.Fatal(err)
			}
			want, err := checker.Check(context.Background(), m, opt)
			if err != nil {
				t.Fatal(err)
			}
			if got.Outcome != r["outcome"] {
				t.Errorf("outcome %s (%s), TLC reported %s", got.Outcome, got.Message, r["outcome"])
			}
			sameJSON(t, got, want)
		})
	}
}

// TestLassoAndText: a liveness counterexample's lasso (a cycle back to a
// state, or stuttering) and the CLI text are the built-in engine's.
func TestLassoAndText(t *testing.T) {
	jar := tlcJar(t, "tla2tools.jar")
	for _, tc := range []struct{ name, tla, cfg string }{
		{"cycle", `---- MODULE Lasso ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Spec == Init /\ [][Next]_x /\ WF_x(Next)
Never == <>(x = 5)
====
`, "SPECIFICATION Spec\nPROPERTY Never\n"},
		{"stuttering", `---- MODULE Stutter ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 2 /\ x' = x + 1
Spec == Init /\ [][Next]_x
Never == <>(x = 5)
====
`, "SPECIFICATION Spec\nPROPERTY Never\nCHECK_DEADLOCK FALSE\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := loadSpec(t, tc.tla, tc.cfg)
			got, err := Check(context.Background(), m, checker.Options{Workers: 1}, Config{Jar: jar})
			if err != nil {
				t.Fatal(err)
			}
			want, err := checker.Check(context.Background(), m, checker.Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if got.Lasso == nil || want.Lasso == nil || !reflect.DeepEqual(got.Lasso, want.Lasso) {
				t.Fatalf("lasso %+v, want %+v", got.Lasso, want.Lasso)
			}
			if g, w := got.TLCText(), want.TLCText(); g != w {
				t.Errorf("text:\n%s\nwant:\n%s", g, w)
			}
			if !reflect.DeepEqual(comparable(t, got), comparable(t, want)) {
				t.Errorf("JSON differs")
			}
		})
	}
}

// TestSetupErrors: no Java, no jar, a jar that is not a file: one clear
// message, nothing run.
func TestSetupErrors(t *testing.T) {
	m := loadSpec(t, "---- MODULE S ----\nVARIABLE x\nInit == x = 0\nNext == x' = x\n====\n", "INIT Init\nNEXT Next\n")
	t.Setenv(JarEnv, "")
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{Java: "/nonexistent/java", Jar: "x.jar"}, "the TLC engine needs Java: no `java` command on the PATH (install a Java 11 or later runtime)"},
		{Config{Java: "sh"}, "the TLC engine needs tla2tools.jar: pass -tlc-jar FILE, set TLA2TOOLS_JAR, or set the editor's tlcJar setting"},
		{Config{Java: "sh", Jar: "/nonexistent/tla2tools.jar"}, "the TLC engine needs tla2tools.jar: /nonexistent/tla2tools.jar is not a file"},
	} {
		_, err := Check(context.Background(), m, checker.Options{}, tc.cfg)
		var se *SetupError
		if !errors.As(err, &se) || se.Msg != tc.want {
			t.Errorf("Check with %+v: %v, want %q", tc.cfg, err, tc.want)
		}
	}
}

// TestCancelKillsTLC: cancelling a run kills TLC's JVM (its process
// group) and returns at once.
func TestCancelKillsTLC(t *testing.T) {
	jar := tlcJar(t, "tla2tools.jar")
	m := loadSpec(t, `---- MODULE Long ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == x' \in 0..2000 /\ y' = (y + x) % 100000
====
`, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n")
	ctx, cancel := context.WithCancel(context.Background())
	var pid int
	startedHook = func(p int) { pid = p }
	defer func() { startedHook = nil }()
	done := make(chan error, 1)
	go func() {
		_, err := Check(ctx, m, checker.Options{Workers: 1}, Config{Jar: jar})
		done <- err
	}()
	time.Sleep(10 * time.Second) // TLC is exploring (its JVM started)
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Check: %v, want context.Canceled", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the run did not end after the cancel")
	}
	if pid == 0 {
		t.Fatal("TLC was not started")
	}
	if err := syscall.Kill(pid, 0); err == nil {
		t.Errorf("TLC (pid %d) still runs after the cancel", pid)
	}
}

// TestTimeBound: the run's time bound stops TLC with outcome bound and no
// error, as the built-in engine's does.
func TestTimeBound(t *testing.T) {
	jar := tlcJar(t, "tla2tools.jar")
	m := loadSpec(t, `---- MODULE Long ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == x' \in 0..2000 /\ y' = (y + x) % 100000
====
`, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n")
	var pid int
	startedHook = func(p int) { pid = p }
	defer func() { startedHook = nil }()
	res, err := Check(context.Background(), m, checker.Options{Workers: 1, Timeout: 8 * time.Second}, Config{Jar: jar})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != checker.OutcomeBound || res.Message != "time bound reached" || res.ExitCode != 0 || len(res.Trace) != 0 {
		t.Errorf("%s %q exit %d, %d steps", res.Outcome, res.Message, res.ExitCode, len(res.Trace))
	}
	if pid == 0 || syscall.Kill(pid, 0) == nil {
		t.Errorf("TLC (pid %d) was not started or still runs", pid)
	}
}

// TestContinue: with -continue the violations TLC goes on past are the
// result's continued ones, as the built-in engine's.
func TestContinue(t *testing.T) {
	jar := tlcJar(t, "tla2tools.jar")
	m := loadSpec(t, gridSpec, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n")
	opt := checker.Options{Workers: 1, Continue: true}
	got, err := Check(context.Background(), m, opt, Config{Jar: jar})
	if err != nil {
		t.Fatal(err)
	}
	want, err := checker.Check(context.Background(), m, opt)
	if err != nil {
		t.Fatal(err)
	}
	if got.Outcome != checker.OutcomeOK || len(got.Continued) != 10 {
		t.Errorf("%s, %d continued", got.Outcome, len(got.Continued))
	}
	if !reflect.DeepEqual(comparable(t, got), comparable(t, want)) {
		t.Errorf("JSON differs")
	}
}

// TestWorkersDefault: without -workers TLC runs one worker, as the
// built-in engine answers with any number of workers what TLC answers with
// one; an explicit count is passed on. With several workers TLC reported
// the seed demo's error at 44, 63 or 69 distinct states, one worker at 42
// (tlc -workers auto and -workers 1 on Uploader_translated).
func TestWorkersDefault(t *testing.T) {
	m := corpusModel(t, "../testdata", "Uploader_translated.cfg", "Uploader_translated.tla")
	for _, tc := range []struct {
		workers int
		want    string
	}{{0, "1"}, {1, "1"}, {3, "3"}} {
		args, err := tlcArgs(m, checker.Options{Workers: tc.workers}, t.TempDir(), false)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for i, a := range args {
			if a == "-workers" && i+1 < len(args) {
				got = args[i+1]
			}
		}
		if got != tc.want {
			t.Errorf("Workers %d: TLC's -workers %q, want %q (%v)", tc.workers, got, tc.want, args)
		}
	}
	jar := tlcJar(t, "tla2tools.jar")
	// both engines with their defaults: the same JSON (42 distinct states)
	got, err := Check(context.Background(), m, checker.Options{}, Config{Jar: jar})
	if err != nil {
		t.Fatal(err)
	}
	want, err := checker.Check(context.Background(), m, checker.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got.DistinctStates != 42 {
		t.Errorf("TLC engine: %d distinct states, want 42", got.DistinctStates)
	}
	sameJSON(t, got, want)
}

// TestNestedText: the nested expressions TLC lists after an evaluation
// error in an action reach the TLC engine's result (Result.Nested), so
// that its text is the built-in engine's, which lists the same ones.
func TestNestedText(t *testing.T) {
	jar := tlcJar(t, "tla2tools.jar")
	m := loadSpec(t, `---- MODULE Nested ----
EXTENDS Naturals
VARIABLE x
A(s) == s.b
B(s) == A(s) + 1
Init == x = 0
Next == /\ x < 5
        /\ x' = B([a |-> x])
====
`, "INIT Init\nNEXT Next\n")
	got, err := Check(context.Background(), m, checker.Options{Workers: 1}, Config{Jar: jar})
	if err != nil {
		t.Fatal(err)
	}
	want, err := checker.Check(context.Background(), m, checker.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Nested) != 7 || !reflect.DeepEqual(got.Nested, want.Nested) {
		t.Errorf("nested %d positions, want the built-in engine's %d", len(got.Nested), len(want.Nested))
	}
	// the block and what follows it (the texts differ before it: the TLC
	// engine's result does not mark an unexpected exception)
	const block = "Error: The error occurred when TLC was evaluating the nested\n"
	_, g, _ := strings.Cut(got.TLCText(), block)
	_, w, ok := strings.Cut(want.TLCText(), block)
	if !ok || g != w {
		t.Errorf("text after the block:\n%s\nwant:\n%s", g, w)
	}
}
