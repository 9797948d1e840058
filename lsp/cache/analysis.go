package cache

import (
	"context"
	"crypto/sha256"
	"sync"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/parser/source"
)

// Analysis is the Analyzer of the real pipeline: analysis.Loader over the
// snapshot's overlay and search path. Its Program is the *analysis.Program.
//
// Each Load gets its own Loader (its overlay and search path belong to one
// snapshot); the parses are shared across Loads through a parse cache keyed
// by path and content, so an edit to one module re-parses that module only,
// and so are the analyses of imported modules (analysis.ModuleCache), so an
// edit to the root re-analyses the root only. The root document's parse
// comes from the snapshot (Request.Parse), incrementally.
type Analysis struct {
	mu      sync.Mutex
	cache   map[parseKey]*analysis.Parsed
	modules *analysis.ModuleCache
}

type parseKey struct {
	path string
	sum  [sha256.Size]byte
}

// maxParses bounds the parse cache: the cache is dropped when it is full.
const maxParses = 256

// NewAnalysis returns an analysis-backed Analyzer.
func NewAnalysis() *Analysis {
	return &Analysis{cache: map[parseKey]*analysis.Parsed{}, modules: analysis.NewModuleCache()}
}

// Analyze implements Analyzer.
func (a *Analysis) Analyze(ctx context.Context, req Request) *Result {
	l := analysis.NewLoader(req.SearchPath...)
	l.Overlay = req.Overlay
	l.Modules = a.modules
	parse := l.Parse
	l.Parse = func(ctx context.Context, path string, src []byte) *analysis.Parsed {
		if req.Parse != nil && path == req.Path && sameText(src, req.Text) {
			// The open document's own incremental parse: it is its own
			// cache, so it stays out of the one keyed by content.
			if r := req.Parse(ctx); r != nil {
				return analysis.ParsedFrom(path, r)
			}
		}
		return a.parse(ctx, parse, path, src)
	}
	prog := l.Load(ctx, req.Path, req.Text)
	res := &Result{Program: prog, Files: map[string]*source.File{}}
	for _, m := range prog.Modules {
		if m.Path != "" && m.File != nil {
			res.Files[m.Path] = m.File
		}
	}
	res.Diagnostics = prog.Diagnostics()
	if prog.Root != nil {
		// Not one of the analysis' diagnostics (lint and SANY say nothing
		// of it): a hint for the editor, which its quick fix removes.
		for _, id := range prog.UnusedExtends() {
			res.Diagnostics = append(res.Diagnostics, analysis.Diagnostic{Path: prog.Root.Path, Span: id.Span, Severity: analysis.Hint,
				Code: UnusedExtendsCode, Message: "module " + id.Name + " is extended but nothing of it is used", Unnecessary: true})
		}
	}
	return res
}

// UnusedExtendsCode is the code of the hint on a standard module that
// EXTENDS names to no use.
const UnusedExtendsCode = "unused-extends"

func (a *Analysis) parse(ctx context.Context, parse analysis.ParseFunc, path string, src []byte) *analysis.Parsed {
	key := parseKey{path, sha256.Sum256(src)}
	a.mu.Lock()
	p, ok := a.cache[key]
	a.mu.Unlock()
	if ok {
		return p
	}
	p = parse(ctx, path, src)
	if ctx.Err() != nil || p == nil {
		return p // possibly cut short: not remembered
	}
	a.mu.Lock()
	if len(a.cache) >= maxParses {
		clear(a.cache)
	}
	a.cache[key] = p
	a.mu.Unlock()
	return p
}
