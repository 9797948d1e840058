// Package conformance checks that tlals's model checker answers what TLC
// answers on TLC's own regression specs (the corpus's tlc-tests/tlc.tsv:
// one row per model with the reference TLC's outcome, counts and first
// error line). It holds tests only.
package conformance

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/parser/testkit"
)

// A row of tlc.tsv: what the reference TLC reported with -workers 1.
type row struct {
	model, module string
	outcome       string // ok, invariant, deadlock, liveness, action-property, assume, error, timeout
	distinct      int64
	depth         int
	traceLen      int // -1: not recorded
	message       string
}

// Kinds of answers, on both sides. TLC's outcome column says "error" for
// every failure that is not a violation; its first error line tells which.
const (
	kOK         = "ok"
	kInvariant  = "invariant"
	kDeadlock   = "deadlock"
	kLiveness   = "liveness"
	kActionProp = "action-property" // also a PROPERTY false in an initial state
	kAssume     = "assume"          // an assumption is FALSE
	kAssumeEval = "assume-eval"     // evaluating an assumption failed
	kAssert     = "assert"          // TLC's Assert failed
	kPost       = "postcondition"
	kEval       = "eval"  // an evaluation error during the run (Init, Next, invariant, property, constraint)
	kSpec       = "spec"  // the spec or model is rejected before the search: parse, semantic or configuration error
	kAnyErr     = "error" // TLC's answer is an error that is legitimately spec or eval (below)
	kTimeout    = "timeout"
	kUnsup      = "unsupported"
)

// tlcKind maps TLC's outcome and first error line to a kind. unreliable is
// set for rows that are no reference: TLC timed out or crashed.
func tlcKind(r row) (kind string, unreliable bool) {
	m := r.message
	switch {
	case r.outcome == "timeout":
		return "", true
	case strings.Contains(m, "TLC threw an unexpected exception"):
		return "", true
	case r.outcome != "error":
		return r.outcome, false
	case strings.HasPrefix(m, "The first argument of Assert evaluated to FALSE"):
		return kAssert, false
	case strings.HasPrefix(m, "Evaluating assumption"):
		return kAssumeEval, false
	case strings.HasPrefix(m, "Postcondition ") && strings.Contains(m, " is false"):
		return kPost, false
	case strings.HasPrefix(m, "Property ") && strings.Contains(m, "is violated by the initial state"):
		return kActionProp, false
	case strings.HasPrefix(m, "Parsing or semantic analysis failed"),
		strings.HasPrefix(m, "The formula "), // ... is an action-level formula (the line is cut)
		strings.Contains(m, "is not a state predicate"),
		strings.HasPrefix(m, "TLC cannot handle the temporal formula"),
		strings.Contains(m, "specified in the configuration file"),
		strings.Contains(m, "is not assigned a value by the configuration"),
		strings.HasPrefix(m, "The configuration file substitutes constant"),
		strings.HasPrefix(m, "The spec is trivially false"),
		strings.HasPrefix(m, "The current version of TLC does not support"):
		return kSpec, false
	case strings.Contains(m, "Java StackOverflowError"):
		// a cyclic redefinition in the configuration: TLC recurses until
		// the JVM's stack overflows; rejecting the cycle up front is as good
		return kAnyErr, false
	}
	return kEval, false
}

var positionRE = regexp.MustCompile(`line \d+, col \d+|\.(tla|cfg):\d+:\d+`)

// tlalsKind classifies tlals's answer, and says whether it carries a
// source position.
func tlalsKind(res *checker.Result, loadErr error) (kind string, pos bool) {
	if loadErr != nil {
		return kSpec, positionRE.MatchString(loadErr.Error())
	}
	pos = res.Location != nil || positionRE.MatchString(res.Message)
	if strings.Contains(res.Message, "not supported by the checker") ||
		strings.Contains(res.Message, "not supported by the liveness checker") {
		return kUnsup, pos
	}
	switch res.Outcome {
	case checker.OutcomeAssume:
		if strings.HasPrefix(res.Message, "Evaluating assumption") {
			return kAssumeEval, pos
		}
		return kAssume, pos
	case checker.OutcomeBound:
		return kTimeout, pos
	case checker.OutcomeError:
		switch res.ExitCode {
		case checker.ExitErrorSpecParse, checker.ExitErrorConfigParse:
			return kSpec, pos
		}
		// errors TLC reports with these words are of their own kind, in
		// tlals as in TLC
		m := res.Message
		switch {
		case strings.Contains(m, "The current version of TLC does not support"),
			strings.Contains(m, "is not a state predicate"),                // exit code 76, as TLC's
			strings.HasPrefix(m, "TLC cannot handle the temporal formula"): // exit code 255, as TLC's
			return kSpec, pos // TLC's own words: classified as TLC's are
		case strings.HasPrefix(m, "Evaluating assumption"):
			return kAssumeEval, pos
		case strings.HasPrefix(m, "Postcondition ") && strings.Contains(m, " is false"),
			strings.HasPrefix(m, "Evaluating postcondition"):
			return kPost, pos
		case strings.HasPrefix(m, "Property ") && strings.Contains(m, "is violated by the initial state"):
			return kActionProp, pos
		}
		return kEval, pos
	}
	return res.Outcome, pos
}

// needsPosition: kinds whose TLC report points into the spec.
func needsPosition(kind string) bool {
	switch kind {
	case kAssert, kAssumeEval, kEval, kPost:
		return true
	}
	return false
}

// hasTrace: kinds whose trace length TLC's row records and we compare.
func hasTrace(kind string) bool {
	switch kind {
	case kInvariant, kDeadlock, kLiveness, kActionProp, kAssert, kEval:
		return true
	}
	return false
}

// outcome of running one row.
type outcome struct {
	kind     string
	pos      bool
	distinct int64
	depth    int
	traceLen int
	msg      string
	elapsed  time.Duration
}

func (o outcome) String() string {
	s := fmt.Sprintf("%s, %d distinct, depth %d, trace %d", o.kind, o.distinct, o.depth, o.traceLen)
	if o.msg != "" {
		m := o.msg
		if i := strings.IndexByte(m, '\n'); i >= 0 {
			m = m[:i]
		}
		if len(m) > 160 {
			m = m[:160] + "…"
		}
		s += ": " + m
	}
	return s
}

// compare returns "" when tlals agrees with TLC's row, else what differs.
func compare(r row, want string, got outcome) string {
	if want == kAnyErr {
		if got.kind != kEval && got.kind != kSpec {
			return "kind " + got.kind + ", want an evaluation or spec error"
		}
	} else if got.kind != want {
		return "kind " + got.kind + ", want " + want
	}
	var d []string
	if want == kOK {
		if got.distinct != r.distinct {
			d = append(d, fmt.Sprintf("distinct %d, want %d", got.distinct, r.distinct))
		}
		if got.depth != r.depth {
			d = append(d, fmt.Sprintf("depth %d, want %d", got.depth, r.depth))
		}
	}
	if hasTrace(want) && r.traceLen > 0 && got.traceLen != r.traceLen {
		d = append(d, fmt.Sprintf("trace length %d, want %d", got.traceLen, r.traceLen))
	}
	if needsPosition(want) && !got.pos {
		d = append(d, "no source position")
	}
	return strings.Join(d, "; ")
}

func readRows(t *testing.T, path string) []row {
	var rows []row
	for _, m := range testkit.ReadTSV(t, path) {
		r := row{model: m["model"], module: m["module"], outcome: m["outcome"], message: m["message"], traceLen: -1}
		r.distinct, _ = strconv.ParseInt(m["distinct"], 10, 64)
		r.depth, _ = strconv.Atoi(m["depth"])
		if v, err := strconv.Atoi(m["trace_len"]); err == nil {
			r.traceLen = v
		}
		rows = append(rows, r)
	}
	return rows
}

// readList reads a testdata list: one model per line, then its reason;
// blank lines and lines starting with # are ignored.
func readList(t *testing.T, path string) map[string]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		model, reason, _ := strings.Cut(line, " ")
		reason = strings.TrimSpace(reason)
		if reason == "" {
			t.Fatalf("%s:%d: %s has no reason", path, n, model)
		}
		if _, dup := out[model]; dup {
			t.Fatalf("%s:%d: %s listed twice", path, n, model)
		}
		out[model] = reason
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// perModel bounds each model's run in CPU time (TLC takes under 8 s on
// every row that is run); wallFactor*perModel bounds it in wall time.
var perModel = 30 * time.Second

const wallFactor = 10

// bounded returns a context cancelled once the process has used perModel
// more CPU time, or after wallFactor*perModel; stop releases it.
func bounded() (ctx context.Context, stop func()) {
	ctx, cancel := context.WithTimeout(context.Background(), wallFactor*perModel)
	done := make(chan struct{})
	go func() {
		start := testkit.CPUNow()
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if testkit.CPUNow()-start > perModel {
					cancel()
					return
				}
			}
		}
	}()
	return ctx, func() { close(done); cancel() }
}

func runRow(dir, community string, r row) outcome {
	start := time.Now()
	tla := filepath.Join(dir, filepath.Dir(r.model), filepath.Base(r.module))
	cfg := filepath.Join(dir, r.model)
	model, err := checker.LoadModel(tla, cfg, []string{community})
	if err != nil {
		kind, pos := tlalsKind(nil, err)
		return outcome{kind: kind, pos: pos, msg: err.Error(), elapsed: time.Since(start)}
	}
	ctx, stop := bounded()
	defer stop()
	res, err := checker.Check(ctx, model, checker.Options{Workers: 1})
	if res == nil {
		return outcome{kind: kEval, msg: fmt.Sprint(err), elapsed: time.Since(start)}
	}
	kind, pos := tlalsKind(res, nil)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		kind = kTimeout
	}
	// TLC's row counts the states of every trace it printed: a deadlock's
	// before the temporal violation its stuttering completes
	n := len(res.Trace)
	if res.Preceding != nil {
		n += len(res.Preceding.Trace)
	}
	return outcome{kind: kind, pos: pos, distinct: res.DistinctStates, depth: res.Depth, traceLen: n, msg: res.Message, elapsed: time.Since(start)}
}

// TestConformance runs every row of the corpus's tlc-tests/tlc.tsv as
// `tlals check -workers 1 -path COMMUNITY` would and compares the answer
// with TLC's: the same kind of outcome; for ok the same distinct states and
// depth; for a violation or a failure during the search the same trace
// length; for an error a source position. Rows listed in
// testdata/leftout.txt are not run; rows in
// testdata/known_disagreements.txt must disagree (the list only shrinks);
// a time-out or an unsupported construct where TLC answers always fails.
// Run one row with -run 'TestConformance/suite/test5.cfg'.
func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("conformance run skipped in -short mode")
	}
	root := testkit.CorpusDir(t)
	dir := filepath.Join(root, "tlc-tests")
	community := filepath.Join(root, "community")
	rows := readRows(t, filepath.Join(dir, "tlc.tsv"))
	leftOut := readList(t, filepath.Join("testdata", "leftout.txt"))
	known := readList(t, filepath.Join("testdata", "known_disagreements.txt"))
	if v, err := time.ParseDuration(os.Getenv("TLALS_CONFORMANCE_CPU")); err == nil {
		perModel = v
	}
	seen := map[string]bool{}
	for _, r := range rows {
		seen[r.model] = true
	}
	for _, list := range []map[string]string{leftOut, known} {
		for m := range list {
			if !seen[m] {
				t.Errorf("%s is listed but is not a row of tlc.tsv", m)
			}
		}
	}
	for m := range known {
		if _, both := leftOut[m]; both {
			t.Errorf("%s is both left out and a known disagreement", m)
		}
	}

	// The models run one at a time (no t.Parallel): eval's string order (TLC's intern
	// order, which decides CHOOSE, record printing and exploration order)
	// is shared by overlapping runs, and each TLC run had its process to
	// itself.
	type job struct {
		r    row
		want string
	}
	var jobs []job
	unreliable := 0
	for _, r := range rows {
		want, bad := tlcKind(r)
		if bad {
			unreliable++
			continue
		}
		if _, out := leftOut[r.model]; out {
			continue
		}
		jobs = append(jobs, job{r: r, want: want})
	}

	var agree, counted int
	var summary []string
	for _, j := range jobs {
		t.Run(j.r.model, func(t *testing.T) {
			got := runRow(dir, community, j.r)
			counted++
			diff := compare(j.r, j.want, got)
			reason, listed := known[j.r.model]
			tlcSays := fmt.Sprintf("TLC: %s, %d distinct, depth %d, trace %d: %s", j.want, j.r.distinct, j.r.depth, j.r.traceLen, j.r.message)
			switch {
			case diff == "":
				agree++
				if listed {
					t.Errorf("agrees now (%s, %.1fs): remove it from testdata/known_disagreements.txt (%s)", got, got.elapsed.Seconds(), reason)
				}
			case (got.kind == kTimeout || got.kind == kUnsup) && j.want != kTimeout:
				t.Errorf("%s where TLC answers: %s\n%s", got.kind, got, tlcSays)
			case listed:
				t.Logf("known disagreement (%s): %s\n  tlals: %s\n  %s", reason, diff, got, tlcSays)
				summary = append(summary, j.r.model+": "+reason)
			default:
				t.Errorf("disagrees: %s\n  tlals: %s\n  %s", diff, got, tlcSays)
			}
		})
	}
	sort.Strings(summary)
	for _, s := range summary {
		t.Logf("known disagreement %s", s)
	}
	t.Logf("conformance: %d agree of %d counted, %d left out (%d listed in testdata/leftout.txt, %d with no reliable TLC answer)",
		agree, counted, len(leftOut)+unreliable, len(leftOut), unreliable)
}
