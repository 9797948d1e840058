package checker

import "sync/atomic"

// counterStripes is the number of cache lines a stripedInt64 spreads over:
// the search's own thread and up to seven workers write apart (more
// workers share lines, as all did before).
const counterStripes = 8

// stripedInt64 is a counter that workers add to per successor (generated,
// distinct, queued): each worker adds on its own cache line, so that the
// two cores of a 2-worker run do not pass the line back and forth on
// every add (a contended atomic add costs a cache miss on each side). A
// read sums the lines: exact when the workers are done, and with one
// worker exact at any time, as one counter is.
type stripedInt64 struct {
	cells [counterStripes]lineInt64
}

// lineInt64 is an atomic counter alone on its cache line.
type lineInt64 struct {
	_ [64]byte
	atomic.Int64
}

// Add adds d from the search's own thread (initial states, resuming, the
// debugger, simulation).
func (c *stripedInt64) Add(d int64) { c.cells[0].Add(d) }

// AddW adds d from worker w (0-based).
func (c *stripedInt64) AddW(w int, d int64) { c.cells[1+w%(counterStripes-1)].Add(d) }

// Load sums the stripes.
func (c *stripedInt64) Load() int64 {
	var n int64
	for i := range c.cells {
		n += c.cells[i].Load()
	}
	return n
}

// Store sets the counter to v; no worker may be adding.
func (c *stripedInt64) Store(v int64) {
	c.cells[0].Store(v)
	for i := 1; i < counterStripes; i++ {
		c.cells[i].Store(0)
	}
}
