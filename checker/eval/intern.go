package eval

import (
	"context"
	"sync"
	"sync/atomic"
)

// TLC orders strings and model values by the order in which their text was
// first interned in its UniqueString table (UniqueString.compareTo compares
// intern numbers), not alphabetically: records print their fields in that
// order, CHOOSE picks the first element in it, sets print and are explored
// in it. Which text TLC interns, and when, is a rule of its own (see
// spec_order.go): the configuration's values, a fixed table of built-in
// operators, every token of every module in the order SANY parses the
// files, the string literals in the order SANY analyses the modules, then
// names TLC registers before the search; strings made during the search
// come last, in the order they are first met.
//
// TLC's table lives as long as its process, which is one run. Ours is scoped
// the same way: BeginRun starts a fresh table when no other run is in
// progress, so a long-running language server does not grow it without
// bound, and each run sees TLC's order for its own texts whatever ran
// before it. Runs in progress at once share the table (a comparison of two
// strings cannot tell which run asks), so BeginSpecRun lets a run start
// beside others only when the table already orders its texts as TLC would
// (the same spec checked again, say); otherwise it waits for them to end.
//
// Reads are lock-free: rankOf is on the hot path of every comparison of
// strings (record fields, sets of strings). Ranks live in an immutable map
// published through an atomic pointer; new strings go to a locked overflow
// map that is merged into a new published map once it has grown, so
// interning stays amortized O(1).
var intern struct {
	published atomic.Pointer[map[string]int32]
	mu        sync.Mutex
	overflow  map[string]int32
	next      int32
	runs      int           // runs in progress
	idle      chan struct{} // closed when runs drops to 0
}

func init() { resetIntern() }

// resetIntern empties the table; intern.mu must be held (or init).
func resetIntern() {
	m := map[string]int32{}
	intern.published.Store(&m)
	intern.overflow = map[string]int32{}
	intern.next = 0
}

// BeginRun scopes the string order to a run (see above); call the returned
// function when the run ends.
func BeginRun() (end func()) {
	intern.mu.Lock()
	if intern.runs == 0 {
		resetIntern()
	}
	intern.runs++
	intern.mu.Unlock()
	return endRun()
}

// BeginSpecRun begins a run whose texts TLC interns in order (SpecOrder):
// at once when no run is in progress or the table already orders them so
// (and what it lacks comes after what it has), else when the runs in
// progress have ended, or not at all when ctx ends first.
func BeginSpecRun(ctx context.Context, order []string) (end func(), err error) {
	for {
		intern.mu.Lock()
		if intern.runs == 0 {
			resetIntern()
		}
		if intern.runs == 0 || ordersAs(order) {
			for _, s := range order {
				rankLocked(s)
			}
			intern.runs++
			intern.mu.Unlock()
			return endRun(), nil
		}
		if intern.idle == nil {
			intern.idle = make(chan struct{})
		}
		idle := intern.idle
		intern.mu.Unlock()
		select {
		case <-idle:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// ordersAs reports whether interning order now would rank its texts as
// their first occurrences come; intern.mu must be held.
func ordersAs(order []string) bool {
	pub := *intern.published.Load()
	seen := make(map[string]bool, len(order)/4)
	last, fresh := int32(-1), false
	for _, s := range order {
		if seen[s] {
			continue
		}
		seen[s] = true
		r, ok := pub[s]
		if !ok {
			r, ok = intern.overflow[s]
		}
		switch {
		case !ok:
			fresh = true
		case fresh || r < last:
			return false
		default:
			last = r
		}
	}
	return true
}

func endRun() func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			intern.mu.Lock()
			if intern.runs--; intern.runs == 0 && intern.idle != nil {
				close(intern.idle)
				intern.idle = nil
			}
			intern.mu.Unlock()
		})
	}
}

// InternedCount is the number of strings in the table (for tests).
func InternedCount() int {
	intern.mu.Lock()
	defer intern.mu.Unlock()
	return int(intern.next)
}

// Intern gives s a rank if it has none yet.
func Intern(s string) { rankOf(s) }

// internAll interns ss in order under one lock.
func internAll(ss []string) {
	intern.mu.Lock()
	defer intern.mu.Unlock()
	for _, s := range ss {
		rankLocked(s)
	}
}

func rankOf(s string) int32 {
	if r, ok := (*intern.published.Load())[s]; ok {
		return r
	}
	intern.mu.Lock()
	defer intern.mu.Unlock()
	return rankLocked(s)
}

// rankLocked is rankOf with intern.mu held.
func rankLocked(s string) int32 {
	pub := *intern.published.Load()
	if r, ok := pub[s]; ok {
		return r
	}
	if r, ok := intern.overflow[s]; ok {
		return r
	}
	r := intern.next
	intern.next++
	intern.overflow[s] = r
	if len(intern.overflow) > 16+len(pub)/4 {
		merged := make(map[string]int32, len(pub)+len(intern.overflow))
		for k, v := range pub {
			merged[k] = v
		}
		for k, v := range intern.overflow {
			merged[k] = v
		}
		intern.published.Store(&merged)
		intern.overflow = map[string]int32{}
	}
	return r
}

func compareStrings(a, b string) int {
	if a == b {
		return 0
	}
	ra, rb := rankOf(a), rankOf(b)
	if ra < rb {
		return -1
	}
	return 1
}
