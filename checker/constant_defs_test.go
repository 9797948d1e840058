package checker

import (
	"context"
	"testing"
)

// TestConstantDefinitionsOnce: TLC computes every constant-level definition
// of no argument once before the search (a random draw in it included),
// keeps TLCEval(e) of a constant e with nothing bound around it on the
// expression, and re-evaluates the body of a definition the configuration
// substitutes for a constant (C <- Def). It then reads the configuration's
// formulas: a constant invariant or property TRUE is dropped, any other
// value is an error (so is a constraint or action constraint not TRUE), as is a constant behaviour spec, initial predicate or
// next-state action. Expected figures and messages are the reference
// TLC's.
func TestConstantDefinitionsOnce(t *testing.T) {
	cases := []struct {
		name, tla, cfg   string
		outcome, message string
		distinct         int64
		depth            int
	}{
		{name: "random definition drawn once",
			tla: "EXTENDS Naturals, TLC\nR == RandomElement(1..1000)\nVARIABLE x\nInit == x = 0\nNext == x' = R",
			cfg: "INIT Init\nNEXT Next\n", outcome: OutcomeOK, distinct: 2, depth: 2},
		{name: "TLCEval of a constant kept on the expression",
			tla: "EXTENDS Naturals, TLC\nVARIABLE x\nInit == x = 0\nNext == x' = TLCEval(RandomElement(1..1000))",
			cfg: "INIT Init\nNEXT Next\n", outcome: OutcomeOK, distinct: 2, depth: 2},
		{name: "Randomization definition drawn once",
			tla: "EXTENDS Naturals, Randomization\nR == RandomSubset(3, 1..1000)\nVARIABLE x\nInit == x = {}\nNext == x' = R",
			cfg: "INIT Init\nNEXT Next\n", outcome: OutcomeOK, distinct: 2, depth: 2},
		{name: "substituted constant draws at each use",
			tla: "EXTENDS Naturals, TLC\nR == RandomElement(1..1000000)\nCONSTANT C\nVARIABLE x\nInit == x = 0\nNext == x' = x\nInv == C = C",
			cfg: "INIT Init\nNEXT Next\nCONSTANT C <- R\nINVARIANT Inv\n", outcome: OutcomeError, message: "The invariant of Inv is equal to FALSE"},
		{name: "substituted TLCEval constant is one value",
			tla: "EXTENDS Naturals, TLC\nR == TLCEval(RandomElement(1..1000000))\nCONSTANT C\nVARIABLE x\nInit == x = C\nNext == x' = C\nInv == x = R /\\ C = C",
			cfg: "INIT Init\nNEXT Next\nCONSTANT C <- R\nINVARIANT Inv\n", outcome: OutcomeOK, distinct: 1, depth: 1},
		{name: "TLCSet through a LET instance is not constant",
			tla: "EXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x + 1\nStop == LET T == INSTANCE TLC IN T!TLCSet(\"exit\", T!TLCGet(\"distinct\") > 3)",
			cfg: "INIT Init\nNEXT Next\nINVARIANT Stop\n", outcome: OutcomeOK, distinct: 4, depth: 4},
		{name: "constant invariant and property TRUE dropped",
			tla: "EXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x\nInv == 1 = 1\nP == 2 > 1",
			cfg: "INIT Init\nNEXT Next\nINVARIANT Inv\nPROPERTY P\n", outcome: OutcomeOK, distinct: 1, depth: 1},
		{name: "constant invariant not a Boolean",
			tla: "EXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x\nInv == {1, 2}",
			cfg: "INIT Init\nNEXT Next\nINVARIANT Inv\n", outcome: OutcomeError, message: "The invariant of Inv is equal to {1, 2}"},
		{name: "constant parameter as invariant",
			tla: "EXTENDS Naturals\nCONSTANT B\nVARIABLE x\nInit == x = 0\nNext == x' = x",
			cfg: "INIT Init\nNEXT Next\nCONSTANT B = FALSE\nINVARIANT B\n", outcome: OutcomeError, message: "The invariant of B is equal to FALSE"},
		{name: "constant property FALSE",
			tla: "EXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x\nP == 1 = 2",
			cfg: "INIT Init\nNEXT Next\nPROPERTY P\n", outcome: OutcomeError, message: "The property of P is equal to FALSE"},
		// found by difftest seed 12 (TLC rejected the spec, tlals searched)
		{name: "constant state constraint FALSE",
			tla: "EXTENDS Naturals\nVARIABLE v\nInit == v = 0\nNext == v < 3 /\\ v' = v + 1\nSC == {1} \\subseteq {2}\nAC == 1 = 2",
			cfg: "INIT Init\nNEXT Next\nACTION_CONSTRAINT AC\nCONSTRAINT SC\n", outcome: OutcomeError, message: "The constraint of SC is equal to FALSE"},
		{name: "constant action constraint FALSE",
			tla: "EXTENDS Naturals\nVARIABLE v\nInit == v = 0\nNext == v < 3 /\\ v' = v + 1\nAC == 1 = 2",
			cfg: "INIT Init\nNEXT Next\nACTION_CONSTRAINT AC\n", outcome: OutcomeError, message: "The action constraint of AC is equal to FALSE"},
		{name: "constant invariant before constraint",
			tla: "EXTENDS Naturals\nVARIABLE v\nInit == v = 0\nNext == v < 3 /\\ v' = v + 1\nSC == {1} \\subseteq {2}",
			cfg: "INIT Init\nNEXT Next\nCONSTRAINT SC\nINVARIANT SC\n", outcome: OutcomeError, message: "The invariant of SC is equal to FALSE"},
		{name: "constant property before constraint",
			tla: "EXTENDS Naturals\nVARIABLE v\nInit == v = 0\nNext == v < 3 /\\ v' = v + 1\nSC == {1} \\subseteq {2}\nAC == 1 = 2",
			cfg: "INIT Init\nNEXT Next\nCONSTRAINT SC\nPROPERTY AC\n", outcome: OutcomeError, message: "The property of AC is equal to FALSE"},
		{name: "constant initial predicate",
			tla: "EXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x\nI == TRUE",
			cfg: "INIT I\nNEXT Next\n", outcome: OutcomeError, message: "The initial predicate I cannot be a constant."},
		{name: "constant next-state action",
			tla: "EXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x\nN == 1 + 1",
			cfg: "INIT Init\nNEXT N\n", outcome: OutcomeError, message: "The next state action N cannot be a constant."},
		{name: "constant behaviour spec",
			tla: "EXTENDS Naturals\nVARIABLE x\nS == TRUE",
			cfg: "SPECIFICATION S\n", outcome: OutcomeError, message: "The value of S is equal to TRUE"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := inline(t, "M", "---- MODULE M ----\n"+tc.tla+"\n====\n", tc.cfg)
			seed := int64(1)
			res, err := Check(context.Background(), m, Options{Workers: 1, Seed: &seed})
			if err != nil {
				t.Fatal(err)
			}
			if res.Outcome != tc.outcome || res.Message != tc.message {
				t.Fatalf("got %s %q, want %s %q", res.Outcome, res.Message, tc.outcome, tc.message)
			}
			if tc.outcome == OutcomeError {
				if res.ExitCode != ExitErrorConfigParse {
					t.Fatalf("exit code %d, want %d", res.ExitCode, ExitErrorConfigParse)
				}
				return
			}
			if res.DistinctStates != tc.distinct || res.Depth != tc.depth {
				t.Fatalf("%d distinct states, depth %d; want %d, %d", res.DistinctStates, res.Depth, tc.distinct, tc.depth)
			}
		})
	}
}
