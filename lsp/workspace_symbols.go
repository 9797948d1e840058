package lsp

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/source"
)

// workspace/symbol: the symbols of every module the open documents'
// analyses loaded, and of the .tla files under the workspace folders
// (parsed on demand, cached by path, modification time and size), matched
// against the query as a case-insensitive subsequence and ranked exact >
// prefix > substring > subsequence, then by name, path and position.

// Bounds of the workspace scan and of the answer.
var (
	wsMaxFileSize = int64(1 << 20) // larger .tla files are skipped
	wsMaxFiles    = 2000           // the scan stops after this many .tla files
	wsMaxResults  = 1000           // the answer is cut after this many symbols
	wsSkipDirs    = map[string]bool{"node_modules": true, ".git": true}
)

// wsSymbol is a symbol of one file, flattened out of its outline.
type wsSymbol struct {
	Name      string
	Kind      protocol.SymbolKind
	Container string // the innermost enclosing module
	Sel       source.Span
}

// wsFile is the symbols of one file.
type wsFile struct {
	uri  uri.URI
	file *source.File
	syms []wsSymbol
}

func (s *Server) workspaceSymbol(ctx context.Context, p *protocol.WorkspaceSymbolParams) (any, error) {
	files, err := s.workspaceSymbolFiles(ctx)
	if err != nil {
		return nil, err
	}
	enc := s.encoding()
	type hit struct {
		rank int
		f    *wsFile
		sym  *wsSymbol
	}
	var hits []hit
	for _, f := range files {
		for i := range f.syms {
			if r, ok := fuzzyRank(p.Query, f.syms[i].Name); ok {
				hits = append(hits, hit{r, f, &f.syms[i]})
			}
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		if a.sym.Name != b.sym.Name {
			return a.sym.Name < b.sym.Name
		}
		if a.f.uri != b.f.uri {
			return a.f.uri < b.f.uri
		}
		return a.sym.Sel.Start < b.sym.Sel.Start
	})
	if len(hits) > wsMaxResults {
		hits = hits[:wsMaxResults]
	}
	out := make([]protocol.WorkspaceSymbol, 0, len(hits))
	for _, h := range hits {
		ws := protocol.WorkspaceSymbol{Location: &protocol.Location{URI: h.f.uri, Range: toRange(h.f.file, h.sym.Sel, enc)}}
		ws.Name, ws.Kind = h.sym.Name, h.sym.Kind
		if h.sym.Container != "" {
			c := h.sym.Container
			ws.ContainerName = &c
		}
		out = append(out, ws)
	}
	return out, nil
}

// workspaceSymbolFiles gathers the files to search: the modules of the
// open documents' analyses first (open text wins over the disk), then the
// workspace folders.
func (s *Server) workspaceSymbolFiles(ctx context.Context) ([]*wsFile, error) {
	var files []*wsFile
	seen := map[string]bool{}
	for _, snap := range s.session.Snapshots() {
		res, err := snap.Analyze(ctx)
		if err != nil {
			return nil, err
		}
		prog := res.Program
		if prog == nil {
			continue
		}
		for _, m := range prog.ModuleList() {
			if m.Parent != nil || m.AST == nil || m.File == nil || seen[m.Path] {
				continue
			}
			seen[m.Path] = true
			files = append(files, &wsFile{uri: pathURI(snap, m.Path), file: m.File, syms: flattenOutline(outlineOfModule(m), "")})
		}
	}
	var roots []string
	for _, f := range s.Folders() {
		if f.URI.IsFile() {
			roots = append(roots, f.URI.FsPath())
		}
	}
	scanned, err := workspaceIndex.scan(ctx, roots, seen)
	return append(files, scanned...), err
}

// flattenOutline lists an outline's symbols depth first, each with the
// name of its innermost enclosing module.
func flattenOutline(syms []outlineSym, container string) []wsSymbol {
	var out []wsSymbol
	for _, s := range syms {
		if s.Name == "" {
			continue
		}
		out = append(out, wsSymbol{Name: s.Name, Kind: s.Kind, Container: container, Sel: s.Sel})
		inner := container
		if s.Kind == protocol.SymbolKindModule {
			inner = s.Name
		}
		out = append(out, flattenOutline(s.Children, inner)...)
	}
	return out
}

// fuzzyRank matches query against name, ignoring case: 0 for equal names,
// 1 for a prefix, 2 for a substring, 3 for a subsequence. An empty query
// matches everything at rank 3.
func fuzzyRank(query, name string) (int, bool) {
	q, n := strings.ToLower(query), strings.ToLower(name)
	switch {
	case q == "":
		return 3, true
	case q == n:
		return 0, true
	case strings.HasPrefix(n, q):
		return 1, true
	case strings.Contains(n, q):
		return 2, true
	}
	for _, r := range q {
		i := strings.IndexRune(n, r)
		if i < 0 {
			return 0, false
		}
		n = n[i+utf8.RuneLen(r):]
	}
	return 3, true
}

// workspaceIndex caches the symbols of the files found under the
// workspace folders, shared by every server of the process (entries are
// keyed by path, modification time and size, so they never go stale).
var workspaceIndex = &wsIndex{entries: map[string]*wsEntry{}}

type wsIndex struct {
	mu      sync.Mutex
	gen     uint64
	entries map[string]*wsEntry
}

type wsEntry struct {
	mtime time.Time
	size  int64
	used  uint64 // the scan that last saw it
	file  *wsFile
}

// scan walks roots for .tla files not in skip, within the bounds, and
// returns their symbols, parsing the files that changed since the last
// scan. Cancellation of ctx ends the walk with ctx's error.
func (ix *wsIndex) scan(ctx context.Context, roots []string, skip map[string]bool) ([]*wsFile, error) {
	ix.mu.Lock()
	ix.gen++
	gen := ix.gen
	ix.mu.Unlock()
	var out []*wsFile
	count := 0
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // unreadable entries are skipped
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if d.IsDir() {
				if path != root && wsSkipDirs[d.Name()] {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".tla") || !d.Type().IsRegular() {
				return nil
			}
			if count >= wsMaxFiles {
				return filepath.SkipAll
			}
			count++
			if skip[path] {
				return nil
			}
			skip[path] = true
			if f := ix.file(ctx, path, d, gen); f != nil {
				out = append(out, f)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if count >= wsMaxFiles {
			break
		}
	}
	ix.prune(gen)
	return out, nil
}

// file returns the symbols of one file, from the cache when its
// modification time and size are unchanged; nil for files too large or
// unreadable.
func (ix *wsIndex) file(ctx context.Context, path string, d fs.DirEntry, gen uint64) *wsFile {
	info, err := d.Info()
	if err != nil || info.Size() > wsMaxFileSize {
		return nil
	}
	ix.mu.Lock()
	e := ix.entries[path]
	if e != nil && e.mtime.Equal(info.ModTime()) && e.size == info.Size() {
		e.used = gen
		ix.mu.Unlock()
		return e.file
	}
	ix.mu.Unlock()
	src, err := os.ReadFile(path)
	if err != nil || int64(len(src)) > wsMaxFileSize {
		return nil
	}
	pr := parser.Parse(ctx, path, src)
	if pr.Damaged {
		return nil // abandoned parse: try again next time
	}
	f := &wsFile{uri: uri.File(path), file: pr.File, syms: flattenOutline(outline(pr.File, pr.Module), "")}
	ix.mu.Lock()
	ix.entries[path] = &wsEntry{mtime: info.ModTime(), size: info.Size(), used: gen, file: f}
	ix.mu.Unlock()
	return f
}

// prune bounds the cache: when it holds more than a few scans' worth of
// files, the entries the latest scan did not see go.
func (ix *wsIndex) prune(gen uint64) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if len(ix.entries) <= 2*wsMaxFiles {
		return
	}
	for p, e := range ix.entries {
		if e.used != gen {
			delete(ix.entries, p)
		}
	}
}

// workspaceSymbolCaps declares the capability of this file's method.
func workspaceSymbolCaps(s *Server, caps *protocol.ServerCapabilities) {
	caps.WorkspaceSymbolProvider = protocol.Boolean(true)
}
