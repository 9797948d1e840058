package eval

import (
	"reflect"
	"testing"
)

// TestHoistedExpressions: exactly the closed subexpressions (no variable,
// no parameter or bound variable from outside, no operator whose value
// depends on the search or that prints) are evaluated once; each is the
// largest such expression around it.
func TestHoistedExpressions(t *testing.T) {
	tests := []struct {
		expr string
		want []string
	}{
		{`{d \in {-1, 0, 1} \X {-1, 0, 1} : d /= <<0, 0>>}`, []string{`{d \in {-1, 0, 1} \X {-1, 0, 1} : d /= <<0, 0>>}`}},
		{`\E p \in 1..3 : p + x \in {y \in 1..3 : y > 1}`, []string{`1..3`, `{y \in 1..3 : y > 1}`}},
		{`RandomElement(1..3) + x`, []string{`1..3`}},
		{`PrintT(<<1, 2>>) /\ x > 0`, []string{`<<1, 2>>`}},
		{`LET s == {1, 2} IN s \cup {x}`, []string{`{1, 2}`}},
		{`TLCGet("level") + x`, nil},
		{`[i \in 1..3 |-> i * 2][2] + x`, []string{`[i \in 1..3 |-> i * 2][2]`}},
		{`CHOOSE v \in {1, 2} : v > x`, []string{`{1, 2}`}},
		{`Cardinality(N) + x`, []string{`Cardinality(N)`}},
		{`Card(N) + Twice(3) + x`, nil}, // user operators with arguments: not examined
		{`x \in [S -> BOOLEAN]`, []string{`[S -> BOOLEAN]`}},
	}
	for _, tt := range tests {
		src := "CONSTANT N\nVARIABLE x\nS == {1, 2}\nCard(s) == Cardinality(s)\nTwice(n) == 2 * n\nE == " + tt.expr
		p := program(t, src, map[string]ConstBinding{"N": {Value: mkSet([]Value{Int(1), Int(2)})}})
		e, err := p.DefExpr("E")
		if err != nil {
			t.Fatal(err)
		}
		p.hoistedAt = nil
		if _, err := p.Compile(e); err != nil {
			t.Fatalf("%s: %v", tt.expr, err)
		}
		var got []string
		text := string(p.Root.file.Text)
		for _, sp := range p.hoistedAt {
			got = append(got, text[sp.Start:sp.End])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: hoisted %q, want %q", tt.expr, got, tt.want)
		}
	}
}
