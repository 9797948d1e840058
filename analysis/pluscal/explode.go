package pluscal

// Explosion (the reference's PcalTranslate.Explode): each labeled step
// gets a `pc = "lbl"' test and `pc := next' updates; while, goto, call and
// return become pc and stack manipulation; labeled statements nested in
// if/either/while become steps of their own.

type exploder struct {
	t           *translator
	omitPC      bool
	currentProc *procedure
	// dropped: the statements after a `while TRUE' in its step, which the
	// translation omits (pcal never generates them, so never sorts their
	// multiple assignments, which chksum(pcal) shows).
	dropped map[*stmt]bool
}

func checkPC(label string) *stmt {
	return &stmt{kind: sAwait, cond: synth("$pc", "=", quote(label)), synthetic: true}
}

func updatePC(next string) *stmt {
	return &stmt{kind: sAssign, synthetic: true, assigns: []*sassign{{vr: "pc", rhs: synth(quote(next))}}}
}

func quote(s string) string { return "\"" + s + "\"" }

func (x *exploder) seq(ls []*lstmt, next string) []*lstmt {
	var out []*lstmt
	for i, l := range ls {
		n := next
		if i+1 < len(ls) {
			n = ls[i+1].label
		}
		out = append(out, x.labeled(l, n)...)
	}
	return out
}

func (x *exploder) labeled(l *lstmt, next string) []*lstmt {
	if len(l.stmts) > 0 && l.stmts[0].kind == sWhile {
		return x.while(l, next)
	}
	stmts, extra := x.lastWithGoto(l.stmts, next)
	n := &lstmt{label: l.label, mod: l.mod, span: l.span}
	var out []*lstmt
	if !x.omitPC {
		n.stmts = append([]*stmt{checkPC(l.label)}, stmts...)
		out = append(out, n)
	} else {
		n.stmts = stmts
		out = append(out, n)
	}
	return append(out, extra...)
}

func (x *exploder) lastWithGoto(stmts []*stmt, next string) ([]*stmt, []*lstmt) {
	res, extra, needs := x.last(stmts, next)
	if needs {
		res = append(res, updatePC(next))
	}
	return res, extra
}

// last is CopyAndExplodeLastStmt.
func (x *exploder) last(stmts []*stmt, next string) ([]*stmt, []*lstmt, bool) {
	if len(stmts) == 0 {
		return nil, nil, !x.omitPC
	}
	res := append([]*stmt(nil), stmts...)
	lastS := res[len(res)-1]
	res = res[:len(res)-1]
	var extra []*lstmt
	needs := false
	switch {
	case lastS.kind == sIf && lastS.broken:
		r1, r2 := x.labelIf(lastS, next)
		res = append(res, r1...)
		extra = r2
	case lastS.kind == sEither && lastS.broken:
		r1, r2 := x.labelEither(lastS, next)
		res = append(res, r1...)
		extra = r2
	case lastS.kind == sGoto:
		u := updatePC(lastS.target)
		u.span = lastS.span
		res = append(res, u)
	case lastS.kind == sCall:
		res = append(res, x.call(lastS, next)...)
	case lastS.kind == sCallGoto:
		res = append(res, x.call(lastS, lastS.target)...)
	case lastS.kind == sReturn:
		res = append(res, x.ret(lastS)...)
	case lastS.kind == sCallReturn:
		res = append(res, x.callReturn(lastS)...)
	case lastS.kind == sIf:
		t1, e1, n1 := x.last(lastS.then, next)
		t2, e2, n2 := x.last(lastS.els, next)
		extra = append(e1, e2...)
		lastS.then, lastS.els = t1, t2
		if !x.omitPC {
			needs = n1 && n2
			if !needs {
				if n1 {
					lastS.then = append(lastS.then, updatePC(next))
				}
				if n2 {
					lastS.els = append(lastS.els, updatePC(next))
				}
			}
		}
		res = append(res, lastS)
	case lastS.kind == sEither:
		needs = true
		var nv []bool
		for i := range lastS.ors {
			o, e, n := x.last(lastS.ors[i], next)
			lastS.ors[i] = o
			extra = append(extra, e...)
			needs = needs && n
			nv = append(nv, n)
		}
		if !x.omitPC && !needs {
			for i := range lastS.ors {
				if nv[i] {
					lastS.ors[i] = append(lastS.ors[i], updatePC(next))
				}
			}
		}
		res = append(res, lastS)
	case lastS.kind == sWith:
		b, e, n := x.last(lastS.body, next)
		lastS.body = b
		extra = e
		needs = n
		res = append(res, lastS)
	default:
		needs = true
		res = append(res, lastS)
	}
	if x.omitPC {
		needs = false
	}
	return res, extra, needs
}

func isTRUE(e expr) bool {
	ts := e.toks
	if len(ts) == 1 {
		return ts[0].s == "TRUE"
	}
	return len(ts) == 3 && ts[0].s == "(" && ts[1].s == "TRUE" && ts[2].s == ")"
}

func (x *exploder) while(l *lstmt, next string) []*lstmt {
	w := l.stmts[0]
	n := &lstmt{label: l.label, mod: l.mod, span: l.span}
	if !x.omitPC {
		n.stmts = append(n.stmts, checkPC(l.label))
	}
	unlabNext := l.label
	if len(w.labDo) > 0 {
		unlabNext = w.labDo[0].label
	}
	doStmts, doExtra := x.lastWithGoto(w.body, unlabNext)
	restStmts, restExtra := x.lastWithGoto(l.stmts[1:], next)
	if isTRUE(w.cond) {
		if x.dropped == nil {
			x.dropped = map[*stmt]bool{}
		}
		sourceWalk(l.stmts[1:], func(s *stmt) { x.dropped[s] = true })
		n.stmts = append(n.stmts, doStmts...)
	} else {
		ifs := &stmt{kind: sIf, at: w.at, cond: w.cond, then: doStmts, els: restStmts, span: w.span, kwPos: w.kwPos}
		n.stmts = append(n.stmts, ifs)
	}
	out := []*lstmt{n}
	out = append(out, x.seq(w.labDo, l.label)...)
	out = append(out, doExtra...)
	if !isTRUE(w.cond) {
		out = append(out, restExtra...)
	}
	return out
}

func (x *exploder) labelIf(s *stmt, next string) ([]*stmt, []*lstmt) {
	tn, en := next, next
	if len(s.labThen) > 0 {
		tn = s.labThen[0].label
	}
	if len(s.labElse) > 0 {
		en = s.labElse[0].label
	}
	t, te := x.lastWithGoto(s.then, tn)
	e, ee := x.lastWithGoto(s.els, en)
	// The reference explodes the unlabeled parts in place: the parsed
	// statement, which chksum(pcal) prints, shows them exploded (an empty
	// part stays empty: the reference explodes a new list then).
	if len(s.then) > 0 {
		s.then = append([]*stmt(nil), t...)
	}
	if len(s.els) > 0 {
		s.els = append([]*stmt(nil), e...)
	}
	n := &stmt{kind: sIf, at: s.at, cond: s.cond, then: t, els: e, span: s.span, kwPos: s.kwPos}
	var extra []*lstmt
	extra = append(extra, x.seq(s.labThen, next)...)
	extra = append(extra, x.seq(s.labElse, next)...)
	extra = append(extra, te...)
	extra = append(extra, ee...)
	return []*stmt{n}, extra
}

func (x *exploder) labelEither(s *stmt, next string) ([]*stmt, []*lstmt) {
	n := &stmt{kind: sEither, span: s.span, kwPos: s.kwPos}
	var extra []*lstmt
	for i, o := range s.ors {
		nx := next
		if len(s.labOrs[i]) > 0 {
			nx = s.labOrs[i][0].label
		}
		r, e := x.lastWithGoto(o, nx)
		if len(o) > 0 {
			s.ors[i] = append([]*stmt(nil), r...) // in place, as labelIf
		}
		n.ors = append(n.ors, r)
		extra = append(extra, e...)
		extra = append(extra, x.seq(s.labOrs[i], next)...)
	}
	return []*stmt{n}, extra
}

func (x *exploder) findProc(s *stmt) *procedure {
	for _, p := range x.t.alg.procs {
		if p.name == s.proc {
			return p
		}
	}
	x.t.errorf(s.at, "Call of non-existent procedure %s", s.proc)
	return nil
}

// frame builds << [ procedure |-> "P", pc |-> pcv, v |-> v, ..., p |-> p ] >> \o rest
// laid out as the reference translator does: one field a line, the names
// padded to the width of "procedure" and two spaces after `|->`, the fields aligned
// under the first, and `\o rest` on a line of its own, one column right of `<<`.
func frame(p *procedure, pcv []string, rest []string) expr {
	names := []string{"procedure", "pc"}
	for _, d := range p.decls {
		names = append(names, d.name)
	}
	for _, d := range p.params {
		names = append(names, d.name)
	}
	// The names are padded to the width of "procedure"; a longer one
	// gets a single space.
	width := len("procedure")
	// Each line's first token has a line number and a column (relative to
	// `<<` at column 0), which is what makes render break the line there.
	var toks []tok
	line := 0
	for i, n := range names {
		var value expr
		switch {
		case i == 0:
			toks = append(toks, tok{s: "<<", kind: tOp, line: 0, col: 0}, tok{s: "[", kind: tOp, gap: 1})
			toks = append(toks, tok{s: n, kind: tIdent, gap: 1})
			value = synth(quote(p.name))
		default:
			line++
			toks = append(toks, tok{s: n, kind: tIdent, line: line, col: 5, brk: true})
			if i == 1 {
				value = synth(pcv...)
			} else {
				value = synth(n)
			}
		}
		toks = append(toks, tok{s: "|->", kind: tOp, gap: max(width-len(n), 0) + 1})
		value.toks[0].gap = 2
		toks = append(toks, value.toks...)
		if i < len(names)-1 {
			toks = append(toks, tok{s: ",", kind: tOp})
		}
	}
	toks = append(toks, tok{s: "]", kind: tOp, gap: 1}, tok{s: ">>", kind: tOp, gap: 1})
	line++
	toks = append(toks, tok{s: "\\o", kind: tOp, line: line, col: 1, brk: true})
	r := synth(rest...)
	r.toks[0].gap = 1
	toks = append(toks, r.toks...)
	for i := range toks {
		if toks[i].line == 0 && i > 0 && !toks[i].brk {
			toks[i].line = -1
		}
	}
	markFields(toks)
	return expr{toks: toks}
}

func (x *exploder) checkArgs(s *stmt, p *procedure) bool {
	if len(p.params) != len(s.args) {
		x.t.errorf(s.at, "Procedure %s called with wrong number of arguments", p.name)
		return false
	}
	return true
}

func (x *exploder) call(s *stmt, next string) []*stmt {
	p := x.findProc(s)
	if p == nil || !x.checkArgs(s, p) {
		return nil
	}
	ass := &stmt{kind: sAssign, at: s.at, span: s.span, kwPos: s.kwPos}
	ass.assigns = append(ass.assigns, &sassign{vr: "stack", rhs: frame(p, []string{quote(next)}, []string{"$stack"}), span: s.span, has: true})
	for i, d := range p.params {
		ass.assigns = append(ass.assigns, &sassign{vr: d.name, rhs: s.args[i], span: d.span, has: true})
	}
	out := []*stmt{ass}
	for _, d := range p.decls {
		out = append(out, &stmt{kind: sAssign, at: s.at, span: s.span, assigns: []*sassign{{vr: d.name, rhs: d.init, span: d.span, has: true}}})
	}
	u := updatePC(p.entry)
	u.span = s.span
	return append(out, u)
}

func head(field string) expr { return synth("Head", "(", "$stack", ")", ".", field) }

func (x *exploder) ret(s *stmt) []*stmt {
	p := x.currentProc
	if p == nil {
		x.t.errorf(s.at, "`return' statement not in procedure")
		return nil
	}
	mk := func(v string, e expr) *stmt {
		return &stmt{kind: sAssign, at: s.at, span: s.span, assigns: []*sassign{{vr: v, rhs: e, span: s.span, has: true}}}
	}
	out := []*stmt{mk("pc", head("pc"))}
	for _, d := range p.decls {
		out = append(out, mk(d.name, head(d.name)))
	}
	for _, d := range p.params {
		out = append(out, mk(d.name, head(d.name)))
	}
	return append(out, mk("stack", synth("Tail", "(", "$stack", ")")))
}

func (x *exploder) callReturn(s *stmt) []*stmt {
	from := x.currentProc
	if from == nil {
		x.t.errorf(s.at, "`return' statement following `call' not in a procedure")
		return nil
	}
	to := x.findProc(s)
	if to == nil || !x.checkArgs(s, to) {
		return nil
	}
	ass := &stmt{kind: sAssign, at: s.at, span: s.span, kwPos: s.kwPos}
	if from.name != to.name {
		for _, d := range from.decls {
			ass.assigns = append(ass.assigns, &sassign{vr: d.name, rhs: head(d.name), span: s.span, has: true})
		}
		ass.assigns = append(ass.assigns, &sassign{vr: "stack", span: s.span, has: true,
			rhs: frame(to, []string{"Head", "(", "$stack", ")", ".", "pc"}, []string{"Tail", "(", "$stack", ")"})})
	}
	for i, d := range to.params {
		ass.assigns = append(ass.assigns, &sassign{vr: d.name, rhs: s.args[i], span: d.span, has: true})
	}
	var out []*stmt
	if len(ass.assigns) > 0 {
		out = append(out, ass)
	}
	for _, d := range to.decls {
		out = append(out, &stmt{kind: sAssign, at: s.at, span: s.span, assigns: []*sassign{{vr: d.name, rhs: d.init, span: d.span, has: true}}})
	}
	u := updatePC(to.entry)
	u.span = s.span
	return append(out, u)
}
