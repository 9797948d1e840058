package checker

import (
	"encoding/xml"
	"strings"
	"testing"
)

// TestWriteSVG: the picture is well-formed XML with one box per state in
// rows by distance from an initial state, one arrow per transition, the
// counterexample in red, and a back edge bent around the boxes.
func TestWriteSVG(t *testing.T) {
	g := &Graph{
		States: []GraphState{
			{Initial: true, State: []VarValue{{"x", "0"}}},
			{State: []VarValue{{"x", "1"}}},
			{State: []VarValue{{"x", `"a<b"`}}},
		},
		Edges: []GraphEdge{{0, 1, "Inc"}, {1, 2, "Set"}, {2, 0, "Reset"}, {1, 1, "Stay"}},
		Path:  []int{0, 1, 2},
	}
	if got, want := g.layers(), []int{0, 1, 2}; !slicesEqual(got, want) {
		t.Fatalf("layers = %v, want %v", got, want)
	}
	var b strings.Builder
	if err := g.WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	svg := b.String()
	d := xml.NewDecoder(strings.NewReader(svg))
	counts := map[string]int{}
	var texts []string
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			counts[tok.Name.Local]++
		case xml.CharData:
			if s := strings.TrimSpace(string(tok)); s != "" {
				texts = append(texts, s)
			}
		}
	}
	if counts["svg"] != 1 || counts["rect"] != 3 || counts["path"] != 4+1 { // +1: the arrow head
		t.Errorf("elements %v", counts)
	}
	wantTexts := []string{"Inc", "Set", "Reset", "Stay", `/\ x = 0`, `/\ x = 1`, `/\ x = "a<b"`}
	if strings.Join(texts, "|") != strings.Join(wantTexts, "|") {
		t.Errorf("texts %q, want %q", texts, wantTexts)
	}
	if n := strings.Count(svg, `stroke="red" stroke-width="2"`); n != 3+2 { // 3 states, 2 steps
		t.Errorf("%d red elements, want 5:\n%s", n, svg)
	}
	if !strings.Contains(svg, `<g class="state" id="s2"><rect x="20.0" y="214.0"`) {
		t.Errorf("state 2 is not in the third row:\n%s", svg)
	}
}

func slicesEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
