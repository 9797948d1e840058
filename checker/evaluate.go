package checker

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/tlals/tlals/checker/eval"
)

// Print is a line the specification printed (Print, PrintT, Assert's
// message), as Options.Output receives it.
type Print = eval.Print

// IsStandardModule reports whether the checker implements the module
// named name natively (Naturals, Sequences, TLC, ...).
func IsStandardModule(name string) bool { return eval.IsStandardModule(name) }

// Evaluator evaluates TLA+ expressions in the states of a trace: the
// expressions become definitions appended to the model's root module,
// compiled with the model's constants, so they may use every definition
// the module has.
type Evaluator struct {
	prog  *eval.Program
	exprs []*eval.Compiled
}

// evalDef is the name of the i-th appended definition.
func evalDef(i int) string { return fmt.Sprintf("TLALS_Eval_%d", i) }

// NewEvaluator compiles exprs in m. An error in an expression has no
// position: the user wrote the expression, not the line it was appended at.
func NewEvaluator(m *Model, exprs []string) (*Evaluator, error) {
	if m == nil || m.Root == nil || m.Root.File == nil {
		return nil, fmt.Errorf("the module of the run is not available")
	}
	f := m.Root.File
	end := bytes.LastIndex(f.Text, []byte("\n===="))
	if end < 0 {
		return nil, fmt.Errorf("no end of module (====) in %s", f.Name)
	}
	var src bytes.Buffer
	src.Write(f.Text[:end+1])
	for i, e := range exprs {
		fmt.Fprintf(&src, "%s == %s\n", evalDef(i), e)
	}
	src.Write(f.Text[end+1:])
	vm, err := m.WithText(src.Bytes())
	if err != nil {
		return nil, withoutPosition(err, f.Name)
	}
	prog, err := vm.Compile()
	if err != nil {
		return nil, withoutPosition(err, f.Name)
	}
	ev := &Evaluator{prog: prog}
	for i := range exprs {
		in, err := prog.DefExpr(evalDef(i))
		if err != nil {
			return nil, withoutPosition(err, f.Name)
		}
		ce, err := prog.Compile(in)
		if err != nil {
			return nil, withoutPosition(err, f.Name)
		}
		ev.exprs = append(ev.exprs, ce)
	}
	return ev, nil
}

// withoutPosition drops the "file:line:col: " of an error in the appended
// definitions.
func withoutPosition(err error, file string) error {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, file+":"); ok {
		if _, m, ok := strings.Cut(rest, ": "); ok {
			return errors.New(m)
		}
	}
	return err
}

// Eval is the value of expression i, printed as TLC prints values, in
// step's state of trace, with the next step's state for primes.
func (ev *Evaluator) Eval(i int, trace []Step, step int) (string, error) {
	if i < 0 || i >= len(ev.exprs) || step < 0 || step >= len(trace) {
		return "", fmt.Errorf("no expression %d or step %d", i, step)
	}
	var next []eval.Value
	if step+1 < len(trace) {
		next = trace[step+1].Values
	}
	v, err := ev.exprs[i].Eval(ev.prog.NewCtx(), trace[step].Values, next)
	if err != nil {
		return "", err
	}
	return eval.Format(v), nil
}
