package checker

import (
	"context"
	"fmt"
	"sync"

	"github.com/tlals/tlals/checker/eval"
)

// The debugger's engine: a breadth-first search in one goroutine, as TLC's
// with one worker, that keeps every state it finds and reports each point
// of the exploration to a front end (tlals dap), which may stop there.

// DebugPointKind is what a DebugPoint reports.
type DebugPointKind int

const (
	// PointReady: the model is compiled (Sites are known), nothing is
	// explored yet.
	PointReady DebugPointKind = iota
	// PointInit: the initial predicate gave the state Next.
	PointInit
	// PointState: the state State is about to be expanded.
	PointState
	// PointEval: inside the evaluation of Action on State (Eval).
	PointEval
	// PointStep: Action took State to Next (NextValues).
	PointStep
	// PointViolation: the search stops on Outcome (an invariant or action
	// property violated, a deadlock, an evaluation error).
	PointViolation
)

// DebugPoint is one point of a debugged exploration. Its slices are only
// valid while the pause function that receives it runs.
type DebugPoint struct {
	Kind   DebugPointKind
	State  int32 // the state being expanded; -1 in the initial predicate
	Action int   // the index of the action evaluated (Actions); -1: the initial predicate
	// Next is the state reached (PointInit, PointStep), -1 when the
	// state constraints leave it out of the model; NextValues are its
	// values.
	Next int32
	New  bool // Next was not seen before
	// Eval is the point of the action's evaluation (PointEval).
	Eval *DebugEvent
	// Calls are the operators entered in action position, outermost first
	// (PointEval).
	Calls []DebugCall
	// PointViolation: what TLC would report.
	Outcome  string
	Property string
	Message  string
	Location *Range

	nextVals []eval.Value
	ev       DebugEvent // what Eval points to: no allocation of its own
}

// NextValues are the values of Next, and in PointEval the next state as
// assigned so far (an invalid Value: not assigned yet); nil when there is
// none (PointEval: no variable assigned yet). They are a copy: they stay
// valid after the point.
func (p *DebugPoint) NextValues() []Value { return values(p.nextVals) }

// CallBindings are the names bound where Calls[i] is applied, as
// DebugEvent.Bindings.
func (p *DebugPoint) CallBindings(i int) []DebugBinding {
	if p.Eval == nil || i < 0 || i >= len(p.Calls) {
		return nil
	}
	return bindings(p.Calls[i].ev, p.Eval.c)
}

// DebugCall is an operator applied in action position, being evaluated.
type DebugCall struct {
	Name     string
	Location *Range
	ev       *eval.DebugEvent // the call's, for DebugPoint.CallBindings
}

// DebugState is a state of the explored graph.
type DebugState struct {
	ID     int32
	Parent int32 // -1: an initial state
	Action int   // the action that reached it first; -1: initial
	Depth  int   // 1 for an initial state
	vals   []eval.Value
}

// Values are the state's values, in the order of Debugger.Vars.
func (st DebugState) Values() []Value { return values(st.vals) }

// DebugSite is an instrumented place: a conjunct of an action or an
// operator applied in action position.
type DebugSite struct {
	Kind     DebugEventKind
	Location *Range
}

// DebugAction is an action of the next-state relation, as split.
type DebugAction struct {
	Name     string
	Location *Range // with Location.PlusCal, the algorithm's label it was translated from
}

// Debugger explores a model for an interactive debugger.
type Debugger struct {
	m     *Model
	opt   Options
	pause func(*DebugPoint)

	mu      sync.RWMutex // guards what the front end reads
	s       *search
	vars    []string
	actions []DebugAction
	sites   []DebugSite
	ranges  map[*eval.Loc]*Range // the sites' ranges, for their events
	states  []DebugState
	ids     map[uint64]int32

	// the action run in progress, for the points inside it (engine only)
	cur   DebugPoint
	calls []DebugCall
	inRun bool
}

// NewDebugger prepares to debug m; Run explores it.
func NewDebugger(m *Model, opt Options) *Debugger {
	opt.Workers = 1
	opt.RecordGraph = false
	return &Debugger{m: m, opt: opt, ids: map[uint64]int32{}, ranges: map[*eval.Loc]*Range{}}
}

// Run explores the model breadth-first, calling pause at each point in the
// exploring goroutine (which waits while pause runs). It returns when the
// exploration ends (ctx cancelled, a violation, or the whole graph seen).
func (d *Debugger) Run(ctx context.Context, pause func(*DebugPoint)) (*Result, error) {
	d.pause = pause
	opt := d.opt
	opt.debug = d
	return Check(ctx, d.m, opt)
}

// Vars are the state variables, in the order of a state's values.
func (d *Debugger) Vars() []string {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.vars
}

// Actions are the actions of the next-state relation.
func (d *Debugger) Actions() []DebugAction {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.actions
}

// Sites are the places that report PointEval points.
func (d *Debugger) Sites() []DebugSite {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.sites
}

// NumStates is the number of states found so far.
func (d *Debugger) NumStates() int {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return len(d.states)
}

// State is the state id, false when there is none.
func (d *Debugger) State(id int32) (DebugState, bool) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if id < 0 || int(id) >= len(d.states) {
		return DebugState{}, false
	}
	return d.states[id], true
}

// Path is the behaviour from an initial state to id, id last.
func (d *Debugger) Path(id int32) []DebugState {
	d.mu.RLock()
	defer d.mu.RUnlock()
	var out []DebugState
	for id >= 0 && int(id) < len(d.states) {
		out = append(out, d.states[id])
		id = d.states[id].Parent
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Site implements eval.DebugHook.
func (d *Debugger) Site(kind eval.DebugKind, at *eval.Loc) {
	r := rangeOf(at)
	d.mu.Lock()
	d.sites = append(d.sites, DebugSite{Kind: eventKind(kind), Location: r})
	d.ranges[at] = r
	d.mu.Unlock()
}

// rangeAt is the range of an event's place: its site's, computed once.
func (d *Debugger) rangeAt(at *eval.Loc) *Range {
	d.mu.RLock()
	r, ok := d.ranges[at]
	d.mu.RUnlock()
	if !ok { // not a site's (every event's is): computed each time
		r = rangeOf(at)
	}
	return r
}

// Event implements eval.DebugHook: a point inside an action run.
func (d *Debugger) Event(c *eval.Ctx, ev *eval.DebugEvent) {
	if !d.inRun {
		return // an evaluation outside the search's (a condition, the console)
	}
	switch ev.Kind {
	case eval.DebugEnter:
		d.calls = append(d.calls, DebugCall{Name: ev.Name, Location: d.rangeAt(ev.Loc), ev: ev})
	case eval.DebugLeave:
		if len(d.calls) > 0 {
			d.calls = d.calls[:len(d.calls)-1]
		}
		return
	}
	p := d.cur
	p.Kind, p.Calls = PointEval, d.calls
	p.ev = DebugEvent{Kind: eventKind(ev.Kind), Location: d.rangeAt(ev.Loc), Name: ev.Name, Held: ev.Held, ev: ev, c: c}
	p.Eval = &p.ev
	if d.cur.Action >= 0 {
		p.nextVals = c.Next
	} else {
		p.nextVals = c.Cur // the initial predicate assigns the unprimed variables
	}
	d.pause(&p)
}

// add records a state (unless seen) and returns its id and whether it is
// new.
func (d *Debugger) add(st []eval.Value, parent int32, action int) (int32, bool) {
	fp := d.s.fingerprint(st)
	if id, ok := d.ids[fp]; ok {
		return id, false
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	id := int32(len(d.states))
	depth := 1
	if parent >= 0 {
		depth = d.states[parent].Depth + 1
	}
	d.states = append(d.states, DebugState{ID: id, Parent: parent, Action: action, Depth: depth, vals: cloneState(st)})
	d.ids[fp] = id
	return id, true
}

// run is the debugger's search, in place of search.run (Check).
func (d *Debugger) run(s *search, res *Result) {
	d.mu.Lock()
	d.s, d.vars = s, s.prog.Vars
	// the actions' PlusCal ranges, as a trace's steps get them
	mapped := &Result{}
	for _, a := range s.actions {
		d.actions = append(d.actions, DebugAction{Name: a.Name, Location: rangeOf(a.Loc)})
		mapped.Trace = append(mapped.Trace, Step{Location: d.actions[len(d.actions)-1].Location})
	}
	if d.m.Root != nil && d.m.Root.File != nil {
		_ = MapPlusCal(mapped, d.m.Root.File) // no algorithm, or a stale translation: no PlusCal ranges
	}
	d.mu.Unlock()
	d.pause(&DebugPoint{Kind: PointReady, State: -1, Action: -1, Next: -1})
	stop := func(outcome, property, msg string, loc *eval.Loc, state, next int32, action int, nextVals []eval.Value) {
		res.Outcome, res.Property, res.Message, res.Location = outcome, property, msg, rangeOf(loc)
		d.pause(&DebugPoint{Kind: PointViolation, State: state, Action: action, Next: next, nextVals: nextVals,
			Outcome: outcome, Property: property, Message: msg, Location: res.Location})
		d.fillTrace(res, state, next, action, nextVals)
	}
	evalErr := func(err error, state, next int32, action int, nextVals []eval.Value, prefix string) {
		f := evalFailure(err, state, nil, -1, prefix, ExitFailureSpecEval)
		for _, l := range f.calls {
			res.Calls = append(res.Calls, rangeOf(l))
		}
		stop(f.outcome, "", f.msg, f.loc, state, next, action, nextVals)
	}
	c := s.prog.NewCtx()
	c.SetLevel(1)
	ic := s.prog.NewCtx()
	var queue []int32
	d.cur = DebugPoint{State: -1, Action: -1, Next: -1}
	d.inRun, d.calls = true, d.calls[:0]
	var initErr error
	var failed bool
	err := s.init.Run(ic, func(st []eval.Value) {
		if failed || initErr != nil {
			return
		}
		d.inRun = false
		defer func() { d.inRun = true }()
		s.generated.Add(1)
		for i, v := range st {
			if v == nil {
				failed = true
				stop(OutcomeError, "", "The initial state is not completely specified: the variable "+s.prog.Vars[i]+" is not assigned a value.", nil, -1, -1, -1, cloneState(st))
				return
			}
		}
		_, _, inModel, err := s.checkPreds(c, s.cons, st, nil)
		if err != nil {
			initErr = err
			return
		}
		id, unseen := int32(-1), true
		if inModel {
			id, unseen = d.add(st, -1, -1)
		}
		d.pause(&DebugPoint{Kind: PointInit, State: -1, Action: -1, Next: id, nextVals: st, New: unseen})
		if !unseen {
			return
		}
		if name, loc, ok, err := s.checkPreds(c, s.invs, st, nil); err != nil {
			failed = true
			evalErr(err, id, id, -1, st, "Evaluating invariant "+name+" failed.\n")
			return
		} else if !ok {
			failed = true
			stop(OutcomeInvariant, name, "Invariant "+name+" is violated by the initial state.", loc, id, id, -1, st)
			return
		}
		if inModel {
			queue = append(queue, id)
		}
	})
	d.inRun = false
	if err == nil {
		err = initErr
	}
	if failed {
		d.finish(res)
		return
	}
	if err != nil {
		evalErr(err, -1, -1, -1, nil, "")
		d.finish(res)
		return
	}
	if s.noNext {
		stop(OutcomeError, "", "No next state actions defined to generate successor states from.", nil, -1, -1, -1, nil)
		d.finish(res)
		return
	}
	cc := s.prog.NewCtx() // checks the successors while c enumerates them
	for len(queue) > 0 {
		if err := s.ctx.Err(); err != nil {
			s.ctxErr = err
			res.Outcome, res.Message = OutcomeBound, "cancelled: "+err.Error()
			d.finish(res)
			return
		}
		id := queue[0]
		queue = queue[1:]
		cur, _ := d.State(id)
		d.pause(&DebugPoint{Kind: PointState, State: id, Action: -1, Next: -1})
		deadlocked := true
		for ai, a := range s.actions {
			c.SetLevel(cur.Depth)
			c.Cur = cur.vals
			d.cur = DebugPoint{State: id, Action: ai, Next: -1}
			d.inRun, d.calls = true, d.calls[:0]
			stopped := false
			// each successor is reported as the action finds it, before the
			// evaluation goes on to the next
			err := a.Run(c, func(st []eval.Value) {
				if stopped {
					return
				}
				deadlocked = false
				d.inRun = false
				if !d.successor(cc, cur, ai, st, &queue, res, stop, evalErr) {
					stopped = true
					return
				}
				d.inRun = true
			})
			d.inRun = false
			if stopped {
				d.finish(res)
				return
			}
			if err != nil {
				evalErr(err, id, -1, ai, nil, "")
				d.finish(res)
				return
			}
		}
		if deadlocked && s.deadlock {
			stop(OutcomeDeadlock, "", "Deadlock reached.", nil, id, -1, -1, nil)
			d.finish(res)
			return
		}
	}
	res.Outcome = OutcomeOK
	d.finish(res)
}

// successor checks st, found by action ai from cur, and queues it when it
// is new; false when the exploration stops there (a violation, a bound).
func (d *Debugger) successor(c *eval.Ctx, cur DebugState, ai int, st []eval.Value, queue *[]int32, res *Result,
	stop func(outcome, property, msg string, loc *eval.Loc, state, next int32, action int, nextVals []eval.Value),
	evalErr func(err error, state, next int32, action int, nextVals []eval.Value, prefix string)) bool {
	s, id := d.s, cur.ID
	s.generated.Add(1)
	c.SetLevel(cur.Depth + 1)
	_, _, inModel, err := s.checkPreds(c, s.cons, st, nil)
	if err == nil && inModel {
		c.SetLevel(cur.Depth)
		_, _, inModel, err = s.checkPreds(c, s.acons, cur.vals, st)
		c.SetLevel(cur.Depth + 1)
	}
	if err != nil {
		evalErr(err, id, -1, ai, st, "Evaluating the constraint failed: ")
		return false
	}
	next, unseen := int32(-1), true
	if inModel {
		next, unseen = d.add(st, id, ai)
	}
	d.pause(&DebugPoint{Kind: PointStep, State: id, Action: ai, Next: next, nextVals: st, New: unseen})
	if unseen {
		if name, loc, ok, err := s.checkPreds(c, s.invs, st, nil); err != nil {
			evalErr(err, id, next, ai, st, "Evaluating invariant "+name+" failed.\n")
			return false
		} else if !ok {
			stop(OutcomeInvariant, name, "Invariant "+name+" is violated.", loc, id, next, ai, st)
			return false
		}
	}
	c.SetLevel(cur.Depth)
	if name, loc, ok, err := s.checkPreds(c, s.actProps, cur.vals, st); err != nil {
		evalErr(err, id, next, ai, st, "Evaluating action property "+name+" failed.\n")
		return false
	} else if !ok {
		stop(OutcomeActionProperty, name, "Action property "+name+" is violated.", loc, id, next, ai, st)
		return false
	}
	if inModel && unseen {
		if s.opt.MaxStates > 0 && int64(d.NumStates()) > s.opt.MaxStates {
			res.Outcome, res.Message = OutcomeBound, fmt.Sprintf("bound of %d distinct states reached", s.opt.MaxStates)
			return false
		}
		*queue = append(*queue, next)
	}
	return true
}

// finish sets the counts of res.
func (d *Debugger) finish(res *Result) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	res.DistinctStates = int64(len(d.states))
	res.GeneratedStates = d.s.generated.Load()
	for _, st := range d.states {
		res.Depth = max(res.Depth, st.Depth)
	}
	if res.Outcome == "" {
		res.Outcome = OutcomeOK
	}
}

// fillTrace sets res's trace: the path to state, then the successor
// nextVals when it is not a state of the graph.
func (d *Debugger) fillTrace(res *Result, state, next int32, action int, nextVals []eval.Value) {
	last := state
	if next >= 0 {
		last = next
	}
	var trace []Step
	for _, st := range d.Path(last) {
		trace = append(trace, d.step(st.Action, st.vals))
	}
	if next < 0 && nextVals != nil {
		trace = append(trace, d.step(action, nextVals))
	}
	d.s.setTrace(res, trace)
}

func (d *Debugger) step(action int, vals []eval.Value) Step {
	if action < 0 {
		return Step{Action: "Initial predicate", Values: vals}
	}
	a := d.s.actions[action]
	return Step{Action: a.Name, Location: rangeOf(a.Loc), Values: vals}
}
