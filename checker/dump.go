package checker

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tlals/tlals/checker/eval"
)

// Trace export (tlals check -dump-trace FORMAT FILE): TLC's formats, a
// TLA+ module defining the counterexample and the same value in JSON, and
// the Informal Trace Format of Apalache and Quint.

// TraceFormats are the formats WriteTrace knows.
var TraceFormats = []string{"tla", "json", "itf"}

// WriteTrace writes the result's trace in format to w; name is the file
// name written to (a TLA+ module is named after it).
func (r *Result) WriteTrace(w io.Writer, format, name string) error {
	if len(r.Trace) == 0 {
		return fmt.Errorf("no trace to write: the run found no violation with a behaviour")
	}
	if len(r.Vars) == 0 || len(r.Trace[0].Values) != len(r.Vars) || len(r.states()) == 0 {
		return fmt.Errorf("no trace to write: the trace has no states")
	}
	var text string
	var err error
	switch format {
	case "tla":
		text, err = r.traceTLA(traceModuleName(name))
	case "json":
		text, err = r.traceJSON()
	case "itf":
		text, err = r.traceITF()
	default:
		return fmt.Errorf("unknown trace format %q (known: %s)", format, strings.Join(TraceFormats, ", "))
	}
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, text)
	return err
}

// traceModuleName is the module a file name declares: its base name without
// the .tla extension.
func traceModuleName(file string) string {
	if i := strings.LastIndexAny(file, `/\`); i >= 0 {
		file = file[i+1:]
	}
	return strings.TrimSuffix(file, ".tla")
}

// states are the trace's distinct states: a stuttering step repeats the
// last one and is no state of its own, and an incompletely specified
// successor (an unassigned variable) is no state.
func (r *Result) states() []Step {
	tr := r.Trace
	if r.Lasso != nil && r.Lasso.Stuttering && len(tr) > 1 {
		tr = tr[:len(tr)-1]
	}
	if n := len(tr); n > 0 && partial(tr[n-1].Values) {
		tr = tr[:n-1]
	}
	return tr
}

// stateRecord is a state as TLC's CounterExample holds it: a record of the
// variables, by name.
func (r *Result) stateRecord(vals []eval.Value) eval.Value {
	idx := make([]int, len(r.Vars))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return r.Vars[idx[a]] < r.Vars[idx[b]] })
	names := make([]string, len(idx))
	vs := make([]eval.Value, len(idx))
	for k, i := range idx {
		names[k], vs[k] = r.Vars[i], vals[i]
	}
	return eval.RecordAsGiven(names, vs)
}

// counterExample is the trace as TLC's TLCExt!CounterExample: [state |->
// {<<i, state>>}, action |-> {<<<<i, s>>, [name, location], <<j, t>>>>}],
// the last step of a lasso going back to where its cycle starts (a
// stuttering one to the last state itself, by the last action).
func (r *Result) counterExample() eval.Value {
	tr := r.states()
	numbered := make([]eval.Value, len(tr))
	for i, st := range tr {
		numbered[i] = eval.MakeTuple([]eval.Value{eval.Int(int64(i + 1)), r.stateRecord(st.Values)})
	}
	action := func(st Step) eval.Value {
		l := st.Location
		if l == nil {
			l = &Range{}
		}
		loc := eval.MakeRecord([]string{"beginLine", "beginColumn", "endLine", "endColumn", "module"},
			[]eval.Value{eval.Int(int64(l.StartLine)), eval.Int(int64(l.StartColumn)), eval.Int(int64(l.EndLine)), eval.Int(int64(l.EndColumn)), eval.Str(l.Module)})
		return eval.MakeRecord([]string{"name", "location"}, []eval.Value{eval.Str(st.Action), loc})
	}
	var acts []eval.Value
	for i := 1; i < len(tr); i++ {
		acts = append(acts, eval.MakeTuple([]eval.Value{numbered[i-1], action(tr[i]), numbered[i]}))
	}
	if l := r.Lasso; l != nil && len(tr) > 0 {
		back := Step{Action: l.Action, Location: l.Location}
		to := l.Start - 1
		if l.Stuttering {
			to = len(tr) - 1
			if len(tr) > 1 {
				back = tr[len(tr)-1]
			}
		}
		if to >= 0 && to < len(tr) {
			acts = append(acts, eval.MakeTuple([]eval.Value{numbered[len(tr)-1], action(back), numbered[to]}))
		}
	}
	return eval.MakeRecord([]string{"action", "state"}, []eval.Value{eval.MakeSet(acts), eval.MakeSet(numbered)})
}

// traceTLA is TLC's -dumpTrace tla: a module defining CounterExample.
func (r *Result) traceTLA(module string) (string, error) {
	return fmt.Sprintf("---- MODULE %s ----\nLOCAL INSTANCE TLC\n\nCounterExample == \n\t%s\n\n====", module, eval.Format(r.counterExample())), nil
}

// traceJSON is TLC's -dumpTrace json: {"counterexample": ..., "vars": [...]}.
func (r *Result) traceJSON() (string, error) {
	ce, err := eval.JSONText(r.counterExample())
	if err != nil {
		return "", err
	}
	vars := make([]eval.Value, len(r.Vars))
	for i, v := range r.Vars {
		vars[i] = eval.Str(v)
	}
	vs, err := eval.JSONText(eval.MakeTuple(vars))
	if err != nil {
		return "", err
	}
	return `{"counterexample":` + ce + `,"vars":` + vs + "}", nil
}

// traceITF is the trace in the Informal Trace Format (Apalache's ADR-015):
// the variables, the states in order, and "loop", the index of the state
// a lasso's cycle returns to.
func (r *Result) traceITF() (string, error) {
	var b strings.Builder
	b.WriteString(`{"#meta":{"format":"ITF","format-description":"https://apalache-mc.org/docs/adr/015adr-trace.html"`)
	for _, st := range r.Trace { // the source: the file of the spec's actions
		if st.Location != nil {
			src, _ := eval.JSONText(eval.Str(filepath.Base(st.Location.File)))
			b.WriteString(`,"source":` + src)
			break
		}
	}
	desc, _ := eval.JSONText(eval.Str("Created by tlals: " + r.Message))
	b.WriteString(`,"description":` + desc + `},"vars":[`)
	for i, v := range r.Vars {
		if i > 0 {
			b.WriteByte(',')
		}
		s, _ := eval.JSONText(eval.Str(v))
		b.WriteString(s)
	}
	b.WriteString(`],"states":[`)
	for i, st := range r.states() {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"#meta":{"index":%d}`, i)
		for k, v := range r.Vars {
			name, _ := eval.JSONText(eval.Str(v))
			val, err := eval.ITFText(st.Values[k])
			if err != nil {
				return "", fmt.Errorf("state %d, variable %s: %w", i+1, v, err)
			}
			b.WriteString("," + name + ":" + val)
		}
		b.WriteByte('}')
	}
	b.WriteByte(']')
	if l := r.Lasso; l != nil {
		loop := l.Start - 1
		if l.Stuttering {
			loop = len(r.states()) - 1
		}
		fmt.Fprintf(&b, `,"loop":%d`, loop)
	}
	b.WriteString("}\n")
	return b.String(), nil
}
