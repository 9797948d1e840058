package value

import (
	"fmt"
	"strconv"
	"strings"
)

// maxParseDepth bounds nesting so hostile input cannot exhaust the stack.
const maxParseDepth = 256

// Parse reads a value in the notation Format prints (TLC's trace notation):
// TRUE, FALSE, integers, "strings" with TLC's escapes, bare identifiers as
// model values, {…}, <<…>>, [f |-> v, …], [] , (d :> v @@ …), lo..hi, and
// the names Nat, Int and Real. It serves tests, traces read back from TLC,
// and model values written in a config. Parse(Format(v)) equals v for every
// value Format prints enumerated.
func Parse(s string) (Value, error) {
	p := &parser{src: s}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos != len(p.src) {
		return nil, p.errorf("unexpected %q after the value", p.rest(10))
	}
	return v, nil
}

type parser struct {
	src string
	pos int
}

func (p *parser) errorf(format string, args ...any) error {
	return newError(ErrType, fmt.Sprintf("parse value at offset %d: ", p.pos)+fmt.Sprintf(format, args...))
}

func (p *parser) rest(n int) string {
	r := p.src[p.pos:]
	if len(r) > n {
		r = r[:n]
	}
	return r
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// accept consumes tok (after spaces) if it is next.
func (p *parser) accept(tok string) bool {
	p.skipSpace()
	if strings.HasPrefix(p.src[p.pos:], tok) {
		p.pos += len(tok)
		return true
	}
	return false
}

func (p *parser) expect(tok string) error {
	if !p.accept(tok) {
		if p.pos >= len(p.src) {
			return p.errorf("expected %q, found the end of the input", tok)
		}
		return p.errorf("expected %q, found %q", tok, p.rest(10))
	}
	return nil
}

func (p *parser) value(depth int) (Value, error) {
	if depth > maxParseDepth {
		return nil, p.errorf("values nested more than %d deep", maxParseDepth)
	}
	p.skipSpace()
	if p.pos >= len(p.src) {
		return nil, p.errorf("expected a value, found the end of the input")
	}
	c := p.src[p.pos]
	switch {
	case c == '{':
		p.pos++
		elems, err := p.list(depth, "}")
		if err != nil {
			return nil, err
		}
		return newSetOwned(elems), nil
	case strings.HasPrefix(p.src[p.pos:], "<<"):
		p.pos += 2
		elems, err := p.list(depth, ">>")
		if err != nil {
			return nil, err
		}
		if len(elems) == 0 {
			return EmptyFcn, nil
		}
		return &Fcn{lo: 1, vals: elems}, nil
	case c == '[':
		p.pos++
		return p.record(depth)
	case c == '(':
		p.pos++
		return p.function(depth)
	case c == '"':
		return p.str()
	case c == '-' || isDigit(c):
		return p.number()
	case isIdentByte(c):
		start := p.pos
		for p.pos < len(p.src) && isIdentByte(p.src[p.pos]) {
			p.pos++
		}
		switch id := p.src[start:p.pos]; id {
		case "TRUE":
			return Bool(true), nil
		case "FALSE":
			return Bool(false), nil
		case "Nat":
			return Nat, nil
		case "Int":
			return Ints, nil
		case "Real":
			return Reals, nil
		default:
			if !hasLetter(id) {
				return nil, p.errorf("%q is not a model value name", id)
			}
			return NewModelValue(id), nil
		}
	}
	return nil, p.errorf("unexpected %q", p.rest(10))
}

func (p *parser) list(depth int, closing string) ([]Value, error) {
	var elems []Value
	if p.accept(closing) {
		return elems, nil
	}
	for {
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		elems = append(elems, v)
		if p.accept(closing) {
			return elems, nil
		}
		if err := p.expect(","); err != nil {
			return nil, err
		}
	}
}

func (p *parser) record(depth int) (Value, error) {
	if p.accept("]") {
		return EmptyFcn, nil
	}
	var names []string
	var vals []Value
	for {
		p.skipSpace()
		start := p.pos
		for p.pos < len(p.src) && isIdentByte(p.src[p.pos]) {
			p.pos++
		}
		if start == p.pos {
			return nil, p.errorf("expected a field name, found %q", p.rest(10))
		}
		names = append(names, p.src[start:p.pos])
		if err := p.expect("|->"); err != nil {
			return nil, err
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
		if p.accept("]") {
			return NewRecord(names, vals)
		}
		if err := p.expect(","); err != nil {
			return nil, err
		}
	}
}

func (p *parser) function(depth int) (Value, error) {
	var dom, vals []Value
	for {
		d, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		if err := p.expect(":>"); err != nil {
			return nil, err
		}
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		dom, vals = append(dom, d), append(vals, v)
		if p.accept(")") {
			return NewFcn(dom, vals)
		}
		if err := p.expect("@@"); err != nil {
			return nil, err
		}
	}
}

func (p *parser) number() (Value, error) {
	lo, err := p.integer()
	if err != nil {
		return nil, err
	}
	if !strings.HasPrefix(p.src[p.pos:], "..") {
		return Int(lo), nil
	}
	p.pos += 2
	hi, err := p.integer()
	if err != nil {
		return nil, err
	}
	return NewInterval(lo, hi), nil
}

func (p *parser) integer() (int64, error) {
	start := p.pos
	if p.pos < len(p.src) && p.src[p.pos] == '-' {
		p.pos++
	}
	for p.pos < len(p.src) && isDigit(p.src[p.pos]) {
		p.pos++
	}
	n, err := strconv.ParseInt(p.src[start:p.pos], 10, 64)
	if err != nil {
		p.pos = start
		return 0, p.errorf("bad integer %q", p.rest(24))
	}
	return n, nil
}

func (p *parser) str() (Value, error) {
	start := p.pos
	p.pos++ // opening quote
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		p.pos++
		switch c {
		case '"':
			return Str(b.String()), nil
		case '\\':
			if p.pos >= len(p.src) {
				break
			}
			e := p.src[p.pos]
			p.pos++
			switch e {
			case '"', '\\':
				b.WriteByte(e)
			case 't':
				b.WriteByte('\t')
			case 'n':
				b.WriteByte('\n')
			case 'f':
				b.WriteByte('\f')
			case 'r':
				b.WriteByte('\r')
			default:
				p.pos -= 2
				return nil, p.errorf("unknown escape %q in a string", p.rest(2))
			}
		default:
			b.WriteByte(c)
		}
	}
	p.pos = start
	return nil, p.errorf("unterminated string %q", p.rest(16))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentByte(c byte) bool {
	return c == '_' || isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func hasLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') {
			return true
		}
	}
	return false
}
