package checker

import (
	"fmt"

	"github.com/tlals/tlals/checker/eval"
)

// The debugger's view of an evaluation in the checker's own types: a front
// end (tlals dap) reads events, bindings and values through these, never
// through the evaluator's.

// DebugEventKind is where in an action's evaluation a PointEval point is.
type DebugEventKind int

const (
	// EventConjunct: a conjunct of an action is about to be evaluated.
	EventConjunct DebugEventKind = iota
	// EventConjunctDone: the conjunct was evaluated; Held tells whether it
	// held (for one of its ways, when it branches).
	EventConjunctDone
	// EventEnter: an operator applied in action position (Name) is entered.
	EventEnter
	// EventBind: a LET's definitions or an \E's bound variables in action
	// position are bound (Name: "LET" or "\E"); the body (Location) is
	// about to be evaluated.
	EventBind
)

func eventKind(k eval.DebugKind) DebugEventKind {
	switch k {
	case eval.DebugConjunctDone:
		return EventConjunctDone
	case eval.DebugEnter, eval.DebugLeave:
		return EventEnter
	case eval.DebugBind:
		return EventBind
	}
	return EventConjunct
}

// DebugEvent is the point of an action's evaluation a PointEval reports.
// It is only valid while the pause function that receives it runs.
type DebugEvent struct {
	Kind     DebugEventKind
	Location *Range // the conjunct, the application entered, or the body bound
	Name     string // the operator entered; EventBind: LET or \E
	Held     bool   // EventConjunctDone
	ev       *eval.DebugEvent
	c        *eval.Ctx
}

// Text is the source text of the event's place, as written (trailing
// white space included).
func (e *DebugEvent) Text() string { return locText(e.ev.Loc) }

// Bindings are the names bound where the event happened, innermost first,
// with their values in the current state; a LET definition not evaluated
// yet is evaluated now (its error, if any, in place of its value).
func (e *DebugEvent) Bindings() []DebugBinding { return bindings(e.ev, e.c) }

// DebugBinding is a name bound where an evaluation stopped.
type DebugBinding struct {
	Name  string
	Value Value // not valid, with Err set, when it cannot be evaluated
	Err   error
	Let   bool // a LET definition (else a parameter or bound variable)
}

func bindings(ev *eval.DebugEvent, c *eval.Ctx) []DebugBinding {
	if ev == nil {
		return nil
	}
	bs := ev.Bindings(c)
	if bs == nil {
		return nil
	}
	out := make([]DebugBinding, len(bs))
	for i, b := range bs {
		out[i] = DebugBinding{Name: b.Name, Value: Value{b.Value}, Err: b.Err, Let: b.Let}
	}
	return out
}

func locText(l *eval.Loc) string {
	if l == nil || l.File == nil || l.Span.Start < 0 || l.Span.End > len(l.File.Text) || l.Span.Start > l.Span.End {
		return ""
	}
	return string(l.File.Text[l.Span.Start:l.Span.End])
}

// Value is a TLA+ value as a front end shows it: its text as TLC prints it
// and its parts, one level at a time (a value can be large; a variables
// view expands what the user opens). The zero Value is no value: a
// variable not assigned yet.
type Value struct{ v eval.Value }

// IsValid reports whether v is a value.
func (v Value) IsValid() bool { return v.v != nil }

// String is v as TLC prints it.
func (v Value) String() string {
	if v.v == nil {
		return ""
	}
	return eval.Format(v.v)
}

// IsTrue reports whether v is TRUE.
func (v Value) IsTrue() bool { return v.v == eval.Bool(true) }

// Part is a named part of a structured value.
type Part struct {
	Name  string
	Value Value
}

// Parts are the parts of a structured value: a record's fields by name, a
// sequence's values ([1], [2], …), a function's values by argument
// ([arg]), a set's elements (1, 2, … in TLC's order); nil for a scalar or
// an empty value.
func (v Value) Parts() []Part {
	var out []Part
	if v.v == nil {
		return nil
	}
	if fs, ok := eval.RecordFields(v.v); ok {
		for _, f := range fs {
			out = append(out, Part{Name: f.Name, Value: Value{f.Value}})
		}
	} else if f, ok := v.v.(*eval.FcnV); ok {
		for i, x := range f.Vals {
			name := fmt.Sprint(i + 1)
			if !f.Seq {
				name = eval.Format(f.Dom[i])
			}
			out = append(out, Part{Name: "[" + name + "]", Value: Value{x}})
		}
	} else if es, ok := eval.SetElems(v.v); ok {
		for i, x := range es {
			out = append(out, Part{Name: fmt.Sprint(i + 1), Value: Value{x}})
		}
	}
	return out
}

// values wraps a state's values (nil stays nil: no state).
func values(vs []eval.Value) []Value {
	if vs == nil {
		return nil
	}
	out := make([]Value, len(vs))
	for i, x := range vs {
		out[i] = Value{x}
	}
	return out
}

// unwrap is values' inverse.
func unwrap(vs []Value) []eval.Value {
	if vs == nil {
		return nil
	}
	out := make([]eval.Value, len(vs))
	for i, x := range vs {
		out[i] = x.v
	}
	return out
}
