package liveness

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// testGraph is a hand-built behaviour graph; actions are named by letters
// (the edge label is the letter's index) and leaves are Go functions.
type testGraph struct {
	init   []int32
	succ   [][]Edge
	states []func(s int32) bool
	acts   []func(s, t int32) bool
}

// graph parses "0-A->1 1-B->0" (initial state 0 unless init is given).
func graph(n int, edges string, init ...int32) *testGraph {
	g := &testGraph{succ: make([][]Edge, n), init: init}
	if len(init) == 0 {
		g.init = []int32{0}
	}
	for _, e := range strings.Fields(edges) {
		var from, to int32
		var a rune
		if _, err := fmt.Sscanf(e, "%d-%c->%d", &from, &a, &to); err != nil {
			panic(e)
		}
		g.succ[from] = append(g.succ[from], Edge{To: to, Action: int32(a - 'A')})
	}
	return g
}

func (g *testGraph) NumStates() int            { return len(g.succ) }
func (g *testGraph) Initial() []int32          { return g.init }
func (g *testGraph) Successors(s int32) []Edge { return g.succ[s] }
func (g *testGraph) StatePred(l int, s int32) (bool, error) {
	return g.states[l](s), nil
}
func (g *testGraph) ActionPred(l int, s, t int32) (bool, error) {
	return g.acts[l](s, t), nil
}

// in is the state predicate "the state is one of ss".
func (g *testGraph) in(ss ...int32) *formula {
	g.states = append(g.states, func(s int32) bool {
		for _, x := range ss {
			if x == s {
				return true
			}
		}
		return false
	})
	return leafF(len(g.states)-1, false)
}

// angle is the action predicate <<a>>_vars: an edge labelled a that
// changes the state.
func (g *testGraph) angle(a rune) int {
	g.acts = append(g.acts, func(s, t int32) bool {
		if s == t {
			return false
		}
		for _, e := range g.succ[s] {
			if e.To == t && e.Action == int32(a-'A') {
				return true
			}
		}
		return false
	})
	return len(g.acts) - 1
}

// fair is WF (or SF) of action a.
func (g *testGraph) fair(a rune, strong bool) Fairness {
	g.states = append(g.states, func(s int32) bool {
		for _, e := range g.succ[s] {
			if e.Action == int32(a-'A') && e.To != s {
				return true
			}
		}
		return false
	})
	return Fairness{Strong: strong, Enabled: len(g.states) - 1, Step: g.angle(a)}
}

func wf(as string) func(*testGraph) []Fairness { return fairOf(as, false) }
func sf(as string) func(*testGraph) []Fairness { return fairOf(as, true) }
func fairOf(as string, strong bool) func(*testGraph) []Fairness {
	return func(g *testGraph) []Fairness {
		var out []Fairness
		for _, a := range as {
			out = append(out, g.fair(a, strong))
		}
		return out
	}
}

// lassoString renders a lasso as "0 -A-> 1 -C-> back to 1" or "0 -A-> 1
// stuttering".
func lassoString(l *Lasso) string {
	if l == nil {
		return "holds"
	}
	var b strings.Builder
	label := func(a int32) string {
		if a == Stutter {
			return "~"
		}
		return string(rune('A' + a))
	}
	for i, s := range l.Steps {
		if i > 0 {
			fmt.Fprintf(&b, " -%s-> ", label(s.Action))
		}
		fmt.Fprintf(&b, "%d", s.State)
	}
	if l.Stuttering() {
		b.WriteString(" stuttering")
	} else {
		fmt.Fprintf(&b, " -%s-> back to %d", label(l.BackAction), l.Steps[l.Loop].State)
	}
	return b.String()
}

// lassoCase is a property on a hand-made graph, under fairness, and the
// lasso expected of it (lassoString; "holds" for none).
type lassoCase struct {
	name  string
	g     *testGraph
	prop  func(g *testGraph) *formula
	fair  func(*testGraph) []Fairness
	lasso string
}

// checkLassoCases checks each case with every number of workers given.
func checkLassoCases(t *testing.T, tests []lassoCase, workers ...int) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &Assumptions{extra: []clause{{}}}
			if tc.fair != nil {
				a.fair = tc.fair(tc.g)
			}
			p, err := newProperty(nil, tc.prop(tc.g), a)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range workers {
				_, l, err := CheckAll(context.Background(), tc.g, []*Property{p}, w)
				if err != nil {
					t.Fatal(err)
				}
				if got := lassoString(l); got != tc.lasso {
					t.Errorf("%d workers: got %q, want %q", w, got, tc.lasso)
				}
			}
		})
	}
}

func TestCheckForms(t *testing.T) {
	tests := []lassoCase{
		// TLC reports the first bad component its search completes: the
		// deepest state before P, not the initial one
		{"<>P stutters at the last state before P without fairness", graph(3, "0-A->1 1-A->2"),
			func(g *testGraph) *formula { return diaF(g.in(2)) }, nil, "0 -A-> 1 stuttering"},
		{"<>P holds with WF", graph(3, "0-A->1 1-A->2"),
			func(g *testGraph) *formula { return diaF(g.in(2)) }, wf("A"), "holds"},
		{"<>P fails when the path forks away", graph(4, "0-A->1 1-A->2 0-B->3 3-B->3"),
			func(g *testGraph) *formula { return diaF(g.in(2)) }, wf("AB"), "0 -B-> 3 stuttering"},
		{"[]<>P stutters without fairness", graph(2, "0-A->1 1-B->0"),
			func(g *testGraph) *formula { return boxF(diaF(g.in(1))) }, nil, "0 stuttering"},
		{"[]<>P holds with WF", graph(2, "0-A->1 1-B->0"),
			func(g *testGraph) *formula { return boxF(diaF(g.in(1))) }, wf("AB"), "holds"},
		{"[]<>P fails with WF of one action: stutter at 1", graph(2, "0-A->1 1-B->0"),
			func(g *testGraph) *formula { return boxF(diaF(g.in(0))) }, wf("A"), "0 -A-> 1 stuttering"},
		{"<>[]P fails on a cycle", graph(2, "0-A->1 1-B->0"),
			func(g *testGraph) *formula { return diaF(boxF(g.in(1))) }, wf("AB"), "0 -A-> 1 -B-> back to 0"},
		{"<>[]P holds when the cycle is inside P", graph(3, "0-A->1 1-B->2 2-C->1"),
			func(g *testGraph) *formula { return diaF(boxF(g.in(1, 2))) }, wf("ABC"), "holds"},
		{"[]P fails by reaching ~P", graph(3, "0-A->1 1-A->2"),
			func(g *testGraph) *formula { return boxF(diaF(boxF(g.in(0, 1)))) }, wf("A"), "0 -A-> 1 -A-> 2 stuttering"},
		{"P ~> Q: WF lets the other branch be taken forever", graph(3, "0-A->1 1-B->2 1-C->0"),
			func(g *testGraph) *formula { return leadsTo(g.in(1), g.in(2)) }, wf("ABC"), "0 -A-> 1 -C-> 0 -A-> 1 -C-> back to 0"},
		{"P ~> Q: SF forces it", graph(3, "0-A->1 1-B->2 1-C->0"),
			func(g *testGraph) *formula { return leadsTo(g.in(1), g.in(2)) }, func(g *testGraph) []Fairness {
				return append(wf("AC")(g), sf("B")(g)...)
			}, "holds"},
		{"P ~> Q: P in the prefix, then stuck", graph(4, "0-A->1 1-B->3 3-C->3 0-D->2"),
			func(g *testGraph) *formula { return leadsTo(g.in(1), g.in(2)) }, wf("ABCD"), "0 -A-> 1 -B-> 3 stuttering"},
		{"SF refinement removes the enabled state, WF of B forbids stuttering", graph(3, "0-B->1 1-B->0 1-A->2"),
			func(g *testGraph) *formula { return diaF(g.in(2)) }, func(g *testGraph) []Fairness {
				return append(sf("A")(g), wf("B")(g)...)
			}, "holds"},
		{"WF instead of SF: the cycle avoids A", graph(3, "0-B->1 1-B->0 1-A->2"),
			func(g *testGraph) *formula { return diaF(g.in(2)) }, wf("AB"), "0 -B-> 1 -B-> back to 0"},
		{"SF refinement leaves a stuttering state", graph(3, "0-B->1 1-B->0 1-A->2"),
			func(g *testGraph) *formula { return diaF(g.in(2)) }, sf("A"), "0 stuttering"},
		{"the lasso takes the SF step though B is disabled at 0", graph(4, "0-A->1 1-A->0 1-B->2 2-C->0"),
			func(g *testGraph) *formula { return boxF(diaF(g.in(3))) }, func(g *testGraph) []Fairness {
				return append(wf("AC")(g), sf("B")(g)...)
			}, "0 -A-> 1 -B-> 2 -C-> back to 0"},
		{"with WF the lasso may skip B", graph(4, "0-A->1 1-A->0 1-B->2 2-C->0"),
			func(g *testGraph) *formula { return boxF(diaF(g.in(3))) }, wf("A"), "0 -A-> 1 -A-> back to 0"},
		{"[]<><<A>>_v", graph(2, "0-A->1 1-B->0 1-C->1"),
			func(g *testGraph) *formula { return boxF(diaF(leafF(g.angle('B'), true))) }, wf("A"), "0 -A-> 1 stuttering"},
		{"<><<A>>_v holds under WF", graph(2, "0-A->1 1-B->0"),
			func(g *testGraph) *formula { return diaF(leafF(g.angle('B'), true)) }, wf("AB"), "holds"},
		{"conjunction: the second conjunct fails", graph(3, "0-A->1 1-B->2 2-C->1"),
			func(g *testGraph) *formula { return andF(diaF(g.in(1)), boxF(diaF(g.in(0)))) }, wf("ABC"), "0 -A-> 1 -B-> 2 -C-> back to 1"},
		{"disjunction: one side suffices", graph(3, "0-A->1 1-B->2 2-C->1"),
			func(g *testGraph) *formula { return orF(diaF(boxF(g.in(0))), boxF(diaF(g.in(2)))) }, wf("ABC"), "holds"},
		{"initial-state predicate", graph(2, "0-A->1", 1, 0),
			func(g *testGraph) *formula { return andF(g.in(1), diaF(g.in(1))) }, wf("A"), "0 -A-> 1 stuttering"},
		{"initial-state predicate, no fairness", graph(2, "0-A->1", 1, 0),
			func(g *testGraph) *formula { return andF(g.in(1), diaF(g.in(1))) }, nil, "0 -A-> 1 stuttering"},
		{"WF-as-property fails without fairness", graph(2, "0-A->1"),
			func(g *testGraph) *formula {
				f := g.fair('A', false)
				return weakFair(f.Enabled, f.Step)
			}, nil, "0 stuttering"},
		{"SF-as-property holds under WF on a single path", graph(2, "0-A->1"),
			func(g *testGraph) *formula {
				f := g.fair('A', true)
				return strongFair(f.Enabled, f.Step)
			}, wf("A"), "holds"},
	}
	checkLassoCases(t, tests, 1, 2)
}

func TestLassoShape(t *testing.T) {
	g := graph(4, "0-A->1 1-B->2 2-C->3 3-D->1")
	p, err := newProperty(nil, diaF(boxF(g.in(0, 1, 2))), &Assumptions{extra: []clause{{}}, fair: wf("ABCD")(g)})
	if err != nil {
		t.Fatal(err)
	}
	l, err := Check(context.Background(), g, p)
	if err != nil {
		t.Fatal(err)
	}
	// Boxed: the negation, []<>, is a condition on the cycle
	want := &Lasso{Steps: []Step{{0, Initial}, {1, 0}, {2, 1}, {3, 2}}, Loop: 1, BackAction: 3, Boxed: true}
	if !reflect.DeepEqual(l, want) {
		t.Fatalf("got %+v, want %+v", l, want)
	}
	if l.Stuttering() {
		t.Error("a cycle back to state 2 is not stuttering")
	}
}

func TestUnsupported(t *testing.T) {
	g := graph(1, "")
	tests := []struct {
		name string
		f    *formula
		msg  string
	}{
		// TLC's Liveness.classifyExpr: an action outside []<>A and <>[]A
		{"action at the top", leafF(g.angle('A'), true), "Temporal formulas containing actions must be of forms <>[]A or []<>A."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newProperty(nil, tc.f, nil)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("got %v, want an error containing %q", err, tc.msg)
			}
		})
	}
}

// A long ring: the Tarjan and the BFS must not recurse.
func TestDeepRing(t *testing.T) {
	const n = 300000
	g := &testGraph{init: []int32{0}, succ: make([][]Edge, n)}
	for i := 0; i < n; i++ {
		g.succ[i] = []Edge{{To: int32((i + 1) % n), Action: 0}}
	}
	p, err := newProperty(nil, diaF(boxF(notF(g.in(n/2)))), &Assumptions{extra: []clause{{}}, fair: wf("A")(g)})
	if err != nil {
		t.Fatal(err)
	}
	l, err := Check(context.Background(), g, p)
	if err != nil {
		t.Fatal(err)
	}
	if l == nil || len(l.Steps) != n || l.Loop != 0 || l.Stuttering() {
		t.Fatalf("want the whole ring as the cycle, got %d steps, loop %d", len(l.Steps), l.Loop)
	}
}

func BenchmarkRing(b *testing.B) {
	const n = 100000
	g := &testGraph{init: []int32{0}, succ: make([][]Edge, n)}
	for i := 0; i < n; i++ {
		g.succ[i] = []Edge{{To: int32((i + 1) % n), Action: 0}, {To: int32((i + 7) % n), Action: 1}}
	}
	// every state is eventually left for an even one: holds, so the whole
	// graph is searched
	g.states = append(g.states, func(s int32) bool { return s%2 == 0 })
	p, err := newProperty(nil, leadsTo(g.in(1), leafF(len(g.states)-1, false)), &Assumptions{extra: []clause{{}}, fair: wf("AB")(g)})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if l, err := Check(context.Background(), g, p); err != nil || l != nil {
			b.Fatal(err, l != nil)
		}
	}
}
