package parser

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
	"github.com/tlals/tlals/parser/testkit"
)

// TestAdversarialBlowup: the token soup on which plain tree-sitter-tlaplus
// runs for minutes and grows past 3 GB must stop at the time budget with a
// Damaged result and a clear error.
func TestAdversarialBlowup(t *testing.T) {
	root := testkit.FindCorpus()
	if root == "" {
		t.Skip("shared/corpus not found next to the repository")
	}
	src, err := os.ReadFile(filepath.Join(root, "adversarial", "parser-blowup-8k.tla"))
	if err != nil {
		t.Skip("adversarial file absent:", err)
	}
	// The budget is the parser's CPU time (its wall time on a loaded
	// machine is longer); the process's CPU time bounds it from above.
	start, wallStart := testkit.CPUNow(), time.Now()
	res := Parse(context.Background(), "blowup.tla", src)
	took, wall := testkit.CPUNow()-start, time.Since(wallStart)
	if took > ParseBudget+3*time.Second || wall > ParseBudget*wallSlack+3*time.Second {
		t.Errorf("parse took %v of CPU (%v of wall time), budget %v of CPU", took, wall, ParseBudget)
	}
	if !res.Damaged || res.Tree != nil {
		t.Fatalf("Damaged=%v Tree=%v, want a damaged result without a tree", res.Damaged, res.Tree)
	}
	if len(res.Errors) != 1 || !strings.HasPrefix(res.Errors[0].Msg, "file too damaged to parse: ") {
		t.Fatalf("errors = %v", res.Errors)
	}
	if res.Errors[0].Span != firstLineSpanOf(src) {
		t.Errorf("error at %v, want the first line %v", res.Errors[0].Span, firstLineSpanOf(src))
	}
	if res.Module == nil || res.Module.Units != nil {
		t.Errorf("module = %+v, want an empty best-effort module", res.Module)
	}
}

func firstLineSpanOf(src []byte) (sp source.Span) {
	i := bytes.IndexByte(src, '\n')
	if i < 0 {
		i = len(src)
	}
	sp.End = i
	return sp
}

// TestHostileInputs: deep nesting, huge files and garbage give errors, not
// panics, stack overflows or hangs.
func TestHostileInputs(t *testing.T) {
	const h = "---- MODULE H ----\n"
	deepParens := h + "A == " + strings.Repeat("(", 10000) + "1" + strings.Repeat(")", 10000) + "\n====\n"
	deepBullets := h + "A == " + strings.Repeat("/\\ ", 10000) + "TRUE\n====\n"
	deepSets := h + "A == " + strings.Repeat("{", 10000) + strings.Repeat("}", 10000) + "\n====\n"
	garbage := make([]byte, 64<<10)
	seed := uint32(1)
	for i := range garbage {
		seed = seed*1664525 + 1013904223
		garbage[i] = byte(seed >> 24)
	}
	tests := []struct {
		name    string
		src     []byte
		wantMsg string // a substring of the first error
		damaged bool
	}{
		{"10000 nested parentheses", []byte(deepParens), "expression nested too deeply", true},
		{"10000 nested bullets", []byte(deepBullets), "expression nested too deeply", true},
		{"10000 nested sets", []byte(deepSets), "expression nested too deeply", true},
		{"binary garbage", garbage, "`MODULE` header expected", false},
		{"garbage after header", append([]byte(h), garbage...), "", false},
		{"unterminated comment at end", []byte(h + "A == 1\n(*" + strings.Repeat(" (* x", 5000)), "unterminated comment", false},
		{"proof step level 100", []byte(h + "THEOREM TRUE\n<100>1. TRUE\n<100>2. QED\n====\n"), "proof nested too deeply (level above 64)", true},
		{"10 MB file", bytes.Repeat([]byte("A == 1\n"), 10<<20/7+1), "file too large", true},
		{"7 MB string literal", []byte(h + "S == \"" + strings.Repeat("a", 7<<20) + "\"\n====\n"), "string literal too long (more than 1 MB)", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			res := Parse(context.Background(), "h.tla", tt.src)
			if d := time.Since(start); d > ParseBudget+8*time.Second { // generous: the machine may be loaded
				t.Errorf("took %v", d)
			}
			if len(res.Errors) == 0 {
				t.Fatal("no error reported")
			}
			if !strings.Contains(res.Errors[0].Msg, tt.wantMsg) {
				t.Errorf("first error %q, want it to contain %q", res.Errors[0].Msg, tt.wantMsg)
			}
			if tt.name == "7 MB string literal" && res.Errors[0].Span != (source.Span{Start: len(h) + 5, End: len(h) + 6}) {
				t.Errorf("error at %v, want the literal's opening quote", res.Errors[0].Span)
			}
			if tt.damaged != res.Damaged {
				t.Errorf("Damaged = %v, want %v (errors %v)", res.Damaged, tt.damaged, res.Errors)
			}
			for _, e := range res.Errors {
				if e.Span.Start < 0 || e.Span.End > len(tt.src) || e.Span.Start > e.Span.End {
					t.Errorf("error %v outside the text", e)
				}
			}
			if len(res.Errors) > maxSyntaxErrors+1 {
				t.Errorf("%d errors: a cascade", len(res.Errors))
			}
		})
	}
}

// TestLargeNumbersInTuples: `<<65, x>>` holds no proof step, whatever the
// number after `<<`.
func TestLargeNumbersInTuples(t *testing.T) {
	src := "---- MODULE T ----\nA == <<65, 1>>\nB == << 100 >>\nC == 1 <100\n====\n"
	res := Parse(context.Background(), "t.tla", []byte(src))
	if len(res.Errors) > 0 || res.Damaged {
		t.Fatalf("errors %v, damaged %v", res.Errors, res.Damaged)
	}
}

// TestCancelledParse: a cancelled context yields a Damaged result at once.
func TestCancelledParse(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := Parse(ctx, "c.tla", []byte("---- MODULE C ----\nA == 1\n====\n"))
	if !res.Damaged || len(res.Errors) != 1 || res.Errors[0].Msg != "file too damaged to parse: parse cancelled" {
		t.Fatalf("Damaged=%v errors=%v", res.Damaged, res.Errors)
	}
}

// TestBlankSemicolonsBeforeElse: only the `;` between `}` and the keyword
// else (in a C-syntax algorithm also any `;` before or) is blanked, in a
// copy of the same length.
func TestBlankSemicolonsBeforeElse(t *testing.T) {
	tests := []struct{ in, want string }{
		{"} ; else", "}   else"},
		{"};\n  else {", "} \n  else {"},
		{"}; elsewhere", "}; elsewhere"},
		{"x; else", "x; else"},
		{";else", ";else"},
		{"", ""},
		// a `; or` only in a C-syntax algorithm (pcal takes it there)
		{"--algorithm A { either { x := 1 }; or x := 2; or y := 3 }", "--algorithm A { either { x := 1 }  or x := 2  or y := 3 }"},
		{"--algorithm A { either x := 1; order := 2; }", "--algorithm A { either x := 1; order := 2; }"},
		{"--algorithm A { x := \"a; or b\" }", "--algorithm A { x := \"a; or b\" }"},
		{"--algorithm A\nbegin either x := {1}; or x := 2; end either; end algorithm", "--algorithm A\nbegin either x := {1}; or x := 2; end either; end algorithm"},
	}
	for _, tt := range tests {
		in := []byte(tt.in)
		if got := string(blankSemicolonsBeforeElse(in)); got != tt.want || string(in) != tt.in {
			t.Errorf("%q: got %q (input now %q), want %q", tt.in, got, in, tt.want)
		}
	}
}

// TestPcalRewrites: only a comma that closes a PlusCal variable declaration
// list becomes `;`, and only an else with an empty branch is blanked, in a
// copy of the same length.
func TestPcalRewrites(t *testing.T) {
	tests := []struct{ in, want string }{
		{"(* --algorithm a\nvariables x = 0,\ndefine", "(* --algorithm a\nvariables x = 0;\ndefine"},
		{"(* --fair algorithm a variables x = 0, \\* c\n begin", "(* --fair algorithm a variables x = 0; \\* c\n begin"},
		{"(* --algorithm a { variables x = <<1, {2}>>, y = 1, {", "(* --algorithm a { variables x = <<1, {2}>>, y = 1; {"},
		{"(* --algorithm a { variables x = 1; { y := <<1, {2}>>", "(* --algorithm a { variables x = 1; { y := <<1, {2}>>"},
		{`(* --algorithm a variables s = "a, begin", t = 1, process`, `(* --algorithm a variables s = "a, begin", t = 1; process`},
		{"(* --algorithm a variables x = 1, beginning", "(* --algorithm a variables x = 1, beginning"},
		{"(* --algorithm a *) Op == f(1, begin)", "(* --algorithm a *) Op == f(1, begin)"},
		{"Op == f(1, begin)", "Op == f(1, begin)"},
		{"(* --algorithm a\nvariables x = 1, y = 2,\ndefine", "(* --algorithm a\nvariables x = 1, y = 2;\ndefine"},
		{"(* --algorithm a\nvariables x = 1, \\* note\n begin", "(* --algorithm a\nvariables x = 1; \\* note\n begin"},
		{"(* --fair algorithm a\nvariables x = 1,\nfair process", "(* --fair algorithm a\nvariables x = 1;\nfair process"},
		{"(* --algorithm a\nprocedure p() variables t = 0,\nbegin", "(* --algorithm a\nprocedure p() variables t = 0;\nbegin"},
		// a C-syntax procedure's list ending in a bare name before `{` (pcal
		// takes it), not one ending in `= expr` or `\in` (pcal reads the `{`
		// as the expression's, or refuses `\in`)
		{"(* --algorithm a { procedure p() variables x, y { p1: skip; }", "(* --algorithm a { procedure p() variables x, y;{ p1: skip; }"},
		{"(* --algorithm a { procedure p() variable x\n{ p1: x := {1}; }", "(* --algorithm a { procedure p() variable x;{ p1: x := {1}; }"},
		{"(* --algorithm a { procedure p() variables x = {1}, y {", "(* --algorithm a { procedure p() variables x = {1}, y;{"},
		{"(* --algorithm a { procedure p() variables x = 1 {", "(* --algorithm a { procedure p() variables x = 1 {"},
		{"(* --algorithm a { procedure p() variables x \\in {1} {", "(* --algorithm a { procedure p() variables x \\in {1} {"},
		// not a section keyword, a longer word, a string, a nested comment
		{"(* --algorithm a\nvariables x = <<1, {2}>>, beginning = 1", "(* --algorithm a\nvariables x = <<1, {2}>>, beginning = 1"},
		{"(* --algorithm a\nvariables s = \", begin\"", "(* --algorithm a\nvariables s = \", begin\""},
		{"(* --algorithm a\n(* x, begin *)", "(* --algorithm a\n(* x, begin *)"},
		// outside an algorithm comment: TLA+ identifiers may be called begin
		{"F == <<1, begin>>", "F == <<1, begin>>"},
		// an else with no statement before its end if is blanked
		{"(* --algorithm a\nif x then y := 1; else\n  \\* none\nend if;", "(* --algorithm a\nif x then y := 1;     \n  \\* none\nend if;"},
		{"(* --algorithm a\nif x then y := 1; else (* c *) end if;", "(* --algorithm a\nif x then y := 1;      (* c *) end if;"},
		{"(* --algorithm a\nif x then y := 1; else skip; end if;", "(* --algorithm a\nif x then y := 1; else skip; end if;"},
		{"(* --algorithm a\nif x then y := 1; else ending := 1; end if;", "(* --algorithm a\nif x then y := 1; else ending := 1; end if;"},
		{"(* --algorithm a\n(* else end *)", "(* --algorithm a\n(* else end *)"},
		{"Op == IF a THEN b ELSE c\nelse end", "Op == IF a THEN b ELSE c\nelse end"},
		{"(* --algorithm a *)\nF == <<1, begin>>", "(* --algorithm a *)\nF == <<1, begin>>"},
		{"", ""},
	}
	for _, tt := range tests {
		in := []byte(tt.in)
		if got := string(pcalRewrites(in)); got != tt.want || string(in) != tt.in {
			t.Errorf("%q: got %q (input now %q), want %q", tt.in, got, in, tt.want)
		}
	}
}

// TestPlusCalTrailingVarComma: pcal accepts a `,` after the last variable
// declaration of the algorithm, a procedure and a process (its translation is
// the same as with `;`); the module then parses without errors.
func TestPlusCalTrailingVarComma(t *testing.T) {
	src := []byte(`---- MODULE TC ----
EXTENDS Naturals, Sequences
(* --algorithm tc
variables x = 0, y = <<1, 2>>, \* trailing comma before define
define
  Inv == x <= 2
end define;
procedure p(a)
variables t = a,
begin
  P1: x := x + t;
  return;
end procedure;
process q \in 1..2
variables r = 1,
begin
  Q1: call p(r);
end process;
end algorithm; *)
====
`)
	res := Parse(context.Background(), "TC.tla", src)
	if len(res.Errors) > 0 || res.Damaged {
		t.Fatalf("errors %v, damaged %v", res.Errors, res.Damaged)
	}
	alg := res.Module.Algorithm
	if alg == nil {
		t.Fatal("no algorithm")
	}
	names := func(vs []*ast.PVarDecl) (out []string) {
		for _, v := range vs {
			out = append(out, v.Name.Name)
		}
		return out
	}
	if got := names(alg.Vars); !reflect.DeepEqual(got, []string{"x", "y"}) {
		t.Errorf("global variables %v", got)
	}
	if len(alg.Procedures) != 1 || !reflect.DeepEqual(names(alg.Procedures[0].Vars), []string{"t"}) {
		t.Errorf("procedure variables wrong: %d procedures", len(alg.Procedures))
	}
	if len(alg.Processes) != 1 || !reflect.DeepEqual(names(alg.Processes[0].Vars), []string{"r"}) {
		t.Errorf("process variables wrong: %d processes", len(alg.Processes))
	}
	if len(alg.Defines) != 1 {
		t.Errorf("define block has %d definitions, want 1", len(alg.Defines))
	}
}
