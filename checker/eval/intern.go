package eval

import (
	"context"
	"runtime/pprof"
	"strconv"
	"sync"
	"sync/atomic"
	"unsafe"
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
// TLC's table lives as long as its process, which is one run. Ours belongs
// to the runs using it: a run begins with a fresh table, or shares the
// table of a run in progress that already orders its texts as TLC would
// (the same spec checked again), and the table is dropped when its last
// run ends, so a long-running server does not grow it without bound.
//
// Runs of different specs in progress at once (the editor's background
// check beside a user's) each have their own table, without waiting for
// each other. A comparison of two strings (compareStrings, deep inside the
// evaluator) does not know which run asks, so the table is found from the
// goroutine: while only one table is in use every goroutine uses it (the
// fast path: one atomic load); while several are, the goroutine's profiler
// labels say which. BeginSpecRun gives the run's goroutine its table's
// label set, and every goroutine the run starts inherits it (as pprof
// labels are inherited), so no evaluator code has to pass the run along. A
// goroutine without a table's labels uses the oldest table in use.

// Reads are lock-free: rankOf is on the hot path of every comparison of
// strings (record fields, sets of strings). Ranks live in an immutable map
// published through an atomic pointer; new strings go to a locked overflow
// map that is merged into a new published map once it has grown, so
// interning stays amortized O(1).
type stringOrder struct {
	published atomic.Pointer[map[string]int32]
	mu        sync.Mutex
	overflow  map[string]int32
	next      int32
	runs      int // runs using the table, under orders.mu
	// labels are the profiler labels of the goroutines of its runs, and
	// label their identity (as getProfLabel returns it)
	labels context.Context
	label  unsafe.Pointer
}

var orderSeq atomic.Int64

func newStringOrder() *stringOrder {
	o := &stringOrder{overflow: map[string]int32{}}
	m := map[string]int32{}
	o.published.Store(&m)
	o.labels = pprof.WithLabels(context.Background(), pprof.Labels("tlals.stringOrder", strconv.FormatInt(orderSeq.Add(1), 10)))
	// the label set's identity: set it on a goroutine and read it back
	done := make(chan unsafe.Pointer)
	go func() {
		pprof.SetGoroutineLabels(o.labels)
		done <- getProfLabel()
	}()
	o.label = <-done
	return o
}

// getProfLabel is the runtime's pointer to the calling goroutine's
// profiler label set (what runtime/pprof reads for its profiles).
//
//go:linkname getProfLabel runtime/pprof.runtime_getProfLabel
func getProfLabel() unsafe.Pointer

var orders struct {
	mu     sync.Mutex
	active []*stringOrder // tables in use, oldest first
	// several is a copy of active while several tables are in use
	several atomic.Pointer[[]*stringOrder]
	// only is the table of every goroutine while at most one is in use
	// (the last one used when none is); nil while several are.
	only atomic.Pointer[stringOrder]
}

func init() { orders.only.Store(newStringOrder()) }

// current is the table of the calling goroutine.
func current() *stringOrder {
	if o := orders.only.Load(); o != nil {
		return o
	}
	if ts := orders.several.Load(); ts != nil {
		return pick(*ts)
	}
	return current() // only was set meanwhile
}

// pick is the table among ts (several, oldest first) whose label the
// calling goroutine carries, or the oldest.
func pick(ts []*stringOrder) *stringOrder {
	l := getProfLabel()
	for _, t := range ts {
		if t.label == l {
			return t
		}
	}
	return ts[0]
}

// currentLocked is current with orders.mu held.
func currentLocked() *stringOrder {
	if len(orders.active) > 1 {
		return pick(orders.active)
	}
	return orders.only.Load()
}

// publish sets orders.only and orders.several from the tables in use;
// orders.mu held. several is stored before only is cleared, so a reader
// always finds one of them.
func publish() {
	switch len(orders.active) {
	case 0: // keep the last table: what is evaluated after a run sees its order
	case 1:
		orders.only.Store(orders.active[0])
		orders.several.Store(nil)
	default:
		ts := append([]*stringOrder(nil), orders.active...)
		orders.several.Store(&ts)
		orders.only.Store(nil)
	}
}

// BeginRun scopes the string order to a run (see above): it shares the
// calling goroutine's table when that is in use, else starts a fresh one.
// The calling goroutine's profiler labels are replaced until the run ends.
// Call the returned function when the run ends.
func BeginRun() (end func()) {
	end, _ = BeginSpecRun(context.Background(), nil)
	return end
}

// BeginSpecRun begins a run whose texts TLC interns in order (SpecOrder)
// and gives the calling goroutine its table's labels: the table of a run in
// progress that already orders them so (and whose lacking texts come
// after what it has), else a fresh one. It never waits for other runs
// (ctx is kept for callers written when it could), and never fails.
func BeginSpecRun(ctx context.Context, order []string) (end func(), err error) {
	orders.mu.Lock()
	defer orders.mu.Unlock()
	var o *stringOrder
	candidates := orders.active
	if cur := currentLocked(); cur.runs > 0 {
		candidates = append([]*stringOrder{cur}, candidates...) // the goroutine's own first
	}
	for _, t := range candidates {
		if t.ordersAs(order) {
			o = t
			break
		}
	}
	if o == nil {
		o = newStringOrder()
		orders.active = append(orders.active, o)
	}
	o.mu.Lock()
	for _, s := range order {
		o.rankLocked(s)
	}
	o.mu.Unlock()
	o.runs++
	publish()
	// the run's goroutine, and every goroutine it starts, compares in o
	pprof.SetGoroutineLabels(o.labels)
	return endRun(o), nil
}

// ordersAs reports whether interning order now would rank its texts as
// their first occurrences come.
func (o *stringOrder) ordersAs(order []string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	pub := *o.published.Load()
	seen := make(map[string]bool, len(order)/4)
	last, fresh := int32(-1), false
	for _, s := range order {
		if seen[s] {
			continue
		}
		seen[s] = true
		r, ok := pub[s]
		if !ok {
			r, ok = o.overflow[s]
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

func endRun(o *stringOrder) func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			orders.mu.Lock()
			defer orders.mu.Unlock()
			if o.runs--; o.runs > 0 {
				return
			}
			for i, t := range orders.active {
				if t == o {
					orders.active = append(orders.active[:i:i], orders.active[i+1:]...)
					break
				}
			}
			if len(orders.active) == 0 {
				orders.only.Store(o)
			}
			publish()
			pprof.SetGoroutineLabels(context.Background())
		})
	}
}

// ActiveStringOrders is the number of string orders in use (for tests).
func ActiveStringOrders() int {
	orders.mu.Lock()
	defer orders.mu.Unlock()
	return len(orders.active)
}

// InternedCount is the number of strings in the calling goroutine's table
// (for tests).
func InternedCount() int {
	o := current()
	o.mu.Lock()
	defer o.mu.Unlock()
	return int(o.next)
}

// Intern gives s a rank if it has none yet.
func Intern(s string) { current().rankOf(s) }

// internAll interns ss in order under one lock.
func internAll(ss []string) {
	o := current()
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, s := range ss {
		o.rankLocked(s)
	}
}

func (o *stringOrder) rankOf(s string) int32 {
	if r, ok := (*o.published.Load())[s]; ok {
		return r
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.rankLocked(s)
}

// rankLocked is rankOf with o.mu held.
func (o *stringOrder) rankLocked(s string) int32 {
	pub := *o.published.Load()
	if r, ok := pub[s]; ok {
		return r
	}
	if r, ok := o.overflow[s]; ok {
		return r
	}
	r := o.next
	o.next++
	o.overflow[s] = r
	if len(o.overflow) > 16+len(pub)/4 {
		merged := make(map[string]int32, len(pub)+len(o.overflow))
		for k, v := range pub {
			merged[k] = v
		}
		for k, v := range o.overflow {
			merged[k] = v
		}
		o.published.Store(&merged)
		o.overflow = map[string]int32{}
	}
	return r
}

// madeStr is a string an operator makes during evaluation (\o, Tail,
// SubSeq, ToString): TLC interns a string value when it is made, so its
// place in the order is fixed then, before any comparison meets it.
func madeStr(s string) Str {
	current().rankOf(s)
	return Str(s)
}

func compareStrings(a, b string) int {
	if a == b {
		return 0
	}
	o := current()
	ra, rb := o.rankOf(a), o.rankOf(b)
	if ra < rb {
		return -1
	}
	return 1
}
