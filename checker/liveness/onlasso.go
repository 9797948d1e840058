package liveness

// ViolatedOn reports whether the behaviour of the lasso l in g violates the
// property p alone (without the specification's fairness), as TLC's
// LiveExprNode.evalOnLasso decides it: Liveness.findViolatedProperties
// evaluates every temporal property on the counterexample it found, to
// name each one it violates ("Temporal properties P and Q were
// violated."). The formula is read at the lasso's first state; the
// behaviour is Steps, then Steps[Loop:] forever.
func ViolatedOn(g Graph, l *Lasso, p *Property) (bool, error) {
	if p == nil || p.f == nil || len(l.Steps) == 0 {
		return false, nil
	}
	e := &lassoEval{g: g, l: l, memo: map[lassoKey]bool{}}
	ok := e.at(p.f, 0)
	return !ok, e.err
}

type lassoKey struct {
	f *formula
	i int
}

type lassoEval struct {
	g    Graph
	l    *Lasso
	err  error
	memo map[lassoKey]bool
}

// next is the position after i: the loop closes from the last state back
// to Steps[Loop] (to itself when it stutters).
func (e *lassoEval) next(i int) int {
	if i+1 < len(e.l.Steps) {
		return i + 1
	}
	return e.l.Loop
}

// at evaluates f at position i. Every position from i on is in
// [min(i, Loop), len-1]: the rest of the prefix, then the cycle forever.
func (e *lassoEval) at(f *formula, i int) bool {
	if e.err != nil {
		return false
	}
	switch f.op {
	case opLeaf:
		return e.leaf(f, i) != f.neg
	case opNot:
		return !e.at(f.kids[0], i)
	case opAnd:
		for _, k := range f.kids {
			if !e.at(k, i) {
				return false
			}
		}
		return true
	case opOr:
		for _, k := range f.kids {
			if e.at(k, i) {
				return true
			}
		}
		return false
	case opBox, opDia:
		key := lassoKey{f, min(i, e.l.Loop)}
		if v, ok := e.memo[key]; ok {
			return v
		}
		want := f.op == opDia // <> looks for a position where it holds
		v := !want
		for j := key.i; j < len(e.l.Steps); j++ {
			if e.at(f.kids[0], j) == want {
				v = want
				break
			}
		}
		e.memo[key] = v
		return v
	}
	return false
}

// leaf evaluates a leaf at position i: a state predicate on its state, an
// action predicate on its step to the next position.
func (e *lassoEval) leaf(f *formula, i int) bool {
	s := e.l.Steps[i].State
	var ok bool
	var err error
	if !f.action {
		ok, err = e.g.StatePred(f.leaf, s)
	} else {
		n := e.next(i)
		t, label := e.l.Steps[n].State, e.l.BackAction
		if i+1 < len(e.l.Steps) {
			label = e.l.Steps[i+1].Action
		}
		k := -2
		if sg, isStep := e.g.(StepGraph); isStep {
			if label == Stutter && s == t {
				k = -1
			} else {
				for j, ed := range e.g.Successors(s) {
					if ed.To == t && ed.Action == label {
						k = j
						break
					}
				}
			}
			if k >= -1 {
				ok, err = sg.StepPred(f.leaf, s, k)
			}
		}
		if k < -1 {
			ok, err = e.g.ActionPred(f.leaf, s, t)
		}
	}
	if err != nil {
		e.err = err
		return false
	}
	return ok
}
