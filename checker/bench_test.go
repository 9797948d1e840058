package checker

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/tlals/tlals/checker/eval"
)

func benchCorpus(b *testing.B, cfg string, workers int) {
	root, models := corpusModels(b)
	eval.Output = func(string) {}
	for _, m := range models {
		if m.cfg != cfg {
			continue
		}
		var distinct int64
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before := ms.TotalAlloc
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			res, err := runCorpusModel(b, root, m, workers)
			if err != nil {
				b.Fatal(err)
			}
			if res.DistinctStates != m.distinct {
				b.Fatalf("distinct %d, want %d", res.DistinctStates, m.distinct)
			}
			distinct += res.DistinctStates
		}
		b.StopTimer()
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(distinct)/b.Elapsed().Seconds(), "states/s")
		b.ReportMetric(float64(ms.TotalAlloc-before)/float64(distinct), "allocB/state")
		return
	}
	b.Skip("model not in corpus: " + cfg)
}

// BenchmarkUploader2 measures the seed demo (9,447 distinct states).
func BenchmarkUploader2(b *testing.B) {
	for _, w := range []int{1, 2} {
		b.Run(map[int]string{1: "workers=1", 2: "workers=2"}[w], func(b *testing.B) {
			m, err := LoadModel(filepath.Join("testdata", "Uploader2_translated.tla"), filepath.Join("testdata", "Uploader2_translated.cfg"), nil)
			if err != nil {
				b.Fatal(err)
			}
			var distinct int64
			for i := 0; i < b.N; i++ {
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

// BenchmarkCorpusReadersWriters runs ReadersWriters/MC.cfg (21,527 states).
func BenchmarkCorpusReadersWriters(b *testing.B) {
	if os.Getenv("TLALS_BENCH_CORPUS") == "" {
		b.Skip("set TLALS_BENCH_CORPUS=1")
	}
	for _, w := range []int{1, 2} {
		b.Run(map[int]string{1: "workers=1", 2: "workers=2"}[w], func(b *testing.B) {
			benchCorpus(b, "ReadersWriters/MC.cfg", w)
		})
	}
}
