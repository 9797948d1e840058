package eval

import (
	"strings"

	"github.com/tlals/tlals/parser/ast"
)

// OpTable is an operator the configuration defines by its values on
// particular arguments, one `F(a1, ..., an) = v` line each (TLC's
// OpRcdValue). Applied to arguments no line names, it is an evaluation
// error; the first line for the arguments gives the value.
type OpTable struct {
	Name string
	Args [][]Value
	Vals []Value
}

// Add records the line F(args) = v. It reports false, adding nothing,
// when args are not as many as the arguments of the lines before.
func (t *OpTable) Add(args []Value, v Value) bool {
	if len(t.Args) > 0 && len(args) != t.Arity() {
		return false
	}
	t.Args = append(t.Args, args)
	t.Vals = append(t.Vals, v)
	return true
}

// Arity is the number of arguments of the table's lines.
func (t *OpTable) Arity() int {
	if len(t.Args) == 0 {
		return 0
	}
	return len(t.Args[0])
}

// String prints the table as TLC prints an OpRcdValue.
func (t *OpTable) String() string {
	var b strings.Builder
	b.WriteString("{ ")
	for i, args := range t.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('<')
		for _, a := range args {
			format(&b, a)
			b.WriteString(", ")
		}
		format(&b, t.Vals[i])
		b.WriteByte('>')
	}
	b.WriteByte('}')
	return b.String()
}

// apply looks args up; l is the application, for the error.
func (t *OpTable) apply(args []Value, l *Loc) Value {
	defer attach(l)
	for i, as := range t.Args {
		match := len(as) == len(args)
		for j := 0; match && j < len(as); j++ {
			match = equal(as[j], args[j])
		}
		if match {
			return t.Vals[i]
		}
	}
	strs := make([]string, len(args))
	for i, a := range args {
		strs[i] = Pretty(a)
	}
	throw(l, "Attempted to apply operator:\n%s\nto arguments (%s), which is undefined.", t.String(), strings.Join(strs, ", "))
	return nil
}

// ScopedName is the key of the configuration's `C = [Mod] v` in the
// constants given to NewProgram: the definition C of module Mod, wherever
// Mod is extended or instantiated. It cannot clash with a name or an
// instance path (I!C).
func ScopedName(mod, name string) string { return "[" + mod + "]" + name }

// tableCall compiles an application of an operator defined by a table.
func (p *Program) tableCall(sc cscope, d *def, argAsts []ast.Expr, l *Loc) expr {
	t := d.table
	if len(argAsts) != t.Arity() {
		compileErr(l, "operator %s takes %d arguments (as the configuration defines it), got %d", d.name, t.Arity(), len(argAsts))
	}
	args := p.compileArgs(sc, argAsts, nil, l)
	return func(c *Ctx, f *frame) Value {
		vs := make([]Value, len(args))
		for i, a := range args {
			vs[i] = a(c, f)
		}
		return t.apply(vs, l)
	}
}
