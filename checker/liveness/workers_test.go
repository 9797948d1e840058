package liveness

import (
	"context"
	"errors"
	"math/rand"
	"reflect"
	"sync/atomic"
	"testing"
)

// forkGraph is a testGraph that several goroutines may evaluate (its
// leaves are pure functions); it counts the leaf evaluations and can fail
// the evaluation of one state leaf.
type forkGraph struct {
	*testGraph
	evals   *atomic.Int64
	badLeaf int // -1: none
}

func (g *forkGraph) Fork() Graph { return g }
func (g *forkGraph) StatePred(l int, s int32) (bool, error) {
	g.evals.Add(1)
	if l == g.badLeaf {
		return false, errors.New("leaf failed")
	}
	return g.testGraph.StatePred(l, s)
}
func (g *forkGraph) ActionPred(l int, s, t int32) (bool, error) {
	g.evals.Add(1)
	return g.testGraph.ActionPred(l, s, t)
}

// randomGraph has n states, each with up to 3 successors.
func randomGraph(rng *rand.Rand, n int) *testGraph {
	g := &testGraph{init: []int32{0}, succ: make([][]Edge, n)}
	for s := 0; s < n; s++ {
		for k := rng.Intn(4); k > 0; k-- {
			g.succ[s] = append(g.succ[s], Edge{To: int32(rng.Intn(n)), Action: int32(rng.Intn(3))})
		}
	}
	return g
}

// TestWorkersSameLasso checks that clauses searched by several workers
// give what one worker gives, lasso included, on properties whose
// negation has several clauses: []<>P1 /\ []<>P2 /\ <>[]P3 under fairness.
func TestWorkersSameLasso(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	violations := 0
	for iter := 0; iter < 300; iter++ {
		g := randomGraph(rng, 3+rng.Intn(20))
		var conj []*formula
		for k := 0; k < 3; k++ {
			set := rng.Int63()
			g.states = append(g.states, func(s int32) bool { return set&(1<<s) != 0 })
			leaf := leafF(len(g.states)-1, false)
			if k < 2 {
				conj = append(conj, boxF(diaF(leaf)))
			} else {
				conj = append(conj, diaF(boxF(leaf)))
			}
		}
		var fair []Fairness
		for a := 'A'; a <= 'C'; a++ {
			if k := rng.Intn(3); k > 0 {
				fair = append(fair, g.fair(a, k == 2))
			}
		}
		pr, err := newProperty(nil, andF(conj...), &Assumptions{extra: []clause{{}}, fair: fair})
		if err != nil {
			t.Fatal(err)
		}
		if len(pr.clauses) != 3 {
			t.Fatalf("%d clauses, want 3", len(pr.clauses))
		}
		one, err := Check(context.Background(), g, pr)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []int{2, 3, 8} {
			fg := &forkGraph{testGraph: g, evals: &atomic.Int64{}, badLeaf: -1}
			got, err := checkWorkers(fg, pr, w)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, one) {
				t.Fatalf("iteration %d, %d workers: lasso %s, one worker %s", iter, w, lassoString(got), lassoString(one))
			}
		}
		if one != nil {
			violations++
		}
	}
	if violations == 0 || violations == 300 {
		t.Fatalf("%d violations in 300 runs: both verdicts must be exercised", violations)
	}
}

// TestWorkersFirstClauseWins checks that the result is the first clause's
// in order: an evaluation error of a later clause does not hide an earlier
// counterexample, and an error of an earlier clause is reported.
func TestWorkersFirstClauseWins(t *testing.T) {
	g := graph(2, "0-A->1 1-A->0")
	ok := g.in(0, 1) // holds everywhere: <>[]~ok never
	bad := g.in(0)   // the leaf that fails
	// negation: <>[]~ok \/ <>[]~bad \/ <>[]TRUE-ish: the last clause
	// (negating []<>(0 or 1)) has a counterexample
	always := g.in(0, 1)
	p := andF(boxF(diaF(ok)), boxF(diaF(bad)), boxF(diaF(notF(always))))
	pr, err := newProperty(nil, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{1, 2, 4} {
		fg := &forkGraph{testGraph: g, evals: &atomic.Int64{}, badLeaf: bad.leaf}
		l, err := checkWorkers(fg, pr, w)
		if err == nil || err.Error() != "leaf failed" || l != nil {
			t.Fatalf("%d workers: got %s, %v; want the second clause's error", w, lassoString(l), err)
		}
		fg.badLeaf = -1
		l, err = checkWorkers(fg, pr, w)
		if err != nil || l == nil {
			t.Fatalf("%d workers: got %s, %v; want the third clause's counterexample", w, lassoString(l), err)
		}
	}
}

// TestWorkersEvaluateOnce checks that workers share the leaves' values:
// a leaf used by every clause is evaluated once a state. One worker
// evaluates lazily (here it finds the first clause's counterexample after
// a few); several evaluate the clauses' leaves up front, each (leaf, state)
// once but for races between two workers.
func TestWorkersEvaluateOnce(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	g := randomGraph(rng, 200)
	shared := g.in(0, 1, 2)
	var conj []*formula
	for k := int32(0); k < 4; k++ {
		conj = append(conj, boxF(diaF(andF(shared, g.in(k, k+3)))))
	}
	pr, err := newProperty(nil, andF(conj...), nil)
	if err != nil {
		t.Fatal(err)
	}
	fg := &forkGraph{testGraph: g, evals: &atomic.Int64{}, badLeaf: -1}
	if _, err := checkWorkers(fg, pr, 1); err != nil {
		t.Fatal(err)
	}
	if got := fg.evals.Load(); got > 5*int64(g.NumStates()) {
		t.Fatalf("one worker: %d evaluations, more than one per leaf and state", got)
	}
	const leaves = 5 // shared and one per clause
	for _, w := range []int{2, 4} {
		fg.evals.Store(0)
		if _, err := checkWorkers(fg, pr, w); err != nil {
			t.Fatal(err)
		}
		if got := fg.evals.Load(); got > leaves*int64(g.NumStates())+int64(w)*int64(g.NumStates()) {
			t.Fatalf("%d workers: %d evaluations, more than one per leaf and state (%d leaves, %d states)", w, got, leaves, g.NumStates())
		}
	}
}

func checkWorkers(g Graph, p *Property, workers int) (*Lasso, error) {
	_, l, err := CheckAll(context.Background(), g, []*Property{p}, workers)
	return l, err
}

// TestCheckAllProperties checks that CheckAll reports the first violated
// property, whatever the number of workers, and that the properties share
// the fairness' values: each (leaf, state) is evaluated once.
func TestCheckAllProperties(t *testing.T) {
	// 0 -A-> 1 -B-> 2 -A-> 0: WF A and WF B make every state recur
	g := graph(3, "0-A->1 1-B->2 2-A->0")
	fair := []Fairness{g.fair('A', false), g.fair('B', false)}
	asm := &Assumptions{extra: []clause{{}}, fair: fair}
	var props []*Property
	for _, f := range []*formula{
		boxF(diaF(g.in(1))),    // holds
		diaF(boxF(g.in(0, 1))), // violated: 2 recurs
		boxF(diaF(g.in(3))),    // violated too, but later
	} {
		p, err := newProperty(nil, f, asm)
		if err != nil {
			t.Fatal(err)
		}
		props = append(props, p)
	}
	for _, w := range []int{1, 2, 4} {
		fg := &forkGraph{testGraph: g, evals: &atomic.Int64{}, badLeaf: -1}
		i, l, err := CheckAll(context.Background(), fg, props, w)
		if err != nil || i != 1 || l == nil {
			t.Fatalf("%d workers: property %d, %s, %v; want property 1 violated", w, i, lassoString(l), err)
		}
		i, l, err = CheckAll(context.Background(), fg, props[:1], w)
		if err != nil || i != -1 || l != nil {
			t.Fatalf("%d workers: property %d, %s, %v; want none violated", w, i, lassoString(l), err)
		}
	}
	// the fairness' ENABLED leaves on 3 states and steps on 3 edges and 3
	// stutters at most, and each property's own leaf on 3 states
	fg := &forkGraph{testGraph: g, evals: &atomic.Int64{}, badLeaf: -1}
	if _, _, err := CheckAll(context.Background(), fg, []*Property{props[0], props[0], props[0]}, 1); err != nil {
		t.Fatal(err)
	}
	if got, most := fg.evals.Load(), int64(2*3+2*6+3); got > most {
		t.Fatalf("%d evaluations for one property checked thrice, want at most %d", got, most)
	}
}
