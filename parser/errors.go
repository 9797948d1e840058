package parser

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/scan"
	"github.com/tlals/tlals/parser/source"
)

// Syntax errors come from two places. Tree-sitter's error recovery is good
// at keeping the rest of the file usable but poor at saying what went
// wrong: one unclosed string or comment turns the whole module into one
// flat ERROR node. So a damaged file is first scanned lexically for the
// mistakes people make most (unterminated strings and comments, unbalanced
// brackets, a missing header or `====`), which give exact positions; the
// ERROR and MISSING nodes of the tree then add what the scan cannot see,
// but only before the first lexical error, since everything after it is a
// cascade. At most one tree error is reported per line.

// maxSyntaxErrors caps the list so that a binary file does not produce
// thousands of diagnostics.
const maxSyntaxErrors = 20

var headerRE = regexp.MustCompile(`(?m)^[ \t]*-{4,}[ \t]*MODULE\b`)

// firstLineSpan is the range of the first non-blank line.
func firstLineSpan(src []byte) source.Span {
	start := 0
	for start < len(src) && (src[start] == ' ' || src[start] == '\t' || src[start] == '\n' || src[start] == '\r') {
		start++
	}
	end := start
	for end < len(src) && src[end] != '\n' && src[end] != '\r' {
		end++
	}
	return source.Span{Start: start, End: end}
}

func sortErrors(errs []Error) {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Span.Start < errs[j].Span.Start })
}

// syntaxErrors lists the syntax errors of a parsed file.
//
// The tree's positions refer to text, which is src followed by the `====`
// lines the parser adds for modules left open (moduleEnds); the lexical
// errors are src's own, among them the missing `====`.
func syntaxErrors(root *sitter.Node, src, text []byte) []Error {
	if !root.HasError() {
		if len(text) == len(src) {
			return nil
		}
		return lexicalErrors(src)
	}
	errs := lexicalErrors(src)
	if len(errs) == 0 {
		errs = declarationErrors(src)
	}
	fixed := len(errs)
	limit := len(src) + 1
	for _, e := range errs {
		limit = min(limit, e.Span.Start)
	}
	seenLine := map[int]bool{}
	lineOf := func(off int) int { return bytes.Count(text[:min(off, len(text))], []byte{'\n'}) }
	// An error inside a comment is one of a PlusCal algorithm there.
	var comments []source.Span
	add := func(e Error) {
		if e.Span.Start >= limit || e.Span.End > limit || len(errs) >= maxSyntaxErrors {
			return
		}
		for _, c := range comments {
			if c.Start <= e.Span.Start && e.Span.Start < c.End {
				e.PlusCal = true
			}
		}
		ln := lineOf(e.Span.Start)
		if seenLine[ln] {
			return
		}
		seenLine[ln] = true
		errs = append(errs, e)
	}
	// Walk iteratively: a deeply nested tree must not cost a deep stack.
	// Children are listed with a cursor (indexing them is quadratic).
	cur := sitter.NewTreeCursor(root)
	defer cur.Close()
	stack := []*sitter.Node{root}
	for len(stack) > 0 && len(errs) < maxSyntaxErrors {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if int(n.StartByte()) >= limit {
			continue
		}
		if n.IsMissing() {
			add(missingError(n, text))
			continue
		}
		if n.IsError() && n != root {
			add(errorNodeError(n, text))
			continue
		}
		if !n.HasError() {
			continue
		}
		if n.Type() == "block_comment" {
			comments = append(comments, source.Span{Start: int(n.StartByte()), End: int(n.EndByte())})
		}
		cur.Reset(n)
		mark := len(stack)
		if cur.GoToFirstChild() {
			for {
				stack = append(stack, cur.CurrentNode())
				if !cur.GoToNextSibling() {
					break
				}
			}
		}
		slices.Reverse(stack[mark:]) // visit in source order
	}
	errs = unitHeadErrors(root, text, errs, fixed, limit)
	if len(errs) == 0 {
		// The tree is damaged but no node says where (tree-sitter's
		// recovery gave up and made the module one ERROR): point at the
		// top-level unit that holds the damage, else at the first line.
		if sp, ok := damagedUnit(text, len(src)); ok {
			errs = append(errs, Error{Span: sp, Msg: MsgDamagedDefinition})
		} else {
			errs = append(errs, Error{Span: firstLineSpan(src), Msg: "syntax error: this module could not be parsed"})
		}
	}
	sortErrors(errs)
	return errs
}

// tokenText is the text of n shortened for a message.
func tokenText(n *sitter.Node, src []byte) string {
	t := string(src[n.StartByte():n.EndByte()])
	if i := strings.IndexAny(t, "\r\n"); i >= 0 {
		t = t[:i]
	}
	if len(t) > 30 {
		t = t[:30] + "…"
	}
	return t
}

func missingError(n *sitter.Node, src []byte) Error {
	if e, ok := pcalEmptyBlock(n, src); ok {
		return e
	}
	at := source.Span{Start: int(n.StartByte()), End: int(n.StartByte())}
	typ := n.Type()
	if n.Parent() != nil && n.Parent().Type() == "def_eq" || typ == "def_eq" {
		typ = "=="
	}
	switch typ {
	case "==":
		// Point at the name being defined: that is where the reader looks.
		msg := "missing `==` after the operator name"
		if p := prevLeaf(n); p != nil {
			return Error{Span: source.Span{Start: int(p.StartByte()), End: int(p.EndByte())}, Msg: msg}
		}
		return Error{Span: at, Msg: msg}
	case ")", "]", "}", ">>", "rangle_bracket":
		open := map[string]string{")": "(", "]": "[", "}": "{", ">>": "<<", "rangle_bracket": "<<"}[typ]
		if p := n.Parent(); p != nil {
			for i := 0; i < int(p.ChildCount()); i++ {
				c := p.Child(i)
				if strings.HasPrefix(c.Type(), open) || c.Type() == "langle_bracket" && open == "<<" {
					return Error{Span: source.Span{Start: int(c.StartByte()), End: int(c.EndByte())}, Msg: fmt.Sprintf("unbalanced `%s`: missing `%s`", open, strings.Replace(typ, "rangle_bracket", ">>", 1))}
				}
			}
		}
		return Error{Span: at, Msg: fmt.Sprintf("missing `%s`", typ)}
	case "====", "double_line":
		return Error{Span: at, Msg: "missing `====` at the end of the module"}
	case "identifier", "identifier_ref":
		return Error{Span: at, Msg: "missing a name here"}
	}
	if n.IsNamed() {
		return Error{Span: at, Msg: fmt.Sprintf("missing %s here", strings.ReplaceAll(typ, "_", " "))}
	}
	return Error{Span: at, Msg: fmt.Sprintf("missing `%s`", typ)}
}

// prevLeaf is the last token before n in the tree, or nil.
func prevLeaf(n *sitter.Node) *sitter.Node {
	for cur := n; cur != nil; cur = cur.Parent() {
		if p := cur.PrevSibling(); p != nil {
			for p.ChildCount() > 0 {
				p = p.Child(int(p.ChildCount()) - 1)
			}
			return p
		}
	}
	return nil
}

// firstLeaf is the first token of n.
func firstLeaf(n *sitter.Node) *sitter.Node {
	for n.ChildCount() > 0 {
		n = n.Child(0)
	}
	return n
}

// expectsExpr lists tokens after which an expression must follow, with the
// way a message names them.
var expectsExpr = map[string]bool{
	"\\in": true, "∈": true, "==": true, "≜": true, "THEN": true, "ELSE": true, "IF": true,
	"=": true, "->": true, "|->": true, ":": true, "IN": true, "ASSUME": true, "/\\": true, "\\/": true,
}

// definitionStartRE matches a line that starts a definition: `Name ==`,
// `Name(a, b) ==`.
var definitionStartRE = regexp.MustCompile(`^[ \t]*\w+[ \t]*(\([^)]*\))?[ \t]*(==|≜)`)

// danglingOpRE matches an operator or keyword that ends a line and needs
// an expression after it.
// separatorRE matches a module header, a `----` separator or a `====` line.
var separatorRE = regexp.MustCompile(`^[ \t]*(-{4,}|={4,})`)

var danglingOpRE = regexp.MustCompile(`(\\[a-zA-Z]+|[-+*/\\=<>#&|^~:.,%@!$?]+|\b(?:THEN|ELSE|IN|IF|LET|CASE|CHOOSE|EXCEPT))[ \t]*\r?$`)

func errorNodeError(n *sitter.Node, src []byte) Error {
	sp := source.Span{Start: int(n.StartByte()), End: int(n.EndByte())}
	first := firstLeaf(n)
	// The next definition swallowed by an unfinished expression: blame the
	// operator that ends the previous line.
	lineStart := sp.Start
	for lineStart > 0 && src[lineStart-1] != '\n' {
		lineStart--
	}
	if m := definitionStartRE.FindIndex(src[lineStart:]); lineStart > 0 && m != nil && sp.Start <= lineStart+m[1] {
		prevEnd := lineStart - 1
		prevStart := prevEnd
		for prevStart > 0 && src[prevStart-1] != '\n' {
			prevStart--
		}
		prevLine := src[prevStart:prevEnd]
		if m := danglingOpRE.FindSubmatchIndex(prevLine); m != nil && !separatorRE.Match(prevLine) {
			op := source.Span{Start: prevStart + m[2], End: prevStart + m[3]}
			return Error{Span: op, Msg: fmt.Sprintf("expected an expression after `%s` before the next definition", src[op.Start:op.End])}
		}
	}
	// An algorithm tree-sitter could not take at all (its comment is
	// then no block_comment, and the lowering never sees it): the token
	// scan of PlusCal's usual mistakes says what is wrong.
	if a := skipBlanksAndComments(src, sp.Start); bytes.HasPrefix(src[a:], []byte("--algorithm")) || bytes.HasPrefix(src[a:], []byte("--fair")) {
		end := len(src)
		if c := bytes.Index(src[a:], []byte("*)")); c >= 0 {
			end = a + c
		}
		if e, ok := scanPcal(src, a, end, pcalLooksCSyntax(src, a, end)); ok {
			return Error{Span: e.Span, Msg: e.Msg, PlusCal: true}
		}
	}
	switch ft := first.Type(); ft {
	case "VARIABLE", "VARIABLES", "CONSTANT", "CONSTANTS", "RECURSIVE", "EXTENDS":
		return Error{Span: source.Span{Start: int(first.StartByte()), End: int(first.EndByte())}, Msg: fmt.Sprintf("expected a name after `%s`", ft)}
	}
	// An ERROR that ends with `\in`, `==`, ... lacks what follows it.
	if n.ChildCount() > 0 {
		last := n.Child(int(n.ChildCount()) - 1)
		for last.ChildCount() > 0 {
			last = last.Child(int(last.ChildCount()) - 1)
		}
		if lt := string(src[last.StartByte():last.EndByte()]); expectsExpr[lt] {
			return Error{Span: source.Span{Start: int(last.StartByte()), End: int(last.EndByte())}, Msg: fmt.Sprintf("expected an expression after `%s`", lt)}
		}
	}
	if prev := prevLeaf(n); prev != nil && prev.ChildCount() == 0 {
		pt := string(src[prev.StartByte():prev.EndByte()])
		switch pt {
		case "VARIABLE", "VARIABLES", "CONSTANT", "CONSTANTS", "RECURSIVE", "EXTENDS":
			return Error{Span: source.Span{Start: int(prev.StartByte()), End: int(prev.EndByte())}, Msg: fmt.Sprintf("expected a name after `%s`", pt)}
		case "THEN":
			return Error{Span: sp, Msg: "missing `ELSE`: `IF … THEN …` needs an `ELSE` branch"}
		}
		if expectsExpr[pt] {
			return Error{Span: sp, Msg: fmt.Sprintf("expected an expression after `%s`, found `%s`", pt, tokenText(first, src))}
		}
	}
	return Error{Span: sp, Msg: fmt.Sprintf("unexpected `%s`", tokenText(first, src))}
}

// declKeywords start a list of declared names separated by commas.
var declKeywords = map[string]bool{"VARIABLE": true, "VARIABLES": true, "CONSTANT": true, "CONSTANTS": true, "RECURSIVE": true}

// declarationErrors finds a declaration list whose next name is the start
// of a definition, as in `VARIABLES x, y,` followed by `Next == …`. SANY's
// lexer marks `Name ==` and `Name(…) ==` as the beginning of a definition,
// which no declaration list takes, so it reports the definition's first
// token; tree-sitter instead reads the name as declared and stumbles later,
// at a place that says nothing of the comma.
func declarationErrors(src []byte) []Error {
	loc := headerRE.FindIndex(src)
	if loc == nil {
		return nil
	}
	var toks []scan.Token
	sc := scan.New(src, loc[0], len(src))
	for {
		t, ok := sc.NextOf(scan.Of(scan.String, scan.Number, scan.Ident, scan.Op))
		if !ok {
			break
		}
		toks = append(toks, t)
	}
	text := func(i int) string {
		if i >= len(toks) {
			return ""
		}
		return string(src[toks[i].Start:toks[i].End])
	}
	// skipParens is the index past the parenthesized group at i, or -1.
	skipParens := func(i int) int {
		if text(i) != "(" {
			return -1
		}
		for depth := 0; i < len(toks); i++ {
			switch text(i) {
			case "(":
				depth++
			case ")":
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return -1
	}
	startsDefinition := func(i int) bool {
		if i >= len(toks) || toks[i].Kind != scan.Ident {
			return false
		}
		j := i + 1
		if k := skipParens(j); k >= 0 {
			j = k
		}
		if text(j) == "==" {
			// `====` (scanned as `==` twice) ends the module: the list's
			// last name is before it, not a definition's.
			return toks[j].End >= len(src) || src[toks[j].End] != '='
		}
		return text(j) == "≜"
	}
	for i := 0; i < len(toks); i++ {
		kw := text(i)
		if toks[i].Kind != scan.Ident || !declKeywords[kw] {
			continue
		}
		after := kw
		for j := i + 1; j < len(toks); {
			if startsDefinition(j) {
				return []Error{{Span: source.Span{Start: toks[j].Start, End: toks[j].End},
					Msg: fmt.Sprintf("expected a name after `%s`, found the definition of `%s`", after, text(j))}}
			}
			// A declared name: an identifier, or an operator like `_+_`,
			// with its `(_, _)` arguments.
			j++
			if k := skipParens(j); k >= 0 {
				j = k
			}
			if text(j) != "," {
				i = j - 1
				break
			}
			after = ","
			j++
		}
	}
	return nil
}

// lexicalErrors scans the top-level module for unterminated strings and
// comments, unbalanced brackets, and a missing header or `====`.
func lexicalErrors(src []byte) []Error {
	loc := headerRE.FindIndex(src)
	if loc == nil {
		return []Error{{Span: firstLineSpan(src), Msg: "`MODULE` header expected: a module starts with a line like `---- MODULE Name ----`"}}
	}
	var errs []Error
	type open struct {
		tok string
		at  int
	}
	var stack []open
	closer := map[string]string{"(": ")", "[": "]", "{": "}"}
	depth := 0          // module nesting
	lineStart := loc[0] // the start of the line of the next token, -1 mid-line
	ended := false
	sc := scan.New(src, loc[0], len(src))
scan:
	for {
		t, ok := sc.Next()
		if !ok {
			break
		}
		if t.Kind == scan.Space {
			if nl := bytes.LastIndexByte(src[t.Start:t.End], '\n'); nl >= 0 {
				lineStart = t.Start + nl + 1
			}
			continue
		}
		if i := lineStart; i >= 0 {
			lineStart = -1
			// Match the header against this line only: searching the rest
			// of the file from every line start is quadratic.
			lineEnd := bytes.IndexByte(src[i:], '\n')
			if lineEnd < 0 {
				lineEnd = len(src) - i
			}
			if m := headerRE.FindIndex(src[i : i+lineEnd]); m != nil && m[0] == 0 {
				depth++
			} else if bytes.HasPrefix(src[t.Start:], []byte("====")) {
				depth--
				if depth == 0 {
					ended = true
					break scan
				}
			}
		}
		switch t.Kind {
		case scan.Comment:
			if t.Open {
				errs = append(errs, Error{Span: source.Span{Start: t.Start, End: t.Start + 2}, Msg: "unterminated comment: `(*` is never closed by `*)`"})
				break scan
			}
			continue
		case scan.String:
			if t.Open {
				errs = append(errs, Error{Span: source.Span{Start: t.Start, End: t.End}, Msg: "unterminated string: a string must close with `\"` on the same line"})
				break scan
			}
			continue
		case scan.Op:
		default:
			continue
		}
		// (+), (\X), [] and the like are operators, not brackets.
		switch tok := string(src[t.Start:t.End]); tok {
		case "(", "[", "{":
			stack = append(stack, open{tok, t.Start})
		case ")", "]", "}":
			if len(stack) == 0 || closer[stack[len(stack)-1].tok] != tok {
				if len(stack) > 0 {
					o := stack[len(stack)-1]
					errs = append(errs, Error{Span: source.Span{Start: o.at, End: o.at + 1}, Msg: fmt.Sprintf("unbalanced `%s`: closed by `%s` instead of `%s`", o.tok, tok, closer[o.tok])})
				} else {
					errs = append(errs, Error{Span: source.Span{Start: t.Start, End: t.Start + 1}, Msg: fmt.Sprintf("unbalanced `%s`: nothing to close", tok)})
				}
				break scan
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(errs) == 0 && len(stack) > 0 {
		o := stack[len(stack)-1]
		errs = append(errs, Error{Span: source.Span{Start: o.at, End: o.at + 1}, Msg: fmt.Sprintf("unbalanced `%s`: missing `%s`", o.tok, closer[o.tok])})
	}
	if !ended && len(errs) == 0 {
		// SANY reports the end of the file at its last character
		// ("Encountered <EOF> at line L, column C": JavaCC's EOF token
		// takes the position of the last character read)
		end := len(src)
		if end > 0 {
			end--
		}
		errs = append(errs, Error{Span: source.Span{Start: end, End: end}, Msg: "missing `====` at the end of the module"})
	}
	return errs
}

// ---------------------------------------------------------------- comments

var (
	beginTranslationRE = regexp.MustCompile(`^\\\*+\s*BEGIN\s+TRANSLATION\b`)
	endTranslationRE   = regexp.MustCompile(`^\\\*+\s*END\s+TRANSLATION\b`)
)

// comments lists every comment of the file, finds the translation markers,
// and returns the first PlusCal algorithm node within the module's range.
// Comments are found by a lexical scan (strings, nesting and contiguous
// `(***)` borders handled) rather than a walk over the tree: every node
// visit is a cgo call, and the scan is a hundred times cheaper.
func (l *lowerer) comments(root *sitter.Node, within ast.Span) ([]*ast.Comment, *ast.Span, *sitter.Node) {
	out, tr := scanComments(l.src)
	var alg *sitter.Node
	for _, c := range out {
		if !c.Block || c.Start < within.Start || c.End > within.End {
			continue
		}
		if !bytes.Contains(l.src[c.Start:c.End], []byte("--")) {
			continue // most comments: no need for the expression
		}
		i := pcalStartRE.FindIndex(l.src[c.Start:c.End])
		if i == nil {
			continue
		}
		at := c.Start + i[0] + 1 // past the delimiter before "--"
		pt := pointAt(l.src, at)
		for n := root.NamedDescendantForPointRange(pt, pt); n != nil; n = n.Parent() {
			if n.Type() == "pcal_algorithm" {
				alg = n
				break
			}
			if n.Type() == "block_comment" || n.Type() == "source_file" {
				break
			}
		}
		if alg != nil {
			break
		}
	}
	return out, tr, alg
}

// pcalStartRE finds the start of a PlusCal algorithm in a comment.
var pcalStartRE = regexp.MustCompile(`[\s*(]--(algorithm|fair)\b`)

// translation finds the text between the BEGIN and END TRANSLATION lines.
func translation(src []byte, comments []*ast.Comment) *ast.Span {
	begin := -1
	for _, c := range comments {
		if c.Block {
			continue
		}
		txt := src[c.Start:c.End]
		if begin < 0 && beginTranslationRE.Match(txt) {
			begin = c.End
			for begin < len(src) && src[begin] != '\n' {
				begin++
			}
			if begin < len(src) {
				begin++
			}
			continue
		}
		if begin >= 0 && endTranslationRE.Match(txt) {
			end := c.Start
			for end > 0 && src[end-1] != '\n' {
				end--
			}
			if end < begin {
				end = begin
			}
			return &ast.Span{Start: begin, End: end}
		}
	}
	return nil
}

// scanComments finds comments lexically, for a file that has no tree.
func scanComments(src []byte) ([]*ast.Comment, *ast.Span) {
	var out []*ast.Comment
	sc := scan.New(src, 0, len(src))
	for {
		t, ok := sc.NextOf(scan.Of(scan.Comment))
		if !ok {
			break
		}
		c := &ast.Comment{Span: ast.Span{Start: t.Start, End: t.End}, Block: src[t.Start] == '('}
		txt := string(src[t.Start+2 : t.End])
		if c.Block {
			txt = strings.TrimSuffix(txt, "*)")
		}
		c.Text = txt
		out = append(out, c)
	}
	return out, translation(src, out)
}

// MsgDamagedDefinition is the error on a definition tree-sitter's
// recovery could not delimit (damagedUnit): the text ends too soon or a
// construct is left incomplete.
const MsgDamagedDefinition = "syntax error: this definition could not be parsed"

// damagedUnitBudget bounds the search for a damaged unit: a few parses of
// prefixes of the module.
const damagedUnitBudget = 300 * time.Millisecond

// damagedUnit finds the first top-level unit of text (before limit) whose
// prefix of the module, closed with `====`, no longer parses: the units
// before it parse, so the damage is in it. Units start at lines that begin
// in the first column (a definition, a declaration, a keyword) outside
// comments. It returns the unit's first line. The search is a bisection
// over the units, each step one parse under a shared time budget; it
// assumes, as holds for independent units, that a damaged prefix stays
// damaged when units are added.
func damagedUnit(text []byte, limit int) (source.Span, bool) {
	cuts := unitStarts(text[:min(limit, len(text))])
	if len(cuts) < 2 { // the header, then at least one unit
		return source.Span{}, false
	}
	ctx, cancel := context.WithTimeout(context.Background(), damagedUnitBudget)
	defer cancel()
	// prefix k holds the units before cuts[k]
	damaged := func(k int) (bool, error) {
		prefix := append(append([]byte(nil), text[:cuts[k]]...), "\n====\n"...)
		tree, err := parseText(ctx, nil, prefix, modules{tail: len(prefix), header: true})
		if err != nil {
			return false, err
		}
		defer tree.Close()
		return tree.RootNode().HasError(), nil
	}
	// the units before cuts[1] are the header's: prefix 1 must parse
	if bad, err := damaged(1); err != nil || bad {
		return source.Span{}, false
	}
	lo, hi := 1, len(cuts) // prefix lo parses; prefix hi (the whole text) does not
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		bad, err := damaged(mid)
		if err != nil {
			return source.Span{}, false
		}
		if bad {
			hi = mid
		} else {
			lo = mid
		}
	}
	// the unit from cuts[lo] is damaged
	start := cuts[lo]
	end := start
	for end < len(text) && text[end] != '\n' && text[end] != '\r' {
		end++
	}
	return source.Span{Start: start, End: end}, true
}

// unitStarts lists the offsets of the lines of src that start a top-level
// unit: non-blank in the first column, outside block comments and not a
// comment or the closing `====`. The first is the module header's line.
func unitStarts(src []byte) []int {
	var cuts []int
	depth := 0 // block comment nesting
	for i := 0; i < len(src); {
		lineStart := i
		if depth == 0 && i < len(src) {
			c := src[i]
			switch {
			case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			case bytes.HasPrefix(src[i:], []byte("\\*")), bytes.HasPrefix(src[i:], []byte("(*")):
			case bytes.HasPrefix(src[i:], []byte("====")):
				return cuts
			default:
				cuts = append(cuts, lineStart)
			}
		}
		// scan the line for comment delimiters (strings may hold them: skip)
		for i < len(src) && src[i] != '\n' {
			switch {
			case depth == 0 && src[i] == '"':
				for i++; i < len(src) && src[i] != '"' && src[i] != '\n'; i++ {
					if src[i] == '\\' {
						i++
					}
				}
			case depth == 0 && bytes.HasPrefix(src[i:], []byte("\\*")):
				for i < len(src) && src[i] != '\n' {
					i++
				}
				continue
			case bytes.HasPrefix(src[i:], []byte("(*")):
				depth++
				i++
			case depth > 0 && bytes.HasPrefix(src[i:], []byte("*)")):
				depth--
				i++
			}
			if i < len(src) {
				i++
			}
		}
		i++
	}
	return cuts
}
