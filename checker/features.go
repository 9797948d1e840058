package checker

import (
	"fmt"
	"sync"

	"github.com/tlals/tlals/checker/config"
	"github.com/tlals/tlals/checker/eval"
)

// Model features of the configuration beyond invariants: VIEW, ALIAS and
// POSTCONDITION, as TLC implements them.
type features struct {
	view      *eval.Compiled // VIEW: states are identified by its value
	viewLoc   *eval.Loc
	alias     *eval.Compiled // ALIAS: traces print its record
	aliasName string
	posts     []pred // POSTCONDITION: checked once the search is complete
	ctxs      sync.Pool
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
		if s.feat.view, s.feat.viewLoc, err = compileDef(cfg.View.Text); err != nil {
			return err
		}
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
		s.feat.posts = append(s.feat.posts, pred{n.Text, p})
	}
	s.feat.ctxs.New = func() any { return s.prog.NewCtx() }
	return nil
}

// viewFingerprint fingerprints VIEW's value in st (the smallest over the
// symmetry group's images of st, as TLC). An evaluation error stops the
// search.
func (s *search) viewFingerprint(st []eval.Value) uint64 {
	c := s.feat.ctxs.Get().(*eval.Ctx)
	defer s.feat.ctxs.Put(c)
	one := func(st []eval.Value) uint64 {
		v, err := s.feat.view.Eval(c, st, nil)
		if err != nil {
			s.fail(evalFailure(err, -1, st, -1, "Evaluating the VIEW failed: ", ExitFailureSpecEval))
			return 0
		}
		return eval.Fingerprint(v)
	}
	best := one(st)
	img := make([]eval.Value, len(st))
	for _, p := range s.perms {
		for i, v := range st {
			img[i] = p.Apply(v)
		}
		if fp := one(img); fp < best {
			best = fp
		}
	}
	return best
}

// aliasTrace replaces each state of the trace by the ALIAS record, evaluated
// on the state and its successor in the trace (the last state with no
// successor), as TLC prints it.
func (s *search) aliasTrace(res *Result, trace []Step) {
	c := s.prog.NewCtx()
	for i := range trace {
		var next []eval.Value
		if i+1 < len(trace) {
			next = trace[i+1].Values
		}
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

// checkPostconditions evaluates the POSTCONDITIONs after a complete search
// (they are constant-level: TLCGet("stats") and the like).
func (s *search) checkPostconditions(res *Result) {
	if res.Outcome != OutcomeOK || len(s.feat.posts) == 0 {
		return
	}
	name, loc, ok, err := s.checkPreds(s.prog.NewCtx(), s.feat.posts, nil, nil)
	switch {
	case err != nil:
		f := evalFailure(err, -1, nil, -1, "Evaluating postcondition "+name+" failed: ", ExitFailureSpecEval)
		res.Outcome, res.Message, res.Location, res.ExitCode = f.outcome, f.msg, rangeOf(f.loc), f.code
	case !ok:
		res.Outcome, res.Property, res.Message, res.Location = OutcomePostcondition, name, "Postcondition "+name+" is violated.", rangeOf(loc)
		res.ExitCode = ExitViolationSafety
	}
}

// OutcomePostcondition: a POSTCONDITION is false after the search.
const OutcomePostcondition = "postcondition"
