package eval

import (
	"context"
	"strings"
	"testing"

	"github.com/tlals/tlals/analysis"
)

// analyze analyses the module text src (as file path) with the modules of
// dirs, as the checker loads a model, for NewProgram. Analysis errors are
// left to the test: it compiles what analysis resolved.
func analyze(t testing.TB, path, src string, dirs []string) (*analysis.Module, Loader) {
	t.Helper()
	l := analysis.NewLoader(dirs...)
	l.RecordLevels = true
	prog := l.Load(context.Background(), path, []byte(src))
	if prog.Root == nil || prog.Root.AST == nil {
		t.Fatalf("no module in %s: %v", path, prog.Diagnostics())
	}
	return prog.Root, ModulesOf(prog)
}

// program parses a module from text and compiles it with consts.
func program(t testing.TB, src string, consts map[string]ConstBinding) *Program {
	t.Helper()
	if !strings.HasPrefix(strings.TrimSpace(src), "----") {
		src = "---- MODULE T ----\nEXTENDS Naturals, Integers, Sequences, FiniteSets, TLC, Bags\n" + src + "\n====\n"
	}
	root, load := analyze(t, "T.tla", src, nil)
	if len(root.SyntaxErrors) > 0 {
		t.Fatalf("parse errors: %v", root.SyntaxErrors)
	}
	p, err := NewProgram(root, load, consts, nil)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	return p
}

// evalExpr evaluates the constant expression text.
func evalExpr(t testing.TB, defs, text string) (Value, error) {
	t.Helper()
	p := program(t, defs+"\nEXPR__ == "+text+"\n", nil)
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
