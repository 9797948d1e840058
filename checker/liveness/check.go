package liveness

import (
	"context"
	"errors"
	"math"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/tlals/tlals/checker/spillmem"
)

// Assumptions are the temporal conjuncts of the specification: fairness and
// any other temporal formula (conjoined to every clause).
type Assumptions struct {
	fair  []Fairness
	extra []clause // normal form of the other conjuncts ({} when none)
}

// CompileAssumptions compiles the specification's temporal conjuncts.
func CompileAssumptions(h Host, conjuncts []Term) (*Assumptions, error) {
	c := &compiler{h: h}
	a := &Assumptions{extra: []clause{{}}}
	var rest []*formula
	for _, t := range conjuncts {
		if err := c.compileAssumption(t, &a.fair, &rest); err != nil {
			return nil, err
		}
	}
	n := &normalizer{h: h}
	for _, f := range rest {
		d, err := n.dnf(nnf(f, false))
		if err != nil {
			return nil, err
		}
		if a.extra, err = n.product(a.extra, d); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// Property is a compiled temporal property: the clauses of its negation
// (with the assumptions), any of which a behaviour satisfying is a
// counterexample.
type Property struct {
	clauses []clause
	fair    []Fairness
	valid   bool     // TLC folds it to TRUE (folded)
	f       *formula // the property alone (ViolatedOn)
}

// CompileProperty compiles a temporal property under the assumptions.
func CompileProperty(h Host, t Term, a *Assumptions) (*Property, error) {
	c := &compiler{h: h}
	f, err := c.compile(t)
	if err != nil {
		return nil, err
	}
	return newProperty(h, f, a)
}

func newProperty(h Host, f *formula, a *Assumptions) (*Property, error) {
	if a == nil {
		a = &Assumptions{extra: []clause{{}}}
	}
	n := &normalizer{h: h}
	cs, err := n.dnf(nnf(f, true))
	if err != nil {
		return nil, err
	}
	if cs, err = n.product(cs, a.extra); err != nil {
		return nil, err
	}
	for i, c := range cs {
		if len(c.ev)+len(c.evAlw) > maxMonitorBits {
			return nil, n.errorf(f, "temporal property too complex: more than 8 eventualities in one clause of its negation")
		}
		if len(c.tab) > 0 {
			t, err := newTableau(andF(c.tab...))
			if err != nil {
				return nil, n.errorf(f, err.Error())
			}
			cs[i].tabl = t
		}
	}
	return &Property{clauses: cs, fair: a.fair, valid: folded(f) == 1, f: f}, nil
}

const maxMonitorBits = 8

// Tautology reports whether TLC rejects the properties before the search
// as a tautology: when the negation of some property has no clause (a
// conjunction over an empty set, \A x \in {} : P), whatever the others
// are, or when every property folds to TRUE (TLC puts the negations of
// the properties in a disjunction, which its constant folding drops the
// FALSE ones from, and then is FALSE when all are: <>P \/ TRUE alone is a
// tautology, beside a property that can fail it is left out).
func Tautology(props []*Property) bool {
	valid := len(props) > 0
	for _, p := range props {
		if len(p.clauses) == 0 {
			return true
		}
		valid = valid && p.valid
	}
	return valid
}

// TLCSizeError is TLC's error when the properties are too large for it,
// nil when they are not (at names the position reported). TLC puts the
// fairness and the other temporal conjuncts of the specification and the
// negations of all properties into one disjunctive normal form,
// F /\ (~P1 \/ ... \/ ~Pn), and fails when its number of disjuncts
// exceeds a Java int. WF_v(A) is one disjunct ([]<>(~ENABLED <<A>>_v \/
// <<A>>_v)), SF_v(A) two (<>[]~ENABLED <<A>>_v \/ []<><<A>>_v). We keep
// the fairness apart and would not overflow, but a spec TLC rejects must
// be rejected here too.
func TLCSizeError(h Host, at Term, a *Assumptions, props []*Property) error {
	total := int64(0)
	for _, p := range props {
		total += int64(len(p.clauses)) // each has the other conjuncts in it
	}
	total = max(total, 1)
	if a != nil {
		for _, f := range a.fair {
			if !f.Strong {
				continue
			}
			if total *= 2; total > math.MaxInt32 {
				break
			}
		}
	}
	if total > math.MaxInt32 {
		return h.Errorf(at, "TLC cannot handle the temporal formula because it exceeds the maximum supported size in disjunctive normal form.")
	}
	return nil
}

// Check searches g for a behaviour that violates p under the fairness; it
// returns nil when p holds. The context is polled to stop long searches.
func Check(ctx context.Context, g Graph, p *Property) (*Lasso, error) {
	_, l, err := CheckAll(ctx, g, []*Property{p}, 1)
	return l, err
}

// Forker is a Graph whose leaves can be evaluated by several goroutines:
// Fork returns a view of the same graph for one goroutine (its own
// evaluation context).
type Forker interface {
	Graph
	Fork() Graph
}

// CheckAll checks the properties in order and returns the first one
// violated (its index and counterexample) or the first evaluation error;
// -1 and nil when all hold. The properties share the values of their
// common leaves (the fairness), each evaluated once. When g is a Forker,
// up to workers goroutines search the clauses of the negated properties
// concurrently; the result is the one of the first clause, in order, that
// has a counterexample or an error, as with one goroutine.
func CheckAll(ctx context.Context, g Graph, props []*Property, workers int) (int, *Lasso, error) {
	type job struct {
		prop int
		cl   *clause
		fair []Fairness
	}
	var jobs []job
	c, err := newCache(g)
	if err != nil {
		return -1, nil, err
	}
	for i, p := range props {
		c.use(p)
		for j := range p.clauses {
			jobs = append(jobs, job{i, &p.clauses[j], p.fair})
		}
	}
	if r, ok := g.(Recorded); ok {
		c.preset(r, LeavesOf(props, true))
	}
	if i, err := evalLeaves(ctx, c, g, props, workers); err != nil {
		return i, nil, err
	}
	fk, ok := g.(Forker)
	if !ok || workers < 1 {
		workers = 1
	}
	if workers < 2 || len(jobs) < workers {
		// too few clauses to share: the workers share each clause's
		// components instead
		ev := &evaluator{cache: c, view: g, par: workers}
		for _, j := range jobs {
			l, err := checkClause(ctx, ev, j.cl, j.fair)
			if err != nil || l != nil {
				return j.prop, l, err
			}
		}
		return -1, nil, nil
	}
	// The clauses of a property read mostly the same leaves (the
	// specification's fairness, its [][Next]_v): evaluated by the first
	// clause to need them, they would keep one worker busy while the others
	// wait for the same values. Evaluate them up front with every worker.
	pre := &evaluator{cache: c, view: g, par: workers}
	for _, j := range jobs {
		if err := pre.prefill(ctx, j.cl); err != nil {
			return -1, nil, err
		}
	}
	type result struct {
		l   *Lasso
		err error
	}
	results := make([]result, len(jobs))
	cancels := make([]context.CancelFunc, len(jobs))
	ctxs := make([]context.Context, len(jobs))
	for i := range ctxs {
		ctxs[i], cancels[i] = context.WithCancel(ctx)
	}
	defer func() {
		for _, cancel := range cancels {
			cancel()
		}
	}()
	var next atomic.Int64
	var first atomic.Int64 // the first job known to end the check
	first.Store(int64(len(jobs)))
	var mu sync.Mutex // orders first's updates and the cancellations
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ev := &evaluator{cache: c, view: fk.Fork()}
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) || int64(i) > first.Load() {
					return
				}
				ev.err = nil
				l, err := checkClause(ctxs[i], ev, jobs[i].cl, jobs[i].fair)
				results[i] = result{l, err}
				if (l != nil || err != nil) && ctxs[i].Err() == nil {
					// the later jobs cannot matter any more
					mu.Lock()
					if int64(i) < first.Load() {
						first.Store(int64(i))
						for j := i + 1; j < len(jobs); j++ {
							cancels[j]()
						}
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return -1, nil, err
	}
	for i, r := range results {
		if r.err != nil || r.l != nil {
			return jobs[i].prop, r.l, r.err
		}
	}
	return -1, nil, nil
}

// StateError is an evaluation error raised on a state of the graph.
type StateError struct {
	State int32
	Err   error
}

func (e *StateError) Error() string { return e.Err.Error() }
func (e *StateError) Unwrap() error { return e.Err }

// evalLeaves evaluates the predicates of the properties on every state and
// step (the successors of each state, then its stuttering step), and the
// ENABLED of the fairness on every state, in the order of the states, as
// TLC does while it builds its behaviour graph: an evaluation error in any
// of them is reported (with the index of its property and the state whose
// successors were being evaluated), also where the search would not need
// the value (the consequent of P ~> Q where P is false, the ENABLED of a
// fairness condition at a state of no cycle). The values are kept for the
// search.
func evalLeaves(ctx context.Context, c *cache, g Graph, props []*Property, workers int) (int, error) {
	type leaf struct{ prop, leaf int }
	var leaves, steps []leaf
	ls := LeavesOf(props, false)
	for i, id := range ls.State {
		leaves = append(leaves, leaf{ls.StateProp[i], id})
	}
	for i, id := range ls.Step {
		steps = append(steps, leaf{ls.StepProp[i], id})
	}
	if len(leaves)+len(steps) == 0 {
		return -1, nil
	}
	// in chunks of states, by up to workers goroutines; the error reported
	// is the one on the first state, as one goroutine finds it
	fk, ok := g.(Forker)
	if !ok || workers < 1 {
		workers = 1
	}
	const chunk = 256
	var next atomic.Int64
	var mu sync.Mutex
	first := int32(c.n)
	firstProp, firstErr := -1, error(nil)
	run := func(view Graph) {
		for {
			lo := int32(next.Add(chunk)) - chunk
			if int(lo) >= c.n || ctx.Err() != nil {
				return
			}
			mu.Lock()
			done := lo > first
			mu.Unlock()
			if done {
				return
			}
			ev := &evaluator{cache: c, view: view}
			for s := lo; s < int32(min(int(lo)+chunk, c.n)); s++ {
				fail := func(prop int, err error) {
					mu.Lock()
					if s < first {
						first, firstProp, firstErr = s, prop, &StateError{State: s, Err: err}
					}
					mu.Unlock()
				}
				for _, l := range leaves {
					t := c.state[l.leaf]
					if known, _ := t.get(int(s)); known {
						continue
					}
					ok, err := view.StatePred(l.leaf, s)
					if err != nil {
						fail(l.prop, err)
						return
					}
					t.set(int(s), ok)
				}
				var stepErr error
				ev.steps(s, func(st step) {
					for _, l := range steps {
						if stepErr != nil {
							return
						}
						t := c.step[l.leaf]
						if known, _ := t.get(int(st.id)); known {
							continue
						}
						ok, err := c.actionPred(view, l.leaf, st) // per step under SYMMETRY (StepGraph)
						if err != nil {
							stepErr = err
							fail(l.prop, err)
							return
						}
						t.set(int(st.id), ok)
					}
				})
				if stepErr != nil {
					return
				}
			}
		}
	}
	if workers == 1 {
		run(g)
	} else {
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				run(fk.Fork())
			}()
		}
		wg.Wait()
	}
	if err := ctx.Err(); err != nil {
		return -1, err
	}
	return firstProp, firstErr
}

func checkClause(ctx context.Context, ev *evaluator, cl *clause, fair []Fairness) (*Lasso, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if ev.par > 1 {
		if err := ev.prefill(ctx, cl); err != nil {
			return nil, err
		}
	}
	pr, err := buildProduct(ctx, ev, cl)
	if err != nil {
		return nil, err
	}
	l, err := pr.search(ctx, fair)
	pr.free()
	if l != nil {
		l.Boxed = cl.boxed()
	}
	return l, err
}

// boxed reports whether the clause has a []<> or <>[] condition or a
// promise (<>) with a [] inside (see Lasso.Boxed).
func (c *clause) boxed() bool {
	if len(c.ae) > 0 || len(c.ea) > 0 || len(c.evAlw) > 0 {
		return true
	}
	for _, f := range c.tab {
		if promiseWithBox(f, false) {
			return true
		}
	}
	return false
}

// promiseWithBox reports whether f has a [] under a <> (inDia: f is under
// one).
func promiseWithBox(f *formula, inDia bool) bool {
	switch f.op {
	case opBox:
		if inDia {
			return true
		}
	case opDia:
		inDia = true
	}
	for _, k := range f.kids {
		if promiseWithBox(k, inDia) {
			return true
		}
	}
	return false
}

// prefill evaluates, with ev.par goroutines, the leaves the clause's
// product and components read on (nearly) every step: those of its []P,
// <>P and <>[]P atoms. The search then finds their values known. An
// evaluation that fails is left for the search, which reports it where
// and if it needs the value, as without prefilling.
func (ev *evaluator) prefill(ctx context.Context, cl *clause) error {
	var stateLeaves, stepLeaves []int
	seen := map[[2]int]bool{}
	var walk func(f *formula)
	walk = func(f *formula) {
		if f.op == opLeaf {
			k := [2]int{f.leaf, 0}
			if f.action {
				k[1] = 1
			}
			if !seen[k] {
				seen[k] = true
				if f.action {
					stepLeaves = append(stepLeaves, f.leaf)
				} else {
					stateLeaves = append(stateLeaves, f.leaf)
				}
			}
		}
		for _, k := range f.kids {
			walk(k)
		}
	}
	for _, fs := range [][]*formula{cl.always, cl.ev, cl.ea} {
		for _, f := range fs {
			walk(f)
		}
	}
	if len(stateLeaves)+len(stepLeaves) == 0 {
		return nil
	}
	fk := ev.g.(Forker)
	const chunk = 256 // states a goroutine takes at a time
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < ev.par; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			view := fk.Fork()
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= ev.n || ctx.Err() != nil {
					return
				}
				for s := int32(lo); s < int32(min(lo+chunk, ev.n)); s++ {
					for _, leaf := range stateLeaves {
						t := ev.cache.state[leaf]
						if known, _ := t.get(int(s)); !known {
							if ok, err := view.StatePred(leaf, s); err == nil {
								t.set(int(s), ok)
							}
						}
					}
					for _, leaf := range stepLeaves {
						t := ev.cache.step[leaf]
						ev.steps(s, func(st step) {
							if known, _ := t.get(int(st.id)); !known {
								if ok, err := ev.actionPred(view, leaf, st); err == nil {
									t.set(int(st.id), ok)
								}
							}
						})
					}
				}
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// table holds a leaf's values, two bits an entry (evaluated, value),
// written atomically: goroutines may share it.
type table []atomic.Uint32

func newTable(n int) table { return make(table, (n+15)/16) }

func (t table) get(i int) (known, val bool) {
	w := t[i>>4].Load() >> (uint(i&15) * 2)
	return w&1 != 0, w&2 != 0
}

func (t table) set(i int, v bool) {
	b := uint32(1)
	if v {
		b |= 2
	}
	t[i>>4].Or(b << (uint(i&15) * 2))
}

// cache is what the goroutines checking a property share: the graph's
// step numbering and the leaves' values (states and steps are visited once
// per clause and per refinement).
type cache struct {
	g     Graph
	arena *spillmem.Arena // the large tables' memory (Scratch); nil: the heap
	n     int
	off   []int32 // edges of state s are off[s]..off[s+1]; stutter of s is off[n]+s (step ids are int32)
	state []table // by leaf
	step  []table // by leaf
}

// evaluator evaluates predicates on steps for one goroutine; err is the
// first evaluation error it met (an entry that fails is left unevaluated).
type evaluator struct {
	*cache
	view Graph
	err  error
	par  int // goroutines it may use to check components (1: none)
}

// newCache numbers the steps of g.
func newCache(g Graph) (*cache, error) {
	n := g.NumStates()
	c := &cache{g: g, n: n}
	if sc, ok := g.(Scratch); ok {
		c.arena = sc.Arena()
	}
	c.off = spillmem.Make[int32](c.arena, n+1, n+1)
	total := int64(n) // the stuttering steps
	for s := 0; s < n; s++ {
		k := len(g.Successors(int32(s)))
		if total += int64(k); total > math.MaxInt32 {
			return nil, errTooLarge
		}
		c.off[s+1] = c.off[s] + int32(k)
	}
	return c, nil
}

// use makes the tables of the leaves p uses (before the goroutines start:
// the tables are then only read and written entry by entry).
func (c *cache) use(p *Property) {
	n := c.n
	need := func(leaf int, action bool) {
		tabs, size := &c.state, n
		if action {
			tabs, size = &c.step, int(c.off[n])+n
		}
		for len(*tabs) <= leaf {
			*tabs = append(*tabs, nil)
		}
		if (*tabs)[leaf] == nil {
			(*tabs)[leaf] = newTable(size)
		}
	}
	var walk func(f *formula)
	walk = func(f *formula) {
		if f.op == opLeaf {
			need(f.leaf, f.action)
		}
		for _, k := range f.kids {
			walk(k)
		}
	}
	for _, cl := range p.clauses {
		for _, fs := range [][]*formula{cl.init, cl.always, cl.ev, cl.ae, cl.ea} {
			for _, f := range fs {
				walk(f)
			}
		}
		for _, ea := range cl.evAlw {
			walk(ea.p)
			walk(ea.q)
		}
		for _, f := range cl.tab {
			walk(f)
		}
	}
	for _, f := range p.fair {
		need(f.Enabled, false)
		need(f.Step, true)
	}
}

// step identifies a step by its edge id; to and action are its target and
// label.
type step struct {
	from, to int32
	id       int32
	action   int32
}

func (ev *evaluator) stutter(s int32) step {
	return step{from: s, to: s, id: ev.off[ev.n] + s, action: Stutter}
}

func (ev *evaluator) state(leaf int, s int32) bool {
	t := ev.cache.state[leaf]
	if known, v := t.get(int(s)); known {
		return v
	}
	ok, err := ev.view.StatePred(leaf, s)
	if err != nil {
		if ev.err == nil {
			ev.err = err
		}
		return false
	}
	t.set(int(s), ok)
	return ok
}

func (ev *evaluator) action(leaf int, st step) bool {
	t := ev.cache.step[leaf]
	if known, v := t.get(int(st.id)); known {
		return v
	}
	ok, err := ev.actionPred(ev.view, leaf, st)
	if err != nil {
		if ev.err == nil {
			ev.err = err
		}
		return false
	}
	t.set(int(st.id), ok)
	return ok
}

// actionPred evaluates an action-level leaf on a step with view.
func (c *cache) actionPred(view Graph, leaf int, st step) (bool, error) {
	if sg, ok := view.(StepGraph); ok {
		k := -1
		if st.id < c.off[c.n] {
			k = int(st.id - c.off[st.from])
		}
		return sg.StepPred(leaf, st.from, k)
	}
	return view.ActionPred(leaf, st.from, st.to)
}

// holds evaluates a propositional formula on a step (state leaves on its
// first state).
func (ev *evaluator) holds(f *formula, st step) bool {
	switch f.op {
	case opLeaf:
		var v bool
		if f.action {
			v = ev.action(f.leaf, st)
		} else {
			v = ev.state(f.leaf, st.from)
		}
		return v != f.neg
	case opAnd:
		for _, k := range f.kids {
			if !ev.holds(k, st) {
				return false
			}
		}
		return true
	case opOr:
		for _, k := range f.kids {
			if ev.holds(k, st) {
				return true
			}
		}
		return false
	}
	return false
}

func (ev *evaluator) allHold(fs []*formula, st step) bool {
	for _, f := range fs {
		if !ev.holds(f, st) {
			return false
		}
	}
	return true
}

// stepAt is the step id from state s.
func (ev *evaluator) stepAt(s int32, id int32) step {
	if id >= ev.off[ev.n] {
		return ev.stutter(s)
	}
	e := ev.g.Successors(s)[id-ev.off[s]]
	return step{from: s, to: e.To, id: id, action: e.Action}
}

// action0 is the label of step id (found by its source: ids are
// numbered by source state).
func (ev *evaluator) action0(id int32) int32 {
	if id >= ev.off[ev.n] {
		return Stutter
	}
	s := sort.Search(ev.n, func(i int) bool { return ev.off[i+1] > id })
	return ev.g.Successors(int32(s))[id-ev.off[s]].Action
}

// steps calls fn for each step from s, stuttering last.
func (ev *evaluator) steps(s int32, fn func(step)) {
	for i, e := range ev.g.Successors(s) {
		fn(step{from: s, to: e.To, id: ev.off[s] + int32(i), action: e.Action})
	}
	fn(ev.stutter(s))
}

var errTooLarge = errors.New("liveness: behaviour graph too large (more than 2^31 steps)")

// SuccessorLeaves lists the state leaves TLC evaluates on a state as an
// action produced it rather than on the state it stored for the state's
// class (they differ under SYMMETRY): those of the formula its tableau
// checks (LiveCheck's TableauLiveChecker tests a tableau node's
// consistency with each successor as generated), here the initial
// predicates and the []P, <>P and <>(P /\ []Q) atoms and the tableau's
// formula. The others, the []<>P and <>[]P atoms and the fairness, TLC
// evaluates on the stored state (OrderOfSolution.checkState of the state
// expanded).
func SuccessorLeaves(props []*Property) []int {
	seen := map[int]bool{}
	var out []int
	var walk func(f *formula)
	walk = func(f *formula) {
		if f.op == opLeaf && !f.action && !seen[f.leaf] {
			seen[f.leaf] = true
			out = append(out, f.leaf)
		}
		for _, k := range f.kids {
			walk(k)
		}
	}
	for _, p := range props {
		for _, cl := range p.clauses {
			for _, fs := range [][]*formula{cl.init, cl.always, cl.ev, cl.tab} {
				for _, f := range fs {
					walk(f)
				}
			}
			for _, ea := range cl.evAlw {
				walk(ea.p)
				walk(ea.q)
			}
		}
	}
	return out
}
