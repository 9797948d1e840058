//go:build unix

package testkit

// Benchmarks report the CPU time they use per operation (cpu-ns/op) beside
// ns/op, which on a loaded machine mostly measures waiting for a core; a
// test running rows one at a time measures a row's CPU time the same way.

import (
	"syscall"
	"testing"
	"time"
)

// CPUNow is the CPU time the process has used so far.
func CPUNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// ReportCPU adds cpu-ns/op, measured from start (a CPUNow), to b's results.
func ReportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(CPUNow()-start)/float64(b.N), "cpu-ns/op")
}
