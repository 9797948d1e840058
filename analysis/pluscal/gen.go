package pluscal

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tlals/tlals/parser/source"
)

// Generation of the TLA+ text (the reference's PcalTLAGen). Text is built
// in emitters: a list of lines whose last one is being written. A
// statement is generated into its own emitter, at column 0, and placed
// into its parent's with hanging indentation, which lets UNCHANGED clauses
// be computed before they are written.

const wrapColumn = 78

// MapKind says what produced a range of the translation.
type MapKind int

const (
	MapAction    MapKind = iota // a label's action definition
	MapStatement                // the translation of one PlusCal statement
	MapExpr                     // an expression copied from the algorithm
	MapDecl                     // a variable declaration's Init conjunct
	MapProcess                  // a process's or procedure's definition
)

func (k MapKind) String() string {
	switch k {
	case MapAction:
		return "action"
	case MapStatement:
		return "statement"
	case MapExpr:
		return "expression"
	case MapDecl:
		return "declaration"
	case MapProcess:
		return "process"
	}
	return "?"
}

type rmap struct {
	l0, c0, l1, c1 int
	src            source.Span
	kind           MapKind
	name           string
}

type emitter struct {
	lines []string
	maps  []rmap
}

func newEm() *emitter { return &emitter{lines: []string{""}} }

func (e *emitter) last() int    { return len(e.lines) - 1 }
func (e *emitter) col() int     { return len(e.lines[e.last()]) }
func (e *emitter) put(s string) { e.lines[e.last()] += s }
func (e *emitter) newline()     { e.lines = append(e.lines, "") }

// line ends the current line (if not empty) and writes s as a whole line.
func (e *emitter) line(s string) {
	if e.lines[e.last()] != "" {
		e.newline()
	}
	e.put(s)
	e.newline()
}

func (e *emitter) begin() (int, int) { return e.last(), e.col() }

func (e *emitter) mark(l0, c0 int, src source.Span, kind MapKind, name string) {
	l1, c1 := e.last(), e.col()
	if l1 == l0 && c1 == c0 {
		return
	}
	e.maps = append(e.maps, rmap{l0, c0, l1, c1, src, kind, name})
}

// putExpr writes x at the current column: later lines of x are indented by
// that column (the reference's addExprToTLA).
// putExpr writes x with its source line structure; a source line with no
// token of x (a comment, nothing) stays a line of the indentation, as the
// reference translator writes it.
func (e *emitter) putExpr(x expr) {
	l0, c0 := e.begin()
	lines := x.renderLines(true)
	indent := strings.Repeat(" ", e.col())
	for i, s := range lines {
		if i > 0 {
			e.newline()
			e.put(indent)
			if s == "" {
				// keeps the line's indentation when the expression is
				// placed in its parent (dropped when the lines are
				// assembled)
				s = blankExprLine
			}
		}
		e.put(s)
	}
	if x.has {
		e.mark(l0, c0, x.span, MapExpr, "")
	}
}

// blankExprLine marks an expression's line that holds no token, so that
// place indents it like the expression's other lines.
const blankExprLine = "\x01"

// place appends child c: its first line continues the current line, its
// other lines start on new lines indented by indent.
func (e *emitter) place(c *emitter, indent int) {
	baseL, baseC := e.last(), e.col()
	pad := strings.Repeat(" ", indent)
	lines := c.lines
	// A child ending with an empty line contributes no trailing line.
	for len(lines) > 1 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, s := range lines {
		if i == 0 {
			e.put(s)
			continue
		}
		e.newline()
		if s != "" {
			e.put(pad + s)
		}
	}
	for _, m := range c.maps {
		if m.l1 >= len(lines) {
			m.l1 = len(lines) - 1
			m.c1 = len(lines[m.l1])
		}
		shift := func(l, c int) (int, int) {
			if l == 0 {
				return baseL, baseC + c
			}
			return baseL + l, indent + c
		}
		m.l0, m.c0 = shift(m.l0, m.c0)
		m.l1, m.c1 = shift(m.l1, m.c1)
		e.maps = append(e.maps, m)
	}
}

// changed counts assignments per variable in the current step.
type changed struct {
	vars []string
	n    map[string]int
}

func newChanged(vars []string) *changed { return &changed{vars: vars, n: map[string]int{}} }

func (c *changed) copy() *changed {
	n := newChanged(c.vars)
	for k, v := range c.n {
		n.n[k] = v
	}
	return n
}

func (c *changed) set(v string) int { c.n[v]++; return c.n[v] }
func (c *changed) is(v string) bool { return c.n[v] > 0 }
func (c *changed) merge(o *changed) {
	for k, v := range o.n {
		if v > c.n[k] {
			c.n[k] = v
		}
	}
}

// unchanged lists the variables not changed (in declaration order); with
// other non-nil, only those changed in other.
func (c *changed) unchanged(other *changed) []string {
	var out []string
	for _, v := range c.vars {
		if c.n[v] > 0 {
			continue
		}
		if other != nil && other.n[v] == 0 {
			continue
		}
		out = append(out, v)
	}
	return out
}

// unchangedText is the UNCHANGED conjunct for vs; tight writes the tuple
// as the reference does in the branches of an either: <<a, b>>.
func unchangedText(vs []string, bullet, tight bool) string {
	b := ""
	if bullet {
		b = "/\\ "
	}
	switch len(vs) {
	case 0:
		return ""
	case 1:
		if len(vs[0]) > 5 {
			return b + "UNCHANGED " + vs[0]
		}
		return b + vs[0] + "' = " + vs[0]
	}
	if tight {
		return b + "UNCHANGED <<" + strings.Join(vs, ", ") + ">>"
	}
	return b + "UNCHANGED << " + strings.Join(vs, ", ") + " >>"
}

// wrapMark precedes the UNCHANGED tuple of an IF branch: the reference
// wraps that tuple by the column the line reaches, known only once the
// whole translation is placed (wrapUnchanged).
const wrapMark = "\x02"

// ifUnchangedText is the UNCHANGED conjunct of an IF branch, its tuple
// marked for wrapUnchanged.
func ifUnchangedText(vs []string) string {
	if len(vs) > 1 {
		return "/\\ " + wrapMark + "UNCHANGED << " + strings.Join(vs, ", ") + " >>"
	}
	return unchangedText(vs, true, false)
}

// wrapUnchanged splits each marked UNCHANGED tuple as the reference does:
// lines of at most wrapColumn - (its column) - len("UNCHANGED << ")
// characters, the later ones under the first variable; the mappings move
// with the text.
func wrapUnchanged(out *emitter) {
	const head = "UNCHANGED << "
	for i := 0; i < len(out.lines); i++ {
		l := out.lines[i]
		k := strings.Index(l, wrapMark)
		if k < 0 {
			continue
		}
		l = l[:k] + l[k+len(wrapMark):]
		fix := func(line, col *int) {
			if *line == i && *col > k {
				*col -= len(wrapMark)
			}
		}
		for m := range out.maps {
			fix(&out.maps[m].l0, &out.maps[m].c0)
			fix(&out.maps[m].l1, &out.maps[m].c1)
		}
		end := strings.LastIndex(l, " >>")
		if !strings.HasPrefix(l[k:], head) || end < k+len(head) {
			out.lines[i] = l
			continue
		}
		parts := unchangedLines(strings.Split(l[k+len(head):end], ", "), wrapColumn-k-len(head))
		if len(parts) < 2 {
			out.lines[i] = l
			continue
		}
		pad := strings.Repeat(" ", k+len(head))
		rows := []string{l[:k+len(head)] + parts[0]}
		for _, p := range parts[1:] {
			rows = append(rows, pad+p)
		}
		rows[len(rows)-1] += l[end:]
		last := rows[len(rows)-1]
		out.lines = append(out.lines[:i], append(rows, out.lines[i+1:]...)...)
		move := func(line, col *int) {
			switch {
			case *line > i:
				*line += len(rows) - 1
			case *line == i && *col > len(rows[0]):
				*line, *col = i+len(rows)-1, len(last)-(len(l)-*col)
			}
		}
		for m := range out.maps {
			move(&out.maps[m].l0, &out.maps[m].c0)
			move(&out.maps[m].l1, &out.maps[m].c1)
		}
		i += len(rows) - 1
	}
}

// unchangedLines splits the variables vs, joined by ", ", into lines: a
// variable that would take a line past width characters starts the next.
func unchangedLines(vs []string, width int) []string {
	var lines []string
	s := ""
	for i, v := range vs {
		if i > 0 {
			s += ", "
		}
		if len(s)+len(v) > width {
			if s != "" {
				lines = append(lines, s)
			}
			s = v
		} else {
			s += v
		}
	}
	if s != "" {
		lines = append(lines, s)
	}
	return lines
}

// gen holds the state of one generation.
type gen struct {
	t        *translator
	alg      *algorithm
	mp       bool
	omitPC   bool
	omitTerm bool
	astText  string // the algorithm as pcal.trans prints it for chksum(pcal)
	vars     []string
	pcV      map[string]bool // procedure parameters and variables
	psV      map[string]bool // variables of process sets
	declared map[string]bool
	self     *expr // subscript for the current context; nil in uniprocess
	selfSelf bool
	context  string // "", "procedure", "process"
	out      *emitter
}

func selfExpr() expr { return synth("self") }

// subscr returns the subscript expression used in context ctx.
func (g *gen) subscr(ctx string) *expr {
	if !g.mp {
		return nil
	}
	if ctx == "procedure" {
		s := selfExpr()
		return &s
	}
	return g.self
}

// addSubs is AddSubscriptsToExpr: variables changed in the step get a
// prime; pc, stack, procedure variables and process-set variables get the
// [self] subscript.
func (g *gen) addSubs(x expr, sub *expr, c *changed) expr {
	out := x
	out.toks = nil
	for _, t := range x.toks {
		prime := t.kind == tIdent && !t.noSubst && c != nil && c.is(t.s)
		subr := sub != nil && (t.kind == tAdded || (g.mp && t.kind == tIdent && !t.noSubst && (g.pcV[t.s] || g.psV[t.s])))
		out.toks = append(out.toks, t)
		if prime {
			out.toks = append(out.toks, tok{s: "'", kind: tOp, line: -1})
		}
		if subr {
			out.toks = append(out.toks, tok{s: "[", kind: tOp, line: -1})
			st := flatten(sub.toks)
			out.toks = append(out.toks, st...)
			out.toks = append(out.toks, tok{s: "]", kind: tOp, line: -1})
		}
	}
	return out
}

func (g *gen) stmt(s *stmt, c *changed, ctx string) *emitter {
	e := newEm()
	l0, c0 := e.begin()
	switch s.kind {
	case sAssign:
		g.assign(e, s, c, ctx)
	case sIf:
		g.ifStmt(e, s, c, ctx)
	case sEither:
		g.either(e, s, c, ctx)
	case sWith:
		g.with(e, s, c, ctx)
	case sAwait:
		e.putExpr(g.addSubs(s.cond, g.subscr(ctx), c))
	case sPrint:
		e.put("PrintT(")
		e.putExpr(g.addSubs(s.cond, g.subscr(ctx), c))
		e.put(")")
	case sAssert:
		e.put("Assert(")
		e.putExpr(g.addSubs(s.cond, g.subscr(ctx), c))
		line, col := g.t.file.LineCol(s.kwPos)
		of := ""
		if s.at.Start != s.kwPos {
			// expanded from a macro: s.at is the call's position
			cl, cc := g.t.file.LineCol(s.at.Start)
			of = fmt.Sprintf(" of macro called at line %d, column %d", cl, cc)
		}
		e.put(fmt.Sprintf(", \"Failure of assertion at line %d, column %d%s.\")", line, col, of))
	case sSkip:
		e.put("TRUE")
	default:
		// goto, call and return were exploded; one left here is an error
		// already reported.
		e.put("TRUE")
	}
	if !s.synthetic {
		e.mark(l0, c0, s.at, MapStatement, "")
	}
	return e
}

func (g *gen) selfVar(v string) bool {
	return g.mp && (v == "pc" || v == "stack" || g.pcV[v] || g.psV[v])
}

func (g *gen) assign(e *emitter, s *stmt, c *changed, ctx string) {
	as := append([]*sassign(nil), s.assigns...)
	sort.SliceStable(as, func(i, j int) bool { return as[i].vr < as[j].vr })
	cThis := c.copy()
	sub := g.subscr(ctx)
	multiVars := false
	if len(as) > 0 {
		for _, a := range as[1:] {
			if a.vr != as[0].vr {
				multiVars = true
			}
		}
	}
	for i := 0; i < len(as); {
		j := i
		noSub := false
		for j < len(as) && as[j].vr == as[i].vr {
			if as[j].sub.empty() {
				noSub = true
			}
			j++
		}
		v := as[i].vr
		if !g.declared[v] {
			g.t.errorf(s.at, "Assignment to undeclared variable %s", v)
		}
		if cThis.set(v) > 1 || (j-i > 1 && noSub) {
			g.t.errorf(s.at, "Multiple assignment to %s", v)
		}
		if i > 0 {
			e.newline()
		}
		if multiVars {
			e.put("/\\ ")
		}
		if j-i == 1 {
			a := as[i]
			l0, c0 := e.begin()
			subx := g.addSubs(a.sub, sub, c)
			rhs := g.addSubs(a.rhs, sub, c)
			switch {
			case g.selfVar(v):
				e.put(v + "' = [" + v + " EXCEPT ![")
				if sub != nil {
					e.putExpr(flatExpr(*sub))
				}
				e.put("]")
				if !subx.empty() {
					e.putExpr(subx)
				}
				e.put(" = ")
				e.putExpr(rhs)
				e.put("]")
			case !subx.empty():
				e.put(v + "' = [" + v + " EXCEPT !")
				e.putExpr(subx)
				e.put(" = ")
				e.putExpr(rhs)
				e.put("]")
			default:
				e.put(v + "' = ")
				paren := needsParens(rhs.render()[0])
				if paren {
					e.put("(")
				}
				e.putExpr(rhs)
				if paren {
					e.put(")")
				}
			}
			if a.has && len(s.assigns) > 1 {
				e.mark(l0, c0, a.span, MapStatement, "")
			}
		} else {
			e.put(v + "' = [" + v + " EXCEPT ")
			cc := e.col()
			subscript := g.mp && (g.pcV[v] || g.psV[v])
			for k := i; k < j; k++ {
				a := as[k]
				l0, c0 := e.begin()
				e.put("!")
				if subscript && sub != nil {
					e.put("[")
					e.putExpr(flatExpr(*sub))
					e.put("]")
				}
				e.putExpr(g.addSubs(a.sub, sub, c))
				e.put(" = ")
				e.putExpr(g.addSubs(a.rhs, sub, c))
				if a.has {
					e.mark(l0, c0, a.span, MapStatement, "")
				}
				if k == j-1 {
					e.put("]")
				} else {
					e.put(",")
					e.newline()
					e.put(strings.Repeat(" ", cc))
				}
			}
		}
		i = j
	}
	c.merge(cThis)
}

func flatExpr(x expr) expr {
	y := x
	y.toks = flatten(x.toks)
	y.has = false
	return y
}

// conj generates statements as a conjunction list, each prefixed by "/\ ".
func (g *gen) conj(e *emitter, stmts []*stmt, c *changed, ctx string) {
	col := e.col()
	for i, s := range stmts {
		if i > 0 {
			e.newline()
			e.put(strings.Repeat(" ", col))
		}
		e.put("/\\ ")
		e.place(g.stmt(s, c, ctx), col+3)
	}
}

func (g *gen) ifStmt(e *emitter, s *stmt, c *changed, ctx string) {
	cThen, cElse := c.copy(), c.copy()
	e.put("IF ")
	e.putExpr(g.addSubs(s.cond, g.subscr(ctx), c))
	e.newline()
	e.put("   THEN ")
	thenE := newEm()
	g.conj(thenE, s.then, cThen, ctx)
	elseE := newEm()
	if len(s.els) == 0 {
		elseE.put("/\\ TRUE")
	} else {
		g.conj(elseE, s.els, cElse, ctx)
	}
	if u := ifUnchangedText(cThen.unchanged(cElse)); u != "" {
		if len(s.then) > 0 {
			thenE.newline()
		}
		thenE.put(u)
	}
	if u := ifUnchangedText(cElse.unchanged(cThen)); u != "" {
		elseE.newline()
		elseE.put(u)
	}
	e.place(thenE, 8)
	e.newline()
	e.put("   ELSE ")
	e.place(elseE, 8)
	c.merge(cThen)
	c.merge(cElse)
}

func (g *gen) either(e *emitter, s *stmt, c *changed, ctx string) {
	all := c.copy()
	var cs []*changed
	var ems []*emitter
	for _, o := range s.ors {
		cc := c.copy()
		oe := newEm()
		g.conj(oe, o, cc, ctx)
		cs = append(cs, cc)
		ems = append(ems, oe)
		all.merge(cc)
	}
	for i, oe := range ems {
		if i > 0 {
			e.newline()
		}
		e.put("\\/ ")
		if u := unchangedText(cs[i].unchanged(all), false, true); u != "" {
			if len(s.ors[i]) > 0 {
				oe.newline()
			}
			oe.put("/\\ " + u)
		}
		e.place(oe, 3)
	}
	c.merge(all)
}

func (g *gen) with(e *emitter, s *stmt, c *changed, ctx string) {
	x := g.addSubs(s.withE, g.subscr(ctx), c)
	if s.withEq {
		e.put("LET " + s.withVar + " == ")
		e.putExpr(x)
		e.put(" IN")
	} else {
		e.put("\\E " + s.withVar + " \\in ")
		e.putExpr(x)
		e.put(":")
	}
	e.newline()
	e.put("  ")
	if len(s.body) > 1 {
		g.conj(e, s.body, c, ctx)
	} else if len(s.body) == 1 {
		e.place(g.stmt(s.body[0], c, ctx), 2)
	} else {
		e.put("TRUE")
	}
}

// labeled generates a label's action definition.
func (g *gen) labeled(l *lstmt, ctx string, procName string) {
	e := newEm()
	name := l.label
	if g.omitPC {
		name = procName
	}
	if g.mp && (ctx == "procedure" || g.selfSelf) {
		name += "(self)"
	}
	head := name + " == "
	e.put(head)
	c := newChanged(g.vars)
	body := newEm()
	g.conj(body, l.stmts, c, ctx)
	unc := c.unchanged(nil)
	if len(unc) == 0 && len(l.stmts) == 1 {
		body = newEm()
		c = newChanged(g.vars)
		body.place(g.stmt(l.stmts[0], c, ctx), 0)
	} else if len(unc) > 1 {
		// the reference splits the list into lines of at most
		// wrapColumn - len(head) - len("/\\ UNCHANGED << ") characters,
		// each but the last ending in ", ", the others under the first
		lines := unchangedLines(unc, wrapColumn-len(head)-len("/\\ UNCHANGED << "))
		body.newline()
		body.put("/\\ UNCHANGED << " + lines[0])
		for _, l := range lines[1:] {
			body.newline()
			body.put(strings.Repeat(" ", len("/\\ UNCHANGED << ")) + l)
		}
		body.put(" >>")
	} else if u := unchangedText(unc, true, false); u != "" {
		body.newline()
		body.put(u)
	}
	e.place(body, len(head))
	e.maps = append(e.maps, rmap{0, 0, e.last(), e.col(), l.span, MapAction, l.label})
	g.out.place(e, 0)
	g.out.newline()
	g.out.newline()
}

// disjunction writes `name == a \/ b \/ ...`.
func (g *gen) disjunction(name string, items []string, src source.Span) {
	e := newEm()
	e.put(name + " == ")
	indent := strings.Repeat(" ", len(name)+4+2)
	for i, it := range items {
		if i > 0 && e.col()+7+len(it) > wrapColumn {
			e.newline()
			e.put(indent)
		}
		if i > 0 {
			e.put(" \\/ ")
		}
		e.put(it)
	}
	e.maps = append(e.maps, rmap{0, 0, e.last(), e.col(), src, MapProcess, name})
	g.out.place(e, 0)
	g.out.newline()
	g.out.newline()
}
