package checker

import (
	"errors"

	"github.com/tlals/tlals/checker/config"
	"github.com/tlals/tlals/checker/eval"
)

// checkSubstitutions evaluates, as TLC does before the search, each
// constant the configuration replaces by a definition (C <- Def): a
// definition that needs a state (or fails) is a configuration error.
func checkSubstitutions(prog *eval.Program, subs []substitution) error {
	for _, sb := range subs {
		if !prog.IsSubstitutedConstant(sb.name) {
			continue
		}
		if _, err := prog.EvalConstant(sb.name); err != nil {
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
