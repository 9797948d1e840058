package checker

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tlals/tlals/checker/eval"
	"github.com/tlals/tlals/parser"
)

// Print is a line the specification printed (Print, PrintT, Assert's
// message), as Options.Output receives it.
type Print = eval.Print

// IsStandardModule reports whether the checker implements the module
// named name natively (Naturals, Sequences, TLC, ...).
func IsStandardModule(name string) bool { return eval.IsStandardModule(name) }

// Evaluator evaluates TLA+ expressions, in the states of a trace or in no
// state at all: the expressions become definitions appended to the model's
// root module, compiled with the model's constants, so they may use every
// definition the module has.
type Evaluator struct {
	prog  *eval.Program
	exprs []*eval.Compiled
	at    []appended
	path  string // the root module's path
}

// appended is where an expression's text is in the extended module: the
// first byte of its definition, of the expression, and of what follows.
type appended struct {
	expr            string
	def, start, end int
}

// ExprError is an error in an evaluated expression, at a position in the
// expression's own text.
type ExprError struct {
	Expr   int // the expression's index
	Offset int // byte offset in the expression
	Line   int // 1-based
	Col    int // 1-based, in characters
	Msg    string
	// Incomplete: the parser stopped past the expression's end, so more
	// text may complete it (the REPL then reads another line).
	Incomplete bool
}

func (e *ExprError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// evalDef is the name of the i-th appended definition.
func evalDef(i int) string { return fmt.Sprintf("TLALS_Eval_%d", i) }

// NewEvaluator compiles exprs in m. An error in an expression is an
// *ExprError (its position in the expression); an error in the
// specification's own definitions keeps its position in their file.
func NewEvaluator(m *Model, exprs []string) (*Evaluator, error) {
	return newEvaluator(m, exprs, nil, false)
}

// NewOpEvaluator compiles expr as an operator of parameters params, whose
// values Value takes (a debugger's expression over the names bound where
// it stopped).
func NewOpEvaluator(m *Model, expr string, params []string) (*Evaluator, error) {
	return newEvaluator(m, []string{expr}, params, true)
}

func newEvaluator(m *Model, exprs []string, params []string, op bool) (*Evaluator, error) {
	if m == nil || m.Root == nil || m.Root.File == nil {
		return nil, fmt.Errorf("the module of the run is not available")
	}
	f := m.Root.File
	end := bytes.LastIndex(f.Text, []byte("\n===="))
	if end < 0 {
		return nil, fmt.Errorf("no end of module (====) in %s", f.Name)
	}
	ev := &Evaluator{path: f.Name}
	var src bytes.Buffer
	src.Write(f.Text[:end+1])
	for i, e := range exprs {
		if strings.TrimSpace(e) == "" {
			return nil, &ExprError{Expr: i, Line: 1, Col: 1, Msg: "no expression"}
		}
		def := src.Len()
		src.WriteString(evalDef(i))
		if len(params) > 0 {
			fmt.Fprintf(&src, "(%s)", strings.Join(params, ", "))
		}
		src.WriteString(" == ")
		start := src.Len()
		src.WriteString(e)
		src.WriteString("\n")
		ev.at = append(ev.at, appended{expr: e, def: def, start: start, end: src.Len()})
	}
	src.Write(f.Text[end+1:])
	vm, err := m.WithText(src.Bytes())
	if err != nil {
		var le *LoadError
		if errors.As(err, &le) && le.Location != nil && le.Location.File == f.Name {
			if len(ev.at) > 0 && (le.Location.Start < ev.at[0].def || le.Message == parser.MsgDamagedDefinition) {
				// The module parsed before the expressions were appended:
				// they made it unparsable as a whole, which the parser
				// reports at its first line or on the appended definition.
				// The text ended too soon.
				last := len(ev.at) - 1
				return nil, ev.relocate(ev.at[last].end, "syntax error: the expression is incomplete", err)
			}
			e := ev.relocate(le.Location.Start, le.Message, err)
			if ee, ok := e.(*ExprError); ok && strings.HasPrefix(le.Message, "unbalanced `") && strings.Contains(le.Message, ": missing") {
				ee.Incomplete = true // an open bracket: the rest may follow
			}
			return nil, e
		}
		return nil, err
	}
	prog, err := vm.Compile()
	if err != nil {
		return nil, ev.relocateEval(err)
	}
	ev.prog = prog
	for i := range exprs {
		var ce *eval.Compiled
		if op {
			ce, err = prog.CompileOp(evalDef(i))
		} else {
			var in eval.ExprIn
			if in, err = prog.DefExpr(evalDef(i)); err == nil {
				ce, err = prog.Compile(in)
			}
		}
		if err != nil {
			return nil, ev.relocateEval(err)
		}
		ev.exprs = append(ev.exprs, ce)
	}
	return ev, nil
}

// relocateEval gives an evaluator's error raised in an expression its
// position there.
func (ev *Evaluator) relocateEval(err error) error {
	var ee *eval.Error
	if !errors.As(err, &ee) || ee.Loc == nil || ee.Loc.File == nil || ee.Loc.File.Name != ev.path {
		return err
	}
	return ev.relocate(ee.Loc.Span.Start, ee.Msg, err)
}

// relocate is err, at byte off of the extended module, as an *ExprError
// when off is in (or just past) an appended expression.
func (ev *Evaluator) relocate(off int, msg string, err error) error {
	for i := len(ev.at) - 1; i >= 0; i-- {
		a := ev.at[i]
		if off < a.def {
			continue
		}
		rel, incomplete := off-a.start, false
		if trimmed := len(strings.TrimRight(a.expr, " \t\r\n")); rel >= trimmed {
			// the parser reached the line after the expression (or the end
			// of the module): the expression ended too soon
			rel, incomplete = trimmed, rel > trimmed
		}
		rel = max(rel, 0)
		line := 1 + strings.Count(a.expr[:rel], "\n")
		col := 1 + utf8.RuneCountInString(a.expr[strings.LastIndex(a.expr[:rel], "\n")+1:rel])
		return &ExprError{Expr: i, Offset: rel, Line: line, Col: col, Msg: msg, Incomplete: incomplete}
	}
	return err
}

// Eval is the value of expression i, printed as TLC prints values, in
// step's state of trace, with the next step's state for primes.
func (ev *Evaluator) Eval(i int, trace []Step, step int) (string, error) {
	if i < 0 || i >= len(ev.exprs) || step < 0 || step >= len(trace) {
		return "", fmt.Errorf("no expression %d or step %d", i, step)
	}
	if partial(trace[step].Values) {
		return "", fmt.Errorf("step %d is not completely specified (a variable has no value)", step+1)
	}
	var next []eval.Value
	if step+1 < len(trace) && !partial(trace[step+1].Values) {
		next = trace[step+1].Values
	}
	return ev.EvalIn(i, trace[step].Values, next)
}

// EvalIn is the value of expression i in state cur with successor next
// (nil: none); with cur nil, in no state: only the constants have values.
func (ev *Evaluator) EvalIn(i int, cur, next []eval.Value) (string, error) {
	v, err := ev.value(i, cur, next, nil)
	if err != nil {
		return "", err
	}
	return eval.Format(v), nil
}

// Value is EvalIn's value itself, for a front end to show (a debugger's
// console and conditions), with the values of the parameters (of
// NewOpEvaluator's expression) in args.
func (ev *Evaluator) Value(i int, cur, next, args []Value) (Value, error) {
	v, err := ev.value(i, unwrap(cur), unwrap(next), unwrap(args))
	return Value{v}, err
}

func (ev *Evaluator) value(i int, cur, next, args []eval.Value) (eval.Value, error) {
	if i < 0 || i >= len(ev.exprs) {
		return nil, fmt.Errorf("no expression %d", i)
	}
	c := ev.prog.NewCtx()
	if cur == nil {
		cur, c.NoState = make([]eval.Value, len(ev.prog.Vars)), true
	}
	v, err := ev.exprs[i].EvalArgs(c, cur, next, args)
	if err != nil {
		return nil, ev.relocateEval(err)
	}
	return v, nil
}

// EvalErrorAt is where an evaluation error was raised (in a definition of
// the specification, or in an expression: see ExprError) and its message
// without the position; nil when it has no place.
func EvalErrorAt(err error) (*Range, string) {
	var ee *eval.Error
	if errors.As(err, &ee) && ee.Loc != nil && ee.Loc.File != nil {
		return rangeOf(ee.Loc), ee.Msg
	}
	var le *LoadError
	if errors.As(err, &le) && le.Location != nil {
		return le.Location, le.Message
	}
	return nil, err.Error()
}
