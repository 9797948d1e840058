package eval

// State-level definitions are evaluated once per state.
//
// A definition without parameters whose value depends on the state, and on
// nothing else, has one value per state: `sc[<<x, y>> \in D] == ... grid
// ...` applied to each neighbour of each cell, `Msgs == {m \in msgs : ...}`
// tested in every action. TLC evaluates it at each use; the checker keeps
// the last value a context computed, with the values of the state it was
// computed in, and returns it while the state's values are the same ones
// (values are immutable: the same value is the same state). A lazy function
// so kept also keeps the results its applications computed. Errors are not
// kept: a definition that fails fails again at each use, as in TLC.

// stateCached is a context's kept value of one state-level definition.
type stateCached struct {
	state []Value // the variables' values it was computed with
	v     Value
	lazy  bool // computed with keepLazy (a function constructor left lazy)
}

// stateSlot is the slot of d's kept values (stateCache), or -1 when its
// value may depend on more than the state: it has parameters, is a
// substitution or part of a parameterized instance, reads the next state,
// or reaches an operator whose value depends on the run or that shows its
// evaluation (Print, TLCGet, RandomElement).
func (p *Program) stateSlot(d *def) int32 {
	switch {
	case d.stSlot > 0:
		return d.stSlot - 1
	case d.stSlot < 0:
		return -1
	}
	ok := d.env != nil && d.env.fallback == nil && d.env.instKey == nil && d.instKey == nil
	switch {
	case !ok:
	case d.kind == dOp:
		ok = len(d.params) == 0 && d.body != nil && !p.usesNext(d) && !p.showsFrom(d)
	case d.kind == dFunc:
		ok = d.fdef != nil && !p.nodeUsesNext(d.env, d.fdef) && !p.showsFrom(d)
	default:
		ok = false
	}
	if !ok {
		d.stSlot = -1
		return -1
	}
	d.stSlot = p.stateSlots.Add(1) // slot + 1
	return d.stSlot - 1
}

// showsFrom reports whether evaluating d may reach a builtin that shows
// (as reaches). The answers are kept: a definition whose answer is known
// is not looked into again, so that the definitions of a large
// specification are not each walked through all they use.
func (p *Program) showsFrom(d *def) bool {
	p.showsMu.Lock()
	defer p.showsMu.Unlock()
	if v, ok := p.showsKnown[d]; ok {
		return v
	}
	if p.showsKnown == nil {
		p.showsKnown = map[*def]bool{}
	}
	seen := map[*def]bool{}
	found := false
	var visit func(x *def)
	visit = func(x *def) {
		if found || seen[x] {
			return
		}
		seen[x] = true
		if v, ok := p.showsKnown[x]; ok {
			found = v // a complete answer: x's uses need no walk
			return
		}
		if x.kind == dBuiltin {
			found = shows(x.bi)
			return
		}
		p.callees(x, visit)
	}
	visit(d)
	p.showsKnown[d] = found
	return found
}

// shows: a builtin whose value depends on the run or whose evaluation is
// seen (not to be skipped by a kept value).
func shows(bi *builtin) bool { return bi.impure || bi.draws || sideEffects[bi] }

// stateCachedValue is the value kept in slot for the current state, or nil.
func (c *Ctx) stateCachedValue(slot int32) Value {
	if int(slot) >= len(c.stateCache) || c.prog.cov != nil || c.prog.debug != nil {
		return nil
	}
	e := &c.stateCache[slot]
	if e.v == nil || e.lazy != c.keepLazy || len(e.state) != len(c.Cur) {
		return nil
	}
	for i, v := range c.Cur {
		if e.state[i] != v {
			return nil
		}
	}
	return e.v
}

// keepStateValue keeps v in slot for the current state.
func (c *Ctx) keepStateValue(slot int32, v Value) {
	if c.prog.cov != nil || c.prog.debug != nil {
		return
	}
	if int(slot) >= len(c.stateCache) {
		n := max(int(slot)+1, 2*len(c.stateCache))
		grown := make([]stateCached, n)
		copy(grown, c.stateCache)
		c.stateCache = grown
	}
	e := &c.stateCache[slot]
	e.state = append(e.state[:0], c.Cur...)
	e.v, e.lazy = v, c.keepLazy
}
