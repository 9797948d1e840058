package analysis

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// Parsed is what a ParseFunc returns for one file.
type Parsed struct {
	File    *source.File
	Module  *ast.Module // nil when the text holds no module at all
	Errors  []Diagnostic
	Damaged bool
}

// ParsedFrom converts the parser's result for the file at path.
func ParsedFrom(path string, res *parser.Result) *Parsed {
	p := &Parsed{File: res.File, Module: res.Module, Damaged: res.Damaged}
	for _, e := range res.Errors {
		code := "syntax"
		if e.PlusCal {
			code = "pluscal"
		}
		p.Errors = append(p.Errors, Diagnostic{Path: path, Span: e.Span, Severity: Error, Code: code, Message: e.Msg})
	}
	return p
}

// ParseFunc parses one file. The default is parser.Parse.
type ParseFunc func(ctx context.Context, path string, src []byte) *Parsed

// StdlibFunc returns the text and display path of a standard module.
type StdlibFunc func(name string) (src []byte, path string, ok bool)

// Loader resolves module names to text and parses each text once. It is
// safe for concurrent use; the parse cache is shared by every Load.
type Loader struct {
	// Overlay returns the text of an open document, overriding the disk.
	Overlay func(path string) ([]byte, bool)
	// SearchPath lists directories searched after the importing file's
	// own directory (NewLoader appends $TLA_PATH).
	SearchPath []string
	Stdlib     StdlibFunc
	Parse      ParseFunc
	// Modules, when non-nil, keeps the analysis of imported modules across
	// Loads (see ModuleCache); share one between Loaders.
	Modules *ModuleCache
	// RecordLevels fills Info.Levels, the level of every expression. Off
	// by default: nothing on the keystroke path reads it, and recording
	// is a tenth of the analysis' allocation (as go/types fills only the
	// side tables asked for).
	RecordLevels bool

	mu    sync.Mutex
	cache map[string]*Parsed // by path + content hash
}

// maxCacheEntries bounds the parse cache; an editor produces a new entry for
// every version of a document.
const maxCacheEntries = 512

// NewLoader returns a loader with the default parser and standard modules,
// searching dirs and then the colon-separated directories of $TLA_PATH.
func NewLoader(dirs ...string) *Loader {
	l := &Loader{SearchPath: append([]string(nil), dirs...)}
	for _, d := range strings.Split(os.Getenv("TLA_PATH"), string(os.PathListSeparator)) {
		if d != "" {
			l.SearchPath = append(l.SearchPath, d)
		}
	}
	l.Parse = defaultParse
	l.Stdlib = defaultStdlib
	return l
}

func (l *Loader) parse(ctx context.Context, path string, src []byte) *Parsed {
	h := sha256.Sum256(src)
	key := path + "\x00" + string(h[:])
	l.mu.Lock()
	if p, ok := l.cache[key]; ok {
		l.mu.Unlock()
		return p
	}
	l.mu.Unlock()
	var p *Parsed
	if l.Parse != nil {
		p = l.Parse(ctx, path, src)
	}
	if p == nil {
		p = &Parsed{File: source.NewFile(path, src)}
	}
	if ctx.Err() != nil {
		return p // possibly cut short: do not cache
	}
	l.mu.Lock()
	if l.cache == nil || len(l.cache) >= maxCacheEntries {
		l.cache = map[string]*Parsed{}
	}
	l.cache[key] = p
	l.mu.Unlock()
	return p
}

// readFile prefers the overlay to the disk.
func (l *Loader) readFile(path string) ([]byte, bool) {
	if l.Overlay != nil {
		if b, ok := l.Overlay(path); ok {
			return b, true
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, false
	}
	return b, true
}

// Load analyses the module in src (read from path when src is nil) and
// every module it reaches.
func (l *Loader) Load(ctx context.Context, path string, src []byte) *Program {
	p := &program{
		loader:  l,
		ctx:     ctx,
		prog:    &Program{Modules: map[string]*Module{}},
		loading: map[string]bool{},
		nested:  map[*source.File]map[string]*Module{},
		lookups: map[*Module][]lookup{},
	}
	if src == nil {
		b, ok := l.readFile(path)
		if !ok {
			p.prog.diags = append(p.prog.diags, Diagnostic{Path: path, Code: "unknown-module", Message: fmt.Sprintf("cannot read %s", path)})
			return p.prog
		}
		src = b
	}
	parsed := l.parse(ctx, path, src)
	if parsed.Module == nil {
		p.prog.diags = append(p.prog.diags, parsed.Errors...)
		if len(parsed.Errors) == 0 {
			p.prog.diags = append(p.prog.diags, Diagnostic{Path: path, Code: "syntax", Message: "no module found"})
		}
		return p.prog
	}
	p.root, p.rootPath = parsed, path
	p.prog.Root = p.analyzeFile(path, parsed, false)
	return p.prog
}

// ModuleCache keeps the analysis of imported (non-root) modules, so that a
// Load whose root changed reuses the analysis of unchanged dependencies.
// The reuse is exact: a module is taken from the cache only when its
// parse is the same (*Parsed, so the same text) and every module it looked
// up resolves, in this Load, to the very Module it resolved to then (each
// of them reused in turn, or the same stdlib/disk module). Modules whose
// analysis reported a failed lookup (unknown module, cycle) or that nest
// modules are not kept. Analysed modules are never modified afterwards,
// so Loads running concurrently may share them. Safe for concurrent use.
type ModuleCache struct {
	mu      sync.Mutex
	modules map[moduleKey]*cachedModule
}

type moduleKey struct {
	parsed     *Parsed
	fromStdlib bool
}

// cachedModule is an analysed file module and the lookups it made.
type cachedModule struct {
	mod     *Module
	lookups []lookup
}

type lookup struct {
	name string
	mod  *Module
}

// maxCachedModules bounds a ModuleCache; it is dropped when full.
const maxCachedModules = 256

// NewModuleCache returns an empty cache.
func NewModuleCache() *ModuleCache { return &ModuleCache{modules: map[moduleKey]*cachedModule{}} }

func (c *ModuleCache) get(k moduleKey) *cachedModule {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.modules[k]
}

func (c *ModuleCache) put(k moduleKey, cm *cachedModule) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.modules) >= maxCachedModules {
		clear(c.modules)
	}
	c.modules[k] = cm
}

// program is the state of one Load.
type program struct {
	loader  *Loader
	ctx     context.Context
	prog    *Program
	loading map[string]bool // module names being analysed, for cycle detection
	stack   []string        // the same, in order, for cycle messages
	// nested holds the modules nested in each file, visible to the rest of it.
	nested map[*source.File]map[string]*Module
	// lookups records, per file module being analysed, the modules its
	// EXTENDS and INSTANCEs resolved to (nil for a failed lookup), for
	// ModuleCache.
	lookups map[*Module][]lookup
	// root is the root file: its trailing modules are found by name
	// when no file or standard module has that name.
	root     *Parsed
	rootPath string
}

// importFile analyses an imported file's top-level module, or reuses its
// analysis from the loader's ModuleCache.
func (p *program) importFile(path string, parsed *Parsed, fromStdlib bool) *Module {
	key := moduleKey{parsed, fromStdlib}
	if cm := p.loader.Modules.get(key); cm != nil && p.replay(cm) {
		return cm.mod
	}
	m := p.analyzeFile(path, parsed, fromStdlib)
	lookups, clean := p.lookups[m], len(p.nested[m.File]) == 0
	for _, lk := range lookups {
		clean = clean && lk.mod != nil
	}
	delete(p.lookups, m)
	if clean && p.ctx.Err() == nil {
		p.loader.Modules.put(key, &cachedModule{mod: m, lookups: lookups})
	}
	return m
}

// replay registers the cached module cm in this program as its analysis
// would, resolving its lookups again; false (with nothing of cm
// registered) when one resolves differently, and cm must be analysed anew.
func (p *program) replay(cm *cachedModule) bool {
	m := cm.mod
	if m.Name == "" || p.loading[m.Name] {
		return false
	}
	if _, dup := p.prog.Modules[m.Name]; dup {
		return false // analyzeModule would keep the first: not worth mimicking
	}
	p.loading[m.Name] = true
	p.stack = append(p.stack, m.Name)
	defer func() {
		delete(p.loading, m.Name)
		p.stack = p.stack[:len(p.stack)-1]
	}()
	for _, lk := range cm.lookups {
		if got, err := p.findModule(lk.name, m); err != nil || got != lk.mod {
			return false
		}
	}
	p.prog.Modules[m.Name] = m
	p.prog.order = append(p.prog.order, m)
	return true
}

// analyzeFile analyses a file's top-level module.
func (p *program) analyzeFile(path string, parsed *Parsed, fromStdlib bool) *Module {
	m := &Module{Path: path, File: parsed.File, AST: parsed.Module, SyntaxErrors: outsideTrailing(parsed)}
	if parsed.Module.Name != nil {
		m.Name = parsed.Module.Name.Name
	}
	for i := range m.SyntaxErrors {
		if m.SyntaxErrors[i].Path == "" {
			m.SyntaxErrors[i].Path = path
		}
	}
	m.fromStdlib = fromStdlib
	if base := filepath.Base(path); !fromStdlib && m.Name != "" && strings.HasSuffix(base, ".tla") && m.Name+".tla" != base {
		// SANY finds a module by its file name and rejects a file whose
		// module is named otherwise.
		m.Diagnostics = append(m.Diagnostics, Diagnostic{Path: path, Span: parsed.Module.Name.Span, Severity: Error, Code: "module-name",
			Message: fmt.Sprintf("module `%s` is in a file named %s: a module must be in the file named after it (%s.tla)", m.Name, base, m.Name)})
	}
	p.analyzeModule(m, nil)
	return m
}

// analyzeModule resolves m (its parent scope is the enclosing module's
// context for a nested module) and registers it.
func (p *program) analyzeModule(m *Module, parent *Scope) {
	if m.Name != "" {
		p.loading[m.Name] = true
		p.stack = append(p.stack, m.Name)
		defer func() {
			delete(p.loading, m.Name)
			p.stack = p.stack[:len(p.stack)-1]
		}()
		if _, dup := p.prog.Modules[m.Name]; !dup {
			p.prog.Modules[m.Name] = m
		}
	}
	r := newResolver(p, m, parent)
	r.module()
	p.prog.order = append(p.prog.order, m)
}

// lookupModule finds the module named by id, imported from `from`, loading
// and analysing it on first use. It reports unknown modules and cycles on id.
func (p *program) lookupModule(id *ast.Ident, from *Module, r *resolver) *Module {
	m, err := p.findModule(id.Name, from)
	if err != nil {
		r.errorf(id.Span, err.code, "%s", err.msg)
	}
	file := from
	for file.Parent != nil {
		file = file.Parent
	}
	p.lookups[file] = append(p.lookups[file], lookup{id.Name, m})
	return m
}

// lookupError is why a module name did not resolve.
type lookupError struct{ code, msg string }

// findModule resolves a module name imported from `from`, loading and
// analysing the module on first use; m is nil when the lookup fails (err
// says why, or nothing when the load was cancelled).
func (p *program) findModule(name string, from *Module) (m *Module, err *lookupError) {
	if nest := p.nested[from.File]; nest != nil {
		if m, ok := nest[name]; ok {
			return m, nil
		}
	}
	if p.loading[name] {
		chain := append([]string(nil), p.stack...)
		for i, n := range chain {
			if n == name {
				chain = chain[i:]
				break
			}
		}
		chain = append(chain, name)
		return nil, &lookupError{"cycle", fmt.Sprintf("module `%s` depends on itself: %s", name, strings.Join(chain, " -> "))}
	}
	if m, ok := p.prog.Modules[name]; ok {
		return m, nil
	}
	if p.ctx.Err() != nil {
		return nil, nil
	}
	file := name + ".tla"
	var dirs []string
	if from.Path != "" && !from.fromStdlib {
		dirs = append(dirs, filepath.Dir(from.Path))
	}
	dirs = append(dirs, p.loader.SearchPath...)
	for _, d := range dirs {
		path := filepath.Join(d, file)
		if src, ok := p.loader.readFile(path); ok {
			parsed := p.loader.parse(p.ctx, path, src)
			if parsed.Module == nil {
				return nil, &lookupError{"unknown-module", fmt.Sprintf("module `%s`: %s holds no module", name, path)}
			}
			return p.importFile(path, parsed, false), nil
		}
	}
	if p.loader.Stdlib != nil {
		if src, path, ok := p.loader.Stdlib(name); ok {
			parsed := p.loader.parse(p.ctx, path, src)
			if parsed.Module != nil {
				return p.importFile(path, parsed, true), nil
			}
		}
	}
	if m := p.trailing(name); m != nil {
		return m, nil
	}
	where := "the standard modules"
	if len(dirs) > 0 {
		where = strings.Join(dirs, ", ") + " and " + where
	}
	return nil, &lookupError{"unknown-module", fmt.Sprintf("cannot find module `%s` (looked in %s)", name, where)}
}

// trailing analyses the module named name that follows the first one in
// the root file, or returns nil. As SANY, only the root file's trailing
// modules are found, and only when no file or standard module has the name.
func (p *program) trailing(name string) *Module {
	if p.root == nil || p.root.Module == nil {
		return nil
	}
	for _, tm := range p.root.Module.Trailing {
		if tm.Name == nil || tm.Name.Name != name {
			continue
		}
		m := &Module{Path: p.rootPath, File: p.root.File, AST: tm, Name: name}
		for _, e := range p.root.Errors {
			if tm.Span.Start <= e.Span.Start && e.Span.Start < tm.Span.End {
				m.SyntaxErrors = append(m.SyntaxErrors, e)
			}
		}
		p.analyzeModule(m, nil)
		return m
	}
	return nil
}

// outsideTrailing returns the syntax errors of parsed that are not within
// a trailing module: SANY reads a trailing module only when it is imported.
func outsideTrailing(parsed *Parsed) []Diagnostic {
	tr := parsed.Module.Trailing
	if len(tr) == 0 {
		return parsed.Errors
	}
	var out []Diagnostic
	for _, e := range parsed.Errors {
		if e.Span.Start < tr[0].Start {
			out = append(out, e)
		}
	}
	return out
}

// registerNested makes a nested module visible to the rest of its file.
func (p *program) registerNested(m *Module) {
	nest := p.nested[m.File]
	if nest == nil {
		nest = map[string]*Module{}
		p.nested[m.File] = nest
	}
	nest[m.Name] = m
}
