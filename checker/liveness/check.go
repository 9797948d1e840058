package liveness

import (
	"context"
	"errors"
	"sort"
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
	for _, c := range cs {
		if len(c.ev)+len(c.evAlw) > maxMonitorBits {
			return nil, n.errorf(f, "temporal property too complex: more than 8 eventualities in one clause of its negation")
		}
	}
	return &Property{clauses: cs, fair: a.fair}, nil
}

const maxMonitorBits = 8

// Check searches g for a behaviour that violates p under the fairness; it
// returns nil when p holds. The context is polled to stop long searches.
func Check(ctx context.Context, g Graph, p *Property) (*Lasso, error) {
	ev := newEvaluator(g)
	for i := range p.clauses {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pr, err := buildProduct(ctx, ev, &p.clauses[i])
		if err != nil {
			return nil, err
		}
		l, err := pr.search(ctx, p.fair)
		if err != nil || l != nil {
			return l, err
		}
	}
	return nil, nil
}

// evaluator evaluates predicates on steps, caching the leaves: states and
// steps are visited once per clause and per refinement.
type evaluator struct {
	g        Graph
	n        int
	off      []int // edges of state s are off[s]..off[s+1]; stutter of s is off[n]+s
	stateMem map[int][]uint8
	stepMem  map[int][]uint8
	err      error
}

func newEvaluator(g Graph) *evaluator {
	n := g.NumStates()
	ev := &evaluator{g: g, n: n, off: make([]int, n+1), stateMem: map[int][]uint8{}, stepMem: map[int][]uint8{}}
	for s := 0; s < n; s++ {
		ev.off[s+1] = ev.off[s] + len(g.Successors(int32(s)))
	}
	return ev
}

// step identifies a step by its edge id; to and action are its target and
// label.
type step struct {
	from, to int32
	id       int32
	action   int32
}

func (ev *evaluator) stutter(s int32) step {
	return step{from: s, to: s, id: int32(ev.off[ev.n] + int(s)), action: Stutter}
}

func (ev *evaluator) state(leaf int, s int32) bool {
	mem := ev.stateMem[leaf]
	if mem == nil {
		mem = make([]uint8, ev.n)
		ev.stateMem[leaf] = mem
	}
	if mem[s] == 0 {
		ok, err := ev.g.StatePred(leaf, s)
		if err != nil && ev.err == nil {
			ev.err = err
		}
		mem[s] = 1
		if ok {
			mem[s] = 2
		}
	}
	return mem[s] == 2
}

func (ev *evaluator) action(leaf int, st step) bool {
	mem := ev.stepMem[leaf]
	if mem == nil {
		mem = make([]uint8, ev.off[ev.n]+ev.n)
		ev.stepMem[leaf] = mem
	}
	if mem[st.id] == 0 {
		ok, err := ev.g.ActionPred(leaf, st.from, st.to)
		if err != nil && ev.err == nil {
			ev.err = err
		}
		mem[st.id] = 1
		if ok {
			mem[st.id] = 2
		}
	}
	return mem[st.id] == 2
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
	if int(id) >= ev.off[ev.n] {
		return ev.stutter(s)
	}
	e := ev.g.Successors(s)[int(id)-ev.off[s]]
	return step{from: s, to: e.To, id: id, action: e.Action}
}

// action0 is the label of step id (found by its source: ids are
// numbered by source state).
func (ev *evaluator) action0(id int32) int32 {
	if int(id) >= ev.off[ev.n] {
		return Stutter
	}
	s := sort.Search(ev.n, func(i int) bool { return ev.off[i+1] > int(id) })
	return ev.g.Successors(int32(s))[int(id)-ev.off[s]].Action
}

// steps calls fn for each step from s, stuttering last.
func (ev *evaluator) steps(s int32, fn func(step)) {
	for i, e := range ev.g.Successors(s) {
		fn(step{from: s, to: e.To, id: int32(ev.off[s] + i), action: e.Action})
	}
	fn(ev.stutter(s))
}

var errTooLarge = errors.New("liveness: behaviour graph too large (more than 2^31 steps)")
