package checker

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tlals/tlals/checker/eval"
)

// TLCText renders the result as TLC prints it: the error, the trace
// (`State 1: <Initial predicate>` then `/\ var = value` lines), and the
// final counts.
func (r *Result) TLCText() string {
	var b strings.Builder
	b.WriteString(parseWarningsText(r.RootName, r.ParseWarnings)) // printed while parsing
	for _, p := range r.Output {                                  // what the spec printed, when collected
		b.WriteString(p.Text + "\n")
	}
	hinted := false
	for _, w := range r.Warnings {
		if r.Lasso != nil && w == r.Lasso.Warning {
			continue // after the trace, as TLC prints it
		}
		fmt.Fprintf(&b, "Warning: %s\n", w)
		if !hinted && tlcWarning(w) { // TLC gives its hint once, after its first warning
			b.WriteString("(Use the -nowarning option to disable this warning.)\n")
			hinted = true
		}
	}
	for _, p := range r.Continued {
		if msg, ok := initialViolation(p.Message, p.Trace); ok {
			fmt.Fprintf(&b, "Error: %s\n", msg)
			writeState(&b, p.Trace[0])
			b.WriteString("\n")
			continue
		}
		fmt.Fprintf(&b, "Error: %s\n", p.Message)
		if p.Location != nil && !p.Location.Unprinted {
			fmt.Fprintf(&b, "%s\n", p.Location.tlc())
			writePlusCal(&b, "", p.Location)
		}
		writeTrace(&b, p.Trace, nil)
	}
	if p := r.Preceding; p != nil {
		fmt.Fprintf(&b, "Error: %s\n", p.Message)
		writeTrace(&b, p.Trace, nil)
	}
	if msg, ok := r.initialViolation(); ok {
		// TLC (EC.TLC_INVARIANT_VIOLATED_INITIAL) prints the state after
		// the message and stops there: no trace header, no counts
		fmt.Fprintf(&b, "Error: %s\n", msg)
		writeState(&b, r.Trace[0])
		b.WriteString("\n")
		return b.String()
	}
	switch r.Outcome {
	case OutcomeOK:
		if r.Simulation == nil {
			b.WriteString("Model checking completed. No error has been found.\n")
		}
	case OutcomeBound:
		fmt.Fprintf(&b, "Model checking stopped: %s.\n", r.Message)
	default:
		msg := r.Message
		if r.Unexpected {
			// ModelChecker's EC.GENERAL report of a RuntimeException
			msg = unexpectedHeader + msg
		}
		// TLC names a violated temporal property without its position
		// (EC.TLC_TEMPORAL_PROPERTY_VIOLATED)
		if r.Location != nil && !r.Location.Unprinted && r.Outcome != OutcomeAssume && r.Outcome != OutcomeLiveness && !strings.Contains(r.Message, r.Location.tlc()) {
			fmt.Fprintf(&b, "Error: %s\n%s\n", msg, r.Location.tlc())
			writePlusCal(&b, "", r.Location)
		} else {
			fmt.Fprintf(&b, "Error: %s\n", msg)
		}
	}
	writeFailing(&b, r.Failing)
	if r.WhileInitial && len(r.Trace) == 1 {
		b.WriteString("While working on the initial state:\n")
		writeState(&b, r.Trace[0])
		b.WriteString("\n")
	} else {
		writeTrace(&b, r.Trace, r.Lasso)
	}
	// TLC's replay of the failed evaluation, after the trace; where its
	// chain cannot be followed in the syntax (through a LET definition: a
	// PlusCal `with`), the call sites that led to the error under words of
	// tlals's own (not TLC's list), so that the failing call is still
	// named, with its PlusCal line
	if len(r.Nested) > 0 {
		writeNested(&b, nestedHeader, r.Nested)
	} else if len(r.Calls) > 0 && r.Location != nil {
		writeNested(&b, callsHeader, append(append([]*Range{}, r.Calls...), r.Location))
	}
	if r.Simulation != nil {
		r.simulationText(&b)
		return b.String()
	}
	assumption := r.ExitCode == ExitViolationAssumption && (strings.HasPrefix(r.Message, "Assumption ") || strings.HasPrefix(r.Message, "Evaluating assumption "))
	cannotHandle := r.ExitCode == ExitError && cannotHandleCode(r.Message, 0) == ExitError
	if assumption || r.ExitCode == ExitErrorSpecParse || r.ExitCode == ExitErrorConfigParse || r.WhileInitial && r.ExitCode == ExitError || cannotHandle || r.BeforeSearch {
		// rejected before the search (an ASSUME, the spec, the model, a
		// temporal formula TLC cannot handle), or an initial state that is
		// no state (an unassigned variable): TLC prints no counts
		return b.String()
	}
	fmt.Fprintf(&b, "%d states generated, %d distinct states found, %d states left on queue.\n", r.GeneratedStates, r.DistinctStates, r.QueueLeft)
	fmt.Fprintf(&b, "The depth of the complete state graph search is %d.\n", r.Depth)
	return b.String()
}

// unexpectedHeader is how TLC introduces an exception other than its own
// EvalException (a core-language error in the next-state relation).
const unexpectedHeader = "TLC threw an unexpected exception.\nThis was probably caused by an error in the spec or model.\nSee the User Output or TLC Console for clues to what happened.\nThe exception was a java.lang.RuntimeException\n: "

// tlcWarning tells TLC's own warnings (printed with its -nowarning hint)
// from the ones tlals adds.
func tlcWarning(w string) bool {
	return w == SymmetryLivenessWarning || strings.Contains(w, stateLevelWarning) || strings.HasPrefix(w, eval.ExceptUnknownPrefix)
}

// writeTrace writes a trace as TLC prints it, ending with the lasso's
// line for a liveness counterexample.
func writeTrace(b *strings.Builder, trace []Step, lasso *Lasso) {
	if len(trace) == 0 {
		return
	}
	if lasso != nil {
		// EC.TLC_COUNTER_EXAMPLE: TLC's temporal message ends with a
		// newline of its own, and so does this one
		b.WriteString("\nError: The following behavior constitutes a counter-example:\n\n")
	} else {
		b.WriteString("Error: The behavior up to this point is:\n")
	}
	for i, st := range trace {
		if lasso != nil && lasso.Stuttering && i == len(trace)-1 {
			break // the stuttering step: TLCLine below
		}
		if st.Location == nil {
			fmt.Fprintf(b, "State %d: <%s>\n", i+1, st.Action)
		} else {
			fmt.Fprintf(b, "State %d: <%s %s>\n", i+1, st.Action, st.Location.tlc())
			// A TLA+ comment, so that the state still reads as a formula.
			writePlusCal(b, "\\* ", st.Location)
		}
		writeState(b, st)
		b.WriteString("\n")
	}
	if lasso != nil { // liveness: TLC's last line of the trace
		b.WriteString(lasso.TLCLine(len(trace)) + "\n")
		if lasso.Warning != "" {
			fmt.Fprintf(b, "Warning: %s\n(Use the -nowarning option to disable this warning.)\n", lasso.Warning)
		}
	}
}

// writeState writes a state's variables as TLC prints them: a state of
// one variable (or an ALIAS record of one field) as `x = v`, without the
// conjunction TLC puts before each of several (TLCStateMut.toString).
// initialViolation is TLC's message for an invariant or PROPERTY an
// initial state violates ("... is violated by the initial state:"), when
// the result is one.
func (r *Result) initialViolation() (string, bool) {
	if r.Simulation != nil || r.Outcome != OutcomeInvariant && r.Outcome != OutcomeError {
		return "", false
	}
	return initialViolation(r.Message, r.Trace)
}

func initialViolation(msg string, trace []Step) (string, bool) {
	const suffix = " is violated by the initial state."
	if len(trace) != 1 || !strings.HasSuffix(msg, suffix) || !strings.HasPrefix(msg, "Invariant ") && !strings.HasPrefix(msg, "Property ") {
		return "", false
	}
	return strings.TrimSuffix(msg, ".") + ":", true
}

func writeState(b *strings.Builder, st Step) {
	if len(st.State) == 1 {
		fmt.Fprintf(b, "%s = %s\n", st.State[0].Name, eval.PrettyText(st.State[0].Value))
		return
	}
	for _, v := range st.State {
		fmt.Fprintf(b, "/\\ %s = %s\n", v.Name, eval.PrettyText(v.Value))
	}
}

// JSON renders the result in the shape the editors read, which
// result.schema.json describes (change both together; its test fails
// otherwise):
// {"outcome", "property", "message", "distinctStates", "generatedStates",
// "depth", "queueLeft", "seconds", "location", "trace": [{"action",
// "location", "state": {VAR: VALUE}}], "lassoStart", "calls", "warnings",
// "exitCode", "seed", "simulation" (with -simulate: {"behaviours",
// "depth", "meanLength", "variance"}), "coverage" (with -coverage: see
// Coverage), "output": [{"text", "level"}]},
// and "preceding":
// {"outcome", "message", "trace"} for the error TLC reports first in the
// same run (Result.Preceding), when there is one, and "continued":
// [{"outcome", "property", "message", "location", "trace"}] for the
// violations -continue went past (Result.Continued), when there are: output is what the
// specification printed (Print, PrintT), in order, each line with
// TLCGet("level") where it was printed (0: ASSUME, the initial predicate,
// POSTCONDITION);
// a location in a PlusCal translation carries "pluscal", its range in the
// algorithm (see MapPlusCal).
func (r *Result) JSON() ([]byte, error) { return r.JSONWith(nil) }

// JSONExtras are what an editor adds to a result's JSON: "model" (the
// model's name), "current" (the trace step the editor is on) and, per step
// of the trace, "changed" (the variables the step changed), "pinned" (the
// values of the user's pinned expressions in that state) and "where" (the
// place the editor shows for the step: its PlusCal label, its action, or
// the initial predicate).
type JSONExtras struct {
	Model   string
	Current *int
	Changed [][]string
	Pinned  []map[string]string
	Where   []*Range
}

// JSONWith is JSON with the editor's extras; the one encoding of a result.
func (r *Result) JSONWith(x *JSONExtras) ([]byte, error) {
	var b bytes.Buffer
	w := func(k string, v any, last bool) error {
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(v)
		if err != nil {
			return err
		}
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
		if !last {
			b.WriteByte(',')
		}
		return nil
	}
	b.WriteByte('{')
	if x != nil {
		w("model", x.Model, false)
		if x.Current != nil {
			w("current", *x.Current, false)
		}
	}
	w("outcome", r.Outcome, false)
	w("property", r.Property, false)
	w("message", r.Message, false)
	w("distinctStates", r.DistinctStates, false)
	w("generatedStates", r.GeneratedStates, false)
	w("depth", r.Depth, false)
	w("queueLeft", r.QueueLeft, false)
	w("seconds", r.Duration.Seconds(), false)
	w("location", r.Location, false)
	trace := func(tr []Step, x *JSONExtras) {
		b.WriteString(`"trace":[`)
		for i, st := range tr {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('{')
			if x != nil && i < len(x.Changed) {
				w("changed", x.Changed[i], false)
			}
			if x != nil && i < len(x.Pinned) && x.Pinned[i] != nil {
				w("pinned", x.Pinned[i], false)
			}
			if x != nil && i < len(x.Where) {
				w("where", x.Where[i], false)
			}
			w("action", st.Action, false)
			w("location", st.Location, false)
			b.WriteString(`"state":{`)
			for k, v := range st.State {
				if k > 0 {
					b.WriteByte(',')
				}
				w(v.Name, v.Value, true)
			}
			b.WriteString("}}")
		}
		b.WriteString("]")
	}
	trace(r.Trace, x)
	b.WriteByte(',')
	if p := r.Preceding; p != nil {
		b.WriteString(`"preceding":{`)
		w("outcome", p.Outcome, false)
		w("message", p.Message, false)
		trace(p.Trace, nil)
		b.WriteString("},")
	}
	if len(r.Continued) > 0 {
		b.WriteString(`"continued":[`)
		for i, p := range r.Continued {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('{')
			w("outcome", p.Outcome, false)
			w("property", p.Property, false)
			w("message", p.Message, false)
			w("location", p.Location, false)
			trace(p.Trace, nil)
			b.WriteByte('}')
		}
		b.WriteString("],")
	}
	w("lassoStart", r.LassoStartJSON(), false)
	calls := r.Calls
	if calls == nil {
		calls = []*Range{}
	}
	w("calls", calls, false)
	warnings := []string{}
	for _, p := range r.ParseWarnings {
		warnings = append(warnings, p.Message)
	}
	warnings = append(warnings, r.Warnings...)
	w("warnings", warnings, false)
	w("exitCode", r.ExitCode, false)
	w("seed", r.Seed, false)
	if r.Failing != nil {
		w("failing", r.Failing, false)
	}
	if r.Simulation != nil {
		w("simulation", r.Simulation, false)
	}
	if r.Coverage != nil {
		w("coverage", r.Coverage, false)
	}
	type line struct {
		Text  string `json:"text"`
		Level int    `json:"level"`
	}
	out := make([]line, len(r.Output))
	for i, p := range r.Output {
		out[i] = line{p.Text, p.Level}
	}
	w("output", out, true)
	b.WriteByte('}')
	return b.Bytes(), nil
}

// writeFailing names the smallest FALSE part of a violated invariant and
// the values it read, as the editor underlines it.
func writeFailing(b *strings.Builder, f *Failing) {
	if f == nil {
		return
	}
	fmt.Fprintf(b, "The part of the invariant that is FALSE in the last state: %s\n%s\n", strings.Join(strings.Fields(f.Text), " "), f.Location.tlc())
	writePlusCal(b, "", f.Location)
	for _, v := range f.Values {
		fmt.Fprintf(b, "  where %s = %s\n", v.Name, eval.PrettyText(v.Value))
	}
}

// writePlusCal writes the PlusCal range of l, when it has one, after
// prefix.
func writePlusCal(b *strings.Builder, prefix string, l *Range) {
	if l != nil && l.PlusCal != nil {
		fmt.Fprintf(b, "%sPlusCal: %s\n", prefix, l.PlusCal.tlc())
	}
}
