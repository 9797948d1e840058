package checker

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// traceFile is the append-only file of the trace nodes of a run that
// spills to disk (as TLC's TLCTrace): node id's record, its fingerprint,
// parent and action, is at id*traceRecSize, so a counterexample is rebuilt
// by walking the parents on disk.
type traceFile struct {
	f    *os.File
	path string
	w    *bufio.Writer
	n    int64 // records written (flushed or buffered)
}

const traceRecSize = 16

func createTraceFile(path string) (*traceFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	return &traceFile{f: f, path: path, w: bufio.NewWriterSize(f, 1<<16)}, nil
}

// openTraceFile continues the trace file at path (a checkpoint's copy)
// after its first n records.
func openTraceFile(path string, n int64) (*traceFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := f.Truncate(n * traceRecSize); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(n*traceRecSize, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	return &traceFile{f: f, path: path, w: bufio.NewWriterSize(f, 1<<16), n: n}, nil
}

func (t *traceFile) append(n node) error {
	var b [traceRecSize]byte
	binary.LittleEndian.PutUint64(b[:8], n.fp)
	binary.LittleEndian.PutUint32(b[8:], uint32(n.parent))
	binary.LittleEndian.PutUint32(b[12:], uint32(n.action))
	t.n++
	_, err := t.w.Write(b[:])
	return err
}

func (t *traceFile) flush() error { return t.w.Flush() }

// read is node id's record (flushed).
func (t *traceFile) read(id int32) (node, error) {
	if id < 0 || int64(id) >= t.n {
		return node{}, fmt.Errorf("trace node %d not in the trace file", id)
	}
	var b [traceRecSize]byte
	if _, err := t.f.ReadAt(b[:], int64(id)*traceRecSize); err != nil {
		return node{}, fmt.Errorf("reading the trace file: %w", err)
	}
	return node{fp: binary.LittleEndian.Uint64(b[:8]), parent: int32(binary.LittleEndian.Uint32(b[8:])), action: int32(binary.LittleEndian.Uint32(b[12:]))}, nil
}

func (t *traceFile) close() {
	t.f.Close()
	os.Remove(t.path)
}
