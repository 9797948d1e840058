package checker

import (
	"sync"
	"sync/atomic"
)

// fpSet maps state fingerprints to node ids. It is split into shards, each
// behind its own lock, so that workers inserting at the same time rarely
// wait for each other; ids come from one counter, so one worker numbers the
// states in the order it finds them.
type fpSet struct {
	shards [1 << fpShardBits]fpShard
	count  atomic.Int32
	_      [60]byte // count, written per new state, apart from chunks, read per insert
	// (*chunks)[id>>nodeChunkBits][id&nodeChunkMask] is node id. A chunk
	// never moves; the directory is replaced (under grow) when full, so
	// writers of distinct ids need no lock.
	chunks atomic.Pointer[[]*nodeChunk]
	grow   sync.Mutex
}

const (
	fpShardBits   = 6
	nodeChunkBits = 12
	nodeChunkMask = 1<<nodeChunkBits - 1
)

type nodeChunk [1 << nodeChunkBits]node

// fpShard is an open-addressing table: fingerprints in one flat array
// probed linearly, their ids in a parallel one (12 bytes a slot, where a Go
// map takes about twice that and hashes again). Fingerprint 0 marks an
// empty slot, so the state whose fingerprint is 0 is kept aside.
type fpShard struct {
	mu     sync.Mutex
	fps    []uint64 // len a power of two; 0: empty
	ids    []int32
	n      int   // slots used
	shift  uint8 // 64 - log2(len(fps))
	zero   bool
	zeroID int32
	_      [56]byte // two cache lines a shard: no false sharing between workers
}

// fpShardMinSlots is a shard's first size; it doubles when 3/4 full.
const (
	fpShardMinBits  = 6
	fpShardMinSlots = 1 << fpShardMinBits
)

// find returns fp's id, or the slot where fp goes; fp != 0.
func (sh *fpShard) find(fp uint64) (id int32, slot int, ok bool) {
	mask := len(sh.fps) - 1
	// Fibonacci hashing: the top bits of the product depend on all of fp's
	i := int((fp * 0x9E3779B97F4A7C15) >> sh.shift)
	for {
		switch sh.fps[i] {
		case fp:
			return sh.ids[i], i, true
		case 0:
			return 0, i, false
		}
		i = (i + 1) & mask
	}
}

// put stores fp (absent, != 0) at slot, growing the table when 3/4 full.
func (sh *fpShard) put(fp uint64, id int32, slot int) {
	sh.fps[slot], sh.ids[slot] = fp, id
	if sh.n++; sh.n*4 >= len(sh.fps)*3 {
		old, oldIDs := sh.fps, sh.ids
		sh.fps, sh.ids = make([]uint64, 2*len(old)), make([]int32, 2*len(old))
		sh.shift--
		for j, f := range old {
			if f != 0 {
				_, k, _ := sh.find(f)
				sh.fps[k], sh.ids[k] = f, oldIDs[j]
			}
		}
	}
}

func newFPSet() *fpSet {
	s := &fpSet{}
	for i := range s.shards {
		s.shards[i].fps = make([]uint64, fpShardMinSlots)
		s.shards[i].ids = make([]int32, fpShardMinSlots)
		s.shards[i].shift = 64 - fpShardMinBits
	}
	s.chunks.Store(&[]*nodeChunk{})
	return s
}

// insert adds fp (reached from parent by action) unless present; it returns
// its id and whether it is new.
func (s *fpSet) insert(fp uint64, parent, action int32) (int32, bool) {
	id, unseen, _, _ := s.insertAt(fp, parent, action, -1, 0)
	return id, unseen
}

// insertAt is insert for a successor of the pidx-th state of the level
// being expanded, whose new states have ids from levelStart on. A state
// that several states of the level reach belongs to the first of them,
// whichever worker inserted it first, as it does with one worker: when fp
// is already a state of this level reached from a later pidx, it is given
// this parent and action, and moved reports it, with the action it had
// (prev: coverage counts the state for the action that keeps it).
func (s *fpSet) insertAt(fp uint64, parent, action, pidx, levelStart int32) (id int32, unseen, moved bool, prev int32) {
	sh := &s.shards[fp>>(64-fpShardBits)]
	sh.mu.Lock()
	defer sh.mu.Unlock()
	var slot int
	var ok bool
	if fp == 0 {
		id, ok = sh.zeroID, sh.zero
	} else {
		id, slot, ok = sh.find(fp)
	}
	if ok {
		if pidx >= 0 && id >= levelStart {
			if n := &s.chunk(id)[id&nodeChunkMask]; pidx < n.pidx {
				prev = n.action
				n.parent, n.action, n.pidx = parent, action, pidx
				return id, false, true, prev
			}
		}
		return id, false, false, -1
	}
	id = s.count.Add(1) - 1
	if fp == 0 {
		sh.zero, sh.zeroID = true, id
	} else {
		sh.put(fp, id, slot)
	}
	// written under the shard's lock: a second inserter of fp reads pidx
	s.chunk(id)[id&nodeChunkMask] = node{fp: fp, parent: parent, action: action, pidx: pidx}
	return id, true, false, -1
}

// ownerIndex is the frontier index of the state that reached id first in
// BFS order (insertAt's pidx).
func (s *fpSet) ownerIndex(id int32) int32 { return s.chunk(id)[id&nodeChunkMask].pidx }

func (s *fpSet) chunk(id int32) *nodeChunk {
	i := int(id >> nodeChunkBits)
	if d := *s.chunks.Load(); i < len(d) {
		return d[i]
	}
	s.grow.Lock()
	defer s.grow.Unlock()
	d := *s.chunks.Load()
	if i >= len(d) {
		nd := make([]*nodeChunk, i+1)
		copy(nd, d)
		for j := len(d); j <= i; j++ {
			nd[j] = new(nodeChunk)
		}
		s.chunks.Store(&nd)
		d = nd
	}
	return d[i]
}

// nodes returns the nodes by id; call it once the workers are done.
func (s *fpSet) nodes() []node {
	n := int(s.count.Load())
	out := make([]node, 0, n)
	for i, c := range *s.chunks.Load() {
		out = append(out, c[:min(n-i<<nodeChunkBits, 1<<nodeChunkBits)]...)
	}
	return out
}
