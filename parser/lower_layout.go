package parser

import (
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/scan"
)

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
	return !(scan.IsIdentByte(c) || c >= 0x80)
}
