package cache

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"go.lsp.dev/uri"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/source"
)

// ErrNotOpen is returned for a change to a document that is not open.
var ErrNotOpen = errors.New("document is not open")

// Session is the set of open documents and the workspace settings. It is
// safe for concurrent use; everything it hands out is immutable.
type Session struct {
	analyzer Analyzer

	mu         sync.Mutex
	docs       map[uri.URI]*document
	gen        uint64 // bumped by every change that can alter an analysis
	searchPath []string
	snaps      map[uri.URI]*Snapshot // latest snapshot per open document
	// bumps records what each generation changed, so that a snapshot of
	// an unchanged document can reuse its predecessor's analysis when the
	// change cannot affect it. Bounded; older history means "recompute".
	bumps []bump
}

// bump is one generation change: the path of an edited open document, or
// "" for a change that may affect every analysis (open, close, disk,
// settings).
type bump struct {
	gen  uint64
	path string
}

const maxBumps = 256

func (s *Session) bumpLocked(path string) {
	s.gen++
	s.bumps = append(s.bumps, bump{s.gen, path})
	if len(s.bumps) > maxBumps {
		s.bumps = append(s.bumps[:0], s.bumps[len(s.bumps)-maxBumps/2:]...)
	}
}

// unaffectedLocked reports whether no change since generation gen touches
// a file in files.
func (s *Session) unaffectedLocked(gen uint64, files map[string]*source.File) bool {
	if len(s.bumps) == 0 || s.bumps[0].gen > gen+1 {
		return false // history lost
	}
	for i := len(s.bumps) - 1; i >= 0 && s.bumps[i].gen > gen; i-- {
		b := s.bumps[i]
		if b.path == "" {
			return false
		}
		if _, ok := files[b.path]; ok {
			return false
		}
	}
	return true
}

// document is the overlay entry of one open document.
type document struct {
	uri        uri.URI
	path       string
	languageID string
	version    int32
	text       []byte // never modified in place
	parser     *docParser
}

// NewSession returns an empty session analysing with a.
func NewSession(a Analyzer) *Session {
	return &Session{analyzer: a, docs: map[uri.URI]*document{}, snaps: map[uri.URI]*Snapshot{}}
}

// PathOf is the path under which a document is known to the analysis: the
// file path for file URIs, the URI itself otherwise.
func PathOf(u uri.URI) string {
	if u.IsFile() {
		return filepath.Clean(u.FsPath())
	}
	return string(u)
}

// Open records an opened document (replacing it if it was open already) and
// returns its snapshot.
func (s *Session) Open(u uri.URI, languageID string, version int32, text []byte) *Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	path := PathOf(u)
	s.docs[u] = &document{uri: u, path: path, languageID: languageID, version: version, text: text, parser: newDocParser(path, text)}
	s.bumpLocked("")
	return s.snapshotLocked(u)
}

// Change applies content changes, in order, to an open document.
func (s *Session) Change(u uri.URI, version int32, changes []Change, enc source.Encoding) (*Snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[u]
	if !ok {
		return nil, ErrNotOpen
	}
	text, err := d.parser.change(d.text, changes, enc)
	if err != nil {
		return nil, err
	}
	nd := *d
	nd.text, nd.version = text, version
	s.docs[u] = &nd
	s.bumpLocked(nd.path)
	return s.snapshotLocked(u), nil
}

// Close forgets a document; it reports whether it was open.
func (s *Session) Close(u uri.URI) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.docs[u]; !ok {
		return false
	}
	delete(s.docs, u)
	delete(s.snaps, u)
	s.bumpLocked("")
	return true
}

// FilesChanged records that files changed on disk; every snapshot taken
// from now on reads them afresh.
func (s *Session) FilesChanged(paths []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bumpLocked("")
}

// SetSearchPath sets the directories searched for EXTENDS/INSTANCE modules.
func (s *Session) SetSearchPath(dirs []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if slices.Equal(dirs, s.searchPath) {
		return
	}
	s.searchPath = slices.Clone(dirs)
	s.bumpLocked("")
}

// SearchPath returns the directories searched for EXTENDS/INSTANCE modules.
func (s *Session) SearchPath() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.searchPath)
}

// Snapshot returns the current snapshot of an open document.
func (s *Session) Snapshot(u uri.URI) (*Snapshot, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.docs[u]; !ok {
		return nil, false
	}
	return s.snapshotLocked(u), true
}

// Snapshots returns the current snapshots of all open documents, by URI.
func (s *Session) Snapshots() []*Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	us := slices.Collect(maps.Keys(s.docs))
	sort.Slice(us, func(i, j int) bool { return us[i] < us[j] })
	out := make([]*Snapshot, 0, len(us))
	for _, u := range us {
		out = append(out, s.snapshotLocked(u))
	}
	return out
}

// IsCurrent reports whether snap is still the latest view of its document.
func (s *Session) IsCurrent(snap *Snapshot) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[snap.URI]
	return ok && d.version == snap.Version && s.gen == snap.gen
}

// IsOpen reports whether u is open, and at which version.
func (s *Session) IsOpen(u uri.URI) (int32, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[u]
	if !ok {
		return 0, false
	}
	return d.version, true
}

func (s *Session) snapshotLocked(u uri.URI) *Snapshot {
	prev := s.snaps[u]
	if prev != nil && prev.gen == s.gen {
		return prev
	}
	d := s.docs[u]
	overlay := make(map[string][]byte, len(s.docs))
	for _, o := range s.docs {
		overlay[o.path] = o.text
	}
	var f *source.File
	if prev != nil && sameText(prev.File.Text, d.text) {
		f = prev.File // immutable: share the line index
	} else {
		f = source.NewFile(d.path, d.text)
	}
	sn := &Snapshot{
		URI:        u,
		Path:       d.path,
		LanguageID: d.languageID,
		Version:    d.version,
		File:       f,
		gen:        s.gen,
		overlay:    overlay,
		searchPath: s.searchPath,
		analyzer:   s.analyzer,
		parser:     d.parser,
	}
	if prev != nil && prev.Version == d.version {
		if r := prev.result.Load(); r != nil && sameText(prev.File.Text, d.text) && s.unaffectedLocked(prev.gen, r.Files) {
			sn.result.Store(r)
		}
	}
	s.snaps[u] = sn
	return sn
}

// Snapshot is one version of one open document in one state of the
// workspace. It is immutable; its analysis is computed on first use.
type Snapshot struct {
	URI        uri.URI
	Path       string
	LanguageID string
	Version    int32
	File       *source.File // the document's text and line index

	gen        uint64
	overlay    map[string][]byte
	searchPath []string
	analyzer   Analyzer
	parser     *docParser

	mu     sync.Mutex // held while computing
	result atomic.Pointer[Result]
}

// sameText reports whether a and b are the same bytes in memory (texts are
// never modified in place, so identity means equality).
func sameText(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// Generation identifies the workspace state the snapshot belongs to.
func (sn *Snapshot) Generation() uint64 { return sn.gen }

// Overlay returns the text of a document that was open when the snapshot
// was taken.
func (sn *Snapshot) Overlay(path string) ([]byte, bool) {
	t, ok := sn.overlay[filepath.Clean(path)]
	if !ok {
		t, ok = sn.overlay[path]
	}
	return t, ok
}

// ReadFile reads another module as the snapshot sees it: open documents win
// over the disk.
func (sn *Snapshot) ReadFile(path string) ([]byte, error) {
	if t, ok := sn.Overlay(path); ok {
		return t, nil
	}
	return readDisk(path)
}

// parse is the document's parse when the snapshot is its newest version,
// derived incrementally from the previous parse; else nil.
func (sn *Snapshot) parse(ctx context.Context) *parser.Result {
	return sn.parser.parse(ctx, sn.File.Text)
}

// Result returns the analysis if it has been computed, else nil. It never
// blocks.
func (sn *Snapshot) Result() *Result { return sn.result.Load() }

// Analyze returns the analysis of the snapshot, computing it on first call.
// A cancelled computation is not remembered. A panicking analyzer yields a
// single diagnostic instead of taking the server down.
func (sn *Snapshot) Analyze(ctx context.Context) (res *Result, err error) {
	if r := sn.result.Load(); r != nil {
		return r, nil
	}
	sn.mu.Lock()
	defer sn.mu.Unlock()
	if r := sn.result.Load(); r != nil {
		return r, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	func() {
		defer func() {
			if r := recover(); r != nil {
				res = &Result{
					Files: map[string]*source.File{sn.Path: sn.File},
					Diagnostics: []analysis.Diagnostic{{
						Path: sn.Path, Severity: analysis.Error, Code: "internal",
						Message: fmt.Sprintf("internal error in the analysis: %v\n%s", r, debug.Stack()),
					}},
				}
			}
		}()
		res = sn.analyzer.Analyze(ctx, Request{
			Path:       sn.Path,
			Text:       sn.File.Text,
			ReadFile:   sn.ReadFile,
			Overlay:    sn.Overlay,
			SearchPath: sn.searchPath,
			Parse:      sn.parse,
		})
	}()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if res == nil {
		res = &Result{}
	}
	if res.Files == nil {
		res.Files = map[string]*source.File{}
	}
	if res.Files[sn.Path] == nil {
		res.Files[sn.Path] = sn.File
	}
	sn.result.Store(res)
	return res, nil
}
