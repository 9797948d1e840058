package parser

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"
)

// clockTick is the unit of /proc's CPU times (USER_HZ, 100 on Linux).
const clockTick = 10 * time.Millisecond

// threadCPU returns a reader of the CPU time the calling OS thread has
// used, for a goroutine locked to that thread, and its first reading; nil
// when it cannot be read. Any goroutine may call the reader.
func threadCPU() (func() time.Duration, time.Duration) {
	path := fmt.Sprintf("/proc/self/task/%d/stat", syscall.Gettid())
	read := func() (time.Duration, bool) {
		b, err := os.ReadFile(path)
		if err != nil {
			return 0, false
		}
		// Fields after the command's closing parenthesis: state is the
		// first, utime the 12th and stime the 13th.
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			return 0, false
		}
		f := bytes.Fields(b[i+1:])
		if len(f) < 13 {
			return 0, false
		}
		u, err1 := strconv.ParseInt(string(f[11]), 10, 64)
		s, err2 := strconv.ParseInt(string(f[12]), 10, 64)
		if err1 != nil || err2 != nil {
			return 0, false
		}
		return time.Duration(u+s) * clockTick, true
	}
	start, ok := read()
	if !ok {
		return nil, 0
	}
	return func() time.Duration {
		d, _ := read()
		return d
	}, start
}
