package analysis

import (
	"bytes"

	"github.com/tlals/tlals/parser/ast"
)

// opPrec is an operator's precedence range and whether it associates to
// the left, as SANY's parser declares them (tla2sany's table of canonical
// operators, which "Specifying Systems" prints on p. 271), divided by ten.
// Two operators conflict when their ranges overlap, unless they are one
// associative operator repeated: SANY then reports "Precedence conflict".
type opPrec struct {
	lo, hi int
	assoc  bool
}

// infixPrec holds the infix operators by their canonical spelling
// (parser/ops.go folds synonyms: `\union` is `\cup`, `#` is `/=`). `\X` is
// SANY's one n-ary operator (ast.Product).
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
	"\\ll": {5, 5, false}, "\\gg": {5, 5, false},
	"|-": {5, 5, false}, "-|": {5, 5, false}, "|=": {5, 5, false}, "=|": {5, 5, false},
	"\\cdot": {5, 14, true},
	"@@":     {6, 6, true},
	":>":     {7, 7, false}, "<:": {7, 7, false},
	"\\cup": {8, 8, true}, "\\cap": {8, 8, true}, "\\": {8, 8, false},
	"..": {9, 9, false}, "...": {9, 9, false},
	"$": {9, 13, true}, "$$": {9, 13, true}, "??": {9, 13, true}, "##": {9, 13, true},
	"!!": {9, 13, false}, "\\uplus": {9, 13, true}, "\\sqcap": {9, 13, true}, "\\sqcup": {9, 13, true},
	"\\wr": {9, 14, false},
	"+":    {10, 10, true}, "++": {10, 10, true}, "\\oplus": {10, 10, true},
	"\\X": {10, 13, true},
	"%":   {10, 11, false}, "%%": {10, 11, true}, "|": {10, 11, true}, "||": {10, 11, true},
	"-": {11, 11, true}, "--": {11, 11, true}, "\\ominus": {11, 11, true},
	"*": {13, 13, true}, "**": {13, 13, true}, "/": {13, 13, false}, "//": {13, 13, false},
	"\\div": {13, 13, false}, "&": {13, 13, true}, "&&": {13, 13, true},
	"\\o": {13, 13, true}, "\\odot": {13, 13, true}, "\\oslash": {13, 13, false}, "\\otimes": {13, 13, true},
	"\\star": {13, 13, true}, "\\bigcirc": {13, 13, true}, "\\bullet": {13, 13, true},
	"^": {14, 14, false}, "^^": {14, 14, false},
}

// prefixPrec holds the prefix operators ("-." is negation).
var prefixPrec = map[string]opPrec{
	"~": {4, 4, false}, "[]": {4, 15, false}, "<>": {4, 15, false},
	"ENABLED": {4, 15, false}, "UNCHANGED": {4, 15, false},
	"SUBSET": {10, 13, false}, "UNION": {10, 13, false}, "DOMAIN": {10, 13, false},
	"-.": {12, 12, false},
}

// postfixPrec is the range of the postfix operators (', ^+, ^*, ^#).
var postfixPrec = opPrec{15, 15, false}

// postfixConflict reports a prefix operator whose operand is primed (or
// closed by another postfix operator) without parentheses: ENABLED x',
// UNCHANGED x'. SANY reports it at the postfix operator.
func (r *resolver) postfixConflict(prefix, postfix string, at ast.Span) {
	r.errorf(at, "precedence", "precedence conflict between `%s` and `%s`: parenthesize one of them", spelling(prefix), postfix)
}

func (p opPrec) overlaps(q opPrec) bool { return p.lo <= q.hi && q.lo <= p.hi }

// precedenceConflict reports, as SANY does, an operand of e (an infix,
// prefix or \X expression) that is itself an operator application, written
// without parentheses, whose precedence overlaps e's (a \/ b /\ c,
// a = b = c, a \div b * c, SUBSET a + b): TLA+ gives such an expression no
// meaning. SANY's operator stack compares an operator with the one before
// it, so a prefix operator conflicts with what follows its operand, never
// with an infix operator before it (a + -b is fine). The error is at the
// operator written first, where SANY reports it.
func (r *resolver) precedenceConflict(e ast.Expr) {
	switch e := e.(type) {
	case *ast.Infix:
		p, ok := infixPrec[e.Op]
		if !ok {
			return
		}
		if r.operandConflict(e.Op, p, e.OpAt, e.X, true) {
			return
		}
		r.operandConflict(e.Op, p, e.OpAt, e.Y, false)
	case *ast.PrefixExpr:
		if p, ok := prefixPrec[e.Op]; ok {
			if x, ok := e.X.(*ast.PostfixExpr); ok && p.overlaps(postfixPrec) {
				r.postfixConflict(e.Op, x.Op, x.OpAt)
				return
			}
			r.operandConflict(e.Op, p, e.OpAt, e.X, false)
		}
	case *ast.PostfixExpr:
		if x, ok := e.X.(*ast.PrefixExpr); ok {
			// the prefix operator next to the postfix one: <>[]x' is [] and '
			for inner, ok := x.X.(*ast.PrefixExpr); ok; inner, ok = inner.X.(*ast.PrefixExpr) {
				x = inner
			}
			if p, ok := prefixPrec[x.Op]; ok && p.overlaps(postfixPrec) {
				r.postfixConflict(x.Op, e.Op, e.OpAt)
			}
		}
	case *ast.Product:
		p := infixPrec["\\X"]
		for i, x := range e.Sets {
			if i > 0 && r.operandConflict("\\X", p, r.timesAt(e, i-1), x, false) ||
				i < len(e.Sets)-1 && r.operandConflict("\\X", p, r.timesAt(e, i), x, true) {
				return
			}
		}
	}
}

// timesAt is where the i-th \X of p is written: the token after the
// blanks that follow Sets[i] (the AST keeps the operands only), else the
// whole gap between the operands.
func (r *resolver) timesAt(p *ast.Product, i int) ast.Span {
	gap := ast.Span{Start: p.Sets[i].Pos().End, End: p.Sets[i+1].Pos().Start}
	if r.m.File == nil || gap.End > len(r.m.File.Text) || gap.Start > gap.End {
		return gap
	}
	text := r.m.File.Text[gap.Start:gap.End]
	at := len(text) - len(bytes.TrimLeft(text, " \t\r\n"))
	for _, tok := range []string{"\\X", "\\times", "×"} {
		if bytes.HasPrefix(text[at:], []byte(tok)) {
			return ast.Span{Start: gap.Start + at, End: gap.Start + at + len(tok)}
		}
	}
	return gap
}

// operandConflict reports a conflict between the operator op (at opAt,
// range p) and its operand x; left tells x stands before op.
func (r *resolver) operandConflict(op string, p opPrec, opAt ast.Span, x ast.Expr, left bool) bool {
	var (
		cop string
		cAt ast.Span
		q   opPrec
		ok  bool
	)
	switch c := x.(type) {
	case *ast.Infix:
		cop, cAt = c.Op, c.OpAt
		q, ok = infixPrec[c.Op]
	case *ast.Product:
		// next to the operand's operator: its last \X on the left, its first on the right
		cop, cAt = "\\X", r.timesAt(c, 0)
		if left {
			cAt = r.timesAt(c, len(c.Sets)-2)
		}
		q, ok = infixPrec[cop], true
	case *ast.PrefixExpr:
		if !left { // a + -b: the prefix operator follows an operator
			return false
		}
		cop, cAt = c.Op, c.OpAt
		q, ok = prefixPrec[c.Op]
	}
	if !ok || !p.overlaps(q) || cop == op && p.assoc {
		return false
	}
	first, firstAt, second := cop, cAt, op
	if !left {
		first, firstAt, second = op, opAt, cop
	}
	r.errorf(firstAt, "precedence", "precedence conflict between `%s` and `%s`: parenthesize one of them", spelling(first), spelling(second))
	return true
}

// spelling is how an operator is written ("-." is negation's name).
func spelling(op string) string {
	if op == "-." {
		return "-"
	}
	return op
}
