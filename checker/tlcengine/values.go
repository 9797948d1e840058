package tlcengine

import (
	"fmt"
	"github.com/tlals/tlals/parser/scan"
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

// value is a primary, an interval lo..hi of two integers, or a
// Cartesian product S \X T (TLC prints some sets it did not enumerate as
// their expression: those are enumerated here, as the built-in engine
// stores them).
func (p *valueParser) value() (eval.Value, error) {
	v, err := p.primary()
	if err != nil {
		return nil, err
	}
	if p.eat("\\X") {
		sets := []eval.Value{v}
		for {
			s, err := p.primary()
			if err != nil {
				return nil, err
			}
			sets = append(sets, s)
			if !p.eat("\\X") {
				break
			}
		}
		return p.product(sets, func(vs []eval.Value) eval.Value { return eval.MakeTuple(vs) })
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

// product is the set of values build makes from one element of each set.
func (p *valueParser) product(sets []eval.Value, build func([]eval.Value) eval.Value) (eval.Value, error) {
	lists := make([][]eval.Value, len(sets))
	for i, s := range sets {
		elems, ok := eval.Elements(s)
		if !ok {
			return nil, p.errorf("a set that cannot be enumerated in a product")
		}
		lists[i] = elems
	}
	var out []eval.Value
	pick := make([]eval.Value, len(sets))
	var walk func(int)
	walk = func(k int) {
		if k == len(lists) {
			out = append(out, build(append([]eval.Value(nil), pick...)))
			return
		}
		for _, e := range lists[k] {
			pick[k] = e
			walk(k + 1)
		}
	}
	walk(0)
	return eval.MakeSet(out), nil
}

// record reads, after its bracket, a record [f |-> v, ...] ([]: the empty
// record), a set of records [f : S, ...] or a set of functions [S -> T].
func (p *valueParser) record() (eval.Value, error) {
	var names []string
	var vals []eval.Value
	if p.eat("]") {
		return eval.MakeRecord(nil, nil), nil
	}
	p.space()
	at := p.i
	for p.i < len(p.s) && scan.IsIdentByte(p.s[p.i]) {
		p.i++
	}
	field := p.i > at
	p.space()
	if !field || !strings.HasPrefix(p.s[p.i:], "|->") && (!strings.HasPrefix(p.s[p.i:], ":") || strings.HasPrefix(p.s[p.i:], ":>")) {
		p.i = at
		return p.funcSet()
	}
	if strings.HasPrefix(p.s[p.i:], ":") {
		p.i = at
		return p.recordSet()
	}
	p.i = at
	for {
		p.space()
		start := p.i
		for p.i < len(p.s) && scan.IsIdentByte(p.s[p.i]) {
			p.i++
		}
		if p.i == start {
			return nil, p.errorf("a record field expected, found %q", p.rest())
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

// funcSet reads [S -> T] after its bracket.
func (p *valueParser) funcSet() (eval.Value, error) {
	dom, err := p.value()
	if err != nil {
		return nil, err
	}
	if err := p.expect("->"); err != nil {
		return nil, err
	}
	rng, err := p.value()
	if err != nil {
		return nil, err
	}
	if err := p.expect("]"); err != nil {
		return nil, err
	}
	return eval.MakeFuncSet(dom, rng)
}

// recordSet reads [f : S, ...] after its bracket.
func (p *valueParser) recordSet() (eval.Value, error) {
	var names []string
	var sets []eval.Value
	for {
		p.space()
		start := p.i
		for p.i < len(p.s) && scan.IsIdentByte(p.s[p.i]) {
			p.i++
		}
		if p.i == start {
			return nil, p.errorf("a record field expected, found %q", p.rest())
		}
		names = append(names, p.s[start:p.i])
		if err := p.expect(":"); err != nil {
			return nil, err
		}
		s, err := p.value()
		if err != nil {
			return nil, err
		}
		sets = append(sets, s)
		if p.eat("]") {
			return p.product(sets, func(vs []eval.Value) eval.Value { return eval.MakeRecord(names, vs) })
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
	for p.i < len(p.s) && scan.IsIdentByte(p.s[p.i]) {
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
	case "SUBSET", "UNION":
		base, err := p.primary()
		if err != nil {
			return nil, err
		}
		if name == "SUBSET" {
			return eval.MakeSubset(base)
		}
		return eval.MakeUnion(base)
	case "Nat", "Int", "Real", "STRING", "Seq":
		p.i = start
		return nil, p.errorf("%s: an infinite set", name)
	}
	if mv, ok := p.r.models[name]; ok {
		return mv, nil
	}
	mv := checker.UntypedModelValue(name)
	p.r.models[name] = mv
	return mv, nil
}
