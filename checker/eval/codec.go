package eval

import (
	"encoding/binary"
	"fmt"
)

// The compact encoding of states the search writes to disk (its queue past
// the memory budget, checkpoints): a tag byte per value, integers as
// varints. Decoding gives a value equal to the one encoded, with the same
// fingerprint and the same printing. A value made of closures (a lazy
// function, a filtered set) is written as its normal form, which TLC
// serializes too; one that has none (an infinite lazy function, an
// operator) cannot be written.

// Tags of the encoding. Never renumber: checkpoints hold them.
const (
	encFalse byte = iota + 1
	encTrue
	encInt
	encStr
	encModel
	encSet
	encInterval // a SetV that prints as an interval
	encFcn
	encSeq
	encIntervalV
	encSubset
	encFuncSet
	encRecSet
	encProduct
	encSeqSet
	encNat
	encIntSet
	encString
	encUnion
	encDiff
	encCup
	encAny
)

// AppendValue appends the encoding of v to b.
func AppendValue(b []byte, v Value) ([]byte, error) {
	switch x := v.(type) {
	case Bool:
		if x {
			return append(b, encTrue), nil
		}
		return append(b, encFalse), nil
	case Int:
		return binary.AppendVarint(append(b, encInt), int64(x)), nil
	case Str:
		return appendStr(append(b, encStr), string(x)), nil
	case *ModelValue:
		b = appendStr(append(b, encModel), x.Name)
		return binary.AppendVarint(b, int64(x.Rank)), nil
	case *SetV:
		tag := encSet
		if x.interval {
			tag = encInterval
		}
		return appendValues(binary.AppendUvarint(append(b, tag), uint64(len(x.elems))), x.elems)
	case *FcnV:
		if x.Seq {
			return appendValues(binary.AppendUvarint(append(b, encSeq), uint64(len(x.Vals))), x.Vals)
		}
		b, err := appendValues(binary.AppendUvarint(append(b, encFcn), uint64(len(x.Vals))), x.Dom)
		if err != nil {
			return nil, err
		}
		return appendValues(b, x.Vals)
	case *IntervalV:
		return binary.AppendVarint(binary.AppendVarint(append(b, encIntervalV), x.Lo), x.Hi), nil
	case *SubsetV:
		return AppendValue(append(b, encSubset), x.Base)
	case *SeqSetV:
		return AppendValue(append(b, encSeqSet), x.Base)
	case *UnionV:
		return AppendValue(append(b, encUnion), x.Base)
	case *FuncSetV:
		return appendValues(append(b, encFuncSet), []Value{x.Dom, x.Rng})
	case *DiffV:
		return appendValues(append(b, encDiff), []Value{x.A, x.B})
	case *CupV:
		return appendValues(append(b, encCup), []Value{x.A, x.B})
	case *RecSetV:
		b = binary.AppendUvarint(append(b, encRecSet), uint64(len(x.Names)))
		for _, n := range x.Names {
			b = appendStr(b, n)
		}
		return appendValues(b, x.Sets)
	case *ProductV:
		return appendValues(binary.AppendUvarint(append(b, encProduct), uint64(len(x.Sets))), x.Sets)
	case NatV:
		return append(b, encNat), nil
	case IntSetV:
		return append(b, encIntSet), nil
	case StringV:
		return append(b, encString), nil
	case AnyV:
		return append(b, encAny), nil
	case *LazyFcnV, *FilterV:
		n, err := normalize(v)
		if err != nil {
			return nil, fmt.Errorf("cannot write %s to disk: %v", Pretty(v), err)
		}
		return AppendValue(b, n)
	}
	return nil, fmt.Errorf("cannot write %s to disk: %s", Pretty(v), kindName(v))
}

func appendStr(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func appendValues(b []byte, vs []Value) ([]byte, error) {
	var err error
	for _, v := range vs {
		if b, err = AppendValue(b, v); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// Decoder reads values AppendValue wrote; a model value is decoded to one
// pointer per name.
type Decoder struct {
	models map[string]*ModelValue
}

// Value decodes the value at the start of b and returns the rest of b.
func (d *Decoder) Value(b []byte) (Value, []byte, error) {
	r := reader{b: b}
	v := d.value(&r, 0)
	if r.err != nil {
		return nil, b, r.err
	}
	return v, r.b, nil
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) fail(msg string) {
	if r.err == nil {
		r.err = fmt.Errorf("corrupt state encoding: %s", msg)
	}
	r.b = nil
}

func (r *reader) byte() byte {
	if len(r.b) == 0 {
		r.fail("truncated")
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *reader) varint() int64 {
	x, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail("bad integer")
		return 0
	}
	r.b = r.b[n:]
	return x
}

// count reads a length, never more than the bytes left (each element
// takes at least one).
func (r *reader) count() int {
	x, n := binary.Uvarint(r.b)
	if n <= 0 || x > uint64(len(r.b)-n) {
		r.fail("bad length")
		return 0
	}
	r.b = r.b[n:]
	return int(x)
}

func (r *reader) str() string {
	n := r.count()
	if r.err != nil {
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// maxDepth bounds the nesting a corrupt file could make us recurse into.
const maxDecodeDepth = 10000

func (d *Decoder) values(r *reader, n, depth int) []Value {
	vs := make([]Value, n)
	for i := range vs {
		if vs[i] = d.value(r, depth); r.err != nil {
			return nil
		}
	}
	return vs
}

func (d *Decoder) value(r *reader, depth int) Value {
	if depth > maxDecodeDepth {
		r.fail("too deep")
		return nil
	}
	depth++
	switch tag := r.byte(); tag {
	case encFalse:
		return Bool(false)
	case encTrue:
		return Bool(true)
	case encInt:
		return Int(r.varint())
	case encStr:
		return Str(r.str())
	case encModel:
		name, rank := r.str(), r.varint()
		if mv, ok := d.models[name]; ok {
			return mv
		}
		if d.models == nil {
			d.models = map[string]*ModelValue{}
		}
		mv := &ModelValue{Name: name, Rank: int32(rank)}
		d.models[name] = mv
		return mv
	case encSet, encInterval:
		return &SetV{elems: d.values(r, r.count(), depth), interval: tag == encInterval}
	case encSeq:
		return &FcnV{Vals: d.values(r, r.count(), depth), Seq: true}
	case encFcn:
		n := r.count()
		dom := d.values(r, n, depth)
		return &FcnV{Dom: dom, Vals: d.values(r, n, depth)}
	case encIntervalV:
		lo := r.varint()
		return &IntervalV{Lo: lo, Hi: r.varint()}
	case encSubset:
		return &SubsetV{Base: d.value(r, depth)}
	case encSeqSet:
		return &SeqSetV{Base: d.value(r, depth)}
	case encUnion:
		return &UnionV{Base: d.value(r, depth)}
	case encFuncSet:
		dom := d.value(r, depth)
		return &FuncSetV{Dom: dom, Rng: d.value(r, depth)}
	case encDiff:
		a := d.value(r, depth)
		return &DiffV{A: a, B: d.value(r, depth)}
	case encCup:
		a := d.value(r, depth)
		return &CupV{A: a, B: d.value(r, depth)}
	case encRecSet:
		n := r.count()
		names := make([]string, n)
		for i := range names {
			names[i] = r.str()
		}
		return &RecSetV{Names: names, Sets: d.values(r, n, depth)}
	case encProduct:
		return &ProductV{Sets: d.values(r, r.count(), depth)}
	case encNat:
		return NatV{}
	case encIntSet:
		return IntSetV{}
	case encString:
		return StringV{}
	case encAny:
		return AnyV{}
	default:
		r.fail(fmt.Sprintf("unknown tag %d", tag))
	}
	return nil
}

// AppendState appends the encoding of a state (its values in variable
// order).
func AppendState(b []byte, st []Value) ([]byte, error) {
	b = binary.AppendUvarint(b, uint64(len(st)))
	return appendValues(b, st)
}

// State decodes a state AppendState wrote and returns the rest of b.
func (d *Decoder) State(b []byte) ([]Value, []byte, error) {
	r := reader{b: b}
	st := d.values(&r, r.count(), 0)
	if r.err != nil {
		return nil, b, r.err
	}
	return st, r.b, nil
}
