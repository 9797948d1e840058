// Package difftest is differential testing of tlals's evaluator and model
// checker against the reference TLC: it generates small random well-typed
// TLA+ expressions and specs, evaluates them with both, and compares the
// printed values (or that both fail). TLC runs in a JVM (tlc.go); the tests
// skip without Java or the jar, and replay the recorded disagreements
// (testdata) without them.
package difftest

import (
	"fmt"
	"math/rand"
	"strings"
)

// typ is the type of a generated expression.
type typ struct {
	kind   tkind
	elem   *typ     // set, seq element; function range
	dom    *typ     // function domain
	fields []string // record field names
	ftypes []*typ   // record field types, tuple component types
}

type tkind int

const (
	tInt tkind = iota
	tBool
	tStr
	tSet
	tFun
	tSeq
	tRec
	tTup
)

var (
	intT  = &typ{kind: tInt}
	boolT = &typ{kind: tBool}
	strT  = &typ{kind: tStr}
)

func setOf(t *typ) *typ                 { return &typ{kind: tSet, elem: t} }
func seqOf(t *typ) *typ                 { return &typ{kind: tSeq, elem: t} }
func funOf(d, r *typ) *typ              { return &typ{kind: tFun, dom: d, elem: r} }
func recOf(fs []string, ts []*typ) *typ { return &typ{kind: tRec, fields: fs, ftypes: ts} }

// strs are the string values: names that no standard module uses, so that
// TLC's order of strings (intern order) is the order they first appear in
// the generated text on both sides.
var strs = []string{"u1", "u2", "u3"}

// fieldNames are the record fields.
var fieldNames = []string{"fa", "fb", "fc"}

type binding struct {
	name string
	t    *typ
}

// Gen generates expressions; it is deterministic for a seed.
type Gen struct {
	r     *rand.Rand
	scope []binding
	fresh int
	// ErrorRate is the chance (0..1) of choosing constructs that may fail
	// (division by an expression, Head of a sequence, CHOOSE, function
	// application outside the domain).
	ErrorRate float64
}

// NewGen returns a generator with the given seed.
func NewGen(seed int64) *Gen { return &Gen{r: rand.New(rand.NewSource(seed)), ErrorRate: 0.05} }

func (g *Gen) n(k int) int           { return g.r.Intn(k) }
func (g *Gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *Gen) name() string {
	g.fresh++
	return fmt.Sprintf("x%d", g.fresh)
}

// randType picks a type of bounded size.
func (g *Gen) randType(d int) *typ {
	if d <= 0 {
		return []*typ{intT, intT, boolT, strT}[g.n(4)]
	}
	switch g.n(9) {
	case 0, 1:
		return intT
	case 2:
		return boolT
	case 3:
		return strT
	case 4:
		return setOf(g.randType(d - 1))
	case 5:
		return seqOf(g.randType(d - 1))
	case 6:
		return funOf([]*typ{intT, strT}[g.n(2)], g.randType(d-1))
	case 7:
		k := 1 + g.n(3)
		ts := make([]*typ, k)
		for i := range ts {
			ts[i] = g.randType(d - 1)
		}
		return recOf(fieldNames[:k], ts)
	}
	k := 2 + g.n(2)
	ts := make([]*typ, k)
	for i := range ts {
		ts[i] = g.randType(d - 1)
	}
	return &typ{kind: tTup, ftypes: ts}
}

// Expr returns a random expression of a random type.
func (g *Gen) Expr(depth int) string {
	g.scope, g.fresh = nil, 0
	return g.expr(g.randType(2), depth)
}

func (g *Gen) vars(t *typ) []string {
	var out []string
	for _, b := range g.scope {
		if sameType(b.t, t) {
			out = append(out, b.name)
		}
	}
	return out
}

func sameType(a, b *typ) bool {
	if a.kind != b.kind {
		return false
	}
	switch a.kind {
	case tSet, tSeq:
		return sameType(a.elem, b.elem)
	case tFun:
		return sameType(a.dom, b.dom) && sameType(a.elem, b.elem)
	case tRec, tTup:
		if len(a.ftypes) != len(b.ftypes) {
			return false
		}
		for i := range a.ftypes {
			if !sameType(a.ftypes[i], b.ftypes[i]) || (a.kind == tRec && a.fields[i] != b.fields[i]) {
				return false
			}
		}
	}
	return true
}

func (g *Gen) with(name string, t *typ, f func() string) string {
	g.scope = append(g.scope, binding{name, t})
	defer func() { g.scope = g.scope[:len(g.scope)-1] }()
	return f()
}

// expr generates an expression of type t; depth bounds nesting.
func (g *Gen) expr(t *typ, d int) string {
	if vs := g.vars(t); len(vs) > 0 && g.chance(0.3) {
		return vs[g.n(len(vs))]
	}
	if d <= 0 {
		return g.leaf(t)
	}
	// constructs common to every type
	switch g.n(12) {
	case 0:
		return fmt.Sprintf("(IF %s THEN %s ELSE %s)", g.expr(boolT, d-1), g.expr(t, d-1), g.expr(t, d-1))
	case 1:
		x := g.name()
		u := g.randType(1)
		v := g.expr(u, d-1)
		return fmt.Sprintf("(LET %s == %s IN %s)", x, v, g.with(x, u, func() string { return g.expr(t, d-1) }))
	case 2:
		return fmt.Sprintf("(CASE %s -> %s [] %s -> %s [] OTHER -> %s)", g.expr(boolT, d-1), g.expr(t, d-1), g.expr(boolT, d-1), g.expr(t, d-1), g.expr(t, d-1))
	case 3:
		if g.chance(g.ErrorRate * 4) {
			x := g.name()
			s := g.smallSet(t, d-1)
			return fmt.Sprintf("(CHOOSE %s \\in %s : %s)", x, s, g.with(x, t, func() string { return g.expr(boolT, d-1) }))
		}
	case 4:
		// apply a function, a sequence or a record built on the spot
		switch g.n(3) {
		case 0:
			dom := []*typ{intT, strT}[g.n(2)]
			x := g.name()
			s := g.smallSet(dom, 0)
			body := g.with(x, dom, func() string { return g.expr(t, d-1) })
			return fmt.Sprintf("[%s \\in %s |-> %s][CHOOSE %s \\in %s : TRUE]", x, s, body, x, s)
		case 1:
			return fmt.Sprintf("<<%s, %s>>[%d]", g.expr(t, d-1), g.expr(t, d-1), 1+g.n(2))
		default:
			return fmt.Sprintf("[fa |-> %s, fb |-> %s].%s", g.expr(t, d-1), g.expr(intT, d-1), "fa")
		}
	case 5:
		if e := g.failing(t, d); e != "" {
			return e
		}
	case 6:
		if g.chance(0.4) {
			return g.letOp(t, d)
		}
	}
	switch t.kind {
	case tInt:
		return g.intExpr(d)
	case tBool:
		return g.boolExpr(d)
	case tStr:
		return g.strExpr(d)
	case tSet:
		return g.setExpr(t, d)
	case tFun:
		return g.funExpr(t, d)
	case tSeq:
		return g.seqExpr(t, d)
	case tRec:
		return g.recExpr(t, d)
	case tTup:
		return g.tupExpr(t, d)
	}
	panic("type")
}

func (g *Gen) leaf(t *typ) string {
	switch t.kind {
	case tInt:
		return lit(g.n(11) - 3)
	case tBool:
		return []string{"TRUE", "FALSE"}[g.n(2)]
	case tStr:
		return `"` + strs[g.n(len(strs))] + `"`
	case tSet:
		k := g.n(4)
		items := make([]string, k)
		for i := range items {
			items[i] = g.leaf(t.elem)
		}
		return "{" + strings.Join(items, ", ") + "}"
	case tSeq:
		k := g.n(4)
		items := make([]string, k)
		for i := range items {
			items[i] = g.leaf(t.elem)
		}
		return "<<" + strings.Join(items, ", ") + ">>"
	case tFun:
		x := g.name()
		return fmt.Sprintf("[%s \\in %s |-> %s]", x, g.smallSet(t.dom, 0), g.leaf(t.elem))
	case tRec:
		parts := make([]string, len(t.fields))
		for i, f := range t.fields {
			parts[i] = f + " |-> " + g.leaf(t.ftypes[i])
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case tTup:
		parts := make([]string, len(t.ftypes))
		for i, ft := range t.ftypes {
			parts[i] = g.leaf(ft)
		}
		return "<<" + strings.Join(parts, ", ") + ">>"
	}
	panic("type")
}

// letOp defines a LET operator taking arguments, one of them an operator
// argument sometimes, and applies it: TLC evaluates the arguments lazily,
// in the caller's context.
func (g *Gen) letOp(t *typ, d int) string {
	x := g.name()
	p, q := x+"_p", x+"_q"
	u := g.randType(1)
	body := g.with(p, u, func() string { return g.with(q, intT, func() string { return g.expr(t, d-1) }) })
	if g.chance(0.3) {
		// a higher-order argument: F(_) applied in the body to q
		f := x + "_f"
		y := g.name()
		arg := fmt.Sprintf("LAMBDA %s : %s", y, g.with(y, intT, func() string { return g.expr(intT, d-1) }))
		body = fmt.Sprintf("IF %s(%s) > 0 THEN %s ELSE %s", f, q, body, g.with(p, u, func() string { return g.with(q, intT, func() string { return g.expr(t, d-1) }) }))
		return fmt.Sprintf("(LET %s(%s(_), %s, %s) == %s IN %s(%s, %s, %s))", x, f, p, q, body, x, arg, g.expr(u, d-1), g.expr(intT, d-1))
	}
	if g.chance(0.7) {
		// both arguments used first: tlals evaluates arguments at the call,
		// TLC when first used (open in testdata); an unused argument's error
		// is that known difference, so most forms keep to the others
		body = fmt.Sprintf("IF <<%s, %s>> = <<%s, %s>> THEN %s ELSE %s", p, q, p, q, body, body)
	}
	return fmt.Sprintf("(LET %s(%s, %s) == %s IN %s(%s, %s) )", x, p, q, body, x, g.expr(u, d-1), g.expr(intT, d-1))
}

// failing: constructs of any type that TLC may reject: a CASE without
// OTHER (no arm true), an IF whose condition is not a Boolean, a CHOOSE
// in an empty set, a field of a record of functions applied, values of
// different kinds in one set (membership in it, which TLC decides in the
// order written, its equality, UNION of such sets).
func (g *Gen) failing(t *typ, d int) string {
	switch g.n(8) {
	case 5:
		// e \in {e1, e2}, e1 and e2 of different kinds: TRUE, FALSE or
		// an error, by the order of the elements
		k1, k2 := g.kindPair()
		elems := []string{g.leaf(k1), g.leaf(k2)}
		if g.chance(0.5) {
			elems[0], elems[1] = elems[1], elems[0]
		}
		return fmt.Sprintf("(IF %s \\in {%s} THEN %s ELSE %s)", g.leaf(k1), strings.Join(elems, ", "), g.expr(t, d-1), g.expr(t, d-1))
	case 6:
		if g.chance(g.ErrorRate * 2) {
			k1, k2 := g.kindPair()
			return fmt.Sprintf("(IF {%s, %s} = {} THEN %s ELSE %s)", g.leaf(k1), g.leaf(k2), g.expr(t, d-1), g.expr(t, d-1))
		}
	case 7:
		if g.chance(g.ErrorRate * 2) {
			k1, k2 := g.kindPair()
			return fmt.Sprintf("(IF UNION {{%s}, %s} = {} THEN %s ELSE %s)", g.leaf(k1), g.smallSet(k2, 0), g.expr(t, d-1), g.expr(t, d-1))
		}
	case 0:
		return fmt.Sprintf("(CASE %s -> %s [] %s -> %s)", g.expr(boolT, d-1), g.expr(t, d-1), g.expr(boolT, d-1), g.expr(t, d-1))
	case 1:
		if g.chance(g.ErrorRate * 2) {
			return fmt.Sprintf("(IF %s THEN %s ELSE %s)", g.expr(g.randType(0), d-1), g.expr(t, d-1), g.expr(t, d-1))
		}
	case 2:
		if g.chance(g.ErrorRate * 2) {
			x := g.name()
			return fmt.Sprintf("(CHOOSE %s \\in %s : %s)", x, []string{"{}", "{ }", "(1..0)"}[g.n(3)], g.with(x, t, func() string { return g.expr(boolT, d-1) }))
		}
	case 3:
		// a record with a function field, applied
		x := g.name()
		dom := []*typ{intT, strT}[g.n(2)]
		s := g.smallSet(dom, 0)
		body := g.with(x, dom, func() string { return g.expr(t, d-1) })
		k := fmt.Sprintf("CHOOSE %s_k \\in %s : TRUE", x, s)
		if g.chance(g.ErrorRate * 2) {
			k = g.leaf(dom)
		}
		return fmt.Sprintf("[fa |-> [%s \\in %s |-> %s], fb |-> %s].fa[%s]", x, s, body, g.leaf(intT), k)
	}
	return ""
}

// kindPair is two scalar types of different kinds.
func (g *Gen) kindPair() (*typ, *typ) {
	ks := []*typ{intT, strT, boolT}
	i := g.n(3)
	return ks[i], ks[(i+1+g.n(2))%3]
}

// smallSet is a set of t with at most a few elements.
func (g *Gen) smallSet(t *typ, d int) string {
	if t.kind == tInt && g.chance(0.4) {
		lo := g.n(4) - 1
		return fmt.Sprintf("%s..%s", lit(lo), lit(lo+g.n(4)))
	}
	if d > 0 && g.chance(0.3) {
		return fmt.Sprintf("{%s, %s}", g.expr(t, d-1), g.expr(t, d-1))
	}
	k := 1 + g.n(3)
	items := make([]string, k)
	for i := range items {
		items[i] = g.leaf(t)
	}
	return "{" + strings.Join(items, ", ") + "}"
}

func (g *Gen) intExpr(d int) string {
	a := func() string { return g.expr(intT, d-1) }
	switch g.n(21) {
	case 0:
		return fmt.Sprintf("(%s + %s)", a(), a())
	case 1:
		return fmt.Sprintf("(%s - %s)", a(), a())
	case 2:
		return fmt.Sprintf("(%s * %s)", a(), a())
	case 3:
		if g.chance(g.ErrorRate * 4) {
			return fmt.Sprintf("(%s \\div %s)", a(), a())
		}
		return fmt.Sprintf("(%s \\div %s)", a(), []string{"1", "2", "3", "(-2)"}[g.n(4)])
	case 4:
		if g.chance(g.ErrorRate * 4) {
			return fmt.Sprintf("(%s %% %s)", a(), a())
		}
		return fmt.Sprintf("(%s %% %d)", a(), 1+g.n(4))
	case 5:
		return fmt.Sprintf("(-%s)", a())
	case 6:
		return fmt.Sprintf("(%s ^ %d)", a(), g.n(4))
	case 7:
		return fmt.Sprintf("Cardinality(%s)", g.expr(setOf(g.randType(1)), d-1))
	case 8:
		return fmt.Sprintf("Len(%s)", g.expr(seqOf(g.randType(1)), d-1))
	case 9:
		s := g.expr(seqOf(intT), d-1)
		if g.chance(g.ErrorRate * 4) {
			return fmt.Sprintf("Head(%s)", s)
		}
		return fmt.Sprintf("Head(%s \\o <<%s>>)", s, a())
	case 10:
		x := g.name()
		return fmt.Sprintf("(CHOOSE %s \\in %s : %s)", x, g.smallSet(intT, 0), g.with(x, intT, func() string { return g.expr(boolT, d-1) }))
	case 11:
		return fmt.Sprintf("BagCardinality(%s)", g.bag(d))
	case 12:
		return fmt.Sprintf("CopiesIn(%s, %s)", g.leaf(strT), g.bag(d))
	case 13:
		f := g.expr(funOf(intT, intT), d-1)
		if g.chance(g.ErrorRate * 4) {
			return fmt.Sprintf("%s[%s]", f, a())
		}
		x := g.name()
		return fmt.Sprintf("(LET %s == %s IN IF DOMAIN %s = {} THEN 0 ELSE %s[CHOOSE %s_k \\in DOMAIN %s : TRUE])", x, f, x, x, x, x)
	case 14:
		s := g.expr(setOf(intT), d-1)
		x := g.name()
		// the set is named first: SANY rejects a LET inside the bound of
		// a function definition (LET f[x \\in LET ... IN S] == ...)
		return fmt.Sprintf("(LET %s_S == %s IN LET %s[%s_s \\in SUBSET %s_S] == IF %s_s = {} THEN 0 ELSE LET %s_y == CHOOSE %s_z \\in %s_s : TRUE IN %s_y + %s[%s_s \\ {%s_y}] IN %s[%s_S])", x, s, x, x, x, x, x, x, x, x, x, x, x, x, x)
	case 15:
		return fmt.Sprintf("(%s.fb)", g.expr(recOf([]string{"fa", "fb"}, []*typ{g.randType(0), intT}), d-1))
	case 16:
		return g.recursive(d)
	case 17:
		return fmt.Sprintf("Len(%s)", g.expr(strT, d-1))
	case 18:
		switch g.n(3) {
		case 0:
			return fmt.Sprintf("Cardinality(Permutations(%s))", g.smallSet(intT, 0))
		case 1:
			return fmt.Sprintf("Cardinality(DOMAIN %s)", g.expr(recOf(fieldNames[:2], []*typ{intT, g.randType(1)}), d-1))
		}
		return fmt.Sprintf("Len(SortSeq(%s, >))", g.expr(seqOf(intT), d-1))
	case 19:
		return fmt.Sprintf("BagCardinality(BagOfAll(LAMBDA %s : %s, %s))", g.name(), `"u1"`, g.bag(d))
	}
	return g.leaf(intT)
}

// recursive applies a RECURSIVE operator defined in a LET: a sum over a
// set, or a count down from an integer.
func (g *Gen) recursive(d int) string {
	x := g.name()
	if g.chance(0.5) {
		s := g.expr(setOf(intT), d-1)
		return fmt.Sprintf("(LET RECURSIVE %s(_) %s(s) == IF s = {} THEN 0 ELSE LET y == CHOOSE z \\in s : TRUE IN y + %s(s \\ {y}) IN %s(%s))", x, x, x, x, s)
	}
	n := g.expr(intT, d-1)
	return fmt.Sprintf("(LET RECURSIVE %s(_, _) %s(n, a) == IF n <= 0 THEN a ELSE %s(n - 1, a * 2 + n) IN %s((%s) %% 5, %s))", x, x, x, x, n, g.expr(intT, d-1))
}

// bag is a bag of strings.
func (g *Gen) bag(d int) string {
	switch g.n(5) {
	case 4:
		return fmt.Sprintf("BagUnion({SetToBag(%s), SetToBag(%s)})", g.smallSet(strT, 0), g.smallSet(strT, 0))
	case 0:
		return "EmptyBag"
	case 1:
		return fmt.Sprintf("SetToBag(%s)", g.expr(setOf(strT), d-1))
	case 2:
		return fmt.Sprintf("(SetToBag(%s) (+) SetToBag(%s))", g.smallSet(strT, 0), g.smallSet(strT, 0))
	}
	return fmt.Sprintf("(SetToBag(%s) (-) SetToBag(%s))", g.smallSet(strT, 0), g.smallSet(strT, 0))
}

func (g *Gen) boolExpr(d int) string {
	b := func() string { return g.expr(boolT, d-1) }
	switch g.n(16) {
	case 0:
		return fmt.Sprintf("(%s /\\ %s)", b(), b())
	case 1:
		return fmt.Sprintf("(%s \\/ %s)", b(), b())
	case 2:
		return fmt.Sprintf("(~%s)", b())
	case 3:
		return fmt.Sprintf("(%s => %s)", b(), b())
	case 4:
		return fmt.Sprintf("(%s <=> %s)", b(), b())
	case 5:
		t := g.randType(1)
		op := []string{"=", "#"}[g.n(2)]
		return fmt.Sprintf("(%s %s %s)", g.expr(t, d-1), op, g.expr(t, d-1))
	case 6:
		op := []string{"<", "<=", ">", ">=", "\\leq", "\\geq"}[g.n(6)]
		return fmt.Sprintf("(%s %s %s)", g.expr(intT, d-1), op, g.expr(intT, d-1))
	case 7:
		t := g.randType(1)
		op := []string{"\\in", "\\notin"}[g.n(2)]
		return fmt.Sprintf("(%s %s %s)", g.expr(t, d-1), op, g.expr(setOf(t), d-1))
	case 8:
		t := g.randType(0)
		return fmt.Sprintf("(%s \\subseteq %s)", g.expr(setOf(t), d-1), g.expr(setOf(t), d-1))
	case 9, 10:
		x := g.name()
		t := g.randType(1)
		q := []string{"\\A", "\\E"}[g.n(2)]
		s := g.smallSet(t, d-1)
		return fmt.Sprintf("(%s %s \\in %s : %s)", q, x, s, g.with(x, t, func() string { return g.expr(boolT, d-1) }))
	case 11:
		return fmt.Sprintf("IsFiniteSet(%s)", g.expr(setOf(intT), d-1))
	case 12:
		return fmt.Sprintf("BagIn(%s, %s)", g.leaf(strT), g.bag(d))
	case 13:
		t := g.randType(0)
		return fmt.Sprintf("(%s \\in Seq(%s))", g.expr(seqOf(t), d-1), g.smallSet(t, 0))
	case 14:
		t := g.randType(0)
		return fmt.Sprintf("(%s \\in [%s -> %s])", g.expr(funOf(intT, t), d-1), g.smallSet(intT, 0), g.smallSet(t, 0))
	case 15:
		return fmt.Sprintf("(%s \\in [fa : %s, fb : Int])", g.expr(recOf([]string{"fa", "fb"}, []*typ{strT, intT}), d-1), g.smallSet(strT, 0))
	}
	return g.boolMore(d)
}

// boolMore: quantifiers over tuples, several bounds, other
// representations of the same value, the infinite standard sets.
func (g *Gen) boolMore(d int) string {
	switch g.n(12) {
	case 7:
		return fmt.Sprintf("IsABag(%s)", g.expr(funOf(strT, intT), d-1))
	case 8:
		return fmt.Sprintf("(%s \\sqsubseteq %s)", g.bag(d), g.bag(d))
	case 9:
		// over an empty set; over an infinite one, which TLC cannot
		// enumerate
		x := g.name()
		q := []string{"\\A", "\\E"}[g.n(2)]
		s := []string{"{}", "(3..1)", "(SUBSET {})"}[g.n(3)]
		if g.chance(g.ErrorRate * 2) {
			s = []string{"Nat", "Int", "Seq({1})", "STRING"}[g.n(4)]
		}
		t := intT
		if s == "(SUBSET {})" || s == "Seq({1})" {
			return fmt.Sprintf("(%s %s \\in %s : %s = %s)", q, x, s, x, x)
		}
		if s == "STRING" {
			t = strT
		}
		return fmt.Sprintf("(%s %s \\in %s : %s)", q, x, s, g.with(x, t, func() string { return g.expr(boolT, d-1) }))
	case 10:
		if g.chance(g.ErrorRate * 2) {
			// strings are not ordered; values of different kinds
			a, b := g.randType(1), g.randType(1)
			if g.chance(0.5) {
				return fmt.Sprintf("(%s < %s)", g.expr(strT, d-1), g.expr(strT, d-1))
			}
			return fmt.Sprintf("(%s = %s)", g.expr(a, d-1), g.expr(b, d-1))
		}
	case 11:
		return fmt.Sprintf("(%s \\in STRING)", g.expr(strT, d-1))
	case 0:
		a, b := g.name(), g.name()
		s1, s2 := g.smallSet(intT, 0), g.smallSet(strT, 0)
		body := g.with(a, intT, func() string { return g.with(b, strT, func() string { return g.expr(boolT, d-1) }) })
		return fmt.Sprintf("(\\E <<%s, %s>> \\in (%s \\X %s) : %s)", a, b, s1, s2, body)
	case 1:
		a, b := g.name(), g.name()
		s1, s2 := g.smallSet(intT, 0), g.smallSet(intT, 0)
		body := g.with(a, intT, func() string { return g.with(b, intT, func() string { return g.expr(boolT, d-1) }) })
		return fmt.Sprintf("(\\A %s \\in %s, %s \\in %s : %s)", a, s1, b, s2, body)
	case 2:
		x := g.name()
		return fmt.Sprintf("(<<%s, %s>> = [%s \\in 1..2 |-> %s])", g.expr(intT, d-1), g.expr(intT, d-1), x, g.with(x, intT, func() string { return g.expr(intT, d-1) }))
	case 3:
		x := g.name()
		return fmt.Sprintf("([fa |-> %s, fb |-> %s] = [%s \\in {\"fa\", \"fb\"} |-> %s])", g.expr(intT, d-1), g.expr(intT, d-1), x, g.leaf(intT))
	case 4:
		return fmt.Sprintf("(%s \\in %s)", g.expr(intT, d-1), []string{"Nat", "Int"}[g.n(2)])
	case 5:
		if g.chance(g.ErrorRate * 4) {
			return fmt.Sprintf("Assert(%s, \"u1\")", g.expr(boolT, d-1))
		}
	case 6:
		// quantifiers over SUBSET and over a set of functions
		x := g.name()
		q := []string{"\\A", "\\E"}[g.n(2)]
		u := g.randType(0)
		if g.chance(0.5) {
			t := setOf(u)
			return fmt.Sprintf("(%s %s \\in SUBSET %s : %s)", q, x, g.smallSet(u, 0), g.with(x, t, func() string { return g.expr(boolT, d-1) }))
		}
		t := funOf(intT, u)
		return fmt.Sprintf("(%s %s \\in [%s -> %s] : %s)", q, x, g.smallSet(intT, 0), g.smallSet(u, 0), g.with(x, t, func() string { return g.expr(boolT, d-1) }))
	}
	return g.leaf(boolT)
}

func (g *Gen) strExpr(d int) string {
	switch g.n(10) {
	case 8:
		// a string is a sequence of characters to Tail, SubSeq, \o
		return fmt.Sprintf("Tail(%s \\o %s)", g.leaf(strT), g.expr(strT, d-1))
	case 9:
		if g.chance(g.ErrorRate * 4) {
			// strings and tuples: Len of a tuple \o a string, "" = <<>>
			if g.chance(0.5) {
				return fmt.Sprintf("(%s \\o <<>>)", g.expr(strT, d-1))
			}
			return fmt.Sprintf("(IF %s = <<>> THEN %s ELSE %s)", g.expr(strT, d-1), g.leaf(strT), g.leaf(strT))
		}
		return fmt.Sprintf("(IF Len(%s) > Len(%s) THEN %s ELSE \"\")", g.expr(strT, d-1), g.expr(strT, d-1), g.expr(strT, d-1))
	case 6:
		return fmt.Sprintf("SubSeq(%s, %d, %d)", g.expr(strT, d-1), 1+g.n(2), g.n(3))
	case 7:
		if g.chance(g.ErrorRate * 4) {
			return fmt.Sprintf("%s(%s)", []string{"Tail", "Head", "Append"}[g.n(2)], g.expr(strT, d-1))
		}
		return fmt.Sprintf("(%s \\o \"\")", g.expr(strT, d-1))
	case 2:
		return fmt.Sprintf("ToString(%s)", g.expr(g.randType(1), d-1))
	case 3:
		return fmt.Sprintf("(%s \\o %s)", g.expr(strT, d-1), g.expr(strT, d-1))
	case 0:
		return fmt.Sprintf("(%s).fa", g.expr(recOf([]string{"fa"}, []*typ{strT}), d-1))
	case 1:
		x := g.name()
		return fmt.Sprintf("(CHOOSE %s \\in %s : %s)", x, g.smallSet(strT, 0), g.with(x, strT, func() string { return g.expr(boolT, d-1) }))
	}
	return g.leaf(strT)
}

func (g *Gen) setExpr(t *typ, d int) string {
	e := t.elem
	s := func() string { return g.expr(t, d-1) }
	switch g.n(15) {
	case 0:
		return fmt.Sprintf("(%s \\cup %s)", s(), s())
	case 1:
		return fmt.Sprintf("(%s \\cap %s)", s(), s())
	case 2:
		return fmt.Sprintf("(%s \\ %s)", s(), s())
	case 3:
		x := g.name()
		base := s()
		return fmt.Sprintf("{%s \\in %s : %s}", x, base, g.with(x, e, func() string { return g.expr(boolT, d-1) }))
	case 4:
		x := g.name()
		u := g.randType(0)
		base := g.smallSet(u, d-1)
		return fmt.Sprintf("{%s : %s \\in %s}", g.with(x, u, func() string { return g.expr(e, d-1) }), x, base)
	case 5:
		if e.kind == tSet {
			return fmt.Sprintf("SUBSET %s", g.smallSet(e.elem, 0))
		}
	case 6:
		switch g.n(4) {
		case 0:
			// CHOOSE among the subsets of a small set (none may satisfy)
			x := g.name()
			base := g.smallSet(e, 0)
			return fmt.Sprintf("(CHOOSE %s \\in SUBSET %s : %s)", x, base, g.with(x, t, func() string { return g.expr(boolT, d-1) }))
		case 1:
			// CHOOSE among sets written out, in TLC's order of sets
			x := g.name()
			return fmt.Sprintf("(CHOOSE %s \\in {%s, %s, %s} : %s)", x, s(), s(), s(), g.with(x, t, func() string { return g.expr(boolT, d-1) }))
		case 2:
			// UNION of SUBSET, of a filtered SUBSET
			x := g.name()
			base := g.smallSet(e, 0)
			if g.chance(0.5) {
				return fmt.Sprintf("UNION SUBSET %s", base)
			}
			return fmt.Sprintf("UNION {%s \\in SUBSET %s : %s}", x, base, g.with(x, t, func() string { return g.expr(boolT, d-1) }))
		}
		return fmt.Sprintf("UNION {%s, %s}", s(), s())
	case 7:
		if e.kind == tInt {
			return fmt.Sprintf("(%s..%s)", g.expr(intT, d-1), fmt.Sprint(g.n(6)))
		}
	case 8:
		if e.kind == tTup && len(e.ftypes) == 2 {
			return fmt.Sprintf("(%s \\X %s)", g.smallSet(e.ftypes[0], 0), g.smallSet(e.ftypes[1], 0))
		}
	case 9:
		if e.kind == tFun {
			return fmt.Sprintf("[%s -> %s]", g.smallSet(e.dom, 0), g.smallSet(e.elem, 0))
		}
	case 10:
		if e.kind == tRec {
			parts := make([]string, len(e.fields))
			for i, f := range e.fields {
				parts[i] = f + " : " + g.smallSet(e.ftypes[i], 0)
			}
			return "[" + strings.Join(parts, ", ") + "]"
		}
	case 11:
		return fmt.Sprintf("DOMAIN %s", g.expr(funOf(e, intT), d-1))
	case 12:
		if e.kind == tStr {
			switch g.n(3) {
			case 0:
				return fmt.Sprintf("DOMAIN %s", g.expr(recOf(fieldNames[:1+g.n(3)], []*typ{intT, strT, boolT}), d-1))
			case 1:
				y := g.name()
				return fmt.Sprintf("BagToSet(BagOfAll(LAMBDA %s : IF %s = \"u1\" THEN \"u2\" ELSE %s, %s))", y, y, y, g.bag(d))
			}
			return fmt.Sprintf("BagToSet(%s)", g.bag(d))
		}
		if e.kind == tFun && e.dom.kind == tInt && e.elem.kind == tInt {
			return fmt.Sprintf("Permutations(%s)", g.smallSet(intT, 0))
		}
	case 14:
		a, b := g.name(), g.name()
		s1, s2 := g.smallSet(intT, 0), g.smallSet(strT, 0)
		body := g.with(a, intT, func() string { return g.with(b, strT, func() string { return g.expr(e, d-1) }) })
		return fmt.Sprintf("{%s : %s \\in %s, %s \\in %s}", body, a, s1, b, s2)
	case 13:
		if e.kind == tTup && len(e.ftypes) == 2 {
			a, b := g.name(), g.name()
			s1, s2 := g.smallSet(e.ftypes[0], 0), g.smallSet(e.ftypes[1], 0)
			body := g.with(a, e.ftypes[0], func() string { return g.with(b, e.ftypes[1], func() string { return g.expr(boolT, d-1) }) })
			return fmt.Sprintf("{<<%s, %s>> \\in %s \\X %s : %s}", a, b, s1, s2, body)
		}
	}
	k := g.n(4)
	items := make([]string, k)
	for i := range items {
		items[i] = g.expr(e, d-1)
	}
	return "{" + strings.Join(items, ", ") + "}"
}

func (g *Gen) funExpr(t *typ, d int) string {
	switch g.n(7) {
	case 0:
		f := g.expr(t, d-1)
		x := g.name()
		return fmt.Sprintf("(LET %s == %s IN IF DOMAIN %s = {} THEN %s ELSE [%s EXCEPT ![CHOOSE %s_k \\in DOMAIN %s : TRUE] = %s])", x, f, x, x, x, x, x, g.expr(t.elem, d-1))
	case 1:
		return fmt.Sprintf("(%s :> %s)", g.expr(t.dom, d-1), g.expr(t.elem, d-1))
	case 2:
		return fmt.Sprintf("(%s @@ %s)", g.expr(t, d-1), g.expr(t, d-1))
	case 3:
		if t.dom.kind == tStr && t.elem.kind == tInt {
			return fmt.Sprintf("SetToBag(%s)", g.expr(setOf(strT), d-1))
		}
	case 4:
		if at := g.atExpr(t.elem, d); at != "" {
			f := g.expr(t, d-1)
			x := g.name()
			k := fmt.Sprintf("CHOOSE %s_k \\in DOMAIN %s : TRUE", x, x)
			if g.chance(g.ErrorRate * 2) {
				k = g.leaf(t.dom) // perhaps outside the domain: TLC leaves the function as it is
			}
			if t.elem.kind == tFun && g.chance(0.5) {
				// a path of two keys: ![a][b] = @ ...
				if at2 := g.atExpr(t.elem.elem, d); at2 != "" {
					return fmt.Sprintf("(LET %s == %s IN IF DOMAIN %s = {} THEN %s ELSE [%s EXCEPT ![%s][%s] = %s])", x, f, x, x, x, k, g.leaf(t.elem.dom), at2)
				}
			}
			return fmt.Sprintf("(LET %s == %s IN IF DOMAIN %s = {} THEN %s ELSE [%s EXCEPT ![%s] = %s, ![%s] = %s])", x, f, x, x, x, k, at, k, g.atExpr(t.elem, d))
		}
	}
	x := g.name()
	s := g.smallSet(t.dom, d-1)
	return fmt.Sprintf("[%s \\in %s |-> %s]", x, s, g.with(x, t.dom, func() string { return g.expr(t.elem, d-1) }))
}

func (g *Gen) seqExpr(t *typ, d int) string {
	s := func() string { return g.expr(t, d-1) }
	switch g.n(9) {
	case 0:
		return fmt.Sprintf("Append(%s, %s)", s(), g.expr(t.elem, d-1))
	case 1:
		return fmt.Sprintf("(%s \\o %s)", s(), s())
	case 2:
		if g.chance(g.ErrorRate * 4) {
			return fmt.Sprintf("Tail(%s)", s())
		}
		return fmt.Sprintf("Tail(<<%s>> \\o %s)", g.expr(t.elem, d-1), s())
	case 3:
		return fmt.Sprintf("SubSeq(%s, %d, %d)", s(), 1+g.n(2), g.n(4))
	case 4:
		x := g.name()
		return fmt.Sprintf("SelectSeq(%s, LAMBDA %s : %s)", s(), x, g.with(x, t.elem, func() string { return g.expr(boolT, d-1) }))
	case 5:
		if t.elem.kind == tInt {
			return fmt.Sprintf("SortSeq(%s, <)", s())
		}
	case 6:
		x := g.name()
		return fmt.Sprintf("[%s \\in 1..%d |-> %s]", x, g.n(4), g.with(x, intT, func() string { return g.expr(t.elem, d-1) }))
	case 7:
		return fmt.Sprintf("[%s EXCEPT ![1] = %s]", fmt.Sprintf("<<%s>> \\o %s", g.expr(t.elem, d-1), s()), g.expr(t.elem, d-1))
	}
	k := g.n(4)
	items := make([]string, k)
	for i := range items {
		items[i] = g.expr(t.elem, d-1)
	}
	return "<<" + strings.Join(items, ", ") + ">>"
}

func (g *Gen) recExpr(t *typ, d int) string {
	if g.chance(0.15) {
		if e := g.deepExcept(t, d); e != "" {
			return e
		}
	}
	if g.chance(0.15) {
		// a chain of updates with @, a field updated twice: each sees the
		// value the one before it left
		var ups []string
		for k := 1 + g.n(3); k > 0; k-- {
			i := g.n(len(t.fields))
			v := g.atExpr(t.ftypes[i], d)
			if v == "" {
				v = g.expr(t.ftypes[i], d-1)
			}
			ups = append(ups, fmt.Sprintf("!.%s = %s", t.fields[i], v))
		}
		return fmt.Sprintf("[%s EXCEPT %s]", g.expr(t, d-1), strings.Join(ups, ", "))
	}
	if g.chance(0.3) {
		i := g.n(len(t.fields))
		return fmt.Sprintf("[%s EXCEPT !.%s = %s]", g.expr(t, d-1), t.fields[i], g.expr(t.ftypes[i], d-1))
	}
	parts := make([]string, len(t.fields))
	for i, f := range t.fields {
		parts[i] = f + " |-> " + g.expr(t.ftypes[i], d-1)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// deepExcept is an EXCEPT of record t with a path through a field that is
// a record, a function or a sequence, or with @ (the old value).
func (g *Gen) deepExcept(t *typ, d int) string {
	i := g.n(len(t.fields))
	f, ft := t.fields[i], t.ftypes[i]
	r := g.expr(t, d-1)
	switch ft.kind {
	case tRec:
		j := g.n(len(ft.fields))
		return fmt.Sprintf("[%s EXCEPT !.%s.%s = %s]", r, f, ft.fields[j], g.expr(ft.ftypes[j], d-1))
	case tFun:
		x := g.name()
		return fmt.Sprintf("(LET %s == %s IN IF DOMAIN %s.%s = {} THEN %s ELSE [%s EXCEPT !.%s[CHOOSE %s_k \\in DOMAIN %s.%s : TRUE] = %s])", x, r, x, f, x, x, f, x, x, f, g.expr(ft.elem, d-1))
	case tSeq:
		return fmt.Sprintf("[%s EXCEPT !.%s = Append(@, %s)]", r, f, g.expr(ft.elem, d-1))
	case tInt:
		return fmt.Sprintf("[%s EXCEPT !.%s = @ + %s]", r, f, g.expr(intT, d-1))
	case tSet:
		return fmt.Sprintf("[%s EXCEPT !.%s = @ \\cup %s]", r, f, g.expr(ft, d-1))
	}
	return ""
}

// atExpr is a new value of type t made from @, the old one, in an EXCEPT;
// "" for a type it has no form for.
func (g *Gen) atExpr(t *typ, d int) string {
	switch t.kind {
	case tInt:
		return fmt.Sprintf("@ + %s", g.expr(intT, d-1))
	case tSet:
		return fmt.Sprintf("@ \\cup %s", g.expr(t, d-1))
	case tSeq:
		return fmt.Sprintf("Append(@, %s)", g.expr(t.elem, d-1))
	case tStr:
		return fmt.Sprintf("@ \\o %s", g.expr(strT, d-1))
	case tBool:
		return "~@"
	case tRec:
		return fmt.Sprintf("[@ EXCEPT !.%s = %s]", t.fields[0], g.expr(t.ftypes[0], d-1))
	}
	return ""
}

func (g *Gen) tupExpr(t *typ, d int) string {
	if g.chance(0.2) {
		i := g.n(len(t.ftypes))
		return fmt.Sprintf("[%s EXCEPT ![%d] = %s]", g.expr(t, d-1), i+1, g.expr(t.ftypes[i], d-1))
	}
	parts := make([]string, len(t.ftypes))
	for i, ft := range t.ftypes {
		parts[i] = g.expr(ft, d-1)
	}
	return "<<" + strings.Join(parts, ", ") + ">>"
}

// lit is an integer literal; a negative one in parentheses, as SANY
// rejects a * -3.
func lit(v int) string {
	if v < 0 {
		return fmt.Sprintf("(%d)", v)
	}
	return fmt.Sprint(v)
}
