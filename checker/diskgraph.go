package checker

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/tlals/tlals/checker/eval"
	"github.com/tlals/tlals/checker/liveness"
	"github.com/tlals/tlals/checker/spillmem"
)

// graphDisk keeps the behaviour graph of a run that spills to disk (as
// TLC's tlc2.tool.liveness.DiskGraph): each state's record, its values and
// successor list, is appended to its worker's file when the state is
// expanded, and only the record's place stays in memory (8 bytes a state,
// as TLC's NodePtrTable). The liveness check reads the records back through
// a small cache; their values are decoded again when a leaf is evaluated.
//
// A record is uvarint(len) then: a kind byte (recValues: values only, for
// a state found but not expanded yet, that the prefix watch reads;
// recFull: expanded), the state's id, for recFull its successors (uvarint
// count, then uvarint target and action each), the values
// (eval.AppendState) and, for recFull under SYMMETRY (edgeRec.concrete),
// each successor's values as produced. The successors come before the
// values so that succTable reads them without decoding any value: the
// liveness check reads the successor lists far more often than the values
// (whose leaves it evaluates once), so it has them in memory, 8 bytes an
// edge and 4 a state, as its product of the graph with a property's
// monitor has.
type graphDisk struct {
	dir string
	// files: a recovered run's files from the checkpoint (read only,
	// livecheckpoint.go), then this run's, worker w's at first+w
	files []*graphFile
	first int
	// where: (offset+1)<<8 | worker of each id's latest record; 0: none
	where  chunked[uint64]
	mu     sync.Mutex // guards dec
	dec    eval.Decoder
	cache  [graphCacheSize]atomic.Pointer[cachedNode]
	blocks *blockCache
	reads  atomic.Int64 // records read from disk (tests)
	// arena: the memory of the liveness check's tables (succTable, the
	// product, the component search), mapped from files under a memory
	// budget (spillmem), nil without one
	arena *spillmem.Arena
	// failed is the first error writing or reading the file: the graph
	// is then incomplete, and the run reports it (spillFailed)
	failMu sync.Mutex
	failed error
}

func (d *graphDisk) fail(err error) {
	d.failMu.Lock()
	if d.failed == nil {
		d.failed = err
	}
	d.failMu.Unlock()
}

// err is the first error writing or reading the file.
func (d *graphDisk) err() error {
	d.failMu.Lock()
	defer d.failMu.Unlock()
	return d.failed
}

const (
	recValues = 0
	recFull   = 1
)

// graphCacheSize is the number of decoded records kept (direct-mapped by
// id): the liveness check reads a state's record for each of its steps and
// product nodes, mostly close together in id order.
const graphCacheSize = 1 << 12

type cachedNode struct {
	id int32
	ls liveState
}

type graphFile struct {
	path string
	f    *os.File
	w    *bufio.Writer // nil: a checkpoint's file, read only
	size int64         // bytes written (flushed or buffered)
	buf  []byte
	_    [32]byte // no false sharing between workers
}

func newGraphDisk(dir string, workers int, cacheBytes int64) (*graphDisk, error) {
	d := &graphDisk{dir: dir, blocks: newBlockCache(cacheBytes)}
	return d, d.addFiles(workers)
}

// addFiles opens the files of the run's workers after those there are.
func (d *graphDisk) addFiles(workers int) error {
	d.first = len(d.files)
	if d.first+workers > 1<<8 { // where keeps a file's index in a byte
		return fmt.Errorf("the behaviour graph would take more than %d files (recovered too many times)", 1<<8)
	}
	for w := range workers {
		path := filepath.Join(d.dir, fmt.Sprintf("graph-%d.bin", d.first+w))
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			d.close()
			return err
		}
		d.files = append(d.files, &graphFile{path: path, f: f, w: bufio.NewWriterSize(f, 1<<16)})
	}
	return nil
}

func (d *graphDisk) close() {
	d.arena.Close()
	d.arena = nil
	for _, f := range d.files {
		if f != nil {
			f.f.Close()
		}
	}
}

// write appends id's record from worker w.
func (d *graphDisk) write(w int, id int32, kind byte, values []eval.Value, succ []liveness.Edge, vals [][]eval.Value) error {
	w += d.first
	gf := d.files[w]
	b := append(gf.buf[:0], kind)
	b = binary.AppendUvarint(b, uint64(id))
	if kind == recFull {
		b = binary.AppendUvarint(b, uint64(len(succ)))
		for _, e := range succ {
			b = binary.AppendUvarint(b, uint64(e.To))
			b = binary.AppendUvarint(b, uint64(e.Action))
		}
	}
	var err error
	if b, err = eval.AppendState(b, values); err != nil {
		return err
	}
	if kind == recFull {
		for _, v := range vals {
			if b, err = eval.AppendState(b, v); err != nil {
				return err
			}
		}
	}
	gf.buf = b
	var hdr [binary.MaxVarintLen64]byte
	h := binary.PutUvarint(hdr[:], uint64(len(b)))
	if _, err := gf.w.Write(hdr[:h]); err != nil {
		return err
	}
	if _, err := gf.w.Write(b); err != nil {
		return err
	}
	*d.where.at(id) = uint64(gf.size+1)<<8 | uint64(w)
	gf.size += int64(h + len(b))
	d.cache[int(id)&(graphCacheSize-1)].Store(nil) // a newer record
	return nil
}

// flush writes the buffered records out, so that they can be read (call
// it while no worker writes).
func (d *graphDisk) flush() error {
	d.blocks.reset() // a block read before may have grown
	for _, f := range d.files {
		if f.w == nil {
			continue
		}
		if err := f.w.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// node reads id's latest record (nil: none), concrete saying whether the
// successors' values follow; a record it cannot read is empty (the error
// is kept: err).
func (d *graphDisk) node(id int32, concrete bool) *liveState {
	ls, err := d.read(id, concrete)
	if err != nil {
		d.fail(fmt.Errorf("reading the behaviour graph: %w", err))
		return &liveState{}
	}
	return ls
}

func (d *graphDisk) read(id int32, concrete bool) (*liveState, error) {
	slot := &d.cache[int(id)&(graphCacheSize-1)]
	if c := slot.Load(); c != nil && c.id == id {
		return &c.ls, nil
	}
	p := d.where.get(id)
	if p == nil || *p == 0 {
		return nil, nil
	}
	w := int(*p & 0xff)
	gf := d.files[w]
	off := int64(*p>>8) - 1
	b, err := d.blocks.record(w, gf, off)
	if err != nil {
		return nil, err
	}
	d.reads.Add(1)
	c := &cachedNode{id: id}
	if err := d.decode(b, &c.ls, concrete); err != nil {
		return nil, err
	}
	slot.Store(c)
	return &c.ls, nil
}

var errCorruptGraph = errors.New("corrupt record in the behaviour graph's file")

func (d *graphDisk) decode(b []byte, ls *liveState, concrete bool) error {
	kind, _, succ, rest, err := parseRecord(b)
	if err != nil {
		return err
	}
	ls.succ = succ
	d.mu.Lock()
	defer d.mu.Unlock()
	if ls.values, rest, err = d.dec.State(rest); err != nil {
		return errCorruptGraph
	}
	if kind == recFull && concrete {
		ls.vals = make([][]eval.Value, len(succ))
		for i := range ls.vals {
			if ls.vals[i], rest, err = d.dec.State(rest); err != nil {
				return errCorruptGraph
			}
		}
	}
	if len(rest) != 0 {
		return errCorruptGraph
	}
	return nil
}

// parseRecord reads a record's kind, id and successors (a new slice), and
// returns the rest, the values.
func parseRecord(b []byte) (kind byte, id int32, succ []liveness.Edge, rest []byte, err error) {
	if len(b) == 0 {
		return 0, 0, nil, nil, errCorruptGraph
	}
	kind, rest = b[0], b[1:]
	x, k := binary.Uvarint(rest)
	if k <= 0 || x > math.MaxInt32 {
		return 0, 0, nil, nil, errCorruptGraph
	}
	id, rest = int32(x), rest[k:]
	if kind != recFull {
		return kind, id, nil, rest, nil
	}
	n, k := binary.Uvarint(rest)
	if k <= 0 || n > uint64(len(rest)) {
		return 0, 0, nil, nil, errCorruptGraph
	}
	rest = rest[k:]
	succ = make([]liveness.Edge, n)
	for i := range succ {
		to, k1 := binary.Uvarint(rest)
		if k1 <= 0 {
			return 0, 0, nil, nil, errCorruptGraph
		}
		a, k2 := binary.Uvarint(rest[k1:])
		if k2 <= 0 {
			return 0, 0, nil, nil, errCorruptGraph
		}
		rest = rest[k1+k2:]
		succ[i] = liveness.Edge{To: int32(to), Action: int32(a)}
	}
	return kind, id, succ, rest, nil
}

// succTable is the successor lists of states 0..n-1 in memory: those of s
// are edges[off[s]:off[s+1]].
type succTable struct {
	off   []int32
	edges []liveness.Edge
}

func (t *succTable) of(s int32) []liveness.Edge {
	return t.edges[t.off[s]:t.off[s+1]:t.off[s+1]]
}

// free releases the table's memory when it was mapped; t is not used
// after.
func (t *succTable) free(a *spillmem.Arena) {
	spillmem.Free(a, t.off)
	spillmem.Free(a, t.edges)
	t.off, t.edges = nil, nil
}

// succTable reads the successor lists of states 0..n-1 from the files, in
// two passes (the sizes, then the lists); with limit >= 0 only the steps
// into states below it (a partial graph: the states expanded so far).
func (d *graphDisk) succTable(n int, limit int32) (*succTable, error) {
	t := &succTable{off: spillmem.Make[int32](d.arena, n+1, n+1)}
	scan := func(fill bool) error {
		for w, gf := range d.files {
			err := gf.scan(func(at int64, b []byte) error {
				kind, id, succ, _, err := parseRecord(b)
				if err != nil {
					return err
				}
				// the id's latest record only
				if kind != recFull || int(id) >= n || *d.where.at(id) != uint64(at+1)<<8|uint64(w) {
					return nil
				}
				for _, e := range succ {
					if limit >= 0 && e.To >= limit {
						continue
					}
					if fill {
						t.edges[t.off[id]] = e
						t.off[id]++
					} else {
						t.off[id+1]++
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	if err := scan(false); err != nil {
		return nil, err
	}
	total := int64(0)
	for s := 0; s < n; s++ {
		c := int64(t.off[s+1])
		t.off[s] = int32(total) // where s's list starts: advanced by the fill
		if total += c; total > math.MaxInt32 {
			return nil, errors.New("the behaviour graph has more than 2^31 steps")
		}
	}
	t.off[n] = int32(total)
	t.edges = spillmem.Make[liveness.Edge](d.arena, int(total), int(total))
	if err := scan(true); err != nil {
		return nil, err
	}
	// each off[s] is now where s's list ends, that is where s+1's starts
	copy(t.off[1:n], t.off[:n-1])
	if n > 0 {
		t.off[0] = 0
	}
	return t, nil
}

// scan calls fn with the offset and body of each record of the file's
// first size bytes, in order.
func (gf *graphFile) scan(fn func(at int64, b []byte) error) error {
	r := bufio.NewReaderSize(io.NewSectionReader(gf.f, 0, gf.size), 1<<16)
	var buf []byte
	for off := int64(0); off < gf.size; {
		size, err := binary.ReadUvarint(r)
		if err != nil {
			return err
		}
		if size > uint64(gf.size-off) {
			return errCorruptGraph
		}
		if cap(buf) < int(size) {
			buf = make([]byte, size)
		}
		b := buf[:size]
		if _, err := io.ReadFull(r, b); err != nil {
			return err
		}
		at := off
		off += int64(uvarintLen(size)) + int64(size)
		if err := fn(at, b); err != nil {
			return err
		}
	}
	return nil
}

// chunked is a table by state id that grows in chunks that never move, so
// that workers write distinct entries without a common lock.
type chunked[T any] struct {
	dir  atomic.Pointer[[]*[1 << nodeChunkBits]T]
	grow sync.Mutex
}

// at is id's entry, the table grown to hold it.
func (c *chunked[T]) at(id int32) *T {
	i := int(id >> nodeChunkBits)
	if d := c.dir.Load(); d != nil && i < len(*d) {
		return &(*d)[i][id&nodeChunkMask]
	}
	c.grow.Lock()
	defer c.grow.Unlock()
	var d []*[1 << nodeChunkBits]T
	if p := c.dir.Load(); p != nil {
		d = *p
	}
	if i >= len(d) {
		nd := make([]*[1 << nodeChunkBits]T, i+1)
		copy(nd, d)
		for j := len(d); j <= i; j++ {
			nd[j] = new([1 << nodeChunkBits]T)
		}
		c.dir.Store(&nd)
		d = nd
	}
	return &d[i][id&nodeChunkMask]
}

// get is id's entry, nil when the table does not reach it.
func (c *chunked[T]) get(id int32) *T {
	d := c.dir.Load()
	if d == nil || id < 0 || int(id>>nodeChunkBits) >= len(*d) {
		return nil
	}
	return &(*d)[id>>nodeChunkBits][id&nodeChunkMask]
}

// blockCache keeps the blocks of the files read last, raw: the liveness
// check reads a state's record for each step into or out of it, in the
// order of the graph's components, not of the files, and a record is
// some tens of bytes where a syscall reads a block as fast. Raw, a block
// holds many more states than their decoded values would take.
type blockCache struct {
	mu     sync.Mutex
	blocks map[blockKey]*cacheBlock
	clock  []*cacheBlock // eviction: second chance
	hand   int
	max    int
}

type blockKey struct {
	file int
	n    int64 // offset / graphBlock
}

type cacheBlock struct {
	key  blockKey
	b    []byte
	used bool
}

const graphBlock = 1 << 16

func newBlockCache(bytes int64) *blockCache {
	return &blockCache{blocks: map[blockKey]*cacheBlock{}, max: int(max(bytes/graphBlock, 4))}
}

// record is the body of the record at off in file w.
func (c *blockCache) record(w int, gf *graphFile, off int64) ([]byte, error) {
	blk, err := c.block(w, gf, off/graphBlock)
	if err != nil {
		return nil, err
	}
	in := int(off % graphBlock)
	size, h := binary.Uvarint(blk[in:])
	if h > 0 && in+h+int(size) <= len(blk) {
		return blk[in+h : in+h+int(size)], nil
	}
	// across blocks: read it on its own
	var hdr [binary.MaxVarintLen64]byte
	n, err := gf.f.ReadAt(hdr[:], off)
	if n == 0 && err != nil {
		return nil, err
	}
	if size, h = binary.Uvarint(hdr[:n]); h <= 0 {
		return nil, errCorruptGraph
	}
	b := make([]byte, size)
	if _, err := gf.f.ReadAt(b, off+int64(h)); err != nil {
		if errors.Is(err, io.EOF) {
			err = errCorruptGraph
		}
		return nil, err
	}
	return b, nil
}

// block is block n of file w (shorter at the end of the file), read when
// not cached. Blocks are never written to once read: only what was
// flushed before the check is read, and nothing is written during it.
func (c *blockCache) block(w int, gf *graphFile, n int64) ([]byte, error) {
	k := blockKey{w, n}
	c.mu.Lock()
	if b := c.blocks[k]; b != nil {
		b.used = true
		c.mu.Unlock()
		return b.b, nil
	}
	c.mu.Unlock()
	b := make([]byte, graphBlock)
	m, err := gf.f.ReadAt(b, n*graphBlock)
	if m == 0 && err != nil {
		return nil, err
	}
	b = b[:m]
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.blocks[k]; old != nil {
		return old.b, nil
	}
	nb := &cacheBlock{key: k, b: b}
	if len(c.clock) < c.max {
		c.clock = append(c.clock, nb)
	} else {
		for {
			v := c.clock[c.hand]
			if !v.used {
				delete(c.blocks, v.key)
				c.clock[c.hand] = nb
				c.hand = (c.hand + 1) % len(c.clock)
				break
			}
			v.used = false
			c.hand = (c.hand + 1) % len(c.clock)
		}
	}
	c.blocks[k] = nb
	return b, nil
}

// reset forgets the blocks: the files grew (between levels, for the
// prefix watch and the check of the partial graph).
func (c *blockCache) reset() {
	c.mu.Lock()
	clear(c.blocks)
	c.clock, c.hand = c.clock[:0], 0
	c.mu.Unlock()
}
