package liveness

// tarjan finds strongly connected components without recursion: the call
// stack is an explicit slice, so deep graphs cannot overflow.
type tarjan struct {
	index, low []int32 // 0: not visited in this run
	onStack    []bool
	stack      []int32
	calls      []call
	touched    []int32
	queue      []int32
}

type call struct {
	v    int32
	next int32 // the next edge of v to follow
}

func newTarjan(n int) *tarjan {
	return &tarjan{index: make([]int32, n), low: make([]int32, n), onStack: make([]bool, n)}
}

// run emits the components of the subgraph of p on the nodes where in
// holds, through allowed edges, starting from roots in order; as in TLC's
// LiveWorker.checkSccs, a node met by a step that is not allowed becomes a
// later root. A component's root (the node the search entered it by) comes
// first in the slice passed to emit, which is reused.
func (t *tarjan) run(p *product, roots []int32, in func(int32) bool, emit func([]int32)) {
	counter := int32(0)
	for _, v := range t.touched {
		t.index[v], t.low[v] = 0, 0
	}
	t.touched = t.touched[:0]
	t.queue = append(t.queue[:0], roots...)
	for qi := 0; qi < len(t.queue); qi++ {
		r := t.queue[qi]
		if t.index[r] != 0 || !in(r) {
			continue
		}
		t.calls = append(t.calls[:0], call{r, p.off[r]})
		counter++
		t.index[r], t.low[r] = counter, counter
		t.touched = append(t.touched, r)
		t.stack = append(t.stack, r)
		t.onStack[r] = true
		for len(t.calls) > 0 {
			top := &t.calls[len(t.calls)-1]
			v := top.v
			if top.next < p.off[v+1] {
				e := &p.edges[top.next]
				top.next++
				w := e.to
				if !in(w) {
					continue
				}
				if !p.allowed(v, e) {
					if t.index[w] == 0 {
						t.queue = append(t.queue, w)
					}
					continue
				}
				if t.index[w] == 0 {
					counter++
					t.index[w], t.low[w] = counter, counter
					t.touched = append(t.touched, w)
					t.stack = append(t.stack, w)
					t.onStack[w] = true
					t.calls = append(t.calls, call{w, p.off[w]})
				} else if t.onStack[w] && t.index[w] < t.low[v] {
					t.low[v] = t.index[w]
				}
				continue
			}
			t.calls = t.calls[:len(t.calls)-1]
			if len(t.calls) > 0 {
				u := t.calls[len(t.calls)-1].v
				if t.low[v] < t.low[u] {
					t.low[u] = t.low[v]
				}
			}
			if t.low[v] == t.index[v] {
				i := len(t.stack) - 1
				for t.stack[i] != v {
					i--
				}
				comp := t.stack[i:]
				for _, w := range comp {
					t.onStack[w] = false
				}
				emit(comp)
				t.stack = t.stack[:i]
			}
		}
	}
}
