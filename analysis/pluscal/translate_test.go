package pluscal

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/source"
)

const small = `---- MODULE Small ----
EXTENDS Naturals
(* --algorithm Small
variables x = 0, y \in {1, 2};
begin
a: x := x + 1;
   y := x;
b: if x > 1 then
     x := 0;
   end if;
end algorithm; *)
====
`

func TestTranslateSmallExact(t *testing.T) {
	out, sm, errs := Translate([]byte(small), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := `*)
\* BEGIN TRANSLATION (chksum(pcal) = "be310374" /\ chksum(tla) = "%s")
VARIABLES pc, x, y

vars == << pc, x, y >>

Init == (* Global variables *)
        /\ x = 0
        /\ y \in {1, 2}
        /\ pc = "a"

a == /\ pc = "a"
     /\ x' = x + 1
     /\ y' = x'
     /\ pc' = "b"

b == /\ pc = "b"
     /\ IF x > 1
           THEN /\ x' = 0
           ELSE /\ TRUE
                /\ x' = x
     /\ pc' = "Done"
     /\ y' = y

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == pc = "Done" /\ UNCHANGED vars

Next == a \/ b
           \/ Terminating

Spec == Init /\ [][Next]_vars

Termination == <>(pc = "Done")

\* END TRANSLATION 
====
`
	tr := string(out[strings.Index(string(out), "VARIABLES"):strings.Index(string(out), "\\* END")])
	want = fmt.Sprintf(want, tlaChecksum(tr))
	if got := string(out[strings.Index(string(out), "*)\n"):]); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}

	// Source map: exact ranges.
	at := func(text string, nth int) int {
		i := strings.Index(string(out), "BEGIN TRANSLATION")
		for k := 0; k <= nth; k++ {
			j := strings.Index(string(out[i+1:]), text)
			if j < 0 {
				t.Fatalf("%q not in output", text)
			}
			i += 1 + j
		}
		return i
	}
	pcalAt := func(text string) int { return strings.Index(small, text) }
	check := func(tlaText string, nth int, kind MapKind, pcalText string) {
		t.Helper()
		off := at(tlaText, nth)
		var found *Mapping
		for i, m := range sm.Mappings {
			if m.TLA.Start == off && m.TLA.End == off+len(tlaText) && m.Kind == kind {
				found = &sm.Mappings[i]
			}
		}
		if found == nil {
			t.Errorf("no %v mapping for %q", kind, tlaText)
			return
		}
		want := pcalAt(pcalText)
		if found.PlusCal.Start != want || found.PlusCal.End != want+len(pcalText) {
			t.Errorf("%q maps to %q, want %q", tlaText, small[found.PlusCal.Start:found.PlusCal.End], pcalText)
		}
	}
	check("x' = x + 1", 0, MapStatement, "x := x + 1")
	check("x + 1", 0, MapExpr, "x + 1")
	check("y' = x'", 0, MapStatement, "y := x")
	check("x > 1", 0, MapExpr, "x > 1")
	check("x = 0", 0, MapDecl, "x = 0")
	check("y \\in {1, 2}", 0, MapDecl, "y \\in {1, 2}")
	check("IF x > 1\n           THEN /\\ x' = 0\n           ELSE /\\ TRUE\n                /\\ x' = x", 0, MapStatement, "if x > 1 then\n     x := 0;\n   end if")
	a, ok := sm.Action("a")
	if !ok || small[a.PlusCal.Start:a.PlusCal.End] != "a: x := x + 1;\n   y := x" {
		t.Errorf("action a maps to %q", small[a.PlusCal.Start:a.PlusCal.End])
	}
	// Lookup inside y' = x' gives the statement y := x.
	m, ok := sm.Lookup(at("y' = x'", 0) + 2)
	if !ok || small[m.PlusCal.Start:m.PlusCal.End] != "y := x" {
		t.Errorf("Lookup: %+v", m)
	}
	if sp, ok := sm.PlusCal(sourceSpan(at("x' = 0", 0), len("x' = 0"))); !ok || small[sp.Start:sp.End] != "x := 0" {
		t.Errorf("PlusCal(x' = 0) = %v", sp)
	}
}

// Round trip: translate, edit the algorithm, translate again.
func TestRoundTrip(t *testing.T) {
	out, _, errs := Translate([]byte(small), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if s, err := Stale(out); err != nil || s {
		t.Fatalf("fresh translation stale: %v %v", s, err)
	}
	again, _, errs := Translate(out, Options{})
	if len(errs) > 0 || string(again) != string(out) {
		t.Fatalf("translation not idempotent:\n%s", again)
	}
	edited := strings.Replace(string(out), "   y := x;\n", "   y := x;\nc: y := y + 2;\n", 1)
	if s, err := Stale([]byte(edited)); err != nil || !s {
		t.Fatalf("edited algorithm not stale: %v %v", s, err)
	}
	out2, _, errs := Translate([]byte(edited), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{"c == /\\ pc = \"c\"\n     /\\ y' = y + 2\n     /\\ pc' = \"b\"", "Next == a \\/ c \\/ b"} {
		if !strings.Contains(string(out2), want) {
			t.Errorf("retranslation lacks %q:\n%s", want, out2)
		}
	}
	end := strings.Index(edited, "\\* BEGIN")
	if string(out2[:end]) != edited[:end] {
		t.Errorf("text before the translation changed")
	}
	if !strings.HasSuffix(string(out2), "\\* END TRANSLATION \n====\n") {
		t.Errorf("text after the translation changed")
	}
	// A hand edit of the translation makes it stale too.
	hand := strings.Replace(string(out), "/\\ x' = x + 1", "/\\ x' = x + 2", 1)
	if s, _ := Stale([]byte(hand)); !s {
		t.Errorf("hand-edited translation not stale")
	}
}

// Procedures, call/return and the stack, in a multiprocess algorithm (the
// call's frame laid out as pcal does).
func TestProcedures(t *testing.T) {
	src := module(`variables r = 0;
procedure Inc(n = 1)
variables old = 0;
begin
i1: old := r;
i2: r := old + n;
    return;
end procedure;
fair process P \in 1..2
begin
p1: call Inc(self);
p2: call Inc(2);
    return;
end process;`)
	// p2: return outside procedure is an error.
	if errs := errorsOf(t, src, Options{}); len(errs) != 1 || !strings.Contains(errs[0], "`return' statement not in procedure") {
		t.Fatalf("errors: %q", errs)
	}
	src = strings.Replace(src, "p2: call Inc(2);\n    return;", "p2: call Inc(2);", 1)
	res := parser.Parse(context.Background(), "T.tla", []byte(src))
	tr, errs := TranslateModule(res, Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{
		"VARIABLES pc, r, stack, n, old",
		"/\\ n = [ self \\in ProcSet |-> 1]",
		"/\\ old = [ self \\in ProcSet |-> 0]",
		"/\\ stack = [self \\in ProcSet |-> << >>]",
		"i2(self) == /\\ pc[self] = \"i2\"\n" +
			"            /\\ r' = old[self] + n[self]\n" +
			"            /\\ pc' = [pc EXCEPT ![self] = Head(stack[self]).pc]\n" +
			"            /\\ old' = [old EXCEPT ![self] = Head(stack[self]).old]\n" +
			"            /\\ n' = [n EXCEPT ![self] = Head(stack[self]).n]\n" +
			"            /\\ stack' = [stack EXCEPT ![self] = Tail(stack[self])]",
		"p1(self) == /\\ pc[self] = \"p1\"\n" +
			"            /\\ /\\ n' = [n EXCEPT ![self] = self]\n" +
			"               /\\ stack' = [stack EXCEPT ![self] = << [ procedure |->  \"Inc\",\n" +
			"                                                        pc        |->  \"p2\",\n" +
			"                                                        old       |->  old[self],\n" +
			"                                                        n         |->  n[self] ] >>\n" +
			"                                                    \\o stack[self]]\n" +
			"            /\\ old' = [old EXCEPT ![self] = 0]\n" +
			"            /\\ pc' = [pc EXCEPT ![self] = \"i1\"]\n" +
			"            /\\ r' = r",
		"Inc(self) == i1(self) \\/ i2(self)",
		"Next == (\\E self \\in ProcSet: Inc(self))\n           \\/ (\\E self \\in 1..2: P(self))\n           \\/ Terminating",
		"Spec == /\\ Init /\\ [][Next]_vars\n        /\\ \\A self \\in 1..2 : WF_vars(P(self)) /\\ WF_vars(Inc(self))",
	} {
		if !strings.Contains(tr.Text, want) {
			t.Errorf("translation lacks\n%s\n---- in:\n%s", want, tr.Text)
		}
	}
}

func sourceSpan(start, n int) source.Span { return source.Span{Start: start, End: start + n} }

// Without markers, the translation goes on the lines after the one ending
// the algorithm's comment, which must hold nothing else but a comment.
func TestInsertMarkers(t *testing.T) {
	src := "---- MODULE M ----\n(* --algorithm M\nvariables x = 0;\nbegin\na: x := 1;\nend algorithm; *) \\* note\nFoo == 1\n====\n"
	out, _, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	head := "---- MODULE M ----\n(* --algorithm M\nvariables x = 0;\nbegin\na: x := 1;\nend algorithm; *) \\* note\n\\* BEGIN TRANSLATION (chksum(pcal) = \""
	if !strings.HasPrefix(string(out), head) || !strings.HasSuffix(string(out), "\n\\* END TRANSLATION \nFoo == 1\n====\n") {
		t.Errorf("got:\n%s", out)
	}
	bad := strings.Replace(src, "*) \\* note", "*) Foo", 1)
	_, _, errs = Translate([]byte(bad), Options{})
	if len(errs) != 1 || errs[0].Msg != "Text on same line following `*)' that ends the comment containing the algorithm" || bad[errs[0].Span.Start:errs[0].Span.End] != "Foo" {
		t.Errorf("errors: %v", errs)
	}
}

// TestPCDeclaredFirst: the reference translator declares pc before the
// algorithm's variables (and the define block); a module whose committed
// translation declares it last, as older translators did, is still current.
func TestPCDeclaredFirst(t *testing.T) {
	const alg = "---- MODULE A ----\nEXTENDS Naturals\n(* --algorithm A {\n  variables x = 0, y = 1;\n  define { D == x + 1 }\n  { l1: x := D; l2: y := 2 }\n} *)\n"
	// the reference pcal's translation
	const ref = `\* BEGIN TRANSLATION
VARIABLES pc, x, y

(* define statement *)
D == x + 1


vars == << pc, x, y >>

Init == (* Global variables *)
        /\ x = 0
        /\ y = 1
        /\ pc = "l1"

l1 == /\ pc = "l1"
      /\ x' = D
      /\ pc' = "l2"
      /\ y' = y

l2 == /\ pc = "l2"
      /\ y' = 2
      /\ pc' = "Done"
      /\ x' = x

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == pc = "Done" /\ UNCHANGED vars

Next == l1 \/ l2
           \/ Terminating

Spec == Init /\ [][Next]_vars

Termination == <>(pc = "Done")

\* END TRANSLATION
====
`
	out, _, errs := Translate([]byte(alg+"\\* BEGIN TRANSLATION\n\\* END TRANSLATION\n====\n"), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := string(out[strings.Index(string(out), "VARIABLES"):])
	if want := ref[strings.Index(ref, "VARIABLES"):]; got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	for _, tc := range []struct{ name, vars, tuple string }{
		{"pc first", "VARIABLES pc, x, y", "<< pc, x, y >>"},
		{"pc last", "VARIABLES x, y, pc", "<< x, y, pc >>"},
	} {
		src := alg + strings.Replace(strings.Replace(ref, "VARIABLES pc, x, y", tc.vars, 1), "<< pc, x, y >>", tc.tuple, 1)
		if stale, err := Stale([]byte(src)); err != nil || stale {
			t.Errorf("%s: stale %v, %v", tc.name, stale, err)
		}
	}
	if stale, _ := Stale([]byte(alg + strings.Replace(ref, "VARIABLES pc, x, y", "VARIABLES x, pc, y", 1))); !stale {
		t.Errorf("pc in the middle: not stale")
	}
}

// TestEitherUnchangedLayout: in the branches of an either the reference
// writes UNCHANGED <<a, b>> (no inner spaces), elsewhere << a, b >>; a
// single variable is `UNCHANGED v`, or `v' = v` for a short name.
func TestEitherUnchangedLayout(t *testing.T) {
	src := "---- MODULE E ----\nEXTENDS Naturals\n(* --algorithm E {\n  variables x = 0, y = 1, longname = 2, z = 3;\n" +
		"  { l1: either { x := 1 } or { y := 2; x := 3 } or { longname := 5; x := 1; y := 1 } or { z := 1; x := 1; y:= 2 } or { skip };\n" +
		"    l2: either { x := 1 } or { longname := 1 } \n  }\n} *)\n\\* BEGIN TRANSLATION\n\\* END TRANSLATION\n====\n"
	// the reference pcal's translation
	want := `l1 == /\ pc = "l1"
      /\ \/ /\ x' = 1
            /\ UNCHANGED <<y, longname, z>>
         \/ /\ y' = 2
            /\ x' = 3
            /\ UNCHANGED <<longname, z>>
         \/ /\ longname' = 5
            /\ x' = 1
            /\ y' = 1
            /\ z' = z
         \/ /\ z' = 1
            /\ x' = 1
            /\ y' = 2
            /\ UNCHANGED longname
         \/ /\ TRUE
            /\ UNCHANGED <<x, y, longname, z>>
      /\ pc' = "l2"

l2 == /\ pc = "l2"
      /\ \/ /\ x' = 1
            /\ UNCHANGED longname
         \/ /\ longname' = 1
            /\ x' = x
      /\ pc' = "Done"
      /\ UNCHANGED << y, z >>
`
	out, _, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(string(out), want) {
		t.Fatalf("got:\n%s", out)
	}
}

// TestAssertWrap: an Assert whose line would reach column 78 has its
// message on the next line, under the asserted expression, the first line
// ending in ", " as the reference translator writes it.
func TestAssertWrap(t *testing.T) {
	src := "---- MODULE F ----\nEXTENDS Naturals, TLC\n(* --algorithm F {\n  variables x = 0;\n  { l1: x := 1; assert x = 1; \n" +
		"    l2: assert x = 1 /\\ x = 1 /\\ x = 1 /\\ x = 1 /\\ x = 1 /\\ x = 1 /\\ x = 1 /\\ x = 1;\n" +
		"    l3: if (x = 1) { assert x = 1 /\\ x = 1 /\\ x = 1 } else { skip }\n  }\n} *)\n\\* BEGIN TRANSLATION\n\\* END TRANSLATION\n====\n"
	// the reference pcal's translation
	want := "l1 == /\\ pc = \"l1\"\n" +
		"      /\\ x' = 1\n" +
		"      /\\ Assert(x' = 1, \"Failure of assertion at line 5, column 17.\")\n" +
		"      /\\ pc' = \"l2\"\n\n" +
		"l2 == /\\ pc = \"l2\"\n" +
		"      /\\ Assert(x = 1 /\\ x = 1 /\\ x = 1 /\\ x = 1 /\\ x = 1 /\\ x = 1 /\\ x = 1 /\\ x = 1, \n" +
		"                \"Failure of assertion at line 6, column 9.\")\n" +
		"      /\\ pc' = \"l3\"\n" +
		"      /\\ x' = x\n\n" +
		"l3 == /\\ pc = \"l3\"\n" +
		"      /\\ IF x = 1\n" +
		"            THEN /\\ Assert(x = 1 /\\ x = 1 /\\ x = 1, \n" +
		"                           \"Failure of assertion at line 7, column 22.\")\n"
	out, sm, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(string(out), want) {
		t.Fatalf("got:\n%s", out)
	}
	// the mapping of the wrapped statement still covers its text
	i := strings.Index(string(out), "Assert(x = 1 /\\ x = 1 /\\ x = 1, ")
	found := false
	for _, m := range sm.Mappings {
		if m.TLA.Start <= i && m.TLA.End > i+len("Assert(x = 1 /\\ x = 1 /\\ x = 1, \n") {
			found = true
		}
	}
	if !found {
		t.Errorf("no mapping covers the wrapped Assert")
	}
}

// TestDefineBlankLines: the define block is copied with its line structure:
// a line holding only a comment, or nothing, between two definitions stays
// an empty line (the reference translator's output).
func TestDefineBlankLines(t *testing.T) {
	src := "---- MODULE D ----\nEXTENDS Naturals\n(* --algorithm D {\n  variables x = 0;\n  define { \\* helpers\n    \\* the first\n    A == x + 1\n    \\* the second\n\n    B(n) ==\n      n + 2\n  }\n  { l1: x := A }\n} *)\n\\* BEGIN TRANSLATION\n\\* END TRANSLATION\n====\n"
	want := "VARIABLES pc, x\n\n(* define statement *)\nA == x + 1\n\n\nB(n) ==\n  n + 2\n\n\nvars == << pc, x >>\n"
	out, _, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(string(out), want) {
		t.Fatalf("got:\n%s", out)
	}
}

// TestExpressionBlankLines: inside an expression too, a source line with no
// token (a comment, nothing) stays a line, holding the expression's
// indentation (the reference translator's output, trailing spaces and all).
func TestExpressionBlankLines(t *testing.T) {
	src := "---- MODULE K ----\nEXTENDS Naturals\n(* --algorithm K {\n  variables r = [\n      \\* first field\n      a |-> 1,\n      \\* second field\n\n      b |-> 2\n    ];\n" +
		"  { l1: r := [\n          \\* only a\n          a |-> 3, b |-> 4 ] }\n} *)\n\\* BEGIN TRANSLATION\n\\* END TRANSLATION\n====\n"
	want := "Init == (* Global variables *)\n" +
		"        /\\ r =             [\n" +
		"               \n" +
		"                 a |-> 1,\n" +
		"               \n" +
		"               \n" +
		"                 b |-> 2\n" +
		"               ]\n" +
		"        /\\ pc = \"l1\"\n\n" +
		"l1 == /\\ pc = \"l1\"\n" +
		"      /\\ r' =    [\n" +
		"              \n" +
		"              a |-> 3, b |-> 4 ]\n"
	out, _, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(string(out), want) {
		t.Fatalf("got:\n%q", out)
	}
}

// TestReferenceRenamesAndLayout: the translation of an algorithm whose
// process shares its name with a variable (renamed light_3, since a process
// light_ exists), whose label shares its name with its process (the label is
// renamed, the process keeps its name), with an assert inside a macro called
// from a macro, a comment line inside an expression, and an UNCHANGED list
// longer than a line, is byte for byte the reference translator's output
// (pcal), chksum(pcal) of the --fair algorithm included.
func TestReferenceRenamesAndLayout(t *testing.T) {
	src := `---- MODULE Ren ----
EXTENDS Naturals, TLC
(* --fair algorithm Ren {
variables light = 0, resources_needed_by_everyone = 0, an_extremely_long_name = 0,
          yet_another_variable = 0;
macro Check(v) {
  assert v >= 0;
}
macro Twice(v) {
  Check(v);
  Check(v + 1);
}
process (light = "light")
{
  Cycle: light := light + 1;
         Twice(light);
}
process (car = "car")
{
  car: await /\ light >= 0
             \* a comment line inside the expression
             /\ light < 10;
}
process (light_ = "l2")
{
  Lbl: an_extremely_long_name := 1;
}
}
*)
====
`
	want := `---- MODULE Ren ----
EXTENDS Naturals, TLC
(* --fair algorithm Ren {
variables light = 0, resources_needed_by_everyone = 0, an_extremely_long_name = 0,
          yet_another_variable = 0;
macro Check(v) {
  assert v >= 0;
}
macro Twice(v) {
  Check(v);
  Check(v + 1);
}
process (light = "light")
{
  Cycle: light := light + 1;
         Twice(light);
}
process (car = "car")
{
  car: await /\ light >= 0
             \* a comment line inside the expression
             /\ light < 10;
}
process (light_ = "l2")
{
  Lbl: an_extremely_long_name := 1;
}
}
*)
\* BEGIN TRANSLATION (chksum(pcal) = "7c28162a" /\ chksum(tla) = "a4fd50fe")
\* Label car of process car at line 20 col 8 changed to car_
\* Process light at line 13 col 1 changed to light_3
VARIABLES pc, light, resources_needed_by_everyone, an_extremely_long_name, 
          yet_another_variable

vars == << pc, light, resources_needed_by_everyone, an_extremely_long_name, 
           yet_another_variable >>

ProcSet == {"light"} \cup {"car"} \cup {"l2"}

Init == (* Global variables *)
        /\ light = 0
        /\ resources_needed_by_everyone = 0
        /\ an_extremely_long_name = 0
        /\ yet_another_variable = 0
        /\ pc = [self \in ProcSet |-> CASE self = "light" -> "Cycle"
                                        [] self = "car" -> "car_"
                                        [] self = "l2" -> "Lbl"]

Cycle == /\ pc["light"] = "Cycle"
         /\ light' = light + 1
         /\ Assert(light' >= 0, 
                   "Failure of assertion at line 7, column 3 of macro called at line 16, column 10.")
         /\ Assert((light' + 1) >= 0, 
                   "Failure of assertion at line 7, column 3 of macro called at line 16, column 10.")
         /\ pc' = [pc EXCEPT !["light"] = "Done"]
         /\ UNCHANGED << resources_needed_by_everyone, an_extremely_long_name, 
                         yet_another_variable >>

light_3 == Cycle

car_ == /\ pc["car"] = "car_"
        /\ /\ light >= 0
           
           /\ light < 10
        /\ pc' = [pc EXCEPT !["car"] = "Done"]
        /\ UNCHANGED << light, resources_needed_by_everyone, 
                        an_extremely_long_name, yet_another_variable >>

car == car_

Lbl == /\ pc["l2"] = "Lbl"
       /\ an_extremely_long_name' = 1
       /\ pc' = [pc EXCEPT !["l2"] = "Done"]
       /\ UNCHANGED << light, resources_needed_by_everyone, 
                       yet_another_variable >>

light_ == Lbl

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == /\ \A self \in ProcSet: pc[self] = "Done"
               /\ UNCHANGED vars

Next == light_3 \/ car \/ light_
           \/ Terminating

Spec == /\ Init /\ [][Next]_vars
        /\ WF_vars(Next)

Termination == <>(\A self \in ProcSet: pc[self] = "Done")

\* END TRANSLATION 
====
`
	out, _, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if string(out) != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

// TestBeginLineChecksums: as pcal, a BEGIN TRANSLATION line written without
// checksums keeps none (TLC then does not validate the translation); a
// line with checksums gets the new ones; a new translation gets them.
func TestBeginLineChecksums(t *testing.T) {
	alg := "---- MODULE H ----\n(* --algorithm H\nvariables x = 0;\nbegin\na: x := 1;\nend algorithm; *)\n"
	tests := []struct {
		name, header string
		want         *regexp.Regexp
	}{
		{"no checksums", "\\* BEGIN TRANSLATION\nVARIABLES x\n\\* END TRANSLATION\n", regexp.MustCompile(`(?m)^\\\* BEGIN TRANSLATION$`)},
		{"checksums", "\\* BEGIN TRANSLATION (chksum(pcal) = \"0\" /\\ chksum(tla) = \"0\")\n\\* END TRANSLATION\n", regexp.MustCompile(`(?m)^\\\* BEGIN TRANSLATION \(chksum\(pcal\) = "[0-9a-f]+" /\\ chksum\(tla\) = "[0-9a-f]+"\)$`)},
		{"new translation", "", regexp.MustCompile(`(?m)^\\\* BEGIN TRANSLATION \(chksum\(pcal\) = "[0-9a-f]+" /\\ chksum\(tla\) = "[0-9a-f]+"\)$`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, errs := Translate([]byte(alg+tt.header+"====\n"), Options{})
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if !tt.want.Match(out) || strings.Contains(string(out), `chksum(pcal) = "0"`) {
				t.Errorf("header not as pcal writes it:\n%s", out)
			}
		})
	}
}

// TestProcessLocalInitChoose: a process variable's initial set that reads an
// earlier process variable picks one process with CHOOSE; the reference
// writes two spaces after its `\in` (pcal's output for this algorithm).
func TestProcessLocalInitChoose(t *testing.T) {
	src := "---- MODULE C ----\nEXTENDS Naturals\nCONSTANT S\n(* --algorithm C\nvariables g = 2;\n" +
		"process P \\in S\nvariables u = 1, y \\in 1..u;\nbegin\n  a: skip;\nend process;\n" +
		"process Q \\in {7, 8}\nvariables v = 1, w \\in 1..v;\nbegin\n  b: skip;\nend process;\nend algorithm; *)\n" +
		"\\* BEGIN TRANSLATION\n\\* END TRANSLATION\n====\n"
	out, _, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{
		"        /\\ y \\in [S -> 1..u[CHOOSE self \\in  S : TRUE]]\n",
		"        /\\ w \\in [{7, 8} -> 1..v[CHOOSE self \\in  {7, 8} : TRUE]]\n",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("want %q in:\n%s", want, out)
		}
	}
}

// TestIfUnchangedWrap: the UNCHANGED tuple of an IF branch wraps by the
// column it is written at, its later lines under its first variable (pcal's
// output for this algorithm).
func TestIfUnchangedWrap(t *testing.T) {
	src := "---- MODULE W ----\nEXTENDS Naturals\n(* --algorithm W\n" +
		"variables alphaalpha = 0, bravobravo = 0, charliecharlie = 0, deltadelta = 0, z = 0;\n" +
		"process LongProcessName = 1\nbegin\nLongLabelName:\n  while TRUE do\n    if z = 0 then\n" +
		"      either alphaalpha := 1;\n      or bravobravo := 1;\n      or charliecharlie := 1;\n      or deltadelta := 1;\n" +
		"      end either;\n    else\n      skip;\n    end if;\n  end while;\nend process;\nend algorithm; *)\n" +
		"\\* BEGIN TRANSLATION\n\\* END TRANSLATION\n====\n"
	want := "                         ELSE /\\ TRUE\n" +
		"                              /\\ UNCHANGED << alphaalpha, bravobravo, \n" +
		"                                              charliecharlie, deltadelta >>\n" +
		"                   /\\ z' = z\n"
	out, sm, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(string(out), want) {
		t.Fatalf("got:\n%s", out)
	}
	// the process's action still maps to its whole text
	i := strings.Index(string(out), "charliecharlie, deltadelta >>")
	found := false
	for _, m := range sm.Mappings {
		if m.Kind == MapAction && m.TLA.Start < i && m.TLA.End > i {
			found = true
		}
	}
	if !found {
		t.Errorf("no action mapping covers the wrapped UNCHANGED")
	}
}

// TestEmptyElse: pcal accepts an else branch with no statement (comments
// only) and translates it as a missing else; the expected action is pcal's.
func TestEmptyElse(t *testing.T) {
	src := "---- MODULE E ----\nEXTENDS Naturals\n(* --algorithm E\nvariables x = 0;\nbegin\n  A:\n" +
		"    if x > 0 then\n      x := 1;\n    elsif x < 0 then\n      x := 2;\n    else\n      \\* nothing to do\n    end if;\n" +
		"end algorithm; *)\n\\* BEGIN TRANSLATION\n\\* END TRANSLATION\n====\n"
	want := "A == /\\ pc = \"A\"\n" +
		"     /\\ IF x > 0\n" +
		"           THEN /\\ x' = 1\n" +
		"           ELSE /\\ IF x < 0\n" +
		"                      THEN /\\ x' = 2\n" +
		"                      ELSE /\\ TRUE\n" +
		"                           /\\ x' = x\n" +
		"     /\\ pc' = \"Done\"\n"
	out, _, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(string(out), want) {
		t.Fatalf("got:\n%s", out)
	}
}

// TestMultiLineMacroArgument: a macro argument that spans lines keeps its
// line structure as pcal lays it out: its first line after "(" with its own
// indent as the gap, its other lines at their columns relative to the
// argument's left edge, counted from the enclosing expression's left edge.
// The expected action is pcal's.
func TestMultiLineMacroArgument(t *testing.T) {
	src := "---- MODULE MA ----\nEXTENDS Naturals\n(* --algorithm MA\nvariables net = {};\nmacro send(m) begin\n  net := net \\union {m};\nend macro;\n" +
		"begin\n  A:\n    send([\n      a |-> 1,\n      bb |-> 2\n    ]);\nend algorithm; *)\n\\* BEGIN TRANSLATION\n\\* END TRANSLATION\n====\n"
	want := "A == /\\ pc = \"A\"\n" +
		"     /\\ net' = (net \\union {(     [\n" +
		"                  a |-> 1,\n" +
		"                  bb |-> 2\n" +
		"                ])})\n" +
		"     /\\ pc' = \"Done\"\n"
	out, _, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(string(out), want) {
		t.Fatalf("got:\n%s", out)
	}
}

// TestMultiLineMacroArgumentAnchored: a line of a macro argument that
// starts at or right of the argument's first token is anchored in its first
// line and moves with it, right of "(" (pcal's TLAExpr.substituteAt then
// renormalize); a line left of it keeps its column from the enclosing
// expression's left edge. jl3953's CRAQ (send(<<self, head>>, [  obj |-> ..,
// uniqueId |-> ..]) into Append(@, msg)) was laid out 11 columns too far
// left. The expected actions are pcal's.
func TestMultiLineMacroArgumentAnchored(t *testing.T) {
	src := "---- MODULE MB ----\nEXTENDS Naturals, Sequences\n(* --algorithm MB\nvariables q = <<>>;\nmacro send(m) begin\n  q := Append(q, m);\nend macro;\n" +
		"begin\n  A:\n    send([ a |-> 1,\n           bb |-> 2 ]);\n  B:\n    send([ a |-> 1,\n      bb |-> 2 ]);\nend algorithm; *)\n\\* BEGIN TRANSLATION\n\\* END TRANSLATION\n====\n"
	want := "A == /\\ pc = \"A\"\n" +
		"     /\\ q' = Append(q, ([ a |-> 1,\n" +
		"                          bb |-> 2 ]))\n" +
		"     /\\ pc' = \"B\"\n\n" +
		"B == /\\ pc = \"B\"\n" +
		"     /\\ q' = Append(q, (   [ a |-> 1,\n" +
		"             bb |-> 2 ]))\n" +
		"     /\\ pc' = \"Done\"\n"
	out, _, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(string(out), want) {
		t.Fatalf("got:\n%s", out)
	}
}

// TestContinuationLineAnchor: a continuation line of an expression moves
// right as far as its anchor (the last token at or left of its first column
// on the line above) did, here after msg became msg[self]. The expected
// action is pcal's.
func TestContinuationLineAnchor(t *testing.T) {
	src := "---- MODULE AN ----\nEXTENDS Naturals\n(* --algorithm AN\nprocess p \\in 1..2\nvariables msg = 0, st = 0;\nbegin\n  A:\n" +
		"    if msg > 0 /\\ ((st = 1 /\\ msg = 2)\n                \\/ (st = 2 /\\ msg = 3)) then\n      st := 0;\n    end if;\n" +
		"end process;\nend algorithm; *)\n\\* BEGIN TRANSLATION\n\\* END TRANSLATION\n====\n"
	want := "           /\\ IF msg[self] > 0 /\\ ((st[self] = 1 /\\ msg[self] = 2)\n" +
		"                                \\/ (st[self] = 2 /\\ msg[self] = 3))\n" +
		"                 THEN /\\ st' = [st EXCEPT ![self] = 0]\n"
	out, _, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(string(out), want) {
		t.Fatalf("got:\n%s", out)
	}
}

// A macro may hold a while: the label it needs is the call's (pcal checks
// labels after the expansion). Expected text from pcal.trans.
func TestWhileInMacro(t *testing.T) {
	src := "---- MODULE P1 ----\nEXTENDS Naturals\n(* --algorithm P1\nvariables x = 0;\nmacro M() begin while x < 1 do x := x + 1; end while; end macro;\nbegin\na: M();\nend algorithm; *)\n\\* BEGIN TRANSLATION\n\\* END TRANSLATION\n====\n"
	out, _, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := `VARIABLES pc, x

vars == << pc, x >>

Init == (* Global variables *)
        /\ x = 0
        /\ pc = "a"

a == /\ pc = "a"
     /\ IF x < 1
           THEN /\ x' = x + 1
                /\ pc' = "a"
           ELSE /\ pc' = "Done"
                /\ x' = x

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == pc = "Done" /\ UNCHANGED vars

Next == a
           \/ Terminating

Spec == Init /\ [][Next]_vars

Termination == <>(pc = "Done")

`
	s := string(out)
	if got := s[strings.Index(s, "VARIABLES"):strings.Index(s, "\\* END")]; got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// In the C syntax a `;` may end a single-statement then-branch before
// `else`, as pcal accepts (the P syntax's `then x := 1; else` is untouched,
// a string's "; else" too). Expected text from pcal.trans.
func TestSemicolonBeforeElse(t *testing.T) {
	src := "---- MODULE E1 ----\nEXTENDS Naturals\n(* --algorithm E1 {\n  variables x = 0, y = 0;\n  { a: if (x = 0) y := 1; else y := 2;\n    b: if (x = 1) { y := 3; } else if (x = 0) y := 4; else y := 5;\n  }\n} *)\n\\* BEGIN TRANSLATION\n\\* END TRANSLATION\n====\n"
	out, _, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := `VARIABLES pc, x, y

vars == << pc, x, y >>

Init == (* Global variables *)
        /\ x = 0
        /\ y = 0
        /\ pc = "a"

a == /\ pc = "a"
     /\ IF x = 0
           THEN /\ y' = 1
           ELSE /\ y' = 2
     /\ pc' = "b"
     /\ x' = x

b == /\ pc = "b"
     /\ IF x = 1
           THEN /\ y' = 3
           ELSE /\ IF x = 0
                      THEN /\ y' = 4
                      ELSE /\ y' = 5
     /\ pc' = "Done"
     /\ x' = x

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == pc = "Done" /\ UNCHANGED vars

Next == a \/ b
           \/ Terminating

Spec == Init /\ [][Next]_vars

Termination == <>(pc = "Done")

`
	s := string(out)
	if got := s[strings.Index(s, "VARIABLES"):strings.Index(s, "\\* END")]; got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// P syntax: the `;` before else stays, and translates
	p := "---- MODULE E2 ----\nEXTENDS Naturals\n(* --algorithm E2\n  variables x = 0, y = \"; else\";\n  begin\n  a: if x = 0 then y := 1; else y := 2; end if;\nend algorithm; *)\n\\* BEGIN TRANSLATION\n\\* END TRANSLATION\n====\n"
	if _, _, errs := Translate([]byte(p), Options{}); len(errs) > 0 {
		t.Fatal(errs)
	}
}

// TestInitParenthesesAndVarsWrap: pcal parenthesizes the initial value of a
// global or procedure variable that holds a "dangerous" operator outside
// brackets, never a process `= id`'s variable (nor under a [self \in ...]);
// and it puts the closing >> of vars on its own line, under "vars ==", when
// it would pass column 78. The expected lines are pcal's output.
func TestInitParenthesesAndVarsWrap(t *testing.T) {
	src := "---- MODULE Q ----\nEXTENDS Naturals\n(* --algorithm Q\n" +
		"variables g = CHOOSE p \\in 1..3 : TRUE, g2 = 1 = 1, msg_queue = 0, oracle_queue = 0;\n" +
		"procedure Pr(a = CHOOSE p \\in 1..3 : TRUE)\nvariable pv = CHOOSE p \\in 1..3 : TRUE;\nbegin P1: return;\nend procedure;\n" +
		"process A = 0\nvariable u = CHOOSE p \\in 1..3 : TRUE, u2 = 1 = 1, u3 \\in {x \\in 1..2 : x > 0};\nbegin A1: skip;\nend process;\n" +
		"process B \\in 1..2\nvariable w = CHOOSE p \\in 1..3 : TRUE, w2 = 1 = 1;\nbegin B1: call Pr(1);\nend process;\nend algorithm; *)\n" +
		"\\* BEGIN TRANSLATION\n\\* END TRANSLATION\n====\n"
	out, _, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{
		"vars == << pc, g, g2, msg_queue, oracle_queue, stack, a, pv, u, u2, u3, w, w2\n        >>\n",
		"        /\\ g = (CHOOSE p \\in 1..3 : TRUE)\n        /\\ g2 = (1 = 1)\n",
		"        /\\ a = [ self \\in ProcSet |-> CHOOSE p \\in 1..3 : TRUE]\n",
		"        /\\ u = CHOOSE p \\in 1..3 : TRUE\n        /\\ u2 = 1 = 1\n        /\\ u3 \\in {x \\in 1..2 : x > 0}\n",
		"        /\\ w = [self \\in 1..2 |-> CHOOSE p \\in 1..3 : TRUE]\n        /\\ w2 = [self \\in 1..2 |-> 1 = 1]\n",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("want %q in:\n%s", want, out)
		}
	}
}

// TestSemicolonBeforeOr: in the C syntax a `;` may end an either branch,
// braces or a single statement, before `or`, as pcal accepts; the
// translation is pcal's.
func TestSemicolonBeforeOr(t *testing.T) {
	src := "---- MODULE O1 ----\nEXTENDS Naturals\n(* --algorithm O {\n  variables x = 0;\n  { a: either { x := 1; }; or { x := 2; };\n    b: either x := 3; or x := 4;\n  }\n} *)\n\\* BEGIN TRANSLATION\n\\* END TRANSLATION\n====\n"
	out, _, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{
		"a == /\\ pc = \"a\"\n     /\\ \\/ /\\ x' = 1\n        \\/ /\\ x' = 2\n     /\\ pc' = \"b\"\n",
		"b == /\\ pc = \"b\"\n     /\\ \\/ /\\ x' = 3\n        \\/ /\\ x' = 4\n     /\\ pc' = \"Done\"\n",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("want %q in:\n%s", want, out)
		}
	}
}
