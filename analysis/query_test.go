package analysis

import (
	"context"
	"strings"
	"testing"
)

func TestRefAt(t *testing.T) {
	const src = `---- MODULE Q ----
EXTENDS Naturals
VARIABLE x
Inc(n) == n + 1
Next == x' = Inc(x)
---- MODULE Inner ----
y == 3
z == y
====
====
`
	prog := NewLoader().Load(context.Background(), "/tmp/Q.tla", []byte(src))
	at := func(needle string, nth, delta int) int {
		i := -1
		for k := 0; k <= nth; k++ {
			j := strings.Index(src[i+1:], needle)
			if j < 0 {
				t.Fatalf("%q #%d not in source", needle, nth)
			}
			i += 1 + j
		}
		return i + delta
	}
	tests := []struct {
		name      string
		off       int
		want      string // entity name, "" for none
		wantDef   bool
		wantKind  EntityKind
		wantInner bool
	}{
		{"use of Inc", at("Inc(x)", 0, 1), "Inc", false, Operator, false},
		{"def of Inc", at("Inc(n)", 0, 0), "Inc", true, Operator, false},
		{"cursor just after a name", at("Inc(x)", 0, 3), "Inc", false, Operator, false},
		{"param use", at("n + 1", 0, 0), "n", false, Param, false},
		{"variable prime", at("x'", 0, 0), "x", false, Variable, false},
		{"operator symbol from Naturals", at("+ 1", 0, 0), "+", false, Operator, false},
		{"nested module use", at("z == y", 0, 5), "y", false, Operator, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := prog.RefAt(tt.off)
			if !ok || r.Entity == nil {
				t.Fatalf("RefAt(%d) = %+v, %v; want %s", tt.off, r, ok, tt.want)
			}
			if r.Entity.Name != tt.want || r.IsDef != tt.wantDef || r.Entity.Kind != tt.wantKind {
				t.Errorf("RefAt = %s (def %v, %v); want %s (def %v, %v)", r.Entity.Name, r.IsDef, r.Entity.Kind, tt.want, tt.wantDef, tt.wantKind)
			}
			if (r.Module.Name == "Inner") != tt.wantInner {
				t.Errorf("module %s, want inner %v", r.Module.Name, tt.wantInner)
			}
		})
	}
	// Every reference to Inc, declaration first.
	r, _ := prog.RefAt(at("Inc(x)", 0, 0))
	refs := prog.Root.RefsTo(r.Entity)
	if len(refs) != 2 || refs[0].Pos().Start != at("Inc(n)", 0, 0) || refs[1].Pos().Start != at("Inc(x)", 0, 0) {
		t.Errorf("RefsTo(Inc) = %v", refs)
	}
}
