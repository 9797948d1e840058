package eval

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// recorder is a DebugHook that writes each event as a line.
type recorder struct {
	sites  []string
	events []string
}

func (r *recorder) Site(k DebugKind, at *Loc) {
	sl, sc, _, _ := at.Range()
	r.sites = append(r.sites, fmt.Sprintf("%d %d:%d", k, sl, sc))
}

func (r *recorder) Event(c *Ctx, ev *DebugEvent) {
	sl, _, _, _ := ev.Loc.Range()
	var bs []string
	for _, b := range ev.Bindings(c) {
		v := "?"
		if b.Value != nil {
			v = Format(b.Value)
		} else if b.Err != nil {
			v = "error"
		}
		bs = append(bs, b.Name+"="+v)
	}
	slices.Sort(bs)
	kind := map[DebugKind]string{DebugConjunct: "conj", DebugConjunctDone: "done", DebugEnter: "enter", DebugLeave: "leave", DebugBind: "bind"}[ev.Kind]
	s := fmt.Sprintf("%s %d", kind, sl)
	if ev.Name != "" {
		s += " " + ev.Name
	}
	if ev.Kind == DebugConjunctDone {
		s += fmt.Sprint(" ", ev.Held)
	}
	if len(bs) > 0 {
		s += " [" + strings.Join(bs, " ") + "]"
	}
	r.events = append(r.events, s)
}

// The events of an action's evaluation: conjuncts before and after, an
// operator applied in action position entered and left around its body
// (the rest of the action outside of it), the bodies of \E and LET with
// their bindings.
func TestDebugHookEvents(t *testing.T) {
	src := `---- MODULE T ----
EXTENDS Naturals
VARIABLES x, y
Bump(n) ==
  /\ x' = x + n
  /\ x' < 3
Step ==
  /\ \E k \in {1, 2} :
       /\ Bump(k)
       /\ LET d == k * 10 IN y' = d
====
`
	root, load := analyze(t, "T.tla", src, nil)
	p, err := NewProgram(root, load, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := &recorder{}
	p.SetDebug(r)
	acts, err := p.SplitNext("Step")
	if err != nil || len(acts) != 1 {
		t.Fatalf("split: %v %v", acts, err)
	}
	c := p.NewCtx()
	c.Cur = []Value{Int(0), Int(0)}
	var succs []string
	if err := acts[0].Run(c, func(next []Value) { succs = append(succs, Format(next[0])+","+Format(next[1])) }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(succs, []string{"1,10", "2,20"}) {
		t.Errorf("successors %v", succs)
	}
	want := []string{
		"conj 8",
		"bind 9 \\E [k=1]",
		"conj 9 [k=1]",
		"enter 9 Bump [k=1]",
		"conj 5 [n=1]",
		"done 5 true [n=1]",
		"conj 6 [n=1]",
		"done 6 true [n=1]",
		"leave 9 Bump [k=1]",
		"done 9 true [k=1]",
		"conj 10 [k=1]",
		"bind 10 LET [d=10 k=1]",
		"done 10 true [k=1]", // the conjunct is outside the LET
		"done 8 true",        // once: it held
		"bind 9 \\E [k=2]",
		"conj 9 [k=2]",
		"enter 9 Bump [k=2]",
		"conj 5 [n=2]",
		"done 5 true [n=2]",
		"conj 6 [n=2]",
		"done 6 true [n=2]",
		"leave 9 Bump [k=2]",
		"done 9 true [k=2]",
		"conj 10 [k=2]",
		"bind 10 LET [d=20 k=2]",
		"done 10 true [k=2]",
	}
	if !slices.Equal(r.events, want) {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(r.events, "\n"), strings.Join(want, "\n"))
	}
	if len(r.sites) == 0 {
		t.Error("no sites reported at compile time")
	}
	// without a hook nothing is instrumented: the same action, no events
	p2, err := NewProgram(root, load, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	acts2, err := p2.SplitNext("Step")
	if err != nil {
		t.Fatal(err)
	}
	n := len(r.events)
	c2 := p2.NewCtx()
	c2.Cur = []Value{Int(0), Int(0)}
	if err := acts2[0].Run(c2, func([]Value) {}); err != nil {
		t.Fatal(err)
	}
	if len(r.events) != n {
		t.Error("a program without SetDebug reported events")
	}
}

// An operator whose body branches is left before the rest of the action
// runs, and entered again when the evaluation backtracks into it.
func TestDebugHookBranchingCall(t *testing.T) {
	src := `---- MODULE T ----
EXTENDS Naturals
VARIABLES x, y
Pick == \E v \in {1, 2} : x' = v
Step ==
  /\ Pick
  /\ y' = x'
====
`
	root, load := analyze(t, "T.tla", src, nil)
	p, err := NewProgram(root, load, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := &recorder{}
	p.SetDebug(r)
	acts, err := p.SplitNext("Step")
	if err != nil {
		t.Fatal(err)
	}
	c := p.NewCtx()
	c.Cur = []Value{Int(0), Int(0)}
	if err := acts[0].Run(c, func([]Value) {}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"conj 6",
		"enter 6 Pick",
		"bind 4 \\E [v=1]",
		"leave 6 Pick",
		"done 6 true",
		"conj 7",
		"done 7 true",
		"enter 6 Pick",
		"bind 4 \\E [v=2]",
		"leave 6 Pick",
		"conj 7",
		"done 7 true",
		"enter 6 Pick",
		"leave 6 Pick",
	}
	if !slices.Equal(r.events, want) {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(r.events, "\n"), strings.Join(want, "\n"))
	}
}
