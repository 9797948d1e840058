package eval

import "testing"

// TestRecordSetEnumeration: the records of [l1 : S1, ..., ln : Sn]
// (recordMaker: one shared domain) are those mkRecord makes field by
// field, in the same order, whatever the order of the names.
func TestRecordSetEnumeration(t *testing.T) {
	for _, names := range [][]string{{"black", "white"}, {"white", "black"}, {"a"}, {"c", "a", "b"}} {
		sets := make([]Value, len(names))
		lists := make([][]Value, len(names))
		for i := range sets {
			sets[i] = &IntervalV{0, 2}
			lists[i] = []Value{Int(0), Int(1), Int(2)}
		}
		got, err := enumerate(&RecSetV{Names: names, Sets: sets})
		if err != nil {
			t.Fatal(err)
		}
		var want []Value
		cartesian(lists, func(vals []Value) error {
			want = append(want, mkRecord(names, append([]Value(nil), vals...)))
			return nil
		})
		ws := mkSet(want)
		if len(got) != len(ws.elems) || len(got) != len(want) {
			t.Fatalf("%v: %d records, want %d", names, len(got), len(ws.elems))
		}
		for i, r := range got {
			w := ws.elems[i]
			if !equal(r, w) || Format(r) != Format(w) || Fingerprint(r) != Fingerprint(w) {
				t.Errorf("%v: record %d is %s, want %s", names, i, Format(r), Format(w))
			}
		}
	}
}

// BenchmarkEnumerateRecordSet enumerates [black : 0..99, white : 0..99]
// (CoffeeCan's Can for 99 beans): allocations per record.
func BenchmarkEnumerateRecordSet(b *testing.B) {
	s := &RecSetV{Names: []string{"black", "white"}, Sets: []Value{&IntervalV{0, 99}, &IntervalV{0, 99}}}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := enumerate(s); err != nil {
			b.Fatal(err)
		}
	}
}
