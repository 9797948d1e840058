package liveness

import "errors"

// nnf pushes negations down to the leaves.
func nnf(f *formula, neg bool) *formula {
	g := nnf1(f, neg)
	if f.nofold || f.asAct { // a collapsed predicate stays one (collapse)
		h := *g
		h.nofold, h.asAct = h.nofold || f.nofold, h.asAct || f.asAct
		return &h
	}
	return g
}

func nnf1(f *formula, neg bool) *formula {
	switch f.op {
	case opLeaf:
		g := *f
		g.neg = f.neg != neg
		return &g
	case opNot:
		return nnf(f.kids[0], !neg)
	}
	g := &formula{op: f.op, at: f.at}
	switch {
	case neg && f.op == opAnd:
		g.op = opOr
	case neg && f.op == opOr:
		g.op = opAnd
	case neg && f.op == opBox:
		g.op = opDia
	case neg && f.op == opDia:
		g.op = opBox
	}
	for _, k := range f.kids {
		g.kids = append(g.kids, nnf(k, neg))
	}
	return g
}

// isProp reports whether f (in NNF) has no temporal operator.
func isProp(f *formula) bool {
	switch f.op {
	case opLeaf:
		return true
	case opAnd, opOr:
		for _, k := range f.kids {
			if !isProp(k) {
				return false
			}
		}
		return true
	}
	return false
}

func hasAction(f *formula) bool {
	if f.asAct {
		return true
	}
	if f.op == opLeaf {
		return f.action
	}
	for _, k := range f.kids {
		if hasAction(k) {
			return true
		}
	}
	return false
}

// evAlways is <>(p /\ []q).
type evAlways struct{ p, q *formula }

// clause is a conjunction of atoms; the negated property is a disjunction
// of clauses. Every predicate is propositional (isProp).
type clause struct {
	init   []*formula // on the first state
	always []*formula // []P
	ev     []*formula // <>P
	ae     []*formula // []<>P
	ea     []*formula // <>[]P
	evAlw  []evAlways // <>(P /\ []Q)
	tab    []*formula // the rest, checked with a tableau (tableau.go)
	tabl   *tableau   // the tableau of their conjunction
}

func (c clause) and(d clause) clause {
	return clause{
		init:   append(append([]*formula(nil), c.init...), d.init...),
		always: append(append([]*formula(nil), c.always...), d.always...),
		ev:     append(append([]*formula(nil), c.ev...), d.ev...),
		ae:     append(append([]*formula(nil), c.ae...), d.ae...),
		ea:     append(append([]*formula(nil), c.ea...), d.ea...),
		evAlw:  append(append([]evAlways(nil), c.evAlw...), d.evAlw...),
		tab:    append(append([]*formula(nil), c.tab...), d.tab...),
	}
}

// maxClauses bounds the disjunctive normal form.
const maxClauses = 4096

type normalizer struct {
	h Host
}

func (n *normalizer) errorf(f *formula, msg string) error {
	if f.at != nil && n.h != nil {
		return n.h.Errorf(f.at, "%s", msg)
	}
	return errors.New(msg)
}

// tabled is the clause of a formula the atoms cannot express: the
// tableau checks it.
func (n *normalizer) tabled(f *formula) ([]clause, error) {
	return []clause{{tab: []*formula{f}}}, nil
}

// wrongFormat is TLC's error (EC.TLC_LIVE_WRONG_FORMULA_FORMAT, in
// Liveness.classifyExpr, with no position) for an action in a temporal
// formula elsewhere than in []<>A or <>[]A: SANY's level rules leave no
// such action but one TLC makes of an expression whose temporal part is
// over an empty set (collapse).
func (n *normalizer) wrongFormat(*formula) error {
	return ErrWrongFormat
}

// ErrWrongFormat is wrongFormat's error.
var ErrWrongFormat = errors.New("Temporal formulas containing actions must be of forms <>[]A or []<>A.")

func (n *normalizer) product(a, b []clause) ([]clause, error) {
	if len(a)*len(b) > maxClauses {
		return nil, errors.New("temporal formula too large: its normal form has more than 4096 clauses")
	}
	var out []clause
	for _, x := range a {
		for _, y := range b {
			out = append(out, x.and(y))
		}
	}
	return out, nil
}

func (n *normalizer) all(kids []*formula, each func(*formula) ([]clause, error)) ([]clause, error) {
	out := []clause{{}}
	for _, k := range kids {
		d, err := each(k)
		if err != nil {
			return nil, err
		}
		if out, err = n.product(out, d); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (n *normalizer) any(kids []*formula, each func(*formula) ([]clause, error)) ([]clause, error) {
	var out []clause
	for _, k := range kids {
		d, err := each(k)
		if err != nil {
			return nil, err
		}
		out = append(out, d...)
		if len(out) > maxClauses {
			return nil, errors.New("temporal formula too large: its normal form has more than 4096 clauses")
		}
	}
	return out, nil
}

// dnf puts f (in NNF) into clauses.
func (n *normalizer) dnf(f *formula) ([]clause, error) {
	if f.op == opOr && len(f.kids) == 0 && !f.asAct {
		// FALSE, the negation of \A x \in {} : P: no clause (TLC's
		// disjunctive normal form has no disjunct either)
		return nil, nil
	}
	if isProp(f) {
		if hasAction(f) {
			return nil, n.wrongFormat(f)
		}
		return []clause{{init: []*formula{f}}}, nil
	}
	switch f.op {
	case opAnd:
		return n.all(f.kids, n.dnf)
	case opOr:
		return n.any(f.kids, n.dnf)
	case opBox:
		return n.box(f.kids[0])
	case opDia:
		return n.dia(f.kids[0])
	}
	return n.tabled(f)
}

// box is the normal form of []g.
func (n *normalizer) box(g *formula) ([]clause, error) {
	if isProp(g) {
		return []clause{{always: []*formula{g}}}, nil
	}
	switch g.op {
	case opAnd:
		return n.all(g.kids, n.box)
	case opBox:
		return n.box(g.kids[0])
	case opDia:
		h := g.kids[0]
		if isProp(h) {
			return []clause{{ae: []*formula{h}}}, nil
		}
		switch h.op {
		case opOr: // []<>(A \/ B) == []<>A \/ []<>B
			return n.any(h.kids, func(k *formula) ([]clause, error) { return n.box(diaF(k)) })
		case opDia:
			return n.box(h)
		case opBox: // []<>[]X == <>[]X
			return n.dia(h)
		}
	}
	return n.tabled(boxF(g))
}

// prefixFree reports whether g's truth does not depend on where it is
// evaluated ([]<>X and <>[]X): <>(P /\ g) == <>P /\ g.
func prefixFree(g *formula) bool {
	return (g.op == opBox && g.kids[0].op == opDia) || (g.op == opDia && g.kids[0].op == opBox)
}

// dia is the normal form of <>g.
func (n *normalizer) dia(g *formula) ([]clause, error) {
	if isProp(g) {
		return []clause{{ev: []*formula{g}}}, nil
	}
	switch g.op {
	case opOr:
		return n.any(g.kids, n.dia)
	case opDia:
		return n.dia(g.kids[0])
	case opBox:
		h := g.kids[0]
		if isProp(h) {
			return []clause{{ea: []*formula{h}}}, nil
		}
		switch h.op {
		case opAnd: // <>[](A /\ B) == <>[]A /\ <>[]B
			return n.all(h.kids, func(k *formula) ([]clause, error) { return n.dia(boxF(k)) })
		case opBox:
			return n.dia(h)
		case opDia: // <>[]<>X == []<>X
			return n.box(h)
		}
	case opAnd:
		var ps, qs, rest []*formula
		for _, k := range g.kids {
			switch {
			case isProp(k):
				ps = append(ps, k)
			case k.op == opBox && isProp(k.kids[0]):
				qs = append(qs, k.kids[0])
			case prefixFree(k):
				rest = append(rest, k)
			default:
				return n.tabled(diaF(g))
			}
		}
		var head []clause
		switch {
		case len(qs) == 0:
			head = []clause{{ev: []*formula{andF(ps...)}}}
		case len(ps) == 0:
			head = []clause{{ea: []*formula{andF(qs...)}}}
		default:
			head = []clause{{evAlw: []evAlways{{andF(ps...), andF(qs...)}}}}
		}
		tail, err := n.all(rest, n.dnf)
		if err != nil {
			return nil, err
		}
		return n.product(head, tail)
	}
	return n.tabled(diaF(g))
}
