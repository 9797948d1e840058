// Package liveness checks temporal properties on the behaviour graph that the
// model checker explored, in the way of TLC's tlc2.tool.liveness.
//
// The property (and the specification's fairness) is compiled from the AST
// through a Host, which compiles the state- and action-level leaves and
// unfolds definitions and quantifiers. The negated property is put into a
// disjunction of clauses, each a conjunction of atoms over leaf predicates:
//
//	init P, []P, <>P, []<>P, <>[]P and <>(P /\ []Q)
//
// A clause is checked on the product of the behaviour graph (every state
// also stutters) with a small monitor that remembers which <>P have
// happened and whether <>(P /\ []Q) has started. A violation is a
// reachable strongly connected component of the product, restricted to the
// steps allowed by the <>[]P atoms, that satisfies every []<>P atom and the
// fairness: WF_v(A) needs a state where <<A>>_v is disabled or an <<A>>_v
// step; SF_v(A) an <<A>>_v step, or else the component minus its states
// where <<A>>_v is enabled is searched again (Emerson-Lei refinement).
// Components come from an iterative Tarjan, so depth is never a problem.
//
// Predicates are evaluated on steps: a state predicate on the step's first
// state, an action predicate on the pair. Since every state of an infinite
// behaviour begins a step, []P, <>P, []<>P and <>[]P mean the same for a
// state predicate P whether read on states or on steps.
//
// The checker records the graph during its safety search (no second
// exploration). CheckAll checks several properties sharing the leaves'
// values (the fairness is evaluated once, not once a property), and with a
// Forker graph searches the clauses with several goroutines, evaluating
// the leaves concurrently into shared tables of two bits an entry.
package liveness

import "github.com/tlals/tlals/checker/spillmem"

// Stutter labels the stuttering step of a state (to itself, nothing
// changes). Initial labels the first state of a behaviour.
const (
	Stutter int32 = -2
	Initial int32 = -1
)

// Edge is a successor of a state and the index of the action that reached
// it.
type Edge struct {
	To     int32
	Action int32
}

// Graph is the behaviour graph as the checker explored it, and the
// evaluation of the leaves the Host compiled. States are numbered 0..n-1.
// Successors lists no stuttering steps: liveness adds them.
type Graph interface {
	NumStates() int
	Initial() []int32
	Successors(s int32) []Edge
	// StatePred evaluates a state-level leaf in state s (ENABLED
	// included).
	StatePred(leaf int, s int32) (bool, error)
	// ActionPred evaluates an action-level leaf on the step s -> t.
	ActionPred(leaf int, s, t int32) (bool, error)
}

// StepGraph is a Graph whose steps between the same two states can differ
// (under SYMMETRY a node is a class of states, and a step's successor is
// the state the action produced): an action-level leaf is evaluated on
// step k of Successors(s), k = -1 the stuttering step of s.
type StepGraph interface {
	Graph
	StepPred(leaf int, s int32, k int) (bool, error)
}

// Scratch is a Graph whose check keeps its large tables (the product with
// a clause's monitor, the component search's arrays) in an arena mapped
// from files rather than on the heap: the graph of a run that spills to
// disk, larger than its memory budget.
type Scratch interface {
	Arena() *spillmem.Arena
}

// Lasso is a counterexample: Steps from an initial state, the cycle being
// Steps[Loop:], closed by a step labelled BackAction from the last state
// back to Steps[Loop].
type Lasso struct {
	Steps      []Step
	Loop       int
	BackAction int32
	// Boxed: the clause of the negated property it satisfies needs more
	// than a state sequence's prefix to fail, a promise with a [] in it
	// or a []<> or <>[] condition (TLC's OrderOfSolution is not
	// hasEmptyPEMAndBoxFreePromises): a stuttering one may then be an
	// artefact of missing fairness, which TLC warns of.
	Boxed bool
}

// Step is one state of a lasso and the label of the step that reached it
// (Initial for the first state, Stutter for a stuttering step).
type Step struct {
	State  int32
	Action int32
}

// Stuttering reports whether the behaviour ends stuttering forever in its
// last state (TLC prints "N: Stuttering"); otherwise TLC prints "N: Back to
// state Loop+1".
func (l *Lasso) Stuttering() bool {
	return l.BackAction == Stutter && l.Loop == len(l.Steps)-1
}
