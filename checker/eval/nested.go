package eval

import (
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// Root is the expression of action a (TLC's action: the next-state
// relation split at its disjunctions and definitions) and its file: the
// first of the nested expressions TLC lists for an error in a.
func (a *Action) Root() (ast.Expr, *source.File) {
	if a == nil || a.Loc == nil {
		return nil, nil
	}
	return letBody(a.expr), a.Loc.File // TLC splits an action at its LETs
}

// Root is the initial predicate's expression and its file.
func (in *Init) Root() (ast.Expr, *source.File) {
	if in == nil {
		return nil, nil
	}
	return in.expr, in.file
}
