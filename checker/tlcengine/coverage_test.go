package tlcengine

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/tlals/tlals/checker"
)

// covSpec defines its actions in another order than Next lists them (TLC's
// report is in the order of the text) and has an action never enabled.
const covSpec = `---- MODULE Cov ----
EXTENDS Naturals
VARIABLES x
Init == x = 0
Dec == x > 5 /\ x' = x - 1
Inc(n) == x < 2 /\ x' = x + n
Next == Inc(1) \/ Dec
Inv == x < 5
====
`

// TestReadCoverage reads TLC's -coverage report (as the reference TLC
// printed it for covSpec) into the built-in engine's Coverage: each line's
// name, range, distinct:generated and expressions with their nesting; a
// property's lines belong to no action; a second report replaces the
// first.
func TestReadCoverage(t *testing.T) {
	m := loadSpec(t, covSpec, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n")
	frame := func(code int, text string) string {
		return fmt.Sprintf("@!@!@STARTMSG %d:0 @!@!@\n%s\n@!@!@ENDMSG %d @!@!@\n", code, text, code)
	}
	report := frame(2201, "The coverage statistics at 2026-12-07 10:03:26") +
		frame(2779, "<x line 3, col 11 to line 3, col 11 of module Cov>: 2") +
		frame(2773, "<Init line 4, col 1 to line 4, col 4 of module Cov>: 1:1") +
		frame(2221, "  line 4, col 9 to line 4, col 13 of module Cov: 1") +
		frame(2772, "<Dec line 5, col 1 to line 5, col 3 of module Cov>: 0:0") +
		frame(2221, "  line 5, col 8 to line 5, col 12 of module Cov: 3") +
		frame(2221, "  line 5, col 17 to line 5, col 26 of module Cov: 0") +
		frame(2772, "<Inc line 6, col 1 to line 6, col 6 of module Cov>: 2:2") +
		frame(2221, "  line 6, col 11 to line 6, col 15 of module Cov: 2") +
		frame(2221, "  |line 6, col 11 to line 6, col 11 of module Cov: 3") +
		// TLC gives an expression that enumerates a cost too (2775)
		frame(2775, "  line 6, col 20 to line 6, col 29 of module Cov: 2:7") +
		frame(2774, "<Inv line 8, col 1 to line 8, col 3 of module Cov>") +
		frame(2221, "  line 8, col 8 to line 8, col 12 of module Cov: 3") +
		frame(2202, "End of statistics.") +
		frame(2199, "3 states generated, 3 distinct states found, 0 states left on queue.")
	col := &collector{}
	// a periodic report first, which the last replaces
	out := strings.Replace(report, "2:2", "1:1", 1) + report
	if err := scanMessages(strings.NewReader(out), col.add); err != nil {
		t.Fatal(err)
	}
	res, err := col.finish(m, 0)
	if err != nil {
		t.Fatal(err)
	}
	cov := res.Coverage
	if cov == nil {
		t.Fatal("no coverage")
	}
	type line struct {
		name                string
		at                  string
		distinct, generated int64
		exprs               []string
	}
	show := func(a checker.ActionCoverage) line {
		l := line{name: a.Name, distinct: a.Distinct, generated: a.Generated}
		if a.Location != nil {
			l.at = fmt.Sprintf("%d:%d-%d:%d@%d-%d", a.Location.StartLine, a.Location.StartColumn, a.Location.EndLine, a.Location.EndColumn, a.Location.Start, a.Location.End)
		}
		for _, e := range a.Exprs {
			l.exprs = append(l.exprs, fmt.Sprintf("%d:%d-%d:%d depth %d: %d", e.Location.StartLine, e.Location.StartColumn, e.Location.EndLine, e.Location.EndColumn, e.Depth, e.Count))
		}
		return l
	}
	got := []line{show(cov.Init)}
	for _, a := range cov.Actions {
		got = append(got, show(a))
	}
	want := []line{
		{"Init", "4:1-4:4@50-54", 1, 1, []string{"4:9-4:13 depth 0: 1"}},
		{"Dec", "5:1-5:3@64-67", 0, 0, []string{"5:8-5:12 depth 0: 3", "5:17-5:26 depth 0: 0"}},
		{"Inc", "6:1-6:6@91-97", 2, 2, []string{"6:11-6:15 depth 0: 2", "6:11-6:11 depth 1: 3", "6:20-6:29 depth 0: 2"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("coverage:\n got %+v\nwant %+v", got, want)
	}
	if cov.Expanded != 3 {
		t.Errorf("expanded %d, want 3", cov.Expanded)
	}
	if n := cov.NeverEnabled(); len(n) != 1 || n[0].Name != "Dec" {
		t.Errorf("never enabled: %+v, want Dec", n)
	}
}

// TestCoverageAsBuiltin: with Options.Coverage the TLC engine's report has
// the built-in engine's action lines (names, ranges, counts, in the order
// of the text) and states expanded.
func TestCoverageAsBuiltin(t *testing.T) {
	jar := tlcJar(t, "tla2tools.jar")
	m := loadSpec(t, covSpec, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n")
	opt := checker.Options{Workers: 1, Coverage: true}
	got, err := Check(context.Background(), m, opt, Config{Jar: jar})
	if err != nil {
		t.Fatal(err)
	}
	want, err := checker.Check(context.Background(), m, opt)
	if err != nil {
		t.Fatal(err)
	}
	if got.Coverage == nil || want.Coverage == nil {
		t.Fatalf("coverage: tlc %v, tlals %v", got.Coverage, want.Coverage)
	}
	type line struct {
		name                string
		at                  checker.Range
		distinct, generated int64
	}
	lines := func(c *checker.Coverage) []line {
		var out []line
		for _, a := range append([]checker.ActionCoverage{c.Init}, c.Actions...) {
			out = append(out, line{a.Name, *a.Location, a.Distinct, a.Generated})
		}
		return out
	}
	if g, w := lines(got.Coverage), lines(want.Coverage); !reflect.DeepEqual(g, w) {
		t.Errorf("coverage lines:\n tlc   %+v\n tlals %+v", g, w)
	}
	if got.Coverage.Expanded != 3 || want.Coverage.Expanded != 3 {
		t.Errorf("expanded: tlc %d, tlals %d, want 3", got.Coverage.Expanded, want.Coverage.Expanded)
	}
}

// TestEvalFailureLocated: TLC names only the invariant or assumption it
// failed to evaluate (no nested expressions); the TLC engine locates the
// failing expression (and the operator applications around it) as the
// built-in engine does, and the JSON is the same.
func TestEvalFailureLocated(t *testing.T) {
	jar := tlcJar(t, "tla2tools.jar")
	for _, tc := range []struct {
		name, tla, cfg string
		at             string // line:col-line:col of the failure
		calls          int    // operator applications around it
	}{
		{"invariant", `---- MODULE Ie ----
EXTENDS Naturals, Sequences
VARIABLES x
Init == x = 0
Next == x < 3 /\ x' = x + 1
Inv == x < 2 \/ Head(<<>>) = 1
====
`, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n", "6:17-6:26", 0},
		{"invariant through an operator", `---- MODULE Io ----
EXTENDS Naturals
VARIABLES x
Init == x = 0
Next == x < 3 /\ x' = x + 1
Half(n) == 10 \div (2 - n)
Inv == Half(x) > 0
====
`, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n", "6:12-6:26", 0},
		{"assumption", `---- MODULE Ae ----
EXTENDS Naturals
CONSTANT N
ASSUME N \div 0 = 1
VARIABLES x
Init == x = 0
Next == UNCHANGED x
====
`, "CONSTANT N = 3\nINIT Init\nNEXT Next\n", "4:8-4:15", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := loadSpec(t, tc.tla, tc.cfg)
			got, err := Check(context.Background(), m, checker.Options{Workers: 1}, Config{Jar: jar})
			if err != nil {
				t.Fatal(err)
			}
			want, err := checker.Check(context.Background(), m, checker.Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if got.Outcome != checker.OutcomeError || got.Location == nil {
				t.Fatalf("%s (%s) at %v, want an error", got.Outcome, got.Message, got.Location)
			}
			l := got.Location
			if at := fmt.Sprintf("%d:%d-%d:%d", l.StartLine, l.StartColumn, l.EndLine, l.EndColumn); at != tc.at || len(got.Calls) != tc.calls {
				t.Errorf("at %s with %d calls, want %s with %d", at, len(got.Calls), tc.at, tc.calls)
			}
			sameJSON(t, got, want)
		})
	}
}
