package checker

import (
	"os"
	"path/filepath"
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
	noMachineLimit(t)
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

// noMachineLimit makes the machine's memory unknown for the test, so that
// the limits seen are the searches' alone.
func noMachineLimit(t *testing.T) {
	saved := machineMemory
	machineMemory = func() uint64 { return 0 }
	t.Cleanup(func() { machineMemory = saved })
}

// No search lets the heap's garbage take more than 3/4 of the machine's
// memory: an unbounded search's limit is that share, a bound above it is
// lowered to it, one below is kept.
func TestTuneGCMachineShare(t *testing.T) {
	for _, v := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
	const mb = 1 << 20
	saved := machineMemory
	machineMemory = func() uint64 { return 1000 * mb }
	defer func() { machineMemory = saved }()
	limit := func() int64 { return debug.SetMemoryLimit(-1) }
	before := limit()
	for _, c := range []struct {
		bound uint64
		want  int64
	}{
		{0, 750 * mb},
		{2000 * mb, 750 * mb},
		{100 * mb, 100 * mb},
	} {
		end := tuneGC(c.bound)
		got := limit()
		end()
		if got != c.want {
			t.Errorf("bound %d MB: limit %d MB, want %d MB", c.bound/mb, got/mb, c.want/mb)
		}
	}
	if got := limit(); got != before {
		t.Fatalf("after the searches: limit %d, want %d", got, before)
	}
}

// memTotal reads /proc/meminfo's MemTotal line (in kB); anything else is
// unknown (0).
func TestMemTotal(t *testing.T) {
	for _, c := range []struct {
		text string
		want uint64
	}{
		{"MemTotal:       24683748 kB\nMemFree:          167000 kB\n", 24683748 << 10},
		{"MemFree:          167000 kB\nMemTotal: 1024 kB\n", 1 << 20},
		{"MemTotal: 12 MB\n", 0},
		{"MemFree: 5 kB\n", 0},
		{"", 0},
	} {
		path := filepath.Join(t.TempDir(), "meminfo")
		if err := os.WriteFile(path, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := memTotal(path); got != c.want {
			t.Errorf("memTotal(%q) = %d, want %d", c.text, got, c.want)
		}
	}
	if got := memTotal(filepath.Join(t.TempDir(), "none")); got != 0 {
		t.Errorf("memTotal of a missing file = %d, want 0", got)
	}
}
