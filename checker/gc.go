package checker

import (
	"bufio"
	"math"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
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

// setLimit sets the memory limit for the running searches (g held): the
// largest of their bounds, and never above machineShare of the machine's
// memory. An unbounded search would otherwise let GOGC=400's headroom (four
// times the live heap in garbage) take the machine's memory while its live
// heap fits well within it: with no swap that ends in the OOM killer, with
// swap or beside other processes in thrashing. Near the limit the
// collector runs more often instead; the limit is soft, so a live heap
// larger than it still grows.
func (g *gcState) setLimit(userLimit bool) {
	if userLimit {
		return
	}
	limit := g.savedLimit
	if g.unbounded == 0 && len(g.bounds) > 0 {
		limit = int64(min(slices.Max(g.bounds), math.MaxInt64))
	}
	if m := machineMemory(); m > 0 {
		limit = min(limit, int64(min(m/machineShareDiv*machineShareMul, math.MaxInt64)))
	}
	debug.SetMemoryLimit(limit)
}

// machineShare (3/4) of the machine's memory is the most the collector
// lets the heap and its garbage take: the rest is the other processes'
// and the kernel's.
const machineShareMul, machineShareDiv = 3, 4

// machineMemory is the memory the process may use, in bytes (0: unknown):
// the machine's (MemTotal), or its cgroup's limit when lower.
var machineMemory = sync.OnceValue(func() uint64 {
	total := memTotal("/proc/meminfo")
	if b, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if n, err := strconv.ParseUint(strings.TrimSpace(string(b)), 10, 64); err == nil && (total == 0 || n < total) {
			total = n // "max": no cgroup limit
		}
	}
	return total
})

// MachineMemory is the memory the process may use, in bytes (0: unknown):
// the machine's, or its cgroup's limit when lower.
func MachineMemory() uint64 { return machineMemory() }

// memTotal reads MemTotal from a /proc/meminfo (0: none).
func memTotal(path string) uint64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
			fields := strings.Fields(rest)
			if len(fields) == 2 && fields[1] == "kB" {
				if n, err := strconv.ParseUint(fields[0], 10, 64); err == nil {
					return n << 10
				}
			}
			return 0
		}
	}
	return 0
}
