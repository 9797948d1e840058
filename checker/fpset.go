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

type fpShard struct {
	mu sync.Mutex
	m  map[uint64]int32
	_  [48]byte // one shard per cache line: no false sharing between workers
}

func newFPSet() *fpSet {
	s := &fpSet{}
	for i := range s.shards {
		s.shards[i].m = map[uint64]int32{}
	}
	s.chunks.Store(&[]*nodeChunk{})
	return s
}

// insert adds fp (reached from parent by action) unless present; it returns
// its id and whether it is new.
func (s *fpSet) insert(fp uint64, parent, action int32) (int32, bool) {
	id, unseen, _ := s.insertAt(fp, parent, action, -1, 0)
	return id, unseen
}

// insertAt is insert for a successor of the pidx-th state of the level
// being expanded, whose new states have ids from levelStart on. A state
// that several states of the level reach belongs to the first of them,
// whichever worker inserted it first, as it does with one worker: when fp
// is already a state of this level reached from a later pidx, it is given
// this parent and action, and moved reports it.
func (s *fpSet) insertAt(fp uint64, parent, action, pidx, levelStart int32) (id int32, unseen, moved bool) {
	sh := &s.shards[fp>>(64-fpShardBits)] // high bits: the map hashes all
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if id, ok := sh.m[fp]; ok {
		if pidx >= 0 && id >= levelStart {
			if n := &s.chunk(id)[id&nodeChunkMask]; pidx < n.pidx {
				n.parent, n.action, n.pidx = parent, action, pidx
				return id, false, true
			}
		}
		return id, false, false
	}
	id = s.count.Add(1) - 1
	sh.m[fp] = id
	// written under the shard's lock: a second inserter of fp reads pidx
	s.chunk(id)[id&nodeChunkMask] = node{fp: fp, parent: parent, action: action, pidx: pidx}
	return id, true, false
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
