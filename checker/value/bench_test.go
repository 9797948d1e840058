package value

import (
	"strconv"
	"testing"
)

// typicalState is a record of ~20 fields, most holding sets of small
// records, like a distributed-protocol spec's state.
func typicalState(b testing.TB) Value {
	names := make([]string, 20)
	vals := make([]Value, 20)
	for i := range names {
		names[i] = "field" + strconv.Itoa(i)
		elems := make([]Value, 5)
		for j := range elems {
			elems[j] = mustRecord(b, []string{"id", "state", "peers"},
				[]Value{Int(int64(j)), Str("idle"), NewSet(NewModelValue("p1"), NewModelValue("p2"))})
		}
		vals[i] = NewSet(elems...)
	}
	return mustRecord(b, names, vals)
}

func BenchmarkFingerprintState(b *testing.B) {
	s := typicalState(b)
	b.ReportAllocs()
	for b.Loop() {
		Fingerprint(s)
	}
}

func BenchmarkFingerprintInt(b *testing.B) {
	var v Value = Int(123456789)
	b.ReportAllocs()
	for b.Loop() {
		Fingerprint(v)
	}
}

func BenchmarkCompareStates(b *testing.B) {
	x, y := typicalState(b), typicalState(b).(*Fcn).Except(Str("field19"), NewSet())
	b.ReportAllocs()
	for b.Loop() {
		Compare(x, y)
	}
}

func hundred(offset int64) *Set {
	elems := make([]Value, 100)
	for i := range elems {
		elems[i] = Int(int64(i)*2 + offset)
	}
	return NewSet(elems...)
}

func BenchmarkUnion100(b *testing.B) {
	x, y := hundred(0), hundred(1)
	b.ReportAllocs()
	for b.Loop() {
		UnionSets(x, y)
	}
}

func BenchmarkNewSet100Shuffled(b *testing.B) {
	elems := hundred(0).Elems()
	shuffled := make([]Value, len(elems))
	for i := range elems {
		shuffled[i] = elems[(i*37)%len(elems)]
	}
	b.ReportAllocs()
	for b.Loop() {
		NewSet(shuffled...)
	}
}

func BenchmarkFuncSetMember(b *testing.B) {
	fs := NewFuncSet(NewInterval(1, 10), NewSet(NewModelValue("a"), NewModelValue("b"), NewModelValue("c")))
	vals := make([]Value, 10)
	for i := range vals {
		vals[i] = NewModelValue(string(rune('a' + i%3)))
	}
	f := NewTuple(vals...)
	b.ReportAllocs()
	for b.Loop() {
		if in, err := fs.Member(f); !in || err != nil {
			b.Fatal("not a member")
		}
	}
}
