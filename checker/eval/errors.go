package eval

import (
	"fmt"
	"strings"

	"github.com/tlals/tlals/parser/source"
)

// Loc is a source range in a file.
type Loc struct {
	File *source.File
	Span source.Span
	// Unprinted: TLC prints no location with the error raised here.
	Unprinted bool
}

// unprinted is a copy of l marking it as a location TLC does not print
// with the error raised there (see memberErr).
func (l *Loc) unprinted() *Loc {
	if l == nil {
		return nil
	}
	c := *l
	c.Unprinted = true
	return &c
}

// Module returns the module name (file base name without .tla).
func (l *Loc) Module() string {
	if l == nil || l.File == nil {
		return ""
	}
	n := l.File.Name
	for i := len(n) - 1; i >= 0; i-- {
		if n[i] == '/' || n[i] == '\\' {
			n = n[i+1:]
			break
		}
	}
	if len(n) > 4 && n[len(n)-4:] == ".tla" {
		n = n[:len(n)-4]
	}
	return n
}

// String renders "line L, col C to line L2, col C2 of module M" as TLC does.
func (l *Loc) String() string {
	if l == nil || l.File == nil {
		return "unknown location"
	}
	sl, sc, el, ec := l.Range()
	return fmt.Sprintf("line %d, col %d to line %d, col %d of module %s", sl, sc, el, ec, l.Module())
}

// Range returns 1-based start and (inclusive) end line/column.
func (l *Loc) Range() (sl, sc, el, ec int) {
	if l == nil || l.File == nil {
		return 0, 0, 0, 0
	}
	sp := l.Trimmed()
	sl, sc = l.File.LineCol(sp.Start)
	end := sp.End
	if end > sp.Start {
		end-- // TLC's end column is inclusive: the last character
	}
	el, ec = l.File.LineCol(end)
	return
}

// Trimmed is the span without the white space that ends it (the parser's
// spans of some constructs reach the next token).
func (l *Loc) Trimmed() source.Span {
	end := l.Span.End
	text := l.File.Text
	for end > l.Span.Start+1 && end <= len(text) && (text[end-1] == ' ' || text[end-1] == '\n' || text[end-1] == '\r' || text[end-1] == '\t') {
		end--
	}
	return source.Span{Start: l.Span.Start, End: end}
}

// Error is an evaluation or compilation error at the smallest range
// responsible for it.
type Error struct {
	Loc  *Loc
	Msg  string
	Kind ErrKind
	// Calls are the operator applications being evaluated when the error
	// was raised, outermost first (set by Action.Run and Init.Run), so that
	// an error inside an operator is also shown where it was called.
	Calls []*Loc
	// Partial is the successor state an action left incompletely
	// specified (nil where a variable is not assigned), Unassigned the
	// names of those variables, sorted as TLC lists them.
	Partial    []Value
	Unassigned []string
}

// NotDefined is TLC's error for a name the configuration gives that the
// specification does not define; kind is what the configuration uses it
// as ("initial predicate", "next state action", "invariant", ...).
func NotDefined(kind, name string) *Error {
	return &Error{Msg: "The " + kind + " " + name + " specified in the configuration file\nis not defined in the specification.", Kind: ErrCompile}
}

// IncompleteMessage is TLC's message for a successor state that action
// leaves incompletely specified (one says so when the next-state relation
// is that single action).
func IncompleteMessage(action string, unassigned []string, one bool) string {
	vars := " is"
	if len(unassigned) > 1 {
		vars = "s are"
	}
	by := "action " + action + " of the next-state relation"
	if one {
		by = "the next-state action"
	}
	return "Successor state is not completely specified by " + by + ". The following variable" + vars + " not defined: " + strings.Join(unassigned, ", ") + "."
}

// ErrKind classifies errors for the checker's outcome.
type ErrKind int

const (
	ErrEval    ErrKind = iota // an evaluation error
	ErrAssert                 // TLC's Assert failed
	ErrCompile                // unsupported or unresolved construct
	// ErrModule: an error TLC's Java override of a standard module
	// raises as an EvalException with its own error code (Sequences'
	// argument and empty-sequence errors), which a next-state error
	// keeps as TLC's exit status (255).
	ErrModule
)

func (e *Error) Error() string {
	if e.Loc == nil || e.Loc.File == nil {
		return e.Msg
	}
	return e.Loc.File.Location(e.Loc.Span.Start) + ": " + e.Msg
}

// throw raises an evaluation error (recovered by Catch).
func throw(l *Loc, format string, args ...any) {
	panic(&Error{Loc: l, Msg: fmt.Sprintf(format, args...)})
}

// throwModule raises an error of a standard module's override (ErrModule).
func throwModule(l *Loc, format string, args ...any) {
	panic(&Error{Loc: l, Msg: fmt.Sprintf(format, args...), Kind: ErrModule})
}

// evalKind runs f, making a module error it raises a plain evaluation
// error: for operators TLC defines in TLA+, not in a Java override.
func evalKind[T any](f func() T) T {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(*Error); ok && e.Kind == ErrModule {
				c := *e
				c.Kind = ErrEval
				panic(&c)
			}
			panic(r)
		}
	}()
	return f()
}

// Catch converts a panic raised during evaluation into an error. Use as
// `defer eval.Catch(&err)`.
func Catch(err *error) {
	if r := recover(); r != nil {
		switch x := r.(type) {
		case *Error:
			*err = x
		case *valErr:
			*err = &Error{Msg: x.msg}
		case *memberErr:
			*err = &Error{Msg: x.msg}
		default:
			*err = &Error{Msg: fmt.Sprintf("internal error: %v", r)}
		}
	}
}

// checkAt runs f, giving a value error it raises the location l.
func checkAt(l *Loc, f func()) {
	defer attach(l)
	f()
}

// attach gives a location to a value error raised without one.
func attach(l *Loc) {
	if r := recover(); r != nil {
		if ve, ok := r.(*valErr); ok {
			panic(&Error{Loc: l, Msg: ve.msg})
		}
		if me, ok := r.(*memberErr); ok {
			panic(&Error{Loc: l.unprinted(), Msg: me.msg})
		}
		panic(r)
	}
}

func check(l *Loc, err error) {
	if err != nil {
		if e, ok := err.(*Error); ok {
			panic(e)
		}
		if me, ok := err.(*memberErr); ok {
			panic(&Error{Loc: l.unprinted(), Msg: me.msg})
		}
		panic(&Error{Loc: l, Msg: err.Error()})
	}
}

// NoStateVar is, when err is the error of a variable read without a state
// (Ctx.NoState), that error in TLC's words: Tool.eval looks the variable
// up as an identifier and finds none ("In evaluation, the identifier x is
// either undefined or not an operator.", at the variable).
func NoStateVar(err error) (*Error, bool) {
	e, ok := err.(*Error)
	if !ok || !strings.HasPrefix(e.Msg, "The variable ") || !strings.HasSuffix(e.Msg, noStateSuffix) {
		return nil, false
	}
	name := strings.TrimSuffix(strings.TrimPrefix(e.Msg, "The variable "), noStateSuffix)
	return &Error{Loc: e.Loc, Msg: "In evaluation, the identifier " + name + " is either undefined or not an operator.", Kind: e.Kind, Calls: e.Calls}, true
}
