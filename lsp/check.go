package lsp

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/checker/config"
	"github.com/tlals/tlals/lsp/cache"
	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// Model checking inside the editor: which models a spec has, background
// runs (on save, on command), their bounds, progress, cancellation and a
// cache keyed by every text a run read. The results become diagnostics
// (check_diagnostics.go), code lenses (code_lens.go) and a steppable trace
// (trace.go). See PROTOCOL.md for the custom methods.

// CheckSettings are the checker's settings; zero values mean the defaults
// of a save loop.
type CheckSettings struct {
	OnSave    *bool         // check on save; default true
	MaxStates int64         // default 1,000,000 distinct states
	Timeout   time.Duration // default 2 s
	MaxMemory uint64        // bytes of heap; default 1 GB
	Workers   int           // default 1: the server shares the machine
	// Model is the user's choice: a .cfg path, relative to the first
	// workspace folder or absolute.
	Model string
	// Pinned are expressions evaluated at every step of a trace.
	Pinned []string
	// Idle is the pause in editing after which the models are checked
	// (0: only on save and on command).
	Idle time.Duration
	// Engine chooses each model's engine (engine.go).
	Engine EngineSettings
}

const (
	defaultCheckMaxStates = 1_000_000
	defaultCheckTimeout   = 2 * time.Second
	// the server's whole heap: a run that grows it past this ends with a
	// bound outcome rather than taking the editor's machine
	defaultCheckMaxMemory = 1 << 30
)

func (c CheckSettings) onSave() bool { return c.OnSave == nil || *c.OnSave }

func (c CheckSettings) options() checker.Options {
	// coverage feeds the action lenses; its counting costs nothing
	// measurable (checker.BenchmarkCoverage)
	o := checker.Options{Workers: c.Workers, MaxStates: c.MaxStates, Timeout: c.Timeout, MaxMemory: c.MaxMemory, Coverage: true}
	if o.MaxMemory == 0 {
		o.MaxMemory = defaultCheckMaxMemory
	}
	if o.Workers <= 0 {
		o.Workers = 1
	}
	if o.MaxStates <= 0 {
		o.MaxStates = defaultCheckMaxStates
	}
	if o.Timeout <= 0 {
		o.Timeout = defaultCheckTimeout
	}
	return o
}

// checkModel is one way to check a spec: a root module and a configuration.
type checkModel struct {
	Name    string // for lenses and messages: "Spec.cfg", "default model"
	TLAPath string // the root module: the spec, or an MC module using it
	CfgPath string // "" for the default model
	CfgText []byte // the default model's configuration
}

// key identifies a model (not its texts): one run per key at a time.
func (m checkModel) key() string { return m.TLAPath + "\x00" + m.CfgPath }

// mcUses matches a module that EXTENDS or INSTANCEs the module named by
// the group: how MC*.tla files (written by the Toolbox) refer to their spec.
func mcUses(name string) *regexp.Regexp {
	n := regexp.QuoteMeta(name)
	return regexp.MustCompile(`(?s)\bEXTENDS\b[^\n]*\b` + n + `\b|\bINSTANCE\s+` + n + `\b`)
}

// modelsFor lists the models of the document at path: the user's choice
// first, then Spec.cfg beside Spec.tla, then MC*.tla/MC*.cfg pairs using
// it; failing all, the default model when the spec has Init and Next (or
// Spec) and no constants. For a .cfg document, the model it configures.
func (s *Server) modelsFor(snap *cache.Snapshot, chosen string) []checkModel {
	path := snap.Path
	dir, base := filepath.Dir(path), filepath.Base(path)
	exists := func(p string) bool {
		if _, ok := snap.Overlay(p); ok {
			return true
		}
		_, err := os.Stat(p)
		return err == nil
	}
	// an untitled document has no folder: its siblings would be the
	// server's working directory's files
	onDisk := snap.URI.IsFile()
	if strings.HasSuffix(base, ".cfg") {
		if m, ok := modelOfCfg(path, exists); ok && onDisk {
			return []checkModel{m}
		}
		return nil
	}
	stem := strings.TrimSuffix(base, ".tla")
	var out []checkModel
	seen := map[string]bool{}
	add := func(m checkModel) {
		if !seen[m.key()] {
			seen[m.key()] = true
			out = append(out, m)
		}
	}
	if chosen = s.resolvePath(chosen); chosen != "" {
		if m, ok := modelOfCfg(chosen, exists); ok {
			if !exists(m.TLAPath) || m.TLAPath == chosen {
				m.TLAPath = path
			}
			add(m)
		}
	}
	if cfg := filepath.Join(dir, stem+".cfg"); onDisk && exists(cfg) {
		add(checkModel{Name: stem + ".cfg", TLAPath: path, CfgPath: cfg})
	}
	var mcs []string
	if onDisk {
		mcs, _ = filepath.Glob(filepath.Join(dir, "MC*.tla"))
	}
	sort.Strings(mcs)
	uses := mcUses(stem)
	for _, mc := range mcs {
		cfg := strings.TrimSuffix(mc, ".tla") + ".cfg"
		if mc == path || !exists(cfg) {
			continue
		}
		if text, err := snap.ReadFile(mc); err == nil && uses.Match(text) {
			add(checkModel{Name: filepath.Base(cfg), TLAPath: mc, CfgPath: cfg})
		}
	}
	if len(out) == 0 {
		if m, ok := defaultModel(snap); ok {
			out = append(out, m)
		}
	}
	return out
}

// modelOfCfg pairs a .cfg with the module it configures: the .tla of the
// same name.
func modelOfCfg(cfg string, exists func(string) bool) (checkModel, bool) {
	tla := strings.TrimSuffix(cfg, ".cfg") + ".tla"
	if !exists(tla) {
		return checkModel{}, false
	}
	return checkModel{Name: filepath.Base(cfg), TLAPath: tla, CfgPath: cfg}, true
}

// resolvePath makes a user-given path absolute (relative to the first
// workspace folder); file: URIs are accepted too.
func (s *Server) resolvePath(p string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.resolvePathLocked(p)
}

// resolvePathLocked is resolvePath with s.mu held.
func (s *Server) resolvePathLocked(p string) string {
	if p == "" {
		return ""
	}
	if strings.HasPrefix(p, "file:") {
		return cache.PathOf(uri.URI(p))
	}
	if !filepath.IsAbs(p) && len(s.folders) > 0 && s.folders[0].URI.IsFile() {
		p = filepath.Join(s.folders[0].URI.FsPath(), p)
	}
	return filepath.Clean(p)
}

// defaultModel is the model of a spec without a .cfg: SPECIFICATION Spec,
// or INIT Init NEXT Next, when no constant needs a value.
func defaultModel(snap *cache.Snapshot) (checkModel, bool) {
	var mod *ast.Module
	if res, err := snap.Analyze(context.Background()); err == nil {
		if prog := res.Program; prog != nil && prog.Root != nil {
			mod = prog.Root.AST
		}
	}
	if mod == nil { // an analyzer that only parses (tests)
		mod = parser.Parse(context.Background(), snap.Path, snap.File.Text).Module
	}
	defs := map[string]bool{}
	for _, u := range mod.Units {
		switch u := u.(type) {
		case *ast.ConstDecl:
			if len(u.Decls) > 0 {
				return checkModel{}, false
			}
		case *ast.OpDef:
			if len(u.Params) == 0 && u.Name != nil {
				defs[u.Name.Name] = true
			}
		}
	}
	var text string
	switch {
	case defs["Spec"]:
		text = "SPECIFICATION Spec\n"
	case defs["Init"] && defs["Next"]:
		text = "INIT Init\nNEXT Next\n"
	default:
		return checkModel{}, false
	}
	return checkModel{Name: "default model", TLAPath: snap.Path, CfgText: []byte(text)}, true
}

// checks is the model-checking state of one server.
type checks struct {
	mu      sync.Mutex
	seq     int
	running map[string]*activeRun // by model key
	cached  map[string]*checkRun  // by content key
	last    map[string]*checkRun  // by model key: the latest finished run
	trace   map[string]*traceCursor
	idle    map[uri.URI]*time.Timer // checkOnIdle timers by document
	stopped bool                    // the server is stopping: no new runs
}

// stop cancels the runs in progress and the idle timers, and refuses new
// runs.
func (c *checks) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopped = true
	for _, r := range c.running {
		r.cancel()
	}
	for u, t := range c.idle {
		t.Stop()
		delete(c.idle, u)
	}
}

// waitRunning waits, up to timeout or the end of ctx, for the runs in
// progress to end; it reports whether they did.
func (c *checks) waitRunning(ctx context.Context, timeout time.Duration) bool {
	c.mu.Lock()
	var done []chan struct{}
	for _, r := range c.running {
		done = append(done, r.done)
	}
	c.mu.Unlock()
	t := time.NewTimer(timeout)
	defer t.Stop()
	for _, d := range done {
		select {
		case <-d:
		case <-ctx.Done():
			return false
		case <-t.C:
			return false
		}
	}
	return true
}

// activeRun is a run in progress.
type activeRun struct {
	cancel context.CancelFunc
	done   chan struct{}
	in     *modelInput // what it reads
}

// checkRun is a finished run and what it read.
type checkRun struct {
	Model    checkModel
	Key      string
	Deps     map[string][sha256.Size]byte // every text the run read, by path
	Files    map[string]*source.File      // the same texts, for positions
	Result   *checker.Result
	Config   *config.Config
	Module   *ast.Module // the root module
	Diags    []analysis.Diagnostic
	Finished time.Time
	model    *checker.Model // for evaluations in its states
}

// withoutModel is what the result cache keeps of a run: not its model,
// which holds the analysis of every module the run read (megabytes for a
// large spec, and sixteen of them would keep the server's heap high).
func (r *checkRun) withoutModel() *checkRun {
	cp := *r
	cp.model, cp.Module = nil, nil
	return &cp
}

// withModel is a cached run with the model just loaded from the same texts.
func (r *checkRun) withModel(m *checker.Model) *checkRun {
	cp := *r
	cp.model, cp.Module = m, m.Root.AST
	return &cp
}

// writeFile writes an exported file.
func writeFile(path string, data []byte) error { return os.WriteFile(path, data, 0o644) }

// maxCachedRuns bounds the result cache (older entries are dropped).
const maxCachedRuns = 16

func (c *checks) initLocked() {
	if c.running == nil {
		c.running = map[string]*activeRun{}
		c.cached = map[string]*checkRun{}
		c.last = map[string]*checkRun{}
		c.trace = map[string]*traceCursor{}
		c.idle = map[uri.URI]*time.Timer{}
	}
}

// lastRuns returns the latest finished run of every model.
func (c *checks) lastRuns() []*checkRun {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]*checkRun, 0, len(c.last))
	for _, r := range c.last {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Model.key() < out[j].Model.key() })
	return out
}

// modelInput is a model loaded from one workspace state.
type modelInput struct {
	model *checker.Model
	key   string
	deps  map[string][sha256.Size]byte
	files map[string]*source.File
	mu    sync.Mutex // guards deps and files while the checker loads modules
}

func hashText(b []byte) [sha256.Size]byte { return sha256.Sum256(b) }

// loadInput loads the model's modules as snap sees the workspace, through
// the analysis (a Load over the snapshot's overlay). A module the analysis
// rejects is reported as lint reports it.
func loadInput(snap *cache.Snapshot, m checkModel, searchPath []string, opt checker.Options) (*modelInput, error) {
	in := &modelInput{deps: map[string][sha256.Size]byte{}, files: map[string]*source.File{}}
	text, err := snap.ReadFile(m.TLAPath)
	if err != nil {
		return nil, err
	}
	cfgText := m.CfgText
	if m.CfgPath != "" {
		if cfgText, err = snap.ReadFile(m.CfgPath); err != nil {
			return nil, err
		}
		in.deps[m.CfgPath] = hashText(cfgText)
		in.files[m.CfgPath] = source.NewFile(m.CfgPath, cfgText)
	}
	// A load of its own, not the editor's analysis: the checker needs
	// the level of every expression, which the editor does not record.
	l := analysis.NewLoader(searchPath...)
	l.Overlay = snap.Overlay
	l.RecordLevels = true
	prog := l.Load(context.Background(), m.TLAPath, text)
	for _, mod := range prog.ModuleList() {
		if mod.Path != "" && mod.File != nil && !mod.Standard() {
			in.deps[mod.Path] = hashText(mod.File.Text)
			in.files[mod.Path] = mod.File
		}
	}
	if err := checker.FirstError(prog); err != nil {
		return nil, err
	}
	// The model outlives the snapshot (cached runs, trace evaluations):
	// its loader reads the texts the run read, not the snapshot, which
	// would otherwise stay in memory with every document's analysis.
	texts := make(map[string][]byte, len(in.files))
	for path, f := range in.files {
		texts[path] = f.Text
	}
	l.Overlay = func(path string) ([]byte, bool) {
		b, ok := texts[path]
		return b, ok
	}
	cfg, _ := config.Parse(m.CfgPath, cfgText) // errors are the .cfg's diagnostics
	in.model = checker.ModelOf(prog, l, m.CfgPath, cfgText, cfg)
	sum := sha256.New()
	fmt.Fprintf(sum, "%s\x00%s\x00%d\x00%d\x00%d\x00", m.TLAPath, m.CfgPath, opt.MaxStates, opt.MaxDepth, opt.Timeout)
	sum.Write(text)
	sum.Write([]byte{0})
	sum.Write(cfgText)
	in.key = string(sum.Sum(nil))
	return in, nil
}

// stillValid reports whether every text a cached run read is unchanged.
func (r *checkRun) stillValid(snap *cache.Snapshot) bool {
	for p, h := range r.Deps {
		t, err := snap.ReadFile(p)
		if err != nil || hashText(t) != h {
			return false
		}
	}
	return true
}

// searchDirs are the absolute directories of the searchPath setting.
func (s *Server) searchDirs() []string { return s.session.SearchPath() }

// checkArgs are the tlals.check command's optional second argument.
type checkArgs struct {
	Model string `json:"model"` // a .cfg URI or path
}

// checkCommand runs [uri, {model?}] and returns the result (the cached one
// at once, else when the run ends).
func (s *Server) checkCommand(ctx context.Context, args []protocol.LSPAny) (any, error) {
	u, rest, err := uriArg(args)
	if err != nil {
		return nil, err
	}
	var ca checkArgs
	if len(rest) > 0 && string(rest[0]) != "null" {
		if err := json.Unmarshal(rest[0], &ca); err != nil {
			return nil, errf(jsonrpc2.InvalidParams, "tlals.check: %v", err)
		}
	}
	snap, ok := s.session.Snapshot(u)
	if !ok {
		return nil, errf(jsonrpc2.InvalidParams, "document %s is not open", u)
	}
	chosen := ca.Model
	if chosen == "" {
		chosen = s.Settings().Check.Model
	}
	models := s.modelsFor(snap, chosen)
	if len(models) == 0 {
		return nil, errf(codeRequestFailed, "no model for %s: add %s.cfg beside it", filepath.Base(snap.Path), strings.TrimSuffix(filepath.Base(snap.Path), ".tla"))
	}
	s.async(ctx) // the run may take its full bounds
	run, err := s.startCheck(snap, models[0]).wait(ctx)
	if err != nil {
		return nil, err
	}
	return s.wireResult(run), nil
}

// checkOnSave starts a run of every model of a saved document.
func (s *Server) checkOnSave(u uri.URI) {
	if s.Settings().Check.onSave() {
		s.checkPrimary(u)
	}
}

// checkAfterIdle (re)arms the idle timer of an edited document: with the
// checkOnIdle setting, its models are checked once edits pause that long.
func (s *Server) checkAfterIdle(u uri.URI) {
	delay := s.Settings().Check.Idle
	c := &s.diag.checks
	c.mu.Lock()
	defer c.mu.Unlock()
	c.initLocked()
	if t := c.idle[u]; t != nil {
		t.Stop()
		delete(c.idle, u)
	}
	if delay <= 0 || c.stopped {
		return
	}
	c.idle[u] = time.AfterFunc(delay, func() {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("panic in idle check", zap.Any("panic", r), zap.ByteString("stack", debug.Stack()))
			}
		}()
		if s.bg == nil || s.bg.Err() != nil {
			return
		}
		s.checkPrimary(u)
	})
}

// checkPrimary checks the primary model of a document (every model of a
// .cfg document: its own).
func (s *Server) checkPrimary(u uri.URI) {
	st := s.Settings().Check
	snap, ok := s.session.Snapshot(u)
	if !ok {
		return
	}
	if hasErrors(snap) {
		// The analysis already shows what is wrong; a run would only
		// repeat it as a checker error. tlals.check still runs.
		s.log.Debug("check: skipped, the spec has errors", zap.String("uri", string(u)))
		return
	}
	models := s.modelsFor(snap, st.Model)
	if !strings.HasSuffix(snap.Path, ".cfg") && len(models) > 1 {
		models = models[:1] // a save loop checks the primary model only
	}
	for _, m := range models {
		s.startCheck(snap, m)
	}
}

// hasErrors reports whether the snapshot's analysis, if already computed,
// found an error in the document itself.
func hasErrors(snap *cache.Snapshot) bool {
	res := snap.Result()
	if res == nil {
		return false
	}
	for _, d := range res.Diagnostics {
		if d.Path == snap.Path && d.Severity == analysis.Error {
			return true
		}
	}
	return false
}

// cancelChecksReading cancels the runs that read path (a newer edit makes
// them stale).
func (s *Server) cancelChecksReading(path string) {
	c := &s.diag.checks
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range c.running {
		r.in.mu.Lock()
		_, reads := r.in.deps[path]
		r.in.mu.Unlock()
		if reads {
			r.cancel()
		}
	}
}

// pendingRun is a started (or cached) run the caller may wait for.
type pendingRun struct {
	done chan struct{}
	once sync.Once
	run  *checkRun
	err  error
}

// resolve settles p; later calls (after a panic) are ignored.
func (p *pendingRun) resolve(run *checkRun, err error) {
	p.once.Do(func() {
		p.run, p.err = run, err
		close(p.done)
	})
}

func (p *pendingRun) wait(ctx context.Context) (*checkRun, error) {
	select {
	case <-p.done:
		return p.run, p.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// startCheck starts a run of m as snap sees the workspace, cancelling the
// model's run in progress; a cached result for the same texts is reused.
func (s *Server) startCheck(snap *cache.Snapshot, m checkModel) *pendingRun {
	p := &pendingRun{done: make(chan struct{})}
	opt := s.Settings().Check.options()
	in, err := loadInput(snap, m, s.searchDirs(), opt)
	if err != nil { // the analysis reports parse errors; the result says why
		s.finishRun(&checkRun{Model: m, Result: &checker.Result{Outcome: checker.OutcomeError, Message: err.Error()}, Finished: time.Now()}, p)
		return p
	}
	in.key += "\x00" + s.Settings().Check.Engine.of(m) // each engine's result is its own
	c := &s.diag.checks
	c.mu.Lock()
	c.initLocked()
	if hit := c.cached[in.key]; hit != nil && hit.stillValid(snap) {
		c.mu.Unlock()
		s.log.Debug("check: cached", zap.String("model", m.Name))
		s.finishRun(hit.withModel(in.model), p)
		return p
	}
	if c.stopped {
		c.mu.Unlock()
		p.resolve(nil, errf(jsonrpc2.InvalidRequest, "the server is shutting down"))
		return p
	}
	prev := c.running[m.key()]
	if prev != nil {
		prev.cancel()
	}
	ctx, cancel := context.WithCancel(s.bg)
	ar := &activeRun{cancel: cancel, done: make(chan struct{}), in: in}
	c.running[m.key()] = ar
	c.seq++
	seq := c.seq
	c.mu.Unlock()

	started := s.goTask("check run", func() {
		defer close(ar.done)
		defer cancel()
		defer func() {
			c.mu.Lock()
			if c.running[m.key()] == ar {
				delete(c.running, m.key())
			}
			c.mu.Unlock()
		}()
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("panic in check run", zap.String("model", m.Name), zap.Any("panic", r), zap.ByteString("stack", debug.Stack()))
				p.resolve(nil, fmt.Errorf("internal error in the checker: %v", r))
			}
		}()
		if prev != nil {
			<-prev.done // one run per model at a time
		}
		run, err := s.runCheck(ctx, seq, m, in, opt)
		if err != nil {
			p.resolve(nil, err)
			return
		}
		c.mu.Lock()
		if len(c.cached) >= maxCachedRuns {
			oldest := ""
			for k, r := range c.cached {
				if oldest == "" || r.Finished.Before(c.cached[oldest].Finished) {
					oldest = k
				}
			}
			delete(c.cached, oldest)
		}
		c.cached[in.key] = run.withoutModel()
		c.mu.Unlock()
		s.finishRun(run, p)
	})
	if !started { // the server stopped meanwhile
		cancel()
		close(ar.done)
		c.mu.Lock()
		if c.running[m.key()] == ar {
			delete(c.running, m.key())
		}
		c.mu.Unlock()
		p.resolve(nil, errf(jsonrpc2.InvalidRequest, "the server is shutting down"))
	}
	return p
}

// runCheck runs the checker with progress reports. A cancelled run returns
// an error and records nothing.
func (s *Server) runCheck(ctx context.Context, seq int, m checkModel, in *modelInput, opt checker.Options) (*checkRun, error) {
	engine, engineName, opt, engineErr := s.engineFor(m, opt)
	title := "Checking " + m.Name
	if engineName == engineTLC {
		title += " with TLC" // the user sees which engine runs
	}
	prog := s.beginProgress(ctx, seq, title)
	opt.Progress = func(p checker.Progress) {
		prog.report(fmt.Sprintf("%d states, %d queued, depth %d, %.0f states/s", p.Distinct, p.Queued, p.Depth, p.PerSecond))
	}
	// what the spec prints goes to the server's log, never to stdout (the
	// protocol's channel)
	opt.Output = func(p checker.Print) {
		s.log.Info("check: spec output", zap.String("model", m.Name), zap.String("text", p.Text))
	}
	start := time.Now()
	if engineErr != nil {
		prog.end("failed: " + engineErr.Error())
		return nil, engineErr
	}
	res, err := engine(ctx, in.model, opt)
	if engineName != engineBuiltin && err != nil && ctx.Err() == nil {
		// TLC could not run (no Java, no jar): the result says why, as
		// any other failed check
		res, err = &checker.Result{Outcome: checker.OutcomeError, Message: err.Error(), ExitCode: checker.ExitErrorSystem}, nil
	}
	if engineName == engineBuiltin && err == nil && ctx.Err() == nil && res != nil && res.Outcome == checker.OutcomeBound && res.DistinctStates > 0 && !strings.HasPrefix(res.Message, "memory bound") {
		// the state space is beyond the budget: random behaviours for the
		// same budget may still find a violation deep in it (not when the
		// initial states were beyond it, nor the memory, which a
		// simulation needs too)
		prog.report("state space beyond the budget: simulating")
		res = s.simulateInstead(ctx, m, in, opt, res)
	}
	in.mu.Lock()
	deps, files := in.deps, in.files
	in.mu.Unlock()
	if ctx.Err() != nil && (err == nil || errors.Is(err, context.Canceled)) {
		prog.end("cancelled")
		s.log.Debug("check: cancelled", zap.String("model", m.Name))
		return nil, context.Canceled
	}
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		prog.end("failed: " + err.Error())
		return nil, err
	}
	if res == nil {
		res = &checker.Result{Outcome: checker.OutcomeError, Message: "the checker returned no result"}
	}
	if err != nil || res.Outcome == "" {
		res.Outcome = checker.OutcomeBound
	}
	// Locations in an up-to-date PlusCal translation also get the
	// algorithm's range; other modules have nothing to map.
	if in.model.Root.AST.Algorithm != nil { // else nothing to map, and mapping parses the file again
		_ = checker.MapPlusCal(res, in.model.Root.File)
	}
	run := &checkRun{Model: m, Key: in.key, Deps: deps, Files: files, Result: res,
		Config: in.model.Config, Module: in.model.Root.AST, Finished: time.Now()}
	run.model = in.model
	run.Diags = runDiagnostics(run)
	prog.end(summaryText(res))
	s.log.Debug("check: done", zap.String("model", m.Name), zap.String("outcome", res.Outcome), zap.Duration("took", time.Since(start)))
	return run, nil
}

// simulateInstead walks random behaviours of a model whose state space
// the search could not exhaust within opt's budget, for the same budget.
// A violation found is the run's result; otherwise the bounded search's
// result says how far the simulation went.
func (s *Server) simulateInstead(ctx context.Context, m checkModel, in *modelInput, opt checker.Options, bounded *checker.Result) *checker.Result {
	sim := opt
	sim.Simulate = &checker.Simulation{}
	sim.MaxStates, sim.Coverage, sim.Progress = 0, false, nil // a simulation stores no states
	res, err := checker.Check(ctx, in.model, sim)
	if ctx.Err() != nil || res == nil || (err != nil && !errors.Is(err, context.DeadlineExceeded)) {
		return bounded
	}
	s.log.Debug("check: simulated", zap.String("model", m.Name), zap.String("outcome", res.Outcome), zap.Int64("behaviours", res.Simulation.Behaviours))
	switch res.Outcome {
	case checker.OutcomeOK, checker.OutcomeBound:
		out := *bounded
		out.Simulation = res.Simulation
		out.Duration += res.Duration
		return &out
	}
	return res
}

// finishRun records run as its model's latest, publishes its diagnostics
// and notifies tlals/checkResult.
func (s *Server) finishRun(run *checkRun, p *pendingRun) {
	c := &s.diag.checks
	c.mu.Lock()
	c.initLocked()
	old := c.last[run.Model.key()]
	c.last[run.Model.key()] = run
	if run.Result != nil && len(run.Result.Trace) > 0 {
		c.trace[run.Model.TLAPath] = &traceCursor{run: run, step: -1}
	} else {
		delete(c.trace, run.Model.TLAPath)
	}
	c.mu.Unlock()
	p.resolve(run, nil)
	paths := map[string]bool{run.Model.TLAPath: true, run.Model.CfgPath: true}
	for _, r := range []*checkRun{old, run} {
		if r != nil {
			for _, d := range r.Diags {
				paths[d.Path] = true
			}
		}
	}
	s.republish(paths)
	s.refreshLenses()
	if s.client != nil {
		u := uri.File(run.Model.TLAPath)
		if snap, ok := s.session.Snapshot(uri.File(run.Model.TLAPath)); ok {
			u = snap.URI
		}
		params := map[string]any{"uri": u, "result": s.wireResult(run)}
		if err := s.conn.Notify(s.bg, methodCheckResult, params); err != nil {
			s.log.Debug("tlals/checkResult failed", zap.Error(err))
		}
	}
}

// summaryText is a one-line result: "✓ 9,447 states, depth 26, 0.3 s".
func summaryText(r *checker.Result) string {
	switch r.Outcome {
	case checker.OutcomeOK:
		return fmt.Sprintf("✓ %s states, depth %d, %.1f s", thousands(r.DistinctStates), r.Depth, r.Duration.Seconds())
	case checker.OutcomeBound:
		if r.Simulation != nil {
			return fmt.Sprintf("… beyond the bounds (%s states): %s", thousands(r.DistinctStates), r.Simulation.Summary())
		}
		return fmt.Sprintf("… stopped at bounds: %s states, depth %d, %.1f s", thousands(r.DistinctStates), r.Depth, r.Duration.Seconds())
	case checker.OutcomeInvariant, checker.OutcomeActionProperty:
		if r.Simulation != nil {
			return fmt.Sprintf("✗ %s violated in %d steps (simulation)", r.Property, len(r.Trace))
		}
		return fmt.Sprintf("✗ %s violated in %d steps", r.Property, len(r.Trace))
	case checker.OutcomeDeadlock:
		return fmt.Sprintf("✗ deadlock in %d steps", len(r.Trace))
	case checker.OutcomeAssert:
		return fmt.Sprintf("✗ assertion failed in %d steps", len(r.Trace))
	case checker.OutcomeAssume:
		return fmt.Sprintf("✗ assumption %s is false", r.Property)
	}
	if len(r.Trace) > 0 {
		return fmt.Sprintf("✗ error in %d steps", len(r.Trace))
	}
	return "✗ error: " + firstLine(r.Message)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// thousands writes n with comma separators.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// progress reports one run through $/progress when the client supports
// server-initiated progress; otherwise its methods do nothing.
type progress struct {
	s     *Server
	token protocol.ProgressToken
	// The checker reports from its own ticker goroutine, which may still
	// be sending when the run ends: sends are serialized and none follows
	// the end.
	mu    sync.Mutex
	ended bool
}

func (s *Server) beginProgress(ctx context.Context, seq int, title string) *progress {
	s.mu.Lock()
	ok := s.clientCaps.Window != nil && s.clientCaps.Window.WorkDoneProgress != nil && *s.clientCaps.Window.WorkDoneProgress
	s.mu.Unlock()
	p := &progress{s: s}
	if !ok || s.client == nil {
		return p
	}
	token := protocol.String(fmt.Sprintf("tlals/check/%d", seq))
	if err := s.client.WorkDoneProgressCreate(ctx, &protocol.WorkDoneProgressCreateParams{Token: token}); err != nil {
		s.log.Debug("workDoneProgress/create failed", zap.Error(err))
		return p
	}
	p.token = token
	p.send(protocol.WorkDoneProgressBegin{Kind: "begin", Title: title})
	return p
}

func (p *progress) send(v any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.token == nil || p.ended {
		return
	}
	_, p.ended = v.(protocol.WorkDoneProgressEnd)
	raw, err := json.Marshal(v)
	if err != nil {
		return
	}
	if err := p.s.client.Progress(p.s.bg, &protocol.ProgressParams{Token: p.token, Value: raw}); err != nil {
		p.s.log.Debug("$/progress failed", zap.Error(err))
	}
}

func (p *progress) report(msg string) {
	p.send(protocol.WorkDoneProgressReport{Kind: "report", Message: &msg})
}

func (p *progress) end(msg string) {
	p.send(protocol.WorkDoneProgressEnd{Kind: "end", Message: &msg})
}

// lastRunOf is the latest run of a model of the document at path (its
// root or its configuration), else one that read it.
func (s *Server) lastRunOf(path string) *checkRun {
	runs := s.diag.checks.lastRuns()
	for _, r := range runs {
		if r.Model.TLAPath == path || r.Model.CfgPath == path {
			return r
		}
	}
	for _, r := range runs {
		if _, ok := r.Deps[path]; ok {
			return r
		}
	}
	return nil
}

// refreshLenses asks the client to request code lenses again (their
// results changed), when it supports that. It does not wait for the
// answer: finishRun may run on the read loop, which reads that answer.
func (s *Server) refreshLenses() {
	s.mu.Lock()
	w := s.clientCaps.Workspace
	ok := w != nil && w.CodeLens != nil && w.CodeLens.RefreshSupport != nil && *w.CodeLens.RefreshSupport
	s.mu.Unlock()
	if !ok || s.client == nil {
		return
	}
	s.goTask("codeLens/refresh", func() {
		if err := s.client.CodeLensRefresh(s.bg); err != nil {
			s.log.Debug("codeLens/refresh failed", zap.Error(err))
		}
	})
}

// checkSettings decode the settings of the background check.
func checkSettings(fields map[string]func(*Settings, json.RawMessage) error) {
	fields["checkOnSave"] = func(st *Settings, raw json.RawMessage) error {
		var v bool
		if err := json.Unmarshal(raw, &v); err != nil {
			return err
		}
		st.Check.OnSave = &v
		return nil
	}
	fields["checkMaxStates"] = func(st *Settings, raw json.RawMessage) error {
		return json.Unmarshal(raw, &st.Check.MaxStates)
	}
	fields["checkTimeout"] = func(st *Settings, raw json.RawMessage) error {
		var secs float64
		if err := json.Unmarshal(raw, &secs); err != nil {
			return err
		}
		st.Check.Timeout = time.Duration(secs * float64(time.Second))
		return nil
	}
	fields["checkMaxMemory"] = func(st *Settings, raw json.RawMessage) error {
		var mb float64
		if err := json.Unmarshal(raw, &mb); err != nil {
			return err
		}
		if mb < 0 {
			return fmt.Errorf("checkMaxMemory must be at least 0 (MB)")
		}
		st.Check.MaxMemory = uint64(mb * (1 << 20))
		return nil
	}
	fields["checkOnIdle"] = func(st *Settings, raw json.RawMessage) error {
		var secs float64
		if err := json.Unmarshal(raw, &secs); err != nil {
			return err
		}
		st.Check.Idle = time.Duration(secs * float64(time.Second))
		return nil
	}
	fields["checkWorkers"] = func(st *Settings, raw json.RawMessage) error {
		return json.Unmarshal(raw, &st.Check.Workers)
	}
	fields["checkModel"] = func(st *Settings, raw json.RawMessage) error {
		return json.Unmarshal(raw, &st.Check.Model)
	}
	fields["pinnedExpressions"] = func(st *Settings, raw json.RawMessage) error {
		return json.Unmarshal(raw, &st.Check.Pinned)
	}
}
