package liveness_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlals/tlals/checker"
)

// summary renders a result as "outcome distinct | state -> state ... | back"
// with each state as its variables' values.
func summary(r *checker.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %d", r.Outcome, r.DistinctStates)
	if r.Property != "" {
		fmt.Fprintf(&b, " %s", r.Property)
	}
	for i, st := range r.Trace {
		if i == 0 {
			b.WriteString(" |")
		}
		var vals []string
		for _, v := range st.State {
			vals = append(vals, v.Value)
		}
		fmt.Fprintf(&b, " %s:%s", st.Action, strings.Join(vals, ","))
	}
	if r.Lasso != nil {
		fmt.Fprintf(&b, " | %s", r.Lasso.TLCLine(len(r.Trace)))
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(&b, " | warning: %s", w)
	}
	return b.String()
}

func run(t *testing.T, tla, cfg string) *checker.Result {
	t.Helper()
	return runWorkers(t, tla, cfg, 1)
}

func runWorkers(t *testing.T, tla, cfg string, workers int) *checker.Result {
	t.Helper()
	m, err := checker.LoadModel(filepath.Join("testdata", tla), filepath.Join("testdata", cfg), nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := checker.Check(context.Background(), m, checker.Options{Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLivenessEndToEnd(t *testing.T) {
	tests := []struct {
		tla, cfg string
		want     string
	}{
		{"LiveCounter.tla", "LiveCounter_NoFair.cfg",
			"liveness 4 Reaches3 | Initial predicate:0 Inc:1 Inc:2 Stuttering:2 | State 4: Stuttering"},
		{"LiveCounter.tla", "LiveCounter_Fair.cfg",
			"ok 4"},
		{"LiveCounter.tla", "LiveCounter_Stays.cfg",
			"liveness 4 Stays | Initial predicate:0 Inc:1 Inc:2 Inc:3 | Back to state 1: <Reset line 7, col 10 to line 7, col 24 of module LiveCounter>"},
		{"LiveCounter.tla", "LiveCounter_Enabled.cfg",
			"liveness 4 IncEnabledForever | Initial predicate:0 Inc:1 Inc:2 Inc:3 | Back to state 1: <Reset line 7, col 10 to line 7, col 24 of module LiveCounter>"},
		{"LiveCounter.tla", "LiveCounter_Weird.cfg",
			"liveness 4 Weird | Initial predicate:0 Inc:1 Inc:2 Inc:3 Reset:0 | Back to state 2: <Inc line 6, col 8 to line 6, col 26 of module LiveCounter>"},
		{"LiveCounter.tla", "LiveCounter_Unbounded.cfg",
			"error 4 | TLC encountered the non-enumerable quantifier bound\nNat\nline 19, col 23 to line 19, col 25 of module LiveCounter\nThe set Nat contains infinitely many elements. As a result, TLC cannot evaluate expressions that\nuniversally (\\A) or existentially (\\E) quantify over Nat, because this would require checking an\ninfinite number of cases. Note that TLC handles set membership like T \\subseteq Nat for any finite set T. @19:23"},
		{"LiveCounter.tla", "LiveCounter_FairProp.cfg",
			// TLC's warning (its text, for this spec)
			"liveness 4 FairProp | Initial predicate:0 Stuttering:0 | State 2: Stuttering | warning: The stuttering counterexample above may be caused by the absence of a fairness constraint in the behavior specification Spec defined at line 9, col 1 to line 9, col 29 of module LiveCounter. To rule out such counterexamples, conjoin a suitable fairness constraint to Spec (compare Chapter 8, page 87ff of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html)."},
		{"LiveCounter.tla", "LiveCounter_IfNoFair.cfg",
			"liveness 4 IfProp | Initial predicate:0 Inc:1 Inc:2 Stuttering:2 | State 4: Stuttering"},
		{"LiveCounter.tla", "LiveCounter_IfFair.cfg", "ok 4"},
		// TLC does not split C!Next, a definition of an instance (the
		// reference TLC names every step C!Next at the INSTANCE definition)
		{"Wrapper.tla", "Wrapper.cfg",
			"liveness 4 Prop | Initial predicate:0 C!Next:1 C!Next:2 C!Next:3 | Back to state 1: <C!Next line 4, col 1 to line 4, col 25 of module Wrapper>"},
		{"Refine.tla", "Refine_Fair.cfg",
			"ok 4 | warning: ENABLED of the action of WF/SF at line 6, col 36 to line 6, col 39 of module Abstract was evaluated on the explored successors: the action assigns a variable through an INSTANCE substitution and cannot be enumerated; a violation may be missed"},
		{"Refine.tla", "Refine_Unfair.cfg",
			"liveness 4 Refines | Initial predicate:0 Stuttering:0 | State 2: Stuttering | warning: The stuttering counterexample above may be caused by the absence of a fairness constraint in the behavior specification Unfair defined at line 7, col 1 to line 7, col 28 of module Refine. To rule out such counterexamples, conjoin a suitable fairness constraint to Unfair (compare Chapter 8, page 87ff of Specifying Systems at https://lamport.azurewebsites.net/tla/book.html). | warning: ENABLED of the action of WF/SF at line 6, col 36 to line 6, col 39 of module Abstract was evaluated on the explored successors: the action assigns a variable through an INSTANCE substitution and cannot be enumerated; a violation may be missed"},
		{"Toggle.tla", "Toggle_WF.cfg",
			"liveness 4 EventuallyY | Initial predicate:0,FALSE A:1,FALSE | Back to state 1: <A line 6, col 6 to line 6, col 30 of module Toggle>"},
		{"Toggle.tla", "Toggle_SF.cfg",
			"ok 4"},
		{"Procs.tla", "Procs_All.cfg",
			"ok 4"},
		{"SymLive.tla", "SymLive.cfg",
			"ok 3 | warning: " + checker.SymmetryLivenessWarning},
		// TLC warns at start-up: a safety violation comes with it too
		{"SymLive.tla", "SymLive_Inv.cfg",
			"invariant 2 NoneDone | Initial predicate:(p1 :> \"a\" @@ p2 :> \"a\") Step(p1):(p1 :> \"Done\" @@ p2 :> \"a\") | warning: " + checker.SymmetryLivenessWarning},
		{"Procs.tla", "Procs_Unfair.cfg",
			"liveness 4 Termination | Initial predicate:<<\"a\", \"a\">> Step(1):<<\"Done\", \"a\">> Stuttering:<<\"Done\", \"a\">> | State 3: Stuttering"},
		{"Procs.tla", "Procs_One.cfg",
			"liveness 4 EachDone | Initial predicate:<<\"a\", \"a\">> Step(1):<<\"Done\", \"a\">> Stuttering:<<\"Done\", \"a\">> | State 3: Stuttering"},
	}
	for _, tc := range tests {
		t.Run(tc.cfg, func(t *testing.T) {
			r := run(t, tc.tla, tc.cfg)
			got := summary(r)
			if r.Outcome == checker.OutcomeError {
				got += " | " + r.Message
				if r.Location != nil {
					got += fmt.Sprintf(" @%d:%d", r.Location.StartLine, r.Location.StartColumn)
				}
			}
			if got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
			// several workers record the graph and check the clauses
			// concurrently: the same verdict (state ids, hence the
			// lasso, may differ)
			r3 := runWorkers(t, tc.tla, tc.cfg, 3)
			if r3.Outcome != r.Outcome || r3.DistinctStates != r.DistinctStates || r3.Property != r.Property || r3.Message != r.Message || fmt.Sprint(r3.Warnings) != fmt.Sprint(r.Warnings) || (r3.Lasso == nil) != (r.Lasso == nil) {
				t.Errorf("3 workers: got %s, one worker %s", summary(r3), summary(r))
			}
		})
	}
}

// The seed demo: one worker, Converges == <>[](content = uploads) holds
// under \A self \in Workers : WF_vars(worker(self)).
func TestUploader2Converges(t *testing.T) {
	m, err := checker.LoadModel("../testdata/Uploader2_translated.tla", "../testdata/Uploader2_translated.cfg", nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := checker.Check(context.Background(), m, checker.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Outcome != checker.OutcomeOK || r.DistinctStates != 9447 || len(r.Warnings) != 0 {
		t.Fatalf("got %s (%s), %d distinct, warnings %q; want ok, 9447, none", r.Outcome, r.Message, r.DistinctStates, r.Warnings)
	}
	r, err = checker.Check(context.Background(), m, checker.Options{Workers: 2})
	if err != nil || r.Outcome != checker.OutcomeOK || r.DistinctStates != 9447 || len(r.Warnings) != 0 {
		t.Fatalf("2 workers: got %v %s (%s), %d distinct, warnings %q; want ok, 9447, none", err, r.Outcome, r.Message, r.DistinctStates, r.Warnings)
	}
}

// JSON's lassoStart is the 0-based trace index the cycle returns to.
func TestLassoStartJSON(t *testing.T) {
	tests := []struct {
		tla, cfg string
		start    int
	}{
		{"Procs.tla", "Procs_One.cfg", 1},               // stutters in state 2
		{"LiveCounter.tla", "LiveCounter_Stays.cfg", 0}, // back to state 1
	}
	for _, tc := range tests {
		r := run(t, tc.tla, tc.cfg)
		if got := r.LassoStartJSON(); got == nil || *got != tc.start {
			t.Errorf("%s: lassoStart %v, want %d", tc.cfg, got, tc.start)
		}
	}
	r := run(t, "LiveCounter.tla", "LiveCounter_Stays.cfg")
	js, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"lassoStart":0,`) {
		t.Errorf("JSON lacks lassoStart 0: %s", js)
	}
	if text := r.TLCText(); !strings.Contains(text, "Error: Temporal property Stays was violated.\n") || !strings.Contains(text, "State 4: <Inc line 6, col 8 to line 6, col 26 of module LiveCounter>\nx = 3\n\nBack to state 1: <Reset line 7, col 10 to line 7, col 24 of module LiveCounter>\n") {
		t.Errorf("TLC text:\n%s", text)
	}
	if r := run(t, "LiveCounter.tla", "LiveCounter_Fair.cfg"); r.LassoStartJSON() != nil {
		t.Errorf("no lasso when the property holds")
	}
}

// Properties whose negation the monitor's atoms cannot express (nested
// eventualities, [] inside <>) are checked with a tableau. The verdicts
// are TLC's on the same model (TLC's counterexamples for these vary from
// run to run with its fingerprint order, so only the verdict is compared).
func TestTableauVerdicts(t *testing.T) {
	violated := map[string]bool{ // by spec and property; the others hold
		"Spec P1": true, "Spec P4": true, "Spec P8": true, "Spec P9": true,
		"SpecNoFair P1": true, "SpecNoFair P2": true, "SpecNoFair P3": true, "SpecNoFair P4": true,
		"SpecNoFair P5": true, "SpecNoFair P6": true, "SpecNoFair P7": true, "SpecNoFair P8": true,
		"SpecNoFair P9": true, "SpecNoFair P11": true, "SpecNoFair P12": true,
	}
	dir := t.TempDir()
	for _, spec := range []string{"Spec", "SpecNoFair"} {
		for i := 1; i <= 12; i++ {
			name := fmt.Sprintf("%s P%d", spec, i)
			cfg := filepath.Join(dir, fmt.Sprintf("%s_%d.cfg", spec, i))
			if err := os.WriteFile(cfg, []byte(fmt.Sprintf("SPECIFICATION %s\nPROPERTY P%d\n", spec, i)), 0o644); err != nil {
				t.Fatal(err)
			}
			m, err := checker.LoadModel(filepath.Join("testdata", "Tableau.tla"), cfg, nil)
			if err != nil {
				t.Fatal(err)
			}
			r, err := checker.Check(context.Background(), m, checker.Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			want := checker.OutcomeOK
			if violated[name] {
				want = checker.OutcomeLiveness
			}
			// TLC stops at the violation of P1 a finite prefix shows, before
			// the search ends (prefix_test.go)
			distinct := int64(8)
			if name == "SpecNoFair P1" {
				distinct = 6
			}
			if r.Outcome != want || r.DistinctStates != distinct {
				t.Errorf("%s: got %s (%s), %d distinct; want %s, %d", name, r.Outcome, r.Message, r.DistinctStates, want, distinct)
			}
		}
	}
}

// TestTLCLassoShapes: counterexamples whose shape TLC prints the same
// whatever its fingerprint function (checked with tlc -fp 0..4): the
// states and the closing line are TLC's. The shapes: stuttering after a
// prefix, a cycle reached after a prefix under the fairness of several
// actions (<>P, []<>P, <>[]P), a property checked with the tableau
// (nested <> and []), and a cycle that closes through a symmetric state.
func TestTLCLassoShapes(t *testing.T) {
	step := func(e string) string { return "Step(" + e + ")" }
	const down = "Down line 8, col 9 to line 8, col 33 of module Shapes"
	climb := " | Initial predicate:0,0 Up:0,1 Up:0,2" // m, then n: TLC's order
	tests := []struct {
		tla, cfg string
		want     string
	}{
		{"Shapes.tla", "Shapes_Spec1_ReachFive.cfg",
			"liveness 4 ReachFive" + climb + " Stuttering:0,2 | State 4: Stuttering"},
		{"Shapes.tla", "Shapes_Spec2_ReachFive.cfg",
			"liveness 4 ReachFive" + climb + " Up:0,3 | Back to state 3: <" + down + ">"},
		{"Shapes.tla", "Shapes_Spec2_InfOftenZero.cfg",
			"liveness 4 InfOftenZero" + climb + " Up:0,3 | Back to state 3: <" + down + ">"},
		{"Shapes.tla", "Shapes_Spec2_StableTwo.cfg",
			"liveness 4 StableTwo" + climb + " Up:0,3 | Back to state 3: <" + down + ">"},
		{"Ring.tla", "Ring_T2.cfg",
			"liveness 3 T2 | Initial predicate:0 Next:1 Next:2 | Back to state 1: <Next line 5, col 9 to line 5, col 24 of module Ring>"},
		{"Ring.tla", "Ring_T3.cfg",
			"liveness 3 T3 | Initial predicate:0 Next:1 Next:2 | Back to state 1: <Next line 5, col 9 to line 5, col 24 of module Ring>"},
		{"Ring.tla", "Ring_T4.cfg",
			"liveness 3 T4 | Initial predicate:0 Next:1 Next:2 | Back to state 1: <Next line 5, col 9 to line 5, col 24 of module Ring>"},
		// the classes are the values of n: Flip returns to the initial
		// state's class, with x changed, which violates KeepsX
		{"SymLasso.tla", "SymLasso_Keeps.cfg",
			"liveness 3 KeepsX | Initial predicate:0,p Step:1,p Step:2,p | Back to state 1: <Flip line 10, col 9 to line 10, col 37 of module SymLasso> | warning: " + checker.SymmetryLivenessWarning},
		// q (Second) stays at 1 while p cycles: TLC's tableau reads
		// st[q] = 1 on the successor as produced, here the initial state's
		// Step(q) successor, filed under the class of Step(p)'s, and the
		// cycle starts at the component's node nearest the initial state.
		// The length and the closing line are TLC's; the states are the
		// members as produced (TLC prints a behaviour it rebuilds through
		// the classes)
		{"SymLeads.tla", "SymLeads_Back.cfg",
			"liveness 6 Back | Initial predicate:(p :> 0 @@ q :> 0) " + step("q") + ":(p :> 0 @@ q :> 1) " + step("q") + ":(p :> 1 @@ q :> 1) " +
				step("p") + ":(p :> 2 @@ q :> 1) " + step("p") + ":(p :> 0 @@ q :> 1) | Back to state 3: <" + step("q") + " line 7, col 12 to line 7, col 47 of module SymLeads> | warning: " + checker.SymmetryLivenessWarning},
	}
	for _, tc := range tests {
		t.Run(tc.cfg, func(t *testing.T) {
			if got := summary(run(t, tc.tla, tc.cfg)); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestTautology: TLC rejects the temporal properties as a tautology when
// its constant folding (through /\, \/ and ~, not [] and <>) makes every
// property TRUE, or when a property is a conjunction over an empty set;
// a property folded to TRUE beside another is left out. Outcomes from TLC.
func TestTautology(t *testing.T) {
	const taut = "error: Temporal formula is a tautology (its negation is unsatisfiable)."
	tests := []struct {
		spec, props string
		want        string
	}{
		{"Spec", "OrTrue", taut},
		{"FSpec", "OrTrue", taut},
		{"Spec", "ImpliesTrue", taut},
		{"Spec", "NotFalse", taut},
		{"Spec", "OrTrue ImpliesTrue", taut},
		{"Spec", "EmptyAll Fails", taut},
		{"Spec", "OrTrue Fails", "liveness: Temporal property Fails was violated."},
		{"Spec", "Fails OrTrue", "liveness: Temporal property Fails was violated."},
		{"Spec", "EvTrue", "ok: "},
		{"Spec", "AlwaysOr", "ok: "},
		{"Spec", "SameState", "ok: "},
	}
	dir := t.TempDir()
	for i, tc := range tests {
		cfg := filepath.Join(dir, fmt.Sprintf("Taut%d.cfg", i))
		if err := os.WriteFile(cfg, []byte(fmt.Sprintf("SPECIFICATION %s\nPROPERTY %s\n", tc.spec, tc.props)), 0o644); err != nil {
			t.Fatal(err)
		}
		m, err := checker.LoadModel(filepath.Join("testdata", "Taut.tla"), cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		r, err := checker.Check(context.Background(), m, checker.Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Outcome + ": " + r.Message; got != tc.want {
			t.Errorf("%s, PROPERTY %s: got %q, want %q", tc.spec, tc.props, got, tc.want)
		}
	}
}
