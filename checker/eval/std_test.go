package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser/testkit"
)

const stdExtends = "Naturals, Integers, Sequences, FiniteSets, TLC, Bags, FiniteSetsExt, Functions, SequencesExt, Bitwise, TLCExt, Json, IOUtils, Randomization"

// communityDirs is the corpus' CommunityModules folder (the test skips
// where the corpus is absent).
func communityDirs(t testing.TB) []string {
	return []string{filepath.Join(testkit.CorpusDir(t), "community")}
}

// evalIn evaluates the constant expression text in module text src (which
// defines EXPR__ as it).
func evalIn(t testing.TB, src string, dirs []string) (Value, error) {
	t.Helper()
	root, load := analyze(t, "T.tla", src, dirs)
	if len(root.SyntaxErrors) > 0 {
		t.Fatalf("parse errors: %v", root.SyntaxErrors)
	}
	p, err := NewProgram(root, load, nil, nil)
	if err != nil {
		return nil, err
	}
	p.SetSeed(1)
	e, err := p.DefExpr("EXPR__")
	if err != nil {
		t.Fatal(err)
	}
	ce, err := p.Compile(e)
	if err != nil {
		return nil, err
	}
	return ce.Eval(p.NewCtx(), nil, nil)
}

func TestStdModulesAgainstTLC(t *testing.T) {
	load := communityDirs(t)
	for _, tc := range stdCases {
		src := "---- MODULE T ----\nEXTENDS " + stdExtends + "\nEXPR__ == " + tc.expr + "\n====\n"
		// a string table of its own, as TLC's process: the default one
		// orders record fields as the tests run before met their names
		end := BeginRun()
		v, err := evalIn(t, src, load)
		end()
		if err != nil {
			t.Errorf("%s: error %v", tc.expr, err)
			continue
		}
		if got := Format(v); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.expr, got, tc.want)
		}
	}
}

// TestStdModulesByInstance reaches the operators through a named INSTANCE
// (M!Op) rather than EXTENDS.
func TestStdModulesByInstance(t *testing.T) {
	load := communityDirs(t)
	tests := []struct{ mod, expr, want string }{
		{"Bags", `M!BagUnion({M!SetToBag({1}), M!SetToBag({1, 2})})`, `<<2, 1>>`},
		{"Bags", `M!SubBag(<<1>>)`, `{<<>>, <<1>>}`},
		{"Sequences", `M!Len("abc") + M!Len(M!Tail("ab"))`, `4`},
		{"FiniteSets", `M!IsFiniteSet(SUBSET Nat)`, `FALSE`},
		{"FiniteSetsExt", `M!FoldSet(LAMBDA x, acc : acc \o <<x>>, <<>>, {3, 1, 2})`, `<<1, 2, 3>>`},
		{"SequencesExt", `M!FoldLeft(LAMBDA acc, x : acc - x, 10, <<1, 2, 3>>)`, `4`},
		{"Functions", `M!AntiFunction(<<"a", "b">>)`, `[a |-> 1, b |-> 2]`},
		{"Json", `M!ToJson(<<1, "a">>)`, `"[1,\"a\"]"`},
		{"TLCExt", `M!TLCNoOp(3)`, `3`},
	}
	for _, tc := range tests {
		src := "---- MODULE T ----\nEXTENDS Naturals, Sequences\nM == INSTANCE " + tc.mod + "\nEXPR__ == " + tc.expr + "\n====\n"
		v, err := evalIn(t, src, load)
		if err != nil {
			t.Errorf("%s: error %v", tc.expr, err)
			continue
		}
		if got := Format(v); got != tc.want {
			t.Errorf("%s = %s, want %s", tc.expr, got, tc.want)
		}
	}
}

// TestStdErrors checks TLC's errors (message as TLC words it) and their
// position: the application that failed.
func TestStdErrors(t *testing.T) {
	load := communityDirs(t)
	tests := []struct{ expr, want string }{
		{`Head("abc")`, "The argument of Head should be a sequence, but instead it is:\n\"abc\""},
		{`Append("ab", "c")`, "Evaluating an expression of the form Append(s, v) when s is not a sequence:\n\"ab\""},
		{`"ab" \o <<1>>`, "Evaluating an expression of the form t \\o s when s is not a string:\n<<1>>"},
		{`<<1>> \o "ab"`, "Evaluating an expression of the form t \\o s when s is not a sequence:\n\"ab\""},
		{`IsFiniteSet(1)`, "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.IBoolValue tlc2.module.FiniteSets.IsFiniteSet(tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to check if the integer 1 is a finite set."},
		{`IsFiniteSet({x \in Nat : x < 3})`, "Attempted to apply the operator overridden by the Java method\npublic static tlc2.value.IBoolValue tlc2.module.FiniteSets.IsFiniteSet(tlc2.value.impl.Value),\nbut it produced the following error:\nAttempted to check if expression of form {x \\in S : p(x)} is a finite set, but cannot check if S:\nNat\nis finite."},
		{`SubSeq("abcd", 0, 3)`, "The second argument of SubSeq must be in the domain of its first argument:\n\"abcd\"\n, but instead it is\n0"},
		{`SubSeq(<<1, 2>>, 1, 3)`, "The third argument of SubSeq must be in the domain of its first argument:\n<<1, 2>>\n, but instead it is\n3"},
		{`Tail("")`, "Attempted to apply Tail to the empty sequence."},
		// TLC's integers are 32-bit
		{`2147483647 + 1`, "Overflow when computing 2147483647+1"},
		{`2147483647 * 2`, "Overflow when computing 2147483647*2"},
		{`-2147483647 - 2`, "Overflow when computing -2147483647-2"},
		{`2^31`, "Overflow when computing 2^31"},
		{`0^0`, "0^0 is undefined."},
		{`2^(-1)`, "The second argument of ^ should be a natural number, but instead it is:\n-1"},
		{`(1 :> 2) @@ 3`, "The second argument of @@ should be a function, but instead it is:\n3"},
		{`SortSeq(1, LAMBDA a, b : TRUE)`, "The first argument of SortSeq should be a natural number, but instead it is:\n1"},
		{`Cardinality(Nat)`, "Attempted to compute cardinality of the value\nNat"},
		{`BagCardinality(<<0>>)`, "Applying BagCardinality to the following value,\nwhich is not a bag:\n<<0>>"},
		{`[a |-> 1] (+) <<0>>`, "The second argument of (+) should be a bag, but instead it is:\n<<0>>"},
		{`BagToSet(1)`, "Applying BagToSet to the following value,\nwhich is not a function with a finite domain:\n1"},
		{`SetToBag(Nat)`, "Applying BagToSet to the following value,\nwhich is not a function with a finite domain:\nNat"},
		{`Permutations(Nat)`, "Applying Permutations to the following value,\nwhich is not a finite set:\nNat"},
		{`RandomElement(Nat)`, "Applying RandomElement to the following value,\nwhich is not a finite set:\nNat"},
		{`IOExec(<<"true">>)`, "IOExec and its variants run external programs and are disabled; enable them with the checker's option to allow running commands"},
	}
	for _, tc := range tests {
		src := "---- MODULE T ----\nEXTENDS " + stdExtends + "\nEXPR__ == " + tc.expr + "\n====\n"
		_, err := evalIn(t, src, load)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("%s: error %v, want %q", tc.expr, err, tc.want)
			continue
		}
		if e.Msg != tc.want {
			t.Errorf("%s: error %q, want %q", tc.expr, e.Msg, tc.want)
		}
		if e.Loc == nil || string(e.Loc.File.Text[e.Loc.Span.Start:e.Loc.Span.End]) != tc.expr {
			t.Errorf("%s: error at %v, want the whole expression", tc.expr, e.Loc)
		}
	}
}

// TestRandomDraws: RandomElement and the Randomization operators draw from
// the seeded source (different elements over draws, the same sequence for
// the same seed) and stay within the set.
func TestRandomDraws(t *testing.T) {
	src := "---- MODULE T ----\nEXTENDS Naturals, TLC, Randomization, FiniteSets\n" +
		"EXPR__ == <<[i \\in 1..20 |-> RandomElement(1..1000)], RandomSubset(3, 1..10), RandomElement([a : 1..5, b : {\"x\"}]), " +
		"Cardinality(RandomSetOfSubsets(4, 2, 1..8)) <= 4, RandomElement([1..3 -> 1..100000])>>\n====\n"
	v1, err := evalIn(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	v2, err := evalIn(t, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	if Format(v1) != Format(v2) {
		t.Errorf("same seed, different draws:\n%s\n%s", Format(v1), Format(v2))
	}
	f := v1.(*FcnV)
	draws := f.Vals[0].(*FcnV)
	distinct := mkSet(append([]Value(nil), draws.Vals...))
	if len(distinct.elems) < 10 {
		t.Errorf("RandomElement drew %s: not random", Format(draws))
	}
	for _, d := range draws.Vals {
		if n := d.(Int); n < 1 || n > 1000 {
			t.Errorf("RandomElement(1..1000) drew %d", n)
		}
	}
	if s := f.Vals[1].(*SetV); len(s.elems) != 3 {
		t.Errorf("RandomSubset(3, 1..10) = %s", Format(s))
	}
	if ok, _ := member(f.Vals[2], &RecSetV{Names: []string{"a", "b"}, Sets: []Value{&IntervalV{1, 5}, mkSet([]Value{Str("x")})}}); !ok {
		t.Errorf("RandomElement of a record set drew %s", Format(f.Vals[2]))
	}
	if f.Vals[3] != Bool(true) {
		t.Errorf("RandomSetOfSubsets drew more than 4 subsets")
	}
	if g := f.Vals[4].(*FcnV); len(g.Vals) != 3 {
		t.Errorf("RandomElement([1..3 -> 1..100000]) = %s", Format(g))
	}
}

// TestJsonRoundTrip writes values with JsonSerialize / ndJsonSerialize
// and IOSerialize and reads them back.
func TestJsonRoundTrip(t *testing.T) {
	dir := t.TempDir()
	load := communityDirs(t)
	j, nd, ser := filepath.Join(dir, "a.json"), filepath.Join(dir, "a.ndjson"), filepath.Join(dir, "a.ser")
	val := `<<[a |-> 1, b |-> <<"x", TRUE>>], [c |-> <<>>]>>`
	src := fmt.Sprintf("---- MODULE T ----\nEXTENDS %s\nV == %s\nEXPR__ == /\\ JsonSerialize(%q, V)\n  /\\ ndJsonSerialize(%q, V)\n  /\\ IOSerialize(V \\o <<{1, 2}>>, %q, TRUE)\n"+
		"  /\\ JsonDeserialize(%q) = V /\\ ndJsonDeserialize(%q) = V /\\ IODeserialize(%q, TRUE) = V \\o <<{1, 2}>>\n====\n",
		stdExtends, val, j, nd, ser, j, nd, ser)
	v, err := evalIn(t, src, load)
	if err != nil {
		t.Fatal(err)
	}
	if v != Bool(true) {
		t.Errorf("round trip = %s", Format(v))
	}
	data, _ := os.ReadFile(j)
	if want := "[\n{\"a\":1,\"b\":[\"x\",true]},\n{\"c\":[]}\n]\n"; string(data) != want {
		t.Errorf("JsonSerialize wrote %q, want %q", data, want)
	}
	data, _ = os.ReadFile(nd)
	if want := "{\"a\":1,\"b\":[\"x\",true]}\n{\"c\":[]}\n"; string(data) != want {
		t.Errorf("ndJsonSerialize wrote %q, want %q", data, want)
	}
}

// TestCSV writes with CSVWrite and reads back with CSVRead and CSVRecords.
func TestCSV(t *testing.T) {
	file := filepath.Join(t.TempDir(), "out.csv")
	src := fmt.Sprintf("---- MODULE T ----\nEXTENDS Naturals, Sequences, CSV\nEXPR__ == <<CSVRecords(%q), CSVWrite(\"%%1$s#%%2$s\", <<\"abc\", 42>>, %q), CSVWrite(\"%%1$s#%%2$s\", <<\"d\", {1}>>, %q), CSVRecords(%q), CSVRead(<<\"x\", \"y\">>, \"#\", %q)>>\n====\n", file, file, file, file, file)
	v, err := evalIn(t, src, communityDirs(t))
	if err != nil {
		t.Fatal(err)
	}
	want := `<<0, TRUE, TRUE, 2, <<[x |-> "abc", y |-> "42"], [x |-> "d", y |-> "{1}"]>>>>`
	if got := Format(v); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	data, _ := os.ReadFile(file)
	if !strings.HasPrefix(string(data), "abc#42\n") {
		t.Errorf("CSVWrite wrote %q", data)
	}
}

// TestIOExecOptIn runs a command only when AllowIOExec is set.
func TestIOExecOptIn(t *testing.T) {
	src := "---- MODULE T ----\nEXTENDS IOUtils\nEXPR__ == IOExecTemplate(<<\"echo\", \"%1$s-%2$s\">>, <<\"a\", \"b\">>)\n====\n"
	root, load := analyze(t, "T.tla", src, communityDirs(t))
	p, err := NewProgram(root, load, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	p.AllowIOExec(true)
	e, _ := p.DefExpr("EXPR__")
	ce, err := p.Compile(e)
	if err != nil {
		t.Fatal(err)
	}
	v, err := ce.Eval(p.NewCtx(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Format(v), `[exitValue |-> 0, stdout |-> "a-b\n", stderr |-> ""]`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestRandomPerState: the draws made from a state depend on the state (and
// the seed) only, so evaluating the next-state relation again from the
// same state gives the same successors; two draws from one state differ.
func TestRandomPerState(t *testing.T) {
	src := "---- MODULE T ----\nEXTENDS Naturals, TLC\nEXPR__ == <<RandomElement(1..1000000), RandomElement(1..1000000)>>\n====\n"
	root, load := analyze(t, "T.tla", src, nil)
	p, err := NewProgram(root, load, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	p.SetSeed(7)
	e, _ := p.DefExpr("EXPR__")
	ce, err := p.Compile(e)
	if err != nil {
		t.Fatal(err)
	}
	draw := func(c *Ctx, state ...Value) string {
		c.Cur = state
		v, err := ce.Eval(c, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		return Format(v)
	}
	c1, c2 := p.NewCtx(), p.NewCtx()
	a := draw(c1, Int(1), Str("x"))
	b := draw(c1, Int(2), Str("x"))
	a2 := draw(c2, Int(1), Str("x"))
	if a != a2 {
		t.Errorf("state <<1, \"x\">> drew %s, then %s", a, a2)
	}
	if a == b {
		t.Errorf("states <<1, \"x\">> and <<2, \"x\">> drew the same %s", a)
	}
	// the initial predicate draws while its state is incomplete: from the
	// seed's stream, not from a fingerprint of the partial state
	i1, i2 := draw(p.NewCtx(), nil, nil), draw(p.NewCtx(), Int(1), nil)
	if i1 != i2 {
		t.Errorf("initial draws %s and %s: not from the seed's stream", i1, i2)
	}
	if pair := a[2 : len(a)-2]; strings.Count(pair, ",") != 1 || strings.Split(pair, ", ")[0] == strings.Split(pair, ", ")[1] {
		t.Errorf("two draws from one state: %s", a)
	}
}

// TestBagsExtendsTLC: the standard Bags module extends TLC, so a module
// extending only Bags may use TLC's operators (the reference TLC prints
// "[a |-> 2, b |-> 1]" and TRUE for this module's S and X).
func TestBagsExtendsTLC(t *testing.T) {
	p := program(t, "---- MODULE T ----\nEXTENDS Bags\n"+
		"B == SetToBag({\"a\"}) (+) SetToBag({\"a\", \"b\"})\n"+
		"X == /\\ Assert(CopiesIn(\"a\", B) = 2, \"copies\")\n      /\\ B = (\"a\" :> 2) @@ (\"b\" :> 1)\n"+
		"S == ToString(B)\n====\n", nil)
	for _, tt := range []struct{ def, want string }{
		{"X", "TRUE"},
		{"S", `"[a |-> 2, b |-> 1]"`},
	} {
		e, err := p.DefExpr(tt.def)
		if err != nil {
			t.Fatal(err)
		}
		ce, err := p.Compile(e)
		if err != nil {
			t.Fatalf("%s: %v", tt.def, err)
		}
		v, err := ce.Eval(p.NewCtx(), nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.def, err)
		}
		if got := Format(v); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.def, got, tt.want)
		}
	}
}
