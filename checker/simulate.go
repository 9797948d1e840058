package checker

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tlals/tlals/checker/eval"
	"github.com/tlals/tlals/checker/liveness"
)

// Simulation asks Check to walk random behaviours instead of exploring the
// state space, as TLC's -simulate: each behaviour starts in a random
// initial state and takes, at each step, a random successor of a random
// enabled action, checking the invariants and action properties of every
// successor generated, deadlock, and, once the behaviour ends, its
// temporal properties.
type Simulation struct {
	Depth int   // steps of a behaviour (TLC's -depth); 0: 100, TLC's default
	Num   int64 // behaviours to walk (TLC's num=); 0: until a bound stops the run
}

// DefaultSimDepth is TLC's -depth default.
const DefaultSimDepth = 100

// SimulationStats are a simulation's counts, in Result.Simulation.
type SimulationStats struct {
	Behaviours int64 `json:"behaviours"` // behaviours begun (the failing one included)
	Completed  int64 `json:"completed"`  // behaviours walked to their end without violation
	Depth      int   `json:"depth"`      // the -depth of the run
	// MeanLength and Variance are of the lengths (steps) of the
	// behaviours walked to their end.
	MeanLength float64 `json:"meanLength"`
	Variance   float64 `json:"variance"`
}

func (sim *Simulation) depth() int {
	if sim.Depth <= 0 {
		return DefaultSimDepth
	}
	return sim.Depth
}

// config is TLCGet("config")'s view of the run (nil: not a simulation).
func (sim *Simulation) config() *eval.SimConfig {
	if sim == nil {
		return nil
	}
	n := sim.Num
	if n <= 0 {
		n = math.MaxInt64 // TLC's Long.MAX_VALUE when num is not given
	}
	return &eval.SimConfig{Traces: n, Depth: sim.depth()}
}

// simRun is one simulation in progress.
type simRun struct {
	s     *search
	rng   *rand.Rand
	depth int
	// the behaviour being walked: its states and the action of each step
	// (-1 for the initial state)
	states  [][]eval.Value
	actions []int32
	// statistics (TLCGet("stats") reads them while the behaviour runs)
	traces   int64
	done     int64 // behaviours walked to their end
	mean, m2 float64
	temporal *simTemporal
	// initStep labels a behaviour's first state as TLC's simulation
	// does: by the initial predicate and its expression
	initStep Step
	// a worker of a parallel simulation (0: the only walker): the
	// successors generated in its behaviour, whether the behaviour ended
	// without violation, and its length
	worker  int
	gen     int64
	ended   bool
	lastLen int
}

// simTemporal holds the temporal properties checked on each behaviour.
type simTemporal struct {
	h     *livenessHost
	props []*liveness.Property
	exprs []eval.ExprIn
	names []string
}

// simulate walks behaviours until a violation, the number asked for or a
// bound, and fills res.
func (s *search) simulate(m *Model, res *Result) {
	sim := s.opt.Simulate
	r := &simRun{s: s, depth: sim.depth(), initStep: Step{Action: "Initial predicate"}}
	if it, ok := s.initItem(m); ok {
		r.initStep = Step{Action: it.name, Location: rangeOf(it.loc)}
	}
	r.rng = workerRand(res.Seed, 0) // the run's seed: -seed reproduces it
	s.prog.SetStats(r.stats)
	res.Simulation = &SimulationStats{Depth: r.depth}
	defer func() {
		res.Simulation.Behaviours, res.Simulation.Completed = r.traces, r.done
		res.Simulation.MeanLength = r.mean
		if r.done > 0 {
			res.Simulation.Variance = r.m2 / float64(r.done)
		}
		res.GeneratedStates = s.generated.Load()
		res.DistinctStates = s.distinct.Load()
		res.Depth = r.maxDepth()
	}()
	h, compiled, exprs, names, err := s.compileTemporal(m)
	if err != nil {
		s.livenessError(res, err)
		return
	}
	if len(compiled) > 0 {
		if liveness.Tautology(compiled) {
			res.Outcome, res.Message, res.ExitCode = OutcomeError, "Temporal formula is a tautology (its negation is unsatisfiable).", ExitFailureLivenessEval
			return
		}
		r.temporal = &simTemporal{h: h, props: compiled, exprs: exprs, names: names}
	}
	inits, ok := r.initialStates(res)
	if !ok {
		return
	}
	if len(inits) == 0 {
		res.Outcome = OutcomeOK
		return
	}
	if s.noNext {
		res.Outcome, res.Message, res.ExitCode = OutcomeError, "No next state actions defined to generate successor states from.", ExitFailureSpecEval
		return
	}
	if n := simWorkers(s.opt); n > 1 {
		r.parallel(m, n, inits, res)
		return
	}
	c := s.prog.NewCtx()
	c.SetWorker(1)
	for sim.Num <= 0 || r.traces < sim.Num {
		if r.bound(res) {
			return
		}
		r.traces++
		if !r.walk(c, inits, res) {
			return
		}
		if s.exited.Load() { // TLCSet("exit", TRUE)
			break
		}
	}
	res.Outcome = OutcomeOK
}

// simWorkers is the number of simulation workers: -workers when given;
// otherwise one, TLC's default, so that a seed walks the same behaviours on
// any machine.
func simWorkers(opt Options) int {
	return max(opt.Workers, 1)
}

// workerRand is worker w's random source: derived from the run's seed, so
// that -seed reproduces every worker's behaviours.
func workerRand(seed int64, w int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), 0x746c616c73+uint64(w)))
}

// parallel walks the behaviours with n workers, as TLC's simulation with
// -workers n, in rounds: in round k worker w walks behaviour k*n+w with its
// own random source. A round's results are taken in the order of the
// behaviours, up to the first that fails, so that the violation reported
// (the one of the smallest behaviour number) and every count are the same
// for a seed whatever the scheduling. (Ordering by worker first would let a
// worker that never fails run forever.)
func (r *simRun) parallel(m *Model, n int, inits [][]eval.Value, res *Result) {
	s := r.s
	sim := s.opt.Simulate
	runs := make([]*simRun, n)
	ctxs := make([]*eval.Ctx, n)
	for w := range runs {
		wr := &simRun{s: s, depth: r.depth, initStep: r.initStep, rng: workerRand(res.Seed, w), worker: w + 1}
		if r.temporal != nil {
			// a worker's own compiled properties: their evaluation is not shared
			h, compiled, exprs, names, err := s.compileTemporal(m)
			if err != nil {
				s.livenessError(res, err)
				return
			}
			wr.temporal = &simTemporal{h: h, props: compiled, exprs: exprs, names: names}
		}
		runs[w] = wr
		ctxs[w] = s.prog.NewCtx()
		ctxs[w].SetWorker(w + 1)
	}
	var traces atomic.Int64
	s.prog.SetStats(func() eval.Stats {
		return eval.Stats{Generated: s.generated.Load(), Initial: s.initial.Load(),
			Sim: &eval.SimStats{Traces: traces.Load(), LevelMean: int64(r.mean)}}
	})
	generated := s.generated.Load()                 // the initial states'
	defer func() { s.generated.Store(generated) }() // the behaviours taken only
	outs := make([]Result, n)
	ok := make([]bool, n)
	for round := int64(0); ; round++ {
		k := int64(n)
		if sim.Num > 0 {
			k = min(k, sim.Num-round*int64(n))
		}
		if k <= 0 || r.bound(res) {
			break
		}
		var wg sync.WaitGroup
		for w := 0; w < int(k); w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				wr := runs[w]
				outs[w] = *res
				wr.gen = 0
				ok[w] = wr.walk(ctxs[w], inits, &outs[w])
				traces.Add(1)
			}()
		}
		wg.Wait()
		for w := 0; w < int(k); w++ {
			r.traces++
			generated += runs[w].gen
			if !ok[w] {
				sims := res.Simulation
				*res = outs[w]
				res.Simulation = sims
				if res.Outcome == OutcomeBound && s.ctx.Err() != nil {
					s.ctxErr = s.ctx.Err()
				}
				r.states = runs[w].states
				return
			}
			if runs[w].ended {
				r.end(runs[w].lastLen)
			}
		}
		r.states = runs[k-1].states
		if s.exited.Load() {
			break
		}
	}
	if res.Outcome == "" {
		res.Outcome = OutcomeOK
	}
}

// maxDepth is Result.Depth of a simulation: the states of the last
// behaviour walked (TLC reports no depth in simulation).
func (r *simRun) maxDepth() int { return len(r.states) }

// bound tells whether the run must stop (cancellation, time, memory),
// and says why in res.
func (r *simRun) bound(res *Result) bool {
	s := r.s
	msg := ""
	switch {
	case s.ctx.Err() != nil:
		if r.worker == 0 { // a worker's is taken by parallel
			s.ctxErr = s.ctx.Err()
		}
		msg = "cancelled: " + s.ctx.Err().Error()
	case s.opt.Timeout > 0 && time.Since(s.start) > s.opt.Timeout:
		msg = timeBoundMsg
	case s.opt.MaxStates > 0 && s.generated.Load() > s.opt.MaxStates:
		msg = fmt.Sprintf("bound of %d states reached", s.opt.MaxStates)
	default:
		msg = s.prog.Interrupted()
	}
	if msg == "" {
		return false
	}
	res.Outcome, res.Message = OutcomeBound, msg
	return true
}

// initialStates computes every initial state and checks the invariants
// and the initial parts of the properties on each, as TLC's Simulator
// does before the first behaviour.
func (r *simRun) initialStates(res *Result) ([][]eval.Value, bool) {
	s := r.s
	ic, c := s.prog.NewCtx(), s.prog.NewCtx()
	c.SetLevel(1)
	var inits [][]eval.Value
	var failed bool
	err := s.init.Run(ic, func(st []eval.Value) {
		if failed {
			return
		}
		s.generated.Add(1)
		for i, v := range st {
			if v == nil {
				r.fail(res, OutcomeError, "", "The initial state is not completely specified: the variable "+s.prog.Vars[i]+" is not assigned a value.", nil, ExitFailureSpecEval, nil)
				failed = true
				return
			}
		}
		state := cloneState(st)
		trace := []Step{r.step(state, -1)}
		if name, loc, ok, err := s.checkPreds(c, s.invs, state, nil); err != nil {
			r.failErr(res, err, "Evaluating invariant "+name+" failed.\n", ExitFailureSafetyEval, trace)
			failed = true
			return
		} else if !ok {
			r.fail(res, OutcomeInvariant, name, "Invariant "+name+" is violated by the initial state.", loc, ExitViolationSafety, trace)
			failed = true
			return
		}
		if name, loc, ok, err := s.checkPreds(c, s.initProps, state, nil); err != nil {
			r.failErr(res, err, "Evaluating property "+name+" failed.\n", ExitFailureLivenessEval, trace)
			failed = true
			return
		} else if !ok {
			r.fail(res, OutcomeError, name, "Property "+name+" is violated by the initial state.", loc, ExitViolationLiveness, trace)
			failed = true
			return
		}
		inits = append(inits, state)
	})
	if err != nil && !failed {
		r.failErr(res, err, "", ExitFailureSpecEval, nil)
		return nil, false
	}
	s.initial.Store(int64(len(inits)))
	return inits, !failed
}

// walk simulates one behaviour; it returns false when the run stops (a
// violation, an error or a bound).
func (r *simRun) walk(c *eval.Ctx, inits [][]eval.Value, res *Result) bool {
	s := r.s
	r.ended = false
	r.states = append(r.states[:0], inits[r.rng.IntN(len(inits))])
	r.actions = append(r.actions[:0], -1)
	inModel, err := r.inModel(c, nil, r.states[0], 0) // an initial state's constraints: level 1
	if err != nil {
		r.failErr(res, err, "Evaluating the constraint failed: ", ExitFailureSpecEval, r.trace(nil, -1))
		return false
	}
	n := len(s.actions)
	var succs [][]eval.Value
	collect := func(next []eval.Value) { succs = append(succs, cloneState(next)) }
	for step := 0; step < r.depth && inModel && n > 0; step++ {
		if r.bound(res) {
			return false
		}
		cur := r.states[len(r.states)-1]
		level := len(r.states)
		// a random action first, then the others in an order drawn at
		// random, until one has a successor in the model (TLC's)
		ai, stride := r.rng.IntN(n), r.stride(n)
		var kept [][]eval.Value
		for tried := 0; tried < n && len(kept) == 0; tried++ {
			succs = succs[:0]
			c.SetLevel(level)
			c.Cur = cur
			if err := s.actions[ai].Run(c, collect); err != nil {
				r.failErr(res, err, "", ExitFailureSpecEval, r.trace(nil, -1))
				return false
			}
			for _, st := range succs {
				s.generated.Add(1)
				r.gen++
				if !r.checkSucc(c, cur, st, int32(ai), level, res) {
					return false
				}
				in, err := r.inModel(c, cur, st, level)
				if err != nil {
					r.failErr(res, err, "Evaluating the constraint failed: ", ExitFailureSpecEval, r.trace(st, int32(ai)))
					return false
				}
				if in {
					kept = append(kept, st)
				}
			}
			if len(kept) == 0 {
				ai = (ai + stride) % n
			}
		}
		if len(kept) == 0 {
			if s.deadlock {
				r.fail(res, OutcomeDeadlock, "", "Deadlock reached.", nil, ExitViolationDeadlock, r.trace(nil, -1))
				return false
			}
			break
		}
		r.states = append(r.states, kept[r.rng.IntN(len(kept))])
		r.actions = append(r.actions, int32(ai))
		if s.exited.Load() {
			break
		}
	}
	if !r.checkTemporal(res) {
		return false
	}
	if !s.exited.Load() { // TLC counts a behaviour once its properties hold, unless it exits
		r.end(len(r.states) - 1)
	}
	return true
}

// stride is the step between the actions tried after the first: coprime
// with n, so that every action is tried once.
func (r *simRun) stride(n int) int {
	if n < 2 {
		return 1
	}
	for {
		p := 1 + r.rng.IntN(n-1)
		if gcd(p, n) == 1 {
			return p
		}
	}
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// inModel evaluates the constraints on st and the action constraints on
// the step cur -> st (cur nil: st is initial).
func (r *simRun) inModel(c *eval.Ctx, cur, st []eval.Value, level int) (bool, error) {
	s := r.s
	c.SetLevel(level + 1)
	_, _, ok, err := s.checkPreds(c, s.cons, st, nil)
	if err != nil || !ok || cur == nil {
		return ok, err
	}
	c.SetLevel(level)
	_, _, ok, err = s.checkPreds(c, s.acons, cur, st)
	return ok, err
}

// checkSucc checks the invariants of a successor and the action
// properties of its step; false: res holds the violation.
func (r *simRun) checkSucc(c *eval.Ctx, cur, st []eval.Value, ai int32, level int, res *Result) bool {
	s := r.s
	c.SetLevel(level + 1)
	if name, loc, ok, err := s.checkPreds(c, s.invs, st, nil); err != nil {
		r.failErr(res, err, "Evaluating invariant "+name+" failed.\n", ExitFailureSafetyEval, r.trace(st, ai))
		return false
	} else if !ok {
		r.fail(res, OutcomeInvariant, name, "Invariant "+name+" is violated.", loc, ExitViolationSafety, r.trace(st, ai))
		return false
	}
	c.SetLevel(level)
	if name, loc, ok, err := s.checkPreds(c, s.actProps, cur, st); err != nil {
		r.failErr(res, err, "Evaluating action property "+name+" failed.\n", ExitViolationLiveness, r.trace(st, ai))
		return false
	} else if !ok {
		r.fail(res, OutcomeActionProperty, name, "Action property "+name+" is violated.", loc, ExitViolationLiveness, r.trace(st, ai))
		return false
	}
	return true
}

// ended accounts a behaviour of n steps walked to its end (Welford's
// running mean and variance).
func (r *simRun) end(n int) {
	r.ended, r.lastLen = true, n
	r.done++
	d := float64(n) - r.mean
	r.mean += d / float64(r.done)
	r.m2 += d * (float64(n) - r.mean)
}

// trace is the current behaviour as steps, with the successor extra
// (reached by action ai) appended when it is not nil.
func (r *simRun) trace(extra []eval.Value, ai int32) []Step {
	out := make([]Step, 0, len(r.states)+1)
	for i, st := range r.states {
		out = append(out, r.step(st, r.actions[i]))
	}
	if extra != nil {
		out = append(out, r.step(extra, ai))
	}
	return out
}

func (r *simRun) step(st []eval.Value, ai int32) Step {
	if ai < 0 {
		step := r.initStep
		step.Values = st
		return step
	}
	a := r.s.actions[ai]
	return Step{Action: a.Name, Location: rangeOf(a.Loc), Values: st}
}

func (r *simRun) fail(res *Result, outcome, property, msg string, loc *eval.Loc, code int, trace []Step) {
	res.Outcome, res.Property, res.Message, res.Location, res.ExitCode = outcome, property, msg, rangeOf(loc), code
	if trace != nil {
		r.s.setTrace(res, trace)
	}
}

func (r *simRun) failErr(res *Result, err error, prefix string, code int, trace []Step) {
	f := evalFailure(err, -1, nil, -1, prefix, code)
	r.fail(res, f.outcome, "", f.msg, f.loc, f.code, trace)
	for _, l := range f.calls {
		res.Calls = append(res.Calls, rangeOf(l))
	}
}

// stats are TLCGet's counters during a simulation.
func (r *simRun) stats() eval.Stats {
	var counts []eval.ActionCount
	for _, ai := range r.actions {
		if ai < 0 {
			continue
		}
		name := r.s.actions[ai].Name
		found := false
		for i := range counts {
			if counts[i].Name == name {
				counts[i].Count++
				found = true
				break
			}
		}
		if !found {
			counts = append(counts, eval.ActionCount{Name: name, Count: 1})
		}
	}
	return eval.Stats{Generated: r.s.generated.Load(), Initial: r.s.initial.Load(), Diameter: len(r.states),
		Sim: &eval.SimStats{Traces: r.traces, Actions: counts, LevelMean: int64(r.mean), LevelVariance: int64(r.variance())}}
}

func (r *simRun) variance() float64 {
	if r.done == 0 {
		return 0
	}
	return r.m2 / float64(r.done)
}

// ---------------------------------------------------------------- temporal

// checkTemporal checks the temporal properties on the behaviour just
// walked as TLC does (LiveCheck1.checkTrace): the graph of its states and
// steps, where every state may also stutter forever, so that a
// counterexample is a prefix of the behaviour that then stutters (or a
// cycle the behaviour closed). False: res holds the violation.
func (r *simRun) checkTemporal(res *Result) bool {
	t := r.temporal
	if t == nil {
		return true
	}
	g := &traceGraph{r: r, h: t.h, c: r.s.prog.NewCtx(), idx: map[uint64]int32{}}
	prev := int32(-1)
	for i, st := range r.states {
		id := g.node(r.s.fingerprint(st), st)
		if prev >= 0 && prev != id {
			g.addEdge(prev, id, r.actions[i])
		}
		prev = id
	}
	i, l, err := liveness.CheckAll(r.s.ctx, g, t.props, 1)
	if err != nil {
		var se *liveness.StateError
		if errors.As(err, &se) {
			// the search's state numbers mean nothing here: the trace is
			// the behaviour up to the state (its first occurrence)
			err = se.Err
			defer func() {
				for k, st := range r.states {
					if g.idx[r.s.fingerprint(st)] == se.State {
						r.s.setTrace(res, r.trace(nil, -1)[:k+1])
						break
					}
				}
			}()
		}
		r.s.livenessError(res, err)
		return false
	}
	if l == nil {
		return true
	}
	res.Outcome, res.Property, res.Message = OutcomeLiveness, t.names[i], "Temporal property "+t.names[i]+" was violated."
	res.Location, res.ExitCode = rangeOf(t.exprs[i].Loc), ExitViolationLiveness
	steps := make([]Step, len(l.Steps))
	for k, st := range l.Steps {
		steps[k] = r.step(g.states[st.State], st.Action)
	}
	back := &Lasso{Start: l.Loop + 1, Stuttering: l.Stuttering()}
	if l.BackAction >= 0 {
		a := r.s.actions[l.BackAction]
		back.Action, back.Location = a.Name, rangeOf(a.Loc)
	} else {
		back.Action = "Stuttering"
	}
	if back.Stuttering {
		st := steps[len(steps)-1]
		st.Action, st.Location = "Stuttering", nil
		steps = append(steps, st)
	}
	r.s.setTrace(res, steps)
	res.Lasso = back
	return false
}

// traceGraph is a walked behaviour as a liveness.Graph: its distinct
// states, the first one initial, and its steps.
type traceGraph struct {
	r      *simRun
	h      *livenessHost
	c      *eval.Ctx
	idx    map[uint64]int32
	states [][]eval.Value
	succ   [][]liveness.Edge
}

func (g *traceGraph) node(fp uint64, st []eval.Value) int32 {
	if id, ok := g.idx[fp]; ok {
		return id
	}
	id := int32(len(g.states))
	g.idx[fp] = id
	g.states = append(g.states, st)
	g.succ = append(g.succ, nil)
	return id
}

func (g *traceGraph) addEdge(from, to, action int32) {
	for _, e := range g.succ[from] {
		if e.To == to {
			return
		}
	}
	g.succ[from] = append(g.succ[from], liveness.Edge{To: to, Action: action})
}

func (g *traceGraph) NumStates() int                     { return len(g.states) }
func (g *traceGraph) Initial() []int32                   { return []int32{0} }
func (g *traceGraph) Successors(s int32) []liveness.Edge { return g.succ[s] }
func (g *traceGraph) StatePred(leaf int, s int32) (bool, error) {
	ok, err := g.h.preds[leaf].Eval(g.c, g.states[s], nil)
	if angle := g.h.angleOf[leaf]; angle != nil && unassigned(err) {
		g.h.approximate(leaf)
		for _, e := range g.succ[s] {
			ok, err := angle.Eval(g.c, g.states[s], g.states[e.To])
			if err != nil || ok {
				return ok, g.h.locate(leaf, err)
			}
		}
		return false, nil
	}
	return ok, g.h.locate(leaf, err)
}
func (g *traceGraph) ActionPred(leaf int, s, t int32) (bool, error) {
	ok, err := g.h.preds[leaf].Eval(g.c, g.states[s], g.states[t])
	return ok, g.h.locate(leaf, err)
}

// ---------------------------------------------------------------- output

// Summary says what a simulation without violation covered: "no
// violation in 1,200 behaviours of depth 100".
func (sim *SimulationStats) Summary() string {
	n := fmt.Sprint(sim.Completed)
	for i := len(n) - 3; i > 0; i -= 3 {
		n = n[:i] + "," + n[i:]
	}
	word := "behaviours"
	if sim.Completed == 1 {
		word = "behaviour"
	}
	return fmt.Sprintf("no violation in %s %s of depth %d", n, word, sim.Depth)
}

// simulationText is TLC's report of a simulation: the error and its
// behaviour, then the counts.
func (r *Result) simulationText(b *strings.Builder) {
	sim := r.Simulation
	progress := fmt.Sprintf("Progress: %d states checked, %d traces generated (trace length: mean=%d, var(x)=%d, sd=%d)\n",
		r.GeneratedStates, sim.Behaviours, int64(sim.MeanLength), int64(sim.Variance), int64(math.Sqrt(sim.Variance)))
	// TLC's final progress report comes first after a run without error,
	// last after an error's summary
	if r.Outcome == OutcomeOK {
		b.WriteString(progress)
	}
	fmt.Fprintf(b, "The number of states generated: %d\n", r.GeneratedStates)
	fmt.Fprintf(b, "Simulation using seed %d and aril 0\n", r.Seed)
	if r.Outcome != OutcomeOK {
		b.WriteString(progress)
	}
}
