package eval

import (
	"slices"

	"github.com/tlals/tlals/parser/ast"
)

// isConstant reports whether a zero-argument definition can be evaluated
// once and cached: its body refers to no state variable (directly or through
// other definitions), no prime and no impure TLC operator. This is TLC's
// level bound (getLevelBound), which decides what TLC evaluates once, not
// the level analysis gives (Entity.Level): it counts instance parameters
// and names spelled as variables.
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
			if d := env.resolveOp(x, x.Op); d != nil && d.kind != dBuiltin && !p.isConstant(d) {
				ok = false
			}
		case *ast.Infix:
			if d := env.resolveOp(x, x.Op); d != nil && !p.isConstant(d) {
				ok = false
			}
		case *ast.OpApp:
			if len(x.Prefix) == 0 && slices.Contains(p.Vars, x.Name.Name) {
				// TLC's level bound takes any name spelled as a state
				// variable for one (UniqueString.getVarLoc), a bound
				// variable of another module too
				ok = false
				return false
			}
			e := env
			for _, pp := range x.Prefix {
				if e = e.inst(pp); e == nil {
					// an instance of a LET (LET T == INSTANCE TLC IN
					// T!TLCGet(..)): not looked into, so not known constant
					ok = false
					return false
				}
			}
			if d := e.resolve(x.Name); d != nil && !p.isConstant(d) {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// usesNext reports whether d's body evaluates something in the next state
// (a prime, UNCHANGED, ENABLED, [A]_v), directly or through the
// definitions it uses. TLC passes arguments unevaluated (LazyValue): a
// parameter primed in the body denotes the primed argument, so the
// arguments of such an operator are passed as lazy cells.
func (p *Program) usesNext(d *def) bool {
	switch d.primes {
	case 1, 3:
		return false
	case 2:
		return true
	}
	if d.kind != dOp || d.body == nil {
		return false
	}
	d.primes = 3
	r := p.nodeUsesNext(d.env, d.body)
	d.primes = 1
	if r {
		d.primes = 2
	}
	return r
}

func (p *Program) nodeUsesNext(env *modEnv, n ast.Node) bool {
	return p.actionOrUse(env, n, func(d *def) bool { return d.kind == dOp && p.usesNext(d) }, false)
}

// actionOrUse tells whether n (in env) is written with action syntax (a
// prime, UNCHANGED, ENABLED, [A]_v) or names a definition for which hit
// holds; a name under an instance made in a LET, which is not looked into,
// counts as letInstance says.
func (p *Program) actionOrUse(env *modEnv, n ast.Node, hit func(*def) bool, letInstance bool) bool {
	found := false
	use := func(d *def) {
		if d != nil && hit(d) {
			found = true
		}
	}
	ast.Inspect(n, func(m ast.Node) bool {
		if found {
			return false
		}
		switch x := m.(type) {
		case *ast.PostfixExpr:
			if x.Op == "'" {
				found = true
			} else {
				use(env.resolveOp(x, x.Op))
			}
		case *ast.PrefixExpr:
			if x.Op == "UNCHANGED" || x.Op == "ENABLED" {
				found = true
			} else {
				use(env.resolveOp(x, x.Op))
			}
		case *ast.BoxAction:
			found = true
		case *ast.Infix:
			use(env.resolveOp(x, x.Op))
		case *ast.OpApp:
			e := env
			for _, pp := range x.Prefix {
				if e = e.inst(pp); e == nil {
					found = found || letInstance
					return !found
				}
			}
			use(e.resolve(x.Name))
		}
		return !found
	})
	return found
}

// scopeLevel is the level of e in scope sc: p.level, raised by the
// bindings e refers to (a LET definition or an operator argument inlined in
// place is as high as its expression, an argument passed unevaluated is at
// least state-level).
func (p *Program) scopeLevel(sc cscope, e ast.Expr, depth int) int {
	lv := p.level(sc.env, e, 0)
	if lv >= LevelAction || depth > 20 {
		return lv
	}
	ast.Inspect(e, func(n ast.Node) bool {
		app, ok := n.(*ast.OpApp)
		if !ok || len(app.Prefix) > 0 {
			return true
		}
		b, _ := sc.findUse(app.Name)
		if b == nil {
			return true
		}
		switch {
		case (b.kind == bMacro || b.kind == bLazy) && b.body != nil && b.bsc != nil:
			lv = max(lv, p.scopeLevel(*b.bsc, b.body, depth+1))
		case b.lazyArg:
			lv = max(lv, LevelState)
		case b.kind == bMacroOpRef: // bound only to an action operator (actionOpArg)
			lv = max(lv, LevelAction)
		}
		return true
	})
	return lv
}

// isAction reports whether the argument e (in scope sc) is an action: its
// level is computed only when e uses the next state somewhere (usesNext,
// memoized per definition), which most arguments do not.
func (p *Program) isAction(sc cscope, e ast.Expr) bool {
	if !p.nodeUsesNext(sc.env, e) && !refersToInlined(sc, e) {
		return false
	}
	return p.scopeLevel(sc, e, 0) >= LevelAction
}

// refersToInlined reports whether e names a binding that stands for an
// expression (an inlined argument, a LET definition).
func refersToInlined(sc cscope, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if app, ok := n.(*ast.OpApp); ok && len(app.Prefix) == 0 && !found {
			if b, _ := sc.findUse(app.Name); b != nil && (b.kind == bMacro || b.kind == bLazy || b.kind == bMacroOpRef) {
				found = true
			}
		}
		return !found
	})
	return found
}

// IsConstantDef reports whether name, in the root module, is a definition
// TLC evaluates once before the search (a constant, or a definition of no
// argument that refers to no variable and no impure operator).
func (p *Program) IsConstantDef(name string) bool {
	d := p.Root.lookup(name) // a name the configuration (or the caller) gives
	return d != nil && len(d.params) == 0 && (d.kind == dConst || d.kind == dOp && d.body != nil) && p.isConstant(d)
}
