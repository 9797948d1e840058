//go:build unix

package conformance

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the test process has used: the rows run one at a
// time, so its growth during a row is that row's (a shared, loaded machine
// stretches wall time, not CPU time).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
