package checker

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tlals/tlals/checker/eval"
)

// diskQueue holds the BFS levels of a run that spills to disk (as TLC's
// DiskStateQueue): a level is written to segment files as its states are
// found, each state as its id and its values (eval.AppendState), and read
// back in batches when it is expanded. A segment is removed once read.
type diskQueue struct {
	dir string
	seq int // names the next segment
}

// segmentSize is the size past which a level's writer starts a new segment.
var segmentSize int64 = 64 << 20

type segment struct {
	path  string
	size  int64 // bytes
	items int64
}

// levelWriter appends the states of one level.
type levelWriter struct {
	q      *diskQueue
	segs   []segment // closed ones
	f      *os.File
	w      *bufio.Writer
	cur    segment // the open one
	n      int64   // states written
	buf    []byte
	closed bool
}

func (q *diskQueue) newLevel() *levelWriter { return &levelWriter{q: q} }

func (w *levelWriter) add(it item) error {
	if w.f == nil || w.cur.size >= segmentSize {
		if err := w.rotate(); err != nil {
			return err
		}
	}
	var err error
	b := binary.AppendUvarint(w.buf[:0], uint64(it.id))
	if b, err = eval.AppendState(b, it.state); err != nil {
		return err
	}
	w.buf = b
	var hdr [binary.MaxVarintLen64]byte
	h := binary.PutUvarint(hdr[:], uint64(len(b)))
	if _, err := w.w.Write(hdr[:h]); err != nil {
		return err
	}
	if _, err := w.w.Write(b); err != nil {
		return err
	}
	w.cur.size += int64(h + len(b))
	w.cur.items++
	w.n++
	return nil
}

// rotate closes the open segment and opens the next.
func (w *levelWriter) rotate() error {
	if err := w.closeSeg(); err != nil {
		return err
	}
	w.q.seq++
	path := filepath.Join(w.q.dir, fmt.Sprintf("queue-%d.bin", w.q.seq))
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w.f, w.w, w.cur = f, bufio.NewWriterSize(f, 1<<20), segment{path: path}
	return nil
}

func (w *levelWriter) closeSeg() error {
	if w.f == nil {
		return nil
	}
	err := w.w.Flush()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	w.segs = append(w.segs, w.cur)
	w.f, w.w = nil, nil
	return err
}

// sync writes the buffered states to the open segment (a checkpoint).
func (w *levelWriter) sync() error {
	if w.w == nil {
		return nil
	}
	return w.w.Flush()
}

// finish closes the level, to be read.
func (w *levelWriter) finish() (*levelReader, error) {
	err := w.closeSeg()
	w.closed = true
	return &levelReader{segs: w.segs, left: w.n}, err
}

// segments are the level's segments so far, the open one last.
func (w *levelWriter) segments() []segment {
	out := append([]segment(nil), w.segs...)
	if w.f != nil {
		out = append(out, w.cur)
	}
	return out
}

func (w *levelWriter) remove() {
	w.closeSeg()
	for _, sg := range w.segs {
		os.Remove(sg.path)
	}
}

// levelReader reads a level's states in order.
type levelReader struct {
	segs []segment // segs[0] is being read (from off)
	f    *os.File
	r    *bufio.Reader
	off  int64 // bytes of segs[0] read
	read int64 // states of segs[0] read
	left int64 // states not read
	dec  eval.Decoder
	buf  []byte
}

// next reads up to max states, and no more once their encodings take
// maxBytes; none at the end of the level.
func (r *levelReader) next(max int, maxBytes int64) ([]item, error) {
	var out []item
	var size int64
	for len(out) < max && size < maxBytes && r.left > 0 {
		if r.f == nil {
			if len(r.segs) == 0 {
				return out, fmt.Errorf("queue: %d states missing", r.left)
			}
			f, err := os.Open(r.segs[0].path)
			if err != nil {
				return out, err
			}
			if _, err := f.Seek(r.off, io.SeekStart); err != nil {
				f.Close()
				return out, err
			}
			r.f, r.r = f, bufio.NewReaderSize(f, 1<<20)
		}
		if r.read == r.segs[0].items {
			r.f.Close()
			os.Remove(r.segs[0].path)
			r.segs, r.f, r.off, r.read = r.segs[1:], nil, 0, 0
			continue
		}
		n, err := binary.ReadUvarint(r.r)
		if err != nil {
			return out, fmt.Errorf("queue: %w", err)
		}
		if cap(r.buf) < int(n) {
			r.buf = make([]byte, n)
		}
		b := r.buf[:n]
		if _, err := io.ReadFull(r.r, b); err != nil {
			return out, fmt.Errorf("queue: %w", err)
		}
		id, k := binary.Uvarint(b)
		if k <= 0 {
			return out, fmt.Errorf("queue: corrupt state record")
		}
		st, rest, err := r.dec.State(b[k:])
		if err != nil || len(rest) != 0 {
			return out, fmt.Errorf("queue: corrupt state record")
		}
		out = append(out, item{int32(id), st})
		size += int64(n)
		r.off += int64(uvarintLen(n)) + int64(n)
		r.read++
		r.left--
	}
	return out, nil
}

func uvarintLen(x uint64) int {
	var b [binary.MaxVarintLen64]byte
	return binary.PutUvarint(b[:], x)
}

func (r *levelReader) remove() {
	if r.f != nil {
		r.f.Close()
	}
	for _, sg := range r.segs {
		os.Remove(sg.path)
	}
}

// spillBatch is how many states of a level are expanded between two
// writes of the next level (and two possible checkpoints), at most.
var spillBatch = 4096

// batchBytes bounds a batch by the size of its states' encodings: decoded,
// they share no values and take some fifteen times the bytes of their
// encoding (a heap profile of TLCSailfish1: a batch of 1 MB encoded was
// 15 MB of values), and their successors are in memory too, so a batch of
// large states must be short to stay within the budget: its encoding is
// kept to a thousandth of it (a sixtieth decoded; 4 MB without a budget).
func batchBytes(opt Options) int64 {
	if opt.MaxMemory > 0 {
		return max(int64(opt.MaxMemory/1024), 4<<10)
	}
	return 4 << 20
}

// runSpill is the search's level loop for a run that spills to disk: the
// levels come from and go to the disk queue, a batch at a time; after each
// batch the new trace nodes go to the trace file and a checkpoint may be
// written. initial is the first level, written (nil when the run
// resumes).
func (s *search) runSpill(initial *levelWriter) {
	sp := s.spill
	var cur *levelReader
	var next *levelWriter
	level, base := 1, int64(0)
	defer func() {
		if cur != nil {
			cur.remove()
		}
		if next != nil {
			next.remove()
		}
	}()
	if r := sp.resume; r != nil {
		cur, next, level, base = r.cur, r.next, r.level, r.base
		s.levelStart = r.levelStart
		sp.levelIDs = r.levelIDs
	} else {
		var err error
		cur, err = initial.finish()
		if s.spillFailed(err) || s.spillFailed(sp.fp.flushNodes()) {
			return
		}
	}
	// a resumed level may have been read to its end: next is then the
	// level to expand
	for (cur.left > 0 || next != nil) && !s.stop.Load() && !s.exited.Load() {
		if s.opt.MaxDepth > 0 && level >= s.opt.MaxDepth {
			s.fail(&failure{outcome: OutcomeBound, msg: fmt.Sprintf("depth bound %d reached", s.opt.MaxDepth), node: -2})
			break
		}
		s.level = int64(level)
		if next == nil {
			s.levelStart = sp.fp.size()
			next = sp.q.newLevel()
		}
		for {
			batch, err := cur.next(spillBatch, batchBytes(s.opt))
			if s.spillFailed(err) || len(batch) == 0 {
				break
			}
			outs, started := s.expandBatch(batch, base)
			if s.watch != nil {
				for _, it := range batch {
					sp.levelIDs = append(sp.levelIDs, it.id)
				}
			}
			for i, o := range outs {
				for _, it := range o {
					// a state another frontier state reached first is listed there
					if sp.fp.ownerIndex(it.id) == int32(base+int64(i)) && s.spillFailed(next.add(it)) {
						break
					}
				}
			}
			base += int64(len(batch))
			s.spillFailed(sp.fp.flushNodes())
			if s.err != nil {
				s.stop.Store(true)
			}
			if s.stop.Load() || s.exited.Load() {
				s.watchIDs(sp.levelIDs)
				// count what remains unexplored, as TLC's "states left on queue"
				s.queued.Store(cur.left + int64(len(batch)) - started + next.n)
				return
			}
			s.spillFailed(s.maybeCheckpoint(cur, next, level, base))
		}
		s.logWatched(sp.levelIDs) // for the checkpoints (livecheckpoint.go)
		s.watchIDs(sp.levelIDs)
		sp.levelIDs = sp.levelIDs[:0]
		if s.stop.Load() {
			break
		}
		var err error
		cur.remove()
		cur, err = next.finish()
		next, base = nil, 0
		if s.spillFailed(err) {
			return
		}
		s.queued.Store(cur.left)
		if cur.left > 0 {
			s.checkLivenessSoFar()
		}
		level++
	}
	if !s.stop.Load() && !s.exited.Load() {
		s.queued.Store(cur.left)
	}
}

// spillFailed stops the search when err (a failure of the disk) is set.
func (s *search) spillFailed(err error) bool {
	if err == nil {
		return false
	}
	s.fail(&failure{outcome: OutcomeError, msg: "spilling to disk failed: " + err.Error(), node: -2, code: ExitErrorSystem})
	return true
}
