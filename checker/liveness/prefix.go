package liveness

import "fmt"

// PrefixWatch finds, during the safety search, a violation that a finite
// behaviour prefix already shows, as TLC does while it builds its
// behaviour graph (LiveCheck.TableauLiveChecker.addNextState): when a
// clause of a negated property has no fairness and no []P, []<>P, <>[]P
// or <>(P /\ []Q) atom, its obligations (its <>P atoms and its tableau)
// can all be discharged by a finite path, after which any continuation,
// stuttering included, satisfies the clause. TLC reports such a path as
// soon as the state where it ends has been expanded, without waiting for
// the end of the search, so that it also finds these violations in
// infinite state spaces and at a deadlock.
//
// The watch builds the product of the explored part of the graph with
// each such clause's monitor, incrementally: a product node is expanded
// once its state is done (Done was called for it); a node reached at a
// state not yet done waits for it. It is deterministic: the states are
// done in the order the search expands them.
type PrefixWatch struct {
	g       Graph
	clauses []*watchClause
	done    []bool
	started bool
	memo    map[[2]int64]bool // state leaves: (leaf, state) -> value
}

type watchClause struct {
	prop    int
	cl      *clause
	evMask  uint32
	index   map[uint64]int32 // (state, monitor) -> node
	state   []int32
	mon     []uint32
	adj     [][]wedge
	pending map[int32][]int32 // state not done -> its nodes
	init    []int32
	empty   int32 // the tableau's node without obligations (-1: no tableau)
}

type wedge struct {
	to     int32
	action int32
}

// NewPrefixWatch returns a watch over the properties' clauses that a
// finite prefix can violate, or nil when there is none. g is the graph as
// the search grows it: the values of every state found so far, and the
// successors of every state expanded.
func NewPrefixWatch(g Graph, props []*Property) *PrefixWatch {
	w := &PrefixWatch{g: g, memo: map[[2]int64]bool{}}
	for i, p := range props {
		if len(p.fair) > 0 {
			continue
		}
		for j := range p.clauses {
			cl := &p.clauses[j]
			// a clause of state predicates only (the negation of a FALSE
			// property, \E x \in {} : P) is shown by an initial state
			if len(cl.always)+len(cl.ae)+len(cl.ea)+len(cl.evAlw) > 0 {
				continue
			}
			empty := int32(-1)
			if cl.tabl != nil {
				if empty = cl.tabl.empty(); empty < 0 {
					continue // no path of the tableau ends its obligations
				}
			}
			w.clauses = append(w.clauses, &watchClause{prop: i, cl: cl, evMask: uint32(1)<<len(cl.ev) - 1,
				index: map[uint64]int32{}, pending: map[int32][]int32{}, empty: empty})
		}
	}
	if len(w.clauses) == 0 {
		return nil
	}
	return w
}

// empty is the tableau's node without obligations, -1 when there is none.
// It has itself as its only successor.
func (t *tableau) empty() int32 {
	for v := range t.nodes {
		n := &t.nodes[v]
		if len(n.now) == 0 && len(n.next) == 1 && n.next[0] == int32(v) && n.pending == 0 {
			return int32(v)
		}
	}
	return -1
}

// Prefix is a violation a finite behaviour shows: the property's index
// and the path, from an initial state, whose every continuation violates
// it. Steps repeats no state twice in a row (TLC drops the stuttering).
type Prefix struct {
	Prop  int
	Steps []Step
}

// Done notes that state s has been expanded (its successors are in the
// graph) and extends the products; it returns the first violation found,
// in the order of the properties' clauses, or nil.
func (w *PrefixWatch) Done(s int32) (*Prefix, error) {
	if !w.started {
		w.started = true
		for _, c := range w.clauses {
			if err := w.addInitial(c); err != nil {
				return nil, err
			}
		}
	}
	for int(s) >= len(w.done) {
		w.done = append(w.done, false)
	}
	w.done[s] = true
	var found *Prefix
	for _, c := range w.clauses {
		nodes := c.pending[s]
		delete(c.pending, s)
		hit, err := w.expand(c, nodes)
		if err != nil {
			return nil, err
		}
		for _, v := range nodes {
			// reached by a step its state's stuttering does not take
			// (an action-level obligation), or initial
			if hit < 0 && c.finished(v) {
				hit = v
			}
		}
		if hit >= 0 && found == nil {
			found = &Prefix{Prop: c.prop, Steps: c.path()}
		}
	}
	return found, nil
}

func (w *PrefixWatch) isDone(s int32) bool { return int(s) < len(w.done) && w.done[s] }

func (w *PrefixWatch) addInitial(c *watchClause) error {
	tabInit := []int32{0}
	if c.cl.tabl != nil {
		tabInit = c.cl.tabl.init
	}
	for _, s := range w.g.Initial() {
		ok, err := w.allHold(c.cl.init, s, s)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		for _, n := range tabInit {
			if v, fresh := w.node(c, s, uint32(n)<<tabShift); fresh {
				c.init = append(c.init, v)
			}
		}
	}
	return nil
}

// node returns the product node (s, m), and whether it is new; a new node
// waits for its state unless it is done.
func (w *PrefixWatch) node(c *watchClause, s int32, m uint32) (int32, bool) {
	k := uint64(uint32(s))<<32 | uint64(m)
	if v, ok := c.index[k]; ok {
		return v, false
	}
	v := int32(len(c.state))
	c.index[k] = v
	c.state = append(c.state, s)
	c.mon = append(c.mon, m)
	c.adj = append(c.adj, nil)
	if !w.isDone(s) {
		c.pending[s] = append(c.pending[s], v)
	}
	return v, true
}

// finished reports whether node v's clause holds on every continuation:
// its <>P atoms have happened and its tableau has nothing left to do.
func (c *watchClause) finished(v int32) bool {
	m := c.mon[v]
	if m&c.evMask != c.evMask {
		return false
	}
	return c.cl.tabl == nil || c.empty == int32(m>>tabShift)
}

// expand expands the nodes (at done states) and the new nodes they reach
// at done states; it returns the first finished node created at a done
// state (TLC's check: the accepting tableau node reached by a step into a
// state already expanded, the stuttering step of the state being expanded
// included), or -1.
func (w *PrefixWatch) expand(c *watchClause, work []int32) (int32, error) {
	hit := int32(-1)
	tab := c.cl.tabl
	for len(work) > 0 {
		v := work[0]
		work = work[1:]
		s, m := c.state[v], c.mon[v]
		steps := append([]Edge(nil), w.g.Successors(s)...)
		steps = append(steps, Edge{To: s, Action: Stutter})
		for _, e := range steps {
			if tab != nil {
				ok, err := w.allHold(tab.nodes[m>>tabShift].now, s, e.To)
				if err != nil {
					return -1, err
				}
				if !ok {
					continue
				}
			}
			base := m
			for i, f := range c.cl.ev {
				if base&(1<<i) == 0 {
					ok, err := w.holds(f, s, e.To)
					if err != nil {
						return -1, err
					}
					if ok {
						base |= 1 << i
					}
				}
			}
			nexts := []uint32{base}
			if tab != nil {
				nexts = nexts[:0]
				for _, n := range tab.nodes[m>>tabShift].next {
					nexts = append(nexts, base&(1<<tabShift-1)|uint32(n)<<tabShift)
				}
			}
			for _, x := range nexts {
				u, fresh := w.node(c, e.To, x)
				c.adj[v] = append(c.adj[v], wedge{u, e.Action})
				if fresh && w.isDone(e.To) {
					if hit < 0 && c.finished(u) {
						hit = u
					}
					work = append(work, u)
				}
			}
		}
	}
	return hit, nil
}

// path is a shortest path in the product from an initial node to a
// finished node, counted as TLC prints it: the states it visits, a state
// repeated in a row (stuttering) once. TLC searches its behaviour graph
// breadth first (TableauDiskGraph.getPath) for the node it found, in an
// order that follows its fingerprints; the shortest such path is the
// length TLC prints whenever its order does not lead it astray. A step to
// the same state costs nothing (0-1 breadth-first search); ties go to the
// path found first, the initial nodes and each node's steps in order.
func (c *watchClause) path() []Step {
	type hop struct{ from, action int32 }
	parent := make(map[int32]hop, len(c.state))
	dist := make(map[int32]int, len(c.state))
	// the deque: front, a stack of the nodes pushed in front, then back
	var front, back []int32
	for _, v := range c.init {
		if _, ok := dist[v]; !ok {
			dist[v], parent[v] = 0, hop{-1, Initial}
			back = append(back, v)
		}
	}
	goal := int32(-1)
	done := map[int32]bool{}
	for len(front)+len(back) > 0 {
		var v int32
		if n := len(front); n > 0 {
			v, front = front[n-1], front[:n-1]
		} else {
			v, back = back[0], back[1:]
		}
		if done[v] {
			continue
		}
		done[v] = true
		if c.finished(v) {
			goal = v
			break
		}
		for _, e := range c.adj[v] {
			cost := 1
			if c.state[e.to] == c.state[v] {
				cost = 0
			}
			if d, ok := dist[e.to]; ok && d <= dist[v]+cost {
				continue
			}
			dist[e.to], parent[e.to] = dist[v]+cost, hop{v, e.action}
			if cost == 0 {
				front = append(front, e.to)
			} else {
				back = append(back, e.to)
			}
		}
	}
	if goal < 0 {
		panic(fmt.Sprintf("liveness: no finished product node reachable (%d nodes)", len(c.state)))
	}
	var rev []Step
	for v := goal; v >= 0; v = parent[v].from {
		rev = append(rev, Step{State: c.state[v], Action: parent[v].action})
	}
	var out []Step
	for i := len(rev) - 1; i >= 0; i-- {
		st := rev[i]
		if len(out) > 0 && out[len(out)-1].State == st.State {
			continue
		}
		out = append(out, st)
	}
	return out
}

func (w *PrefixWatch) allHold(fs []*formula, s, t int32) (bool, error) {
	for _, f := range fs {
		ok, err := w.holds(f, s, t)
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

// holds evaluates a propositional formula on the step s -> t (state leaves
// on s).
func (w *PrefixWatch) holds(f *formula, s, t int32) (bool, error) {
	switch f.op {
	case opLeaf:
		var v bool
		var err error
		if f.action {
			v, err = w.g.ActionPred(f.leaf, s, t)
		} else {
			k := [2]int64{int64(f.leaf), int64(s)}
			var ok bool
			if v, ok = w.memo[k]; !ok {
				if v, err = w.g.StatePred(f.leaf, s); err == nil {
					w.memo[k] = v
				}
			}
		}
		return v != f.neg, err
	case opAnd:
		for _, k := range f.kids {
			if ok, err := w.holds(k, s, t); err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	case opOr:
		for _, k := range f.kids {
			if ok, err := w.holds(k, s, t); err != nil || ok {
				return ok, err
			}
		}
		return false, nil
	}
	return false, nil
}
