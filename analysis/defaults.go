package analysis

import (
	"context"

	"github.com/tlals/tlals/analysis/stdlib"
	"github.com/tlals/tlals/parser"
)

// defaultParse adapts parser.Parse; syntax errors become diagnostics with
// code "syntax".
func defaultParse(ctx context.Context, path string, src []byte) *Parsed {
	res := parser.Parse(ctx, path, src)
	p := &Parsed{File: res.File, Module: res.Module, Damaged: res.Damaged}
	for _, e := range res.Errors {
		p.Errors = append(p.Errors, Diagnostic{Path: path, Span: e.Span, Severity: Error, Code: "syntax", Message: e.Msg})
	}
	return p
}

func defaultStdlib(name string) ([]byte, string, bool) {
	src, ok := stdlib.Source(name)
	if !ok {
		return nil, "", false
	}
	return src, stdlib.Path(name), true
}
