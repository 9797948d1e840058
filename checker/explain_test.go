package checker

import (
	"fmt"
	"strings"
	"testing"
)

// A violated invariant is explained by its smallest FALSE part in the last
// state, with the bound names and the variables that part reads.
func TestExplainInvariant(t *testing.T) {
	for _, tc := range []struct {
		name, defs string
		want       string // text @ line:col-line:col | values; "" for none
	}{
		{"conjunct", `Inv == /\ x < 5
       /\ y # 2`, `y # 2 @ 6:11-6:15 | y = 2`},
		{"infix conjunction", `Inv == x < 5 /\ y < 2`, `y < 2 @ 5:17-5:21 | y = 2`},
		{"implication", `Inv == x > 1 => x + y < 4`, `x + y < 4 @ 5:17-5:25 | x = 2, y = 2`},
		{"definition", `Small(v) == v < 2
Inv == x < 5 /\ Small(y)`, `v < 2 @ 5:13-5:17 | `},
		{"forall over a constant set", `Inv == \A i \in 2..3 : i # y`, `i # y @ 5:24-5:28 | i = 2, y = 2`},
		{"whole invariant", `Inv == y < 2`, ``},
		{"forall over a state set", `Inv == \A i \in {x, y} : i < 2`, ``},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := archiveModel(t, fmt.Sprintf(`-- Root.tla --
---- MODULE Root ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
%s
Next == x' = x + 1 /\ y' = y + 1
====
-- Root.cfg --
INIT Init
NEXT Next
INVARIANT Inv
`, tc.defs))
			res := checkWith(t, m, Options{Workers: 1})
			if res.Outcome != OutcomeInvariant || len(res.Trace) != 3 {
				t.Fatalf("got %s after %d states, want the invariant violated in state 3", res.Outcome, len(res.Trace))
			}
			got := ""
			if f := res.Failing; f != nil {
				var vals []string
				for _, v := range f.Values {
					vals = append(vals, v.Name+" = "+v.Value)
				}
				got = fmt.Sprintf("%s @ %d:%d-%d:%d | %s", f.Text, f.Location.StartLine, f.Location.StartColumn,
					f.Location.EndLine, f.Location.EndColumn, strings.Join(vals, ", "))
				if src := string(m.Root.File.Text[f.Location.Start:f.Location.End]); src != f.Text {
					t.Errorf("the byte span holds %q, the text is %q", src, f.Text)
				}
			}
			if got != tc.want {
				t.Errorf("failing part:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// The CLI's text names the failing part after the error, and JSON carries it.
func TestExplainRendering(t *testing.T) {
	m := archiveModel(t, `-- Root.tla --
---- MODULE Root ----
EXTENDS Naturals
VARIABLES x
Init == x = 0
Next == x' = x + 1
Inv == \A i \in {1, 2} : x # i
====
-- Root.cfg --
INIT Init
NEXT Next
INVARIANT Inv
`)
	res := checkWith(t, m, Options{Workers: 1})
	want := "Error: Invariant Inv is violated.\n" +
		"line 6, col 8 to line 6, col 30 of module Root\n" +
		"The part of the invariant that is FALSE in the last state: x # i\n" +
		"line 6, col 26 to line 6, col 30 of module Root\n" +
		"  where i = 1\n" +
		"  where x = 1\n" +
		"Error: The behavior up to this point is:\n"
	if text := res.TLCText(); !strings.HasPrefix(text, want) {
		t.Errorf("text:\n%s\nwant it to start with:\n%s", text, want)
	}
	js, err := res.JSON()
	if err != nil {
		t.Fatal(err)
	}
	frag := `"failing":{"location":{"file":"` + m.Root.File.Name + `","startLine":6,"startColumn":26,"endLine":6,"endColumn":30,"start":109,"end":114},"text":"x # i","values":[{"name":"i","value":"1"},{"name":"x","value":"1"}]}`
	if !strings.Contains(string(js), frag) {
		t.Errorf("JSON lacks %s:\n%s", frag, js)
	}
}
