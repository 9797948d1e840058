package analysis

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

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
	p.prog.Root = p.analyzeFile(path, parsed, false)
	return p.prog
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
}

// analyzeFile analyses a file's top-level module.
func (p *program) analyzeFile(path string, parsed *Parsed, fromStdlib bool) *Module {
	m := &Module{Path: path, File: parsed.File, AST: parsed.Module, SyntaxErrors: parsed.Errors}
	if parsed.Module.Name != nil {
		m.Name = parsed.Module.Name.Name
	}
	for i := range m.SyntaxErrors {
		if m.SyntaxErrors[i].Path == "" {
			m.SyntaxErrors[i].Path = path
		}
	}
	m.fromStdlib = fromStdlib
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
	name := id.Name
	if nest := p.nested[from.File]; nest != nil {
		if m, ok := nest[name]; ok {
			return m
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
		r.errorf(id.Span, "cycle", "module `%s` depends on itself: %s", name, strings.Join(chain, " -> "))
		return nil
	}
	if m, ok := p.prog.Modules[name]; ok {
		return m
	}
	if p.ctx.Err() != nil {
		return nil
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
				r.errorf(id.Span, "unknown-module", "module `%s`: %s holds no module", name, path)
				return nil
			}
			return p.analyzeFile(path, parsed, false)
		}
	}
	if p.loader.Stdlib != nil {
		if src, path, ok := p.loader.Stdlib(name); ok {
			parsed := p.loader.parse(p.ctx, path, src)
			if parsed.Module != nil {
				return p.analyzeFile(path, parsed, true)
			}
		}
	}
	where := "the standard modules"
	if len(dirs) > 0 {
		where = strings.Join(dirs, ", ") + " and " + where
	}
	r.errorf(id.Span, "unknown-module", "cannot find module `%s` (looked in %s)", name, where)
	return nil
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
