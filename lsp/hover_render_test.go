package lsp

import "testing"

// Markdown hovers fence TLA+ and doc comments, so that no client shows the
// escapes prose would need (3 \\in Nat); our own notes stay markdown.
func TestHoverRender(t *testing.T) {
	h := hoverInfo{code: `x \in Nat`, doc: "x \\in Nat, *not* [escaped]", note: "The `x`.", where: "variable of module `M`"}
	for _, tc := range []struct {
		markdown bool
		want     string
	}{
		{true, "```tla\nx \\in Nat\n```\n\n```text\nx \\in Nat, *not* [escaped]\n```\n\nThe `x`.\n\n*variable of module `M`*"},
		{false, "x \\in Nat\n\nx \\in Nat, *not* [escaped]\n\nThe x.\n\nvariable of module M"},
	} {
		if got := h.render(tc.markdown); got != tc.want {
			t.Errorf("markdown %v:\n got %q\nwant %q", tc.markdown, got, tc.want)
		}
	}
}
