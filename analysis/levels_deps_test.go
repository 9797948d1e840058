package analysis

import (
	"context"
	"testing"

	"github.com/tlals/tlals/parser/ast"
)

// TestLevelDepsByVariables: when recording levels, an expression that is
// state-level only through VARIABLEs says so and lists them (an INSTANCE
// may substitute constants for them); one with a prime does not; without
// RecordLevels nothing is recorded and definitions list no VARIABLEs.
func TestLevelDepsByVariables(t *testing.T) {
	src := "---- MODULE M ----\nCONSTANT c\nVARIABLE v\nA == v + c\nB == v' = c\n====\n"
	for _, record := range []bool{true, false} {
		l := NewLoader()
		l.RecordLevels = record
		prog := l.Load(context.Background(), "M.tla", []byte(src))
		info := prog.Root.Info
		names := map[string]string{}
		for _, u := range prog.Root.AST.Units {
			d, ok := u.(*ast.OpDef)
			if !ok {
				continue
			}
			dl := info.Defs[d.Name].DefLevel()
			el, ok := info.LevelOf(d.Body)
			if ok != record {
				t.Errorf("record=%v: %s's body recorded %v", record, d.Name.Name, ok)
			}
			deps := ""
			for _, e := range dl.Deps {
				deps += e.Name + " "
			}
			names[d.Name.Name] = dl.Level.String() + " " + deps + map[bool]string{true: "byVars", false: "-"}[dl.ByVariables]
			if record && (el.Level != dl.Level || el.ByVariables != dl.ByVariables || len(el.Deps) != len(dl.Deps)) {
				t.Errorf("%s: body %+v, definition %+v", d.Name.Name, el, dl)
			}
		}
		want := map[string]string{"A": "state v c byVars", "B": "action v c -"}
		if !record {
			want = map[string]string{"A": "state c -", "B": "action c -"}
		}
		for n, w := range want {
			if names[n] != w {
				t.Errorf("record=%v: %s = %q, want %q", record, n, names[n], w)
			}
		}
	}
}
