package checker

import (
	"reflect"
	"testing"
)

// TestMultiBoundOrderAsTLC: `\E a, b \in S` and `\A a, b \in S` bind their
// combinations with the first bound varying fastest, as TLC's context
// enumeration: in the next-state relation (which successor comes first, so
// the distinct count at a violation), in Init and in plain expressions.
// Each want is what the reference TLC reported for the spec.
func TestMultiBoundOrderAsTLC(t *testing.T) {
	tests := []struct {
		name     string
		spec     string
		cfg      string
		outcome  string
		distinct int64
		output   []string
	}{{
		name: "next-state exists over two names",
		spec: `Init == x = <<0, 0>>
Next == x = <<0, 0>> /\ \E a, b \in {1, 2} : x' = <<a, b>>
Inv == x # <<2, 1>>`,
		cfg:      "INIT Init\nNEXT Next\nINVARIANT Inv\n",
		outcome:  "invariant",
		distinct: 3,
	}, {
		name: "next-state exists over two sets",
		spec: `Init == x = <<0, 0>>
Next == x = <<0, 0>> /\ \E a \in {1, 2}, b \in {1, 2} : x' = <<a, b>>
Inv == x # <<2, 1>>`,
		cfg:      "INIT Init\nNEXT Next\nINVARIANT Inv\n",
		outcome:  "invariant",
		distinct: 3,
	}, {
		name: "initial states and a tuple bound",
		spec: `Init == \E a, b \in {1, 2} : x = <<a, b>>
Next == \E a \in {1, 2}, <<b, c>> \in {<<1, 1>>, <<2, 2>>} : x' = <<a, b + c>>
Inv == x # <<2, 4>>`,
		cfg:      "INIT Init\nNEXT Next\nINVARIANT Inv\n",
		outcome:  "invariant",
		distinct: 6,
	}, {
		name: "forall and exists in expressions",
		spec: `ASSUME \A a, b \in {1, 2} : PrintT(<<"A", a, b>>)
ASSUME \E a, b \in {1, 2} : PrintT(<<a, b>>) /\ FALSE
Init == x = 0
Next == UNCHANGED x`,
		cfg:     "INIT Init\nNEXT Next\n",
		outcome: "assume",
		output: []string{`<<"A", 1, 1>>`, `<<"A", 2, 1>>`, `<<"A", 1, 2>>`, `<<"A", 2, 2>>`,
			"<<1, 1>>", "<<2, 1>>", "<<1, 2>>", "<<2, 2>>"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, res := runSpec(t, map[string]string{
				"S.tla": "---- MODULE S ----\nEXTENDS Naturals, TLC\nVARIABLE x\n" + tt.spec + "\n====\n",
				"S.cfg": tt.cfg,
			})
			if res.Outcome != tt.outcome {
				t.Fatalf("outcome %q, want %q", res.Outcome, tt.outcome)
			}
			if tt.output == nil && res.DistinctStates != tt.distinct {
				t.Errorf("distinct states %d, want %d", res.DistinctStates, tt.distinct)
			}
			if tt.output != nil && !reflect.DeepEqual(out, tt.output) {
				t.Errorf("output %q, want %q", out, tt.output)
			}
		})
	}
}
