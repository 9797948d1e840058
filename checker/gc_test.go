package checker

import (
	"os"
	"runtime/debug"
	"testing"
)

// While every running search has a memory bound the runtime's memory limit
// is the largest (each bounds the process's heap); a search without one lifts it; the last to
// end restores the limit and GOGC it found.
func TestTuneGCMemoryLimit(t *testing.T) {
	for _, v := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Setenv(v, "") // restored after the test
		os.Unsetenv(v)
	}
	limit := func() int64 { return debug.SetMemoryLimit(-1) }
	before, beforeGC := limit(), debug.SetGCPercent(100)
	debug.SetGCPercent(beforeGC)
	const mb = 1 << 20
	endA := tuneGC(100 * mb)
	if got := limit(); got != 100*mb {
		t.Fatalf("one bounded search: limit %d, want %d", got, 100*mb)
	}
	endB := tuneGC(50 * mb)
	if got := limit(); got != 100*mb {
		t.Fatalf("two bounded searches: limit %d, want %d", got, 100*mb)
	}
	endC := tuneGC(0)
	if got := limit(); got != before {
		t.Fatalf("with an unbounded search: limit %d, want %d", got, before)
	}
	endC()
	if got := limit(); got != 100*mb {
		t.Fatalf("unbounded search ended: limit %d, want %d", got, 100*mb)
	}
	endA()
	if got := limit(); got != 50*mb {
		t.Fatalf("first search ended: limit %d, want %d", got, 50*mb)
	}
	if got := debug.SetGCPercent(searchGCPercent); got != searchGCPercent {
		t.Fatalf("GOGC during a search %d, want %d", got, searchGCPercent)
	}
	endB()
	if got := limit(); got != before {
		t.Fatalf("all ended: limit %d, want %d", got, before)
	}
	if got := debug.SetGCPercent(beforeGC); got != beforeGC {
		t.Fatalf("GOGC after the searches %d, want %d", got, beforeGC)
	}
}

// GOMEMLIMIT set by the user is left alone.
func TestTuneGCUserLimit(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "1GiB")
	before := debug.SetMemoryLimit(-1)
	end := tuneGC(10 << 20)
	got := debug.SetMemoryLimit(-1)
	end()
	if got != before {
		t.Fatalf("limit %d during a search, want the user's %d", got, before)
	}
}
