package eval

import (
	"sync"

	"github.com/tlals/tlals/parser/ast"
)

// Coverage as TLC's -coverage counts it (tlc2/tool/coverage): with
// EnableCoverage, every expression node TLC would count (an operator
// application: a name, an operator, a set, IF, a quantifier ...; not a
// number or a string) counts its evaluations, and every leaf of an action
// (a guard, an assignment, UNCHANGED) also counts, as TLC's getNextStates,
// the times the rest of the action went on from it to a successor; in an
// initial predicate the conjunct that completes the state counts the states
// it produced. Counts are per expression node (an operator's body called
// from two actions counts for both). Off, nothing is wrapped and nothing is
// counted.

// exprCov holds a program's counters, one per expression node, and the
// secondary counts (TLC's cost) of the set enumerations enumerated and the
// functions built. A counter is a dense id; each context counts in its own
// plain array (Ctx.count: no atomic add, no shared cache line), and the
// arrays are summed when the report is read, after the search.
type exprCov struct {
	mu     sync.Mutex
	counts map[ast.Node]covID
	sec    map[ast.Node]covID
	next   covID       // the ids given so far (0 is none)
	arrays []*covArray // the contexts' counts (registered as they count)
	guard  ast.Expr    // the expression guardStep compiled last
}

// covID is a counter: an index into a context's counts; 0 is no counter
// (coverage off).
type covID int32

// covArray is a context's counts, indexed by covID.
type covArray struct{ n []int64 }

// SetCoverage makes the evaluations in c count (with EnableCoverage): the
// search's, not liveness checking's or the editor's (nor a trace's
// reconstruction, which TLC's counts include: tlals's say what the search
// did).
//
// The values kept for the state stay (statecache.go): those kept while
// nothing counted do not serve once counting is on again.
func (c *Ctx) SetCoverage(on bool) {
	c.covOn = on
	c.covN = nil // counting again goes through countSlow, which checks covOn
}

// count adds d to counter n: inlined, a bounds check and an add; the rest
// (coverage off in c, an array to grow, a state-level value being
// recorded: covN is then nil) in countSlow.
func (c *Ctx) count(n covID, d int64) {
	if uint(n) < uint(len(c.covN)) {
		c.covN[n] += d
		return
	}
	c.countSlow(n, d)
}

func (c *Ctx) countSlow(n covID, d int64) {
	if !c.covOn || n == 0 {
		return
	}
	if int(n) >= len(c.covAll) {
		ec := c.prog.cov
		ec.mu.Lock()
		if c.covReg == nil || c.covRegOf != ec {
			c.covReg, c.covRegOf = &covArray{}, ec
			ec.arrays = append(ec.arrays, c.covReg)
		}
		grown := make([]int64, max(int(ec.next)+64, int(n)+1))
		copy(grown, c.covReg.n)
		c.covReg.n = grown
		ec.mu.Unlock()
		c.covAll = grown
	}
	c.covAll[n] += d
	if c.covRec > 0 {
		c.covJ = append(c.covJ, covInc{n, d})
		return
	}
	c.covN = c.covAll
}

// sum is counter n's total over the contexts (after the search).
func (ec *exprCov) sum(n covID) int64 {
	var t int64
	for _, a := range ec.arrays {
		if int(n) < len(a.n) {
			t += a.n[n]
		}
	}
	return t
}

// EnableCoverage makes the expressions compiled from now on count their
// evaluations (NodeCount).
func (p *Program) EnableCoverage() {
	p.cov = &exprCov{counts: map[ast.Node]covID{}, sec: map[ast.Node]covID{}}
}

// NodeCount is the count of expression node n (0: never counted).
func (p *Program) NodeCount(n ast.Node) int64 {
	if p.cov == nil {
		return 0
	}
	p.cov.mu.Lock()
	defer p.cov.mu.Unlock()
	if c := p.cov.counts[n]; c != 0 {
		return p.cov.sum(c)
	}
	return 0
}

// NodeCost is the secondary count of node n: for a set enumeration
// {a, b, ...} that x \in S enumerated, its elements and one more per
// enumeration (TLC's enumerator counts each call, the last one too).
func (p *Program) NodeCost(n ast.Node) int64 {
	if p.cov == nil {
		return 0
	}
	p.cov.mu.Lock()
	defer p.cov.mu.Unlock()
	if c := p.cov.sec[n]; c != 0 {
		return p.cov.sum(c)
	}
	return 0
}

// enumCounter is the secondary counter of the set e when it is a set
// enumeration (0 otherwise, or coverage off).
func (p *Program) enumCounter(e ast.Expr) covID {
	for {
		pe, ok := e.(*ast.Paren)
		if !ok {
			break
		}
		e = pe.X
	}
	if _, ok := e.(*ast.SetEnum); !ok {
		return 0
	}
	return p.secCounter(e)
}

// secCounter is the secondary counter of node e (0: coverage is off).
func (p *Program) secCounter(e ast.Node) covID {
	if p.cov == nil {
		return 0
	}
	p.cov.mu.Lock()
	defer p.cov.mu.Unlock()
	c := p.cov.sec[e]
	if c == 0 {
		p.cov.next++
		c = p.cov.next
		p.cov.sec[e] = c
	}
	return c
}

// counter is the counter of node n (0: coverage is off).
func (p *Program) counter(n ast.Node) covID {
	if p.cov == nil || n == nil {
		return 0
	}
	p.cov.mu.Lock()
	defer p.cov.mu.Unlock()
	c := p.cov.counts[n]
	if c == 0 {
		p.cov.next++
		c = p.cov.next
		p.cov.counts[n] = c
	}
	return c
}

// ownCounter is the counter with which compile(sc, e) counts e's own
// evaluations (0: none), for a fast path that evaluates e's parts without
// evaluating e and counts e itself as the general path would.
func (p *Program) ownCounter(sc cscope, e ast.Expr) covID {
	if p.cov == nil || sc.covOff {
		return 0
	}
	if e = ast.Unparen(e); !covCounted(e) {
		return 0
	}
	return p.counter(e)
}

// ownCount is the counter of e, whose compiler is to count e's
// evaluations in its own closure, as compile would have counted them
// around it (compile then does not: one call fewer per evaluation); 0
// where compile does not count e, and the compiler counts nothing. Called
// by e's compiler once it takes the path that counts.
func (p *Program) ownCount(sc cscope, e ast.Expr) covID {
	if p.cov == nil || sc.covOff || sc.covOwn != e {
		return 0
	}
	p.covTaken = e
	return p.counter(e)
}

// countedLeaf is, for a name e that compileNode compiled to ex, a
// variable's or a bound name's value or a constant's (the commonest
// counted nodes, a third to a half of the counts on the corpus), ex with
// its count n in one closure: compile's wrapper is one more call per
// evaluation. nil for other expressions. A variable without a value is
// left to ex, which raises its error.
func (p *Program) countedLeaf(sc cscope, e ast.Expr, ex expr, n covID) expr {
	x, ok := e.(*ast.OpApp)
	if !ok || len(x.Prefix) > 0 || x.Args != nil {
		return nil
	}
	if b, depth := sc.findUse(x.Name); b != nil {
		if b.kind != bVar || b.lazyArg || b.cellArg { // a cell is forced by compile's own read
			return nil
		}
		slot := b.slot
		if depth == 0 {
			return func(c *Ctx, f *frame) Value {
				c.count(n, 1)
				return f.s[slot]
			}
		}
		return func(c *Ctx, f *frame) Value {
			c.count(n, 1)
			return frameAt(f, depth).s[slot]
		}
	}
	d := sc.env.resolve(x.Name)
	switch {
	case d == nil:
	case d.kind == dVar:
		idx := d.varIdx
		return func(c *Ctx, f *frame) Value {
			c.count(n, 1)
			if v := c.Cur[idx]; v != nil {
				return v
			}
			return ex(c, f)
		}
	case d.kind == dConst && d.table == nil && !d.missing:
		v := d.cval
		return func(c *Ctx, _ *frame) Value {
			c.count(n, 1)
			return v
		}
	}
	return nil
}

// covCounted tells whether TLC counts evaluations of e (an OpApplNode of
// SANY's: not a number, a string, parentheses, a label or a LET, whose
// parts are counted).
func covCounted(e ast.Expr) bool {
	switch e.(type) {
	case *ast.Paren, *ast.Labeled, *ast.Number, *ast.String, *ast.Let:
		return false
	}
	return true
}

// tlcBuiltin tells whether TLC evaluates e, in action position, as an
// expression of a built-in operator (Tool.getNextStatesAppl's default case:
// e itself counts its evaluations) rather than applying a module's
// operator (Naturals' <, a user's definition: only the arguments count).
func (p *Program) tlcBuiltin(sc cscope, e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Infix:
		if d := sc.env.resolveOp(x, x.Op); d != nil && d.kind != dBuiltin {
			return false
		}
		switch x.Op {
		case "=", "#", "/=", "\\in", "\\notin", "/\\", "\\/", "=>", "<=>", "\\equiv", "\\subseteq",
			"\\cup", "\\union", "\\cap", "\\intersect", "\\", "\\X", "\\times", "\\cdot":
			return true
		}
		return false
	case *ast.OpApp:
		return false
	}
	return true
}

// actLeaf tells whether e is a leaf of an action as TLC enumerates it: not
// a conjunction, disjunction, quantifier, IF, CASE, LET or call of an
// action operator, whose parts are the leaves.
func (p *Program) actLeaf(sc cscope, e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Paren, *ast.Labeled, *ast.SubexprRef, *ast.Junction, *ast.If, *ast.Case, *ast.Let:
		return false
	case *ast.Quant:
		return x.Kind != ast.Exists && x.Kind != ast.Forall
	case *ast.Infix:
		if d := sc.env.resolveOp(x, x.Op); d != nil && d.kind != dBuiltin {
			return false
		}
		return x.Op != "/\\" && x.Op != "\\/"
	case *ast.OpApp:
		if len(x.Prefix) > 0 {
			return false
		}
		if b, _ := sc.findUse(x.Name); b != nil {
			return true
		}
		d := sc.env.resolve(x.Name)
		return d == nil || d.kind != dOp || d.body == nil
	}
	return true
}

// countLeaf makes the leaf e of an action count, as TLC's getNextStates,
// the times the rest of the action went on from it to a successor (once
// per successful evaluation, not per successor), or, in an initial
// predicate, the states produced after it completed the state.
func (p *Program) countLeaf(e ast.Expr, a act, s *step, init bool) (act, *step) {
	n := p.counter(e)
	if s != nil {
		s2 := &countedStep{step: *s} // the step and its counter in one allocation
		if len(s.cov) == 0 {
			s2.one[0] = n
			s2.cov = s2.one[:]
		} else {
			s2.cov = append(append([]covID(nil), s.cov...), n)
		}
		return stepAct(&s2.step, init)
	}
	return func(c *Ctx, f *frame, k func()) {
		t := c.targets(init)
		if !c.covOn || allAssigned(t) { // TLC evaluates what follows a complete state
			a(c, f, k)
			return
		}
		// the continuation is the context's covCont, which finds k on the
		// stack: no closure per evaluation
		if c.covK == nil {
			c.covK = c.covCont
		}
		c.covStack = append(c.covStack, covFrame{k: k, n: n, t: t, init: init})
		a(c, f, c.covK)
		c.covStack = c.covStack[:len(c.covStack)-1]
	}, nil
}

// covFrame is a counted leaf being evaluated: its continuation and counter.
type covFrame struct {
	k    func()
	n    covID
	t    []Value
	init bool
}

// covCont is the continuation of the innermost counted leaf (countLeaf):
// it runs the leaf's own and counts what it produced.
func (c *Ctx) covCont() {
	i := len(c.covStack) - 1
	fr := c.covStack[i]
	c.covStack = c.covStack[:i] // the leaves inside fr.k push above
	before := c.emitted
	fr.k()
	c.covStack = append(c.covStack, fr)
	if d := c.emitted - before; d > 0 && (!fr.init || allAssigned(fr.t)) {
		if !fr.init {
			d = 1
		}
		c.count(fr.n, d)
	}
}

// stepCounted runs the continuation k of step s (coverage on): s's leaves
// count as countLeaf says; full tells that every variable had its value
// before s ran.
func stepCounted(c *Ctx, s *step, t []Value, full, init bool, k func()) {
	if full || !c.covOn {
		k()
		return
	}
	before := c.emitted
	k()
	s.counted(c, t, init, before)
}

// counted adds to s's leaves what the continuation run since before
// produced: one when it produced a successor, or in an initial predicate
// the states produced once s completed the state.
func (s *step) counted(c *Ctx, t []Value, init bool, before int64) {
	if d := c.emitted - before; d > 0 && c.covOn && (!init || allAssigned(t)) {
		if !init {
			d = 1
		}
		for _, n := range s.cov {
			c.count(n, d)
		}
	}
}

// unparen is e without its parentheses and labels (the node TLC counts).
func unparen(e ast.Expr) ast.Expr {
	for {
		switch x := e.(type) {
		case *ast.Paren:
			e = x.X
		case *ast.Labeled:
			e = x.Body
		default:
			return e
		}
	}
}

type countedStep struct {
	step
	one [1]covID
}

// covParts are the counters of the expressions under e that coverage counts.
func (p *Program) covParts(e ast.Expr) []covID {
	var out []covID
	var rec func(n ast.Node)
	rec = func(n ast.Node) {
		if x, ok := n.(ast.Expr); ok && n != e && covCounted(x) {
			out = append(out, p.counter(x))
		}
		forKids(n, rec)
	}
	rec(e)
	return out
}

// forKids calls fn with each expression or binding under n; common nodes
// without allocating (ast.Children does).
func forKids(n ast.Node, fn func(ast.Node)) {
	switch x := n.(type) {
	case *ast.Number, *ast.String, *ast.Bool, *ast.Ident:
	case *ast.OpApp:
		if len(x.Prefix) > 0 {
			break
		}
		for _, a := range x.Args {
			fn(a)
		}
		return
	case *ast.Infix:
		fn(x.X)
		fn(x.Y)
		return
	case *ast.PrefixExpr:
		fn(x.X)
		return
	case *ast.PostfixExpr:
		fn(x.X)
		return
	case *ast.Paren:
		fn(x.X)
		return
	case *ast.SetEnum:
		for _, a := range x.Elems {
			fn(a)
		}
		return
	default:
		for _, k := range ast.Children(n) {
			if _, id := k.(*ast.Ident); !id {
				fn(k)
			}
		}
		return
	}
	if x, ok := n.(*ast.OpApp); ok {
		for _, k := range ast.Children(x) {
			if _, id := k.(*ast.Ident); !id {
				fn(k)
			}
		}
	}
}

// nestedIf tells a branch of IF that is itself an IF (alone in a bullet
// list or not): TLC does not count it as a leaf (its parts are reported at
// the IF's level; testdata/coverage/I).
func nestedIf(e ast.Expr) bool {
	e = unparen(e)
	if j, ok := e.(*ast.Junction); ok && len(j.Items) == 1 {
		e = unparen(j.Items[0])
	}
	_, ok := e.(*ast.If)
	return ok
}

// covCounted marks an argument counted in its call (macroArgCounted).
var covCountedMark Value = Bool(true)

// macroArgCounted is the use, with coverage, of a parameter b that stands
// for its argument expression (an operator applied in action position with
// a variable for argument: the argument is inlined, e its compiled form,
// counting nothing). TLC passes the argument as a LazyValue whose value is
// cached at its first use in the call: the argument's expressions count
// once per call, and once per use under a prime, where TLC does not cache
// it (testdata/coverage/Calls: Move(x)'s x).
func (p *Program) macroArgCounted(b *binding, depth int, e expr) expr {
	if b.covMark == 0 {
		b.covMark = 1 + b.fs.alloc()
	}
	slot := b.covMark - 1
	var parts []covID
	if covCounted(b.body) {
		parts = append(parts, p.counter(b.body))
	}
	parts = append(parts, p.covParts(b.body)...)
	return func(c *Ctx, f *frame) Value {
		if c.covOn {
			cf := frameAt(f, depth)
			if c.primed > 0 || cf.s[slot] == nil {
				for _, n := range parts {
					c.count(n, 1)
				}
				if c.primed == 0 {
					cf.s[slot] = covCountedMark
				}
			}
		}
		return e(c, frameAt(f, depth+1))
	}
}

// covInc is a count journaled while a state-level value is computed.
type covInc struct {
	n covID
	d int64
}
