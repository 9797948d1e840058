package eval

import (
	"strconv"
	"syscall"
	"testing"
	"time"
)

// reportCPU adds the process's CPU time (user+sys) per op to a benchmark:
// on a loaded machine wall time per op says little, CPU time more.
func reportCPU(b *testing.B) func() {
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := cpu()
	return func() { b.ReportMetric(float64(cpu()-start)/float64(b.N), "cpu-ns/op") }
}

// These mirror the benchmarks the former checker/value package had, so the
// two representations could be compared with benchstat before the merge.

// typicalState is a record of 20 fields, each a set of five small records,
// like a distributed-protocol spec's state.
func typicalState() Value {
	names := make([]string, 20)
	vals := make([]Value, 20)
	for i := range names {
		names[i] = "field" + strconv.Itoa(i)
		elems := make([]Value, 5)
		for j := range elems {
			elems[j] = mkRecord([]string{"id", "state", "peers"},
				[]Value{Int(int64(j)), Str("idle"), mkSet([]Value{&ModelValue{Name: "p1"}, &ModelValue{Name: "p2", Rank: 1}})})
		}
		vals[i] = mkSet(elems)
	}
	return mkRecord(names, vals)
}

func BenchmarkFingerprintState(b *testing.B) {
	s := typicalState()
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
	x := typicalState()
	y := typicalState().(*FcnV)
	vals := append([]Value(nil), y.Vals...)
	vals[len(vals)-1] = mkSet(nil)
	y = &FcnV{Dom: y.Dom, Vals: vals}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		compare(x, y)
	}
}

func hundred(offset int64) []Value {
	elems := make([]Value, 100)
	for i := range elems {
		elems[i] = Int(int64(i)*2 + offset)
	}
	return elems
}

func BenchmarkUnion100(b *testing.B) {
	x, y := mkSet(hundred(0)), mkSet(hundred(1))
	b.ReportAllocs()
	for b.Loop() {
		setOp("\\cup", x, y, nil)
	}
}

func BenchmarkNewSet100Shuffled(b *testing.B) {
	elems := hundred(0)
	shuffled := make([]Value, len(elems))
	for i := range elems {
		shuffled[i] = elems[(i*37)%len(elems)]
	}
	buf := make([]Value, len(shuffled))
	b.ReportAllocs()
	for b.Loop() {
		copy(buf, shuffled) // mkSet sorts in place
		mkSet(buf)
	}
}

func BenchmarkFuncSetMember(b *testing.B) {
	abc := []Value{&ModelValue{Name: "a"}, &ModelValue{Name: "b", Rank: 1}, &ModelValue{Name: "c", Rank: 2}}
	fs := &FuncSetV{Dom: &IntervalV{1, 10}, Rng: mkSet(append([]Value(nil), abc...))}
	vals := make([]Value, 10)
	for i := range vals {
		vals[i] = abc[i%3]
	}
	f := mkTuple(vals)
	b.ReportAllocs()
	for b.Loop() {
		if in, err := member(f, fs); !in || err != nil {
			b.Fatal("not a member")
		}
	}
}

// edgeSet is a set of 36 edges <<<<n, r>>, <<m, r-1>>>> between vertices
// (pairs of a model value and a round), as DAG specs keep them.
func edgeSet() (*SetV, []Value) {
	nodes := []Value{&ModelValue{Name: "n1"}, &ModelValue{Name: "n2", Rank: 1}, &ModelValue{Name: "n3", Rank: 2}}
	var edges, probes []Value
	for r := int64(2); r <= 5; r++ {
		for _, n := range nodes {
			for _, m := range nodes {
				e := mkTuple([]Value{mkTuple([]Value{n, Int(r)}), mkTuple([]Value{m, Int(r - 1)})})
				edges = append(edges, e)
				probes = append(probes, mkTuple([]Value{mkTuple([]Value{m, Int(r)}), mkTuple([]Value{n, Int(r)})}))
			}
		}
	}
	return mkSet(edges), append(probes, edges...)
}

func BenchmarkTupleSetMember(b *testing.B) {
	s, probes := edgeSet()
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		for _, p := range probes {
			if _, err := member(p, s); err != nil {
				b.Fatal(err)
			}
		}
	}
}
