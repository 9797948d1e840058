//go:build linux

package spillmem

import (
	"os"
	"syscall"
)

const mapSupported = true

// mapFile maps a new file of size bytes in dir, shared (its pages are the
// file's), the file unlinked at once: its space is freed when unmapped,
// or when the process ends however it ends.
func mapFile(dir string, size int64) ([]byte, error) {
	f, err := os.CreateTemp(dir, "live-*.mem")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	os.Remove(f.Name())
	// the blocks are reserved now where the system can: a write to a page
	// the disk has no room for would otherwise kill the process (SIGBUS)
	if err := reserve(f, size); err != nil {
		return nil, err
	}
	return syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
}

func unmap(b []byte) { syscall.Munmap(b) }

// dropPages takes b's pages out of the process: the file keeps their data.
func dropPages(b []byte) { syscall.Madvise(b, syscall.MADV_DONTNEED) }
