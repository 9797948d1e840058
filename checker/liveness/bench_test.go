package liveness_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/parser/testkit"
)

// withoutProperties writes cfg without its PROPERTY sections, for the
// safety-only baseline.
func withoutProperties(b *testing.B, cfg string) string {
	text, err := os.ReadFile(cfg)
	if err != nil {
		b.Skip(err)
	}
	keywords := "CONSTANT CONSTANTS INIT NEXT SPECIFICATION INVARIANT INVARIANTS PROPERTY PROPERTIES CONSTRAINT CONSTRAINTS ACTION_CONSTRAINT ACTION_CONSTRAINTS SYMMETRY VIEW ALIAS CHECK_DEADLOCK POSTCONDITION"
	var out []string
	skipping := false
	for _, line := range strings.Split(string(text), "\n") {
		f := strings.Fields(line)
		if len(f) > 0 && strings.Contains(" "+keywords+" ", " "+f[0]+" ") {
			skipping = f[0] == "PROPERTY" || f[0] == "PROPERTIES"
		}
		if !skipping {
			out = append(out, line)
		}
	}
	path := filepath.Join(b.TempDir(), filepath.Base(cfg))
	if err := os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkCorpusOverhead measures liveness checking over plain safety on
// corpus models: "safety" drops the PROPERTY sections from the cfg.
func BenchmarkCorpusOverhead(b *testing.B) {
	root := testkit.CorpusDir(b)
	for _, name := range []string{"DiningPhilosophers/DiningPhilosophers.cfg", "ReadersWriters/MC.cfg"} {
		m := benchModel(b, root, name)
		ex := filepath.Join(root, "examples")
		cfg := filepath.Join(ex, m.cfg)
		for _, mode := range []string{"safety", "liveness"} {
			b.Run(filepath.Dir(name)+"/"+mode, func(b *testing.B) {
				c := cfg
				if mode == "safety" {
					c = withoutProperties(b, cfg)
				}
				model, err := checker.LoadModel(filepath.Join(ex, m.tla), c, []string{filepath.Join(root, "community")})
				if err != nil {
					b.Fatal(err)
				}
				cpu0 := testkit.CPUNow()
				for i := 0; i < b.N; i++ {
					r, err := checker.Check(context.Background(), model, checker.Options{Workers: 1})
					if err != nil || r.Outcome != checker.OutcomeOK || r.DistinctStates != m.distinct {
						b.Fatalf("%v %s %s %d", err, r.Outcome, r.Message, r.DistinctStates)
					}
				}
				// the machine is shared: CPU time is the figure to compare
				testkit.ReportCPU(b, cpu0)
			})
		}
	}
}

// BenchmarkCorpusWorkers measures liveness checking with one and two
// workers on corpus models whose liveness part is expensive (Barriers:
// a refinement property, one clause).
func BenchmarkCorpusWorkers(b *testing.B) {
	root := testkit.CorpusDir(b)
	ex := filepath.Join(root, "examples")
	for _, name := range []string{"barriers/Barriers.cfg", "ReadersWriters/MC.cfg"} {
		m := benchModel(b, root, name)
		model, err := checker.LoadModel(filepath.Join(ex, m.tla), filepath.Join(ex, m.cfg), []string{filepath.Join(root, "community"), filepath.Join(root, "tlaps")})
		if err != nil {
			b.Fatal(err)
		}
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/workers=%d", filepath.Dir(name), w), func(b *testing.B) {
				cpu0 := testkit.CPUNow()
				for i := 0; i < b.N; i++ {
					r, err := checker.Check(context.Background(), model, checker.Options{Workers: w})
					if err != nil || r.Outcome != m.outcome || r.DistinctStates != m.distinct || r.Depth != m.depth {
						b.Fatalf("%v %s %s %d depth %d", err, r.Outcome, r.Message, r.DistinctStates, r.Depth)
					}
				}
				testkit.ReportCPU(b, cpu0)
			})
		}
	}
}

// benchModel is the corpus model of tlc.tsv named cfg; the benchmark is
// skipped when it is not there.
func benchModel(b *testing.B, root, cfg string) *livenessModel {
	for _, m := range livenessModels(b, root) {
		if m.cfg == cfg {
			return &m
		}
	}
	b.Skip(cfg, " not in tlc.tsv")
	return nil
}
