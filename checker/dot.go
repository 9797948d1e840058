package checker

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tlals/tlals/checker/eval"
)

// MaxGraphStates bounds the state graph Options.RecordGraph keeps: a DOT
// file of more states is unreadable, and the graph holds every state.
const MaxGraphStates = 10_000

// Graph is the explored state graph (Options.RecordGraph).
type Graph struct {
	States []GraphState
	Edges  []GraphEdge
	// Path are the states of the counterexample trace, first to last.
	Path []int
}

// GraphState is one distinct state.
type GraphState struct {
	Initial bool
	State   []VarValue
}

// GraphEdge is a transition found by Action (an index into Graph.States).
type GraphEdge struct {
	From, To int
	Action   string
}

type graphRec struct {
	values  [][]eval.Value // by node id
	initial []bool
	edges   []GraphEdge
}

// record notes the transition parent -> id (parent < 0 for an initial state)
// when the graph is recorded; it stops the search beyond MaxGraphStates.
func (s *search) record(parent, id, action int32, st []eval.Value, unseen bool) {
	if !s.opt.RecordGraph || id < 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g := &s.graph
	if unseen {
		if int(id) >= MaxGraphStates {
			s.fail(&failure{outcome: OutcomeError, msg: fmt.Sprintf("the state graph has more than %d states: too large to dump as DOT (bound the model, or use -max-states)", MaxGraphStates), node: -2, code: ExitErrorStatespaceTooLarge})
			return
		}
		for len(g.values) <= int(id) {
			g.values = append(g.values, nil)
			g.initial = append(g.initial, false)
		}
		g.values[id] = st
		g.initial[id] = parent < 0
	}
	if parent >= 0 && int(id) < MaxGraphStates {
		g.edges = append(g.edges, GraphEdge{int(parent), int(id), s.actions[action].Name})
	}
}

func (s *search) fillGraph(res *Result) {
	if !s.opt.RecordGraph {
		return
	}
	g := &Graph{Edges: s.graph.edges}
	for i, vals := range s.graph.values {
		st := GraphState{Initial: s.graph.initial[i]}
		if vals != nil { // TLC's dot dump labels a state as it prints one
			st.State = printedState(s.prog, vals, eval.Format)
		}
		g.States = append(g.States, st)
	}
	if s.err != nil && s.err.node >= 0 {
		for id := s.err.node; id >= 0; id = s.nodes[id].parent {
			g.Path = append([]int{int(id)}, g.Path...)
		}
	}
	res.Graph = g
}

// WriteDOT writes the graph in Graphviz's DOT language: states labelled
// with their TLC-printed values, initial states filled, the
// counterexample's states and steps in red.
func (g *Graph) WriteDOT(w io.Writer) error {
	onPath, pathEdge := g.pathSets()
	var b strings.Builder
	b.WriteString("strict digraph StateGraph {\nnodesep=0.35;\n")
	for id, st := range g.States {
		lines := make([]string, len(st.State))
		for i, v := range st.State {
			lines[i] = "/\\ " + v.Name + " = " + v.Value
		}
		attrs := "label=" + strconv.Quote(strings.Join(lines, "\n"))
		if st.Initial {
			attrs += ",style=filled"
		}
		if onPath[id] {
			attrs += ",color=red,penwidth=2"
		}
		fmt.Fprintf(&b, "%d [%s];\n", id, attrs)
	}
	for _, e := range g.Edges {
		attrs := "label=" + strconv.Quote(e.Action)
		if pathEdge[[2]int{e.From, e.To}] {
			attrs += ",color=red,fontcolor=red,penwidth=2"
		}
		fmt.Fprintf(&b, "%d -> %d [%s];\n", e.From, e.To, attrs)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}
