package checker

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
)

// diskFP is the seen set of a run that spills to disk (as TLC's
// DiskFPSet): the newest fingerprints in a bounded in-memory table, the
// others in one sorted file of (fingerprint, id) records with an in-memory
// index of the first fingerprint of each page. When the table is full it
// is frozen (still searched, never written) and merged with the file into
// a new file by a background goroutine, while a fresh table takes the
// inserts; a lookup checks the table, the frozen table, then one page of
// the file.
//
// Trace nodes (parent, action) go to the trace file (tracefile.go); only
// the nodes of the states found since the last flushNodes stay in memory,
// for insertAt's rule that a state several states of a level reach belongs
// to the first (a node written out is final: the states that could take
// it over have all been expanded).
type diskFP struct {
	dir string
	// limit is how many fingerprints the in-memory table holds before it
	// is merged into the file.
	limit int64

	swap   sync.RWMutex // inserts hold it for reading; swapping tables, for writing
	mem    *[1 << fpShardBits]fpShard
	memN   atomic.Int64
	frozen *[1 << fpShardBits]fpShard // being merged into file, or nil
	merged chan struct{}              // closed when the merge of frozen ends
	file   *fpFile                    // the sorted fingerprints on disk, or nil
	// pendingFile is the merge's result, installed by finishMerge
	pendingFile *fpFile
	merr        error // the last merge's failure
	gen         int   // names the next file

	zeroMu sync.Mutex // fingerprint 0, kept aside as in fpShard
	zero   bool
	zeroID int32

	count atomic.Int32
	// nodes [flushed, count) are in pending, by id-flushed
	flushed int32
	pending nodeChunks
	trace   *traceFile
	flushes atomic.Int64 // merges done (tests, progress)
}

// fpPageRecs is the number of records of a page of the file, the unit a
// lookup reads; the index holds a fingerprint per page.
const (
	fpRecSize  = 12
	fpPageRecs = 256
)

// fpFile is an immutable sorted run of fingerprints on disk.
type fpFile struct {
	f     *os.File
	path  string
	n     int64    // records
	index []uint64 // the first fingerprint of each page
}

func newDiskFP(dir string, limit int64, trace *traceFile) *diskFP {
	d := &diskFP{dir: dir, limit: max(limit, 1), trace: trace}
	d.mem = newShards()
	return d
}

func newShards() *[1 << fpShardBits]fpShard {
	sh := new([1 << fpShardBits]fpShard)
	for i := range sh {
		sh[i].fps = make([]uint64, fpShardMinSlots)
		sh[i].ids = make([]int32, fpShardMinSlots)
		sh[i].shift = 64 - fpShardMinBits
	}
	return sh
}

func (d *diskFP) size() int32 { return d.count.Load() }

// insertAt is fpSet.insertAt for the set on disk; it fails when the disk
// does.
func (d *diskFP) insertAt(fp uint64, parent, action, pidx, levelStart int32) (id int32, unseen, moved bool, prev int32, err error) {
	prev = -1
	if fp == 0 {
		d.zeroMu.Lock()
		defer d.zeroMu.Unlock()
		if d.zero {
			id = d.zeroID
			prev = d.take(id, parent, action, pidx, levelStart)
			return id, false, prev >= 0, prev, nil
		}
		d.zero, d.zeroID = true, d.newNode(fp, parent, action, pidx)
		return d.zeroID, true, false, -1, nil
	}
	d.swap.RLock()
	sh := &d.mem[fp>>(64-fpShardBits)]
	sh.mu.Lock()
	id, slot, ok := sh.find(fp)
	if !ok && d.frozen != nil {
		id, _, ok = d.frozen[fp>>(64-fpShardBits)].find(fp)
	}
	if !ok && d.file != nil {
		id, ok, err = d.file.lookup(fp)
	}
	if err == nil {
		if ok {
			prev = d.take(id, parent, action, pidx, levelStart)
			moved = prev >= 0
		} else {
			id, unseen = d.newNode(fp, parent, action, pidx), true
			sh.put(fp, id, slot)
		}
	}
	sh.mu.Unlock()
	d.swap.RUnlock()
	if unseen && d.memN.Add(1) >= d.limit {
		err = d.flush(false)
	}
	return id, unseen, moved, prev, err
}

// take gives the state id (a state of the level being generated whose
// node is still in memory) to the earlier state pidx, returning the action
// it had (-1: not taken).
func (d *diskFP) take(id, parent, action, pidx, levelStart int32) int32 {
	if pidx < 0 || id < levelStart || id < d.flushed {
		return -1
	}
	n := d.pending.at(id - d.flushed)
	if pidx < n.pidx {
		prev := n.action
		n.parent, n.action, n.pidx = parent, action, pidx
		return prev
	}
	return -1
}

func (d *diskFP) newNode(fp uint64, parent, action, pidx int32) int32 {
	id := d.count.Add(1) - 1
	*d.pending.at(id - d.flushed) = node{fp: fp, parent: parent, action: action, pidx: pidx}
	return id
}

func (d *diskFP) ownerIndex(id int32) int32 {
	if id < d.flushed {
		return -1
	}
	return d.pending.at(id - d.flushed).pidx
}

// flushNodes appends the nodes in memory to the trace file; call it
// between batches, with no insert running.
func (d *diskFP) flushNodes() error {
	n := d.count.Load()
	for id := d.flushed; id < n; id++ {
		if err := d.trace.append(*d.pending.at(id - d.flushed)); err != nil {
			return err
		}
	}
	d.flushed = n
	d.pending.reset()
	return d.trace.flush()
}

// node is the trace node of id.
func (d *diskFP) node(id int32) (node, error) {
	if id >= d.flushed {
		return *d.pending.at(id - d.flushed), nil
	}
	return d.trace.read(id)
}

// flush freezes the in-memory table and merges it into the file in the
// background (wait: and waits for the merge). With a merge still running
// it waits for it first: the inserts wait too, which bounds the memory.
func (d *diskFP) flush(wait bool) error {
	d.swap.Lock()
	if !wait && d.memN.Load() < d.limit { // another worker flushed
		d.swap.Unlock()
		return nil
	}
	if d.merged != nil {
		<-d.merged
		d.finishMerge()
	}
	if err := d.merr; err != nil {
		d.swap.Unlock()
		return err
	}
	if d.memN.Load() == 0 {
		d.swap.Unlock()
		return nil
	}
	d.frozen, d.mem = d.mem, newShards()
	d.memN.Store(0)
	done := make(chan struct{})
	d.merged = done
	frozen, old := d.frozen, d.file
	d.gen++
	path := filepath.Join(d.dir, fmt.Sprintf("fp-%d.bin", d.gen))
	go func() {
		defer close(done)
		nf, err := mergeFP(path, frozen, old)
		if err != nil {
			d.merr = err
			return
		}
		d.pendingFile = nf
	}()
	var err error
	if wait {
		<-done
		d.finishMerge()
		err = d.merr
	} // else a failed merge is reported by the next flush
	d.swap.Unlock()
	return err
}

// finishMerge installs the merged file (swap held for writing, merge done).
func (d *diskFP) finishMerge() {
	if d.pendingFile != nil {
		if d.file != nil {
			d.file.close()
		}
		d.file, d.pendingFile = d.pendingFile, nil
		d.flushes.Add(1)
	}
	d.frozen, d.merged = nil, nil
}

// mergeFP writes the fingerprints of the frozen table and of the file old
// in order to a new file at path.
func mergeFP(path string, frozen *[1 << fpShardBits]fpShard, old *fpFile) (*fpFile, error) {
	var recs []fpRec
	for i := range frozen {
		sh := &frozen[i]
		for j, fp := range sh.fps {
			if fp != 0 {
				recs = append(recs, fpRec{fp, sh.ids[j]})
			}
		}
	}
	slices.SortFunc(recs, func(a, b fpRec) int {
		switch {
		case a.fp < b.fp:
			return -1
		case a.fp > b.fp:
			return 1
		}
		return 0
	})
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	nf := &fpFile{f: f, path: path}
	w := bufio.NewWriterSize(f, 1<<16)
	var buf [fpRecSize]byte
	put := func(r fpRec) error {
		if nf.n%fpPageRecs == 0 {
			nf.index = append(nf.index, r.fp)
		}
		nf.n++
		binary.LittleEndian.PutUint64(buf[:8], r.fp)
		binary.LittleEndian.PutUint32(buf[8:], uint32(r.id))
		_, err := w.Write(buf[:])
		return err
	}
	var rd *bufio.Reader
	next := func() (fpRec, bool, error) { return fpRec{}, false, nil }
	if old != nil {
		rd = bufio.NewReaderSize(io.NewSectionReader(old.f, 0, old.n*fpRecSize), 1<<16)
		next = func() (fpRec, bool, error) {
			if _, err := io.ReadFull(rd, buf[:]); err != nil {
				if err == io.EOF {
					return fpRec{}, false, nil
				}
				return fpRec{}, false, err
			}
			return fpRec{binary.LittleEndian.Uint64(buf[:8]), int32(binary.LittleEndian.Uint32(buf[8:]))}, true, nil
		}
	}
	o, more, err := next()
	for i := 0; err == nil && (i < len(recs) || more); {
		if more && (i == len(recs) || o.fp < recs[i].fp) {
			if err = put(o); err == nil {
				o, more, err = next()
			}
			continue
		}
		err = put(recs[i])
		i++
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	return nf, nil
}

type fpRec struct {
	fp uint64
	id int32
}

var fpPagePool = sync.Pool{New: func() any { b := make([]byte, fpPageRecs*fpRecSize); return &b }}

// lookup finds fp in the file: the index gives its page, read and searched.
func (f *fpFile) lookup(fp uint64) (int32, bool, error) {
	p, _ := slices.BinarySearch(f.index, fp+1) // the pages whose first is <= fp
	if p == 0 {
		return 0, false, nil
	}
	p--
	recs := min(int64(fpPageRecs), f.n-int64(p)*fpPageRecs)
	bp := fpPagePool.Get().(*[]byte)
	defer fpPagePool.Put(bp)
	b := (*bp)[:recs*fpRecSize]
	if _, err := f.f.ReadAt(b, int64(p)*fpPageRecs*fpRecSize); err != nil {
		return 0, false, fmt.Errorf("reading the fingerprints on disk: %w", err)
	}
	lo, hi := 0, int(recs)
	for lo < hi {
		m := (lo + hi) / 2
		if binary.LittleEndian.Uint64(b[m*fpRecSize:]) < fp {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < int(recs) && binary.LittleEndian.Uint64(b[lo*fpRecSize:]) == fp {
		return int32(binary.LittleEndian.Uint32(b[lo*fpRecSize+8:])), true, nil
	}
	return 0, false, nil
}

func (f *fpFile) close() {
	f.f.Close()
	os.Remove(f.path)
}

// openFPFile opens a sorted run (a checkpoint's) and builds its index.
func openFPFile(path string) (*fpFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil || st.Size()%fpRecSize != 0 {
		f.Close()
		return nil, fmt.Errorf("%s: not a fingerprint file", path)
	}
	nf := &fpFile{f: f, path: path, n: st.Size() / fpRecSize}
	rd := bufio.NewReaderSize(f, 1<<16)
	var buf [fpRecSize]byte
	for i := int64(0); i < nf.n; i++ {
		if _, err := io.ReadFull(rd, buf[:]); err != nil {
			f.Close()
			return nil, err
		}
		if i%fpPageRecs == 0 {
			nf.index = append(nf.index, binary.LittleEndian.Uint64(buf[:8]))
		}
	}
	return nf, nil
}

// close ends the set: the merge is waited for and the files removed.
func (d *diskFP) close() {
	d.swap.Lock()
	defer d.swap.Unlock()
	if d.merged != nil {
		<-d.merged
		d.finishMerge()
	}
	if d.file != nil {
		d.file.close()
		d.file = nil
	}
}

// nodeChunks holds nodes by index in chunks that never move (as fpSet's),
// so that workers writing distinct indices need no common lock.
type nodeChunks struct {
	dir  atomic.Pointer[[]*nodeChunk]
	grow sync.Mutex
}

func (c *nodeChunks) at(i int32) *node {
	k := int(i >> nodeChunkBits)
	if d := c.dir.Load(); d != nil && k < len(*d) {
		return &(*d)[k][i&nodeChunkMask]
	}
	c.grow.Lock()
	defer c.grow.Unlock()
	var d []*nodeChunk
	if p := c.dir.Load(); p != nil {
		d = *p
	}
	if k >= len(d) {
		nd := make([]*nodeChunk, k+1)
		copy(nd, d)
		for j := len(d); j <= k; j++ {
			nd[j] = new(nodeChunk)
		}
		c.dir.Store(&nd)
		d = nd
	}
	return &d[k][i&nodeChunkMask]
}

// reset drops the chunks but the first (reused).
func (c *nodeChunks) reset() {
	if p := c.dir.Load(); p != nil && len(*p) > 1 {
		d := []*nodeChunk{(*p)[0]}
		c.dir.Store(&d)
	}
}

// spillInsert is insertSucc (insert: idx -1) for a run that spills.
func (s *search) spillInsert(fp uint64, parent, action int32, idx int64) (int32, bool, bool, int32) {
	id, unseen, moved, prev, err := s.spill.fp.insertAt(fp, parent, action, int32(idx), s.levelStart)
	if s.spillFailed(err) {
		return id, false, false, -1
	}
	if unseen {
		s.distinct.Add(1)
	}
	return id, unseen, moved, prev
}
