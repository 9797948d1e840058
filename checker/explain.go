package checker

import (
	"github.com/tlals/tlals/checker/eval"
	"github.com/tlals/tlals/parser/ast"
)

// Failing is the smallest part of a violated invariant that is FALSE in
// the last state of the trace, with the values of the state variables it
// reads there: what the editor underlines and the CLI names.
type Failing struct {
	Location *Range     `json:"location"`
	Text     string     `json:"text"` // the sub-expression as written
	Values   []VarValue `json:"values"`
}

// maxExplainDepth bounds the descent through definitions (a recursive
// definition cannot hold the explanation forever).
const maxExplainDepth = 64

// explainInvariant evaluates the violated invariant's parts in the last
// state and descends into a FALSE one until no part alone is FALSE:
// through conjunctions, the consequent of an implication, definitions
// (their arguments inlined), LET, and a \A over a constant set (binding
// the first element for which the body is FALSE). Nil when that is the
// whole invariant.
func explainInvariant(prog *eval.Program, res *Result) *Failing {
	if res.Outcome != OutcomeInvariant || len(res.Trace) == 0 {
		return nil
	}
	root, err := prog.DefExpr(res.Property)
	if err != nil || root.Loc == nil {
		return nil
	}
	last := res.Trace[len(res.Trace)-1]
	isFalse := func(t eval.Term) bool {
		tp, err := prog.CompileTermPred(t)
		if err != nil {
			return false
		}
		ok, err := tp.Eval(prog.NewCtx(), last.Values, nil)
		return err == nil && !ok
	}
	falseOf := func(t eval.Term, parts ...ast.Expr) (eval.Term, bool) {
		for _, e := range parts {
			if n := t.Sub(e); isFalse(n) {
				return n, true
			}
		}
		return t, false
	}
	cur := prog.TermOf(root)
	var bound []VarValue
	descended := false
	for range maxExplainDepth {
		next, ok := cur, false
		switch x := cur.E.(type) {
		case *ast.Paren:
			next, ok = cur.Sub(x.X), true
		case *ast.Junction:
			if !x.Or {
				next, ok = falseOf(cur, x.Items...)
			}
		case *ast.Infix:
			switch x.Op {
			case `/\`:
				next, ok = falseOf(cur, x.X, x.Y)
			case "=>":
				next, ok = falseOf(cur, x.Y)
			}
		case *ast.Quant:
			if x.Kind != ast.Forall {
				break
			}
			ins, err := prog.Witnesses(cur)
			if err != nil {
				break // a set that depends on the state: the quantifier is the answer
			}
			for _, in := range ins {
				if isFalse(in.Term) {
					for i, name := range in.Names {
						bound = append(bound, VarValue{name, eval.Format(in.Values[i])})
					}
					next, ok = in.Term, true
					break
				}
			}
		case *ast.OpApp, *ast.Let, *ast.Labeled:
			if body, unfolded, err := prog.Unfold(cur); err == nil && unfolded {
				next, ok = body, true
			}
		}
		if !ok {
			break
		}
		cur, descended = next, true
	}
	loc := cur.Loc()
	if !descended || loc == nil || loc.File == nil {
		return nil
	}
	f, sp := loc.File, loc.Span
	if sp.Start < 0 || sp.End > len(f.Text) || sp.Start > sp.End {
		return nil
	}
	out := &Failing{Location: rangeOf(loc), Text: string(f.Text[sp.Start:sp.End]), Values: append([]VarValue{}, bound...)}
	// The variables it reads, in the state's order. A variable's name
	// means the variable: TLA+ forbids redeclaring it as a bound name.
	read := map[string]bool{}
	ast.Inspect(cur.E, func(n ast.Node) bool {
		if a, ok := n.(*ast.OpApp); ok && a.Name != nil && a.Args == nil {
			read[a.Name.Name] = true
		}
		return true
	})
	for _, v := range last.State {
		if read[v.Name] {
			out.Values = append(out.Values, v)
		}
	}
	return out
}
