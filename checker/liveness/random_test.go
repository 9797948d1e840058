package liveness

import (
	"context"
	"math/rand"
	"testing"
)

// bruteEdge is a step of a small graph, stuttering included.
type bruteEdge struct {
	from, to, action int32
}

// bruteForce decides whether some fair behaviour violates the property by
// trying every set of steps as the set taken infinitely often.
func bruteForce(g *testGraph, prop string, p func(int32) bool, fair []Fairness) bool {
	n := int32(len(g.succ))
	var edges []bruteEdge
	for s := int32(0); s < n; s++ {
		for _, e := range g.succ[s] {
			edges = append(edges, bruteEdge{s, e.To, e.Action})
		}
		edges = append(edges, bruteEdge{s, s, Stutter})
	}
	okState := func(s int32) bool { return prop != "<>P" || !p(s) } // []~P restricts every state
	// reachable states (through allowed states)
	reach := make([]bool, n)
	var stack []int32
	for _, s := range g.init {
		if okState(s) && !reach[s] {
			reach[s] = true
			stack = append(stack, s)
		}
	}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, e := range g.succ[s] {
			if okState(e.To) && !reach[e.To] {
				reach[e.To] = true
				stack = append(stack, e.To)
			}
		}
	}
	for mask := 1; mask < 1<<len(edges); mask++ {
		var set []bruteEdge
		nodes := map[int32]bool{}
		for i, e := range edges {
			if mask&(1<<i) != 0 {
				set = append(set, e)
				nodes[e.from], nodes[e.to] = true, true
			}
		}
		if !bruteCycleOK(g, set, nodes, reach, prop, p, fair, okState) {
			continue
		}
		return true
	}
	return false
}

func bruteCycleOK(g *testGraph, set []bruteEdge, nodes map[int32]bool, reach []bool, prop string, p func(int32) bool, fair []Fairness, okState func(int32) bool) bool {
	for v := range nodes {
		if !reach[v] || !okState(v) {
			return false
		}
	}
	// strongly connected: every node reaches every node through set
	for v := range nodes {
		seen := map[int32]bool{v: true}
		work := []int32{v}
		for len(work) > 0 {
			u := work[len(work)-1]
			work = work[:len(work)-1]
			for _, e := range set {
				if e.from == u && !seen[e.to] {
					seen[e.to] = true
					work = append(work, e.to)
				}
			}
		}
		if len(seen) != len(nodes) {
			return false
		}
	}
	switch prop {
	case "[]<>P": // violated by <>[]~P
		for v := range nodes {
			if p(v) {
				return false
			}
		}
	case "<>[]P": // violated by []<>~P
		found := false
		for v := range nodes {
			found = found || !p(v)
		}
		if !found {
			return false
		}
	}
	for _, f := range fair {
		step, enabledSomewhere, disabledSomewhere := false, false, false
		for _, e := range set {
			step = step || g.acts[f.Step](e.from, e.to)
		}
		for v := range nodes {
			if g.states[f.Enabled](v) {
				enabledSomewhere = true
			} else {
				disabledSomewhere = true
			}
		}
		if step || !enabledSomewhere || (!f.Strong && disabledSomewhere) {
			continue
		}
		return false
	}
	return true
}

// validLasso checks that l is a behaviour of g whose cycle violates the
// property under the fairness.
func validLasso(g *testGraph, l *Lasso, prop string, p func(int32) bool, fair []Fairness) bool {
	okState := func(s int32) bool { return prop != "<>P" || !p(s) }
	isInit := false
	for _, s := range g.init {
		isInit = isInit || s == l.Steps[0].State
	}
	if !isInit {
		return false
	}
	hasEdge := func(from, to, a int32) bool {
		if a == Stutter {
			return from == to
		}
		for _, e := range g.succ[from] {
			if e.To == to && e.Action == a {
				return true
			}
		}
		return false
	}
	for i := 1; i < len(l.Steps); i++ {
		if !hasEdge(l.Steps[i-1].State, l.Steps[i].State, l.Steps[i].Action) {
			return false
		}
	}
	last := l.Steps[len(l.Steps)-1].State
	if !hasEdge(last, l.Steps[l.Loop].State, l.BackAction) {
		return false
	}
	reach := make([]bool, len(g.succ))
	for _, st := range l.Steps {
		if !okState(st.State) {
			return false
		}
		reach[st.State] = true
	}
	var set []bruteEdge
	nodes := map[int32]bool{}
	for i := l.Loop + 1; i < len(l.Steps); i++ {
		set = append(set, bruteEdge{l.Steps[i-1].State, l.Steps[i].State, l.Steps[i].Action})
	}
	set = append(set, bruteEdge{last, l.Steps[l.Loop].State, l.BackAction})
	for _, e := range set {
		nodes[e.from], nodes[e.to] = true, true
	}
	return bruteCycleOK(g, set, nodes, reach, prop, p, fair, okState)
}

// TestAgainstBruteForce compares the verdicts on random small graphs with
// an exhaustive search over the sets of steps taken infinitely often, and
// checks every lasso returned.
func TestAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewSource(8))
	props := []string{"[]<>P", "<>[]P", "<>P"}
	violations := 0
	for iter := 0; iter < 400; iter++ {
		n := 2 + rng.Intn(3)
		g := &testGraph{init: []int32{0}, succ: make([][]Edge, n)}
		edges := 0
		for s := 0; s < n; s++ {
			for t := 0; t < n && edges < 8; t++ {
				if rng.Intn(3) == 0 {
					g.succ[s] = append(g.succ[s], Edge{To: int32(t), Action: int32(rng.Intn(3))})
					edges++
				}
			}
		}
		pset := rng.Intn(1 << n)
		p := func(s int32) bool { return pset&(1<<s) != 0 }
		prop := props[rng.Intn(len(props))]
		var f *formula
		g.states = append(g.states, p)
		leaf := leafF(len(g.states)-1, false)
		switch prop {
		case "[]<>P":
			f = boxF(diaF(leaf))
		case "<>[]P":
			f = diaF(boxF(leaf))
		default:
			f = diaF(leaf)
		}
		var fair []Fairness
		for a := 'A'; a <= 'C'; a++ {
			if k := rng.Intn(3); k > 0 {
				fair = append(fair, g.fair(a, k == 2))
			}
		}
		pr, err := newProperty(nil, f, &Assumptions{extra: []clause{{}}, fair: fair})
		if err != nil {
			t.Fatal(err)
		}
		l, err := Check(context.Background(), g, pr)
		if err != nil {
			t.Fatal(err)
		}
		want := bruteForce(g, prop, p, fair)
		if (l != nil) != want {
			t.Fatalf("iteration %d: %s on %v (P=%b, fair %+v): got %s, brute force says violated=%v", iter, prop, g.succ, pset, fair, lassoString(l), want)
		}
		if l != nil {
			violations++
			if !validLasso(g, l, prop, p, fair) {
				t.Fatalf("iteration %d: %s on %v (P=%b, fair %+v): invalid lasso %s", iter, prop, g.succ, pset, fair, lassoString(l))
			}
		}
	}
	if violations == 0 || violations == 400 {
		t.Fatalf("%d violations in 400 runs: the generator does not exercise both verdicts", violations)
	}
}
