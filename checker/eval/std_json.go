package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The Json module as TLC implements it (tlc2.module.Json): values are
// written as compact JSON; records and functions become objects, sequences
// and sets arrays.

func jsonOps() map[string]*builtin {
	return map[string]*builtin{
		"ToJson": b1(func(a Value, l *Loc) Value {
			var b strings.Builder
			jsonValue(&b, a, l)
			return Str(b.String())
		}),
		"ToJsonArray": b1(func(a Value, l *Loc) Value {
			var b strings.Builder
			jsonArray(&b, a, l)
			return Str(b.String())
		}),
		"ToJsonObject": b1(func(a Value, l *Loc) Value {
			var b strings.Builder
			if f, ok := a.(*FcnV); ok && f.Seq {
				// a tuple as an object keyed by 0-based positions
				b.WriteByte('{')
				for i, v := range f.Vals {
					if i > 0 {
						b.WriteByte(',')
					}
					jsonString(&b, strconv.Itoa(i))
					b.WriteByte(':')
					jsonValue(&b, v, l)
				}
				b.WriteByte('}')
				return Str(b.String())
			}
			jsonObject(&b, a, l)
			return Str(b.String())
		}),
		"JsonSerialize": {arity: 2, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			vals := jsonSeqArg(args, l, "JsonSerialize")
			var b strings.Builder
			b.WriteString("[\n")
			for i, v := range vals {
				jsonValue(&b, v, l)
				if i < len(vals)-1 {
					b.WriteString(",\n")
				}
			}
			b.WriteString("\n]\n")
			writeFile(string(args[0].(Str)), b.String(), l)
			return Bool(true)
		}},
		"ndJsonSerialize": {arity: 2, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			vals := jsonSeqArg(args, l, "ndJsonSerialize")
			var b strings.Builder
			for _, v := range vals {
				jsonValue(&b, v, l)
				b.WriteByte('\n')
			}
			writeFile(string(args[0].(Str)), b.String(), l)
			return Bool(true)
		}},
		"JsonDeserialize": {arity: 1, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			data := readFile(args[0], l, "JsonDeserialize")
			return jsonParse(data, l)
		}},
		"ndJsonDeserialize": {arity: 1, impure: true, fn: func(c *Ctx, args []Value, l *Loc) Value {
			data := readFile(args[0], l, "ndJsonDeserialize")
			var out []Value
			sc := bufio.NewScanner(bytes.NewReader(data))
			sc.Buffer(make([]byte, 1<<16), 1<<30)
			for sc.Scan() {
				out = append(out, jsonParse(sc.Bytes(), l))
			}
			return mkTuple(out)
		}},
	}
}

func jsonSeqArg(args []Value, l *Loc, op string) []Value {
	if _, ok := args[0].(Str); !ok {
		throw(l, "The first argument of %s should be a string, but instead it is:\n%s", op, Pretty(args[0]))
	}
	return seqArg(args[1], l, "The second argument of "+op+" should be a sequence, but instead it is:\n%s").Vals
}

func writeFile(name, text string, l *Loc) {
	if dir := filepath.Dir(name); dir != "." {
		_ = os.MkdirAll(dir, 0o755)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		throw(l, "%v", err)
	}
}

func readFile(name Value, l *Loc, op string) []byte {
	s, ok := name.(Str)
	if !ok {
		throw(l, "The argument of %s should be a string, but instead it is:\n%s", op, Pretty(name))
	}
	data, err := os.ReadFile(string(s))
	if err != nil {
		throw(l, "%v", err)
	}
	return data
}

// jsonString writes s quoted as Gson does (no HTML escaping).
func jsonString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\u2028', '\u2029':
			fmt.Fprintf(b, `\u%04x`, r)
		default:
			if r < 0x20 {
				fmt.Fprintf(b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}

func jsonValue(b *strings.Builder, v Value, l *Loc) {
	switch x := v.(type) {
	case Str:
		jsonString(b, string(x))
	case *ModelValue:
		jsonString(b, x.Name)
	case Int:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case Bool:
		if x {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case *FcnV, *LazyFcnV:
		jsonObject(b, v, l)
	default:
		if !isSet(v) {
			throw(l, "Cannot convert value: unsupported value %s", Pretty(v))
		}
		jsonArray(b, v, l)
	}
}

// jsonObject writes a function as an object (a sequence as an array, as
// TLC does for a function whose domain is 1..n).
func jsonObject(b *strings.Builder, v Value, l *Loc) {
	f, ok := v.(*FcnV)
	if !ok {
		if lf, lazy := v.(*LazyFcnV); lazy {
			n, err := normalize(lf)
			check(l, err)
			f = n.(*FcnV)
		} else {
			throw(l, "Cannot convert value: unsupported value %s", Pretty(v))
		}
	}
	if f.Seq {
		jsonArray(b, f, l)
		return
	}
	b.WriteByte('{')
	for i := range f.Vals {
		if i > 0 {
			b.WriteByte(',')
		}
		d := f.DomainAt(i)
		if s, ok := d.(Str); ok {
			jsonString(b, string(s))
		} else {
			jsonString(b, Format(d))
		}
		b.WriteByte(':')
		jsonValue(b, f.Vals[i], l)
	}
	b.WriteByte('}')
}

func jsonArray(b *strings.Builder, v Value, l *Loc) {
	var vals []Value
	switch x := v.(type) {
	case *FcnV, *LazyFcnV:
		f := toFcn(x, l)
		if !f.Seq && len(f.Vals) > 0 {
			jsonObject(b, f, l)
			return
		}
		vals = f.Vals
	default:
		if !isSet(v) {
			throw(l, "Cannot convert value: unsupported value %s", Pretty(v))
		}
		es, err := enumerate(v)
		check(l, err)
		vals = es
	}
	b.WriteByte('[')
	for i, e := range vals {
		if i > 0 {
			b.WriteByte(',')
		}
		jsonValue(b, e, l)
	}
	b.WriteByte(']')
}

// jsonParse reads one JSON value: objects become records, arrays tuples.
func jsonParse(data []byte, l *Loc) Value {
	if !utf8.Valid(data) {
		throw(l, "Cannot parse JSON: invalid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v := jsonDecode(dec, l)
	return v
}

func jsonDecode(dec *json.Decoder, l *Loc) Value {
	tok, err := dec.Token()
	if err != nil {
		throw(l, "Cannot parse JSON: %v", err)
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '[':
			var out []Value
			for dec.More() {
				out = append(out, jsonDecode(dec, l))
			}
			dec.Token()
			return mkTuple(out)
		case '{':
			var dom, vals []Value
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					throw(l, "Cannot parse JSON: %v", err)
				}
				dom = append(dom, Str(k.(string)))
				vals = append(vals, jsonDecode(dec, l))
			}
			dec.Token()
			return mkFcn(dom, vals)
		}
	case json.Number:
		n, err := strconv.ParseInt(string(t), 10, 32)
		if err != nil {
			throw(l, "Cannot convert value: unsupported JSON number %s", t)
		}
		return Int(n)
	case bool:
		return Bool(t)
	case string:
		return Str(t)
	}
	throw(l, "Cannot convert value: unsupported JSON value %v", tok)
	return nil
}
