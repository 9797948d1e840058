package pluscal

import (
	"context"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser"
)

func translateText(t *testing.T, src string) string {
	t.Helper()
	res := parser.Parse(context.Background(), "T.tla", []byte(src))
	tr, errs := TranslateModule(res, Options{})
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	return tr.Text
}

func wantFragments(t *testing.T, text string, frags ...string) {
	t.Helper()
	for _, f := range frags {
		if !strings.Contains(text, f) {
			t.Errorf("translation lacks\n%s\n---- in:\n%s", f, text)
		}
	}
}

func TestFairnessAndSingleProcess(t *testing.T) {
	text := translateText(t, module(`variables x, y = 0;
fair+ process Server = "srv"
variables n = 0;
begin
s1:+ x := 1;
s2:  n := n + 1;
end process;
fair process Client \in {1, 2}
variables m \in {0, 1};
begin
c1:- y := m;
c2:+ skip;
end process;`))
	wantFragments(t, text,
		"CONSTANT defaultInitValue\nVARIABLES pc, x, y, n, m\n",
		"ProcSet == {\"srv\"} \\cup ({1, 2})",
		"        /\\ x = defaultInitValue\n",
		"        (* Process Server *)\n        /\\ n = 0\n",
		"        (* Process Client *)\n        /\\ m \\in [{1, 2} -> {0, 1}]\n",
		"/\\ pc = [self \\in ProcSet |-> CASE self = \"srv\" -> \"s1\"\n                                        [] self \\in {1, 2} -> \"c1\"]",
		"s1 == /\\ pc[\"srv\"] = \"s1\"\n      /\\ x' = 1\n      /\\ pc' = [pc EXCEPT ![\"srv\"] = \"s2\"]\n      /\\ UNCHANGED << y, n, m >>",
		"s2 == /\\ pc[\"srv\"] = \"s2\"\n      /\\ n' = n + 1\n",
		"Server == s1 \\/ s2",
		"c1(self) == /\\ pc[self] = \"c1\"\n            /\\ y' = m[self]\n",
		"Next == Server\n           \\/ (\\E self \\in {1, 2}: Client(self))\n           \\/ Terminating",
		"Spec == /\\ Init /\\ [][Next]_vars\n        /\\ SF_vars(Server)\n        /\\ \\A self \\in {1, 2} : WF_vars((pc[self] # \"c1\") /\\ Client(self)) /\\ SF_vars(c2(self))\n",
	)
	// --fair algorithm (uniprocess): WF_vars(Next).
	text = translateText(t, "---- MODULE U ----\n(* --fair algorithm U\nvariables x = 0;\nbegin\na: x := 1;\nend algorithm; *)\n====\n")
	wantFragments(t, text, "Spec == /\\ Init /\\ [][Next]_vars\n        /\\ WF_vars(Next)\n")
}

func TestStatements(t *testing.T) {
	text := translateText(t, module(`variables f = [i \in 1..3 |-> 0], r = [a |-> 1, b |-> 2], q = 0;
begin
a: f[1] := 2 || r.a := f[1];
b: with i \in 1..3, j = i + 1 do
     f[i] := j;
   end with;
c: either q := 1;
   or await q > 0; r.b := q;
   end either;
d: if q = 0 then q := 1; elsif q = 1 then q := 2; else skip; end if;
   goto a;`))
	wantFragments(t, text,
		"a == /\\ pc = \"a\"\n     /\\ /\\ f' = [f EXCEPT ![1] = 2]\n        /\\ r' = [r EXCEPT !.a = f[1]]\n     /\\ pc' = \"b\"\n     /\\ q' = q\n",
		"b == /\\ pc = \"b\"\n     /\\ \\E i \\in 1..3:\n          LET j == i + 1 IN\n            f' = [f EXCEPT ![i] = j]\n     /\\ pc' = \"c\"\n     /\\ UNCHANGED << r, q >>\n",
		"c == /\\ pc = \"c\"\n     /\\ \\/ /\\ q' = 1\n           /\\ r' = r\n        \\/ /\\ q > 0\n           /\\ r' = [r EXCEPT !.b = q]\n           /\\ q' = q\n     /\\ pc' = \"d\"\n     /\\ f' = f\n",
		"d == /\\ pc = \"d\"\n     /\\ IF q = 0\n           THEN /\\ q' = 1\n           ELSE /\\ IF q = 1\n                      THEN /\\ q' = 2\n                      ELSE /\\ TRUE\n                           /\\ q' = q\n     /\\ pc' = \"a\"\n     /\\ UNCHANGED << f, r >>\n",
	)
}

// Variables declared in several processes are renamed as the reference
// renames them; so are labels used in several processes.
func TestRenaming(t *testing.T) {
	text := translateText(t, module(`variables q = <<>>;
process A = "a"
variables msg = 0;
begin
l: msg := 1;
end process;
process B = "b"
variables msg = 0;
begin
l: msg := 2;
end process;
process C = "c"
variables msg = 0;
begin
l: msg := 3;
end process;`))
	wantFragments(t, text,
		"\\* Label l of process A at line 8 col 4 changed to l_\n\\* Label l of process B at line 13 col 4 changed to l_B\n\\* Process variable msg of process A at line 6 col 11 changed to msg_\n\\* Process variable msg of process B at line 11 col 11 changed to msg_B\nVARIABLES pc, q, msg_, msg_B, msg\n",
		"l_ == /\\ pc[\"a\"] = \"l_\"\n      /\\ msg_' = 1\n",
		"l_B == /\\ pc[\"b\"] = \"l_B\"\n       /\\ msg_B' = 2\n",
		"l == /\\ pc[\"c\"] = \"l\"\n     /\\ msg' = 3\n",
	)
}

// TestRenamingAcrossKinds: variables are renamed as pcal does, by kind
// (process variables, then procedure variables, then parameters) and against
// every symbol, the renamed process included (expected text from pcal).
func TestRenamingAcrossKinds(t *testing.T) {
	text := translateText(t, module(`variables d = 0;
procedure lock(thread)
begin
a: d := thread;
return;
end procedure;
procedure unlock(thread)
variables x = thread;
begin
b: d := x;
return;
end procedure;
process thread \in 1..2
variables x = 0;
begin
c: call lock(self);
e: x := 1;
end process;`))
	wantFragments(t, text,
		"\\* Process thread at line 16 col 1 changed to thread_\n"+
			"\\* Process variable x of process thread at line 17 col 11 changed to x_\n"+
			"\\* Parameter thread of procedure lock at line 5 col 16 changed to thread_l\n"+
			"CONSTANT defaultInitValue\nVARIABLES pc, d, stack, thread_l, thread, x, x_\n",
		"a(self) == /\\ pc[self] = \"a\"\n           /\\ d' = thread_l[self]\n",
		"b(self) == /\\ pc[self] = \"b\"\n           /\\ d' = x[self]\n",
		"e(self) == /\\ pc[self] = \"e\"\n           /\\ x_' = [x_ EXCEPT ![self] = 1]\n",
	)
}

// A fair process's fairness covers the procedures it calls from labeled
// steps nested in while and if bodies too, and a call's stack frame pads the
// field names to the width of "procedure", a longer one getting one space
// (expected text from pcal).
func TestFairnessNestedCallAndFrameLayout(t *testing.T) {
	text := translateText(t, module(`variable x = 0;
procedure P(aLongParam)
variable loc = 0;
begin P0:
  x := aLongParam;
  return;
end procedure
fair process h \in {1, 2}
begin Q0:
  while TRUE do
  W:
    if x = 0 then
      V: call P(1);
    end if;
  end while;
end process;`))
	wantFragments(t, text,
		"Spec == /\\ Init /\\ [][Next]_vars\n        /\\ \\A self \\in {1, 2} : WF_vars(h(self)) /\\ WF_vars(P(self))\n",
		"V(self) == /\\ pc[self] = \"V\"\n"+
			"           /\\ /\\ aLongParam' = [aLongParam EXCEPT ![self] = 1]\n"+
			"              /\\ stack' = [stack EXCEPT ![self] = << [ procedure |->  \"P\",\n"+
			"                                                       pc        |->  \"Q0\",\n"+
			"                                                       loc       |->  loc[self],\n"+
			"                                                       aLongParam |->  aLongParam[self] ] >>\n"+
			"                                                   \\o stack[self]]\n",
	)
}

// pcal collects a fair process's callees while parsing its body and the
// procedures', so a call written in a macro body adds no fairness
// conjunct, while procedures called from procedures do (expected text from
// pcal).
func TestFairnessIgnoresCallsInMacros(t *testing.T) {
	text := translateText(t, module(`variable x = 0;
macro m() begin
  call Q();
end macro;
procedure Q()
begin Q1:
  x := 2;
  return;
end procedure
procedure R()
begin R1:
  x := 3;
  return;
end procedure
procedure P()
begin P0:
  m();
  P2: call R();
  return;
end procedure
fair process h \in {1, 2}
begin H0:
  call P();
H1:
  m();
end process;`))
	wantFragments(t, text,
		"Spec == /\\ Init /\\ [][Next]_vars\n        /\\ \\A self \\in {1, 2} : WF_vars(h(self)) /\\ WF_vars(P(self)) /\\ WF_vars(R(self))\n",
	)
}
