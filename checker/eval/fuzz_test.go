package eval

import (
	"context"
	"testing"

	"github.com/tlals/tlals/analysis"
)

// FuzzEval evaluates random expressions: the evaluator must return a value
// or an error, never panic or hang.
func FuzzEval(f *testing.F) {
	for _, s := range []string{
		"1 + 2", "{1, 2} \\cup {3}", "[x \\in 1..3 |-> x][4]", "CHOOSE x \\in {} : TRUE",
		"SUBSET SUBSET {1, 2}", "<<1, 2>> \\o 3", "[a |-> 1].b", "LET f[n \\in Nat] == f[n] IN f[1]",
		"\\A x \\in Nat : x > 0", "Cardinality(Seq({1}))", "2 ^ 100", "{x \\in Int : x > 0}",
		"DOMAIN 1", "[{1} -> {}]", "UNION {1}", "Head(<<>>)", "CASE FALSE -> 1",
		// standard modules: strings as sequences, bags, randomness, JSON
		`SubSeq("abc", 2, 5)`, `"a" \o <<1>>`, "IsFiniteSet(SUBSET Nat)", "BagUnion({<<1>>, 1})",
		"SubBag(<<2, 1>>)", "BagOfAll(LAMBDA x : x, {})", "RandomElement([1..2 -> {}])",
		"RandomSubset(5, 1..3)", `RandomSubsetSet(2, "x", {1})`, "ToJson([a |-> Nat])", "TLCModelValue(1)",
		`AssertError("x", 1 \div 0)`, "ToTrace(1)", "SortSeq(<<2, 1>>, LAMBDA a, b : a)",
	} {
		f.Add(s)
	}
	// One loader for the run: the nine standard modules are parsed and
	// analysed once (its caches), not on every input, which was most of an
	// execution's cost.
	loader := analysis.NewLoader()
	loader.RecordLevels = true
	loader.Modules = analysis.NewModuleCache()
	f.Fuzz(func(t *testing.T, text string) {
		src := "---- MODULE F ----\nEXTENDS Naturals, Integers, Sequences, FiniteSets, TLC, Bags, TLCExt, Randomization, Json\nE == " + text + "\n====\n"
		prog := loader.Load(context.Background(), "F.tla", []byte(src))
		if prog.Root == nil || prog.Root.AST == nil {
			t.Fatalf("no module in F.tla: %v", prog.Diagnostics())
		}
		root, load := prog.Root, ModulesOf(prog)
		if len(root.SyntaxErrors) > 0 {
			return
		}
		p, err := NewProgram(root, load, nil, nil)
		if err != nil {
			return
		}
		e, err := p.DefExpr("E")
		if err != nil {
			return
		}
		ce, err := p.Compile(e)
		if err != nil {
			return
		}
		v, err := ce.Eval(p.NewCtx(), nil, nil)
		if err == nil && v != nil {
			_ = Format(v)
		}
	})
}
