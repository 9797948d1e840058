package checker

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func load(t testing.TB, tla, cfg string) *Model {
	t.Helper()
	m, err := LoadModel(filepath.Join("testdata", tla), filepath.Join("testdata", cfg), nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// inline writes a module and its configuration to a temporary directory.
func inline(t testing.TB, name, tla, cfg string) *Model {
	t.Helper()
	dir := t.TempDir()
	tp, cp := filepath.Join(dir, name+".tla"), filepath.Join(dir, name+".cfg")
	if err := os.WriteFile(tp, []byte(tla), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cp, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := LoadModel(tp, cp, nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func run(t testing.TB, m *Model, workers int) *Result {
	t.Helper()
	res, err := Check(context.Background(), m, Options{Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// states renders a trace as "action: var=value, ..." lines.
func states(res *Result) []string {
	var out []string
	for _, st := range res.Trace {
		var vs []string
		for _, v := range st.State {
			vs = append(vs, v.Name+"="+v.Value)
		}
		out = append(out, st.Action+": "+strings.Join(vs, ", "))
	}
	return out
}

type counts struct {
	outcome             string
	distinct, generated int64
	depth, traceLen     int
	property            string
}

func countsOf(r *Result) counts {
	return counts{r.Outcome, r.DistinctStates, r.GeneratedStates, r.Depth, len(r.Trace), r.Property}
}

func TestCounterInvariant(t *testing.T) {
	res := run(t, load(t, "Counter.tla", "Counter.cfg"), 1)
	// Hand count: 2 initial states; levels x=0, 1, 2 expand 2 states each
	// with 2 successors; the first state of level x=2 yields x=3.
	want := counts{OutcomeInvariant, 7, 11, 4, 4, "Inv"}
	if got := countsOf(res); got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	wantTrace := []string{
		"Initial predicate: x=0, y=0",
		"Inc: x=1, y=0",
		"Inc: x=2, y=0",
		"Inc: x=3, y=0",
	}
	if got := states(res); !reflect.DeepEqual(got, wantTrace) {
		t.Fatalf("trace %q, want %q", got, wantTrace)
	}
	if res.ExitCode != ExitViolationSafety || res.QueueLeft != 1 {
		t.Fatalf("exit %d, queue %d", res.ExitCode, res.QueueLeft)
	}
	if r := res.Trace[1].Location; r == nil || r.StartLine != 8 || r.StartColumn != 8 || r.EndLine != 8 || r.EndColumn != 41 {
		t.Fatalf("action location %+v", r)
	}
}

func TestCounterComplete(t *testing.T) {
	m := load(t, "Counter.tla", "Counter.cfg")
	m.Config.Invariants = nil
	res := run(t, m, 1)
	// x \in 0..4, y \in 0..1: 10 states; 8 states with 2 successors, 2
	// with 1, plus 2 initial states generated.
	want := counts{OutcomeOK, 10, 20, 5, 0, ""}
	if got := countsOf(res); got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

const hourClock = `---- MODULE Clock ----
EXTENDS Naturals, TLC
VARIABLE hr
Init == hr \in 1..3
Tick == hr' = IF hr = 3 THEN 1 ELSE hr + 1
Stop == hr = 2 /\ hr' = 2
Next == Tick \/ Stop
Bad == hr # 3
Mono == [][hr' = hr + 1 \/ hr' = hr]_hr
====
`

func TestDeadlockAndActionProperty(t *testing.T) {
	dead := inline(t, "D", `---- MODULE D ----
EXTENDS Naturals
VARIABLE n
Init == n = 0
Next == n < 2 /\ n' = n + 1
====
`, "INIT Init\nNEXT Next\n")
	res := run(t, dead, 1)
	if got, want := countsOf(res), (counts{OutcomeDeadlock, 3, 3, 3, 3, ""}); got != want {
		t.Fatalf("deadlock: got %+v, want %+v", got, want)
	}
	if res.ExitCode != ExitViolationDeadlock {
		t.Fatalf("exit code %d", res.ExitCode)
	}
	dead.Config.CheckDeadlock = new(bool)
	if got, want := countsOf(run(t, dead, 1)), (counts{OutcomeOK, 3, 3, 3, 0, ""}); got != want {
		t.Fatalf("no deadlock check: got %+v, want %+v", got, want)
	}

	m := inline(t, "Clock", hourClock, "INIT Init\nNEXT Next\nPROPERTY Mono\n")
	res = run(t, m, 1)
	// 3 initial states; hr = 1 yields 2 (seen), hr = 2 yields 3 and 2
	// (seen), hr = 3 yields 1, which violates Mono.
	if got, want := countsOf(res), (counts{OutcomeActionProperty, 3, 7, 1, 2, "Mono"}); got != want {
		t.Fatalf("action property: got %+v, want %+v", got, want)
	}
	if got, want := states(res), []string{"Initial predicate: hr=3", "Tick: hr=1"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("trace %q, want %q", got, want)
	}
	m = inline(t, "Clock", hourClock, "INIT Init\nNEXT Next\nINVARIANT Bad\n")
	res = run(t, m, 1)
	if got, want := countsOf(res), (counts{OutcomeInvariant, 3, 3, 1, 1, "Bad"}); got != want {
		t.Fatalf("invariant on initial state: got %+v, want %+v", got, want)
	}
}

func TestConstraintAndIncomplete(t *testing.T) {
	m := inline(t, "C", `---- MODULE C ----
EXTENDS Naturals
VARIABLES a, b
Init == a = 0 /\ b = 0
Next == \/ a' = a + 1 /\ b' = b
        \/ b' = b + 1 /\ UNCHANGED a
Small == a + b <= 2
====
`, "INIT Init\nNEXT Next\nCONSTRAINT Small\n")
	res := run(t, m, 1)
	// states with a + b <= 2: 6 of them. The 3 on the diagonal a + b = 2
	// are expanded; their 6 successors violate the constraint: generated
	// (1 + 2 + 4 + 6 = 13) but neither counted as distinct nor expanded.
	if got, want := countsOf(res), (counts{OutcomeOK, 6, 13, 3, 0, ""}); got != want {
		t.Fatalf("constraint: got %+v, want %+v", got, want)
	}
	m = inline(t, "I", `---- MODULE I ----
VARIABLES a, b
Init == a = 0 /\ b = 0
Next == a' = 1
====
`, "INIT Init\nNEXT Next\n")
	res = run(t, m, 1)
	if res.Outcome != OutcomeError || res.ExitCode != ExitFailureSpecEval || res.Message != "Successor state is not completely specified by the next-state action. The following variable is not defined: b." {
		t.Fatalf("incomplete successor: %+v", res)
	}
	if res.Location != nil {
		t.Fatalf("location %+v: TLC prints none (the trace's last step is the action)", res.Location)
	}
	// TLC counts the partial successor as generated and prints it last,
	// an unassigned variable as null
	if got, want := countsOf(res), (counts{OutcomeError, 1, 2, 1, 2, ""}); got != want {
		t.Fatalf("incomplete successor: got %+v, want %+v", got, want)
	}
	if got, want := states(res), []string{"Initial predicate: a=0, b=0", "Next: a=1, b=null"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("trace %q, want %q", got, want)
	}
}

// TestIncompleteAfterSuccessors: TLC checks each successor as the action
// generates it, so those an action generates before an incompletely
// specified successor or an evaluation error are counted and checked
// first (a violation among them is the answer). Expected from TLC.
func TestIncompleteAfterSuccessors(t *testing.T) {
	spec := func(a string) string {
		return `---- MODULE I ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
A == \E i \in {1, 2, 3} : ` + a + `
B == x' = x /\ y' = 5
Next == B \/ A
Inv == x < 2
====
`
	}
	incomplete := spec(`x' = i /\ (IF i = 3 THEN TRUE ELSE y' = i)`)
	failing := spec(`x' = i /\ y' = (IF i = 3 THEN CHOOSE z \in {} : TRUE ELSE i)`)
	tests := []struct {
		name, spec, cfg string
		want            counts
		msg             string
		last            string
	}{
		{"incomplete", incomplete, "INIT Init\nNEXT Next\n", counts{OutcomeError, 4, 5, 2, 2, ""},
			"Successor state is not completely specified by action A of the next-state relation. The following variable is not defined: y.", "A: x=3, y=null"},
		{"incomplete after a violation", incomplete, "INIT Init\nNEXT Next\nINVARIANT Inv\n", counts{OutcomeInvariant, 4, 4, 2, 2, "Inv"},
			"Invariant Inv is violated.", "A: x=2, y=2"},
		{"error", failing, "INIT Init\nNEXT Next\n", counts{OutcomeError, 4, 4, 2, 1, ""},
			"Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.", "Initial predicate: x=0, y=0"},
		{"error after a violation", failing, "INIT Init\nNEXT Next\nINVARIANT Inv\n", counts{OutcomeInvariant, 4, 4, 2, 2, "Inv"},
			"Invariant Inv is violated.", "A: x=2, y=2"},
	}
	for _, tc := range tests {
		res := run(t, inline(t, "I", tc.spec, tc.cfg), 1)
		if got := countsOf(res); got != tc.want || res.Message != tc.msg {
			t.Errorf("%s: got %+v %q, want %+v %q", tc.name, got, res.Message, tc.want, tc.msg)
			continue
		}
		if st := states(res); st[len(st)-1] != tc.last {
			t.Errorf("%s: last state %q, want %q", tc.name, st[len(st)-1], tc.last)
		}
	}
}

func TestAssertAndAssume(t *testing.T) {
	m := inline(t, "A", `---- MODULE A ----
EXTENDS Naturals, TLC
CONSTANT N
ASSUME N > 0
VARIABLE x
Init == x = 0
Next == x' = x + 1 /\ Assert(x < N, "too big")
====
`, "CONSTANT N = 2\nINIT Init\nNEXT Next\n")
	res := run(t, m, 1)
	if got, want := countsOf(res), (counts{OutcomeAssert, 3, 3, 3, 3, ""}); got != want {
		t.Fatalf("assert: got %+v, want %+v (%s)", got, want, res.Message)
	}
	if !strings.Contains(res.Message, "too big") || res.ExitCode != ExitViolationAssert || res.Location == nil || res.Location.StartLine != 7 {
		t.Fatalf("assert: %+v", res)
	}
	m.Config.Constants[0].Value.Int = 0
	res = run(t, m, 1)
	if res.Outcome != OutcomeAssume || res.ExitCode != ExitViolationAssumption || res.Location == nil || res.Location.StartLine != 4 {
		t.Fatalf("assume: %+v", res)
	}
}

// TestUploader is the product demo: TLC reports, after create 1 -> delete 1
// -> the worker receives "create 1", that CHOOSE in UploadWith has no
// witness; BFS finds it at depth 5 after 42 distinct states.
func TestUploader(t *testing.T) {
	res := run(t, load(t, "Uploader_translated.tla", "Uploader_translated.cfg"), 1)
	if res.Outcome != OutcomeError || res.DistinctStates != 42 || res.Depth != 5 || len(res.Trace) != 4 {
		t.Fatalf("got %+v", countsOf(res))
	}
	if !strings.Contains(res.Message, "CHOOSE") || !strings.Contains(res.Message, "no element of S satisfied P") {
		t.Fatalf("message %q", res.Message)
	}
	src, _ := os.ReadFile("testdata/Uploader_translated.tla")
	loc := res.Location
	if loc == nil {
		t.Fatal("no location")
	}
	line := strings.Split(string(src), "\n")[loc.StartLine-1]
	if got := line[loc.StartColumn-1 : loc.EndColumn]; got != "CHOOSE u \\in uploads : u.id = id" {
		t.Fatalf("error range %q", got)
	}
	// Records print their fields in TLC's order: the order in which the
	// names first appear in the (translated) module, not alphabetical; a
	// state its variables in TLC's (SANY's symbol table, var_order.go).
	want := []string{
		`Initial predicate: msg=(w1 :> NULL), content={}, uploads={}, pc=(u1 :> "User" @@ w1 :> "Receive"), local=(w1 :> NULL), queue=<<>>, next_id=1`,
		`User(u1): msg=(w1 :> NULL), content={}, uploads={[id |-> 1, from |-> u1, version |-> 1]}, pc=(u1 :> "User" @@ w1 :> "Receive"), local=(w1 :> NULL), queue=<<[id |-> 1, action |-> "create"]>>, next_id=2`,
		`User(u1): msg=(w1 :> NULL), content={}, uploads={}, pc=(u1 :> "User" @@ w1 :> "Receive"), local=(w1 :> NULL), queue=<<[id |-> 1, action |-> "create"], [id |-> 1, action |-> "delete"]>>, next_id=2`,
		`Receive(w1): msg=(w1 :> [id |-> 1, action |-> "create"]), content={}, uploads={}, pc=(u1 :> "User" @@ w1 :> "Create"), local=(w1 :> NULL), queue=<<[id |-> 1, action |-> "delete"]>>, next_id=2`,
	}
	if got := states(res); !reflect.DeepEqual(got, want) {
		t.Fatalf("trace:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	text := res.TLCText()
	for _, s := range []string{"State 1: <Initial predicate>", "State 4: <Receive(w1) line ", "/\\ queue = <<[id |-> 1, action |-> \"delete\"]>>", "42 distinct states found", "The depth of the complete state graph search is 5."} {
		if !strings.Contains(text, s) {
			t.Errorf("TLC text lacks %q:\n%s", s, text)
		}
	}
}

func TestUploader2(t *testing.T) {
	res := run(t, load(t, "Uploader2_translated.tla", "Uploader2_translated.cfg"), 1)
	if got, want := countsOf(res), (counts{OutcomeOK, 9447, 16575, 26, 0, ""}); got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	// Converges (temporal) is checked by liveness_hook.go: no warning
	if len(res.Warnings) != 0 {
		t.Fatalf("unexpected warnings: %q", res.Warnings)
	}
}

// TestWorkers checks that two workers find the same state space and a
// shortest counterexample.
func TestWorkers(t *testing.T) {
	m := load(t, "Uploader2_translated.tla", "Uploader2_translated.cfg")
	r1, r2 := run(t, m, 1), run(t, m, 2)
	if countsOf(r1) != countsOf(r2) || r1.Depth != r2.Depth {
		t.Fatalf("1 worker %+v, 2 workers %+v", countsOf(r1), countsOf(r2))
	}
	m = load(t, "Uploader_translated.tla", "Uploader_translated.cfg")
	r1, r2 = run(t, m, 1), run(t, m, 2)
	if r2.Outcome != r1.Outcome || len(r2.Trace) != len(r1.Trace) || r2.Message != r1.Message {
		t.Fatalf("1 worker %+v, 2 workers %+v", countsOf(r1), countsOf(r2))
	}
	m = load(t, "Counter.tla", "Counter.cfg")
	r1, r2 = run(t, m, 1), run(t, m, 2)
	if r2.Outcome != OutcomeInvariant || len(r2.Trace) != 4 {
		t.Fatalf("2 workers %+v", countsOf(r2))
	}
}

func TestJSON(t *testing.T) {
	res := run(t, load(t, "Counter.tla", "Counter.cfg"), 1)
	b, err := res.JSON()
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`"outcome":"invariant"`, `"property":"Inv"`, `"distinctStates":7`, `"generatedStates":11`, `"depth":4`, `"queueLeft":1`, `"location":{"file":"testdata/Counter.tla","startLine":13,"startColumn":8,"endLine":13,"endColumn":12,"start":205,"end":210},"trace"`, `"trace":[{"action":"Initial predicate","location":null,"state":{"x":"0","y":"0"}}`, `{"action":"Inc","location":{"file":"testdata/Counter.tla","startLine":8,"startColumn":8,"endLine":8,"endColumn":41,"start":107,"end":141},"state":{"x":"1","y":"0"}}`, `"lassoStart":null`} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON lacks %s:\n%s", want, s)
		}
	}
}

func TestBoundsProgressCancel(t *testing.T) {
	m := load(t, "Uploader2_translated.tla", "Uploader2_translated.cfg")
	var calls int
	res, err := Check(context.Background(), m, Options{Workers: 1, MaxStates: 100, Progress: func(p Progress) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != OutcomeBound || res.DistinctStates < 100 || res.DistinctStates > 101 || calls == 0 {
		t.Fatalf("bound: %+v, progress calls %d", countsOf(res), calls)
	}
	res, err = Check(context.Background(), m, Options{Workers: 1, MaxDepth: 3})
	if err != nil || res.Outcome != OutcomeBound || res.Depth != 3 {
		t.Fatalf("depth bound: %+v %v", countsOf(res), err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err = Check(ctx, m, Options{Workers: 2})
	if err == nil || res == nil || res.Outcome != OutcomeBound {
		t.Fatalf("cancelled: %v %+v", err, res)
	}
}

// TestGeneratedAsTLC checks TLC's way of counting generated states: a
// guard is enumerated like an action, so each witness of \E, each true
// disjunct and each branch of a true implication's conclusion yields a
// (duplicate) successor.
func TestGeneratedAsTLC(t *testing.T) {
	m := inline(t, "G", `---- MODULE G ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
G == \E i \in 1..3 : i > 1
Next == G /\ x' = 1 - x
====
`, "INIT Init\nNEXT Next\n")
	// 1 initial state; each of the 2 states yields 2 identical successors
	if got, want := countsOf(run(t, m, 1)), (counts{OutcomeOK, 2, 5, 2, 0, ""}); got != want {
		t.Fatalf("exists: got %+v, want %+v", got, want)
	}
	m = inline(t, "H", `---- MODULE H ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
F[n \in Nat] == IF n = 0 THEN TRUE ELSE \E i \in 1..2 : F[n - 1]
Next == (x = 0 => F[1]) /\ x' = 1 - x
====
`, "INIT Init\nNEXT Next\n")
	// x = 0: F[1] is enumerated: 2 witnesses, each F[0] (1 way): 2
	// successors; x = 1: the hypothesis is false: 1 successor.
	if got, want := countsOf(run(t, m, 1)), (counts{OutcomeOK, 2, 4, 2, 0, ""}); got != want {
		t.Fatalf("implication/recursive function: got %+v, want %+v", got, want)
	}
}

func TestSymmetry(t *testing.T) {
	tla := `---- MODULE S ----
EXTENDS FiniteSets, TLC
CONSTANT P
VARIABLE owner
Init == owner = {}
Next == \E p \in P : p \notin owner /\ owner' = owner \cup {p}
Sym == Permutations(P)
====
`
	m := inline(t, "S", tla, "CONSTANT P = {a, b, c}\nINIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n")
	// without symmetry: the 8 subsets; 1 + 3 + 6 + 3 generated
	if got, want := countsOf(run(t, m, 1)), (counts{OutcomeOK, 8, 13, 4, 0, ""}); got != want {
		t.Fatalf("no symmetry: got %+v, want %+v", got, want)
	}
	m = inline(t, "S", tla, "CONSTANT P = {a, b, c}\nINIT Init\nNEXT Next\nSYMMETRY Sym\nCHECK_DEADLOCK FALSE\n")
	// one state per size; one representative expanded per orbit:
	// 1 + 3 + 2 + 1 generated
	if got, want := countsOf(run(t, m, 1)), (counts{OutcomeOK, 4, 7, 4, 0, ""}); got != want {
		t.Fatalf("symmetry: got %+v, want %+v", got, want)
	}
}

// TestSymmetryLiveness: under SYMMETRY TLC evaluates a step's predicates
// on the successor as the action produced it, not on the stored member of
// its class: here the second process stays at 1 while the first cycles
// (WF of Next only), a violation TLC reports although the stored member of
// the class has the first process at 1 instead. Figures from TLC.
func TestSymmetryLiveness(t *testing.T) {
	tla := `---- MODULE SymLive ----
EXTENDS Naturals, TLC
CONSTANTS p, q
P == {p, q}
VARIABLE st
Init == st = [e \in P |-> 0]
Step(e) == st' = [st EXCEPT ![e] = (@ + 1) % 3]
Next == \E e \in P : Step(e)
Spec == Init /\ [][Next]_st /\ WF_st(Next)
First == CHOOSE e \in P : TRUE
Second == CHOOSE e \in P : e # First
Prop == (st[Second] = 1) ~> (st[Second] = 0)
Sym == Permutations(P)
====
`
	for _, tc := range []struct {
		cfg                 string
		distinct, generated int64
	}{
		{"CONSTANTS p = p\nq = q\nSPECIFICATION Spec\nPROPERTY Prop\nSYMMETRY Sym\n", 6, 13},
		{"CONSTANTS p = p\nq = q\nSPECIFICATION Spec\nPROPERTY Prop\n", 9, 19},
	} {
		for _, workers := range []int{1, 2} {
			res := run(t, inline(t, "SymLive", tla, tc.cfg), workers)
			if res.Outcome != OutcomeLiveness || res.Property != "Prop" || res.DistinctStates != tc.distinct || res.GeneratedStates != tc.generated {
				t.Errorf("%q, workers=%d: %s %q, %d distinct, %d generated; want liveness \"Prop\", %d, %d", tc.cfg, workers, res.Outcome, res.Property, res.DistinctStates, res.GeneratedStates, tc.distinct, tc.generated)
			}
		}
	}
}

// TestSymmetryFirstStepToClass: under SYMMETRY TLC keeps only the first
// step from a state to each symmetry class (GraphNode.transExists), so a
// later successor of the same class with other values adds no step. With
// x' = x produced first, the step that flips x is dropped and TLC finds
// no violation; produced first, the flip is kept. Figures from TLC.
func TestSymmetryFirstStepToClass(t *testing.T) {
	tla := `---- MODULE SymFirst ----
EXTENDS Naturals, TLC
CONSTANTS p, q
P == {p, q}
VARIABLES x, y
Other == CHOOSE e \in P : e # x
Init == x \in P /\ y = 0
Keep == y = 0 /\ y' = 1 /\ x' = x
StayFirst == y = 1 /\ y' = 0 /\ (x' = x \/ x' = Other)
FlipFirst == y = 1 /\ y' = 0 /\ (x' = Other \/ x' = x)
SpecA == Init /\ [][Keep \/ StayFirst]_<<x, y>> /\ WF_<<x, y>>(Keep \/ StayFirst)
SpecB == Init /\ [][Keep \/ FlipFirst]_<<x, y>> /\ WF_<<x, y>>(Keep \/ FlipFirst)
Prop == <>[][x' = x]_<<x, y>>
Sym == Permutations(P)
====
`
	for _, tc := range []struct {
		cfg                 string
		outcome             string
		distinct, generated int64
	}{
		{"SPECIFICATION SpecA\nSYMMETRY Sym\n", OutcomeOK, 2, 5},
		{"SPECIFICATION SpecB\nSYMMETRY Sym\n", OutcomeLiveness, 2, 5},
		{"SPECIFICATION SpecA\n", OutcomeLiveness, 4, 8},
	} {
		cfg := "CONSTANTS p = p\nq = q\nPROPERTY Prop\n" + tc.cfg
		res := run(t, inline(t, "SymFirst", tla, cfg), 1)
		if res.Outcome != tc.outcome || res.DistinctStates != tc.distinct || res.GeneratedStates != tc.generated {
			t.Errorf("%q: %s, %d distinct, %d generated; want %s, %d, %d", tc.cfg, res.Outcome, res.DistinctStates, res.GeneratedStates, tc.outcome, tc.distinct, tc.generated)
		}
	}
}

// TestBrokenPlusCalChecked: a PlusCal algorithm sits in a comment, so TLC
// reports its errors (a syntax error, a goto to no label) and checks the
// module's TLA+ anyway: here to a deadlock after 4 distinct states, as the
// reference TLC does.
func TestBrokenPlusCalChecked(t *testing.T) {
	for _, body := range []string{
		"fair { while (x < 3) { x := x+1; } }",
		"{ a: x := x + 1; goto nowhere; }",
	} {
		tla := `---- MODULE Bad ----
EXTENDS Integers
(* --algorithm Bad {
    variable x = 0 ;
    ` + body + `
}
*)
\* BEGIN TRANSLATION
VARIABLES x
Init == x = 0
Next == x < 3 /\ x' = x + 1
\* END TRANSLATION
====
`
		want := counts{OutcomeDeadlock, 4, 4, 4, 4, ""}
		if got := countsOf(run(t, inline(t, "Bad", tla, "INIT Init\nNEXT Next\n"), 1)); got != want {
			t.Errorf("%s: got %+v, want %+v", body, got, want)
		}
	}
}

// TestTrailingModule: a module after the root one in the same file is
// found by INSTANCE (as SANY and TLC do); counts from the reference TLC.
func TestTrailingModule(t *testing.T) {
	m := inline(t, "Tr", "---- MODULE Tr ----\nEXTENDS Naturals\nVARIABLE x\nI == INSTANCE H WITH y <- x\nInit == x = 0\nNext == x < 3 /\\ x' = x + 1\nInv == I!Small\n====\n"+
		"---- MODULE H ----\nEXTENDS Naturals\nVARIABLE y\nSmall == y < 2\n====\n",
		"INIT Init\nNEXT Next\nINVARIANT Inv\n")
	want := counts{OutcomeInvariant, 3, 3, 3, 3, "Inv"}
	if got := countsOf(run(t, m, 1)); got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

// TestInitialStateError: an error checking an initial state (a constraint,
// an invariant or a property TLC cannot evaluate there) is reported alone,
// with TLC's exit status of an evaluation error, "while working on" that
// state, which TLC has queued when it was past its constraints; a failed
// Assert there prints no state. Expected from TLC.
func TestInitialStateError(t *testing.T) {
	const tla = `---- MODULE IE ----
EXTENDS Naturals, TLC
VARIABLES x, y
Init == x \in {0, 1, 2} /\ y = 0
Next == x' = x /\ y' = 1 - y
Bad == IF x = 1 THEN (CHOOSE z \in {} : TRUE) = 1 ELSE TRUE
Asrt == Assert(x # 1, "boom")
====
`
	choose := "Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P."
	tests := []struct {
		cfg, msg string
		queue    int64
		want     counts
		text     string
	}{
		{"INVARIANT Bad", choose, 2, counts{OutcomeError, 2, 2, 1, 1, ""}, "While working on the initial state:\n/\\ x = 1\n/\\ y = 0\n\n2 states generated, 2 distinct states found, 2 states left on queue.\n"},
		{"CONSTRAINT Bad", choose, 1, counts{OutcomeError, 1, 2, 1, 1, ""}, "While working on the initial state:\n/\\ x = 1\n/\\ y = 0\n\n2 states generated, 1 distinct states found, 1 states left on queue.\n"},
		{"PROPERTY Bad", choose, 2, counts{OutcomeError, 2, 2, 1, 1, ""}, "While working on the initial state:\n/\\ x = 1\n/\\ y = 0\n\n2 states generated, 2 distinct states found, 2 states left on queue.\n"},
		{"INVARIANT Asrt", "The first argument of Assert evaluated to FALSE; the second argument was:\n\"boom\"", 2, counts{OutcomeAssert, 2, 2, 1, 0, ""}, "\"boom\"\n2 states generated"}, // TLC prints no location with a failed Assert (a Java override's error)
	}
	for _, tc := range tests {
		res := run(t, inline(t, "IE", tla, "INIT Init\nNEXT Next\n"+tc.cfg+"\n"), 1)
		if got := countsOf(res); got != tc.want || res.Message != tc.msg || res.QueueLeft != tc.queue || res.ExitCode != ExitFailureSpecEval {
			t.Errorf("%s: got %+v %q, %d queued, exit %d; want %+v %q, %d queued, exit %d", tc.cfg, got, res.Message, res.QueueLeft, res.ExitCode, tc.want, tc.msg, tc.queue, ExitFailureSpecEval)
			continue
		}
		if text := res.TLCText(); !strings.Contains(text, tc.text) || strings.Contains(text, "The behavior up to this point") {
			t.Errorf("%s: text\n%s\nwant it to hold\n%s", tc.cfg, text, tc.text)
		}
	}
}

// TestInitialStateIncomplete: an initial state that leaves a variable
// unassigned is, in TLC's words and exit status, no legal state; TLC
// prints it (null for the variable) and no counts. Expected from TLC.
func TestInitialStateIncomplete(t *testing.T) {
	m := inline(t, "II", "---- MODULE II ----\nVARIABLES x, y\nInit == x \\in {0, 1}\nNext == x' = x /\\ y' = y\n====\n", "INIT Init\nNEXT Next\n")
	res := run(t, m, 1)
	if res.Outcome != OutcomeError || res.Message != "current state is not a legal state" || res.ExitCode != ExitError {
		t.Fatalf("got %s %q exit %d", res.Outcome, res.Message, res.ExitCode)
	}
	want := "Error: current state is not a legal state\nWhile working on the initial state:\n/\\ x = 0\n/\\ y = null\n\n"
	if got := res.TLCText(); got != want {
		t.Fatalf("text %q, want %q", got, want)
	}
}

// TestNextStateModuleErrorExit: an error a standard module's override
// raises in the next-state relation ends TLC with that error's own code,
// exit status 255; other evaluation errors there exit 75. Exit statuses,
// messages and counts from TLC (tla2tools.jar, -workers 1) on
// Init == x = "", Next == x' = E.
func TestNextStateModuleErrorExit(t *testing.T) {
	tests := []struct {
		e, msg string
		exit   int
	}{
		{`Append(x, "a")`, "Evaluating an expression of the form Append(s, v) when s is not a sequence:\n\"\"", ExitError},
		{`Head(<<>>)`, "Attempted to apply Head to the empty sequence.", ExitError},
		{`Tail(x)`, "Attempted to apply Tail to the empty sequence.", ExitError},
		{`Len(x) + Len(1)`, "The argument of Len should be a sequence, but instead it is:\n1", ExitError},
		{`SubSeq(x, 1, 2)`, "The second argument of SubSeq must be in the domain of its first argument:\n\"\"\n, but instead it is\n1", ExitError},
		{`CHOOSE y \in {} : TRUE`, "Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.", ExitFailureSpecEval},
	}
	for _, tc := range tests {
		tla := "---- MODULE NE ----\nEXTENDS Naturals, Sequences\nVARIABLE x\nInit == x = \"\"\nNext == x' = " + tc.e + "\n====\n"
		res := run(t, inline(t, "NE", tla, "INIT Init\nNEXT Next\n"), 1)
		if res.Outcome != OutcomeError || res.ExitCode != tc.exit || res.Message != tc.msg || res.GeneratedStates != 1 || res.DistinctStates != 1 {
			t.Errorf("%s: got %s exit %d %q (%d/%d), want exit %d %q (1/1)", tc.e, res.Outcome, res.ExitCode, res.Message, res.GeneratedStates, res.DistinctStates, tc.exit, tc.msg)
		}
	}
}

// TestNextStateErrorExitByKind: in the next-state relation an error raised
// by a Java override of a standard module as TLC's own EvalException
// (argument errors, overflow, \div by 0, cardinality) exits 255 with its
// message; a core-language error (DOMAIN of a non-function, a missing
// record field, a non-boolean IF) or a value an override's Java parameter
// type rejects (a failed cast: 1 + "a", TLCGet("bad")) is a
// RuntimeException, exit 75. Exit statuses and messages from TLC
// (tla2tools.jar, -workers 1) on Init == x = 0, Next == x' = E; msg ""
// where TLC frames the error as an unexpected exception (its text is
// not compared).
func TestNextStateErrorExitByKind(t *testing.T) {
	tests := []struct {
		e, msg string
		exit   int
	}{
		{`Cardinality(Nat)`, "Attempted to compute cardinality of the value\nNat", ExitError},
		{`Cardinality(1)`, "Attempted to compute cardinality of the value\n1", ExitError},
		{`2^62*4`, "Overflow when computing 2^62", ExitError},
		{`1 \div 0`, "The second argument of \\div is 0.", ExitError},
		{`1 % 0`, "The second argument of % should be a positive number, but instead it is:\n0", ExitError},
		{`Permutations(1)`, "Applying Permutations to the following value,\nwhich is not a finite set:\n1", ExitError},
		{`SortSeq(1, LAMBDA a, b : a < b)`, "The first argument of SortSeq should be a natural number, but instead it is:\n1", ExitError},
		{`TLCSet("a", 1)`, "The first argument of TLCSet should be a nonnegative integer, but instead it is:\n\"a\"", ExitError},
		{`BagToSet(1)`, "Applying BagToSet to the following value,\nwhich is not a function with a finite domain:\n1", ExitError},
		{`CopiesIn(1, 2)`, "", ExitError},
		{`1 (+) 2`, "", ExitError},
		{`x \o 1`, "Evaluating an expression of the form s \\o t when s is not a sequence:\n0", ExitError},
		{`Assert(FALSE, "m")`, "The first argument of Assert evaluated to FALSE; the second argument was:\n\"m\"", ExitViolationAssert},
		{`TLCGet("bad")`, "", ExitFailureSpecEval},
		{`1 + "a"`, "", ExitFailureSpecEval},
		{`1 .. "a"`, "", ExitFailureSpecEval},
		{`-"a"`, "", ExitFailureSpecEval},
		{`RandomElement({})`, "", ExitFailureSpecEval},
		{`<<1>>[3]`, "", ExitFailureSpecEval},
		{`DOMAIN 1`, "", ExitFailureSpecEval},
		{`SUBSET 1`, "", ExitFailureSpecEval},
		{`[a |-> 1].b`, "", ExitFailureSpecEval},
		{`Seq(1)`, "", ExitFailureSpecEval},
		{`IF 1 THEN 1 ELSE 2`, "", ExitFailureSpecEval},
		{`BagCardinality(1)`, "Applying BagCardinality to the following value,\nwhich is not a function with a finite domain:\n1", ExitError},
		{`SubSeq(<<1>>, "a", 1)`, "The second argument of SubSeq should be a natural number, but instead it is:\n\"a\"", ExitError},
		// SubBag has no Java override: its TLA+ definition fails on DOMAIN 1
		{`SubBag(1)`, "", ExitFailureSpecEval},
		{`CHOOSE y \in {} : TRUE`, "", ExitFailureSpecEval},
	}
	for _, tc := range tests {
		tla := "---- MODULE NK ----\nEXTENDS Naturals, Integers, Sequences, FiniteSets, TLC, Bags\nVARIABLE x\nInit == x = 0\nNext == x' = " + tc.e + "\n====\n"
		res := run(t, inline(t, "NK", tla, "INIT Init\nNEXT Next\n"), 1)
		if res.ExitCode != tc.exit || (tc.msg != "" && res.Message != tc.msg) || res.GeneratedStates != 1 || res.DistinctStates != 1 {
			t.Errorf("%s: got %s exit %d %q (%d/%d), want exit %d %q (1/1)", tc.e, res.Outcome, res.ExitCode, res.Message, res.GeneratedStates, res.DistinctStates, tc.exit, tc.msg)
		}
	}
}

// TestInitInvariantModuleErrorExit: in Init and in an invariant TLC wraps
// every evaluation error, a standard module's own (ErrModule) included,
// and exits 75. Exit statuses and messages from TLC (tla2tools.jar,
// -workers 1) on Init == x = E, and on Init == x = 0 with INVARIANT E = E.
func TestInitInvariantModuleErrorExit(t *testing.T) {
	tests := []struct{ e, msg string }{
		{`Cardinality(1)`, "Attempted to compute cardinality of the value\n1"},
		{`1 \div 0`, "The second argument of \\div is 0."},
		{`CopiesIn(1, 2)`, ""},
		{`DOMAIN 1`, ""},
	}
	for _, tc := range tests {
		for _, inv := range []bool{false, true} {
			init, cfg := "x = "+tc.e, "INIT Init\nNEXT Next\n"
			if inv {
				init, cfg = "x = 0", cfg+"INVARIANT Inv\n"
			}
			tla := "---- MODULE NI ----\nEXTENDS Naturals, Integers, Sequences, FiniteSets, TLC, Bags\nVARIABLE x\nInit == " + init + "\nNext == x' = x\nInv == (" + tc.e + ") = (" + tc.e + ")\n====\n"
			res := run(t, inline(t, "NI", tla, cfg), 1)
			if res.ExitCode != ExitFailureSpecEval || (tc.msg != "" && res.Message != tc.msg) {
				t.Errorf("%s (invariant %v): got %s exit %d %q, want exit 75 %q", tc.e, inv, res.Outcome, res.ExitCode, res.Message, tc.msg)
			}
		}
	}
}

// TestNextStateUnexpectedHeader: TLC prints a core-language error in the
// next-state relation (a RuntimeException) under its "unexpected
// exception" header, and a module override's EvalException without it.
// Texts from TLC (tla2tools.jar, -workers 1) on Init == x = 0,
// Next == x' = E.
func TestNextStateUnexpectedHeader(t *testing.T) {
	tests := []struct{ e, first string }{
		{`x[1]`, "Error: TLC threw an unexpected exception.\nThis was probably caused by an error in the spec or model.\nSee the User Output or TLC Console for clues to what happened.\nThe exception was a java.lang.RuntimeException\n: A non-function (an integer) was applied as a function.\nline 5, col 14 to line 5, col 17 of module NU\nError: The behavior up to this point is:\n"},
		{`1 \div 0`, "Error: The second argument of \\div is 0.\nError: The behavior up to this point is:\n"},
	}
	for _, tc := range tests {
		tla := "---- MODULE NU ----\nEXTENDS Integers\nVARIABLE x\nInit == x = 0\nNext == x' = " + tc.e + "\n====\n"
		res := run(t, inline(t, "NU", tla, "INIT Init\nNEXT Next\n"), 1)
		if got := res.TLCText(); !strings.HasPrefix(got, tc.first) {
			t.Errorf("%s: text %q, want it to begin %q", tc.e, got, tc.first)
		}
	}
}
