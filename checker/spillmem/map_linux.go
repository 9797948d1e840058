//go:build linux

package spillmem

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
)

func reserve(f *os.File, size int64) error {
	if err := syscall.Fallocate(int(f.Fd()), 0, 0, size); err != syscall.EOPNOTSUPP {
		return err
	}
	return f.Truncate(size)
}

var pageSize = int64(os.Getpagesize())

// residentBytes is the process's resident memory (/proc/self/statm's
// second field, in pages).
func residentBytes() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 1 << 62 // unknown: trim
	}
	f := bytes.Fields(b)
	if len(f) < 2 {
		return 1 << 62
	}
	n, err := strconv.ParseInt(string(f[1]), 10, 64)
	if err != nil {
		return 1 << 62
	}
	return n * pageSize
}
