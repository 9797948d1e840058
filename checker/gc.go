package checker

import (
	"os"
	"runtime/debug"
	"sync"
)

// searchGCPercent is the GOGC used while searching. The search allocates
// short-lived values at a high rate over a live heap (seen set, frontier)
// that only grows, so the default GOGC=100 collects very often: on btree
// the collector took about a third of the CPU time. 400 cuts that to a
// fraction for about twice the peak heap (still a tenth of TLC's).
const searchGCPercent = 400

var gcTuning struct {
	sync.Mutex
	searches int // running searches
	saved    int // GOGC before the first of them
}

// tuneGC raises GOGC while searches run, unless the user set GOGC; the
// returned function ends this search's claim.
func tuneGC() func() {
	if _, set := os.LookupEnv("GOGC"); set {
		return func() {}
	}
	g := &gcTuning
	g.Lock()
	if g.searches == 0 {
		g.saved = debug.SetGCPercent(searchGCPercent)
	}
	g.searches++
	g.Unlock()
	return func() {
		g.Lock()
		if g.searches--; g.searches == 0 {
			debug.SetGCPercent(g.saved)
		}
		g.Unlock()
	}
}
