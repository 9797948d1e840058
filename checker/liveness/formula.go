package liveness

import (
	"github.com/tlals/tlals/parser/ast"
)

// Term is an expression of a temporal formula together with the scope its
// names resolve in; only the Host knows the scope.
type Term interface {
	Expr() ast.Expr
}

// Host compiles the parts of a formula that are not temporal. It is
// implemented by the checker on top of its evaluator.
type Host interface {
	// Level is 0 constant, 1 state, 2 action, 3 temporal.
	Level(t Term) int
	// Sub is a subexpression of t, in t's scope.
	Sub(t Term, e ast.Expr) Term
	// Unfold replaces the application of a user definition by its body
	// (arguments bound), and a LET or a label by its body; ok is false
	// for anything else.
	Unfold(t Term) (body Term, ok bool, err error)
	// Instances expands a bounded \A or \E over constant sets: the body
	// once per binding.
	Instances(t Term) ([]Term, error)
	// Pred compiles a state- or action-level leaf.
	Pred(t Term) (int, error)
	// Enabled compiles ENABLED <<A>>_v and Angle <<A>>_v, for fairness.
	Enabled(action, sub Term) (int, error)
	Angle(action, sub Term) (int, error)
	// Errorf makes an error that names t's position.
	Errorf(t Term, format string, args ...any) error
}

// ConstHost is a Host that evaluates a constant-level Boolean expression
// (ok is false when it is not one).
type ConstHost interface {
	ConstValue(t Term) (v, ok bool)
}

type op uint8

const (
	opLeaf op = iota
	opNot
	opAnd
	opOr
	opBox // []
	opDia // <>
)

// formula is a temporal formula whose leaves are compiled predicates.
type formula struct {
	op     op
	leaf   int
	action bool // an action-level leaf
	neg    bool // the leaf negated (after pushing negations inward)
	konst  int8 // a constant-level leaf's value: 1 TRUE, -1 FALSE (0: not known)
	lv     int8 // a leaf's level: 0 constant, 1 state, 2 action
	// a temporal-level expression TLC reads as one predicate (collapse):
	// nofold, not folded as a constant; asAct, an action
	nofold, asAct bool
	kids          []*formula
	at            Term // for error positions
}

func leafF(id int, action bool) *formula { return &formula{op: opLeaf, leaf: id, action: action} }
func notF(f *formula) *formula           { return &formula{op: opNot, kids: []*formula{f}, at: f.at} }
func boxF(f *formula) *formula           { return &formula{op: opBox, kids: []*formula{f}, at: f.at} }
func diaF(f *formula) *formula           { return &formula{op: opDia, kids: []*formula{f}, at: f.at} }
func andF(fs ...*formula) *formula       { return &formula{op: opAnd, kids: fs} }
func orF(fs ...*formula) *formula        { return &formula{op: opOr, kids: fs} }

// folded is TLC's constant folding of a temporal formula
// (LiveExprNode.simplify), 1 when it folds to TRUE, -1 to FALSE, else 0.
// TLC reads each constant-level part of a temporal formula as a Boolean
// and folds them through /\, \/ and ~, not through [] and <> (<>TRUE
// stays a formula).
func folded(f *formula) int8 {
	if f.nofold {
		return 0
	}
	switch f.op {
	case opLeaf:
		if f.neg {
			return -f.konst
		}
		return f.konst
	case opNot:
		return -folded(f.kids[0])
	case opAnd, opOr:
		absorb := int8(-1) // FALSE absorbs a conjunction
		if f.op == opOr {
			absorb = 1
		}
		all := true
		for _, k := range f.kids {
			switch folded(k) {
			case absorb:
				return absorb
			case 0:
				all = false
			}
		}
		if all { // every part is the unit (or there is none)
			return -absorb
		}
	}
	return 0
}

// tlcLevel is the level of TLC's LiveExprNode for f: a leaf's own, 3
// under [] or <>, else the highest of the parts (0 when there is none:
// TLC's \A or \E over an empty set is the constant TRUE or FALSE).
func tlcLevel(f *formula) int8 {
	if f.asAct {
		return 2
	}
	switch f.op {
	case opLeaf:
		if f.action {
			return 2
		}
		return f.lv
	case opBox, opDia:
		return 3
	}
	l := int8(0)
	for _, k := range f.kids {
		l = max(l, tlcLevel(k))
	}
	return l
}

// collapse is TLC's astToLive after it has converted the parts of a
// temporal-level expression t (/\, \/, ~, =>, IF, a nonempty \A or \E,
// an applied definition): when the parts are no more than an action
// (a temporal part over an empty set vanished), TLC reads t whole as a
// predicate of that level, and a constant one at the level bound of t's
// text (Tool.getLevelBound), which is temporal, as an action (LNAction).
// Such an action outside []<>A and <>[]A is the error "Temporal formulas
// containing actions must be of forms <>[]A or []<>A." (classifyExpr). f
// keeps its parts, which evaluate as t does, but is no longer folded as a
// constant.
func (c *compiler) collapse(t Term, f *formula) *formula {
	l := tlcLevel(f)
	if l > 2 {
		return f
	}
	g := *f
	g.nofold, g.asAct = true, l == 0
	return &g
}

func (c *compiler) col(t Term, f *formula, err error) (*formula, error) {
	if err != nil {
		return nil, err
	}
	return c.collapse(t, f), nil
}

// leadsTo is P ~> Q == [](~P \/ <>Q).
func leadsTo(p, q *formula) *formula { return boxF(orF(notF(p), diaF(q))) }

// weakFair is WF == []<>~ENABLED <<A>>_v \/ []<><<A>>_v; strongFair is
// SF == <>[]~ENABLED <<A>>_v \/ []<><<A>>_v.
func weakFair(enabled, step int) *formula {
	return orF(boxF(diaF(notF(leafF(enabled, false)))), boxF(diaF(leafF(step, true))))
}

func strongFair(enabled, step int) *formula {
	return orF(diaF(boxF(notF(leafF(enabled, false)))), boxF(diaF(leafF(step, true))))
}

// compiler turns AST terms into formulas through a Host.
type compiler struct {
	h     Host
	depth int
}

const maxUnfold = 100 // definitions unfolded in one formula (recursion guard)

func (c *compiler) compile(t Term) (*formula, error) {
	f, err := c.compile1(t)
	if f != nil && f.at == nil {
		f.at = t
	}
	return f, err
}

func (c *compiler) compile1(t Term) (*formula, error) {
	lv := c.h.Level(t)
	if lv <= 2 {
		id, err := c.h.Pred(t)
		if err != nil {
			return nil, err
		}
		f := leafF(id, lv == 2)
		f.lv = int8(lv)
		if ch, ok := c.h.(ConstHost); ok && lv == 0 {
			if v, ok := ch.ConstValue(t); ok {
				f.konst = -1
				if v {
					f.konst = 1
				}
			}
		}
		return f, nil
	}
	sub := func(e ast.Expr) (*formula, error) { return c.compile(c.h.Sub(t, e)) }
	both := func(x, y ast.Expr) (*formula, *formula, error) {
		a, err := sub(x)
		if err != nil {
			return nil, nil, err
		}
		b, err := sub(y)
		return a, b, err
	}
	switch x := t.Expr().(type) {
	case *ast.Paren:
		return sub(x.X)
	case *ast.PrefixExpr:
		k, err := sub(x.X)
		if err != nil {
			return nil, err
		}
		switch x.Op {
		case "~":
			return c.col(t, notF(k), nil)
		case "[]":
			return boxF(k), nil
		case "<>":
			return diaF(k), nil
		}
	case *ast.Infix:
		switch x.Op {
		case "/\\", "\\land":
			a, b, err := both(x.X, x.Y)
			return c.col(t, andF(a, b), err)
		case "\\/", "\\lor":
			a, b, err := both(x.X, x.Y)
			return c.col(t, orF(a, b), err)
		case "=>":
			a, b, err := both(x.X, x.Y)
			return c.col(t, orF(notF(a), b), err)
		case "~>":
			a, b, err := both(x.X, x.Y)
			return leadsTo(a, b), err
		}
	case *ast.Junction:
		f := &formula{op: opAnd}
		if x.Or {
			f.op = opOr
		}
		for _, it := range x.Items {
			k, err := sub(it)
			if err != nil {
				return nil, err
			}
			f.kids = append(f.kids, k)
		}
		return c.col(t, f, nil)
	case *ast.If:
		// IF c THEN F ELSE G == (c /\ F) \/ (~c /\ G), c read in the first state
		if c.h.Level(c.h.Sub(t, x.Cond)) > 1 {
			return nil, c.h.Errorf(c.h.Sub(t, x.Cond), "the condition of a temporal IF must be a state predicate")
		}
		cond, err := sub(x.Cond)
		if err != nil {
			return nil, err
		}
		a, b, err := both(x.Then, x.Else)
		return c.col(t, orF(andF(cond, a), andF(notF(cond), b)), err)
	case *ast.Fairness:
		en, step, err := c.fairLeaves(t, x)
		if err != nil {
			return nil, err
		}
		if x.Strong {
			return strongFair(en, step), nil
		}
		return weakFair(en, step), nil
	case *ast.Quant:
		if x.Kind == ast.Forall || x.Kind == ast.Exists {
			insts, err := c.h.Instances(t)
			if err != nil {
				return nil, err
			}
			f := &formula{op: opAnd}
			if x.Kind == ast.Exists {
				f.op = opOr
			}
			for _, in := range insts {
				k, err := c.compile(in)
				if err != nil {
					return nil, err
				}
				f.kids = append(f.kids, k)
			}
			if len(insts) == 0 {
				return f, nil // TLC's constant TRUE or FALSE, not collapsed
			}
			return c.col(t, f, nil)
		}
	case *ast.OpApp, *ast.Let, *ast.Labeled:
		body, ok, err := c.h.Unfold(t)
		if err != nil {
			return nil, err
		}
		if ok {
			if c.depth++; c.depth > maxUnfold {
				return nil, c.h.Errorf(t, "temporal formula: too many nested definitions (recursive?)")
			}
			f, err := c.compile(body)
			c.depth--
			if _, app := x.(*ast.OpApp); app {
				return c.col(t, f, err) // a LET or a label TLC only sees through
			}
			return f, err
		}
	}
	// TLC's astToLive fails the same way on any other temporal-level
	// expression (\AA, \EE, a temporal CHOOSE or set, ...):
	// EC.TLC_LIVE_CANNOT_HANDLE_FORMULA with the expression's position
	if l, ok := c.h.(Locator); ok {
		return nil, c.h.Errorf(t, "TLC cannot handle the temporal formula %s", l.LocString(t))
	}
	return nil, c.h.Errorf(t, "temporal formula not supported by the liveness checker (supported: [], <>, ~>, /\\, \\/, ~, =>, IF, WF, SF, \\A and \\E over constant sets, applied definitions)")
}

// Locator is a Host that names a term's position as TLC prints it ("line
// 3, col 5 to line 3, col 20 of module M"), for TLC's own error texts.
type Locator interface {
	LocString(t Term) string
}

func (c *compiler) fairLeaves(t Term, x *ast.Fairness) (enabled, step int, err error) {
	a, v := c.h.Sub(t, x.Action), c.h.Sub(t, x.Sub)
	if enabled, err = c.h.Enabled(a, v); err != nil {
		return
	}
	step, err = c.h.Angle(a, v)
	return
}

// Fairness is one WF_v(A) or SF_v(A) of the specification, as its two
// leaves.
type Fairness struct {
	Strong  bool
	Enabled int // state leaf: ENABLED <<A>>_v
	Step    int // action leaf: <<A>>_v
}

// compileAssumption splits a specification conjunct into fairness
// conditions (kept apart: as formulas they would multiply the clauses) and
// the rest, a general temporal formula.
func (c *compiler) compileAssumption(t Term, fair *[]Fairness, rest *[]*formula) error {
	switch x := t.Expr().(type) {
	case *ast.Paren:
		return c.compileAssumption(c.h.Sub(t, x.X), fair, rest)
	case *ast.Fairness:
		en, step, err := c.fairLeaves(t, x)
		if err != nil {
			return err
		}
		*fair = append(*fair, Fairness{Strong: x.Strong, Enabled: en, Step: step})
		return nil
	case *ast.Infix:
		if x.Op == "/\\" || x.Op == "\\land" {
			if err := c.compileAssumption(c.h.Sub(t, x.X), fair, rest); err != nil {
				return err
			}
			return c.compileAssumption(c.h.Sub(t, x.Y), fair, rest)
		}
	case *ast.Junction:
		if !x.Or {
			for _, it := range x.Items {
				if err := c.compileAssumption(c.h.Sub(t, it), fair, rest); err != nil {
					return err
				}
			}
			return nil
		}
	case *ast.Quant:
		if x.Kind == ast.Forall {
			insts, err := c.h.Instances(t)
			if err != nil {
				return err
			}
			for _, in := range insts {
				if err := c.compileAssumption(in, fair, rest); err != nil {
					return err
				}
			}
			return nil
		}
	case *ast.OpApp, *ast.Let, *ast.Labeled:
		if c.h.Level(t) == 3 {
			body, ok, err := c.h.Unfold(t)
			if err != nil {
				return err
			}
			if ok {
				if c.depth++; c.depth > maxUnfold {
					return c.h.Errorf(t, "temporal formula: too many nested definitions (recursive?)")
				}
				err := c.compileAssumption(body, fair, rest)
				c.depth--
				return err
			}
		}
	}
	f, err := c.compile(t)
	if err != nil {
		return err
	}
	*rest = append(*rest, f)
	return nil
}
