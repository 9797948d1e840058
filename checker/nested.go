package checker

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tlals/tlals/checker/eval"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// nestedPositions are the expressions TLC lists for an evaluation error
// in the initial predicate or an action ("The error occurred when TLC was
// evaluating the nested expressions at the following positions"): TLC
// replays the failed evaluation with its CallStackTool, which pushes
// every expression it evaluates and freezes the stack at the error. They
// are, from root (the action's expression, or the initial predicate), the
// expressions enclosing the first operator application of the error's
// call chain, then in that operator's body those enclosing the next
// application, and so on to the error's own expression. nil when the
// chain cannot be followed in the syntax (an error in a LET definition,
// in a standard module): no positions rather than wrong ones.
func (m *Model) nestedPositions(root ast.Expr, rootFile *source.File, err error) []*Range {
	var ee *eval.Error
	if m == nil || root == nil || rootFile == nil || !errors.As(err, &ee) || ee.Loc == nil || ee.Loc.File == nil {
		return nil
	}
	targets := append(append([]*eval.Loc{}, ee.Calls...), ee.Loc)
	// the calls that lead to the action (Next's A in A \/ B) are TLC's
	// splitting of the next-state relation, not evaluations: start at the
	// last target inside root
	first := -1
	for i, t := range targets {
		if t.File == rootFile && within(root.Pos(), t.Trimmed()) {
			first = i
		}
	}
	if first < 0 {
		return nil
	}
	var out []*Range
	add := func(f *source.File, path []ast.Expr) {
		for _, e := range path {
			r := rangeOf(&eval.Loc{File: f, Span: e.Pos()})
			if n := len(out); n > 0 && out[n-1].Start == r.Start && out[n-1].End == r.End {
				continue // TLC skips a node pushed twice in a row
			}
			out = append(out, r)
		}
	}
	path, action := exprPath(root, rootFile, targets[first].Trimmed(), true)
	if path == nil {
		return nil
	}
	add(rootFile, path)
	for _, t := range targets[first+1:] {
		body := m.definitionBody(t)
		if body == nil {
			return nil
		}
		if path, action = exprPath(body, t.File, t.Trimmed(), action); path == nil {
			return nil
		}
		add(t.File, path)
	}
	return out
}

// within reports whether span in lies inside span out.
func within(out, in source.Span) bool { return out.Start <= in.Start && in.End <= out.End }

// exprPath is the chain of expressions from root down to the one whose
// span is t, outermost first (parentheses are not expressions to TLC);
// nil when t is no expression inside root, or lies in a LET definition.
// action: root is where TLC enumerates states (an action, the initial
// predicate), which it does in continuation-passing style: to reach a
// conjunct it goes through the ones before it, which stay on its stack
// (Tool.getNextStates with its ActionItemList), so the path lists them;
// this holds down to the first expression TLC evaluates instead (x' = e,
// a state predicate). The second result is whether t was reached so.
func exprPath(root ast.Expr, f *source.File, t source.Span, action bool) ([]ast.Expr, bool) {
	var out []ast.Expr
	var n ast.Node = root
	for depth := 0; depth < 10000; depth++ {
		if action {
			switch x := n.(type) {
			case *ast.Junction, *ast.Paren, *ast.Let, *ast.If, *ast.Case, *ast.Quant, *ast.Labeled:
			case *ast.Infix:
				action = x.Op == "/\\" || x.Op == "\\/"
			case *ast.OpApp:
			default:
				action = false
			}
		}
		if e, ok := n.(ast.Expr); ok {
			if _, paren := e.(*ast.Paren); !paren {
				out = append(out, e)
			}
		}
		if sp := trimmed(f, n.Pos()); sp == t {
			if _, paren := n.(*ast.Paren); !paren {
				return out, action
			}
		}
		var next ast.Node
		var before []ast.Expr // conjuncts before next
		for _, c := range ast.Children(n) {
			switch c.(type) {
			case *ast.Ident:
				continue
			case ast.Unit: // a LET definition: evaluated where it is used
				if within(c.Pos(), t) {
					return nil, false
				}
				continue
			}
			if within(c.Pos(), t) {
				next = c
				break
			}
			if e, ok := c.(ast.Expr); ok {
				before = append(before, e)
			}
		}
		if next == nil {
			return nil, false
		}
		if action && conjunction(n) {
			for _, e := range before {
				if _, paren := e.(*ast.Paren); paren {
					e = ast.Unparen(e)
				}
				out = append(out, e)
			}
		}
		n = next
	}
	return nil, false
}

// conjunction reports whether n is a conjunction (a list or an infix).
func conjunction(n ast.Node) bool {
	switch x := n.(type) {
	case *ast.Junction:
		return !x.Or
	case *ast.Infix:
		return x.Op == "/\\"
	}
	return false
}

// trimmed is sp without the white space that ends it, as eval.Loc trims.
func trimmed(f *source.File, sp source.Span) source.Span {
	return (&eval.Loc{File: f, Span: sp}).Trimmed()
}

// definitionBody is the body of the innermost definition (an operator's,
// a function's, a LET's) of t's module that holds t.
func (m *Model) definitionBody(t *eval.Loc) ast.Expr {
	var mod *ast.Module
	name := t.Module()
	if m.Root != nil && m.Root.AST != nil && m.Root.AST.Name != nil && m.Root.AST.Name.Name == name && m.Root.File == t.File {
		mod = m.Root.AST
	} else if m.Loader != nil {
		if am, err := m.Loader(name); err == nil && am != nil && am.File == t.File {
			mod = am.AST
		}
	}
	if mod == nil {
		return nil
	}
	var body ast.Expr
	ts := t.Trimmed()
	ast.Inspect(mod, func(n ast.Node) bool {
		if !within(n.Pos(), ts) {
			return false
		}
		switch d := n.(type) {
		case *ast.OpDef:
			if d.Body != nil && within(d.Body.Pos(), ts) {
				body = d.Body
			}
		case *ast.FuncDef:
			if d.Body != nil && within(d.Body.Pos(), ts) {
				body = d.Body
			}
		}
		return true
	})
	return body
}

// The headers of writeNested: TLC's, and tlals's for the calls that led
// to an error where TLC's list cannot be followed.
const (
	nestedHeader = "Error: The error occurred when TLC was evaluating the nested\nexpressions at the following positions:\n"
	callsHeader  = "The error was reached through the calls at the following positions:\n"
)

// writeNested writes TLC's EC.TLC_NESTED_EXPRESSION report of the
// positions (its CallStack.toString, then the message's end).
func writeNested(b *strings.Builder, header string, nested []*Range) {
	if len(nested) == 0 {
		return
	}
	b.WriteString(header)
	for i, r := range nested {
		fmt.Fprintf(b, "%d. Line %d, column %d to line %d, column %d in %s\n", i, r.StartLine, r.StartColumn, r.EndLine, r.EndColumn, r.Module)
		writePlusCal(b, "   ", r)
	}
	b.WriteString("\n\n")
}
