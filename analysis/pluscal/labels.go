package pluscal

import (
	"fmt"

	"github.com/tlals/tlals/parser/source"
)

// Label rules, as the reference translator enforces them (ParseAlgorithm's
// AddLabelsToStmtSeq): a label is needed on
//   - the first statement of a process, procedure or uniprocess body;
//   - every `while';
//   - a statement following a `call', `return' or `goto';
//   - a statement following an `if' or `either' that contains a label, a
//     `call', a `return' or a `goto';
//   - a statement that assigns a variable already assigned in the step
//     (an outermost `with' whose body does).
// Labels may not appear inside a `with' or a macro. With the -label option
// (or for a uniprocess algorithm with no label at all) missing labels are
// added as Lbl_1, Lbl_2, ...; otherwise each is an error.

// MissingLabel begins the message of the error on a statement that needs a
// label (the editor's quick fix adds them).
const MissingLabel = "Missing label"

type labeler struct {
	t        *translator
	add      bool
	next     int
	all      map[string]bool
	proc     *procedure // the procedure being labeled, nil otherwise
	allProcs []*procedure
	what     string // "process P", "procedure P", "the algorithm"
	added    []addedLabel
}

type addedLabel struct {
	name string
	at   source.Span
}

func (l *labeler) needs(s *stmt, why string) {
	if s.label != "" {
		return
	}
	if !l.add {
		l.t.errorf(s.at, MissingLabel+": %s", why)
		s.label = "\x00missing" // keep going without cascading errors
		return
	}
	var name string
	for {
		l.next++
		name = fmt.Sprintf("Lbl_%d", l.next)
		if !l.all[name] {
			break
		}
	}
	l.all[name] = true
	s.label = name
	s.labelSpan = source.Span{Start: s.span.Start, End: s.span.Start}
	l.added = append(l.added, addedLabel{name, s.span})
}

// inner is InnerAddLabels. It returns true when the statement after seq
// needs a label, and sets *out to the variables assigned in the current
// step after seq.
func (l *labeler) inner(seq []*stmt, firstLabeled, inWith bool, in []string, out *[]string, why string) (bool, string) {
	*out = append((*out)[:0], in...)
	nextNeeds := firstLabeled
	nextWhy := why
	had := false
	for _, s := range seq {
		if s.label != "" {
			had = true
			*out = (*out)[:0]
			if inWith {
				l.t.errorf(s.labelSpan, "Label in `with' statement")
			}
		}
		if nextNeeds {
			if inWith {
				l.t.errorf(s.at, "Statement follows `call' or `return' inside a `with' statement.")
			} else {
				l.needs(s, nextWhy)
			}
			nextNeeds = false
			had = true
			*out = (*out)[:0]
		}
		switch s.kind {
		case sIf, sEither:
			var branches [][]*stmt
			if s.kind == sIf {
				branches = [][]*stmt{s.then, s.els}
			} else {
				branches = s.ors
			}
			var union []string
			for _, br := range branches {
				var o []string
				n, _ := l.inner(br, false, inWith, *out, &o, "")
				if n {
					nextNeeds = true
				}
				union = unionStr(union, o)
			}
			*out = append((*out)[:0], union...)
			if nextNeeds {
				kw := "if"
				if s.kind == sEither {
					kw = "either"
				}
				nextWhy = fmt.Sprintf("a statement following an `%s' that contains a label, `call', `return' or `goto' must be labeled", kw)
			}
		case sWhile:
			if inWith {
				l.t.errorf(s.at, "`while' inside a `with' statement")
			} else {
				l.needs(s, "a `while' statement must be labeled")
			}
			had = true
			*out = (*out)[:0]
			var o []string
			l.inner(s.body, false, false, *out, &o, "")
			nextNeeds = false
		case sWith:
			var newIn []string
			if inWith {
				newIn = append(newIn, in...)
			}
			var o []string
			n, w := l.inner(s.body, false, true, newIn, &o, "")
			nextNeeds = n
			if n {
				nextWhy = w
			}
			prev := append([]string(nil), *out...)
			*out = append((*out)[:0], o...)
			if !inWith {
				if v := intersect(prev, o); v != "" {
					l.needs(s, fmt.Sprintf("the `with' statement assigns %s, already assigned in this step, so it must be labeled", v))
					had = true
					*out = (*out)[:0]
				} else {
					*out = unionStr(prev, o)
				}
			}
		case sAssign:
			var vs []string
			for _, a := range s.assigns {
				vs = unionStr(vs, []string{a.vr})
			}
			if v := intersect(*out, vs); v == "" {
				*out = unionStr(*out, vs)
			} else {
				if inWith {
					l.t.errorf(s.at, "Second assignment to same variable inside a `with' statement")
				} else {
					l.needs(s, fmt.Sprintf("%s is already assigned in this step, so this statement must be labeled", v))
				}
				had = true
				*out = append((*out)[:0], vs...)
			}
			nextNeeds = false
		default:
			nextNeeds = false
			var vs []string
			callOrRet, setsPrcd := false, false
			switch s.kind {
			case sCall:
				callOrRet = true
				if l.proc != nil && s.proc == l.proc.name {
					setsPrcd = true
				}
				nextWhy = "a statement following a `call' must be labeled"
			case sReturn, sCallReturn:
				callOrRet, setsPrcd = true, true
				nextWhy = "a statement following a `return' must be labeled"
			case sGoto, sCallGoto:
				nextNeeds = true
				nextWhy = "a statement following a `goto' must be labeled"
				if s.kind == sCallGoto {
					callOrRet = true
				}
			}
			if callOrRet {
				nextNeeds = true
				vs = append(vs, "stack")
				if setsPrcd {
					for _, p := range l.allProcs {
						for _, d := range p.params {
							vs = append(vs, d.name)
						}
						for _, d := range p.decls {
							vs = append(vs, d.name)
						}
					}
				}
			}
			if v := intersect(*out, vs); v == "" {
				*out = unionStr(*out, vs)
			} else {
				if inWith {
					l.t.errorf(s.at, "Call or return makes second assignment to a variable inside a `with' statement")
				} else {
					l.needs(s, fmt.Sprintf("the `call' or `return' assigns %s, already assigned in this step, so it must be labeled", v))
				}
				had = true
				*out = append((*out)[:0], vs...)
			}
		}
	}
	return had || nextNeeds, nextWhy
}

func unionStr(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, x := range b {
		found := false
		for _, y := range out {
			if x == y {
				found = true
				break
			}
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}

// intersect returns an element of both, or "".
func intersect(a, b []string) string {
	for _, x := range b {
		for _, y := range a {
			if x == y {
				return x
			}
		}
	}
	return ""
}

// fuseCalls turns `call P(); return` into a CallReturn and `call P(); goto
// L` into a CallGoto, as the reference parser does.
func fuseCalls(seq []*stmt) []*stmt {
	var out []*stmt
	for i := 0; i < len(seq); i++ {
		s := seq[i]
		switch s.kind {
		case sIf:
			s.then, s.els = fuseCalls(s.then), fuseCalls(s.els)
		case sEither:
			for j := range s.ors {
				s.ors[j] = fuseCalls(s.ors[j])
			}
		case sWhile, sWith:
			s.body = fuseCalls(s.body)
		case sCall:
			if i+1 < len(seq) && seq[i+1].label == "" {
				n := seq[i+1]
				if n.kind == sReturn {
					s.kind = sCallReturn
					s.span.End = max(s.span.End, n.span.End)
					i++
				} else if n.kind == sGoto {
					s.kind = sCallGoto
					s.target = n.target
					s.span.End = max(s.span.End, n.span.End)
					i++
				}
			}
		}
		out = append(out, s)
	}
	return out
}

// collectLabels calls f on every labeled statement of seq, nested ones too.
func collectLabels(seq []*stmt, f func(*stmt)) {
	for _, s := range seq {
		if s.label != "" {
			f(s)
		}
		collectLabels(s.then, f)
		collectLabels(s.els, f)
		for _, o := range s.ors {
			collectLabels(o, f)
		}
		collectLabels(s.body, f)
	}
}

// sourceWalk calls f on every statement of seq in source order, nested
// ones and the grouped labeled tails (lab* fields) included.
func sourceWalk(seq []*stmt, f func(*stmt)) {
	for _, s := range seq {
		f(s)
		sourceWalk(s.then, f)
		sourceWalkL(s.labThen, f)
		sourceWalk(s.els, f)
		sourceWalkL(s.labElse, f)
		for i, o := range s.ors {
			sourceWalk(o, f)
			if i < len(s.labOrs) {
				sourceWalkL(s.labOrs[i], f)
			}
		}
		sourceWalk(s.body, f)
		sourceWalkL(s.labDo, f)
	}
}

func sourceWalkL(ls []*lstmt, f func(*stmt)) {
	for _, l := range ls {
		sourceWalk(l.stmts, f)
	}
}

// walkStmts calls f on every statement of seq, nested ones too.
func walkStmts(seq []*stmt, f func(*stmt)) {
	for _, s := range seq {
		f(s)
		walkStmts(s.then, f)
		walkStmts(s.els, f)
		for _, o := range s.ors {
			walkStmts(o, f)
		}
		walkStmts(s.body, f)
		// After grouping, the labeled tails of if, either and while
		// bodies live only in the lab* fields.
		walkLabeled(s.labThen, f)
		walkLabeled(s.labElse, f)
		for _, o := range s.labOrs {
			walkLabeled(o, f)
		}
		walkLabeled(s.labDo, f)
	}
}

func walkLabeled(ls []*lstmt, f func(*stmt)) {
	for _, l := range ls {
		walkStmts(l.stmts, f)
	}
}

// group is MakeLabeledStmtSeq: seq's first statement is labeled; every
// labeled statement starts a step.
func group(seq []*stmt) []*lstmt {
	var out []*lstmt
	i := 0
	for i < len(seq) {
		s := seq[i]
		l := &lstmt{label: s.label, mod: s.labelMod}
		start := s.span.Start
		if s.labelSpan.End > 0 && s.labelSpan.Start < start {
			start = s.labelSpan.Start
		}
		l.stmts = append(l.stmts, s)
		i++
		for i < len(seq) && seq[i].label == "" {
			l.stmts = append(l.stmts, seq[i])
			i++
		}
		fixSeq(l.stmts)
		l.span = source.Span{Start: start, End: l.stmts[len(l.stmts)-1].span.End}
		out = append(out, l)
	}
	return out
}

// split returns the unlabeled prefix of seq and the labeled steps after it.
func split(seq []*stmt) ([]*stmt, []*lstmt) {
	for i, s := range seq {
		if s.label != "" {
			pre := seq[:i]
			fixSeq(pre)
			return pre, group(seq[i:])
		}
	}
	fixSeq(seq)
	return seq, nil
}

// fixSeq is FixStmtSeq: it moves labeled statements nested in if, either
// and while statements into their lab* fields.
func fixSeq(seq []*stmt) {
	for _, s := range seq {
		switch s.kind {
		case sIf:
			// A LabelIf (pcal's ClassifyIf) holds a labeled statement
			// anywhere in it, also inside a nested if or either.
			s.then, s.labThen = split(s.then)
			s.els, s.labElse = split(s.els)
			s.broken = len(s.labThen) > 0 || len(s.labElse) > 0 || holdsLabel(s.then) || holdsLabel(s.els)
		case sEither:
			s.labOrs = make([][]*lstmt, len(s.ors))
			for j := range s.ors {
				s.ors[j], s.labOrs[j] = split(s.ors[j])
				if len(s.labOrs[j]) > 0 || holdsLabel(s.ors[j]) {
					s.broken = true
				}
			}
		case sWhile:
			s.body, s.labDo = split(s.body)
		case sWith:
			fixSeq(s.body)
		}
	}
}

// holdsLabel reports whether an unlabeled statement sequence, already
// fixed, holds an if or either with a labeled statement nested in it
// (pcal's ClassifyStmtSeq returning 2).
func holdsLabel(seq []*stmt) bool {
	for _, s := range seq {
		if (s.kind == sIf || s.kind == sEither) && s.broken {
			return true
		}
	}
	return false
}

// renameExprs renames identifier old to nw in every expression of seq.
func renameExprs(seq []*stmt, old, nw string) {
	r := func(e *expr) {
		for i := range e.toks {
			if e.toks[i].kind == tIdent && !e.toks[i].noSubst && e.toks[i].s == old {
				e.toks[i].s = nw
			}
		}
	}
	walkStmts(seq, func(s *stmt) {
		for _, a := range s.assigns {
			if a.vr == old {
				a.vr = nw
			}
			r(&a.sub)
			r(&a.rhs)
		}
		r(&s.cond)
		r(&s.withE)
		for i := range s.args {
			r(&s.args[i])
		}
	})
}
