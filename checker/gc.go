package checker

import (
	"math"
	"os"
	"runtime/debug"
	"slices"
	"sync"
)

// searchGCPercent is the GOGC used while searching. The search allocates
// short-lived values at a high rate over a live heap (seen set, frontier)
// that only grows, so the default GOGC=100 collects very often: on btree
// the collector took about a third of the CPU time. 400 cuts that to a
// fraction for about twice the peak heap (still a tenth of TLC's).
const searchGCPercent = 400

var gcTuning gcState

type gcState struct {
	sync.Mutex
	searches   int      // running searches
	saved      int      // GOGC before the first of them
	savedLimit int64    // the memory limit before the first of them
	unbounded  int      // running searches without a memory bound
	bounds     []uint64 // the others' bounds
}

// tuneGC raises GOGC while searches run, unless the user set GOGC, and
// bounds the headroom that gives the heap: while every running search has
// a memory bound (Options.MaxMemory, on the process's heap), the runtime's
// memory limit is the largest, so that the collector runs harder as the
// heap nears it instead of letting garbage reach the bound (unless the user
// set GOMEMLIMIT). The returned function ends this search's claim.
func tuneGC(maxMemory uint64) func() {
	_, userGC := os.LookupEnv("GOGC")
	_, userLimit := os.LookupEnv("GOMEMLIMIT")
	g := &gcTuning
	g.Lock()
	if g.searches == 0 {
		if !userGC {
			g.saved = debug.SetGCPercent(searchGCPercent)
		}
		g.savedLimit = debug.SetMemoryLimit(-1) // -1: read it
	}
	g.searches++
	if maxMemory == 0 {
		g.unbounded++
	} else {
		g.bounds = append(g.bounds, maxMemory)
	}
	g.setLimit(userLimit)
	g.Unlock()
	return func() {
		g.Lock()
		defer g.Unlock()
		if maxMemory == 0 {
			g.unbounded--
		} else {
			i := slices.Index(g.bounds, maxMemory)
			g.bounds = slices.Delete(g.bounds, i, i+1)
		}
		if g.searches--; g.searches == 0 {
			if !userGC {
				debug.SetGCPercent(g.saved)
			}
			if !userLimit {
				debug.SetMemoryLimit(g.savedLimit)
			}
			return
		}
		g.setLimit(userLimit)
	}
}

// setLimit sets the memory limit for the running searches (g held).
func (g *gcState) setLimit(userLimit bool) {
	if userLimit {
		return
	}
	limit := g.savedLimit
	if g.unbounded == 0 && len(g.bounds) > 0 {
		limit = int64(min(slices.Max(g.bounds), math.MaxInt64))
	}
	debug.SetMemoryLimit(limit)
}
