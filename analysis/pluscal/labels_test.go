package pluscal

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser"
)

// module wraps an algorithm body in a module.
func module(alg string) string {
	return "---- MODULE T ----\nEXTENDS Naturals, Sequences, TLC\n(* --algorithm T\n" + alg + "\nend algorithm; *)\n====\n"
}

// errorsOf translates src and returns its errors as "line:col: msg".
func errorsOf(t *testing.T, src string, opts Options) []string {
	t.Helper()
	res := parser.Parse(context.Background(), "T.tla", []byte(src))
	_, errs := TranslateModule(res, opts)
	var out []string
	for _, e := range errs {
		l, c := res.File.LineCol(e.Span.Start)
		out = append(out, fmt.Sprintf("%d:%d: %s", l, c, e.Msg))
	}
	return out
}

func TestLabelRulesAndErrors(t *testing.T) {
	cases := []struct {
		name, alg string
		want      []string
	}{
		{"first statement of a process", `variables x = 0;
process P \in 1..2
begin
  x := 1;
end process;`, []string{"7:3: Missing label: the first statement of process P must be labeled"}},
		{"first statement of a procedure", `variables x = 0;
procedure Q()
begin
  x := 1;
  return;
end procedure;
process P \in 1..2
begin
a: call Q();
end process;`, []string{"7:3: Missing label: the first statement of procedure Q must be labeled"}},
		{"while", `variables x = 0;
begin
a: x := 1;
   while x < 3 do
 b:  x := x + 1;
   end while;`, []string{"7:4: Missing label: a `while' statement must be labeled"}},
		{"after call", `variables x = 0;
procedure Q()
begin
q: return;
end procedure;
begin
a: call Q();
   x := 1;`, []string{"11:4: Missing label: a statement following a `call' must be labeled"}},
		{"after return", `variables x = 0;
procedure Q()
begin
q: return;
   x := 1;
end procedure;
begin
a: call Q();`, []string{"8:4: Missing label: a statement following a `return' must be labeled"}},
		{"after goto", `variables x = 0;
begin
a: goto a;
   x := 1;`, []string{"7:4: Missing label: a statement following a `goto' must be labeled"}},
		{"after if containing a label", `variables x = 0;
begin
a: if x = 0 then
 b:  x := 1;
   end if;
   x := 2;`, []string{"9:4: Missing label: a statement following an `if' that contains a label, `call', `return' or `goto' must be labeled"}},
		{"after either containing a goto", `variables x = 0;
begin
a: either x := 1; or goto a; end either;
   x := 2;`, []string{"7:4: Missing label: a statement following an `either' that contains a label, `call', `return' or `goto' must be labeled"}},
		{"second assignment", `variables x = 0;
begin
a: x := 1;
   x := 2;`, []string{"7:4: Missing label: x is already assigned in this step, so this statement must be labeled"}},
		{"label in with", `variables x = 0;
begin
a: with i \in 1..2 do
   b: x := i;
   end with;`, []string{"7:4: Label in `with' statement"}},
		{"label in macro", `variables x = 0;
macro M() begin
 m: x := 1;
end macro;
begin
a: M();`, []string{"6:2: Label m in macro"}},
		{"duplicate label", `variables x = 0;
begin
a: x := 1;
a: x := 2;`, []string{"7:1: Label a is already used at line 6, column 1"}},
		{"goto unknown label", `variables x = 0;
begin
a: goto b;`, []string{"6:4: goto b: no label b in the algorithm"}},
		{"call of unknown procedure", `variables x = 0;
begin
a: call Nope();`, []string{"6:4: Call of non-existent procedure Nope"}},
		{"wrong number of arguments", `variables x = 0;
procedure Q(p)
begin
q: return;
end procedure;
begin
a: call Q(1, 2);`, []string{"10:4: Procedure Q called with wrong number of arguments"}},
		{"return outside procedure", `variables x = 0;
begin
a: return;`, []string{"6:4: `return' statement not in procedure"}},
		{"assignment to undeclared variable", `variables x = 0;
begin
a: y := 1;`, []string{"6:4: Assignment to undeclared variable y"}},
		{"multiple assignment", `variables x = 0;
begin
a: x := 1 || x := 2;`, []string{"6:4: Multiple assignment to x"}},
		{"second assignment in with", `variables x = 0;
begin
a: with i \in 1..2 do
     x := i;
     x := i + 1;
   end with;`, []string{"8:6: Second assignment to same variable inside a `with' statement"}},
		{"undefined macro", `variables x = 0;
begin
a: Nope(1);`, []string{"6:4: Undefined macro Nope"}},
		{"duplicate macro", "variables x = 0;\nmacro M() begin skip; end macro;\nmacro M() begin skip; end macro;\nbegin\na: M();",
			[]string{"6:7: Duplicate macro M"}},
		// pcal checks the label a while needs after the expansion: the
		// call's label serves, and a call without one is missing it
		{"while in macro, call labelled", "variables x = 0;\nmacro M() begin while x < 1 do x := x + 1; end while; end macro;\nbegin\na: M();",
			nil},
		{"while in macro, call not labelled", "variables x = 0;\nmacro M() begin while x < 1 do x := x + 1; end while; end macro;\nbegin\na: x := 1; M();",
			[]string{"7:12: Missing label: a `while' statement must be labeled"}},
		{"macro arity", "variables x = 0;\nmacro M(v) begin v := 1; end macro;\nbegin\na: M(x, x);",
			[]string{"7:4: Macro M called with wrong number of arguments"}},
		{"macro used before its definition", "variables x = 0;\nmacro A() begin B(); end macro;\nmacro B() begin skip; end macro;\nbegin\na: A();",
			[]string{"8:4: Macro B is used in a macro defined before it"}},
		{"statement after call in with", "variables x = 0;\nprocedure Q() begin q: return; end procedure;\nbegin\na: with i \\in {1} do call Q(); x := i; end with;",
			[]string{"7:32: Statement follows `call' or `return' inside a `with' statement."}},
		{"statement after return in with", "variables x = 0;\nprocedure Q() begin q: with i \\in {1} do return; x := 1; end with; end procedure;\nbegin\na: call Q();",
			[]string{"5:50: Statement follows `call' or `return' inside a `with' statement."}},
		{"while in with", "variables x = 0;\nbegin\na: with i \\in {1} do while x < i do x := x + 1; end while; end with;",
			[]string{"6:22: `while' inside a `with' statement"}},
		{"call assigns again in with", "variables x = 0;\nprocedure Q(p) begin q: with i \\in {1} do p := i; call Q(i); end with; end procedure;\nbegin\na: call Q(1);",
			[]string{"5:51: Call or return makes second assignment to a variable inside a `with' statement"}},
		{"call; return outside procedure", "variables x = 0;\nprocedure Q() begin q: return; end procedure;\nbegin\na: call Q(); return;",
			[]string{"7:4: `return' statement not in procedure"}},
		{"reserved label", "variables x = 0;\nbegin\nDone: x := 1;",
			[]string{"6:1: label Done is reserved"}},
		{"goto unknown label in a process", "variables x = 0;\nprocess P \\in {1}\nbegin\np: goto nope;\nend process;",
			[]string{"7:4: goto nope: no label nope in process P"}},
		{"variable declared twice", "variables x = 0, x = 1;\nbegin\na: skip;",
			[]string{"4:18: variable x is declared twice in the algorithm"}},
		{"variable named pc", "variables x = 0, pc = 1;\nbegin\na: skip;",
			[]string{"4:18: variable pc is declared twice in the algorithm"}},
		{"process variable declared twice", "variables x = 0;\nprocess P = 1\nvariables y = 0, y = 1;\nbegin\np: skip;\nend process;",
			[]string{"6:18: variable y is declared twice in process P"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := errorsOf(t, module(c.alg), Options{})
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("errors:\n  got  %q\n  want %q", got, c.want)
			}
		})
	}
}

// With -label, the missing labels are added as the reference adds them.
func TestAddLabels(t *testing.T) {
	src := module(`variables x = 0;
process P \in 1..2
begin
  x := 1;
  x := 2;
  while x < 5 do x := x + 1; end while;
end process;`)
	res := parser.Parse(context.Background(), "T.tla", []byte(src))
	tr, errs := TranslateModule(res, Options{Label: true})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var added []string
	for _, a := range tr.AddedLabels {
		added = append(added, fmt.Sprintf("%s@%d", a.Name, a.At))
	}
	// at the statements `x := 1`, `x := 2` and `while`
	want := fmt.Sprintf("Lbl_1@%d,Lbl_2@%d,Lbl_3@%d", strings.Index(src, "x := 1"), strings.Index(src, "x := 2"), strings.Index(src, "while"))
	if got := strings.Join(added, ","); got != want {
		t.Errorf("added labels %s, want %s", got, want)
	}
	for _, want := range []string{
		`pc = [self \in ProcSet |-> "Lbl_1"]`,
		"Lbl_1(self) == /\\ pc[self] = \"Lbl_1\"\n               /\\ x' = 1\n               /\\ pc' = [pc EXCEPT ![self] = \"Lbl_2\"]",
		`P(self) == Lbl_1(self) \/ Lbl_2(self) \/ Lbl_3(self)`,
		"Lbl_3(self) == /\\ pc[self] = \"Lbl_3\"\n               /\\ IF x < 5\n",
	} {
		if !strings.Contains(tr.Text, want) {
			t.Errorf("translation lacks %q:\n%s", want, tr.Text)
		}
	}
	// Without -label these are errors, in order.
	got := errorsOf(t, src, Options{})
	if len(got) != 3 || !strings.HasPrefix(got[0], "7:3: Missing label") || !strings.HasPrefix(got[1], "8:3: Missing label") || !strings.HasPrefix(got[2], "9:3: Missing label") {
		t.Errorf("errors: %q", got)
	}
}

// A uniprocess algorithm with no label is labeled automatically.
func TestUniprocessAutoLabel(t *testing.T) {
	src := module("variables x = 0;\nbegin\n  x := 1;\n  assert x = 1;\n  print x;")
	out, _, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := `VARIABLES pc, x

vars == << pc, x >>

Init == (* Global variables *)
        /\ x = 0
        /\ pc = "Lbl_1"

Lbl_1 == /\ pc = "Lbl_1"
         /\ x' = 1
         /\ Assert(x' = 1, "Failure of assertion at line 7, column 3.")
         /\ PrintT(x')
         /\ pc' = "Done"

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == pc = "Done" /\ UNCHANGED vars

Next == Lbl_1
           \/ Terminating

Spec == Init /\ [][Next]_vars

Termination == <>(pc = "Done")

\* END TRANSLATION`
	if !strings.Contains(string(out), want) {
		t.Errorf("got:\n%s", out)
	}
}
