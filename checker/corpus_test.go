package checker

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tlals/tlals/parser/testkit"
)

type corpusModel struct {
	cfg, tla          string
	outcome           string
	distinct, gen     int64
	depth, traceLen   int
	seconds           float64
	features, modFeat string
}

func corpusModels(t testing.TB) (string, []corpusModel) {
	root := testkit.CorpusDir(t)
	ex := filepath.Join(root, "examples")
	meta := map[string]map[string]string{}
	for _, r := range testkit.ReadTSV(t, filepath.Join(ex, "models.tsv")) {
		meta[r["model"]] = r
	}
	var out []corpusModel
	for _, r := range testkit.ReadTSV(t, filepath.Join(ex, "tlc.tsv")) {
		m := corpusModel{cfg: r["model"], outcome: r["outcome"]}
		m.distinct, _ = strconv.ParseInt(r["distinct"], 10, 64)
		m.gen, _ = strconv.ParseInt(r["generated"], 10, 64)
		m.depth, _ = strconv.Atoi(r["depth"])
		m.traceLen, _ = strconv.Atoi(r["trace_len"])
		m.seconds, _ = strconv.ParseFloat(r["seconds"], 64)
		if md, ok := meta[m.cfg]; ok {
			m.tla = md["module"]
			m.features = md["model_features"]
			m.modFeat = md["module_features"]
		}
		if m.tla == "" {
			m.tla = strings.TrimSuffix(m.cfg, ".cfg") + ".tla"
		}
		out = append(out, m)
	}
	return root, out
}

// hasLiveness reports a model with temporal properties: the liveness
// package's corpus test checks those (verdict, counts and lassos).
func hasLiveness(m corpusModel) bool { return strings.Contains(m.features, "liveness") }

// unsupported says why a model is not run ("" when it is). The default run
// is every model without temporal properties (symmetry, VIEW and ALIAS
// included); TLALS_CORPUS=all adds those with temporal properties, whose
// safety part and state counts are then compared.
func unsupported(m corpusModel, all bool, maxSeconds float64) string {
	if !all && hasLiveness(m) {
		return "temporal properties: checked by checker/liveness TestCorpusLiveness"
	}
	if maxSeconds > 0 && m.seconds > maxSeconds {
		return "TLC runtime " + strconv.FormatFloat(m.seconds, 'f', 1, 64) + "s > " + strconv.FormatFloat(maxSeconds, 'f', 0, 64) + "s"
	}
	return ""
}

func runCorpusModel(t testing.TB, root string, m corpusModel, workers int) (*Result, error) {
	ex := filepath.Join(root, "examples")
	tla := filepath.Join(ex, m.tla)
	cfg := filepath.Join(ex, m.cfg)
	model, err := LoadModel(tla, cfg, []string{filepath.Join(root, "community"), filepath.Join(root, "tlaps")})
	if err != nil {
		return nil, err
	}
	// a safety net, in wall time: the slowest default model takes ~20 s
	// of CPU, and a shared CI machine can stretch that a lot
	timeout := 300 * time.Second
	if v, err := time.ParseDuration(os.Getenv("TLALS_CORPUS_TIMEOUT")); err == nil {
		timeout = v
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return Check(ctx, model, Options{Workers: workers, MaxStates: 2_000_000})
}

// compare returns "" when res matches TLC's recorded result.
func compare(m corpusModel, res *Result) string {
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
		diffs = append(diffs, "trace length "+strconv.Itoa(len(res.Trace))+" want "+strconv.Itoa(m.traceLen))
	}
	return strings.Join(diffs, "; ")
}

// TestCorpus compares verdict, distinct states, depth and trace length with
// TLC's (tlc.tsv, -workers 1): by default every model without temporal
// properties (see unsupported); TLALS_CORPUS=all runs every model.
// TLALS_CORPUS_MAXSEC skips models TLC took longer on; TLALS_CORPUS_TIMEOUT
// bounds each run (wall time, default 300s).
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	root, models := corpusModels(t)
	all := os.Getenv("TLALS_CORPUS") == "all"
	maxSeconds := 0.0
	if v, err := strconv.ParseFloat(os.Getenv("TLALS_CORPUS_MAXSEC"), 64); err == nil {
		maxSeconds = v
	}
	passed, failed := 0, 0
	var skipped []string
	for _, m := range models {
		if why := unsupported(m, all, maxSeconds); why != "" {
			skipped = append(skipped, m.cfg+" ("+why+")")
			continue
		}
		start := time.Now()
		res, err := runCorpusModel(t, root, m, 1)
		if err != nil {
			failed++
			t.Errorf("FAIL %s: %v", m.cfg, err)
			continue
		}
		if d := compare(m, res); d != "" {
			failed++
			t.Errorf("FAIL %s: %s [%s]", m.cfg, d, res.Message)
			continue
		}
		passed++
		t.Logf("ok   %s: %s, %d distinct, %d generated (TLC %d), depth %d, trace %d, %.2fs", m.cfg, res.Outcome, res.DistinctStates, res.GeneratedStates, m.gen, res.Depth, len(res.Trace), time.Since(start).Seconds())
	}
	for _, s := range skipped {
		t.Logf("skip %s", s)
	}
	t.Logf("%d passed, %d failed", passed, failed)
}

// TestCorpusOne checks one corpus model, named by TLALS_CORPUS_MODEL (the
// model column of tlc.tsv), printing the TLC-style result.
func TestCorpusOne(t *testing.T) {
	name := os.Getenv("TLALS_CORPUS_MODEL")
	if name == "" {
		t.Skip("set TLALS_CORPUS_MODEL=dir/Model.cfg")
	}
	root, models := corpusModels(t)
	for _, m := range models {
		if m.cfg != name {
			continue
		}
		res, err := runCorpusModel(t, root, m, 1)
		if err != nil {
			t.Fatal(err)
		}
		t.Log(res.TLCText())
		if d := compare(m, res); d != "" {
			t.Fatalf("%s: %s", m.cfg, d)
		}
		return
	}
	t.Fatalf("%s is not in tlc.tsv", name)
}
