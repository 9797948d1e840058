package checker

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/tlals/tlals/checker/eval"
)

// Each case is a txtar archive of Root.tla, Root.cfg and the modules Root
// extends or instantiates.

// scoped: `Lim = [Inner] 3` replaces Lim as Inner defines it, through a
// named INSTANCE, and leaves the root's own Lim (50) alone.
const cvScopedInstance = `
-- Inner.tla --
---- MODULE Inner ----
EXTENDS Naturals
VARIABLE x
Lim == 100
Step == x < Lim /\ x' = x + 1
====
-- Root.tla --
---- MODULE Root ----
EXTENDS Naturals
VARIABLE y
Lim == 50
I == INSTANCE Inner WITH x <- y
Init == y = 0
Next == I!Step
Spec == Init /\ [][Next]_y
RootLim == Lim = 50
Shown == <<Lim, I!Lim>>
====
-- Root.cfg --
SPECIFICATION Spec
CONSTANT Lim = [Inner] 3
INVARIANT RootLim
CHECK_DEADLOCK FALSE
`

// scoped through EXTENDS, on a function definition and a set, with a
// model value; the definitions using them see the values.
const cvScopedExtends = `
-- Lib.tla --
---- MODULE Lib ----
EXTENDS Naturals
Max == 10
Cost[n \in 0..Max] == n * 2
Who == {"x"}
====
-- Root.tla --
---- MODULE Root ----
EXTENDS Lib
VARIABLE x, w
Init == x = 0 /\ w \in Who
Next == x < Max /\ x' = x + 1 /\ UNCHANGED w
Inv == x < 2
Shown == <<Max, Who, Cost>>
====
-- Root.cfg --
INIT Init
NEXT Next
CONSTANTS
  Max = [Lib] 5
  Who = [Lib] {a, b}
  Cost = [Lib] {7}
INVARIANT Inv
`

// scoped value and scoped substitution through an unnamed INSTANCE; the
// root's plain assignment wins over the scoped one on its own view.
const cvScopedUnnamed = `
-- Inner.tla --
---- MODULE Inner ----
EXTENDS Naturals
Lim == 100
Step(v) == v + 100
Top == Lim
====
-- Root.tla --
---- MODULE Root ----
EXTENDS Naturals
VARIABLE x
INSTANCE Inner
Two(v) == v + 2
Init == x = 0
Next == x < Lim /\ x' = Step(x)
Shown == <<Lim, Top, Step(1)>>
====
-- Root.cfg --
INIT Init
NEXT Next
CONSTANT Lim = [Inner] 4
CONSTANT Step <-[Inner] Two
CONSTANT Lim = 6
CHECK_DEADLOCK FALSE
`

// F(args) = v on a declared operator constant.
const cvTableConst = `
-- Root.tla --
---- MODULE Root ----
CONSTANT Succ(_), p, q
Other(o) == IF o = p THEN q ELSE p
VARIABLE x, y
Init == x = 0 /\ y = p
Next == x' = Succ(x) /\ y' = Other(y)
Shown == <<Succ(0), Succ(1), Succ(2), Other(p)>>
====
-- Root.cfg --
INIT Init
NEXT Next
CONSTANTS
  p = p
  q = q
  Succ(0) = 1
  Succ(1) = 2
  Succ(2) = 0
  Succ(1) = 9
`

// applied outside the table: an evaluation error at the application.
const cvTableMiss = `
-- Root.tla --
---- MODULE Root ----
CONSTANT Succ(_)
VARIABLE x
Init == x = 0
Next == x' = Succ(x)
Shown == Succ(1)
====
-- Root.cfg --
INIT Init
NEXT Next
CONSTANT Succ(0) = 1 Succ(1) = 2
`

// a table overrides a definition of two arguments (string and model
// value arguments), and is passed as an operator argument.
const cvTableDef = `
-- Root.tla --
---- MODULE Root ----
EXTENDS Naturals
CONSTANT m
Pick(s, t) == 0
Apply(Op(_, _), a, b) == Op(a, b)
VARIABLE x
Init == x \in {Pick("a", m), Apply(Pick, "b", m)}
Next == UNCHANGED x
Shown == <<Pick("a", m), Apply(Pick, "b", m)>>
====
-- Root.cfg --
INIT Init
NEXT Next
CONSTANT m = m
CONSTANT Pick("a", m) = 10 Pick("b", m) = 20
`

// a table in a module's scope, through a named INSTANCE: the root's
// operator of the same name is untouched.
const cvTableScoped = `
-- Inner.tla --
---- MODULE Inner ----
EXTENDS Naturals
VARIABLE z
Wt(a) == 1
Grow == z' = z + Wt(z)
====
-- Root.tla --
---- MODULE Root ----
EXTENDS Naturals
VARIABLE y
Wt(a) == 1
I == INSTANCE Inner WITH z <- y
Init == y = 1
Next == y < 20 /\ I!Grow
Inv == y /= 13
Shown == <<Wt(7), I!Wt(7)>>
====
-- Root.cfg --
INIT Init
NEXT Next
CONSTANT Wt(1) = [Inner] 2  Wt(3) = [Inner] 4  Wt(7) = [Inner] 6
INVARIANT Inv
`

// the configuration's strings and model values come first in TLC's order
// of strings, as written: a table's arguments before its value, a string
// with its escapes kept (TLC takes a .cfg string's text between the
// quotes: C holds a\\b, not the module's "a\\b", which is a\b). TLC
// prints v = <<{"y", "a\\\\b", "x"}, {"b", "c"}, 1, FALSE>>.
const cvStringOrder = `
-- Root.tla --
---- MODULE Root ----
CONSTANT C, D, F(_)
VARIABLE v
Init == v = <<C, D, F("b"), "a\\b" \in C>>
Next == UNCHANGED v
Inv == v[4]
====
-- Root.cfg --
INIT Init
NEXT Next
CONSTANT F("b") = 1
C = {"y", "a\\b", "x"}
D = {"c", "b"}
INVARIANT Inv
`

func TestConfigValues(t *testing.T) {
	tests := []struct {
		name     string
		archive  string
		outcome  string
		distinct int64
		last     string // the trace's last state
		msg      string // in the message
		line     int    // of the error's location, when msg is set
		shown    string // Shown, evaluated after Model.Compile
		shownErr string
		warnings string // all of them, joined by " | "
	}{
		{name: "scoped-instance", archive: cvScopedInstance, outcome: OutcomeOK, distinct: 4, shown: "<<50, 3>>"},
		{name: "scoped-extends", archive: cvScopedExtends, outcome: OutcomeInvariant, distinct: 5,
			last: "Next: w=a, x=2", shown: "<<5, {a, b}, {7}>>"},
		{name: "scoped-unnamed", archive: cvScopedUnnamed, outcome: OutcomeOK, distinct: 4, shown: "<<6, 4, 3>>"},
		{name: "table-constant", archive: cvTableConst, outcome: OutcomeOK, distinct: 6, shown: "<<1, 2, 0, q>>"},
		{name: "table-miss", archive: cvTableMiss, outcome: OutcomeError, distinct: 3,
			msg: "Attempted to apply operator:\n{ <0, 1>, <1, 2>}\nto arguments (2), which is undefined.", line: 5, shown: "2"},
		{name: "string-order", archive: cvStringOrder, outcome: OutcomeInvariant, distinct: 1,
			last: `Initial predicate: v=<<{"y", "a\\\\b", "x"}, {"b", "c"}, 1, FALSE>>`},
		{name: "table-definition", archive: cvTableDef, outcome: OutcomeOK, distinct: 2, shown: "<<10, 20>>"},
		{name: "table-scoped", archive: cvTableScoped, outcome: OutcomeInvariant, distinct: 4,
			last: "Next: y=13", shown: "<<1, 6>>"},
		// a misspelt module or name: TLC ignores it silently, we warn
		{name: "scoped-misspelt", archive: strings.Replace(cvScopedInstance, "CONSTANT Lim = [Inner] 3", "CONSTANT Lim = [Iner] 3\nStop <-[Inner] Lim\nI!Lim = 4", 1),
			outcome: OutcomeOK, distinct: 101, shown: "<<50, 100>>",
			warnings: "2:10: Lim = [Iner] ... is ignored: the specification uses no definition Lim of a module Iner | 4:1: I!Lim = ... is ignored: no declaration or definition is named I!Lim (a definition C of module M takes C = [M] value) | 3:1: Stop <-[Inner] Lim is ignored: the specification uses no definition Stop of a module Inner"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := archiveModel(t, tc.archive)
			res := run(t, m, 1)
			if res.Outcome != tc.outcome || res.DistinctStates != tc.distinct {
				t.Fatalf("got %s, %d distinct (%s); want %s, %d", res.Outcome, res.DistinctStates, res.Message, tc.outcome, tc.distinct)
			}
			if tc.last != "" {
				st := states(res)
				if len(st) == 0 || st[len(st)-1] != tc.last {
					t.Errorf("trace %q, want last %q", st, tc.last)
				}
			}
			if tc.msg != "" {
				if !strings.Contains(res.Message, tc.msg) {
					t.Errorf("message %q, want %q", res.Message, tc.msg)
				}
				if res.Location == nil || res.Location.StartLine != tc.line {
					t.Errorf("location %+v, want line %d", res.Location, tc.line)
				}
			}
			if got := strings.Join(res.Warnings, " | "); got != tc.warnings {
				t.Errorf("warnings %q, want %q", got, tc.warnings)
			}
			if tc.shown == "" {
				return
			}
			prog, err := m.Compile()
			if err != nil {
				t.Fatal(err)
			}
			e, err := prog.DefExpr("Shown")
			if err != nil {
				t.Fatal(err)
			}
			ce, err := prog.Compile(e)
			if err != nil {
				t.Fatal(err)
			}
			v, err := ce.Eval(prog.NewCtx(), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := eval.Format(v); got != tc.shown {
				t.Errorf("Shown = %s, want %s", got, tc.shown)
			}
		})
	}
}

// TestConfigValueErrors: lines for one operator on different numbers of
// arguments, or a value and values on arguments, are configuration errors.
func TestConfigValueErrors(t *testing.T) {
	tla := "---- MODULE Root ----\nCONSTANT F(_)\nVARIABLE x\nInit == x = F(1)\nNext == UNCHANGED x\n====\n"
	tests := []struct{ cfg, msg string }{
		{"CONSTANT F(1) = 2 F(1, 2) = 3", "3:19: operator F is given values on 2 arguments here and on 1 before"},
		{"CONSTANT F = 2 F(1) = 3", "3:16: F is given a value and values on arguments"},
		{"CONSTANT F(1) = [M] 2 F(1, 2) = [M] 3", "3:23: operator F is given values on 2 arguments"},
		// found when F is applied
		{"CONSTANT F(1, 2) = 3", "operator F takes 2 arguments (as the configuration defines it), got 1"},
	}
	for _, tc := range tests {
		m := inline(t, "Root", tla, "INIT Init\nNEXT Next\n"+tc.cfg+"\n")
		res := run(t, m, 1)
		if res.Outcome != OutcomeError || !strings.Contains(res.Message, tc.msg) {
			t.Errorf("%s: got %s %q, want error %q", tc.cfg, res.Outcome, res.Message, tc.msg)
		}
	}
}

// archiveModel writes a txtar archive's files to a directory and loads
// its Root.tla with Root.cfg.
func archiveModel(t *testing.T, archive string) *Model {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := LoadModel(filepath.Join(dir, "Root.tla"), filepath.Join(dir, "Root.cfg"), nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
