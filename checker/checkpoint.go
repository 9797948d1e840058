package checker

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// A run that spills to disk (Options.SpillDir, Checkpoint, Recover) keeps
// its seen set, queue and trace nodes in files (diskfp.go, diskqueue.go,
// tracefile.go). Between two batches of a level nothing is in flight, so
// the files and the counters are a consistent snapshot: a checkpoint
// (as TLC's states/<timestamp>/) links the files into a folder, with the
// counters and the model's hash in checkpoint.json, and a run given that
// folder (Options.Recover) continues from it.

// spillState is the disk side of a search that spills.
type spillState struct {
	dir string
	tmp bool // dir was made for the run: removed at its end
	// parent: the folder made to hold dir (a spec's states/), removed at
	// the run's end when nothing (no checkpoint) is left in it
	parent string
	fp     *diskFP
	trace  *traceFile
	q      *diskQueue
	resume *resumePoint
	graph  *graphDisk // the behaviour graph, with temporal properties
	watch  *watchLog  // the states passed to the prefix watch (livecheckpoint.go)
	// levelIDs: the level's states expanded, not yet passed to the
	// prefix watch
	levelIDs []int32
	hash     string
	// checkpoints
	every    time.Duration
	ckDir    string // where checkpoints go
	last     time.Time
	lastPath string // the previous checkpoint, removed when the next is complete
	written  int    // checkpoints written
}

// resumePoint is where a recovered run continues.
type resumePoint struct {
	cur        *levelReader
	next       *levelWriter
	level      int
	base       int64
	levelStart int32
	// with temporal properties (livecheckpoint.go): the checkpoint's
	// folder and its part, the states found
	dir      string
	live     *ckLive
	nodes    int32
	levelIDs []int32
}

// checkpointMeta is checkpoint.json.
type checkpointMeta struct {
	Version    int       `json:"version"`
	Model      string    `json:"model"` // the hash of the spec, the model and the options that change the state space
	Time       time.Time `json:"time"`
	Level      int       `json:"level"`
	Base       int64     `json:"base"` // states of the level expanded
	LevelStart int32     `json:"levelStart"`
	Generated  int64     `json:"generated"`
	Distinct   int64     `json:"distinct"`
	Depth      int64     `json:"depth"`
	Initial    int64     `json:"initial"`
	Nodes      int32     `json:"nodes"`
	Zero       bool      `json:"zero"`
	ZeroID     int32     `json:"zeroID"`
	FPFile     string    `json:"fpFile,omitempty"`
	FPGen      int       `json:"fpGen"`
	QueueSeq   int       `json:"queueSeq"`
	Cur        []ckSeg   `json:"cur"`
	CurOff     int64     `json:"curOff"`
	CurRead    int64     `json:"curRead"`
	CurLeft    int64     `json:"curLeft"`
	Next       []ckSeg   `json:"next"`
	NextN      int64     `json:"nextN"`
	Live       *ckLive   `json:"live,omitempty"` // the behaviour graph (livecheckpoint.go)
}

type ckSeg struct {
	Name  string `json:"name"`
	Size  int64  `json:"size"`
	Items int64  `json:"items"`
}

const checkpointVersion = 2 // 2: the behaviour graph

// CheckpointFile is the file that makes a folder a checkpoint.
const CheckpointFile = "checkpoint.json"

// modelHash identifies what a checkpoint may be resumed with: the root
// module's and the configuration's text, the variables and actions as
// compiled, and the options that change the state space.
func (s *search) modelHash(m *Model) string {
	h := sha256.New()
	if m.Root != nil && m.Root.File != nil {
		h.Write(m.Root.File.Text)
	}
	h.Write([]byte{0})
	h.Write(m.ConfigText)
	fmt.Fprintf(h, "\x00%q\x00deadlock=%v depth=%d", s.prog.Vars, s.deadlock, s.opt.MaxDepth)
	for _, a := range s.actions {
		fmt.Fprintf(h, "\x00%s", a.Name)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// spillTable is the in-memory table's size for a memory budget: the table,
// its frozen copy and the merge's sorted copy take up to about 80 bytes a
// fingerprint, kept to an eighth of the budget.
func spillTable(opt Options) int64 {
	if opt.SpillTable > 0 {
		return opt.SpillTable
	}
	if opt.MaxMemory > 0 {
		return max(int64(opt.MaxMemory/8/80), 1<<10)
	}
	return 1 << 22
}

// graphCacheBytes is the size of the cache of the behaviour graph's files
// (diskgraph.go): an eighth of the memory budget, 64 MB without one. Not
// less: the liveness check reads the records in the order of its search
// of components, not of the files, and LiveBig 600 × 600 at -max-memory 64
// (7 MB of records) took 238 s with a thirty-second (2 MB), 46 s with an
// eighth.
func graphCacheBytes(opt Options) int64 {
	if opt.MaxMemory > 0 {
		return int64(opt.MaxMemory / 8)
	}
	return 64 << 20
}

// spills tells whether a run's search uses the disk.
func spills(opt Options) bool {
	return opt.SpillDir != "" || opt.Checkpoint > 0 || opt.Recover != ""
}

// startSpill sets the search up to spill to disk when the options ask; a
// run whose temporal properties need the behaviour graph keeps it in
// memory and says so (res.Warnings).
func (s *search) startSpill(m *Model, res *Result) error {
	opt := s.opt
	if !spills(opt) || opt.Simulate != nil || opt.debug != nil {
		return nil
	}
	if opt.RecordGraph {
		if opt.Recover != "" {
			return errors.New("cannot recover a run whose state graph is kept in memory (-dump-dot, -dump-svg)")
		}
		res.Warnings = append(res.Warnings, SpillRefusedGraph)
		return nil
	}
	sp := &spillState{dir: opt.SpillDir, hash: s.modelHash(m), every: opt.Checkpoint, ckDir: opt.CheckpointDir, last: time.Now()}
	var err error
	if sp.dir == "" {
		sp.dir, err = os.MkdirTemp("", "tlals-spill-")
		sp.tmp = true
	} else {
		if _, statErr := os.Stat(sp.dir); errors.Is(statErr, fs.ErrNotExist) {
			sp.parent = sp.dir
		}
		if err = os.MkdirAll(sp.dir, 0o755); err == nil {
			sp.dir, err = os.MkdirTemp(sp.dir, "run-")
			sp.tmp = true
		}
	}
	if err != nil {
		return err
	}
	sp.q = &diskQueue{dir: sp.dir}
	if opt.Recover != "" {
		if err := s.recover(sp, opt.Recover); err != nil {
			sp.remove()
			return err
		}
	} else {
		if sp.trace, err = createTraceFile(filepath.Join(sp.dir, "trace.bin")); err != nil {
			return err
		}
		sp.fp = newDiskFP(sp.dir, spillTable(opt), sp.trace)
	}
	if s.live != nil && s.live.disk == nil {
		// the behaviour graph goes to disk too (diskgraph.go), and is part
		// of the checkpoints (livecheckpoint.go)
		s.spill = sp
		if err := s.startLive(sp, graphCacheBytes(opt)); err != nil {
			s.spill = nil
			sp.close()
			sp.remove()
			if opt.Recover != "" {
				return fmt.Errorf("recovering from %s: %w", opt.Recover, err)
			}
			return err
		}
	} else if sp.resume != nil && sp.resume.live != nil {
		return fmt.Errorf("cannot recover from %s: the checkpoint has a behaviour graph, the model no temporal properties", opt.Recover)
	}
	s.spill = sp
	return nil
}

// The warnings of a run that cannot spill to disk.
const (
	SpillRefusedGraph = "the state graph is recorded in memory (-dump-dot, -dump-svg), so this run neither spills to disk nor writes checkpoints, and stops at the memory bound"
)

// spillEnded, when set (tests), sees a spilling run's state at its end.
var spillEnded func(*spillState)

// endSpill removes the run's files (the checkpoints stay).
func (s *search) endSpill() {
	sp := s.spill
	if sp == nil {
		return
	}
	if spillEnded != nil {
		spillEnded(sp)
	}
	sp.close()
	if sp.tmp {
		sp.remove()
	}
}

// remove deletes the run's folder, and the folder made to hold it when
// it is left empty (os.Remove keeps a folder with checkpoints in it).
func (sp *spillState) remove() {
	os.RemoveAll(sp.dir)
	if sp.parent != "" {
		os.Remove(sp.parent)
	}
}

// close closes the run's files.
func (sp *spillState) close() {
	if sp.fp != nil {
		sp.fp.close()
	}
	if sp.trace != nil {
		sp.trace.f.Close()
	}
	if sp.graph != nil {
		sp.graph.close()
	}
	if sp.watch != nil {
		sp.watch.f.Close()
	}
}

// maybeCheckpoint writes a checkpoint when one is due (between batches).
func (s *search) maybeCheckpoint(cur *levelReader, next *levelWriter, level int, base int64) error {
	sp := s.spill
	if sp.every <= 0 || time.Since(sp.last) < sp.every {
		return nil
	}
	sp.last = time.Now()
	return s.writeCheckpoint(cur, next, level, base)
}

func (s *search) writeCheckpoint(cur *levelReader, next *levelWriter, level int, base int64) error {
	sp := s.spill
	if err := sp.fp.flush(true); err != nil {
		return err
	}
	if err := next.sync(); err != nil {
		return err
	}
	if err := sp.trace.flush(); err != nil {
		return err
	}
	if err := os.MkdirAll(sp.ckDir, 0o755); err != nil {
		return err
	}
	// named by the time, and numbered: two may be written in one millisecond
	sp.written++
	final := filepath.Join(sp.ckDir, fmt.Sprintf("%s-%06d", time.Now().UTC().Format("2006-01-02_15-04-05.000"), sp.written))
	tmp := final + ".partial"
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return err
	}
	fp := sp.fp
	meta := checkpointMeta{Version: checkpointVersion, Model: sp.hash, Time: time.Now().UTC(), Level: level, Base: base, LevelStart: s.levelStart,
		Generated: s.generated.Load(), Distinct: s.distinct.Load(), Depth: s.depth.Load(), Initial: s.initial.Load(),
		Nodes: fp.count.Load(), Zero: fp.zero, ZeroID: fp.zeroID, FPGen: fp.gen, QueueSeq: sp.q.seq,
		CurOff: cur.off, CurRead: cur.read, CurLeft: cur.left, NextN: next.n}
	link := func(src string) error { return linkOrCopy(src, filepath.Join(tmp, filepath.Base(src)), -1) }
	err := link(sp.trace.path)
	if err == nil && fp.file != nil {
		meta.FPFile = filepath.Base(fp.file.path)
		err = link(fp.file.path)
	}
	for _, sg := range cur.segs {
		if err == nil {
			meta.Cur = append(meta.Cur, ckSeg{filepath.Base(sg.path), sg.size, sg.items})
			err = link(sg.path)
		}
	}
	for _, sg := range next.segments() {
		if err == nil {
			meta.Next = append(meta.Next, ckSeg{filepath.Base(sg.path), sg.size, sg.items})
			err = link(sg.path)
		}
	}
	if err == nil && sp.graph != nil {
		err = s.checkpointLive(tmp, &meta)
	}
	if err == nil {
		var b []byte
		b, err = json.MarshalIndent(meta, "", "  ")
		if err == nil {
			err = os.WriteFile(filepath.Join(tmp, CheckpointFile), b, 0o644)
		}
	}
	if err == nil {
		err = os.Rename(tmp, final)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("writing the checkpoint: %w", err)
	}
	if sp.lastPath != "" {
		os.RemoveAll(sp.lastPath)
	}
	sp.lastPath = final
	if s.opt.OnCheckpoint != nil {
		s.opt.OnCheckpoint(final)
	}
	return nil
}

// linkOrCopy makes dst the file src: a hard link, else a copy; size >= 0
// copies the first size bytes (a file the run still appends to).
func linkOrCopy(src, dst string, size int64) error {
	if size < 0 {
		if err := os.Link(src, dst); err == nil {
			return nil
		}
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	var r io.Reader = in
	if size >= 0 {
		r = io.LimitReader(in, size)
	}
	if _, err := io.Copy(out, r); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// recover loads the checkpoint in dir (or the latest in the folder dir)
// into sp and the search's counters.
func (s *search) recover(sp *spillState, dir string) error {
	if _, err := os.Stat(filepath.Join(dir, CheckpointFile)); err != nil {
		if latest := LatestCheckpoint(dir); latest != "" { // the folder of the checkpoints
			dir = latest
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, CheckpointFile))
	if err != nil {
		return fmt.Errorf("%s is not a checkpoint: %w", dir, err)
	}
	var meta checkpointMeta
	if err := json.Unmarshal(b, &meta); err != nil {
		return fmt.Errorf("%s: corrupt checkpoint: %w", dir, err)
	}
	if meta.Version != checkpointVersion {
		return fmt.Errorf("%s: checkpoint version %d, expected %d", dir, meta.Version, checkpointVersion)
	}
	if meta.Model != sp.hash {
		return fmt.Errorf("cannot recover from %s: the specification, the model or the options changed since the checkpoint was written", dir)
	}
	in := func(name string) string { return filepath.Join(dir, name) }
	out := func(name string) string { return filepath.Join(sp.dir, name) }
	// the trace file and the open segment are appended to: copies; the
	// others are never written again: links
	if err := linkOrCopy(in("trace.bin"), out("trace.bin"), int64(meta.Nodes)*traceRecSize); err != nil {
		return err
	}
	if sp.trace, err = openTraceFile(out("trace.bin"), int64(meta.Nodes)); err != nil {
		return err
	}
	fp := newDiskFP(sp.dir, spillTable(s.opt), sp.trace)
	fp.count.Store(meta.Nodes)
	fp.flushed = meta.Nodes
	fp.zero, fp.zeroID, fp.gen = meta.Zero, meta.ZeroID, meta.FPGen
	if meta.FPFile != "" {
		if err := linkOrCopy(in(meta.FPFile), out(meta.FPFile), -1); err != nil {
			return err
		}
		if fp.file, err = openFPFile(out(meta.FPFile)); err != nil {
			return err
		}
	}
	sp.fp = fp
	sp.q.seq = meta.QueueSeq
	segs := func(cs []ckSeg, copyLast bool) ([]segment, error) {
		var out []segment
		for i, c := range cs {
			size := int64(-1)
			if copyLast && i == len(cs)-1 {
				size = c.Size
			}
			p := filepath.Join(sp.dir, c.Name)
			if err := linkOrCopy(in(c.Name), p, size); err != nil {
				return nil, err
			}
			out = append(out, segment{p, c.Size, c.Items})
		}
		return out, nil
	}
	cur, err := segs(meta.Cur, false)
	if err != nil {
		return err
	}
	next, err := segs(meta.Next, true)
	if err != nil {
		return err
	}
	sp.resume = &resumePoint{
		cur:        &levelReader{segs: cur, off: meta.CurOff, read: meta.CurRead, left: meta.CurLeft},
		next:       &levelWriter{q: sp.q, segs: next, n: meta.NextN},
		level:      meta.Level,
		base:       meta.Base,
		levelStart: meta.LevelStart,
		dir:        dir,
		live:       meta.Live,
		nodes:      meta.Nodes,
	}
	s.generated.Store(meta.Generated)
	s.distinct.Store(meta.Distinct)
	s.depth.Store(meta.Depth)
	s.initial.Store(meta.Initial)
	s.queued.Store(meta.CurLeft + meta.NextN)
	return nil
}

// LatestCheckpoint is the newest complete checkpoint under dir ("" if
// none).
func LatestCheckpoint(dir string) string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	latest := ""
	for _, e := range ents {
		if e.IsDir() && !strings.HasSuffix(e.Name(), ".partial") {
			if _, err := os.Stat(filepath.Join(dir, e.Name(), CheckpointFile)); err == nil && e.Name() > latest {
				latest = e.Name()
			}
		}
	}
	if latest == "" {
		return ""
	}
	return filepath.Join(dir, latest)
}
