package eval

import (
	"sync/atomic"

	"github.com/tlals/tlals/parser/ast"
)

// Constant subexpressions are evaluated once per run.
//
// An expression is closed when its value cannot change during a run: it
// refers to no state variable, to no parameter, bound variable or LET
// definition outside itself, and to no operator whose value depends on
// the search (TLCGet, RandomElement, Trace) or that shows its evaluation
// (Print, TLCSet, Assert). `{d \in {-1, 0, 1} \X {-1, 0, 1} : d /= <<0, 0>>}`
// inside an operator called for every cell of every state, `1..N`,
// `Proc \ {self}`'s `Proc`, `[Proc -> BOOLEAN]`: TLC evaluates such an
// expression every time it meets it; the checker evaluates it the first
// time and keeps the value, when the value can be shared between workers
// (see shareable). Errors are not kept: a closed expression that fails
// fails again each time, where TLC would.

// hoistable reports whether e is worth a cache: literals and names are
// already constants or cached definitions.
func hoistable(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.SetEnum:
		return len(x.Elems) > 0
	case *ast.Tuple:
		return len(x.Elems) > 0
	case *ast.OpApp:
		return len(x.Args) > 0
	case *ast.SetFilter, *ast.SetMap, *ast.FuncLit, *ast.FuncSet, *ast.Record, *ast.RecordSet,
		*ast.Product, *ast.Infix, *ast.PrefixExpr, *ast.Quant, *ast.Choose, *ast.If, *ast.Case,
		*ast.FuncApp, *ast.Select:
		return true
	}
	return false
}

// closedCorePrefix are the prefix operators of TLA+ itself (no module
// defines them) whose value depends only on their operand's value.
var closedCorePrefix = map[string]bool{
	"SUBSET": true, "UNION": true, "DOMAIN": true, "~": true, "\\lnot": true, "\\neg": true, "-": true,
}

// closed reports whether e is closed in scope sc; inner holds the names
// bound within the expression being examined.
func (p *Program) closed(sc cscope, e ast.Expr, inner map[*ast.Ident]bool) bool {
	if sc.env.fallback != nil || sc.env.instKey != nil {
		return false // parameterized instance: names may denote its arguments
	}
	var ok func(e ast.Expr, inner map[*ast.Ident]bool) bool
	bind := func(inner map[*ast.Ident]bool, bs []*ast.Bound) (map[*ast.Ident]bool, bool) {
		out := make(map[*ast.Ident]bool, len(inner)+len(bs))
		for k := range inner {
			out[k] = true
		}
		for _, b := range bs {
			if b.Set == nil || !ok(b.Set, inner) {
				return nil, false
			}
			for _, n := range b.Names {
				out[n] = true
			}
		}
		return out, true
	}
	all := func(es []ast.Expr, inner map[*ast.Ident]bool) bool {
		for _, x := range es {
			if x == nil || !ok(x, inner) {
				return false
			}
		}
		return true
	}
	// pureBuiltin: a built-in whose value follows from its arguments'.
	pureBuiltin := func(d *def) bool {
		return d.kind == dBuiltin && d.bi.special == nil && !d.bi.impure && !d.bi.draws && !sideEffects[d.bi]
	}
	ok = func(e ast.Expr, inner map[*ast.Ident]bool) bool {
		switch x := e.(type) {
		case *ast.Paren:
			return ok(x.X, inner)
		case *ast.Number, *ast.String, *ast.Bool:
			return true
		case *ast.OpApp:
			if len(x.Prefix) > 0 {
				return false
			}
			name := x.Name.Name
			if len(x.Args) == 0 && inner[p.declOf(x.Name)] {
				return true
			}
			if b, _ := sc.findUse(x.Name); b != nil {
				return false // a parameter, bound variable or LET definition outside e
			}
			d := sc.env.resolve(x.Name)
			if d == nil {
				return len(x.Args) == 0 && (name == "BOOLEAN" || name == "STRING")
			}
			if len(x.Args) == 0 {
				switch d.kind {
				case dConst, dModelConst:
					return d.table == nil
				case dOp, dFunc:
					// cached by callCompiled when constant; its output, if
					// it prints, is TLC's once-only evaluation too
					return (d.kind == dFunc || len(d.params) == 0) && p.isConstant(d)
				case dBuiltin:
					return d.bi.arity == 0 && pureBuiltin(d)
				}
				return false
			}
			return pureBuiltin(d) && all(x.Args, inner)
		case *ast.Infix:
			if d := sc.env.resolveOp(x, x.Op); d != nil {
				if !pureBuiltin(d) {
					return false
				}
			} else if !builtinInfix[x.Op] { // TLA+'s own, in every spelling
				return false
			}
			return ok(x.X, inner) && ok(x.Y, inner)
		case *ast.PrefixExpr:
			if d := sc.env.resolveOp(x, x.Op); d != nil {
				if !pureBuiltin(d) {
					return false
				}
			} else if !closedCorePrefix[x.Op] {
				return false
			}
			return ok(x.X, inner)
		case *ast.Product:
			return all(x.Sets, inner)
		case *ast.SetEnum:
			return all(x.Elems, inner)
		case *ast.Tuple:
			return all(x.Elems, inner)
		case *ast.Junction:
			return all(x.Items, inner)
		case *ast.FuncApp:
			return ok(x.Fn, inner) && all(x.Args, inner)
		case *ast.FuncSet:
			return ok(x.Domain, inner) && ok(x.Range, inner)
		case *ast.Select:
			return ok(x.Rec, inner)
		case *ast.Record:
			for _, f := range x.Fields {
				if !ok(f.Expr, inner) {
					return false
				}
			}
			return true
		case *ast.RecordSet:
			for _, f := range x.Fields {
				if !ok(f.Expr, inner) {
					return false
				}
			}
			return true
		case *ast.If:
			return ok(x.Cond, inner) && ok(x.Then, inner) && ok(x.Else, inner)
		case *ast.Case:
			for _, a := range x.Arms {
				if !ok(a.Cond, inner) || !ok(a.Val, inner) {
					return false
				}
			}
			return x.Other == nil || ok(x.Other, inner)
		case *ast.SetFilter:
			in, good := bind(inner, []*ast.Bound{x.Bound})
			return good && ok(x.Pred, in)
		case *ast.SetMap:
			in, good := bind(inner, x.Bounds)
			return good && ok(x.Elem, in)
		case *ast.FuncLit:
			in, good := bind(inner, x.Bounds)
			return good && ok(x.Body, in)
		case *ast.Quant:
			in, good := bind(inner, x.Bounds)
			return good && ok(x.Body, in)
		case *ast.Choose:
			if x.Bound == nil || x.Bound.Set == nil {
				return false // unbounded CHOOSE: TLC's error, each time
			}
			in, good := bind(inner, []*ast.Bound{x.Bound})
			return good && ok(x.Body, in)
		}
		return false
	}
	return ok(e, inner)
}

// hoistCell keeps a closed expression's value once it is known.
type hoistCell struct {
	v   atomic.Pointer[cachedVal]
	off atomic.Bool // the value cannot be shared: evaluate every time
}

// hoist wraps the compiled closed expression inner.
func hoist(inner expr) expr {
	cell := &hoistCell{}
	return func(c *Ctx, f *frame) Value {
		if cv := cell.v.Load(); cv != nil {
			return cv.v
		}
		v := inner(c, f)
		// Where the caller keeps values lazy the value may not be the one
		// other uses need; it is kept from an ordinary evaluation.
		if c.keepLazy || cell.off.Load() {
			return v
		}
		if sv, ok := shareable(v); ok {
			cell.v.Store(&cachedVal{sv})
			return sv
		}
		cell.off.Store(true)
		return v
	}
}

// maxFilterCache bounds the base of a lazy filter the cache enumerates.
const maxFilterCache = 1 << 16

// shareable returns v, or an equal value, when it can serve every later
// evaluation in any worker: it holds no closure over one evaluation's
// frames (a lazy filter or function). A lazy filter over a small finite
// set is enumerated here; if its predicate fails the value is not kept.
func shareable(v Value) (Value, bool) {
	budget := 1 << 14
	if fv, isFilter := v.(*FilterV); isFilter {
		if !plain(fv.Base, &budget) || !smallFinite(fv.Base) {
			return nil, false
		}
		var elems []Value
		var err error
		failed := func() (failed bool) {
			defer func() {
				if recover() != nil {
					failed = true
				}
			}()
			elems, err = fv.enumerate()
			return err != nil
		}()
		if failed {
			return nil, false
		}
		return mkSet(append([]Value(nil), elems...)), true
	}
	return v, plain(v, &budget)
}

// plain reports whether v is made of values without closures, looking at
// no more than *budget parts.
func plain(v Value, budget *int) bool {
	if *budget--; *budget < 0 {
		return false
	}
	switch x := v.(type) {
	case Int, Str, Bool, *ModelValue, StringV, NatV, IntSetV, *IntervalV:
		return true
	case *SetV:
		for _, e := range x.elems {
			if !plain(e, budget) {
				return false
			}
		}
		return true
	case *FcnV:
		for _, e := range x.Dom {
			if !plain(e, budget) {
				return false
			}
		}
		for _, e := range x.Vals {
			if !plain(e, budget) {
				return false
			}
		}
		return true
	case *SubsetV:
		return plain(x.Base, budget)
	case *SeqSetV:
		return plain(x.Base, budget)
	case *UnionV:
		return plain(x.Base, budget)
	case *FuncSetV:
		return plain(x.Dom, budget) && plain(x.Rng, budget)
	case *DiffV:
		return plain(x.A, budget) && plain(x.B, budget)
	case *CupV:
		return plain(x.A, budget) && plain(x.B, budget)
	case *RecSetV:
		for _, s := range x.Sets {
			if !plain(s, budget) {
				return false
			}
		}
		return true
	case *ProductV:
		for _, s := range x.Sets {
			if !plain(s, budget) {
				return false
			}
		}
		return true
	}
	return false
}

// smallFinite reports whether the plain set s has at most maxFilterCache
// elements, without enumerating it.
func smallFinite(s Value) bool {
	n, ok := cheapCard(s)
	return ok && n <= maxFilterCache
}
