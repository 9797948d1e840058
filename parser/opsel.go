package parser

import (
	"bytes"
	"context"
	"sync"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/tlals/tlals/parser/scan"
)

// Operator selectors. SANY reads an operator symbol after the `!` of a
// name path as a step of the name, with or without arguments: `I!+(1, 2)`,
// `I!-(1)` (a wrong arity, which SANY reports semantically), and bare, as
// an operator argument (`F(COp!@!++, 1)`), the right side of an INSTANCE
// substitution (`WITH A <- COp!@!++`) or inside a longer name
// (`COp2!lab!:!++!lab`); it never reads one as an infix, prefix or postfix
// use (`1 I!+ 2`, `I!~ TRUE` are parse errors). tree-sitter-tlaplus 1.5.0
// takes an operator symbol after `!` only with as many arguments as its
// fixity: a bare one becomes an ERROR node that swallows the comma after
// it, and the next argument reads as a `!1` selector. So before parsing,
// each operator symbol directly after such a `!` is replaced by a name of
// as many bytes (`ZZ` for `++`): the grammar reads the step as a name,
// every byte offset stays the same, and the lowering, which reads names
// from the original text, gives the step the operator's canonical name
// (lowerer.ident).

// opSelFiller is the byte a rewritten operator symbol is filled with: a
// letter, so the filler is a name, and no keyword or prefix (WF_, SF_) is
// made of it alone.
const opSelFiller = 'Z'

// rewriteOpSelectors returns src with the operator symbols that are steps
// of a name replaced (a copy; src itself when there is none): a symbol
// directly after a `!` that directly follows the end of a step (a name, a
// number, `)`, `@`, `:`, `<<`, `>>`). Strings and comments are passed over.
func rewriteOpSelectors(src []byte) []byte {
	if !mayHoldOpSelector(src) {
		return src
	}
	out := src
	sc := scan.New(src, 0, len(src))
	// the last three significant tokens (no blanks or comments)
	var prev, bang scan.Token
	have := 0
	for {
		t, ok := sc.NextOf(scan.Of(scan.String, scan.Number, scan.Ident, scan.Op))
		if !ok {
			break
		}
		if have >= 2 && t.Start == bang.End && prev.End == bang.Start && isOp(src, bang, "!") &&
			endsStep(src, prev) && selectableOp(src[t.Start:t.End], t.Kind) {
			if &out[0] == &src[0] {
				out = append([]byte(nil), src...)
			}
			for j := t.Start; j < t.End; j++ {
				out[j] = opSelFiller
			}
			// the filler is a name: a step, as `!++!lab` continues
			t.Kind = scan.Ident
		}
		prev, bang = bang, t
		have++
	}
	return out
}

func isOp(src []byte, t scan.Token, s string) bool {
	return t.Kind == scan.Op && string(src[t.Start:t.End]) == s
}

// mayHoldOpSelector is the cheap test run on every parse: a `!`
// directly followed by a byte that can start an operator symbol other than
// those the grammar takes after `!` (`<<`, `>>`, `@`, `:`) or the `[` and
// `.a` of EXCEPT. Texts without one (nearly all) are not scanned, and keep
// their incremental reparse.
func mayHoldOpSelector(src []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '!')
		if j < 0 || i+j+1 >= len(src) {
			return false
		}
		i += j + 1
		var next byte
		if i+1 < len(src) {
			next = src[i+1]
		}
		switch c := src[i]; c {
		case '+', '-', '*', '/', '^', '=', '|', '&', '%', '#', '$', '?', '~', '\\':
			return true
		case '<', '>': // not << or >>
			if next != c {
				return true
			}
		case ':': // := or ::=, not :
			if next == '=' || next == ':' {
				return true
			}
		case '.': // .. or ..., not the .a of EXCEPT
			if next == '.' {
				return true
			}
		case '(': // the circled operators (+) (-) (.) (/) (\X), not (args)
			if next == '+' || next == '-' || next == '.' || next == '/' || next == '\\' {
				return true
			}
		default:
			if c >= 0x80 {
				return true
			}
		}
	}
}

// selectableOp reports whether a token after `!` is an operator symbol the
// grammar does not already take bare: not punctuation, not the `<<`, `>>`,
// `@` and `:` of tree navigation, not a prime.
func selectableOp(tok []byte, kind scan.Kind) bool {
	if kind != scan.Op {
		return false
	}
	switch string(tok) {
	case "(", ")", "[", "]", "{", "}", ",", "<<", ">>", "@", ":", "::", "!", ".", "'",
		"==", "<-", "|->", "->", "\\*", "(*", "*)", "[]", "<>", "]_", ">>_", "_":
		return false
	}
	// A backslash word that is no operator is a word SANY rejects anyway;
	// a Unicode symbol the grammar knows is an operator or ∀/∃-like
	// punctuation SANY rejects after `!`.
	return true
}

// endsStep reports whether a token can end a step of a subexpression name.
func endsStep(src []byte, t scan.Token) bool {
	switch t.Kind {
	case scan.Ident, scan.Number:
		return true
	case scan.Op:
		switch string(src[t.Start:t.End]) {
		case ")", "@", ":", "<<", ">>":
			return true
		}
	}
	return false
}

// opSpellings caches the canonical name of each operator symbol rewritten
// by rewriteOpSelectors.
var opSpellings sync.Map // string -> string

// canonicalSpelling is the canonical name of the operator symbol sym, as
// opName gives it for the grammar's node of that symbol: the grammar knows
// the synonyms (`\union` is `\cup`, `(+)` is `\oplus`), so sym is parsed
// once as the operator of `M!sym(a, b)`, else of `M!sym(a)` (a prefix
// symbol; `-` with two arguments is binary minus, as SANY reads `I!-`). A
// symbol the grammar does not know keeps its spelling.
func canonicalSpelling(sym string) string {
	if c, ok := opSpellings.Load(sym); ok {
		return c.(string)
	}
	name := sym
	p := sitter.NewParser()
	defer p.Close()
	p.SetLanguage(language)
	for _, args := range []string{"(a, b)", "(a)"} {
		text := []byte("---- MODULE M ----\nX == M!" + sym + args + "\n====\n")
		tree, err := p.ParseCtx(context.Background(), nil, text)
		if err != nil || tree == nil || tree.RootNode().HasError() {
			continue
		}
		if c, ok := nonfixSymbol(tree.RootNode()); ok {
			name = c
			break
		}
	}
	opSpellings.Store(sym, name)
	return name
}

// nonfixSymbol finds the first bound_nonfix_op under n and gives the
// canonical name of its symbol.
func nonfixSymbol(n *sitter.Node) (string, bool) {
	if n.Type() == "bound_nonfix_op" {
		if s := n.ChildByFieldName("symbol"); s != nil && s.NamedChildCount() > 0 {
			c, ok := canonicalOp[s.NamedChild(0).Type()]
			return c, ok
		}
		return "", false
	}
	for i := 0; i < int(n.NamedChildCount()); i++ {
		if c, ok := nonfixSymbol(n.NamedChild(i)); ok {
			return c, ok
		}
	}
	return "", false
}
