package checker

import (
	"strings"
	"testing"
)

// realSpecCase is a construct met in real-world specs outside the corpus,
// written as a small spec; the figures are the reference TLC's (-workers 1).
type realSpecCase struct {
	name, tla, cfg string
	outcome        string
	distinct       int64 // checked when outcome is OK
	depth          int   // checked when outcome is OK
	traceLen       int   // checked when a property fails
	property       string
}

func runRealSpecCases(t *testing.T, cases []realSpecCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			res := run(t, inline(t, moduleName(tt.tla), tt.tla, tt.cfg), 1)
			if res.Outcome != tt.outcome || res.Property != tt.property {
				t.Fatalf("outcome %s %q, want %s %q (%s)", res.Outcome, res.Property, tt.outcome, tt.property, res.Message)
			}
			if tt.outcome == OutcomeOK && (res.DistinctStates != tt.distinct || res.Depth != tt.depth) {
				t.Fatalf("%d distinct, depth %d; want %d, %d", res.DistinctStates, res.Depth, tt.distinct, tt.depth)
			}
			if tt.outcome != OutcomeOK && len(res.Trace) != tt.traceLen {
				t.Fatalf("trace of %d states, want %d", len(res.Trace), tt.traceLen)
			}
		})
	}
}

// moduleName reads the name from the `---- MODULE Name ----` line.
func moduleName(tla string) string {
	var name string
	for i := 0; i+6 < len(tla); i++ {
		if tla[i:i+6] == "MODULE" {
			j := i + 7
			for j < len(tla) && tla[j] != ' ' {
				j++
			}
			name = tla[i+7 : j]
			break
		}
	}
	return name
}

// TestLazyInfiniteSetElements: a set of infinite sets ({[D -> Int \cup
// {NULL}]}, UNION of it) stays lazy, so membership in it works as in TLC
// (the RingBuffer TypeOk of the Disruptor example).
func TestLazyInfiniteSetElements(t *testing.T) {
	runRealSpecCases(t, []realSpecCase{{
		name: "UNION of a set of infinite function sets",
		tla: `---- MODULE LazyUnion ----
EXTENDS Integers
CONSTANT NULL
VARIABLE x
Vals(S) == S \cup {NULL}
Init == x = [i \in 0..1 |-> NULL]
Next == \E i \in 0..1, v \in 1..2 : x[i] = NULL /\ x' = [x EXCEPT ![i] = v]
InUnion == x \in UNION { [0..1 -> Vals(Int)] }
Small == \A i \in 0..1 : x[i] # 2
====
`,
		cfg:     "CONSTANT NULL = NULL\nINIT Init\nNEXT Next\nINVARIANT InUnion Small\n",
		outcome: OutcomeInvariant, traceLen: 2, property: "Small",
	}, {
		name: "record set whose fields are UNIONs",
		tla: `---- MODULE LazyRec ----
EXTENDS Integers
CONSTANT NULL
VARIABLE r
Init == r = [slots |-> [i \in 0..1 |-> NULL], readers |-> [i \in 0..1 |-> {}]]
Next == \E i \in 0..1 : r.slots[i] = NULL /\ r' = [r EXCEPT !.slots[i] = i]
TypeOK == r \in [slots: UNION {[0..1 -> Int \union {NULL}]}, readers: UNION {[0..1 -> SUBSET {1}]}]
====
`,
		cfg:     "CONSTANT NULL = NULL\nINIT Init\nNEXT Next\nINVARIANT TypeOK\nCHECK_DEADLOCK FALSE\n",
		outcome: OutcomeOK, distinct: 4, depth: 3,
	}})
}

// TestBodyRef: `Name!:` names the body of a definition, theorem or
// assumption (MC modules write `ASSUME Thm!:` to have TLC check a theorem).
func TestBodyRef(t *testing.T) {
	const thm = `---- MODULE Thm ----
EXTENDS Naturals
CONSTANT N
VARIABLE x
ASSUME Pos == N > 0
THEOREM Bounded == \A i \in 1..N : i <= N
ASSUME Bounded!:
ASSUME Pos!:
Op(a) == a + N
Init == x = 0
Next == x' = Op(x) % 5
Inv == Op(x)!: < 10
THEOREM Small == x < 4
SmallBody == Small!:
====
`
	runRealSpecCases(t, []realSpecCase{
		{name: "theorem body as invariant", tla: thm, cfg: "CONSTANT N = 3\nINIT Init\nNEXT Next\nINVARIANT Inv SmallBody\n",
			outcome: OutcomeInvariant, traceLen: 4, property: "SmallBody"},
		{name: "operator body holds", tla: thm, cfg: "CONSTANT N = 3\nINIT Init\nNEXT Next\nINVARIANT Inv\n",
			outcome: OutcomeOK, distinct: 5, depth: 5},
	})
}

// TestActionComposition: TLC (without -Dtlc2.tool.impl.Tool.cdot=true)
// fails when it evaluates A \cdot B, after the initial states; TLCGet of a
// "-D" key answers the key itself when the property is unset, so an MC
// module's ASSUME TLCGet("-D...") = "true" is false.
func TestActionComposition(t *testing.T) {
	const cd = `---- MODULE CD ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
A == x' = x + 1
B == x' = x * 2
Next == (A \cdot B) \/ A
Inv == x < 10
====
`
	runRealSpecCases(t, []realSpecCase{
		{name: "composition evaluated", tla: cd, cfg: "INIT Init\nNEXT Next\nINVARIANT Inv\n",
			outcome: OutcomeError, traceLen: 1},
		{name: "assumption on the -D property", tla: strings.Replace(cd, "Inv == x < 10", "Inv == x < 10\nASSUME TLCGet(\"-Dtlc2.tool.impl.Tool.cdot\") = \"true\"", 1),
			cfg: "INIT Init\nNEXT Next\nINVARIANT Inv\n", outcome: OutcomeAssume, property: "ASSUME"},
	})
}
