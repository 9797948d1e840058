package checker

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tlals/tlals/checker/spillmem"
)

// A run with temporal properties that spills keeps its behaviour graph in
// files (diskgraph.go) that, as the seen set's and the queue's, are only
// appended to: between two batches a checkpoint links them with their
// sizes, as TLC's LiveCheck.checkpoint flushes its DiskGraph's files and
// writes its initial nodes. A recovered run reads the checkpoint's files
// (their first size bytes: the killed run may have written more) and
// rebuilds the table of where each state's record is by reading them, as
// TLC's recover rebuilds its NodePtrTable from the pointer file; its own
// workers append to new files. The prefix watch (liveness.PrefixWatch) is
// rebuilt by passing it again the states it was passed, in order: a log of
// them is part of the checkpoint.

// ckLive is the liveness part of checkpoint.json.
type ckLive struct {
	Graph    []ckSeg `json:"graph"` // the behaviour graph's files, in order, and their sizes
	Watch    *ckSeg  `json:"watch,omitempty"`
	MidCheck int32   `json:"midCheck"`
}

// liveFile holds the initial states' ids and those of the level's states
// expanded so far, not yet passed to the prefix watch (uvarint counts and
// ids).
const liveFile = "live.bin"

// watchLog is the log of the states passed to the prefix watch, in order
// (int32 each, little-endian).
type watchLog struct {
	path string
	f    *os.File
	w    *bufio.Writer
	size int64
}

func openWatchLog(path string, size int64) (*watchLog, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := f.Truncate(size); err == nil {
		_, err = f.Seek(size, io.SeekStart)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return &watchLog{path: path, f: f, w: bufio.NewWriterSize(f, 1<<16), size: size}, nil
}

func (l *watchLog) add(ids []int32) error {
	var b [4]byte
	for _, id := range ids {
		binary.LittleEndian.PutUint32(b[:], uint32(id))
		if _, err := l.w.Write(b[:]); err != nil {
			return err
		}
	}
	l.size += 4 * int64(len(ids))
	return nil
}

// logWatched notes the states passed to the prefix watch (a run that may
// checkpoint).
func (s *search) logWatched(ids []int32) {
	if sp := s.spill; sp != nil && sp.watch != nil && s.watch != nil {
		s.spillFailed(sp.watch.add(ids))
	}
}

// liveArena is where the liveness check of a run that spills under a
// memory budget keeps its tables: memory mapped from files in dir whose
// pages leave the process when its resident memory passes the budget
// (spillmem). The per-node tables of the check (the product with a
// property's monitor, 20 bytes a node and 8 an edge; Tarjan's, 13 bytes a
// node; the successor lists) grow with the graph, and on the heap they
// took LiveBig 600 x 600 at -max-memory 64 to 80 MB resident, 70 MB
// mapped (/usr/bin/time -v; the floor, the binary and runtime of a
// three-state run, is 24 MB: the budget bounds the rest). Without a budget (a run that only checkpoints) they stay on the
// heap.
func liveArena(dir string, opt Options) *spillmem.Arena {
	if liveArenaBudget > 0 {
		return spillmem.New(dir, liveArenaBudget)
	}
	if opt.MaxMemory == 0 {
		return nil
	}
	return spillmem.New(dir, int64(opt.MaxMemory))
}

// liveArenaBudget, when set (tests), gives every run that spills an arena
// with this budget.
var liveArenaBudget int64

// startLive sets up the behaviour graph's files of a run that spills: new
// ones, or those of the checkpoint it resumes.
func (s *search) startLive(sp *spillState, cacheBytes int64) error {
	if sp.resume != nil && sp.resume.live == nil {
		return errors.New("the checkpoint has no behaviour graph: it is not one of this model")
	}
	if sp.resume == nil {
		d, err := newGraphDisk(sp.dir, s.workers, cacheBytes)
		if err != nil {
			return err
		}
		d.arena = liveArena(sp.dir, s.opt)
		s.live.disk, sp.graph = d, d
		if s.watch != nil {
			sp.watch, err = openWatchLog(filepath.Join(sp.dir, "watch.bin"), 0)
		}
		return err
	}
	r := sp.resume
	ck := r.live
	in := func(name string) string { return filepath.Join(r.dir, name) }
	out := func(name string) string { return filepath.Join(sp.dir, name) }
	d := &graphDisk{dir: sp.dir, blocks: newBlockCache(cacheBytes), arena: liveArena(sp.dir, s.opt)}
	s.live.disk, sp.graph = d, d
	for _, g := range ck.Graph {
		// read only: a link (or a copy) of the whole file, of which the
		// first Size bytes are read
		if err := linkOrCopy(in(g.Name), out(g.Name), -1); err != nil {
			return err
		}
		f, err := os.Open(out(g.Name))
		if err != nil {
			return err
		}
		d.files = append(d.files, &graphFile{path: out(g.Name), f: f, size: g.Size})
	}
	// where each state's record is: its record once expanded, else the
	// one written when it was found
	for i, gf := range d.files {
		err := gf.scan(func(at int64, b []byte) error {
			if len(b) < 2 {
				return errCorruptGraph
			}
			x, k := binary.Uvarint(b[1:])
			if k <= 0 || x >= uint64(r.nodes) {
				return errCorruptGraph
			}
			p := d.where.at(int32(x))
			if b[0] == recFull || *p == 0 || d.files[*p&0xff].kindAt(int64(*p>>8)-1) != recFull {
				*p = uint64(at+1)<<8 | uint64(i)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("reading the checkpoint's behaviour graph %s: %w", gf.path, err)
		}
	}
	if err := d.addFiles(s.workers); err != nil {
		return err
	}
	b, err := os.ReadFile(in(liveFile))
	if err != nil {
		return err
	}
	ids := func() ([]int32, error) {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)) {
			return nil, errors.New("corrupt " + liveFile)
		}
		b = b[k:]
		out := make([]int32, n)
		for i := range out {
			x, k := binary.Uvarint(b)
			if k <= 0 || x >= uint64(r.nodes) {
				return nil, errors.New("corrupt " + liveFile)
			}
			out[i], b = int32(x), b[k:]
		}
		return out, nil
	}
	if s.live.init, err = ids(); err != nil {
		return err
	}
	if r.levelIDs, err = ids(); err != nil {
		return err
	}
	s.midCheck = ck.MidCheck
	if s.watch == nil {
		return nil
	}
	if ck.Watch == nil {
		return errors.New("the checkpoint has no log of the prefix watch")
	}
	if err := linkOrCopy(in(ck.Watch.Name), out(ck.Watch.Name), ck.Watch.Size); err != nil {
		return err
	}
	if sp.watch, err = openWatchLog(out(ck.Watch.Name), ck.Watch.Size); err != nil {
		return err
	}
	return s.replayWatch(sp.watch)
}

// kindAt is the kind of the record at off (a byte past its length).
func (gf *graphFile) kindAt(off int64) byte {
	var hdr [binary.MaxVarintLen64 + 1]byte
	n, _ := gf.f.ReadAt(hdr[:], off)
	if _, h := binary.Uvarint(hdr[:n]); h > 0 && h < n {
		return hdr[h]
	}
	return recValues
}

// replayWatch passes the prefix watch the states of the log again, in
// order: it finds no violation (the run that wrote the log would have
// stopped at it) and ends as it was.
func (s *search) replayWatch(l *watchLog) error {
	r := bufio.NewReaderSize(io.NewSectionReader(l.f, 0, l.size), 1<<16)
	ids := make([]int32, 0, 1<<14)
	var b [4]byte
	for left := l.size / 4; left > 0 || len(ids) > 0; {
		if left > 0 && len(ids) < cap(ids) {
			if _, err := io.ReadFull(r, b[:]); err != nil {
				return err
			}
			ids = append(ids, int32(binary.LittleEndian.Uint32(b[:])))
			left--
			continue
		}
		s.watchIDs(ids)
		ids = ids[:0]
		if s.err != nil {
			return errors.New("the checkpoint's prefix watch finds a violation: the checkpoint is not one of this model")
		}
	}
	return nil
}

// checkpointLive adds the behaviour graph's part to a checkpoint being
// written into tmp.
func (s *search) checkpointLive(tmp string, meta *checkpointMeta) error {
	sp := s.spill
	d := sp.graph
	if err := d.flush(); err != nil {
		return err
	}
	ck := &ckLive{MidCheck: s.midCheck}
	for _, gf := range d.files {
		name := filepath.Base(gf.path)
		ck.Graph = append(ck.Graph, ckSeg{Name: name, Size: gf.size})
		if err := linkOrCopy(gf.path, filepath.Join(tmp, name), -1); err != nil {
			return err
		}
	}
	if l := sp.watch; l != nil {
		if err := l.w.Flush(); err != nil {
			return err
		}
		name := filepath.Base(l.path)
		ck.Watch = &ckSeg{Name: name, Size: l.size}
		if err := linkOrCopy(l.path, filepath.Join(tmp, name), -1); err != nil {
			return err
		}
	}
	var b []byte
	for _, ids := range [][]int32{s.live.init, sp.levelIDs} {
		b = binary.AppendUvarint(b, uint64(len(ids)))
		for _, id := range ids {
			b = binary.AppendUvarint(b, uint64(id))
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, liveFile), b, 0o644); err != nil {
		return err
	}
	meta.Live = ck
	return nil
}
