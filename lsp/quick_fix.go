package lsp

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/analysis/pluscal"
	"github.com/tlals/tlals/analysis/stdlib"
	"github.com/tlals/tlals/lsp/cache"
	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// Quick fixes for the diagnostics that have one obvious repair:
//
//   - an unknown operator that a standard module defines: add that module
//     to EXTENDS (Len → Sequences, Cardinality → FiniteSets, .. → Naturals);
//   - a misspelt name: "did you mean" each visible name within a small
//     edit distance;
//   - an operator used before its definition is complete: declare it
//     RECURSIVE before the definition that uses it;
//   - a standard module extended to no use: remove it from EXTENDS (the
//     clause with it when it is the only one);
//   - in a .cfg, a constant the model gives no value: assign it a model
//     value of its own name (`CONSTANT N = N`), TLC's placeholder;
//   - PlusCal statements that need a label: add every missing label where
//     the translator's -label option would, with its names (Lbl_1, ...).
//
// (The stale PlusCal translation's fix is translate.go's.) Each action edits
// the document only; applied, it removes the diagnostic it fixes.

// unknownRE takes the name out of an "undefined" diagnostic's message.
var unknownRE = regexp.MustCompile("^unknown operator `([^`!]+)`")

func (s *Server) quickFixes(ctx context.Context, v *view, p *protocol.CodeActionParams) ([]*protocol.CodeAction, error) {
	if isCfg(v.Snap.Path) {
		return s.cfgFixes(v, p), nil
	}
	if v.Prog == nil || v.Prog.Root == nil || v.Prog.Root.AST == nil {
		return nil, nil
	}
	f := v.Snap.File
	var out []*protocol.CodeAction
	var unlabeled []protocol.Diagnostic
	for _, d := range p.Context.Diagnostics {
		code, _ := d.Code.(protocol.String)
		msg, _ := d.Message.(protocol.String)
		start, err1 := f.Offset(fromPosition(d.Range.Start), s.encoding())
		end, err2 := f.Offset(fromPosition(d.Range.End), s.encoding())
		if err1 != nil || err2 != nil || start > end {
			continue
		}
		sp := source.Span{Start: start, End: end}
		switch code {
		case "undefined":
			m := unknownRE.FindStringSubmatch(string(msg))
			if m == nil {
				continue
			}
			name := m[1]
			if a := s.extendsFix(v, d, name); a != nil {
				out = append(out, a)
			}
			if string(f.Text[sp.Start:sp.End]) == name {
				out = append(out, s.didYouMean(v, d, sp, name)...)
			}
		case "recursion":
			if a := s.recursiveFix(v, d, sp); a != nil {
				out = append(out, a)
			}
		case cache.UnusedExtendsCode:
			if a := s.removeExtendsFix(v, d, sp); a != nil {
				out = append(out, a)
			}
		case "pluscal":
			if strings.HasPrefix(string(msg), pluscal.MissingLabel) {
				unlabeled = append(unlabeled, d)
			}
		}
	}
	if len(unlabeled) > 0 {
		if a := s.labelsFix(ctx, v, unlabeled); a != nil {
			out = append(out, a)
		}
	}
	return out, nil
}

// fixAction is a quick fix of d made of edits of the view's document.
func (s *Server) fixAction(v *view, title string, d protocol.Diagnostic, preferred bool, edits ...protocol.TextEdit) *protocol.CodeAction {
	kind := protocol.CodeActionKindQuickFix
	a := &protocol.CodeAction{
		Title: title, Kind: &kind, Diagnostics: []protocol.Diagnostic{d},
		Edit: &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{v.Snap.URI: edits}},
	}
	if preferred {
		a.IsPreferred = &preferred
	}
	return a
}

// insertAt is an edit inserting text at byte offset off.
func (s *Server) insertAt(v *view, off int, text string) protocol.TextEdit {
	return protocol.TextEdit{Range: toRange(v.Snap.File, source.Span{Start: off, End: off}, s.encoding()), NewText: text}
}

// ------------------------------------------------------------- EXTENDS

// stdPreference orders the standard modules when several define a name:
// the smallest that does (`+` from Naturals, not Integers or Reals).
var stdPreference = []string{"Naturals", "Integers", "Reals", "Sequences", "FiniteSets", "Bags", "TLC", "TLCExt"}

var (
	stdDefsOnce sync.Once
	stdDefs     map[string]string // operator name -> standard module
)

// standardModuleOf is the standard module that defines name, or "".
func standardModuleOf(name string) string {
	stdDefsOnce.Do(func() {
		stdDefs = map[string]string{}
		names := append([]string(nil), stdPreference...)
		for _, n := range stdlib.Names() {
			if !strings.HasPrefix(n, "_") && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		for _, mod := range names {
			src, ok := stdlib.Source(mod)
			if !ok {
				continue
			}
			res := parser.Parse(context.Background(), mod+".tla", src)
			for _, u := range res.Module.Units {
				var id *ast.Ident
				switch u := u.(type) {
				case *ast.OpDef:
					if !u.Local {
						id = u.Name
					}
				case *ast.FuncDef:
					if !u.Local {
						id = u.Name
					}
				}
				if id != nil && stdDefs[id.Name] == "" {
					stdDefs[id.Name] = mod
				}
			}
		}
	})
	return stdDefs[name]
}

// extendsFix adds the standard module defining name to the root module's
// EXTENDS (creating the clause after the header when there is none).
func (s *Server) extendsFix(v *view, d protocol.Diagnostic, name string) *protocol.CodeAction {
	mod := standardModuleOf(name)
	m := v.Prog.Root.AST
	if mod == "" || m.Name == nil {
		return nil
	}
	for _, e := range m.Extends {
		if e.Name == mod {
			return nil // extended already: the name is missing for another reason
		}
	}
	var edit protocol.TextEdit
	if n := len(m.Extends); n > 0 {
		edit = s.insertAt(v, m.Extends[n-1].End, ", "+mod)
	} else {
		f := v.Snap.File
		line := f.Line(m.Name.Start) + 1
		off := len(f.Text)
		if line < f.LineCount() {
			off = f.LineStart(line)
		}
		text := "EXTENDS " + mod + "\n"
		if off == len(f.Text) && (off == 0 || f.Text[off-1] != '\n') {
			text = "\n" + text
		}
		edit = s.insertAt(v, off, text)
	}
	return s.fixAction(v, fmt.Sprintf("Add %s to EXTENDS", mod), d, true, edit)
}

// ------------------------------------------------------------- did you mean

// didYouMean offers the visible names closest to a misspelt one: at most
// three, within an edit distance that grows with the name's length.
func (s *Server) didYouMean(v *view, d protocol.Diagnostic, sp source.Span, name string) []*protocol.CodeAction {
	if !isIdentifier(name) {
		return nil
	}
	limit := 1
	switch {
	case len(name) > 8:
		limit = 3
	case len(name) > 4:
		limit = 2
	}
	type cand struct {
		name string
		dist int
	}
	var cands []cand
	seen := map[string]bool{}
	for _, vis := range v.Prog.NamesAt(sp.Start) {
		if seen[vis.Name] || vis.Name == name || !isIdentifier(vis.Name) {
			continue
		}
		seen[vis.Name] = true
		if dist := editDistance(strings.ToLower(name), strings.ToLower(vis.Name)); dist <= limit {
			cands = append(cands, cand{vis.Name, dist})
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].dist != cands[j].dist {
			return cands[i].dist < cands[j].dist
		}
		return cands[i].name < cands[j].name
	})
	var out []*protocol.CodeAction
	for i, c := range cands {
		if i == 3 {
			break
		}
		edit := protocol.TextEdit{Range: toRange(v.Snap.File, sp, s.encoding()), NewText: c.name}
		out = append(out, s.fixAction(v, fmt.Sprintf("Change to %s", c.name), d, false, edit))
	}
	return out
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	letter := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case r == '_' || unicode.IsDigit(r):
		default:
			return false
		}
	}
	return letter
}

// editDistance is the Levenshtein distance between a and b, a transposition
// of neighbours counting one (Damerau's restricted form): `Apend`, `Nxt`,
// `Initt` and `Nexxt` are all one away.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev2 := make([]int, len(y)+1)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}

// ------------------------------------------------------------- RECURSIVE

// recursiveFix declares RECURSIVE the operator used at sp before its
// definition is complete: the declaration goes before the definition that
// holds the use, in the list of definitions (module or LET) where the
// operator is defined, so it precedes both the use and the definition.
func (s *Server) recursiveFix(v *view, d protocol.Diagnostic, sp source.Span) *protocol.CodeAction {
	f := v.Snap.File
	name := string(f.Text[sp.Start:sp.End])
	var def *ast.OpDef
	var list []ast.Unit
	var visit func(units []ast.Unit)
	visit = func(units []ast.Unit) {
		for _, u := range units {
			if od, ok := u.(*ast.OpDef); ok && od.Name != nil && od.Name.Name == name && def == nil {
				def, list = od, units
			}
			if u.Pos().Start <= sp.Start && sp.Start < u.Pos().End {
				ast.Inspect(u, func(n ast.Node) bool {
					if l, ok := n.(*ast.Let); ok && l.Start <= sp.Start && sp.Start < l.End {
						visit(l.Defs)
					}
					return true
				})
			}
		}
	}
	visit(v.Prog.Root.AST.Units)
	if def == nil {
		return nil
	}
	var holder ast.Unit
	for _, u := range list {
		if u.Pos().Start <= sp.Start && sp.Start < u.Pos().End {
			holder = u
		}
	}
	if holder == nil {
		return nil
	}
	at := holder.Pos().Start
	if od, ok := holder.(*ast.OpDef); ok && od.Local {
		// `LOCAL F(n) == ...`: the span may start at the name.
		for ls := at; ls > 0 && f.Text[ls-1] != '\n'; ls-- {
			if strings.HasPrefix(string(f.Text[ls-1:at]), "LOCAL") {
				at = ls - 1
				break
			}
		}
	}
	lineStart := f.LineStart(f.Line(at))
	indent := strings.Repeat(" ", len([]rune(string(f.Text[lineStart:at]))))
	decl := "RECURSIVE " + signature(def) + "\n" + indent
	return s.fixAction(v, "Declare "+signature(def)+" RECURSIVE", d, true, s.insertAt(v, at, decl))
}

// signature is how a RECURSIVE declaration names def: `F`, `F(_, _)`,
// `_ + _`, `-. _`, `_ ^+` (a declaration gives the arity only).
func signature(def *ast.OpDef) string {
	return declSignature(&ast.OpDecl{Name: def.Name, Fixity: def.Fixity, Arity: len(def.Params)})
}

// ------------------------------------------------------------- .cfg

// unassignedRE takes the constant out of a cfg/unassigned message.
var unassignedRE = regexp.MustCompile(`^the constant (\S+) is not assigned`)

// cfgFixes assigns each unassigned constant a model value, in a CONSTANT
// section of its own at the start of the line the diagnostic is on.
func (s *Server) cfgFixes(v *view, p *protocol.CodeActionParams) []*protocol.CodeAction {
	f := v.Snap.File
	var out []*protocol.CodeAction
	for _, d := range p.Context.Diagnostics {
		code, _ := d.Code.(protocol.String)
		msg, _ := d.Message.(protocol.String)
		m := unassignedRE.FindStringSubmatch(string(msg))
		if code != codeCfgUnassigned || m == nil {
			continue
		}
		off, err := f.Offset(source.Position{Line: int(d.Range.Start.Line)}, s.encoding())
		if err != nil {
			continue
		}
		text := "CONSTANT " + m[1] + " = " + m[1] + "\n"
		out = append(out, s.fixAction(v, fmt.Sprintf("Assign %s a model value", m[1]), d, true, s.insertAt(v, off, text)))
	}
	return out
}

// ------------------------------------------------------------- unused EXTENDS

// removeExtendsFix removes the module named at sp from EXTENDS: with the
// comma before it (after it, when it is first), or the whole clause, and
// its line when nothing else is on it, when it is the only one.
func (s *Server) removeExtendsFix(v *view, d protocol.Diagnostic, sp source.Span) *protocol.CodeAction {
	f := v.Snap.File
	ext := v.Prog.Root.AST.Extends
	i := 0
	for i < len(ext) && ext[i].Span != sp {
		i++
	}
	if i == len(ext) {
		return nil
	}
	del := source.Span{Start: sp.Start, End: sp.End}
	switch {
	case i > 0:
		del.Start = ext[i-1].End
	case len(ext) > 1:
		del.End = ext[1].Start
	default:
		kw := strings.LastIndex(string(f.Text[:sp.Start]), "EXTENDS")
		if kw < 0 {
			return nil
		}
		del.Start = kw
		lineStart := f.LineStart(f.Line(kw))
		lineEnd := sp.End
		for lineEnd < len(f.Text) && f.Text[lineEnd] != '\n' {
			lineEnd++
		}
		if strings.TrimSpace(string(f.Text[lineStart:kw])) == "" && strings.TrimSpace(string(f.Text[sp.End:lineEnd])) == "" {
			del = source.Span{Start: lineStart, End: min(lineEnd+1, len(f.Text))}
		}
	}
	edit := protocol.TextEdit{Range: toRange(f, del, s.encoding())}
	return s.fixAction(v, "Remove "+ext[i].Name+" from EXTENDS", d, true, edit)
}

// ------------------------------------------------------------- PlusCal labels

// labelsFix adds every label the algorithm misses, as `Name: ` before the
// statement the translator's -label option labels, one fix for all the
// diagnostics ds. It is offered only when the labeled text translates
// without -label to the translation -label gives of the text as it is: a
// label the option would put inside a macro's expansion cannot be written
// in the source.
func (s *Server) labelsFix(ctx context.Context, v *view, ds []protocol.Diagnostic) *protocol.CodeAction {
	src := v.Snap.File.Text
	tr, errs := pluscal.TranslateModule(parser.Parse(ctx, v.Snap.Path, src), pluscal.Options{Label: true})
	if len(errs) > 0 || len(tr.AddedLabels) == 0 {
		return nil
	}
	labels := slices.Clone(tr.AddedLabels)
	slices.SortFunc(labels, func(a, b pluscal.AddedLabel) int { return a.At - b.At })
	var fixed []byte
	var edits []protocol.TextEdit
	prev := 0
	for i, l := range labels {
		if i > 0 && l.At == labels[i-1].At {
			return nil // two labels on one macro call
		}
		fixed = append(append(fixed, src[prev:l.At]...), l.Name+": "...)
		prev = l.At
		edits = append(edits, s.insertAt(v, l.At, l.Name+": "))
	}
	fixed = append(fixed, src[prev:]...)
	after, errs := pluscal.TranslateModule(parser.Parse(ctx, v.Snap.Path, fixed), pluscal.Options{})
	if len(errs) > 0 || pluscal.StripSpace(after.Text) != pluscal.StripSpace(tr.Text) {
		return nil
	}
	var names []string
	for _, l := range tr.AddedLabels {
		names = append(names, l.Name)
	}
	title := "Add missing labels: " + strings.Join(names, ", ")
	a := s.fixAction(v, title, ds[0], true, edits...)
	a.Diagnostics = ds
	return a
}
