package eval

import (
	"strconv"
	"strings"
)

// JSONText writes v as TLC writes values in JSON (its -dumpTrace json and
// Json!ToJson): a sequence or set as an array, a record or other function
// as an object keyed by the printed domain value, a model value as its
// name.
func JSONText(v Value) (text string, err error) {
	defer Catch(&err)
	var b strings.Builder
	jsonValue(&b, v, nil)
	return b.String(), nil
}

// ITFText writes v in the Informal Trace Format of Apalache and Quint
// (ADR-015): integers {"#bigint": "n"}, a sequence as an array, a record
// as an object, another function {"#map": [[k, v], ...]}, a set {"#set":
// [...]}; a model value, which ITF has no form for, as its name.
func ITFText(v Value) (text string, err error) {
	defer Catch(&err)
	var b strings.Builder
	itfValue(&b, v)
	return b.String(), nil
}

func itfValue(b *strings.Builder, v Value) {
	switch x := v.(type) {
	case Str:
		jsonString(b, string(x))
	case *ModelValue:
		jsonString(b, x.Name)
	case Int:
		b.WriteString(`{"#bigint":"` + strconv.FormatInt(int64(x), 10) + `"}`)
	case Bool:
		b.WriteString(strconv.FormatBool(bool(x)))
	case *FcnV, *LazyFcnV:
		f := toFcn(x, nil)
		switch {
		case f.Seq || len(f.Vals) == 0:
			itfList(b, f.Vals)
		case isRecord(f):
			b.WriteByte('{')
			for i := range f.Vals {
				if i > 0 {
					b.WriteByte(',')
				}
				jsonString(b, string(f.Dom[i].(Str)))
				b.WriteByte(':')
				itfValue(b, f.Vals[i])
			}
			b.WriteByte('}')
		default:
			b.WriteString(`{"#map":[`)
			for i := range f.Vals {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteByte('[')
				itfValue(b, f.Dom[i])
				b.WriteByte(',')
				itfValue(b, f.Vals[i])
				b.WriteByte(']')
			}
			b.WriteString(`]}`)
		}
	default:
		if !isSet(v) {
			throw(nil, "Cannot convert value: unsupported value %s", Pretty(v))
		}
		es, err := enumerate(v)
		check(nil, err)
		b.WriteString(`{"#set":`)
		itfList(b, es)
		b.WriteByte('}')
	}
}

func itfList(b *strings.Builder, vals []Value) {
	b.WriteByte('[')
	for i, e := range vals {
		if i > 0 {
			b.WriteByte(',')
		}
		itfValue(b, e)
	}
	b.WriteByte(']')
}

// MakeTuple is the tuple <<vals...>>.
func MakeTuple(vals []Value) Value { return mkTuple(append([]Value(nil), vals...)) }

// RecordAsGiven is the record [names[i] |-> vals[i]] whose fields print in
// the order given, not the run's string order: TLC's CounterExample
// lists a state's variables by name. Use it for printing only.
func RecordAsGiven(names []string, vals []Value) Value {
	dom := make([]Value, len(names))
	for i, n := range names {
		dom[i] = Str(n)
	}
	return &FcnV{Dom: dom, Vals: append([]Value(nil), vals...)}
}
