package pluscal

import (
	"fmt"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/comment"
	"github.com/tlals/tlals/parser/source"
)

// The translator's own statement tree. It is built from the AST (macros
// expanded, C-syntax blocks flattened), then labels are checked or added,
// statements are grouped into labeled steps, and steps are "exploded"
// (pc tests and updates, call/return as stack operations) before the TLA+
// text is generated.

type stmtKind int

const (
	sAssign stmtKind = iota
	sIf
	sEither
	sWhile
	sWith
	sAwait
	sPrint
	sAssert
	sSkip
	sReturn
	sGoto
	sCall
	sCallReturn // call P(); return
	sCallGoto   // call P(); goto L
)

type sassign struct {
	vr   string
	sub  expr // the path after the variable: [i].f ...
	rhs  expr
	span source.Span
	has  bool
}

type stmt struct {
	kind      stmtKind
	label     string
	labelMod  string
	labelSpan source.Span
	span      source.Span // the statement (the macro call for expanded ones)
	kwPos     int         // offset of the statement's keyword (for assert messages)
	at        source.Span // where errors about the statement are reported
	synthetic bool        // made by the translator (pc := ..., stack ops)

	assigns []*sassign
	cond    expr // if, while, await, print, assert
	then    []*stmt
	els     []*stmt
	ors     [][]*stmt
	body    []*stmt // while, with
	withVar string
	withEq  bool
	withE   expr
	proc    string
	args    []expr
	target  string // goto target; callGoto target
	from    string // procedure containing a return
	inMacro bool   // a call from a macro body (pcal's fairness ignores it)

	// After grouping (labeled statements inside compound statements).
	labThen, labElse []*lstmt
	labOrs           [][]*lstmt
	labDo            []*lstmt
	broken           bool // if/either containing labels (LabelIf / LabelEither)
}

type lstmt struct {
	label string
	mod   string
	stmts []*stmt
	span  source.Span
}

// varDecl is a PlusCal variable declaration.
type varDecl struct {
	name    string
	eq      bool
	init    expr
	span    source.Span
	noInit  bool
	nameSpn source.Span
}

type procedure struct {
	name       string
	params     []*varDecl
	decls      []*varDecl
	body       []*stmt
	lbody      []*lstmt
	span       source.Span
	entry      string
	plusLabels []string
	minusLbls  []string
}

type process struct {
	name       string
	fair       ast.FairnessKind
	isEq       bool
	id         expr
	decls      []*varDecl
	body       []*stmt
	lbody      []*lstmt
	span       source.Span
	entry      string
	plusLabels []string
	minusLbls  []string
	called     []string
}

type algorithm struct {
	name    string
	fair    bool
	decls   []*varDecl
	defs    expr
	hasDefs bool
	procs   []*procedure
	process []*process
	body    []*stmt
	lbody   []*lstmt
	span    source.Span
	entry   string
}

// Error is a PlusCal error at a precise range of the module.
type Error struct {
	Span source.Span
	Msg  string
}

func (e Error) Error() string { return fmt.Sprintf("%d-%d: %s", e.Span.Start, e.Span.End, e.Msg) }

type builder struct {
	lx       *lexer
	file     *source.File
	macros   map[string]*ast.Macro
	macroIdx map[string]int
	limit    int // macros that may be called: those defined before this index
	expanded int // statements made by macro expansion (bounded)
	errs     []Error
	depth    int
}

// maxExpanded bounds macro expansion (each macro may call earlier macros
// only, but chains of macros calling others twice grow exponentially).
const maxExpanded = 200000

func (b *builder) errorf(sp source.Span, format string, args ...any) {
	b.errs = append(b.errs, Error{Span: sp, Msg: fmt.Sprintf(format, args...)})
}

func (b *builder) ex(e ast.Expr) expr {
	if e == nil {
		return expr{}
	}
	return b.lx.expr(e.Pos())
}

func (b *builder) decl(d *ast.PVarDecl) *varDecl {
	v := &varDecl{name: d.Name.Name, eq: !d.In, span: d.Span, nameSpn: d.Name.Span}
	if d.Init == nil {
		v.eq = true
		v.noInit = true
		v.init = synth("defaultInitValue")
	} else {
		v.init = b.ex(d.Init)
	}
	return v
}

func (b *builder) decls(ds []*ast.PVarDecl) []*varDecl {
	var out []*varDecl
	for _, d := range ds {
		if d == nil || d.Name == nil {
			continue
		}
		out = append(out, b.decl(d))
	}
	return out
}

func (b *builder) build(a *ast.Algorithm) *algorithm {
	alg := &algorithm{name: a.Name.Name, fair: a.Fair, span: a.Span}
	alg.decls = b.decls(a.Vars)
	if len(a.Defines) > 0 {
		sp := source.Span{Start: a.Defines[0].Pos().Start, End: a.Defines[len(a.Defines)-1].Pos().End}
		alg.defs = b.lx.expr(sp)
		alg.hasDefs = true
	}
	b.macros = map[string]*ast.Macro{}
	b.macroIdx = map[string]int{}
	for i, m := range a.Macros {
		if m == nil || m.Name == nil {
			continue
		}
		if _, dup := b.macros[m.Name.Name]; dup {
			b.errorf(m.Name.Span, "Duplicate macro %s", m.Name.Name)
		}
		b.macros[m.Name.Name] = m
		b.macroIdx[m.Name.Name] = i
		b.checkMacroBody(m.Body)
	}
	b.limit = len(a.Macros)
	for _, p := range a.Procedures {
		if p == nil || p.Name == nil {
			continue
		}
		pr := &procedure{name: p.Name.Name, span: p.Span}
		pr.params = b.decls(p.Params)
		pr.decls = b.decls(p.Vars)
		for _, v := range pr.decls {
			if !v.eq {
				b.errorf(v.span, "procedure variable %s must be initialized with `=', not `\\in'", v.name)
				v.eq = true
			}
		}
		pr.body = b.block(p.Body, nil)
		alg.procs = append(alg.procs, pr)
	}
	for _, p := range a.Processes {
		if p == nil || p.Name == nil {
			continue
		}
		pr := &process{name: p.Name.Name, fair: p.Fair, isEq: !p.In, span: p.Span}
		pr.id = b.ex(p.ID)
		pr.decls = b.decls(p.Vars)
		pr.body = b.block(p.Body, nil)
		alg.process = append(alg.process, pr)
	}
	if len(a.Processes) == 0 {
		alg.body = b.block(a.Body, nil)
	}
	return alg
}

// checkMacroBody reports labels and statements a macro may not contain.
func (b *builder) checkMacroBody(bl *ast.Block) {
	if bl == nil {
		return
	}
	for _, s := range bl.Stmts {
		if l := s.StmtLabel(); l != nil {
			b.errorf(l.Span, "Label %s in macro", l.Name.Name)
		}
		switch s := s.(type) {
		case *ast.While:
			// allowed: pcal checks the labels a while needs after the
			// expansion, at the call (a label right before it suffices)
			b.checkMacroBody(s.Body)
		case *ast.PIf:
			b.checkMacroBody(s.Then)
			b.checkMacroBody(s.Else)
		case *ast.Either:
			for _, br := range s.Branches {
				b.checkMacroBody(br)
			}
		case *ast.With:
			b.checkMacroBody(s.Body)
		case *ast.BlockStmt:
			b.checkMacroBody(s.Block)
		}
	}
}

// kwPos returns the offset of the statement's first token after its label.
func (b *builder) kwPos(st ast.Stmt) int {
	sp := st.Pos()
	i := sp.Start
	if l := st.StmtLabel(); l != nil {
		i = l.End
	}
	src := b.lx.src
	for i < sp.End && i < len(src) {
		c := src[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':' {
			i++
			continue
		}
		if comment.At(src, i, len(src)) {
			i, _ = comment.End(src, i, len(src))
			continue
		}
		break
	}
	return i
}

// msub is an active macro substitution.
type msub struct {
	m    map[string]expr
	call source.Span
	at   source.Span
}

func (b *builder) sub(e expr, ms *msub) expr {
	if ms == nil {
		return e
	}
	r := e.substitute(ms.m, true)
	return r
}

func (b *builder) block(bl *ast.Block, ms *msub) []*stmt {
	if bl == nil {
		return nil
	}
	var out []*stmt
	for _, s := range bl.Stmts {
		out = append(out, b.stmt(s, ms)...)
	}
	return out
}

func (b *builder) stmt(s ast.Stmt, ms *msub) []*stmt {
	st := &stmt{span: s.Pos(), kwPos: b.kwPos(s)}
	st.at = source.Span{Start: st.kwPos, End: st.span.End}
	if ms != nil {
		st.span = ms.call
		st.at = ms.at
	}
	if l := s.StmtLabel(); l != nil && l.Name != nil {
		st.label, st.labelMod, st.labelSpan = l.Name.Name, l.Mod, l.Span
	}
	switch s := s.(type) {
	case *ast.Assign:
		st.kind = sAssign
		for _, p := range s.Parts {
			if p == nil || p.Var == nil {
				continue
			}
			a := &sassign{vr: p.Var.Name, span: p.Span, has: true}
			if ms != nil {
				a.span = ms.call
			}
			if len(p.Path) > 0 {
				a.sub = b.sub(b.lx.expr(source.Span{Start: p.Path[0].Start, End: p.Path[len(p.Path)-1].End}), ms)
			}
			a.rhs = b.sub(b.ex(p.Rhs), ms)
			if ms != nil {
				if r, ok := ms.m[a.vr]; ok {
					// A macro parameter assigned to: the argument must be a
					// variable, possibly with a path.
					if len(r.toks) == 0 || r.toks[0].kind != tIdent {
						b.errorf(ms.call, "macro argument substituted for %s is not a variable", a.vr)
					} else {
						a.vr = r.toks[0].s
						rest := flatten(r.toks[1:])
						a.sub.toks = append(rest, a.sub.toks...)
					}
				}
			}
			st.assigns = append(st.assigns, a)
		}
	case *ast.PIf:
		st.kind = sIf
		st.cond = b.sub(b.ex(s.Cond), ms)
		st.then = b.block(s.Then, ms)
		st.els = b.block(s.Else, ms)
	case *ast.While:
		st.kind = sWhile
		st.cond = b.sub(b.ex(s.Cond), ms)
		st.body = b.block(s.Body, ms)
	case *ast.Either:
		st.kind = sEither
		for _, br := range s.Branches {
			st.ors = append(st.ors, b.block(br, ms))
		}
	case *ast.With:
		// with x \in S, y = e do B  ==  with x \in S do with y = e do B
		if len(s.Binds) == 0 {
			st.kind = sSkip
			return []*stmt{st}
		}
		body := b.block(s.Body, ms)
		var inner *stmt
		for i := len(s.Binds) - 1; i >= 0; i-- {
			d := s.Binds[i]
			w := &stmt{kind: sWith, span: st.span, at: st.at, kwPos: st.kwPos, withVar: d.Name.Name, withEq: !d.In}
			w.withE = b.sub(b.ex(d.Init), ms)
			if inner != nil {
				w.body = []*stmt{inner}
			} else {
				w.body = body
			}
			inner = w
		}
		inner.label, inner.labelMod, inner.labelSpan = st.label, st.labelMod, st.labelSpan
		return []*stmt{inner}
	case *ast.Await:
		st.kind = sAwait
		st.cond = b.sub(b.ex(s.Cond), ms)
	case *ast.Print:
		st.kind = sPrint
		st.cond = b.sub(b.ex(s.Expr), ms)
	case *ast.Assert:
		st.kind = sAssert
		st.cond = b.sub(b.ex(s.Expr), ms)
	case *ast.Skip:
		st.kind = sSkip
	case *ast.Return:
		st.kind = sReturn
	case *ast.Goto:
		st.kind = sGoto
		if s.Target != nil {
			st.target = s.Target.Name
		}
	case *ast.Call:
		st.kind = sCall
		st.inMacro = ms != nil
		if s.Proc != nil {
			st.proc = s.Proc.Name
		}
		for _, a := range s.Args {
			st.args = append(st.args, b.sub(b.ex(a), ms))
		}
	case *ast.MacroCall:
		return b.expandMacro(s, st, ms)
	case *ast.BlockStmt:
		inner := b.block(s.Block, ms)
		if len(inner) > 0 && st.label != "" {
			if inner[0].label != "" {
				b.errorf(st.labelSpan, "two labels on one statement")
			}
			inner[0].label, inner[0].labelMod, inner[0].labelSpan = st.label, st.labelMod, st.labelSpan
		}
		return inner
	case *ast.BadStmt:
		b.errorf(s.Span, "malformed PlusCal statement")
		st.kind = sSkip
	default:
		b.errorf(s.Pos(), "unsupported PlusCal statement")
		st.kind = sSkip
	}
	return []*stmt{st}
}

func (b *builder) expandMacro(s *ast.MacroCall, st *stmt, ms *msub) []*stmt {
	name := ""
	if s.Name != nil {
		name = s.Name.Name
	}
	m := b.macros[name]
	if m == nil {
		b.errorf(st.at, "Undefined macro %s", name)
		return []*stmt{{kind: sSkip, span: st.span, at: st.at, kwPos: st.kwPos, label: st.label, labelSpan: st.labelSpan}}
	}
	if len(m.Params) != len(s.Args) {
		b.errorf(st.at, "Macro %s called with wrong number of arguments", name)
		return []*stmt{{kind: sSkip, span: st.span, at: st.at, kwPos: st.kwPos, label: st.label, labelSpan: st.labelSpan}}
	}
	skip := []*stmt{{kind: sSkip, span: st.span, at: st.at, kwPos: st.kwPos, label: st.label, labelSpan: st.labelSpan}}
	idx := b.macroIdx[name]
	if idx >= b.limit {
		b.errorf(st.at, "Macro %s is used in a macro defined before it", name)
		return skip
	}
	if b.depth > 50 || b.expanded > maxExpanded {
		b.errorf(st.at, "Macro %s expands to too many statements", name)
		return skip
	}
	saved := b.limit
	b.limit = idx
	defer func() { b.limit = saved }()
	call := st.span
	sub := &msub{m: map[string]expr{}, call: call, at: st.at}
	for i, p := range m.Params {
		sub.m[p.Name] = b.sub(b.ex(s.Args[i]), ms)
	}
	b.depth++
	defer func() { b.depth-- }()
	var out []*stmt
	if m.Body != nil {
		for _, x := range m.Body.Stmts {
			xs := b.stmt(x, sub)
			for _, y := range xs {
				// Labels inside macros were reported; drop them.
				y.label, y.labelMod = "", ""
			}
			out = append(out, xs...)
			b.expanded += len(xs)
		}
	}
	if len(out) == 0 {
		out = []*stmt{{kind: sSkip, span: call, at: st.at, kwPos: call.Start}}
	}
	if st.label != "" {
		out[0].label, out[0].labelMod, out[0].labelSpan = st.label, st.labelMod, st.labelSpan
	}
	return out
}
