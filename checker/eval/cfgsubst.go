package eval

// IsSubstitutedConstant reports whether name is a constant of the root
// module, of no argument, that the configuration replaces by a definition
// (C <- Def). TLC evaluates such a definition before the search and
// rejects the configuration when it cannot be evaluated without a state.
func (p *Program) IsSubstitutedConstant(name string) bool {
	d := p.Root.defs[name]
	return d != nil && d.kind == dSubst && !d.cfg && d.substArity == 0 && d.senv == p.Root
}

// EvalConstant evaluates the zero-arity definition name of the root module
// with no state: every variable is unassigned.
func (p *Program) EvalConstant(name string) (v Value, err error) {
	e, err := p.DefExpr(name)
	if err != nil {
		return nil, err
	}
	ce, err := p.Compile(e)
	if err != nil {
		return nil, err
	}
	return ce.Eval(p.NewCtx(), make([]Value, len(p.Vars)), nil)
}
