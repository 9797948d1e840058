package eval

import (
	"context"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser"
)

// program parses a module from text and compiles it with consts.
func program(t testing.TB, src string, consts map[string]ConstBinding) *Program {
	t.Helper()
	if !strings.HasPrefix(strings.TrimSpace(src), "----") {
		src = "---- MODULE T ----\nEXTENDS Naturals, Integers, Sequences, FiniteSets, TLC, Bags\n" + src + "\n====\n"
	}
	res := parser.Parse(context.Background(), "T.tla", []byte(src))
	if len(res.Errors) > 0 {
		t.Fatalf("parse errors: %v", res.Errors)
	}
	p, err := NewProgram(res.Module, res.File, nil, consts, nil)
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
