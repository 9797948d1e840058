package eval

import "github.com/tlals/tlals/parser/ast"

// isConstant reports whether a zero-argument definition can be evaluated
// once and cached: its body refers to no state variable (directly or through
// other definitions), no prime and no impure TLC operator.
func (p *Program) isConstant(d *def) bool {
	switch d.kind {
	case dConst:
		return true
	case dVar, dInstParam:
		return false
	case dBuiltin:
		return !d.bi.impure
	}
	if d.level >= 0 {
		return d.level == 0
	}
	if d.levelBusy {
		return true // recursion: decided by the other members of the cycle
	}
	d.levelBusy = true
	env := d.env
	var body ast.Node = d.body
	if d.kind == dSubst {
		env, body = d.senv, d.sexpr
	}
	if d.kind == dFunc {
		body = d.fdef
	}
	c := p.nodeConstant(env, body)
	d.levelBusy = false
	if c {
		d.level = 0
	} else {
		d.level = 1
	}
	return c
}

func (p *Program) nodeConstant(env *modEnv, n ast.Node) bool {
	if n == nil {
		return true
	}
	ok := true
	ast.Inspect(n, func(m ast.Node) bool {
		if !ok {
			return false
		}
		switch x := m.(type) {
		case *ast.PostfixExpr:
			if x.Op == "'" {
				ok = false
			}
		case *ast.PrefixExpr:
			if x.Op == "UNCHANGED" || x.Op == "ENABLED" {
				ok = false
			}
			if d := env.lookup(x.Op); d != nil && d.kind != dBuiltin && !p.isConstant(d) {
				ok = false
			}
		case *ast.Infix:
			if d := env.lookup(x.Op); d != nil && !p.isConstant(d) {
				ok = false
			}
		case *ast.OpApp:
			e := env
			for _, pp := range x.Prefix {
				if e = e.insts[pp.Name.Name]; e == nil {
					return true
				}
			}
			if d := e.lookup(x.Name.Name); d != nil && !p.isConstant(d) {
				ok = false
			}
		}
		return ok
	})
	return ok
}
