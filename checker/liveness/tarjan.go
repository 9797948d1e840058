package liveness

import "github.com/tlals/tlals/checker/spillmem"

// tarjan finds strongly connected components without recursion: the call
// stack is an explicit slice, so deep graphs cannot overflow.
type tarjan struct {
	a          *spillmem.Arena // where the arrays are (nil: the heap)
	index, low []int32         // 0: not visited in this run
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

func newTarjan(a *spillmem.Arena, n int) *tarjan {
	return &tarjan{a: a, index: spillmem.Make[int32](a, n, n), low: spillmem.Make[int32](a, n, n), onStack: spillmem.Make[bool](a, n, n)}
}

// free releases the arrays when they were mapped.
func (t *tarjan) free() {
	spillmem.Free(t.a, t.index)
	spillmem.Free(t.a, t.low)
	spillmem.Free(t.a, t.onStack)
	spillmem.Free(t.a, t.stack)
	spillmem.Free(t.a, t.calls)
	spillmem.Free(t.a, t.touched)
	spillmem.Free(t.a, t.queue)
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
	t.queue = spillmem.AppendSlice(t.a, t.queue[:0], roots...)
	for qi := 0; qi < len(t.queue); qi++ {
		r := t.queue[qi]
		if t.index[r] != 0 || !in(r) {
			continue
		}
		t.calls = spillmem.Append(t.a, t.calls[:0], call{r, p.off[r]})
		counter++
		t.index[r], t.low[r] = counter, counter
		t.touched = spillmem.Append(t.a, t.touched, r)
		t.stack = spillmem.Append(t.a, t.stack, r)
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
						t.queue = spillmem.Append(t.a, t.queue, w)
					}
					continue
				}
				if t.index[w] == 0 {
					counter++
					t.index[w], t.low[w] = counter, counter
					t.touched = spillmem.Append(t.a, t.touched, w)
					t.stack = spillmem.Append(t.a, t.stack, w)
					t.onStack[w] = true
					t.calls = spillmem.Append(t.a, t.calls, call{w, p.off[w]})
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
