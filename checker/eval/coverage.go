package eval

import (
	"sort"
	"sync"
	"sync/atomic"

	"github.com/tlals/tlals/parser/ast"
)

// Coverage of the conjuncts of actions: with EnableCoverage, each conjunct
// of an initial predicate or action compiled afterwards counts its
// evaluations (TLC's -coverage counts per expression). Off, nothing is
// wrapped and nothing is counted.

// exprCov holds a program's counters, one per conjunct's location.
type exprCov struct {
	mu     sync.Mutex
	counts map[Loc]*atomic.Int64
}

// EnableCoverage makes the initial predicate and actions compiled from now
// on count the evaluations of their conjuncts (ConjunctCounts).
func (p *Program) EnableCoverage() {
	p.cov = &exprCov{counts: map[Loc]*atomic.Int64{}}
}

// ExprCount is how many times the expression at Loc was evaluated.
type ExprCount struct {
	Loc   *Loc
	Count int64
}

// ConjunctCounts are the counts of the conjuncts, by file and position.
func (p *Program) ConjunctCounts() []ExprCount {
	if p.cov == nil {
		return nil
	}
	p.cov.mu.Lock()
	defer p.cov.mu.Unlock()
	out := make([]ExprCount, 0, len(p.cov.counts))
	for l, n := range p.cov.counts {
		l := l
		out = append(out, ExprCount{Loc: &l, Count: n.Load()})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Loc, out[j].Loc
		if a.File.Name != b.File.Name {
			return a.File.Name < b.File.Name
		}
		if a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		return a.Span.End > b.Span.End
	})
	return out
}

// counter is the counter of the conjunct at l (nil: coverage is off or l
// unknown).
func (p *Program) counter(l *Loc) *atomic.Int64 {
	if p.cov == nil || l == nil || l.File == nil {
		return nil
	}
	p.cov.mu.Lock()
	defer p.cov.mu.Unlock()
	n := p.cov.counts[*l]
	if n == nil {
		n = new(atomic.Int64)
		p.cov.counts[*l] = n
	}
	return n
}

// counted wraps a compiled conjunct so that each evaluation is counted.
func (it actStep) counted(n *atomic.Int64) actStep {
	if n == nil {
		return it
	}
	if a := it.a; a != nil {
		it.a = func(c *Ctx, f *frame, k func()) { n.Add(1); a(c, f, k) }
	}
	if it.s != nil {
		s := *it.s
		run := s.run
		s.run = func(c *Ctx, f *frame) bool { n.Add(1); return run(c, f) }
		it.s = &s
	}
	if g := it.g; g != nil {
		it.g = func(c *Ctx, f *frame) bool { n.Add(1); return g(c, f) }
	}
	return it
}

// isConj tells an infix A /\ B, whose conjuncts are counted one by one.
func isConj(e ast.Expr) bool {
	for {
		pe, ok := e.(*ast.Paren)
		if !ok {
			break
		}
		e = pe.X
	}
	x, ok := e.(*ast.Infix)
	return ok && x.Op == "/\\"
}
