package checker

import (
	"strings"
	"testing"
)

// evalCase is a module (Root.tla), its configuration and what the reference
// TLC reports on it: outcome, distinct and generated states, and for an
// error a part of its message.
type evalCase struct {
	name, tla, cfg      string
	outcome             string
	distinct, generated int64
	msg                 string
}

func runEvalCases(t *testing.T, cases []evalCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := inline(t, "Root", tc.tla, tc.cfg)
			res := run(t, m, 1)
			if res.Outcome != tc.outcome || res.DistinctStates != tc.distinct || res.GeneratedStates != tc.generated {
				t.Errorf("got %s %d distinct %d generated (%s), want %s %d %d",
					res.Outcome, res.DistinctStates, res.GeneratedStates, res.Message, tc.outcome, tc.distinct, tc.generated)
			}
			if !strings.Contains(res.Message, tc.msg) {
				t.Errorf("message %q, want it to contain %q", res.Message, tc.msg)
			}
		})
	}
}

// TestAssignmentAsTLC: where `x' = e` and `x' \in S` assign (through
// operator parameters, zero-arity and LET definitions, UNCHANGED of a
// parameter), primes of definitions, unevaluated arguments.
func TestAssignmentAsTLC(t *testing.T) {
	runEvalCases(t, []evalCase{
		{name: "prime of a definition", tla: `---- MODULE Root ----
EXTENDS Naturals
VARIABLES a, b
t == a > 1
Inc == a + 1
Both(v) == v' = a + 1
Init == a = 0 /\ b = FALSE
Next == \/ a < 3 /\ a' = a + 1 /\ b' \in {b, t'}
        \/ a = 3 /\ Both(a) /\ b' = (Inc' > 4)
====`, cfg: "INIT Init\nNEXT Next\n", outcome: OutcomeDeadlock, distinct: 7, generated: 9},
		{name: "init through parameter and definition", tla: `---- MODULE Root ----
EXTENDS Naturals
VARIABLES x, y
Pick(v, S) == \E val \in S : v = val /\ v > 0
Def == y
Init == Pick(x, 0..3) /\ Def = x + 1
Next == UNCHANGED <<x, y>>
====`, cfg: "INIT Init\nNEXT Next\n", outcome: OutcomeOK, distinct: 3, generated: 6},
		{name: "next through parameter, LET, definition, UNCHANGED", tla: `---- MODULE Root ----
EXTENDS Naturals
VARIABLES x, y
Set(v, e) == v' = e
Keep(vs) == UNCHANGED vs
YP == y'
Next == \/ x < 3 /\ Set(x, x + 1) /\ LET n == y' IN n = x'
        \/ x = 3 /\ Keep(<<x, y>>)
        \/ x = 3 /\ x' = 0 /\ YP \in {y, y + 10}
Init == x = 0 /\ y = 0
====`, cfg: "INIT Init\nNEXT Next\n", outcome: OutcomeOK, distinct: 6, generated: 9},
		{name: "arguments passed unevaluated", tla: `---- MODULE Root ----
EXTENDS Naturals, TLC
VARIABLES x
Bar(z) == z' = x + 1
Twice(z) == z' + z
Init == x = 0
Next == /\ x < 2 /\ x' = x + 1
        /\ Assert(Bar(x), "Bar")
        /\ Assert(Twice(x) = 2 * x + 1, "Twice")
        /\ Assert(LET a == x IN a' = x + 1 /\ a = x, "LET")
====`, cfg: "INIT Init\nNEXT Next\n", outcome: OutcomeDeadlock, distinct: 3, generated: 3},
		{name: "ENABLED of an action argument", tla: `---- MODULE Root ----
EXTENDS Naturals
VARIABLES x
B(A) == ENABLED A
Init == x = 0
Next == x < 2 /\ x' = x + 1
Inv == B(Next) = (x < 2)
====`, cfg: "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n", outcome: OutcomeOK, distinct: 3, generated: 3},
		{name: "ENABLED under INSTANCE substitutions", tla: `---- MODULE Root ----
EXTENDS Naturals
VARIABLE z
---- MODULE M ----
EXTENDS Naturals
VARIABLES u, v
A == u' = u /\ v' = v + 1
B(d) == ENABLED d
F == ENABLED (u' = 0 /\ v' = 1)
G == ENABLED (u # v /\ u' = 0 /\ v' = 1)
C == B(A)
D == ENABLED A
====
I == INSTANCE M WITH u <- z, v <- z
Init == z \in 0..1
Next == z' = 1 - z
Inv == I!F /\ ~I!G /\ I!D /\ ~I!C /\ ~(ENABLED I!A)
====`,
			cfg: "INIT Init\nNEXT Next\nINVARIANT Inv\n", outcome: OutcomeOK, distinct: 2, generated: 4},
		{name: "conjuncts evaluated once every variable is assigned", tla: `---- MODULE Root ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0 /\ (\E i \in 1..3 : TRUE)
Next == \/ x' = 1 - x /\ (\E i \in 1..3 : y' = y) /\ (\E j \in 1..2 : TRUE)
        \/ x' = x /\ y' = 1 - y /\ (TRUE \/ x = 1)
====`,
			cfg: "INIT Init\nNEXT Next\n", outcome: OutcomeOK, distinct: 4, generated: 17},
		{name: "actions of a parameterized instance", tla: `---- MODULE Root ----
EXTENDS Naturals
VARIABLE value
---- MODULE Ring ----
EXTENDS Naturals
VARIABLES card, value
Members == 0 .. (card - 1)
Init == card > 1 /\ value \in Members
Inc == value' = (value + 1) % card
Dec == value' = IF value = 0 THEN card - 1 ELSE value - 1
Next == Inc \/ Dec
====
Z(card) == INSTANCE Ring
Init == Z(5)!Init
Next == Z(5)!Next \/ (value = 4 /\ Z(3)!Inc)
====`,
			cfg: "INIT Init\nNEXT Next\n", outcome: OutcomeOK, distinct: 5, generated: 16},
		{name: "UNCHANGED in an ENABLED under INSTANCE substitutions", tla: `---- MODULE Root ----
EXTENDS Naturals
VARIABLE z, w
---- MODULE M ----
EXTENDS Naturals
VARIABLES u, v
F == ENABLED (u' = u + 1 /\ UNCHANGED v)
G == ENABLED (UNCHANGED <<u, v>> /\ u' = 7)
====
I == INSTANCE M WITH u <- z, v <- w
Init == z = 0 /\ w = 0
Next == z' = 1 - z /\ w' = w
Inv == I!F /\ ~I!G
====`,
			cfg: "INIT Init\nNEXT Next\nINVARIANT Inv\n", outcome: OutcomeOK, distinct: 2, generated: 3},
		{name: "LET of a primed expression recomputed per successor", tla: `---- MODULE Root ----
EXTENDS Naturals, TLC
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == LET n == x' + 10 IN
          /\ x < 3
          /\ x' \in {x + 1, x + 2}
          /\ y' = n
          /\ Assert(y' = x' + 10, "cell")
====`,
			cfg: "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n", outcome: OutcomeOK, distinct: 5, generated: 7},
		{name: "EXCEPT of a function over Nat", tla: `---- MODULE Root ----
EXTENDS Naturals
VARIABLES x
f[i \in Nat] == i * 2
Init == x = 0
Next == x < 3 /\ x' = [f EXCEPT ![x] = 100][x] - 99 + x
====`, cfg: "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n", outcome: OutcomeOK, distinct: 4, generated: 4},
	})
}

// TestUnboundedAsTLC: TLC fails on an unbounded quantifier or CHOOSE only
// when it evaluates one, at its position; it does not check axioms.
func TestUnboundedAsTLC(t *testing.T) {
	m := inline(t, "Root", `---- MODULE Root ----
EXTENDS Naturals
VARIABLE x
AXIOM Ax == \A f : f = f
Pick == CHOOSE n : n = 1
Init == x = 0
Next == x < 2 /\ x' = IF x > 5 THEN Pick ELSE x + 1
Inv == x = 2 => \E y : y = x
====`, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n")
	res := run(t, m, 1)
	if res.Outcome != OutcomeError || res.DistinctStates != 3 || !strings.HasPrefix(res.Message, "Evaluating invariant Inv failed.\nTLC attempted to evaluate an unbounded \\E.") {
		t.Fatalf("got %s %d (%s)", res.Outcome, res.DistinctStates, res.Message)
	}
	if l := res.Location; l == nil || l.StartLine != 8 || l.StartColumn != 17 || l.EndLine != 8 || l.EndColumn != 28 {
		t.Errorf("location %+v, want line 8, col 17 to 28", res.Location)
	}
}

// TestComparisonAsTLC: TLC refuses to compare values of different types
// (except model values, unequal to anything).
func TestComparisonAsTLC(t *testing.T) {
	runEvalCases(t, []evalCase{
		{name: "integer with string", tla: `---- MODULE Root ----
EXTENDS Naturals
VARIABLES x
Init == x \in {1, 2}
Next == x' = 3 - x
Inv == x # "none"
====`, cfg: "INIT Init\nNEXT Next\nINVARIANT Inv\n", outcome: OutcomeError, distinct: 1, generated: 1,
			msg: "Attempted to check equality of integer 1 with non-integer"},
		{name: "string in Nat", tla: `---- MODULE Root ----
EXTENDS Naturals
VARIABLES x
Init == x = "a"
Next == UNCHANGED x
Inv == x \in Nat \/ TRUE
====`, cfg: "INIT Init\nNEXT Next\nINVARIANT Inv\n", outcome: OutcomeError, distinct: 1, generated: 1,
			msg: "Attempted to check if the value:\n\"a\"\nis an element of Nat."},
		{name: "model value with anything", tla: `---- MODULE Root ----
EXTENDS Naturals
CONSTANT None
VARIABLES x
Init == x = None
Next == x' \in {None, 1, 2}
Inv == x = None \/ x \in Nat
====`, cfg: "CONSTANT None = None\nINIT Init\nNEXT Next\nINVARIANT Inv\n", outcome: OutcomeOK, distinct: 3, generated: 10},
	})
}

// TestSubseteqAssigns: x \subseteq S (x' \subseteq S) with x unassigned
// enumerates SUBSET S, as TLC does; assigned, it is a test.
func TestSubseteqAssigns(t *testing.T) {
	runEvalCases(t, []evalCase{
		{name: "init and next", tla: `---- MODULE Root ----
EXTENDS Naturals
VARIABLES x
Init == x \subseteq {1, 2}
Next == x' \subseteq (x \cup {3})
====`, cfg: "INIT Init\nNEXT Next\n", outcome: OutcomeOK, distinct: 8, generated: 40},
		{name: "assigned: a test", tla: `---- MODULE Root ----
EXTENDS Naturals
VARIABLES x
Init == x = {1} /\ x \subseteq {1, 2}
Next == x' = x \cup {2} /\ x' \subseteq {1, 2}
====`, cfg: "INIT Init\nNEXT Next\n", outcome: OutcomeOK, distinct: 2, generated: 3},
	})
}

// TestLetActionLocation: an action that is a LET is located at its body,
// through nested LETs, as TLC prints it ("<A(1) line 7, col 3 to line 8,
// col 15 of module Lt>" from the reference TLC on this spec).
func TestLetActionLocation(t *testing.T) {
	m := inline(t, "Lt", `---- MODULE Lt ----
EXTENDS Naturals
VARIABLES x
A(k) ==
  LET y == k IN
  LET z == y IN
  /\ x < 2
  /\ x' = x + z
B == LET w == 1 IN x > 5 /\ x' = w
Init == x = 0
Next == A(1) \/ B
Inv == x < 2
====
`, "INIT Init\nNEXT Next\nINVARIANT Inv\n")
	res := run(t, m, 1)
	if res.Outcome != OutcomeInvariant || len(res.Trace) != 3 {
		t.Fatalf("%s with %d states, want TLC's invariant violation in 3", res.Outcome, len(res.Trace))
	}
	for _, st := range res.Trace[1:] {
		l := st.Location
		if st.Action != "A(1)" || l == nil || l.tlc() != "line 7, col 3 to line 8, col 15 of module Lt" {
			t.Errorf("%s at %s, want A(1) at line 7, col 3 to line 8, col 15 of module Lt", st.Action, l.tlc())
		}
	}
}
