// Package pluscal translates the PlusCal algorithm of a TLA+ module into
// TLA+, with the reference translator's (tlaplus/tlaplus pcal) semantics,
// names and output form, writes the translation between the
// `\* BEGIN TRANSLATION' and `\* END TRANSLATION' lines, and returns a
// source map from the generated text back to the algorithm.
package pluscal

import (
	"bytes"
	"context"
	"fmt"
	"hash/crc32"
	"regexp"
	"sort"
	"strings"

	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// Options are the translator's options.
type Options struct {
	// Label adds missing labels (Lbl_1, Lbl_2, ...) instead of reporting
	// them, like the reference translator's -label option. A uniprocess
	// algorithm with no label at all is always labeled automatically.
	Label bool
	// PCLast declares pc after the algorithm's variables, as translators
	// before the reference's current one did; the reference declares it
	// first.
	PCLast bool
}

type translator struct {
	fairOpt string // PlusCal options: "wf", "sf", "wfNext", "nof" or ""
	renames []string
	added   []AddedLabel
	src     []byte
	file    *source.File
	mod     *ast.Module
	alg     *algorithm
	opts    Options
	errs    []Error
}

func (t *translator) errorf(sp source.Span, format string, args ...any) {
	for _, e := range t.errs {
		if e.Span == sp && e.Msg == fmt.Sprintf(format, args...) {
			return
		}
	}
	t.errs = append(t.errs, Error{Span: sp, Msg: fmt.Sprintf(format, args...)})
}

// Translation is the result of translating a module's algorithm.
type Translation struct {
	// Text is the TLA+ translation: the lines between the markers, each
	// ending with a newline.
	Text string
	// Map relates ranges of Text to ranges of the module's source.
	Map []Mapping
	// AddedLabels are the labels added (with Options.Label), in the order
	// they were numbered.
	AddedLabels []AddedLabel
	// Renamed: symbols were renamed apart (the translation's "changed to"
	// comments), which pcal.trans warns of ("symbols were renamed.",
	// PCalTLAGenerator.removeNameConflicts).
	Renamed bool
	// AST is the algorithm as pcal.trans prints its AST, the text its
	// chksum(pcal) hashes.
	AST  string
	fair bool
}

// AddedLabel is a label the translator added: Name labels the statement
// that starts at offset At of the module (for a statement a macro call
// expanded to, the call's offset).
type AddedLabel struct {
	Name string
	At   int
}

// Translate translates the PlusCal algorithm in src and returns the module
// with the translation written between the markers (inserted after the
// algorithm's comment when missing). Nothing outside the marker lines
// changes. On error, out is nil and errs holds every error found, each at
// the range of the PlusCal text responsible.
func Translate(src []byte, opts Options) (out []byte, sm *SourceMap, errs []Error) {
	res := parser.Parse(context.Background(), "", src)
	tr, errs := TranslateModule(res, opts)
	if len(errs) > 0 {
		return nil, nil, errs
	}
	// The translation takes the file's line endings: a CRLF file stays
	// CRLF throughout (the checksum ignores the carriage returns).
	text, at := tr.Text, func(o int) int { return o }
	eol := "\n"
	if usesCRLF(src) {
		eol = "\r\n"
		text, at = withCRLF(tr.Text)
	}
	out, off, err := place(src, res.Module, text, tr.PCalChecksum(), eol)
	if err != nil {
		return nil, nil, []Error{*err}
	}
	sm = &SourceMap{tla: out, pcal: src, Renamed: tr.Renamed}
	for _, m := range tr.Map {
		m.TLA.Start = at(m.TLA.Start) + off
		m.TLA.End = at(m.TLA.End) + off
		sm.Mappings = append(sm.Mappings, m)
	}
	sm.sort()
	return out, sm, nil
}

// TranslateModule translates the algorithm of a parsed module. Mapping
// TLA ranges are offsets in Translation.Text.
func TranslateModule(res *parser.Result, opts Options) (tr *Translation, errs []Error) {
	defer func() {
		if r := recover(); r != nil {
			tr = nil
			errs = []Error{{Msg: fmt.Sprintf("internal translator error: %v", r)}}
		}
	}()
	if res == nil || res.Module == nil || res.File == nil {
		return nil, []Error{{Msg: "no PlusCal algorithm found in the module"}}
	}
	a, errs := pcalAlgorithm(res)
	if len(errs) > 0 {
		return nil, errs
	}
	t := &translator{src: res.File.Text, file: res.File, mod: res.Module, opts: opts}
	t.readOptions()
	b := &builder{lx: &lexer{src: t.src, file: t.file}, file: t.file}
	t.alg = b.build(a)
	t.errs = append(t.errs, b.errs...)
	g := t.prepare()
	if len(t.errs) > 0 {
		return nil, t.errs
	}
	text, maps := g.generate()
	if len(t.errs) > 0 {
		return nil, t.errs
	}
	tr = &Translation{Text: text, Map: maps, AddedLabels: t.added, Renamed: len(t.renames) > 0, AST: g.astText, fair: t.alg.fair}
	return tr, nil
}

// pcalAlgorithm returns the algorithm pcal.trans translates: the one that
// starts at the first "--algorithm" (else "--fair") of the file, wherever
// that is (parser.AlgorithmStart). The module's own algorithm is used when
// it is that one; otherwise the text there is parsed as an algorithm, so
// that an algorithm before the module's header or after its end is
// translated, and a stray "--algorithm" earlier in the file is rejected as
// pcal.trans rejects it.
func pcalAlgorithm(res *parser.Result) (*ast.Algorithm, []Error) {
	src, m := res.File.Text, res.Module
	at, fair, ok := parser.AlgorithmStart(src, m.Translation)
	if !ok {
		return nil, []Error{{Msg: "no PlusCal algorithm found in the module"}}
	}
	word := source.Span{Start: at, End: at + 2}
	for word.End < len(src) && isIdentByte(src[word.End]) {
		word.End++
	}
	end, closed := parser.AlgorithmCommentEnd(src, at)
	if !closed && m.Translation == nil {
		// pcal.trans looks for the comment's end only to insert the
		// translation markers.
		return nil, []Error{{Span: word, Msg: "Algorithm not in properly terminated comment"}}
	}
	if !closed {
		end = len(src)
	}
	if fair {
		// pcal.trans's first check after "--fair"
		i := at + len("--fair")
		for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r' || src[i] == '\n') {
			i++
		}
		j := i
		for j < len(src) && isIdentByte(src[j]) {
			j++
		}
		if string(src[i:j]) != "algorithm" {
			return nil, []Error{{Span: source.Span{Start: i, End: max(j, i+1)}, Msg: "`--fair' not followed by `algorithm'"}}
		}
	}
	a := m.Algorithm
	var errs []Error
	if a == nil || a.Start != at {
		var perrs []parser.Error
		a, perrs = parser.ParseAlgorithmAt(context.Background(), src, at, end)
		for _, e := range perrs {
			errs = append(errs, Error{Span: e.Span, Msg: e.Msg})
		}
	} else {
		for _, e := range res.Errors {
			if e.Span.End >= a.Start && e.Span.Start <= a.End {
				errs = append(errs, Error{Span: e.Span, Msg: e.Msg})
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if a == nil || a.Name == nil {
		return nil, []Error{{Span: word, Msg: "no PlusCal algorithm found in the module"}}
	}
	return a, nil
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// prepare runs the label rules, grouping and explosion.
func (t *translator) prepare() *gen {
	alg := t.alg
	mp := len(alg.process) > 0
	// call; return and call; goto are single statements.
	for _, p := range alg.procs {
		p.body = fuseCalls(p.body)
	}
	for _, p := range alg.process {
		p.body = fuseCalls(p.body)
	}
	alg.body = fuseCalls(alg.body)

	all := map[string]bool{}
	hasLabel := false
	bodies := func(f func(seq []*stmt)) {
		for _, p := range alg.procs {
			f(p.body)
		}
		for _, p := range alg.process {
			f(p.body)
		}
		f(alg.body)
	}
	bodies(func(seq []*stmt) {
		collectLabels(seq, func(s *stmt) {
			all[s.label] = true
			hasLabel = true
		})
	})
	for _, l := range []string{"Done", "Error"} {
		collectLabelsNamed(alg, l, func(s *stmt) {
			t.errorf(s.labelSpan, "label %s is reserved", l)
		})
	}
	lb := &labeler{t: t, add: t.opts.Label || (!mp && !hasLabel), all: all, allProcs: alg.procs}
	labelBody := func(seq []*stmt, what string, proc *procedure) {
		if len(seq) == 0 {
			return
		}
		lb.proc = proc
		var out []string
		lb.inner(seq, true, false, nil, &out, "the first statement of "+what+" must be labeled")
	}
	if mp {
		for _, p := range alg.process {
			labelBody(p.body, "process "+p.name, nil)
		}
		for _, p := range alg.procs {
			labelBody(p.body, "procedure "+p.name, p)
		}
	} else {
		for _, p := range alg.procs {
			labelBody(p.body, "procedure "+p.name, p)
		}
		labelBody(alg.body, "the algorithm", nil)
	}
	for _, a := range lb.added {
		t.added = append(t.added, AddedLabel{Name: a.name, At: a.at.Start})
	}
	t.uniqueLabels()
	procNames, procRen := t.uniqueProcessNames()
	t.uniqueVars(procNames)
	procRen()
	if len(t.errs) > 0 {
		return nil
	}
	if len(alg.body) == 0 && !mp {
		t.errorf(alg.span, "the algorithm has no statements")
	}
	for _, p := range alg.process {
		if len(p.body) == 0 {
			t.errorf(p.span, "process %s has no statements", p.name)
		}
	}
	for _, p := range alg.procs {
		if len(p.body) == 0 {
			t.errorf(p.span, "procedure %s has no statements", p.name)
		}
	}
	if len(t.errs) > 0 {
		return nil
	}
	// goto targets and return placement.
	gotoUsed, gotoDone := false, false
	checkGotos := func(seq []*stmt, scope string, proc *procedure) {
		labels := map[string]bool{}
		collectLabels(seq, func(s *stmt) { labels[s.label] = true })
		walkStmts(seq, func(s *stmt) {
			if s.kind == sGoto || s.kind == sCallGoto {
				gotoUsed = true
				if s.target == "Done" {
					gotoDone = true
				} else if !labels[s.target] {
					t.errorf(s.at, "goto %s: no label %s in %s", s.target, s.target, scope)
				}
			}
			if (s.kind == sReturn || s.kind == sCallReturn) && proc == nil {
				t.errorf(s.at, "`return' statement not in procedure")
			}
		})
	}
	for _, p := range alg.procs {
		checkGotos(p.body, "procedure "+p.name, p)
	}
	for _, p := range alg.process {
		checkGotos(p.body, "process "+p.name, nil)
	}
	checkGotos(alg.body, "the algorithm", nil)
	if len(t.errs) > 0 {
		return nil
	}

	// Group into steps.
	for _, p := range alg.procs {
		p.lbody = group(p.body)
		p.entry = p.lbody[0].label
		p.plusLabels, p.minusLbls = modLabels(p.body)
	}
	for _, p := range alg.process {
		p.lbody = group(p.body)
		p.entry = p.lbody[0].label
		p.plusLabels, p.minusLbls = modLabels(p.body)
	}
	if !mp {
		alg.lbody = group(alg.body)
		alg.entry = alg.lbody[0].label
	}

	// Omitting pc (every body a single `while TRUE' step).
	omitPC, omitTerm := true, true
	if len(alg.procs) > 0 {
		omitPC = false
	}
	if mp {
		val := false
		for _, p := range alg.process {
			op, ot := checkBody(p.lbody)
			omitPC = omitPC && op
			val = val || ot
		}
		omitTerm = val
		if gotoDone {
			omitPC, omitTerm = false, false
		}
		if gotoUsed {
			omitPC = false
		}
	} else {
		if gotoUsed {
			omitPC = false
		}
		if gotoDone {
			omitPC, omitTerm = false, false
		} else {
			op, ot := checkBody(alg.lbody)
			omitPC = omitPC && op
			omitTerm = ot
		}
	}

	orig := &origSteps{procs: map[*procedure][]*lstmt{}, process: map[*process][]*lstmt{}, body: alg.lbody,
		called: map[*procedure][]string{}}
	for _, p := range alg.procs {
		orig.procs[p] = p.lbody
	}
	orig.called, orig.processCalled = proceduresCalled(alg)
	for _, p := range alg.process {
		orig.process[p] = p.lbody
	}
	for _, p := range alg.process {
		if p.fair == ast.Unfair {
			switch t.fairOpt {
			case "wf":
				p.fair = ast.WeakFair
			case "sf":
				p.fair = ast.StrongFair
			}
		}
	}
	// Called procedures (transitively) for fairness.
	for _, p := range alg.process {
		p.called = t.calledFrom(p.body)
	}
	orig.labelled = nestedLabels(alg)

	x := &exploder{t: t, omitPC: omitPC}
	for _, p := range alg.procs {
		x.currentProc = p
		p.lbody = x.seq(p.lbody, "Error")
	}
	x.currentProc = nil
	for _, p := range alg.process {
		p.lbody = x.seq(p.lbody, "Done")
	}
	if !mp {
		alg.lbody = x.seq(alg.lbody, "Done")
	}
	g := &gen{t: t, alg: alg, mp: mp, omitPC: omitPC, omitTerm: omitTerm}
	orig.dropped = x.dropped
	g.astText = printAST(alg, orig)
	return g
}

func collectLabelsNamed(alg *algorithm, name string, f func(*stmt)) {
	g := func(seq []*stmt) {
		collectLabels(seq, func(s *stmt) {
			if s.label == name {
				f(s)
			}
		})
	}
	for _, p := range alg.procs {
		g(p.body)
	}
	for _, p := range alg.process {
		g(p.body)
	}
	g(alg.body)
}

func modLabels(seq []*stmt) (plus, minus []string) {
	// in source order, labels of grouped (lab*) tails included
	sourceWalk(seq, func(s *stmt) {
		switch s.labelMod {
		case "+":
			plus = append(plus, s.label)
		case "-":
			minus = append(minus, s.label)
		}
	})
	return
}

// checkBody returns whether the body lets pc, and the stuttering-when-done
// disjunct, be omitted: a single step that is a `while TRUE'.
func checkBody(body []*lstmt) (omitPC, omitTerm bool) {
	if len(body) != 1 {
		return false, false
	}
	st := body[0].stmts
	if len(st) != 1 || st[0].kind != sWhile {
		return false, false
	}
	w := st[0]
	if len(w.cond.toks) != 1 || w.cond.toks[0].s != "TRUE" {
		return false, false
	}
	omitPC, omitTerm = true, true
	if len(w.labDo) > 0 {
		omitPC = false
	}
	for _, s := range w.body {
		if (s.kind == sIf || s.kind == sEither) && s.broken {
			omitPC = false
		}
	}
	return
}

func (t *translator) calledFrom(seq []*stmt) []string {
	var out []string
	seen := map[string]bool{}
	var visit func(seq []*stmt)
	visit = func(seq []*stmt) {
		walkStmts(seq, func(s *stmt) {
			// pcal records a process's callees while parsing its body, so
			// a call written in a macro body never counts.
			if (s.kind == sCall || s.kind == sCallReturn || s.kind == sCallGoto) && !s.inMacro && !seen[s.proc] {
				seen[s.proc] = true
				out = append(out, s.proc)
				for _, p := range t.alg.procs {
					if p.name == s.proc {
						visit(p.body)
					}
				}
			}
		})
	}
	visit(seq)
	return out
}

// generate writes the whole translation.
// wrapAsserts moves the message of an Assert to a line of its own, under
// the asserted expression, when the line would reach wrapColumn, as the
// reference translator does; the mappings follow the moved text.
func wrapAsserts(out *emitter) {
	const msg = ", \"Failure of assertion at "
	for i := 0; i < len(out.lines); i++ {
		l := out.lines[i]
		k := strings.LastIndex(l, msg)
		if k < 0 || !strings.HasSuffix(l, ".\")") || len(l) < wrapColumn {
			continue
		}
		indent := -1
		for j := i; j >= 0 && indent < 0; j-- {
			if a := strings.LastIndex(out.lines[j], "Assert("); a >= 0 && (j < i || a < k) {
				indent = a + len("Assert(")
			}
		}
		if indent < 0 {
			continue
		}
		cut := k + 2
		rest := strings.Repeat(" ", indent) + l[cut:]
		out.lines = append(out.lines[:i+1], append([]string{rest}, out.lines[i+1:]...)...)
		out.lines[i] = l[:cut]
		move := func(line, col *int) {
			switch {
			case *line > i:
				*line++
			case *line == i && *col > cut:
				*line, *col = i+1, *col-cut+indent
			}
		}
		for m := range out.maps {
			move(&out.maps[m].l0, &out.maps[m].c0)
			move(&out.maps[m].l1, &out.maps[m].c1)
		}
		i++
	}
}

func (g *gen) generate() (string, []Mapping) {
	alg := g.alg
	g.out = newEm()
	out := g.out
	g.pcV, g.psV, g.declared = map[string]bool{}, map[string]bool{}, map[string]bool{}
	var gVars, lVars []string
	type vsrc struct {
		name string
		span source.Span
		has  bool
	}
	var gSrc, lSrc []vsrc
	hasDefault := false
	for _, d := range alg.decls {
		gVars = append(gVars, d.name)
		gSrc = append(gSrc, vsrc{d.name, d.nameSpn, true})
		hasDefault = hasDefault || d.noInit
	}
	if !g.omitPC {
		// The reference translator declares pc first (so a define block
		// may use it); older ones declared it after the variables.
		if g.t.opts.PCLast {
			gVars = append(gVars, "pc")
			gSrc = append(gSrc, vsrc{name: "pc"})
		} else {
			gVars = append([]string{"pc"}, gVars...)
			gSrc = append([]vsrc{{name: "pc"}}, gSrc...)
		}
	}
	if len(alg.procs) > 0 {
		gVars = append(gVars, "stack")
		gSrc = append(gSrc, vsrc{name: "stack"})
	}
	for _, p := range alg.procs {
		for _, d := range append(append([]*varDecl(nil), p.params...), p.decls...) {
			lVars = append(lVars, d.name)
			lSrc = append(lSrc, vsrc{d.name, d.nameSpn, true})
			g.pcV[d.name] = true
			hasDefault = hasDefault || d.noInit
		}
	}
	for _, p := range alg.process {
		for _, d := range p.decls {
			lVars = append(lVars, d.name)
			lSrc = append(lSrc, vsrc{d.name, d.nameSpn, true})
			if !p.isEq {
				g.psV[d.name] = true
			}
			hasDefault = hasDefault || d.noInit
		}
	}
	g.vars = append(append([]string(nil), gVars...), lVars...)
	first := map[string]vsrc{}
	for _, v := range append(append([]vsrc(nil), gSrc...), lSrc...) {
		if prev, dup := first[v.name]; dup {
			// At the second declaration; pc and stack have none, so a
			// variable of that name is reported where the user declared it.
			at := v.span
			if !v.has {
				at = prev.span
			}
			g.t.errorf(at, "variable %s is declared twice in the algorithm", v.name)
			continue
		}
		first[v.name] = v
		g.declared[v.name] = true
	}
	if len(g.vars) == 0 {
		g.t.errorf(alg.span, "The algorithm has no variables.")
		return "", nil
	}
	varDecl := func(vs []vsrc) {
		if len(vs) == 0 {
			return
		}
		kw := "VARIABLES "
		if len(vs) == 1 {
			kw = "VARIABLE "
		}
		out.put(kw)
		for i, v := range vs {
			if i > 0 {
				out.put(", ")
				if out.col()+len(v.name)+1 > wrapColumn {
					out.newline()
					out.put(strings.Repeat(" ", len(kw)))
				}
			}
			l0, c0 := out.begin()
			out.put(v.name)
			if v.has {
				out.mark(l0, c0, v.span, MapDecl, v.name)
			}
		}
		out.newline()
	}
	for _, r := range g.t.renames {
		out.line(r)
	}
	if hasDefault {
		out.line("CONSTANT defaultInitValue")
	}
	if !alg.hasDefs {
		varDecl(append(gSrc, lSrc...))
	} else {
		varDecl(gSrc)
		out.newline()
		out.line("(* define statement *)")
		out.putExpr(alg.defs)
		out.newline()
		out.newline()
		varDecl(lSrc)
	}
	out.newline()
	out.put("vars == << ")
	for i, v := range g.vars {
		if i > 0 {
			out.put(", ")
			if out.col()+len(v)+1 > wrapColumn {
				out.newline()
				out.put(strings.Repeat(" ", len("vars == << ")))
			}
		}
		out.put(v)
	}
	// pcal moves the closing " >>" to a line of its own (under "vars ==")
	// when it would pass wrapColumn.
	if out.col()+len(" >>")+1 > wrapColumn {
		out.newline()
		out.put(strings.Repeat(" ", len("vars ==")))
	}
	out.put(" >>")
	out.newline()
	out.newline()
	if g.mp {
		out.put("ProcSet == ")
		for i, p := range alg.process {
			if i > 0 {
				out.put(" \\cup ")
			}
			if p.isEq {
				out.put("{")
			} else {
				out.put("(")
			}
			out.putExpr(p.id)
			if p.isEq {
				out.put("}")
			} else {
				out.put(")")
			}
		}
		out.newline()
		out.newline()
	}
	g.genInit()
	for _, p := range alg.procs {
		g.genProcedure(p)
	}
	for _, p := range alg.process {
		g.genProcess(p)
	}
	if !g.mp {
		g.context = ""
		for _, l := range alg.lbody {
			g.labeled(l, "", "Next")
		}
	}
	g.genNext()
	g.genSpec()
	if !g.omitPC && !g.omitTerm {
		if g.mp {
			out.line("Termination == <>(\\A self \\in ProcSet: pc[self] = \"Done\")")
		} else {
			out.line("Termination == <>(pc = \"Done\")")
		}
		out.newline()
	}
	wrapUnchanged(out)
	wrapAsserts(out)
	// Assemble: lines, offsets.
	lines := out.lines
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	var sb strings.Builder
	starts := make([]int, len(out.lines)+1)
	for i, l := range lines {
		starts[i] = sb.Len()
		sb.WriteString(strings.TrimSuffix(l, blankExprLine))
		sb.WriteString("\n")
	}
	for i := len(lines); i < len(starts); i++ {
		starts[i] = sb.Len()
	}
	sb.WriteString("\n")
	text := sb.String()
	var maps []Mapping
	for _, m := range out.maps {
		if m.l0 >= len(lines) || m.l1 >= len(starts) {
			continue
		}
		s := starts[m.l0] + min(m.c0, len(strings.TrimRight(lines[m.l0], " ")))
		eLine := min(m.l1, len(lines)-1)
		e := starts[eLine] + min(m.c1, len(strings.TrimRight(lines[eLine], " ")))
		if e <= s {
			continue
		}
		maps = append(maps, Mapping{TLA: source.Span{Start: s, End: e}, PlusCal: m.src, Kind: m.kind, Name: m.name})
	}
	return text, maps
}

func (g *gen) genInit() {
	out := g.out
	alg := g.alg
	is := "Init == "
	col := len(is)
	pad := strings.Repeat(" ", col)
	emit := func(f func(e *emitter)) {
		e := newEm()
		f(e)
		out.put(is)
		out.place(e, col)
		out.newline()
		is = pad
	}
	decl := func(d *varDecl, f func(e *emitter)) {
		emit(func(e *emitter) {
			e.put("/\\ ")
			l0, c0 := e.begin()
			f(e)
			e.mark(l0, c0, d.span, MapDecl, d.name)
		})
	}
	// pcal parenthesizes the initial value of a global or procedure
	// variable (Parenthesize), never one of a process `= id`'s variables.
	simpleParen := func(d *varDecl, mayParen bool) {
		decl(d, func(e *emitter) {
			op := " = "
			if !d.eq {
				op = " \\in "
			}
			e.put(d.name + op)
			paren := mayParen && needsParens(d.init.render()[0])
			if paren {
				e.put("(")
			}
			e.putExpr(d.init)
			if paren {
				e.put(")")
			}
		})
	}
	simple := func(d *varDecl) { simpleParen(d, true) }
	if len(alg.decls) > 0 {
		out.line(is + "(* Global variables *)")
		is = pad
		for _, d := range alg.decls {
			simple(d)
		}
	}
	self := selfExpr()
	for _, p := range alg.procs {
		if len(p.params) == 0 && len(p.decls) == 0 {
			continue
		}
		out.line(is + "(* Procedure " + p.name + " *)")
		is = pad
		for _, d := range append(append([]*varDecl(nil), p.params...), p.decls...) {
			if !g.mp {
				simple(d)
				continue
			}
			d := d
			decl(d, func(e *emitter) {
				e.put(d.name + " = [ self \\in ProcSet |-> ")
				e.putExpr(g.addSubs(d.init, &self, newChanged(nil)))
				e.put("]")
			})
		}
	}
	for _, p := range alg.process {
		if len(p.decls) == 0 {
			continue
		}
		out.line(is + "(* Process " + p.name + " *)")
		is = pad
		for _, d := range p.decls {
			d := d
			p := p
			switch {
			case p.isEq:
				simpleParen(d, false)
			case d.eq:
				decl(d, func(e *emitter) {
					e.put(d.name + " = [self \\in ")
					e.putExpr(p.id)
					e.put(" |-> ")
					e.putExpr(g.addSubs(d.init, &self, newChanged(nil)))
					e.put("]")
				})
			default:
				ch := synth("CHOOSE", "self", "\\in")
				ch.toks = append(ch.toks, flatten(p.id.toks)...)
				// the reference's `\in ` token carries its own space, so two
				// spaces precede the process set
				ch.toks[len(ch.toks)-len(p.id.toks)].gap = 2
				ch.toks = append(ch.toks, tok{s: ":", kind: tOp, line: -1, gap: 1}, tok{s: "TRUE", kind: tOp, line: -1, gap: 1})
				decl(d, func(e *emitter) {
					e.put(d.name + " \\in [")
					e.putExpr(p.id)
					e.put(" -> ")
					e.putExpr(g.addSubs(d.init, &ch, newChanged(nil)))
					e.put("]")
				})
			}
		}
	}
	if len(alg.procs) > 0 {
		if g.mp {
			out.line(is + "/\\ stack = [self \\in ProcSet |-> << >>]")
		} else {
			out.line(is + "/\\ stack = << >>")
		}
		is = pad
	}
	if !g.omitPC {
		if g.mp {
			if len(alg.process) == 1 {
				out.line(is + "/\\ pc = [self \\in ProcSet |-> " + quote(alg.process[0].entry) + "]")
			} else {
				head := is + "/\\ pc = [self \\in ProcSet |-> CASE "
				colPC := len(head) - 3
				out.put(head)
				for i, p := range alg.process {
					if i > 0 {
						out.put(strings.Repeat(" ", colPC) + "[] ")
					}
					if p.isEq {
						out.put("self = ")
					} else {
						out.put("self \\in ")
					}
					out.putExpr(p.id)
					out.put(" -> " + quote(p.entry))
					if i == len(alg.process)-1 {
						out.put("]")
					}
					out.newline()
				}
			}
		} else {
			out.line(is + "/\\ pc = " + quote(alg.entry))
		}
	}
	out.newline()
}

func (g *gen) genProcedure(p *procedure) {
	if g.mp {
		s := selfExpr()
		g.self = &s
		g.selfSelf = true
	}
	for _, l := range p.lbody {
		g.labeled(l, "procedure", p.name)
	}
	arg := ""
	if g.mp {
		arg = "(self)"
	}
	var items []string
	for _, l := range p.lbody {
		items = append(items, l.label+arg)
	}
	g.disjunction(p.name+arg, items, p.span)
}

func (g *gen) genProcess(p *process) {
	if p.isEq {
		id := p.id
		g.self = &id
		g.selfSelf = false
	} else {
		s := selfExpr()
		g.self = &s
		g.selfSelf = true
	}
	for _, l := range p.lbody {
		g.labeled(l, "process", p.name)
	}
	if g.omitPC {
		return
	}
	arg := ""
	if !p.isEq {
		arg = "(self)"
	}
	var items []string
	for _, l := range p.lbody {
		items = append(items, l.label+arg)
	}
	g.disjunction(p.name+arg, items, p.span)
}

func (g *gen) genNext() {
	out := g.out
	alg := g.alg
	if g.omitPC && !g.mp {
		return
	}
	if !g.omitTerm {
		out.line("(* Allow infinite stuttering to prevent deadlock on termination. *)")
		if g.mp {
			out.line("Terminating == /\\ \\A self \\in ProcSet: pc[self] = \"Done\"")
			out.line("               /\\ UNCHANGED vars")
		} else {
			out.line("Terminating == pc = \"Done\" /\\ UNCHANGED vars")
		}
		out.newline()
	}
	// Steps without a parameter, joined on lines of limited width.
	var single []string
	if !g.mp {
		for _, p := range alg.procs {
			single = append(single, p.name)
		}
		for _, l := range alg.lbody {
			single = append(single, l.label)
		}
	} else {
		for _, p := range alg.process {
			if p.isEq {
				single = append(single, p.name)
			}
		}
	}
	var parts []string
	maxW := wrapColumn - len("Next == \\/ ")
	cur := ""
	for _, a := range single {
		if cur != "" && len(a)+len(" \\/ ")+len(cur) > maxW {
			parts = append(parts, cur)
			cur = ""
		}
		if cur != "" {
			cur += " \\/ "
		}
		cur += a
	}
	if cur != "" {
		parts = append(parts, cur)
	}
	if g.mp {
		if len(alg.procs) > 0 {
			var ps []string
			for _, p := range alg.procs {
				ps = append(ps, p.name+"(self)")
			}
			parts = append(parts, "(\\E self \\in ProcSet: "+strings.Join(ps, " \\/ ")+")")
		}
		for _, p := range alg.process {
			if !p.isEq {
				parts = append(parts, "(\\E self \\in "+strings.Join(p.id.render(), " ")+": "+p.name+"(self))")
			}
		}
	}
	if !g.omitTerm {
		parts = append(parts, "Terminating")
	}
	out.put("Next == ")
	for i, p := range parts {
		if i > 0 {
			out.newline()
			out.put(strings.Repeat(" ", 10) + " \\/ ")
		}
		out.put(p)
	}
	out.newline()
	out.newline()
}

func (g *gen) genSpec() {
	out := g.out
	alg := g.alg
	safety := "Init /\\ [][Next]_vars"
	opt := g.t.fairOpt
	if opt == "nof" || (!g.mp && opt == "" && !alg.fair) {
		out.line("Spec == " + safety)
		out.newline()
		return
	}
	wfNext := alg.fair || opt == "wfNext" || (!g.mp && (opt == "wf" || opt == "sf"))
	var formulas []string
	if g.mp {
		for _, p := range alg.process {
			if p.fair == ast.Unfair {
				continue
			}
			xf := "WF"
			if p.fair == ast.StrongFair {
				xf = "SF"
			}
			qSelf := "self"
			prefix := ""
			pName := p.name + "(self)"
			if p.isEq {
				lines := p.id.render()
				if len(lines) > 1 {
					prefix = "LET self == " + strings.Join(lines, " ") + " IN "
				} else {
					qSelf = lines[0]
				}
				pName = p.name
			} else {
				prefix = "\\A self \\in " + strings.Join(p.id.render(), " ") + " : "
			}
			minus := func(ls []string) string {
				switch len(ls) {
				case 0:
					return ""
				case 1:
					return "(pc[" + qSelf + "] # \"" + ls[0] + "\") /\\ "
				}
				return "(pc[" + qSelf + "] \\notin {\"" + strings.Join(ls, "\", \"") + "\"}) /\\ "
			}
			wf := xf + "_vars(" + minus(p.minusLbls) + pName + ")"
			sf := ""
			if xf == "WF" && len(p.plusLabels) > 0 {
				var ss []string
				for _, l := range p.plusLabels {
					a := l
					if !p.isEq {
						a += "(self)"
					}
					ss = append(ss, "SF_vars("+a+")")
				}
				sf = strings.Join(ss, " /\\ ")
			}
			type pair struct{ wf, sf string }
			var prcd []pair
			for _, name := range p.called {
				var pr *procedure
				for _, q := range alg.procs {
					if q.name == name {
						pr = q
					}
				}
				if pr == nil {
					continue
				}
				w := xf + "_vars(" + minus(pr.minusLbls) + pr.name + "(" + qSelf + "))"
				s := ""
				if xf == "WF" && len(pr.plusLabels) > 0 {
					var ss []string
					for _, l := range pr.plusLabels {
						ss = append(ss, "SF_vars("+l+"("+qSelf+"))")
					}
					s = strings.Join(ss, " /\\ ")
				}
				prcd = append(prcd, pair{w, s})
			}
			single := func(x pair) string {
				if x.sf == "" {
					return x.wf
				}
				return x.wf + " /\\ " + x.sf
			}
			width := len(wf) + len(sf)
			for _, x := range prcd {
				width += len(single(x))
			}
			col := len("Spec == /\\ ")
			var f string
			if col+width <= wrapColumn || (sf == "" && len(prcd) == 0) {
				f = prefix + single(pair{wf, sf})
				for _, x := range prcd {
					f += " /\\ " + single(x)
				}
			} else {
				// pcal's ProcessFairness.format: the process's formulas, on
				// two lines when too wide, then each procedure's on a line
				// of its own, aligned after the prefix.
				c := col + len(prefix)
				pad := strings.Repeat(" ", c)
				multi := func(x pair) string {
					if x.sf == "" {
						return "/\\ " + x.wf
					}
					return "/\\ " + x.wf + "\n" + pad + "/\\ " + x.sf
				}
				f = prefix
				if s := single(pair{wf, sf}); c+len(s)+3 <= wrapColumn {
					f += "/\\ " + s
				} else {
					f += multi(pair{wf, sf})
				}
				for i, x := range prcd {
					if i == 0 {
						f += "\n"
					}
					f += pad
					if s := single(x); c+len(s)+3 <= wrapColumn {
						f += "/\\ " + s + "\n"
					} else {
						f += multi(x)
					}
				}
				f = strings.TrimSuffix(f, "\n")
			}
			formulas = append(formulas, f)
		}
	}
	if !wfNext && len(formulas) == 0 {
		out.line("Spec == " + safety)
		out.newline()
		return
	}
	out.line("Spec == /\\ " + safety)
	if wfNext {
		out.line("        /\\ WF_vars(Next)")
	}
	for _, f := range formulas {
		for i, l := range strings.Split(f, "\n") {
			if i == 0 {
				l = "        /\\ " + l
			}
			out.line(l)
		}
	}
	out.newline()
}

// ---------------------------------------------------------------- placement

// Checksum is the reference translator's checksum of a text: the CRC-32
// (IEEE) of its bytes, in lower-case hex without leading zeros.
func Checksum(s string) string {
	return fmt.Sprintf("%x", crc32.ChecksumIEEE([]byte(s)))
}

// usesCRLF reports whether most of src's line breaks are CRLF.
func usesCRLF(src []byte) bool {
	crlf := bytes.Count(src, []byte("\r\n"))
	return crlf > 0 && 2*crlf >= bytes.Count(src, []byte("\n"))
}

// withCRLF returns text with CRLF line breaks and the map from offsets in
// text to offsets in the result.
func withCRLF(text string) (string, func(int) int) {
	var nls []int // the bare line feeds
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' && (i == 0 || text[i-1] != '\r') {
			nls = append(nls, i)
			b.WriteByte('\r')
		}
		b.WriteByte(text[i])
	}
	return b.String(), func(o int) int {
		return o + sort.SearchInts(nls, o) // the carriage returns added before o
	}
}

// tlaChecksum is the reference's chksum(tla): the checksum of the
// translation's lines concatenated without their line ends.
func tlaChecksum(text string) string {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return Checksum(strings.Join(lines, ""))
}

// PCalChecksum is chksum(pcal) as pcal.trans writes it: the checksum of
// the word "fair" for a "--fair algorithm" (its Validator's
// `fair ? FAIR : "" + ast'), else of the algorithm printed as its AST
// (see astprint.go).
func (tr *Translation) PCalChecksum() string {
	if tr.fair {
		return Checksum("fair")
	}
	return Checksum(tr.AST)
}

func beginLine(pcal, tla string) string {
	return fmt.Sprintf("\\* BEGIN TRANSLATION (chksum(pcal) = %q /\\ chksum(tla) = %q)", pcal, tla)
}

// markerRegion locates the BEGIN marker line and the translation: it
// returns the start of the BEGIN line, the end of its text (before the
// line end), and the translation span.
func markerRegion(src []byte, m *ast.Module) (bStart, bEnd int, tr source.Span, ok bool) {
	if m == nil || m.Translation == nil {
		return 0, 0, source.Span{}, false
	}
	tr = *m.Translation
	i := tr.Start - 1 // the '\n' ending the BEGIN line
	if i < 0 || i >= len(src) {
		return 0, 0, source.Span{}, false
	}
	bEnd = i
	if bEnd > 0 && src[bEnd-1] == '\r' {
		bEnd--
	}
	bStart = i
	for bStart > 0 && src[bStart-1] != '\n' {
		bStart--
	}
	return bStart, bEnd, tr, true
}

// place writes text between the markers (inserting them when missing) and
// returns the new module and the offset of text in it.
func place(src []byte, m *ast.Module, text, pcalSum, eol string) ([]byte, int, *Error) {
	tlaSum := tlaChecksum(text)
	if bStart, bEnd, tr, ok := markerRegion(src, m); ok {
		old := string(src[bStart:bEnd])
		k := strings.Index(old, "BEGIN TRANSLATION")
		if k < 0 {
			return nil, 0, &Error{Span: source.Span{Start: bStart, End: bEnd}, Msg: "malformed BEGIN TRANSLATION line"}
		}
		// As pcal: the checksum values are written where the line has
		// them after `\* BEGIN TRANSLATION' (a line without them, or
		// with `\in STRING', keeps its text).
		nl := old
		if loc := beginChecksumRE.FindStringSubmatchIndex(old); loc != nil {
			if loc[5] >= 0 { // chksum(tla) first: its offsets come later
				nl = nl[:loc[4]] + tlaSum + nl[loc[5]:]
			}
			if loc[3] >= 0 {
				nl = nl[:loc[2]] + pcalSum + nl[loc[3]:]
			}
		}
		var b []byte
		b = append(b, src[:bStart]...)
		b = append(b, nl...)
		b = append(b, src[bEnd:tr.Start]...)
		off := len(b)
		b = append(b, text...)
		b = append(b, src[tr.End:]...)
		return b, off, nil
	}
	// Insert after the line that ends the algorithm's comment, as
	// pcal.trans finds it: the `*)` that brings the depth counted from the
	// algorithm's start back to zero (in a nested comment, the inner one's).
	at, _, ok := parser.AlgorithmStart(src, m.Translation)
	if !ok {
		return nil, 0, &Error{Msg: "no PlusCal algorithm found in the module"}
	}
	end, ok := parser.AlgorithmCommentEnd(src, at)
	if !ok {
		return nil, 0, &Error{Span: source.Span{Start: at, End: at + 2}, Msg: "Algorithm not in properly terminated comment"}
	}
	i := end
	for i < len(src) && src[i] != '\n' {
		i++
	}
	if rest := strings.TrimSpace(string(src[end:i])); rest != "" && !strings.HasPrefix(rest, "\\*") {
		k := end + strings.Index(string(src[end:i]), rest)
		return nil, 0, &Error{Span: source.Span{Start: k, End: i}, Msg: "Text on same line following `*)' that ends the comment containing the algorithm"}
	}
	var b []byte
	b = append(b, src[:i]...)
	if i == len(src) {
		b = append(b, eol...)
	} else {
		b = append(b, '\n') // the line's own ending (its \r is in src[:i])
		i++
	}
	b = append(b, beginLine(pcalSum, tlaSum)...)
	b = append(b, eol...)
	off := len(b)
	b = append(b, text...)
	b = append(b, "\\* END TRANSLATION "+eol...)
	b = append(b, src[i:]...)
	return b, off, nil
}

// ---------------------------------------------------------------- source map

// Mapping relates a range of the translation to the PlusCal text that
// produced it.
type Mapping struct {
	TLA     source.Span // in the translated module
	PlusCal source.Span // in the source module
	Kind    MapKind
	Name    string // the label for actions, the variable for declarations
}

// SourceMap is the set of mappings of one translation, sorted by TLA start
// (outer ranges before the ranges they contain).
type SourceMap struct {
	Mappings []Mapping
	// Renamed: see Translation.Renamed.
	Renamed bool
	// tla and pcal are the texts the TLA and PlusCal ranges index (the
	// translated and the source module), when known: PlusCal then narrows
	// a range inside a copied expression to the matching sub-expression.
	tla, pcal []byte
}

func (s *SourceMap) sort() {
	sort.SliceStable(s.Mappings, func(i, j int) bool {
		a, b := s.Mappings[i].TLA, s.Mappings[j].TLA
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.End > b.End
	})
}

// Lookup returns the innermost mapping whose TLA range contains off
// (start inclusive, end exclusive).
func (s *SourceMap) Lookup(off int) (Mapping, bool) {
	var best Mapping
	found := false
	if s == nil {
		return best, false
	}
	for _, m := range s.Mappings {
		if m.TLA.Start <= off && off < m.TLA.End {
			if !found || m.TLA.Len() <= best.TLA.Len() {
				best, found = m, true
			}
		}
	}
	return best, found
}

// PlusCal returns the PlusCal range for the TLA range sp: that of the
// innermost mapping containing all of sp.
func (s *SourceMap) PlusCal(sp source.Span) (source.Span, bool) {
	var best Mapping
	found := false
	if s == nil {
		return source.Span{}, false
	}
	for _, m := range s.Mappings {
		if m.TLA.Start <= sp.Start && sp.End <= m.TLA.End {
			if !found || m.TLA.Len() <= best.TLA.Len() {
				best, found = m, true
			}
		}
	}
	if found && best.Kind == MapExpr && s.tla != nil && s.pcal != nil {
		if sub, ok := alignSpan(s.tla[best.TLA.Start:best.TLA.End], source.Span{Start: sp.Start - best.TLA.Start, End: sp.End - best.TLA.Start}, s.pcal[best.PlusCal.Start:best.PlusCal.End]); ok {
			return source.Span{Start: best.PlusCal.Start + sub.Start, End: best.PlusCal.Start + sub.End}, true
		}
	}
	return best.PlusCal, found
}

// Action returns the mapping of the action defined for label.
func (s *SourceMap) Action(label string) (Mapping, bool) {
	if s == nil {
		return Mapping{}, false
	}
	for _, m := range s.Mappings {
		if m.Kind == MapAction && m.Name == label {
			return m, true
		}
	}
	return Mapping{}, false
}

var optionsRE = regexp.MustCompile(`PlusCal\s+options\s*\(([^)]*)\)`)

// readOptions reads a `PlusCal options (...)' line of the module, as the
// reference translator does: wf, sf, wfNext, nof, termination and label
// are understood (with or without a leading '-').
func (t *translator) readOptions() {
	m := optionsRE.FindSubmatch(t.src)
	if m == nil {
		return
	}
	for _, o := range strings.FieldsFunc(string(m[1]), func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '*' }) {
		switch strings.TrimPrefix(o, "-") {
		case "wf":
			t.fairOpt = "wf"
		case "sf":
			t.fairOpt = "sf"
		case "wfNext":
			t.fairOpt = "wfNext"
		case "nof":
			t.fairOpt = "nof"
		case "termination":
			if t.fairOpt == "" {
				t.fairOpt = "wf"
			}
		case "label":
			t.opts.Label = true
		}
	}
}

type scope struct {
	kind, name string
	body       []*stmt
}

// uniqueLabels reports labels used twice in one process or procedure, and
// renames labels as the reference translator's symbol table does: in
// table order (procedures, then processes, each body in order), a label
// another symbol also names (a label of another scope, a variable, a
// procedure or process, pc, stack) gets "_", then the characters of its
// process's or procedure's name, then 1s, until no other symbol has the
// name; a comment in the translation says so.
func (t *translator) uniqueLabels() {
	alg := t.alg
	var scopes []scope
	for _, p := range alg.procs {
		scopes = append(scopes, scope{"procedure", p.name, p.body})
	}
	for _, p := range alg.process {
		scopes = append(scopes, scope{"process", p.name, p.body})
	}
	if len(alg.process) == 0 {
		scopes = append(scopes, scope{"", "", alg.body})
	}
	count := t.symbolCounts()
	for _, sc := range scopes {
		seen := map[string]source.Span{}
		var labels []*stmt
		collectLabels(sc.body, func(s *stmt) {
			if strings.HasPrefix(s.label, "\x00") {
				return
			}
			if prev, dup := seen[s.label]; dup {
				l, c := t.file.LineCol(prev.Start)
				t.errorf(s.labelSpan, "Label %s is already used at line %d, column %d", s.label, l, c)
				return
			}
			seen[s.label] = s.labelSpan
			labels = append(labels, s)
		})
		for _, at := range labels {
			n := at.label
			count[n]--
			nn := disambiguate(n, sc.name, '1', func(x string) bool { return count[x] > 0 })
			count[nn]++
			if nn == n {
				continue
			}
			walkStmts(sc.body, func(s *stmt) {
				if (s.kind == sGoto || s.kind == sCallGoto) && s.target == n {
					s.target = nn
				}
			})
			at.label = nn
			l, c := t.file.LineCol(at.kwPos)
			of := ""
			if sc.name != "" {
				of = " of " + sc.kind + " " + sc.name
			}
			t.renames = append(t.renames, fmt.Sprintf("\\* Label %s%s at line %d col %d changed to %s", n, of, l, c, nn))
		}
	}
}

// symbolCounts counts the names of the reference translator's symbol
// table: pc, stack (with procedures), the variables, procedures,
// processes, their variables and parameters, and the labels.
func (t *translator) symbolCounts() map[string]int {
	alg := t.alg
	count := map[string]int{"pc": 1}
	if len(alg.procs) > 0 {
		count["stack"]++
	}
	for _, d := range alg.decls {
		count[d.name]++
	}
	label := func(s *stmt) {
		if s.label != "" && !strings.HasPrefix(s.label, "\x00") {
			count[s.label]++
		}
	}
	for _, p := range alg.procs {
		count[p.name]++
		collectLabels(p.body, label)
		for _, d := range p.params {
			count[d.name]++
		}
		for _, d := range p.decls {
			count[d.name]++
		}
	}
	for _, p := range alg.process {
		count[p.name]++
		collectLabels(p.body, label)
		for _, d := range p.decls {
			count[d.name]++
		}
	}
	if len(alg.process) == 0 {
		collectLabels(alg.body, label)
	}
	return count
}

// disambiguate extends name as the reference translator does while taken
// says another symbol has it: "_", then context's characters, then digit
// (the symbol kind's) repeatedly.
func disambiguate(name, context string, digit byte, taken func(string) bool) string {
	nn := name
	for k := 1; taken(nn); k++ {
		switch {
		case k == 1:
			nn += "_"
		case k > len(context)+1:
			nn += string(digit)
		default:
			nn += context[k-2 : k-1]
		}
	}
	return nn
}

// uniqueProcessNames renames a process whose name another symbol also has
// (disambiguate, after the labels, with the kind digit 3), with a comment
// after the label renames. It returns the new names by process, and a
// function that applies them once the variable renames (whose comments name
// the process as written) are done.
func (t *translator) uniqueProcessNames() (map[*process]string, func()) {
	count := t.symbolCounts()
	renamed := map[*process]string{}
	for _, p := range t.alg.process {
		count[p.name]--
		nn := disambiguate(p.name, "", '3', func(x string) bool { return count[x] > 0 })
		count[nn]++
		if nn == p.name {
			continue
		}
		kw := p.span.Start
		if i := strings.Index(string(t.file.Text[kw:min(p.span.End, len(t.file.Text))]), "process"); i >= 0 {
			kw += i
		}
		l, c := t.file.LineCol(kw)
		t.renames = append(t.renames, fmt.Sprintf("\\* Process %s at line %d col %d changed to %s", p.name, l, c, nn))
		renamed[p] = nn
	}
	return renamed, func() {
		for p, nn := range renamed {
			p.name = nn
		}
	}
}

// uniqueVars renames the process variables, then the procedure variables,
// then the parameters (the reference translator's symbol kinds 4, 5, 6), each
// in declaration order, while another symbol of the algorithm has the name:
// globals, labels, procedures, processes (as renamed) and the other
// variables, renamed or not yet. The suffix is disambiguate's with the
// process's or procedure's name and the kind digit; each rename gets a
// comment in the translation.
func (t *translator) uniqueVars(procNames map[*process]string) {
	alg := t.alg
	type vscope struct {
		kind, name string
		body       []*stmt
		inits      []*varDecl
	}
	type entry struct {
		d     *varDecl
		what  string
		digit byte
		sc    *vscope
	}
	var procVars, procedureVars, params []entry
	for _, p := range alg.procs {
		sc := &vscope{"procedure", p.name, p.body, append(append([]*varDecl(nil), p.params...), p.decls...)}
		for _, d := range p.decls {
			procedureVars = append(procedureVars, entry{d, "Procedure variable", '5', sc})
		}
		for _, d := range p.params {
			params = append(params, entry{d, "Parameter", '6', sc})
		}
		t.declaredOnce(sc.kind, sc.name, sc.inits)
	}
	for _, p := range alg.process {
		sc := &vscope{"process", p.name, p.body, p.decls}
		for _, d := range p.decls {
			procVars = append(procVars, entry{d, "Process variable", '4', sc})
		}
		t.declaredOnce(sc.kind, sc.name, sc.inits)
	}
	count := t.symbolCounts()
	for p, nn := range procNames {
		count[p.name]--
		count[nn]++
	}
	for _, e := range append(append(procVars, procedureVars...), params...) {
		n := e.d.name
		count[n]--
		nn := disambiguate(n, e.sc.name, e.digit, func(x string) bool { return count[x] > 0 })
		count[nn]++
		if nn == n {
			continue
		}
		e.d.name = nn
		l, c := t.file.LineCol(e.d.nameSpn.Start)
		t.renames = append(t.renames, fmt.Sprintf("\\* %s %s of %s %s at line %d col %d changed to %s", e.what, n, e.sc.kind, e.sc.name, l, c, nn))
		renameExprs(e.sc.body, n, nn)
		for _, d := range e.sc.inits {
			for k := range d.init.toks {
				if d.init.toks[k].kind == tIdent && !d.init.toks[k].noSubst && d.init.toks[k].s == n {
					d.init.toks[k].s = nn
				}
			}
		}
	}
}

// declaredOnce reports a variable declared twice in one process or
// procedure (its parameters and variables).
func (t *translator) declaredOnce(kind, name string, decls []*varDecl) {
	seen := map[string]bool{}
	for _, d := range decls {
		if seen[d.name] {
			t.errorf(d.nameSpn, "variable %s is declared twice in %s %s", d.name, kind, name)
		}
		seen[d.name] = true
	}
}
