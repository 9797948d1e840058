package lsp

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/analysis/stdlib"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/scan"
	"github.com/tlals/tlals/parser/source"
)

// textDocument/completion: the names visible at the cursor
// (analysis.NamesAt), keywords of the context, `\`-operators, module names
// after EXTENDS/INSTANCE, the members of an instance after `M!`, and the
// fields of records after `r.`. Every item replaces the word being typed
// (its textEdit range), and sortText ranks local names first, then the
// module's definitions, then imported ones, then keywords.

// Ranks of completion items (the first character of their sortText).
const (
	rankLocal = iota
	rankModule
	rankImported
	rankKeyword
)

func (s *Server) completion(ctx context.Context, p *protocol.CompletionParams) (any, error) {
	v, err := s.viewOf(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	s.async(ctx)
	c := &completer{s: s, v: v, off: s.offset(v, p.Position), snippets: s.snippetSupport(), markdown: s.completionMarkdown()}
	items := c.items()
	return &protocol.CompletionList{Items: items, IsIncomplete: c.incomplete}, nil
}

// maxNameItems bounds the names in one answer: with a short prefix in a
// big module the list would run to thousands, and the client asks again
// (isIncomplete) as the prefix grows.
const maxNameItems = 200

// snippetSupport reports whether the client accepts snippet insert texts.
func (s *Server) snippetSupport() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	td := s.clientCaps.TextDocument
	return td != nil && td.Completion != nil && td.Completion.CompletionItem != nil &&
		td.Completion.CompletionItem.SnippetSupport != nil && *td.Completion.CompletionItem.SnippetSupport
}

// completionMarkdown reports whether the client renders markdown item
// documentation.
func (s *Server) completionMarkdown() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	td := s.clientCaps.TextDocument
	return td != nil && td.Completion != nil && td.Completion.CompletionItem != nil &&
		slices.Contains(td.Completion.CompletionItem.DocumentationFormat, protocol.MarkupKindMarkdown)
}

// completer computes the items of one request.
type completer struct {
	s        *Server
	v        *view
	off      int
	snippets bool
	markdown bool

	text  []byte
	start int // start of the word being replaced
	out   []protocol.CompletionItem
	seen  map[string]bool
	rng   *protocol.Range // of the word being replaced, once computed
	// incomplete is set when names were left out (maxNameItems).
	incomplete bool
}

func (c *completer) items() []protocol.CompletionItem {
	c.text = c.v.Snap.File.Text
	c.off = min(c.off, len(c.text))
	c.seen = map[string]bool{}
	c.start = wordStart(c.text, c.off)
	prefix := string(c.text[c.start:c.off])
	inAlg := c.inAlgorithm()
	if c.inComment() && !inAlg || c.inString() {
		return []protocol.CompletionItem{}
	}
	switch {
	case c.start > 0 && c.text[c.start-1] == '\\':
		c.start--
		c.backslashOps(`\` + prefix)
	case c.start > 0 && c.text[c.start-1] == '!':
		c.members(prefix)
	case c.start > 1 && c.text[c.start-1] == '.' && c.text[c.start-2] != '.':
		c.fields(prefix)
	case afterModuleKeyword(c.text, c.start):
		c.moduleNames(prefix)
	case inAlg && previousWord(c.text, c.start) == "goto":
		c.names(prefix, func(k analysis.EntityKind) bool { return k == analysis.PlusCalLabel })
	case inAlg && previousWord(c.text, c.start) == "call":
		c.names(prefix, func(k analysis.EntityKind) bool { return k == analysis.PlusCalProc })
	case !inAlg && atLineStart(c.text, c.start):
		c.keywords(prefix, unitKeywords)
	default:
		c.names(prefix, func(k analysis.EntityKind) bool { return k != analysis.PlusCalLabel && k != analysis.PlusCalProc })
		c.builtins(prefix)
		c.keywords(prefix, exprKeywords)
		if inAlg {
			c.keywords(prefix, pcalStmtKeywords)
		}
	}
	if c.out == nil {
		return []protocol.CompletionItem{}
	}
	return c.out
}

// ---------------------------------------------------------------- context

// wordStart is the start of the identifier characters ending at off.
func wordStart(text []byte, off int) int {
	i := off
	for i > 0 && scan.IsIdentByte(text[i-1]) {
		i--
	}
	return i
}

func skipBlanksBack(text []byte, i int) int {
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == '\n' || text[i-1] == '\r') {
		i--
	}
	return i
}

// previousWord is the identifier before i, blanks skipped.
func previousWord(text []byte, i int) string {
	i = skipBlanksBack(text, i)
	return string(text[wordStart(text, i):i])
}

// atLineStart reports whether the word at i starts in column 0, where
// TLA+ units (declarations, definitions) begin.
func atLineStart(text []byte, i int) bool { return i == 0 || text[i-1] == '\n' }

// afterModuleKeyword reports whether the word at i is a module name of an
// EXTENDS list or an INSTANCE: `EXTENDS A, B, |`, `INSTANCE |`.
func afterModuleKeyword(text []byte, i int) bool {
	for range 64 { // an EXTENDS list is short
		i = skipBlanksBack(text, i)
		w := previousWord(text, i)
		switch {
		case w == "EXTENDS" || w == "INSTANCE":
			return true
		case i > 0 && text[i-1] == ',':
			i = skipBlanksBack(text, i-1)
			j := wordStart(text, i)
			if j == i {
				return false
			}
			i = j
		default:
			return false
		}
	}
	return false
}

// inComment reports whether the cursor is inside a comment of the file.
func (c *completer) inComment() bool {
	a := c.v.moduleSyntax()
	if a == nil {
		return false
	}
	cs := a.Comments
	i := sort.Search(len(cs), func(i int) bool { return cs[i].End >= c.off })
	for ; i < len(cs) && cs[i].Start < c.off; i++ {
		if c.off < cs[i].End || !cs[i].Block {
			return true
		}
	}
	return false
}

// inString reports whether the cursor is inside a string literal.
func (c *completer) inString() bool {
	a := c.v.moduleSyntax()
	if a == nil {
		return false
	}
	path := analysis.PathAt(a, c.off)
	if len(path) == 0 {
		return false
	}
	str, ok := path[len(path)-1].(*ast.String)
	return ok && str.Start < c.off && c.off < str.End
}

// inAlgorithm reports whether the cursor is inside the PlusCal algorithm.
func (c *completer) inAlgorithm() bool {
	if c.v.Prog != nil {
		return c.v.Prog.InAlgorithm(c.off)
	}
	a := c.v.moduleSyntax()
	return a != nil && a.Algorithm != nil && a.Algorithm.Start < c.off && c.off <= a.Algorithm.End
}

// ---------------------------------------------------------------- items

// edit is the textEdit replacing the word being typed.
func (c *completer) edit(newText string) *protocol.TextEdit {
	if c.rng == nil {
		r := toRange(c.v.Snap.File, source.Span{Start: c.start, End: c.off}, c.s.encoding())
		c.rng = &r
	}
	return &protocol.TextEdit{Range: *c.rng, NewText: newText}
}

// add appends an item once per label.
func (c *completer) add(label string, kind protocol.CompletionItemKind, rank int, detail, doc string) *protocol.CompletionItem {
	if c.seen[label] {
		return nil
	}
	c.seen[label] = true
	it := protocol.CompletionItem{
		Label:    label,
		Kind:     kind,
		SortText: protocol.NewOptional(string(rune('0'+rank)) + label),
		TextEdit: c.edit(label),
	}
	if detail != "" {
		it.Detail = protocol.NewOptional(detail)
	}
	if doc != "" {
		if c.markdown {
			it.Documentation = &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: docMarkdown(doc)}
		} else {
			it.Documentation = &protocol.MarkupContent{Kind: protocol.MarkupKindPlainText, Value: doc}
		}
	}
	c.out = append(c.out, it)
	return &c.out[len(c.out)-1]
}

// hasPrefix filters items by the word typed so far, ignoring case (the
// client refines the list as the user types).
func hasPrefix(label, prefix string) bool {
	return len(label) >= len(prefix) && strings.EqualFold(label[:len(prefix)], prefix)
}

func isIdentName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !scan.IsIdentByte(name[i]) {
			return false
		}
	}
	return true
}

// names adds the identifiers visible at the cursor whose kind passes keep.
func (c *completer) names(prefix string, keep func(analysis.EntityKind) bool) {
	if c.v.Prog == nil {
		return
	}
	names := c.v.Prog.NamesAt(c.off)
	c.out = slices.Grow(c.out, min(len(names), maxNameItems))
	count := 0
	for _, n := range names {
		if !isIdentName(n.Name) || !keep(n.Kind) || !hasPrefix(n.Name, prefix) {
			continue
		}
		if count++; count > maxNameItems {
			c.incomplete = true
			break
		}
		rank := rankLocal
		switch n.Origin {
		case analysis.ModuleLevel:
			rank = rankModule
		case analysis.Imported:
			rank = rankImported
		}
		c.entity(n.Name, n.Kind, n.Entity, rank)
	}
}

// builtins adds BOOLEAN, STRING, TRUE and FALSE.
func (c *completer) builtins(prefix string) {
	for _, b := range builtinValues {
		if hasPrefix(b.name, prefix) {
			c.add(b.name, protocol.CompletionItemKindConstant, rankKeyword, b.detail, "")
		}
	}
}

// entity adds a name with its kind, signature and doc comment.
func (c *completer) entity(name string, kind analysis.EntityKind, e *analysis.Entity, rank int) {
	var detail, doc string
	if e != nil {
		detail, doc = entityDetail(e), e.Doc
	} else {
		detail, doc = kind.String(), implicitDoc[name+"/"+kind.String()]
	}
	c.add(name, completionKind(kind), rank, detail, doc)
}

// completionKind maps entity kinds to the LSP's item kinds.
func completionKind(k analysis.EntityKind) protocol.CompletionItemKind {
	switch k {
	case analysis.Constant, analysis.Builtin:
		return protocol.CompletionItemKindConstant
	case analysis.Variable, analysis.PlusCalVar, analysis.PlusCalSelf, analysis.BoundVar, analysis.Param, analysis.ProofDecl:
		return protocol.CompletionItemKindVariable
	case analysis.Operator, analysis.Function, analysis.PlusCalMacro:
		return protocol.CompletionItemKindFunction
	case analysis.ModuleInst:
		return protocol.CompletionItemKindModule
	case analysis.Theorem, analysis.Assumption:
		return protocol.CompletionItemKindProperty
	case analysis.PlusCalLabel:
		return protocol.CompletionItemKindReference
	case analysis.PlusCalProc:
		return protocol.CompletionItemKindMethod
	}
	return protocol.CompletionItemKindText
}

// entityDetail is the signature of an entity: `Inc(n)`, `F(_, _)`,
// `f[x \in S]`, `INSTANCE M`, or its kind for plain values.
func entityDetail(e *analysis.Entity) string {
	switch d := e.Decl.(type) {
	case *ast.OpDef:
		return opSignature(e.Name, d.Fixity, d.Params)
	case *ast.OpDecl:
		if d.Name != nil && d.Arity > 0 {
			return declSignature(d)
		}
	case *ast.Param:
		if d.Name != nil && d.Arity > 0 {
			return declSignature(&ast.OpDecl{Name: d.Name, Fixity: d.Fixity, Arity: d.Arity})
		}
	case *ast.FuncDef:
		if e.Module != nil && e.Module.File != nil && len(d.Bounds) > 0 {
			first, last := d.Bounds[0], d.Bounds[len(d.Bounds)-1]
			if first != nil && last != nil {
				return e.Name + "[" + strings.Join(strings.Fields(string(e.Module.File.Text[first.Start:last.End])), " ") + "]"
			}
		}
	case *ast.ModuleDef:
		if e.Target != nil {
			return "INSTANCE " + e.Target.Name
		}
	case *ast.Procedure:
		return "procedure " + e.Name + "(" + joinPVars(e.Module, d.Params) + ")"
	case *ast.Macro:
		return "macro " + e.Name + "(" + joinIdents(d.Params) + ")"
	}
	return e.Kind.String()
}

// keyword is a reserved word, with its snippet for snippet clients.
type keyword struct {
	name, snippet string
}

var (
	unitKeywords = []keyword{
		{name: "ASSUME"}, {name: "AXIOM"}, {name: "CONSTANT"}, {name: "CONSTANTS"}, {name: "COROLLARY"},
		{name: "EXTENDS"}, {name: "HIDE"}, {name: "INSTANCE"}, {name: "LEMMA"}, {name: "LOCAL"},
		{name: "PROPOSITION"}, {name: "RECURSIVE"}, {name: "THEOREM"}, {name: "USE"},
		{name: "VARIABLE"}, {name: "VARIABLES"},
	}
	exprKeywords = []keyword{
		{name: "CASE", snippet: "CASE ${1:p} -> ${2:e} [] OTHER -> ${0:d}"},
		{name: "CHOOSE", snippet: `CHOOSE ${1:x} \in ${2:S} : ${0:P}`},
		{name: "DOMAIN"}, {name: "ELSE"}, {name: "ENABLED"}, {name: "EXCEPT"},
		{name: "IF", snippet: "IF ${1:c} THEN ${2:a} ELSE ${0:b}"},
		{name: "IN"}, {name: "LAMBDA"},
		{name: "LET", snippet: "LET ${1:d} == ${2:e} IN ${0}"},
		{name: "OTHER"}, {name: "SF_"}, {name: "SUBSET"}, {name: "THEN"}, {name: "UNCHANGED"},
		{name: "UNION"}, {name: "WF_"},
	}
	pcalStmtKeywords = []keyword{
		{name: "assert"}, {name: "await"}, {name: "call"}, {name: "either"}, {name: "goto"},
		{name: "if"}, {name: "print"}, {name: "return"}, {name: "skip"}, {name: "when"},
		{name: "while"}, {name: "with"},
	}
	builtinValues = []struct{ name, detail string }{
		{"BOOLEAN", "{TRUE, FALSE}"}, {"FALSE", "built-in"}, {"STRING", "the set of strings"}, {"TRUE", "built-in"},
	}
)

func (c *completer) keywords(prefix string, kws []keyword) {
	for _, k := range kws {
		if hasPrefix(k.name, prefix) {
			c.keyword(k)
		}
	}
}

// keyword adds a keyword: a snippet for clients that take them, else the
// word alone.
func (c *completer) keyword(k keyword) {
	it := c.add(k.name, protocol.CompletionItemKindKeyword, rankKeyword, "", "")
	if it == nil || k.snippet == "" || !c.snippets {
		return
	}
	it.Kind = protocol.CompletionItemKindSnippet
	it.InsertTextFormat = protocol.InsertTextFormatSnippet
	it.TextEdit = c.edit(k.snippet)
	it.Detail = protocol.NewOptional(snippetText(k.snippet))
}

// snippetText is a snippet with its placeholders filled in.
func snippetText(snip string) string {
	var b strings.Builder
	for i := 0; i < len(snip); i++ {
		if snip[i] != '$' || i+1 >= len(snip) || snip[i+1] != '{' {
			b.WriteByte(snip[i])
			continue
		}
		end := strings.IndexByte(snip[i:], '}')
		if end < 0 {
			b.WriteString(snip[i:])
			break
		}
		inner := snip[i+2 : i+end]
		if _, def, ok := strings.Cut(inner, ":"); ok {
			b.WriteString(def)
		}
		i += end
	}
	return strings.TrimSpace(b.String())
}

// backslashOps are the `\`-operators TLA+ itself defines, with the symbol
// they print as; quantifiers carry snippets.
var backslashOps = []struct{ name, detail, snippet string }{
	{`\A`, "∀ for all", `\A ${1:x} \in ${2:S} : ${0:P}`}, {`\AA`, "temporal ∀", ""},
	{`\E`, "∃ there exists", `\E ${1:x} \in ${2:S} : ${0:P}`}, {`\EE`, "temporal ∃", ""},
	{`\X`, "× Cartesian product", ""}, {`\approx`, "≈", ""}, {`\asymp`, "≍", ""},
	{`\bigcirc`, "◯", ""}, {`\bullet`, "●", ""}, {`\cap`, "∩ intersection", ""},
	{`\cdot`, "⋅ action composition", ""}, {`\circ`, "∘", ""}, {`\cong`, "≅", ""},
	{`\cup`, "∪ union", ""}, {`\div`, "÷ integer division", ""}, {`\doteq`, "≐", ""},
	{`\equiv`, "≡ equivalence", ""}, {`\exists`, "∃ there exists", ""}, {`\forall`, "∀ for all", ""},
	{`\geq`, "≥", ""}, {`\gg`, "≫", ""}, {`\implies`, "⇒ implication", ""}, {`\in`, "∈ element of", ""},
	{`\intersect`, "∩ intersection", ""}, {`\land`, "∧ conjunction", ""}, {`\leq`, "≤", ""},
	{`\ll`, "≪", ""}, {`\lnot`, "¬ negation", ""}, {`\lor`, "∨ disjunction", ""},
	{`\neg`, "¬ negation", ""}, {`\notin`, "∉ not an element of", ""}, {`\o`, "∘ sequence concatenation", ""},
	{`\odot`, "⊙", ""}, {`\ominus`, "⊖", ""}, {`\oplus`, "⊕", ""}, {`\oslash`, "⊘", ""},
	{`\otimes`, "⊗", ""}, {`\prec`, "≺", ""}, {`\preceq`, "⪯", ""}, {`\propto`, "∝", ""},
	{`\sim`, "∼", ""}, {`\simeq`, "≃", ""}, {`\sqcap`, "⊓", ""}, {`\sqcup`, "⊔", ""},
	{`\sqsubset`, "⊏", ""}, {`\sqsubseteq`, "⊑", ""}, {`\sqsupset`, "⊐", ""}, {`\sqsupseteq`, "⊒", ""},
	{`\star`, "⋆", ""}, {`\subset`, "⊂ proper subset", ""}, {`\subseteq`, "⊆ subset", ""},
	{`\succ`, "≻", ""}, {`\succeq`, "⪰", ""}, {`\supset`, "⊃ proper superset", ""},
	{`\supseteq`, "⊇ superset", ""}, {`\times`, "× Cartesian product", ""}, {`\union`, "∪ union", ""},
	{`\uplus`, "⊎", ""}, {`\wr`, "≀", ""},
}

// backslashOps adds the `\`-operators starting with prefix (backslash
// included): those the scope defines (`\o` of Sequences, a user's `\prec`)
// with their signature and doc, then the built-in ones.
func (c *completer) backslashOps(prefix string) {
	if c.v.Prog != nil {
		for _, n := range c.v.Prog.NamesAt(c.off) {
			if strings.HasPrefix(n.Name, `\`) && hasPrefix(n.Name, prefix) && n.Entity != nil {
				rank := rankModule
				if n.Origin == analysis.Imported {
					rank = rankImported
				}
				c.add(n.Name, protocol.CompletionItemKindOperator, rank, entityDetail(n.Entity), n.Entity.Doc)
			}
		}
	}
	for _, op := range backslashOps {
		if !hasPrefix(op.name, prefix) {
			continue
		}
		it := c.add(op.name, protocol.CompletionItemKindOperator, rankKeyword, op.detail, "")
		if it != nil && op.snippet != "" && c.snippets {
			it.Kind = protocol.CompletionItemKindSnippet
			it.InsertTextFormat = protocol.InsertTextFormatSnippet
			it.TextEdit = c.edit(op.snippet)
		}
	}
}

// members adds the definitions of the instance named before `!`:
// `I!|`, `I!J!|`, `I(x)!|`.
func (c *completer) members(prefix string) {
	if c.v.Prog == nil {
		return
	}
	chain := instanceChain(c.text, c.start-1)
	if len(chain) == 0 {
		return
	}
	for _, m := range analysis.Members(resolveChain(c.v.Prog, c.off, chain)) {
		if isIdentName(m.Name) && hasPrefix(m.Name, prefix) {
			c.entity(m.Name, m.Kind, m, rankModule)
		}
	}
}

// instanceChain returns the instance names of a prefix `I!J(x)!` whose
// last `!` is at bang, outermost first; nil when there is none.
func instanceChain(text []byte, bang int) []string {
	var chain []string
	for i := bang; i > 0 && text[i] == '!'; {
		j := i
		if text[j-1] == ')' { // I(x)!: skip the arguments
			if j = matchingOpen(text, j-1, ')'); j < 0 {
				return nil
			}
		}
		k := wordStart(text, j)
		if k == j {
			return nil
		}
		chain = append([]string{string(text[k:j])}, chain...)
		i = k - 1
	}
	return chain
}

// resolveChain returns the entity the last name of an instance chain
// denotes, looking the first up at off and the others among the members.
func resolveChain(p *analysis.Program, off int, chain []string) *analysis.Entity {
	e := lookupAt(p, off, chain[0])
	for _, name := range chain[1:] {
		var next *analysis.Entity
		for _, m := range analysis.Members(e) {
			if m.Name == name {
				next = m
			}
		}
		e = next
	}
	return e
}

// lookupAt is the entity a name denotes at off, or nil.
func lookupAt(p *analysis.Program, off int, name string) *analysis.Entity {
	v, _ := p.LookupAt(off, name)
	return v.Entity
}

// matchingOpen returns the index of the bracket opening the one that
// closes at i, or -1.
func matchingOpen(text []byte, i int, closer byte) int {
	open := map[byte]byte{')': '(', ']': '[', '}': '{'}[closer]
	depth := 0
	for ; i >= 0; i-- {
		switch text[i] {
		case closer:
			depth++
		case open:
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// moduleNames adds the modules EXTENDS and INSTANCE can name: the
// standard ones, the .tla files beside the document and on the search
// path, and the modules nested in the document.
func (c *completer) moduleNames(prefix string) {
	own := ""
	if a := c.v.moduleSyntax(); a != nil && a.Name != nil {
		own = a.Name.Name
	}
	add := func(name, detail string) {
		if name != own && isIdentName(name) && hasPrefix(name, prefix) {
			c.add(name, protocol.CompletionItemKindModule, rankModule, detail, "")
		}
	}
	if c.v.Prog != nil {
		var nested []string
		for name, m := range c.v.Prog.Modules {
			if m.Parent != nil && m.Path == c.v.Snap.Path {
				nested = append(nested, name)
			}
		}
		sort.Strings(nested)
		for _, n := range nested {
			add(n, "nested module")
		}
	}
	dirs := append([]string{filepath.Dir(c.v.Snap.Path)}, c.s.searchDirs()...)
	for _, d := range dirs {
		entries, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if name, ok := strings.CutSuffix(e.Name(), ".tla"); ok && !e.IsDir() {
				add(name, "module in "+d)
			}
		}
	}
	for _, n := range stdlib.Names() {
		add(n, "standard module")
	}
}

// fields adds the fields of the records a name can hold, after `r.`,
// `r'.`, `r[i].`, `R(i).`: see recordFields.
func (c *completer) fields(prefix string) {
	if c.v.Prog == nil {
		return
	}
	j := c.start - 1 // at the '.'
	for j > 0 && (c.text[j-1] == '\'' || c.text[j-1] == ']' || c.text[j-1] == ')') {
		if c.text[j-1] == '\'' {
			j--
			continue
		}
		if j = matchingOpen(c.text, j-1, c.text[j-1]); j < 0 {
			return
		}
	}
	k := wordStart(c.text, j)
	if k == j {
		return
	}
	name := string(c.text[k:j])
	for _, f := range recordFields(lookupAt(c.v.Prog, c.off, name)) {
		if hasPrefix(f, prefix) {
			c.add(f, protocol.CompletionItemKindField, rankLocal, "field of "+name, "")
		}
	}
}

// recordFields returns, sorted, the field names of the records an entity
// is seen to hold. Covered: records and record sets `[a |-> 1]`,
// `[a : S]` that the entity is compared with or assigned (`v = e`,
// `v' = e`, `v \in e` anywhere in its module, a PlusCal initial value or
// `v := e`), the body of a definition, the set a bound name ranges over;
// through set and sequence constructors (`{..}`, `<<..>>`, `[S -> R]`,
// `SUBSET`, `Seq(R)`, `Append(s, r)`, `\cup`, IF/CASE arms, EXCEPT) and
// the definitions and variables they name. Indexing is not tracked: `r[i].`
// offers the fields of the records anywhere in r.
func recordFields(e *analysis.Entity) []string {
	if e == nil || e.Module == nil {
		return nil
	}
	f := &fieldFinder{fields: map[string]bool{}, done: map[*analysis.Entity]bool{}}
	f.entity(e, 0)
	out := make([]string, 0, len(f.fields))
	for n := range f.fields {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

type fieldFinder struct {
	fields map[string]bool
	done   map[*analysis.Entity]bool
}

// maxFieldDepth bounds how many definitions recordFields follows.
const maxFieldDepth = 4

func (f *fieldFinder) entity(e *analysis.Entity, depth int) {
	if e == nil || e.Module == nil || f.done[e] || depth > maxFieldDepth {
		return
	}
	f.done[e] = true
	m := e.Module
	switch d := e.Decl.(type) {
	case *ast.OpDef:
		f.expr(m, d.Body, depth)
	case *ast.FuncDef:
		f.expr(m, d.Body, depth)
	case *ast.Bound:
		f.expr(m, d.Set, depth)
	case *ast.PVarDecl:
		f.expr(m, d.Init, depth)
	}
	if e.Kind != analysis.Variable && e.Kind != analysis.PlusCalVar {
		return
	}
	names := func(x ast.Expr) bool {
		if p, ok := x.(*ast.PostfixExpr); ok && p.Op == "'" {
			x = p.X
		}
		app, ok := x.(*ast.OpApp)
		return ok && app.Name != nil && m.Info.Uses[app.Name] == e
	}
	ast.Inspect(m.AST, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Infix:
			if n.Op == "=" || n.Op == `\in` {
				if names(n.X) {
					f.expr(m, n.Y, depth)
				} else if names(n.Y) && n.Op == "=" {
					f.expr(m, n.X, depth)
				}
			}
		case *ast.AssignPart:
			if n.Var != nil && m.Info.Uses[n.Var] == e && len(n.Path) == 0 {
				f.expr(m, n.Rhs, depth)
			}
		}
		return true
	})
}

// expr collects the fields of the records e denotes or contains.
func (f *fieldFinder) expr(m *analysis.Module, e ast.Expr, depth int) {
	switch e := e.(type) {
	case *ast.Record:
		f.fieldList(e.Fields)
	case *ast.RecordSet:
		f.fieldList(e.Fields)
	case *ast.Paren:
		f.expr(m, e.X, depth)
	case *ast.SetEnum:
		for _, x := range e.Elems {
			f.expr(m, x, depth)
		}
	case *ast.Tuple:
		for _, x := range e.Elems {
			f.expr(m, x, depth)
		}
	case *ast.FuncSet:
		f.expr(m, e.Range, depth)
	case *ast.FuncLit:
		f.expr(m, e.Body, depth)
	case *ast.SetFilter:
		if e.Bound != nil {
			f.expr(m, e.Bound.Set, depth)
		}
	case *ast.SetMap:
		f.expr(m, e.Elem, depth)
	case *ast.PrefixExpr:
		if e.Op == "SUBSET" || e.Op == "UNION" {
			f.expr(m, e.X, depth)
		}
	case *ast.Infix:
		f.expr(m, e.X, depth)
		f.expr(m, e.Y, depth)
	case *ast.If:
		f.expr(m, e.Then, depth)
		f.expr(m, e.Else, depth)
	case *ast.Case:
		for _, a := range e.Arms {
			if a != nil {
				f.expr(m, a.Val, depth)
			}
		}
		f.expr(m, e.Other, depth)
	case *ast.Let:
		f.expr(m, e.Body, depth)
	case *ast.Except:
		f.expr(m, e.Fn, depth)
	case *ast.OpApp:
		if e.Name == nil || m.Info == nil {
			return
		}
		for _, a := range e.Args { // Seq(R), Append(s, r), SubSeq(s, m, n)
			f.expr(m, a, depth)
		}
		if ent := m.Info.Uses[e.Name]; ent != nil && (e.Args == nil || ent.Kind == analysis.Operator) {
			f.entity(ent, depth+1)
		}
	}
}

func (f *fieldFinder) fieldList(fs []*ast.Field) {
	for _, fl := range fs {
		if fl != nil && fl.Name != nil {
			f.fields[fl.Name.Name] = true
		}
	}
}

// completionCaps declares the capability of this file's method.
func completionCaps(s *Server, caps *protocol.ServerCapabilities) {
	caps.CompletionProvider = &protocol.CompletionOptions{TriggerCharacters: []string{`\`, "!", "."}}
}
