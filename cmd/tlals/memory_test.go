package main

import (
	"flag"
	"os"
	"testing"

	"github.com/tlals/tlals/checker"
)

// TestDefaultMemoryCeiling: without -max-memory a run is bounded by half
// of the machine's memory; -max-memory given (0 included) replaces it.
func TestDefaultMemoryCeiling(t *testing.T) {
	if _, err := os.Stat("/proc/meminfo"); err != nil {
		t.Skip("no /proc/meminfo on this system")
	}
	total := checker.MachineMemory()
	if total < 64<<20 {
		t.Fatalf("MachineMemory() = %d, want the machine's memory", total)
	}
	want := total / 2
	if got := defaultMemoryCeiling(); got != want {
		t.Errorf("defaultMemoryCeiling() = %d, want %d", got, want)
	}
	for _, tt := range []struct {
		args []string
		set  bool
	}{{nil, false}, {[]string{"-max-memory", "0"}, true}, {[]string{"-max-memory", "64"}, true}, {[]string{"-workers", "2"}, false}} {
		fs := flag.NewFlagSet("check", flag.ContinueOnError)
		fs.Uint64("max-memory", 0, "")
		fs.Int("workers", 1, "")
		if err := fs.Parse(tt.args); err != nil {
			t.Fatal(err)
		}
		if got := flagSet(fs, "max-memory"); got != tt.set {
			t.Errorf("%v: flagSet = %v, want %v", tt.args, got, tt.set)
		}
	}
}
