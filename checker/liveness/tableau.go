package liveness

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// A tableau checks the parts of a negated property that the normal form
// (normal.go) cannot split into the monitor's atoms, such as nested
// eventualities <>(P /\ <>(Q /\ []R)). As TLC's (tlc2/tool/liveness/
// TBGraph), it is built by expanding the formula into nodes: a node holds
// the propositional formulas that must hold now (on the step leaving the
// state, state predicates on its first state) and the formulas that must
// hold from the next position on; its successors are the expansions of
// the latter. A behaviour satisfies the formula when it follows a path of
// the tableau on which every promise <>A is fulfilled infinitely often: at
// a node that did not defer A to the next position.
type tableau struct {
	nodes    []tnode
	init     []int32 // the expansions of the formula itself
	promises int
}

type tnode struct {
	now     []*formula // propositional: holds on the step leaving the state
	next    []int32
	pending uint64 // bit k: promise k is deferred at this node
}

// maxTableau bounds the tableau's nodes (they multiply the product's).
const maxTableau = 1 << 12

// tabBuilder interns formulas (structurally equal subformulas get one id)
// and expands sets of them.
type tabBuilder struct {
	ids      map[string]int
	forms    []*formula
	promise  map[int]int // <>A's id -> promise number
	nodes    map[string]int32
	expanded map[string][]int32
	t        *tableau
	queue    []int32
	nextOf   [][]int // per node: the ids of the formulas for the next position
}

func (b *tabBuilder) id(f *formula) int {
	var k strings.Builder
	fmt.Fprintf(&k, "%d/%d/%v/%v(", f.op, f.leaf, f.action, f.neg)
	for _, c := range f.kids {
		fmt.Fprintf(&k, "%d,", b.id(c))
	}
	key := k.String()
	if i, ok := b.ids[key]; ok {
		return i
	}
	b.ids[key] = len(b.forms)
	b.forms = append(b.forms, f)
	return len(b.forms) - 1
}

// newTableau builds the tableau of f (in NNF, leaves compiled).
func newTableau(f *formula) (*tableau, error) {
	b := &tabBuilder{ids: map[string]int{}, promise: map[int]int{}, nodes: map[string]int32{}, expanded: map[string][]int32{}, t: &tableau{}}
	var err error
	if b.t.init, err = b.expandSet([]int{b.id(f)}); err != nil {
		return nil, err
	}
	for len(b.queue) > 0 {
		v := b.queue[0]
		b.queue = b.queue[1:]
		succ, err := b.expandSet(b.nextOf[v])
		if err != nil {
			return nil, err
		}
		b.t.nodes[v].next = succ
	}
	b.t.promises = len(b.promise)
	return b.t, nil
}

// expandSet returns the nodes of the expansions of the conjunction of the
// formulas fs (memoized: equal sets expand to the same nodes).
func (b *tabBuilder) expandSet(fs []int) ([]int32, error) {
	fs = sortedSet(fs)
	key := fmt.Sprint(fs)
	if out, ok := b.expanded[key]; ok {
		return out, nil
	}
	var out []int32
	seen := map[int32]bool{}
	var err error
	var rec func(todo []int, now, next []int, pending uint64)
	rec = func(todo []int, now, next []int, pending uint64) {
		if err != nil {
			return
		}
		if len(todo) == 0 {
			v, e := b.node(now, next, pending)
			if e != nil {
				err = e
				return
			}
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
			return
		}
		i, rest := todo[0], todo[1:]
		f := b.forms[i]
		if isProp(f) {
			rec(rest, append(now[:len(now):len(now)], i), next, pending)
			return
		}
		switch f.op {
		case opAnd:
			more := append([]int(nil), rest...)
			for _, k := range f.kids {
				more = append(more, b.id(k))
			}
			rec(more, now, next, pending)
		case opOr:
			for _, k := range f.kids {
				rec(append([]int{b.id(k)}, rest...), now, next, pending)
			}
		case opBox: // []A == A /\ X[]A
			rec(append([]int{b.id(f.kids[0])}, rest...), now, append(next[:len(next):len(next)], i), pending)
		case opDia: // <>A == A \/ X<>A, the latter deferring the promise
			rec(append([]int{b.id(f.kids[0])}, rest...), now, next, pending)
			k, ok := b.promise[i]
			if !ok {
				k = len(b.promise)
				if k >= 64 {
					err = errors.New("temporal property too complex: more than 64 eventualities in its tableau")
					return
				}
				b.promise[i] = k
			}
			rec(rest, now, append(next[:len(next):len(next)], i), pending|1<<k)
		default:
			err = fmt.Errorf("internal error: tableau of operator %d", f.op)
		}
	}
	rec(fs, nil, nil, 0)
	b.expanded[key] = out
	return out, err
}

// node interns the node (now, next, pending).
func (b *tabBuilder) node(now, next []int, pending uint64) (int32, error) {
	now, next = sortedSet(now), sortedSet(next)
	key := fmt.Sprint(now, next, pending)
	if v, ok := b.nodes[key]; ok {
		return v, nil
	}
	if len(b.t.nodes) >= maxTableau {
		return 0, errors.New("temporal property too complex: its tableau has more than 4096 nodes")
	}
	v := int32(len(b.t.nodes))
	n := tnode{pending: pending}
	for _, i := range now {
		n.now = append(n.now, b.forms[i])
	}
	b.t.nodes = append(b.t.nodes, n)
	b.nextOf = append(b.nextOf, next)
	b.nodes[key] = v
	b.queue = append(b.queue, v)
	return v, nil
}

func sortedSet(xs []int) []int {
	out := append([]int(nil), xs...)
	sort.Ints(out)
	j := 0
	for i, x := range out {
		if i == 0 || x != out[j-1] {
			out[j] = x
			j++
		}
	}
	return out[:j]
}
