package checker

import (
	"context"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"testing"
	"time"
)

func TestZZProf(t *testing.T) {
	m := inline(t, "LiveBig", `---- MODULE LiveBig ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == \/ x' = (x + 1) % 600 /\ y' = y
        \/ y' = (y + 1) % 600 /\ x' = x
Spec == Init /\ [][Next]_<<x, y>> /\ WF_<<x, y>>(Next)
Prop == []<>(x = 0 \/ y = 0)
====
`, "SPECIFICATION Spec\nPROPERTY Prop\n")
	done := make(chan struct{})
	go func() {
		best := uint64(0)
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		for {
			select {
			case <-done:
				return
			case <-time.After(100 * time.Millisecond):
			}
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > best {
				best = v
				f, _ := os.Create("/tmp/big4/heap3.prof")
				pprof.WriteHeapProfile(f)
				f.Close()
				t.Logf("live %d MB", v>>20)
			}
		}
	}()
	res, err := Check(context.Background(), m, Options{Workers: 1, MaxMemory: 128 << 20, SpillDir: t.TempDir()})
	close(done)
	t.Log(res.Outcome, res.DistinctStates, err)
}
