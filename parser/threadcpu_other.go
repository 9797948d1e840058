//go:build !linux

package parser

import "time"

// threadCPU cannot read a thread's CPU time here: the budget is wall time.
func threadCPU() (func() time.Duration, time.Duration) { return nil, 0 }
