package analysis

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// The names visible at a position, for completion. The resolver's scopes
// live only while it runs, so NamesAt rebuilds the scope at one offset from
// what it left behind: the AST, Info.Defs (declaring identifier -> entity)
// and the modules' exports, following the resolver's rules (SANY's order:
// module-level names after their unit, bound names in the bodies of their
// binders, PlusCal names as the translation scopes them).

// Origin says where a visible name comes from; completion ranks by it.
type Origin int

const (
	// Local names: bound variables, parameters, LET definitions, PlusCal
	// variables, self and labels.
	Local Origin = iota
	// ModuleLevel names are declared or defined in the module itself.
	ModuleLevel
	// Imported names come from EXTENDS or an unnamed INSTANCE.
	Imported
)

// Visible is one name visible at a position.
type Visible struct {
	Name   string
	Kind   EntityKind
	Origin Origin
	// Entity is nil for the names the PlusCal translation introduces (pc,
	// stack, self, ProcSet) and for bound names found only in the text.
	Entity *Entity
}

// NamesAt returns the names visible at byte offset off of the program's
// root file, sorted by origin then name; an inner name hides an outer one
// of the same spelling. Where the parser dropped the definition under the
// cursor (text being typed), the names its text binds before off are
// recovered from the text (see textBound).
func (p *Program) NamesAt(off int) []Visible {
	c := p.collectAt(off, "")
	if c == nil {
		return nil
	}
	slices.SortStableFunc(c.out, func(a, b Visible) int {
		if a.Origin != b.Origin {
			return cmp.Compare(a.Origin, b.Origin)
		}
		return strings.Compare(a.Name, b.Name)
	})
	return c.out
}

// LookupAt returns what name denotes at byte offset off (as NamesAt would
// list it), without listing the other names.
func (p *Program) LookupAt(off int, name string) (Visible, bool) {
	if c := p.collectAt(off, name); c != nil && len(c.out) > 0 {
		return c.out[0], true
	}
	return Visible{}, false
}

// collectAt gathers the names visible at off; only, when not "", keeps
// that name alone.
func (p *Program) collectAt(off int, only string) *collector {
	m, path := p.ModuleAt(off)
	if m == nil || m.Info == nil {
		return nil
	}
	c := &collector{only: only}
	if only == "" {
		n := len(m.AST.Units) + 64 // every unit defines a name or so, plus the imports
		c.seen, c.out = make(map[string]bool, n), make([]Visible, 0, n)
	} else {
		c.seen = map[string]bool{}
	}
	if alg := algorithmIn(path); alg != nil {
		c.pluscal(m, alg, path, off)
		c.module(p, m, algorithmCut(m.AST))
	} else if cm := brokenAlgorithmAt(m, off); cm != nil {
		c.pluscalText(m, cm, off)
		cut := cm.End
		if m.AST.Translation != nil {
			cut = m.AST.Translation.Start
		}
		c.module(p, m, cut)
	} else {
		c.exprScopes(m, path, off)
		if unitAt(m.AST, off) == nil {
			c.textBound(m, off)
		}
		c.module(p, m, off)
	}
	return c
}

// collector gathers names innermost first; the first of a spelling wins.
type collector struct {
	seen map[string]bool
	out  []Visible
	only string // when not "", the one name wanted
}

func (c *collector) add(name string, kind EntityKind, origin Origin, e *Entity) {
	if name == "" || c.seen[name] || c.only != "" && name != c.only {
		return
	}
	c.seen[name] = true
	c.out = append(c.out, Visible{Name: name, Kind: kind, Origin: origin, Entity: e})
}

// ident adds the entity an identifier declares.
func (c *collector) ident(m *Module, id *ast.Ident, origin Origin) {
	if id == nil {
		return
	}
	if e := m.Info.Defs[id]; e != nil {
		c.add(e.Name, e.Kind, origin, e)
	}
}

func (c *collector) bounds(m *Module, bs []*ast.Bound) {
	for _, b := range bs {
		if b != nil {
			for _, id := range b.Names {
				c.ident(m, id, Local)
			}
		}
	}
}

func (c *collector) params(m *Module, ps []*ast.Param) {
	for _, p := range ps {
		if p != nil {
			c.ident(m, p.Name, Local)
		}
	}
}

// boundsEnd is where the bound names of a binder start to be visible: after
// the last bound (its `:` or `|->` follows).
func boundsEnd(bs []*ast.Bound) int {
	end := -1
	for _, b := range bs {
		if b != nil && b.End > end {
			end = b.End
		}
	}
	return end
}

// exprScopes adds the names the enclosing binders bind at off, innermost
// first.
func (c *collector) exprScopes(m *Module, path []ast.Node, off int) {
	for i := len(path) - 1; i >= 0; i-- {
		switch n := path[i].(type) {
		case *ast.Module:
			return // names of an enclosing module come from c.module
		case *ast.Quant:
			if off > boundsEnd(n.Bounds) {
				c.bounds(m, n.Bounds)
			}
		case *ast.Choose:
			if n.Bound != nil && off > n.Bound.End {
				c.bounds(m, []*ast.Bound{n.Bound})
			}
		case *ast.SetFilter:
			if n.Bound != nil && off > n.Bound.End {
				c.bounds(m, []*ast.Bound{n.Bound})
			}
		case *ast.SetMap:
			// {e : x \in S}: the element, written first, sees the names.
			if n.Elem != nil && off <= n.Elem.Pos().End {
				c.bounds(m, n.Bounds)
			}
		case *ast.FuncLit:
			if off > boundsEnd(n.Bounds) {
				c.bounds(m, n.Bounds)
			}
		case *ast.Lambda:
			if len(n.Params) > 0 && n.Params[len(n.Params)-1] != nil && off > n.Params[len(n.Params)-1].End {
				for _, id := range n.Params {
					c.ident(m, id, Local)
				}
			}
		case *ast.OpDef:
			if len(n.Params) == 0 || n.Params[len(n.Params)-1] == nil || off > n.Params[len(n.Params)-1].End {
				c.params(m, n.Params)
			}
		case *ast.ModuleDef:
			c.params(m, n.Params)
		case *ast.FuncDef:
			if n.Body != nil && off >= n.Body.Pos().Start {
				c.bounds(m, n.Bounds)
				c.ident(m, n.Name, ModuleLevel)
			}
		case *ast.Let:
			c.units(m, n.Defs, off, Local)
		case *ast.AssumeProve:
			for _, a := range n.Assumes {
				if nd, ok := a.(*ast.NewDecl); ok && nd.End <= off {
					c.ident(m, nd.Name, Local)
				}
			}
		}
	}
}

// units adds the names defined by the units that end before off (and a
// function's own name inside it, and the RECURSIVE ones).
func (c *collector) units(m *Module, us []ast.Unit, off int, origin Origin) {
	for _, u := range us {
		if u.Pos().Start >= off {
			break
		}
		before := u.Pos().End <= off
		switch u := u.(type) {
		case *ast.VarDecl:
			for _, id := range u.Names {
				c.ident(m, id, origin)
			}
		case *ast.ConstDecl:
			for _, d := range u.Decls {
				if d != nil {
					c.ident(m, d.Name, origin)
				}
			}
		case *ast.RecursiveDecl:
			for _, d := range u.Decls {
				if d != nil {
					c.ident(m, d.Name, origin)
				}
			}
		case *ast.OpDef:
			if before {
				c.ident(m, u.Name, origin)
			}
		case *ast.FuncDef:
			c.ident(m, u.Name, origin) // visible in its own body
		case *ast.ModuleDef:
			if before {
				c.ident(m, u.Name, origin)
			}
		case *ast.Assume:
			if before {
				c.ident(m, u.Name, origin)
			}
		case *ast.Theorem:
			if before || u.Proof != nil && off >= u.Proof.Start {
				c.ident(m, u.Name, origin) // visible in its own proof
			}
		}
	}
}

// unitAt returns the unit of a that encloses off, or nil.
func unitAt(a *ast.Module, off int) ast.Unit {
	if a == nil {
		return nil
	}
	for _, u := range a.Units {
		sp := u.Pos()
		if sp.Start <= off && off <= sp.End {
			return u
		}
	}
	return nil
}

// module adds the module-level names visible at off: those of the
// enclosing modules before the nested one, EXTENDS'd ones, then the units
// before off (with the definitions of unnamed INSTANCEs), newest first so
// that a redefinition's entity is the one offered.
func (c *collector) module(p *Program, m *Module, off int) {
	a := m.AST
	var before []ast.Unit
	for _, u := range a.Units {
		if u.Pos().Start >= off {
			break
		}
		before = append(before, u)
	}
	c.units(m, before, off, ModuleLevel)
	for i := len(before) - 1; i >= 0; i-- {
		if in, ok := before[i].(*ast.Instance); ok && in.End <= off && in.Module != nil {
			if t := p.Modules[in.Module.Name]; t != nil {
				c.exports(t, false)
			}
		}
	}
	for _, e := range m.Extends {
		c.exports(e, true)
	}
	if m.Parent != nil && a != nil {
		c.module(p, m.Parent, a.Start)
	}
}

// exports adds what EXTENDS (withDecls) or an unnamed INSTANCE of t sees.
func (c *collector) exports(t *Module, withDecls bool) {
	names := make([]string, 0, len(t.exports))
	for n := range t.exports {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		e := t.exports[n].ent
		if !withDecls && (e.Kind == Constant || e.Kind == Variable) {
			continue
		}
		c.add(n, e.Kind, Imported, e)
	}
}

// Members returns the definitions M!name can name for a module instance
// entity (or an instance reached through one), sorted by name.
func Members(inst *Entity) []*Entity {
	if inst == nil || inst.Kind != ModuleInst || inst.Target == nil {
		return nil
	}
	var out []*Entity
	for _, b := range inst.Target.exports {
		if b.ent.Kind != Constant && b.ent.Kind != Variable {
			out = append(out, b.ent)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ---------------------------------------------------------------- PlusCal

func algorithmIn(path []ast.Node) *ast.Algorithm {
	for _, n := range path {
		if a, ok := n.(*ast.Algorithm); ok {
			return a
		}
	}
	return nil
}

// algorithmCut is where the module-level scope of an algorithm ends: the
// translation, or the end of the algorithm when there is none (as in
// resolver.module).
func algorithmCut(a *ast.Module) int {
	if a.Translation != nil {
		return a.Translation.Start
	}
	return a.Algorithm.End
}

// pluscal adds the names visible at off inside the algorithm: the
// enclosing with-binds, the procedure's or process's variables, self and
// labels, the define block, the algorithm variables, pc and stack, and the
// procedures and macros.
func (c *collector) pluscal(m *Module, alg *ast.Algorithm, path []ast.Node, off int) {
	c.exprScopes(m, path, off)
	multi := len(alg.Processes) > 0
	for i := len(path) - 1; i >= 0; i-- {
		switch n := path[i].(type) {
		case *ast.With:
			for j := len(n.Binds) - 1; j >= 0; j-- {
				if v := n.Binds[j]; v != nil && v.End <= off {
					c.ident(m, v.Name, Local)
				}
			}
		case *ast.Macro:
			for _, id := range n.Params {
				c.ident(m, id, Local)
			}
			if multi {
				c.add("self", PlusCalSelf, Local, nil)
			}
		case *ast.Procedure:
			c.pvars(m, n.Params, off, Local)
			c.pvars(m, n.Vars, off, Local)
			if multi {
				c.add("self", PlusCalSelf, Local, nil)
			}
			c.labels(m, n.Body)
		case *ast.Process:
			c.pvars(m, n.Vars, off, Local)
			if n.ID == nil || off > n.ID.Pos().End {
				c.add("self", PlusCalSelf, Local, nil)
			}
			c.labels(m, n.Body)
		case *ast.Block:
			if i > 0 && path[i-1] == alg && alg.Body == n {
				c.labels(m, n)
			}
		}
	}
	if alg.DefineSpan != nil && off > alg.DefineSpan.Start && off < alg.DefineSpan.End {
		c.units(m, alg.Defines, off, ModuleLevel)
	} else {
		c.units(m, alg.Defines, alg.End, ModuleLevel)
	}
	c.pvars(m, alg.Vars, off, ModuleLevel)
	c.add("pc", PlusCalVar, ModuleLevel, nil)
	if len(alg.Procedures) > 0 {
		c.add("stack", PlusCalVar, ModuleLevel, nil)
	}
	if multi {
		c.add("ProcSet", Operator, ModuleLevel, nil)
	}
	for _, pr := range alg.Procedures {
		if pr != nil {
			c.ident(m, pr.Name, ModuleLevel)
		}
	}
	for _, mc := range alg.Macros {
		if mc != nil {
			c.ident(m, mc.Name, ModuleLevel)
		}
	}
}

// pvars adds PlusCal variables; an initial value sees only the earlier ones.
func (c *collector) pvars(m *Module, vs []*ast.PVarDecl, off int, origin Origin) {
	for _, v := range vs {
		if v == nil {
			continue
		}
		if v.Start <= off && off <= v.End {
			break
		}
		c.ident(m, v.Name, origin)
	}
}

func (c *collector) labels(m *Module, body *ast.Block) {
	if body == nil {
		return
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.StmtLabel:
			c.ident(m, n.Name, Local)
			return false
		case ast.Expr:
			return false
		}
		return true
	})
}

// ---------------------------------------------------------------- text

// InAlgorithm reports whether off is inside the PlusCal algorithm of the
// root file, parsed or not (an algorithm being typed rarely parses).
func (p *Program) InAlgorithm(off int) bool {
	m, path := p.ModuleAt(off)
	return m != nil && (algorithmIn(path) != nil || brokenAlgorithmAt(m, off) != nil)
}

// brokenAlgorithmAt returns the comment holding off when it holds an
// algorithm the parser could not read (one being typed), else nil.
func brokenAlgorithmAt(m *Module, off int) *ast.Comment {
	a := m.AST
	if a == nil || a.Algorithm != nil || m.Parent != nil {
		return nil
	}
	i := sort.Search(len(a.Comments), func(i int) bool { return a.Comments[i].End > off })
	if i == len(a.Comments) || a.Comments[i].Start >= off || !a.Comments[i].Block {
		return nil
	}
	cm := a.Comments[i]
	if !strings.Contains(cm.Text, "--algorithm") && !strings.Contains(cm.Text, "--fair algorithm") {
		return nil
	}
	return cm
}

// pluscalText adds the PlusCal names an unparsable algorithm declares
// before off, read from its text: variables (PlusCalVar), labels,
// procedures and macros, pc, self after a process header, and the names
// bound on the cursor's line.
func (c *collector) pluscalText(m *Module, cm *ast.Comment, off int) {
	f := m.File
	if f == nil || off > len(f.Text) {
		return
	}
	lineStart := f.LineStart(f.Line(off))
	for _, n := range BoundInText(string(f.Text[max(lineStart, cm.Start):off])) {
		c.add(n, BoundVar, Local, nil)
	}
	toks := lexNames(string(f.Text[min(cm.Start+2, off):off])) // after the `(*`
	inVars, process := false, false
	for i, t := range toks {
		prev, next := "", ""
		if i > 0 {
			prev = toks[i-1]
		}
		if i+1 < len(toks) {
			next = toks[i+1]
		}
		switch t {
		case "variables", "variable":
			inVars = true
			continue
		case "begin", "define", "macro", "procedure", "process":
			inVars = false
			process = process || t == "process"
			continue
		case "{":
			if prev == ";" || prev == ")" {
				inVars = false
			}
		}
		if !isIdentTok(t) || parser.IsPlusCalKeyword(t) {
			continue
		}
		switch {
		case prev == "procedure":
			c.add(t, PlusCalProc, ModuleLevel, nil)
		case prev == "macro":
			c.add(t, PlusCalMacro, ModuleLevel, nil)
		case inVars && (prev == "variables" || prev == "variable" || prev == "," || prev == ";") && (next == "=" || next == `\in` || next == "," || next == ";"):
			c.add(t, PlusCalVar, ModuleLevel, nil)
		case next == ":" && i+2 < len(toks) && toks[i+2] != "=" && toks[i+2] != ":" && labelBefore[prev]:
			c.add(t, PlusCalLabel, Local, nil)
		}
	}
	if process {
		c.add("self", PlusCalSelf, Local, nil)
	}
	c.add("pc", PlusCalVar, ModuleLevel, nil)
}

// labelBefore are the tokens a label may follow.
var labelBefore = map[string]bool{";": true, "begin": true, "{": true, "}": true, "do": true, "then": true, "else": true, "or": true, "either": true, "algorithm": true}

// textBound recovers, from the text alone, the names bound at off by the
// definition being typed when the parser could not place it in the AST
// (e.g. `Next == \E i \in S : Op(i, ` with its parenthesis still open):
// the definition's parameters, the names of quantifiers, CHOOSE, set and
// function constructors, and LET definitions, dropping those whose bracket
// was closed before off. The definition starts at the last line before off
// that begins in column 0.
func (c *collector) textBound(m *Module, off int) {
	if m.File == nil || off > len(m.File.Text) {
		return
	}
	start := DefinitionStart(m.File, off)
	found := BoundInText(string(m.File.Text[start:off]))
	for i := len(found) - 1; i >= 0; i-- {
		c.add(found[i], BoundVar, Local, nil)
	}
}

// DefinitionStart is where the definition holding off starts, judged
// from the text alone: the start of the last line at or before off that
// begins in column 0 with a non-blank (0 when none). TLA+ writes
// module-level definitions there, so this bounds the text scans of broken
// input.
func DefinitionStart(f *source.File, off int) int {
	text := f.Text
	if off > len(text) {
		off = len(text)
	}
	for line := f.Line(off); line >= 0; line-- {
		ls := f.LineStart(line)
		if ls < off && ls < len(text) && !unicode.IsSpace(rune(text[ls])) {
			return ls
		}
	}
	return 0
}

// BoundInText returns the names a definition's text (its start up to the
// cursor) binds at its end, in binding order: see textBound.
func BoundInText(src string) []string {
	toks := lexNames(src)
	type bound struct {
		name  string
		depth int
	}
	var names []bound
	depth := 0
	binder := -1 // depth of the binder whose names are being read, -1 when none
	isName := func(i int) bool { return i >= 0 && i < len(toks) && isIdentTok(toks[i]) }
	for i, t := range toks {
		switch t {
		case "(", "[", "{", "<<":
			depth++
		case ")", "]", "}", ">>":
			depth--
			kept := names[:0]
			for _, b := range names {
				if b.depth <= depth {
					kept = append(kept, b)
				}
			}
			names = kept
			if binder > depth {
				binder = -1
			}
		case `\A`, `\E`, `\AA`, `\EE`, "CHOOSE", `\forall`, `\exists`:
			binder = depth
			continue
		case ":", "|->":
			if binder == depth || t == "|->" {
				binder = -1
			}
		}
		if !isName(i) {
			continue
		}
		prev, next := "", ""
		if i > 0 {
			prev = toks[i-1]
		}
		if i+1 < len(toks) {
			next = toks[i+1]
		}
		switch {
		case i == 0 && (next == "(" || next == "=="):
			// The definition's own name: not visible in its body.
		case binder >= 0 && (prev == `\A` || prev == `\E` || prev == `\AA` || prev == `\EE` || prev == "CHOOSE" || prev == `\forall` || prev == `\exists` || prev == "," || prev == "<<") && depth-binder <= 1 && (next == "," || next == `\in` || next == ":" || next == ">>"):
			names = append(names, bound{t, binder}) // <<x, y>> \in S binds past its >>
		case (prev == "with" || prev == "(" && i > 1 && toks[i-2] == "with") && (next == `\in` || next == "="):
			// PlusCal `with x \in S do`, `with (x = e)`.
			names = append(names, bound{t, 0})
		case (prev == "{" || prev == "[" || prev == ",") && next == `\in` && binder < 0:
			// {x \in S : P}, [x \in S |-> e], and later bounds of those.
			names = append(names, bound{t, depth})
		case next == "==" || (next == "(" && defAhead(toks, i+1)):
			// A LET definition (or, in its parameter list, nothing else).
			names = append(names, bound{t, depth})
		case prev == "(" || prev == ",":
			// Parameters of the definition: Op(a, b) == ...
			if depth == 1 && defAhead(toks, firstParen(toks)) && i < closeOf(toks, firstParen(toks)) {
				names = append(names, bound{t, 0})
			}
		}
	}
	var out []string
	for _, b := range names {
		out = append(out, b.name)
	}
	return out
}

// firstParen is the index of the definition's parameter list, -1 if none.
func firstParen(toks []string) int {
	if len(toks) > 1 && toks[1] == "(" {
		return 1
	}
	return -1
}

// closeOf returns the index of the bracket closing toks[i].
func closeOf(toks []string, i int) int {
	if i < 0 {
		return -1
	}
	d := 0
	for j := i; j < len(toks); j++ {
		switch toks[j] {
		case "(":
			d++
		case ")":
			d--
			if d == 0 {
				return j
			}
		}
	}
	return len(toks)
}

// defAhead reports whether the parenthesised list at toks[i] is followed
// by `==`.
func defAhead(toks []string, i int) bool {
	if i < 0 || i >= len(toks) || toks[i] != "(" {
		return false
	}
	j := closeOf(toks, i)
	return j+1 < len(toks) && toks[j+1] == "=="
}

func isIdentTok(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return (unicode.IsLetter(r) || r == '_' || unicode.IsDigit(r)) && !parser.IsReservedWord(t) && strings.ContainsFunc(t, unicode.IsLetter)
}

// lexNames splits TLA+ text into the tokens BoundInText looks at: names,
// backslash operators, brackets and punctuation; strings and comments are
// skipped.
func lexNames(src string) []string {
	var toks []string
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRuneInString(src[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case strings.HasPrefix(src[i:], `\*`):
			j := strings.IndexByte(src[i:], '\n')
			if j < 0 {
				return toks
			}
			i += j
		case strings.HasPrefix(src[i:], "(*"):
			j := strings.Index(src[i+2:], "*)")
			if j < 0 {
				return toks
			}
			i += j + 4
		case r == '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			i = j + 1
		case unicode.IsLetter(r) || r == '_' || unicode.IsDigit(r):
			j := i
			for j < len(src) {
				r2, s2 := utf8.DecodeRuneInString(src[j:])
				if !(unicode.IsLetter(r2) || r2 == '_' || unicode.IsDigit(r2)) {
					break
				}
				j += s2
			}
			toks = append(toks, src[i:j])
			i = j
		case r == '\\':
			j := i + 1
			for j < len(src) && (src[j] >= 'a' && src[j] <= 'z' || src[j] >= 'A' && src[j] <= 'Z') {
				j++
			}
			toks = append(toks, src[i:j])
			i = j
		default:
			for _, p := range []string{"==", "|->", "<<", ">>", "∈"} {
				if strings.HasPrefix(src[i:], p) {
					t := p
					if p == "∈" {
						t = `\in`
					}
					toks = append(toks, t)
					i += len(p)
					goto next
				}
			}
			toks = append(toks, src[i:i+size])
			i += size
		next:
		}
	}
	return toks
}
