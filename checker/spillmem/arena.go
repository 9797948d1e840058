// Package spillmem gives the liveness check of a run that spills to disk
// its large tables (the product of the behaviour graph with a property's
// monitor, the component search's per-node arrays, the successor lists)
// in memory mapped from files rather than on the Go heap: as TLC's
// DiskGraph and disk stacks, the operating system keeps what fits in its
// page cache and writes the rest to disk, and the process's resident
// memory stays near the memory budget however large the graph.
//
// An Arena hands out slices of pointer-free element types (integers and
// structs of them: the collector never scans the mapped memory); a nil
// Arena hands out ordinary heap slices, so that the in-memory path is
// unchanged. A background trimmer drops the mapped pages from the
// process (madvise MADV_DONTNEED: a shared file mapping keeps its data in
// the file and the page cache) whenever the resident memory passes the
// budget, and they fault back in as they are read.
package spillmem

import (
	"cmp"
	"slices"
	"sync"
	"time"
	"unsafe"
)

// Arena allocates mapped slices in a directory; nil: the Go heap.
type Arena struct {
	dir    string
	budget int64 // resident bytes past which the mapped pages are dropped
	mu     sync.Mutex
	maps   map[uintptr]*mapping // by the address of the first byte
	mapped int64
	done   chan struct{}
	wg     sync.WaitGroup
	trims  int // times the pages were dropped (tests, reports)
	made   int // mappings made (tests)
	err    error
}

type mapping struct {
	b []byte
}

// trimPoll is how often the resident memory is sampled.
const trimPoll = 10 * time.Millisecond

// MinMapped is the size in bytes under which a slice stays on the heap (a
// mapping's page and system calls are not worth it, and a graph's many
// small lists would take as many mappings); tests lower it.
var MinMapped int64 = 1 << 16

// New is an arena mapping files in dir (created there and unlinked at
// once, so that nothing is left behind), its resident pages dropped when
// the process's resident memory passes budget bytes. Without mapped files
// on this system (mapSupported) it is nil: the heap.
func New(dir string, budget int64) *Arena {
	if !mapSupported || dir == "" {
		return nil
	}
	a := &Arena{dir: dir, budget: budget, maps: map[uintptr]*mapping{}, done: make(chan struct{})}
	a.wg.Add(1)
	go a.trimmer()
	return a
}

func (a *Arena) trimmer() {
	defer a.wg.Done()
	tick := time.NewTicker(trimPoll)
	defer tick.Stop()
	for {
		select {
		case <-a.done:
			return
		case <-tick.C:
		}
		a.mu.Lock()
		if a.mapped > 0 && residentBytes() > a.budget {
			a.trim()
		}
		a.mu.Unlock()
	}
}

// trim drops the pages of the largest mappings first until the resident
// memory is an eighth under the budget: the small ones (a search's
// stacks, a table being filled) are the ones read most densely, and
// dropping everything at each poll would fault them all back in.
func (a *Arena) trim() {
	ms := make([]*mapping, 0, len(a.maps))
	for _, m := range a.maps {
		ms = append(ms, m)
	}
	slices.SortFunc(ms, func(x, y *mapping) int { return cmp.Compare(len(y.b), len(x.b)) })
	for i, m := range ms {
		dropPages(m.b)
		if i+1 < len(ms) && residentBytes() <= a.budget-a.budget/8 {
			break
		}
	}
	a.trims++
}

// Close unmaps every slice the arena handed out (none may be used after)
// and stops the trimmer.
func (a *Arena) Close() {
	if a == nil {
		return
	}
	close(a.done)
	a.wg.Wait()
	a.mu.Lock()
	defer a.mu.Unlock()
	for k, m := range a.maps {
		unmap(m.b)
		delete(a.maps, k)
	}
	a.mapped = 0
}

// Err is the first error mapping memory (the slice was then taken from
// the heap instead).
func (a *Arena) Err() error {
	if a == nil {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
}

// Trims is the number of times the trimmer dropped the mapped pages.
func (a *Arena) Trims() int {
	if a == nil {
		return 0
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.trims
}

// Made is the number of slices the arena has mapped.
func (a *Arena) Made() int {
	if a == nil {
		return 0
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.made
}

// Mapped is the number of bytes mapped now.
func (a *Arena) Mapped() int64 {
	if a == nil {
		return 0
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.mapped
}

// Make is a zeroed slice of n elements and capacity c (c >= n). T must
// hold no pointers.
func Make[T any](a *Arena, n, c int) []T {
	var zero T
	size := int64(c) * int64(unsafe.Sizeof(zero))
	if a == nil || size < MinMapped {
		return make([]T, n, c)
	}
	b, err := mapFile(a.dir, size)
	if err != nil {
		a.mu.Lock()
		if a.err == nil {
			a.err = err
		}
		a.mu.Unlock()
		return make([]T, n, c)
	}
	a.mu.Lock()
	a.maps[uintptr(unsafe.Pointer(&b[0]))] = &mapping{b}
	a.mapped += int64(len(b))
	a.made++
	a.mu.Unlock()
	s := unsafe.Slice((*T)(unsafe.Pointer(&b[0])), c)
	return s[:n]
}

// Free releases s when the arena mapped it (a heap slice is left to the
// collector); s must not be used after.
func Free[T any](a *Arena, s []T) {
	if a == nil || cap(s) == 0 {
		return
	}
	k := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	a.mu.Lock()
	defer a.mu.Unlock()
	if m := a.maps[k]; m != nil {
		unmap(m.b)
		a.mapped -= int64(len(m.b))
		delete(a.maps, k)
	}
}

// Append appends v to s, growing it in the arena when full (the old
// slice freed); the fast path inlines.
func Append[T any](a *Arena, s []T, v T) []T {
	if len(s) < cap(s) {
		return append(s, v)
	}
	ns := append(grow(a, s, 1), v)
	Free(a, s)
	return ns
}

// AppendSlice appends vs to s as Append.
func AppendSlice[T any](a *Arena, s []T, vs ...T) []T {
	if len(s)+len(vs) <= cap(s) {
		return append(s, vs...)
	}
	ns := append(grow(a, s, len(vs)), vs...)
	Free(a, s) // after the append: vs may be part of s
	return ns
}

// grow is a copy of s with room for extra more elements (s is not freed):
// a heap slice grown as append does while small, then mapped.
func grow[T any](a *Arena, s []T, extra int) []T {
	c := max(2*cap(s), len(s)+extra, 8)
	if a == nil {
		return append(s[:len(s):len(s)], make([]T, extra)...)[:len(s)]
	}
	ns := Make[T](a, len(s), c)
	copy(ns, s)
	return ns
}
