package eval

import (
	"math"
	"sort"
	"strconv"

	"github.com/tlals/tlals/parser/ast"
)

// The modules TLC implements natively beside the ones in stdlib.go:
// TLCExt, Randomization and Json. Their texts (analysis/stdlib) are never
// evaluated.
func extraModules() map[string]*stdModule {
	return map[string]*stdModule{
		"TLCExt":        {extends: []string{"TLC"}, ops: tlcExtOps()},
		"Randomization": {ops: randomizationOps()},
		"Json":          {ops: jsonOps()},
	}
}

func tlcExtOps() map[string]*builtin {
	return map[string]*builtin{
		// AssertEq prints both sides when they differ, as TLCExt's
		// definition does with PrintT.
		"AssertEq": {arity: 2, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			if equal(args[0], args[1]) {
				return Bool(true)
			}
			c.print(Pretty(Str("Assertion failed")))
			c.print(Pretty(args[0]))
			c.print(Pretty(args[1]))
			return Bool(false)
		}},
		"AssertError": {arity: 2, special: compileAssertError},
		"Trace":       {arity: 0, special: compileTrace},
		"CounterExample": {arity: 0, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			if c != nil && c.prog.std.counterExample != nil {
				return c.prog.std.counterExample
			}
			return mkRecord([]string{"action", "state"}, []Value{mkSet(nil), mkSet(nil)})
		}},
		"ToTrace": b1(func(a Value, l *Loc) Value {
			f, ok := a.(*FcnV)
			var states Value
			if ok {
				if i, found := f.lookup(Str("state")); found {
					states = f.Vals[i]
				}
			}
			if states == nil {
				throw(l, "The argument of ToTrace should be a CounterExample, but instead it is:\n%s", Pretty(a))
			}
			// the states are <<i, s>> pairs; the trace is the s in order of i
			es, err := enumerate(states)
			check(l, err)
			type st struct {
				i int64
				s Value
			}
			var out []st
			for _, e := range es {
				p, ok := e.(*FcnV)
				if !ok || !p.Seq || len(p.Vals) != 2 {
					throw(l, "The argument of ToTrace should be a CounterExample, but instead it is:\n%s", Pretty(a))
				}
				out = append(out, st{toInt(p.Vals[0], l), p.Vals[1]})
			}
			sort.Slice(out, func(i, j int) bool { return out[i].i < out[j].i })
			vals := make([]Value, len(out))
			for i, s := range out {
				vals[i] = s.s
			}
			return mkTuple(vals)
		}),
		"TLCModelValue": b1(func(a Value, l *Loc) Value {
			s, ok := a.(Str)
			if !ok {
				throw(l, "The argument of ModelValue should be a string, but instead it is:\n%s", Pretty(a))
			}
			// after the configuration's model values in TLC's order
			return &ModelValue{Name: string(s), Rank: math.MaxInt32}
		}),
		// TLCDefer evaluates its argument for its effect (TLC runs it when
		// the successor state is handled) and is TRUE.
		"TLCDefer": {arity: 1, impure: true, fn: func(*Ctx, []Value, *Loc) Value { return Bool(true) }},
		"TLCNoOp":  b1(func(a Value, l *Loc) Value { return a }),
		// PickSuccessor asks a user on TLC's console whether to extend the
		// behaviour when its argument is FALSE; the checker has no console
		// dialogue and takes every successor, as a user answering yes.
		"PickSuccessor": {arity: 1, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			if _, ok := args[0].(Bool); !ok {
				throw(l, "In evaluating TLCExt!PickSuccessor, a non-boolean expression was used as the condition of an IF.\n%s", Pretty(args[0]))
			}
			return Bool(true)
		}},
		"TLCCache": b2(func(a, b Value, l *Loc) Value { return a }),
		"TLCFP": b1(func(a Value, l *Loc) Value {
			return Int(int32(Fingerprint(normV(a))))
		}),
		"TLCGetOrDefault": {arity: 2, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			if v, ok := registerValue(c, args[0], l); ok {
				return v
			}
			return args[1]
		}},
		"TLCGetAndSet": {arity: 4, impure: true, opArgs: []int{0, 2, 0, 0}, fn: func(c *Ctx, args []Value, l *Loc) Value {
			old, ok := registerValue(c, args[0], l)
			if !ok {
				old = args[3]
			}
			tlcSet(c, []Value{args[0], opArg(args[1], l, "second", "TLCGetAndSet").Call(c, []Value{old, args[2]})}, l)
			return old
		}},
	}
}

// compileAssertError is AssertError(err, exp): TRUE when evaluating exp
// fails with exactly the message err.
func compileAssertError(p *Program, sc cscope, args []ast.Expr, l *Loc) expr {
	if len(args) != 2 {
		compileErr(l, "operator AssertError takes 2 arguments, got %d", len(args))
	}
	if _, ok := args[0].(*ast.String); !ok {
		compileErr(l, "In computing AssertError, a non-string expression was used as the err of an AssertError(err, exp).")
	}
	want, exp := p.compile(sc, args[0]), p.compile(sc, args[1])
	return func(c *Ctx, f *frame) (res Value) {
		w := want(c, f)
		depth, mark := c.depth, c.frames.mark()
		defer func() {
			if r := recover(); r != nil {
				c.depth = depth
				c.frames.release(mark)
				var msg string
				switch e := r.(type) {
				case *Error:
					msg = e.Msg
				case *valErr:
					msg = e.msg
				default:
					panic(r)
				}
				res = Bool(Str(msg) == w)
			}
		}()
		exp(c, f)
		return Bool(false)
	}
}

// compileTrace is TLCExt's Trace: the behaviour up to the current state as
// a sequence of records [variable |-> value].
func compileTrace(p *Program, sc cscope, args []ast.Expr, l *Loc) expr {
	if len(args) != 0 {
		compileErr(l, "operator Trace takes no arguments")
	}
	return func(c *Ctx, f *frame) Value {
		if c.Cur == nil {
			throw(l, "In evaluating TLCExt!Trace, the state is not completely specified yet.")
		}
		var states [][]Value
		ok := false
		if c.prog.std.trace != nil {
			states, ok = c.prog.std.trace(c)
		}
		if !ok {
			throw(l, "TLCExt!Trace is not available where it is evaluated.")
		}
		out := make([]Value, len(states))
		for i, s := range states {
			out[i] = c.prog.stateRecord(s)
		}
		return mkTuple(out)
	}
}

// stateRecord is a state as the record [variable |-> value].
func (p *Program) stateRecord(s []Value) Value {
	return mkRecord(append([]string(nil), p.Vars...), append([]Value(nil), s...))
}

// randomizationOps are pure for caching: TLC evaluates a constant-level
// definition of no argument once, random draws included
// (SpecProcessor.processConstantDefns).
func randomizationOps() map[string]*builtin {
	return map[string]*builtin{
		"RandomSubset": {arity: 2, draws: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			k := intArg(args[0], l, "first", "RandomSubset", "nonnegative integer")
			if !isSet(args[1]) || !isFinite(args[1], l) {
				throw(l, "The second argument of RandomSubset should be a a finite set, but instead it is:\n%s", Pretty(args[1]))
			}
			return c.prog.randomSubset(c, k, args[1], l)
		}},
		"RandomSetOfSubsets": {arity: 3, draws: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			k, n, es := subsetsArgs(args, l, "RandomSetOfSubsets")
			if int64(len(es)) < n {
				throw(l, "The second argument of RandomSetOfSubsets should be a nonnegative integer in range 0..Cardinality(S), but instead it is:\n%s", Pretty(args[1]))
			}
			prob := 0.0
			if len(es) > 0 {
				prob = float64(n) / float64(len(es))
			}
			return c.prog.coinSubsets(c, k, prob, es)
		}},
		"RandomSubsetSet": {arity: 3, draws: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			k := intArg(args[0], l, "first", "RandomSubsetSetProbability", "nonnegative integer")
			if k < 0 {
				throw(l, "The first argument of RandomSubsetSetProbability should be a nonnegative integer, but instead it is:\n%d", k)
			}
			ps, ok := args[1].(Str)
			if !ok {
				throw(l, "The second argument of RandomSubsetSetProbability should be a string literal representing a probability, but instead it is:\n%s", Pretty(args[1]))
			}
			prob, err := parseProbability(string(ps))
			if err != nil || prob < 0 || prob > 1 {
				throw(l, "The second argument of RandomSubsetSetProbability should be a string literal does not represent a parsable probability, but instead it is:\n%s", Pretty(args[1]))
			}
			if !isSet(args[2]) || !isFinite(args[2], l) {
				throw(l, "The third argument of RandomSubsetSetProbability should be a finite set, but instead it is:\n%s", Pretty(args[2]))
			}
			es, err := enumerate(args[2])
			check(l, err)
			checkPicks(k, len(es), l, "RandomSubsetSetProbability")
			return c.prog.coinSubsets(c, k, prob, es)
		}},
		"TestRandomSetOfSubsets": {arity: 3, draws: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			k, n, es := subsetsArgs(args, l, "RandomSetOfSubsets")
			prob := 0.0
			if len(es) > 0 {
				prob = float64(n) / float64(len(es))
			}
			out := make([]Value, 5)
			for i := range out {
				out[i] = Int(len(c.prog.coinSubsets(c, k, prob, es).elems))
			}
			return mkTuple(out)
		}},
	}
}

func subsetsArgs(args []Value, l *Loc, op string) (k, n int64, es []Value) {
	k = intArg(args[0], l, "first", op, "nonnegative integer")
	if k < 0 {
		throwModule(l, "The first argument of %s should be a nonnegative integer, but instead it is:\n%d", op, k)
	}
	n = intArg(args[1], l, "second", op, "nonnegative integer")
	if n < 0 {
		throwModule(l, "The second argument of %s should be a nonnegative integer, but instead it is:\n%d", op, n)
	}
	if !isSet(args[2]) || !isFinite(args[2], l) {
		throwModule(l, "The third argument of %s should be a finite set, but instead it is:\n%s", op, Pretty(args[2]))
	}
	es, err := enumerate(args[2])
	check(l, err)
	checkPicks(k, len(es), l, op)
	return k, n, es
}

// checkPicks rejects more picks than S has subsets.
func checkPicks(k int64, size int, l *Loc, op string) {
	if size < 62 && k > int64(1)<<size {
		throwModule(l, "The first argument of %s should be a nonnegative integer that is smaller than the subset's size of 2^%d, but instead it is:\n%d", op, size, k)
	}
}

// coinSubsets draws k subsets of es, each element in with probability
// prob; equal draws collapse as in a set.
func (p *Program) coinSubsets(c *Ctx, k int64, prob float64, es []Value) *SetV {
	out := make([]Value, 0, k)
	for i := int64(0); i < k; i++ {
		var sub []Value
		for _, e := range es {
			if p.coin(c, prob) {
				sub = append(sub, e)
			}
		}
		out = append(out, &SetV{elems: sub})
	}
	return mkSet(out)
}

// randomSubset draws k distinct elements of the finite set s.
func (p *Program) randomSubset(c *Ctx, k int64, s Value, l *Loc) Value {
	if n, ok := lazyCard(s); ok && n > 1<<20 && k <= 1<<10 {
		// a huge set of functions, records or tuples: draw elements
		// one by one instead of enumerating it
		var out []Value
		for int64(len(out)) < k {
			out = mkSet(append(out, p.randomElement(c, s, l))).elems
		}
		return &SetV{elems: out}
	}
	es, err := enumerate(s)
	check(l, err)
	if k >= int64(len(es)) {
		return &SetV{elems: es} // as TLC: the whole set when k exceeds its size
	}
	if k < 0 {
		throw(l, "The first argument of RandomSubset should be a nonnegative integer, but instead it is:\n%d", k)
	}
	pool := append([]Value(nil), es...)
	for i := int64(0); i < k; i++ {
		j := i + p.intn(c, int64(len(pool))-i)
		pool[i], pool[j] = pool[j], pool[i]
	}
	return mkSet(pool[:k])
}

// lazyCard is the size of a finite lazy set computed from its parts.
func lazyCard(s Value) (int64, bool) {
	mul := func(a, b int64) (int64, bool) {
		if a > math.MaxInt32 || b > math.MaxInt32 {
			return 0, false
		}
		return a * b, true
	}
	switch x := s.(type) {
	case *FuncSetV:
		d, ok1 := lazyCard(x.Dom)
		r, ok2 := lazyCard(x.Rng)
		if !ok1 || !ok2 {
			return 0, false
		}
		n := int64(1)
		for i := int64(0); i < d; i++ {
			var ok bool
			if n, ok = mul(n, r); !ok {
				return 0, false
			}
		}
		return n, true
	case *RecSetV, *ProductV:
		var sets []Value
		if r, ok := x.(*RecSetV); ok {
			sets = r.Sets
		} else {
			sets = x.(*ProductV).Sets
		}
		n := int64(1)
		for _, t := range sets {
			k, ok := lazyCard(t)
			if !ok {
				return 0, false
			}
			if n, ok = mul(n, k); !ok {
				return 0, false
			}
		}
		return n, true
	}
	return cheapCard(s)
}

// parseProbability reads a probability written as a decimal string.
func parseProbability(s string) (float64, error) { return strconv.ParseFloat(s, 64) }

// registerValue is TLCGet(key) when it is defined.
func registerValue(c *Ctx, key Value, l *Loc) (v Value, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, isErr := r.(*Error); !isErr {
				panic(r)
			}
			v, ok = nil, false
		}
	}()
	return tlcGet(c, []Value{key}, l), true
}
