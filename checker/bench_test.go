package checker

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// benchModels are the corpus models the throughput benchmarks run: btree is
// the reference (TLC alone: 374,727 distinct states in 39.0 s with
// one worker, 29.0 s with two, 2.96 GB peak RSS). TLALS_BENCH_MODELS (a
// comma-separated list of configs) replaces them; TLALS_BENCH_MAXSTATES
// bounds the run (for profiling a prefix of the state space).
var benchModels = []string{"btree/btree.cfg", "ReadersWriters/MC.cfg", "btree/kvstore.cfg"}

// BenchmarkCorpus reports distinct states/s, bytes allocated per distinct
// state and live heap per distinct state (sampled at the end of the
// search, while its tables are still held), with one and two workers.
// Skipped unless TLALS_BENCH_CORPUS is set (btree alone takes tens of
// seconds an iteration): run with -benchtime 1x -count 5.
func BenchmarkCorpus(b *testing.B) {
	if os.Getenv("TLALS_BENCH_CORPUS") == "" {
		b.Skip("set TLALS_BENCH_CORPUS=1")
	}
	root, models := corpusModels(b)
	maxStates, _ := strconv.ParseInt(os.Getenv("TLALS_BENCH_MAXSTATES"), 10, 64)
	names := benchModels
	if env := os.Getenv("TLALS_BENCH_MODELS"); env != "" {
		names = strings.Split(env, ",")
	}
	for _, name := range names {
		for _, m := range models {
			if m.cfg != name {
				continue
			}
			for _, w := range []int{1, 2} {
				b.Run(name+"/workers="+strconv.Itoa(w), func(b *testing.B) {
					benchModel(b, root, m, w, maxStates)
				})
			}
		}
	}
}

func benchModel(b *testing.B, root string, m corpusModel, workers int, maxStates int64) {
	ex := filepath.Join(root, "examples")
	model, err := LoadModel(filepath.Join(ex, m.tla), filepath.Join(ex, m.cfg), []string{filepath.Join(root, "community"), filepath.Join(root, "tlaps")})
	if err != nil {
		b.Fatal(err)
	}
	var distinct int64
	var live uint64
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before, beforeN := ms.TotalAlloc, ms.Mallocs
	cpu := processCPU()
	b.ResetTimer()
	for b.Loop() {
		res, err := Check(context.Background(), model, Options{Workers: workers, MaxStates: maxStates, Progress: func(p Progress) {
			if p.Queued == 0 || maxStates > 0 {
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				live = ms.HeapAlloc
			}
		}})
		if err != nil {
			b.Fatal(err)
		}
		if maxStates == 0 && res.DistinctStates != m.distinct {
			b.Fatalf("distinct %d, want %d", res.DistinctStates, m.distinct)
		}
		distinct += res.DistinctStates
	}
	b.StopTimer()
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(distinct)/b.Elapsed().Seconds(), "states/s")
	// CPU time per state: less sensitive to a loaded machine than wall time
	b.ReportMetric(float64(processCPU()-cpu)/float64(distinct), "cpu-ns/state")
	b.ReportMetric(float64(ms.TotalAlloc-before)/float64(distinct), "allocB/state")
	// allocations per state: unlike time, independent of the machine's load
	b.ReportMetric(float64(ms.Mallocs-beforeN)/float64(distinct), "allocs/state")
	b.ReportMetric(float64(live)/float64(distinct/int64(b.N)), "liveB/state")
}

// BenchmarkUploader2 measures the seed demo (9,447 distinct states).
func BenchmarkUploader2(b *testing.B) {
	for _, w := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(w), func(b *testing.B) {
			m, err := LoadModel(filepath.Join("testdata", "Uploader2_translated.tla"), filepath.Join("testdata", "Uploader2_translated.cfg"), nil)
			if err != nil {
				b.Fatal(err)
			}
			var distinct int64
			b.ReportAllocs()
			for b.Loop() {
				res, err := Check(context.Background(), m, Options{Workers: w})
				if err != nil || res.DistinctStates != 9447 {
					b.Fatal(err, res.DistinctStates)
				}
				distinct += res.DistinctStates
			}
			b.ReportMetric(float64(distinct)/b.Elapsed().Seconds(), "states/s")
		})
	}
}
