package parser

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden sections of testdata/*.txtar")

// formatErrors prints errors as `line:col-line:col (bytes a-b): message`.
func formatErrors(res *Result) string {
	var b strings.Builder
	for _, e := range res.Errors {
		l1, c1 := res.File.LineCol(e.Span.Start)
		l2, c2 := res.File.LineCol(e.Span.End)
		fmt.Fprintf(&b, "%d:%d-%d:%d (%d-%d): %s\n", l1, c1, l2, c2, e.Span.Start, e.Span.End, e.Msg)
	}
	return b.String()
}

func formatComments(res *Result) string {
	var b strings.Builder
	for _, c := range res.Module.Comments {
		fmt.Fprintf(&b, "%d-%d block=%v %q\n", c.Start, c.End, c.Block, c.Text)
	}
	if tr := res.Module.Translation; tr != nil {
		fmt.Fprintf(&b, "translation %d-%d\n", tr.Start, tr.End)
	}
	return b.String()
}

// TestGolden parses the input.tla section of each testdata/*.txtar and
// compares the AST, the errors and the comments with the other sections.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var input []byte
			for _, f := range ar.Files {
				if f.Name == "input.tla" {
					input = f.Data
				}
			}
			if input == nil {
				t.Fatal("no input.tla section")
			}
			res := Parse(context.Background(), "input.tla", input)
			got := map[string]string{
				"ast":      dumpAST(res.Module, input),
				"errors":   formatErrors(res),
				"comments": formatComments(res),
			}
			if *update {
				var out []txtar.File
				out = append(out, txtar.File{Name: "input.tla", Data: input})
				for _, name := range []string{"ast", "errors", "comments"} {
					out = append(out, txtar.File{Name: name, Data: []byte(got[name])})
				}
				ar.Files = out
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, f := range ar.Files {
				want, ok := got[f.Name]
				if !ok {
					continue
				}
				if string(f.Data) != want {
					t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", f.Name, want, f.Data)
				}
			}
		})
	}
}
