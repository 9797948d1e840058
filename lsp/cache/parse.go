package cache

import (
	"context"

	"github.com/tlals/tlals/analysis"

	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/source"
)

// ParseOnly is an Analyzer that only parses the root document and reports
// its syntax errors (code "syntax"). Its Program is the *parser.Result.
var ParseOnly Analyzer = AnalyzerFunc(func(ctx context.Context, req Request) *Result {
	var pr *parser.Result
	if req.Parse != nil {
		pr = req.Parse(ctx)
	}
	if pr == nil {
		pr = parser.Parse(ctx, req.Path, req.Text)
	}
	res := &Result{Files: map[string]*source.File{req.Path: pr.File}, Parse: pr}
	for _, e := range pr.Errors {
		res.Diagnostics = append(res.Diagnostics, analysis.Diagnostic{
			Path: req.Path, Span: e.Span, Severity: analysis.Error, Code: "syntax", Message: e.Msg,
		})
	}
	return res
})
