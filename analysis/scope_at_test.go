package analysis

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/testkit"
)

// cursor is the mark for the position in the sources below; it is removed
// before analysis.
const cursor = "‸"

// namesAt analyses src (with one cursor mark) and renders the visible
// names that are not imported as "L:name" (local) or "M:name" (module).
func namesAt(t *testing.T, src string) ([]Visible, []string) {
	t.Helper()
	off := strings.Index(src, cursor)
	if off < 0 || strings.Count(src, cursor) != 1 {
		t.Fatalf("want exactly one %s in %q", cursor, src)
	}
	text := strings.Replace(src, cursor, "", 1)
	prog := NewLoader().Load(context.Background(), "/nonexistent/S.tla", []byte(text))
	vs := prog.NamesAt(off)
	var out []string
	for _, v := range vs {
		switch v.Origin {
		case Local:
			out = append(out, "L:"+v.Name)
		case ModuleLevel:
			out = append(out, "M:"+v.Name)
		}
	}
	return vs, out
}

func TestNamesAt(t *testing.T) {
	const head = "---- MODULE S ----\nCONSTANT N\nVARIABLE x\nS == {1, 2}\n"
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"later definitions are not visible", head + "A == 1\nB == A + ‸\nC == 2\n====\n",
			[]string{"M:A", "M:N", "M:S", "M:x"}},
		{"an operator is not visible in its own body", head + "A == ‸1\n====\n",
			[]string{"M:N", "M:S", "M:x"}},
		{"parameters", head + "Op(a, b) == a + ‸b\n====\n",
			[]string{"L:a", "L:b", "M:N", "M:S", "M:x"}},
		{"quantifier body", head + "P == \\A i \\in S, j \\in S : i < ‸j\n====\n",
			[]string{"L:i", "L:j", "M:N", "M:S", "M:x"}},
		{"quantifier set sees no bound name", head + "P == \\A i \\in S, j \\in ‸S : i < j\n====\n",
			[]string{"M:N", "M:S", "M:x"}},
		{"after the quantifier", head + "P == (\\E i \\in S : i > 0) /\\ ‸x = 1\n====\n",
			[]string{"M:N", "M:S", "M:x"}},
		{"CHOOSE", head + "P == CHOOSE c \\in S : ‸c > 1\n====\n",
			[]string{"L:c", "M:N", "M:S", "M:x"}},
		{"set filter", head + "P == {e \\in S : ‸e > 1}\n====\n",
			[]string{"L:e", "M:N", "M:S", "M:x"}},
		{"set map element", head + "P == {‸e + 1 : e \\in S}\n====\n",
			[]string{"L:e", "M:N", "M:S", "M:x"}},
		{"function constructor", head + "P == [k \\in S |-> ‸k]\n====\n",
			[]string{"L:k", "M:N", "M:S", "M:x"}},
		{"RECURSIVE operator sees itself", head + "RECURSIVE F(_)\nF(n) == IF n = 0 THEN 0 ELSE ‸F(n - 1)\n====\n",
			[]string{"L:n", "M:F", "M:N", "M:S", "M:x"}},
		{"LOCAL definitions are visible in their module", head + "LOCAL Hid == 1\nP == ‸Hid\n====\n",
			[]string{"M:Hid", "M:N", "M:S", "M:x"}},
		{"theorem name in its proof", head + "THEOREM T == N = N\nPROOF BY ‸T\nAfter == 1\n====\n",
			[]string{"M:N", "M:S", "M:T", "M:x"}},
		{"theorem name not in its statement", head + "THEOREM T == N = ‸N\nPROOF BY T\n====\n",
			[]string{"M:N", "M:S", "M:x"}},
		{"recursive function sees itself", head + "f[n \\in S] == IF n = 0 THEN 0 ELSE ‸f[n - 1]\n====\n",
			[]string{"L:n", "M:N", "M:S", "M:f", "M:x"}},
		{"LET body sees every definition", head + "P == LET u == 1\n         w(q) == q + u\n     IN ‸u + w(2)\n====\n",
			[]string{"L:u", "L:w", "M:N", "M:S", "M:x"}},
		{"LET definition sees the earlier ones and its parameters", head + "P == LET u == 1\n         w(q) == q + ‸u\n     IN w(2)\n====\n",
			[]string{"L:q", "L:u", "M:N", "M:S", "M:x"}},
		{"LAMBDA", head + "App(F(_), v) == F(v)\nP == App(LAMBDA z : ‸z + 1, 2)\n====\n",
			[]string{"L:z", "M:App", "M:N", "M:S", "M:x"}},
		{"unnamed INSTANCE after the cursor", "---- MODULE S ----\nP == ‸1\nINSTANCE Naturals\nQ == 2\n====\n",
			nil},
		{"nested module sees the names before it", head + "Before == 1\n---- MODULE Inner ----\nI == ‸1\n====\nAfter == 2\n====\n",
			[]string{"M:Before", "M:N", "M:S", "M:x"}},
		{"broken text: open parenthesis", head + "Ap(a, b) == a\nNext == \\E i \\in S : x' = Ap(i, ‸\n====\n",
			[]string{"L:i", "M:Ap", "M:N", "M:S", "M:x"}},
		{"broken text: closed binder is out of scope", head + "Next == (\\E i \\in S : i > 0) /\\ {y \\in S : y > 0} /\\ Op(‸\n====\n",
			[]string{"M:N", "M:S", "M:x"}},
		{"broken text: parameters and LET", head + "Next(p) == LET q == 1 IN \\E <<a, b>> \\in S \\X S : x' = f(‸\n====\n",
			[]string{"L:a", "L:b", "L:p", "L:q", "M:N", "M:S", "M:x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := namesAt(t, tt.src)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("NamesAt = %q\nwant      %q", got, tt.want)
			}
		})
	}
}

func TestNamesAtImports(t *testing.T) {
	vs, _ := namesAt(t, "---- MODULE S ----\nEXTENDS Naturals\nINSTANCE Sequences\nP == ‸1\n====\n")
	got := map[string]Visible{}
	for _, v := range vs {
		got[v.Name] = v
	}
	for _, name := range []string{"Nat", "+", "Len", "SubSeq"} {
		v, ok := got[name]
		if !ok || v.Origin != Imported || v.Entity == nil || v.Entity.Module == nil {
			t.Errorf("%s: %+v, %v; want an imported entity", name, v, ok)
		}
	}
	// Sequences uses Naturals through a LOCAL INSTANCE: not exported.
	vs, _ = namesAt(t, "---- MODULE S ----\nEXTENDS Sequences\nP == ‸1\n====\n")
	for _, v := range vs {
		if v.Name == "Nat" || v.Name == "+" {
			t.Errorf("EXTENDS Sequences: %s is visible (%+v)", v.Name, v)
		}
	}
	if v := got["SubSeq"]; v.Entity != nil && (v.Entity.Module.Name != "Sequences" || v.Kind != Operator || v.Entity.Arity != 3) {
		t.Errorf("SubSeq: module %s, kind %v, arity %d", v.Entity.Module.Name, v.Kind, v.Entity.Arity)
	}
}

func TestNamesAtPlusCal(t *testing.T) {
	const alg = `---- MODULE S ----
EXTENDS Naturals
CONSTANT N
(* --algorithm A
variables total = 0;
define
  Big == total > 10
end define;
macro Bump(d) begin
  total := total + ‸M;
end macro;
procedure Inc(amount = 1)
variables tmp = 0;
begin
  Inc1: tmp := amount ‸P;
  return;
end procedure;
process Worker \in 1..N
variables mine = 0;
begin
  W1: mine := ‸W;
  W2: with v \in 1..mine do total := total + ‸V; end with;
  goto W1;
end process;
end algorithm; *)
\* BEGIN TRANSLATION
VARIABLES total, pc, stack
After == 1
\* END TRANSLATION
====
`
	tests := []struct {
		mark string
		want []string
	}{
		{"‸M", []string{"L:d", "L:self", "M:Big", "M:Bump", "M:Inc", "M:N", "M:ProcSet", "M:pc", "M:stack", "M:total"}},
		{"‸P", []string{"L:Inc1", "L:amount", "L:self", "L:tmp", "M:Big", "M:Bump", "M:Inc", "M:N", "M:ProcSet", "M:pc", "M:stack", "M:total"}},
		{"‸W", []string{"L:W1", "L:W2", "L:mine", "L:self", "M:Big", "M:Bump", "M:Inc", "M:N", "M:ProcSet", "M:pc", "M:stack", "M:total"}},
		{"‸V", []string{"L:W1", "L:W2", "L:mine", "L:self", "L:v", "M:Big", "M:Bump", "M:Inc", "M:N", "M:ProcSet", "M:pc", "M:stack", "M:total"}},
	}
	for _, tt := range tests {
		t.Run(tt.mark, func(t *testing.T) {
			src := alg
			for _, m := range []string{"‸M", "‸P", "‸W", "‸V"} {
				if m == tt.mark {
					src = strings.Replace(src, m, cursor, 1)
				} else {
					src = strings.Replace(src, m, "", 1)
				}
			}
			_, got := namesAt(t, src)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("NamesAt = %q\nwant      %q", got, tt.want)
			}
		})
	}
}

func TestBoundInText(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{`Next == \E i \in S : i`, []string{"i"}},
		{`Next == \E i \in S, j \in f(a, b) : i`, []string{"i", "j"}},
		{`Next == \A <<p, q>> \in S : p`, []string{"p", "q"}},
		{`Op(a, b) == a + `, []string{"a", "b"}},
		{`Op(a, b) == f(c, d) + `, []string{"a", "b"}},
		{`Next == {e \in S : e > 1} \cup {`, nil},
		{`Next == {e \in S : e > `, []string{"e"}},
		{`Next == [k \in S |-> `, []string{"k"}},
		{`Next == LET u == 1 IN `, []string{"u"}},
		{`Next == CHOOSE c : c = "\E z \in S :" /\ `, []string{"c"}},
		{`Next == \* \E z \in S :` + "\n  x' = ", nil},
		{`Next == (\E i \in S : i) /\ `, nil},
		{`Next == \E x ∈ S : `, []string{"x"}},
	}
	for _, tt := range tests {
		if got := BoundInText(tt.src); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("BoundInText(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// TestNamesAtBrokenPlusCal: an algorithm being typed does not parse; its
// names are read from the text before the cursor.
func TestNamesAtBrokenPlusCal(t *testing.T) {
	const head = "---- MODULE S ----\nCONSTANT N\nBefore == 1\n(* --algorithm A\nvariables total = 0, seen \\in {1, 2};\n"
	tests := []struct {
		name string
		src  string
		want []string
	}{
		// (The parser drops the module's units around this algorithm.)
		{"uniprocess", "---- MODULE S ----\n(* --algorithm A\nvariables total = 0, seen \\in {1, 2};\nbegin\n  L1: total := 1;\n  L2: if total > ‸\nend algorithm; *)\nAfter == 2\n====\n",
			[]string{"L:L1", "L:L2", "M:pc", "M:seen", "M:total"}},
		{"process and with", head + "procedure P(a) begin P1: return; end procedure;\nprocess W \\in 1..N\nvariables mine = 0;\nbegin\n  W1: with v \\in 1..N do mine := ‸\nend algorithm; *)\n====\n",
			[]string{"L:P1", "L:W1", "L:self", "L:v", "M:Before", "M:N", "M:P", "M:mine", "M:pc", "M:seen", "M:total"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, got := namesAt(t, tt.src)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("NamesAt = %q\nwant      %q", got, tt.want)
			}
			if len(vs) > 0 {
				off := strings.Index(tt.src, cursor)
				prog := NewLoader().Load(context.Background(), "/nonexistent/S.tla", []byte(strings.Replace(tt.src, cursor, "", 1)))
				if prog.Root.AST.Algorithm != nil {
					t.Errorf("the algorithm parsed")
				}
				if !prog.InAlgorithm(off) || prog.InAlgorithm(strings.Index(tt.src, "MODULE")) {
					t.Errorf("InAlgorithm is wrong")
				}
			}
		})
	}
}

// TestNamesAtAgreesWithResolver: at every name the resolver resolved in
// the corpus (a plain reference, or the head of an instance prefix),
// LookupAt finds the same entity (the same kind for the names the PlusCal
// translation introduces, which NamesAt lists without one). Proof names (NEW, PICK, ...) are not
// tracked by NamesAt and are left out.
func TestNamesAtAgreesWithResolver(t *testing.T) {
	corpus := testkit.CorpusDir(t)
	files := testkit.Files(corpus, ".tla", "examples", "community")
	if len(files) == 0 {
		t.Skip("empty corpus")
	}
	l := NewLoader(filepath.Join(corpus, "community"))
	checked, mismatches := 0, 0
	for _, f := range files {
		prog := l.Load(context.Background(), f, nil)
		if prog.Root == nil || prog.Root.AST == nil {
			continue
		}
		ast.Inspect(prog.Root.AST, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Theorem:
				return false // proofs bind names NamesAt does not track
			case *ast.OpApp:
				id := n.Name
				if len(n.Prefix) > 0 {
					id = n.Prefix[0].Name
				}
				if id == nil {
					return true
				}
				m, _ := prog.ModuleAt(id.Start)
				want := m.Info.Uses[id]
				if want == nil || want.Module == nil || want.Kind == ProofDecl {
					return true
				}
				checked++
				got, _ := prog.LookupAt(id.Start, want.Name)
				implicit := want.Ident == nil && got.Entity == nil && got.Kind == want.Kind // pc, self: no entity
				if got.Entity != want && !implicit {
					mismatches++
					if mismatches <= 10 {
						line, col := prog.Root.File.LineCol(id.Start)
						t.Errorf("%s:%d:%d: %s resolves to %v of %s, LookupAt gives %+v", f, line, col, want.Name, want.Kind, want.Module.Name, got)
					}
				}
			}
			return true
		})
	}
	t.Logf("%d references checked in %d files, %d mismatches", checked, len(files), mismatches)
}
