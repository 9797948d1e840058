package analysis

import "github.com/tlals/tlals/parser/ast"

// opPrec is the precedence range of an infix operator and whether it
// associates ("Specifying Systems", table of operator precedences), for
// the operators whose conflicts SANY reports and the parser resolves
// silently. The arithmetic operators are left out: their ranges interleave
// and are not checked.
type opPrec struct {
	lo, hi int
	assoc  bool
}

var infixPrec = map[string]opPrec{
	"=>":  {1, 1, false},
	"<=>": {2, 2, false}, "\\equiv": {2, 2, false}, "~>": {2, 2, false}, "-+->": {2, 2, false},
	"/\\": {3, 3, true}, "\\/": {3, 3, true},
	"=": {5, 5, false}, "/=": {5, 5, false}, "<": {5, 5, false}, ">": {5, 5, false},
	"<=": {5, 5, false}, ">=": {5, 5, false}, "\\in": {5, 5, false}, "\\notin": {5, 5, false},
	"\\subseteq": {5, 5, false}, "\\subset": {5, 5, false}, "\\supseteq": {5, 5, false},
	"\\supset": {5, 5, false}, ":=": {5, 5, false}, "::=": {5, 5, false},
	"\\prec": {5, 5, false}, "\\preceq": {5, 5, false}, "\\succ": {5, 5, false}, "\\succeq": {5, 5, false},
	"\\sqsubset": {5, 5, false}, "\\sqsubseteq": {5, 5, false}, "\\sqsupset": {5, 5, false}, "\\sqsupseteq": {5, 5, false},
	"\\approx": {5, 5, false}, "\\asymp": {5, 5, false}, "\\cong": {5, 5, false}, "\\doteq": {5, 5, false},
	"\\propto": {5, 5, false}, "\\sim": {5, 5, false}, "\\simeq": {5, 5, false},
	"|-": {5, 5, false}, "-|": {5, 5, false}, "|=": {5, 5, false}, "=|": {5, 5, false},
	"@@": {6, 6, true},
	":>": {7, 7, false}, "<:": {7, 7, false},
	"\\cup": {8, 8, true}, "\\cap": {8, 8, true}, "\\": {8, 8, false},
	"..": {9, 9, false}, "...": {9, 9, false},
}

// precedenceConflict reports, as SANY does, an operand of the infix e
// that is itself an infix application, written without parentheses, of an
// operator whose precedence overlaps e's (a \/ b /\ c, a = b = c,
// A \cup B \ C): TLA+ gives such an expression no meaning. The error is at
// the operator written first, where SANY reports it.
func (r *resolver) precedenceConflict(e *ast.Infix) {
	p, ok := infixPrec[e.Op]
	if !ok {
		return
	}
	for i, x := range []ast.Expr{e.X, e.Y} {
		c, ok := x.(*ast.Infix)
		if !ok {
			continue
		}
		q, ok := infixPrec[c.Op]
		if !ok || q.hi < p.lo || p.hi < q.lo || c.Op == e.Op && p.assoc {
			continue
		}
		first, second := c, e
		if i == 1 {
			first, second = e, c
		}
		r.errorf(first.OpAt, "precedence", "precedence conflict between `%s` and `%s`: parenthesize one of them", first.Op, second.Op)
		return
	}
}
