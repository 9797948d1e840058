package parser

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser/ast"
)

// TestSubexprSelectors: each step of a subexpression name is lowered to a
// selector with its kind, number, name and arguments.
func TestSubexprSelectors(t *testing.T) {
	cases := []struct{ expr, want string }{
		{"F(2)!3!1", "F(1) #3 #1"},
		{"F(2)!3!<<!>>", "F(1) #3 << >>"},
		{"Thm!:", "Thm :"},
		{"R!(1,2)!<<", "R (2) <<"},
		{"V!@", "V @"},
		{"U!1!Op", "U #1 Op"},
		{"U!1!Op(42)!:", "U #1 Op(1) :"},
		{"Foo!Thm2!2!2", "Foo!Thm2 #2 #2"},
	}
	for _, c := range cases {
		src := "---- MODULE M ----\nX == " + c.expr + "\n====\n"
		res := Parse(context.Background(), "M.tla", []byte(src))
		var ref *ast.SubexprRef
		ast.Inspect(res.Module, func(n ast.Node) bool {
			if r, ok := n.(*ast.SubexprRef); ok && ref == nil {
				ref = r
			}
			return true
		})
		if ref == nil {
			t.Errorf("%s: no subexpression reference", c.expr)
			continue
		}
		var parts []string
		head := ref.Head.Name.Name
		for i := len(ref.Head.Prefix) - 1; i >= 0; i-- {
			head = ref.Head.Prefix[i].Name.Name + "!" + head
		}
		if ref.Head.Args != nil {
			head += fmt.Sprintf("(%d)", len(ref.Head.Args))
		}
		parts = append(parts, head)
		for _, s := range ref.Sels {
			switch s.Kind {
			case ast.SelNum:
				parts = append(parts, fmt.Sprintf("#%d", s.Num))
			case ast.SelFirst:
				parts = append(parts, "<<")
			case ast.SelSecond:
				parts = append(parts, ">>")
			case ast.SelColon:
				parts = append(parts, ":")
			case ast.SelAt:
				parts = append(parts, "@")
			case ast.SelArgs:
				parts = append(parts, fmt.Sprintf("(%d)", len(s.Args)))
			case ast.SelName:
				n := s.Name.Name
				if s.Args != nil {
					n += fmt.Sprintf("(%d)", len(s.Args))
				}
				parts = append(parts, n)
			}
		}
		if got := strings.Join(parts, " "); got != c.want {
			t.Errorf("%s: got %q, want %q", c.expr, got, c.want)
		}
	}
}

// TestOperatorSelectors: an operator symbol after the `!` of a name path is
// a step of the name, bare or with any number of arguments, in any place
// (SANY 2.2 accepts every module of the accepted cases, given the
// definitions they select: Op(q) == \A x \in {1} : lab(x) :: LET a ++ b ==
// ... IN TRUE, and O4(A(_,_,_,_)) == ...). The tree-sitter grammar takes a
// symbol there only with as many arguments as its fixity; a bare one broke
// the argument list after it (suite/test206 of TLC's tests).
func TestOperatorSelectors(t *testing.T) {
	const h = "---- MODULE M ----\n"
	// each expression's lowering, as "name:args" per step of its
	// outermost reference (a name path or a subexpression reference)
	accepted := []struct{ expr, want string }{
		{"O4(Op!@!++)", "O4(Op @ ++)"},
		{"O4(Op!lab!:!++)", "O4(Op!lab : ++)"},
		{"O4(Op!@!(+))", "O4(Op @ \\oplus)"},
		{"O4(Op!@!\\oplus, 1)", "O4(Op @ \\oplus, 1)"},
		{"O3(Op!@!-.)", "O3(Op @ -.)"},
		{"O3(Op!@!^+)", "O3(Op @ ^+)"},
		{"O2(I!+, 1, 2)", "O2(I!+, 1, 2)"},
		{"O2(I!+ (* c *) , 1, 2)", "O2(I!+, 1, 2)"},
		{"O2(I!\\leq, 1, 2)", "O2(I!<=, 1, 2)"},
		{"O2(I!=<, 1, 2)", "O2(I!<=, 1, 2)"},
		{"O2(I!\\union, 1, 2)", "O2(I!\\cup, 1, 2)"},
		{"O2(I!.., 1, 2)", "O2(I!.., 1, 2)"},
		{"O2(I!∪, 1, 2)", "O2(I!\\cup, 1, 2)"},
		{"Ins(Op!lab!:!\\oplus)!Nat", "Ins(Op!lab : \\oplus)!Nat"},
		{"O6(COp2!lab!:!++!lab, 1)", "O6(COp2!lab : ++ lab, 1)"},
		{"COp(1, 2)!(3)!++(4, 5)", "COp(1, 2) (1) ++(2)"},
		// a wrong number of arguments is SANY's semantic error, not a
		// parse error ("The operator I!- requires 2 arguments")
		{"I!-(1)", "I!-(1)"},
		{"Op(1)!lab(2)!:!++(1)", "Op(1)!lab(1) : ++(1)"},
		{"I!+(1, 2, 3)", "I!+(3)"},
	}
	for _, c := range accepted {
		src := h + "X == " + c.expr + "\n====\n"
		res := Parse(context.Background(), "M.tla", []byte(src))
		for _, e := range res.Errors {
			t.Errorf("%s: %s: %s", c.expr, res.File.Location(e.Span.Start), e.Msg)
		}
		var body ast.Expr
		for _, u := range res.Module.Units {
			if d, ok := u.(*ast.OpDef); ok {
				body = d.Body
			}
		}
		if got := refString(body); got != c.want {
			t.Errorf("%s: got %q, want %q", c.expr, got, c.want)
		}
	}
	// a symbol after `!` is never an infix or prefix use: SANY's first
	// error is at the first token after the name
	rejected := []struct{ expr, first string }{
		{"1 I!+ 2", "2:8"}, // SANY: Encountered "I" at line 2, column 8 (after `X == `: `1 I`)
	}
	for _, c := range rejected {
		src := h + "X == " + c.expr + "\n====\n"
		res := Parse(context.Background(), "M.tla", []byte(src))
		if len(res.Errors) == 0 {
			t.Errorf("%s: no error", c.expr)
			continue
		}
		if l := res.File.Location(res.Errors[0].Span.Start); l != "M.tla:"+c.first {
			t.Errorf("%s: first error at %s (%s), want %s", c.expr, l, res.Errors[0].Msg, c.first)
		}
	}
}

// refString prints a name path or subexpression reference compactly: the
// head's prefix joined by `!`, then each step, arguments counted.
func refString(e ast.Expr) string {
	args := func(as []ast.Expr) string {
		var s []string
		for _, a := range as {
			s = append(s, refString(a))
		}
		return strings.Join(s, ", ")
	}
	count := func(as []ast.Expr) string {
		if as == nil {
			return ""
		}
		return fmt.Sprintf("(%d)", len(as))
	}
	switch e := e.(type) {
	case *ast.OpApp:
		var b strings.Builder
		for _, p := range e.Prefix {
			b.WriteString(p.Name.Name)
			if p.Args != nil {
				b.WriteString("(" + args(p.Args) + ")")
			}
			b.WriteString("!")
		}
		b.WriteString(e.Name.Name)
		if e.Args != nil {
			if len(e.Prefix) > 0 {
				b.WriteString(count(e.Args))
			} else {
				b.WriteString("(" + args(e.Args) + ")")
			}
		}
		return b.String()
	case *ast.SubexprRef:
		var parts []string
		if e.Head != nil {
			parts = append(parts, refString(e.Head))
		}
		for _, s := range e.Sels {
			switch s.Kind {
			case ast.SelNum:
				parts = append(parts, fmt.Sprint(s.Num))
			case ast.SelFirst:
				parts = append(parts, "<<")
			case ast.SelSecond:
				parts = append(parts, ">>")
			case ast.SelColon:
				parts = append(parts, ":")
			case ast.SelAt:
				parts = append(parts, "@")
			case ast.SelArgs:
				parts = append(parts, count(s.Args))
			case ast.SelName:
				parts = append(parts, s.Name.Name+count(s.Args))
			}
		}
		return strings.Join(parts, " ")
	case *ast.Number:
		return e.Text
	}
	return fmt.Sprintf("%T", e)
}
