package eval

import "github.com/tlals/tlals/parser/ast"

// IsSubstitutedConstant reports whether name is a constant of the root
// module, of no argument, that the configuration replaces by a definition
// (C <- Def). TLC evaluates such a definition before the search and
// rejects the configuration when it cannot be evaluated without a state.
func (p *Program) IsSubstitutedConstant(name string) bool {
	d := p.Root.defs[name] // a name the configuration gives
	return d != nil && d.kind == dSubst && !d.cfg && d.substArity == 0 && d.senv == p.Root
}

// IsValuedConstant reports whether name is a constant of the root module
// that the configuration gives a value (C = v, or a model value), not a
// definition (C <- Def).
func (p *Program) IsValuedConstant(name string) bool {
	d := p.Root.lookup(name) // a name the configuration gives
	return d != nil && (d.kind == dConst || d.kind == dModelConst)
}

// EvalConstant evaluates the zero-arity definition name of the root module
// with no state: every variable is unassigned.
// It evaluates a use of the name, not the body, so that a constant
// definition keeps the value for its later uses.
func (p *Program) EvalConstant(name string) (v Value, err error) {
	d := p.Root.lookup(name) // a name the configuration (or the caller) gives
	if d == nil {
		return nil, &Error{Msg: "the operator " + name + " is not defined in the specification", Kind: ErrCompile}
	}
	id := &ast.Ident{Name: name}
	l := &Loc{File: p.Root.file} // a builtin (_PrintCounts) has no place
	if d.loc != nil {
		id.Span, l = d.loc.Span, d.loc
	}
	ce, err := p.Compile(ExprIn{E: &ast.OpApp{Span: id.Span, Name: id}, env: p.Root, Loc: l})
	if err != nil {
		return nil, err
	}
	return ce.Eval(p.NewCtx(), make([]Value, len(p.Vars)), nil)
}

// ConstantValue is the value of the root module's definition name when TLC
// computes it before the search, as it does for every constant-level
// definition of no argument (SpecProcessor.processConstantDefns): ok is
// false for a definition that needs a state, takes arguments or fails to
// evaluate (TLC then evaluates it where it is used).
func (p *Program) ConstantValue(name string) (v Value, ok bool) {
	d := p.Root.lookup(name) // a name the configuration (or the caller) gives
	if d == nil {
		return nil, false
	}
	switch {
	case d.kind == dOp && len(d.params) == 0 && d.body != nil:
	case d.kind == dFunc:
	case d.kind == dConst && d.table == nil && !d.missing:
	default:
		return nil, false
	}
	if !p.isConstant(d) {
		return nil, false
	}
	v, err := p.EvalConstant(name)
	return v, err == nil
}

// DeclaresForSubst reports whether the configuration may substitute for
// name (Op <- Def): the root module declares it as a constant or defines it,
// itself or in a module it extends (a standard module's operators too), as
// TLC's root constants and definitions; a variable is neither.
func (p *Program) DeclaresForSubst(name string) bool {
	for e := p.Root; e != nil; e = e.fallback {
		if d := e.defs[name]; d != nil {
			return d.kind != dVar
		}
	}
	return false
}
