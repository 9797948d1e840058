package checker

import (
	"fmt"
	"sync"

	"github.com/tlals/tlals/checker/config"
	"github.com/tlals/tlals/checker/eval"
)

// Model features of the configuration beyond invariants: VIEW, ALIAS,
// POSTCONDITION, _POSSIBLE and _PERIODIC, as TLC implements them.
type features struct {
	view      *eval.Compiled // VIEW: states are identified by its value
	viewLoc   *eval.Loc
	varOrder  []int          // TLC's order of the variables (eval.Program.PrintOrder)
	alias     *eval.Compiled // ALIAS: traces print its record
	aliasName string
	posts     []pred // POSTCONDITION: checked once the search is complete
	// possible are the _POSSIBLE predicates, counted as constraints (see
	// pred.track) and checked before the POSTCONDITIONs.
	possible []pred
	periodic *eval.Compiled // _PERIODIC
	perName  string
	ctxs     sync.Pool
}

// checkViewName rejects a VIEW that is not an operator of no argument, as
// TLC's generateViewSpec does: a variable (not among TLC's definitions) is
// "not defined", a declared constant or constant-level definition (TLC has
// replaced it by its value) "cannot be a constant".
func checkViewName(prog *eval.Program, name string) error {
	info, ok := prog.Lookup(name)
	if !ok || (!info.IsOp && prog.Level(name) > eval.LevelConstant) {
		return &eval.Error{Msg: fmt.Sprintf("The view function %s specified in the configuration file\nis not defined in the specification.", name), Kind: eval.ErrCompile}
	}
	if _, isConst := prog.ConstantValue(name); isConst || !info.IsOp {
		return &eval.Error{Msg: fmt.Sprintf("The view function %s cannot be a constant.", name), Kind: eval.ErrCompile}
	}
	if info.Arity != 0 {
		return &eval.Error{Msg: "TLC requires view function not to take any argument, but one was given: " + name, Kind: eval.ErrCompile}
	}
	return nil
}

func (s *search) setupFeatures(cfg *config.Config) error {
	compileDef := func(name string) (*eval.Compiled, *eval.Loc, error) {
		e, err := s.prog.DefExpr(name)
		if err != nil {
			return nil, nil, err
		}
		ce, err := s.prog.Compile(e)
		return ce, e.Loc, err
	}
	var err error
	if cfg.View != nil {
		if err := checkViewName(s.prog, cfg.View.Text); err != nil {
			return err
		}
		if s.feat.view, s.feat.viewLoc, err = compileDef(cfg.View.Text); err != nil {
			return err
		}
		s.feat.varOrder = s.prog.PrintOrder
	}
	if cfg.Alias != nil {
		if s.feat.alias, _, err = compileDef(cfg.Alias.Text); err != nil {
			return err
		}
		s.feat.aliasName = cfg.Alias.Text
	}
	for _, n := range cfg.Postconditions {
		e, err := s.prog.DefExpr(n.Text)
		if err != nil {
			return err
		}
		p, err := s.prog.CompilePred(n.Text, e)
		if err != nil {
			return err
		}
		s.feat.posts = append(s.feat.posts, pred{name: n.Text, p: p})
	}
	// TLC's _POSSIBLE P: _Track(P, "P") joins the constraints (the action
	// constraints for an action P), after the configuration's, so it counts
	// the states (steps) the search generates and keeps, and
	// _CheckName("P") the postconditions.
	for _, n := range cfg.Possible {
		e, err := s.prog.DefExpr(n.Text)
		if err != nil {
			return err
		}
		p, err := s.prog.CompilePred(n.Text, e)
		if err != nil {
			return err
		}
		pr := pred{name: n.Text, p: p, track: true}
		switch lv := s.prog.Level(n.Text); {
		case lv <= eval.LevelState:
			s.cons = append(s.cons, pr)
		case lv == eval.LevelAction:
			s.acons = append(s.acons, pr)
		default:
			return &eval.Error{Loc: e.Loc, Msg: "_POSSIBLE " + n.Text + " is a temporal formula: it takes a state or action predicate"}
		}
		s.feat.possible = append(s.feat.possible, pr)
	}
	if cfg.Periodic != nil {
		if s.feat.periodic, _, err = compileDef(cfg.Periodic.Text); err != nil {
			return err
		}
		s.feat.perName = cfg.Periodic.Text
	}
	s.feat.ctxs.New = func() any { return s.prog.NewCtx() }
	return nil
}

// viewFingerprint fingerprints VIEW's value in st. Under SYMMETRY, TLC
// evaluates the view on the orbit's least state (eval.LeastImage, the
// variables compared in TLC's order), not on every image: two states with
// one view can then differ in fingerprint when their least images differ.
// An evaluation error stops the search.
func (s *search) viewFingerprint(st []eval.Value) uint64 {
	c := s.feat.ctxs.Get().(*eval.Ctx)
	defer s.feat.ctxs.Put(c)
	if len(s.perms) > 0 {
		// the least state compares the variables in TLC's order
		ord := s.feat.varOrder
		in := make([]eval.Value, len(st))
		for i, k := range ord {
			in[i] = st[k]
		}
		least := eval.LeastImage(in, s.perms)
		st = make([]eval.Value, len(st))
		for i, k := range ord {
			st[k] = least[i]
		}
	}
	v, err := s.feat.view.Eval(c, st, nil)
	if err != nil {
		s.fail(evalFailure(err, -1, st, -1, "Evaluating the VIEW failed: ", ExitFailureSpecEval))
		return 0
	}
	return eval.Fingerprint(v)
}

// aliasTrace replaces each state of the trace by the ALIAS record, evaluated
// on the state and its successor in the trace (the last state on itself),
// at the state's level (TLCGet("level")), as TLC prints it.
func (s *search) aliasTrace(res *Result, trace []Step) {
	c := s.prog.NewCtx()
	for i := range trace {
		if partial(trace[i].Values) {
			continue // an incompletely specified successor: printed as it is
		}
		next := trace[i].Values
		if i+1 < len(trace) && !partial(trace[i+1].Values) {
			next = trace[i+1].Values
		}
		c.SetLevel(i + 1)
		v, err := s.feat.alias.Eval(c, trace[i].Values, next)
		if err != nil {
			res.Warnings = append(res.Warnings, fmt.Sprintf("ALIAS %s could not be evaluated in state %d (the state is printed instead): %v", s.feat.aliasName, i+1, err))
			return
		}
		rec, ok := eval.RecordFields(v)
		if !ok {
			res.Warnings = append(res.Warnings, "ALIAS "+s.feat.aliasName+" is not a record (the states are printed instead): "+eval.Format(v))
			return
		}
		state := make([]VarValue, len(rec))
		for k, f := range rec {
			state[k] = VarValue{f.Name, eval.Format(f.Value)}
		}
		trace[i].State = state
	}
}

// checkPostconditions evaluates, after a complete search, the _POSSIBLE
// predicates' counts and then the POSTCONDITIONs (constant-level:
// TLCGet("stats") and the like), in the main thread. TLC reports a false
// one, or one it cannot evaluate, as an error with the assumption's exit
// status.
func (s *search) checkPostconditions(res *Result) {
	if len(s.feat.posts)+len(s.feat.possible) == 0 {
		return
	}
	switch res.Outcome {
	case OutcomeOK:
	case OutcomeInvariant, OutcomeActionProperty, OutcomeLiveness:
		// TLC evaluates them after a violation too (their output is
		// seen), but the violation found first stays the result
		saved := *res
		defer func() { *res = saved }()
	default:
		return
	}
	c := s.prog.NewCtx()
	falsified := func(name string, loc *eval.Loc) {
		res.Outcome, res.Property, res.Location, res.ExitCode = OutcomeError, name, rangeOf(loc), ExitViolationAssumption
		res.Message = "Postcondition " + name + " at " + rangeOf(loc).tlc() + " is false."
	}
	for _, p := range s.feat.possible {
		if !c.CheckPossible(p.name) {
			falsified(p.name, p.p.Loc)
			return
		}
	}
	for _, p := range s.feat.posts {
		if s.prog.IsConstantDef(p.name) {
			// TLC precomputes constant definitions and then finds no
			// expression to evaluate at the end (RuntimeException)
			res.Outcome, res.Property, res.Location, res.ExitCode = OutcomeError, p.name, rangeOf(p.p.Loc), ExitError
			res.Message = "The post condition " + p.name + " cannot be a constant."
			return
		}
		// TLC evaluates them with no state: a variable is no identifier
		c.NoState = true
		ok, err := p.p.Eval(c, make([]eval.Value, len(s.prog.Vars)), nil)
		if e, isVar := eval.NoStateVar(err); isVar {
			err = e
		}
		switch {
		case err != nil:
			f := evalFailure(err, -1, nil, -1, "Evaluating postcondition "+p.name+" at "+rangeOf(p.p.Loc).tlc()+" failed.\n", ExitViolationAssumption)
			res.Outcome, res.Property, res.Message, res.Location, res.ExitCode = OutcomeError, p.name, f.msg, rangeOf(f.loc), ExitViolationAssumption
			for _, l := range f.calls {
				res.Calls = append(res.Calls, rangeOf(l))
			}
			return
		case !ok:
			falsified(p.name, p.p.Loc)
			return
		}
	}
}

// periodicWork evaluates _PERIODIC, as TLC at each progress report; FALSE
// (or an evaluation error) stops the search.
func (s *search) periodicWork() {
	if s.feat.periodic == nil {
		return
	}
	c := s.prog.NewCtx()
	c.SetLevel(1) // TLC evaluates it on its empty state, of level 1
	v, err := s.feat.periodic.Eval(c, nil, nil)
	switch {
	case err != nil:
		s.fail(evalFailure(err, -2, nil, -1, "Evaluating the periodic operator "+s.feat.perName+" failed: ", ExitFailureSpecEval))
	case v == eval.Bool(false):
		s.fail(&failure{outcome: OutcomeError, property: s.feat.perName, msg: "The periodic operator " + s.feat.perName + " is false.", node: -2, code: ExitViolationAssumption})
	}
}
