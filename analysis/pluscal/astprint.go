package pluscal

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tlals/tlals/parser/ast"
)

// chksum(pcal), as pcal.trans writes it, is the CRC-32 of its parsed
// algorithm printed as a TLA+ record (the form its -writeAST option
// writes), printed after the translation: name conflicts resolved (labels
// and variables renamed) and the statements nested in the last statement
// of each step exploded in place (a goto there becomes pc := "l", the
// branches of an if, either or with get their pc updates, the
// unlabeled part of an if or either holding labels gets its own). The
// step's own statement list is copied by the explosion and prints as
// parsed. For a "--fair algorithm" it is the checksum of "fair".
//
// astPrinter reproduces that printing: the reference builds one string
// left to right, with an indentation stack that each record pushes (the
// width of the text written, not the column reached) and pops; a new line
// is indented to the top of the stack.

type astPrinter struct {
	b        strings.Builder
	indent   []int // indent[d]: the indentation at depth d
	proc     string
	labelled map[*stmt][]bool
	dropped  map[*stmt]bool
}

func (p *astPrinter) push(s string) {
	p.indent = append(p.indent, p.indent[len(p.indent)-1]+len(s))
	p.b.WriteString(s)
}

func (p *astPrinter) pop() { p.indent = p.indent[:len(p.indent)-1] }

func (p *astPrinter) nl() {
	p.b.WriteByte('\n')
	p.b.WriteString(strings.Repeat(" ", p.indent[len(p.indent)-1]))
}

func (p *astPrinter) w(parts ...string) {
	for _, s := range parts {
		p.b.WriteString(s)
	}
}

// seq prints a sequence: "<<", the elements separated by ",\n", ">>".
func seq[T any](p *astPrinter, xs []T, f func(T)) {
	p.push("<<")
	for i, x := range xs {
		if i > 0 {
			p.w(", ")
			p.nl()
		}
		f(x)
	}
	p.w(">>")
	p.pop()
}

func (p *astPrinter) quoted(xs []string) {
	p.push("<<")
	for i, x := range xs {
		if i > 0 {
			p.w(", ")
		}
		p.w(`"`, x, `"`)
	}
	p.w(">>")
	p.pop()
}

func eqOrIn(eq bool) string {
	if eq {
		return `"="`
	}
	return `"\\in"`
}

// expr prints an expression as the reference's TLAExpr does: its tokens
// as strings, a string literal as three (its quotes apart), a token that
// starts with a backslash with it doubled, a conjunction or disjunction
// bullet with its column, and a line break before the tokens of each
// further source line.
func (p *astPrinter) expr(e expr) {
	p.w("<< ")
	// The reference's columns: a line's first token where the source has
	// it; each further one after the previous token as the translator
	// wrote it (a renamed variable, self for the process's identifier, a
	// macro's argument, moves the rest of the line), the source's spacing
	// kept. Then the leftmost line start is made column 0.
	cols := make([]int, len(e.toks))
	minCol := -1
	for i, t := range e.toks {
		if i == 0 || t.brk || t.nl > 0 {
			if t.line >= 0 || t.nl > 0 {
				cols[i] = t.col
			}
			if minCol < 0 || cols[i] < minCol {
				minCol = cols[i]
			}
			continue
		}
		prev := e.toks[i-1]
		cols[i] = cols[i-1] + utf8.RuneCountInString(prev.s) + t.gap
	}
	for i, t := range e.toks {
		if i > 0 {
			if t.brk {
				n := 1
				if t.line >= 0 && e.toks[i-1].line >= 0 && t.line > e.toks[i-1].line {
					n = t.line - e.toks[i-1].line
				}
				p.w(strings.Repeat("\n", n))
			} else if t.nl > 0 {
				p.w(strings.Repeat("\n", t.nl))
			}
			p.w(", ")
		}
		p.w(pcalToken(t, cols[i]-minCol))
	}
	p.w(" >>")
}

// pcalToken is how the reference prints one token (a string literal is
// three of its tokens, its quotes apart; a decimal number three too).
func pcalToken(t tok, col int) string {
	s := t.s
	switch {
	case t.kind == tString && len(s) >= 2 && s[0] == '"':
		return `"\"", "` + s[1:len(s)-1] + `", "\""`
	case t.kind == tNumber && strings.Contains(s, ".") && !strings.HasPrefix(s, "\\"):
		i := strings.IndexByte(s, '.')
		return `"` + s[:i] + `", ".", "` + s[i+1:] + `"`
	case s == `\/` || s == `/\`:
		return fmt.Sprintf(`"(col%d) %s"`, col, strings.ReplaceAll(s, `\`, `\\`))
	case strings.HasPrefix(s, `\`):
		return `"\` + s + `"`
	}
	return `"` + s + `"`
}

func (p *astPrinter) varDecl(d *varDecl, proc bool) {
	p.push("")
	if proc {
		p.w(`[var |-> "`, d.name, `", eqOrIn |-> "=", val |-> `)
	} else {
		p.w(`[var |-> "`, d.name, `", eqOrIn |-> `, eqOrIn(d.eq), `, val |-> `)
	}
	p.expr(d.init)
	p.w("]")
	p.pop()
}

func (p *astPrinter) decls(ds []*varDecl, proc bool) {
	seq(p, ds, func(d *varDecl) { p.varDecl(d, proc) })
}

func (p *astPrinter) lstmts(ls []*lstmt) {
	seq(p, ls, func(l *lstmt) {
		p.push("")
		p.w(`[label |-> "`, l.label, `",`)
		p.nl()
		p.push(" stmts |-> ")
		p.stmts(l.stmts)
		p.w("]")
		p.pop()
		p.pop()
	})
}

func (p *astPrinter) stmts(ss []*stmt) { seq(p, ss, p.stmt) }

func (p *astPrinter) stmt(s *stmt) {
	switch s.kind {
	case sAssign:
		p.push("")
		p.w(`[type |-> "assignment",`)
		p.nl()
		p.push(" ass  |-> ")
		// The reference's generator sorts a multiple assignment by
		// variable, stably, in place (one it does not generate stays).
		as := slices.Clone(s.assigns)
		if !p.dropped[s] {
			slices.SortStableFunc(as, func(a, b *sassign) int { return strings.Compare(a.vr, b.vr) })
		}
		seq(p, as, func(a *sassign) {
			p.push("")
			p.w(`[lhs |-> [var |-> "`, a.vr, `", sub |-> `)
			p.expr(a.sub)
			p.w("],")
			p.nl()
			p.w(" rhs |-> ")
			p.expr(a.rhs)
			p.w("]")
			p.pop()
		})
		p.w("]")
		p.pop()
		p.pop()
	case sIf:
		if empty, ok := p.labelled[s]; ok || s.broken {
			then, els := s.then, s.els
			if ok && empty[0] {
				then = nil
			}
			if ok && empty[1] {
				els = nil
			}
			p.push("")
			p.w(`[type      |-> "labelIf",`)
			p.nl()
			p.w(" test      |-> ")
			p.expr(s.cond)
			p.w(",")
			p.nl()
			p.push(" unlabThen |-> ")
			p.stmts(then)
			p.w(",")
			p.pop()
			p.nl()
			p.push(" labThen   |-> ")
			p.lstmts(s.labThen)
			p.w(",")
			p.pop()
			p.nl()
			p.push(" unlabElse |-> ")
			p.stmts(els)
			p.w(",")
			p.pop()
			p.nl()
			p.push(" labElse   |-> ")
			p.lstmts(s.labElse)
			p.w("]")
			p.pop()
			p.nl()
			p.pop()
			return
		}
		p.push("")
		p.w(`[type    |-> "if", `)
		p.nl()
		p.w(" test    |-> ")
		p.expr(s.cond)
		p.w(",")
		p.nl()
		p.push(" then |-> ")
		p.stmts(s.then)
		p.w(",")
		p.pop()
		p.nl()
		p.push(" else |-> ")
		p.stmts(s.els)
		p.w("]")
		p.pop()
		p.pop()
	case sEither:
		if empty, ok := p.labelled[s]; ok || s.broken {
			p.push("")
			p.w(`[type    |-> "labelEither",`)
			p.nl()
			p.push(" clauses |-> ")
			idx := make([]int, len(s.ors))
			for i := range idx {
				idx[i] = i
			}
			seq(p, idx, func(i int) {
				p.push("")
				p.push("[unlabOr |-> ")
				if ok && empty[i] {
					p.stmts(nil)
				} else {
					p.stmts(s.ors[i])
				}
				p.w(",")
				p.pop()
				p.nl()
				p.push(" labOr   |-> ")
				var lab []*lstmt
				if i < len(s.labOrs) {
					lab = s.labOrs[i]
				}
				p.lstmts(lab)
				p.w("]")
				p.pop()
				p.nl()
				p.pop()
			})
			p.w("]")
			p.pop()
			p.nl()
			p.pop()
			return
		}
		p.push("")
		p.w(`[type |-> "either", `)
		p.nl()
		p.push(" ors  |-> ")
		p.push("<< ")
		for i, o := range s.ors {
			if i > 0 {
				p.w(", ")
				p.nl()
			}
			p.stmts(o)
		}
		p.w(" >>")
		p.pop()
		p.w("]")
		p.pop()
		p.pop()
	case sWhile:
		p.push("")
		p.w(`[type    |-> "while", `)
		p.nl()
		p.w(" test    |-> ")
		p.expr(s.cond)
		p.w(",")
		p.nl()
		p.push(" labDo   |-> ")
		p.lstmts(s.labDo)
		p.w(",")
		p.pop()
		p.nl()
		p.push(" unlabDo |-> ")
		p.stmts(s.body)
		p.w("]")
		p.pop()
		p.pop()
	case sWith:
		p.push("")
		p.w(`[type   |-> "with", `)
		p.nl()
		p.w(` var    |-> "`, s.withVar, `",`)
		p.nl()
		p.w(" eqOrIn |-> ", eqOrIn(s.withEq), ",")
		p.nl()
		p.w(" exp    |-> ")
		p.expr(s.withE)
		p.w(",")
		p.nl()
		p.push(" do     |-> ")
		p.stmts(s.body)
		p.w("]")
		p.pop()
		p.pop()
	case sAwait, sPrint, sAssert:
		name := map[stmtKind]string{sAwait: "when", sPrint: "print", sAssert: "assert"}[s.kind]
		p.push("")
		p.w(`[type |-> "`, name, `", `)
		p.nl()
		p.w(" exp |-> ")
		p.expr(s.cond)
		p.w("]")
		p.pop()
	case sSkip:
		p.w(`[type |-> "skip"]`)
	case sReturn:
		p.w(`[type |-> "return", from |-> "`, p.proc, `"]`)
	case sGoto:
		p.w(`[type |-> "goto",  to |-> "`, s.target, `"]`)
	case sCall:
		p.push("")
		p.w(`[type     |-> "call",`)
		p.nl()
		p.w(` returnTo |-> "",`)
		p.nl()
		p.w(` to       |-> "`, s.proc, `",`)
		p.nl()
		p.push(" args     |-> ")
		seq(p, s.args, p.expr)
		p.w("]")
		p.pop()
		p.pop()
	case sCallReturn, sCallGoto:
		p.push("")
		if s.kind == sCallReturn {
			p.w(`[type     |-> "callReturn",`)
			p.nl()
			p.w(` from     |-> "`, p.proc, `",`)
		} else {
			p.w(`[type     |-> "callGoto",`)
			p.nl()
			p.w(` after    |-> "`, s.target, `",`)
		}
		p.nl()
		p.w(` to       |-> "`, s.proc, `",`)
		p.nl()
		p.push("args     |-> ")
		seq(p, s.args, p.expr)
		p.w("]")
		p.nl()
		p.pop()
		p.pop()
	}
}

var fairnessString = map[ast.FairnessKind]string{ast.Unfair: "unfair", ast.WeakFair: "wf", ast.StrongFair: "sf"}

// printAST prints the algorithm as pcal.trans's AST.toString does; orig
// holds the steps as grouped before the explosion.
func printAST(alg *algorithm, orig *origSteps) string {
	p := &astPrinter{indent: []int{0}, labelled: orig.labelled, dropped: orig.dropped}
	mp := len(alg.process) > 0
	p.push("")
	if mp {
		p.w(`[type    |-> "multiprocess", `)
	} else {
		p.w(`[type     |-> "uniprocess", `)
	}
	p.nl()
	p.w(` name  |-> "`, alg.name, `", `)
	p.nl()
	if mp {
		p.push(" decls |-> ")
	} else {
		p.push(" decls  |-> ")
	}
	p.decls(alg.decls, false)
	p.w(",")
	p.pop()
	p.nl()
	if mp {
		p.push(" defs  |-> ")
	} else {
		p.push(" defs   |-> ")
	}
	p.expr(alg.defs)
	p.w(",")
	p.pop()
	p.nl()
	if mp {
		p.push(" prcds |-> ")
	} else {
		p.push(" prcds  |-> ")
	}
	seq(p, alg.procs, func(pr *procedure) {
		p.push("")
		p.w(`[name   |-> "`, pr.name, `", `)
		p.nl()
		p.w("minusLabels |-> ")
		p.quoted(pr.minusLbls)
		p.w(", plusLabels |->")
		p.quoted(pr.plusLabels)
		p.w(", proceduresCalled |->")
		p.quoted(orig.called[pr])
		p.w(",")
		p.nl()
		p.push(" params |-> ")
		p.decls(pr.params, true)
		p.w(",")
		p.pop()
		p.nl()
		p.push(" decls  |-> ")
		p.decls(pr.decls, true)
		p.w(",")
		p.pop()
		p.nl()
		p.push(" body   |-> ")
		p.proc = pr.name
		p.lstmts(orig.procs[pr])
		p.proc = ""
		p.w("]")
		p.pop()
		p.pop()
	})
	p.w(",")
	p.pop()
	p.nl()
	if !mp {
		p.push(" body  |-> ")
		p.lstmts(orig.body)
		p.w("]")
		p.pop()
		p.pop()
		return p.b.String()
	}
	p.push(" procs |-> ")
	seq(p, alg.process, func(pr *process) {
		p.push("")
		p.w(`[name   |-> "`, pr.name, `",`)
		p.nl()
		p.w(` fairness |-> "`, fairnessString[pr.fair], `", minusLabels |-> `)
		p.quoted(pr.minusLbls)
		p.w(", plusLabels |->")
		p.quoted(pr.plusLabels)
		p.w(", proceduresCalled |->")
		p.quoted(orig.processCalled[pr])
		p.w(",")
		p.nl()
		p.w(" eqOrIn |-> ", eqOrIn(pr.isEq), ",")
		p.nl()
		p.w(" id     |-> ")
		p.expr(pr.id)
		p.w(",")
		p.nl()
		p.push(" decls  |-> ")
		p.decls(pr.decls, false)
		p.w(",")
		p.pop()
		p.nl()
		p.push(" body   |-> ")
		p.lstmts(orig.process[pr])
		p.w("]")
		p.pop()
		p.pop()
	})
	p.w("]")
	p.pop()
	p.pop()
	return p.b.String()
}

// origSteps is what the explosion leaves of the parsed algorithm: each
// body's steps as grouped (their statement lists copied, the statements
// shared), and the procedures each procedure calls.
type origSteps struct {
	procs   map[*procedure][]*lstmt
	process map[*process][]*lstmt
	body    []*lstmt
	called  map[*procedure][]string
	// processCalled: a process's callees as pcal's AST lists them.
	processCalled map[*process][]string
	// labelled: the if and either statements without a label of their
	// own that hold one deeper (pcal keeps them labelIf and labelEither),
	// with which of their branches were empty.
	labelled map[*stmt][]bool
	// dropped: statements the translation omits (after a `while TRUE').
	dropped map[*stmt]bool
}

// directCalls lists the procedures seq calls, in order, once each, as
// pcal's parser records them (not the calls a macro expands to).
func directCalls(seq []*stmt, into []string) []string {
	sourceWalk(seq, func(s *stmt) {
		if (s.kind == sCall || s.kind == sCallReturn || s.kind == sCallGoto) && !s.inMacro && !slices.Contains(into, s.proc) {
			into = append(into, s.proc)
		}
	})
	return into
}

// proceduresCalled is the proceduresCalled field of pcal's procedures and
// processes. Its parser records the calls of the procedure being parsed;
// in a uniprocess algorithm the body's calls go to the last procedure's
// list. In a multiprocess one, a procedure's list becomes every
// procedure it reaches (Floyd-Warshall), in declaration order, and a
// process's list is extended, for each procedure in it (those appended
// included), by the procedures that one reaches.
func proceduresCalled(alg *algorithm) (map[*procedure][]string, map[*process][]string) {
	procs := map[*procedure][]string{}
	for _, p := range alg.procs {
		procs[p] = directCalls(p.body, nil)
	}
	if len(alg.process) == 0 {
		if n := len(alg.procs); n > 0 {
			last := alg.procs[n-1]
			procs[last] = directCalls(alg.body, procs[last])
		}
		return procs, nil
	}
	n := len(alg.procs)
	index := map[string]int{}
	for i, p := range alg.procs {
		if _, ok := index[p.name]; !ok {
			index[p.name] = i
		}
	}
	path := make([][]bool, n)
	for i, p := range alg.procs {
		path[i] = make([]bool, n)
		for j, q := range alg.procs {
			path[i][j] = slices.Contains(procs[p], q.name)
		}
	}
	for k := 0; k < n; k++ {
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				path[i][j] = path[i][j] || (path[i][k] && path[k][j])
			}
		}
	}
	for i, p := range alg.procs {
		var l []string
		for j, q := range alg.procs {
			if path[i][j] {
				l = append(l, q.name)
			}
		}
		procs[p] = l
	}
	processes := map[*process][]string{}
	for _, pr := range alg.process {
		l := directCalls(pr.body, nil)
		for j := 0; j < len(l); j++ {
			i, ok := index[l[j]]
			if !ok {
				break
			}
			for k, q := range alg.procs {
				if path[i][k] && !slices.Contains(l, q.name) {
					l = append(l, q.name)
				}
			}
		}
		processes[pr] = l
	}
	return procs, processes
}

// nestedLabels finds the if and either statements that hold a label only
// below their own branches, before the explosion rewrites them.
func nestedLabels(alg *algorithm) map[*stmt][]bool {
	out := map[*stmt][]bool{}
	var has func(seq []*stmt) bool
	has = func(seq []*stmt) bool {
		found := false
		for _, s := range seq {
			switch s.kind {
			case sIf:
				in := has(s.then)
				in = has(s.els) || in
				for _, l := range append(slices.Clone(s.labThen), s.labElse...) {
					has(l.stmts)
				}
				if s.broken {
					found = true
				} else if in {
					out[s] = []bool{len(s.then) == 0, len(s.els) == 0}
					found = true
				}
			case sEither:
				in := false
				for _, o := range s.ors {
					in = has(o) || in
				}
				for _, ls := range s.labOrs {
					for _, l := range ls {
						has(l.stmts)
					}
				}
				if s.broken {
					found = true
				} else if in {
					var empty []bool
					for _, o := range s.ors {
						empty = append(empty, len(o) == 0)
					}
					out[s] = empty
					found = true
				}
			case sWhile:
				has(s.body)
				for _, l := range s.labDo {
					has(l.stmts)
				}
			case sWith:
				found = has(s.body) || found
			}
		}
		return found
	}
	bodies := [][]*lstmt{alg.lbody}
	for _, p := range alg.procs {
		bodies = append(bodies, p.lbody)
	}
	for _, p := range alg.process {
		bodies = append(bodies, p.lbody)
	}
	for _, b := range bodies {
		for _, l := range b {
			has(l.stmts)
		}
	}
	return out
}
