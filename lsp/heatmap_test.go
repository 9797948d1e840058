package lsp_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp/lsptest"
)

const heatModule = `---- MODULE Heat ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
Inc == x < 3 /\ x' = x + 1 /\ y' = y
Reset == x = 3 /\ y < 2 /\ x' = 0 /\ y' = y + 1
Next == Inc \/ Reset
====
`

type heatMap struct {
	Model string `json:"model"`
	Max   int64  `json:"max"`
	Stale bool   `json:"stale"`
	Spots []struct {
		Range  protocol.Range `json:"range"`
		Count  int64          `json:"count"`
		Level  int            `json:"level"`
		Action string         `json:"action"`
		Part   int            `json:"part"`
	} `json:"spots"`
}

// tlals/heatMap: each conjunct of Init and the actions with the times the
// last run evaluated it (the counts of tlals check -coverage), graded 1..5
// on a logarithmic scale of the largest.
func TestHeatMap(t *testing.T) {
	dir := t.TempDir()
	c := checkClient(t, "")
	u := uri.File(filepath.Join(dir, "Heat.tla"))
	writeFiles(t, dir, map[string]string{"Heat.tla": heatModule, "Heat.cfg": "INIT Init\nNEXT Next\n"})
	c.Open(u, heatModule)
	c.Diagnostics(u, 1)
	var hm *heatMap
	if err := c.Call(methodHeatMap, map[string]any{"textDocument": map[string]any{"uri": u}}, &hm); err != nil || hm != nil {
		t.Fatalf("before a run: %v %v", hm, err)
	}
	save(c, u)
	checkResults(t, c, 1)
	if err := c.Call(methodHeatMap, map[string]any{"textDocument": map[string]any{"uri": u}}, &hm); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range hm.Spots {
		r := s.Range
		got = append(got, fmt.Sprintf("%s %d:%d-%d:%d %d L%d", s.Action, r.Start.Line, r.Start.Character, r.End.Line, r.End.Character, s.Count, s.Level))
	}
	// the lines of TLC's report: x < 3 counts the successors it led to,
	// its x (shaded apart) its evaluations; x = 3 (TLC's =) both
	// (the search's counts: 12 states expanded, not the trace's
	// reconstruction after the deadlock)
	want := []string{
		"Init 3:8-3:22 1 L2",
		"Inc 4:7-4:8 12 L5", "Inc 4:9-4:12 9 L5", "Inc 4:16-4:26 9 L5", "Inc 4:30-4:36 9 L5",
		"Reset 5:9-5:10 12 L5", "Reset 5:11-5:14 14 L5", "Reset 5:18-5:19 3 L3", "Reset 5:20-5:23 2 L3", "Reset 5:27-5:33 2 L3", "Reset 5:37-5:47 2 L3",
	}
	if hm.Model != "Heat.cfg" || hm.Max != 14 || hm.Stale || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("model %q max %d stale %v:\n%s\nwant\n%s", hm.Model, hm.Max, hm.Stale, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// an edit moves the text: no spots until the next run
	edited := strings.Replace(heatModule, "Init ==", "Init  ==", 1)
	c.Change(u, lsptest.Whole(edited))
	if err := c.Call(methodHeatMap, map[string]any{"textDocument": map[string]any{"uri": u}}, &hm); err != nil || !hm.Stale || len(hm.Spots) != 0 {
		t.Errorf("after an edit: %+v %v", hm, err)
	}
}

const methodHeatMap = "tlals/heatMap"

// tlals/heatMap gives a spot holding other spots only its own text, in
// pieces (trimmed of blanks): nested spots are never shaded over by the
// spot around them.
func TestHeatMapNested(t *testing.T) {
	const tla = `---- MODULE Nest ----
EXTENDS Naturals
VARIABLES x
Init == x = 0
Next == (x) < 4 /\ ((x < 2 /\ x' = x + 1) \/ (x >= 2 /\ x' = x + 2))
====
`
	dir := t.TempDir()
	c := checkClient(t, "")
	u := uri.File(filepath.Join(dir, "Nest.tla"))
	writeFiles(t, dir, map[string]string{"Nest.tla": tla, "Nest.cfg": "INIT Init\nNEXT Next\n"})
	c.Open(u, tla)
	c.Diagnostics(u, 1)
	save(c, u)
	checkResults(t, c, 1)
	var hm *heatMap
	if err := c.Call(methodHeatMap, map[string]any{"textDocument": map[string]any{"uri": u}}, &hm); err != nil {
		t.Fatal(err)
	}
	var got []string
	line := strings.Split(tla, "\n")[4]
	for _, s := range hm.Spots {
		r := s.Range
		if s.Action != "Next" {
			continue
		}
		if r.Start.Line != 4 || r.End.Line != 4 {
			t.Fatalf("spot %+v off line 5", s)
		}
		got = append(got, fmt.Sprintf("%q %d/%d", line[r.Start.Character:r.End.Character], s.Count, s.Part))
	}
	// (x) < 4 counts the successors it led to, its x its evaluations;
	// the text of (x) < 4 around x is in two parts
	want := []string{
		`"(" 3/0`, `"x" 4/0`, `") < 4" 3/1`,
		`"x" 3/0`, `"< 2" 2/0`, `"x' = x + 1" 2/0`,
		`"x" 3/0`, `">= 2" 1/0`, `"x' = x + 2" 1/0`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("spots:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
