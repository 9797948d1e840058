package analysis

import (
	"context"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser/source"
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

func TestVisibleAtAndTargets(t *testing.T) {
	const src = `---- MODULE V ----
EXTENDS Naturals
G == 1
F(p) == \A q \in 1..2 : p = q
L == LET d == 1 IN d
I == INSTANCE Naturals
====
`
	prog := NewLoader().Load(context.Background(), "/tmp/V.tla", []byte(src))
	at := func(needle string) int {
		i := strings.Index(src, needle)
		if i < 0 {
			t.Fatalf("%q not in source", needle)
		}
		return i
	}
	tests := []struct {
		off  int
		name string
		want string // kind of the visible entity, "" for none
	}{
		{at("p = q"), "q", "bound variable"},
		{at("p = q"), "p", "parameter"},
		{at("F(p)"), "q", ""},           // outside the quantifier
		{at("F(p)"), "G", "operator"},   // module level
		{at("G =="), "L", "operator"},   // module level, even before its definition
		{at("d == 1"), "d", "operator"}, // the LET definition's own name
		{at("G =="), "d", ""},           // LET definitions stay inside
		{at("G =="), "Nat", "operator"}, // EXTENDS'd
		{at("p = q"), "nothing", ""},
	}
	for _, tt := range tests {
		e := prog.Root.VisibleAt(tt.off, tt.name)
		got := ""
		if e != nil {
			got = e.Kind.String()
		}
		if got != tt.want {
			t.Errorf("VisibleAt(%d, %s) = %q, want %q", tt.off, tt.name, got, tt.want)
		}
	}

	// Module names in EXTENDS and INSTANCE denote their modules.
	for _, needle := range []string{"Naturals\nG", "Naturals\n===="} {
		r, ok := prog.RefAt(at(needle))
		if !ok || r.Entity != nil || r.Target == nil || r.Target.Name != "Naturals" || r.Span() != r.Ident.Span {
			t.Errorf("RefAt(%q) = %+v, want the module Naturals", needle, r)
		}
	}
	// An operator symbol's span is its token, not the whole expression.
	const sumSrc = "---- MODULE W ----\nEXTENDS Naturals\nS == 10 + 20\n====\n"
	plus := strings.Index(sumSrc, "+")
	sum := NewLoader().Load(context.Background(), "/tmp/W.tla", []byte(sumSrc))
	r, ok := sum.RefAt(plus)
	if !ok || r.Expr == nil || r.Span() != (source.Span{Start: plus, End: plus + 1}) {
		t.Errorf("RefAt(+) = %+v, span %v; want the token at %d", r, r.Span(), plus)
	}
}
