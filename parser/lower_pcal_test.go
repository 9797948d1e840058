package parser

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	sitter "github.com/smacker/go-tree-sitter"
	"golang.org/x/tools/txtar"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/grammar"
	"github.com/tlals/tlals/parser/source"
	"github.com/tlals/tlals/parser/testkit"
)

// A distinct flag name: other test files of this package have their own
// -update.
var updatePcal = flag.Bool("update-pcal", false, "rewrite the golden files in testdata/pcal")

// lowerPcalSource parses src with tree-sitter and lowers the first PlusCal
// algorithm found in a block comment (or a bare algorithm), with only the
// PlusCal lowering's own errors.
func lowerPcalSource(tb testing.TB, src []byte) (*ast.Algorithm, []Error, bool) {
	tb.Helper()
	// parseTree bounds the parse (operation budget, nesting pre-check):
	// fuzzed token soup otherwise makes the GLR parser take gigabytes.
	tree, _, err := parseTree(context.Background(), nil, src)
	if err != nil {
		return nil, nil, false
	}
	l := &lowerer{src: src}
	root := tree.RootNode()
	if root.Type() == "source_file" && root.NamedChildCount() == 1 && root.NamedChild(0).Type() == "pcal_algorithm" {
		return l.algorithm(root.NamedChild(0)), l.errors, true
	}
	var alg *ast.Algorithm
	found := false
	var walk func(n *sitter.Node)
	walk = func(n *sitter.Node) {
		if found {
			return
		}
		if n.Type() == "block_comment" {
			alg, found = l.algorithmInComment(n)
			return
		}
		for i := 0; i < int(n.ChildCount()); i++ {
			walk(n.Child(i))
		}
	}
	walk(root)
	return alg, l.errors, found
}

// ---------------------------------------------------------------- printer

// pcalPrinter renders an algorithm as indented text: one node per line,
// ranges as line:col-line:col, expressions as their source text.
type pcalPrinter struct {
	f   *source.File
	buf strings.Builder
}

func (pr *pcalPrinter) rng(sp ast.Span) string {
	l1, c1 := pr.f.LineCol(sp.Start)
	l2, c2 := pr.f.LineCol(sp.End)
	return fmt.Sprintf("%d:%d-%d:%d", l1, c1, l2, c2)
}

func (pr *pcalPrinter) text(sp ast.Span) string {
	if sp.Start < 0 || sp.End > len(pr.f.Text) || sp.Start > sp.End {
		return fmt.Sprintf("<bad span %d-%d>", sp.Start, sp.End)
	}
	return string(pr.f.Text[sp.Start:sp.End])
}

func (pr *pcalPrinter) expr(e ast.Expr) string {
	if e == nil {
		return "<nil>"
	}
	return "`" + pr.text(e.Pos()) + "`"
}

func (pr *pcalPrinter) ident(id *ast.Ident) string {
	if id == nil {
		return "<nil>"
	}
	if pr.text(id.Span) != id.Name {
		return fmt.Sprintf("<ident %q at %q>", id.Name, pr.text(id.Span))
	}
	return id.Name
}

func (pr *pcalPrinter) line(depth int, format string, args ...any) {
	pr.buf.WriteString(strings.Repeat("  ", depth))
	fmt.Fprintf(&pr.buf, format, args...)
	pr.buf.WriteByte('\n')
}

func (pr *pcalPrinter) algorithm(a *ast.Algorithm) {
	if a == nil {
		pr.line(0, "no algorithm")
		return
	}
	syntax := "p-syntax"
	if a.CSyntax {
		syntax = "c-syntax"
	}
	pr.line(0, "algorithm %s %s %s fair=%v", pr.ident(a.Name), pr.rng(a.Span), syntax, a.Fair)
	pr.vars(1, "var", a.Vars)
	if a.DefineSpan != nil {
		pr.line(1, "define %s", pr.rng(*a.DefineSpan))
		for _, u := range a.Defines {
			pr.line(2, "unit %s", pr.rng(u.Pos()))
		}
	}
	for _, m := range a.Macros {
		var params []string
		for _, p := range m.Params {
			params = append(params, pr.ident(p)+"@"+pr.rng(p.Span))
		}
		pr.line(1, "macro %s %s params(%s)", pr.ident(m.Name), pr.rng(m.Span), strings.Join(params, ", "))
		pr.block(2, "body", m.Body)
	}
	for _, p := range a.Procedures {
		pr.line(1, "procedure %s %s", pr.ident(p.Name), pr.rng(p.Span))
		pr.vars(2, "param", p.Params)
		pr.vars(2, "local", p.Vars)
		pr.block(2, "body", p.Body)
	}
	for _, p := range a.Processes {
		op := "="
		if p.In {
			op = `\in`
		}
		fair := [...]string{"unfair", "fair", "fair+"}[p.Fair]
		pr.line(1, "process %s %s %s %s %s", pr.ident(p.Name), pr.rng(p.Span), fair, op, pr.expr(p.ID))
		pr.vars(2, "local", p.Vars)
		pr.block(2, "body", p.Body)
	}
	if a.Body != nil {
		pr.block(1, "body", a.Body)
	}
}

func (pr *pcalPrinter) vars(depth int, kind string, vs []*ast.PVarDecl) {
	for _, v := range vs {
		init := ""
		if v.Init != nil {
			op := "="
			if v.In {
				op = `\in`
			}
			init = " " + op + " " + pr.expr(v.Init)
		}
		pr.line(depth, "%s %s %s%s", kind, pr.ident(v.Name), pr.rng(v.Span), init)
	}
}

func (pr *pcalPrinter) block(depth int, kind string, b *ast.Block) {
	if b == nil {
		pr.line(depth, "%s <nil>", kind)
		return
	}
	pr.line(depth, "%s %s", kind, pr.rng(b.Span))
	for _, s := range b.Stmts {
		pr.stmt(depth+1, s)
	}
}

func (pr *pcalPrinter) stmt(depth int, s ast.Stmt) {
	head := pr.rng(s.Pos())
	if lbl := s.StmtLabel(); lbl != nil {
		head += fmt.Sprintf(" label %s:%s %s", pr.ident(lbl.Name), lbl.Mod, pr.rng(lbl.Span))
	}
	switch s := s.(type) {
	case *ast.Assign:
		pr.line(depth, "assign %s", head)
		for _, p := range s.Parts {
			var lhs strings.Builder
			lhs.WriteString(pr.ident(p.Var))
			for _, st := range p.Path {
				if st.Field != nil {
					fmt.Fprintf(&lhs, ".%s", pr.ident(st.Field))
				} else {
					var idx []string
					for _, e := range st.Index {
						idx = append(idx, pr.expr(e))
					}
					fmt.Fprintf(&lhs, "[%s]", strings.Join(idx, ", "))
				}
				fmt.Fprintf(&lhs, "@%s", pr.rng(st.Span))
			}
			pr.line(depth+1, "part %s %s := %s", pr.rng(p.Span), lhs.String(), pr.expr(p.Rhs))
		}
	case *ast.PIf:
		pr.line(depth, "if %s %s", head, pr.expr(s.Cond))
		pr.block(depth+1, "then", s.Then)
		if s.Else != nil {
			pr.block(depth+1, "else", s.Else)
		}
	case *ast.While:
		pr.line(depth, "while %s %s", head, pr.expr(s.Cond))
		pr.block(depth+1, "do", s.Body)
	case *ast.Either:
		pr.line(depth, "either %s", head)
		for _, b := range s.Branches {
			pr.block(depth+1, "or", b)
		}
	case *ast.With:
		pr.line(depth, "with %s", head)
		pr.vars(depth+1, "bind", s.Binds)
		pr.block(depth+1, "do", s.Body)
	case *ast.Await:
		pr.line(depth, "await %s %s", head, pr.expr(s.Cond))
	case *ast.Print:
		pr.line(depth, "print %s %s", head, pr.expr(s.Expr))
	case *ast.Assert:
		pr.line(depth, "assert %s %s", head, pr.expr(s.Expr))
	case *ast.Skip:
		pr.line(depth, "skip %s", head)
	case *ast.Return:
		pr.line(depth, "return %s", head)
	case *ast.Goto:
		pr.line(depth, "goto %s %s", head, pr.ident(s.Target))
	case *ast.Call:
		pr.line(depth, "call %s %s(%s)", head, pr.ident(s.Proc), pr.exprs(s.Args))
	case *ast.MacroCall:
		pr.line(depth, "macrocall %s %s(%s)", head, pr.ident(s.Name), pr.exprs(s.Args))
	case *ast.BlockStmt:
		pr.line(depth, "blockstmt %s", head)
		pr.block(depth+1, "block", s.Block)
	case *ast.BadStmt:
		pr.line(depth, "bad %s", head)
	default:
		pr.line(depth, "unknown %T %s", s, head)
	}
}

func (pr *pcalPrinter) exprs(es []ast.Expr) string {
	var out []string
	for _, e := range es {
		out = append(out, pr.expr(e))
	}
	return strings.Join(out, ", ")
}

// renderPcal is the golden text for src: the algorithm, then the errors.
func renderPcal(tb testing.TB, src []byte) string {
	alg, errs, _ := lowerPcalSource(tb, src)
	pr := &pcalPrinter{f: source.NewFile("input.tla", src)}
	pr.algorithm(alg)
	for _, e := range errs {
		pr.line(0, "error %s: %s", pr.rng(e.Span), e.Msg)
	}
	return pr.buf.String()
}

// ---------------------------------------------------------------- goldens

// TestPlusCalGolden lowers the `input.tla` of every testdata/pcal/*.txtar
// archive and compares the rendering with its `want` file.
func TestPlusCalGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "pcal", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden files in testdata/pcal")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var input []byte
			wantIdx := -1
			for i, f := range ar.Files {
				switch f.Name {
				case "input.tla":
					input = f.Data
				case "want":
					wantIdx = i
				}
			}
			if input == nil {
				t.Fatal("no input.tla section")
			}
			got := renderPcal(t, input)
			if *updatePcal {
				if wantIdx < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "want"})
					wantIdx = len(ar.Files) - 1
				}
				ar.Files[wantIdx].Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if wantIdx < 0 {
				t.Fatal("no want section (run with -update-pcal)")
			}
			if want := string(ar.Files[wantIdx].Data); got != want {
				t.Errorf("lowering differs from golden (run with -update-pcal to rewrite):\n--- got\n%s--- want\n%s", got, want)
			}
		})
	}
}

// ---------------------------------------------------------------- errors

func wrapAlgorithm(alg string) string {
	return "---- MODULE M ----\nEXTENDS Naturals\n(* " + alg + " *)\n====\n"
}

// TestPlusCalErrors checks the message and exact range of the first
// syntax error of broken algorithms. Ranges are line:col-line:col in the
// wrapped module (the algorithm starts on line 3, column 4).
func TestPlusCalErrors(t *testing.T) {
	tests := []struct {
		name string
		alg  string
		want string // "range: message"
	}{
		{
			name: "missing semicolon before label",
			alg:  "--algorithm A\nvariables x = 0;\nbegin\nL1: x := 1\nL2: x := 2;\nend algorithm",
			want: "6:11-6:11: missing `;` after statement",
		},
		{
			name: "missing semicolon between assignments",
			alg:  "--algorithm A\nvariables x = 0, y = 0;\nbegin\nL1: x := 1 y := 2;\nend algorithm",
			want: "6:11-6:11: missing `;` after statement",
		},
		{
			name: "missing semicolon before keyword statement",
			alg:  "--algorithm A\nvariables x = 0;\nbegin\nL1: x := x + 1\n  skip;\nend algorithm",
			want: "6:15-6:15: missing `;` after statement",
		},
		{
			name: "missing end while",
			alg:  "--algorithm A\nvariables x = 0;\nbegin\nL1: while x < 3 do x := x + 1;\nend algorithm",
			want: "6:5-6:10: PlusCal algorithm could not be parsed: missing `end while`",
		},
		{
			name: "end if expected",
			alg:  "--algorithm A\nvariables x = 0;\nbegin\nL1: if x = 0 then skip; end while;\nend algorithm",
			want: "6:25-6:34: PlusCal algorithm could not be parsed: `end if` expected",
		},
		{
			name: "missing end either",
			alg:  "--algorithm A\nbegin\nL1: either skip; or skip;\nend algorithm",
			want: "5:5-5:11: PlusCal algorithm could not be parsed: missing `end either`",
		},
		{
			name: "missing end algorithm",
			alg:  "--algorithm A\nbegin\nL1: skip;\n",
			want: "3:4-3:15: PlusCal algorithm could not be parsed: missing `end algorithm`",
		},
		{
			name: "unclosed paren in p-syntax",
			alg:  "--algorithm A\nvariables x = 0;\nbegin\nL1: x := (1 + 2;\nend algorithm",
			want: "6:10-6:11: missing `)`",
		},
		{
			name: "bad expression: first tree error",
			alg:  "--algorithm A\nvariables x = 0;\nbegin\nL1: x := 1 + ;\nend algorithm",
			want: "6:12-6:13: unexpected `+`",
		},
		{
			name: "procedure without end procedure",
			alg:  "--algorithm A\nprocedure P() begin R: return;\nbegin\nL1: call P();\nend algorithm",
			want: "4:1-4:10: PlusCal algorithm could not be parsed: missing `end procedure`",
		},
		{
			name: "goto without label",
			alg:  "--algorithm A\nbegin\nL1: goto ;\nend algorithm",
			want: "5:9-5:9: missing label after `goto`",
		},
		{
			name: "c-syntax missing semicolon",
			alg:  "--algorithm A {\nvariables x = 0;\n{\nL1: x := 1\nL2: x := 2\n}\n}",
			want: "6:11-6:11: missing `;` after statement",
		},
		{
			name: "c-syntax missing brace",
			alg:  "--algorithm A {\nvariables x = 0;\n{\nL1: while (x < 3) { x := x + 1 ;\n}\n",
			// The `}` of line 7 closes the innermost block, the while's.
			want: "5:1-5:2: PlusCal algorithm could not be parsed: missing `}`",
		},
		{
			name: "c-syntax statement after condition paren is fine, after call paren is not",
			alg:  "--algorithm A {\nvariables x = 0;\n{\nL1: if (x > 0) x := M(1) skip\n}\n}",
			want: "6:25-6:25: missing `;` after statement",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(wrapAlgorithm(tt.alg))
			_, errs, found := lowerPcalSource(t, src)
			if !found {
				t.Fatal("algorithm not found")
			}
			if len(errs) == 0 {
				t.Fatalf("no error, want %q", tt.want)
			}
			f := source.NewFile("m.tla", src)
			pr := &pcalPrinter{f: f}
			var got []string
			for _, e := range errs {
				got = append(got, pr.rng(e.Span)+": "+e.Msg)
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("errors = %q, want exactly [%q]", got, tt.want)
			}
		})
	}
}

// TestPlusCalErrorScanCorpusClean runs the error token scan over every
// correct algorithm of the corpus: it must find nothing there.
func TestPlusCalErrorScanCorpusClean(t *testing.T) {
	for _, m := range corpusPcalModules(t) {
		src, err := os.ReadFile(m.path)
		if err != nil {
			t.Fatal(err)
		}
		alg, _, _ := lowerPcalSource(t, src)
		if alg == nil {
			t.Errorf("%s: no algorithm", m.rel)
			continue
		}
		if e, ok := scanPcal(src, alg.Start, alg.End, alg.CSyntax); ok {
			f := source.NewFile(m.rel, src)
			line, col := f.LineCol(e.Span.Start)
			t.Errorf("%s:%d:%d: false positive: %s", m.rel, line, col, e.Msg)
		}
	}
}

// ---------------------------------------------------------------- corpus

type corpusModule struct{ rel, path, syntax string }

// corpusPcalModules lists the PlusCal modules of the corpus: the rows of
// examples/modules.tsv with a pluscal_syntax, and seed/Uploader*.tla.
func corpusPcalModules(t testing.TB) []corpusModule {
	root := testkit.CorpusDir(t)
	tsv, err := os.ReadFile(filepath.Join(root, "examples", "modules.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var out []corpusModule
	lines := strings.Split(strings.TrimSpace(string(tsv)), "\n")
	header := strings.Split(lines[0], "\t")
	col := -1
	for i, h := range header {
		if h == "pluscal_syntax" {
			col = i
		}
	}
	if col < 0 {
		t.Fatal("modules.tsv has no pluscal_syntax column")
	}
	for _, ln := range lines[1:] {
		f := strings.Split(ln, "\t")
		if col < len(f) && f[col] != "" {
			out = append(out, corpusModule{rel: "examples/" + f[0], path: filepath.Join(root, "examples", f[0]), syntax: f[col]})
		}
	}
	seeds, _ := filepath.Glob(filepath.Join(root, "seed", "Uploader*.tla"))
	for _, s := range seeds {
		out = append(out, corpusModule{rel: "seed/" + filepath.Base(s), path: s})
	}
	if len(out) < 20 {
		t.Fatalf("only %d PlusCal modules found in the corpus", len(out))
	}
	return out
}

// stripTLAComments blanks `\*` line comments and nested `(* *)` comments
// (keeping the text length), so that regexps see only code.
func stripTLAComments(b []byte) []byte {
	out := append([]byte(nil), b...)
	depth := 0
	for i := 0; i < len(out); i++ {
		switch {
		case i+1 < len(out) && out[i] == '(' && out[i+1] == '*':
			depth++
			out[i], out[i+1] = ' ', ' '
			i++
		case depth > 0 && i+1 < len(out) && out[i] == '*' && out[i+1] == ')':
			depth--
			out[i], out[i+1] = ' ', ' '
			i++
		case depth > 0 && out[i] != '\n':
			out[i] = ' '
		case depth == 0 && i+1 < len(out) && out[i] == '\\' && out[i+1] == '*':
			for ; i < len(out) && out[i] != '\n'; i++ {
				out[i] = ' '
			}
		}
	}
	return out
}

// algorithmText returns the algorithm's text with its inner comments
// blanked: from `--algorithm`/`--fair` to the `*)` closing the comment
// that holds it, found by counting comment nesting.
func algorithmText(t *testing.T, src []byte) []byte {
	start := regexp.MustCompile(`--(algorithm|fair)\b`).FindIndex(src)
	if start == nil {
		t.Fatal("no --algorithm in the text")
	}
	depth := 1 // inside the comment that holds the algorithm
	i := start[0]
	for ; i+1 < len(src) && depth > 0; i++ {
		if src[i] == '(' && src[i+1] == '*' {
			depth++
			i++
		} else if src[i] == '*' && src[i+1] == ')' {
			depth--
			i++
		}
	}
	inner := src[start[0] : i-1]
	// Inside the algorithm, comments are the nested ones only.
	return stripTLAComments(inner)
}

var (
	processRx = regexp.MustCompile(`\bprocess\s*\(?\s*[A-Za-z_]\w*\s*(=|\\in)`)
	// A label follows a line start, `{`, `;` or a keyword that a
	// statement can follow.
	labelRx = regexp.MustCompile(`(?m)(^|[{;]|\b(begin|then|else|do|or|either)\b)\s*[A-Za-z_]\w*\s*:([^=:]|$)`)
)

// TestPlusCalCorpus lowers every PlusCal algorithm of the corpus: no
// errors, the syntax that modules.tsv names, and the numbers of processes
// and labels that a regexp counts in the algorithm text.
func TestPlusCalCorpus(t *testing.T) {
	for _, m := range corpusPcalModules(t) {
		t.Run(m.rel, func(t *testing.T) {
			src, err := os.ReadFile(m.path)
			if err != nil {
				t.Fatal(err)
			}
			alg, errs, found := lowerPcalSource(t, src)
			if !found || alg == nil {
				t.Fatalf("no algorithm lowered (found=%v)", found)
			}
			f := source.NewFile(m.rel, src)
			for _, e := range errs {
				line, col := f.LineCol(e.Span.Start)
				t.Errorf("%d:%d: %s", line, col, e.Msg)
			}
			if m.syntax != "" && alg.CSyntax != (m.syntax == "c-syntax") {
				t.Errorf("CSyntax = %v, modules.tsv says %s", alg.CSyntax, m.syntax)
			}
			text := algorithmText(t, src)
			wantProcs := len(processRx.FindAll(text, -1))
			wantLabels := len(labelRx.FindAll(text, -1))
			gotLabels := 0
			ast.Inspect(alg, func(n ast.Node) bool {
				if _, ok := n.(*ast.StmtLabel); ok {
					gotLabels++
				}
				return true
			})
			if len(alg.Processes) != wantProcs {
				t.Errorf("processes = %d, want %d", len(alg.Processes), wantProcs)
			}
			if gotLabels != wantLabels {
				t.Errorf("labels = %d, want %d", gotLabels, wantLabels)
			}
			if (alg.Body == nil) == (wantProcs == 0) {
				t.Errorf("uniprocess body present = %v with %d processes", alg.Body != nil, wantProcs)
			}
			checkPcalSpans(t, f, alg)
		})
	}
}

// checkPcalSpans checks that every node lies inside its parent's range and
// that every identifier's range holds its name.
func checkPcalSpans(t *testing.T, f *source.File, alg *ast.Algorithm) {
	t.Helper()
	var stack []ast.Node
	var check func(n ast.Node)
	check = func(n ast.Node) {
		sp := n.Pos()
		if sp.Start < 0 || sp.End > len(f.Text) || sp.Start > sp.End {
			t.Errorf("%T has a bad range %v", n, sp)
			return
		}
		if id, ok := n.(*ast.Ident); ok && string(f.Text[sp.Start:sp.End]) != id.Name {
			t.Errorf("ident %q has text %q", id.Name, f.Text[sp.Start:sp.End])
		}
		if len(stack) > 0 {
			p := stack[len(stack)-1].Pos()
			// Empty blocks of broken input have no range; real ones nest.
			if sp.Start < p.Start || sp.End > p.End {
				l, c := f.LineCol(sp.Start)
				t.Errorf("%T at %d:%d (%v) is outside its parent %T (%v)", n, l, c, sp, stack[len(stack)-1], p)
			}
		}
		stack = append(stack, n)
		for _, c := range ast.Children(n) {
			check(c)
		}
		stack = stack[:len(stack)-1]
	}
	check(alg)
}

// ---------------------------------------------------------------- fuzz, bench

// FuzzPlusCal lowers arbitrary algorithm text wrapped in a module comment:
// it must not panic or hang, and every error and node range must lie in
// the text.
func FuzzPlusCal(f *testing.F) {
	seeds := []string{
		"--algorithm A\nvariables x = 0;\nbegin\nL1: x := x + 1 || y[1].f := 2;\nend algorithm",
		"--fair algorithm A {\nvariables x = 0;\nfair+ process (P \\in 1..2) { L: while (x < 3) { x := x + 1 } }\n}",
		"--algorithm A\nbegin\nL1: if x then skip elsif y then skip else skip end if;\nend algorithm",
		"--algorithm A\nbegin\nL1: with a = 1, b \\in S do either skip or goto L1 end either end with\nend algorithm",
		"--algorithm A\nprocedure P(a = 1) variables v; begin R: return; end procedure\nbegin L: call P(1); end algorithm",
		"--algorithm A\nbegin\nL1: x := 1\nL2: x := 2;\nend algorithm",
		"--algorithm A { { x := a + 1 || y := 2 || z.f := 3 } }",
		"--algorithm A\nbegin\nwhile x do\nend algorithm",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, alg string) {
		if len(alg) > 4096 {
			return // keep single inputs fast: the grammar is slow on big token soup
		}
		src := []byte(wrapAlgorithm(alg))
		a, errs, _ := lowerPcalSource(t, src)
		for _, e := range errs {
			if e.Span.Start < 0 || e.Span.End > len(src) || e.Span.Start > e.Span.End || e.Msg == "" {
				t.Fatalf("bad error %+v", e)
			}
		}
		if a != nil {
			ast.Inspect(a, func(n ast.Node) bool {
				sp := n.Pos()
				if sp.Start < 0 || sp.End > len(src) || sp.Start > sp.End {
					t.Fatalf("%T has a bad range %v", n, sp)
				}
				return true
			})
		}
	})
}

// BenchmarkLowerPlusCal measures lowering alone (tree-sitter parse done
// once) on the largest PlusCal module of the corpus with a translation.
func BenchmarkLowerPlusCal(b *testing.B) {
	root := testkit.CorpusDir(b)
	src, err := os.ReadFile(filepath.Join(root, "examples", "MultiPaxos-SMR", "MultiPaxos.tla"))
	if err != nil {
		b.Skip(err)
	}
	p := sitter.NewParser()
	p.SetLanguage(grammar.Language())
	tree, err := p.ParseCtx(context.Background(), nil, src)
	if err != nil {
		b.Fatal(err)
	}
	var alg *sitter.Node
	var walk func(n *sitter.Node)
	walk = func(n *sitter.Node) {
		if alg != nil {
			return
		}
		if n.Type() == "pcal_algorithm" {
			alg = n
			return
		}
		for i := 0; i < int(n.ChildCount()); i++ {
			walk(n.Child(i))
		}
	}
	walk(tree.RootNode())
	if alg == nil {
		b.Fatal("no pcal_algorithm node")
	}
	b.SetBytes(int64(alg.EndByte() - alg.StartByte()))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l := &lowerer{src: src}
		if a := l.algorithm(alg); a == nil || len(l.errors) > 0 {
			b.Fatalf("lowering failed: %v", l.errors)
		}
	}
}

// TestPlusCalErrorReportedOnce: a syntax error of an algorithm, found both
// in the tree (an ERROR node inside the comment) and by the algorithm's
// lowering, is one error, at the offending token (a second body after a
// process's, which the reference pcal also rejects, with one error).
func TestPlusCalErrorReportedOnce(t *testing.T) {
	src := "---- MODULE E ----\nEXTENDS Naturals\n(***\n--algorithm a {\nvariables x = 0;\nfair process (p \\in 1..2)\n    variables  procs ={};\n    {L1: while (TRUE){\n          x := 1;\n           };\n}\n     { L2: x := 2; }\n}\n***)\n====\n"
	res := Parse(context.Background(), "E.tla", []byte(src))
	f := source.NewFile("E.tla", []byte(src))
	var got []string
	for _, e := range res.Errors {
		got = append(got, f.Location(e.Span.Start)+"-"+f.Location(e.Span.End)+": "+e.Msg)
	}
	if want := "E.tla:8:5-E.tla:8:6: unexpected `{`"; len(got) != 1 || got[0] != want {
		t.Errorf("errors = %q, want exactly [%q]", got, want)
	}
}
