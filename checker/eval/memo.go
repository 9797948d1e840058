package eval

import (
	"unsafe"

	"github.com/tlals/tlals/parser/ast"
)

// Calls of constant-level operators are kept by their arguments.
//
// An operator whose body refers to no state variable, no prime and nothing
// whose value depends on the run (Linearize(dag, l), Children(g, v),
// Max(S)) has a value that follows from its arguments' values alone. TLC
// evaluates it at every call; states that share the arguments (the same
// graph in many states that differ elsewhere) compute the same value again.
// A context keeps the results of such calls when the body iterates (a
// quantifier, a set or function constructor, CHOOSE) or recurses, in a
// small direct-mapped table, and returns a kept result for arguments of the
// very same representation (an interval is not the enumerated set it
// equals: the result may print its argument). Only concrete values are
// keys or results: a lazy value keeps frames or evaluates on demand.
// Errors are not kept: a call that fails fails again, as in TLC. The
// debugger sees every evaluation, so it turns the tables off. Coverage
// counts as TLC, which evaluates every call: a kept result keeps the counts
// its computation made, added again at each call that takes it (a pure
// function of the calls made, whichever worker computed what before); a
// call in a primed expression, where an argument counts at each use, is
// not kept.

// memoizable reports whether calls of d may be kept by their arguments.
func (p *Program) memoizable(d *def) bool {
	if d.kind != dOp || d.opdef == nil || d.body == nil || len(d.params) == 0 {
		return false
	}
	if d.env == nil || d.env.fallback != nil || d.env.instKey != nil || d.instKey != nil {
		return false
	}
	for _, prm := range d.params {
		if prm.Arity > 0 {
			return false // an operator argument may read the state
		}
	}
	if !p.pureDef(d) || p.usesNext(d) || p.showsFrom(d) {
		return false
	}
	if d.env.recursive[d.opdef.Name] {
		return true
	}
	iterates := false
	ast.Inspect(d.body, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.Quant, *ast.SetFilter, *ast.SetMap, *ast.Choose, *ast.FuncLit:
			iterates = true
		}
		return !iterates
	})
	return iterates
}

// pureDef reports whether d's value follows from its arguments' and the
// constants' values: its body refers to no state variable and no parameter
// of a parameterized instance, directly or through the definitions it uses,
// evaluates nothing in the next state and no built-in that depends on the
// run. Unlike isConstant (TLC's level bound, which takes any name spelled
// as a state variable for one), names are as analysis resolved them: a
// parameter named as a variable of another module is a parameter.
func (p *Program) pureDef(d *def) bool {
	switch d.kind {
	case dConst, dModelConst:
		return true
	case dVar, dInstParam:
		return false
	case dBuiltin:
		return !shows(d.bi)
	case dSubst:
		return p.pureNode(d.senv, d.sexpr)
	case dOp, dFunc:
	default:
		return false
	}
	switch d.pure {
	case 1, 3:
		return true // 3: recursion, decided by the rest of the cycle
	case 2:
		return false
	}
	d.pure = 3
	var body ast.Node = d.body
	if d.kind == dFunc {
		body = d.fdef
	}
	ok := body != nil && p.pureNode(d.env, body)
	d.pure = 2
	if ok {
		d.pure = 1
	}
	return ok
}

// pureNode: pureDef for the expression n in env.
func (p *Program) pureNode(env *modEnv, n ast.Node) bool {
	return !p.actionOrUse(env, n, func(d *def) bool { return !p.pureDef(d) }, true)
}

// memoTable is a context's kept calls.
type memoTable struct {
	slots   []memoSlot
	inserts int // since the table last grew
	ids     [1 << 8]memoIdent
	stats   []memoStat // by operator (def.memoID)
}

type memoSlot struct {
	id   int32
	h    uint64
	args []Value
	v    Value
	// with coverage, the counts of v's computation (uncounted: computed
	// where nothing counted, not for a context that counts)
	cov       []covInc
	uncounted bool
}

// memoIdent: the hash of a set or function, by identity (the values of a
// state are the arguments of many calls).
type memoIdent struct {
	p unsafe.Pointer
	h uint64
}

// memoStat: an operator whose calls rarely repeat their arguments is not
// kept for a while (hashing its arguments is then all cost).
type memoStat struct {
	calls, hits int32
	off         int32 // calls left without the table
}

const (
	memoMinSlots = 1 << 6
	memoMaxSlots = 1 << 14
	memoWindow   = 1 << 12 // calls judged at a time
	memoOff      = 1 << 16 // calls without the table after a poor window
)

// memoCall wraps the call of d (a memoizable operator) made by call.
func (p *Program) memoCall(d *def, args []expr, l *Loc, call expr) expr {
	id := p.memoIDs.Add(1) - 1
	n := len(args)
	return func(c *Ctx, f *frame) Value {
		if c.keepLazy || p.debug != nil || (p.cov != nil && c.primed > 0) {
			return call(c, f)
		}
		m := c.memo
		if m == nil {
			m = &memoTable{slots: make([]memoSlot, memoMinSlots)}
			c.memo = m
		}
		if int(id) >= len(m.stats) {
			grown := make([]memoStat, max(int(id)+1, 2*len(m.stats)))
			copy(grown, m.stats)
			m.stats = grown
		}
		st := &m.stats[id]
		if st.off > 0 {
			st.off--
			return call(c, f)
		}
		var buf [4]Value
		vs := buf[:0]
		h := fpWord(fpSeed, uint64(id))
		for i := 0; i < n; i++ {
			v := args[i](c, f)
			ah, ok := m.hash(v)
			if !ok {
				// not a key: the values computed are the call's arguments
				return p.callWith(d, c, l, append(vs, v), args[i+1:], f)
			}
			vs = append(vs, v)
			h = fpWord(h, ah)
		}
		h = finish(h)
		st.calls++
		s := &m.slots[h&uint64(len(m.slots)-1)]
		if s.id == id && s.h == h && sameReps(s.args, vs) && (!s.uncounted || !c.covOn) {
			st.hits++
			m.judge(st)
			if p.cov != nil {
				c.replay(s.cov)
			}
			return s.v
		}
		if p.cov != nil {
			return p.memoMissCov(d, c, l, vs, f, id, h)
		}
		v := p.callWith(d, c, l, vs, nil, f)
		// nested calls may have grown the tables
		m.judge(&m.stats[id])
		if !concrete(v, 1<<12) {
			return v
		}
		m.put(id, h, vs, v)
		return v
	}
}

// put keeps v, d's result for the arguments vs (hash h).
func (m *memoTable) put(id int32, h uint64, vs []Value, v Value) *memoSlot {
	if m.inserts++; m.inserts > 2*len(m.slots) && len(m.slots) < memoMaxSlots {
		m.slots, m.inserts = make([]memoSlot, 2*len(m.slots)), 0
	}
	s := &m.slots[h&uint64(len(m.slots)-1)]
	s.id, s.h, s.args, s.v = id, h, append(s.args[:0:0], vs...), v
	return s
}

// memoMissCov is a call not kept, with coverage: its counts are journaled
// (statecache.go: covRecBegin) and kept with its result.
func (p *Program) memoMissCov(d *def, c *Ctx, l *Loc, vs []Value, f *frame, id int32, h uint64) Value {
	rec := c.covRec
	defer c.covRecRestore(rec) // also when the call fails
	start := c.covRecBegin()
	v := p.callWith(d, c, l, vs, nil, f)
	m := c.memo
	m.judge(&m.stats[id]) // (nested calls may have grown the tables)
	if !concrete(v, 1<<12) {
		c.covRecEnd(start, nil, false)
		return v
	}
	s := m.put(id, h, vs, v)
	s.cov = c.covRecEnd(start, s.cov[:0], true)
	s.uncounted = !c.covOn
	return v
}

// judge turns st's table off for a while when a window of calls found
// too few kept results.
func (m *memoTable) judge(st *memoStat) {
	if st.calls < memoWindow {
		return
	}
	if st.hits < memoWindow/16 {
		st.off = memoOff
	}
	st.calls, st.hits = 0, 0
}

// callWith calls d with the argument values vs, then those of rest.
func (p *Program) callWith(d *def, c *Ctx, l *Loc, vs []Value, rest []expr, f *frame) Value {
	mark := c.frames.mark()
	nf := c.frames.frameFor(d.fs)
	copy(nf.s, vs)
	for i, a := range rest {
		nf.s[len(vs)+i] = a(c, f)
	}
	c.enter(l)
	v := d.e(c, nf)
	c.frames.release(mark)
	c.depth--
	return v
}

// hash hashes a concrete value (ok false for any other), sets and
// functions of more than small parts remembered by identity.
func (m *memoTable) hash(v Value) (uint64, bool) {
	switch x := v.(type) {
	case Int:
		return fpWord(uint64(tagInt), uint64(x)), true
	case Bool:
		if x {
			return fpWord(uint64(tagBool), 1), true
		}
		return fpWord(uint64(tagBool), 0), true
	case Str:
		return fpString(uint64(tagStr), string(x)), true
	case *ModelValue:
		return fpString(uint64(tagModel), x.Name), true
	case *IntervalV:
		return fpWord(fpWord(uint64(tagSet), uint64(x.Lo)), uint64(x.Hi)), true
	case *SetV:
		id := &m.ids[(uintptr(unsafe.Pointer(x))>>4)&(uintptr(len(m.ids))-1)]
		if id.p == unsafe.Pointer(x) {
			return id.h, true
		}
		h := fpWord(uint64(tagSet)+1, uint64(len(x.elems)))
		if x.interval {
			h = fpWord(h, 1)
		}
		h, ok := m.hashAll(h, x.elems)
		if !ok {
			return 0, false
		}
		if len(x.elems) > 2 {
			id.p, id.h = unsafe.Pointer(x), h
		}
		return h, true
	case *FcnV:
		id := &m.ids[(uintptr(unsafe.Pointer(x))>>4)&(uintptr(len(m.ids))-1)]
		if id.p == unsafe.Pointer(x) {
			return id.h, true
		}
		h := fpWord(uint64(tagFcn), uint64(len(x.Vals)))
		h = fpWord(h, uint64(x.Rep)<<1|b2u(x.Seq))
		h, ok := m.hashAll(h, x.Dom)
		if ok {
			h, ok = m.hashAll(h, x.Vals)
		}
		if !ok {
			return 0, false
		}
		if len(x.Vals) > 2 {
			id.p, id.h = unsafe.Pointer(x), h
		}
		return h, true
	}
	return 0, false
}

// hashAll folds the hashes of vals into h; false when one cannot be hashed.
func (m *memoTable) hashAll(h uint64, vals []Value) (uint64, bool) {
	for _, e := range vals {
		eh, ok := m.hash(e)
		if !ok {
			return 0, false
		}
		h = fpWord(h, eh)
	}
	return h, true
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// sameReps reports whether a and b hold values of the same representation.
func sameReps(a, b []Value) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameRep(a[i], b[i]) {
			return false
		}
	}
	return true
}

// sameRep reports whether the concrete values a and b are equal and print
// alike.
func sameRep(a, b Value) bool {
	switch x := a.(type) {
	case Int:
		y, ok := b.(Int)
		return ok && x == y
	case Bool:
		y, ok := b.(Bool)
		return ok && x == y
	case Str:
		y, ok := b.(Str)
		return ok && x == y
	case *ModelValue:
		y, ok := b.(*ModelValue)
		return ok && (x == y || x.Name == y.Name)
	case *IntervalV:
		y, ok := b.(*IntervalV)
		return ok && *x == *y
	case *SetV:
		y, ok := b.(*SetV)
		if !ok || x.interval != y.interval || len(x.elems) != len(y.elems) {
			return false
		}
		if x == y {
			return true
		}
		for i := range x.elems {
			if !sameRep(x.elems[i], y.elems[i]) {
				return false
			}
		}
		return true
	case *FcnV:
		y, ok := b.(*FcnV)
		if !ok || x.Seq != y.Seq || x.Rep != y.Rep || len(x.Vals) != len(y.Vals) || len(x.Dom) != len(y.Dom) {
			return false
		}
		if x == y {
			return true
		}
		for i := range x.Dom {
			if !sameRep(x.Dom[i], y.Dom[i]) {
				return false
			}
		}
		for i := range x.Vals {
			if !sameRep(x.Vals[i], y.Vals[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// concrete reports whether v is made of concrete values only (those hash
// and sameRep take), looking at no more than about budget parts.
func concrete(v Value, budget int) bool {
	b := budget
	return concreteIn(v, &b)
}

func concreteIn(v Value, budget *int) bool {
	if *budget--; *budget < 0 {
		return false
	}
	switch x := v.(type) {
	case Int, Bool, Str, *ModelValue, *IntervalV:
		return true
	case *SetV:
		for _, e := range x.elems {
			if !concreteIn(e, budget) {
				return false
			}
		}
		return true
	case *FcnV:
		for _, e := range x.Dom {
			if !concreteIn(e, budget) {
				return false
			}
		}
		for _, e := range x.Vals {
			if !concreteIn(e, budget) {
				return false
			}
		}
		return true
	}
	return false
}
