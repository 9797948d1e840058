package liveness

// Leaves are the predicates TLC evaluates on a state as it adds the state
// to its behaviour graph, once the state's successors are generated
// (LiveCheck.addNextState: OrderOfSolution.checkState on the state, then
// checkAction on each step from it, stuttering included), so that an
// error in one stops the search there. State are evaluated on the state,
// Step on each of its steps; StateProp and StepProp give the property of
// each (the first that uses it).
//
// Succ lists the State leaves (their indexes in State) that TLC evaluates
// on a state as generated rather than as expanded (SuccessorLeaves: those
// its tableau checks, isConsistent of each successor), at most 63: the
// search evaluates them on each state when the state that first found it
// is added to the graph (an initial state: when found).
type Leaves struct {
	State, Step         []int
	StateProp, StepProp []int
	Succ                []int
}

// LeavesOf lists the leaves of the properties, in the order evalLeaves
// evaluates them: the ENABLED of the fairness, then the leaves of the
// clauses. With fairSteps the fairness's <<A>>_v are among the Step
// leaves, as in TLC's checkAction.
func LeavesOf(props []*Property, fairSteps bool) *Leaves {
	l := &Leaves{}
	seen := map[[2]int]bool{}
	add := func(prop, id int, action bool) {
		k := [2]int{id, 0}
		if action {
			k[1] = 1
		}
		if seen[k] {
			return
		}
		seen[k] = true
		if action {
			l.Step, l.StepProp = append(l.Step, id), append(l.StepProp, prop)
		} else {
			l.State, l.StateProp = append(l.State, id), append(l.StateProp, prop)
		}
	}
	for i, p := range props {
		var walk func(f *formula)
		walk = func(f *formula) {
			if f.op == opLeaf {
				add(i, f.leaf, f.action)
			}
			for _, k := range f.kids {
				walk(k)
			}
		}
		for _, f := range p.fair {
			add(i, f.Enabled, false)
			if fairSteps {
				add(i, f.Step, true)
			}
		}
		for _, cl := range p.clauses {
			for _, fs := range [][]*formula{cl.always, cl.ev, cl.ae, cl.ea, cl.tab} {
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
	succ := map[int]bool{}
	for _, leaf := range SuccessorLeaves(props) {
		succ[leaf] = true
	}
	for i, leaf := range l.State {
		if succ[leaf] {
			l.Succ = append(l.Succ, i)
		}
	}
	if len(l.Succ) > 63 {
		l.Succ = nil
	}
	return l
}

// Bits is the number of bits the values of the leaves take for a state
// with n successors: one per State leaf, then for each Step leaf one per
// step (the n successors in order, then the stuttering step).
func (l *Leaves) Bits(n int) int { return len(l.State) + len(l.Step)*(n+1) }

// StepBit is the bit of Step leaf j on step k of a state with n
// successors (k = n: its stuttering step).
func (l *Leaves) StepBit(j, k, n int) int { return len(l.State) + j*(n+1) + k }

// Recorded is a Graph whose states' leaves were evaluated during the
// search (TLC's way): Recorded(s) is state s's values in the layout of
// Leaves.Bits over Successors(s), nil when s was not evaluated. CheckAll
// takes these values instead of evaluating the leaves again.
type Recorded interface {
	Recorded(s int32) []uint64
}

// preset fills the tables with the values the search recorded.
func (c *cache) preset(r Recorded, l *Leaves) {
	for s := 0; s < c.n; s++ {
		bits := r.Recorded(int32(s))
		if bits == nil {
			continue
		}
		get := func(i int) bool { return bits[i>>6]&(1<<(uint(i)&63)) != 0 }
		for i, leaf := range l.State {
			if leaf < len(c.state) && c.state[leaf] != nil {
				c.state[leaf].set(s, get(i))
			}
		}
		n := int(c.off[s+1] - c.off[s])
		stutter, base := int(c.off[c.n])+s, int(c.off[s])
		for j, leaf := range l.Step {
			if leaf >= len(c.step) || c.step[leaf] == nil {
				continue
			}
			t := c.step[leaf]
			for k := 0; k < n; k++ {
				t.set(base+k, get(l.StepBit(j, k, n)))
			}
			t.set(stutter, get(l.StepBit(j, n, n)))
		}
	}
}
