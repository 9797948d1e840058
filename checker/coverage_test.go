package checker

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestCoverage: the counts of TLC's -coverage report on the same model
// ("<Init ...>: 2:2", "<Inc ...>: 40:40", "<Flip ...>: 0:42"), for one
// worker and two.
func TestCoverage(t *testing.T) {
	tla := `---- MODULE S ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y \in {0,1}
Inc == x < 20 /\ x' = x + 1 /\ y' = y
Flip == y' = 1 - y /\ x' = x
Never == x > 100 /\ x' = 0 /\ y' = y
Recv(i) == i = 7 /\ x > 100 /\ UNCHANGED <<x, y>>
Next == Inc \/ Flip \/ Never \/ \E i \in 1..3 : Recv(i)
====
`
	m := inline(t, "S", tla, "INIT Init\nNEXT Next\n")
	// TLC's counts for the actions; the conjuncts' are this evaluator's
	want := `<Init line 4, col 1 to line 4, col 4 of module S>: 2:2
  line 4, col 9 to line 4, col 13 of module S: 1
  line 4, col 18 to line 4, col 28 of module S: 1
<Inc line 5, col 1 to line 5, col 3 of module S>: 40:40
  line 5, col 8 to line 5, col 13 of module S: 42
  line 5, col 18 to line 5, col 27 of module S: 40
  line 5, col 32 to line 5, col 37 of module S: 40
<Flip line 6, col 1 to line 6, col 4 of module S>: 0:42
  line 6, col 9 to line 6, col 18 of module S: 42
  line 6, col 23 to line 6, col 28 of module S: 42
<Never line 7, col 1 to line 7, col 5 of module S>: 0:0
  line 7, col 10 to line 7, col 16 of module S: 42
  line 7, col 21 to line 7, col 26 of module S: 0
  line 7, col 31 to line 7, col 36 of module S: 0
<Recv line 8, col 1 to line 8, col 7 of module S>: 0:0
  line 8, col 12 to line 8, col 16 of module S: 126
  line 8, col 21 to line 8, col 27 of module S: 0
  line 8, col 32 to line 8, col 49 of module S: 0
End of statistics.
`
	for _, w := range []int{1, 2} {
		res, err := Check(context.Background(), m, Options{Workers: w, Coverage: true})
		if err != nil {
			t.Fatal(err)
		}
		text := res.Coverage.CoverageText(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
		if text != "The coverage statistics at 2026-01-02 03:04:05\n"+want {
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
// worker; compare the pairs with benchstat (-count 8).
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
