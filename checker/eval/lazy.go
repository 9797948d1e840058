package eval

import (
	"strings"

	"github.com/tlals/tlals/parser/ast"
)

// TLC builds a function constructor's value at once, except where the
// function is applied (EvalControl.KeepLazy, tlals's Ctx.keepLazy: f[a],
// <<f, g>>[1], <<[a |-> f]>>[1], not [a |-> f].a): there it is a
// FcnLambdaValue whose body is
// evaluated at an element when needed. Printed, such a function reads as
// FcnLambdaValue.toString prints it: the function when every element can
// be computed, else [x \in S |-> <expression LOCATION>], each bound group
// by its first name (FcnParams.toString) and the body by its location.
// ToString, which TLC evaluates in full, fails instead.

// lambdaForm is a constructor's printed form, its domains evaluated.
type lambdaForm struct {
	groups []lambdaGroup
	doms   []Value // each group's set
	body   *Loc
}

type lambdaGroup struct {
	names []string
	tuple bool
	first int // the group's first bound in the binder
}

// lambdaOf describes x, whose bounds compiled to bd.
func lambdaOf(x *ast.FuncLit, bd *binder, body *Loc) *lambdaForm {
	lf := &lambdaForm{body: body}
	i := 0
	for _, b := range x.Bounds {
		g := lambdaGroup{tuple: b.Tuple, first: i}
		for _, n := range b.Names {
			g.names = append(g.names, n.Name)
		}
		lf.groups = append(lf.groups, g)
		if b.Tuple {
			i++
		} else {
			i += len(b.Names)
		}
	}
	if i != len(bd.bounds) {
		return nil
	}
	return lf
}

// at is lf with the domain dom of the function built (bd.domain: the one
// set, or the product of the bounds' sets).
func (lf *lambdaForm) at(dom Value) *lambdaForm {
	if lf == nil {
		return nil
	}
	out := &lambdaForm{groups: lf.groups, body: lf.body}
	if len(lf.groups) == 1 && (lf.groups[0].tuple || len(lf.groups[0].names) == 1) {
		out.doms = []Value{dom}
		return out
	}
	p, ok := dom.(*ProductV)
	if !ok {
		return nil
	}
	for _, g := range lf.groups {
		if g.first >= len(p.Sets) {
			return nil
		}
		out.doms = append(out.doms, p.Sets[g.first])
	}
	return out
}

func (lf *lambdaForm) format(b *strings.Builder) {
	b.WriteByte('[')
	for i, g := range lf.groups {
		if i > 0 {
			b.WriteString(", ")
		}
		if g.tuple {
			b.WriteString("<<" + strings.Join(g.names, ", ") + ">>")
		} else if len(g.names) > 0 {
			b.WriteString(g.names[0])
		}
		b.WriteString(" \\in ")
		format(b, lf.doms[i])
	}
	b.WriteString(" |-> <expression " + lf.body.String() + ">]")
}

// tryEval runs build; an evaluation error it raises is recovered (ok
// false) with c restored to what it was, unless the program was
// interrupted. Other panics go on.
func (c *Ctx) tryEval(build func() Value) (v Value, ok bool) {
	depth, inst, cov, keep, mark := c.depth, len(c.inst), len(c.covStack), c.keepLazy, c.frames.mark()
	defer func() {
		if r := recover(); r != nil {
			if !evalFailure(r) || (c.prog != nil && c.prog.Interrupted() != "") {
				panic(r)
			}
			c.depth, c.inst, c.covStack, c.keepLazy = depth, c.inst[:inst], c.covStack[:cov], keep
			c.frames.release(mark)
			v, ok = nil, false
		}
	}()
	return build(), true
}

// evalFailure: r is an error of the evaluation (TLC's would be raised when
// the value is needed), not of the compilation or the machinery.
func evalFailure(r any) bool {
	switch x := r.(type) {
	case *Error:
		return x.Kind != ErrCompile
	case *valErr:
		return true
	}
	return false
}

// formatLazy prints f, or its lambda form when it cannot be materialized.
func formatLazy(b *strings.Builder, f *LazyFcnV) {
	var n Value
	var err error
	ok := true
	if f.lambda != nil {
		_, ok = (&Ctx{prog: f.prog}).tryEval(func() Value {
			n, err = normalize(f)
			return nil
		})
	} else {
		n, err = normalize(f)
	}
	switch {
	case ok && err == nil:
		format(b, n)
	case f.lambda != nil:
		f.lambda.format(b)
	default:
		b.WriteString("<function>")
	}
}

// materialize computes every lazy function inside v (raising what it
// raises), for what TLC evaluates in full: ToString.
func materialize(v Value) {
	switch x := v.(type) {
	case *LazyFcnV:
		n, err := normalize(x)
		if err != nil {
			panic(&valErr{msg: err.Error()})
		}
		materialize(n)
	case *FcnV:
		for _, e := range x.Vals {
			materialize(e)
		}
	case *SetV:
		for _, e := range x.elems {
			materialize(e)
		}
	}
}
