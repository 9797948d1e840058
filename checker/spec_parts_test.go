package checker

import (
	"context"
	"strings"
	"testing"
)

// The SPECIFICATION and PROPERTY forms TLC decomposes, and the errors it
// reports for what it cannot handle. Each case is a txtar archive of
// Root.tla, Root.cfg (and the modules Root instantiates); the outcome,
// distinct states, trace length (TLC's count: a stuttering step is a
// state), property name and message are TLC's on the same files (-1
// distinct: TLC reports no count).
const spHeader = `
-- Root.cfg --
SPECIFICATION Spec
PROPERTY P
CHECK_DEADLOCK FALSE
-- Root.tla --
---- MODULE Root ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 2 /\ x' = x + 1`

const spInner = `
-- Inner.tla --
---- MODULE Inner ----
EXTENDS Naturals
CONSTANT N
VARIABLE y
Init == y = 0
Next == y < N /\ y' = y + 1
Spec == Init /\ [][Next]_y /\ WF_y(Next)
Bad == <>(y = N + 1)
Inv == [](y <= N)
====
`

func TestSpecParts(t *testing.T) {
	dnfTooLarge := "TLC cannot handle the temporal formula because it exceeds the maximum supported size in disjunctive normal form."
	wrongFormat := "Temporal formulas containing actions must be of forms <>[]A or []<>A."
	actionLevel := "is an action-level formula (i.e., it contains no temporal operators). Only temporal-level (or state-level) formulas are allowed under PROPERTY or PROPERTIES. "
	tests := []struct {
		name, archive string
		outcome       string
		distinct      int64
		trace         int
		property, msg string
	}{
		{"initial predicate passed to an operator", spHeader + `
MyInit(i) == i
Spec == MyInit(Init) /\ [][Next]_x
P == TRUE
====`, OutcomeOK, 3, 0, "", ""},
		{"initial assignments in the argument of an operator of Init", spHeader + `
Both(a, b) == a /\ b
Spec == Both(x = 0 \/ x = 1, x < 5) /\ [][Next]_x
P == [](x # 2)
====`, OutcomeInvariant, 3, 2, "P", ""},
		{"property over an empty set is a tautology", spHeader + `
Spec == Init /\ [][Next]_x
P == \A v \in {} : <>(x = v)
====`, OutcomeError, 0, 0, "", "Temporal formula is a tautology (its negation is unsatisfiable)."},
		{"a tautology among other properties", spHeader + `
Spec == Init /\ [][Next]_x
Q == \A v \in {} : <>(x = v)
P == <>(x = 7) /\ Q
====`, OutcomeError, 0, 0, "", "Temporal formula is a tautology (its negation is unsatisfiable)."},
		{"property existential over an empty set is violated", spHeader + `
Spec == Init /\ [][Next]_x
P == \E v \in {} : <>(x = v)
====`, OutcomeLiveness, 2, 1, "P", "Temporal property P was violated."},
		{"LET operator applied to the spec", spHeader + `
Spec == LET id(a) == a IN id(Init /\ [][Next]_x)
P == TRUE
====`, OutcomeOK, 3, 0, "", ""},
		{"operator argument applied to the spec", spHeader + `
Id(a) == a
Wrap(F(_)) == F(Init /\ [][Next]_x)
Spec == Wrap(Id)
P == TRUE
====`, OutcomeOK, 3, 0, "", ""},
		{"LET operator with an operator argument, fairness and a violated property", spHeader + `
Id(a) == a
Spec == LET app(F(_)) == F(Init /\ [][Next]_x /\ WF_x(Next)) IN app(Id)
P == <>(x = 3)
====`, OutcomeLiveness, 3, 4, "P", ""},
		{"LETs around fairness and a temporal property", spHeader + `
Spec == Init /\ [][Next]_x /\ LET v == x IN WF_v(Next)
P == LET y == x + 1 IN <>(y = 3)
====`, OutcomeOK, 3, 0, "", ""},
		{"LET operator applied in a temporal property", spHeader + `
Spec == Init /\ [][Next]_x /\ LET v == x IN WF_v(Next)
P == LET y == x + 1
         R(a) == <>(y = a)
     IN R(4)
====`, OutcomeLiveness, 3, 4, "P", "Temporal property P was violated."},
		{"ENABLED of an action conjoined to the spec is an initial predicate", spHeader + `
Spec == Init /\ ENABLED Next /\ [][Next]_x
P == [](x < 3)
====`, OutcomeOK, 3, 0, "", ""},
		{"ENABLED conjunct of the spec false initially: no initial state", spHeader + `
Spec == Init /\ ENABLED (x > 0 /\ x' = x) /\ [][Next]_x
P == [](x < 3)
====`, OutcomeOK, 0, 0, "", ""},
		{"ENABLED of an action applied to an operator argument", spHeader + `
On(A) == ENABLED A
Spec == Init /\ On(Next) /\ [][Next]_x
P == [](x < 3)
====`, OutcomeOK, 3, 0, "", ""},
		{"31 SF conjuncts: TLC's normal form of fairness and negated property overflows", spHeader + `
Spec == Init /\ [][Next]_x /\ \A i \in 1..31 : SF_x(Next)
P == <>(x = 2)
====`, OutcomeError, -1, 0, "", dnfTooLarge},
		{"30 SF conjuncts and a property split in two: overflows", spHeader + `
Spec == Init /\ [][Next]_x /\ \A i \in 1..30 : SF_x(Next)
P == <>(x = 2) /\ <>(x = 1)
====`, OutcomeError, -1, 0, "", dnfTooLarge},
		{"31 WF conjuncts: one disjunct each, no overflow", spHeader + `
Spec == Init /\ [][Next]_x /\ \A i \in 1..31 : WF_x(Next)
P == <>(x = 2)
====`, OutcomeOK, 3, 0, "", ""},
		{"definition with a constant parameter", spHeader + `
GSpec(N) == x = 0 /\ [][x < N /\ x' = x + 1]_x
Spec == GSpec(3)
P == [](x < 3)
====`, OutcomeInvariant, 4, 4, "P", ""},
		{"parameterized instance: invariant named after the instance", spInner + spHeader + `
I(N) == INSTANCE Inner WITH y <- x
Spec == I(2)!Spec
P == I(1)!Inv
====`, OutcomeInvariant, 3, 3, "I!Inv", ""},
		{"parameterized instance: temporal property", spInner + spHeader + `
I(N) == INSTANCE Inner WITH y <- x
Spec == I(2)!Spec
P == I(2)!Bad
====`, OutcomeLiveness, 3, 4, "P", ""},
		{"action property through an operator argument", spHeader + `
Spec == Init /\ [][Next]_x
Id(a) == a
P == Id([][x' = x + 1 /\ x < 1]_x)
====`, OutcomeActionProperty, 3, 3, "Id", "Action property Id is violated."},
		{"state predicate property violated initially", spHeader + `
Spec == x \in 0..3 /\ [][Next]_x
P == x < 2
====`, OutcomeError, -1, 1, "P", "Property P is violated by the initial state."},
		{"[]P in the specification", spHeader + `
Spec == Init /\ [][Next]_x /\ [](x < 3)
P == TRUE
====`, OutcomeError, 0, 0, "", "TLC cannot handle the temporal formula line 6, col 34 to line 6, col 38 of module Root"},
		// TLC rejects a property it cannot handle while processing the
		// properties, before the initial states (it prints no count)
		{"temporal existential quantifier in a property", spHeader + `
Spec == Init /\ [][Next]_x
P == \EE n : <>(x = n)
====`, OutcomeError, 0, 0, "", "TLC cannot handle the temporal formula line 7, col 6 to line 7, col 22 of module Root"},
		// TLC's astToLive reads an expression whose temporal part is
		// over an empty set whole, as an action when the rest is constant
		// (its level bound is temporal): "Temporal formulas containing
		// actions must be of forms <>[]A or []<>A.", exit 255, no count
		// (all rows from the reference TLC on the same files)
		{"fairness over an empty set under =>", spHeader + `
Spec == Init /\ [][Next]_x /\ WF_x(Next)
Op(S) == \A i \in S : WF_x(Next)
P == (1 = 2) => Op({})
====`, OutcomeError, -1, 0, "", wrongFormat},
		{"negated \\E over an empty set", spHeader + `
Spec == Init /\ [][Next]_x /\ WF_x(Next)
P == ~(\E i \in {} : <>(x = 7)) /\ <>(x = 2)
====`, OutcomeError, -1, 0, "", wrongFormat},
		{"fairness conjunct over an empty set under =>", spHeader + `
Spec == Init /\ [][Next]_x /\ \A n \in {1} : (n = 2 => \A i \in {} : SF_x(Next))
P == <>(x = 2)
====`, OutcomeError, -1, 0, "", wrongFormat},
		{"temporal part over an empty set beside a state predicate", spHeader + `
Spec == Init /\ [][Next]_x /\ WF_x(Next)
P == (\E i \in {} : []<>(x = 2)) => (x = 0)
====`, OutcomeOK, 3, 0, "", ""},
		{"temporal part over an empty set under []<>", spHeader + `
Spec == Init /\ [][Next]_x /\ WF_x(Next)
Op(S) == \A i \in S : WF_x(Next)
P == []<>((x = 2) \/ Op({}))
====`, OutcomeOK, 3, 0, "", ""},
		{"FALSE => a temporal part over a nonempty set", spHeader + `
Spec == Init /\ [][Next]_x /\ WF_x(Next)
P == (1 = 2) => \A i \in {1} : <>(x = 5)
====`, OutcomeError, -1, 0, "", "Temporal formula is a tautology (its negation is unsatisfiable)."},
		{"constant conjunct that is false", spHeader + `
C == 1 > 2
Spec == Init /\ [][Next]_x /\ C
P == TRUE
====`, OutcomeError, 0, 0, "", "The spec is trivially false because C is false."},
		// TLC evaluates the bound set of a quantified fairness conjunct
		// without a state: the variable in it is "undefined" (belaban's
		// TwoPhaseCommit, \A self \in participants : WF_vars(...))
		{"state-level bound set of a fairness quantifier", spHeader + `
Up(i) == x' = x + i /\ x < 2
Spec == Init /\ [][Next]_x /\ \A i \in {x} \cup {1} : WF_x(Up(i))
P == <>(x = 2)
====`, OutcomeError, -1, 0, "", "TLC cannot handle the temporal formula line 7, col 31 to line 7, col 65 of module Root:\nIn evaluation, the identifier x is either undefined or not an operator."},
		// TLC does not expand a RECURSIVE operator of temporal level
		{"recursive temporal operator as a property", spHeader + `
Spec == Init /\ [][Next]_x
RECURSIVE Ev(_)
Ev(n) == IF n = 0 THEN <>(x = 2) ELSE Ev(n - 1)
P == Ev(2)
====`, OutcomeError, -1, 0, "", "TLC cannot handle the temporal formula line 9, col 6 to line 9, col 10 of module Root"},
		{"recursive state predicate under []", spHeader + `
Spec == Init /\ [][Next]_x
RECURSIVE St(_)
St(n) == IF n = 0 THEN x <= 2 ELSE St(n - 1)
P == [](St(2))
====`, OutcomeOK, 3, 0, "", ""},
		{"recursive temporal LET operator", spHeader + `
Spec == Init /\ [][Next]_x
P == LET RECURSIVE Ev(_)
         Ev(n) == IF n = 0 THEN <>(x = 2) ELSE Ev(n - 1)
     IN [] Ev(1)
====`, OutcomeError, -1, 0, "", "TLC cannot handle the temporal formula line 9, col 12 to line 9, col 16 of module Root"},
		{"recursive fairness in the specification", spHeader + `
RECURSIVE Fair(_)
Fair(n) == IF n = 0 THEN WF_x(Next) ELSE Fair(n - 1)
Spec == Init /\ [][Next]_x /\ Fair(1)
P == <>(x = 2)
====`, OutcomeError, -1, 0, "", "TLC cannot handle the temporal formula line 8, col 31 to line 8, col 37 of module Root"},
		{"action-level property", spHeader + `
Spec == Init /\ [][Next]_x
P == x' > x
====`, OutcomeError, 0, 0, "", "The formula P at line 7, col 6 to line 7, col 11 of module Root " + actionLevel + "To check that action P holds in *every* step of the behavior, define a temporal property: Let A be the formula at line 7, col 6 to line 7, col 11 of module Root; rewrite A as [][A]_v, where v is a state function (typically the tuple of variables) (compare page 90 of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html)."},
		{"action-level conjunct of a property", spHeader + `
Spec == Init /\ [][Next]_x
P == x >= 0 /\ x' = x + 1
====`, OutcomeError, 0, 0, "", "The formula line 7, col 16 to line 7, col 25 of module Root at line 7, col 16 to line 7, col 25 of module Root " + actionLevel + "To check that action line 7, col 16 to line 7, col 25 of module Root holds in *every* step of the behavior, define a temporal property: Let A be the formula at line 7, col 16 to line 7, col 25 of module Root; rewrite A as [][A]_v, where v is a state function (typically the tuple of variables) (compare page 90 of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html)."},
		{"[A]_v as a property", spHeader + `
Spec == Init /\ [][Next]_x
P == [Next]_x
====`, OutcomeError, 0, 0, "", "The formula P at line 7, col 6 to line 7, col 13 of module Root " + actionLevel + "To check that action P holds in *every* step of the behavior, define a temporal property by applying the \"always\" temporal operator ([]) to the formula at line 7, col 6 to line 7, col 13 of module Root (compare page 90 of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html)."},
		{"<<A>>_v as a property", spHeader + `
Spec == Init /\ [][Next]_x
P == <<Next>>_x
====`, OutcomeError, 0, 0, "", "The formula P at line 7, col 6 to line 7, col 15 of module Root " + actionLevel + "To check that infinitely many P steps occur, define a temporal property by applying the \"always eventually\" temporal operator combination ([]<>) to the formula at line 7, col 6 to line 7, col 15 of module Root (compare page 91 of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html)."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := archiveModel(t, tc.archive)
			res, err := Check(context.Background(), m, Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if res.Outcome != tc.outcome || (tc.distinct >= 0 && res.DistinctStates != tc.distinct) || len(res.Trace) != tc.trace || res.Property != tc.property || (tc.msg != "" && res.Message != tc.msg) {
				t.Errorf("got %s, %d distinct, trace %d, property %q: %s\nwant %s, %d distinct, trace %d, property %q: %s", res.Outcome, res.DistinctStates, len(res.Trace), res.Property, res.Message, tc.outcome, tc.distinct, tc.trace, tc.property, tc.msg)
			}
		})
	}
}

// A specification with an initial predicate and no next-state relation:
// TLC computes the initial states and then stops with an evaluation error,
// unless invariants or properties are to be checked, which it refuses up
// front (figures from TLC on the same files).
func TestNoNextState(t *testing.T) {
	const spec = `---- MODULE NoNext ----
EXTENDS Naturals
VARIABLE x
Init == x \in 0..2
Inv == x < 5
Live == <>(x = 1)
Spec == Init
Bad == x \in 0..2 /\ 1 = "a"
SpecBad == Bad
====
`
	noNext := "No next state actions defined to generate successor states from."
	noNextCfg := "The configuration file did not specify the next state predicate."
	tests := []struct {
		name, cfg string
		outcome   string
		exit      int
		distinct  int64
		msg       string
	}{
		{"specification", "SPECIFICATION Spec\n", OutcomeError, ExitFailureSpecEval, 3, noNext},
		{"INIT only", "INIT Init\n", OutcomeError, ExitFailureSpecEval, 3, noNext},
		{"with a constraint", "SPECIFICATION Spec\nCONSTRAINT Inv\n", OutcomeError, ExitFailureSpecEval, 3, noNext},
		{"with an invariant", "SPECIFICATION Spec\nINVARIANT Inv\n", OutcomeError, ExitErrorConfigParse, 0, noNextCfg},
		{"INIT with an invariant", "INIT Init\nINVARIANT Inv\n", OutcomeError, ExitErrorConfigParse, 0, noNextCfg},
		{"with a property", "SPECIFICATION Spec\nPROPERTY Live\n", OutcomeError, ExitErrorConfigParse, 0, noNextCfg},
		{"initial predicate fails first", "SPECIFICATION SpecBad\n", OutcomeError, ExitFailureSpecEval, 0, "Attempted to check equality of integer 1 with non-integer:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := run(t, inline(t, "NoNext", spec, tc.cfg), 1)
			if res.Outcome != tc.outcome || res.ExitCode != tc.exit || res.DistinctStates != tc.distinct || !strings.HasPrefix(res.Message, tc.msg) {
				t.Errorf("got %s (exit %d), %d distinct: %s\nwant %s (exit %d), %d distinct: %s", res.Outcome, res.ExitCode, res.DistinctStates, res.Message, tc.outcome, tc.exit, tc.distinct, tc.msg)
			}
		})
	}
}

// TLC ends with exit code 255 (a general error), and no counts, when it
// cannot handle a temporal formula: a []P conjunct of the specification, or
// a quantifier whose bound set is not constant (from the reference TLC).
func TestCannotHandleExitCode(t *testing.T) {
	for _, tc := range []struct{ name, spec string }{
		{"[]P in the specification", "Spec == Init /\\ [][Next]_x /\\ [](x < 3)\n"},
		{"state-level bound set", "Up(i) == x' = x + i /\\ x < 2\nSpec == Init /\\ [][Next]_x /\\ \\A i \\in {x} \\cup {1} : WF_x(Up(i))\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tla := "---- MODULE Root ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x < 2 /\\ x' = x + 1\n" + tc.spec + "P == <>(x = 2)\n====\n"
			res := run(t, inline(t, "Root", tla, "SPECIFICATION Spec\nPROPERTY P\n"), 1)
			if res.Outcome != OutcomeError || res.ExitCode != ExitError || !strings.HasPrefix(res.Message, "TLC cannot handle the temporal formula line ") {
				t.Fatalf("got %s (exit %d): %s", res.Outcome, res.ExitCode, res.Message)
			}
			// rejected before the search: TLC prints no counts
			if text := res.TLCText(); strings.Contains(text, "states generated") {
				t.Errorf("counts printed:\n%s", text)
			}
		})
	}
}

// TLC's simulation rejects a property whose temporal part over an empty
// set leaves an action as its model checking does: "Temporal formulas
// containing actions must be of forms <>[]A or []<>A.", exit 255 (the
// reference TLC with -simulate on the same property).
func TestWrongFormatSimulation(t *testing.T) {
	m := archiveModel(t, spHeader+`
Spec == Init /\ [][Next]_x /\ WF_x(Next)
Op(S) == \A i \in S : WF_x(Next)
P == (1 = 2) => Op({})
====`)
	seed := int64(1)
	res, err := Check(context.Background(), m, Options{Workers: 1, Seed: &seed, Simulate: &Simulation{Depth: 20, Num: 20}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != OutcomeError || res.ExitCode != ExitError || res.Message != "Temporal formulas containing actions must be of forms <>[]A or []<>A." {
		t.Errorf("got %s (exit %d): %s", res.Outcome, res.ExitCode, res.Message)
	}
}
