package eval

import (
	"strings"

	"github.com/tlals/tlals/parser/ast"
)

// Quantifiers and CHOOSE.

// compileQuant compiles \A and \E (bounded; TLC cannot enumerate the
// unbounded forms).
func (p *Program) compileQuant(sc cscope, x *ast.Quant) expr {
	if x.Kind != ast.Forall && x.Kind != ast.Exists {
		compileErr(sc.loc(x), "temporal quantifiers are not supported by the checker")
	}
	sc2, bd := p.compileBoundsOf(sc, x.Bounds, x)
	body := p.compileBool(sc2, x.Body)
	if x.Kind == ast.Exists {
		return func(c *Ctx, f *frame) Value {
			found := false
			bd.each(c, f, func() bool {
				if body(c, f) {
					found = true
					return false
				}
				return true
			})
			return Bool(found)
		}
	}
	return func(c *Ctx, f *frame) Value {
		return Bool(bd.each(c, f, func() bool { return body(c, f) }))
	}
}

func (p *Program) compileChoose(sc cscope, x *ast.Choose) expr {
	l := sc.loc(x)
	sc2, bd := p.compileBoundsOf(sc, []*ast.Bound{x.Bound}, x)
	body := p.compileBool(sc2, x.Body)
	slots := bd.bounds[0].slots
	tuple := bd.bounds[0].tuple
	return func(c *Ctx, f *frame) Value {
		var res Value
		defer chooseUnbounded(l)
		bd.each(c, f, func() bool {
			if body(c, f) {
				if tuple {
					vs := make([]Value, len(slots))
					for i, s := range slots {
						vs[i] = f.s[s]
					}
					res = mkTuple(vs)
				} else {
					res = f.s[slots[0]]
				}
				return false
			}
			return true
		})
		if res == nil {
			throw(l, "Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.")
		}
		return res
	}
}

// chooseUnbounded turns the failure to enumerate an infinite bound of CHOOSE
// (Nat, Int, STRING, Seq(S)) into an error naming the CHOOSE, as TLC refuses
// such a CHOOSE.
func chooseUnbounded(l *Loc) {
	r := recover()
	if r == nil {
		return
	}
	msg := ""
	switch x := r.(type) {
	case *Error:
		msg = x.Msg
	case *valErr:
		msg = x.msg
	}
	if strings.HasPrefix(msg, "attempted to enumerate the infinite set ") || strings.HasPrefix(msg, "TLC encountered the non-enumerable quantifier bound\n") || strings.HasPrefix(msg, "TLC encountered a non-enumerable quantifier bound\n") {
		panic(&Error{Loc: l, Msg: "Attempted to compute the value of an expression of\nform CHOOSE x \\in S: P, but S was not enumerable."})
	}
	panic(r)
}
