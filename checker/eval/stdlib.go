package eval

import (
	"math"
	"time"

	"github.com/tlals/tlals/parser/ast"
)

type builtin struct {
	arity int
	fn    func(c *Ctx, args []Value, l *Loc) Value
	// fn1 and fn2, when set, are fn for one and two arguments without
	// the argument slice, which escapes and costs an allocation per call.
	fn1     func(a Value, l *Loc) Value
	fn2     func(a, b Value, l *Loc) Value
	opArgs  []int // arity of operator arguments by position
	special func(p *Program, sc cscope, args []ast.Expr, l *Loc) expr
	impure  bool // not cached as a constant (TLCGet, Print, ...)
	draws   bool // draws a random value (RandomElement, Randomization)
}

type stdModule struct {
	extends []string
	ops     map[string]*builtin
}

// stdModules are the standard modules implemented natively. Their
// operators are known by the module that defines them.
var stdModules map[string]*stdModule

// IsStandardModule reports whether name is implemented natively.
func IsStandardModule(name string) bool { _, ok := stdModules[name]; return ok }

func b0(v Value) *builtin {
	return &builtin{arity: 0, fn: func(*Ctx, []Value, *Loc) Value { return v }}
}

func b1(fn func(a Value, l *Loc) Value) *builtin {
	return &builtin{arity: 1, fn: func(c *Ctx, args []Value, l *Loc) Value { return fn(args[0], l) }, fn1: fn}
}

func b2(fn func(a, b Value, l *Loc) Value) *builtin {
	return &builtin{arity: 2, fn: func(c *Ctx, args []Value, l *Loc) Value { return fn(args[0], args[1], l) }, fn2: fn}
}

// arith is an integer operator of Naturals. TLC's integers are 32-bit:
// a result outside that range is an overflow, reported as TLC does
// ("Overflow when computing 2147483647+1").
func arith(op func(a, b int64) (int64, bool), name string, m javaMethod) *builtin {
	return b2(func(a, b Value, l *Loc) Value {
		x, y := m.int(a, l), m.int(b, l)
		r, ok := op(x, y)
		if !ok || r < math.MinInt32 || r > math.MaxInt32 {
			throwModule(l, "Overflow when computing %d%s%d", x, name, y)
		}
		return Int(r)
	})
}

func cmpInt(op func(a, b int64) bool, name string) *builtin {
	return b2(func(a, b Value, l *Loc) Value {
		x, ok := a.(Int)
		if !ok {
			throwModule(l, "The first argument of %s should be an integer, but instead it is:\n%s", name, Pretty(a))
		}
		y, ok := b.(Int)
		if !ok {
			throwModule(l, "The second argument of %s should be an integer, but instead it is:\n%s", name, Pretty(b))
		}
		return Bool(op(int64(x), int64(y)))
	})
}

func toSeq(v Value, l *Loc, what string) *FcnV {
	switch f := v.(type) {
	case *FcnV:
		if f.Seq {
			return f
		}
	case *LazyFcnV:
		n := mustNorm(f).(*FcnV)
		if n.Seq {
			return n
		}
	}
	throwModule(l, "The argument of %s should be a sequence, but instead it is:\n%s", what, Pretty(v))
	return nil
}

func toFcn(v Value, l *Loc) *FcnV {
	switch f := v.(type) {
	case *FcnV:
		return f
	case *LazyFcnV:
		n, err := normalize(f)
		check(l, err)
		return n.(*FcnV)
	}
	throw(l, "Expected a function, but got %s", Pretty(v))
	return nil
}

func toBool(v Value, l *Loc) bool {
	b, ok := v.(Bool)
	if !ok {
		throw(l, "Expected a boolean, but got %s", Pretty(v))
	}
	return bool(b)
}

// naturalsOps are the operators of Naturals. TLC implements them by the
// Java class tlc2.module.Integers, whatever the spec extends (TLC always
// loads Integers: its TLCExt instantiates it, and the last class that
// defines an operator overrides it), which names itself in its cast
// errors.
func naturalsOps() map[string]*builtin {
	m := func(name string, args int) javaMethod { return javaMethod{"Integers", name, args} }
	return map[string]*builtin{
		"Nat": b0(NatV{}),
		"+":   arith(addInt, "+", m("Plus", 2)),
		"-": arith(func(a, b int64) (int64, bool) {
			if b == math.MinInt64 {
				return 0, false
			}
			return addInt(a, -b)
		}, "-", m("Minus", 2)),
		"*": arith(mulInt, "*", m("Times", 2)),
		"^": b2(func(a, b Value, l *Loc) Value {
			x, y := m("Expt", 2).int(a, l), m("Expt", 2).int(b, l)
			if y < 0 {
				throw(l, "The second argument of ^ should be a natural number, but instead it is:\n%d", y)
			}
			if x == 0 && y == 0 {
				throw(l, "0^0 is undefined.")
			}
			r, base := int64(1), x
			for e := y; e > 0; e >>= 1 {
				var ok bool
				if e&1 == 1 {
					if r, ok = mulInt(r, base); !ok || r < math.MinInt32 || r > math.MaxInt32 {
						throwModule(l, "Overflow when computing %d^%d", x, y)
					}
				}
				if e > 1 {
					if base, ok = mulInt(base, base); !ok || base > math.MaxInt32 {
						throwModule(l, "Overflow when computing %d^%d", x, y)
					}
				}
			}
			return Int(r)
		}),
		"\\div": b2(func(a, b Value, l *Loc) Value {
			x, y := m("Divide", 2).int(a, l), m("Divide", 2).int(b, l)
			if y == 0 {
				throwModule(l, "The second argument of \\div is 0.")
			}
			q := x / y
			if (x%y != 0) && ((x < 0) != (y < 0)) {
				q--
			}
			return Int(q)
		}),
		"%": b2(func(a, b Value, l *Loc) Value {
			x, y := m("Mod", 2).int(a, l), m("Mod", 2).int(b, l)
			if y <= 0 {
				throwModule(l, "The second argument of %% should be a positive number, but instead it is:\n%d", y)
			}
			r := x % y
			if r < 0 {
				r += y
			}
			return Int(r)
		}),
		"<":  cmpInt(func(a, b int64) bool { return a < b }, "<"),
		">":  cmpInt(func(a, b int64) bool { return a > b }, ">"),
		"<=": cmpInt(func(a, b int64) bool { return a <= b }, "<="),
		">=": cmpInt(func(a, b int64) bool { return a >= b }, ">="),
		"..": b2(func(a, b Value, l *Loc) Value {
			return &IntervalV{m("DotDot", 2).int(a, l), m("DotDot", 2).int(b, l)}
		}),
	}
}

// negate is Integers' -. (tlc2.module.Integers.Neg).
func negate(a Value, l *Loc) Value {
	x := javaMethod{"Integers", "Neg", 1}.int(a, l)
	if -x > math.MaxInt32 || -x < math.MinInt32 {
		throwModule(l, "Overflow when computing -%d", x)
	}
	return Int(-x)
}

func init() {
	naturals := naturalsOps()
	integers := map[string]*builtin{
		"Int": b0(IntSetV{}),
		"-.":  b1(negate),
	}
	sequences := map[string]*builtin{
		"Seq": b1(func(a Value, l *Loc) Value { return &SeqSetV{a} }),
		// Len, \o, Tail and SubSeq also take strings (TLC's strings are
		// sequences of characters for these operators, not for Head or Append).
		"Len": b1(func(a Value, l *Loc) Value {
			if s, ok := a.(Str); ok {
				return Int(len(s))
			}
			return Int(len(toSeq(a, l, "Len").Vals))
		}),
		"\\o": b2(func(a, b Value, l *Loc) Value {
			if s, ok := a.(Str); ok {
				t, ok := b.(Str)
				if !ok {
					throw(l, "Evaluating an expression of the form t \\o s when s is not a string:\n%s", Pretty(b))
				}
				return madeStr(string(s + t))
			}
			x := seqArg(a, l, "Evaluating an expression of the form s \\o t when s is not a sequence:\n%s")
			y := seqArg(b, l, "Evaluating an expression of the form t \\o s when s is not a sequence:\n%s")
			vs := make([]Value, 0, len(x.Vals)+len(y.Vals))
			return mkTuple(append(append(vs, x.Vals...), y.Vals...))
		}),
		"Append": b2(func(a, b Value, l *Loc) Value {
			x := seqArg(a, l, "Evaluating an expression of the form Append(s, v) when s is not a sequence:\n%s")
			vs := make([]Value, len(x.Vals), len(x.Vals)+1)
			copy(vs, x.Vals)
			return mkTuple(append(vs, b))
		}),
		"Head": b1(func(a Value, l *Loc) Value {
			x := toSeq(a, l, "Head")
			if len(x.Vals) == 0 {
				throwModule(l, "Attempted to apply Head to the empty sequence.")
			}
			return x.Vals[0]
		}),
		"Tail": b1(func(a Value, l *Loc) Value {
			if s, ok := a.(Str); ok {
				if s == "" {
					throwModule(l, "Attempted to apply Tail to the empty sequence.")
				}
				return madeStr(string(s[1:]))
			}
			x := toSeq(a, l, "Tail")
			if len(x.Vals) == 0 {
				throwModule(l, "Attempted to apply Tail to the empty sequence.")
			}
			return mkTuple(x.Vals[1:])
		}),
		"SubSeq": {arity: 3, fn: func(c *Ctx, args []Value, l *Loc) Value {
			s, isStr := args[0].(Str)
			var x *FcnV
			n := int64(len(s))
			if !isStr {
				x = seqArg(args[0], l, "The first argument of SubSeq should be a sequence, but instead it is:\n%s")
				n = int64(len(x.Vals))
			}
			m, k := intArg(args[1], l, "second", "SubSeq", "natural number"), intArg(args[2], l, "third", "SubSeq", "natural number")
			if m > k {
				if isStr {
					return Str("")
				}
				return mkTuple(nil)
			}
			if m < 1 || m > n {
				throwModule(l, "The second argument of SubSeq must be in the domain of its first argument:\n%s\n, but instead it is\n%d", Pretty(args[0]), m)
			}
			if k < 1 || k > n {
				throwModule(l, "The third argument of SubSeq must be in the domain of its first argument:\n%s\n, but instead it is\n%d", Pretty(args[0]), k)
			}
			if isStr {
				return madeStr(string(s[m-1 : k]))
			}
			return mkTuple(x.Vals[m-1 : k])
		}},
		"SelectSeq": {arity: 2, opArgs: []int{0, 1}, fn: func(c *Ctx, args []Value, l *Loc) Value {
			x := seqArg(args[0], l, "The first argument of SelectSeq should be a sequence, but instead it is:\n%s")
			op := opValueArg(args[1], l, "The second argument of SelectSeq should be a operator, but instead it is:\n%s")
			var out []Value
			for _, v := range x.Vals {
				r, ok := op.Call(c, []Value{v}).(Bool)
				if !ok {
					throw(l, "The second argument of SelectSeq should be a boolean-valued operator, but instead it is:\n%s", op.Name)
				}
				if r {
					out = append(out, v)
				}
			}
			return mkTuple(out)
		}},
	}
	finiteSets := map[string]*builtin{
		"IsFiniteSet": b1(func(a Value, l *Loc) Value {
			defer overridden("public static tlc2.value.IBoolValue tlc2.module.FiniteSets.IsFiniteSet(tlc2.value.impl.Value)")
			return Bool(isFinite(a, l))
		}),
		"Cardinality": b1(func(a Value, l *Loc) Value {
			n, err := card(a)
			if err != nil {
				throwModule(l, "Attempted to compute cardinality of the value\n%s", Pretty(a))
			}
			return Int(n)
		}),
	}
	tlc := map[string]*builtin{
		// TLC builds d :> e and f @@ g over enumerated domains: DOMAIN
		// (1 :> 7) prints {1}
		":>": b2(func(a, b Value, l *Loc) Value {
			fn := mkFcn([]Value{normV(a)}, []Value{b})
			fn.Rep = repSet
			return fn
		}),
		"@@": b2(func(a, b Value, l *Loc) Value {
			f, g := fcnArg(a, l, "first", "@@", "function"), fcnArg(b, l, "second", "@@", "function")
			var dom, vals []Value
			for i := range f.Vals {
				dom = append(dom, f.DomainAt(i))
				vals = append(vals, f.Vals[i])
			}
			for i := range g.Vals {
				if _, ok := f.lookup(g.DomainAt(i)); !ok {
					dom = append(dom, g.DomainAt(i))
					vals = append(vals, g.Vals[i])
				}
			}
			fn := mkFcn(dom, vals)
			fn.Rep = repSet
			return fn
		}),
		"Assert": {arity: 2, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			// TLC's Java Assert fails on anything but TRUE (a
			// non-boolean too)
			if b, ok := args[0].(Bool); !ok || !bool(b) {
				// TLC prints the second argument as a value: a string quoted.
				panic(&Error{Loc: l, Msg: "The first argument of Assert evaluated to FALSE; the second argument was:\n" + Pretty(args[1]), Kind: ErrAssert})
			}
			return Bool(true)
		}},
		// JavaTime is the wall clock in seconds since the epoch, kept
		// nonnegative in 31 bits as TLC does.
		"JavaTime": {arity: 0, impure: true, fn: func(*Ctx, []Value, *Loc) Value {
			return Int(int32(time.Now().Unix()) & 0x7FFFFFFF)
		}},
		"TLCEval": {arity: 1, fn: func(c *Ctx, args []Value, l *Loc) Value { return evalNow(args[0]) }, special: compileTLCEval},
		"Any":     b0(AnyV{}),
		"ToString": b1(func(a Value, l *Loc) Value {
			// TLC's ToString evaluates a lazy function in full: its
			// failure is ToString's, not printed (lazy.go)
			checkAt(l, func() { materialize(a) })
			return madeStr(Format(a))
		}),
		"Permutations": b1(func(a Value, l *Loc) Value {
			es := finiteSet(a, l, "Permutations")
			var out []Value
			perm := make([]int, len(es))
			used := make([]bool, len(es))
			var rec func(i int)
			rec = func(i int) {
				if i == len(es) {
					vals := make([]Value, len(es))
					for k, j := range perm {
						vals[k] = es[j]
					}
					out = append(out, canonFcn(es, vals))
					return
				}
				for j := range es {
					if !used[j] {
						used[j] = true
						perm[i] = j
						rec(i + 1)
						used[j] = false
					}
				}
			}
			rec(0)
			return mkSet(out)
		}),
		"SortSeq": {arity: 2, opArgs: []int{0, 2}, fn: func(c *Ctx, args []Value, l *Loc) Value {
			// TLC words this error "should be a natural number"
			x := seqArg(args[0], l, "The first argument of SortSeq should be a natural number, but instead it is:\n%s")
			op := opValueArg(args[1], l, "The second argument of SortSeq should be a operator, but instead it is:\n%s")
			less := func(a, b Value) bool {
				r, ok := op.Call(c, []Value{a, b}).(Bool)
				if !ok {
					throw(l, "The second argument of SortSeq should be a boolean function, but instead it is:\n%s", op.Name)
				}
				return bool(r)
			}
			// TLC's insertion sort: an element moves left past every
			// element it is "less" than, so a non-strict comparison
			// reorders equal elements exactly as TLC does.
			vs := make([]Value, len(x.Vals))
			for i, v := range x.Vals {
				j := i
				for j > 0 && less(v, vs[j-1]) {
					vs[j] = vs[j-1]
					j--
				}
				vs[j] = v
			}
			return mkTuple(vs)
		}},
		"RandomElement": {arity: 1, draws: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			return c.prog.randomElement(c, args[0], l)
		}},
	}
	stdModules = map[string]*stdModule{
		"Naturals":   {ops: naturals},
		"Integers":   {extends: []string{"Naturals"}, ops: integers},
		"Sequences":  {extends: []string{"Naturals"}, ops: sequences},
		"FiniteSets": {extends: []string{"Naturals", "Sequences"}, ops: finiteSets},
		"TLC":        {extends: []string{"Naturals", "Sequences"}, ops: tlc},
		"Bags":       {extends: []string{"Naturals", "TLC"}, ops: bagOps()}, // Bags.tla: EXTENDS TLC
	}
	for name, m := range extraModules() {
		stdModules[name] = m
	}
	addRuntimeOps(stdModules) // std_runtime.go
}

// Fingerprintable renders a value as a map key.
func Fingerprintable(v Value) string { return Format(v) }

// compileTLCEval compiles TLCEval(e). As TLC, the value of a constant-level
// e with nothing bound around it (no parameter, bound variable or LET
// definition) is kept on the expression: evaluated once for the run, which
// fixes a random draw in it.
// evalNow is TLCEval's value: normalized, and an interval the plain set
// TLC makes of it (TLCEval(1..3) prints {1, 2, 3}).
func evalNow(v Value) Value {
	n := normV(v)
	if s, ok := n.(*SetV); ok && s.interval {
		return &SetV{elems: s.elems}
	}
	return n
}

func compileTLCEval(p *Program, sc cscope, args []ast.Expr, l *Loc) expr {
	if len(args) != 1 {
		compileErr(l, "operator TLCEval takes 1 arguments, got %d", len(args))
	}
	a := p.compile(sc, args[0])
	if sc.b != nil || !p.nodeConstant(sc.env, args[0]) {
		return func(c *Ctx, f *frame) Value { return evalNow(a(c, f)) }
	}
	// on the node, as TLC: a body compiled again (constSubstBody) shares it
	type key struct {
		n   ast.Expr
		env *modEnv
	}
	k := key{args[0], sc.env}
	return func(c *Ctx, f *frame) Value {
		if cv, ok := p.tlcEvals.Load(k); ok {
			return cv.(Value)
		}
		lazy := c.keepLazy
		c.keepLazy = false
		v := evalNow(a(c, f))
		c.keepLazy = lazy
		cv, _ := p.tlcEvals.LoadOrStore(k, v)
		return cv.(Value)
	}
}
