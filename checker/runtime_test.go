package checker

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tlals/tlals/checker/eval"
)

// Expected values in this file are the reference TLC's on the same spec
// and configuration (with -workers 1 unless said otherwise).

// outcome is what a test checks of a run besides the counts.
type outcome struct {
	outcome  string
	exitCode int
	message  string // exact
}

func outcomeOf(r *Result) outcome { return outcome{r.Outcome, r.ExitCode, r.Message} }

func texts(r *Result) []string {
	var out []string
	for _, p := range r.Output {
		out = append(out, p.Text)
	}
	return out
}

func checkWith(t *testing.T, m *Model, opt Options) *Result {
	t.Helper()
	res, err := Check(context.Background(), m, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestTLCGetValues: TLCGet's keys where each is evaluated: level 0 in
// ASSUME, Init and POSTCONDITION, the successor's level in its constraint
// and invariant, the current state's in the action and action constraint;
// the counters as the search stands (an initial state is queued before its
// invariant is checked, a successor after).
func TestTLCGetValues(t *testing.T) {
	const spec = `---- MODULE T ----
EXTENDS Naturals, TLC
VARIABLE x
ASSUME PrintT(<<"assume", TLCGet("level")>>)
Init == x = 0 /\ PrintT(<<"init", TLCGet("level"), TLCGet("stats")>>)
Next == x < 2 /\ x' = x + 1 /\ PrintT(<<"next", TLCGet("level"), TLCGet("stats")>>)
Inv == PrintT(<<"inv", x, TLCGet("level"), TLCGet("distinct"), TLCGet("generated"), TLCGet("queue"), TLCGet("diameter")>>)
Cons == PrintT(<<"cons", x, TLCGet("level")>>)
ACons == PrintT(<<"acons", x, x', TLCGet("level")>>)
Post == PrintT(<<"post", TLCGet("level"), TLCGet("stats"), TLCGet("all")>>)
====
`
	const cfg = "INIT Init\nNEXT Next\nINVARIANT Inv\nCONSTRAINT Cons\nACTION_CONSTRAINT ACons\nPOSTCONDITION Post\nCHECK_DEADLOCK FALSE\n"
	res := run(t, inline(t, "T", spec, cfg), 1)
	// TLC breaks a printed value wider than 80 columns (checked with the
	// reference TLC): these tuples print over several lines.
	stats := func(distinct, generated, diameter, initial int) string {
		return "[ distinct |-> " + itoa(distinct) + ",\n     generated |-> " + itoa(generated) + ",\n     queue |-> 0,\n     diameter |-> " + itoa(diameter) + ",\n     worker |-> 0,\n     duration |-> 0,\n     initial |-> " + itoa(initial) + " ]"
	}
	withStats := func(tag string, level int, st string, rest string) string {
		return "<< \"" + tag + "\",\n   " + itoa(level) + ",\n   " + st + rest + " >>"
	}
	want := []string{
		`<<"assume", 0>>`,
		withStats("init", 0, stats(0, 0, 1, 0), ""),
		`<<"cons", 0, 1>>`,
		`<<"inv", 0, 1, 1, 1, 1, 1>>`,
		withStats("next", 1, stats(1, 1, 1, 1), ""),
		`<<"cons", 1, 2>>`,
		`<<"acons", 0, 1, 1>>`,
		`<<"inv", 1, 2, 2, 2, 0, 2>>`,
		withStats("next", 2, stats(2, 2, 2, 1), ""),
		`<<"cons", 2, 3>>`,
		`<<"acons", 1, 2, 2>>`,
		`<<"inv", 2, 3, 3, 3, 0, 3>>`,
		withStats("post", 0, stats(3, 3, 3, 1), ",\n   <<>>"),
	}
	if got := texts(res); !reflect.DeepEqual(got, want) {
		t.Fatalf("output:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var levels []int
	for _, p := range res.Output {
		levels = append(levels, p.Level)
	}
	if want := []int{0, 0, 1, 1, 1, 2, 1, 2, 2, 3, 2, 3, 0}; !reflect.DeepEqual(levels, want) {
		t.Fatalf("levels %v, want %v", levels, want)
	}
	if got := (outcome{res.Outcome, res.ExitCode, ""}); got != (outcome{OutcomeOK, 0, ""}) {
		t.Fatalf("%+v: %s", got, res.Message)
	}
}

func itoa(n int) string { return eval.Format(eval.Int(int64(n))) }

// TestTLCGetConfig: TLCGet("config") in an ASSUME (TLC's test220), with
// the seed of the run.
func TestTLCGetConfig(t *testing.T) {
	const spec = `---- MODULE C ----
EXTENDS TLC
VARIABLE x
ASSUME TLCGet("config").deadlock = FALSE
ASSUME PrintT(<<TLCGet("config").mode, TLCGet("config").seed, TLCGet("config").worker>>)
Init == x = 0
Next == UNCHANGED x
====
`
	seed := int64(-42)
	res := checkWith(t, inline(t, "C", spec, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n"), Options{Workers: 2, Seed: &seed})
	if got, want := texts(res), []string{`<<"bfs", "-42", 2>>`}; !reflect.DeepEqual(got, want) || res.Outcome != OutcomeOK || res.Seed != -42 {
		t.Fatalf("%q, %s (%s), seed %d", got, res.Outcome, res.Message, res.Seed)
	}
	// the option overrides CHECK_DEADLOCK, and TLCGet reads the option
	on := true
	res = checkWith(t, inline(t, "C", spec, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n"), Options{Workers: 1, CheckDeadlock: &on})
	if got := outcomeOf(res); got.outcome != OutcomeAssume || got.exitCode != ExitViolationAssumption {
		t.Fatalf("%+v", got)
	}
}

// TestTLCRegisters: integer and named registers belong to each worker; the
// main thread (ASSUME, Init) sets every worker's and reads the first's;
// TLCGet("all") and TLCGet("all:named") map each register to the workers'
// values.
func TestTLCRegisters(t *testing.T) {
	const spec = `---- MODULE Q ----
EXTENDS Naturals, TLC
VARIABLE x
ASSUME TLCSet(3, "a") /\ TLCSet("s:foo", 7)
ASSUME PrintT(<<TLCGet(3), TLCGet("s:foo"), TLCGet("all"), TLCGet("all:named")["s:foo"]>>)
Init == x = 0 /\ TLCSet(5, x) /\ PrintT(<<TLCGet(3), TLCGet(5)>>)
Next == x < 2 /\ x' = x + 1 /\ TLCSet("s:foo", x) /\ TLCSet(4, x)
Show == PrintT(<<TLCGet("all"), TLCGet("all:named")["s:foo"], TLCGet(4), TLCGet("s:foo")>>)
====
`
	const cfg = "INIT Init\nNEXT Next\nPOSTCONDITION Show\nCHECK_DEADLOCK FALSE\n"
	res := run(t, inline(t, "Q", spec, cfg), 1)
	want := []string{
		`<<"a", 7, (3 :> <<"a">>), <<7>>>>`,
		`<<"a", 0>>`,
		`<<(3 :> <<"a">> @@ 4 :> <<1>> @@ 5 :> <<0>>), <<1>>, 1, 1>>`,
	}
	if got := texts(res); !reflect.DeepEqual(got, want) || res.Outcome != OutcomeOK {
		t.Fatalf("output %q, want %q (%s %s)", got, want, res.Outcome, res.Message)
	}
	// Two workers: the ASSUME's registers are every worker's; register 4,
	// set only by the worker that expanded states, is missing in the
	// other's (TLC fails there too, with a NullPointerException).
	res = run(t, inline(t, "Q", spec, cfg), 2)
	if got := texts(res); len(got) < 1 || got[0] != `<<"a", 7, (3 :> <<"a", "a">>), <<7, 7>>>>` {
		t.Fatalf("two workers: %q", got)
	}
	if res.Outcome != OutcomeError || res.ExitCode != ExitViolationAssumption || !strings.HasPrefix(res.Message, "Evaluating postcondition Show at line 8, col 9 to line 8, col 91 of module Q failed.\nTLCGet: the register") {
		t.Fatalf("two workers: %+v", outcomeOf(res))
	}
}

// TestTLCGetErrors: TLC's messages for registers never set and bad keys.
func TestTLCGetErrors(t *testing.T) {
	tests := []struct{ expr, want string }{
		{`TLCGet(7) = 1`, "TLCGet(7) was undefined."},
		{`TLCGet("s:nope") = 1`, "TLCGet(s:nope) was undefined."},
		{`TLCGet("foo") = 1`, "TLCGet(foo) was undefined."},
		{`TLCSet("foo", 1)`, "The first argument of TLCSet should be a nonnegative integer, but instead it is:\n\"foo\""},
		{`TLCGet({}) = 1`, "The argument of TLCGet should be a nonnegative integer, but instead it is:\n{}"},
	}
	for _, tt := range tests {
		spec := "---- MODULE R ----\nEXTENDS Naturals, TLC\nASSUME " + tt.expr + "\n====\n"
		res := run(t, inline(t, "R", spec, "\n"), 1)
		loc := "line 3, col 8 to line 3, col " + itoa(7+len(tt.expr)) + " of module R"
		want := outcome{OutcomeError, ExitViolationAssumption, "Evaluating assumption " + loc + " failed.\n" + tt.want}
		if got := outcomeOf(res); got != want {
			t.Errorf("%s: %+v, want %+v", tt.expr, got, want)
		}
	}
}

// TestTraceRebuildLevel: the trace is rebuilt with TLCGet("level") as the
// search read it (0 in the initial predicate, the state's depth in its
// actions), so a next-state relation that steps through a recorded
// sequence by level, as TLC's generated trace-exploration specs do
// (i = TLCGet("level") /\ x = T[i] /\ x' = T[i+1]), finds each successor
// again. TLC prints the same three states (and the counts 3/3/3).
func TestTraceRebuildLevel(t *testing.T) {
	const spec = `---- MODULE Lv ----
EXTENDS Naturals, Sequences, TLC
VARIABLE x
T == <<10, 20, 30>>
Init == x = T[TLCGet("level") + 1]
Next == \E i, j \in DOMAIN T : j = i + 1 /\ i = TLCGet("level") /\ x = T[i] /\ x' = T[j]
Inv == x # 30
====
`
	for _, workers := range []int{1, 2} {
		res := run(t, inline(t, "Lv", spec, "INIT Init\nNEXT Next\nINVARIANT Inv\n"), workers)
		if got, want := countsOf(res), (counts{OutcomeInvariant, 3, 3, 3, 3, "Inv"}); got != want || len(res.Warnings) > 0 {
			t.Fatalf("workers=%d: %+v, warnings %q, want %+v", workers, got, res.Warnings, want)
		}
		var xs []string
		for _, st := range res.Trace {
			xs = append(xs, st.State[0].Value)
		}
		if want := []string{"10", "20", "30"}; !reflect.DeepEqual(xs, want) {
			t.Fatalf("workers=%d: trace %v, want %v", workers, xs, want)
		}
	}
}

// TestTLCSetExit: TLCSet("exit", TRUE) ends the search once the state being
// expanded is done, reported as a complete search with the states left.
func TestTLCSetExit(t *testing.T) {
	const spec = `---- MODULE E ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x < 5 /\ x' = x + 1 /\ (x = 2 => TLCSet("exit", TRUE))
====
`
	for _, workers := range []int{1, 2} {
		res := run(t, inline(t, "E", spec, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n"), workers)
		if got, want := countsOf(res), (counts{OutcomeOK, 4, 4, 4, 0, ""}); got != want || res.QueueLeft != 1 || res.ExitCode != 0 {
			t.Fatalf("workers=%d: %+v, %d left, exit %d, want %+v, 1 left", workers, got, res.QueueLeft, res.ExitCode, want)
		}
	}
}

// TestPossible: _POSSIBLE P counts, among the generated states (steps) that
// the configuration's constraints keep, those satisfying P; a P never
// satisfied is a false postcondition, checked before the POSTCONDITIONs,
// after printing the counts.
func TestPossible(t *testing.T) {
	const spec = `---- MODULE P ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x \in {0, 1}
Next == x' = (x + 1) % 4 \/ x' = (x + 2) % 4
Zero == x = 0
Three == x = 3
Step2 == x' = x + 2
Never == x = 9
Bound == x < 3
UserPost == TLCGet("distinct") = 0
Counts == PrintT(TLCGet("all:named")["s:_possible"])
====
`
	tests := []struct {
		name, cfg string
		want      outcome
		output    []string
	}{
		{"state never", "INIT Init\nNEXT Next\nCONSTRAINT Bound\n_POSSIBLE Zero Three Step2 Never\nPOSTCONDITION UserPost\n",
			outcome{OutcomeError, ExitViolationAssumption, "Postcondition Three at line 7, col 10 to line 7, col 14 of module P is false."},
			[]string{"[Zero |-> 2, Three |-> 0, Step2 |-> 1, Never |-> 0]"}},
		{"all possible", "INIT Init\nNEXT Next\nCONSTRAINT Bound\n_POSSIBLE Zero Step2\nPOSTCONDITION Counts\n",
			outcome{OutcomeOK, 0, ""}, []string{"<<[Zero |-> 2, Step2 |-> 1]>>"}},
		{"user postcondition after", "INIT Init\nNEXT Next\nCONSTRAINT Bound\n_POSSIBLE Zero\nPOSTCONDITION UserPost\n",
			outcome{OutcomeError, ExitViolationAssumption, "Postcondition UserPost at line 11, col 13 to line 11, col 34 of module P is false."}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, inline(t, "P", spec, tt.cfg), 1)
			if got := outcomeOf(res); got != tt.want {
				t.Fatalf("%+v, want %+v", got, tt.want)
			}
			if res.DistinctStates != 3 || res.GeneratedStates != 8 {
				t.Fatalf("%d distinct, %d generated, want 3, 8", res.DistinctStates, res.GeneratedStates)
			}
			// the counts print as a function of the names, in whatever order
			if got := texts(res); len(got) != len(tt.output) || (len(got) > 0 && !sameFields(got[0], tt.output[0])) {
				t.Fatalf("output %q, want %q", got, tt.output)
			}
		})
	}
}

// sameFields compares two printed records up to the order of the fields.
func sameFields(a, b string) bool {
	split := func(s string) []string {
		f := strings.Split(strings.Trim(s, "<>[]"), ", ")
		sortStrings(f)
		return f
	}
	return reflect.DeepEqual(split(a), split(b))
}

func sortStrings(s []string) {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
}

// TestPossibleModule: a spec EXTENDS _Possible to read _Counts (TLC's
// DieHardTLA); an action _POSSIBLE that no step satisfies fails.
func TestPossibleModule(t *testing.T) {
	const spec = `---- MODULE PM ----
EXTENDS Naturals, _Possible
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
AtOne == x = 1
Wrap == x = 2 /\ x' = 0
Jump == x' = x + 2
Counts == _Counts["AtOne"] = 1 /\ _Counts["Wrap"] = 1
====
`
	// _PrintCounts, a constant definition that prints, is evaluated before
	// the search, when there is nothing to count
	res := run(t, inline(t, "PM", spec, "INIT Init\nNEXT Next\n_POSSIBLE AtOne Wrap\nPOSTCONDITION Counts\n"), 1)
	if got := outcomeOf(res); got != (outcome{OutcomeOK, 0, ""}) || !reflect.DeepEqual(texts(res), []string{"<<>>"}) {
		t.Fatalf("%+v, output %q", got, texts(res))
	}
	res = run(t, inline(t, "PM", spec, "INIT Init\nNEXT Next\n_POSSIBLE Jump\n"), 1)
	want := outcome{OutcomeError, ExitViolationAssumption, "Postcondition Jump at line 8, col 9 to line 8, col 18 of module PM is false."}
	if got := outcomeOf(res); got != want || !reflect.DeepEqual(texts(res), []string{"<<>>", "[Jump |-> 0]"}) {
		t.Fatalf("%+v, want %+v, output %q", got, want, texts(res))
	}
}

// TestConstantOutputOnce: TLC evaluates each constant definition once,
// before the search, so a Print in one shows at the start, once, wherever
// it is used; one that fails is left for its use.
func TestConstantOutputOnce(t *testing.T) {
	const spec = `---- MODULE W ----
EXTENDS Naturals, TLC
VARIABLE x
Bar == PrintT("bar")
Foo == PrintT(1 \div 0)
Used == Print("used", 3)
Level == PrintT(TLCGet("level"))
Init == x = Used
Next == x < 5 /\ x' = x + Used - 2
====
`
	res := run(t, inline(t, "W", spec, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n"), 1)
	if got, want := texts(res), []string{`"bar"`, `"used"  3`}; !reflect.DeepEqual(got, want) || countsOf(res) != (counts{OutcomeOK, 3, 3, 3, 0, ""}) {
		t.Fatalf("output %q, want %q; %+v", got, want, countsOf(res))
	}
}

// TestAssumeOutcomes: a false assumption is a violation; one TLC cannot
// evaluate (even a failed Assert) is an error, with the same exit status.
func TestAssumeOutcomes(t *testing.T) {
	tests := []struct {
		assume string
		want   outcome
	}{
		{"ASSUME\n   1 = 2", outcome{OutcomeAssume, ExitViolationAssumption, "Assumption line 4, col 4 to line 4, col 8 of module A is false."}},
		{"ASSUME Assert(1 = 2, \"boo\")", outcome{OutcomeError, ExitViolationAssumption, "Evaluating assumption line 3, col 8 to line 3, col 27 of module A failed.\nThe first argument of Assert evaluated to FALSE; the second argument was:\n\"boo\""}},
		{"ASSUME FALSE \\in Nat", outcome{OutcomeError, ExitViolationAssumption, "Evaluating assumption line 3, col 8 to line 3, col 20 of module A failed.\nAttempted to check if the value:\nFALSE\nis an element of Nat."}},
	}
	for _, tt := range tests {
		spec := "---- MODULE A ----\nEXTENDS Naturals, TLC\n" + tt.assume + "\n====\n"
		res := run(t, inline(t, "A", spec, "\n"), 1)
		if got := outcomeOf(res); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.assume, got, tt.want)
		}
		// TLC stops before the search and prints no counts
		if want := "Error: " + tt.want.message + "\n"; res.TLCText() != want {
			t.Errorf("%s: text %q, want %q", tt.assume, res.TLCText(), want)
		}
	}
}

// TestSubstituteNonConstant: a configuration replacing a constant by a
// definition that cannot be evaluated before the search (it reads a
// variable, or TLCGet of the search's counters) is TLC's configuration
// error (etest7, TLCGetNamedUndefined); one of constant level that fails
// fails where it is used (Github1109).
func TestSubstituteNonConstant(t *testing.T) {
	const spec = `---- MODULE N ----
EXTENDS TLC
CONSTANT C
VARIABLE x
Foo == x
Dia == TLCGet("diameter")
Lvl == TLCGet("level")
None == CHOOSE v \in {} : TRUE
Init == x = C
Next == UNCHANGED x
====
`
	tests := []struct {
		subst string
		want  outcome
	}{
		{"C <- Foo", outcome{OutcomeError, ExitErrorConfigParse, "The configuration file substitutes constant C with non-constant Foo - specifically: The variable x has no value yet\nline 5, col 8 to line 5, col 8 of module N"}},
		{"C <- Dia", outcome{OutcomeError, ExitErrorConfigParse, "The configuration file substitutes constant C with non-constant Dia - specifically: TLCGet(diameter) was undefined.\nline 6, col 8 to line 6, col 25 of module N"}},
		{"C <- Lvl", outcome{OutcomeOK, 0, ""}}, // level is 0 there
		// a constant-level definition that fails is no configuration
		// error: TLC reports the failure where C is used
		{"C <- None", outcome{OutcomeError, ExitFailureSpecEval, "Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P."}},
	}
	for _, tt := range tests {
		res := run(t, inline(t, "N", spec, "CONSTANT "+tt.subst+"\nINIT Init\nNEXT Next\n"), 1)
		if got := outcomeOf(res); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.subst, got, tt.want)
		}
	}
}

// TestEvaluatingInvariantFails: an invariant TLC cannot evaluate is an error
// with the behaviour that reached the state (EvaluatingValueTest).
func TestEvaluatingInvariantFails(t *testing.T) {
	const spec = `---- MODULE V ----
EXTENDS Naturals
VARIABLES x
Init == x = 1
A == x' = FALSE
Inv == x \in Nat
====
`
	res := run(t, inline(t, "V", spec, "INIT Init\nNEXT A\nINVARIANT Inv\n"), 1)
	want := outcome{OutcomeError, ExitFailureSafetyEval, "Evaluating invariant Inv failed.\nAttempted to check if the value:\nFALSE\nis an element of Nat."}
	if got := outcomeOf(res); got != want || len(res.Trace) != 2 || res.DistinctStates != 2 {
		t.Fatalf("%+v (trace %d, %d states), want %+v", got, len(res.Trace), res.DistinctStates, want)
	}
	// TLC raises a set's membership error with no location (the reference
	// TLC prints the message, then the behaviour); the result keeps the
	// range of the \in for editors
	if text := res.TLCText(); !strings.Contains(text, "is an element of Nat.\nError: The behavior up to this point is:\n") {
		t.Errorf("a location is printed after the membership error:\n%s", text)
	}
	if l := res.Location; l == nil || l.StartLine != 6 || l.StartColumn != 8 {
		t.Errorf("location %+v, want line 6, col 8 (x \\in Nat)", l)
	}
}

// TestUnprintedLocations: TLC prints no location with the errors of its
// standard modules' Java methods (Len, Head, Cardinality, Assert, \div,
// overflow), nor with Value.takeExcept's; it does with the errors its
// evaluator raises (DOMAIN of a non-function, applying a non-function).
// Each expected text is the reference TLC's (state 2 of this spec).
func TestUnprintedLocations(t *testing.T) {
	const spec = `---- MODULE UL ----
EXTENDS Integers, Sequences, FiniteSets, TLC
VARIABLE x
Init == x = 0
Next == x' = x + 1 /\ x < 2
Len1 == x < 1 \/ Len(x) = 1
Head1 == x < 1 \/ Head(<<>>) = 1
Card == x < 1 \/ Cardinality(Nat) = 1
Div == x < 1 \/ x \div 0 = 1
Asrt == x < 1 \/ Assert(FALSE, "m")
Over == x < 1 \/ 2147483647 + x > 0
Exc == x < 1 \/ [x EXCEPT ![1] = 2] = 1
Dom == x < 1 \/ DOMAIN x = {}
App == x < 1 \/ x[1] = 2
====
`
	tests := []struct{ inv, text string }{
		{"Len1", "The argument of Len should be a sequence, but instead it is:\n1\nError: The behavior"},
		{"Head1", "Attempted to apply Head to the empty sequence.\nError: The behavior"},
		{"Card", "Attempted to compute cardinality of the value\nNat\nError: The behavior"},
		{"Div", "The second argument of \\div is 0.\nError: The behavior"},
		{"Asrt", "The first argument of Assert evaluated to FALSE; the second argument was:\n\"m\"\nError: The behavior"},
		{"Over", "Overflow when computing 2147483647+1\nError: The behavior"},
		{"Exc", "Attempted to apply EXCEPT construct to the value 1.\nError: The behavior"},
		{"Dom", "Attempted to apply the operator DOMAIN to a non-function\n(an integer)\nline 13, col 17 to line 13, col 24 of module UL\nError: The behavior"},
		{"App", "A non-function (an integer) was applied as a function.\nline 14, col 17 to line 14, col 20 of module UL\nError: The behavior"},
	}
	for _, tt := range tests {
		res := run(t, inline(t, "UL", spec, "INIT Init\nNEXT Next\nINVARIANT "+tt.inv+"\n"), 1)
		if text := res.TLCText(); !strings.Contains(text, "Error: Evaluating invariant "+tt.inv+" failed.\n"+tt.text) {
			t.Errorf("%s: text\n%s\nwant it to hold\n%s", tt.inv, text, tt.text)
		}
		if res.Location == nil {
			t.Errorf("%s: no location in the result", tt.inv)
		}
	}
}

// TestOperatorSubstitution: the configuration replaces operator symbols and
// replaces operators by symbols (TLC's test30).
func TestOperatorSubstitution(t *testing.T) {
	const spec = `---- MODULE O ----
EXTENDS Naturals, Sequences, TLC
CONSTANT _++_, Plus(_, _)
VARIABLE x
PlusPlus(a, b) == <<a, b>>
Init == x = 1 /\ (2 ++ 3) = <<2, 3>> /\ Plus(2, x + 3) = 6 /\ 1 \o 2 = 3
Next == UNCHANGED x
====
`
	res := run(t, inline(t, "O", spec, "CONSTANT\n  ++ <- PlusPlus\n  Plus <- +\n  \\o <- +\nINIT Init\nNEXT Next\n"), 1)
	if got := countsOf(res); got != (counts{OutcomeOK, 1, 2, 1, 0, ""}) {
		t.Fatalf("%+v: %s", got, res.Message)
	}
}

// TestOutputJSON: what the spec prints is data of the result: one JSON
// object carrying every line, in order, whatever the spec prints.
func TestOutputJSON(t *testing.T) {
	const spec = `---- MODULE J ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x < 4 /\ x' = x + 1
Inv == PrintT(<<"state", x>>) /\ PrintT("{\"not\": json}")
====
`
	res := run(t, inline(t, "J", spec, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n"), 1)
	b, err := res.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Outcome string
		Output  []struct {
			Text  string
			Level int
		}
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	if err := dec.Decode(&got); err != nil || dec.More() {
		t.Fatalf("not one JSON object (%v): %s", err, b)
	}
	if got.Outcome != OutcomeOK || len(got.Output) != 10 {
		t.Fatalf("%s, %d lines: %s", got.Outcome, len(got.Output), b)
	}
	for i := 0; i < 5; i++ {
		if a, b := got.Output[2*i], got.Output[2*i+1]; a.Text != `<<"state", `+itoa(i)+`>>` || a.Level != i+1 || b.Text != `"{\"not\": json}"` {
			t.Fatalf("line %d: %+v %+v", 2*i, a, b)
		}
	}
	// With Options.Output the lines go there, as printed, and not into
	// the result.
	var lines []string
	res = checkWith(t, inline(t, "J", spec, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n"), Options{Workers: 2, Output: func(p eval.Print) { lines = append(lines, p.Text) }})
	if len(lines) != 10 || len(res.Output) != 0 {
		t.Fatalf("callback got %d lines, result %d", len(lines), len(res.Output))
	}
}

// TestPeriodic: _PERIODIC is evaluated during the search; FALSE stops it
// with the assumption's exit status, as TLC.
func TestPeriodic(t *testing.T) {
	const spec = `---- MODULE S ----
EXTENDS Naturals, TLC
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == x' \in 0..300 /\ y' \in 0..300
Per == TLCGet("level") = 1 /\ TLCGet("distinct") < 1000
====
`
	res := checkWith(t, inline(t, "S", spec, "INIT Init\nNEXT Next\n_PERIODIC Per\nCHECK_DEADLOCK FALSE\n"), Options{Workers: 1, PeriodicEvery: time.Millisecond})
	if res.Outcome != OutcomeError || res.ExitCode != ExitViolationAssumption || res.Property != "Per" || res.DistinctStates >= 301*301 {
		t.Fatalf("%+v, %d states", outcomeOf(res), res.DistinctStates)
	}
}

// TestTLCGetSpec: TLCGet("spec") in an ASSUME has the behaviour spec as TLC
// split it: the records are the reference TLC's.
func TestTLCGetSpec(t *testing.T) {
	const spec = `---- MODULE sp ----
EXTENDS Integers, TLC
VARIABLES x
Init == x = 0
A == x' = x + 1
B == x' = x - 1
Next == A \/ B
Spec == Init /\ [][Next]_x
Inv == x < 3
Loc(l, c, el, ec) == [beginLine |-> l, beginColumn |-> c, endLine |-> el, endColumn |-> ec, module |-> "sp"]
ASSUME TLCGet("spec").actions = {[name |-> "A", location |-> Loc(5, 6, 5, 15)], [name |-> "B", location |-> Loc(6, 6, 6, 15)]}
ASSUME TLCGet("spec").inits = {[name |-> "Init", location |-> Loc(4, 9, 4, 13)]}
ASSUME TLCGet("spec").invariants = {[name |-> "Inv", location |-> Loc(9, 8, 9, 12)]}
ASSUME TLCGet("spec").variables = {[name |-> "x", location |-> Loc(3, 11, 3, 11)]}
ASSUME TLCGet("spec").temporals = {} /\ TLCGet("spec").constraints = {}
====
`
	res := run(t, inline(t, "sp", spec, "SPECIFICATION Spec\nINVARIANT Inv\n"), 1)
	if res.Outcome != OutcomeInvariant || res.Property != "Inv" {
		t.Fatalf("%+v", outcomeOf(res))
	}
}

// TestGeneratedPerSuccessor: TLC counts a successor when it checks it, so
// TLCGet("generated") grows one by one within an action's successors and a
// violation stops the count at the violating state.
func TestGeneratedPerSuccessor(t *testing.T) {
	const spec = `---- MODULE G ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x = 0 /\ x' \in {1, 2, 3}
Inv == PrintT(<<x, TLCGet("generated"), TLCGet("distinct")>>)
Bad == x # 1
====
`
	res := run(t, inline(t, "G", spec, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n"), 1)
	if got, want := texts(res), []string{"<<0, 1, 1>>", "<<1, 2, 2>>", "<<2, 3, 3>>", "<<3, 4, 4>>"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("output %q, want %q", got, want)
	}
	res = run(t, inline(t, "G", spec, "INIT Init\nNEXT Next\nINVARIANT Bad\nCHECK_DEADLOCK FALSE\n"), 1)
	if got, want := countsOf(res), (counts{OutcomeInvariant, 2, 2, 2, 2, "Bad"}); got != want {
		t.Fatalf("%+v, want %+v", got, want)
	}
}

// TestAliasLevel: ALIAS is evaluated at each trace state's level, and on the
// last state with that state as its successor.
func TestAliasLevel(t *testing.T) {
	const spec = `---- MODULE Al ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x' = x + 1
Inv == x < 3
Alias == [x |-> x, lvl |-> TLCGet("level"), nx |-> x']
====
`
	res := run(t, inline(t, "Al", spec, "INIT Init\nNEXT Next\nINVARIANT Inv\nALIAS Alias\n"), 1)
	want := []string{"Initial predicate: x=0, lvl=1, nx=1", "Next: x=1, lvl=2, nx=2", "Next: x=2, lvl=3, nx=3", "Next: x=3, lvl=4, nx=3"}
	if got := states(res); !reflect.DeepEqual(got, want) || len(res.Warnings) != 0 {
		t.Fatalf("trace %q, want %q; warnings %q", got, want, res.Warnings)
	}
}

// TestSubstituteUnknownIdentifier: Op <- Def must name a constant or a
// definition of the root module (its own or extended, a standard module's
// too); a variable or an unknown name is TLC's configuration error, while
// a value for an unknown name (Q = 2) is ignored (outcomes of the reference
// TLC).
func TestSubstituteUnknownIdentifier(t *testing.T) {
	const spec = `---- MODULE U ----
EXTENDS Naturals
CONSTANT N
VARIABLE x
Init == x = N
Next == UNCHANGED x
MyNat == {0, 1}
====
`
	tests := []struct {
		lines string
		want  outcome
	}{
		{"Q <- Init", outcome{OutcomeError, ExitErrorConfigParse, "In the configuration file, the identifier Q does not appear in the specification."}},
		{"x <- Init", outcome{OutcomeError, ExitErrorConfigParse, "In the configuration file, the identifier x does not appear in the specification."}},
		{"Q = 2", outcome{OutcomeOK, 0, ""}},
		{"Nat <- MyNat", outcome{OutcomeOK, 0, ""}},
	}
	for _, tt := range tests {
		res := run(t, inline(t, "U", spec, "CONSTANT N = 1\nCONSTANT "+tt.lines+"\nINIT Init\nNEXT Next\n"), 1)
		if got := outcomeOf(res); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.lines, got, tt.want)
		}
	}
}
