package parser

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/tlals/tlals/parser/scan"
	"github.com/tlals/tlals/parser/source"
)

// Malformed unit heads. SANY decides where a definition begins before
// parsing it (tla+.jj's belchDEF): from a unit's first token it looks ahead
// to the next `==` (stopping at THEOREM, LEMMA, PROPOSITION, COROLLARY,
// ASSUMPTION, AXIOM or the module's end), walks back from it over the head
// a definition can have (`Name`, `Name(…)`, `f[…]`, `a ++ b`, `a ^+`, `- a`)
// and marks the definition's start there. When that mark is not the unit's
// first token (`u \mod v == u`, `MCSeq(a) = {a}` before a later `B == 2`),
// no unit can start where the parser stands, and SANY reports the unit's
// first token ("Encountered "u" … Was expecting "==== or more Module
// body""). Tree-sitter instead reads the unit as a definition with an
// ERROR in its head, somewhere inside it.

// unitHeadError is SANY's error for the unit node n, a child of a module
// whose head (the text before its `==`) holds a syntax error, or false when
// SANY would start a definition at n's first token (or n is no definition).
//
// headEnd is where the head ends: the `==`, or the end of n without one.
func unitHeadError(n *sitter.Node, text []byte) (e Error, headEnd int, ok bool) {
	switch n.Type() {
	case "operator_definition", "function_definition", "module_definition", "ERROR", "local_definition":
	default:
		return Error{}, 0, false
	}
	start := int(n.StartByte())
	// a unit starts a line; a node starting mid-line holds the rest of
	// an expression tree-sitter cut short
	if ls := lineStartOf(text, start); len(bytes.TrimSpace(text[ls:start])) > 0 {
		return Error{}, 0, false
	}
	sc := scan.New(text, start, len(text))
	var toks []scan.Token
	var local *scan.Token
	word := func(t scan.Token) string { return string(text[t.Start:t.End]) }
	eq := -1
	for eq < 0 {
		t, ok := sc.NextOf(scan.Of(scan.String, scan.Number, scan.Ident, scan.Op))
		if !ok {
			break
		}
		w := word(t)
		if len(toks) == 0 && w == "LOCAL" && local == nil {
			local = &t // SANY reports `LOCAL Name` from LOCAL on
			continue
		}
		if len(toks) > 0 && (t.Kind == scan.Ident && stopsDefLookahead[w] || t.Kind == scan.Op && w == "==" && t.End < len(text) && text[t.End] == '=') {
			break // `====` ends the module
		}
		if t.Kind == scan.Op && len(w) > 2 && w[0] == '\\' && scan.IsLetter(w[1]) && !backslashOps[w] {
			// SANY reads `\mod` as `\` and the name `mod`
			toks = append(toks, scan.Token{Kind: scan.Op, Start: t.Start, End: t.Start + 1})
			t = scan.Token{Kind: scan.Ident, Start: t.Start + 1, End: t.End}
		}
		toks = append(toks, t)
		if t.Kind == scan.Op && (w == "==" || w == "≜") {
			eq = len(toks) - 1
		}
	}
	if len(toks) == 0 || eq == 0 {
		return Error{}, 0, false
	}
	first := toks[0]
	if first.Kind == scan.Ident && reservedWords[word(first)] || first.Kind == scan.Op && word(first) == "----" {
		return Error{}, 0, false // a keyword unit, not a definition
	}
	headEnd = int(n.EndByte())
	if eq > 0 {
		if headStart(toks[:eq], word) == 0 {
			return Error{}, 0, false
		}
		headEnd = toks[eq].Start
	}
	at := first
	if local != nil {
		at = *local
	}
	return Error{Span: source.Span{Start: at.Start, End: first.End},
		Msg: fmt.Sprintf("unexpected `%s`: no definition starts here (a definition's head is `Name`, `Name(params)`, `f[x \\in S]` or an operator with its operands, before `==`)", text[at.Start:first.End])}, headEnd, true
}

// stopsDefLookahead are the words at which SANY's look-ahead for `==`
// stops.
var stopsDefLookahead = wordSet("THEOREM", "LEMMA", "PROPOSITION", "COROLLARY", "ASSUMPTION", "AXIOM")

// headStart walks back over the head before a `==` (toks ends just before
// it) as SANY's belchDEF does, and gives the index where it starts, or -1.
func headStart(toks []scan.Token, word func(scan.Token) string) int {
	i := len(toks) - 1
	if i < 0 {
		return -1
	}
	isIdent := func(j int) bool {
		return j >= 0 && toks[j].Kind == scan.Ident && !reservedWords[word(toks[j])]
	}
	switch w := word(toks[i]); {
	case w == ")" || w == "]":
		depth := 0
	back:
		for ; i >= 0; i-- {
			switch word(toks[i]) {
			case ")", "]":
				depth++
			case "(", "[":
				if depth--; depth == 0 {
					break back
				}
			}
		}
		if i < 0 {
			return -1
		}
		if isIdent(i - 1) {
			i--
		}
	case isIdent(i):
		// `a ++ b ==`
		if j := i - 1; j >= 0 && infixDefOp(toks[j], word) && isIdent(j-1) {
			i = j - 1
		}
	case defOp(toks[i], word):
		// `a ^+ ==`
		i--
	}
	return i
}

// postfixOps are TLA+'s postfix operator symbols.
var postfixOps = wordSet("^+", "^*", "^#", "'")

// defOp reports whether t is an infix or postfix operator symbol (SANY's
// isOp): a symbol other than brackets and punctuation, or a backslash word.
func defOp(t scan.Token, word func(scan.Token) string) bool {
	if t.Kind != scan.Op {
		return false
	}
	switch word(t) {
	case "(", ")", "[", "]", "{", "}", ",", "<<", ">>", "!", "==", "<-", "|->", "->", "::", "_",
		"~", "¬", "[]", "<>", "-.", "@", "≜", "\\A", "\\E", "\\AA", "\\EE", "∀", "∃":
		return false
	}
	return true
}

func infixDefOp(t scan.Token, word func(scan.Token) string) bool {
	return defOp(t, word) && !postfixOps[word(t)]
}

func lineStartOf(text []byte, off int) int {
	for off > 0 && text[off-1] != '\n' {
		off--
	}
	return off
}

// unitHeadErrors replaces the errors tree-sitter found in the head of a
// unit SANY cannot start with SANY's error at the unit's first token
// (unitHeadError), in every module of the tree; errors at or after limit
// are not added, and errs[:fixed] (the lexical scan's) are kept.
func unitHeadErrors(root *sitter.Node, text []byte, errs []Error, fixed, limit int) []Error {
	var visit func(n *sitter.Node)
	visit = func(n *sitter.Node) {
		for i := 0; i < int(n.NamedChildCount()); i++ {
			c := n.NamedChild(i)
			switch {
			case c.Type() == "module" || c.Type() == "source_file":
				visit(c)
				continue
			case !c.HasError():
				continue
			}
			e, end, ok := unitHeadError(c, text)
			if !ok || e.Span.Start >= limit {
				continue
			}
			if slices.ContainsFunc(errs, func(o Error) bool {
				return o.Span.Start == e.Span.Start && !strings.HasPrefix(o.Msg, "unexpected `")
			}) {
				continue // a more telling error there (`Foo x + 1`: missing `==`)
			}
			errs = append(errs[:fixed], slices.DeleteFunc(errs[fixed:], func(o Error) bool {
				return o.Span.Start >= int(c.StartByte()) && o.Span.Start < end
			})...)
			errs = append(errs, e)
		}
	}
	visit(root)
	return errs
}

// backslashOps are the operators TLA+ spells as a backslash and a word.
var backslashOps = wordSet(`\in`, `\notin`, `\cup`, `\cap`, `\union`, `\intersect`,
	`\subseteq`, `\subset`, `\supseteq`, `\supset`, `\o`, `\circ`, `\X`, `\times`, `\div`,
	`\cdot`, `\leq`, `\geq`, `\ll`, `\gg`, `\prec`, `\succ`, `\preceq`, `\succeq`, `\sim`,
	`\simeq`, `\approx`, `\asymp`, `\cong`, `\doteq`, `\equiv`, `\propto`, `\sqsubset`,
	`\sqsupset`, `\sqsubseteq`, `\sqsupseteq`, `\sqcap`, `\sqcup`, `\uplus`, `\wr`, `\star`,
	`\bullet`, `\bigcirc`, `\oplus`, `\ominus`, `\odot`, `\oslash`, `\otimes`, `\land`, `\lor`,
	`\lnot`, `\neg`, `\E`, `\A`, `\EE`, `\AA`)
