package parser

import (
	"context"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser/ast"
)

// The grammar attaches a comment that follows a bullet list to the list;
// the definition's range must still end at its last token.
func TestRangeExcludesTrailingComment(t *testing.T) {
	src := "---- MODULE M ----\nA == /\\ TRUE\n     /\\ FALSE\n\n\\* about B\n(* more *)\nB == 1\n====\n"
	r := Parse(context.Background(), "M.tla", []byte(src))
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %v", r.Errors)
	}
	def := r.Module.Units[0].(*ast.OpDef)
	want := strings.Index(src, "FALSE") + len("FALSE")
	if def.End != want || def.Body.Pos().End != want {
		t.Errorf("A ends at %d, body at %d; want both %d", def.End, def.Body.Pos().End, want)
	}
	if end := r.Module.End; src[end-4:end] != "====" {
		t.Errorf("module ends at %d (%q), want after the ==== line", end, src[end-4:end])
	}
}
