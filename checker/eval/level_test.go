package eval

import "testing"

// TestLevelsFromAnalysis: the levels the checker uses (Program.Level) are
// analysis' levels, evaluated in the instantiation: a VARIABLE an
// INSTANCE replaces by a constant makes the definitions using it constant
// (as SANY's level of R7!Plus, which TLC then evaluates as a constant
// conjunct), ENABLED is state-level whatever its action, a LET's operator
// has its body's level, and the model's Op <- Def raises the definitions
// that use Op to Def's level.
func TestLevelsFromAnalysis(t *testing.T) {
	src := `---- MODULE T ----
EXTENDS Naturals
VARIABLE x
---- MODULE Ring ----
VARIABLE card
Plus(a, b) == (a + b) % card
====
R7 == INSTANCE Ring WITH card <- 7
Rx == INSTANCE Ring WITH card <- x
P(c) == INSTANCE Ring WITH card <- c
Const == R7!Plus(5, 9) > 7
State == Rx!Plus(5, 9) > 7
Param == P(7)!Plus(5, 9) > 7
En == ENABLED (x' = 1)
Let == LET A == x' = 1 IN A
Box == [](x = 1)
Op == 1
Def == x
UsesOp == Op + 1
====
`
	root, load := analyze(t, "T.tla", src, nil)
	for _, tc := range []struct {
		substs map[string]string
		name   string
		want   int
	}{
		{nil, "Const", LevelConstant},
		{nil, "State", LevelState},
		{nil, "Param", LevelConstant},
		{nil, "En", LevelState},
		{nil, "Let", LevelAction},
		{nil, "Box", LevelTemporal},
		{nil, "UsesOp", LevelConstant},
		{map[string]string{"Op": "Def"}, "UsesOp", LevelState},
	} {
		p, err := NewProgram(root, load, nil, tc.substs)
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Level(tc.name); got != tc.want {
			t.Errorf("%v: level of %s = %d, want %d", tc.substs, tc.name, got, tc.want)
		}
	}
}
