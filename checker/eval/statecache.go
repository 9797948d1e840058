package eval

import "sync/atomic"

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
	// with coverage: the counts its computation made, replayed at each use
	// (TLC evaluates it at each use), and whether it was computed under a
	// prime (where an inlined argument counts at each use)
	cov    []covInc
	primed bool
	view   bool // a function definition's lazy function, used through views
	// computed where nothing counts (cov is empty): not for a context
	// that counts (SetCoverage may turn counting off and on again)
	uncounted bool
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
	return c.stateCachedEntry(slot)
}

// stateCachedEntry is the value kept in slot for the current state, or nil.
func (c *Ctx) stateCachedEntry(slot int32) Value {
	if int(slot) >= len(c.stateCache) {
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
func (c *Ctx) keepStateValue(slot int32, v Value) *stateCached {
	if int(slot) >= len(c.stateCache) {
		n := max(int(slot)+1, 2*len(c.stateCache))
		grown := make([]stateCached, n)
		copy(grown, c.stateCache)
		c.stateCache = grown
	}
	e := &c.stateCache[slot]
	e.state = append(e.state[:0], c.Cur...)
	e.v, e.lazy = v, c.keepLazy
	return e
}

// stateCallCov is the use of the state-level definition d with coverage:
// its value is kept for the state as without coverage, with the counts its
// computation made, which each use replays, so that the counts are those
// of TLC, which evaluates it at each use. A value whose computation made
// lazy values that keep results (a set filter, a lazy function) is not
// kept: their results would serve later uses, whose evaluations TLC counts.
// A function definition's lazy function is kept, used through a view per
// use (viewApply).
func (p *Program) stateCallCov(d *def, slot int32, l *Loc) expr {
	fn := d.kind == dFunc
	var arenaHint atomic.Int32 // the largest counts arena of d's kept values
	return func(c *Ctx, f *frame) Value {
		once := c.viewOnce == d
		if once {
			c.viewOnce = nil // not for the uses its computation makes
		}
		if c.prog.debug == nil {
			if v := c.stateCachedEntry(slot); v != nil {
				if e := &c.stateCache[slot]; e.primed == (c.primed > 0) && (!e.uncounted || !c.covOn) {
					c.replay(e.cov)
					if e.view {
						return c.lazyUse(v.(*LazyFcnV), once)
					}
					return v
				}
			}
		}
		c.enter(l)
		mark := c.frames.mark()
		rec, made := c.covRec, c.lazyMade
		defer c.covRecRestore(rec)
		start := c.covRecBegin()
		v := d.e(c, c.frames.frameFor(d.fs))
		c.frames.release(mark)
		c.depth--
		if c.prog.debug != nil {
			c.covRecEnd(start, nil, false)
			return v
		}
		lf, _ := v.(*LazyFcnV)
		view := fn && c.lazyMade == made+1 && lf != nil && lf.lazyCov == nil
		if c.lazyMade != made && !view {
			c.covRecEnd(start, nil, false)
			return v
		}
		e := c.keepStateValue(slot, v)
		e.cov = c.covRecEnd(start, e.cov[:0], true)
		e.primed, e.view, e.uncounted = c.primed > 0, view, !c.covOn
		if view {
			// its results' counts, in an arena of the size the last
			// ones reached (appending from empty made it 2x in copies)
			lf.lazyCov = &lazyCov{arenaHint: &arenaHint}
			if n := arenaHint.Load(); n > 0 {
				lf.covArena = make([]covInc, 0, n)
			}
			return c.lazyUse(lf, once)
		}
		return v
	}
}

// lazyUse is a use of the kept lazy function base: a view of it, or,
// when the use is an application f[a] (once: applyOnce applies it), base
// itself, to be applied as a fresh view would be, without making one.
func (c *Ctx) lazyUse(base *LazyFcnV, once bool) *LazyFcnV {
	if !once {
		return c.lazyView(base)
	}
	c.lazyMade++ // as for a view: the value using it is not kept
	c.onceBase = base
	return base
}

// applyOnce is f[arg] for a fresh view f of the kept function b (lazyUse),
// as applyFcn computes it, without making the view: b's result for arg
// with its counts replayed, or computed and kept in b with its counts.
func (c *Ctx) applyOnce(b *LazyFcnV, arg Value, l *Loc) Value {
	ok, err := member(arg, b.Dom)
	if err != nil || !ok {
		check(l, err)
		throw(l, "%s", lazyDomainMsg(newView(b), arg))
	}
	c.enter(l)
	arg = normV(arg)
	fp := Fingerprint(arg)
	b.mu.Lock()
	i := b.memoFind(fp, arg)
	var v Value
	var sp covSpan
	if i >= 0 {
		v, sp = b.memoList[i].val, b.covSpans[i]
		if sp.hi >= 0 {
			// a fresh view takes it for the first time: its counts again
			for _, in := range b.covArena[sp.lo:sp.hi] {
				c.count(in.n, in.d)
			}
			b.mu.Unlock()
			c.depth--
			return v
		}
	}
	b.mu.Unlock()
	v, rec := c.applyRecorded(b, arg)
	if i < 0 {
		b.keepResult(c, fp, arg, v, rec)
	}
	c.depth--
	return v
}

// keepResult keeps v, b's result for arg, with its counts (c.covTmp) when
// they were recorded, unless another context kept one meanwhile; the index
// of the result kept.
func (b *LazyFcnV) keepResult(c *Ctx, fp uint64, arg, v Value, rec bool) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	if i := b.memoFind(fp, arg); i >= 0 {
		return i
	}
	sp := covSpan{-1, -1}
	if rec {
		sp = covSpan{int32(len(b.covArena)), int32(len(b.covArena) + len(c.covTmp))}
		b.covArena = append(b.covArena, c.covTmp...)
		if h := b.arenaHint; h != nil && len(b.covArena) <= arenaHintMax && int32(len(b.covArena)) != h.Load() {
			h.Store(int32(len(b.covArena)))
		}
	}
	b.memoPut(fp, arg, v)
	b.covSpans = append(b.covSpans, sp)
	return len(b.memoList) - 1
}

// lazyView is a use of the kept lazy function base: its own results, the
// kept ones taken with their counts.
func (c *Ctx) lazyView(base *LazyFcnV) *LazyFcnV {
	c.lazyMade++
	return newView(base)
}

func newView(base *LazyFcnV) *LazyFcnV {
	a := &lazyViewAlloc{f: LazyFcnV{Dom: base.Dom, Apply: base.Apply, ActApply: base.ActApply, prog: base.prog, home: base.home}}
	a.lc.base = base
	a.lc.seen = a.lc.seenArr[:0]
	a.f.lazyCov = &a.lc
	return &a.f
}

// arenaHintMax bounds the counts arena a kept function starts with (16
// bytes an entry).
const arenaHintMax = 1 << 10

// covSpan is where a kept result's counts are in covArena (hi < 0: none
// recorded, computed where nothing counts or making lazy values).
type covSpan struct{ lo, hi int32 }

// viewApply is f[arg] for a view f (lazyView): computed once per view, as
// a fresh function's; a result of the kept function serves with its counts
// replayed the first time this view takes it, and a result computed here
// is kept with its counts.
func (f *LazyFcnV) viewApply(c *Ctx, arg Value) Value {
	arg = normV(arg)
	fp := Fingerprint(arg)
	f.mu.Lock()
	v, ok := f.memoGet(fp, arg) // results of its own (not kept)
	f.mu.Unlock()
	if ok {
		return v
	}
	b := f.base
	b.mu.Lock()
	i := b.memoFind(fp, arg)
	var sp covSpan
	if i >= 0 {
		v, sp = b.memoList[i].val, b.covSpans[i]
	}
	b.mu.Unlock()
	if i >= 0 && sp.hi >= 0 {
		f.mu.Lock()
		first := f.took(int32(i))
		f.mu.Unlock()
		if first {
			b.mu.Lock()
			for _, in := range b.covArena[sp.lo:sp.hi] {
				c.count(in.n, in.d)
			}
			b.mu.Unlock()
		}
		return v
	}
	v, rec := c.applyRecorded(f, arg)
	if i < 0 {
		i = b.keepResult(c, fp, arg, v, rec)
		if rec {
			f.mu.Lock()
			f.took(int32(i))
			f.mu.Unlock()
			return v
		}
	}
	f.mu.Lock()
	f.memoPut(fp, arg, v)
	f.mu.Unlock()
	return v
}

// took records that view f took the kept result i, telling whether it is
// the first time (f.mu held).
func (f *LazyFcnV) took(i int32) bool {
	if f.seenSet != nil {
		if _, ok := f.seenSet[i]; ok {
			return false
		}
		f.seenSet[i] = struct{}{}
		return true
	}
	for _, j := range f.seen {
		if j == i {
			return false
		}
	}
	if len(f.seen) < 16 {
		f.seen = append(f.seen, i)
		return true
	}
	f.seenSet = map[int32]struct{}{i: {}}
	for _, j := range f.seen {
		f.seenSet[j] = struct{}{}
	}
	return true
}

// applyRecorded is f.Apply(arg), its counts left in c.covTmp; false when
// they were not recorded (c does not count) or it made lazy values (its
// result is not to be kept).
func (c *Ctx) applyRecorded(f *LazyFcnV, arg Value) (Value, bool) {
	if !c.covOn {
		return f.Apply(c, arg), false
	}
	rec, made := c.covRec, c.lazyMade
	defer c.covRecRestore(rec)
	start := c.covRecBegin()
	v := f.Apply(c, arg)
	if c.lazyMade != made {
		c.covRecEnd(start, nil, false)
		return v, false
	}
	c.covTmp = c.covRecEnd(start, c.covTmp[:0], true)
	return v, true
}

// covRecBegin starts journaling the counts (covRecEnd), returning where.
func (c *Ctx) covRecBegin() int {
	c.covRec++
	c.covN = nil // counts go through countSlow, which journals
	return len(c.covJ)
}

// covRecEnd ends the journal begun at start, appending its counts, one per
// counter, to out when keep.
func (c *Ctx) covRecEnd(start int, out []covInc, keep bool) []covInc {
	if keep {
		if len(c.covPos) < len(c.covAll) {
			c.covPos = make([]int32, len(c.covAll))
		}
		for _, in := range c.covJ[start:] {
			if i := c.covPos[in.n]; i > 0 {
				out[i-1].d += in.d
			} else {
				out = append(out, in)
				c.covPos[in.n] = int32(len(out))
			}
		}
		for _, in := range out {
			c.covPos[in.n] = 0
		}
	}
	c.covRecRestore(c.covRec - 1)
	return out
}

// covRecRestore brings the journaling back to depth rec (deferred: an
// evaluation error leaves it deeper).
func (c *Ctx) covRecRestore(rec int) {
	if c.covRec == rec {
		return
	}
	c.covRec = rec
	if rec == 0 {
		c.covJ = c.covJ[:0]
		if c.covOn {
			c.covN = c.covAll
		}
	}
}

// replay counts again the counts of a kept computation.
func (c *Ctx) replay(cov []covInc) {
	for _, in := range cov {
		c.count(in.n, in.d)
	}
}
