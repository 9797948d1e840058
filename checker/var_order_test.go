package checker

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestVarPrintOrder: a trace's states list the variables in TLC's order
// (eval.Program.PrintOrder: SANY's symbol table, a Java Hashtable,
// enumerated and reversed), not in declaration order. Each archive of
// testdata/varorder holds Root.tla, Root.cfg, the modules it uses, and, in
// "want", the order of State 1 of the reference TLC's trace on the same
// files: variables over several VARIABLE lines, from an EXTENDS module,
// around INSTANCEs, and enough names for the table to grow.
func TestVarPrintOrder(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "varorder", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no archives: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var want string
			for _, f := range ar.Files {
				if f.Name == "want" {
					want = strings.TrimSpace(string(f.Data))
					continue
				}
				if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			m, err := LoadModel(filepath.Join(dir, "Root.tla"), filepath.Join(dir, "Root.cfg"), nil)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Check(context.Background(), m, Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if res.Outcome != OutcomeInvariant || len(res.Trace) == 0 {
				t.Fatalf("outcome %s, %d states: want an invariant violated, as TLC", res.Outcome, len(res.Trace))
			}
			for i, st := range res.Trace {
				var got []string
				for _, v := range st.State {
					got = append(got, v.Name)
				}
				if g := strings.Join(got, " "); g != want {
					t.Errorf("state %d: variables %s\nTLC prints            %s", i+1, g, want)
				}
			}
		})
	}
}
