package checker

import (
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/tlals/tlals/checker/eval"
	"github.com/tlals/tlals/checker/liveness"
)

// edgeRec records the behaviour graph during the safety search when there
// are temporal properties to check, so that liveness needs no second
// exploration. Every state is expanded by exactly one worker, which then
// stores the state's values and successor list at the state's id: ids are
// distinct, so the workers need no common lock. Successor lists are cut
// from per-worker blocks, so the memory is 8 bytes per edge plus two slice
// headers per state.
type edgeRec struct {
	// (*chunks)[id>>nodeChunkBits][id&nodeChunkMask] is state id; as in
	// fpSet, chunks never move and the directory is replaced under grow.
	chunks  atomic.Pointer[[]*liveChunk]
	grow    sync.Mutex
	workers []edgeWorker // by worker number
	initMu  sync.Mutex
	init    []int32
	// concrete: each edge also keeps the successor as the action
	// produced it (under SYMMETRY the id is its class's, whose stored
	// state is another member of the class); see splitGraph
	concrete bool
	// disk: the records go to disk (a run that spills, diskgraph.go)
	disk *graphDisk
	// leaves: the search evaluates the liveness leaves on each state it
	// expands and records their values with it (searchLeaves); each edge
	// then keeps its successor's values until the state ends
	leaves *liveness.Leaves
}

type liveChunk [1 << nodeChunkBits]liveState

type liveState struct {
	values []eval.Value
	succ   []liveness.Edge
	vals   [][]eval.Value // with concrete: succ[i]'s successor state
	bits   []uint64       // with leaves: their values (liveness.Leaves.Bits)
	// succBits: with leaves, the values of the leaves TLC evaluates on a
	// successor as generated (liveness.Leaves.Succ; bit 63: evaluated),
	// set by the state that found it
	succBits atomic.Uint64
}

// edgeWorker is one worker's scratch: the successors of the state it
// expands and the block their lists are cut from.
type edgeWorker struct {
	cur   []liveness.Edge
	vals  [][]eval.Value     // with concrete: cur[i]'s successor state
	seen  map[int32]struct{} // targets of cur, once cur is long
	block []liveness.Edge
	// bits: the leaves' values of the state being expanded (nil: not
	// evaluated), bitBlock the block their copies are cut from
	bits     []uint64
	bitBuf   []uint64
	fresh    []freshSucc // with leaves: the successors first found here
	bitBlock []uint64
	_        [32]byte // no false sharing between workers
}

// edgeBlock is the size of the blocks lists are cut from: large enough that
// allocation is rare, small enough that the unused tails do not matter.
const edgeBlock = 1 << 14

// dedupScan is the list length up to which a duplicate target is found by
// scanning the list rather than with the map.
const dedupScan = 16

func newEdgeRec(workers int) *edgeRec {
	r := &edgeRec{workers: make([]edgeWorker, workers)}
	r.chunks.Store(&[]*liveChunk{})
	return r
}

func (r *edgeRec) chunk(id int32) *liveChunk {
	i := int(id >> nodeChunkBits)
	if d := *r.chunks.Load(); i < len(d) {
		return d[i]
	}
	r.grow.Lock()
	defer r.grow.Unlock()
	d := *r.chunks.Load()
	if i >= len(d) {
		nd := make([]*liveChunk, i+1)
		copy(nd, d)
		for j := len(d); j <= i; j++ {
			nd[j] = new(liveChunk)
		}
		r.chunks.Store(&nd)
		d = nd
	}
	return d[i]
}

// initial notes a new initial state.
func (r *edgeRec) initial(id int32) {
	r.initMu.Lock()
	r.init = append(r.init, id)
	r.initMu.Unlock()
}

// begin starts the successor list of the state worker w expands.
func (r *edgeRec) begin(w int) {
	ew := &r.workers[w]
	ew.cur = ew.cur[:0]
	ew.vals = ew.vals[:0]
	ew.bits = nil
	ew.fresh = ew.fresh[:0]
	if len(ew.seen) > 0 {
		clear(ew.seen)
	}
}

// edge adds the step to state to by action ai; a target reached again (by
// a later action) keeps its first action, as one edge. With concrete, the
// step keeps its successor st, and every step is kept.
func (r *edgeRec) edge(w int, to, ai int32, st []eval.Value) {
	ew := &r.workers[w]
	if r.concrete {
		ew.cur = append(ew.cur, liveness.Edge{To: to, Action: ai})
		ew.vals = append(ew.vals, st)
		return
	}
	if len(ew.cur) < dedupScan {
		for _, e := range ew.cur {
			if e.To == to {
				return
			}
		}
	} else {
		if ew.seen == nil {
			ew.seen = map[int32]struct{}{}
		}
		if len(ew.seen) == 0 {
			for _, e := range ew.cur {
				ew.seen[e.To] = struct{}{}
			}
		}
		if _, ok := ew.seen[to]; ok {
			return
		}
		ew.seen[to] = struct{}{}
	}
	ew.cur = append(ew.cur, liveness.Edge{To: to, Action: ai})
	if r.leaves != nil {
		ew.vals = append(ew.vals, st)
	}
}

// end stores state id's values and the successor list built since begin.
func (r *edgeRec) end(w int, id int32, values []eval.Value) {
	ew := &r.workers[w]
	if r.disk != nil {
		if err := r.disk.write(w, id, recFull, values, ew.cur, ew.vals); err != nil {
			r.disk.fail(fmt.Errorf("writing the behaviour graph: %w", err))
		}
		return
	}
	n := len(ew.cur)
	if n > len(ew.block) {
		ew.block = make([]liveness.Edge, max(edgeBlock, n))
	}
	succ := ew.block[:n:n]
	ew.block = ew.block[n:]
	copy(succ, ew.cur)
	var vals [][]eval.Value
	if r.concrete {
		vals = append([][]eval.Value(nil), ew.vals...)
	}
	var bits []uint64
	if nb := len(ew.bits); nb > 0 {
		if nb > len(ew.bitBlock) {
			ew.bitBlock = make([]uint64, max(edgeBlock, nb))
		}
		bits = ew.bitBlock[:nb:nb]
		ew.bitBlock = ew.bitBlock[nb:]
		copy(bits, ew.bits)
	}
	ls := &r.chunk(id)[id&nodeChunkMask] // its succBits may be set already
	ls.values, ls.succ, ls.vals, ls.bits = values, succ, vals, bits
}

// found stores the values of a new state when it is found by worker w:
// the prefix watch evaluates steps into states not expanded yet.
func (r *edgeRec) found(w int, id int32, values []eval.Value) {
	if r.disk != nil {
		if err := r.disk.write(w, id, recValues, values, nil, nil); err != nil {
			r.disk.fail(fmt.Errorf("writing the behaviour graph: %w", err))
		}
		return
	}
	r.chunk(id)[id&nodeChunkMask].values = values
}

// node is state id's record (nil when never stored), from memory or disk;
// call it once the workers are done (and flush has been called).
func (r *edgeRec) node(id int32) *liveState {
	if r.disk != nil {
		return r.disk.node(id, r.concrete)
	}
	return r.at(id)
}

// recorded reports whether state id's values were stored.
func (r *edgeRec) recorded(id int32) bool {
	if r.disk != nil {
		p := r.disk.where.get(id)
		return p != nil && *p != 0
	}
	ls := r.at(id)
	return ls != nil && ls.values != nil
}

// flush makes what the workers recorded readable (between levels).
func (r *edgeRec) flush() {
	if r.disk != nil {
		if err := r.disk.flush(); err != nil {
			r.disk.fail(fmt.Errorf("writing the behaviour graph: %w", err))
		}
	}
}

// failed is the error that left the graph on disk incomplete.
func (r *edgeRec) failed() error {
	if r.disk == nil {
		return nil
	}
	return r.disk.err()
}

// at is state id's record (nil when never stored); call it once the
// workers are done.
func (r *edgeRec) at(id int32) *liveState {
	d := *r.chunks.Load()
	if int(id>>nodeChunkBits) >= len(d) {
		return nil
	}
	return &d[id>>nodeChunkBits][id&nodeChunkMask]
}

// startEdges turns recording on when the model has temporal properties to
// check (any error is reported by checkLiveness after the search).
func (s *search) startEdges(m *Model) {
	if _, props, _, err := s.temporalParts(m); err == nil && len(props) > 0 {
		s.live = newEdgeRec(s.workers)
		s.live.concrete = len(s.perms) > 0
	}
}

// stateBits returns worker w's scratch for the leaves' values of the state
// it expands, nbits of them, cleared; end records them with the state.
func (r *edgeRec) stateBits(w, nbits int) []uint64 {
	ew := &r.workers[w]
	n := (nbits + 63) / 64
	if cap(ew.bitBuf) < n {
		ew.bitBuf = make([]uint64, n)
	}
	ew.bits = ew.bitBuf[:n]
	clear(ew.bits)
	return ew.bits
}

// freshSucc is a successor first found by the state being expanded.
type freshSucc struct {
	id int32
	st []eval.Value
}

// found notes a successor the state worker w expands found first (or
// before the state that found it, later in the level: moved).
func (r *edgeRec) foundFresh(w int, id int32, st []eval.Value) {
	ew := &r.workers[w]
	ew.fresh = append(ew.fresh, freshSucc{id, st})
}
