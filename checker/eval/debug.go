package eval

import (
	"github.com/tlals/tlals/parser/ast"
)

// DebugHook observes the evaluation of actions for an interactive debugger
// (tlals dap). A Program given one by SetDebug before its actions are
// compiled compiles calls to it around every conjunct and every operator
// applied in action position; a Program without one compiles none, so the
// search pays nothing when no debugger is attached.
type DebugHook interface {
	// Site is called at compile time for each place that will report
	// events (so that a debugger can verify a breakpoint's line).
	Site(kind DebugKind, at *Loc)
	// Event is called on the evaluating goroutine, which waits while it
	// runs: a debugger stops the evaluation there.
	Event(c *Ctx, ev *DebugEvent)
}

// DebugKind is what a DebugEvent reports.
type DebugKind int

const (
	// DebugConjunct: a conjunct of an action is about to be evaluated.
	DebugConjunct DebugKind = iota
	// DebugConjunctDone: the conjunct was evaluated; Held tells whether it
	// held (for one of its ways, when it branches).
	DebugConjunctDone
	// DebugEnter: an operator applied in action position (Name) is entered;
	// DebugLeave: it is left (its continuation runs outside of it, and it
	// is entered again when the evaluation backtracks into it).
	DebugEnter
	DebugLeave
	// DebugBind: a LET's definitions or an \E's bound variables in action
	// position are bound (Name: "LET" or "\E"); its body (Loc) is about to
	// be evaluated.
	DebugBind
)

// DebugEvent is one point of an action's evaluation.
type DebugEvent struct {
	Kind DebugKind
	Loc  *Loc   // the conjunct, or the application entered or left
	Name string // the operator entered or left; DebugBind: LET or \E
	Held bool   // DebugConjunctDone
	site *debugSite
	f    *frame
}

// debugSite is what is known at compile time of an instrumented place: the
// names bound there and where their values are.
type debugSite struct {
	loc   *Loc
	names []debugName
}

type debugName struct {
	name        string
	depth, slot int
	lazy        bool // a zero-arity LET definition (*lazyCell)
}

// DebugBinding is a name bound where an event happened, with its value.
type DebugBinding struct {
	Name  string
	Value Value // nil with Err set when it cannot be evaluated
	Err   error
	Let   bool // a LET definition (else a parameter or bound variable)
}

// SetDebug attaches h to the actions compiled from now on.
func (p *Program) SetDebug(h DebugHook) { p.debug = h }

// Bindings are the names bound where ev happened, innermost first, with
// their values in c's current state. A LET definition not evaluated yet is
// evaluated now (its error, if any, is its value's place).
func (ev *DebugEvent) Bindings(c *Ctx) []DebugBinding {
	if ev.site == nil {
		return nil
	}
	var out []DebugBinding
	for _, n := range ev.site.names {
		fr := frameAt(ev.f, n.depth)
		if fr == nil || n.slot >= len(fr.s) {
			continue
		}
		b := DebugBinding{Name: n.name, Let: n.lazy, Value: fr.s[n.slot]}
		if cell, ok := b.Value.(*lazyCell); ok {
			b.Value, b.Err = forceForDebug(c, cell, ev.site.loc, n.name)
		}
		if b.Value == nil && b.Err == nil {
			continue // not bound yet
		}
		out = append(out, b)
	}
	return out
}

// forceForDebug evaluates a LET definition for display: an error is
// returned, not raised, and leaves the context as it was.
func forceForDebug(c *Ctx, cell *lazyCell, l *Loc, name string) (v Value, err error) {
	depth, primed := c.depth, c.primed
	defer func() { c.depth, c.primed = depth, primed }()
	defer Catch(&err)
	return cell.force(c, l, name), nil
}

// debugSiteOf records the names bound in sc (the innermost of each name).
func (p *Program) debugSiteOf(sc cscope, n ast.Node) *debugSite {
	s := &debugSite{loc: sc.loc(n)}
	seen := map[string]bool{}
	for b := sc.b; b != nil; b = b.next {
		if seen[b.name] || b.slot < 0 || (b.kind != bVar && b.kind != bLazy) {
			continue
		}
		seen[b.name] = true
		depth := 0
		fs := sc.fs
		for fs != nil && fs != b.fs {
			fs = fs.up
			depth++
		}
		if fs == nil {
			continue // bound in a frame this code cannot reach
		}
		s.names = append(s.names, debugName{name: b.name, depth: depth, slot: b.slot, lazy: b.kind == bLazy})
	}
	return s
}

// debugConjunct wraps the conjunct it (compiled from e) with events.
func (p *Program) debugConjunct(sc cscope, e ast.Expr, it actStep, init bool) actStep {
	h, site := p.debug, p.debugSiteOf(sc, e)
	h.Site(DebugConjunct, site.loc)
	before := func(c *Ctx, f *frame) {
		h.Event(c, &DebugEvent{Kind: DebugConjunct, Loc: site.loc, site: site, f: f})
	}
	after := func(c *Ctx, f *frame, held bool) {
		h.Event(c, &DebugEvent{Kind: DebugConjunctDone, Loc: site.loc, Held: held, site: site, f: f})
	}
	if s := it.s; s != nil {
		run := s.run
		it.s = &step{vars: s.vars, run: func(c *Ctx, f *frame) bool {
			before(c, f)
			ok := run(c, f)
			after(c, f, ok)
			return ok
		}}
		it.a, it.s = stepAct(it.s, init)
		return it
	}
	if g := it.g; g != nil {
		it.g = func(c *Ctx, f *frame) bool {
			before(c, f)
			ok := g(c, f)
			after(c, f, ok)
			return ok
		}
	}
	if a := it.a; a != nil {
		it.a = func(c *Ctx, f *frame, k func()) {
			before(c, f)
			held := false
			a(c, f, func() {
				if !held {
					held = true
					after(c, f, true)
				}
				k()
			})
			if !held {
				after(c, f, false)
			}
		}
	}
	return it
}

// debugCall wraps the action a (with step s), the application e of the
// operator name, with enter and leave events; the continuation runs outside
// of the call.
func (p *Program) debugCall(sc cscope, name string, e ast.Expr, a act, s *step, init bool) (act, *step) {
	h, site := p.debug, p.debugSiteOf(sc, e)
	h.Site(DebugEnter, site.loc)
	ev := func(c *Ctx, f *frame, k DebugKind) {
		h.Event(c, &DebugEvent{Kind: k, Loc: site.loc, Name: name, site: site, f: f})
	}
	if s != nil {
		run := s.run
		s = &step{vars: s.vars, run: func(c *Ctx, f *frame) bool {
			ev(c, f, DebugEnter)
			ok := run(c, f)
			ev(c, f, DebugLeave)
			return ok
		}}
		return stepAct(s, init)
	}
	return func(c *Ctx, f *frame, k func()) {
		ev(c, f, DebugEnter)
		a(c, f, func() {
			ev(c, f, DebugLeave)
			k()
			ev(c, f, DebugEnter)
		})
		ev(c, f, DebugLeave)
	}, s
}

// CompileOp compiles the body of the root module's operator name, whose
// parameters are bound to the values EvalArgs is given (a debugger's
// expression over the names bound where it stopped).
func (p *Program) CompileOp(name string) (ce *Compiled, err error) {
	defer Catch(&err)
	d := p.Root.lookup(name)
	if d == nil || d.kind != dOp || d.body == nil {
		return nil, &Error{Msg: "the operator " + name + " is not defined in the specification", Kind: ErrCompile}
	}
	for _, prm := range d.params {
		if prm.Arity > 0 {
			return nil, &Error{Loc: d.loc, Msg: "the operator " + name + " has an operator parameter", Kind: ErrCompile}
		}
	}
	fs := &fscope{}
	sc := p.paramScope(cscope{env: d.env, fs: fs, file: d.loc.File}, d, nil) // bound to values
	return &Compiled{e: p.compile(sc, d.body), fs: fs}, nil
}

// EvalArgs evaluates ce (from CompileOp) with the values of its parameters.
func (ce *Compiled) EvalArgs(c *Ctx, cur, next, args []Value) (v Value, err error) {
	defer Catch(&err)
	c.depth = 0
	c.Cur, c.Next = cur, next
	var f *frame
	if ce.fs.size > 0 {
		f = &frame{s: make([]Value, ce.fs.size)}
		copy(f.s, args)
	}
	return ce.e(c, f), nil
}

// SetElems are the elements of a finite set in canonical form, in TLC's
// order (false for any other value).
func SetElems(v Value) ([]Value, bool) {
	if s, ok := v.(*SetV); ok {
		return s.elems, true
	}
	return nil, false
}

// debugBind wraps the body a (with step s) of a LET or \E in action
// position, compiled in sc, with an event once the names are bound.
func (p *Program) debugBind(sc cscope, name string, body ast.Expr, a act, s *step, init bool) (act, *step) {
	h, site := p.debug, p.debugSiteOf(sc, body)
	h.Site(DebugBind, site.loc)
	ev := func(c *Ctx, f *frame) {
		h.Event(c, &DebugEvent{Kind: DebugBind, Loc: site.loc, Name: name, site: site, f: f})
	}
	if s != nil {
		run := s.run
		s = &step{vars: s.vars, run: func(c *Ctx, f *frame) bool {
			ev(c, f)
			return run(c, f)
		}}
		return stepAct(s, init)
	}
	return func(c *Ctx, f *frame, k func()) {
		ev(c, f)
		a(c, f, k)
	}, nil
}
