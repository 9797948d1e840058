package checker

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tlals/tlals/checker/config"
	"github.com/tlals/tlals/checker/eval"
	"github.com/tlals/tlals/checker/liveness"
	"github.com/tlals/tlals/parser/source"
)

// Outcomes of a check.
const (
	OutcomeOK             = "ok"
	OutcomeInvariant      = "invariant"
	OutcomeDeadlock       = "deadlock"
	OutcomeActionProperty = "action-property"
	OutcomeAssert         = "assert"
	OutcomeAssume         = "assume"
	OutcomeError          = "error"
	OutcomeBound          = "bound"
)

// Exit statuses, as TLC's tlc2.output.EC.ExitStatus.
const (
	ExitSuccess                 = 0
	ExitViolationAssumption     = 10
	ExitViolationDeadlock       = 11
	ExitViolationSafety         = 12
	ExitViolationLiveness       = 13 // also action properties, as TLC
	ExitViolationAssert         = 14
	ExitFailureSpecEval         = 75
	ExitFailureSafetyEval       = 76
	ExitFailureLivenessEval     = 77
	ExitErrorSpecParse          = 150
	ExitErrorConfigParse        = 151
	ExitErrorStatespaceTooLarge = 152
	ExitErrorSystem             = 153
	ExitError                   = 255
)

// Options control a run.
type Options struct {
	Workers   int           // goroutines exploring states; 0 means all cores
	MaxStates int64         // stop after this many distinct states (0: no bound)
	MaxDepth  int           // do not explore beyond this depth (0: no bound)
	Timeout   time.Duration // stop after this long (0: no bound)
	// MaxMemory stops the run when the process's heap exceeds this many
	// bytes (0: no bound); the heap is the process's, shared by any runs
	// in progress at once. A run that spills to disk (SpillDir) sizes its
	// in-memory tables to stay well under it (and stops only past it).
	MaxMemory uint64
	// MemoryCeiling stops the run (outcome bound) when the process's heap
	// exceeds this many bytes, even while it spills (0: none): the CLI's
	// guard, without -max-memory, against a model or one evaluation that
	// would otherwise take all of the machine's memory.
	MemoryCeiling uint64
	// SpillDir is a folder for the files of a run that keeps its seen
	// set, queue and trace nodes on disk past an in-memory table of
	// SpillTable fingerprints (0: sized from MaxMemory), as TLC does
	// (checkpoint.go); "": the search stays in memory. A model with
	// temporal properties spills its behaviour graph too (diskgraph.go,
	// livecheckpoint.go).
	SpillDir   string
	SpillTable int64
	// Checkpoint writes a checkpoint into a new folder under
	// CheckpointDir this often (0: never); Recover continues the run of
	// the checkpoint in that folder. Both spill to disk (in a temporary
	// folder without SpillDir). OnCheckpoint is told each one's folder.
	Checkpoint    time.Duration
	CheckpointDir string
	Recover       string
	OnCheckpoint  func(dir string)
	// Progress is called about once a second during the search and once at
	// the end.
	Progress func(Progress)
	// CheckDeadlock overrides the configuration's CHECK_DEADLOCK.
	CheckDeadlock *bool
	// RecordGraph keeps the explored state graph in Result.Graph (for
	// -dump-dot); the search fails beyond MaxGraphStates states.
	RecordGraph bool
	// Output receives what the specification prints (Print, PrintT), as
	// it prints it; nil collects it in Result.Output.
	Output func(eval.Print)
	// Seed is TLC's -seed, for the evaluator's random choices; nil: a
	// seed drawn at random, as TLC does (reported in Result.Seed).
	Seed *int64
	// PeriodicEvery is how often the configuration's _PERIODIC operator
	// is evaluated; 0: every minute, TLC's progress interval.
	PeriodicEvery time.Duration
	// AllowIOExec lets IOUtils' IOExec family run commands; off, a call is
	// an evaluation error at its position (a checked spec runs nothing
	// unless the user asks).
	AllowIOExec bool
	// Simulate walks random behaviours instead of exploring the state
	// space (simulate.go).
	Simulate *Simulation
	// Coverage counts each action's states (Result.Coverage, coverage.go).
	Coverage bool
	// debug runs a Debugger's exploration instead of the search
	// (debugger.go); its actions are compiled with its hooks.
	debug *Debugger
	// Continue is TLC's -continue: a violated invariant or action property
	// is reported (Result.Continued) and the search goes on; the run ends
	// as it would without them, exit code included.
	Continue bool
}

// Progress is a snapshot of a running search.
type Progress struct {
	Distinct  int64
	Generated int64
	Queued    int64
	Depth     int
	Elapsed   time.Duration
	PerSecond float64 // distinct states per second since the start
}

// Range is a source range, 1-based, end inclusive.
type Range struct {
	File        string `json:"file"`
	StartLine   int    `json:"startLine"`
	StartColumn int    `json:"startColumn"`
	EndLine     int    `json:"endLine"`
	EndColumn   int    `json:"endColumn"`
	// Start and End are the byte offsets of the range in the file's text,
	// End exclusive: the span the lines and columns above were computed
	// from, for consumers that count positions their own way (UTF-16).
	Start int `json:"start"`
	End   int `json:"end"`
	// Module is the module name, for TLC-style rendering.
	Module string `json:"-"`
	// Unprinted: TLC prints no location with the error raised here (a
	// set's own membership test); the range is still the error's.
	Unprinted bool `json:"-"`
	// PlusCal is the range of the PlusCal text this range was translated
	// from, when it lies in an up-to-date translation (see MapPlusCal).
	PlusCal *Range `json:"pluscal,omitempty"`
}

// SpanRange is the range of span sp of file f.
func SpanRange(f *source.File, sp source.Span) *Range { return rangeOf(&eval.Loc{File: f, Span: sp}) }

func rangeOf(l *eval.Loc) *Range {
	if l == nil || l.File == nil {
		return nil
	}
	sl, sc, el, ec := l.Range()
	sp := l.Trimmed()
	return &Range{File: l.File.Name, StartLine: sl, StartColumn: sc, EndLine: el, EndColumn: ec, Start: sp.Start, End: sp.End, Module: l.Module(), Unprinted: l.Unprinted}
}

// VarValue is one variable of a state, its value printed as TLC does.
type VarValue struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Step is one state of a trace and the action that produced it.
type Step struct {
	Action   string // "Initial predicate" for the first state
	Location *Range // the action's expression; nil for the initial state
	State    []VarValue
	// Values are the raw values, in variable order.
	Values []eval.Value `json:"-"`
}

// Result is the outcome of a check.
type Result struct {
	Outcome         string
	Property        string // the violated invariant/property, or the assumption
	Message         string
	DistinctStates  int64
	GeneratedStates int64
	Depth           int
	QueueLeft       int64
	Duration        time.Duration
	Location        *Range
	// Calls are, for an evaluation error, the operator applications being
	// evaluated when it was raised, outermost first; Location is inside
	// the innermost one's definition.
	Calls []*Range
	// Nested are, for an evaluation error in the initial predicate or an
	// action, the positions TLC lists as "the nested expressions" it was
	// evaluating (nestedPositions); nil when they are not known.
	Nested []*Range
	Trace  []Step
	Lasso  *Lasso // the cycle of a liveness counterexample (liveness_hook.go)
	// WhileInitial: the error arose checking Trace's one state, an
	// initial state (its constraint, invariant or property could not be
	// evaluated); TLC prints it "While working on the initial state".
	WhileInitial bool
	// BeforeSearch: the model was rejected before the search started, so
	// TLC prints no state counts.
	BeforeSearch bool
	// Unexpected: an evaluation error of the core language in the
	// next-state relation, which TLC raises as a RuntimeException and
	// prints under its "TLC threw an unexpected exception" header.
	Unexpected bool
	// Preceding is the error TLC reports first in the same run: the
	// deadlock whose state, stuttering, completes the temporal property's
	// violation reported after it.
	Preceding *Preceding
	// Continued are the violations Options.Continue reported and went on
	// past, in the order one worker finds them.
	Continued []Preceding
	Graph     *Graph `json:"-"` // the state graph, with Options.RecordGraph (dot.go)
	Warnings  []string
	// ParseWarnings are SANY's warnings while parsing the spec, of the
	// root module RootName (text: SANY's block, first; JSON: the first
	// warnings).
	ParseWarnings []ParseWarning
	RootName      string
	ExitCode      int
	// Output is what the specification printed, in order, unless
	// Options.Output took it.
	Output []eval.Print
	Seed   int64 // the seed of the run's random choices
	// Failing is, for a violated invariant, its smallest FALSE part.
	Failing *Failing
	// Simulation holds a simulation's counts (Options.Simulate).
	Simulation *SimulationStats
	// Vars are the variables, in declaration order, of Trace's Values
	// (dump.go).
	Vars []string
	// Coverage holds the counts of Options.Coverage.
	Coverage *Coverage
}

// Preceding is an error reported before the result's own.
type Preceding struct {
	Outcome  string
	Property string
	Message  string
	Location *Range
	Trace    []Step
}

// Check checks the model.
func Check(ctx context.Context, m *Model, opt Options) (*Result, error) {
	start := time.Now()
	res := &Result{}
	if m.Root != nil {
		res.ParseWarnings, res.RootName = parseWarnings(m.Root), m.Root.Name
	}
	var prog *eval.Program
	finish := func() (*Result, error) {
		res.Duration = time.Since(start)
		cut := prog != nil && interrupted(prog, res)
		if prog != nil {
			// what the evaluations warned of (TLC prints it as met)
			hinted := false
			for _, w := range res.Warnings {
				hinted = hinted || tlcWarning(w)
			}
			res.Warnings = append(res.Warnings, prog.RuntimeWarnings(hinted)...)
		}
		if prog != nil && !cut {
			res.Failing = explainInvariant(prog, res)
		}
		if res.ExitCode == 0 {
			res.ExitCode = exitCode(res.Outcome)
		}
		if cut && ctx.Err() != nil { // cancelled inside an evaluation
			return res, ctx.Err()
		}
		return res, nil
	}
	fail := func(outcome, msg string, l *eval.Loc, code int) (*Result, error) {
		res.Outcome, res.Message, res.Location, res.ExitCode = outcome, msg, rangeOf(l), code
		return finish()
	}
	// the string order is per run, as in TLC's process
	endRun, err := eval.BeginSpecRun(ctx, eval.SpecOrder(m.Config, m.Root.AST, m.Root.File, m.Loader))
	if err != nil {
		return nil, err
	}
	defer endRun()
	consts, substs, warns, err := constants(m.Config)
	if err != nil {
		return fail(OutcomeError, err.Error(), nil, ExitErrorConfigParse)
	}
	res.Warnings = append(res.Warnings, warns...)
	prog, err = eval.NewProgram(m.Root, m.Loader, consts, substs)
	if err != nil {
		return failErr(res, fail, err, ExitErrorSpecParse)
	}
	if opt.debug != nil {
		prog.SetDebug(opt.debug)
	}
	defer watchBudget(ctx, prog, opt, start)()
	res.Warnings = append(res.Warnings, unmatchedScoped(m.Config, prog)...)
	var stop func() // TLCSet("exit", TRUE), once the search exists
	prog.AllowIOExec(opt.AllowIOExec)
	prog.SetRun(runOf(m, opt, res, func() {
		if stop != nil {
			stop()
		}
	}))
	if missing := prog.MissingConstants(); len(missing) > 0 {
		return fail(OutcomeError, fmt.Sprintf("The constant parameter %s is not assigned a value by the configuration file.", missing[0]), nil, ExitErrorConfigParse)
	}
	for _, sb := range rootSubstitutions(m.Config) {
		if !prog.DeclaresForSubst(sb.name) {
			return fail(OutcomeError, "In the configuration file, the identifier "+sb.name+" does not appear in the specification.", nil, ExitErrorConfigParse)
		}
	}
	if err := checkSubstitutions(prog, rootSubstitutions(m.Config)); err != nil {
		return failErr(res, fail, err, ExitErrorConfigParse)
	}
	prog.EvalPrintingConstants()
	if opt.Coverage && opt.Simulate == nil {
		prog.EnableCoverage() // before the actions are compiled (coverage.go)
	}
	// assumptions and constants can allocate as much as a search
	// (MCReachabilityTestAllGraphs checks its theorem in an ASSUME)
	defer tuneGC(gcBound(opt))()
	s, err := newSearch(ctx, prog, m, opt, res)
	if err != nil {
		return failErr(res, fail, err, ExitErrorConfigParse)
	}
	if s == nil { // stopped before the search (assumptions)
		return finish()
	}
	stop = func() { s.exited.Store(true) }
	if opt.debug != nil {
		opt.debug.run(s, res)
		return finish()
	}
	if opt.Coverage && opt.Simulate == nil { // a simulation's counts would say nothing of the spec's actions
		s.cov = newCovRec(s.workers, len(s.actions))
		for _, ps := range [][]pred{s.cons, s.acons} {
			for i := range ps {
				ps[i].cov = new([2]atomic.Int64)
			}
		}
		defer func() { res.Coverage = s.coverage(s.cov, m) }()
	}
	if opt.Simulate != nil {
		s.simulate(m, res)
		s.checkPostconditions(res)
		r, err := finish()
		if err == nil {
			err = s.ctxErr // cancelled between behaviours
		}
		return r, err
	}
	s.model = m
	s.startEdges(m) // liveness: record the graph during the search (edges.go)
	s.startPrefixWatch(m)
	if err := s.startSpill(m, res); err != nil {
		return fail(OutcomeError, err.Error(), nil, ExitErrorSystem)
	}
	defer s.endSpill()
	s.startSearchLeaves(m)
	s.warnSymmetryLiveness(res)
	s.run()
	s.fill(res)
	s.fillGraph(res)
	if s.midFound != nil {
		s.reportMidViolation(res)
	} else if res.Outcome == OutcomeOK {
		s.checkLiveness(m, res)
	}
	// TLC evaluates the postconditions at the very end, after the
	// temporal properties: a violation found first stays the outcome
	s.checkPostconditions(res)
	if opt.Progress != nil {
		opt.Progress(s.progress())
	}
	if errors.Is(s.ctxErr, context.Canceled) || errors.Is(s.ctxErr, context.DeadlineExceeded) {
		r, _ := finish()
		return r, s.ctxErr
	}
	return finish()
}

// stateLevelProperty is TLC's warning (EC.TLC_LIVE_FORMULA_STATE_LEVEL)
// for a PROPERTY that is a state predicate, checked in the initial
// states only.
func stateLevelProperty(name string) string {
	return fmt.Sprintf("The formula %[1]s "+stateLevelWarning+" (or PROPERTIES), where a temporal formula is typically expected. State-level formulas used as PROPERTY or PROPERTIES are only checked in the initial state. To verify that the formula %[1]s holds in all states of every behavior, use INVARIANT %[1]s instead. Alternatively, applying the \"always\" temporal operator ([]) to the state-level formula %[1]s changes it into a temporal formula, asserting that %[1]s holds in all states of every behavior. See https://explain.tlapl.us/invariants-and-properties for additional details.", name)
}

const stateLevelWarning = "is a state-level formula, but it was used as a PROPERTY"

// codedError is an error TLC reports with its own exit code.
type codedError struct {
	msg  string
	code int
	// before: raised before the search (Result.BeforeSearch)
	before bool
}

func (e *codedError) Error() string { return e.msg }

func failErr(res *Result, fail func(string, string, *eval.Loc, int) (*Result, error), err error, code int) (*Result, error) {
	var ce *codedError
	if errors.As(err, &ce) {
		res.BeforeSearch = ce.before
		return fail(OutcomeError, ce.msg, nil, ce.code)
	}
	var ee *eval.Error
	if errors.As(err, &ee) {
		return fail(OutcomeError, ee.Msg, ee.Loc, cannotHandleCode(ee.Msg, code))
	}
	return fail(OutcomeError, err.Error(), nil, code)
}

// cannotHandleCode is the exit code of an error with message msg, code
// unless msg is TLC's for a temporal formula it cannot handle
// (EC.TLC_LIVE_CANNOT_HANDLE_FORMULA), which TLC ends with as a general
// error: 255.
func cannotHandleCode(msg string, code int) int {
	if strings.HasPrefix(msg, "TLC cannot handle the temporal formula line ") || msg == liveness.ErrWrongFormat.Error() {
		return ExitError
	}
	return code
}

func exitCode(outcome string) int {
	switch outcome {
	case OutcomeOK, OutcomeBound:
		return ExitSuccess
	case OutcomeInvariant:
		return ExitViolationSafety
	case OutcomeDeadlock:
		return ExitViolationDeadlock
	case OutcomeActionProperty:
		return ExitViolationLiveness
	case OutcomeAssert:
		return ExitViolationAssert
	case OutcomeAssume:
		return ExitViolationAssumption
	}
	return ExitFailureSpecEval
}

// ---------------------------------------------------------------- search

type node struct {
	fp     uint64
	parent int32 // -1 for initial states
	action int32
	pidx   int32 // the parent's index in its BFS level (fpSet.insertAt)
}

type item struct {
	id    int32
	state []eval.Value
}

type pred struct {
	name string
	p    *eval.Pred
	// track: a _POSSIBLE predicate among the constraints, counted and
	// never false
	track bool
	// cov: with coverage, the times a constraint held and did not
	cov *[2]atomic.Int64
}

type search struct {
	// the workers' contexts (workerCtx)
	wctx      []*eval.Ctx
	wctxMu    sync.Mutex
	ctx       context.Context
	ctxErr    error
	prog      *eval.Program
	opt       Options
	init      *eval.Init
	actions   []*eval.Action
	noNext    bool // the specification has an initial predicate only
	invs      []pred
	initProps []pred
	actProps  []pred
	cons      []pred
	acons     []pred
	deadlock  bool
	workers   int
	start     time.Time
	level     int64              // BFS level being expanded (1: initial states)
	perms     []eval.Permutation // SYMMETRY
	feat      features           // VIEW, ALIAS, POSTCONDITION (features.go)
	graph     graphRec           // Options.RecordGraph (dot.go)
	live      *edgeRec           // the behaviour graph for liveness, or nil (edges.go)
	watch     *prefixWatch       // temporal violations of finite prefixes, or nil (liveness_hook.go)
	lv        *searchLeaves      // liveness leaves evaluated during the search, or nil (liveness_hook.go)
	cov       *covRec            // Options.Coverage's counts, or nil (coverage.go)

	// midCheck is the number of expanded states at which the temporal
	// properties are next checked on the graph explored so far, and
	// midFound the violation such a check found (liveness_hook.go)
	midCheck int32
	midFound *midViolation
	model    *Model // the model checked (its temporal properties)

	mu    sync.Mutex // guards graph
	seen  *fpSet
	nodes []node      // by id, filled from seen when the search ends
	spill *spillState // the disk side of a run that spills, or nil (checkpoint.go)

	// The counters every worker writes per successor each have their own
	// cache line, apart from the flags every worker reads per successor
	// (stop, exited, errIdx): otherwise each write makes the other
	// worker's next read miss.
	generated stripedInt64
	distinct  stripedInt64
	queued    stripedInt64
	depth     lineInt64
	initial   atomic.Int64 // distinct initial states (TLCGet("stats").initial)
	exited    atomic.Bool  // TLCSet("exit", TRUE): stop after the states being expanded
	stop      atomic.Bool

	errMu  sync.Mutex
	err    *failure
	errIdx atomic.Int64 // frontier index of the state whose expansion failed
	// continued are the violations found with Options.Continue
	contMu    sync.Mutex
	continued []contViolation
	contInv   map[contKey]int // a state's invariant violation in continued
	// levelStart is the first node id of the level being generated
	levelStart int32
}

// contViolation is a violation -continue went on past: found at the
// idx-th state of BFS level level (0: the initial states, idx their
// order), the seq-th of that state's expansion.
type contViolation struct {
	level, idx int64
	seq        int
	f          *failure
}

type contKey struct {
	node int32
	inv  string
}

// violated records a violation of an invariant or action property: with
// Options.Continue it is kept and the search goes on (true), else it stops
// the search at the idx-th state (false). A state a worker met later in
// the level is checked again where one worker meets it (moved); the
// earliest report of an invariant violated by a state is the one kept.
func (s *search) violated(level, idx int64, seq int, f *failure) bool {
	if !s.opt.Continue {
		s.failAt(idx, f)
		return false
	}
	s.contMu.Lock()
	defer s.contMu.Unlock()
	v := contViolation{level, idx, seq, f}
	if f.outcome == OutcomeInvariant && f.extra == nil {
		k := contKey{f.node, f.property}
		if i, ok := s.contInv[k]; ok {
			if idx < s.continued[i].idx {
				s.continued[i] = v
			}
			return true
		}
		if s.contInv == nil {
			s.contInv = map[contKey]int{}
		}
		s.contInv[k] = len(s.continued)
	}
	s.continued = append(s.continued, v)
	return true
}

// failure is the first error found; the trace ends at node (and then at
// extra, reached from node by action, when extra is set).
type failure struct {
	outcome  string
	property string
	msg      string
	loc      *eval.Loc
	node     int32
	extra    []eval.Value
	action   int32
	code     int
	calls    []*eval.Loc // see Result.Calls
	nested   []*Range    // see Result.Nested
	// prefix is the trace of a temporal property violated by a finite
	// prefix (liveness_hook.go); after is the failure TLC reports before
	// it, at the same state (a deadlock or a violated invariant)
	prefix []liveness.Step
	after  *failure
	// initial: an error checking an initial state (Result.WhileInitial)
	initial bool
	// unexpected: Result.Unexpected
	unexpected bool
}

func newSearch(ctx context.Context, prog *eval.Program, m *Model, opt Options, res *Result) (*search, error) {
	cfg := m.Config
	s := &search{ctx: ctx, prog: prog, opt: opt, seen: newFPSet(), start: time.Now(), deadlock: checkDeadlock(cfg, opt), workers: workerCount(opt)}
	s.errIdx.Store(math.MaxInt64)
	prog.SetStats(s.stats)
	if cfg == nil {
		cfg = emptyConfig()
	}
	var err error
	var inits []specItem // TLCGet("spec").inits
	constOnly := false
	// TLC has computed every constant-level definition of no argument
	// before it reads the configuration's formulas (constantFormula): an
	// invariant or property TRUE is dropped, any other value is an error,
	// as is a constant behaviour spec, initial predicate or next action.
	trueConst := map[string]bool{}
	for _, n := range cfg.Invariants {
		if !prog.Defines(n.Text) { // TLC reports it before a missing SPECIFICATION or INIT
			return nil, eval.NotDefined("invariant", n.Text)
		}
		if v, ok := prog.ConstantValue(n.Text); ok {
			if v != eval.Bool(true) {
				return nil, constantFormula("The invariant of %s is equal to %s", n.Text, v)
			}
			trueConst[n.Text] = true
		}
	}
	switch {
	case cfg.Specification != nil:
		if v, ok := prog.ConstantValue(cfg.Specification.Text); ok {
			return nil, constantFormula("The value of %s is equal to %s", cfg.Specification.Text, v)
		}
	case cfg.Init != nil && cfg.Next != nil:
		for _, n := range []struct{ kind, name string }{{"initial predicate", cfg.Init.Text}, {"next state action", cfg.Next.Text}} {
			// TLC looks the initial predicate up, then the next-state
			// action, each for a definition before its value
			if _, err := prog.DefExpr(n.name); err != nil {
				return nil, eval.NotDefined(n.kind, n.name)
			}
			if _, ok := prog.ConstantValue(n.name); ok {
				return nil, &eval.Error{Msg: fmt.Sprintf("The %s %s cannot be a constant.", n.kind, n.name), Kind: eval.ErrCompile}
			}
		}
	}
	for _, n := range cfg.Properties {
		if v, ok := prog.ConstantValue(n.Text); ok {
			if v != eval.Bool(true) {
				return nil, constantFormula("The property of %s is equal to %s", n.Text, v)
			}
			trueConst[n.Text] = true
		}
	}
	// then the state and the action constraints, each a constant that is
	// not TRUE an error (TLC's order: invariants, properties, constraints,
	// action constraints)
	for _, c := range []struct {
		kind  string
		names []config.Name
	}{{"constraint", cfg.Constraints}, {"action constraint", cfg.ActionConstraints}} {
		for _, n := range c.names {
			if v, ok := prog.ConstantValue(n.Text); ok && v != eval.Bool(true) {
				return nil, constantFormula("The "+c.kind+" of %s is equal to %s", n.Text, v)
			}
		}
	}
	noInit := false // a SPECIFICATION without one (s.noNext: without a next-state relation)
	switch {
	case cfg.Specification != nil:
		initParts, next, _, other, err := prog.SpecParts(cfg.Specification.Text)
		if err != nil {
			return nil, err
		}
		inits = initItems(prog, initParts)
		_ = other // fairness: checked by checkLiveness
		noInit = len(initParts) == 0
		if !noInit {
			if s.init, err = prog.CompileInitParts(initParts); err != nil {
				return nil, err
			}
		}
		if next == nil {
			s.noNext = true
		} else if s.actions, err = prog.SplitNextIn(*next); err != nil {
			return nil, err
		}
	case cfg.Init != nil:
		if s.init, err = prog.CompileInitDef(cfg.Init.Text); err != nil {
			return nil, err
		}
		if e, err := prog.DefExpr(cfg.Init.Text); err == nil {
			inits = []specItem{{cfg.Init.Text, e.Loc}}
		}
		if cfg.Next == nil {
			s.noNext = true
		} else if s.actions, err = prog.SplitNext(cfg.Next.Text); err != nil {
			return nil, err
		}
	case cfg.Init == nil && cfg.Next == nil && len(prog.Vars) == 0:
		constOnly = true // assumptions only
	default:
		return nil, &eval.Error{Msg: "the configuration names neither SPECIFICATION nor both INIT and NEXT", Kind: eval.ErrCompile}
	}
	prog.SetSpec(func() eval.Value { return s.specValue(inits) })
	if constOnly {
		if stopped, err := s.checkAssumptions(res); stopped || err != nil {
			return nil, err
		}
		res.Outcome = OutcomeOK
		return nil, nil
	}
	compile := func(kind, name string) (pred, error) {
		e, err := prog.DefExpr(name)
		if err != nil {
			return pred{}, eval.NotDefined(kind, name)
		}
		p, err := prog.CompilePred(name, e)
		return pred{name: name, p: p}, err
	}
	for _, n := range cfg.Invariants {
		if trueConst[n.Text] {
			continue
		}
		if prog.Level(n.Text) >= eval.LevelAction {
			// TLC (SpecProcessor.processConfigInvariants) rejects it before
			// any state is computed
			return nil, &codedError{msg: fmt.Sprintf("The invariant %s is not a state predicate (one with no primes or temporal operators).", n.Text), code: ExitFailureSafetyEval}
		}
		p, err := compile("invariant", n.Text)
		if err != nil {
			return nil, err
		}
		s.invs = append(s.invs, p)
	}
	for _, n := range cfg.Constraints {
		p, err := compile("constraint", n.Text)
		if err != nil {
			return nil, err
		}
		s.cons = append(s.cons, p)
	}
	for _, n := range cfg.ActionConstraints {
		p, err := compile("action constraint", n.Text)
		if err != nil {
			return nil, err
		}
		s.acons = append(s.acons, p)
	}
	implied, checks := false, false // what needs an initial predicate or next-state relation
	for _, n := range cfg.Properties {
		if trueConst[n.Text] {
			continue
		}
		if prog.Level(n.Text) == eval.LevelState {
			res.Warnings = append(res.Warnings, stateLevelProperty(n.Text))
		}
		// each part goes by the name TLC reports it by
		parts, err := prog.NamedPropertyParts(n.Text)
		if err != nil {
			return nil, err
		}
		add := func(dst *[]pred, parts []eval.NamedPart) error {
			for _, e := range parts {
				p, err := prog.CompilePred(e.Name, e.ExprIn)
				if err != nil {
					return err
				}
				*dst = append(*dst, pred{name: e.Name, p: p})
			}
			return nil
		}
		if err := add(&s.initProps, parts[0]); err != nil {
			return nil, err
		}
		if err := add(&s.invs, parts[1]); err != nil {
			return nil, err
		}
		if err := add(&s.actProps, parts[2]); err != nil {
			return nil, err
		}
		// parts[3], the temporal ones, are checked by checkLiveness
		if (noInit || s.noNext) && prog.Level(n.Text) > eval.LevelConstant { // TLC drops a constant one (evaluated up front)
			implied = implied || len(parts[0]) > 0
			checks = checks || len(parts[1])+len(parts[2])+len(parts[3]) > 0
		}
	}
	// TLC (SpecProcessor.processConfig) needs an initial predicate only
	// when there are variables or something to check, a next-state
	// relation only when there is something to check past the initial
	// states; a spec with neither checks no state.
	for _, n := range cfg.Invariants {
		checks = checks || (noInit || s.noNext) && prog.Level(n.Text) > eval.LevelConstant
	}
	switch {
	case noInit && (len(prog.Vars) > 0 || implied || checks):
		return nil, &eval.Error{Msg: "The configuration file did not specify the initial state predicate.\nCan also be caused by trying to run TLC on a specification from\na module imported with a parameterized INSTANCE statement.", Kind: eval.ErrCompile}
	case s.noNext && checks:
		return nil, &eval.Error{Msg: "The configuration file did not specify the next state predicate.", Kind: eval.ErrCompile}
	case noInit:
		if stopped, err := s.checkAssumptions(res); stopped || err != nil {
			return nil, err
		}
		res.Outcome = OutcomeOK
		return nil, nil
	case s.noNext:
		// TLC computes the initial states, then stops: run reports it
	}
	if cfg.Symmetry != nil {
		// TLC (Tool.getSymmetryPerms) takes the permutations from a
		// definition only: a constant the configuration gives a value is
		// rejected before it is evaluated, as an unexpected exception
		if prog.IsValuedConstant(cfg.Symmetry.Text) {
			return nil, &codedError{msg: "The symmetry function " + cfg.Symmetry.Text + " must specify a set of permutations.", code: ExitError, before: true}
		}
		e, err := prog.DefExpr(cfg.Symmetry.Text)
		if err != nil {
			return nil, err
		}
		ce, err := prog.Compile(e)
		if err != nil {
			return nil, err
		}
		v, err := ce.Eval(prog.NewCtx(), nil, nil)
		if err != nil {
			return nil, err
		}
		if s.perms, err = eval.Permutations(v); err != nil {
			return nil, &eval.Error{Loc: e.Loc, Msg: err.Error()}
		}
	}
	if err := s.setupFeatures(cfg); err != nil {
		return nil, err
	}
	// TLC checks the assumptions once it has processed the behaviour spec
	// (TLCGet("spec") reads it)
	if stopped, err := s.checkAssumptions(res); stopped || err != nil {
		return nil, err
	}
	return s, nil
}

// constantFormula is TLC's error for a configuration formula that is a
// constant value (format: name, value).
func constantFormula(format, name string, v eval.Value) error {
	return &eval.Error{Msg: fmt.Sprintf(format, name, eval.Format(v)), Kind: eval.ErrCompile}
}

// checkAssumptions evaluates the ASSUMEs in the main thread; a false one
// or one TLC cannot evaluate stops the run (reported in res).
func (s *search) checkAssumptions(res *Result) (bool, error) {
	c := s.prog.NewCtx()
	for _, a := range s.prog.Assumptions() {
		pr, err := s.prog.CompilePred("ASSUME", a.E)
		if err != nil {
			return true, err
		}
		ok, err := pr.Eval(c, nil, nil)
		if err != nil {
			// TLC: an error, not a false assumption, though with the
			// same exit status (even for a failed Assert)
			f := evalFailure(err, -1, nil, -1, "Evaluating assumption "+rangeOf(a.E.Loc).tlc()+" failed.\n", ExitViolationAssumption)
			res.Outcome, res.Message, res.Location, res.ExitCode = OutcomeError, f.msg, rangeOf(f.loc), ExitViolationAssumption
			for _, l := range f.calls {
				res.Calls = append(res.Calls, rangeOf(l))
			}
			return true, nil
		}
		if !ok {
			res.Outcome, res.Message, res.Location = OutcomeAssume, "Assumption "+rangeOf(a.E.Loc).tlc()+" is false.", rangeOf(a.E.Loc)
			res.Property = "ASSUME"
			return true, nil
		}
	}
	return false, nil
}

func (r *Range) tlc() string {
	if r == nil {
		return "(unknown location)"
	}
	return fmt.Sprintf("line %d, col %d to line %d, col %d of module %s", r.StartLine, r.StartColumn, r.EndLine, r.EndColumn, r.Module)
}

// fail records a failure that stops the search at once (initial states,
// bounds, cancellation).
func (s *search) fail(f *failure) {
	s.errMu.Lock()
	if s.err == nil {
		s.err = f
	}
	s.errMu.Unlock()
	s.stop.Store(true)
}

// failAt records a failure found expanding the idx-th state of the current
// level. The workers finish the states before it, and the failure of the
// earliest state wins: the same one a single worker reports.
func (s *search) failAt(idx int64, f *failure) {
	s.errMu.Lock()
	if s.err == nil || idx < s.errIdx.Load() {
		s.err = f
		s.errIdx.Store(idx)
	}
	s.errMu.Unlock()
}

// initialFailure is an error checking an initial state (its constraints,
// invariants, properties): TLC reports the error alone, while working on
// that state, whatever it was checking.
func initialFailure(err error, node int32, extra []eval.Value) *failure {
	f := evalFailure(err, node, extra, -1, "", ExitFailureSpecEval)
	if f.outcome == OutcomeAssert {
		// a failed Assert: TLC prints no state, with the exit status of
		// an evaluation error
		f.code, f.node, f.extra = ExitFailureSpecEval, -1, nil
		return f
	}
	f.initial = true
	return f
}

// nextFailure is the failure of evaluating action ai from the state node:
// a successor the action leaves incompletely specified ends the trace, as
// TLC prints it (the message names the action when there are several).
func (s *search) nextFailure(err error, node, ai int32) *failure {
	var ee *eval.Error
	if errors.As(err, &ee) && ee.Partial != nil {
		msg := eval.IncompleteMessage(s.actions[ai].Name, ee.Unassigned, len(s.actions) == 1)
		return &failure{outcome: OutcomeError, msg: msg, node: node, extra: ee.Partial, action: ai, code: ExitFailureSpecEval}
	}
	f := evalFailure(err, node, nil, -1, "", ExitFailureSpecEval)
	if ai >= 0 && int(ai) < len(s.actions) {
		root, file := s.actions[ai].Root()
		f.nested = s.model.nestedPositions(root, file, err)
	}
	if errors.As(err, &ee) && ee.Kind == eval.ErrModule {
		// TLC's replay of the failed step keeps an EvalException's own
		// error code (ModelChecker.modelCheck), which
		// EC.ExitStatus.errorConstantToExitStatus maps to 255.
		f.code = ExitError
	} else if f.outcome == OutcomeError && errors.As(err, &ee) && ee.Kind == eval.ErrEval {
		// a core-language error is a RuntimeException, not an
		// EvalException: TLC reports it as an unexpected one
		f.unexpected = true
	}
	return f
}

func evalFailure(err error, node int32, extra []eval.Value, action int32, prefix string, code int) *failure {
	f := &failure{outcome: OutcomeError, msg: prefix + err.Error(), node: node, extra: extra, action: action, code: code}
	var ee *eval.Error
	if errors.As(err, &ee) {
		f.msg = prefix + ee.Msg
		f.loc = ee.Loc
		f.calls = ee.Calls
		if ee.Kind == eval.ErrAssert {
			f.outcome = OutcomeAssert
			f.code = ExitViolationAssert
		}
	}
	return f
}

// fingerprint identifies a state (its symmetry orbit under SYMMETRY).
func (s *search) fingerprint(st []eval.Value) uint64 { return s.fingerprintWith(nil, st) }

// fingerprintWith is fingerprint with a worker's cache (nil: none).
func (s *search) fingerprintWith(fc *eval.FPCache, st []eval.Value) uint64 {
	if s.feat.view != nil {
		return s.viewFingerprint(st)
	}
	if len(s.perms) > 0 {
		return fc.Symmetric(st, s.perms)
	}
	return fc.State(st)
}

// insert adds a state's fingerprint; returns its id and whether it is new.
func (s *search) insert(fp uint64, parent, action int32) (int32, bool) {
	if s.spill != nil {
		id, unseen, _, _ := s.spillInsert(fp, parent, action, -1)
		return id, unseen
	}
	id, unseen := s.seen.insert(fp, parent, action)
	if unseen {
		s.distinct.Add(1)
	}
	return id, unseen
}

// insertSucc inserts a successor of the idx-th state of the level being
// expanded by worker w (fpSet.insertAt; prev: the action a moved state had).
func (s *search) insertSucc(fp uint64, parent, action int32, idx int64, w int) (id int32, unseen, moved bool, prev int32) {
	if s.spill != nil {
		return s.spillInsert(fp, parent, action, idx)
	}
	id, unseen, moved, prev = s.seen.insertAt(fp, parent, action, int32(idx), s.levelStart)
	if unseen {
		s.distinct.AddW(w, 1)
	}
	return id, unseen, moved, prev
}

// checkPreds evaluates ps in order; it returns the first that is false (its
// name and range) or fails.
func (s *search) checkPreds(c *eval.Ctx, ps []pred, cur, next []eval.Value) (string, *eval.Loc, bool, error) {
	for _, p := range ps {
		ok, err := p.p.Eval(c, cur, next)
		if err != nil {
			return p.name, p.p.Loc, false, err
		}
		if p.track {
			c.TrackPossible(p.name, ok)
			continue
		}
		if p.cov != nil {
			if ok {
				p.cov[0].Add(1)
			} else {
				p.cov[1].Add(1)
			}
		}
		if !ok {
			return p.name, p.p.Loc, false, nil
		}
	}
	return "", nil, true, nil
}

func cloneState(st []eval.Value) []eval.Value { return append([]eval.Value(nil), st...) }

func (s *search) run() {
	defer func() { s.nodes = s.seen.nodes() }()
	if s.spill != nil && s.spill.resume != nil { // the levels continue from a checkpoint
		defer s.startTickers()()
		s.runSpill(nil)
		return
	}
	// The initial predicate is evaluated at level 0, the initial states'
	// constraints and invariants at level 1, in the main thread (TLC's).
	ic, c := s.prog.NewCtx(), s.prog.NewCtx()
	ic.SetCoverage(s.cov != nil) // the search's evaluations count, not others'
	c.SetCoverage(s.cov != nil)
	c.SetLevel(1)
	var frontier []item
	// a run that spills writes the initial states to the disk queue's
	// first level as they come: all of a model's states can be initial
	// (CoffeeCan's 501500), more than its budget holds
	var initW *levelWriter
	nInit := int64(0)
	if s.spill != nil {
		initW = s.spill.q.newLevel()
	}
	// TLC has queued the initial state whose invariant or property it
	// could not evaluate
	var failedQueued int64
	// initial states (predicates are evaluated in c: ic is enumerating)
	var err error
	if s.parallelInit() { // checked by the workers (initpar.go)
		ick := newInitChecker(s)
		err = s.init.Run(ic, ick.add)
		ick.flush()
		frontier, failedQueued = ick.frontier, ick.failedQueued
		nInit = int64(len(frontier))
	} else {
		err = s.runInit(ic, c, initW, &frontier, &nInit, &failedQueued)
	}
	if err != nil {
		f := evalFailure(err, -1, nil, -1, "", ExitFailureSpecEval)
		root, file := s.init.Root()
		f.nested = s.model.nestedPositions(root, file, err)
		s.fail(f)
	}
	if s.noNext {
		s.fail(&failure{outcome: OutcomeError, msg: "No next state actions defined to generate successor states from.", node: -2, code: ExitFailureSpecEval})
	}
	s.queued.Store(nInit + failedQueued)
	defer s.startTickers()()
	level := 1
	if s.spill != nil {
		s.runSpill(initW) // the levels go through the disk queue (diskqueue.go)
		return
	}
	for len(frontier) > 0 && !s.stop.Load() && !s.exited.Load() {
		if s.opt.MaxDepth > 0 && level >= s.opt.MaxDepth {
			s.fail(&failure{outcome: OutcomeBound, msg: fmt.Sprintf("depth bound %d reached", s.opt.MaxDepth), node: -2})
			break
		}
		s.level = int64(level)
		frontier = s.expandLevel(frontier)
		if len(frontier) > 0 {
			s.checkLivenessSoFar()
		}

		level++
	}
	if !s.stop.Load() && !s.exited.Load() {
		s.queued.Store(int64(len(frontier)))
	}
}

// runInit enumerates and checks the initial states one by one (ic
// enumerates, c evaluates their predicates), appending the queued ones to
// *frontier, or to the disk queue's first level (initW) when the run spills.
func (s *search) runInit(ic, c *eval.Ctx, initW *levelWriter, frontier *[]item, nInit, failedQueued *int64) error {
	return s.init.Run(ic, func(st []eval.Value) {
		if s.stop.Load() {
			return
		}
		s.generated.Add(1)
		if partial(st) {
			// TLC's words and exit status, with the partial state (an
			// unassigned variable prints null) and no counts
			s.fail(&failure{outcome: OutcomeError, msg: "current state is not a legal state", node: -1, extra: cloneState(st), action: -1, code: ExitError, initial: true})
			return
		}
		state := cloneState(st)
		_, _, inModel, err := s.checkPreds(c, s.cons, state, nil)
		if err != nil {
			s.fail(initialFailure(err, -1, state))
			return
		}
		id, unseen := int32(-1), true
		if s.cov != nil {
			s.cov.init.generated++
		}
		if inModel {
			id, unseen = s.insert(s.fingerprint(state), -1, -1)
			if s.cov != nil && unseen {
				s.cov.init.distinct++
			}
			s.record(-1, id, -1, state, unseen)
			if s.live != nil && unseen {
				s.live.initial(id)
			}
			if unseen {
				// TLC queues an initial state before checking it
				s.initial.Add(1)
				s.queued.Add(1)
			}
		}
		if !unseen {
			return
		}
		if s.depth.Load() < 1 {
			s.depth.Store(1)
		}
		// with -continue TLC reports every invariant an initial state
		// violates, without -continue the first
		for k, seq := 0, 0; k < len(s.invs); k++ {
			if name, loc, ok, err := s.checkPreds(c, s.invs[k:k+1], state, nil); err != nil {
				s.fail(initialFailure(err, id, extraIf(id, state)))
				if inModel {
					*failedQueued = 1
				}
				return
			} else if !ok {
				f := &failure{outcome: OutcomeInvariant, property: name, msg: "Invariant " + name + " is violated by the initial state.", node: id, extra: extraIf(id, state), action: -1, code: ExitViolationSafety, loc: loc}
				if !s.opt.Continue {
					s.fail(f)
					return
				}
				s.violated(0, s.generated.Load(), seq, f)
				seq++
			}
		}
		if name, loc, ok, err := s.checkPreds(c, s.initProps, state, nil); err != nil {
			s.fail(initialFailure(err, id, extraIf(id, state)))
			if inModel {
				*failedQueued = 1
			}
			return
		} else if !ok {
			s.fail(&failure{outcome: OutcomeError, property: name, msg: "Property " + name + " is violated by the initial state.", node: id, extra: extraIf(id, state), action: -1, code: ExitViolationLiveness, loc: loc})
			return
		}
		if inModel && s.lv != nil {
			// TLC's tableau checks an initial state once it is checked
			// (LiveCheck.addInitState); TLC reports the error as on the
			// state's invariants, the state queued
			if err, _ := s.evalSuccLeaves(c, id, state); err != nil {
				s.fail(initialFailure(err, id, nil))
				*failedQueued = 1
				return
			}
		}
		if inModel {
			if initW != nil {
				if s.spillFailed(initW.add(item{id, state})) {
					return
				}
			} else {
				*frontier = append(*frontier, item{id, state})
			}
			*nInit++
		}
	})
}

// startTickers starts the progress reports and _PERIODIC's evaluations;
// call the returned function when the search ends.
func (s *search) startTickers() (stop func()) {
	var progress, periodic chan struct{}
	if s.opt.Progress != nil {
		progress = make(chan struct{})
		go tick(time.Second, progress, func() { s.opt.Progress(s.progress()) })
	}
	if s.feat.periodic != nil {
		every := s.opt.PeriodicEvery
		if every <= 0 {
			every = time.Minute
		}
		periodic = make(chan struct{})
		go tick(every, periodic, s.periodicWork)
	}
	if progress == nil && periodic == nil {
		return noTickers
	}
	return func() {
		if progress != nil {
			close(progress)
		}
		if periodic != nil {
			close(periodic)
		}
	}
}

func noTickers() {}

// tick calls f every period until done is closed.
func tick(period time.Duration, done chan struct{}, f func()) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			f()
		case <-done:
			return
		}
	}
}

func extraIf(id int32, st []eval.Value) []eval.Value {
	if id >= 0 {
		return nil
	}
	return st
}

// expandLevel expands all states of one BFS level with the workers and
// returns the next level (in FIFO order for one worker).
func (s *search) expandLevel(frontier []item) []item {
	s.levelStart = s.seen.count.Load()
	// the successors of each frontier state, concatenated in frontier
	// order: the next level is the same for any number of workers
	outs, started := s.expandBatch(frontier, 0)
	s.watchLevel(frontier)
	n := 0
	for _, o := range outs {
		n += len(o)
	}
	// sized for every successor found, of which most are usually kept:
	// growing it by appends copied the level several times over
	all := make([]item, 0, n)
	for i, o := range outs {
		for _, it := range o {
			// a state another frontier state reached first is listed there
			if s.seen.ownerIndex(it.id) == int32(i) {
				all = append(all, it)
			}
		}
	}
	if s.err != nil {
		s.stop.Store(true)
	}
	if s.stop.Load() || s.exited.Load() {
		// count what remains unexplored, as TLC's "states left on queue"
		rest := int64(len(frontier)) - started
		s.queued.Store(rest + int64(len(all)))
		return nil
	}
	s.queued.Store(int64(len(all)))
	return all
}

// expandBatch expands frontier, the states of the level being expanded
// from index base on, with the workers: outs[i] are frontier[i]'s
// successors; started counts the states whose expansion began.
func (s *search) expandBatch(frontier []item, base int64) ([][]item, int64) {
	n := s.workers
	if n > len(frontier) {
		n = len(frontier)
	}
	if n < 1 {
		n = 1
	}
	outs := make([][]item, len(frontier)) // not a named result: the workers capture it by value
	gen := make([]int64, len(frontier))   // the successors each state's expansion generated
	nodesBefore, depthBefore := s.nodeCount(), s.depth.Load()
	var next, begun atomic.Int64
	var wg sync.WaitGroup
	var left atomic.Int64
	left.Store(int64(len(frontier)))
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			c := s.workerCtx(w)
			c.SetWorker(w + 1)
			c.SetCoverage(s.cov != nil)
			succs := &successors{fps: &eval.FPCache{}}
			succs.emit = succs.add
			succs.worker = w
			// buf holds the successors of this worker's states: each
			// state's are carved from it (outs[i]) rather than grown in a
			// slice of their own, a few allocations per state
			var buf []item
			for {
				if s.stop.Load() || s.exited.Load() {
					return
				}
				i := int(next.Add(1)) - 1
				if i >= len(frontier) || base+int64(i) > s.errIdx.Load() {
					return
				}
				begun.Add(1)
				s.queued.AddW(w, -1)
				if err := s.ctx.Err(); err != nil {
					s.ctxErr = err
					s.fail(&failure{outcome: OutcomeBound, msg: "cancelled: " + err.Error(), node: -2})
					return
				}
				if s.opt.Timeout > 0 && time.Since(s.start) > s.opt.Timeout {
					s.fail(&failure{outcome: OutcomeBound, msg: timeBoundMsg, node: -2})
					return
				}
				if r := s.prog.Interrupted(); r != "" { // the memory bound (budget.go)
					s.fail(&failure{outcome: OutcomeBound, msg: r, node: -2})
					return
				}
				before := succs.generated
				if cap(buf)-len(buf) < outChunkMin {
					buf = make([]item, 0, outChunk)
				}
				o := s.expand(c, frontier[i], base+int64(i), buf[len(buf):len(buf)], succs)
				if len(o) <= cap(buf)-len(buf) { // append stayed in buf
					buf = buf[:len(buf)+len(o)]
				}
				outs[i] = o[:len(o):len(o)]
				gen[i] = succs.generated - before
			}
		}(w)
	}
	wg.Wait()
	started := begun.Load()
	if e := s.errIdx.Load() - base; s.err != nil && e >= 0 && e < int64(len(frontier)) {
		started = s.forgetAfter(outs, gen, base, e, nodesBefore, depthBefore)
	}
	return outs, started
}

// outChunk is the size of a worker's successor buffer (expandBatch), in
// items of 32 bytes; a new one is started when fewer than outChunkMin
// items are left (a state with more successors than that left moves its
// own to a slice of their own).
const (
	outChunk    = 4096
	outChunkMin = 64
)

// workerCtx is worker w's evaluation context, kept from level to level:
// what it keeps (the calls of constant-level operators, eval/memo.go; its
// frame stack) serves the next level too.
func (s *search) workerCtx(w int) *eval.Ctx {
	s.wctxMu.Lock()
	defer s.wctxMu.Unlock()
	for len(s.wctx) <= w {
		s.wctx = append(s.wctx, nil)
	}
	if s.wctx[w] == nil {
		s.wctx[w] = s.prog.NewCtx()
	}
	return s.wctx[w]
}

// forgetAfter takes back what the workers found expanding the states of the
// batch after the e-th, whose expansion failed: while one worker expanded
// it, others went on with later states. Their successors, the states first
// found there and the count of generated states are dropped, so that the
// counts at a failure are one worker's (TLC's with -workers 1) for any
// number of workers. It returns the number of states expanded.
func (s *search) forgetAfter(outs [][]item, gen []int64, base, e int64, nodesBefore int32, depthBefore int64) int64 {
	var dropped int64
	for j := e + 1; j < int64(len(outs)); j++ {
		dropped += gen[j]
		outs[j] = nil
	}
	s.generated.Add(-dropped)
	// a state first found after e belongs to the earliest state that
	// reached it (insertAt): those owned by a later state are not counted
	n := s.nodeCount()
	var later int64
	for id := nodesBefore; id < n; id++ {
		if int64(s.ownerOf(id)) > base+e {
			later++
		}
	}
	s.distinct.Add(-later)
	if later == int64(n-nodesBefore) { // the batch found no state of the next level
		s.depth.Store(depthBefore)
	}
	return e + 1
}

// nodeCount is the number of states in the seen set.
func (s *search) nodeCount() int32 {
	if s.spill != nil {
		return s.spill.fp.size()
	}
	return s.seen.count.Load()
}

// ownerOf is the frontier index of the state that first found node id in
// the level being expanded (fpSet.insertAt).
func (s *search) ownerOf(id int32) int32 {
	if s.spill != nil {
		return s.spill.fp.ownerIndex(id)
	}
	return s.seen.ownerIndex(id)
}

// successors is a worker's scratch: it collects the states an action run
// emits (emit is its add method, bound once per worker rather than once
// per run) and caches the fingerprints of their values.
type successors struct {
	states [][]eval.Value
	emit   func([]eval.Value)
	fps    *eval.FPCache // the worker's
	worker int           // the worker's number (edges.go)
	// generated counts the successors the worker generated (forgetAfter)
	generated int64
	// free holds the copies of successors the search kept no reference
	// to (already seen, out of the model): add reuses them
	free [][]eval.Value
}

func (ss *successors) add(next []eval.Value) {
	if n := len(ss.free); n > 0 {
		st := ss.free[n-1]
		ss.free = ss.free[:n-1]
		copy(st, next)
		ss.states = append(ss.states, st)
		return
	}
	ss.states = append(ss.states, cloneState(next))
}

func (s *search) expand(c *eval.Ctx, it item, idx int64, out []item, ss *successors) []item {
	deadlocked := true
	seq := 0 // the violations -continue went past (violated)
	if s.live != nil {
		s.live.begin(ss.worker)
	}
	if s.cov != nil {
		s.cov.expanded(ss.worker)
	}
	// TLCGet("level"): the state's in its actions and action constraints,
	// the successor's in its constraints and invariants.
	level := int(s.level)
	for ai, a := range s.actions {
		ss.states = ss.states[:0]
		c.SetLevel(level)
		c.Cur = it.state
		err := a.Run(c, ss.emit)
		succs := ss.states
		var failed *failure
		if err != nil {
			// TLC checks each successor as the action generates it: those
			// found before the error are checked first (and may end the
			// search before it)
			failed = s.nextFailure(err, it.id, int32(ai))
		}
		if len(succs) > 0 {
			deadlocked = false
		}
		if s.cov != nil {
			s.cov.enabled(ss.worker, ai, len(succs))
		}
		for _, st := range succs {
			if s.stop.Load() || idx > s.errIdx.Load() {
				return out
			}
			kept := false // a violation -continue went past refers to st
			// TLC counts a successor as it checks it: TLCGet("generated")
			// and the count at a violation
			s.generated.AddW(ss.worker, 1)
			ss.generated++
			if s.cov != nil {
				s.cov.generated(ss.worker, ai)
			}
			c.SetLevel(level + 1)
			_, _, inModel, err := s.checkPreds(c, s.cons, st, nil)
			if err == nil && inModel {
				c.SetLevel(level)
				_, _, inModel, err = s.checkPreds(c, s.acons, it.state, st)
				c.SetLevel(level + 1)
			}
			if err != nil {
				s.failAt(idx, evalFailure(err, it.id, st, int32(ai), "Evaluating the constraint failed: ", ExitFailureSpecEval))
				return out
			}
			id, unseen, moved := int32(-1), true, false
			if inModel {
				var prev int32
				id, unseen, moved, prev = s.insertSucc(s.fingerprintWith(ss.fps, st), it.id, int32(ai), idx, ss.worker)
				if s.cov != nil && unseen {
					s.cov.found(ss.worker, ai)
				} else if s.cov != nil && moved {
					// the state is this action's, as with one worker
					s.cov.moved(ss.worker, int(prev), ai)
				}
				s.record(it.id, id, int32(ai), st, unseen)
				if s.live != nil {
					s.live.edge(ss.worker, id, int32(ai), st)
					if s.lv != nil && (unseen || moved) {
						s.live.foundFresh(ss.worker, id, st)
					}
					if unseen && s.watch != nil {
						s.live.found(ss.worker, id, st)
					}
				}
				if unseen {
					d := s.level + 1
					for {
						cur := s.depth.Load()
						if d <= cur || s.depth.CompareAndSwap(cur, d) {
							break
						}
					}
				}
			}
			if unseen || moved {
				// moved: found first from a later state of the level; checked
				// again here so that a violation is reported where one worker
				// reports it, without counting (coverage counts a state's
				// invariants once, as one worker does)
				if moved && s.cov != nil {
					c.SetCoverage(false)
				}
				name, loc, ok, err := s.checkPreds(c, s.invs, st, nil)
				if moved && s.cov != nil {
					c.SetCoverage(true)
				}
				if err != nil {
					s.failAt(idx, evalFailure(err, traceNode(id, it.id), extraOf(id, st), int32(ai), "Evaluating invariant "+name+" failed.\n", ExitFailureSafetyEval))
					return out
				} else if !ok {
					// -continue: the first invariant the state violates
					if !s.violated(s.level, idx, seq, &failure{outcome: OutcomeInvariant, property: name, msg: "Invariant " + name + " is violated.", node: traceNode(id, it.id), extra: extraOf(id, st), action: int32(ai), code: ExitViolationSafety, loc: loc}) {
						s.endViolated(ss, it)
						return out
					}
					seq, kept = seq+1, true
				}
			}
			c.SetLevel(level)
			if name, loc, ok, err := s.checkPreds(c, s.actProps, it.state, st); err != nil {
				s.failAt(idx, evalFailure(err, it.id, st, int32(ai), "Evaluating action property "+name+" failed.\n", ExitViolationLiveness))
				return out
			} else if !ok {
				if !s.violated(s.level, idx, seq, &failure{outcome: OutcomeActionProperty, property: name, msg: "Action property " + name + " is violated.", node: it.id, extra: st, action: int32(ai), code: ExitViolationLiveness, loc: loc}) {
					s.endViolated(ss, it)
					return out
				}
				seq, kept = seq+1, true
			}
			if inModel && unseen {
				if s.opt.MaxStates > 0 && s.distinct.Load() > s.opt.MaxStates {
					s.fail(&failure{outcome: OutcomeBound, msg: fmt.Sprintf("bound of %d distinct states reached", s.opt.MaxStates), node: -2})
					return out
				}
				out = append(out, item{id, st})
				s.queued.AddW(ss.worker, 1)
			} else if moved {
				out = append(out, item{id, st})
			} else if s.live == nil && !s.opt.RecordGraph && !kept {
				// nothing refers to st: a later successor's copy reuses it
				ss.free = append(ss.free, st)
			}
		}
		if failed != nil {
			if failed.extra != nil { // the incomplete successor: TLC counts it
				s.generated.AddW(ss.worker, 1)
				ss.generated++
			}
			s.failAt(idx, failed)
			return out
		}
	}
	if s.lv != nil && !(deadlocked && s.deadlock) {
		// TLC adds the state to its behaviour graph after its successors
		// (a deadlock stops it first)
		if f := s.evalSearchLeaves(c, ss.worker, it.id, it.state, level); f != nil {
			s.failAt(idx, f)
			return out
		}
	}
	if s.live != nil {
		s.live.end(ss.worker, it.id, it.state)
	}
	if deadlocked && s.deadlock {
		s.failAt(idx, &failure{outcome: OutcomeDeadlock, msg: "Deadlock reached.", node: it.id, action: -1, code: ExitViolationDeadlock})
	}
	return out
}

// endViolated records the state whose successor violated a property, with
// the successors found so far: TLC adds it to its behaviour graph all the
// same, and may report a temporal property its stuttering violates after
// the violation (watchLevel).
func (s *search) endViolated(ss *successors, it item) {
	if s.watch != nil {
		s.live.end(ss.worker, it.id, it.state)
	}
}

func traceNode(id, parent int32) int32 {
	if id >= 0 {
		return id
	}
	return parent
}

func extraOf(id int32, st []eval.Value) []eval.Value {
	if id >= 0 {
		return nil
	}
	return st
}

func (s *search) progress() Progress {
	el := time.Since(s.start)
	p := Progress{Distinct: s.distinct.Load(), Generated: s.generated.Load(), Queued: s.queued.Load(), Depth: int(s.depth.Load()), Elapsed: el}
	if el > 0 {
		p.PerSecond = float64(p.Distinct) / el.Seconds()
	}
	return p
}

func emptyConfig() *config.Config { return &config.Config{} }

// checkDeadlock tells whether the search reports deadlock: the option, else
// the configuration's CHECK_DEADLOCK, else yes.
func checkDeadlock(cfg *config.Config, opt Options) bool {
	if opt.CheckDeadlock != nil {
		return *opt.CheckDeadlock
	}
	if cfg != nil && cfg.CheckDeadlock != nil {
		return *cfg.CheckDeadlock
	}
	return true
}

func workerCount(opt Options) int {
	if opt.Workers <= 0 {
		return runtime.NumCPU()
	}
	return opt.Workers
}

// stats are the search's counters, as TLCGet reads them.
func (s *search) stats() eval.Stats {
	return eval.Stats{Generated: s.generated.Load(), Distinct: s.distinct.Load(), Queue: max(s.queued.Load(), 0), Initial: s.initial.Load(), Diameter: int(s.depth.Load())}
}

// runOf configures the run-time features of a check: where the spec's
// output goes, the workers' registers, the seed and TLCGet("config").
func runOf(m *Model, opt Options, res *Result, stop func()) eval.Run {
	out := opt.Output
	if out == nil {
		out = func(p eval.Print) { res.Output = append(res.Output, p) }
	}
	if opt.Seed != nil {
		res.Seed = *opt.Seed
	} else {
		res.Seed = rand.Int64N(1 << 53) // TLC draws a seed when given none (53 bits: exact in JSON)
	}
	install, _ := os.Executable()
	workers := workerCount(opt)
	if opt.Simulate != nil {
		workers = simWorkers(opt) // the simulation's workers, each with its registers
	}
	return eval.Run{Output: out, Workers: workers, Seed: res.Seed, Deadlock: checkDeadlock(m.Config, opt), Install: install, Stop: stop, Simulate: opt.Simulate.config()}
}
