package checker

import (
	"errors"

	"github.com/tlals/tlals/checker/config"
	"github.com/tlals/tlals/checker/eval"
	"github.com/tlals/tlals/parser/ast"
)

// checkSubstitutions evaluates, as TLC does before the search, each
// constant the configuration replaces by a definition (C <- Def): a
// definition that needs a state is a configuration error.
func checkSubstitutions(prog *eval.Program, subs []substitution) error {
	for _, sb := range subs {
		if !prog.IsSubstitutedConstant(sb.name) {
			continue
		}
		if _, err := prog.EvalConstant(sb.name); err != nil {
			if prog.IsConstantDef(sb.def) {
				// TLC keeps a constant-level definition it cannot
				// evaluate yet (lazy values): the error surfaces where
				// the constant is used (an ASSUME, Init)
				continue
			}
			msg := err.Error()
			var ee *eval.Error
			if errors.As(err, &ee) {
				msg = ee.Msg
				if r := rangeOf(ee.Loc); r != nil {
					msg += "\n" + r.tlc()
				}
			}
			return &eval.Error{Msg: "The configuration file substitutes constant " + sb.name + " with non-constant " + sb.def + " - specifically: " + msg}
		}
	}
	return nil
}

// substitution is a configuration's C <- Def of the root module.
type substitution struct{ name, def string }

func rootSubstitutions(cfg *config.Config) []substitution {
	if cfg == nil {
		return nil
	}
	var out []substitution
	for _, sb := range cfg.Substitutions {
		if sb.Module == nil {
			out = append(out, substitution{sb.Name.Text, sb.Def.Text})
		}
	}
	return out
}

// specItem is an initial predicate, action or invariant of TLCGet("spec").
type specItem struct {
	name string
	loc  *eval.Loc
}

// initItems names the initial predicates of a SPECIFICATION: a conjunct
// that uses a definition by its name, else "Init".
func initItems(prog *eval.Program, parts []eval.ExprIn) []specItem {
	var out []specItem
	for _, p := range parts {
		name := "Init"
		if app, ok := p.E.(*ast.OpApp); ok && len(app.Args) == 0 && len(app.Prefix) == 0 {
			name = app.Name.Name
			if e, err := prog.DefExpr(name); err == nil {
				out = append(out, specItem{name, e.Loc})
				continue
			}
		}
		out = append(out, specItem{name, p.Loc})
	}
	return out
}

// specValue is TLCGet("spec"): the behaviour spec as TLC split it, each part
// a record of its name and location.
func (s *search) specValue(inits []specItem) eval.Value {
	rec := func(it specItem) eval.Value {
		r := rangeOf(it.loc)
		if r == nil {
			r = &Range{}
		}
		loc := eval.MakeRecord([]string{"beginLine", "beginColumn", "endLine", "endColumn", "module"},
			[]eval.Value{eval.Int(int64(r.StartLine)), eval.Int(int64(r.StartColumn)), eval.Int(int64(r.EndLine)), eval.Int(int64(r.EndColumn)), eval.Str(r.Module)})
		return eval.MakeRecord([]string{"name", "location"}, []eval.Value{eval.Str(it.name), loc})
	}
	set := func(items []specItem) eval.Value {
		vs := make([]eval.Value, len(items))
		for i, it := range items {
			vs[i] = rec(it)
		}
		return eval.MakeSet(vs)
	}
	preds := func(ps []pred) []specItem {
		var out []specItem
		for _, p := range ps {
			if !p.track { // _POSSIBLE's counting is not the spec's
				out = append(out, specItem{p.name, p.p.Loc})
			}
		}
		return out
	}
	var acts, vars []specItem
	for _, a := range s.actions {
		acts = append(acts, specItem{a.Name, a.Loc})
	}
	for _, v := range s.prog.Vars {
		if d, ok := s.prog.Lookup(v); ok {
			vars = append(vars, specItem{v, d.Loc})
		}
	}
	return eval.MakeRecord(
		[]string{"inits", "actions", "temporals", "invariants", "impliedinits", "impliedactions", "impliedtemporals", "variables", "constraints", "actionconstraints"},
		[]eval.Value{set(inits), set(acts), set(nil), set(preds(s.invs)), set(preds(s.initProps)), set(preds(s.actProps)), set(nil), set(vars), set(preds(s.cons)), set(preds(s.acons))})
}
