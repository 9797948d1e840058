package eval

import (
	"slices"
	"testing"
)

// TLC's order of the variables, as the reference TLC prints them in its
// traces, for modules whose symbol tables hold 72..143 names (capacity 191).
// The Java hash of "pc" and "uploads" falls in one bucket: declaration order.
func TestTLCOrder(t *testing.T) {
	for _, tc := range []struct {
		decl, tlc []string
		n         int
	}{
		{[]string{"pc", "i", "to_process", "aux_last_run", "total", "local"},
			[]string{"aux_last_run", "to_process", "i", "pc", "local", "total"}, 131},
		{[]string{"pc", "uploads", "content", "queue", "next_id", "msg", "local"},
			[]string{"msg", "content", "pc", "uploads", "local", "queue", "next_id"}, 120},
		{[]string{"p1Msg", "p2Msg", "pc", "r", "p1v", "p2v", "decided"},
			[]string{"decided", "p1v", "p2v", "p2Msg", "p1Msg", "r", "pc"}, 110},
		{[]string{"n", "box", "last", "got"}, []string{"last", "n", "box", "got"}, 109},
	} {
		var got []string
		for _, i := range tlcOrder(tc.decl, tc.n) {
			got = append(got, tc.decl[i])
		}
		if !slices.Equal(got, tc.tlc) {
			t.Errorf("%v: order %v, want %v", tc.decl, got, tc.tlc)
		}
	}
	// Java: "pc".hashCode() == 'p'*31 + 'c'
	if h := javaHash("pc"); h != 3571 {
		t.Errorf("javaHash(pc) = %d, want 3571", h)
	}
}
