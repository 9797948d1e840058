package checker

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// cycle: x runs round 0..2 while y counts the steps, up to 5.
const cycleTLA = `---- MODULE Cycle ----
EXTENDS Naturals, TLC
VARIABLES x, y
Init == x = 0 /\ y = 0
Next == x' = (x + 1) % 3 /\ y' = y + 1
Bound == y <= 5
XOnly == x
Alias == [sum |-> x + y, parity |-> x % 2]
Small == y < 2
Holds == 1 + 1 = 2
Fails == 1 > 2
Counted == TLCGet("stats").distinct = 6
Miscounted == TLCGet("stats").distinct = 7
Never == <>(x = 5)
CountedLet == LET T == INSTANCE TLC IN T!TLCGet("stats").distinct = 6
====
`

// TestViewAliasPostcondition: VIEW identifies states by the view's value (so
// (0, 3) is the state (0, 0) seen again), ALIAS prints its record instead
// of the variables, POSTCONDITION is checked after a complete search.
func TestViewAliasPostcondition(t *testing.T) {
	tests := []struct {
		name  string
		cfg   string
		want  counts
		trace []string
	}{
		{"plain", "INIT Init\nNEXT Next\nCONSTRAINT Bound\n", counts{OutcomeOK, 6, 7, 6, 0, ""}, nil},
		// the states (0,0) (1,1) (2,2); (0,3) has the view of (0,0)
		{"view", "INIT Init\nNEXT Next\nCONSTRAINT Bound\nVIEW XOnly\n", counts{OutcomeOK, 3, 4, 3, 0, ""}, nil},
		{"alias", "INIT Init\nNEXT Next\nINVARIANT Small\nALIAS Alias\n", counts{OutcomeInvariant, 3, 3, 3, 3, "Small"},
			[]string{"Initial predicate: sum=0, parity=0", "Next: sum=2, parity=1", "Next: sum=4, parity=0"}},
		{"postcondition holds", "INIT Init\nNEXT Next\nCONSTRAINT Bound\nPOSTCONDITION Counted\n", counts{OutcomeOK, 6, 7, 6, 0, ""}, nil},
		{"postcondition fails", "INIT Init\nNEXT Next\nCONSTRAINT Bound\nPOSTCONDITION Miscounted\n", counts{OutcomeError, 6, 7, 6, 0, "Miscounted"}, nil},
		{"postcondition through a LET instance", "INIT Init\nNEXT Next\nCONSTRAINT Bound\nPOSTCONDITION CountedLet\n", counts{OutcomeOK, 6, 7, 6, 0, ""}, nil},
		// TLC precomputes a constant definition and rejects it as a
		// postcondition, true or false
		{"constant postcondition", "INIT Init\nNEXT Next\nCONSTRAINT Bound\nPOSTCONDITION Holds\n", counts{OutcomeError, 6, 7, 6, 0, "Holds"}, nil},
		{"constant false postcondition", "INIT Init\nNEXT Next\nCONSTRAINT Bound\nPOSTCONDITION Fails\n", counts{OutcomeError, 6, 7, 6, 0, "Fails"}, nil},
		// a violation found first stays the outcome: TLC checks the
		// postconditions last, after the temporal properties
		{"postcondition after invariant", "INIT Init\nNEXT Next\nINVARIANT Small\nPOSTCONDITION Miscounted\n", counts{OutcomeInvariant, 3, 3, 3, 3, "Small"},
			[]string{"Initial predicate: x=0, y=0", "Next: x=1, y=1", "Next: x=2, y=2"}},
		{"postcondition after liveness", "INIT Init\nNEXT Next\nCONSTRAINT Bound\nPROPERTY Never\nPOSTCONDITION Miscounted\n", counts{OutcomeLiveness, 6, 7, 6, 7, "Never"},
			[]string{"Initial predicate: x=0, y=0", "Next: x=1, y=1", "Next: x=2, y=2", "Next: x=0, y=3", "Next: x=1, y=4", "Next: x=2, y=5", "Stuttering: x=2, y=5"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, workers := range []int{1, 2} {
				res := run(t, inline(t, "Cycle", cycleTLA, tt.cfg), workers)
				if got := countsOf(res); got != tt.want {
					t.Fatalf("workers=%d: %+v, want %+v (%s)", workers, got, tt.want, res.Message)
				}
				if got := states(res); !reflect.DeepEqual(got, tt.trace) {
					t.Fatalf("workers=%d: trace %q, want %q", workers, got, tt.trace)
				}
			}
		})
	}
}

// TestPostconditionAfterLiveness: TLC checks POSTCONDITION after the
// temporal properties, so a violated property is the outcome (exit 13)
// even when the postcondition is false; without the property the false
// postcondition is (exit 10). Figures from TLC.
func TestPostconditionAfterLiveness(t *testing.T) {
	const tla = `---- MODULE Post ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Never == <>(x = 5)
Few == TLCGet("distinct") > 100
====
`
	tests := []struct {
		cfg  string
		want counts
		exit int
	}{
		{"INIT Init\nNEXT Next\nPROPERTY Never\nPOSTCONDITION Few\n", counts{OutcomeLiveness, 3, 4, 3, 2, "Never"}, 13},
		{"INIT Init\nNEXT Next\nPOSTCONDITION Few\n", counts{OutcomeError, 3, 4, 3, 0, "Few"}, 10},
	}
	for _, tt := range tests {
		res := run(t, inline(t, "Post", tla, tt.cfg), 1)
		if got := countsOf(res); got != tt.want || res.ExitCode != tt.exit {
			t.Errorf("%q: %+v exit %d, want %+v exit %d (%s)", tt.cfg, got, res.ExitCode, tt.want, tt.exit, res.Message)
		}
	}
}

// TestGraph: the recorded graph has every distinct state and transition,
// the trace's path, and DOT output; graphs beyond MaxGraphStates are
// refused with a clear message.
func TestGraph(t *testing.T) {
	m := inline(t, "Cycle", cycleTLA, "INIT Init\nNEXT Next\nINVARIANT Small\n")
	res, err := Check(context.Background(), m, Options{Workers: 1, RecordGraph: true})
	if err != nil {
		t.Fatal(err)
	}
	g := res.Graph
	wantEdges := []GraphEdge{{0, 1, "Next"}, {1, 2, "Next"}}
	if len(g.States) != 3 || !reflect.DeepEqual(g.Edges, wantEdges) || !reflect.DeepEqual(g.Path, []int{0, 1, 2}) {
		t.Fatalf("graph %+v", g)
	}
	var b strings.Builder
	if err := g.WriteDOT(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`0 [label="/\\ x = 0\n/\\ y = 0",style=filled,color=red,penwidth=2];`, `1 -> 2 [label="Next",color=red,fontcolor=red,penwidth=2];`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("DOT lacks %s:\n%s", want, b.String())
		}
	}
	big := strings.Replace(cycleTLA, "Bound == y <= 5", "Bound == y <= 20000", 1)
	res, err = Check(context.Background(), inline(t, "Cycle", big, "INIT Init\nNEXT Next\nCONSTRAINT Bound\n"), Options{Workers: 2, RecordGraph: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != OutcomeError || res.ExitCode != ExitErrorStatespaceTooLarge || !strings.Contains(res.Message, "more than 10000 states: too large to dump as DOT") {
		t.Fatalf("big graph: %s %d %q", res.Outcome, res.ExitCode, res.Message)
	}
}

const symViewTLA = `---- MODULE SymView ----
EXTENDS Naturals, Sequences, TLC
CONSTANT P
VARIABLES buf, w
Init == buf = <<>> /\ w = {}
Next == \/ /\ Len(buf) < 2
           /\ \E p \in P : buf' = Append(buf, p)
           /\ UNCHANGED w
        \/ /\ \E p \in P \ w : w' = w \cup {p}
           /\ UNCHANGED buf
View == <<Len(buf), w>>
Sym == Permutations(P)
====
`

// TestViewUnderSymmetry: with both SYMMETRY and VIEW, TLC reduces a state
// to its least symmetric image first and fingerprints the view of that
// image, so <<p1>> with w = {p2} and <<p2>> with w = {p2} stay apart
// (their least images differ in w). Figures from the reference TLC.
func TestViewUnderSymmetry(t *testing.T) {
	tests := []struct {
		name string
		cfg  string
		want counts
	}{
		{"symmetry and view", "SYMMETRY Sym\nVIEW View\n", counts{OutcomeOK, 11, 26, 5, 0, ""}},
		{"view", "VIEW View\n", counts{OutcomeOK, 12, 29, 5, 0, ""}},
		{"symmetry", "SYMMETRY Sym\n", counts{OutcomeOK, 15, 30, 5, 0, ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := "CONSTANT P = {p1, p2}\nINIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n" + tt.cfg
			for _, workers := range []int{1, 2} {
				res := run(t, inline(t, "SymView", symViewTLA, cfg), workers)
				if got := countsOf(res); got != tt.want {
					t.Fatalf("workers=%d: %+v, want %+v (%s)", workers, got, tt.want, res.Message)
				}
			}
		})
	}
}

// The least state of an orbit compares the variables in TLC's order, not
// in declaration order: TLC keeps them in its symbol table's (a Java
// Hashtable's) order, here last, n, box, got (as TLC prints them). last
// holds a string or a model value, so which image is least, and so the
// view fingerprinted, depends on that order (learntla's optimization spec:
// TLC 4,859 distinct states, declaration order gave 3,316). Figures from the
// reference TLC; declaration order gives 69 distinct, 124 generated.
const symViewOrderTLA = `---- MODULE SymViewOrder ----
EXTENDS Naturals, TLC
CONSTANT W
VARIABLES n, box, last, got
Init == n = 1 /\ box = [w \in W |-> {}] /\ last = "none" /\ got = [w \in W |-> 0]
Put == n <= 3 /\ \E w \in W : box' = [box EXCEPT ![w] = @ \union {n}] /\ n' = n + 1 /\ last' = "put" /\ UNCHANGED got
Take(w) == \E k \in box[w] : box' = [box EXCEPT ![w] = @ \ {k}] /\ got' = [got EXCEPT ![w] = @ + k] /\ last' = w /\ UNCHANGED n
Next == Put \/ \E w \in W : Take(w)
Sym == Permutations(W)
View == <<n, box, got>>
====
`

func TestViewUnderSymmetryVarOrder(t *testing.T) {
	cfg := "INIT Init\nNEXT Next\nCONSTANT W = {w1, w2, w3}\nSYMMETRY Sym\nVIEW View\nCHECK_DEADLOCK FALSE\n"
	want := counts{OutcomeOK, 79, 143, 7, 0, ""}
	for _, workers := range []int{1, 2} {
		res := run(t, inline(t, "SymViewOrder", symViewOrderTLA, cfg), workers)
		if got := countsOf(res); got != want {
			t.Fatalf("workers=%d: %+v, want %+v (%s)", workers, got, want, res.Message)
		}
	}
}

// TestPostconditionReadsVariable: TLC evaluates a POSTCONDITION with no
// state, so a state variable in it is no identifier (the reference TLC on
// the same files; tlals reported an index-out-of-range internal error).
func TestPostconditionReadsVariable(t *testing.T) {
	const tla = `---- MODULE PostVar ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x < 2 /\ x' = x + 1
Done == x = 2
====
`
	res := run(t, inline(t, "PostVar", tla, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\nPOSTCONDITION Done\n"), 1)
	want := "Evaluating postcondition Done at line 6, col 9 to line 6, col 13 of module PostVar failed.\nIn evaluation, the identifier x is either undefined or not an operator."
	if res.Outcome != OutcomeError || res.ExitCode != ExitViolationAssumption || res.Message != want || res.DistinctStates != 3 {
		t.Fatalf("got %s (exit %d, %d distinct): %q", res.Outcome, res.ExitCode, res.DistinctStates, res.Message)
	}
	if got := res.Location.tlc(); got != "line 6, col 9 to line 6, col 9 of module PostVar" {
		t.Errorf("location %s", got)
	}
}
