package eval

import (
	"strings"
	"unicode"
	"unicode/utf16"
)

// prettyWidth is the line width TLC breaks long values at (Values.ppr).
const prettyWidth = 80

// Pretty prints a value as TLC prints it in traces, Print and PrintT output
// and error messages: Format's text, broken over several lines when it is
// wider than 80 columns (see PrettyText). ToString and the JSON output keep
// Format's single line, as TLC's toString does.
func Pretty(v Value) string { return PrettyText(Format(v)) }

// PrettyText breaks the printed value s over several lines as TLC's
// pretty-printer does when s is wider than 80 columns: TLC reads the text
// back (sets, sequences, records, functions, SUBSET and constants) and lays
// out every composite too wide for its column one component a line, e.g.
//
//	[ a |-> 1,
//	  b |->
//	      << 1,
//	         2 >> ]
//
// Text the reader does not understand (an interval with a negative bound,
// a model value with an underscore, a string with an escaped quote, a
// lazy set such as Seq(S)) is left on one line, as TLC leaves it. Widths
// count UTF-16 code units, as Java's String.length does.
func PrettyText(s string) string {
	if len(s) <= prettyWidth {
		return s // fits (a UTF-16 length is never above the byte length)
	}
	p := &ppReader{s: utf16.Encode([]rune(s))}
	root, ok := p.parse(0)
	if !ok || root.last < len(p.s)-1 {
		return s
	}
	var b strings.Builder
	if !p.layout(&b, root, prettyWidth, 0, "") {
		return s
	}
	return b.String()
}

type ppKind uint8

const (
	ppConst ppKind = iota
	ppSet
	ppSeq
	ppRec
	ppRecPair
	ppFcn
	ppFcnPair
	ppSubset
)

// ppNode is a component of the text: the units first..last of it.
type ppNode struct {
	kind        ppKind
	first, last int
	kids        []*ppNode
}

func (n *ppNode) width() int { return n.last - n.first + 1 }

type ppReader struct{ s []uint16 }

func (p *ppReader) text(n *ppNode) string { return string(utf16.Decode(p.s[n.first : n.last+1])) }

// at is the unit at i; ok is false past the end (where TLC's reader fails).
func (p *ppReader) at(i int) (rune, bool) {
	if i < 0 || i >= len(p.s) {
		return 0, false
	}
	return rune(p.s[i]), true
}

func (p *ppReader) hasAt(i int, lit string) bool {
	if i < 0 || i+len(lit) > len(p.s) {
		return false
	}
	for k := 0; k < len(lit); k++ {
		if p.s[i+k] != uint16(lit[k]) {
			return false
		}
	}
	return true
}

// javaSpace is Java's Character.isWhitespace.
func javaSpace(r rune) bool {
	switch r {
	case '\u00A0', '\u2007', '\u202F':
		return false
	case '\t', '\n', '\v', '\f', '\r', 0x1C, 0x1D, 0x1E, 0x1F:
		return true
	}
	return unicode.In(r, unicode.Zs, unicode.Zl, unicode.Zp)
}

func javaDigit(r rune) bool { return (r < 0xD800 || r > 0xDFFF) && unicode.IsDigit(r) }

func (p *ppReader) skip(i int) (int, bool) {
	for {
		r, ok := p.at(i)
		if !ok {
			return i, false
		}
		if !javaSpace(r) {
			return i, true
		}
		i++
	}
}

func (p *ppReader) parse(i int) (*ppNode, bool) {
	i, ok := p.skip(i)
	if !ok {
		return nil, false
	}
	switch r, _ := p.at(i); {
	case r == '{':
		return p.list(ppSet, i, 1, '}', ",", p.parse)
	case r == '<':
		n, ok := p.list(ppSeq, i, 2, '>', ",", p.parse)
		if ok {
			n.last++ // the second '>' of ">>"
		}
		return n, ok
	case r == '[':
		return p.list(ppRec, i, 1, ']', ",", func(j int) (*ppNode, bool) { return p.pair(ppRecPair, j, "|->") })
	case r == '(':
		return p.list(ppFcn, i, 1, ')', "@@", func(j int) (*ppNode, bool) { return p.pair(ppFcnPair, j, ":>") })
	case p.hasAt(i, "SUBSET"):
		j, ok := p.skip(i + len("SUBSET"))
		if !ok {
			return nil, false
		}
		e, ok := p.parse(j)
		if !ok {
			return nil, false
		}
		return &ppNode{kind: ppSubset, first: i, last: e.last, kids: []*ppNode{e}}, true
	}
	return p.constant(i)
}

// list reads the components of a composite opened at i (open units long)
// up to the closing unit, separated by sep.
func (p *ppReader) list(kind ppKind, i, open int, close rune, sep string, elem func(int) (*ppNode, bool)) (*ppNode, bool) {
	n := &ppNode{kind: kind, first: i}
	j, ok := p.skip(i + open)
	for ok {
		r, _ := p.at(j)
		if r == rune(close) {
			n.last = j
			return n, true
		}
		var e *ppNode
		if e, ok = elem(j); !ok {
			break
		}
		n.kids = append(n.kids, e)
		if j, ok = p.skip(e.last + 1); !ok {
			break
		}
		if p.hasAt(j, sep) {
			j += len(sep)
		}
		j, ok = p.skip(j)
	}
	return nil, false
}

// pair reads "arg div value" (a record field or a function's argument).
func (p *ppReader) pair(kind ppKind, i int, div string) (*ppNode, bool) {
	a, ok := p.parse(i)
	if !ok {
		return nil, false
	}
	j, ok := p.skip(a.last + 1)
	if !ok || !p.hasAt(j, div) {
		return nil, false
	}
	if j, ok = p.skip(j + len(div)); !ok {
		return nil, false
	}
	v, ok := p.parse(j)
	if !ok {
		return nil, false
	}
	return &ppNode{kind: kind, first: i, last: v.last, kids: []*ppNode{a, v}}, true
}

// constant reads a string, an interval i..j of naturals, a negative
// integer, or a run of letters and digits (an integer, a boolean, a model
// value, a name such as Nat).
func (p *ppReader) constant(i int) (*ppNode, bool) {
	r, _ := p.at(i)
	switch {
	case r == '"':
		// the first quote closes the string, even an escaped one
		for j := i + 1; ; j++ {
			c, ok := p.at(j)
			if !ok {
				return nil, false
			}
			if c == '"' {
				return &ppNode{kind: ppConst, first: i, last: j}, true
			}
		}
	case javaDigit(r):
		if n := p.interval(i); n != nil {
			return n, true
		}
	case r == '-':
		j := i + 1
		for {
			c, ok := p.at(j)
			if !ok {
				return nil, false
			}
			if !javaDigit(c) {
				break
			}
			j++
			if j == len(p.s) {
				break
			}
		}
		return &ppNode{kind: ppConst, first: i, last: j - 1}, true
	}
	if !javaLetterOrDigit(r) {
		return nil, false
	}
	j := i
	for j < len(p.s) {
		if c, _ := p.at(j); !javaLetterOrDigit(c) {
			break
		}
		j++
	}
	return &ppNode{kind: ppConst, first: i, last: j - 1}, true
}

func javaLetterOrDigit(r rune) bool {
	return (r < 0xD800 || r > 0xDFFF) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// interval reads i..j, or returns nil.
func (p *ppReader) interval(i int) *ppNode {
	j := i
	for j < len(p.s) {
		if c, _ := p.at(j); !javaDigit(c) {
			break
		}
		j++
	}
	if !p.hasAt(j, "..") {
		return nil
	}
	j += 2
	if c, ok := p.at(j); !ok || !javaDigit(c) {
		return nil
	}
	for j < len(p.s) {
		if c, _ := p.at(j); !javaDigit(c) {
			break
		}
		j++
	}
	return &ppNode{kind: ppConst, first: i, last: j - 1}
}

// The delimiters of the broken layout: open, close, the indentation of the
// following lines, the separator ending a line, and for pairs the divider
// and the extra indentation of a value printed below its argument.
type ppStyle struct{ open, close, pad, sep, div, divPad string }

var ppStyles = map[ppKind]ppStyle{
	ppSet:    {"{ ", " }", "  ", ",", "", ""},
	ppSeq:    {"<< ", " >>", "   ", ",", "", ""},
	ppFcn:    {"( ", " )", "  ", " @@", " :>", "    "},
	ppRec:    {"[ ", " ]", "  ", ",", " |->", "    "},
	ppSubset: {"SUBSET ", " ", " ", ",", "", ""},
}

// layout writes n within width columns, keeping trailer columns free at
// the end of its last line for what follows it; pad starts each further
// line. It fails on a node that cannot stand alone (a pair).
func (p *ppReader) layout(b *strings.Builder, n *ppNode, width, trailer int, pad string) bool {
	if n.width() <= width-trailer || n.kind == ppConst {
		b.WriteString(p.text(n))
		return true
	}
	st, ok := ppStyles[n.kind]
	if !ok {
		return false
	}
	b.WriteString(st.open)
	width -= max(len(st.open), len(st.pad))
	trailer += len(st.close)
	pad += st.pad
	for i, k := range n.kids {
		last := i == len(n.kids)-1
		if st.div == "" {
			t := len(st.sep)
			if last {
				t = trailer
			}
			if !p.layout(b, k, width, t, pad) {
				return false
			}
		} else if !p.layoutPair(b, k, width, trailer, pad, st, last) {
			return false
		}
		if !last {
			b.WriteString(st.sep + "\n" + pad)
		}
	}
	b.WriteString(st.close)
	return true
}

// layoutPair writes "arg div value" on one line if it fits, else the value
// below its argument, indented further.
func (p *ppReader) layoutPair(b *strings.Builder, n *ppNode, width, trailer int, pad string, st ppStyle, last bool) bool {
	arg, val := n.kids[0], n.kids[1]
	room := width - len(st.sep) // TLC lets a pair that is not last use the trailer
	if last {
		room = width - trailer
	}
	if arg.width()+len(st.div)+1+val.width() <= room {
		b.WriteString(p.text(arg) + st.div + " " + p.text(val))
		return true
	}
	if arg.width()+len(st.div) <= width {
		b.WriteString(p.text(arg))
	} else if !p.layout(b, arg, width, trailer+len(st.div), pad) {
		return false
	}
	b.WriteString(st.div + "\n" + pad + st.divPad)
	t := len(st.sep)
	if last {
		t = trailer
	}
	return p.layout(b, val, width-len(st.divPad), t, pad+st.divPad)
}
