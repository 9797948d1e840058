package eval

import (
	"math"
	"sort"

	"github.com/tlals/tlals/parser/ast"
)

type builtin struct {
	arity   int
	fn      func(c *Ctx, args []Value, l *Loc) Value
	opArgs  []int // arity of operator arguments by position
	special func(p *Program, sc cscope, args []ast.Expr, l *Loc) expr
	impure  bool // not cached as a constant (TLCGet, Print, ...)
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
	return &builtin{arity: 1, fn: func(c *Ctx, args []Value, l *Loc) Value { return fn(args[0], l) }}
}

func b2(fn func(a, b Value, l *Loc) Value) *builtin {
	return &builtin{arity: 2, fn: func(c *Ctx, args []Value, l *Loc) Value { return fn(args[0], args[1], l) }}
}

func arith(op func(a, b int64) (int64, bool), name string) *builtin {
	return b2(func(a, b Value, l *Loc) Value {
		x, y := toInt(a, l), toInt(b, l)
		r, ok := op(x, y)
		if !ok {
			throw(l, "Overflow when computing %d %s %d", x, name, y)
		}
		return Int(r)
	})
}

func cmpInt(op func(a, b int64) bool) *builtin {
	return b2(func(a, b Value, l *Loc) Value { return Bool(op(toInt(a, l), toInt(b, l))) })
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
	throw(l, "The argument of %s should be a sequence, but instead it is:\n%s", what, Format(v))
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
	throw(l, "Expected a function, but got %s", Format(v))
	return nil
}

func toBool(v Value, l *Loc) bool {
	b, ok := v.(Bool)
	if !ok {
		throw(l, "Expected a boolean, but got %s", Format(v))
	}
	return bool(b)
}

func init() {
	naturals := map[string]*builtin{
		"Nat": b0(NatV{}),
		"+":   arith(addInt, "+"),
		"-": arith(func(a, b int64) (int64, bool) {
			if b == math.MinInt64 {
				return 0, false
			}
			return addInt(a, -b)
		}, "-"),
		"*": arith(mulInt, "*"),
		"^": arith(func(a, b int64) (int64, bool) {
			if b < 0 {
				return 0, false
			}
			r, base := int64(1), a
			for b > 0 {
				var ok bool
				if b&1 == 1 {
					if r, ok = mulInt(r, base); !ok {
						return 0, false
					}
				}
				b >>= 1
				if b > 0 {
					if base, ok = mulInt(base, base); !ok {
						return 0, false
					}
				}
			}
			return r, true
		}, "^"),
		"\\div": b2(func(a, b Value, l *Loc) Value {
			x, y := toInt(a, l), toInt(b, l)
			if y == 0 {
				throw(l, "The second argument of \\div is 0.")
			}
			q := x / y
			if (x%y != 0) && ((x < 0) != (y < 0)) {
				q--
			}
			return Int(q)
		}),
		"%": b2(func(a, b Value, l *Loc) Value {
			x, y := toInt(a, l), toInt(b, l)
			if y <= 0 {
				throw(l, "The second argument of %% should be a positive number, but instead it is: %d", y)
			}
			r := x % y
			if r < 0 {
				r += y
			}
			return Int(r)
		}),
		"<":  cmpInt(func(a, b int64) bool { return a < b }),
		">":  cmpInt(func(a, b int64) bool { return a > b }),
		"<=": cmpInt(func(a, b int64) bool { return a <= b }),
		">=": cmpInt(func(a, b int64) bool { return a >= b }),
		"..": b2(func(a, b Value, l *Loc) Value { return &IntervalV{toInt(a, l), toInt(b, l)} }),
	}
	integers := map[string]*builtin{
		"Int": b0(IntSetV{}),
		"-.":  b1(func(a Value, l *Loc) Value { return Int(-toInt(a, l)) }),
	}
	sequences := map[string]*builtin{
		"Seq": b1(func(a Value, l *Loc) Value { return &SeqSetV{a} }),
		"Len": b1(func(a Value, l *Loc) Value { return Int(len(toSeq(a, l, "Len").Vals)) }),
		"\\o": b2(func(a, b Value, l *Loc) Value {
			x, y := toSeq(a, l, "\\o"), toSeq(b, l, "\\o")
			vs := make([]Value, 0, len(x.Vals)+len(y.Vals))
			return mkTuple(append(append(vs, x.Vals...), y.Vals...))
		}),
		"Append": b2(func(a, b Value, l *Loc) Value {
			x := toSeq(a, l, "Append")
			vs := make([]Value, len(x.Vals), len(x.Vals)+1)
			copy(vs, x.Vals)
			return mkTuple(append(vs, b))
		}),
		"Head": b1(func(a Value, l *Loc) Value {
			x := toSeq(a, l, "Head")
			if len(x.Vals) == 0 {
				throw(l, "Attempted to apply Head to the empty sequence.")
			}
			return x.Vals[0]
		}),
		"Tail": b1(func(a Value, l *Loc) Value {
			x := toSeq(a, l, "Tail")
			if len(x.Vals) == 0 {
				throw(l, "Attempted to apply Tail to the empty sequence.")
			}
			return mkTuple(x.Vals[1:])
		}),
		"SubSeq": {arity: 3, fn: func(c *Ctx, args []Value, l *Loc) Value {
			x := toSeq(args[0], l, "SubSeq")
			m, n := toInt(args[1], l), toInt(args[2], l)
			if m > n {
				return mkTuple(nil)
			}
			if m < 1 || n > int64(len(x.Vals)) {
				throw(l, "The second and third arguments of SubSeq (%d, %d) are out of range for a sequence of length %d", m, n, len(x.Vals))
			}
			return mkTuple(x.Vals[m-1 : n])
		}},
		"SelectSeq": {arity: 2, opArgs: []int{0, 1}, fn: func(c *Ctx, args []Value, l *Loc) Value {
			x := toSeq(args[0], l, "SelectSeq")
			op := args[1].(*OpValue)
			var out []Value
			for _, v := range x.Vals {
				if toBool(op.Call(c, []Value{v}), l) {
					out = append(out, v)
				}
			}
			return mkTuple(out)
		}},
	}
	finiteSets := map[string]*builtin{
		"IsFiniteSet": b1(func(a Value, l *Loc) Value {
			switch a.(type) {
			case NatV, IntSetV, StringV, *SeqSetV:
				return Bool(false)
			}
			return Bool(true)
		}),
		"Cardinality": b1(func(a Value, l *Loc) Value {
			n, err := card(a)
			check(l, err)
			return Int(n)
		}),
	}
	tlc := map[string]*builtin{
		":>": b2(func(a, b Value, l *Loc) Value { return mkFcn([]Value{normV(a)}, []Value{b}) }),
		"@@": b2(func(a, b Value, l *Loc) Value {
			f, g := toFcn(a, l), toFcn(b, l)
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
			return mkFcn(dom, vals)
		}),
		"Assert": {arity: 2, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			if !toBool(args[0], l) {
				// TLC prints the second argument as a value: a string quoted.
				panic(&Error{Loc: l, Msg: "The first argument of Assert evaluated to FALSE; the second argument was:\n" + Format(args[1]), Kind: ErrAssert})
			}
			return Bool(true)
		}},
		"JavaTime": {arity: 0, impure: true, fn: func(*Ctx, []Value, *Loc) Value { return Int(0) }},
		"TLCEval":  b1(func(a Value, l *Loc) Value { return normV(a) }),
		"Any":      b0(StringV{}),
		"ToString": b1(func(a Value, l *Loc) Value { return Str(Format(a)) }),
		"Permutations": b1(func(a Value, l *Loc) Value {
			es, err := enumerate(a)
			check(l, err)
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
			x := toSeq(args[0], l, "SortSeq")
			op := args[1].(*OpValue)
			vs := append([]Value(nil), x.Vals...)
			sort.SliceStable(vs, func(i, j int) bool { return toBool(op.Call(c, []Value{vs[i], vs[j]}), l) })
			return mkTuple(vs)
		}},
		"RandomElement": {arity: 1, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			es, err := enumerate(args[0])
			check(l, err)
			if len(es) == 0 {
				throw(l, "RandomElement of the empty set")
			}
			return es[0]
		}},
	}
	bags := map[string]*builtin{
		"EmptyBag": b0(&FcnV{Seq: true}),
		"SetToBag": b1(func(a Value, l *Loc) Value {
			es, err := enumerate(a)
			check(l, err)
			vals := make([]Value, len(es))
			for i := range vals {
				vals[i] = Int(1)
			}
			return canonFcn(es, vals)
		}),
		"BagToSet": b1(func(a Value, l *Loc) Value { return fcnDomain(toFcn(a, l)) }),
		"BagIn": b2(func(a, b Value, l *Loc) Value {
			_, ok := toFcn(b, l).lookup(normV(a))
			return Bool(ok)
		}),
		"CopiesIn": b2(func(a, b Value, l *Loc) Value {
			f := toFcn(b, l)
			if i, ok := f.lookup(normV(a)); ok {
				return f.Vals[i]
			}
			return Int(0)
		}),
		"(+)":      b2(func(a, b Value, l *Loc) Value { return bagOp(a, b, l, 1) }),
		"(-)":      b2(func(a, b Value, l *Loc) Value { return bagOp(a, b, l, -1) }),
		"\\oplus":  b2(func(a, b Value, l *Loc) Value { return bagOp(a, b, l, 1) }),
		"\\ominus": b2(func(a, b Value, l *Loc) Value { return bagOp(a, b, l, -1) }),
		"BagCardinality": b1(func(a Value, l *Loc) Value {
			var n int64
			for _, v := range toFcn(a, l).Vals {
				n += toInt(v, l)
			}
			return Int(n)
		}),
		"IsABag": b1(func(a Value, l *Loc) Value {
			f, ok := a.(*FcnV)
			if !ok {
				return Bool(false)
			}
			for _, v := range f.Vals {
				if n, ok := v.(Int); !ok || n <= 0 {
					return Bool(false)
				}
			}
			return Bool(true)
		}),
	}
	stdModules = map[string]*stdModule{
		"Naturals":   {ops: naturals},
		"Integers":   {extends: []string{"Naturals"}, ops: integers},
		"Sequences":  {extends: []string{"Naturals"}, ops: sequences},
		"FiniteSets": {extends: []string{"Naturals", "Sequences"}, ops: finiteSets},
		"TLC":        {extends: []string{"Naturals", "Sequences"}, ops: tlc},
		"Bags":       {extends: []string{"Naturals"}, ops: bags},
	}
	addRuntimeOps(stdModules) // std_runtime.go
}

func bagOp(a, b Value, l *Loc, sign int64) Value {
	f, g := toFcn(a, l), toFcn(b, l)
	var dom, vals []Value
	for i := range f.Vals {
		n := toInt(f.Vals[i], l)
		if j, ok := g.lookup(f.DomainAt(i)); ok {
			n += sign * toInt(g.Vals[j], l)
		}
		if n > 0 {
			dom = append(dom, f.DomainAt(i))
			vals = append(vals, Int(n))
		}
	}
	if sign > 0 {
		for i := range g.Vals {
			if _, ok := f.lookup(g.DomainAt(i)); !ok {
				dom = append(dom, g.DomainAt(i))
				vals = append(vals, g.Vals[i])
			}
		}
	}
	return mkFcn(dom, vals)
}

// Fingerprintable renders a value as a map key.
func Fingerprintable(v Value) string { return Format(v) }
