package checker

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestCoverage: the counts of TLC's -coverage report on the same model
// (testdata/coverage/S.tlc, TLC's report), for one worker and two, and
// what the editor reads of them: the actions never enabled, the states in
// which an action was.
func TestCoverage(t *testing.T) {
	m, err := LoadModel(filepath.Join("testdata", "coverage", "S.tla"), filepath.Join("testdata", "coverage", "S.cfg"), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := readTLCCoverage(t, "S")
	for _, w := range []int{1, 2} {
		res, err := Check(context.Background(), m, Options{Workers: w, Coverage: true})
		if err != nil {
			t.Fatal(err)
		}
		text := res.Coverage.CoverageText(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
		head := "The coverage statistics at 2026-01-02 03:04:05 (see https://explain.tlapl.us/module-coverage-statistics for how to interpret the following statistics).\n"
		if text != head+want {
			t.Errorf("workers=%d:\n%s", w, text)
		}
		var never []string
		for _, a := range res.Coverage.NeverEnabled() {
			never = append(never, a.Name)
		}
		if !reflect.DeepEqual(never, []string{"Never", "Recv"}) || res.Coverage.Expanded != 42 {
			t.Errorf("never enabled %v in %d states", never, res.Coverage.Expanded)
		}
		if a := res.Coverage.Actions[0]; a.Enabled != 40 {
			t.Errorf("Inc enabled in %d states, want 40", a.Enabled)
		}
	}
	res := run(t, m, 1)
	if res.Coverage != nil || strings.Contains(string(must(res.JSON())), "coverage") {
		t.Errorf("coverage without asking for it")
	}
}

// TestCoverageStateCache: with coverage the checker keeps the values of
// state-level definitions for the state, and the results of constant-level
// operators by their arguments (eval/memo.go), and replays the counts their
// computation made at each use, as if evaluated anew as TLC does: the
// report is the one tlals printed before it kept them with coverage
// (testdata/coverage/name.tlals, recorded by tlals that evaluated every
// use: StateDefs at 0760ad5, Memo at 744f422), for one worker and more.
func TestCoverageStateCache(t *testing.T) {
	for _, name := range []string{"StateDefs", "Memo"} {
		m, err := LoadModel(filepath.Join("testdata", "coverage", name+".tla"), filepath.Join("testdata", "coverage", name+".cfg"), nil)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("testdata", "coverage", name+".tlals"))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []int{1, 2, 3} {
			res, err := Check(context.Background(), m, Options{Workers: w, Coverage: true})
			if err != nil {
				t.Fatal(err)
			}
			text := res.Coverage.CoverageText(time.Now())
			if got := text[strings.IndexByte(text, '\n')+1:]; got != string(want) {
				t.Errorf("%s workers=%d: %s", name, w, strings.Join(lineDiff(string(want), got), "\n"))
			}
		}
	}
}

// TestCoverageFastPaths: the expressions tlals evaluates by fast paths
// without making a set or a tuple (S \cup {e}, {e1, e2} \subseteq S,
// t = <<a, b>>, a filter {y \in V : <<x, y>> \in E} over 8 edges or more)
// count, with coverage, what the general path counts: the report is the
// one tlals printed when coverage turned those paths off
// (testdata/coverage/Fast.tlals, recorded at 910c514; Adj.tlals, whose
// filters over enumerated sets the search by halves decides, tupleIn.
// filterCounted, recorded at c66f936, before the search ran with
// coverage), for one worker and more.
func TestCoverageFastPaths(t *testing.T) {
	for _, name := range []string{"Fast", "Adj"} {
		m, err := LoadModel(filepath.Join("testdata", "coverage", name+".tla"), filepath.Join("testdata", "coverage", name+".cfg"), nil)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("testdata", "coverage", name+".tlals"))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []int{1, 2} {
			res, err := Check(context.Background(), m, Options{Workers: w, Coverage: true})
			if err != nil {
				t.Fatal(err)
			}
			text := res.Coverage.CoverageText(time.Now())
			if got := text[strings.IndexByte(text, '\n')+1:]; got != string(want) {
				t.Errorf("%s workers=%d: %s", name, w, strings.Join(lineDiff(string(want), got), "\n"))
			}
		}
	}
}

// TestCoverageWorkers: the report is the same for any number of workers,
// run to run, in memory and spilling to disk. On Grid a state is reached
// from two states of the level before, and with several workers the later
// one often inserts it first; the earlier one then takes it (fpSet.
// insertAt), as one worker would have found it: the state counts for the
// taker's action, and the invariants the taker checks again do not count
// twice. Before, 4 workers counted Grid's Inv 964 or 969 times (TLC: 961,
// testdata/coverage/Grid.tlc) and gave IncX states that IncY keeps.
func TestCoverageWorkers(t *testing.T) {
	for _, name := range []string{"Grid", "StateDefs"} {
		want, _ := ourCoverage(t, name)
		m, err := LoadModel(filepath.Join("testdata", "coverage", name+".tla"), filepath.Join("testdata", "coverage", name+".cfg"), nil)
		if err != nil {
			t.Fatal(err)
		}
		for i, opt := range []Options{{Workers: 4}, {Workers: 4}, {Workers: 3}, {Workers: 4, SpillDir: t.TempDir(), SpillTable: 300}} {
			opt.Coverage = true
			res, err := Check(context.Background(), m, opt)
			if err != nil {
				t.Fatal(err)
			}
			text := res.Coverage.CoverageText(time.Now())
			if got := text[strings.IndexByte(text, '\n')+1:]; got != want {
				t.Errorf("%s run %d (%d workers, spill %v): %s", name, i, opt.Workers, opt.SpillDir != "", strings.Join(lineDiff(want, got), "\n"))
			}
		}
	}
}

// readTLCCoverage is the report the reference TLC printed with -coverage
// on testdata/coverage/name.tla: the lines after its first, without the
// lines of the variables (TLC counts their distinct values with an
// estimate, HyperLogLog, that tlals does not print).
func readTLCCoverage(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "coverage", name+".tlc"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// ourCoverage is tlals's report on testdata/coverage/name.tla, one worker,
// without its first line.
func ourCoverage(t *testing.T, name string) (string, *Result) {
	t.Helper()
	m, err := LoadModel(filepath.Join("testdata", "coverage", name+".tla"), filepath.Join("testdata", "coverage", name+".cfg"), nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Check(context.Background(), m, Options{Workers: 1, Coverage: true})
	if err != nil {
		t.Fatal(err)
	}
	text := res.Coverage.CoverageText(time.Now())
	return text[strings.IndexByte(text, '\n')+1:], res
}

// coverageCases are the models of testdata/coverage, each with the lines
// of TLC's report tlals is known to print otherwise (the cost TLC keeps on
// values as they flow into states: tlals's values do not carry the node
// that made them): the rest, the action lines always, is TLC's to the line.
var coverageCases = []struct {
	name  string
	known int // lines of TLC's report (and of ours) that differ
	what  string
}{
	{"S", 0, "conjunctions, \\E over an operator with a parameter, actions never enabled"},
	{"Lists", 0, "conjunction and disjunction lists, UNCHANGED of a tuple and of a definition, IF in an expression, set enumeration enumerated"},
	{"Cons", 0, "sub-actions of Next, an invariant, a state and an action constraint"},
	{"E", 0, "UNCHANGED of a variable"},
	{"Quant", 6, "\\E with guards, CASE, IF in action position, \\E i \\in s, j \\in 1..N with s empty (TLC evaluates every bound set first): the cost of {} and {i} follows their values into states (TLC's values carry the node that made them)"},
	{"Calls", 0, "operator calls (the body under the call), LET, an argument passed on (Move(x) calls Small(v)): counted once per call, at its first use, as TLC's lazy values"},
	{"G", 0, "an operator applied as a guard: its body is the leaf"},
	{"I", 0, "IF in action position, nested in a branch, and a state constraint"},
	{"Sec", 0, "constant sets in an initial predicate, enumerated (their cost) and not"},
	{"Counter2", 0, "a PlusCal translation (SPECIFICATION, IF in action position, function constructors)"},
	{"Fc", 0, "function constructors: their cost, a domain {} enumerated"},
	{"StateDefs", 30, "state-level definitions used many times in a state (an operator, a set filter, a function definition, a recursive one, one under a prime): tlals reports the body of Sum under each use, TLC not, and a body's count is its total over the uses (Big: 26 under each use), TLC's per use (10)"},
	{"Memo", 50, "constant-level operators called with the same arguments in many states (recursive, a set filter, \\E, one under a prime): as StateDefs, tlals totals a body's count over the uses (SumTo's 152 under each use), TLC's is per use (40, 60, 50), and tlals reports the body of Half under \\E, TLC not"},
	{"Grid", 0, "states each reached from two states of the level before (TestCoverageWorkers)"},
	{"Fast", 43, "expressions tlals evaluates without making a set or a tuple (S \\cup {e}, {a, b} \\subseteq S, t = <<a, b>>, a filter over a graph's edges: TestCoverageFastPaths); known: the cost of a set literal (29:54; without it s' = s \\cup {v + 10} collapses into one line), the tuple of <<x, y>> \\in E not counted, a filter's body under each use totalled (Succ: 300, TLC 90 and 210)"},
	{"Adj", 109, "filters {y \\in S : <<a, y>> \\in E} that tlals decides by searching E (TestCoverageFastPaths); known, as Fast: the tuple of <<a, ..., y>> \\in E not counted, a filter's body under each use totalled (Succ: 648 under each use, TLC 120, 366 and 162), TLC's cost of a filter (20:58); and the filter that \\cup enumerates ({y \\in V : <<Start, y>> \\in Live}): TLC reports its predicate and Live's body nowhere, tlals under it"},
	{"Bounds", 0, "bound sets evaluated once per bound and all before enumerating (TLC's Tool.contexts): \\E a, b \\in 0..n, \\E i \\in 1..n, j \\in 0..m with 1..n empty, \\A a, b and [p, q \\in 0..n |-> ...] in an invariant"},
}

// TestCoverageTLC compares tlals -coverage with TLC's recorded reports.
func TestCoverageTLC(t *testing.T) {
	for _, tc := range coverageCases {
		t.Run(tc.name, func(t *testing.T) {
			want := readTLCCoverage(t, tc.name)
			got, _ := ourCoverage(t, tc.name)
			d := lineDiff(want, got)
			if len(d) != tc.known {
				t.Errorf("%d lines differ from TLC's report, known %d (%s):\n%s\nours:\n%s", len(d), tc.known, tc.what, strings.Join(d, "\n"), got)
			}
			// the actions' lines (distinct and generated states) are TLC's
			if a, b := rootLines(want), rootLines(got); a != b {
				t.Errorf("action lines:\n%s\nTLC:\n%s", b, a)
			}
		})
	}
}

// lineDiff lists the lines of a not in b ("-") and of b not in a ("+"),
// as multisets.
func lineDiff(a, b string) []string {
	count := map[string]int{}
	for _, l := range strings.Split(a, "\n") {
		count[l]++
	}
	for _, l := range strings.Split(b, "\n") {
		count[l]--
	}
	var out []string
	for l, n := range count {
		for ; n > 0; n-- {
			out = append(out, "- "+l)
		}
		for ; n < 0; n++ {
			out = append(out, "+ "+l)
		}
	}
	sort.Strings(out)
	return out
}

func rootLines(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "<") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestCoverageTLCLive runs the reference TLC (when Java and
// ../shared/tools/tla2tools.jar are there; TLALS_TLC_JAR names another)
// on the models of testdata/coverage and compares its report with ours,
// as TestCoverageTLC its recording.
func TestCoverageTLCLive(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the reference TLC")
	}
	jar := os.Getenv("TLALS_TLC_JAR")
	if jar == "" {
		wd, _ := os.Getwd()
		jar = filepath.Join(filepath.Dir(filepath.Dir(wd)), "shared", "tools", "tla2tools.jar")
	}
	if _, err := exec.LookPath("java"); err != nil {
		t.Skip("java not found")
	}
	if _, err := os.Stat(jar); err != nil {
		t.Skip(jar + " not found")
	}
	for _, tc := range coverageCases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			abs, _ := filepath.Abs(filepath.Join("testdata", "coverage"))
			cmd := exec.Command("java", "-cp", jar, "tlc2.TLC", "-workers", "1", "-metadir", dir, "-noGenerateSpecTE", "-coverage", "1",
				"-config", filepath.Join(abs, tc.name+".cfg"), filepath.Join(abs, tc.name+".tla"))
			cmd.Dir = dir
			out, _ := cmd.CombinedOutput()
			want, ok := tlcCoverageReport(string(out))
			if !ok {
				t.Fatalf("no coverage report from TLC:\n%s", out)
			}
			if rec := readTLCCoverage(t, tc.name); want != rec {
				t.Errorf("TLC's report changed since it was recorded:\n%s\nrecorded:\n%s", want, rec)
			}
			got, _ := ourCoverage(t, tc.name)
			if d := lineDiff(want, got); len(d) != tc.known {
				t.Errorf("%d lines differ from TLC's report, known %d:\n%s", len(d), tc.known, strings.Join(d, "\n"))
			}
		})
	}
}

// tlcCoverageReport is TLC's coverage report in its output, as recorded in
// testdata/coverage (without its first line and the variables' lines).
func tlcCoverageReport(out string) (string, bool) {
	i := strings.Index(out, "The coverage statistics at ")
	j := strings.Index(out, "End of statistics.")
	if i < 0 || j < i {
		return "", false
	}
	var b strings.Builder
	for _, l := range strings.Split(out[i:j], "\n")[1:] {
		if l != "" && !tlcVarLine.MatchString(l) {
			b.WriteString(l + "\n")
		}
	}
	b.WriteString("End of statistics.\n")
	return b.String(), true
}

var tlcVarLine = regexp.MustCompile(`^<[a-z][A-Za-z0-9_]* line \d+, col \d+ to line \d+, col \d+ of module \w+>: \d+$`)

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// BenchmarkCoverage measures the cost of counting coverage on the seed
// demo: off, the hooks are one nil test per state and successor.
func BenchmarkCoverage(b *testing.B) {
	m, err := LoadModel(filepath.Join("testdata", "Uploader2_translated.tla"), filepath.Join("testdata", "Uploader2_translated.cfg"), nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, on := range []bool{false, true} {
		name := "off"
		if on {
			name = "on"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			cpu := processCPU()
			for b.Loop() {
				res, err := Check(context.Background(), m, Options{Workers: 1, Coverage: on})
				if err != nil || res.DistinctStates != 9447 {
					b.Fatal(err, res.DistinctStates)
				}
			}
			b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// coverageBenchModels are safety-only corpus models of a few thousand to
// tens of thousands of states, a second or less a run: the editor checks
// every model with coverage on, so its cost must stay small (issue #17:
// at most 10%).
var coverageBenchModels = []string{"MultiCarElevator/ElevatorSafetySmall.cfg", "byihive/VoucherTransfer.cfg", "Chameneos/Chameneos.cfg"}

// BenchmarkCoverageCorpus runs each model with coverage off and on, one
// worker; compare the pairs with benchstat -col /coverage, by cpu-ns/op
// (the process's user and system time). -test.count runs each model's off
// runs, then its on runs: on a loaded machine, run -test.count 1 in rounds
// instead, so that off and on see the same load.
func BenchmarkCoverageCorpus(b *testing.B) {
	root, models := corpusModels(b)
	ex := filepath.Join(root, "examples")
	for _, name := range coverageBenchModels {
		for _, cm := range models {
			if cm.cfg != name {
				continue
			}
			m, err := LoadModel(filepath.Join(ex, cm.tla), filepath.Join(ex, cm.cfg), []string{filepath.Join(root, "community"), filepath.Join(root, "tlaps")})
			if err != nil {
				b.Fatal(err)
			}
			for _, on := range []bool{false, true} {
				b.Run(fmt.Sprintf("%s/coverage=%v", strings.TrimSuffix(name, ".cfg"), on), func(b *testing.B) {
					b.ReportAllocs()
					cpu := processCPU()
					for b.Loop() {
						res, err := Check(context.Background(), m, Options{Workers: 1, Coverage: on})
						if err != nil || res.DistinctStates != cm.distinct || (res.Coverage != nil) != on {
							b.Fatal(err, res.DistinctStates, cm.distinct)
						}
					}
					// the process's CPU time, which a loaded machine disturbs
					// less than the elapsed time (one worker: about equal idle)
					b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
				})
			}
		}
	}
}

// TestCoverageKeepsLazyArguments: counting must not change what is
// evaluated. The seed's UploadWith(msg[self].id) passes a lazy argument
// (lazyargs.go); coverage's own read of a parameter took the cell's slot
// unforced, and the run failed one state early (19 generated, a 3-state
// trace). TLC: 52 generated, 42 distinct, the CHOOSE failing after 4 states.
func TestCoverageKeepsLazyArguments(t *testing.T) {
	m := load(t, "Uploader_translated.tla", "Uploader_translated.cfg")
	for _, cov := range []bool{false, true} {
		res, err := Check(context.Background(), m, Options{Workers: 2, Coverage: cov})
		if err != nil {
			t.Fatal(err)
		}
		got := [...]any{res.Outcome, res.GeneratedStates, res.DistinctStates, len(res.Trace)}
		want := [...]any{OutcomeError, int64(52), int64(42), 4}
		if got != want {
			t.Errorf("coverage %v: %v, want TLC's %v", cov, got, want)
		}
	}
}
