//go:build unix

package main

import (
	"os"
	"syscall"
)

// protectStdout gives the protocol a private duplicate of file descriptor 1
// and points descriptor 1 itself at stderr (at /dev/null when that fails),
// so that whatever else writes to stdout (a spec's PrintT, a stray
// fmt.Println, a C library) lands in the log instead of between two frames.
// os.Stdout stays descriptor 1, so Go code follows the redirection too.
func protectStdout() (*os.File, error) {
	fd, err := syscall.Dup(1)
	if err != nil {
		return nil, err
	}
	syscall.CloseOnExec(fd)
	if err := dupTo(2, 1); err != nil {
		null, nerr := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
		if nerr != nil {
			syscall.Close(fd)
			return nil, err
		}
		defer null.Close()
		if err := dupTo(int(null.Fd()), 1); err != nil {
			syscall.Close(fd)
			return nil, err
		}
	}
	return os.NewFile(uintptr(fd), "protocol"), nil
}
