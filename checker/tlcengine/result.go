package tlcengine

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/checker/eval"
	"github.com/tlals/tlals/parser/ast"
)

// collector turns TLC's messages into a checker.Result as they arrive.
type collector struct {
	start    time.Time
	progress func(checker.Progress)
	output   func(eval.Print)

	res     checker.Result
	started bool // TLC has started checking (the lines that follow are the spec's output)
	report       // the error that decides the outcome
	// preceding is the error TLC reported before a temporal property's
	// violation: the deadlock or invariant violation whose state,
	// stuttering, violates the property (checker.Result.Preceding)
	preceding *report
	// cont is TLC's -continue: the invariant and action property
	// violations it reports and goes on past are continued
	cont      bool
	continued []report
	haveStat  bool
	// covLines is TLC's coverage report as it arrives; covDone, once
	// its end came (coverage.go)
	covLines []coverageLine
	covDone  bool
	rawTail  []string // the last unframed lines, for a failure without a message
}

// report is one error TLC reported, with what follows it.
type report struct {
	errCode int // the error's message code, 0 before one
	errText []string
	nested  []string // 2103's positions, outermost first
	states  []printedState
	back    *printedState // 2122: Back to state N
	stutter bool          // 2218: the counterexample ends stuttering
}

// printedState is one state of TLC's trace as printed.
type printedState struct {
	num    int
	action string
	module string
	sl, sc int
	el, ec int
	vars   []string
	values []string
}

var (
	progressRE   = regexp.MustCompile(`Progress\(([\d,]+)\) at [^:]*:[^:]*:[^:]*: ([\d,]+) states generated[^,]*, ([\d,]+) distinct states found[^,]*, ([\d,]+) states left on queue`)
	statsRE      = regexp.MustCompile(`([\d,]+) states generated, ([\d,]+) distinct states found, ([\d,]+) states left on queue`)
	depthRE      = regexp.MustCompile(`The depth of the complete state graph search is ([\d,]+)`)
	initRE       = regexp.MustCompile(`Finished computing initial states: ([\d,]+) distinct state`)
	seedRE       = regexp.MustCompile(` seed (-?\d+) `)
	headerRE     = regexp.MustCompile(`^(\d+): (?:Back to state: )?<(.*?)(?: line (\d+), col (\d+) to line (\d+), col (\d+) of module ([^ >]+))?>\s*$`)
	nestedRE     = regexp.MustCompile(`^\d+\. Line (\d+), column (\d+) to line (\d+), column (\d+) in (\S+)`)
	locationRE   = regexp.MustCompile(`line (\d+), col (\d+) to line (\d+), col (\d+) of module (\w+)`)
	evaluatingRE = regexp.MustCompile(`^Evaluating (invariant|action property) (\S+) failed\.`)
	propertyRE   = regexp.MustCompile(`^(?:Invariant|Action property|Temporal property|Property) (\S+) (?:is|was) violated`)
	stateLineRE  = regexp.MustCompile(`(?m)^/\\ `)
)

func atoi(s string) int64 {
	n, _ := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64)
	return n
}

func (c *collector) add(m message) {
	switch {
	case m.code < 0:
		c.plain(m.text)
		return
	case m.code == codeStarting:
		c.started = true
	case m.code == codeModeMC:
		if s := seedRE.FindStringSubmatch(m.text); s != nil {
			c.res.Seed = atoi(s[1])
		}
	case m.code == codeInitGenerated:
		if s := initRE.FindStringSubmatch(m.text); s != nil && !c.haveStat {
			c.res.DistinctStates, c.res.GeneratedStates = atoi(s[1]), atoi(s[1])
			if c.progress != nil { // TLC's first progress message comes a minute later
				c.progress(checker.Progress{Distinct: c.res.DistinctStates, Generated: c.res.GeneratedStates, Queued: c.res.DistinctStates, Depth: 1, Elapsed: time.Since(c.start)})
			}
		}
	case m.code == codeProgress:
		if s := progressRE.FindStringSubmatch(m.text); s != nil {
			p := checker.Progress{Depth: int(atoi(s[1])), Generated: atoi(s[2]), Distinct: atoi(s[3]), Queued: atoi(s[4]), Elapsed: time.Since(c.start)}
			if sec := p.Elapsed.Seconds(); sec > 0 {
				p.PerSecond = float64(p.Distinct) / sec
			}
			if !c.haveStat {
				c.res.GeneratedStates, c.res.DistinctStates, c.res.QueueLeft, c.res.Depth = p.Generated, p.Distinct, p.Queued, p.Depth
			}
			if c.progress != nil {
				c.progress(p)
			}
		}
	case m.code == codeStats:
		if s := statsRE.FindStringSubmatch(m.text); s != nil {
			c.res.GeneratedStates, c.res.DistinctStates, c.res.QueueLeft = atoi(s[1]), atoi(s[2]), atoi(s[3])
			c.haveStat = true
		}
	case m.code == codeSearchDepth:
		if s := depthRE.FindStringSubmatch(m.text); s != nil {
			c.res.Depth = int(atoi(s[1]))
		}
	case m.code == codeStatePrint:
		if st, ok := parseState(m.text); ok {
			c.states = append(c.states, st)
		}
	case m.code == codeStuttering:
		c.stutter = true
	case m.code == codeBackToState:
		if st, ok := parseState(m.text); ok {
			c.back = &st
		}
	case m.code == codeNestedExpression:
		for _, l := range strings.Split(m.text, "\n") {
			if nestedRE.MatchString(strings.TrimSpace(l)) {
				c.nested = append(c.nested, strings.TrimSpace(l))
			}
		}
	case m.code == codeBehaviorUpToHere || m.code == codeCounterExample:
	case isCoverage(m.code):
		c.addCoverage(m)
	case m.class == classError || m.class == classTLCBug:
		if c.cont && continuable(m.code) && continuable(c.errCode) {
			c.continued, c.report = append(c.continued, c.report), report{}
		}
		if c.errCode != 0 && c.errCode != codeTemporalViolated && m.code == codeTemporalViolated {
			prev := c.report
			c.preceding, c.report = &prev, report{}
		}
		if c.errCode == 0 {
			c.errCode = m.code
			c.errText = append(c.errText, m.text)
		} else if m.code == codeGeneral && c.errCode == codeGeneral {
			c.errText = append(c.errText, m.text)
		}
	case m.class == classWarning:
		c.res.Warnings = append(c.res.Warnings, m.text)
	}
}

// continuable reports whether TLC's -continue goes on past the error of
// message code: a violated invariant or action property.
func continuable(code int) bool {
	return code == codeInvariantViolated || code == codeInvariantInitial || code == codeActionPropertyViolated
}

// plain handles a line outside a frame: what the spec prints once TLC has
// started (SANY's log comes before).
func (c *collector) plain(line string) {
	c.rawTail = append(c.rawTail, line)
	if len(c.rawTail) > 20 {
		c.rawTail = c.rawTail[1:]
	}
	if !c.started {
		return
	}
	p := eval.Print{Text: line}
	if c.output != nil {
		c.output(p)
		return
	}
	if n := len(c.res.Output); n > 0 && strings.HasPrefix(line, " ") {
		// a value TLC pretty-printed over several lines: one print, as
		// the built-in engine records it
		c.res.Output[n-1].Text += "\n" + line
		return
	}
	c.res.Output = append(c.res.Output, p)
}

// parseState reads a 2217 message: "N: <Action line a, col b to line c,
// col d of module M>" (or "N: <Initial predicate>") and the state's
// conjuncts "/\ v = value" (a single variable prints without the "/\").
func parseState(text string) (printedState, bool) {
	head, body, _ := strings.Cut(text, "\n")
	h := headerRE.FindStringSubmatch(strings.TrimSpace(head))
	if h == nil {
		return printedState{}, false
	}
	st := printedState{num: int(atoi(h[1])), action: h[2]}
	if h[3] != "" {
		st.sl, st.sc, st.el, st.ec, st.module = int(atoi(h[3])), int(atoi(h[4])), int(atoi(h[5])), int(atoi(h[6])), h[7]
	}
	body = strings.TrimSpace(body)
	if body == "" {
		return st, true
	}
	var parts []string
	if strings.HasPrefix(body, "/\\ ") {
		idx := stateLineRE.FindAllStringIndex(body, -1)
		for i, at := range idx {
			end := len(body)
			if i+1 < len(idx) {
				end = idx[i+1][0]
			}
			parts = append(parts, body[at[1]:end])
		}
	} else {
		parts = []string{body}
	}
	for _, p := range parts {
		name, val, ok := strings.Cut(p, " = ")
		if !ok {
			return printedState{}, false
		}
		st.vars = append(st.vars, strings.TrimSpace(name))
		st.values = append(st.values, strings.TrimSpace(val))
	}
	return st, true
}

// finish builds the result once TLC has exited with status exit.
func (c *collector) finish(m *checker.Model, exit int) (*checker.Result, error) {
	res := &c.res
	if c.cont && continuable(c.errCode) {
		c.continued, c.report = append(c.continued, c.report), report{}
	}
	for _, r := range c.continued {
		pc := &collector{start: c.start, report: r}
		if p, err := pc.finish(m, exit); err == nil {
			res.Continued = append(res.Continued, checker.Preceding{Outcome: p.Outcome, Property: p.Property, Message: p.Message, Location: p.Location, Trace: p.Trace})
		}
	}
	res.Duration = time.Since(c.start)
	res.ExitCode = exit
	res.Coverage = c.coverage(m)
	msg := strings.TrimSpace(strings.Join(c.errText, "\n"))
	if m, st, ok := initialState(msg); ok {
		// TLC prints the initial state in the message; the built-in
		// engine gives it as the trace
		res.WhileInitial = strings.Contains(msg, "\nWhile working on the initial state:\n")
		msg = m
		if len(c.states) == 0 {
			if ps, ok := parseState("1: <Initial predicate>\n" + st); ok {
				c.states = append(c.states, ps)
			}
		}
	}
	res.Message = msg
	switch c.errCode {
	case 0:
		res.Outcome = checker.OutcomeOK
		if exit != 0 {
			// TLC stopped without saying why in a message
			res.Outcome = checker.OutcomeError
			res.Message = strings.TrimSpace(strings.Join(c.rawTail, "\n"))
			if res.Message == "" {
				res.Message = fmt.Sprintf("TLC exited with status %d", exit)
			}
		}
	case codeInvariantViolated, codeInvariantInitial:
		res.Outcome = checker.OutcomeInvariant
	case codeActionPropertyViolated:
		res.Outcome = checker.OutcomeActionProperty
	case codeTemporalViolated:
		res.Outcome = checker.OutcomeLiveness
	case codeDeadlock:
		res.Outcome = checker.OutcomeDeadlock
	case codeAssumptionFalse:
		res.Outcome, res.Property = checker.OutcomeAssume, "ASSUME"
	case codeAssertFailed:
		res.Outcome = checker.OutcomeAssert
	default:
		res.Outcome = checker.OutcomeError
	}
	if p := propertyRE.FindStringSubmatch(msg); p != nil && res.Outcome != checker.OutcomeAssume {
		res.Property = strings.TrimSuffix(p[1], ".")
	}
	if res.Outcome == checker.OutcomeError || res.Outcome == checker.OutcomeAssert || res.Outcome == checker.OutcomeAssume {
		res.Location = c.errorRange(m, msg)
		res.Calls = c.calls(m)
		res.Nested = c.nestedRanges(m)
		if res.Outcome == checker.OutcomeError {
			res.Message = evalMessage(msg)
		}
		// "Evaluating invariant Inv failed.": the built-in engine locates
		// the failure at the invariant (or action property)
		if e := evaluatingRE.FindStringSubmatch(msg); e != nil && res.Location == nil {
			kind := checker.OutcomeInvariant
			if e[1] == "action property" {
				kind = checker.OutcomeActionProperty
			}
			res.Location = m.PropertyRange(kind, e[2])
		}
	}
	if err := c.trace(m); err != nil {
		res.Warnings = append(res.Warnings, "the trace TLC printed could not be read: "+err.Error())
	}
	if res.Outcome == checker.OutcomeError && len(c.nested) == 0 {
		c.locateFailure(m, msg)
	}
	if err := checker.Adopt(m, res); err != nil {
		res.Warnings = append(res.Warnings, "the result could not be completed: "+err.Error())
	}
	if c.preceding != nil {
		pc := &collector{start: c.start, report: *c.preceding}
		if p, err := pc.finish(m, exit); err == nil {
			res.Preceding = &checker.Preceding{Outcome: p.Outcome, Message: p.Message, Trace: p.Trace}
		}
	}
	return res, nil
}

// initialState splits TLC's message about an initial state ("... is
// violated by the initial state:" or "While working on the initial
// state:", then the state) into the message as the built-in engine words
// it and the state's text.
func initialState(msg string) (string, string, bool) {
	if before, st, ok := strings.Cut(msg, "\nWhile working on the initial state:\n"); ok {
		return before, st, true
	}
	if before, st, ok := strings.Cut(msg, " by the initial state:\n"); ok {
		return before + " by the initial state.", st, true
	}
	return msg, "", false
}

// evalMessage is the message of an evaluation error as the built-in
// engine words it: TLC's report of the Java exception that carried it is
// dropped, and so is its last line when that is the error's position
// (given as the result's location).
func evalMessage(msg string) string {
	if i := strings.Index(msg, "\nThe exception was a "); i >= 0 {
		if j := strings.Index(msg[i+1:], "\n: "); j >= 0 {
			msg = msg[i+1+j+3:]
		}
	}
	lines := strings.Split(msg, "\n")
	if n := len(lines); n > 1 && locationRE.MatchString(lines[n-1]) && strings.HasPrefix(lines[n-1], "line ") {
		msg = strings.Join(lines[:n-1], "\n")
	}
	return msg
}

// calls are the operator applications among the nested expressions TLC
// lists (the built-in engine's Result.Calls): those TLC went from into
// another definition, as it does when it applies an operator.
func (c *collector) calls(m *checker.Model) []*checker.Range {
	type place struct {
		r    *checker.Range
		unit string
	}
	var ps []place
	for _, n := range c.nested {
		s := nestedRE.FindStringSubmatch(n)
		r := m.RangeAt(s[5], int(atoi(s[1])), int(atoi(s[2])), int(atoi(s[3])), int(atoi(s[4])))
		if r == nil {
			return nil
		}
		ps = append(ps, place{r, unitOf(m, s[5], r)})
	}
	var out []*checker.Range
	for i := 0; i+1 < len(ps); i++ {
		if ps[i].unit == "" || ps[i].unit != ps[i+1].unit {
			out = append(out, ps[i].r)
		}
	}
	return out
}

// nestedRanges are the nested expressions TLC listed, as the built-in
// engine's Result.Nested; nil when one is not in the spec's text.
func (c *collector) nestedRanges(m *checker.Model) []*checker.Range {
	var out []*checker.Range
	for _, n := range c.nested {
		s := nestedRE.FindStringSubmatch(n)
		r := m.RangeAt(s[5], int(atoi(s[1])), int(atoi(s[2])), int(atoi(s[3])), int(atoi(s[4])))
		if r == nil {
			return nil
		}
		out = append(out, r)
	}
	return out
}

// unitOf names the module-level unit (a definition) of module that holds
// r; "" when none does.
func unitOf(m *checker.Model, module string, r *checker.Range) string {
	var mod *ast.Module
	if m.Root.AST != nil && m.Root.AST.Name != nil && m.Root.AST.Name.Name == module {
		mod = m.Root.AST
	} else if m.Loader != nil {
		if am, err := m.Loader(module); err == nil && am != nil {
			mod = am.AST
		}
	}
	if mod == nil {
		return ""
	}
	for _, u := range mod.Units {
		if sp := u.Pos(); sp.Start <= r.Start && r.End <= sp.End {
			return fmt.Sprintf("%s:%d", module, sp.Start)
		}
	}
	return ""
}

// errorRange is where an evaluation error happened: the innermost of the
// nested expressions TLC lists, else the last position its message names.
func (c *collector) errorRange(m *checker.Model, msg string) *checker.Range {
	if n := len(c.nested); n > 0 {
		s := nestedRE.FindStringSubmatch(c.nested[n-1])
		return m.RangeAt(s[5], int(atoi(s[1])), int(atoi(s[2])), int(atoi(s[3])), int(atoi(s[4])))
	}
	all := locationRE.FindAllStringSubmatch(msg, -1)
	if len(all) == 0 {
		return nil
	}
	s := all[len(all)-1]
	return m.RangeAt(s[5], int(atoi(s[1])), int(atoi(s[2])), int(atoi(s[3])), int(atoi(s[4])))
}

// trace sets the result's trace from the states TLC printed: each state's
// values read back into values (in declaration order), each action's
// range in the module's text, and the lasso of a liveness counterexample.
func (c *collector) trace(m *checker.Model) error {
	res := &c.res
	if len(c.states) == 0 {
		return nil
	}
	prog, err := m.Compile()
	if err != nil {
		return err
	}
	r := &valueReader{models: m.ModelValues()}
	var firstErr error
	for _, ps := range c.states {
		step := checker.Step{Action: ps.action}
		if ps.module != "" {
			step.Location = m.RangeAt(ps.module, ps.sl, ps.sc, ps.el, ps.ec)
		}
		vals, err := c.values(r, prog.Vars, ps)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		step.Values = vals
		if vals == nil {
			// ALIAS, or a value we cannot read: the state as TLC printed it
			for i, name := range ps.vars {
				text := strings.Join(strings.Fields(ps.values[i]), " ")
				if v, err := r.read(ps.values[i]); err == nil {
					text = eval.Format(v) // printed as the built-in engine prints values
				}
				step.State = append(step.State, checker.VarValue{Name: name, Value: text})
			}
		}
		res.Trace = append(res.Trace, step)
	}
	if res.Outcome == checker.OutcomeLiveness {
		n := len(res.Trace)
		switch {
		case c.stutter:
			last := res.Trace[n-1]
			last.Action, last.Location = "Stuttering", nil
			res.Trace = append(res.Trace, last)
			res.Lasso = &checker.Lasso{Start: n, Stuttering: true, Action: "Stuttering"}
		case c.back != nil:
			res.Lasso = &checker.Lasso{Start: c.back.num, Action: c.back.action}
			if c.back.module != "" {
				res.Lasso.Location = m.RangeAt(c.back.module, c.back.sl, c.back.sc, c.back.el, c.back.ec)
			}
		}
	}
	return firstErr
}

// values reads a printed state into the values of vars, in their order;
// nil (and no error) when TLC printed other names (an ALIAS).
func (c *collector) values(r *valueReader, vars []string, ps printedState) ([]eval.Value, error) {
	if len(ps.vars) != len(vars) {
		return nil, nil
	}
	at := make(map[string]int, len(vars))
	for i, v := range vars {
		at[v] = i
	}
	out := make([]eval.Value, len(vars))
	for i, name := range ps.vars {
		k, ok := at[name]
		if !ok || out[k] != nil {
			return nil, nil
		}
		v, err := r.read(ps.values[i])
		if err != nil {
			return nil, fmt.Errorf("state %d, %s: %v", ps.num, name, err)
		}
		out[k] = v
	}
	return out, nil
}

// assumptionRE is TLC's report of an assumption it failed to evaluate.
var assumptionRE = regexp.MustCompile(`^Evaluating assumption (line \d+, col \d+ to line \d+, col \d+ of module \w+) failed\.`)

// locateFailure places an evaluation error TLC reports without the
// positions of the nested expressions (an invariant's, an action
// property's or an assumption's: TLC names only what it was evaluating)
// where the built-in engine places it: the built-in evaluator evaluates
// that again, on the trace's end for a property, to find the failing
// expression and the operator applications around it.
func (c *collector) locateFailure(m *checker.Model, msg string) {
	res := &c.res
	var loc *checker.Range
	var calls []*checker.Range
	if e := evaluatingRE.FindStringSubmatch(msg); e != nil {
		kind := checker.OutcomeInvariant
		if e[1] == "action property" {
			kind = checker.OutcomeActionProperty
		}
		loc, calls = m.LocateEvalFailure(kind, e[2], nil, res.Trace)
	} else if a := assumptionRE.FindStringSubmatch(msg); a != nil {
		if s := locationRE.FindStringSubmatch(a[1]); s != nil {
			at := m.RangeAt(s[5], int(atoi(s[1])), int(atoi(s[2])), int(atoi(s[3])), int(atoi(s[4])))
			loc, calls = m.LocateEvalFailure(checker.OutcomeAssume, "ASSUME", at, nil)
		}
	}
	if loc != nil {
		res.Location, res.Calls = loc, calls
	}
}
