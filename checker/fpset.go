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
	sh := &s.shards[fp>>(64-fpShardBits)] // high bits: the map hashes all
	sh.mu.Lock()
	if id, ok := sh.m[fp]; ok {
		sh.mu.Unlock()
		return id, false
	}
	id := s.count.Add(1) - 1
	sh.m[fp] = id
	sh.mu.Unlock()
	s.chunk(id)[id&nodeChunkMask] = node{fp, parent, action}
	return id, true
}

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
