package testkit

// The large modules the keystroke benchmarks of parser, analysis and lsp
// edit, and the keystroke they repeat, so that they all measure the same
// thing.

import (
	"bytes"
	"fmt"
	"strings"
)

// Keystroke is the edit a keystroke benchmark repeats on a module: a space
// inserted just after a "==" in its middle (always a valid place for one),
// then removed again.
type Keystroke struct {
	at, n int
}

// NewKeystroke places the keystroke in src.
func NewKeystroke(src []byte) *Keystroke {
	mid := len(src) / 2
	return &Keystroke{at: bytes.Index(src[mid:], []byte("==")) + mid + 2}
}

// Next is the next edit: replace [start, end) with text (as
// parser.Document.Edit takes it).
func (k *Keystroke) Next() (start, end int, text []byte) {
	k.n++
	if k.n%2 == 1 {
		return k.at, k.at, []byte(" ")
	}
	return k.at, k.at + 1, nil
}

// Dense is a module of about lines lines made of 3-line definitions: a
// thousand units in 3,000 lines, the worst case for every per-definition
// cost. Real modules have far fewer definitions (the corpus's largest,
// byzpaxos/BPConProof at 2,173 lines, has about 40).
func Dense(lines int) string {
	var b strings.Builder
	b.WriteString("---- MODULE Big ----\nEXTENDS Naturals\nVARIABLE x\n")
	for i := 0; strings.Count(b.String(), "\n") < lines; i++ {
		fmt.Fprintf(&b, "Op%d(a, b) ==\n  /\\ a + b > %d\n  /\\ x' = IF a > b THEN {a, b} ELSE {i \\in 1..%d : i > a}\n", i, i, i)
	}
	b.WriteString("====\n")
	return b.String()
}

// Paxos is a module of about lines lines in the style of a real protocol
// specification: commented actions of 5 to 8 lines with bullet lists,
// quantifiers, records, EXCEPT and UNCHANGED (about 400 definitions in
// 3,000 lines, still ten times the corpus's density). It analyses without
// diagnostics.
func Paxos(lines int) string {
	var b strings.Builder
	b.WriteString(`---- MODULE Big ----
EXTENDS Naturals, Sequences, FiniteSets
CONSTANTS Acceptors, Values, Quorums, MaxBallot
VARIABLES maxBal, maxVBal, maxVal, msgs
vars == <<maxBal, maxVBal, maxVal, msgs>>
Ballots == 0..MaxBallot
Send(m) == msgs' = msgs \cup {m}
`)
	for i := 0; strings.Count(b.String(), "\n") < lines; i++ {
		fmt.Fprintf(&b, `
(* Phase 1a of ballot b, variant %[1]d. *)
Phase1a%[1]d(b) ==
  /\ b \in Ballots
  /\ ~ \E m \in msgs : m.type = "1a" /\ m.bal = b
  /\ Send([type |-> "1a", bal |-> b])
  /\ UNCHANGED <<maxBal, maxVBal, maxVal>>

Phase1b%[1]d(a) ==
  \E m \in msgs :
     /\ m.type = "1a"
     /\ m.bal > maxBal[a] + %[1]d
     /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
     /\ Send([type |-> "1b", acc |-> a, bal |-> m.bal, mbal |-> maxVBal[a], mval |-> maxVal[a]])
     /\ UNCHANGED <<maxVBal, maxVal>>

Chosen%[1]d(v) ==
  \E b \in Ballots, Q \in Quorums :
     \A a \in Q : \E m \in msgs : /\ m.type = "2b"
                                  /\ m.acc = a
                                  /\ m.bal = b
                                  /\ m.val = v
`, i)
	}
	b.WriteString("====\n")
	return b.String()
}
