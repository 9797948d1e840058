package liveness_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/parser/testkit"
)

type livenessModel struct {
	cfg, tla, outcome  string
	distinct           int64
	traceLen, depth    int
	seconds            float64
	features, modFeats string
}

// livenessModels are the corpus models with temporal properties that TLC
// ran (tlc.tsv), with TLC's results.
func livenessModels(t testing.TB, root string) []livenessModel {
	ex := filepath.Join(root, "examples")
	meta := map[string]map[string]string{}
	for _, r := range testkit.ReadTSV(t, filepath.Join(ex, "models.tsv")) {
		meta[r["model"]] = r
	}
	var out []livenessModel
	for _, r := range testkit.ReadTSV(t, filepath.Join(ex, "tlc.tsv")) {
		md := meta[r["model"]]
		if md == nil || !strings.Contains(md["model_features"], "liveness") {
			continue
		}
		m := livenessModel{cfg: r["model"], tla: md["module"], outcome: r["outcome"], features: md["model_features"]}
		m.distinct, _ = strconv.ParseInt(r["distinct"], 10, 64)
		m.traceLen, _ = strconv.Atoi(r["trace_len"])
		m.depth, _ = strconv.Atoi(r["depth"])
		m.seconds, _ = strconv.ParseFloat(r["seconds"], 64)
		out = append(out, m)
	}
	return out
}

func runCorpus(root string, m livenessModel, timeout time.Duration) (*checker.Result, error) {
	ex := filepath.Join(root, "examples")
	model, err := checker.LoadModel(filepath.Join(ex, m.tla), filepath.Join(ex, m.cfg), []string{filepath.Join(root, "community"), filepath.Join(root, "tlaps")})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return checker.Check(ctx, model, checker.Options{Workers: 1, MaxStates: 1_000_000})
}

// TestCorpusLiveness runs the corpus models with temporal properties and
// compares verdict, distinct states, depth and counterexample length with
// TLC's.
// Any difference fails the test, an evaluation error TLC did not have and
// a run not done within the bound included. Models TLC needed more than
// TLALS_LIVENESS_MAXSEC (default 100) seconds for are skipped with the
// reason.
// TLALS_LIVENESS_MODEL restricts the run to the models whose path contains
// it.
func TestCorpusLiveness(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	root := testkit.CorpusDir(t)
	// 100: every model but braf (TLC 104s; its module Common is not in
	// the corpus, so it cannot run here). The slowest included,
	// CoffeeCan1000Beans (TLC 88s) and FastPaxos (70s), take 11s and 28s.
	maxSeconds := 100.0
	if v, err := strconv.ParseFloat(os.Getenv("TLALS_LIVENESS_MAXSEC"), 64); err == nil {
		maxSeconds = v
	}
	// A safety net in wall time: the slowest model takes ~30 s of CPU on an
	// idle machine, and a shared CI machine stretches that.
	const bound = 300 * time.Second
	passed, failed := 0, 0
	only := os.Getenv("TLALS_LIVENESS_MODEL") // a substring of the model path
	for _, m := range livenessModels(t, root) {
		if only != "" && !strings.Contains(m.cfg, only) {
			continue
		}
		if m.seconds > maxSeconds {
			t.Logf("skip %s: TLC took %.1fs > %.0fs", m.cfg, m.seconds, maxSeconds)
			continue
		}
		start := time.Now()
		res, err := runCorpus(root, m, bound)
		if errors.Is(err, context.DeadlineExceeded) || (err == nil && res.Outcome == checker.OutcomeBound) {
			// TLC finished this model: running out of time is a failure
			failed++
			t.Errorf("FAIL %s: not done within the %v bound (%d distinct states so far)", m.cfg, bound, res.DistinctStates)
			continue
		}
		if err != nil {
			failed++
			t.Errorf("FAIL %s: %v", m.cfg, err)
			continue
		}
		var diffs []string
		if res.Outcome != m.outcome {
			diffs = append(diffs, "outcome "+res.Outcome+" want "+m.outcome+" ("+res.Message+")")
		}
		if res.DistinctStates != m.distinct {
			diffs = append(diffs, "distinct "+strconv.FormatInt(res.DistinctStates, 10)+" want "+strconv.FormatInt(m.distinct, 10))
		}
		if res.Depth != m.depth {
			diffs = append(diffs, "depth "+strconv.Itoa(res.Depth)+" want "+strconv.Itoa(m.depth))
		}
		if len(res.Trace) != m.traceLen {
			diffs = append(diffs, "trace "+strconv.Itoa(len(res.Trace))+" want "+strconv.Itoa(m.traceLen))
		}
		if len(diffs) > 0 {
			failed++
			// an error where TLC has none (a construct the checker cannot
			// evaluate) fails like a wrong verdict: no silent pass
			t.Errorf("FAIL %s: %s", m.cfg, strings.Join(diffs, "; "))
			continue
		}
		passed++
		for _, w := range res.Warnings {
			t.Logf("     %s warns: %s", m.cfg, w)
		}
		t.Logf("ok   %s: %s, %d distinct, depth %d, trace %d, %.2fs", m.cfg, res.Outcome, res.DistinctStates, res.Depth, len(res.Trace), time.Since(start).Seconds())
	}
	t.Logf("%d passed, %d failed", passed, failed)
}
