// Package cputime lets benchmarks report the CPU time they use per
// operation (cpu-ns/op) beside ns/op, which on a loaded machine mostly
// measures waiting for a core.
package cputime

import (
	"syscall"
	"testing"
	"time"
)

// Now is the CPU time the process has used so far.
func Now() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Report adds cpu-ns/op, measured from start (a Now), to b's results.
func Report(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(Now()-start)/float64(b.N), "cpu-ns/op")
}
