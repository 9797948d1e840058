package checker

import (
	"fmt"
	"sort"

	"github.com/tlals/tlals/checker/eval"
)

// fill copies the search's outcome into res, rebuilding the trace.
func (s *search) fill(res *Result) {
	res.DistinctStates = s.distinct.Load()
	res.GeneratedStates = s.generated.Load()
	res.Depth = int(s.depth.Load())
	res.QueueLeft = s.queued.Load()
	if res.QueueLeft < 0 {
		res.QueueLeft = 0
	}
	s.fillContinued(res)
	f := s.err
	if f == nil {
		res.Outcome = OutcomeOK
		if !s.exited.Load() { // TLCSet("exit", TRUE) leaves states unexplored
			res.QueueLeft = 0
		}
		return
	}
	if f.prefix != nil {
		if f.after != nil {
			// TLC reports the deadlock (or violation), then the property
			// violated by the state stuttering
			dl := &Result{}
			s.fillFailure(dl, f.after)
			res.Preceding = &Preceding{Outcome: dl.Outcome, Message: dl.Message, Trace: dl.Trace}
		}
		res.Outcome, res.Property, res.Message, res.Location, res.ExitCode = f.outcome, f.property, f.msg, rangeOf(f.loc), f.code
		s.setTrace(res, s.prefixTrace(f.prefix))
		return
	}
	s.fillFailure(res, f)
}

// fillContinued sets res.Continued from the violations -continue went
// past, in the order one worker meets them: those a worker met past the
// state whose failure ended the search are dropped, as one worker stops
// before them.
func (s *search) fillContinued(res *Result) {
	vs := s.continued
	sort.SliceStable(vs, func(i, j int) bool {
		a, b := vs[i], vs[j]
		if a.level != b.level {
			return a.level < b.level
		}
		if a.idx != b.idx {
			return a.idx < b.idx
		}
		return a.seq < b.seq
	})
	cut := s.errIdx.Load()
	for _, v := range vs {
		if s.err != nil && v.level == s.level && v.idx > cut {
			break
		}
		var r Result
		s.fillFailure(&r, v.f)
		res.Continued = append(res.Continued, Preceding{Outcome: r.Outcome, Property: r.Property, Message: r.Message, Location: r.Location, Trace: r.Trace})
		res.Warnings = append(res.Warnings, r.Warnings...)
	}
}

// fillFailure sets res from the failure f, rebuilding its trace.
func (s *search) fillFailure(res *Result, f *failure) {
	res.Outcome, res.Property, res.Message, res.Location, res.ExitCode = f.outcome, f.property, f.msg, rangeOf(f.loc), f.code
	res.WhileInitial, res.Unexpected = f.initial, f.unexpected
	for _, l := range f.calls {
		res.Calls = append(res.Calls, rangeOf(l))
	}
	res.Nested = f.nested
	if f.node == -2 {
		return
	}
	if f.outcome == OutcomeError && s.prog.Interrupted() != "" {
		// the error is the interruption (a bound, a cancel): the result
		// is bounded, without a trace (interrupted), and a rebuild would
		// be interrupted too
		return
	}
	trace, err := s.rebuild(f.node)
	if err != nil {
		res.Warnings = append(res.Warnings, "could not rebuild the trace: "+err.Error())
		return
	}
	if f.extra != nil {
		step := Step{Values: f.extra}
		if f.action >= 0 {
			a := s.actions[f.action]
			step.Action, step.Location = a.Name, rangeOf(a.Loc)
		} else {
			step.Action = "Initial predicate"
		}
		trace = append(trace, step)
	}
	s.setTrace(res, trace)
}

// setTrace makes trace, with its states printed, res's trace.
func (s *search) setTrace(res *Result, trace []Step) {
	res.Vars = s.prog.Vars
	for i := range trace {
		trace[i].State = printedState(s.prog, trace[i].Values, formatOrNull)
	}
	if s.feat.alias != nil {
		s.aliasTrace(res, trace)
	}
	res.Trace = trace
}

// printedState is a state's variables, each printed by format, in the
// order TLC prints them (eval.Program.PrintOrder).
func printedState(prog *eval.Program, vals []eval.Value, format func(eval.Value) string) []VarValue {
	st := make([]VarValue, len(prog.Vars))
	for k, i := range prog.PrintOrder {
		st[k] = VarValue{prog.Vars[i], format(vals[i])}
	}
	return st
}

// formatOrNull prints v, or null for a variable an incompletely specified
// successor leaves unassigned (as TLC prints it).
func formatOrNull(v eval.Value) string {
	if v == nil {
		return "null"
	}
	return eval.Format(v)
}

// partial reports whether st leaves a variable unassigned.
func partial(st []eval.Value) bool {
	for _, v := range st {
		if v == nil {
			return true
		}
	}
	return false
}

// rebuild replays the path to node id: the initial state is found again by
// its fingerprint, then each step by running the recorded action from the
// previous state, as TLC does.
func (s *search) rebuild(id int32) ([]Step, error) {
	if id < 0 {
		return nil, nil
	}
	var path []node
	for id >= 0 {
		n, err := s.nodeAt(id)
		if err != nil {
			return nil, err
		}
		path = append(path, n)
		id = n.parent
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	// TLCGet("level") reads as in the search: 0 in the initial predicate,
	// the depth of the state an action leaves (1 for an initial state)
	c := s.prog.NewCtx()
	c.SetLevel(0)
	var cur []eval.Value
	err := s.init.Run(c, func(st []eval.Value) {
		if cur == nil && s.fingerprint(st) == path[0].fp {
			cur = cloneState(st)
		}
	})
	if err != nil {
		return nil, err
	}
	if cur == nil {
		return nil, fmt.Errorf("initial state not found again")
	}
	steps := []Step{{Action: "Initial predicate", Values: cur}}
	for i, n := range path[1:] {
		a := s.actions[n.action]
		var found []eval.Value
		c.SetLevel(i + 1)
		c.Cur = cur
		err := a.Run(c, func(next []eval.Value) {
			if found == nil && s.fingerprint(next) == n.fp {
				found = cloneState(next)
			}
		})
		if err != nil {
			return nil, err
		}
		if found == nil {
			return nil, fmt.Errorf("successor not found again by %s", a.Name)
		}
		steps = append(steps, Step{Action: a.Name, Location: rangeOf(a.Loc), Values: found})
		cur = found
	}
	return steps, nil
}

// nodeAt is node id, from the trace file when the run spills.
func (s *search) nodeAt(id int32) (node, error) {
	if s.spill != nil {
		return s.spill.fp.node(id)
	}
	return s.nodes[id], nil
}
