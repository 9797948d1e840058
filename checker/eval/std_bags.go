package eval

// The Bags module: a bag is a function from its elements to their
// (positive) counts. The operators follow TLC's tlc2.module.Bags, SubBag
// its TLA+ definition.

func bagOps() map[string]*builtin {
	cup := b2(func(a, b Value, l *Loc) Value { return bagCup(a, b, l) })
	diff := b2(func(a, b Value, l *Loc) Value { return bagDiff(a, b, l) })
	return map[string]*builtin{
		"EmptyBag": b0(mkTuple(nil)),
		"IsABag":   b1(func(a Value, l *Loc) Value { return Bool(isBag(a)) }),
		"SetToBag": b1(func(a Value, l *Loc) Value {
			if !isSet(a) || !isFinite(a, l) {
				// TLC's message names BagToSet here
				wrongValue(l, "BagToSet", "a function with a finite domain", a)
			}
			es := finiteSet(a, l, "SetToBag")
			vals := make([]Value, len(es))
			for i := range vals {
				vals[i] = Int(1)
			}
			return enumDomain(canonFcn(es, vals))
		}),
		"BagToSet": b1(func(a Value, l *Loc) Value {
			return fcnDomain(finiteFcn(a, l, "BagToSet"))
		}),
		"BagIn": b2(func(e, b Value, l *Loc) Value {
			n, ok := bagCount(e, b, l, "BagIn")
			return Bool(ok && n > 0)
		}),
		"CopiesIn": b2(func(e, b Value, l *Loc) Value {
			n, _ := bagCount(e, b, l, "CopiesIn")
			return Int(n)
		}),
		"BagCardinality": b1(func(a Value, l *Loc) Value {
			f := finiteFcn(a, l, "BagCardinality")
			var sum int64
			for _, v := range f.Vals {
				n, ok := v.(Int)
				if !ok || n <= 0 {
					wrongValue(l, "BagCardinality", "a bag", a)
				}
				var fits bool
				if sum, fits = addInt(sum, int64(n)); !fits {
					throwModule(l, "Overflow when computing the cardinality of the bag\n%s", Pretty(a))
				}
			}
			return Int(sum)
		}),
		"\\oplus":  cup,
		"(+)":      cup,
		"\\ominus": diff,
		"(-)":      diff,
		"BagUnion": b1(func(a Value, l *Loc) Value {
			bags := setArg(a, l, "first", "BagUnion")
			if len(bags) == 1 { // the bag itself, as TLC
				return bags[0]
			}
			acc := Value(mkTuple(nil))
			for _, b := range bags {
				if _, ok := b.(*FcnV); !ok {
					if _, lazy := b.(*LazyFcnV); !lazy {
						throwModule(l, "Attempted to apply BagUnion to the following set, whose elements are not all bags:\n%s", Pretty(a))
					}
				}
				acc = bagMerge(acc, b, l, 1)
			}
			return acc
		}),
		"\\sqsubseteq": b2(func(a, b Value, l *Loc) Value {
			f := fcnArg(a, l, "first", "\\sqsubseteq", "function with a finite domain")
			g := fcnArg(b, l, "second", "\\sqsubseteq", "function with a finite domain")
			for i, v := range f.Vals {
				n := bagInt(v, a, l, "\\sqsubseteq")
				if j, ok := g.lookup(f.DomainAt(i)); ok {
					n -= bagInt(g.Vals[j], b, l, "\\sqsubseteq")
				}
				if n > 0 {
					return Bool(false)
				}
			}
			return Bool(true)
		}),
		"BagOfAll": {arity: 2, opArgs: []int{1, 0}, fn: func(c *Ctx, args []Value, l *Loc) Value {
			op := opArg(args[0], l, "first", "BagOfAll")
			f := fcnArg(args[1], l, "second", "BagOfAll", "function with a finite domain")
			var dom, vals []Value
			for i, v := range f.Vals {
				img := normV(op.Call(c, []Value{f.DomainAt(i)}))
				n := bagInt(v, args[1], l, "BagOfAll")
				found := false
				for j := range dom {
					if equal(dom[j], img) {
						sum, ok := addInt(int64(vals[j].(Int)), n)
						if !ok {
							throwModule(l, "Overflow when adding the counts of a bag in BagOfAll")
						}
						vals[j] = Int(sum)
						found = true
						break
					}
				}
				if !found {
					dom = append(dom, img)
					vals = append(vals, Int(n))
				}
			}
			return enumDomain(mkFcn(dom, vals))
		}},
		"SubBag": b1(func(a Value, l *Loc) Value {
			// TLC does not override SubBag (Bags.java): its TLA+ definition
			// fails on a non-bag in the core language, exit 75, not as a
			// module error
			f := evalKind(func() *FcnV { return fcnArg(a, l, "first", "SubBag", "function with a finite domain") })
			// every choice of 0..count copies of each element
			var out []Value
			counts := make([]int64, len(f.Vals))
			for i, v := range f.Vals {
				counts[i] = bagInt(v, a, l, "SubBag")
			}
			cur := make([]int64, len(counts))
			for {
				var dom, vals []Value
				for i, n := range cur {
					if n > 0 {
						dom = append(dom, f.DomainAt(i))
						vals = append(vals, Int(n))
					}
				}
				out = append(out, enumDomain(canonFcn(dom, vals)))
				if len(out) > maxEnum {
					throwModule(l, "SubBag of a bag too large to enumerate")
				}
				i := len(cur) - 1
				for ; i >= 0; i-- {
					if cur[i] < counts[i] {
						cur[i]++
						break
					}
					cur[i] = 0
				}
				if i < 0 {
					break
				}
			}
			return mkSet(out)
		}),
	}
}

// isBag is IsABag: a function with a finite domain whose values are all
// positive integers.
func isBag(a Value) bool {
	var f *FcnV
	switch x := a.(type) {
	case *FcnV:
		f = x
	case *LazyFcnV:
		n, err := normalize(x)
		if err != nil {
			return false
		}
		f = n.(*FcnV)
	default:
		return false
	}
	for _, v := range f.Vals {
		if n, ok := v.(Int); !ok || n <= 0 {
			return false
		}
	}
	return true
}

func bagInt(v, bag Value, l *Loc, op string) int64 {
	n, ok := v.(Int)
	if !ok {
		throwModule(l, "The argument of %s should be a bag, but instead it is:\n%s", op, Pretty(bag))
	}
	return int64(n)
}

// bagCount is the count of e in bag b and whether e is in b's domain.
func bagCount(e, b Value, l *Loc, op string) (int64, bool) {
	f := fcnArg(b, l, "second", op, "bag")
	i, ok := f.lookup(normV(e))
	if !ok {
		return 0, false
	}
	n, isInt := f.Vals[i].(Int)
	if !isInt {
		throwModule(l, "The second argument of %s should be a bag, but instead it is:\n%s", op, Pretty(b))
	}
	return int64(n), true
}

func bagCup(a, b Value, l *Loc) Value {
	if !isBag(a) {
		throwModule(l, "The first argument of (+) should be a bag, but instead it is:\n%s", Pretty(a))
	}
	if !isBag(b) {
		throwModule(l, "The second argument of (+) should be a bag, but instead it is:\n%s", Pretty(b))
	}
	return bagMerge(a, b, l, 1)
}

func bagDiff(a, b Value, l *Loc) Value {
	fcnArg(a, l, "first", "(-)", "bag")
	fcnArg(b, l, "second", "(-)", "bag")
	return bagMerge(a, b, l, -1)
}

// bagMerge adds (sign 1) or subtracts (sign -1) b's counts to a's, keeping
// the elements whose count stays positive.
func bagMerge(a, b Value, l *Loc, sign int64) Value {
	f, g := toFcn(a, l), toFcn(b, l)
	var dom, vals []Value
	for i := range f.Vals {
		n := bagInt(f.Vals[i], a, l, "bag operator")
		if j, ok := g.lookup(f.DomainAt(i)); ok {
			var fits bool
			if n, fits = addInt(n, sign*bagInt(g.Vals[j], b, l, "bag operator")); !fits {
				throwModule(l, "Overflow when adding the counts of two bags")
			}
		}
		if n > 0 || (sign > 0 && n != 0) {
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
	return enumDomain(mkFcn(dom, vals))
}

// enumDomain marks the domain of a bag the Bags operators built as an
// enumerated set: TLC builds them over a list of elements, so DOMAIN and
// BagToSet print {1, 2} even where the elements are 1..n.
func enumDomain(v Value) Value {
	if f, ok := v.(*FcnV); ok && len(f.Vals) > 0 {
		f.Rep = repSet
	}
	return v
}

// finiteFcn is a as a function with a finite domain, or TLC's error.
func finiteFcn(a Value, l *Loc, op string) *FcnV {
	switch f := a.(type) {
	case *FcnV:
		return f
	case *LazyFcnV:
		if n, err := normalize(f); err == nil {
			return n.(*FcnV)
		}
	}
	wrongValue(l, op, "a function with a finite domain", a)
	return nil
}
