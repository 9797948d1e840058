package eval

import (
	"math/rand"
	"sync"
	"time"
)

// AnyV is TLC's Any: a set every value is a member of. It cannot be
// enumerated; TLC prints it as ANY.
type AnyV struct{}

func (AnyV) kind() kind { return kSet }

// seqArg is a as a sequence, or an error built from format (one %s: the
// value) at l.
func seqArg(a Value, l *Loc, format string) *FcnV {
	switch f := a.(type) {
	case *FcnV:
		if f.Seq {
			return f
		}
		if len(f.Vals) == 0 {
			return mkTuple(nil)
		}
	case *LazyFcnV:
		n, err := normalize(f)
		check(l, err)
		if n.(*FcnV).Seq {
			return n.(*FcnV)
		}
	}
	throwModule(l, format, Pretty(a))
	return nil
}

// intArg is a as an integer, or TLC's "The <pos> argument of <op> should be
// a <what>" error.
func intArg(a Value, l *Loc, pos, op, what string) int64 {
	n, ok := a.(Int)
	if !ok {
		throwModule(l, "The %s argument of %s should be a %s, but instead it is:\n%s", pos, op, what, Pretty(a))
	}
	return int64(n)
}

// fcnArg is a as a function with a finite domain, or TLC's argument error.
func fcnArg(a Value, l *Loc, pos, op, what string) *FcnV {
	switch f := a.(type) {
	case *FcnV:
		return f
	case *LazyFcnV:
		if n, err := normalize(f); err == nil {
			return n.(*FcnV)
		}
	}
	throwModule(l, "The %s argument of %s should be a %s, but instead it is:\n%s", pos, op, what, Pretty(a))
	return nil
}

// wrongValue is TLC's error for an operator applied to a value of the
// wrong kind.
func wrongValue(l *Loc, op, what string, v Value) {
	throwModule(l, "Applying %s to the following value,\nwhich is not %s:\n%s", op, what, Pretty(v))
}

// finiteSet enumerates a finite set, or fails with wrongValue.
func finiteSet(a Value, l *Loc, op string) []Value {
	if !isSet(a) {
		wrongValue(l, op, "a finite set", a)
	}
	es, err := enumerate(a)
	if err != nil {
		wrongValue(l, op, "a finite set", a)
	}
	return es
}

// setArg enumerates a finite set, or fails with TLC's argument error.
func setArg(a Value, l *Loc, pos, op string) []Value {
	if !isSet(a) {
		throwModule(l, "The %s argument of %s should be a finite set, but instead it is:\n%s", pos, op, Pretty(a))
	}
	es, err := enumerate(a)
	if err != nil {
		throwModule(l, "The %s argument of %s should be a finite set, but instead it is:\n%s", pos, op, Pretty(a))
	}
	return es
}

// isFinite is FiniteSets' IsFiniteSet as TLC decides it: from the form of
// the set, without enumerating it.
func isFinite(a Value, l *Loc) bool {
	switch s := a.(type) {
	case *SetV, *IntervalV:
		return true
	case NatV, IntSetV, StringV, *SeqSetV, AnyV:
		return false
	case *SubsetV:
		return isFinite(s.Base, l)
	case *FuncSetV:
		return isFinite(s.Dom, l) && isFinite(s.Rng, l)
	case *RecSetV:
		for _, t := range s.Sets {
			if !isFinite(t, l) {
				return false
			}
		}
		return true
	case *ProductV:
		for _, t := range s.Sets {
			if !isFinite(t, l) {
				return false
			}
		}
		return true
	case *UnionV:
		if !isFinite(s.Base, l) {
			return false
		}
		outer, err := enumerate(s.Base)
		check(l, err)
		for _, o := range outer {
			if !isFinite(o, l) {
				return false
			}
		}
		return true
	case *FilterV:
		if !isFinite(s.Base, l) {
			throw(l, "Attempted to check if expression of form {x \\in S : p(x)} is a finite set, but cannot check if S:\n%s\nis finite.", Pretty(s.Base))
		}
		return true
	case *DiffV:
		return isFinite(s.A, l)
	case *CupV:
		return isFinite(s.A, l) && isFinite(s.B, l)
	case Int:
		throw(l, "Attempted to check if the integer %d is a finite set.", int64(s))
	case Str:
		throw(l, "Attempted to check if the string %s is a finite set.", Pretty(s))
	case *FcnV, *LazyFcnV:
		throw(l, "Attempted to check if the function:\n%s\nis a finite set.", Pretty(a))
	}
	throw(l, "Attempted to check if the value:\n%s\nis a finite set.", Pretty(a))
	return false
}

// randState is a program's random source (RandomElement, Randomization).
// As in TLC's breadth-first search, the draws made while computing the
// successors of a state come from a source seeded with the state's
// fingerprint xor the seed, so that a state always has the same successors
// (error traces are rebuilt by evaluating the next-state relation again);
// the draws of the initial predicate come from the seed alone. The seed is
// drawn from the clock unless SetSeed chose it.
type randState struct {
	mu     sync.Mutex
	seed   int64
	seeded bool
	// per evaluation context: the state its source is seeded for
	byCtx map[*Ctx]*ctxRand
}

type ctxRand struct {
	fp     uint64 // fingerprint of the state the source is seeded for
	seeded bool
	r      *rand.Rand
}

// SetSeed seeds the draws of RandomElement and the Randomization module
// (TLC's -seed).
func (p *Program) SetSeed(seed int64) {
	p.std.rnd.mu.Lock()
	p.std.rnd.seed, p.std.rnd.seeded, p.std.rnd.byCtx = seed, true, nil
	p.std.rnd.mu.Unlock()
}

// intn draws uniformly from [0, n) for an evaluation in c.
func (p *Program) intn(c *Ctx, n int64) int64 {
	st := &p.std.rnd
	st.mu.Lock()
	if !st.seeded {
		st.seed, st.seeded = time.Now().UnixNano(), true
	}
	if st.byCtx == nil || len(st.byCtx) > 1024 {
		st.byCtx = map[*Ctx]*ctxRand{}
	}
	cr := st.byCtx[c]
	if cr == nil {
		cr = &ctxRand{r: rand.New(rand.NewSource(st.seed))}
		st.byCtx[c] = cr
	}
	seed := st.seed
	st.mu.Unlock()
	var cur []Value
	if c != nil {
		cur = c.Cur
	}
	if complete(cur) {
		// compared by value: a checker may reuse a state's slice
		if fp := StateFingerprint(cur); !cr.seeded || fp != cr.fp {
			cr.fp, cr.seeded = fp, true
			cr.r.Seed(int64(fp) ^ seed)
		}
	}
	return cr.r.Int63n(n)
}

// coin is TRUE with probability prob.
func (p *Program) coin(c *Ctx, prob float64) bool {
	const scale = 1 << 53
	return float64(p.intn(c, scale)) < prob*scale
}

// randomElement is TLC's RandomElement: sets of functions, records and
// tuples and intervals are drawn from part by part without enumerating
// them.
func (p *Program) randomElement(c *Ctx, s Value, l *Loc) Value {
	switch x := s.(type) {
	case *IntervalV:
		if x.Hi < x.Lo {
			break
		}
		return Int(x.Lo + p.intn(c, x.Hi-x.Lo+1))
	case *FuncSetV:
		dom := finiteSet(x.Dom, l, "RandomElement")
		vals := make([]Value, len(dom))
		for i := range dom {
			vals[i] = p.randomElement(c, x.Rng, l)
		}
		return canonFcn(dom, vals)
	case *RecSetV:
		vals := make([]Value, len(x.Sets))
		for i, t := range x.Sets {
			vals[i] = p.randomElement(c, t, l)
		}
		return mkRecord(x.Names, vals)
	case *ProductV:
		vals := make([]Value, len(x.Sets))
		for i, t := range x.Sets {
			vals[i] = p.randomElement(c, t, l)
		}
		return mkTuple(vals)
	case *SubsetV:
		base := finiteSet(x.Base, l, "RandomElement")
		var sub []Value
		for _, e := range base {
			if p.coin(c, 0.5) {
				sub = append(sub, e)
			}
		}
		return &SetV{elems: sub}
	}
	es := finiteSet(s, l, "RandomElement")
	if len(es) == 0 {
		throw(l, "Attempted to apply RandomElement to the empty set.")
	}
	return es[p.intn(c, int64(len(es)))]
}

// stdState is what the standard modules keep per program.
type stdState struct {
	rnd randState
	// trace is the behaviour leading to the state being evaluated, set by
	// the checker (TLCExt's Trace).
	trace func(c *Ctx) ([][]Value, bool)
	// counterExample is TLCExt's CounterExample, set by the checker when
	// it found a violation.
	counterExample Value
	// allowExec lets IOUtils run commands (AllowIOExec)
	allowExec bool
}

// SetTraceFunc gives TLCExt's Trace the states of the behaviour that led
// to c's current state (c.Cur), initial state first, c.Cur last; ok is
// false where no trace is known.
func (p *Program) SetTraceFunc(f func(c *Ctx) (states [][]Value, ok bool)) { p.std.trace = f }

// SetCounterExample sets TLCExt's CounterExample: a record
// [state |-> {<<i, s>>, ...}, action |-> {<<<<i, s>>, a, <<j, t>>>>, ...}]
// as TLC builds it.
func (p *Program) SetCounterExample(v Value) { p.std.counterExample = v }

// complete reports whether state has all its variables: not the state the
// initial predicate is building.
func complete(state []Value) bool {
	for _, v := range state {
		if v == nil {
			return false
		}
	}
	return len(state) > 0
}
