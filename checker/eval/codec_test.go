package eval

import (
	"context"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// TestCodecRoundTrip: every kind of value a state can hold decodes to a
// value that prints, fingerprints and compares as the one encoded; closures
// (lazy functions, filtered sets) are written as their normal form.
func TestCodecRoundTrip(t *testing.T) {
	defer ownStringOrder(t)()
	mv := &ModelValue{Name: "m1", Rank: 3}
	set := mkSet([]Value{Int(1), Int(2), mv}) // a model value orders with anything; 1 and "a" would not (TLC)
	rec := mkRecord([]string{"a", "b"}, []Value{Int(1), Bool(true)})
	lazy := &LazyFcnV{Dom: &IntervalV{Lo: 1, Hi: 3}, Apply: func(_ *Ctx, a Value) Value { return a.(Int) * 2 }}
	filter := &FilterV{Base: &IntervalV{Lo: 1, Hi: 6}, Pred: func(v Value) bool { return v.(Int)%2 == 0 }}
	cases := []struct {
		name  string
		v     Value
		print string
	}{
		{"false", Bool(false), "FALSE"},
		{"true", Bool(true), "TRUE"},
		{"int", Int(-1 << 62), "-4611686018427387904"},
		{"string", Str("a\"\n"), `"a\"\n"`},
		{"model value", mv, "m1"},
		{"set", set, Format(set)},
		{"empty set", mkSet(nil), "{}"},
		{"interval set", &SetV{elems: []Value{Int(1), Int(2)}, interval: true}, "1..2"},
		{"tuple", mkTuple([]Value{Int(1), set}), Format(mkTuple([]Value{Int(1), set}))},
		{"record", rec, Format(rec)},
		{"function", canonFcn([]Value{Int(1), Int(3)}, []Value{Str("x"), Str("y")}), `(1 :> "x" @@ 3 :> "y")`},
		{"interval", &IntervalV{Lo: 2, Hi: 5}, "2..5"},
		{"subset", &SubsetV{Base: set}, Format(&SubsetV{Base: set})},
		{"function set", &FuncSetV{Dom: set, Rng: &IntervalV{Lo: 0, Hi: 1}}, Format(&FuncSetV{Dom: set, Rng: &IntervalV{Lo: 0, Hi: 1}})},
		{"record set", &RecSetV{Names: []string{"a"}, Sets: []Value{set}}, Format(&RecSetV{Names: []string{"a"}, Sets: []Value{set}})},
		{"product", &ProductV{Sets: []Value{set, set}}, Format(&ProductV{Sets: []Value{set, set}})},
		{"seq set", &SeqSetV{Base: set}, "Seq(" + Format(set) + ")"},
		{"Nat", NatV{}, "Nat"},
		{"Int", IntSetV{}, "Int"},
		{"STRING", StringV{}, "STRING"},
		{"ANY", AnyV{}, "ANY"},
		{"union", &UnionV{Base: mkSet([]Value{set})}, Format(&UnionV{Base: mkSet([]Value{set})})},
		{"diff", &DiffV{A: NatV{}, B: set}, `Nat \ ` + Format(set)},
		{"cup", &CupV{A: NatV{}, B: set}, `Nat \cup ` + Format(set)},
		{"lazy function", lazy, "<<2, 4, 6>>"},
		{"filter", filter, "{2, 4, 6}"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := AppendValue([]byte{7}, c.v)
			if err != nil {
				t.Fatal(err)
			}
			var d Decoder
			got, rest, err := d.Value(b[1:])
			if err != nil || len(rest) != 0 {
				t.Fatalf("decode: %v, %d bytes left", err, len(rest))
			}
			if p := Format(got); p != c.print || Format(c.v) != c.print {
				t.Errorf("printed %s, want %s (encoded %s)", p, c.print, Format(c.v))
			}
			switch c.v.(type) {
			case NatV, IntSetV, StringV, AnyV, *SeqSetV, *DiffV, *CupV: // infinite: no fingerprint
			case *LazyFcnV, *FilterV:
				if Fingerprint(got) != Fingerprint(c.v) {
					t.Errorf("fingerprint differs")
				}
			default:
				if Fingerprint(got) != Fingerprint(c.v) {
					t.Errorf("fingerprint differs")
				}
				if !equal(got, c.v) {
					t.Errorf("decoded value is not equal")
				}
			}
		})
	}
}

// TestCodecRandom: random nested values and states survive the round trip
// exactly, with one model value pointer per name.
func TestCodecRandom(t *testing.T) {
	defer ownStringOrder(t)()
	g := &gen{rand.New(rand.NewSource(7))}
	var d Decoder
	for i := 0; i < 2000; i++ {
		st := []Value{g.value(3), g.value(2), g.value(4)}
		b, err := AppendState(nil, st)
		if err != nil {
			t.Fatal(err)
		}
		b = append(b, 0xAB)
		got, rest, err := d.State(b)
		if err != nil || !reflect.DeepEqual(rest, []byte{0xAB}) {
			t.Fatalf("decode: %v rest %v", err, rest)
		}
		for k := range st {
			if Format(got[k]) != Format(st[k]) || Fingerprint(got[k]) != Fingerprint(st[k]) {
				t.Fatalf("state %d var %d: %s, want %s", i, k, Format(got[k]), Format(st[k]))
			}
		}
	}
	m := map[*ModelValue]bool{}
	for _, mv := range d.models {
		m[mv] = true
	}
	if len(m) != len(d.models) {
		t.Errorf("model values not shared")
	}
}

// TestCodecRefuses: an operator and an infinite lazy function cannot be
// written; corrupt input is an error, never a panic.
func TestCodecRefuses(t *testing.T) {
	defer ownStringOrder(t)()
	for _, v := range []Value{&OpValue{Name: "Op"}, &LazyFcnV{Dom: NatV{}, Apply: func(_ *Ctx, a Value) Value { return a }}} {
		if _, err := AppendValue(nil, v); err == nil || !strings.Contains(err.Error(), "cannot write") {
			t.Errorf("%T: err %v", v, err)
		}
	}
	good, _ := AppendState(nil, []Value{mkSet([]Value{Str("xyz"), Str("abc")}), mkTuple([]Value{Int(3)})})
	var d Decoder
	for n := 0; n < len(good); n++ {
		if _, _, err := d.State(good[:n]); err == nil {
			t.Errorf("truncated at %d: no error", n)
		}
	}
	for _, bad := range [][]byte{{1, 99}, {1, encSet, 0xff, 0xff, 0xff, 0x0f}, {1, encStr, 50, 'a'}} {
		if _, _, err := d.State(bad); err == nil {
			t.Errorf("%v: no error", bad)
		}
	}
}

// ownStringOrder gives the test a string order of its own, so that the
// strings it makes do not order those of the tests after it.
func ownStringOrder(t *testing.T) func() {
	end, err := BeginSpecRun(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return end
}
