package parser

import (
	"fmt"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/scan"
)

// maxNesting bounds the recursion of lowering. Real specifications nest a
// few dozen levels; the bound keeps hostile input (10,000 nested
// parentheses) from costing deep stacks and gives it a clear error instead.
const maxNesting = 1000

// lowerer turns the tree-sitter concrete syntax tree into the typed AST.
// It is also used by lower_pcal.go for the PlusCal algorithm.
type lowerer struct {
	src     []byte
	errors  []Error
	depth   int  // current recursion depth, bounded by maxNesting
	tooDeep bool // the nesting error was reported once already
	// meta and kidCache memoize what lowering asks of tree-sitter nodes:
	// every question is a cgo call, and lowering asks each node several.
	meta     map[*sitter.Node]*nodeMeta
	kidCache map[*sitter.Node]*kidList
	cursor   *sitter.TreeCursor // reused by kids; closed by close
	// flat answers those questions for the nodes of the tree being
	// lowered without any cgo call; nil when unavailable.
	flat *flatTree
	// reportedLayout holds the tokens already reported by checkItemLayout,
	// so that nested lists report a badly placed token once.
	reportedLayout map[int]bool
	// lowered collects the units of top-level modules for the next parse
	// of a Document (see reuse.go); nil when nobody will reuse them.
	lowered map[string]*loweredUnit
	// preshifted are copies of previous units already moved to where they
	// are expected now (see unitCache.preshift).
	preshifted map[*loweredUnit]*loweredUnit
	// reused and preshiftUsed count the units taken from the previous
	// parse, and those of them already shifted.
	reused, preshiftUsed int
	// noPcalSearch: this lowering is ParseAlgorithmAt's, of a text made
	// to hold the algorithm; it looks no further.
	noPcalSearch bool
}

// close frees the C memory the lowerer holds.
func (l *lowerer) close() {
	if l.cursor != nil {
		l.cursor.Close()
		l.cursor = nil
	}
}

// nodeMeta is what lowering needs to know about one node. smacker hands
// out one *sitter.Node per node of a tree, so pointers are stable keys.
type nodeMeta struct {
	trimmed    bool // end moved back over trailing comments
	typ        string
	start, end int
	named      bool
	missing    bool
}

// kidList is the children of a node with their field names.
type kidList struct {
	nodes  []*sitter.Node
	fields []string
}

// info returns the memoized facts about n.
func (l *lowerer) info(n *sitter.Node) *nodeMeta {
	if f := l.flat.lookup(n); f != nil {
		return &f.meta
	}
	if m, ok := l.meta[n]; ok {
		return m
	}
	m := &nodeMeta{typ: n.Type(), start: int(n.StartByte()), end: int(n.EndByte()), named: n.IsNamed(), missing: n.IsMissing()}
	if m.end < m.start {
		// Seen on fuzzed input: tree-sitter's error recovery can yield a
		// node ending before it starts; an AST range is never inverted.
		m.end = m.start
	}
	if l.meta == nil {
		l.meta = map[*sitter.Node]*nodeMeta{}
	}
	l.meta[n] = m
	// The grammar attaches comments that follow a bullet list to the list
	// itself; a node's range must end at its last real token, or an action
	// would extend over the comment above the next definition.
	if m.typ != "comment" && m.typ != "block_comment" {
		// Only trailing comments are cut: a last visible child may end
		// before its parent legitimately (hidden tokens such as the `=`
		// run of a `====` line).
		skipped := false
		for i := int(n.ChildCount()) - 1; i >= 0; i-- {
			c := n.Child(i)
			if t := c.Type(); t == "comment" || t == "block_comment" {
				skipped = true
				continue
			}
			if ci := l.info(c); skipped || ci.trimmed {
				m.end, m.trimmed = ci.end, true
			}
			break
		}
	}
	return m
}

// kids returns all children of n (named or not, comments included) with
// their field names.
func (l *lowerer) kids(n *sitter.Node) *kidList {
	if f := l.flat.lookup(n); f != nil {
		return &f.kids
	}
	if k, ok := l.kidCache[n]; ok {
		return k
	}
	k := &kidList{}
	// A cursor, not n.Child(i): tree-sitter finds the i-th child by
	// walking from the first, so indexing is quadratic in the number of
	// children (a module of 500 units, or an ERROR node of 10,000 tokens).
	if l.cursor == nil {
		l.cursor = sitter.NewTreeCursor(n)
	} else {
		l.cursor.Reset(n)
	}
	if l.cursor.GoToFirstChild() {
		for {
			k.nodes = append(k.nodes, l.cursor.CurrentNode())
			k.fields = append(k.fields, l.cursor.CurrentFieldName())
			if !l.cursor.GoToNextSibling() {
				break
			}
		}
	}
	if l.kidCache == nil {
		l.kidCache = map[*sitter.Node]*kidList{}
	}
	l.kidCache[n] = k
	return k
}

// children returns all children of n, comments included.
func (l *lowerer) children(n *sitter.Node) []*sitter.Node { return l.kids(n).nodes }

// typ is n's node type.
func (l *lowerer) typ(n *sitter.Node) string { return l.info(n).typ }

// named returns the named children of n that are not comments.
func (l *lowerer) named(n *sitter.Node) []*sitter.Node {
	if n == nil {
		return nil
	}
	all := l.children(n)
	out := make([]*sitter.Node, 0, len(all))
	for _, c := range all {
		m := l.info(c)
		if m.named && m.typ != "comment" && m.typ != "block_comment" {
			out = append(out, c)
		}
	}
	return out
}

// fieldKids returns the named, non-comment children of n under field.
func (l *lowerer) fieldKids(n *sitter.Node, field string) []*sitter.Node {
	var out []*sitter.Node
	k := l.kids(n)
	for i, c := range k.nodes {
		if k.fields[i] != field {
			continue
		}
		if m := l.info(c); m.named && m.typ != "comment" && m.typ != "block_comment" {
			out = append(out, c)
		}
	}
	return out
}

// field returns the first child of n under field, or nil.
func (l *lowerer) field(n *sitter.Node, field string) *sitter.Node {
	k := l.kids(n)
	for i, f := range k.fields {
		if f == field {
			return k.nodes[i]
		}
	}
	return nil
}

// hasToken reports whether n has a direct anonymous child spelled tok.
func (l *lowerer) hasToken(n *sitter.Node, tok string) bool {
	for _, c := range l.children(n) {
		if m := l.info(c); !m.named && m.typ == tok {
			return true
		}
	}
	return false
}

// firstToken is the type of the first child of n (a keyword, usually).
func (l *lowerer) firstToken(n *sitter.Node) string {
	if k := l.children(n); len(k) > 0 {
		return l.typ(k[0])
	}
	return ""
}

func (l *lowerer) span(n *sitter.Node) ast.Span {
	if n == nil {
		return ast.Span{}
	}
	m := l.info(n)
	return ast.Span{Start: m.start, End: m.end}
}

func (l *lowerer) errorf(sp ast.Span, format string, args ...any) {
	l.errors = append(l.errors, Error{Span: sp, Msg: fmt.Sprintf(format, args...)})
}

// pcalErrorf records a syntax error of a PlusCal algorithm.
func (l *lowerer) pcalErrorf(sp ast.Span, format string, args ...any) {
	l.errors = append(l.errors, Error{Span: sp, Msg: fmt.Sprintf(format, args...), PlusCal: true})
}

func (l *lowerer) text(n *sitter.Node) string {
	m := l.info(n)
	return string(l.src[m.start:m.end])
}

// enter and leave bound the nesting of lowering; enter reports false (and
// the error, once) when the bound is passed.
func (l *lowerer) enter(n *sitter.Node) bool {
	l.depth++
	if l.depth > maxNesting {
		if !l.tooDeep {
			l.tooDeep = true
			l.errorf(l.span(n), "expression nested too deeply (more than %d levels)", maxNesting)
		}
		return false
	}
	return true
}

func (l *lowerer) leave() { l.depth-- }

func (l *lowerer) ident(n *sitter.Node) *ast.Ident {
	if n == nil {
		return nil
	}
	id := &ast.Ident{Span: l.span(n), Name: l.text(n)}
	if id.Name != "" && !scan.IsIdentByte(id.Name[0]) {
		// an operator symbol read as a name (rewriteOpSelectors)
		id.Name = canonicalSpelling(id.Name)
	}
	return id
}

// nameOf is the Ident of n's "name" field, or an empty Ident at n's start
// when the name is missing, so that consumers never meet a nil name.
func (l *lowerer) nameOf(n *sitter.Node) *ast.Ident {
	if id := l.ident(l.field(n, "name")); id != nil {
		return id
	}
	start := l.span(n).Start
	return &ast.Ident{Span: ast.Span{Start: start, End: start}}
}

// opName turns an operator-symbol node (prefix_op_symbol, infix_op_symbol,
// postfix_op_symbol, or one of their inner nodes) into an Ident with the
// canonical spelling.
func (l *lowerer) opName(n *sitter.Node) *ast.Ident {
	id := &ast.Ident{Span: l.span(n), Name: l.text(n)}
	inner := n
	switch l.typ(n) {
	case "prefix_op_symbol", "infix_op_symbol", "postfix_op_symbol":
		if k := l.named(n); len(k) > 0 {
			inner = k[0]
		}
	}
	if c, ok := canonicalOp[l.typ(inner)]; ok {
		id.Name = c
	}
	return id
}

// symbolFixity says how an operator-symbol node is written.
func (l *lowerer) symbolFixity(n *sitter.Node) ast.Fixity {
	switch l.typ(n) {
	case "prefix_op_symbol":
		return ast.Prefix
	case "infix_op_symbol":
		return ast.InfixOp
	case "postfix_op_symbol":
		return ast.Postfix
	}
	return ast.Nonfix
}
