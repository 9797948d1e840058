//go:build !unix

package testkit

import (
	"testing"
	"time"
)

var processStart = time.Now()

// CPUNow falls back to wall time where getrusage is missing.
func CPUNow() time.Duration { return time.Since(processStart) }

// ReportCPU adds cpu-ns/op, measured from start (a CPUNow), to b's results.
func ReportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(CPUNow()-start)/float64(b.N), "cpu-ns/op")
}
