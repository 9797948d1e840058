package parser

import (
	"fmt"
	"strconv"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/tlals/tlals/parser/ast"
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
	return &ast.Ident{Span: l.span(n), Name: l.text(n)}
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

// ---------------------------------------------------------------- modules

// unitTypes are the node types that lower to an ast.Unit.
var unitTypes = map[string]bool{
	"variable_declaration": true, "constant_declaration": true, "recursive_declaration": true,
	"use_or_hide": true, "local_definition": true, "operator_definition": true,
	"function_definition": true, "instance": true, "module_definition": true,
	"assumption": true, "theorem": true, "module": true,
}

// file lowers the root source_file node.
func (l *lowerer) file(root *sitter.Node) *ast.Module {
	var mod *ast.Module
	for _, k := range l.named(root) {
		if l.typ(k) != "module" {
			continue
		}
		if mod == nil {
			mod = l.module(k)
		} else {
			mod.Trailing = append(mod.Trailing, l.module(k))
		}
	}
	if mod == nil {
		// A snippet without a module header: lower what is there so that
		// the editor still has definitions to offer.
		// When the root is an ERROR node its children are a flat mix of
		// units and stray tokens; only the units are kept, and the name
		// after a `MODULE` keyword is recovered.
		mod = &ast.Module{Span: l.span(root)}
		// Whether the root of such a snippet extends over trailing
		// white space varies between parses of the same text (seen on
		// fuzzed input with an unterminated string); the range must not.
		for mod.End > mod.Start && mod.End <= len(l.src) && isSpace(l.src[mod.End-1]) {
			mod.End--
		}
		all := l.children(root)
		for i, k := range all {
			switch l.typ(k) {
			case "MODULE":
				if i+1 < len(all) && mod.Name == nil && l.typ(all[i+1]) == "identifier" {
					mod.Name = l.ident(all[i+1])
				}
			case "extends":
				mod.Extends = l.extends(k)
			case "pcal_algorithm":
				mod.Algorithm = l.algorithm(k)
			default:
				if unitTypes[l.typ(k)] {
					mod.Units = append(mod.Units, l.unit(k))
				}
			}
		}
		if !root.HasError() {
			l.errorf(firstLineSpan(l.src), "`MODULE` header expected: a module starts with a line like `---- MODULE Name ----`")
		}
	}
	var alg *sitter.Node
	mod.Comments, mod.Translation, alg = l.comments(root, mod.Span)
	if mod.Algorithm == nil && alg != nil {
		mod.Algorithm = l.algorithm(alg)
	}
	return mod
}

func (l *lowerer) extends(n *sitter.Node) []*ast.Ident {
	var out []*ast.Ident
	for _, k := range l.named(n) {
		if l.typ(k) == "identifier_ref" {
			out = append(out, l.ident(k))
		}
	}
	return out
}

func (l *lowerer) module(n *sitter.Node) *ast.Module {
	m := &ast.Module{Span: l.span(n), Name: l.ident(l.field(n, "name"))}
	if m.Name != nil && m.Name.Span.Len() == 0 {
		m.Name = nil
	}
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "header_line", "double_line", "identifier", "ERROR":
		case "extends":
			m.Extends = append(m.Extends, l.extends(k)...)
		default:
			m.Units = append(m.Units, l.unit(k))
		}
	}
	return m
}

// unit lowers a module-level item, also used for the definitions of a
// PlusCal define block and of LET.
func (l *lowerer) unit(n *sitter.Node) ast.Unit {
	f := l.flat.lookup(n)
	if f == nil || !f.top {
		return l.lowerUnit(n)
	}
	if f.reused != nil {
		if u, ok := l.reuseUnit(f); ok {
			return u
		}
	}
	before := len(l.errors)
	u := l.lowerUnit(n)
	l.remember(f, u, before)
	return u
}

// lowerUnit lowers a unit node.
func (l *lowerer) lowerUnit(n *sitter.Node) ast.Unit {
	if n == nil {
		return &ast.BadUnit{}
	}
	if !l.enter(n) {
		l.leave()
		return &ast.BadUnit{Span: l.span(n)}
	}
	defer l.leave()
	switch l.typ(n) {
	case "variable_declaration":
		d := &ast.VarDecl{Span: l.span(n)}
		for _, k := range l.named(n) {
			if l.typ(k) == "identifier" {
				d.Names = append(d.Names, l.ident(k))
			}
		}
		return d
	case "constant_declaration":
		return &ast.ConstDecl{Span: l.span(n), Decls: l.opDecls(n)}
	case "recursive_declaration":
		return &ast.RecursiveDecl{Span: l.span(n), Decls: l.opDecls(n)}
	case "local_definition":
		for _, k := range l.named(n) {
			u := l.unit(k)
			switch d := u.(type) {
			case *ast.OpDef:
				d.Local, d.Span.Start = true, l.span(n).Start
			case *ast.FuncDef:
				d.Local, d.Span.Start = true, l.span(n).Start
			case *ast.Instance:
				d.Local, d.Span.Start = true, l.span(n).Start
			case *ast.ModuleDef:
				d.Local, d.Span.Start = true, l.span(n).Start
			}
			return u
		}
		return &ast.BadUnit{Span: l.span(n)}
	case "operator_definition":
		return l.opDef(n)
	case "function_definition":
		d := &ast.FuncDef{Span: l.span(n), Name: l.nameOf(n)}
		for _, k := range l.named(n) {
			if l.typ(k) == "quantifier_bound" {
				d.Bounds = append(d.Bounds, l.bound(k))
			}
		}
		d.Body = l.expr(l.field(n, "definition"))
		return d
	case "instance":
		return l.instance(n)
	case "module_definition":
		d := &ast.ModuleDef{Span: l.span(n), Name: l.nameOf(n)}
		for _, p := range l.fieldKids(n, "parameter") {
			d.Params = append(d.Params, l.param(p))
		}
		if def := l.field(n, "definition"); def != nil && l.typ(def) == "instance" {
			d.Instance = l.instance(def)
		} else {
			d.Instance = &ast.Instance{Span: ast.Span{Start: d.End, End: d.End}}
		}
		return d
	case "assumption":
		a := &ast.Assume{Span: l.span(n), Keyword: l.firstToken(n)}
		if nm := l.field(n, "name"); nm != nil {
			a.Name = l.ident(nm)
		}
		a.Expr = l.lastExpr(n)
		return a
	case "theorem":
		return l.theorem(n)
	case "use_or_hide":
		return l.useOrHide(n)
	case "module":
		return l.module(n)
	case "single_line":
		return &ast.Separator{Span: l.span(n)}
	}
	return &ast.BadUnit{Span: l.span(n)}
}

// lastExpr lowers the last named child of n that is not a name or a `==`.
func (l *lowerer) lastExpr(n *sitter.Node) ast.Expr {
	kids := l.named(n)
	for i := len(kids) - 1; i >= 0; i-- {
		k := kids[i]
		if l.typ(k) == "ERROR" {
			continue
		}
		if l.typ(k) == "def_eq" || k == l.field(n, "name") {
			break // the expression is missing
		}
		return l.expr(k)
	}
	return &ast.BadExpr{Span: ast.Span{Start: l.span(n).End, End: l.span(n).End}}
}

func (l *lowerer) opDecls(n *sitter.Node) []*ast.OpDecl {
	var out []*ast.OpDecl
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "identifier", "operator_declaration":
			p := l.param(k)
			out = append(out, &ast.OpDecl{Span: p.Span, Name: p.Name, Fixity: p.Fixity, Arity: p.Arity})
		}
	}
	return out
}

// param lowers an identifier or an operator_declaration (`F(_, _)`,
// `-. _`, `_ + _`, `_ ^+`).
func (l *lowerer) param(n *sitter.Node) *ast.Param {
	p := &ast.Param{Span: l.span(n)}
	if l.typ(n) != "operator_declaration" {
		p.Name = l.ident(n)
		return p
	}
	name := l.field(n, "name")
	if name == nil {
		p.Name = &ast.Ident{Span: l.span(n)}
		return p
	}
	placeholders := 0
	for _, k := range l.named(n) {
		if l.typ(k) == "placeholder" {
			placeholders++
		}
	}
	p.Arity = placeholders
	if fx := l.symbolFixity(name); fx != ast.Nonfix {
		p.Name, p.Fixity = l.opName(name), fx
	} else {
		p.Name = l.ident(name)
	}
	return p
}

func (l *lowerer) opDef(n *sitter.Node) *ast.OpDef {
	d := &ast.OpDef{Span: l.span(n)}
	name := l.field(n, "name")
	switch {
	case name == nil:
		d.Name = &ast.Ident{Span: ast.Span{Start: d.Start, End: d.Start}}
	case l.symbolFixity(name) != ast.Nonfix:
		d.Name, d.Fixity = l.opName(name), l.symbolFixity(name)
	default:
		d.Name = l.ident(name)
		if c, ok := canonicalSet[l.typ(name)]; ok {
			d.Name.Name = c
		}
	}
	for _, p := range l.fieldKids(n, "parameter") {
		if l.typ(p) == "identifier" || l.typ(p) == "operator_declaration" {
			d.Params = append(d.Params, l.param(p))
		}
	}
	d.Body = l.expr(l.field(n, "definition"))
	return d
}

func (l *lowerer) instance(n *sitter.Node) *ast.Instance {
	in := &ast.Instance{Span: l.span(n)}
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "identifier_ref":
			if in.Module == nil {
				in.Module = l.ident(k)
			}
		case "substitution":
			s := &ast.Subst{Span: l.span(k)}
			ks := l.named(k)
			if len(ks) > 0 {
				if l.symbolFixity(ks[0]) != ast.Nonfix {
					s.Name = l.opName(ks[0])
				} else {
					s.Name = l.ident(ks[0])
				}
			}
			if len(ks) > 2 {
				s.Expr = l.opOrExpr(ks[2])
			} else {
				s.Expr = &ast.BadExpr{Span: ast.Span{Start: s.End, End: s.End}}
			}
			in.Substs = append(in.Substs, s)
		}
	}
	if in.Module == nil {
		in.Module = &ast.Ident{Span: ast.Span{Start: in.End, End: in.End}}
	}
	return in
}

// ---------------------------------------------------------------- proofs

func (l *lowerer) theorem(n *sitter.Node) *ast.Theorem {
	t := &ast.Theorem{Span: l.span(n), Keyword: l.firstToken(n)}
	if nm := l.field(n, "name"); nm != nil {
		t.Name = l.ident(nm)
	}
	if st := l.field(n, "statement"); st != nil {
		t.Body = l.expr(st)
	} else {
		t.Body = &ast.BadExpr{Span: ast.Span{Start: t.End, End: t.End}}
	}
	if pr := l.field(n, "proof"); pr != nil {
		t.Proof = l.proof(pr)
	}
	return t
}

func (l *lowerer) assumeProve(n *sitter.Node) *ast.AssumeProve {
	ap := &ast.AssumeProve{Span: l.span(n)}
	for _, k := range l.fieldKids(n, "assumption") {
		switch l.typ(k) {
		case "new":
			ap.Assumes = append(ap.Assumes, l.newDecl(k))
		case "inner_assume_prove":
			ap.Assumes = append(ap.Assumes, l.innerAssumeProve(k))
		default:
			ap.Assumes = append(ap.Assumes, l.expr(k))
		}
	}
	if c := l.field(n, "conclusion"); c != nil {
		ap.Prove = l.expr(c)
	} else {
		ap.Prove = &ast.BadExpr{Span: ast.Span{Start: ap.End, End: ap.End}}
	}
	return ap
}

// innerAssumeProve is a nested ASSUME/PROVE, possibly labelled `lbl ::`.
func (l *lowerer) innerAssumeProve(n *sitter.Node) ast.Node {
	var name *sitter.Node
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "identifier":
			name = k
		case "assume_prove":
			ap := l.assumeProve(k)
			if name == nil {
				return ap
			}
			return &ast.Labeled{Span: l.span(n), Name: l.ident(name), Body: ap}
		}
	}
	return &ast.BadExpr{Span: l.span(n)}
}

func (l *lowerer) newDecl(n *sitter.Node) *ast.NewDecl {
	d := &ast.NewDecl{Span: l.span(n)}
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "statement_level":
			d.Level = l.text(k)
		case "identifier":
			d.Name = l.ident(k)
		case "operator_declaration":
			p := l.param(k)
			d.Name, d.Arity = p.Name, p.Arity
		case "set_in":
		default:
			if d.Name != nil && l.typ(k) != "ERROR" {
				d.Set = l.expr(k)
			}
		}
	}
	if d.Name == nil {
		d.Name = &ast.Ident{Span: ast.Span{Start: d.End, End: d.End}}
	}
	return d
}

func (l *lowerer) proof(n *sitter.Node) *ast.Proof {
	p := &ast.Proof{Span: l.span(n)}
	switch l.typ(n) {
	case "terminal_proof":
		switch {
		case l.hasToken(n, "BY"):
			p.Kind = "BY"
			p.Only = l.hasToken(n, "ONLY")
			for _, k := range l.named(n) {
				if l.typ(k) == "use_body" {
					p.Facts, p.Defs = l.useBody(k)
				}
			}
		case l.hasToken(n, "OBVIOUS"):
			p.Kind = "OBVIOUS"
		default:
			p.Kind = "OMITTED"
		}
	default: // non_terminal_proof
		p.Kind = "PROOF"
		for _, k := range l.named(n) {
			switch l.typ(k) {
			case "proof_step", "qed_step":
				p.Steps = append(p.Steps, l.proofStep(k))
			}
		}
	}
	return p
}

func (l *lowerer) proofStep(n *sitter.Node) *ast.ProofStep {
	s := &ast.ProofStep{Span: l.span(n)}
	if l.typ(n) == "qed_step" {
		s.Kind = "QED"
	}
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "proof_step_id":
			s.Label = strings.TrimRight(l.text(k), ".")
		case "terminal_proof", "non_terminal_proof":
			s.Proof = l.proof(k)
		case "definition_proof_step":
			s.Kind = "DEFINE"
			for _, d := range l.named(k) {
				s.Units = append(s.Units, l.unit(d))
			}
		case "have_proof_step", "witness_proof_step", "case_proof_step":
			s.Kind = strings.ToUpper(strings.TrimSuffix(l.typ(k), "_proof_step"))
			for _, e := range l.named(k) {
				switch l.typ(e) {
				case "terminal_proof", "non_terminal_proof":
					s.Proof = l.proof(e)
				default:
					s.Exprs = append(s.Exprs, l.expr(e))
				}
			}
		case "suffices_proof_step":
			s.Kind = "ASSERT"
			if l.hasToken(k, "SUFFICES") {
				s.Kind = "SUFFICES"
			}
			for _, e := range l.named(k) {
				switch l.typ(e) {
				case "terminal_proof", "non_terminal_proof":
					s.Proof = l.proof(e)
				default:
					s.Exprs = append(s.Exprs, l.expr(e))
				}
			}
		case "take_proof_step", "pick_proof_step":
			s.Kind = "TAKE"
			if l.typ(k) == "pick_proof_step" {
				s.Kind = "PICK"
			}
			for _, e := range l.named(k) {
				switch l.typ(e) {
				case "quantifier_bound":
					s.Bounds = append(s.Bounds, l.bound(e))
				case "identifier":
					s.Bounds = append(s.Bounds, &ast.Bound{Span: l.span(e), Names: []*ast.Ident{l.ident(e)}})
				case "terminal_proof", "non_terminal_proof":
					s.Proof = l.proof(e)
				default:
					s.Exprs = append(s.Exprs, l.expr(e))
				}
			}
		case "use_or_hide":
			u := l.useOrHide(k)
			s.Kind = "USE"
			if u.Hide {
				s.Kind = "HIDE"
			}
			s.Units = append(s.Units, u)
		case "instance":
			s.Kind = "INSTANCE"
			s.Units = append(s.Units, l.instance(k))
		}
	}
	return s
}

func (l *lowerer) useOrHide(n *sitter.Node) *ast.UseOrHide {
	u := &ast.UseOrHide{Span: l.span(n), Hide: l.firstToken(n) == "HIDE"}
	for _, k := range l.named(n) {
		if l.typ(k) == "use_body" {
			u.Facts, u.Defs = l.useBody(k)
		}
	}
	return u
}

// useBody lowers `facts DEF defs`. A `MODULE M` item becomes an OpApp whose
// name is "MODULE M" (with a space, so that it never resolves as an
// operator name by accident).
func (l *lowerer) useBody(n *sitter.Node) (facts, defs []ast.Expr) {
	items := func(part *sitter.Node) []ast.Expr {
		var out []ast.Expr
		for _, k := range l.named(part) {
			if l.typ(k) == "module_ref" {
				var name *sitter.Node
				if kn := l.named(k); len(kn) > 0 {
					name = kn[0]
				}
				id := &ast.Ident{Span: l.span(k), Name: "MODULE"}
				if name != nil {
					id.Name = "MODULE " + l.text(name)
				}
				out = append(out, &ast.OpApp{Span: l.span(k), Name: id})
				continue
			}
			out = append(out, l.opOrExpr(k))
		}
		return out
	}
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "use_body_expr":
			facts = items(k)
		case "use_body_def":
			defs = items(k)
		}
	}
	return facts, defs
}

// ---------------------------------------------------------------- expressions

// opOrExpr lowers an argument that may be an operator symbol or a LAMBDA.
func (l *lowerer) opOrExpr(n *sitter.Node) ast.Expr {
	switch l.typ(n) {
	case "prefix_op_symbol", "infix_op_symbol", "postfix_op_symbol":
		return &ast.OpApp{Span: l.span(n), Name: l.opName(n)}
	case "lambda":
		if !l.enter(n) {
			l.leave()
			return &ast.BadExpr{Span: l.span(n)}
		}
		defer l.leave()
		lam := &ast.Lambda{Span: l.span(n)}
		kids := l.named(n)
		for i, k := range kids {
			if l.typ(k) == "identifier" && i < len(kids)-1 {
				lam.Params = append(lam.Params, l.ident(k))
			}
		}
		if len(kids) > 0 {
			lam.Body = l.expr(kids[len(kids)-1])
		} else {
			lam.Body = &ast.BadExpr{Span: ast.Span{Start: lam.End, End: lam.End}}
		}
		return lam
	}
	return l.expr(n)
}

func (l *lowerer) exprs(ns []*sitter.Node) []ast.Expr {
	out := make([]ast.Expr, 0, len(ns))
	for _, n := range ns {
		if l.typ(n) == "ERROR" {
			continue
		}
		out = append(out, l.expr(n))
	}
	return out
}

// bound lowers quantifier_bound: `x, y \in S` or `<<x, y>> \in S`.
func (l *lowerer) bound(n *sitter.Node) *ast.Bound {
	b := &ast.Bound{Span: l.span(n)}
	for _, in := range l.fieldKids(n, "intro") {
		if l.typ(in) == "tuple_of_identifiers" {
			b.Tuple = true
			for _, id := range l.named(in) {
				if l.typ(id) == "identifier" {
					b.Names = append(b.Names, l.ident(id))
				}
			}
		} else if l.typ(in) == "identifier" {
			b.Names = append(b.Names, l.ident(in))
		}
	}
	if s := l.field(n, "set"); s != nil {
		b.Set = l.expr(s)
	} else {
		b.Set = &ast.BadExpr{Span: ast.Span{Start: b.End, End: b.End}}
	}
	return b
}

// expr lowers any expression node.
func (l *lowerer) expr(n *sitter.Node) ast.Expr {
	if n == nil {
		return &ast.BadExpr{}
	}
	sp := l.span(n)
	if !l.enter(n) {
		l.leave()
		return &ast.BadExpr{Span: sp}
	}
	defer l.leave()
	if l.info(n).missing {
		return &ast.BadExpr{Span: sp}
	}
	switch l.typ(n) {
	case "nat_number":
		t := l.text(n)
		return &ast.Number{Span: sp, Text: t, Digits: t, Base: 10}
	case "real_number":
		t := l.text(n)
		return &ast.Number{Span: sp, Text: t, Digits: t, Base: 10, Decimal: true}
	case "binary_number", "octal_number", "hex_number":
		num := &ast.Number{Span: sp, Text: l.text(n), Base: map[string]int{"binary_number": 2, "octal_number": 8, "hex_number": 16}[l.typ(n)]}
		for _, k := range l.named(n) {
			if l.typ(k) == "value" {
				num.Digits = l.text(k)
			}
		}
		return num
	case "string":
		return &ast.String{Span: sp, Value: l.stringValue(n)}
	case "boolean":
		return &ast.Bool{Span: sp, Value: l.text(n) == "TRUE"}
	case "string_set", "boolean_set", "nat_number_set", "int_number_set", "real_number_set":
		return &ast.OpApp{Span: sp, Name: &ast.Ident{Span: sp, Name: canonicalSet[l.typ(n)]}}
	case "parentheses":
		return &ast.Paren{Span: sp, X: l.only(n)}
	case "label":
		lb := &ast.Labeled{Span: sp, Name: l.nameOf(n)}
		for _, p := range l.fieldKids(n, "parameter") {
			if l.typ(p) == "identifier_ref" || l.typ(p) == "identifier" {
				lb.Params = append(lb.Params, l.ident(p))
			}
		}
		lb.Body = l.exprOrBad(l.field(n, "expression"), sp)
		return lb
	case "subexpression":
		return l.subexpression(n)
	case "proof_step_ref":
		return &ast.StepRef{Span: sp, Label: l.text(n)}
	case "identifier_ref", "identifier":
		return &ast.OpApp{Span: sp, Name: l.ident(n)}
	case "bound_op":
		return l.boundOp(n, nil)
	case "bound_nonfix_op":
		return l.nonfixOp(n)
	case "prefixed_op":
		return l.prefixedOp(n)
	case "bound_prefix_op":
		sym := l.field(n, "symbol")
		op := l.opName(sym)
		return &ast.PrefixExpr{Span: sp, Op: op.Name, OpAt: op.Span, X: l.exprOrBad(l.field(n, "rhs"), sp)}
	case "bound_infix_op":
		return l.infix(n)
	case "bound_postfix_op":
		sym := l.field(n, "symbol")
		op := l.opName(sym)
		return &ast.PostfixExpr{Span: sp, Op: op.Name, OpAt: op.Span, X: l.exprOrBad(l.field(n, "lhs"), sp)}
	case "bounded_quantification", "unbounded_quantification":
		return l.quant(n)
	case "choose":
		c := &ast.Choose{Span: sp}
		b := &ast.Bound{}
		if in := l.field(n, "intro"); in != nil {
			b.Span = l.span(in)
			if l.typ(in) == "tuple_of_identifiers" {
				b.Tuple = true
				for _, id := range l.named(in) {
					if l.typ(id) == "identifier" {
						b.Names = append(b.Names, l.ident(id))
					}
				}
			} else {
				b.Names = []*ast.Ident{l.ident(in)}
			}
		}
		if s := l.field(n, "set"); s != nil {
			b.Set = l.expr(s)
			b.End = l.span(s).End
		}
		c.Bound = b
		c.Body = l.exprOrBad(l.field(n, "expression"), sp)
		return c
	case "finite_set_literal":
		return &ast.SetEnum{Span: sp, Elems: l.exprs(l.named(n))}
	case "set_filter":
		f := &ast.SetFilter{Span: sp}
		if g := l.field(n, "generator"); g != nil {
			f.Bound = l.bound(g)
		} else {
			f.Bound = &ast.Bound{Span: sp}
		}
		f.Pred = l.exprOrBad(l.field(n, "filter"), sp)
		return f
	case "set_map":
		m := &ast.SetMap{Span: sp, Elem: l.exprOrBad(l.field(n, "map"), sp)}
		for _, g := range l.fieldKids(n, "generator") {
			if l.typ(g) == "quantifier_bound" {
				m.Bounds = append(m.Bounds, l.bound(g))
			}
		}
		return m
	case "function_evaluation":
		kids := l.named(n)
		app := &ast.FuncApp{Span: sp}
		if len(kids) > 0 {
			app.Fn = l.expr(kids[0])
			app.Args = l.exprs(kids[1:])
		} else {
			app.Fn = &ast.BadExpr{Span: sp}
		}
		return app
	case "function_literal":
		f := &ast.FuncLit{Span: sp}
		for _, k := range l.named(n) {
			switch l.typ(k) {
			case "quantifier_bound":
				f.Bounds = append(f.Bounds, l.bound(k))
			case "all_map_to", "ERROR":
			default:
				f.Body = l.expr(k)
			}
		}
		if f.Body == nil {
			f.Body = &ast.BadExpr{Span: ast.Span{Start: sp.End, End: sp.End}}
		}
		return f
	case "set_of_functions":
		var parts []ast.Expr
		for _, k := range l.named(n) {
			if l.typ(k) != "maps_to" && l.typ(k) != "ERROR" {
				parts = append(parts, l.expr(k))
			}
		}
		for len(parts) < 2 {
			parts = append(parts, &ast.BadExpr{Span: ast.Span{Start: sp.End, End: sp.End}})
		}
		return &ast.FuncSet{Span: sp, Domain: parts[0], Range: parts[1]}
	case "record_literal":
		return &ast.Record{Span: sp, Fields: l.fields(n)}
	case "set_of_records":
		return &ast.RecordSet{Span: sp, Fields: l.fields(n)}
	case "record_value":
		kids := l.named(n)
		sel := &ast.Select{Span: sp}
		if len(kids) >= 2 {
			sel.Rec, sel.Field = l.expr(kids[0]), l.ident(kids[len(kids)-1])
		} else {
			sel.Rec, sel.Field = &ast.BadExpr{Span: sp}, &ast.Ident{Span: ast.Span{Start: sp.End, End: sp.End}}
		}
		return sel
	case "except":
		return l.except(n)
	case "prev_func_val":
		return &ast.At{Span: sp}
	case "tuple_literal":
		var elems []ast.Expr
		for _, k := range l.named(n) {
			if l.typ(k) != "langle_bracket" && l.typ(k) != "rangle_bracket" && l.typ(k) != "ERROR" {
				elems = append(elems, l.expr(k))
			}
		}
		return &ast.Tuple{Span: sp, Elems: elems}
	case "step_expr_or_stutter", "step_expr_no_stutter":
		b := &ast.BoxAction{Span: sp, Angle: l.typ(n) == "step_expr_no_stutter"}
		var parts []ast.Expr
		for _, k := range l.named(n) {
			switch l.typ(k) {
			case "langle_bracket", "rangle_bracket_sub", "ERROR":
			default:
				parts = append(parts, l.expr(k))
			}
		}
		for len(parts) < 2 {
			parts = append(parts, &ast.BadExpr{Span: ast.Span{Start: sp.End, End: sp.End}})
		}
		b.Action, b.Sub = parts[0], parts[1]
		return b
	case "fairness":
		f := &ast.Fairness{Span: sp, Strong: l.firstToken(n) == "SF_"}
		parts := l.exprs(l.named(n))
		for len(parts) < 2 {
			parts = append(parts, &ast.BadExpr{Span: ast.Span{Start: sp.End, End: sp.End}})
		}
		f.Sub, f.Action = parts[0], parts[1]
		return f
	case "if_then_else":
		return &ast.If{Span: sp,
			Cond: l.exprOrBad(l.field(n, "if"), sp),
			Then: l.exprOrBad(l.field(n, "then"), sp),
			Else: l.exprOrBad(l.field(n, "else"), sp)}
	case "case":
		c := &ast.Case{Span: sp}
		for _, k := range l.named(n) {
			switch l.typ(k) {
			case "case_arm":
				arm := &ast.CaseArm{Span: l.span(k)}
				var parts []ast.Expr
				for _, e := range l.named(k) {
					if l.typ(e) != "case_arrow" && l.typ(e) != "ERROR" {
						parts = append(parts, l.expr(e))
					}
				}
				for len(parts) < 2 {
					parts = append(parts, &ast.BadExpr{Span: ast.Span{Start: arm.End, End: arm.End}})
				}
				arm.Cond, arm.Val = parts[0], parts[1]
				c.Arms = append(c.Arms, arm)
			case "other_arm":
				c.Other = l.lastNamedExpr(k)
			}
		}
		return c
	case "let_in":
		let := &ast.Let{Span: sp}
		for _, d := range l.fieldKids(n, "definitions") {
			if l.typ(d) != "ERROR" {
				let.Defs = append(let.Defs, l.unit(d))
			}
		}
		let.Body = l.exprOrBad(l.field(n, "expression"), sp)
		return let
	case "conj_list", "disj_list":
		return l.junction(n)
	case "assume_prove":
		return l.assumeProve(n)
	case "lambda", "prefix_op_symbol", "infix_op_symbol", "postfix_op_symbol":
		return l.opOrExpr(n)
	}
	return &ast.BadExpr{Span: sp}
}

func (l *lowerer) exprOrBad(n *sitter.Node, parent ast.Span) ast.Expr {
	if n == nil {
		return &ast.BadExpr{Span: ast.Span{Start: parent.End, End: parent.End}}
	}
	return l.expr(n)
}

// only lowers the single expression child of a wrapper node.
func (l *lowerer) only(n *sitter.Node) ast.Expr {
	for _, k := range l.named(n) {
		if l.typ(k) != "ERROR" {
			return l.expr(k)
		}
	}
	sp := l.span(n)
	return &ast.BadExpr{Span: ast.Span{Start: sp.End, End: sp.End}}
}

func (l *lowerer) lastNamedExpr(n *sitter.Node) ast.Expr {
	kids := l.named(n)
	for i := len(kids) - 1; i >= 0; i-- {
		switch l.typ(kids[i]) {
		case "ERROR", "case_arrow":
			continue
		}
		return l.expr(kids[i])
	}
	sp := l.span(n)
	return &ast.BadExpr{Span: ast.Span{Start: sp.End, End: sp.End}}
}

// infix lowers bound_infix_op; `\X` chains become one n-ary Product.
func (l *lowerer) infix(n *sitter.Node) ast.Expr {
	sp := l.span(n)
	sym := l.field(n, "symbol")
	lhs, rhs := l.field(n, "lhs"), l.field(n, "rhs")
	if sym == nil {
		return &ast.BadExpr{Span: sp}
	}
	op := l.opName(sym)
	if op.Name == "\\X" {
		// Collect the left spine of unparenthesized products iteratively,
		// so that a long chain costs no extra nesting.
		var rights []*sitter.Node
		left := n
		for left != nil && l.typ(left) == "bound_infix_op" {
			s := l.field(left, "symbol")
			if s == nil || l.opName(s).Name != "\\X" {
				break
			}
			rights = append(rights, l.field(left, "rhs"))
			left = l.field(left, "lhs")
		}
		p := &ast.Product{Span: sp}
		p.Sets = append(p.Sets, l.exprOrBad(left, sp))
		for i := len(rights) - 1; i >= 0; i-- {
			p.Sets = append(p.Sets, l.exprOrBad(rights[i], sp))
		}
		return p
	}
	return &ast.Infix{Span: sp, Op: op.Name, OpAt: op.Span, X: l.exprOrBad(lhs, sp), Y: l.exprOrBad(rhs, sp)}
}

func (l *lowerer) quant(n *sitter.Node) ast.Expr {
	sp := l.span(n)
	q := &ast.Quant{Span: sp}
	if qn := l.field(n, "quantifier"); qn != nil {
		switch l.typ(qn) {
		case "exists":
			q.Kind = ast.Exists
		case "temporal_forall":
			q.Kind = ast.TemporalForall
		case "temporal_exists":
			q.Kind = ast.TemporalExists
		}
	}
	if l.typ(n) == "bounded_quantification" {
		for _, b := range l.fieldKids(n, "bound") {
			if l.typ(b) == "quantifier_bound" {
				q.Bounds = append(q.Bounds, l.bound(b))
			}
		}
	} else {
		b := &ast.Bound{}
		for i, id := range l.fieldKids(n, "intro") {
			if l.typ(id) != "identifier" {
				continue
			}
			if i == 0 {
				b.Start = l.span(id).Start
			}
			b.End = l.span(id).End
			b.Names = append(b.Names, l.ident(id))
		}
		q.Bounds = []*ast.Bound{b}
	}
	q.Body = l.exprOrBad(l.field(n, "expression"), sp)
	return q
}

func (l *lowerer) fields(n *sitter.Node) []*ast.Field {
	var out []*ast.Field
	var cur *ast.Field
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "identifier":
			cur = &ast.Field{Span: l.span(k), Name: l.ident(k)}
			out = append(out, cur)
		case "all_map_to", "ERROR":
		default:
			if cur != nil && cur.Expr == nil {
				cur.Expr = l.expr(k)
				cur.End = l.span(k).End
			}
		}
	}
	for _, f := range out {
		if f.Expr == nil {
			f.Expr = &ast.BadExpr{Span: ast.Span{Start: f.End, End: f.End}}
		}
	}
	return out
}

func (l *lowerer) except(n *sitter.Node) ast.Expr {
	sp := l.span(n)
	e := &ast.Except{Span: sp, Fn: l.exprOrBad(l.field(n, "expr_to_update"), sp)}
	for _, u := range l.named(n) {
		if l.typ(u) != "except_update" {
			continue
		}
		up := &ast.ExceptUpdate{Span: l.span(u)}
		if spec := l.firstOfType(u, "except_update_specifier"); spec != nil {
			for _, st := range l.named(spec) {
				ps := &ast.PathStep{Span: l.span(st)}
				switch l.typ(st) {
				case "except_update_record_field":
					if id := l.firstOfType(st, "identifier_ref"); id != nil {
						ps.Field = l.ident(id)
					} else {
						ps.Field = &ast.Ident{Span: ast.Span{Start: ps.End, End: ps.End}}
					}
				case "except_update_fn_appl":
					ps.Index = l.exprs(l.named(st))
				default:
					continue
				}
				up.Path = append(up.Path, ps)
			}
		}
		up.Val = l.exprOrBad(l.field(u, "new_val"), up.Span)
		e.Updates = append(e.Updates, up)
	}
	return e
}

func (l *lowerer) firstOfType(n *sitter.Node, typ string) *sitter.Node {
	for _, k := range l.named(n) {
		if l.typ(k) == typ {
			return k
		}
	}
	return nil
}

// junction lowers a bullet list. Column is the byte column of the first
// bullet within its line.
func (l *lowerer) junction(n *sitter.Node) ast.Expr {
	j := &ast.Junction{Span: l.span(n), Or: l.typ(n) == "disj_list", Column: -1}
	for _, item := range l.named(n) {
		if l.typ(item) != "conj_item" && l.typ(item) != "disj_item" {
			continue
		}
		kids := l.named(item)
		if j.Column < 0 && len(kids) > 0 {
			start := l.span(kids[0]).Start
			lineStart := start
			for lineStart > 0 && l.src[lineStart-1] != '\n' {
				lineStart--
			}
			j.Column = start - lineStart
		}
		if len(kids) > 0 {
			l.checkItemLayout(j.Or, l.span(kids[0]).Start, l.span(item).End)
		}
		var body ast.Expr
		for _, k := range kids[min(1, len(kids)):] {
			if l.typ(k) != "ERROR" {
				body = l.expr(k)
				break
			}
		}
		if body == nil {
			end := l.span(item).End
			body = &ast.BadExpr{Span: ast.Span{Start: end, End: end}}
		}
		j.Items = append(j.Items, body)
	}
	if j.Column < 0 {
		j.Column = 0
	}
	return j
}

// checkItemLayout reports the first token of a bullet-list item (its
// bullet at bullet, its text ending at end) that is not to the right of
// the bullet. SANY ends a junction list at the first token at or left of
// the bullets' column, so such an item is an error there; the grammar
// accepts it when the token is inside brackets (tree-sitter-tlaplus issue
// #128: `/\ (2` then `)` at column 0). Columns count characters, as SANY
// does. Comments are not tokens and may sit anywhere.
func (l *lowerer) checkItemLayout(or bool, bullet, end int) {
	src := l.src[:min(end, len(l.src))]
	if bullet > len(src) {
		return
	}
	lineStart := bullet
	for lineStart > 0 && src[lineStart-1] != '\n' {
		lineStart--
	}
	col := layoutColumn(src[lineStart:bullet])
	depth := 0 // nesting of (* *) comments
	atLineHead := false
	for i := bullet; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			atLineHead = true
			continue
		case depth > 0:
			if c == '*' && i+1 < len(src) && src[i+1] == ')' {
				depth--
				i++
			} else if c == '(' && i+1 < len(src) && src[i+1] == '*' {
				depth++
				i++
			}
			continue
		case c == ' ' || c == '\t' || c == '\r':
			continue
		case c == '(' && i+1 < len(src) && src[i+1] == '*':
			depth++
			i++
			atLineHead = false
			continue
		case c == '\\' && i+1 < len(src) && src[i+1] == '*':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i-- // the newline is seen next
			continue
		case c == '"':
			// Strings do not span lines; skip one so that a `(*` in it
			// is not taken for a comment.
			for i++; i < len(src) && src[i] != '"' && src[i] != '\n'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
			atLineHead = false
			continue
		}
		if atLineHead && !l.reportedLayout[i] {
			ls := i
			for ls > 0 && src[ls-1] != '\n' {
				ls--
			}
			if layoutColumn(src[ls:i]) <= col {
				tokEnd := i + 1
				for tokEnd < len(src) && !strings.ContainsRune(" \t\r\n", rune(src[tokEnd])) && isPunct(src[i]) == isPunct(src[tokEnd]) {
					tokEnd++
				}
				kind, bulletText := "conjunction", "/\\"
				if or {
					kind, bulletText = "disjunction", "\\/"
				}
				if l.reportedLayout == nil {
					l.reportedLayout = map[int]bool{}
				}
				l.reportedLayout[i] = true
				l.errorf(ast.Span{Start: i, End: tokEnd}, "`%s` is not to the right of the `%s` bullet (column %d) of its %s list item: SANY ends the list before this token; indent it past the bullet", src[i:tokEnd], bulletText, col+1, kind)
				return
			}
		}
		atLineHead = false
	}
}

// layoutColumn is the 0-based column after line, the text from a line's
// start: SANY's, with tab stops every 8 columns (the scanner's too, see
// grammar/scanner.c).
func layoutColumn(line []byte) int {
	col := 0
	for _, r := range string(line) {
		if r == '\t' {
			col = (col/8 + 1) * 8
		} else {
			col++
		}
	}
	return col
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// isPunct separates operator characters from name characters, to report
// a whole token such as `)` or `Foo`.
func isPunct(c byte) bool {
	return !(c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80)
}

// boundOp lowers `Op(a, b)` with an optional instance prefix.
func (l *lowerer) boundOp(n *sitter.Node, prefix []*ast.PrefixPart) *ast.OpApp {
	app := &ast.OpApp{Span: l.span(n), Prefix: prefix, Name: l.ident(l.field(n, "name"))}
	if app.Name == nil {
		app.Name = &ast.Ident{Span: ast.Span{Start: app.Start, End: app.Start}}
	}
	app.Args = []ast.Expr{}
	for _, a := range l.fieldKids(n, "parameter") {
		if l.typ(a) != "ERROR" {
			app.Args = append(app.Args, l.opOrExpr(a))
		}
	}
	return app
}

// prefixPath lowers the `A!B(x)!` components of a subexpr_prefix that name
// modules or operators; rest gets the textual path after the first
// component that is not a name (a tree navigation like `1`, `<<`, `:`).
func (l *lowerer) prefixPath(n *sitter.Node) (parts []*ast.PrefixPart, rest []string, sels []*ast.Selector) {
	for _, c := range l.named(n) {
		if len(rest) == 0 && l.typ(c) == "subexpr_component" {
			innerKids := l.named(c)
			if len(innerKids) == 0 {
				continue
			}
			inner := innerKids[0]
			p := &ast.PrefixPart{Span: l.span(c)}
			switch l.typ(inner) {
			case "bound_op":
				op := l.boundOp(inner, nil)
				p.Name, p.Args = op.Name, op.Args
			case "bound_nonfix_op":
				op := l.nonfixOp(inner)
				p.Name, p.Args = op.Name, op.Args
			case "prefix_op_symbol", "infix_op_symbol", "postfix_op_symbol":
				p.Name = l.opName(inner)
			default:
				p.Name = l.ident(inner)
			}
			parts = append(parts, p)
			continue
		}
		if l.typ(c) == "ERROR" {
			continue
		}
		rest = append(rest, l.text(c))
		sels = append(sels, l.selector(c))
	}
	return parts, rest, sels
}

// selector lowers one step of a subexpression name after the first that
// is not a name: a subexpr_component, a subexpr_tree_nav or the name
// ending a prefixed_op.
func (l *lowerer) selector(c *sitter.Node) *ast.Selector {
	sel := &ast.Selector{Span: l.span(c)}
	inner := c
	if t := l.typ(c); t == "subexpr_component" || t == "subexpr_tree_nav" {
		if kids := l.named(c); len(kids) > 0 {
			inner = kids[0]
		}
	}
	switch l.typ(inner) {
	case "child_id":
		sel.Kind = ast.SelNum
		sel.Num, _ = strconv.Atoi(l.text(inner))
	case "langle_bracket":
		sel.Kind = ast.SelFirst
	case "rangle_bracket":
		sel.Kind = ast.SelSecond
	case "colon":
		sel.Kind = ast.SelColon
	case "address":
		sel.Kind = ast.SelAt
	case "operator_args":
		sel.Kind = ast.SelArgs
		sel.Args = []ast.Expr{}
		for _, a := range l.named(inner) {
			if l.typ(a) != "ERROR" {
				sel.Args = append(sel.Args, l.opOrExpr(a))
			}
		}
	case "bound_op":
		op := l.boundOp(inner, nil)
		sel.Name, sel.Args = op.Name, op.Args
	case "bound_nonfix_op":
		op := l.nonfixOp(inner)
		sel.Name, sel.Args = op.Name, op.Args
	case "prefix_op_symbol", "infix_op_symbol", "postfix_op_symbol":
		sel.Name = l.opName(inner)
	default:
		sel.Name = l.ident(inner)
	}
	return sel
}

func (l *lowerer) prefixedOp(n *sitter.Node) ast.Expr {
	sp := l.span(n)
	parts, rest, sels := l.prefixPath(l.field(n, "prefix"))
	op := l.field(n, "op")
	if len(rest) > 0 || op == nil {
		if op != nil {
			sels = append(sels, l.selector(op))
		}
		return &ast.SubexprRef{Span: sp, Head: l.headOf(parts), Path: append(rest, l.textOrEmpty(op)), Sels: sels}
	}
	var app *ast.OpApp
	switch l.typ(op) {
	case "bound_op":
		app = l.boundOp(op, parts)
	case "bound_nonfix_op":
		app = l.nonfixOp(op)
		app.Prefix = parts
	default:
		app = &ast.OpApp{Prefix: parts, Name: l.ident(op)}
		if c, ok := canonicalSet[l.typ(op)]; ok {
			app.Name.Name = c
		}
	}
	app.Span = sp
	return app
}

// nonfixOp lowers `+(a, b)`: an operator symbol applied like a name.
func (l *lowerer) nonfixOp(n *sitter.Node) *ast.OpApp {
	app := &ast.OpApp{Span: l.span(n)}
	if sym := l.field(n, "symbol"); sym != nil {
		app.Name = l.opName(sym)
	} else {
		app.Name = &ast.Ident{Span: ast.Span{Start: app.Start, End: app.Start}}
	}
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "prefix_op_symbol", "infix_op_symbol", "postfix_op_symbol", "ERROR":
		default:
			app.Args = append(app.Args, l.expr(k))
		}
	}
	return app
}

func (l *lowerer) textOrEmpty(n *sitter.Node) string {
	if n == nil {
		return ""
	}
	return l.text(n)
}

// headOf turns prefix parts into the OpApp naming the operator a
// subexpression reference starts from: all parts but the last are its
// instance path.
func (l *lowerer) headOf(parts []*ast.PrefixPart) *ast.OpApp {
	if len(parts) == 0 {
		return nil // a path from a proof step (`<1>4!1`): no name to resolve
	}
	last := parts[len(parts)-1]
	head := &ast.OpApp{Span: ast.Span{Start: parts[0].Start, End: last.End}, Name: last.Name, Args: last.Args}
	if len(parts) > 1 {
		head.Prefix = parts[:len(parts)-1]
	}
	// The component's span includes its `!`? No: subexpr_component ends
	// before the `!`, so the head ends at the last name.
	return head
}

func (l *lowerer) subexpression(n *sitter.Node) ast.Expr {
	sp := l.span(n)
	var parts []*ast.PrefixPart
	var rest []string
	var sels []*ast.Selector
	for _, k := range l.named(n) {
		switch l.typ(k) {
		case "subexpr_prefix":
			parts, rest, sels = l.prefixPath(k)
		case "subexpr_tree_nav":
			rest = append(rest, l.text(k))
			sels = append(sels, l.selector(k))
		}
	}
	return &ast.SubexprRef{Span: sp, Head: l.headOf(parts), Path: rest, Sels: sels}
}

// stringValue resolves the escapes of a string literal. TLA+ knows \" \\
// \n \t \r \f; any other escape keeps its character and is reported.
func (l *lowerer) stringValue(n *sitter.Node) string {
	sp := l.span(n)
	raw := l.src[sp.Start:sp.End]
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' {
		raw = raw[1 : len(raw)-1]
	} else if len(raw) >= 1 && raw[0] == '"' {
		raw = raw[1:]
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' || i+1 >= len(raw) {
			b.WriteByte(c)
			continue
		}
		i++
		switch raw[i] {
		case '"', '\\':
			b.WriteByte(raw[i])
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'f':
			b.WriteByte('\f')
		default:
			at := sp.Start + 1 + i - 1
			l.errorf(ast.Span{Start: at, End: at + 2}, "unknown escape `\\%c` in a string (TLA+ knows \\\" \\\\ \\n \\t \\r \\f)", raw[i])
			b.WriteByte(raw[i])
		}
	}
	return b.String()
}
