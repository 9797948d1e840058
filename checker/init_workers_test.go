package checker

import (
	"reflect"
	"strings"
	"testing"
)

// initWorkersSpec has 16,000 initial states generated, 11,500 distinct
// (x = n % 5000 repeats x for n >= 5000, with y \in {n % 3, 7}): several
// batches of the workers' initial-state checks (initpar.go), with
// duplicates across batches and failures late in the enumeration.
const initWorkersSpec = `---- MODULE I ----
EXTENDS Naturals
VARIABLES x, y
vars == <<x, y>>
Init == \E n \in 0..7999 : x = n % 5000 /\ y \in {n % 3, 7}
Next == x' = (x + 1) % 5000 /\ y' = y
Spec == Init /\ [][Next]_vars
InvA == ~(x = 4321 /\ y = 7)
InvB == IF x = 1500 /\ y = 2 THEN 1 \div 0 = 0 ELSE TRUE
ConsE == IF x = 1500 /\ y = 2 THEN 1 \div 0 = 0 ELSE TRUE
InvC == ~(x = 1500 /\ y = 2)
ConsH == y # 7
Init2 == \E n \in 0..7999 : x = n % 5000 /\ (n # 6500 => y = 0)
Live == <>(x = 0)
====
`

// initPrintSpec prints from an invariant and reads TLCGet("distinct"): the
// initial states are then checked in TLC's order whatever the workers
// (eval's SeesOrder), so the output is one worker's.
const initPrintSpec = `---- MODULE P ----
EXTENDS Naturals, TLC
VARIABLES x
Init == x \in 0..4999
Next == x' = x
Inv == IF x % 1000 = 7 THEN PrintT(<<x, TLCGet("distinct")>>) ELSE TRUE
====
`

// TestInitialStatesPrintInOrder: TLC (tlc -workers 2 on initPrintSpec)
// prints <<7, 8>>, <<1007, 1008>>, ..., <<4007, 4008>> in that order and
// nothing else: it checks the initial states in its main thread.
func TestInitialStatesPrintInOrder(t *testing.T) {
	m := inline(t, "P", initPrintSpec, "INIT Init\nNEXT Next\nINVARIANT Inv\n")
	want := "<<7, 8>>|<<1007, 1008>>|<<2007, 2008>>|<<3007, 3008>>|<<4007, 4008>>"
	for _, w := range []int{1, 2, 4} {
		res := run(t, m, w)
		var got []string
		for _, p := range res.Output {
			got = append(got, p.Text)
		}
		if g := strings.Join(got, "|"); g != want {
			t.Errorf("%d workers: printed %s, want %s", w, g, want)
		}
	}
}

// TestInitialStatesAnyWorkers: the initial states checked by several
// workers give the outcome, counts and trace of one worker, which are
// TLC's (tlc -workers 1 on this module: the counts it prints, the state
// it reports; it prints no counts for a violated invariant of an initial
// state or an illegal one).
func TestInitialStatesAnyWorkers(t *testing.T) {
	cases := []struct {
		cfg                 string
		outcome             string
		generated, distinct int64
		left                int64
		depth               int
		trace               string // the last state of the trace
	}{
		// n = 4321 (TLC prints no counts: -1, those of one worker)
		{"INIT Init\nNEXT Next\nINVARIANT InvA\n", OutcomeInvariant, -1, -1, -1, 1, "x=4321, y=7"},
		// n = 6500: TLC queues the state whose invariant fails
		{"INIT Init\nNEXT Next\nINVARIANT InvB\n", OutcomeError, 13001, 11501, 11501, 1, "x=1500, y=2"},
		{"INIT Init\nNEXT Next\nINVARIANT InvC\n", OutcomeInvariant, -1, -1, -1, 1, "x=1500, y=2"},
		// a constraint that fails: the state is not queued
		{"INIT Init\nNEXT Next\nCONSTRAINT ConsE\n", OutcomeError, 13001, 11500, 11500, 1, ""},
		{"INIT Init\nNEXT Next\nCONSTRAINT ConsH\n", OutcomeOK, 31000, 15000, 0, 3, ""},
		{"INIT Init2\nNEXT Next\n", OutcomeError, -1, -1, -1, 1, "x=1500, y=null"},
		{"SPECIFICATION Spec\nPROPERTY Live\n", OutcomeLiveness, 36000, 20000, 0, 3, "x=4999, y=1"},
	}
	for _, c := range cases {
		m := inline(t, "I", initWorkersSpec, c.cfg)
		one := run(t, m, 1)
		for _, w := range []int{1, 2, 4} {
			res := run(t, m, w)
			got := [...]any{res.Outcome, res.GeneratedStates, res.DistinctStates, res.QueueLeft, res.Depth}
			want := [...]any{c.outcome, c.generated, c.distinct, c.left, c.depth}
			if c.generated < 0 {
				want[1], want[2], want[3] = one.GeneratedStates, one.DistinctStates, one.QueueLeft
			}
			if got != want {
				t.Errorf("%q, %d workers: %v, want %v", strings.Split(c.cfg, "\n")[:3], w, got, want)
				continue
			}
			st := states(res)
			if last := ""; c.trace != "" {
				if len(st) > 0 {
					last = st[len(st)-1]
				}
				if !strings.HasSuffix(last, ": "+c.trace) {
					t.Errorf("%q, %d workers: trace ends at %q, want %q", strings.Split(c.cfg, "\n")[:3], w, last, c.trace)
				}
			}
			if !reflect.DeepEqual(st, states(one)) || res.Message != one.Message {
				t.Errorf("%q, %d workers: %q\n%s\nwant\n%q\n%s", strings.Split(c.cfg, "\n")[:3], w, res.Message, strings.Join(st, "\n"), one.Message, strings.Join(states(one), "\n"))
			}
		}
	}
}
