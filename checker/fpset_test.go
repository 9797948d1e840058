package checker

import (
	"strconv"
	"sync"
	"testing"
	"unsafe"
)

func TestFPSetInsert(t *testing.T) {
	s := newFPSet()
	const n = 3*(1<<nodeChunkBits) + 5 // several node chunks
	var mul uint64 = 0x9E3779B97F4A7C15
	for i := range n {
		id, unseen := s.insert(uint64(i)*mul, int32(i-1), int32(i%7))
		if id != int32(i) || !unseen {
			t.Fatalf("insert %d: id %d unseen %v, want %d true", i, id, unseen, i)
		}
	}
	if id, unseen := s.insert(5*mul, 99, 99); id != 5 || unseen {
		t.Fatalf("reinsert: id %d unseen %v, want 5 false", id, unseen)
	}
	nodes := s.nodes()
	if len(nodes) != n {
		t.Fatalf("%d nodes, want %d", len(nodes), n)
	}
	for i, nd := range nodes {
		if want := (node{fp: uint64(i) * mul, parent: int32(i - 1), action: int32(i % 7), pidx: -1}); nd != want {
			t.Fatalf("node %d = %+v, want %+v", i, nd, want)
		}
	}
}

// Two workers inserting overlapping fingerprints: each is stored once, ids
// are dense, and every worker agrees on every id.
func TestFPSetConcurrent(t *testing.T) {
	s := newFPSet()
	const n = 20000
	ids := make([][]int32, 2)
	var wg sync.WaitGroup
	for w := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ids[w] = make([]int32, n)
			for i := range n {
				ids[w][i], _ = s.insert(uint64(i)*0x9E3779B97F4A7C15+1, -1, int32(w))
			}
		}()
	}
	wg.Wait()
	nodes := s.nodes()
	if len(nodes) != n {
		t.Fatalf("%d nodes, want %d", len(nodes), n)
	}
	for i := range n {
		if ids[0][i] != ids[1][i] || nodes[ids[0][i]].fp != uint64(i)*0x9E3779B97F4A7C15+1 {
			t.Fatalf("fingerprint %d: ids %d %d", i, ids[0][i], ids[1][i])
		}
	}
}

// BenchmarkFPSetInsert inserts fresh fingerprints (and each once more, as
// about 7 in 8 generated states are already seen on btree) from 1 and 2
// goroutines.
func BenchmarkFPSetInsert(b *testing.B) {
	for _, workers := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(workers), func(b *testing.B) {
			s := newFPSet()
			var next sync.Mutex
			base := uint64(0)
			b.ResetTimer()
			var wg sync.WaitGroup
			per := b.N / workers
			for range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					next.Lock()
					start := base
					base += uint64(per)
					next.Unlock()
					for i := start; i < start+uint64(per); i++ {
						fp := i * 0x9E3779B97F4A7C15
						s.insert(fp, 0, 0)
						s.insert(fp, 0, 0)
					}
				}()
			}
			wg.Wait()
		})
	}
}

// TestInsertAtOwner: a state several states of a level reach belongs to
// the first of them in frontier order, whatever order the workers insert
// it in; a state of an earlier level is never moved.
func TestInsertAtOwner(t *testing.T) {
	s := newFPSet()
	old, _ := s.insert(1, -1, -1) // an earlier level's state
	start := s.count.Load()
	id, unseen, moved, _ := s.insertAt(42, 10, 0, 5, start)
	if !unseen || moved || s.ownerIndex(id) != 5 {
		t.Fatalf("first insert: unseen %v moved %v owner %d", unseen, moved, s.ownerIndex(id))
	}
	if _, unseen, moved, _ := s.insertAt(42, 11, 1, 7, start); unseen || moved || s.ownerIndex(id) != 5 {
		t.Fatalf("later parent: unseen %v moved %v owner %d", unseen, moved, s.ownerIndex(id))
	}
	if got, unseen, moved, prev := s.insertAt(42, 12, 2, 3, start); got != id || unseen || !moved || prev != 0 || s.ownerIndex(id) != 3 {
		t.Fatalf("earlier parent: id %d unseen %v moved %v owner %d", got, unseen, moved, s.ownerIndex(id))
	}
	if nd := s.nodes()[id]; nd.parent != 12 || nd.action != 2 {
		t.Fatalf("node %+v, want parent 12 action 2", nd)
	}
	if _, _, moved, _ := s.insertAt(1, 13, 0, 0, start); moved || s.nodes()[old].parent != -1 {
		t.Fatalf("a state of an earlier level moved")
	}
}

// The shards' tables grow and keep every id, fingerprint 0 included (it
// marks an empty slot), and fingerprints that collide in a shard's low
// bits are told apart.
func TestFPSetGrowAndZero(t *testing.T) {
	s := newFPSet()
	var fps []uint64
	fps = append(fps, 0)
	for i := range 5000 {
		fps = append(fps, uint64(i+1)<<40, uint64(i+1)) // same shard, same low bits
	}
	for i, fp := range fps {
		if id, unseen := s.insert(fp, -1, 0); id != int32(i) || !unseen {
			t.Fatalf("insert %#x: id %d unseen %v, want %d true", fp, id, unseen, i)
		}
	}
	for i, fp := range fps {
		if id, unseen := s.insert(fp, -1, 0); id != int32(i) || unseen {
			t.Fatalf("reinsert %#x: id %d unseen %v, want %d false", fp, id, unseen, i)
		}
	}
	if n := len(s.nodes()); n != len(fps) {
		t.Fatalf("%d nodes, want %d", n, len(fps))
	}
}

// A shard fills whole cache lines, so two workers locking neighbouring
// shards do not share one.
func TestFPShardCacheLines(t *testing.T) {
	if n := unsafe.Sizeof(fpShard{}); n%64 != 0 {
		t.Fatalf("fpShard is %d bytes, not a multiple of 64", n)
	}
}
