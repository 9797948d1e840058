package eval

import (
	"math/bits"

	"github.com/tlals/tlals/parser/ast"
)

// Native overrides of operators that modules found on the search path
// define in TLA+ (the CommunityModules' SequencesExt, FiniteSetsExt,
// Functions, Bitwise, IOUtils, CSV, ...): TLC replaces these definitions by
// Java methods, either because their TLA+ bodies cannot be evaluated
// (IOUtils, CSV: CHOOSE over infinite sets) or for speed. Each override
// computes what the TLA+ definition means (or, where the definition is only
// a placeholder, what TLC's override does).
var nativeOverrides = map[string]map[string]*builtin{}

func init() {
	for mod, ops := range map[string]map[string]*builtin{
		"FiniteSetsExt": finiteSetsExtOps(),
		"Functions":     functionsOps(),
		"SequencesExt":  sequencesExtOps(),
		"Bitwise":       bitwiseOps(),
		"Combinatorics": combinatoricsOps(),
		"IOUtils":       ioUtilsOps(),
		"CSV":           csvOps(),
	} {
		nativeOverrides[mod] = ops
	}
}

// nativeOverride is the native definition replacing the definition x of
// module modName, or nil. The override applies only when the arities agree
// (TLC warns and keeps the TLA+ definition otherwise); operator arguments
// are taken from x's parameters.
func nativeOverride(env *modEnv, modName string, x *ast.OpDef, l *Loc) *def {
	bi := nativeOverrides[modName][x.Name.Name]
	if bi == nil || bi.arity != len(x.Params) {
		return nil
	}
	if bi.special == nil {
		ops := make([]int, len(x.Params))
		for i, prm := range x.Params {
			ops[i] = prm.Arity
		}
		cp := *bi
		cp.opArgs = ops
		bi = &cp
	}
	return &def{kind: dBuiltin, name: x.Name.Name, bi: bi, std: modName, env: env, loc: l, level: 0}
}

func opArg(v Value, l *Loc, pos, op string) *OpValue {
	o, ok := v.(*OpValue)
	if !ok {
		throw(l, "The %s argument of %s should be an operator, but instead it is:\n%s", pos, op, Pretty(v))
	}
	return o
}

// opValueArg is v, an operator, else an error of TLC's message format (one
// %s: the value).
func opValueArg(v Value, l *Loc, format string) *OpValue {
	o, ok := v.(*OpValue)
	if !ok {
		throw(l, format, Pretty(v))
	}
	return o
}

// foldOrdered is op(xn, ... op(x2, op(x1, base))): TLC's overrides of
// FoldSet, FoldFunction and FoldSeq take the elements in order (the TLA+
// definitions leave the order to CHOOSE).
func foldOrdered(c *Ctx, op *OpValue, base Value, xs []Value) Value {
	acc := base
	for _, x := range xs {
		acc = op.Call(c, []Value{x, acc})
	}
	return acc
}

// foldRight is op(x1, op(x2, ... op(xn, base))) (SequencesExt's FoldRight).
func foldRight(c *Ctx, op *OpValue, base Value, xs []Value) Value {
	acc := base
	for i := len(xs) - 1; i >= 0; i-- {
		acc = op.Call(c, []Value{xs[i], acc})
	}
	return acc
}

func finiteSetsExtOps() map[string]*builtin {
	return map[string]*builtin{
		"FoldSet": {arity: 3, fn: func(c *Ctx, args []Value, l *Loc) Value {
			// TLC's FiniteSetsExt.foldSet takes an Enumerable: another value
			// fails the cast, a RuntimeException (exit 75), not a module error
			if !isSet(args[2]) {
				throw(l, "The third argument of FoldSet should be a finite set, but instead it is:\n%s", Pretty(args[2]))
			}
			return foldOrdered(c, opArg(args[0], l, "first", "FoldSet"), args[1], setArg(args[2], l, "third", "FoldSet"))
		}},
		"Quantify": {arity: 2, fn: func(c *Ctx, args []Value, l *Loc) Value {
			op := opArg(args[1], l, "second", "Quantify")
			n := 0
			for _, e := range setArg(args[0], l, "first", "Quantify") {
				if toBool(op.Call(c, []Value{e}), l) {
					n++
				}
			}
			return Int(n)
		}},
		"kSubset": {arity: 2, fn: func(c *Ctx, args []Value, l *Loc) Value {
			k := intArg(args[0], l, "first", "kSubset", "natural number")
			es := setArg(args[1], l, "second", "kSubset")
			var out []Value
			var rec func(start int, cur []Value)
			rec = func(start int, cur []Value) {
				if int64(len(cur)) == k {
					out = append(out, &SetV{elems: append([]Value(nil), cur...)})
					if len(out) > maxEnum {
						throw(l, "kSubset of a set too large to enumerate")
					}
					return
				}
				for i := start; i < len(es); i++ {
					rec(i+1, append(cur, es[i]))
				}
			}
			if k >= 0 {
				rec(0, nil)
			}
			return mkSet(out)
		}},
	}
}

func functionsOps() map[string]*builtin {
	foldFn := func(c *Ctx, op *OpValue, base Value, f *FcnV, idx []Value, l *Loc) Value {
		xs := make([]Value, 0, len(idx))
		for _, i := range idx {
			j, ok := f.lookup(normV(i))
			if !ok {
				throw(l, "Attempted to apply function:\n%s\nto argument %s, which is not in the domain of the function.", Pretty(f), Pretty(i))
			}
			xs = append(xs, f.Vals[j])
		}
		return foldOrdered(c, op, base, xs)
	}
	return map[string]*builtin{
		"IsInjective": b1(func(a Value, l *Loc) Value {
			f := fcnArg(a, l, "first", "IsInjective", "function")
			seen := mkSet(append([]Value(nil), f.Vals...))
			return Bool(len(seen.elems) == len(f.Vals))
		}),
		"AntiFunction": b1(func(a Value, l *Loc) Value {
			f := fcnArg(a, l, "first", "AntiFunction", "function")
			dom := make([]Value, len(f.Vals))
			for i := range f.Vals {
				dom[i] = f.DomainAt(i)
			}
			return mkFcn(append([]Value(nil), f.Vals...), dom)
		}),
		"FoldFunction": {arity: 3, fn: func(c *Ctx, args []Value, l *Loc) Value {
			f := fcnArg(args[2], l, "third", "FoldFunction", "function")
			idx, err := enumerate(fcnDomain(f))
			check(l, err)
			return foldFn(c, opArg(args[0], l, "first", "FoldFunction"), args[1], f, idx, l)
		}},
		"FoldFunctionOnSet": {arity: 4, fn: func(c *Ctx, args []Value, l *Loc) Value {
			f := fcnArg(args[2], l, "third", "FoldFunctionOnSet", "function")
			return foldFn(c, opArg(args[0], l, "first", "FoldFunctionOnSet"), args[1], f, setArg(args[3], l, "fourth", "FoldFunctionOnSet"), l)
		}},
	}
}

func sequencesExtOps() map[string]*builtin {
	seq := func(a Value, l *Loc, op string) []Value {
		return seqArg(a, l, "The first argument of "+op+" should be a sequence, but instead it is:\n%s").Vals
	}
	selectIn := func(c *Ctx, xs []Value, test *OpValue, l *Loc, last bool) int {
		found := 0
		for i, x := range xs {
			if toBool(test.Call(c, []Value{x}), l) {
				found = i + 1
				if !last {
					break
				}
			}
		}
		return found
	}
	sub := func(xs []Value, from, to Value, l *Loc, op string) []Value {
		m, n := intArg(from, l, "second", op, "natural number"), intArg(to, l, "third", op, "natural number")
		if m > n {
			return nil
		}
		if m < 1 || n > int64(len(xs)) {
			throw(l, "The second and third arguments of %s (%d, %d) are out of range for a sequence of length %d", op, m, n, len(xs))
		}
		return xs[m-1 : n]
	}
	removeAt := func(xs []Value, i int) Value {
		out := append(append([]Value(nil), xs[:i-1]...), xs[i:]...)
		return mkTuple(out)
	}
	return map[string]*builtin{
		"SetToSeq": b1(func(a Value, l *Loc) Value {
			return mkTuple(append([]Value(nil), setArg(a, l, "first", "SetToSeq")...))
		}),
		"Contains": b2(func(s, e Value, l *Loc) Value {
			for _, x := range seq(s, l, "Contains") {
				if equal(x, e) {
					return Bool(true)
				}
			}
			return Bool(false)
		}),
		"IsPrefix": b2(func(s, t Value, l *Loc) Value {
			a, b := seq(s, l, "IsPrefix"), seq(t, l, "IsPrefix")
			if len(a) > len(b) {
				return Bool(false)
			}
			for i := range a {
				if !equal(a[i], b[i]) {
					return Bool(false)
				}
			}
			return Bool(true)
		}),
		"FoldSeq": {arity: 3, fn: func(c *Ctx, args []Value, l *Loc) Value {
			return foldOrdered(c, opArg(args[0], l, "first", "FoldSeq"), args[1], seq(args[2], l, "FoldSeq"))
		}},
		"FoldLeft": {arity: 3, fn: func(c *Ctx, args []Value, l *Loc) Value {
			op := opArg(args[0], l, "first", "FoldLeft")
			acc := args[1]
			for _, x := range seq(args[2], l, "FoldLeft") {
				acc = op.Call(c, []Value{acc, x})
			}
			return acc
		}},
		"FoldRight": {arity: 3, fn: func(c *Ctx, args []Value, l *Loc) Value {
			return foldRight(c, opArg(args[0], l, "first", "FoldRight"), args[2], seq(args[1], l, "FoldRight"))
		}},
		"FoldLeftDomain": {arity: 3, fn: func(c *Ctx, args []Value, l *Loc) Value {
			op := opArg(args[0], l, "first", "FoldLeftDomain")
			acc := args[1]
			for i := range seq(args[2], l, "FoldLeftDomain") {
				acc = op.Call(c, []Value{acc, Int(i + 1)})
			}
			return acc
		}},
		"FoldRightDomain": {arity: 3, fn: func(c *Ctx, args []Value, l *Loc) Value {
			xs := seq(args[1], l, "FoldRightDomain")
			idx := make([]Value, len(xs))
			for i := range xs {
				idx[i] = Int(i + 1)
			}
			return foldRight(c, opArg(args[0], l, "first", "FoldRightDomain"), args[2], idx)
		}},
		"SelectInSeq": {arity: 2, fn: func(c *Ctx, args []Value, l *Loc) Value {
			return Int(selectIn(c, seq(args[0], l, "SelectInSeq"), opArg(args[1], l, "second", "SelectInSeq"), l, false))
		}},
		"SelectLastInSeq": {arity: 2, fn: func(c *Ctx, args []Value, l *Loc) Value {
			return Int(selectIn(c, seq(args[0], l, "SelectLastInSeq"), opArg(args[1], l, "second", "SelectLastInSeq"), l, true))
		}},
		"SelectInSubSeq": {arity: 4, fn: func(c *Ctx, args []Value, l *Loc) Value {
			xs := sub(seq(args[0], l, "SelectInSubSeq"), args[1], args[2], l, "SubSeq")
			// TLC's override gives the index in the whole sequence
			return Int(shiftIndex(selectIn(c, xs, opArg(args[3], l, "fourth", "SelectInSubSeq"), l, false), args[1]))
		}},
		"SelectLastInSubSeq": {arity: 4, fn: func(c *Ctx, args []Value, l *Loc) Value {
			xs := sub(seq(args[0], l, "SelectLastInSubSeq"), args[1], args[2], l, "SubSeq")
			return Int(shiftIndex(selectIn(c, xs, opArg(args[3], l, "fourth", "SelectLastInSubSeq"), l, true), args[1]))
		}},
		"RemoveFirst": b2(func(s, e Value, l *Loc) Value {
			xs := seq(s, l, "RemoveFirst")
			for i, x := range xs {
				if equal(x, e) {
					return removeAt(xs, i+1)
				}
			}
			return mkTuple(xs)
		}),
		"RemoveFirstMatch": {arity: 2, fn: func(c *Ctx, args []Value, l *Loc) Value {
			xs := seq(args[0], l, "RemoveFirstMatch")
			if i := selectIn(c, xs, opArg(args[1], l, "second", "RemoveFirstMatch"), l, false); i > 0 {
				return removeAt(xs, i)
			}
			return mkTuple(xs)
		}},
		"Suffixes": b1(func(a Value, l *Loc) Value {
			xs := seq(a, l, "Suffixes")
			out := []Value{mkTuple(nil)}
			for i := range xs {
				out = append(out, mkTuple(xs[i:]))
			}
			return mkSet(out)
		}),
	}
}

// natArgs are two naturals (Bitwise operates on Nat).
func natArgs(a, b Value, l *Loc, op string) (uint64, uint64) {
	x, y := intArg(a, l, "first", op, "natural number"), intArg(b, l, "second", op, "natural number")
	if x < 0 || y < 0 {
		throw(l, "The arguments of %s should be natural numbers, but instead they are %d and %d", op, x, y)
	}
	return uint64(x), uint64(y)
}

func bitwiseOps() map[string]*builtin {
	// And, Or and Xor are the recursive helpers And(x, y, n, m) that the
	// infix operators call with n = 0 and m = max(x, y): the bitwise
	// operation of x and y.
	bit := func(name string, f func(x, y uint64) uint64) *builtin {
		return &builtin{arity: 4, fn: func(c *Ctx, args []Value, l *Loc) Value {
			x, y := natArgs(args[0], args[1], l, name)
			return Int(f(x, y))
		}}
	}
	return map[string]*builtin{
		"And": bit("And", func(x, y uint64) uint64 { return x & y }),
		"Or":  bit("Or", func(x, y uint64) uint64 { return x | y }),
		"Xor": bit("Xor", func(x, y uint64) uint64 { return x ^ y }),
		"shiftR": b2(func(a, b Value, l *Loc) Value {
			x, n := natArgs(a, b, l, "shiftR")
			if n >= 64 {
				return Int(0)
			}
			return Int(x >> n)
		}),
	}
}

func combinatoricsOps() map[string]*builtin {
	return map[string]*builtin{
		"choose": b2(func(a, b Value, l *Loc) Value {
			n, k := intArg(a, l, "first", "choose", "natural number"), intArg(b, l, "second", "choose", "natural number")
			if k < 0 || n < 0 || k > n {
				return Int(0)
			}
			if k > n-k {
				k = n - k
			}
			r := uint64(1)
			for i := int64(1); i <= k; i++ {
				hi, lo := bits.Mul64(r, uint64(n-k+i))
				if hi != 0 {
					throw(l, "Overflow when computing choose(%d, %d)", n, k)
				}
				r = lo / uint64(i)
			}
			if r > 1<<63-1 {
				throw(l, "Overflow when computing choose(%d, %d)", n, k)
			}
			return Int(r)
		}),
	}
}

// shiftIndex turns an index i found in SubSeq(s, from, ..) into one in s.
func shiftIndex(i int, from Value) int {
	if i == 0 {
		return 0
	}
	return i + int(from.(Int)) - 1
}
