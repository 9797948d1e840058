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
