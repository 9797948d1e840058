package tlcengine

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/checker/eval"
)

// valueReader reads the values TLC prints (tlc2.value's toString: the
// TLA+ expression of a normalized value) back into the evaluator's values.
// Model values are the configuration's (the same ranks as in our run); an
// identifier the configuration does not declare is an untyped model
// value, as TLC's TLCExt and IOUtils make them.
type valueReader struct {
	models map[string]*eval.ModelValue
}

// read parses one value; the whole text must be that value.
func (r *valueReader) read(text string) (eval.Value, error) {
	p := &valueParser{r: r, s: text}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(p.s) {
		return nil, p.errorf("unexpected %q after the value", p.rest())
	}
	return v, nil
}

type valueParser struct {
	r *valueReader
	s string
	i int
}

func (p *valueParser) errorf(format string, args ...any) error {
	return fmt.Errorf("reading TLC's value at offset %d: %s", p.i, fmt.Sprintf(format, args...))
}

func (p *valueParser) rest() string {
	r := p.s[p.i:]
	if len(r) > 20 {
		r = r[:20] + "..."
	}
	return r
}

func (p *valueParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\n' || p.s[p.i] == '\t' || p.s[p.i] == '\r') {
		p.i++
	}
}

// eat consumes tok (after white space) when it comes next.
func (p *valueParser) eat(tok string) bool {
	p.space()
	if strings.HasPrefix(p.s[p.i:], tok) {
		p.i += len(tok)
		return true
	}
	return false
}

func (p *valueParser) expect(tok string) error {
	if !p.eat(tok) {
		if p.i >= len(p.s) {
			return p.errorf("%q expected, the text ends", tok)
		}
		return p.errorf("%q expected, found %q", tok, p.rest())
	}
	return nil
}

// value is a primary, or an interval lo..hi of two integers.
func (p *valueParser) value() (eval.Value, error) {
	v, err := p.primary()
	if err != nil {
		return nil, err
	}
	if p.eat("..") {
		hi, err := p.primary()
		if err != nil {
			return nil, err
		}
		lo, ok1 := v.(eval.Int)
		h, ok2 := hi.(eval.Int)
		if !ok1 || !ok2 {
			return nil, p.errorf("an interval of non-integers")
		}
		return eval.MakeInterval(int64(lo), int64(h))
	}
	return v, nil
}

func (p *valueParser) primary() (eval.Value, error) {
	p.space()
	if p.i >= len(p.s) {
		return nil, p.errorf("a value expected, the text ends")
	}
	c := p.s[p.i]
	switch {
	case c == '{':
		p.i++
		elems, err := p.list("}")
		if err != nil {
			return nil, err
		}
		return eval.MakeSet(elems), nil
	case strings.HasPrefix(p.s[p.i:], "<<"):
		p.i += 2
		elems, err := p.list(">>")
		if err != nil {
			return nil, err
		}
		return eval.MakeTuple(elems), nil
	case c == '[':
		p.i++
		return p.record()
	case c == '(':
		p.i++
		return p.function()
	case c == '"':
		return p.str()
	case c == '-' || c >= '0' && c <= '9':
		return p.integer()
	case c == '_' || unicode.IsLetter(rune(c)):
		return p.ident()
	}
	return nil, p.errorf("unexpected %q", p.rest())
}

// list reads values separated by commas up to end.
func (p *valueParser) list(end string) ([]eval.Value, error) {
	var out []eval.Value
	if p.eat(end) {
		return out, nil
	}
	for {
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		if p.eat(end) {
			return out, nil
		}
		if err := p.expect(","); err != nil {
			return nil, err
		}
	}
}

// record reads [f |-> v, ...] after its bracket ([] : the empty record).
func (p *valueParser) record() (eval.Value, error) {
	var names []string
	var vals []eval.Value
	if p.eat("]") {
		return eval.MakeRecord(nil, nil), nil
	}
	for {
		p.space()
		start := p.i
		for p.i < len(p.s) && isIdentByte(p.s[p.i]) {
			p.i++
		}
		if p.i == start {
			// [S -> T], [a : S]: sets TLC leaves unevaluated
			return nil, p.errorf("a record field expected, found %q (a set TLC did not enumerate?)", p.rest())
		}
		names = append(names, p.s[start:p.i])
		if err := p.expect("|->"); err != nil {
			return nil, err
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
		if p.eat("]") {
			return eval.MakeRecord(names, vals), nil
		}
		if err := p.expect(","); err != nil {
			return nil, err
		}
	}
}

// function reads (k1 :> v1 @@ k2 :> v2 ...) after its parenthesis, or a
// parenthesized value.
func (p *valueParser) function() (eval.Value, error) {
	first, err := p.value()
	if err != nil {
		return nil, err
	}
	if p.eat(")") {
		return first, nil
	}
	var dom, vals []eval.Value
	k := first
	for {
		if err := p.expect(":>"); err != nil {
			return nil, err
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		dom, vals = append(dom, k), append(vals, v)
		if p.eat(")") {
			return eval.MakeFcn(dom, vals), nil
		}
		if err := p.expect("@@"); err != nil {
			return nil, err
		}
		if k, err = p.value(); err != nil {
			return nil, err
		}
	}
}

func (p *valueParser) integer() (eval.Value, error) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	n, err := strconv.ParseInt(p.s[start:p.i], 10, 64)
	if err != nil {
		p.i = start
		return nil, p.errorf("not an integer: %q", p.rest())
	}
	return eval.Int(n), nil
}

// str reads a string literal with TLC's escapes (\" \\ \n \t \r \f).
func (p *valueParser) str() (eval.Value, error) {
	p.i++ // the quote
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		p.i++
		switch c {
		case '"':
			return eval.Str(b.String()), nil
		case '\\':
			if p.i >= len(p.s) {
				return nil, p.errorf("the string ends in a backslash")
			}
			e := p.s[p.i]
			p.i++
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'f':
				b.WriteByte('\f')
			default:
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
		}
	}
	return nil, p.errorf("unterminated string")
}

func (p *valueParser) ident() (eval.Value, error) {
	start := p.i
	for p.i < len(p.s) && isIdentByte(p.s[p.i]) {
		p.i++
	}
	name := p.s[start:p.i]
	switch name {
	case "TRUE":
		return eval.Bool(true), nil
	case "FALSE":
		return eval.Bool(false), nil
	case "BOOLEAN":
		return eval.MakeSet([]eval.Value{eval.Bool(false), eval.Bool(true)}), nil
	case "Nat", "Int", "Real", "STRING", "SUBSET", "UNION":
		p.i = start
		return nil, p.errorf("%s: a set TLC did not enumerate", name)
	}
	if mv, ok := p.r.models[name]; ok {
		return mv, nil
	}
	mv := checker.UntypedModelValue(name)
	p.r.models[name] = mv
	return mv, nil
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
