package parser

// Lowering of PlusCal algorithms (the pcal_* nodes of tree-sitter-tlaplus)
// into ast.Algorithm, and PlusCal syntax errors.
//
// The grammar flattens statement lists into their parent: a body, an if
// branch or an either clause is a run of sibling nodes `[label ':' ['+'|'-']]
// stmt ';' ...`, so this file reads children sequentially, the way the
// grammar rules were written, rather than by field.

import (
	"bytes"
	"context"
	"strings"
	"time"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/grammar"
	"github.com/tlals/tlals/parser/scan"
)

// pcalLowerer carries the per-algorithm state on top of the module lowerer.
type pcalLowerer struct {
	*lowerer
	csyntax bool
	// quiet drops the errors of the lowering itself (about assignments)
	// when tree-sitter found syntax errors: they are consequences of the
	// one syntax error reported for the algorithm.
	quiet bool
	// fragParser reparses pieces of misparsed assignments; made on first use.
	fragParser *sitter.Parser
}

func (p *pcalLowerer) errorf(sp ast.Span, format string, args ...any) {
	if !p.quiet {
		p.lowerer.errorf(sp, format, args...)
	}
}

// algorithm lowers a pcal_algorithm node and reports the PlusCal syntax
// errors inside it.
func (l *lowerer) algorithm(n *sitter.Node) *ast.Algorithm {
	if n == nil || n.Type() != "pcal_algorithm" {
		return nil
	}
	p := &pcalLowerer{lowerer: l, quiet: n.HasError()}
	alg := p.lowerAlgorithm(n)
	if n.HasError() {
		l.pcalSyntaxError(alg.Span, p.csyntax, n)
	}
	return alg
}

// algorithmInComment finds and lowers the PlusCal algorithm written inside a
// block_comment node. found is true when the comment holds an algorithm
// (`--algorithm` or `--fair algorithm` first in the comment, or a
// pcal_algorithm node), even when it was too broken to lower: then alg is
// nil and an error has been reported.
func (l *lowerer) algorithmInComment(comment *sitter.Node) (alg *ast.Algorithm, found bool) {
	if comment == nil {
		return nil, false
	}
	for i := 0; i < int(comment.ChildCount()); i++ {
		c := comment.Child(i)
		if c.Type() == "pcal_algorithm" {
			return l.algorithm(c), true
		}
	}
	// Tree-sitter gave up on the algorithm: the comment then holds an ERROR
	// node (starting with pcal_algorithm_start) or plain comment text.
	start, ok := pcalStartInComment(l.src, comment)
	if !ok {
		return nil, false
	}
	end := int(comment.EndByte())
	if bytes.HasSuffix(l.src[:end], []byte("*)")) {
		end -= 2
	}
	l.pcalUnparsed(start, end)
	return nil, true
}

// pcalStartInComment returns the offset of `--algorithm`/`--fair` when it is
// the first text of the comment (after `(*`, spaces and `*` decoration).
func pcalStartInComment(src []byte, comment *sitter.Node) (int, bool) {
	i, end := int(comment.StartByte()), int(comment.EndByte())
	if end > len(src) {
		end = len(src)
	}
	if bytes.HasPrefix(src[i:end], []byte("(*")) {
		i += 2
	}
	for i < end && (scan.IsSpace(src[i]) || src[i] == '*') {
		i++
	}
	rest := src[i:end]
	if bytes.HasPrefix(rest, []byte("--algorithm")) || bytes.HasPrefix(rest, []byte("--fair")) {
		return i, true
	}
	return 0, false
}

// ---------------------------------------------------------------- helpers

// pcalKids returns n's children without comments, which tree-sitter may
// place between any two tokens.
func pcalKids(n *sitter.Node) []*sitter.Node {
	cnt := int(n.ChildCount())
	kids := make([]*sitter.Node, 0, cnt)
	for i := 0; i < cnt; i++ {
		c := n.Child(i)
		switch c.Type() {
		case "comment", "block_comment":
			continue
		}
		kids = append(kids, c)
	}
	return kids
}

// kidSeq walks a child list in grammar order.
type kidSeq struct {
	kids []*sitter.Node
	i    int
}

func (s *kidSeq) peek() *sitter.Node {
	if s.i < len(s.kids) {
		return s.kids[s.i]
	}
	return nil
}

func (s *kidSeq) next() *sitter.Node {
	n := s.peek()
	if n != nil {
		s.i++
	}
	return n
}

// is reports whether the next child is a token of type t.
func (s *kidSeq) is(t string) bool {
	n := s.peek()
	return n != nil && n.Type() == t
}

// skip consumes the next child if it is of type t.
func (s *kidSeq) skip(t string) bool {
	if s.is(t) {
		s.i++
		return true
	}
	return false
}

// isExprNode reports whether n can be a TLA+ expression child of a PlusCal
// construct (as opposed to punctuation, keywords and PlusCal nodes).
func pcalIsExprNode(n *sitter.Node) bool {
	if n == nil || !n.IsNamed() || n.IsError() || n.IsMissing() {
		return false
	}
	switch n.Type() {
	case "identifier", "set_in", "assign", "vertvert", "pcal_lhs", "label":
		return false
	}
	return !pcalIsStmtNode(n)
}

func pcalIsStmtNode(n *sitter.Node) bool {
	switch n.Type() {
	case "pcal_assign", "pcal_if", "pcal_while", "pcal_either", "pcal_with",
		"pcal_await", "pcal_print", "pcal_assert", "pcal_skip", "pcal_return",
		"pcal_goto", "pcal_proc_call", "pcal_macro_call", "pcal_algorithm_body":
		return true
	}
	return false
}

// nextExpr consumes children up to and including the next expression.
func (p *pcalLowerer) nextExpr(s *kidSeq) ast.Expr {
	for n := s.next(); n != nil; n = s.next() {
		if pcalIsExprNode(n) {
			return p.expr(n)
		}
	}
	return nil
}

// trimSpace narrows sp past leading white space: the grammar's external
// scanner makes `--algorithm` and `--fair` tokens start at the white space
// before them.
func (p *pcalLowerer) trimSpace(sp ast.Span) ast.Span {
	for sp.Start < sp.End && sp.Start < len(p.src) && scan.IsSpace(p.src[sp.Start]) {
		sp.Start++
	}
	return sp
}

// ---------------------------------------------------------------- declarations

func (p *pcalLowerer) lowerAlgorithm(n *sitter.Node) *ast.Algorithm {
	alg := &ast.Algorithm{Span: p.trimSpace(p.span(n))}
	s := &kidSeq{kids: pcalKids(n)}
	for c := s.next(); c != nil; c = s.next() {
		switch c.Type() {
		case "pcal_algorithm_start":
			for _, k := range pcalKids(c) {
				if k.Type() == "fair" {
					alg.Fair = true
				}
			}
		case "identifier":
			if alg.Name == nil {
				alg.Name = p.ident(c)
			}
		case "{":
			alg.CSyntax = true
			p.csyntax = true
		case "pcal_var_decls":
			alg.Vars = p.varDecls(c)
		case "pcal_definitions":
			sp := p.span(c)
			alg.DefineSpan = &sp
			alg.Defines = []ast.Unit{}
			for _, d := range pcalKids(c) {
				if d.IsNamed() && !d.IsError() && !d.IsMissing() {
					alg.Defines = append(alg.Defines, p.unit(d))
				}
			}
		case "pcal_macro":
			alg.Macros = append(alg.Macros, p.macro(c))
		case "pcal_procedure":
			alg.Procedures = append(alg.Procedures, p.procedure(c))
		case "pcal_process":
			alg.Processes = append(alg.Processes, p.process(c))
		case "pcal_algorithm_body":
			alg.Body = p.body(c)
		}
	}
	return alg
}

// varDecls lowers `variables x = e, y \in S; z`.
func (p *pcalLowerer) varDecls(n *sitter.Node) []*ast.PVarDecl {
	var out []*ast.PVarDecl
	kids := pcalKids(n)
	for _, c := range kids {
		switch c.Type() {
		case "pcal_var_decl", "pcal_proc_var_decl":
			out = append(out, p.varDecl(c))
		}
	}
	// In C syntax pcal.trans reads an expression on into the body's `{`
	// (its error: "Expression with an unmatched (, [, {, or << followed
	// by `:='"), so a list whose last declaration has `= e` or `\in S`
	// needs its `;` (or `,`) there; the grammar makes it optional.
	if len(kids) > 0 && len(out) > 0 && p.csyntax && kids[len(kids)-1].Type() == "pcal_var_decl" && out[len(out)-1].Init != nil && out[len(out)-1].Name != nil {
		next := n.NextSibling()
		for next != nil && (next.Type() == "comment" || next.Type() == "block_comment") {
			next = next.NextSibling()
		}
		// not before `define`, `macro`, `procedure`, `process`: words
		// that end pcal.trans's expression
		if next != nil && next.Type() == "pcal_algorithm_body" {
			sp := p.span(next)
			sp.End = min(sp.End, sp.Start+1)
			p.errorf(sp, "expected `;` before `{`: pcal.trans reads the `{` into the expression of `%s`", out[len(out)-1].Name.Name)
		}
	}
	return out
}

// varDecl lowers `x`, `x = e` or `x \in S`.
func (p *pcalLowerer) varDecl(n *sitter.Node) *ast.PVarDecl {
	d := &ast.PVarDecl{Span: p.span(n)}
	s := &kidSeq{kids: pcalKids(n)}
	if c := s.next(); c != nil && c.Type() == "identifier" {
		d.Name = p.ident(c)
	}
	if s.is("set_in") {
		d.In = true
	}
	if s.is("set_in") || s.is("=") {
		d.Init = p.nextExpr(s)
	}
	return d
}

func (p *pcalLowerer) macro(n *sitter.Node) *ast.Macro {
	m := &ast.Macro{Span: p.span(n)}
	for _, c := range pcalKids(n) {
		switch c.Type() {
		case "pcal_macro_decl":
			for _, k := range pcalKids(c) {
				if k.Type() != "identifier" {
					continue
				}
				if m.Name == nil {
					m.Name = p.ident(k)
				} else {
					m.Params = append(m.Params, p.ident(k))
				}
			}
		case "pcal_algorithm_body":
			m.Body = p.body(c)
		}
	}
	return m
}

func (p *pcalLowerer) procedure(n *sitter.Node) *ast.Procedure {
	proc := &ast.Procedure{Span: p.span(n)}
	for _, c := range pcalKids(n) {
		switch c.Type() {
		case "pcal_proc_decl":
			for _, k := range pcalKids(c) {
				switch k.Type() {
				case "identifier":
					if proc.Name == nil {
						proc.Name = p.ident(k)
					}
				case "pcal_proc_var_decl":
					proc.Params = append(proc.Params, p.varDecl(k))
				case "pcal_proc_var_decls":
					proc.Vars = p.varDecls(k)
				}
			}
		case "pcal_algorithm_body":
			proc.Body = p.body(c)
		}
	}
	return proc
}

func (p *pcalLowerer) process(n *sitter.Node) *ast.Process {
	proc := &ast.Process{Span: p.span(n)}
	s := &kidSeq{kids: pcalKids(n)}
	for c := s.next(); c != nil; c = s.next() {
		switch c.Type() {
		case "fair":
			proc.Fair = ast.WeakFair
		case "+":
			proc.Fair = ast.StrongFair
		case "identifier":
			if proc.Name == nil {
				proc.Name = p.ident(c)
			}
		case "set_in", "=":
			proc.In = c.Type() == "set_in"
			proc.ID = p.nextExpr(s)
		case "pcal_var_decls":
			proc.Vars = p.varDecls(c)
		case "pcal_algorithm_body":
			proc.Body = p.body(c)
		}
	}
	return proc
}

// ---------------------------------------------------------------- statements

// body lowers a pcal_algorithm_body: `begin stmts` or `{ stmts }`.
func (p *pcalLowerer) body(n *sitter.Node) *ast.Block {
	s := &kidSeq{kids: pcalKids(n)}
	s.skip("begin")
	s.skip("{")
	b := p.stmts(s)
	b.Span = p.span(n)
	return b
}

// stmtListEnd are the tokens that end a run of statements.
func pcalStmtListEnd(t string) bool {
	switch t {
	case "}", "end", "elsif", "else", "or", "pcal_end_if", "pcal_end_while",
		"pcal_end_either", "pcal_end_with":
		return true
	}
	return false
}

// stmts lowers a run of `[label:] stmt ;` children up to a closing token.
// The block's span runs from the first statement to the last.
func (p *pcalLowerer) stmts(s *kidSeq) *ast.Block {
	b := &ast.Block{}
	for {
		c := s.peek()
		if c == nil || pcalStmtListEnd(c.Type()) {
			break
		}
		if c.Type() == ";" {
			s.next()
			continue
		}
		st := p.stmt(s)
		if st == nil {
			s.next() // not a statement: recovery debris, reported elsewhere
			continue
		}
		b.Stmts = append(b.Stmts, st)
	}
	if len(b.Stmts) > 0 {
		b.Span = ast.Span{Start: b.Stmts[0].Pos().Start, End: b.Stmts[len(b.Stmts)-1].Pos().End}
	}
	return b
}

// label consumes `L:`, `L:+` or `L:-` if present.
func (p *pcalLowerer) label(s *kidSeq) *ast.StmtLabel {
	c := s.peek()
	if c == nil || c.Type() != "identifier" {
		return nil
	}
	s.next()
	lbl := &ast.StmtLabel{Span: p.span(c), Name: p.ident(c)}
	if s.is(":") {
		lbl.End = int(s.next().EndByte())
	}
	if s.is("+") || s.is("-") {
		m := s.next()
		lbl.Mod = m.Type()
		lbl.End = int(m.EndByte())
	}
	return lbl
}

// stmt lowers one optionally labelled statement at the head of s, or
// returns nil (consuming nothing) when the head is not a statement.
func (p *pcalLowerer) stmt(s *kidSeq) ast.Stmt {
	save := s.i
	lbl := p.label(s)
	c := s.peek()
	if c == nil || !(pcalIsStmtNode(c) || c.IsError()) {
		if lbl == nil {
			s.i = save
			return nil
		}
		// A label with no statement after it.
		return &ast.BadStmt{StmtBase: ast.StmtBase{Span: lbl.Span, Label: lbl}}
	}
	s.next()
	st := p.unlabeled(c)
	base := pcalBaseOf(st)
	base.Label = lbl
	if lbl != nil {
		base.Start = lbl.Start
	}
	return st
}

// branch lowers a C-syntax branch (one statement, maybe a `{ }` block) or
// a P-syntax run of statements, as a Block.
func (p *pcalLowerer) branch(s *kidSeq) *ast.Block {
	if !p.csyntax {
		return p.stmts(s)
	}
	st := p.stmt(s)
	if st == nil {
		return &ast.Block{}
	}
	// An unlabelled `{ ... }` is the branch itself, not a statement in it.
	if bs, ok := st.(*ast.BlockStmt); ok && bs.Label == nil {
		return bs.Block
	}
	return &ast.Block{Span: st.Pos(), Stmts: []ast.Stmt{st}}
}

func pcalBaseOf(st ast.Stmt) *ast.StmtBase {
	switch st := st.(type) {
	case *ast.Assign:
		return &st.StmtBase
	case *ast.PIf:
		return &st.StmtBase
	case *ast.While:
		return &st.StmtBase
	case *ast.Either:
		return &st.StmtBase
	case *ast.With:
		return &st.StmtBase
	case *ast.Await:
		return &st.StmtBase
	case *ast.Print:
		return &st.StmtBase
	case *ast.Assert:
		return &st.StmtBase
	case *ast.Skip:
		return &st.StmtBase
	case *ast.Return:
		return &st.StmtBase
	case *ast.Goto:
		return &st.StmtBase
	case *ast.Call:
		return &st.StmtBase
	case *ast.MacroCall:
		return &st.StmtBase
	case *ast.BlockStmt:
		return &st.StmtBase
	case *ast.BadStmt:
		return &st.StmtBase
	}
	panic("parser: unknown PlusCal statement type") // unreachable: unlabeled returns only the types above
}

// unlabeled lowers a statement node.
func (p *pcalLowerer) unlabeled(n *sitter.Node) ast.Stmt {
	base := ast.StmtBase{Span: p.span(n)}
	s := &kidSeq{kids: pcalKids(n)}
	switch n.Type() {
	case "pcal_assign":
		return p.assign(n, base)
	case "pcal_if":
		return p.ifStmt(s, base)
	case "pcal_while":
		st := &ast.While{StmtBase: base}
		st.Cond = p.nextExpr(s)
		s.skip(")")
		s.skip("do")
		st.Body = p.branch(s)
		return st
	case "pcal_either":
		st := &ast.Either{StmtBase: base}
		s.skip("either")
		st.Branches = append(st.Branches, p.branch(s))
		for s.skip("or") {
			st.Branches = append(st.Branches, p.branch(s))
		}
		return st
	case "pcal_with":
		return p.with(s, base)
	case "pcal_await":
		return &ast.Await{StmtBase: base, Cond: p.nextExpr(s)}
	case "pcal_print":
		return &ast.Print{StmtBase: base, Expr: p.nextExpr(s)}
	case "pcal_assert":
		return &ast.Assert{StmtBase: base, Expr: p.nextExpr(s)}
	case "pcal_skip":
		return &ast.Skip{StmtBase: base}
	case "pcal_return":
		return &ast.Return{StmtBase: base}
	case "pcal_goto":
		st := &ast.Goto{StmtBase: base}
		for _, c := range s.kids {
			if c.Type() == "identifier" {
				st.Target = p.ident(c)
			}
		}
		return st
	case "pcal_proc_call":
		st := &ast.Call{StmtBase: base}
		st.Proc, st.Args = p.callParts(s)
		return st
	case "pcal_macro_call":
		st := &ast.MacroCall{StmtBase: base}
		st.Name, st.Args = p.callParts(s)
		return st
	case "pcal_algorithm_body":
		return &ast.BlockStmt{StmtBase: base, Block: p.body(n)}
	}
	return &ast.BadStmt{StmtBase: base}
}

// callParts reads `[call] Name(a, b)`.
func (p *pcalLowerer) callParts(s *kidSeq) (*ast.Ident, []ast.Expr) {
	var name *ast.Ident
	var args []ast.Expr
	for c := s.next(); c != nil; c = s.next() {
		if c.Type() == "identifier" && name == nil {
			name = p.ident(c)
		} else if pcalIsExprNode(c) {
			args = append(args, p.expr(c))
		}
	}
	return name, args
}

// ifStmt lowers `if c then ... elsif ... else ... end if` and
// `if (c) s else s`. Each elsif becomes a PIf alone in the Else block of
// the previous one, spanning from `elsif` to the end of its chain.
func (p *pcalLowerer) ifStmt(s *kidSeq, base ast.StmtBase) *ast.PIf {
	st := &ast.PIf{StmtBase: base}
	st.Cond = p.nextExpr(s)
	s.skip(")")
	s.skip("then")
	st.Then = p.branch(s)
	cur := st
	for {
		switch {
		case s.is("elsif"):
			kw := s.next()
			nested := &ast.PIf{StmtBase: ast.StmtBase{Span: p.span(kw)}}
			nested.Cond = p.nextExpr(s)
			s.skip("then")
			nested.Then = p.branch(s)
			cur.Else = &ast.Block{Stmts: []ast.Stmt{nested}}
			cur = nested
			continue
		case s.skip("else"):
			cur.Else = p.branch(s)
		}
		break
	}
	// Close the spans of the elsif chain from the inside out.
	pcalCloseIfChain(st)
	return st
}

// closeIfChain sets the end of every nested elsif PIf (and its Else block)
// to the end of the last branch of the chain.
func pcalCloseIfChain(st *ast.PIf) int {
	end := st.Then.End
	if st.Else != nil {
		if len(st.Else.Stmts) == 1 {
			if nested, ok := st.Else.Stmts[0].(*ast.PIf); ok && st.Else.Span == (ast.Span{}) {
				end = pcalCloseIfChain(nested)
				nested.End = end
				st.Else.Span = nested.Span
				return end
			}
		}
		end = st.Else.End
	}
	return end
}

// with lowers `with x = e, y \in S do ... end with` / `with (x = e) s`.
func (p *pcalLowerer) with(s *kidSeq, base ast.StmtBase) *ast.With {
	st := &ast.With{StmtBase: base}
	s.skip("with")
	s.skip("(")
	for s.is("identifier") {
		id := s.next()
		d := &ast.PVarDecl{Span: p.span(id), Name: p.ident(id)}
		d.In = s.is("set_in")
		if s.is("set_in") || s.is("=") {
			d.Init = p.nextExpr(s)
			if d.Init != nil {
				d.End = d.Init.Pos().End
			}
		}
		st.Binds = append(st.Binds, d)
		if !s.skip(",") {
			s.skip(";")
		}
	}
	s.skip(")")
	s.skip("do")
	st.Body = p.branch(s)
	return st
}

// ---------------------------------------------------------------- assignments

// assign lowers `lhs := e || lhs := e`. Tree-sitter-tlaplus 1.5.0 parses
// `x := a + 1 || y := 2` wrongly: as the single part `x := ((a + (1 || y))
// := 2)`. When a `:=` turns up inside an expression, the parts are found
// from the `:=` and `||` tokens and each piece is parsed again alone.
func (p *pcalLowerer) assign(n *sitter.Node, base ast.StmtBase) *ast.Assign {
	st := &ast.Assign{StmtBase: base}
	kids := pcalKids(n)
	if !pcalAssignMisparsed(kids) {
		var part *ast.AssignPart
		for _, c := range kids {
			switch {
			case c.Type() == "pcal_lhs":
				part = &ast.AssignPart{Span: p.span(c)}
				part.Var, part.Path = p.lhs(c)
				st.Parts = append(st.Parts, part)
			case part != nil && part.Rhs == nil && pcalIsExprNode(c):
				part.Rhs = p.expr(c)
				part.End = int(c.EndByte())
			}
		}
		return st
	}
	st.Parts = p.reparseAssign(n)
	return st
}

// assignMisparsed reports whether a `:=` token occurs inside one of the
// right-hand sides.
func pcalAssignMisparsed(kids []*sitter.Node) bool {
	for _, c := range kids {
		if pcalIsExprNode(c) && pcalHasDescendant(c, "assign", 0) {
			return true
		}
	}
	return false
}

func pcalHasDescendant(n *sitter.Node, typ string, depth int) bool {
	if depth > 200 {
		return false
	}
	for i := 0; i < int(n.ChildCount()); i++ {
		c := n.Child(i)
		if c.Type() == typ || pcalHasDescendant(c, typ, depth+1) {
			return true
		}
	}
	return false
}

// collectTokens appends the leaves of n of type typ, in order.
func pcalCollectTokens(n *sitter.Node, typ string, out []ast.Span, depth int) []ast.Span {
	if depth > 200 {
		return out
	}
	for i := 0; i < int(n.ChildCount()); i++ {
		c := n.Child(i)
		if c.Type() == typ && c.ChildCount() == 0 {
			out = append(out, ast.Span{Start: int(c.StartByte()), End: int(c.EndByte())})
		} else {
			out = pcalCollectTokens(c, typ, out, depth+1)
		}
	}
	return out
}

// reparseAssign splits a misparsed assignment at its `:=` tokens and at
// the last `||` before each `:=` after the first, then parses every lhs and
// rhs text alone.
func (p *pcalLowerer) reparseAssign(n *sitter.Node) []*ast.AssignPart {
	assigns := pcalCollectTokens(n, ":=", nil, 0)
	bars := pcalCollectTokens(n, "||", nil, 0)
	// sep[k] is the `||` before the lhs of part k (k >= 1).
	seps := make([]ast.Span, len(assigns))
	for k := 1; k < len(assigns); k++ {
		seps[k] = ast.Span{Start: -1}
		for _, b := range bars {
			if b.Start >= assigns[k-1].End && b.End <= assigns[k].Start {
				seps[k] = b
			}
		}
		if seps[k].Start < 0 {
			// Two `:=` with no `||` between them: not an assignment list.
			p.errorf(assigns[k], "unexpected `:=`: assignments in one statement are separated by `||`")
			assigns = assigns[:k]
			seps = seps[:k]
			break
		}
	}
	var parts []*ast.AssignPart
	for k, a := range assigns {
		lhsStart := int(n.StartByte())
		if k > 0 {
			lhsStart = seps[k].End
		}
		rhsEnd := int(n.EndByte())
		if k+1 < len(assigns) {
			rhsEnd = seps[k+1].Start
		}
		lhsSp := p.trimFragment(ast.Span{Start: lhsStart, End: a.Start})
		rhsSp := p.trimFragment(ast.Span{Start: a.End, End: rhsEnd})
		part := &ast.AssignPart{Span: ast.Span{Start: lhsSp.Start, End: rhsSp.End}}
		p.withFragment(lhsSp, func(e *sitter.Node) {
			part.Var, part.Path = p.lhsFromExpr(e)
		})
		p.withFragment(rhsSp, func(e *sitter.Node) { part.Rhs = p.expr(e) })
		if part.Var == nil {
			p.errorf(lhsSp, "expected a variable on the left of `:=`")
		}
		if part.Rhs == nil {
			part.Rhs = &ast.BadExpr{Span: rhsSp}
		}
		parts = append(parts, part)
	}
	return parts
}

// trimFragment narrows sp to exclude surrounding white space and comments
// are left in (the expression parser skips them).
func (p *pcalLowerer) trimFragment(sp ast.Span) ast.Span {
	for sp.Start < sp.End && scan.IsSpace(p.src[sp.Start]) {
		sp.Start++
	}
	for sp.End > sp.Start && scan.IsSpace(p.src[sp.End-1]) {
		sp.End--
	}
	return sp
}

// withFragment parses the expression text at sp alone, at the same byte
// offsets, and calls f with the expression node, which lives only during
// the call. The parse reads only a `Z__ ==` head at offset 0 and the lines
// of the fragment (tree-sitter included ranges), the part of the first line
// before the fragment blanked, so that columns of aligned /\ lists stay as
// written and the cost does not grow with the offset.
func (p *pcalLowerer) withFragment(sp ast.Span, f func(*sitter.Node)) {
	const head = "Z__ =="
	lineStart := bytes.LastIndexByte(p.src[:max(sp.Start, 0)], '\n') + 1
	if lineStart < len(head)+1 || sp.End <= sp.Start || sp.End > len(p.src) {
		p.errorf(sp, "expected an expression")
		return
	}
	buf := make([]byte, sp.End)
	copy(buf, head)
	for i := lineStart; i < sp.Start; i++ {
		buf[i] = ' '
	}
	copy(buf[sp.Start:], p.src[sp.Start:sp.End])
	startRow := uint32(bytes.Count(p.src[:lineStart], []byte{'\n'}))
	endRow := startRow + uint32(bytes.Count(p.src[lineStart:sp.End], []byte{'\n'}))
	endCol := uint32(sp.End - (bytes.LastIndexByte(p.src[:sp.End], '\n') + 1))
	if p.fragParser == nil {
		p.fragParser = sitter.NewParser()
		p.fragParser.SetLanguage(grammar.Language())
	}
	p.fragParser.SetIncludedRanges([]sitter.Range{
		{StartByte: 0, EndByte: uint32(len(head)), EndPoint: sitter.Point{Column: uint32(len(head))}},
		{
			StartByte: uint32(lineStart), EndByte: uint32(sp.End),
			StartPoint: sitter.Point{Row: startRow}, EndPoint: sitter.Point{Row: endRow, Column: endCol},
		},
	})
	def := p.parseFragment(buf, sp)
	if def == nil {
		// The included-range parse sometimes fails on a good fragment (seen,
		// not deterministically, on multi-line EXCEPT values in
		// MultiPaxos.tla); parse the whole blanked prefix instead.
		for i := len(head); i < lineStart; i++ {
			if p.src[i] == '\n' {
				buf[i] = '\n'
			} else {
				buf[i] = ' '
			}
		}
		// A fresh parser: the reused one has shown failures that depend on
		// what it parsed before.
		p.fragParser = sitter.NewParser()
		p.fragParser.SetLanguage(grammar.Language())
		def = p.parseFragment(buf, sp)
		p.fragParser = nil
	}
	if def == nil {
		p.errorf(sp, "expected an expression")
		return
	}
	f(def)
}

// parseFragment parses buf with the ranges already set and returns the
// definition's body when it is exactly the expression at sp, without errors.
func (p *pcalLowerer) parseFragment(buf []byte, sp ast.Span) *sitter.Node {
	// A fragment is one expression; the deadline only guards against the
	// grammar's pathological inputs.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	tree, err := p.fragParser.ParseCtx(ctx, nil, buf)
	if err != nil || tree == nil {
		p.fragParser.Reset() // a cancelled parse must not be resumed
		return nil
	}
	root := tree.RootNode()
	if root.HasError() || root.NamedChildCount() != 1 || root.NamedChild(0).Type() != "operator_definition" {
		return nil
	}
	def := root.NamedChild(0).ChildByFieldName("definition")
	if def == nil || int(def.StartByte()) != sp.Start || int(def.EndByte()) != sp.End {
		return nil
	}
	return def
}

// lhs lowers a pcal_lhs node: `x`, `x[i, j]`, `x.f`, `x[i].f[j]`.
func (p *pcalLowerer) lhs(n *sitter.Node) (*ast.Ident, []*ast.PathStep) {
	var v *ast.Ident
	var path []*ast.PathStep
	var step *ast.PathStep
	for _, c := range pcalKids(n) {
		switch c.Type() {
		case "identifier_ref":
			if v == nil {
				v = p.ident(c)
				continue
			}
		case "identifier":
			if step != nil && step.Field == nil && step.Index == nil {
				step.Field = p.ident(c)
				step.End = int(c.EndByte())
				step = nil
			}
			continue
		case "[", ".":
			step = &ast.PathStep{Span: p.span(c)}
			path = append(path, step)
			continue
		case "]":
			if step != nil {
				step.End = int(c.EndByte())
				step = nil
			}
			continue
		}
		if step != nil && pcalIsExprNode(c) {
			step.Index = append(step.Index, p.expr(c))
		}
	}
	return v, path
}

// lhsFromExpr reads a left-hand side parsed as an expression (in a
// reparsed fragment): identifier_ref, function_evaluation, record_value.
func (p *pcalLowerer) lhsFromExpr(n *sitter.Node) (*ast.Ident, []*ast.PathStep) {
	kids := pcalKids(n)
	switch n.Type() {
	case "identifier_ref":
		return p.ident(n), nil
	case "function_evaluation":
		if len(kids) == 0 {
			return nil, nil
		}
		v, path := p.lhsFromExpr(kids[0])
		step := &ast.PathStep{Span: ast.Span{Start: int(kids[0].EndByte()), End: int(n.EndByte())}}
		for _, c := range kids[1:] {
			if pcalIsExprNode(c) {
				step.Index = append(step.Index, p.expr(c))
			}
		}
		return v, append(path, step)
	case "record_value":
		if len(kids) < 3 {
			return nil, nil
		}
		v, path := p.lhsFromExpr(kids[0])
		last := kids[len(kids)-1]
		step := &ast.PathStep{
			Span:  ast.Span{Start: int(kids[0].EndByte()), End: int(n.EndByte())},
			Field: p.ident(last),
		}
		return v, append(path, step)
	}
	return nil, nil
}

// ---------------------------------------------------------------- syntax errors

// PlusCal syntax errors are found in two steps. Tree-sitter's error
// recovery often swallows the place of the mistake into a large ERROR node,
// so a token scan of the algorithm text first looks for the usual
// mistakes (an unclosed block, a mismatched `end`, a missing `;` between
// statements, an unbalanced bracket). Only when it finds none is the first
// ERROR or MISSING node of the tree reported. One error is reported per
// algorithm: the rest are usually consequences of the first.

// pcalSyntaxError reports the first syntax error of the algorithm node n,
// whose text is at sp.
func (l *lowerer) pcalSyntaxError(sp ast.Span, csyntax bool, n *sitter.Node) {
	if e, ok := scanPcal(l.src, sp.Start, sp.End, csyntax); ok {
		l.pcalErrorf(e.Span, "%s", e.Msg)
		return
	}
	if sp, msg, ok := l.firstTreeError(n); ok {
		l.pcalErrorf(sp, "%s", msg)
		return
	}
	l.pcalErrorf(pcalHeader(l.src, sp.Start, sp.End), "PlusCal syntax error")
}

// pcalUnparsed reports an algorithm at src[start:end] that tree-sitter did
// not recognize at all.
func (l *lowerer) pcalUnparsed(start, end int) {
	csyntax := pcalLooksCSyntax(l.src, start, end)
	if e, ok := scanPcal(l.src, start, end, csyntax); ok {
		l.pcalErrorf(e.Span, "PlusCal algorithm could not be parsed: %s", e.Msg)
		return
	}
	// Parse the algorithm text alone (source_file accepts a bare
	// algorithm) at its own offsets to find where it goes wrong.
	buf := make([]byte, end)
	for i := 0; i < start; i++ {
		if l.src[i] == '\n' {
			buf[i] = '\n'
		} else {
			buf[i] = ' '
		}
	}
	copy(buf[start:], l.src[start:end])
	parser := sitter.NewParser()
	parser.SetLanguage(grammar.Language())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if tree, err := parser.ParseCtx(ctx, nil, buf); err == nil && tree != nil {
		if sp, msg, ok := l.firstTreeError(tree.RootNode()); ok {
			l.pcalErrorf(sp, "PlusCal algorithm could not be parsed: %s", msg)
			return
		}
	}
	l.pcalErrorf(pcalHeader(l.src, start, end), "PlusCal algorithm could not be parsed")
}

// pcalHeader is the range of `--algorithm Name` (or `--fair algorithm
// Name`) at start, for errors with no better place.
func pcalHeader(src []byte, start, end int) ast.Span {
	toks := pcalTokens(src, start, end, 4)
	if len(toks) == 0 {
		return ast.Span{Start: start, End: start}
	}
	last := 1
	if toks[0].text == "--fair" {
		last = 2
	}
	if last >= len(toks) {
		last = len(toks) - 1
	}
	return ast.Span{Start: toks[0].sp.Start, End: toks[last].sp.End}
}

// pcalLooksCSyntax guesses the syntax of unparsed text: C syntax has `{`
// right after the algorithm name.
func pcalLooksCSyntax(src []byte, start, end int) bool {
	toks := pcalTokens(src, start, end, 5)
	i := 2
	if len(toks) > 0 && toks[0].text == "--fair" {
		i = 3
	}
	return i < len(toks) && toks[i].text == "{"
}

// firstTreeError finds the first ERROR or MISSING node under n, leaving out
// define blocks (their TLA+ errors belong to the definitions' lowering).
func (l *lowerer) firstTreeError(n *sitter.Node) (ast.Span, string, bool) {
	var found *sitter.Node
	var walk func(n *sitter.Node, depth int)
	walk = func(n *sitter.Node, depth int) {
		if found != nil || depth > 500 || n.Type() == "pcal_definitions" {
			return
		}
		if n.IsMissing() || n.IsError() {
			found = n
			return
		}
		if !n.HasError() {
			return
		}
		for i := 0; i < int(n.ChildCount()); i++ {
			walk(n.Child(i), depth+1)
		}
	}
	walk(n, 0)
	if found == nil {
		return ast.Span{}, "", false
	}
	if found.IsMissing() {
		at := int(found.StartByte())
		if e, ok := pcalEmptyBlock(found, l.src); ok {
			return e.Span, e.Msg, true
		}
		return ast.Span{Start: at, End: at}, pcalMissingMsg(found), true
	}
	// Point at the first token inside the ERROR node.
	leaf := found
	for leaf.ChildCount() > 0 {
		leaf = leaf.Child(0)
	}
	sp := ast.Span{Start: int(leaf.StartByte()), End: int(leaf.EndByte())}
	if sp.Len() == 0 {
		sp = ast.Span{Start: int(found.StartByte()), End: int(found.EndByte())}
	}
	sp = (&pcalLowerer{lowerer: l}).trimSpace(sp)
	text := string(l.src[sp.Start:sp.End])
	if len(text) > 40 {
		text = text[:40] + "…"
	}
	return sp, "unexpected `" + text + "`", true
}

// pcalEmptyBlock is the error on a statement tree-sitter's recovery
// inserted (a MISSING node) into an empty block `{ }`: pcal.trans reports
// "Empty statement list" at the `{`.
func pcalEmptyBlock(n *sitter.Node, src []byte) (Error, bool) {
	if !n.IsMissing() || n.Type() == "pcal_algorithm_body" || !pcalIsStmtNode(n) {
		return Error{}, false
	}
	b := int(n.StartByte())
	for b > 0 && scan.IsSpace(src[b-1]) {
		b--
	}
	if b == 0 || src[b-1] != '{' {
		return Error{}, false
	}
	return Error{Span: ast.Span{Start: b - 1, End: b}, Msg: "empty statement list: a block needs at least one statement (`skip;` does nothing)", PlusCal: true}, true
}

// pcalMissingMsg describes a MISSING node in the words of the user.
func pcalMissingMsg(n *sitter.Node) string {
	parent := ""
	if p := n.Parent(); p != nil {
		parent = p.Type()
	}
	switch sym := n.Type(); sym {
	case ";":
		return "missing `;` after statement"
	case "identifier", "identifier_ref":
		switch parent {
		case "pcal_goto":
			return "missing label after `goto`"
		case "pcal_proc_call":
			return "missing procedure name after `call`"
		}
		return "missing identifier"
	case "pcal_end_if", "pcal_end_while", "pcal_end_either", "pcal_end_with":
		return "missing `end " + strings.TrimPrefix(sym, "pcal_end_") + "`"
	case "set_in":
		return "missing `\\in`"
	case "assign":
		return "missing `:=`"
	default:
		return "missing `" + sym + "`"
	}
}

// pcalTok is a token of the error scanner.
type pcalTok struct {
	text      string
	sp        ast.Span
	lineFirst bool // first token on its line
}

// pcalTokens splits src[start:end] into tokens, skipping white space and
// comments; at most max tokens when max > 0. `--algorithm` and `--fair` are
// one token each.
func pcalTokens(src []byte, start, end, max int) []pcalTok {
	var toks []pcalTok
	lineFirst := true
	sc := scan.New(src, start, end)
	for max <= 0 || len(toks) < max {
		t, ok := sc.Next()
		if !ok {
			break
		}
		switch t.Kind {
		case scan.Space, scan.Comment:
			if bytes.IndexByte(src[t.Start:t.End], '\n') >= 0 {
				lineFirst = true // a line break, or a block comment spanning lines
			}
			continue
		}
		if t.Kind == scan.Op && string(src[t.Start:t.End]) == "--" {
			next := sc
			if w, ok := next.Next(); ok && w.Kind == scan.Ident {
				t.End, sc = w.End, next
			}
		}
		toks = append(toks, pcalTok{text: string(src[t.Start:t.End]), sp: ast.Span{Start: t.Start, End: t.End}, lineFirst: lineFirst})
		lineFirst = false
	}
	return toks
}

// pcalScanError is what the token scan found.
type pcalScanError struct {
	Span ast.Span
	Msg  string
}

// pcalBlockWords are the P-syntax words closed by `end <word>`.
var pcalBlockWords = map[string]bool{
	"algorithm": true, "define": true, "macro": true, "procedure": true,
	"process": true, "if": true, "while": true, "either": true, "with": true,
}

// pcalListOpeners are the P-syntax words a statement list follows.
var pcalListOpeners = map[string]bool{"begin": true, "then": true, "else": true, "do": true, "or": true, "either": true}

// pcalStmtWords start a statement.
var pcalStmtWords = map[string]bool{
	"skip": true, "return": true, "goto": true, "call": true, "print": true,
	"assert": true, "await": true, "when": true, "if": true, "while": true,
	"either": true, "with": true,
}

// scanPcal looks for a block-structure mistake or a missing `;` in the
// algorithm text src[start:end].
func scanPcal(src []byte, start, end int, csyntax bool) (pcalScanError, bool) {
	toks := pcalTokens(src, start, end, 0)
	type frame struct {
		kind string   // a block word, or "(", "[", "{"
		at   ast.Span // the opening token
		cond bool     // `(` right after if/while/with in C syntax
	}
	var stack []frame
	inDefine := func() bool {
		for _, f := range stack {
			if f.kind == "define" {
				return true
			}
		}
		return false
	}
	topIsBracket := func() bool {
		if len(stack) == 0 {
			return false
		}
		k := stack[len(stack)-1].kind
		return k == "(" || k == "["
	}
	closer := map[string]string{"(": ")", "[": "]", "{": "}"}
	opener := map[string]string{")": "(", "]": "[", "}": "{"}
	lastClosedCond := -1 // token index of the `)` that closed a C condition
	fail := func(sp ast.Span, msg string) (pcalScanError, bool) {
		return pcalScanError{Span: sp, Msg: msg}, true
	}
	missingMsg := func(f frame) string {
		if c, ok := closer[f.kind]; ok {
			return "missing `" + c + "`"
		}
		if csyntax {
			return "missing `}`"
		}
		return "missing `end " + f.kind + "`"
	}
	// The previous token allows a statement to start after it.
	stmtMayFollow := func(i int) bool {
		if i == 0 {
			return true
		}
		prev := toks[i-1]
		switch prev.text {
		case ";", "begin", "then", "else", "do", "or", "either", "{", "}", "end", "||":
			return true
		case ":":
			return true // a label
		case "+", "-":
			return i >= 2 && toks[i-2].text == ":"
		case ")":
			return csyntax && lastClosedCond == i-1
		}
		return false
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.text {
		case "--algorithm", "--fair":
			if i == 0 && !csyntax {
				stack = append(stack, frame{kind: "algorithm", at: t.sp})
			}
			continue
		case "(", "[", "{":
			cond := t.text == "(" && i > 0 && csyntax && (toks[i-1].text == "if" || toks[i-1].text == "while" || toks[i-1].text == "with")
			stack = append(stack, frame{kind: t.text, at: t.sp, cond: cond})
			continue
		case ")", "]", "}":
			if len(stack) == 0 {
				return fail(t.sp, "unexpected `"+t.text+"`")
			}
			top := stack[len(stack)-1]
			if top.kind != opener[t.text] {
				if _, isBracket := closer[top.kind]; isBracket {
					return fail(top.at, missingMsg(top))
				}
				return fail(t.sp, "unexpected `"+t.text+"`")
			}
			stack = stack[:len(stack)-1]
			if top.cond {
				lastClosedCond = i
			}
			continue
		case "end":
			if csyntax || i+1 >= len(toks) || !pcalBlockWords[toks[i+1].text] {
				break
			}
			word := toks[i+1].text
			endSp := ast.Span{Start: t.sp.Start, End: toks[i+1].sp.End}
			if len(stack) == 0 {
				return fail(endSp, "unexpected `end "+word+"`")
			}
			top := stack[len(stack)-1]
			if top.kind == word {
				stack = stack[:len(stack)-1]
				i++
				continue
			}
			for _, f := range stack {
				if f.kind == word {
					return fail(top.at, missingMsg(top))
				}
			}
			if _, isBracket := closer[top.kind]; isBracket {
				return fail(top.at, missingMsg(top))
			}
			return fail(endSp, "`end "+top.kind+"` expected")
		}
		// An empty statement list (`begin end algorithm`, `then else`):
		// pcal.trans takes it and translates it to no action (a Next it
		// never defines when the whole body is empty, or "The algorithm
		// has no variables"); the grammar has no empty list.
		if !csyntax && !inDefine() && pcalListOpeners[t.text] && i+1 < len(toks) && !(t.text == "begin" && i > 0 && toks[i-1].text == "end") {
			if n := toks[i+1].text; n == "else" || n == "elsif" || n == "or" || n == "end" && i+2 < len(toks) && pcalBlockWords[toks[i+2].text] {
				return fail(t.sp, "empty statement list after `"+t.text+"`: PlusCal needs a statement here (`skip;` does nothing)")
			}
		}
		if inDefine() {
			if !csyntax && t.text == "define" {
				stack = append(stack, frame{kind: "define", at: t.sp})
			}
			continue
		}
		// Block openers of P syntax (`end if` and the like were consumed above).
		if !csyntax && pcalBlockWords[t.text] && t.text != "algorithm" {
			// `fair process`, `fair+ process`: one frame for the process.
			stack = append(stack, frame{kind: t.text, at: t.sp})
		}
		// A statement starting where the previous one did not end.
		start := -1
		switch {
		case pcalStmtWords[t.text]:
			if !(t.text == "if" && i > 0 && toks[i-1].text == "else") {
				start = i
			}
		case t.text == ":" && i > 0 && toks[i-1].lineFirst && pcalIsIdentTok(toks[i-1].text) && !topIsBracket():
			start = i - 1 // a label
		case t.text == ":=":
			start = pcalLhsStart(toks, i)
		}
		if start >= 0 && !stmtMayFollow(start) {
			prev := toks[start-1]
			return fail(ast.Span{Start: prev.sp.End, End: prev.sp.End}, "missing `;` after statement")
		}
	}
	if len(stack) > 0 {
		top := stack[len(stack)-1]
		return fail(top.at, missingMsg(top))
	}
	return pcalScanError{}, false
}

func pcalIsIdentTok(s string) bool {
	if s == "" || pcalBlockWords[s] || pcalStmtWords[s] {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !scan.IsIdentByte(s[i]) {
			return false
		}
	}
	return !('0' <= s[0] && s[0] <= '9')
}

// lhsStart walks back from the `:=` at toks[i] over `.f` and `[...]` to the
// variable that starts the assignment; -1 when there is none.
func pcalLhsStart(toks []pcalTok, i int) int {
	j := i - 1
	for j >= 0 {
		switch {
		case toks[j].text == "]":
			depth := 0
			for ; j >= 0; j-- {
				if toks[j].text == "]" {
					depth++
				} else if toks[j].text == "[" {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			j--
		case pcalIsIdentTok(toks[j].text) && j > 0 && toks[j-1].text == ".":
			j -= 2
		case pcalIsIdentTok(toks[j].text):
			return j
		default:
			return -1
		}
	}
	return -1
}
