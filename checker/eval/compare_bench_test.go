package eval

import "testing"

// BenchmarkCompiledCompare evaluates, for x in 1..n (n a variable, so that
// nothing is hoisted), each comparison form whose errors the ...At helpers
// of compile_ops.go locate: =, /=, \in a set and a set literal, a tuple
// \in a set and = a tuple, {e1, e2} \subseteq S and UNION {S1, S2}.
func BenchmarkCompiledCompare(b *testing.B) {
	p := program(b, `VARIABLE n
S == {1, 3, 5, 7, 9, 11}
T == {<<i, 1>> : i \in 1..20}
E == [x \in 1..n |-> <<x = 3, x /= 4, x \in S, x \in {2, 4, 6}, <<x, 1>> \in T,
                      <<x, x>> = <<1, 2>>, {x, x + 1} \subseteq S, UNION {{x}, {x + 1}}>>]`, nil)
	e, err := p.DefExpr("E")
	if err != nil {
		b.Fatal(err)
	}
	ce, err := p.Compile(e)
	if err != nil {
		b.Fatal(err)
	}
	c := p.NewCtx()
	cur := []Value{Int(100)}
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := ce.Eval(c, cur, nil); err != nil {
			b.Fatal(err)
		}
	}
}
