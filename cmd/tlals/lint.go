package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/parser/source"
)

func init() {
	register("lint", "report syntax and semantic errors in TLA+ modules", runLint)
}

func runLint(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("lint", "usage: tlals lint [-path DIR[:DIR…]] FILE.tla…", stderr)
	searchPath := pathFlag(fs)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	code := exitOK
	for _, path := range fs.Args() {
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "tlals: %v\n", err)
			return exitUsage
		}
		loader := analysis.NewLoader(splitPath(*searchPath)...)
		prog := loader.Load(context.Background(), path, src)
		files := prog.Files()
		for _, d := range prog.Diagnostics() {
			fmt.Fprintln(stdout, formatDiagnostic(d, files))
			if d.Severity == analysis.Error {
				code = exitFindings
			}
		}
	}
	return code
}

func splitPath(p string) []string {
	if p == "" {
		return nil
	}
	return filepath.SplitList(p)
}

// formatDiagnostic renders file:line:col: severity: message, the form
// editors and CI logs recognise.
func formatDiagnostic(d analysis.Diagnostic, files map[string]*source.File) string {
	loc := d.Path
	if f := files[d.Path]; f != nil {
		loc = f.Location(d.Span.Start)
	}
	return fmt.Sprintf("%s: %s: %s", loc, strings.ToLower(d.Severity.String()), d.Message)
}
