package parser

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/testkit"
)

// lowerExpr parses `E == src` and returns the body of E.
func lowerExpr(t *testing.T, src string) (ast.Expr, *Result) {
	t.Helper()
	text := "---- MODULE X ----\nE == " + src + "\n====\n"
	res := Parse(context.Background(), "x.tla", []byte(text))
	if len(res.Errors) > 0 {
		t.Fatalf("%q: %v", src, res.Errors)
	}
	return res.Module.Units[0].(*ast.OpDef).Body, res
}

// TestCanonicalOperators: Unicode and ASCII synonyms fold to one spelling,
// with OpAt covering the operator as written.
func TestCanonicalOperators(t *testing.T) {
	const off = 24 // offset of the expression in the module
	tests := []struct{ src, op string }{
		{"a ∧ b", "/\\"}, {"a \\land b", "/\\"}, {"a ∨ b", "\\/"}, {"a \\lor b", "\\/"},
		{"a # b", "/="}, {"a ≠ b", "/="}, {"a =< b", "<="}, {"a \\leq b", "<="}, {"a ≤ b", "<="},
		{"a \\geq b", ">="}, {"a \\union b", "\\cup"}, {"a ∪ b", "\\cup"}, {"a \\intersect b", "\\cap"},
		{"a \\circ b", "\\o"}, {"a (+) b", "\\oplus"}, {"a ⇒ b", "=>"}, {"a ≡ b", "\\equiv"},
		{"a ⇔ b", "<=>"}, {"a ∈ b", "\\in"}, {"a ∉ b", "\\notin"}, {"a ⊆ b", "\\subseteq"},
		{"a ↝ b", "~>"}, {"a .. b", ".."}, {"a \\div b", "\\div"}, {"a :> b", ":>"}, {"a @@ b", "@@"},
		{"a \\cdot b", "\\cdot"}, {"a -+-> b", "-+->"}, {"a ⥅ b", "-+->"}, {"a - b", "-"},
	}
	for _, tt := range tests {
		e, _ := lowerExpr(t, tt.src)
		in, ok := e.(*ast.Infix)
		if !ok {
			t.Errorf("%q: %T, want *ast.Infix", tt.src, e)
			continue
		}
		opText := strings.TrimSpace(tt.src[1 : len(tt.src)-1])
		want := ast.Span{Start: off + 2, End: off + 2 + len(opText)}
		if in.Op != tt.op || in.OpAt != want || in.Span != (ast.Span{Start: off, End: off + len(tt.src)}) {
			t.Errorf("%q: Op %q OpAt %v Span %v, want %q %v", tt.src, in.Op, in.OpAt, in.Span, tt.op, want)
		}
	}
	prefix := []struct{ src, op string }{
		{"¬a", "~"}, {"\\neg a", "~"}, {"\\lnot a", "~"}, {"-a", "-."}, {"□a", "[]"}, {"◇a", "<>"},
		{"ENABLED a", "ENABLED"}, {"UNCHANGED a", "UNCHANGED"}, {"SUBSET a", "SUBSET"},
		{"UNION a", "UNION"}, {"DOMAIN a", "DOMAIN"},
	}
	for _, tt := range prefix {
		e, _ := lowerExpr(t, tt.src)
		if p, ok := e.(*ast.PrefixExpr); !ok || p.Op != tt.op || p.OpAt.Start != off {
			t.Errorf("%q: %#v, want prefix %q", tt.src, e, tt.op)
		}
	}
	for _, tt := range []struct{ src, op string }{{"a'", "'"}, {"a^+", "^+"}, {"a⁺", "^+"}, {"a^*", "^*"}, {"a^#", "^#"}} {
		e, _ := lowerExpr(t, tt.src)
		if p, ok := e.(*ast.PostfixExpr); !ok || p.Op != tt.op || p.OpAt.Start != off+1 {
			t.Errorf("%q: %#v, want postfix %q", tt.src, e, tt.op)
		}
	}
	for _, tt := range []struct{ src, name string }{{"ℕ", "Nat"}, {"ℤ", "Int"}, {"ℝ", "Real"}, {"BOOLEAN", "BOOLEAN"}, {"STRING", "STRING"}} {
		e, _ := lowerExpr(t, tt.src)
		if a, ok := e.(*ast.OpApp); !ok || a.Name.Name != tt.name || a.Args != nil {
			t.Errorf("%q: %#v, want OpApp %s", tt.src, e, tt.name)
		}
	}
}

func TestLiterals(t *testing.T) {
	tests := []struct {
		src          string
		text, digits string
		base         int
		decimal      bool
	}{
		{"42", "42", "42", 10, false}, {"3.14", "3.14", "3.14", 10, true}, {"\\b1010", "\\b1010", "1010", 2, false},
		{"\\B11", "\\B11", "11", 2, false}, {"\\o17", "\\o17", "17", 8, false}, {"\\hFF", "\\hFF", "FF", 16, false},
		{"\\H1a", "\\H1a", "1a", 16, false},
	}
	for _, tt := range tests {
		e, _ := lowerExpr(t, tt.src)
		n, ok := e.(*ast.Number)
		if !ok || n.Text != tt.text || n.Digits != tt.digits || n.Base != tt.base || n.Decimal != tt.decimal {
			t.Errorf("%q: %#v", tt.src, e)
		}
	}
	strs := []struct{ src, val string }{
		{`"plain"`, "plain"}, {`"a\"b"`, `a"b`}, {`"back\\slash"`, `back\slash`}, {`"t\tn\nr\rf\f"`, "t\tn\nr\rf\f"},
		{`""`, ""}, {`"∧ 𝔸"`, "∧ 𝔸"}, {`"(* not a comment"`, "(* not a comment"},
	}
	for _, tt := range strs {
		e, _ := lowerExpr(t, tt.src)
		if s, ok := e.(*ast.String); !ok || s.Value != tt.val || s.Span.Len() != len(tt.src) {
			t.Errorf("%s: %#v, want %q", tt.src, e, tt.val)
		}
	}
	for _, tt := range []struct {
		src string
		val bool
	}{{"TRUE", true}, {"FALSE", false}} {
		e, _ := lowerExpr(t, tt.src)
		if b, ok := e.(*ast.Bool); !ok || b.Value != tt.val {
			t.Errorf("%s: %#v", tt.src, e)
		}
	}
}

// TestLoweringDepthLimit: a chain the grammar nests deeper than lowering
// allows gives one clear error at the chain, not a crash.
func TestLoweringDepthLimit(t *testing.T) {
	src := "---- MODULE D ----\nE == 1" + strings.Repeat(" + 1", 3000) + "\n====\n"
	res := Parse(context.Background(), "d.tla", []byte(src))
	if res.Damaged {
		t.Fatal("a long chain must not be Damaged")
	}
	if len(res.Errors) != 1 || !strings.HasPrefix(res.Errors[0].Msg, "expression nested too deeply (more than 1000 levels)") {
		t.Fatalf("errors = %v", res.Errors)
	}
	if sp := res.Errors[0].Span; sp.Start < 24 || sp.End > len(src) {
		t.Errorf("error at %v", sp)
	}
}

// TestProductIsFlat: A \X B \X C is one Product, (A \X B) \X C two.
func TestProductIsFlat(t *testing.T) {
	e, _ := lowerExpr(t, "A \\X B × C")
	if p, ok := e.(*ast.Product); !ok || len(p.Sets) != 3 {
		t.Fatalf("%#v", e)
	}
	e, _ = lowerExpr(t, "(A \\X B) \\X C")
	if p, ok := e.(*ast.Product); !ok || len(p.Sets) != 2 {
		t.Fatalf("%#v", e)
	}
}

// TestPlusCalAlgorithmFound: the algorithm in the seed spec's comment is
// handed to the PlusCal lowering.
func TestPlusCalAlgorithmFound(t *testing.T) {
	root := testkit.FindCorpus()
	if root == "" {
		t.Skip("shared/corpus not found next to the repository")
	}
	src, err := os.ReadFile(filepath.Join(root, "seed", "Uploader.tla"))
	if err != nil {
		t.Skip(err)
	}
	res := Parse(context.Background(), "Uploader.tla", src)
	alg := res.Module.Algorithm
	if alg == nil {
		t.Fatal("no algorithm")
	}
	if got := string(src[alg.Start:min(alg.End, alg.Start+11)]); got != "--algorithm" && !strings.HasPrefix(got, "--fair") {
		t.Errorf("algorithm starts with %q", got)
	}
}

// TestTrailingModules: the modules after the first one in a file are kept
// apart from it, each with its own name, units and range.
func TestTrailingModules(t *testing.T) {
	src := "---- MODULE A ----\na == 1\n====\njunk ( ((\n---- MODULE B ----\nb == 2\n====\n---- MODULE C ----\nEXTENDS B\n====\n"
	res := Parse(context.Background(), "a.tla", []byte(src))
	m := res.Module
	if len(res.Errors) > 0 || m.Name.Name != "A" || len(m.Units) != 1 || len(m.Trailing) != 2 {
		t.Fatalf("errors %v, module %+v", res.Errors, m)
	}
	b, c := m.Trailing[0], m.Trailing[1]
	if b.Name.Name != "B" || len(b.Units) != 1 || src[b.Start:b.End] != "---- MODULE B ----\nb == 2\n====" {
		t.Errorf("B: %q %+v", src[b.Start:b.End], b)
	}
	if c.Name.Name != "C" || len(c.Extends) != 1 || c.Extends[0].Name != "B" {
		t.Errorf("C: %+v", c)
	}
}

// TestTabStops: junction bullets and the tokens of their items are aligned
// with tab stops every 8 columns, as SANY reads them.
func TestTabStops(t *testing.T) {
	tests := []struct {
		name, body string
		items      int // items of the outer list
	}{
		{"tab then 8 spaces", "\t/\\ 1 = 1\n        /\\ 2 = 2", 2},
		{"spaces and tab to the same stop", "\t/\\ 1 = 1\n    \t/\\ 2 = 2", 2},
		{"tab past a space-indented bullet", "    /\\ 1 =\n\t[a |-> 1]\n    /\\ 2 = 2", 2},
		{"one tab is not one column", "  /\\ 1 = 1\n\t/\\ 2 = 2", 1},
	}
	for _, tt := range tests {
		src := "---- MODULE X ----\nE ==\n" + tt.body + "\n====\n"
		res := Parse(context.Background(), "x.tla", []byte(src))
		if len(res.Errors) > 0 {
			t.Errorf("%s: %v", tt.name, res.Errors)
			continue
		}
		j, ok := res.Module.Units[0].(*ast.OpDef).Body.(*ast.Junction)
		if !ok || len(j.Items) != tt.items {
			t.Errorf("%s: body %#v, want a list of %d items", tt.name, res.Module.Units[0].(*ast.OpDef).Body, tt.items)
		}
	}
}
