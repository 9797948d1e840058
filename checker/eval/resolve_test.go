package eval

import (
	"os"
	"path/filepath"
	"testing"
)

// TestResolutionAsAnalysis: names denote what analysis resolved them to
// (a module's LOCAL definitions, an INSTANCE's implicit substitution found
// where it is written), not what has the name in the module extending
// them; what TLC evaluates once follows TLC's level bound, which takes a
// name spelled as a state variable for one. Expected values from TLC.
func TestResolutionAsAnalysis(t *testing.T) {
	tests := []struct {
		name     string
		mods     map[string]string // modules beside the root
		root     string            // the root module's units (EXTENDS A first)
		substs   map[string]string // the configuration's Op <- Def
		def      string            // a zero-argument definition of the root
		want     string            // its value
		constant bool              // TLC evaluates it once (its Print shows once)
	}{
		{name: "LOCAL definitions used by the module declaring them",
			mods: map[string]string{"A": "EXTENDS Naturals\nLOCAL Helper == 1\nLOCAL Twice(n) == 2 * n\nOp == Helper + Twice(10)"},
			root: "EXTENDS A\nHelper == 100\nTwice(n) == 3 * n", def: "Op", want: "21", constant: true},
		{name: "Op <- Def replaces the root's Op, not a LOCAL Op it hides",
			mods: map[string]string{"A": "LOCAL Helper == 1\nOp == Helper"},
			root: "EXTENDS A\nHelper == 100\nTwo == 2\nBoth == <<Op, Helper>>", substs: map[string]string{"Helper": "Two"},
			def: "Both", want: "<<1, 2>>", constant: true},
		{name: "implicit substitution in the instantiating module's scope",
			mods: map[string]string{"A": "LOCAL N == 3\nI == INSTANCE M", "M": "CONSTANT N\nVal == N"},
			root: "EXTENDS A\nN == 5\nOp == I!Val", def: "Op", want: "3", constant: true},
		{name: "bound variable named as a state variable of the root",
			mods: map[string]string{"A": "Op == \\E v \\in {1, 2} : v = 2"},
			root: "EXTENDS A\nVARIABLE v", def: "Op", want: "TRUE", constant: false},
		{name: "bound variable named as nothing else",
			mods: map[string]string{"A": "Op == \\E w \\in {1, 2} : w = 2"},
			root: "EXTENDS A\nVARIABLE v", def: "Op", want: "TRUE", constant: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range tc.mods {
				src := "---- MODULE " + name + " ----\n" + body + "\n====\n"
				if err := os.WriteFile(filepath.Join(dir, name+".tla"), []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			src := "---- MODULE Root ----\n" + tc.root + "\n====\n"
			root, load := analyze(t, filepath.Join(dir, "Root.tla"), src, nil)
			p, err := NewProgram(root, load, nil, tc.substs)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.IsConstantDef(tc.def); got != tc.constant {
				t.Errorf("IsConstantDef(%s) = %v, want %v", tc.def, got, tc.constant)
			}
			e, err := p.DefExpr(tc.def)
			if err != nil {
				t.Fatal(err)
			}
			ce, err := p.Compile(e)
			if err != nil {
				t.Fatal(err)
			}
			v, err := ce.Eval(p.NewCtx(), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := Format(v); got != tc.want {
				t.Errorf("%s = %s, want %s", tc.def, got, tc.want)
			}
		})
	}
}
