package checker

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tlals/tlals/checker/eval"
)

// orderSpec prints a set of strings and walks a behaviour whose states
// CHOOSE strings: the printed set, the states and the trace all follow
// TLC's string order, which puts first the literal written first (first
// and second are "pear" and "fig", or the other way round).
func orderSpec(first, second string) string {
	return fmt.Sprintf(`---- MODULE S ----
EXTENDS Naturals, TLC
VARIABLES n, s
ASSUME PrintT({"%[1]s", "%[2]s", "c"})
Init == n = 0 /\ s = CHOOSE v \in {"%[1]s", "%[2]s"} : TRUE
Next == n < 2000 /\ n' = n + 1 /\ s' = CHOOSE v \in ({s, "c", "%[2]s", "%[1]s"} \ {s}) : TRUE
Inv == n < 2000
====
`, first, second)
}

// runSummary renders what a run gives: outcome, counts, output and the
// last states of the trace.
func runSummary(res *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %d/%d depth %d\n", res.Outcome, res.Message, res.DistinctStates, res.GeneratedStates, res.Depth)
	for _, p := range res.Output {
		b.WriteString(p.Text + "\n")
	}
	for _, st := range res.Trace[max(0, len(res.Trace)-4):] {
		for _, v := range st.State {
			b.WriteString(v.Name + "=" + v.Value + " ")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestConcurrentSpecsKeepTheirStringOrder checks two specs whose string
// orders contradict each other at the same time, repeatedly: each gives
// what it gives alone, and neither waits for the other (both are seen in
// progress at once). Run it with -race.
func TestConcurrentSpecsKeepTheirStringOrder(t *testing.T) {
	models := make([]*Model, 2)
	for i, lits := range [][2]string{{"pear", "fig"}, {"fig", "pear"}} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "S.tla"), []byte(orderSpec(lits[0], lits[1])), 0o644)
		os.WriteFile(filepath.Join(dir, "S.cfg"), []byte("INIT Init\nNEXT Next\nINVARIANT Inv\n"), 0o644)
		m, err := LoadModel(filepath.Join(dir, "S.tla"), filepath.Join(dir, "S.cfg"), nil)
		if err != nil {
			t.Fatal(err)
		}
		models[i] = m
	}
	check := func(m *Model, workers int) string {
		res, err := Check(context.Background(), m, Options{Workers: workers})
		if err != nil {
			t.Error(err)
			return ""
		}
		return runSummary(res)
	}
	alone := []string{check(models[0], 1), check(models[1], 1)}
	if !strings.Contains(alone[0], `{"pear", "fig", "c"}`) || !strings.Contains(alone[1], `{"fig", "pear", "c"}`) || !strings.HasPrefix(alone[0], "invariant Invariant Inv is violated. 2001/2001 depth 2001") {
		t.Fatalf("alone:\n%s\n%s", alone[0], alone[1])
	}
	// the traces differ: each CHOOSE picks its spec's first string
	if alone[0] == alone[1] {
		t.Fatal("the two specs give the same result: the test proves nothing")
	}
	var both atomic.Bool
	stop := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		for {
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Microsecond):
				if eval.ActiveStringOrders() >= 2 {
					both.Store(true)
				}
			}
		}
	}()
	for round := 0; round < 3; round++ {
		var wg sync.WaitGroup
		got := make([]string, 4)
		for i := range got {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i] = check(models[i%2], 1+i/2) // one and two workers
			}()
		}
		wg.Wait()
		for i, g := range got {
			if g != alone[i%2] {
				t.Errorf("round %d, run %d beside the others:\n%s\nalone:\n%s", round, i, g, alone[i%2])
			}
		}
	}
	close(stop)
	<-watched
	if !both.Load() {
		t.Error("the runs never overlapped with two string orders in use")
	}
}
