package checker

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tlals/tlals/checker/eval"
	"github.com/tlals/tlals/checker/liveness"
	"github.com/tlals/tlals/checker/spillmem"
	"github.com/tlals/tlals/parser/ast"
)

// OutcomeLiveness is a violated temporal property (or fairness-dependent
// property): the trace is a lasso.
const OutcomeLiveness = "liveness"

// Lasso describes the cycle of a liveness counterexample: the trace's last
// state steps back to state Start (1-based) by Action, or stutters forever
// when Stuttering.
type Lasso struct {
	Start      int
	Stuttering bool
	Action     string
	Location   *Range
	// Warning is TLC's warning printed after a stuttering counterexample
	// that missing fairness may explain (stutterWarning); it is among the
	// result's Warnings too.
	Warning string `json:"-"`
}

// TLCLine renders the line TLC prints to end a trace of n states: "State
// N: Stuttering" for the stuttering step, the trace's last (TLC counts it
// as a state of the counterexample), or "Back to state M: <Action ...>"
// after the last state.
func (l *Lasso) TLCLine(n int) string {
	if l.Stuttering {
		return fmt.Sprintf("State %d: Stuttering", n)
	}
	if l.Location == nil {
		return fmt.Sprintf("Back to state %d: <%s>", l.Start, l.Action)
	}
	return fmt.Sprintf("Back to state %d: <%s %s>", l.Start, l.Action, l.Location.tlc())
}

// LassoStartJSON is JSON's "lassoStart": the 0-based index in Trace of
// the state the cycle returns to, or nil without a lasso.
func (r *Result) LassoStartJSON() *int {
	if r.Lasso == nil {
		return nil
	}
	i := r.Lasso.Start - 1
	return &i
}

// SymmetryLivenessWarning is the warning TLC prints when temporal
// properties are checked with SYMMETRY.
const SymmetryLivenessWarning = "Declaring symmetry during liveness checking is dangerous. It might cause TLC to miss violations of the stated liveness properties. Please check liveness without symmetry defined."

// temporalParts returns the specification's fairness (and other temporal)
// conjuncts and the temporal conjuncts of each PROPERTY, with its name.
func (s *search) temporalParts(m *Model) (assume []eval.ExprIn, props []eval.ExprIn, names []string, err error) {
	cfg := m.Config
	if cfg == nil {
		return nil, nil, nil, nil
	}
	if cfg.Specification != nil {
		if _, _, _, assume, err = s.prog.SpecParts(cfg.Specification.Text); err != nil {
			return nil, nil, nil, err
		}
	}
	for _, n := range cfg.Properties {
		_, _, _, temporal, err := s.prog.PropertyParts(n.Text)
		if err != nil {
			return nil, nil, nil, err
		}
		for _, t := range temporal {
			props = append(props, t)
			names = append(names, n.Text)
		}
	}
	return assume, props, names, nil
}

// warnSymmetryLiveness adds TLC's warning
// EC.TLC_FEATURE_UNSUPPORTED_LIVENESS_SYMMETRY (2279, word for word from
// tlc2/output/MP.java) when the model has temporal properties (startEdges
// turned recording on) and a SYMMETRY: the graph checked is the
// symmetry-reduced one. TLC prints it at start-up, so it comes with a
// safety violation too.
func (s *search) warnSymmetryLiveness(res *Result) {
	if len(s.perms) > 0 && s.live != nil {
		res.Warnings = append(res.Warnings, SymmetryLivenessWarning)
	}
}

// livenessStarts, when set (tests), is called as the check after the
// search begins.
var livenessStarts func(*search)

// livenessCtx is ctx, also cancelled when the program is interrupted (the
// memory bound, budget.go): the liveness check's search of the behaviour
// graph evaluates nothing that would notice the interruption, and the
// graph it builds is what outgrows the budget. The interruption is the
// run's result (interrupted). Call stop when the check ends.
func (s *search) livenessCtx(ctx context.Context) (_ context.Context, stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(memoryPoll)
		defer tick.Stop()
		for {
			if s.prog.Interrupted() != "" {
				cancel()
				return
			}
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	return ctx, func() { close(done); cancel() }
}

// checkLiveness checks the temporal properties after a successful safety
// search, on the behaviour graph the search recorded (edges.go), and
// searches each property's counterexamples with the search's workers.
func (s *search) checkLiveness(m *Model, res *Result) {
	h, compiled, props, names, err := s.compileTemporal(m)
	if lv := s.lv; lv != nil && err == nil {
		// the leaves' ids of the values the search recorded
		h, compiled, props, names = lv.h, lv.compiled, lv.props, lv.names
	}
	if err != nil || len(props) == 0 {
		if err != nil {
			s.livenessError(res, err)
		}
		return
	}
	ctx, stop := s.livenessCtx(s.ctx)
	defer stop()
	if s.opt.Timeout > 0 { // the run's time bound covers liveness too
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, s.start.Add(s.opt.Timeout))
		defer cancel()
	}
	if livenessStarts != nil {
		livenessStarts(s)
	}
	g, err := s.behaviourGraph(h, liveness.SuccessorLeaves(compiled))
	if err == nil && s.prog.Interrupted() != "" {
		// the memory bound, reached before ctx's watcher polled: with the
		// leaves' values recorded during the search the check may
		// evaluate nothing that would notice it
		err = context.Canceled
	}
	if err != nil {
		s.livenessError(res, err)
		return
	}
	defer g.free()
	defer func() {
		var leaves []int
		for leaf := range h.approximated {
			leaves = append(leaves, leaf)
		}
		sort.Ints(leaves)
		for _, leaf := range leaves {
			res.Warnings = append(res.Warnings, "ENABLED of the action of WF/SF at "+h.preds[leaf].Loc.String()+" was evaluated on the explored successors: the action assigns a variable through an INSTANCE substitution and cannot be enumerated; a violation may be missed")
		}
	}()
	i, l, err := liveness.CheckAll(ctx, g, compiled, s.workers)
	if ferr := s.live.failed(); ferr != nil {
		// the graph on disk could not be read back: whatever the check
		// found, it was not on the whole graph
		res.Outcome, res.Message, res.Location, res.ExitCode = OutcomeError, "spilling to disk failed: "+ferr.Error(), nil, ExitErrorSystem
		return
	}
	if err != nil {
		s.livenessError(res, err)
		return
	}
	if l != nil {
		res.Outcome, res.Property, res.Message = OutcomeLiveness, names[i], violatedMessage(g, l, compiled, names, i)
		res.Location, res.ExitCode = rangeOf(props[i].Loc), ExitViolationLiveness
		res.Trace, res.Lasso = g.trace(l)
		res.Vars = s.prog.Vars
		s.stutterWarning(res, l)
	}
}

// violatedMessage is TLC's message for the counterexample l of property
// found: Liveness.findViolatedProperties evaluates every temporal property
// on the lasso and MP names each one it violates, in the properties'
// order, "Temporal property P was violated." or "Temporal properties P and
// Q were violated." ("P, Q, and R" for more). A property whose evaluation
// fails is left out, as TLC does (it prints the error and goes on).
func violatedMessage(g liveness.Graph, l *liveness.Lasso, compiled []*liveness.Property, names []string, found int) string {
	var out []string
	seen := map[string]bool{}
	for i, p := range compiled {
		if i >= len(names) || seen[names[i]] {
			continue
		}
		bad := i == found
		if !bad {
			if v, err := liveness.ViolatedOn(g, l, p); err == nil && v {
				bad = true
			}
		}
		if bad {
			seen[names[i]] = true
			out = append(out, names[i])
		}
	}
	if len(out) < 2 {
		return "Temporal property " + names[found] + " was violated."
	}
	var b strings.Builder
	b.WriteString("Temporal properties ")
	for i, n := range out {
		switch {
		case i > 0 && i < len(out)-1:
			b.WriteString(", ")
		case i > 0 && len(out) == 2:
			b.WriteString(" and ")
		case i > 0:
			b.WriteString(", and ")
		}
		b.WriteString(n)
	}
	b.WriteString(" were violated.")
	return b.String()
}

// stutterWarning adds TLC's warning for a stuttering counterexample that
// missing fairness may explain (Liveness.printStutteringCounterExampleWarning,
// words from tlc2/output/MP.java): the clause violated needs more than a
// prefix to fail (liveness.Lasso.Boxed) and the specification has no
// fairness, or there is no SPECIFICATION at all (INIT and NEXT).
func (s *search) stutterWarning(res *Result, l *liveness.Lasso) {
	if !l.Stuttering() || !l.Boxed || res.Lasso == nil || s.model == nil || s.model.Config == nil {
		return
	}
	cfg := s.model.Config
	var w string
	if cfg.Specification == nil {
		// EC.TLC_CONFIG_NO_SPEC_BUT_LIVE_PROPERTY... (2257)
		w = "The stuttering counterexample above may be caused by the absence of a behavior specification (SPECIFICATION). Only INIT and NEXT have been provided, so TLC permits infinite stuttering. To rule out such counterexamples, use SPECIFICATION Spec, with Spec asserting a suitable fairness constraint (compare Chapter 8, page 87ff of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html)."
	} else {
		name := cfg.Specification.Text
		if _, _, _, fair, err := s.prog.SpecParts(name); err != nil || len(fair) > 0 {
			return
		}
		// EC.TLC_CONFIG_NO_FAIRNESS_BUT_LIVE_PROPERTY (2259)
		w = "The stuttering counterexample above may be caused by the absence of a fairness constraint in the behavior specification " + name + " defined at " + rangeOf(s.prog.DefLoc(name)).tlc() + ". To rule out such counterexamples, conjoin a suitable fairness constraint to " + name + " (compare Chapter 8, page 87ff of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html)."
	}
	res.Lasso.Warning = w
	res.Warnings = append(res.Warnings, w)
}

// compileTemporal compiles the temporal properties under the
// specification's temporal conjuncts.
func (s *search) compileTemporal(m *Model) (*livenessHost, []*liveness.Property, []eval.ExprIn, []string, error) {
	assume, props, names, err := s.temporalParts(m)
	if err != nil || len(props) == 0 {
		return nil, nil, nil, nil, err
	}
	h := &livenessHost{prog: s.prog}
	terms := make([]liveness.Term, len(assume))
	for i, a := range assume {
		terms[i] = s.prog.TermOf(a)
	}
	asm, err := liveness.CompileAssumptions(h, terms)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	compiled := make([]*liveness.Property, len(props))
	for i, p := range props {
		if compiled[i], err = liveness.CompileProperty(h, s.prog.TermOf(p), asm); err != nil {
			return nil, nil, nil, nil, err
		}
	}
	if err := liveness.TLCSizeError(h, s.prog.TermOf(props[0]), asm, compiled); err != nil {
		return nil, nil, nil, nil, err
	}
	return h, compiled, props, names, nil
}

// prefixWatch looks, during the search, for a violation of a temporal
// property that a finite prefix shows (liveness.PrefixWatch): TLC reports
// those as soon as the state ending the prefix is expanded, so that it
// finds them in state spaces it never completes, and at a deadlock.
type prefixWatch struct {
	w     *liveness.PrefixWatch
	g     *growingGraph
	props []eval.ExprIn
	names []string
	off   bool // an evaluation failed: the check after the search reports it
}

// growingGraph is the behaviour graph while the search records it.
type growingGraph struct{ *behaviourGraph }

func (g growingGraph) Initial() []int32 { return g.rec.init }

// startPrefixWatch sets the watch up when some property can be violated
// by a finite prefix. A formula the liveness checker cannot handle stops
// the run before the initial states, as TLC rejects it while processing
// the properties; other compilation errors are left for checkLiveness.
func (s *search) startPrefixWatch(m *Model) {
	if s.live == nil {
		return
	}
	h, compiled, props, names, err := s.compileTemporal(m)
	var ee *eval.Error
	if errors.As(err, &ee) && ee.Kind == eval.ErrCompile {
		s.fail(&failure{outcome: OutcomeError, msg: ee.Msg, loc: ee.Loc, node: -2, code: cannotHandleCode(ee.Msg, ExitErrorSpecParse)})
		return
	}
	if errors.Is(err, liveness.ErrWrongFormat) {
		// TLC rejects it while processing the properties, a general error
		s.fail(&failure{outcome: OutcomeError, msg: err.Error(), node: -2, code: cannotHandleCode(err.Error(), ExitError)})
		return
	}
	if err != nil || len(props) == 0 {
		return
	}
	if liveness.Tautology(compiled) {
		s.fail(&failure{outcome: OutcomeError, msg: "Temporal formula is a tautology (its negation is unsatisfiable).", node: -2, code: ExitFailureLivenessEval})
		return
	}
	g := &growingGraph{&behaviourGraph{s: s, h: h, c: s.prog.NewCtx(), rec: s.live}}
	if w := liveness.NewPrefixWatch(g, compiled); w != nil {
		s.watch = &prefixWatch{w: w, g: g, props: props, names: names}
	}
}

// watchLevel passes the states of the level just expanded to the watch, in
// the order a single worker expands them, up to the first state whose
// expansion failed: TLC adds a state to its behaviour graph once its
// successors have been checked, the failing one too after a deadlock or a
// violation (reportsBoth), and then reports the temporal violation after
// that error. A violation found before the failure replaces it.
func (s *search) watchLevel(frontier []item) {
	if s.watch == nil {
		return
	}
	ids := make([]int32, len(frontier))
	for i, it := range frontier {
		ids[i] = it.id
	}
	s.watchIDs(ids)
}

// watchIDs is watchLevel on the ids of the level's states, in order (a run
// that spills keeps only them: its levels are expanded a batch at a time,
// and watched, as in memory, when the level ends).
func (s *search) watchIDs(frontier []int32) {
	if s.watch == nil || s.watch.off || s.exited.Load() {
		return
	}
	s.live.flush()
	limit := len(frontier)
	if f := s.err; f != nil {
		if f.node == -2 { // stopped: bound or cancellation
			return
		}
		limit = int(s.errIdx.Load())
		if reportsBoth(f) {
			limit++
		}
	}
	for i := 0; i < limit && i < len(frontier); i++ {
		p, err := s.watch.w.Done(frontier[i])
		if err != nil {
			s.watch.off = true
			return
		}
		if p == nil {
			continue
		}
		f := &failure{outcome: OutcomeLiveness, property: s.watch.names[p.Prop], msg: "Temporal property " + s.watch.names[p.Prop] + " was violated.",
			loc: s.watch.props[p.Prop].Loc, node: -2, code: ExitViolationLiveness, prefix: p.Steps}
		if s.err != nil && reportsBoth(s.err) && int(s.errIdx.Load()) == i {
			f.after = s.err
		}
		s.err = f
		s.errIdx.Store(int64(i))
		s.stop.Store(true)
		return
	}
}

// reportsBoth tells the failures after which TLC still adds the state to
// its behaviour graph (Worker.run: the violation stops the successors'
// generation, not the liveness step), so that a temporal violation the
// state completes is reported after the failure.
func reportsBoth(f *failure) bool {
	switch f.outcome {
	case OutcomeDeadlock, OutcomeInvariant, OutcomeActionProperty:
		return true
	}
	return false
}

// prefixTrace is the trace of a violation the watch found.
func (s *search) prefixTrace(steps []liveness.Step) []Step {
	g := s.watch.g
	out := make([]Step, len(steps))
	for i, st := range steps {
		switch st.Action {
		case liveness.Initial:
			out[i].Action = "Initial predicate"
		default:
			act := s.actions[st.Action]
			out[i].Action, out[i].Location = act.Name, rangeOf(act.Loc)
		}
		out[i].Values = g.state(st.State)
	}
	return out
}

func (s *search) livenessError(res *Result, err error) {
	if ctxErr := s.ctx.Err(); ctxErr != nil {
		s.ctxErr = ctxErr
		res.Outcome, res.Message = OutcomeBound, "stopped during liveness checking: "+ctxErr.Error()
		return
	}
	if r := s.prog.Interrupted(); r != "" { // the memory bound (livenessCtx)
		res.Outcome, res.Message = OutcomeBound, r
		return
	}
	if errors.Is(err, context.DeadlineExceeded) {
		res.Outcome, res.Message = OutcomeBound, "time bound reached during liveness checking"
		return
	}
	res.Outcome, res.Message, res.ExitCode = OutcomeError, err.Error(), ExitFailureLivenessEval
	var se *liveness.StateError
	if errors.As(err, &se) {
		// TLC raises it during the search, as it adds the state to its
		// behaviour graph: an unexpected exception to it (exit 255)
		res.ExitCode = ExitError
		// TLC prints the behaviour up to the state it was adding
		if trace, terr := s.rebuild(se.State); terr == nil {
			s.setTrace(res, trace)
		}
	}
	var ee *eval.Error
	if errors.As(err, &ee) {
		res.Message, res.Location = ee.Msg, rangeOf(ee.Loc)
		if ee.Kind == eval.ErrCompile {
			res.ExitCode = cannotHandleCode(ee.Msg, ExitErrorSpecParse)
		}
	}
	if errors.Is(err, liveness.ErrWrongFormat) {
		res.ExitCode = ExitError // as TLC, in simulation too
	}
}

// livenessHost compiles the leaves of temporal formulas with the
// evaluator.
type livenessHost struct {
	prog   *eval.Program
	preds  []*eval.TermPred
	action []bool
	// angleOf is <<A>>_v for the leaf ENABLED <<A>>_v; approximated lists
	// the ENABLED leaves evaluated on the explored successors instead
	angleOf      map[int]*eval.TermPred
	approximated map[int]bool
	mu           sync.Mutex // guards approximated: liveness workers write it
}

func (h *livenessHost) approximate(leaf int) {
	h.mu.Lock()
	h.approximated[leaf] = true
	h.mu.Unlock()
}

func (h *livenessHost) term(t liveness.Term) eval.Term { return t.(eval.Term) }

// LocString is t's position in TLC's words (liveness.Locator).
func (h *livenessHost) LocString(t liveness.Term) string { return h.term(t).Loc().String() }

func (h *livenessHost) Level(t liveness.Term) int { return h.prog.TermLevel(h.term(t)) }
func (h *livenessHost) Sub(t liveness.Term, e ast.Expr) liveness.Term {
	return h.term(t).Sub(e)
}
func (h *livenessHost) Unfold(t liveness.Term) (liveness.Term, bool, error) {
	b, ok, err := h.prog.Unfold(h.term(t))
	return b, ok, err
}
func (h *livenessHost) Instances(t liveness.Term) ([]liveness.Term, error) {
	ins, err := h.prog.Instances(h.term(t))
	out := make([]liveness.Term, len(ins))
	for i, in := range ins {
		out[i] = in
	}
	return out, err
}
func (h *livenessHost) add(tp *eval.TermPred, err error, action bool) (int, error) {
	if err != nil {
		return 0, err
	}
	h.preds = append(h.preds, tp)
	h.action = append(h.action, action)
	return len(h.preds) - 1, nil
}

// ConstValue evaluates a constant-level Boolean (TLC folds them in
// temporal formulas).
func (h *livenessHost) ConstValue(t liveness.Term) (v, ok bool) {
	tp, err := h.prog.CompileTermPred(h.term(t))
	if err != nil {
		return false, false
	}
	v, err = tp.Eval(h.prog.NewCtx(), nil, nil)
	return v, err == nil
}

func (h *livenessHost) Pred(t liveness.Term) (int, error) {
	tp, err := h.prog.CompileTermPred(h.term(t))
	return h.add(tp, err, h.Level(t) == eval.LevelAction)
}
func (h *livenessHost) Enabled(a, sub liveness.Term) (int, error) {
	tp, err := h.prog.CompileEnabledAngle(h.term(a), h.term(sub))
	id, err := h.add(tp, err, false)
	if err != nil {
		return id, err
	}
	angle, err := h.prog.CompileAngle(h.term(a), h.term(sub))
	if h.angleOf == nil {
		h.angleOf, h.approximated = map[int]*eval.TermPred{}, map[int]bool{}
	}
	h.angleOf[id] = angle
	return id, err
}
func (h *livenessHost) Angle(a, sub liveness.Term) (int, error) {
	tp, err := h.prog.CompileAngle(h.term(a), h.term(sub))
	return h.add(tp, err, true)
}
func (h *livenessHost) Errorf(t liveness.Term, format string, args ...any) error {
	return h.term(t).Errorf(format, args...)
}

// behaviourGraph is the graph the search recorded, with an evaluation
// context; Fork gives each liveness worker its own.
type behaviourGraph struct {
	s    *search
	h    *livenessHost
	c    *eval.Ctx
	rec  *edgeRec
	n    int
	init []int32
	// split: under SYMMETRY, the classes split by the values of the
	// successor leaves, succLeaf (splitStates)
	split    []splitNode
	succLeaf map[int]bool
	// part: the successor lists restricted to the states expanded so far
	// (checkLivenessSoFar). Every method reads the lists through
	// Successors, so that a step's index k means the same edge to the
	// liveness check (which numbers the restricted lists) and to StepPred.
	part [][]liveness.Edge
	// succs: the successor lists read from disk (a run that spills)
	succs *succTable
}

// Arena is the memory of the liveness check's tables (liveness.Scratch):
// mapped from files for a run that spills under a budget.
func (g *behaviourGraph) Arena() *spillmem.Arena {
	if g.rec == nil || g.rec.disk == nil {
		return nil
	}
	return g.rec.disk.arena
}

// free releases the successor lists read from disk when they were mapped.
func (g *behaviourGraph) free() {
	if g.succs != nil {
		g.succs.free(g.Arena())
		g.succs = nil
	}
}

func (g *behaviourGraph) NumStates() int   { return g.n }
func (g *behaviourGraph) Initial() []int32 { return g.init }
func (g *behaviourGraph) Successors(s int32) []liveness.Edge {
	if g.part != nil {
		return g.part[s]
	}
	if g.split != nil {
		return g.split[s].succ
	}
	if g.succs != nil {
		return g.succs.of(s)
	}
	return g.rec.node(s).succ
}
func (g *behaviourGraph) state(s int32) []eval.Value {
	if g.split != nil {
		return g.split[s].values
	}
	return g.rec.node(s).values
}

// splitNode is a node of the graph liveness checks under SYMMETRY: a
// symmetry class of states, split by the values its members as produced
// give the successor leaves (see splitStates).
type splitNode struct {
	class  int32
	values []eval.Value // the first member produced of its kind
	succ   []liveness.Edge
	to     [][]eval.Value // succ[i]'s successor as the action produced it
}

// splitStates builds the graph TLC's liveness checks under SYMMETRY. TLC's
// nodes are the classes (with its tableau's nodes); it expands the state
// it stored for each class (the first member produced) and evaluates each
// step's action predicates on that state and the successor as the action
// produced it, the fairness and []<>P, <>[]P checks on the stored state,
// but the consistency of a successor with its tableau's nodes, the other
// state predicates, on the successor as produced (LiveCheck.addNextState).
// So a node here is a class and the values of those leaves (leaves) on a
// member as produced: where they agree on all members, as they mostly do,
// the graph is TLC's graph of classes, and its lassos have TLC's shape.
// A member whose leaves fail to evaluate is a node of its own, which
// reports the error.
func (g *behaviourGraph) splitStates(leaves []int) {
	type key struct {
		class int32
		vals  string // a byte per leaf
		fp    uint64 // the member's, when an evaluation failed
	}
	idx := map[key]int32{}
	var nodes []splitNode
	buf := make([]byte, len(leaves))
	node := func(class int32, vals []eval.Value) int32 {
		k := key{class: class}
		for i, leaf := range leaves {
			ok, err := g.h.preds[leaf].Eval(g.c, vals, nil)
			switch {
			case err != nil:
				k.fp = (*eval.FPCache)(nil).State(vals)
			case ok:
				buf[i] = 1
			default:
				buf[i] = 0
			}
		}
		k.vals = string(buf)
		if i, ok := idx[k]; ok {
			return i
		}
		i := int32(len(nodes))
		idx[k] = i
		nodes = append(nodes, splitNode{class: class, values: vals})
		return i
	}
	var init []int32
	for _, c := range g.init {
		init = append(init, node(c, g.rec.node(c).values))
	}
	// the steps of a class are the same from each of its nodes
	type steps struct {
		succ []liveness.Edge
		to   [][]eval.Value
	}
	byClass := map[int32]*steps{}
	for i := 0; i < len(nodes); i++ {
		c := nodes[i].class
		st := byClass[c]
		if st == nil {
			ls := g.rec.node(c)
			st = &steps{succ: make([]liveness.Edge, 0, len(ls.succ))}
			// TLC files a step under the class of its target (and, with a
			// tableau, the tableau node the successor as produced is
			// consistent with) and keeps the first step to each such node
			// (GraphNode.transExists): a later successor of the same class,
			// even with other values, adds no step unless the successor
			// leaves tell it apart.
			seen := map[int32]bool{}
			for k, e := range ls.succ {
				to := node(e.To, ls.vals[k])
				if !seen[to] {
					seen[to] = true
					st.succ = append(st.succ, liveness.Edge{To: to, Action: e.Action})
					st.to = append(st.to, ls.vals[k])
				}
			}
			byClass[c] = st
		}
		nodes[i].succ, nodes[i].to = st.succ, st.to
	}
	g.split, g.init, g.n = nodes, init, len(nodes)
	g.succLeaf = map[int]bool{}
	for _, leaf := range leaves {
		g.succLeaf[leaf] = true
	}
}

// stored is the state TLC expanded for node s: under SYMMETRY its class's.
func (g *behaviourGraph) stored(s int32) []eval.Value {
	if g.split != nil {
		return g.rec.node(g.split[s].class).values
	}
	return g.rec.node(s).values
}

func (g *behaviourGraph) Fork() liveness.Graph {
	f := *g
	f.c = g.s.prog.NewCtx()
	return &f
}
func (g *behaviourGraph) StatePred(leaf int, s int32) (bool, error) {
	vals := g.state(s)
	if g.split != nil && !g.succLeaf[leaf] {
		vals = g.stored(s)
	}
	ok, err := g.h.preds[leaf].Eval(g.c, vals, nil)
	if angle := g.h.angleOf[leaf]; angle != nil && unassigned(err) {
		// A assigns a variable through an INSTANCE substitution (a
		// refinement's fairness): the action cannot be enumerated, so
		// ENABLED is read off the explored successors (reported)
		g.h.approximate(leaf)
		for k, e := range g.Successors(s) {
			to := g.state(e.To)
			if g.split != nil {
				to = g.split[s].to[k]
			}
			ok, err := angle.Eval(g.c, vals, to)
			if err != nil || ok {
				return ok, g.h.locate(leaf, err)
			}
		}
		return false, nil
	}
	return ok, g.h.locate(leaf, err)
}

// unassigned reports an error raised by a primed variable that the action
// does not assign.
func unassigned(err error) bool {
	var ee *eval.Error
	return errors.As(err, &ee) && strings.Contains(ee.Msg, "has no value yet")
}
func (g *behaviourGraph) ActionPred(leaf int, s, t int32) (bool, error) {
	ok, err := g.h.preds[leaf].Eval(g.c, g.state(s), g.state(t))
	return ok, g.h.locate(leaf, err)
}

// StepPred evaluates an action leaf on step k of s (-1: its stuttering
// step). Under SYMMETRY TLC evaluates it on the state it expanded and the
// successor as the action produced it.
func (g *behaviourGraph) StepPred(leaf int, s int32, k int) (bool, error) {
	if g.split == nil {
		return g.ActionPred(leaf, s, g.stepTo(s, k))
	}
	from, to := g.stored(s), g.stored(s)
	if k >= 0 {
		to = g.split[s].to[k]
	}
	ok, err := g.h.preds[leaf].Eval(g.c, from, to)
	return ok, g.h.locate(leaf, err)
}

// stepTo is the state step k of s leads to (-1: its stuttering step).
func (g *behaviourGraph) stepTo(s int32, k int) int32 {
	if k < 0 {
		return s
	}
	return g.Successors(s)[k].To
}

// locate says which part of the temporal formula an evaluation error comes
// from: the error's own range may lie deep in an instantiated module.
func (h *livenessHost) locate(leaf int, err error) error {
	var ee *eval.Error
	if err == nil || !errors.As(err, &ee) {
		return err
	}
	e := *ee
	e.Msg += " (evaluating the temporal formula at " + h.preds[leaf].Loc.String() + ")"
	return &e
}

// behaviourGraph is the graph recorded during the search: every state's
// values and successor lists, by id.
func (s *search) behaviourGraph(h *livenessHost, leaves []int) (*behaviourGraph, error) {
	if s.live == nil {
		return nil, errors.New("internal error: the behaviour graph was not recorded during the search")
	}
	s.live.flush()
	g := &behaviourGraph{s: s, h: h, c: s.prog.NewCtx(), rec: s.live, n: s.numStates(), init: s.live.init}
	for id := 0; id < g.n; id++ {
		if !g.rec.recorded(int32(id)) {
			return nil, fmt.Errorf("internal error: state %d of %d was not recorded during the search", id, g.n)
		}
	}
	if g.rec.disk != nil && !g.rec.concrete {
		var err error
		if g.succs, err = g.rec.disk.succTable(g.n, -1); err != nil {
			return nil, fmt.Errorf("spilling to disk failed: reading the behaviour graph: %w", err)
		}
	}
	if g.rec.concrete {
		g.splitStates(leaves)
	}
	return g, nil
}

// trace turns a lasso into the checker's trace and cycle.
func (g *behaviourGraph) trace(l *liveness.Lasso) ([]Step, *Lasso) {
	label := func(a int32) (string, *Range) {
		switch a {
		case liveness.Initial:
			return "Initial predicate", nil
		case liveness.Stutter:
			return "Stuttering", nil
		}
		act := g.s.actions[a]
		return act.Name, rangeOf(act.Loc)
	}
	steps := make([]Step, len(l.Steps))
	for i, st := range l.Steps {
		vals := g.state(st.State)
		steps[i].Action, steps[i].Location = label(st.Action)
		steps[i].Values = vals
		steps[i].State = printedState(g.s.prog, vals, eval.Format)
	}
	back := &Lasso{Start: l.Loop + 1, Stuttering: l.Stuttering()}
	back.Action, back.Location = label(l.BackAction)
	if back.Stuttering {
		// TLC's counterexample ends with the stuttering step, a state
		// (the last one again) it numbers and counts
		st := steps[len(steps)-1]
		st.Action, st.Location = "Stuttering", nil
		steps = append(steps, st)
	}
	return steps, back
}

// midCheckFirst is the number of expanded states at which the temporal
// properties are first checked on the part of the behaviour graph explored
// so far; each later check waits for midCheckGrowth times as many. TLC
// checks its partial graph periodically (ModelChecker.doPeriodicWork), so
// that it reports a violation in a state space it never completes; a count
// rather than its clock keeps the result reproducible, and the growth
// bounds the repeated work by a third of the final check's.
const (
	midCheckFirst  = 1 << 16
	midCheckGrowth = 4
)

// midViolation is a violation a check of the partial graph found.
type midViolation struct {
	prop  int
	lasso *liveness.Lasso
	g     *partialGraph
	props []eval.ExprIn
	names []string
	// compiled: the properties, to name every one the lasso violates
	compiled []*liveness.Property
}

// partialGraph is the behaviour graph restricted to its first n states,
// those expanded so far: their successor lists are complete, and the steps
// into states not expanded yet are left out (behaviourGraph.part), so that
// every lasso in it is one of the specification's behaviours.
type partialGraph struct {
	*behaviourGraph
}

func (g *partialGraph) Fork() liveness.Graph {
	return &partialGraph{g.behaviourGraph.Fork().(*behaviourGraph)}
}

// newPartialGraph restricts bg, over the graph rec recorded, to the states
// below done.
func newPartialGraph(bg *behaviourGraph, rec *edgeRec, done int32) (*partialGraph, error) {
	for _, id := range rec.init {
		if id < done {
			bg.init = append(bg.init, id)
		}
	}
	if rec.disk != nil {
		var err error
		bg.succs, err = rec.disk.succTable(int(done), done)
		return &partialGraph{bg}, err
	}
	bg.part = make([][]liveness.Edge, done)
	for id := int32(0); id < done; id++ {
		for _, e := range rec.node(id).succ {
			if e.To < done {
				bg.part[id] = append(bg.part[id], e)
			}
		}
	}
	return &partialGraph{bg}, nil
}

// checkLivenessSoFar checks the temporal properties on the states expanded
// so far (those of the levels before the frontier) once there are enough
// of them, and stops the search at a violation. Under SYMMETRY the graph
// of classes is only built at the end (splitStates).
func (s *search) checkLivenessSoFar() {
	if s.live == nil || s.live.concrete || s.err != nil || s.stop.Load() || s.exited.Load() {
		return
	}
	// the states found before the level just expanded began: expanded
	done := s.levelStart
	if s.midCheck == 0 {
		s.midCheck = midCheckFirst
	}
	if done < s.midCheck {
		return
	}
	s.midCheck = done * midCheckGrowth
	h, compiled, props, names, err := s.compileTemporal(s.model)
	if err != nil || len(props) == 0 {
		return // reported by the check after the search
	}
	s.live.flush()
	bg := &behaviourGraph{s: s, h: h, c: s.prog.NewCtx(), rec: s.live, n: int(done)}
	g, err := newPartialGraph(bg, s.live, done)
	if err != nil {
		return // the check after the search reports the disk's failure
	}
	ctx, stop := s.livenessCtx(s.ctx)
	i, l, err := liveness.CheckAll(ctx, g, compiled, s.workers)
	stop()
	if err != nil || l == nil {
		g.free()
		return // an evaluation error is reported by the check after the search
	}
	s.midFound = &midViolation{prop: i, lasso: l, g: g, props: props, names: names, compiled: compiled}
	s.stop.Store(true)
}

// reportMidViolation reports the violation checkLivenessSoFar found, with
// the counts of the search at that point, as TLC does.
func (s *search) reportMidViolation(res *Result) {
	v := s.midFound
	res.QueueLeft = s.queued.Load()
	res.Outcome, res.Property, res.Message = OutcomeLiveness, v.names[v.prop], violatedMessage(v.g, v.lasso, v.compiled, v.names, v.prop)
	res.Location, res.ExitCode = rangeOf(v.props[v.prop].Loc), ExitViolationLiveness
	res.Trace, res.Lasso = v.g.trace(v.lasso)
	res.Vars = s.prog.Vars
	s.stutterWarning(res, v.lasso)
}

// numStates is the number of states the search found (ids 0..n-1).
func (s *search) numStates() int {
	if s.spill != nil {
		return int(s.spill.fp.size())
	}
	return len(s.nodes)
}

// searchLeaves are the liveness leaves the search evaluates on each state
// it expands and on the state's steps, as TLC does as it adds the state to
// its behaviour graph once the state's successors are generated
// (LiveCheck.addNextState: the fairness's ENABLED and <<A>>_v, the
// properties' state and action predicates). An error in one stops the
// search there, with TLC's counts; the values are recorded with the state
// (edgeRec.leaves), and the check after the search takes them instead of
// evaluating the leaves again.
type searchLeaves struct {
	h        *livenessHost
	compiled []*liveness.Property
	props    []eval.ExprIn
	names    []string
	leaves   *liveness.Leaves
	succBit  []int // by State leaf: its bit in liveState.succBits, or -1
}

// startSearchLeaves sets searchLeaves up for a search that records the
// behaviour graph in memory. Under SYMMETRY (the graph of classes is
// built after the search) and in a run that spills, the leaves are
// evaluated after the search, as before.
func (s *search) startSearchLeaves(m *Model) {
	if s.live == nil || s.live.concrete || s.live.disk != nil || s.err != nil {
		return
	}
	h, compiled, props, names, err := s.compileTemporal(m)
	if err != nil || len(props) == 0 {
		return // reported by the check after the search
	}
	l := liveness.LeavesOf(compiled, true)
	if len(l.State)+len(l.Step) == 0 {
		return
	}
	s.lv = &searchLeaves{h: h, compiled: compiled, props: props, names: names, leaves: l, succBit: make([]int, len(l.State))}
	for i := range s.lv.succBit {
		s.lv.succBit[i] = -1
	}
	for k, i := range l.Succ {
		s.lv.succBit[i] = k
	}
	s.live.leaves = l
}

// evalSearchLeaves evaluates the leaves on state cur (node id), which
// worker w has just expanded at BFS level level, and on its steps as edge
// recorded them (the successors as generated, then the stuttering step),
// in the order of the liveness check's evalLeaves, then the Succ leaves on
// the successors it found first (TLC's tableau checks each successor). It
// returns the failure of the first that fails.
func (s *search) evalSearchLeaves(c *eval.Ctx, w int, id int32, cur []eval.Value, level int) *failure {
	lv, l := s.lv, s.lv.leaves
	ew := &s.live.workers[w]
	vals := ew.vals
	n := len(vals)
	bits := s.live.stateBits(w, l.Bits(n))
	set := func(i int) { bits[i>>6] |= 1 << (uint(i) & 63) }
	if s.cov != nil {
		// the search's evaluations count, not the liveness check's
		c.SetCoverage(false)
		defer c.SetCoverage(true)
	}
	c.SetLevel(level)
	sb := s.live.chunk(id)[id&nodeChunkMask].succBits.Load()
	for i, leaf := range l.State {
		if k := lv.succBit[i]; k >= 0 && sb&succKnown != 0 {
			// evaluated when the state was found
			if sb&(1<<k) != 0 {
				set(i)
			}
			continue
		}
		ok, err := lv.h.preds[leaf].Eval(c, cur, nil)
		if angle := lv.h.angleOf[leaf]; angle != nil && unassigned(err) {
			// as behaviourGraph.StatePred: ENABLED read off the successors
			lv.h.approximate(leaf)
			ok, err = false, nil
			for _, to := range vals {
				if ok, err = angle.Eval(c, cur, to); err != nil || ok {
					break
				}
			}
		}
		if err != nil {
			return s.leafFailure(leaf, id, err)
		}
		if ok {
			set(i)
		}
	}
	for k := 0; k <= n; k++ {
		to := cur // k = n: the stuttering step
		if k < n {
			to = vals[k]
		}
		for j, leaf := range l.Step {
			ok, err := lv.h.preds[leaf].Eval(c, cur, to)
			if err != nil {
				return s.leafFailure(leaf, id, err)
			}
			if ok {
				set(l.StepBit(j, k, n))
			}
		}
	}
	for _, fr := range ew.fresh {
		if err, leaf := s.evalSuccLeaves(c, fr.id, fr.st); err != nil {
			return s.leafFailure(leaf, id, err)
		}
	}
	return nil
}

// succKnown marks liveState.succBits evaluated.
const succKnown = 1 << 63

// evalSuccLeaves evaluates the Succ leaves on state st (node id), found
// first by the state being expanded or initial, and keeps their values
// with it; it returns the first error and its leaf. A leaf that cannot be
// evaluated on the state alone (an ENABLED read off the successors) leaves
// them all to the state's expansion.
func (s *search) evalSuccLeaves(c *eval.Ctx, id int32, st []eval.Value) (error, int) {
	l := s.lv.leaves
	if len(l.Succ) == 0 {
		return nil, 0
	}
	ls := &s.live.chunk(id)[id&nodeChunkMask]
	if ls.succBits.Load() != 0 {
		return nil, 0
	}
	v := uint64(succKnown)
	for k, i := range l.Succ {
		leaf := l.State[i]
		ok, err := s.lv.h.preds[leaf].Eval(c, st, nil)
		if err != nil {
			if s.lv.h.angleOf[leaf] != nil && unassigned(err) {
				return nil, 0
			}
			return err, leaf
		}
		if ok {
			v |= 1 << k
		}
	}
	ls.succBits.Store(v)
	return nil, 0
}

// leafFailure is an evaluation error in a liveness leaf on state id: to
// TLC an unexpected exception (exit 255), with the behaviour up to the
// state, as livenessError reports it after the search.
// A failed Assert is reported as TLC reports it anywhere (exit 14, its
// own message).
func (s *search) leafFailure(leaf int, id int32, err error) *failure {
	var ee *eval.Error
	if errors.As(err, &ee) && ee.Kind == eval.ErrAssert {
		return evalFailure(err, id, nil, -1, "", ExitError)
	}
	f := evalFailure(s.lv.h.locate(leaf, err), id, nil, -1, "", ExitError)
	f.outcome, f.code = OutcomeError, ExitError
	return f
}

// Recorded is the leaves' values the search recorded for state s
// (liveness.Recorded), nil where the lists differ from the recorded ones.
func (g *behaviourGraph) Recorded(s int32) []uint64 {
	if g.part != nil || g.split != nil || g.succs != nil || g.rec.leaves == nil {
		return nil
	}
	return g.rec.node(s).bits
}
