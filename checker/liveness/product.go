package liveness

import (
	"context"
	"math"
	"sync"
	"sync/atomic"

	"github.com/tlals/tlals/checker/spillmem"
)

// product is the reachable part of the behaviour graph times the monitor
// of one clause: node v is (state[v], mon[v]); its edges are
// edges[off[v]:off[v+1]], each a step of the graph allowed by the clause's
// []P atoms and monitor.
type product struct {
	ev    *evaluator
	cl    *clause
	state []int32
	mon   []uint32
	off   []int32 // int32: the check bounds the edges by MaxInt32 (errTooLarge)
	edges []pedge
	init  []int32
	full  uint32 // the monitor value of an accepting cycle
}

type pedge struct {
	to int32
	id int32 // the step's id in the evaluator
}

// tabShift places a product node's tableau node above its monitor bits
// (maxMonitorBits of them).
const tabShift = maxMonitorBits

func buildProduct(ctx context.Context, ev *evaluator, cl *clause) (*product, error) {
	nev := len(cl.ev)
	p := &product{ev: ev, cl: cl, full: uint32(1)<<(nev+len(cl.evAlw)) - 1}
	a := ev.arena
	index := map[uint32][]int32{}
	defer func() {
		for _, ix := range index {
			spillmem.Free(a, ix)
		}
	}()
	node := func(s int32, m uint32) (int32, bool) {
		ix := index[m]
		if ix == nil {
			ix = spillmem.Make[int32](a, ev.n, ev.n)
			for i := range ix {
				ix[i] = -1
			}
			index[m] = ix
		}
		if ix[s] >= 0 {
			return ix[s], false
		}
		v := int32(len(p.state))
		ix[s] = v
		p.state = spillmem.Append(a, p.state, s)
		p.mon = spillmem.Append(a, p.mon, m)
		return v, true
	}
	tab := cl.tabl
	tabInit := []int32{0}
	if tab != nil {
		tabInit = tab.init
	}
	for _, s := range ev.g.Initial() {
		if !ev.allHold(cl.init, step{from: s, to: s, id: -1}) {
			continue
		}
		for _, n := range tabInit {
			if v, fresh := node(s, uint32(n)<<tabShift); fresh {
				p.init = append(p.init, v)
			}
		}
	}
	if len(p.init) > 0 {
		// sized for the graph once (most products are about its size):
		// grown by append, a slice and its copy are both live, half as
		// much again at the peak of a large product
		state, mon := p.state, p.mon
		p.state = append(spillmem.Make[int32](a, 0, ev.n), state...)
		p.mon = append(spillmem.Make[uint32](a, 0, ev.n), mon...)
		spillmem.Free(a, state)
		spillmem.Free(a, mon)
		p.off = spillmem.Make[int32](a, 0, ev.n+1)
		p.edges = spillmem.Make[pedge](a, 0, int(ev.off[ev.n])+ev.n)
	}
	var nexts []uint32
	p.off = spillmem.Append(a, p.off, 0)
	for v := 0; v < len(p.state); v++ {
		if v%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		s, m := p.state[v], p.mon[v]
		ev.steps(s, func(st step) {
			if !ev.allHold(cl.always, st) {
				return
			}
			if tab != nil && !ev.allHold(tab.nodes[m>>tabShift].now, st) {
				return
			}
			base := m
			for i, f := range cl.ev {
				if base&(1<<i) == 0 && ev.holds(f, st) {
					base |= 1 << i
				}
			}
			nexts = append(nexts[:0], base)
			for j, ea := range cl.evAlw {
				bit := uint32(1) << (nev + j)
				if m&bit != 0 {
					if !ev.holds(ea.q, st) {
						return
					}
					continue
				}
				if ev.holds(ea.p, st) && ev.holds(ea.q, st) { // may start []Q here
					for _, x := range nexts {
						nexts = append(nexts, x|bit)
					}
				}
			}
			for _, x := range nexts {
				if tab == nil {
					w, _ := node(st.to, x)
					p.edges = spillmem.Append(a, p.edges, pedge{w, st.id})
					continue
				}
				x &= 1<<tabShift - 1
				for _, n := range tab.nodes[m>>tabShift].next {
					w, _ := node(st.to, x|uint32(n)<<tabShift)
					p.edges = spillmem.Append(a, p.edges, pedge{w, st.id})
				}
			}
		})
		if len(p.edges) > math.MaxInt32 {
			return nil, errTooLarge
		}
		p.off = spillmem.Append(a, p.off, int32(len(p.edges)))
	}
	return p, ev.err
}

// free releases the product's tables when they were mapped (Scratch).
func (p *product) free() {
	a := p.ev.arena
	spillmem.Free(a, p.state)
	spillmem.Free(a, p.mon)
	spillmem.Free(a, p.off)
	spillmem.Free(a, p.edges)
	p.state, p.mon, p.off, p.edges = nil, nil, nil, nil
}

// allowed reports whether a step may be part of an accepting cycle (the
// clause's <>[]P atoms hold on it).
func (p *product) allowed(v int32, e *pedge) bool {
	return len(p.cl.ea) == 0 || p.ev.allHold(p.cl.ea, p.step(v, e))
}

// step is the graph step of edge e of node v.
func (p *product) step(v int32, e *pedge) step { return p.ev.stepAt(p.state[v], e.id) }

// search looks for an accepting component and returns its lasso, nil when
// there is none. As TLC (LiveWorker.checkSccs), the components are taken in
// the order Tarjan's search completes them, starting from the initial nodes
// in order (a node reached only by a step the <>[]P atoms forbid is a later
// root), and the first accepting one gives the counterexample (its cycle
// starting at the component's node nearest an initial node, see lasso). A
// component that only strong fairness rejects is refined (its states where
// a failing action is enabled removed) and its parts are taken, in the same
// order, before the next component.
func (p *product) search(ctx context.Context, fair []Fairness) (*Lasso, error) {
	n := len(p.state)
	a := p.ev.arena
	member := spillmem.Make[int32](a, n, n) // the stamp of the candidate set a node belongs to
	defer spillmem.Free(a, member)
	stamp := int32(1)
	for v := range member {
		member[v] = stamp
	}
	t := newTarjan(a, n)
	defer t.free()
	var find func(roots []int32, set int32) ([]int32, []requirement, error)
	find = func(roots []int32, set int32) ([]int32, []requirement, error) {
		// the components, flat: one slice and a closure each would take
		// some 130 bytes a component, and most components are one node
		var nodes, starts []int32
		defer func() { spillmem.Free(a, nodes); spillmem.Free(a, starts) }()
		t.run(p, roots, func(v int32) bool { return member[v] == set }, func(c []int32) {
			starts = spillmem.Append(a, starts, int32(len(nodes)))
			nodes = spillmem.AppendSlice(a, nodes, c...)
		})
		starts = spillmem.Append(a, starts, int32(len(nodes)))
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		ncomp := len(starts) - 1
		base := stamp // component i's stamp is base+1+i
		for i := 0; i < ncomp; i++ {
			stamp++
			for _, v := range nodes[starts[i]:starts[i+1]] {
				member[v] = stamp
			}
		}
		comp := func(i int) ([]int32, func(int32) bool) {
			cs := base + 1 + int32(i)
			return nodes[starts[i]:starts[i+1]:starts[i+1]], func(v int32) bool { return member[v] == cs }
		}
		parallel := p.ev.par > 1 && ncomp > 1 && p.ev.err == nil
		var verdicts []verdict
		for i := 0; i < ncomp; i++ {
			if parallel && i%verdictWindow == 0 {
				verdicts = p.acceptAll(i, min(i+verdictWindow, ncomp), comp, fair, verdicts)
			}
			c, in := comp(i)
			var req []requirement
			var refine []int32
			var ok bool
			if parallel {
				cd := &verdicts[i%verdictWindow]
				if cd.err != nil {
					return nil, nil, cd.err
				}
				refine, ok = cd.refine, cd.ok
				if ok {
					// the requirements evaluate with this goroutine's
					// evaluator (the values are known: this is cheap)
					req, _, _ = p.accepts(c, in, fair)
				}
			} else {
				req, refine, ok = p.accepts(c, in, fair)
			}
			if p.ev.err != nil {
				return nil, nil, p.ev.err
			}
			if ok {
				// a copy: the component's table is freed on return
				return append([]int32(nil), c...), req, nil
			}
			if refine != nil {
				stamp++
				for _, v := range refine {
					member[v] = stamp
				}
				if c, req, err := find(refine, stamp); c != nil || err != nil {
					return c, req, err
				}
			}
		}
		return nil, nil, nil
	}
	best, req, err := find(p.init, 1)
	if err != nil || best == nil {
		return nil, err
	}
	stamp++
	for _, v := range best {
		member[v] = stamp
	}
	cs := stamp
	l := p.lasso(func(v int32) bool { return member[v] == cs }, req)
	return l, p.ev.err
}

// verdict is what accepts said of a component checked in parallel.
type verdict struct {
	refine []int32
	ok     bool
	err    error
}

// verdictWindow is the number of components checked in parallel at a
// time: their verdicts are kept until taken in order.
const verdictWindow = 1 << 12

// acceptAll checks components lo..hi-1 with p.ev.par goroutines, each with
// its own evaluator sharing the values, into out (reused); the verdicts
// are the ones accepts gives in turn (a component's verdict does not
// depend on the others').
func (p *product) acceptAll(lo, hi int, comp func(int) ([]int32, func(int32) bool), fair []Fairness, out []verdict) []verdict {
	out = append(out[:0], make([]verdict, hi-lo)...)
	fk := p.ev.g.(Forker)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < min(p.ev.par, hi-lo); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := *p
			q.ev = &evaluator{cache: p.ev.cache, view: fk.Fork()}
			for {
				i := int(next.Add(1)) - 1
				if i >= hi-lo {
					return
				}
				cd := &out[i]
				q.ev.err = nil
				c, in := comp(lo + i)
				_, cd.refine, cd.ok = q.accepts(c, in, fair)
				cd.err = q.ev.err
			}
		}()
	}
	wg.Wait()
	return out
}

// requirement is what an accepting cycle must pass through: an edge where
// edge holds, or a node where node holds.
type requirement struct {
	edge func(v int32, e *pedge) bool
	node func(v int32) bool
}

// accepts checks component c. When only strong fairness fails, refine is
// c without the states where the failing actions are enabled.
func (p *product) accepts(c []int32, in func(int32) bool, fair []Fairness) (req []requirement, refine []int32, ok bool) {
	if p.mon[c[0]]&(1<<tabShift-1) != p.full {
		return nil, nil, false
	}
	ev := p.ev
	if tab := p.cl.tabl; tab != nil {
		// every promise of the tableau is fulfilled at some node of c
		for k := 0; k < tab.promises; k++ {
			bit := uint64(1) << k
			met := func(v int32) bool { return tab.nodes[p.mon[v]>>tabShift].pending&bit == 0 }
			found := false
			for _, v := range c {
				if met(v) {
					found = true
					break
				}
			}
			if !found {
				return nil, nil, false
			}
			req = append(req, requirement{node: met})
		}
	}
	internal := func(pred func(int32, *pedge) bool) bool {
		for _, v := range c {
			for i := int(p.off[v]); i < int(p.off[v+1]); i++ {
				e := &p.edges[i]
				if in(e.to) && p.allowed(v, e) && pred(v, e) {
					return true
				}
			}
		}
		return false
	}
	if !internal(func(int32, *pedge) bool { return true }) {
		return nil, nil, false // no cycle
	}
	for _, f := range p.cl.ae {
		r := func(v int32, e *pedge) bool { return ev.holds(f, p.step(v, e)) }
		if !internal(r) {
			return nil, nil, false
		}
		if hasAction(f) {
			req = append(req, requirement{edge: r})
		} else { // a state predicate, met in a state (TLC's AEState)
			req = append(req, requirement{node: func(v int32) bool { return ev.holds(f, ev.stutter(p.state[v])) }})
		}
	}
	var disable map[int32]bool
	for _, fc := range fair {
		step := func(v int32, e *pedge) bool { return ev.action(fc.Step, p.step(v, e)) }
		disabled := func(v int32) bool { return !ev.state(fc.Enabled, p.state[v]) }
		if internal(step) {
			r := requirement{edge: step}
			if !fc.Strong { // WF is also met by a step from a disabled state
				r.edge = func(v int32, e *pedge) bool { return disabled(v) || step(v, e) }
			}
			req = append(req, r)
			continue
		}
		var enabled []int32
		anyDisabled := false
		for _, v := range c {
			if disabled(v) {
				anyDisabled = true
			} else {
				enabled = append(enabled, v)
			}
		}
		switch {
		case len(enabled) == 0: // never enabled here: both WF and SF hold
		case !fc.Strong && anyDisabled:
			req = append(req, requirement{edge: func(v int32, _ *pedge) bool { return disabled(v) }})
		case !fc.Strong:
			return nil, nil, false
		default:
			if disable == nil {
				disable = map[int32]bool{}
			}
			for _, v := range enabled {
				disable[v] = true
			}
		}
	}
	if disable != nil {
		for _, v := range c {
			if !disable[v] {
				refine = append(refine, v)
			}
		}
		return nil, refine, false
	}
	return req, nil, true
}

// hop is a node of a path and the edge into it from node from (edge -1
// for the first).
type hop struct {
	node int32
	edge int
	from int32
}

// lasso builds the counterexample the way TLC does (LiveWorker.printTrace),
// so that it has the length of TLC's:
//
//   - the prefix is a shortest path (breadth-first, every step of the
//     product) from an initial node to the component (DiskGraph/
//     TableauDiskGraph.getPath), which ends at root. TLC's root is the
//     node of the component its depth-first search visits first, in the
//     reverse order of each node's successors, which follow the hash
//     order of their fingerprints: where several nodes can be first, the
//     one TLC picks changes with the fingerprint function it draws at
//     random for each run. Taken here is the node nearest an initial node
//     (ties: the first found): on the specs we compared, it is TLC's root
//     wherever TLC's did not change with the fingerprint function, where
//     the node this checker's search entered the component by was not;
//   - the cycle starts at root with a greedy depth-first walk inside the
//     component (dfsPostFix): in each node, the state requirements it meets
//     (TLC's AEState) are checked off; then its steps inside the component
//     are scanned and the first that meets an unmet step requirement
//     (AEAction, WF's ~ENABLED \/ <<A>>) is taken at once; otherwise, when
//     the node met something, the last step scanned is taken; otherwise the
//     last step to a node not yet seen in this leg, backtracking when there
//     is none. Meeting something forgets the nodes seen. When all is met,
//     a shortest path inside the component, ignoring self-loops, closes the
//     cycle back to root (bfsPostFix);
//   - consecutive equal states are printed once; when no state of the cycle
//     differs from root's, the lasso ends "Stuttering", otherwise "Back to
//     state" root.
//
// So the prefix has the length of a shortest path to root and the cycle is
// the greedy walk plus the shortest way back. What TLC leaves to the order
// of its successor lists (hash order of fingerprints), and this checker to
// the order of its actions, is which component comes first when several
// are reachable in parallel, which node is its root, and which of equally
// good steps the walk takes. Where TLC's own rule would print a behaviour
// that does not violate the property (a stuttering cycle whose stuttering
// step is outside the component, or a walk that backtracked over the step
// that met a requirement), the cycle is the one of lassoNearest instead.
// The component itself can also differ from TLC's where TLC's tableau holds
// a state in several nodes (this checker's monitor holds it once in a
// component), and with strong fairness, whose disjuncts TLC searches one
// after the other over the whole graph (LiveWorker.call, one
// PossibleErrorModel at a time) where this checker refines a component in
// place (search).
func (p *product) lasso(in func(int32) bool, reqs []requirement) *Lasso {
	prefix := p.path(p.init, in, func(int32) bool { return true }, false)
	root := prefix[len(prefix)-1].node
	cycle := p.tlcCycle(root, in, reqs)
	if cycle == nil {
		return p.lassoNearest(prefix, in, reqs)
	}
	l := &Lasso{}
	add := func(h hop) {
		s := p.state[h.node]
		if n := len(l.Steps); n > 0 && l.Steps[n-1].State == s {
			return // TLC prints a state once when only the monitor changes
		}
		l.Steps = append(l.Steps, Step{s, p.label(h.edge)})
	}
	for _, h := range prefix {
		add(h)
	}
	l.Loop = len(l.Steps) - 1
	for _, h := range cycle[1 : len(cycle)-1] {
		add(h)
	}
	if len(l.Steps)-1 == l.Loop {
		l.BackAction = Stutter
	} else {
		l.BackAction = p.label(cycle[len(cycle)-1].edge)
	}
	if last := len(l.Steps) - 1; l.BackAction == Stutter && last > l.Loop && l.Steps[last].State == l.Steps[l.Loop].State {
		// the cycle closes by stuttering into its first state (only the
		// monitor or tableau node differs): as a behaviour it returns to
		// the state after, by the step that led there
		l.Loop++
		l.BackAction = l.Steps[l.Loop].Action
	}
	if last := len(l.Steps) - 1; l.BackAction != Stutter && last > l.Loop+1 && l.Steps[last].State == l.Steps[l.Loop].State {
		// the cycle closes by a step from its first state to itself (an
		// action that changes no variable): without it the behaviour is
		// the same up to stuttering, which no property tells apart, and
		// the cycle closes one state earlier, by the step into it
		l.BackAction = l.Steps[last].Action
		l.Steps = l.Steps[:last]
	}
	return l
}

// tlcCycle is TLC's cycle from root (see lasso): its nodes from root back to
// root, each with the edge into it; nil when TLC's rule fails (see lasso).
func (p *product) tlcCycle(root int32, in func(int32) bool, reqs []requirement) []hop {
	internal := func(v int32, i int) bool {
		e := &p.edges[i]
		return in(e.to) && p.allowed(v, e)
	}
	met := make([]bool, len(reqs))
	left := len(reqs)
	seen := map[int32]bool{root: true}
	walk := []hop{{root, -1, -1}}
	cur := root
	take := func(i int) {
		walk = append(walk, hop{p.edges[i].to, i, cur})
		cur = p.edges[i].to
	}
	for left > 0 {
		left0 := left
	leg:
		for {
			for k, r := range reqs {
				if !met[k] && r.node != nil && r.node(cur) {
					met[k] = true
					left--
				}
			}
			if left == 0 {
				break
			}
			left1 := left
			last, unseen := -1, -1
			for i := int(p.off[cur]); i < int(p.off[cur+1]); i++ {
				if !internal(cur, i) {
					continue
				}
				last = i
				e := &p.edges[i]
				for k, r := range reqs {
					if !met[k] && r.edge != nil && r.edge(cur, e) {
						met[k] = true
						left--
					}
				}
				if left < left1 {
					take(i)
					clear(seen)
					break leg
				}
				if !seen[e.to] {
					unseen = i
				}
			}
			if last < 0 {
				return nil
			}
			if left < left0 {
				take(last)
				clear(seen)
				break
			}
			for unseen < 0 { // backtrack
				if len(walk) == 1 {
					return nil
				}
				walk = walk[:len(walk)-1]
				cur = walk[len(walk)-1].node
				for i := int(p.off[cur]); i < int(p.off[cur+1]); i++ {
					if internal(cur, i) && !seen[p.edges[i].to] {
						unseen = i
						break
					}
				}
			}
			take(unseen)
			seen[cur] = true
		}
	}
	switch {
	case cur != root:
		back := p.path([]int32{cur}, func(v int32) bool { return v == root }, in, true)
		if back == nil {
			return nil
		}
		walk = append(walk, back[1:]...)
	case len(walk) == 1: // nothing to meet: TLC stutters at root
		i := p.internalEdge(root, in, func(v int32, e *pedge) bool { return e.to == v })
		if i < 0 {
			return nil
		}
		walk = append(walk, hop{root, i, root})
	}
	// the requirements must be met on the cycle printed, without the
	// self-loops (unless it is one)
	stutters := true
	for _, h := range walk[1:] {
		stutters = stutters && h.node == h.from
	}
	for _, r := range reqs {
		ok := false
		for _, h := range walk[1:] {
			if (r.node != nil && r.node(h.node)) || (r.edge != nil && (stutters || h.node != h.from) && r.edge(h.from, &p.edges[h.edge])) {
				ok = true
				break
			}
		}
		if !ok {
			return nil
		}
	}
	return walk
}

// lassoNearest is the fallback: the prefix, then a cycle in the component
// that meets every requirement, each by the nearest edge or node that
// does.
func (p *product) lassoNearest(prefix []hop, in func(int32) bool, reqs []requirement) *Lasso {
	x := prefix[len(prefix)-1].node
	var cycle []hop
	cur := x
	met := func(r requirement) bool {
		if r.node != nil && r.node(cur) {
			return true
		}
		for _, h := range cycle {
			if (r.node != nil && r.node(h.node)) || (r.edge != nil && r.edge(h.from, &p.edges[h.edge])) {
				return true
			}
		}
		return false
	}
	for _, r := range reqs {
		if met(r) {
			continue
		}
		goal := func(v int32) bool {
			if r.node != nil && r.node(v) {
				return true
			}
			return r.edge != nil && p.internalEdge(v, in, r.edge) >= 0
		}
		seg := p.path([]int32{cur}, goal, in, true)
		cycle = append(cycle, seg[1:]...)
		cur = seg[len(seg)-1].node
		if r.node != nil && r.node(cur) {
			continue
		}
		i := p.internalEdge(cur, in, r.edge)
		cycle = append(cycle, hop{p.edges[i].to, i, cur})
		cur = p.edges[i].to
	}
	if cur != x || len(cycle) == 0 {
		cycle = append(cycle, p.pathAtLeastOne(cur, x, in)...)
	}
	l := &Lasso{}
	for _, h := range prefix {
		l.Steps = append(l.Steps, Step{p.state[h.node], p.label(h.edge)})
	}
	l.Loop = len(l.Steps) - 1
	for _, h := range cycle[:len(cycle)-1] {
		l.Steps = append(l.Steps, Step{p.state[h.node], p.label(h.edge)})
	}
	l.BackAction = p.label(cycle[len(cycle)-1].edge)
	l.rotate()
	return l
}

// rotate moves the start of the cycle back while the prefix ends with the
// cycle's last step (the monitor of the product can make the prefix walk
// the cycle once before entering it).
func (l *Lasso) rotate() {
	for {
		n := len(l.Steps) - 1
		if l.Loop == 0 || n == l.Loop || l.Steps[l.Loop-1].State != l.Steps[n].State || l.Steps[l.Loop].Action != l.BackAction {
			return
		}
		l.BackAction = l.Steps[n].Action
		l.Steps = l.Steps[:n]
		l.Loop--
	}
}

func (p *product) label(edge int) int32 {
	if edge < 0 {
		return Initial
	}
	return p.ev.action0(p.edges[edge].id)
}

// internalEdge is an edge from v inside the component where pred holds, or
// -1.
func (p *product) internalEdge(v int32, in func(int32) bool, pred func(int32, *pedge) bool) int {
	for i := int(p.off[v]); i < int(p.off[v+1]); i++ {
		e := &p.edges[i]
		if in(e.to) && p.allowed(v, e) && pred(v, e) {
			return i
		}
	}
	return -1
}

// path is a shortest path (BFS) from one of the sources to a node where
// goal holds, through nodes where via holds (and allowed edges when
// inside).
func (p *product) path(sources []int32, goal, via func(int32) bool, inside bool) []hop {
	parent := map[int32]hop{}
	var queue []int32
	for _, s := range sources {
		if _, ok := parent[s]; ok {
			continue
		}
		parent[s] = hop{-1, -1, -1}
		queue = append(queue, s)
	}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if goal(v) {
			return unwind(parent, v)
		}
		for i := int(p.off[v]); i < int(p.off[v+1]); i++ {
			e := &p.edges[i]
			if _, seen := parent[e.to]; seen || !via(e.to) || (inside && !p.allowed(v, e)) {
				continue
			}
			parent[e.to] = hop{v, i, v}
			queue = append(queue, e.to)
		}
	}
	return nil
}

func unwind(parent map[int32]hop, v int32) []hop {
	var out []hop
	for {
		h := parent[v]
		out = append(out, hop{v, h.edge, h.node})
		if h.node < 0 {
			break
		}
		v = h.node
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// pathAtLeastOne is a shortest path of one step or more from a to b inside
// the component, without a; a self-loop that stutters is preferred.
func (p *product) pathAtLeastOne(a, b int32, in func(int32) bool) []hop {
	if a == b {
		if i := p.internalEdge(a, in, func(_ int32, e *pedge) bool { return e.to == a && p.ev.action0(e.id) == Stutter }); i >= 0 {
			return []hop{{a, i, a}}
		}
	}
	var best []hop
	for i := int(p.off[a]); i < int(p.off[a+1]); i++ {
		e := &p.edges[i]
		if !in(e.to) || !p.allowed(a, e) {
			continue
		}
		if e.to == b {
			return []hop{{e.to, i, a}}
		}
		seg := p.path([]int32{e.to}, func(v int32) bool { return v == b }, in, true)
		if seg != nil && (best == nil || len(seg) < len(best)) {
			best = append([]hop{{e.to, i, a}}, seg[1:]...)
		}
	}
	return best
}
