package analysis

import (
	"context"

	"github.com/tlals/tlals/analysis/stdlib"
	"github.com/tlals/tlals/parser"
)

// defaultParse adapts parser.Parse; syntax errors become diagnostics with
// code "syntax".
func defaultParse(ctx context.Context, path string, src []byte) *Parsed {
	return ParsedFrom(path, parser.Parse(ctx, path, src))
}

func defaultStdlib(name string) ([]byte, string, bool) {
	src, ok := stdlib.Source(name)
	if !ok {
		return nil, "", false
	}
	return src, stdlib.Path(name), true
}
