package checker

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/tlals/tlals/checker/eval"
	"github.com/tlals/tlals/parser/source"
)

// This file serves engines other than the search (checker/tlcengine runs
// TLC): they report a verdict, counts and a trace of values, and the
// functions here give that result the shape Check gives its own, so that
// every front end shows it the same way.

// ModelValues are the model values m's configuration declares, by name,
// as Check creates them (same ranks, so that sets order as in a run).
func (m *Model) ModelValues() map[string]*eval.ModelValue {
	models := map[string]*eval.ModelValue{}
	if m.Config == nil {
		return models
	}
	for _, c := range m.Config.Constants {
		for _, a := range c.Args {
			configValue(models, a)
		}
		configValue(models, c.Value)
	}
	return models
}

// UntypedModelValue is a model value no configuration declares (TLC prints
// such values, e.g. those TLCExt or IOUtils make): it orders after every
// declared one, as in the evaluator.
func UntypedModelValue(name string) *eval.ModelValue {
	return &eval.ModelValue{Name: name, Rank: math.MaxInt32}
}

// RangeAt is the range from line sl, column sc to line el, column ec
// (1-based, end inclusive, columns in UTF-16 units as TLC counts) of the
// module named module among m's modules; nil when m has no such module
// or the position lies outside it.
func (m *Model) RangeAt(module string, sl, sc, el, ec int) *Range {
	f := m.moduleFile(module)
	if f == nil || sl < 1 || sc < 1 || el < sl || ec < 1 || el > f.LineCount() {
		return nil
	}
	start, err1 := f.Offset(source.Position{Line: sl - 1, Character: sc - 1}, source.UTF16)
	end, err2 := f.Offset(source.Position{Line: el - 1, Character: ec}, source.UTF16)
	if err1 != nil || err2 != nil || end < start {
		return nil
	}
	return SpanRange(f, source.Span{Start: start, End: end})
}

// moduleFile is the file of the module named name: the root or one the
// analysis loaded; nil for a natively implemented standard module.
func (m *Model) moduleFile(name string) *source.File {
	if m.Root != nil && m.Root.File != nil && m.Root.AST != nil && m.Root.AST.Name != nil && m.Root.AST.Name.Name == name {
		return m.Root.File
	}
	if m.Loader == nil {
		return nil
	}
	mod, err := m.Loader(name)
	if err != nil || mod == nil {
		return nil
	}
	return mod.File
}

// Adopt completes res, a result another engine found for m, as Check
// completes its own: the variables, each step's printed state (from its
// Values, in declaration order), the location of a violated invariant,
// action property or temporal property, the smallest FALSE part of a
// violated invariant, and the exit status when res has none. Steps whose
// Values are nil keep the State the engine printed.
func Adopt(m *Model, res *Result) error {
	prog, err := m.Compile()
	if err != nil {
		return err
	}
	res.Vars = prog.Vars
	for i := range res.Trace {
		st := &res.Trace[i]
		if st.Values == nil {
			continue
		}
		st.State = printedState(prog, st.Values, eval.Format)
	}
	if res.Location == nil && res.Property != "" {
		res.Location = m.propertyRange(prog, res.Outcome, res.Property)
	}
	if res.ExitCode == 0 {
		res.ExitCode = exitCode(res.Outcome)
	}
	res.Failing = explainInvariant(prog, res)
	return nil
}

// PropertyRange is where Check locates the violation (outcome) of the
// invariant, action property or temporal property named name, and the
// failure to evaluate one (with outcome OutcomeInvariant or
// OutcomeActionProperty); nil when m has no such property.
func (m *Model) PropertyRange(outcome, name string) *Range {
	prog, err := m.Compile()
	if err != nil {
		return nil
	}
	return m.propertyRange(prog, outcome, name)
}

func (m *Model) propertyRange(prog *eval.Program, outcome, name string) *Range {
	cfg := m.Config
	if cfg == nil {
		return nil
	}
	if outcome == OutcomeInvariant {
		for _, n := range cfg.Invariants {
			if n.Text == name {
				if e, err := prog.DefExpr(name); err == nil {
					return rangeOf(e.Loc)
				}
			}
		}
	}
	for _, n := range cfg.Properties {
		parts, err := prog.NamedPropertyParts(n.Text)
		if err != nil {
			continue
		}
		switch outcome {
		case OutcomeInvariant, OutcomeActionProperty:
			k := 1
			if outcome == OutcomeActionProperty {
				k = 2
			}
			for _, p := range parts[k] {
				if p.Name == name {
					return rangeOf(p.Loc)
				}
			}
		case OutcomeLiveness:
			// TLC names the property only: its first temporal part
			if n.Text == name && len(parts[3]) > 0 {
				return rangeOf(parts[3][0].Loc)
			}
		}
	}
	if e, err := prog.DefExpr(name); err == nil && outcome == OutcomeLiveness {
		return rangeOf(e.Loc) // the property's definition
	}
	return nil
}

// Replayed is a behaviour Replay checked.
type Replayed struct {
	// Steps are the states with the action that takes each (the first, in
	// the order Check tries them), named and located as Check names and
	// locates them; a step that repeats its state is "Stuttering".
	Steps []Step
	// Outcome, Property, Message and Location are the violation the
	// behaviour's end shows, as Check reports it: an invariant the last
	// state violates, an action property the last step violates, or a
	// deadlock (no successor, when deadlock is checked); Outcome is ""
	// when the end shows none of these.
	Outcome, Property, Message string
	Location                   *Range
}

// Replay checks that states, each a state's values in declaration order,
// are a behaviour of m's specification: the first an initial state, each
// next one a successor of the one before under one of the next-state
// actions (or the same state: stuttering). An error names the first state
// that is not. Another engine's counterexample is checked with it before it
// is shown as ours. opt gives CheckDeadlock.
func Replay(ctx context.Context, m *Model, states [][]eval.Value, opt Options) (*Replayed, error) {
	if len(states) == 0 {
		return &Replayed{}, nil
	}
	endRun, err := eval.BeginSpecRun(ctx, eval.SpecOrder(m.Config, m.Root.AST, m.Root.File, m.Loader))
	if err != nil {
		return nil, err
	}
	defer endRun()
	consts, substs, _, err := constants(m.Config)
	if err != nil {
		return nil, err
	}
	prog, err := eval.NewProgram(m.Root, m.Loader, consts, substs)
	if err != nil {
		return nil, err
	}
	res := &Result{}
	opt = Options{Workers: 1, Output: func(eval.Print) {}, CheckDeadlock: opt.CheckDeadlock}
	prog.SetRun(runOf(m, opt, res, func() {}))
	s, err := newSearch(ctx, prog, m, opt, res)
	if err != nil {
		return nil, err
	}
	if s == nil || s.init == nil {
		return nil, fmt.Errorf("the specification has no initial states to replay from")
	}
	for i, st := range states {
		if len(st) != len(prog.Vars) {
			return nil, fmt.Errorf("state %d has %d values for %d variables", i+1, len(st), len(prog.Vars))
		}
	}
	c := prog.NewCtx()
	want := eval.StateFingerprint(states[0])
	found := false
	if err := s.init.Run(c, func(st []eval.Value) {
		found = found || eval.StateFingerprint(st) == want
	}); err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("state 1 is not an initial state of the specification")
	}
	out := &Replayed{Steps: []Step{{Action: "Initial predicate", Values: states[0]}}}
	for i := 1; i < len(states); i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		want := eval.StateFingerprint(states[i])
		taken := -1
		for ai, a := range s.actions {
			c.Cur = states[i-1]
			err := a.Run(c, func(next []eval.Value) {
				if taken < 0 && eval.StateFingerprint(next) == want {
					taken = ai
				}
			})
			if err != nil {
				return nil, fmt.Errorf("state %d: %s: %v", i+1, a.Name, err)
			}
			if taken >= 0 {
				break
			}
		}
		if taken < 0 {
			if want == eval.StateFingerprint(states[i-1]) {
				out.Steps = append(out.Steps, Step{Action: "Stuttering", Values: states[i]})
				continue
			}
			return nil, fmt.Errorf("state %d is not a successor of state %d under the next-state relation", i+1, i)
		}
		a := s.actions[taken]
		out.Steps = append(out.Steps, Step{Action: a.Name, Location: rangeOf(a.Loc), Values: states[i]})
	}
	s.endVerdict(c, states, out)
	return out, nil
}

// endVerdict sets out's violation: what Check reports at the behaviour's
// end.
func (s *search) endVerdict(c *eval.Ctx, states [][]eval.Value, out *Replayed) {
	last := states[len(states)-1]
	if name, loc, ok, err := s.checkPreds(c, s.invs, last, nil); err == nil && !ok {
		out.Outcome, out.Property, out.Message, out.Location = OutcomeInvariant, name, "Invariant "+name+" is violated.", rangeOf(loc)
		if len(states) == 1 {
			out.Message = "Invariant " + name + " is violated by the initial state."
		}
		return
	}
	if len(states) > 1 {
		if name, loc, ok, err := s.checkPreds(c, s.actProps, states[len(states)-2], last); err == nil && !ok {
			out.Outcome, out.Property, out.Message, out.Location = OutcomeActionProperty, name, "Action property "+name+" is violated.", rangeOf(loc)
			return
		}
	}
	if !s.deadlock {
		return
	}
	for _, a := range s.actions {
		any := false
		c.Cur = last
		if err := a.Run(c, func([]eval.Value) { any = true }); err != nil || any {
			return
		}
	}
	out.Outcome, out.Message = OutcomeDeadlock, "Deadlock reached."
}

// Engine is a model checker front ends can choose: Check is the built-in
// one; checker/tlcengine makes one that runs TLC.
type Engine func(ctx context.Context, m *Model, opt Options) (*Result, error)

// LocateEvalFailure is where Check locates the evaluation failure that
// another engine reports only by what it was evaluating: the invariant
// or action property name (kind OutcomeInvariant or
// OutcomeActionProperty) on the last state or step of trace, or the
// assumption at assume (kind OutcomeAssume). It evaluates that with the
// built-in evaluator and returns the failing expression and the
// operator applications around it (Result.Location, Result.Calls); nil
// when that evaluation does not fail. What the evaluation prints is
// dropped.
func (m *Model) LocateEvalFailure(kind, name string, assume *Range, trace []Step) (*Range, []*Range) {
	prog, err := m.Compile()
	if err != nil {
		return nil, nil
	}
	prog.SetRun(runOf(m, Options{Workers: 1, Output: func(eval.Print) {}}, &Result{}, func() {}))
	var cur, next []eval.Value
	var e eval.ExprIn
	switch kind {
	case OutcomeAssume:
		for _, a := range prog.Assumptions() {
			if r := rangeOf(a.E.Loc); assume != nil && r != nil && r.Start == assume.Start && r.End == assume.End && r.File == assume.File {
				e = a.E
			}
		}
	case OutcomeInvariant, OutcomeActionProperty:
		n := len(trace)
		if n == 0 {
			return nil, nil
		}
		cur = trace[n-1].Values
		if kind == OutcomeActionProperty {
			if n < 2 {
				return nil, nil
			}
			cur, next = trace[n-2].Values, trace[n-1].Values
		}
		if cur == nil {
			return nil, nil
		}
		e, err = prog.DefExpr(name)
		if err != nil {
			e = eval.ExprIn{}
			// a conjunct of a PROPERTY, which TLC names by its text
			for _, n := range m.Config.Properties {
				parts, perr := prog.NamedPropertyParts(n.Text)
				if perr != nil {
					continue
				}
				for _, p := range parts[1:3] {
					for _, x := range p {
						if x.Name == name {
							e = x.ExprIn
						}
					}
				}
			}
		}
	}
	if e.E == nil {
		return nil, nil
	}
	pr, err := prog.CompilePred(name, e)
	if err != nil {
		return nil, nil
	}
	var ee *eval.Error
	if _, err = pr.Eval(prog.NewCtx(), cur, next); !errors.As(err, &ee) || ee.Loc == nil {
		return nil, nil
	}
	var calls []*Range
	for _, l := range ee.Calls {
		calls = append(calls, rangeOf(l))
	}
	return rangeOf(ee.Loc), calls
}
