package value

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func mustParse(t testing.TB, s string) Value {
	t.Helper()
	v, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return v
}

func mustRecord(t testing.TB, names []string, vals []Value) *Fcn {
	t.Helper()
	r, err := NewRecord(names, vals)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func mustFcn(t testing.TB, dom, vals []Value) *Fcn {
	t.Helper()
	f, err := NewFcn(dom, vals)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func ints(ns ...int64) []Value {
	out := make([]Value, len(ns))
	for i, n := range ns {
		out[i] = Int(n)
	}
	return out
}

func TestFormat(t *testing.T) {
	a, b := NewModelValue("a"), NewModelValue("b")
	tests := []struct {
		name string
		v    Value
		want string
	}{
		{"true", Bool(true), "TRUE"},
		{"false", Bool(false), "FALSE"},
		{"int", Int(42), "42"},
		{"negative", Int(-7), "-7"},
		{"min int", Int(math.MinInt64), "-9223372036854775808"},
		{"string", Str("hi"), `"hi"`},
		{"escapes", Str("a\"b\\c\td\ne\ff\rg"), `"a\"b\\c\td\ne\ff\rg"`},
		{"unicode", Str("ünï"), `"ünï"`},
		{"model value", a, "a"},
		{"empty set", NewSet(), "{}"},
		{"set sorted", NewSet(Int(3), Int(1), Int(2), Int(1)), "{1, 2, 3}"},
		{"set negatives", NewSet(Int(0), Int(-2)), "{-2, 0}"},
		{"set of model values", NewSet(b, a), "{a, b}"},
		{"empty tuple", NewTuple(), "<<>>"},
		{"tuple", NewTuple(Int(1), Str("a")), `<<1, "a">>`},
		{"tuple of sets", NewTuple(NewSet(), NewSet(Int(1))), "<<{}, {1}>>"},
		{"record sorted", mustRecord(t, []string{"b", "a"}, ints(2, 1)), "[a |-> 1, b |-> 2]"},
		{"empty record", mustRecord(t, nil, nil), "<<>>"},
		{"record from fcn", mustFcn(t, []Value{Str("x")}, ints(1)), "[x |-> 1]"},
		{"non-name string domain", mustFcn(t, []Value{Str("a b")}, ints(1)), `("a b" :> 1)`},
		{"WF_ domain", mustFcn(t, []Value{Str("WF_x")}, ints(1)), `("WF_x" :> 1)`},
		{"digits-only domain", mustFcn(t, []Value{Str("12")}, ints(1)), `("12" :> 1)`},
		{"general fcn", mustFcn(t, ints(2, 1), []Value{Str("b"), Str("a")}), `<<"a", "b">>`},
		{"fcn from 0", mustFcn(t, ints(0, 1), []Value{Str("x"), Str("y")}), `(0 :> "x" @@ 1 :> "y")`},
		{"fcn sparse", mustFcn(t, ints(5, 0), []Value{Str("y"), Str("x")}), `(0 :> "x" @@ 5 :> "y")`},
		{"fcn on model values", mustFcn(t, []Value{b, a}, ints(2, 1)), "(a :> 1 @@ b :> 2)"},
		{"nested", NewSet(mustRecord(t, []string{"id", "s"}, []Value{Int(1), NewSet(Str("x"))})),
			`{[id |-> 1, s |-> {"x"}]}`},
		{"interval", NewInterval(1, 3), "1..3"},
		{"negative interval", NewInterval(-2, 3), "-2..3"},
		{"empty interval", NewInterval(3, 1), "{}"},
		{"small subset enumerates", NewSubset(NewSet(Int(1), Int(2))), "{{}, {1}, {2}, {1, 2}}"},
		{"subset of interval", NewSubset(NewInterval(1, 7)), "SUBSET (1..7)"},
		{"subset of set", NewSubset(NewSet(ints(1, 2, 3, 4, 5, 6, 7)...)), "SUBSET {1, 2, 3, 4, 5, 6, 7}"},
		{"small funcset", NewFuncSet(NewSet(Int(1)), NewSet(Bool(false), Bool(true))), "{<<FALSE>>, <<TRUE>>}"},
		{"big funcset", NewFuncSet(NewInterval(1, 20), NewInterval(1, 20)), "[1..20 -> 1..20]"},
		{"infinite funcset", NewFuncSet(NewSet(Int(1)), Nat), "[{1} -> Nat]"},
		{"small product", NewProduct(NewSet(Int(1)), NewSet(Str("a"))), `{<<1, "a">>}`},
		{"big product", NewProduct(NewInterval(1, 100), NewInterval(1, 100)), `(1..100 \X 1..100)`},
		{"recordset", mustRecordSet(t, []string{"b", "a"}, []SetValue{NewSet(Int(2)), NewSet(Int(1))}), "{[a |-> 1, b |-> 2]}"},
		{"infinite recordset", mustRecordSet(t, []string{"n"}, []SetValue{Nat}), "[n : Nat]"},
		{"seq", NewSeqSet(NewSet(Int(1))), "Seq({1})"},
		{"nat", Nat, "Nat"},
		{"int", Ints, "Int"},
		{"real", Reals, "Real"},
		{"union", NewUnion(NewSet(Int(1)), NewInterval(2, 3)), "{1, 2, 3}"},
		{"infinite union", NewUnion(NewSet(Int(-1)), Nat), `({-1} \cup Nat)`},
		{"diff", NewDiff(NewInterval(1, 5), NewSet(Int(2))), "{1, 3, 4, 5}"},
		{"intersect", NewIntersect(Nat, NewInterval(-2, 1)), "{0, 1}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Format(tt.v); got != tt.want {
				t.Errorf("Format = %s, want %s", got, tt.want)
			}
			if got := tt.v.String(); got != tt.want {
				t.Errorf("String = %s, want %s", got, tt.want)
			}
		})
	}
}

func mustRecordSet(t testing.TB, names []string, sets []SetValue) *RecordSet {
	t.Helper()
	rs, err := NewRecordSet(names, sets)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestSameValueDifferentConstruction checks that each group holds one value
// built different ways: equal, Compare 0, same fingerprint, same printing.
func TestSameValueDifferentConstruction(t *testing.T) {
	groups := []struct {
		name string
		vs   []Value
	}{
		{"tuple vs function on 1..2", []Value{
			NewTuple(Int(1), Int(2)),
			mustFcn(t, ints(2, 1), ints(2, 1)),
			mustParse(t, "(1 :> 1 @@ 2 :> 2)"),
			mustFcn(t, []Value{Int(1), Int(2)}, ints(1, 2)),
		}},
		{"range function", []Value{
			mustFcn(t, ints(4, 3), ints(1, 0)),
			mustRangeFcn(t, 3, ints(0, 1)),
		}},
		{"record vs function on strings", []Value{
			mustRecord(t, []string{"a"}, ints(1)),
			mustFcn(t, []Value{Str("a")}, ints(1)),
			mustParse(t, `("a" :> 1)`),
			mustParse(t, `[a |-> 1]`),
		}},
		{"record field order", []Value{
			mustRecord(t, []string{"x", "y", "z"}, ints(1, 2, 3)),
			mustRecord(t, []string{"z", "x", "y"}, ints(3, 1, 2)),
		}},
		{"empty function", []Value{NewTuple(), EmptyFcn, mustRecord(t, nil, nil), mustFcn(t, nil, nil), mustParse(t, "<< >>"), mustParse(t, "[]")}},
		{"set orders", []Value{
			NewSet(Int(3), Int(1), Int(2)),
			NewSet(Int(1), Int(2), Int(3), Int(2)),
			NewInterval(1, 3),
			NewUnion(NewSet(Int(1)), NewInterval(2, 3)),
			NewDiff(NewInterval(0, 3), NewSet(Int(0))),
			NewDiff(NewIntersect(Nat, NewInterval(-5, 3)), NewSet(Int(0))),
		}},
		{"empty sets", []Value{NewSet(), NewInterval(1, 0), NewInterval(5, -5), NewFuncSet(NewSet(Int(1)), NewSet()),
			NewProduct(NewSet(), Nat), NewDiff(NewSet(Int(1)), NewSet(Int(1)))}},
		{"subset", []Value{
			NewSubset(NewSet(Int(1), Int(2))),
			NewSet(NewSet(), NewSet(Int(1)), NewSet(Int(2)), NewInterval(1, 2)),
		}},
		{"funcset", []Value{
			NewFuncSet(NewSet(Str("a")), NewInterval(1, 2)),
			mustRecordSet(t, []string{"a"}, []SetValue{NewInterval(1, 2)}),
			NewSet(mustParse(t, "[a |-> 2]"), mustParse(t, "[a |-> 1]")),
		}},
		{"product", []Value{
			NewProduct(NewInterval(1, 2), NewSet(Bool(true))),
			NewProduct(NewSet(Int(2), Int(1)), NewIntersect(NewSet(Bool(true)), NewSet(Bool(true), Bool(false)))),
			NewSet(NewTuple(Int(2), Bool(true)), NewTuple(Int(1), Bool(true))),
		}},
		{"seq of empty", []Value{NewSeqSet(NewSet()), NewSet(NewTuple())}},
		{"nested lazy inside", []Value{
			NewTuple(NewInterval(1, 2)),
			NewTuple(NewSet(Int(2), Int(1))),
		}},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			first := g.vs[0]
			for i, v := range g.vs[1:] {
				eq, err := Equal(first, v)
				if err != nil || !eq {
					t.Errorf("#%d: Equal(%s, %s) = %v, %v", i+1, first, v, eq, err)
				}
				eq, err = Equal(v, first)
				if err != nil || !eq {
					t.Errorf("#%d: Equal(%s, %s) = %v, %v", i+1, v, first, eq, err)
				}
				if c := Compare(first, v); c != 0 {
					t.Errorf("#%d: Compare(%s, %s) = %d", i+1, first, v, c)
				}
				if Fingerprint(first) != Fingerprint(v) {
					t.Errorf("#%d: fingerprints differ: %s vs %s", i+1, first, v)
				}
			}
		})
	}
}

func mustRangeFcn(t testing.TB, lo int64, vals []Value) *Fcn {
	f, err := NewRangeFcn(lo, vals)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestDistinctValuesDiffer(t *testing.T) {
	pairs := [][2]string{
		{"<<1, 2>>", "<<2, 1>>"},
		{"<<1>>", "(2 :> 1)"},
		{"[a |-> 1]", "[b |-> 1]"},
		{"[a |-> 1]", "[a |-> 2]"},
		{"{1}", "{1, 2}"},
		{"{}", "<<>>"},
		{`"a"`, `"b"`},
		{"a", "b"},
		{"TRUE", "FALSE"},
		{"{{}}", "{}"},
		{"1..2", "2..3"},
	}
	for _, p := range pairs {
		a, b := mustParse(t, p[0]), mustParse(t, p[1])
		if Compare(a, b) == 0 {
			t.Errorf("Compare(%s, %s) = 0", a, b)
		}
		if Fingerprint(a) == Fingerprint(b) {
			t.Errorf("Fingerprint(%s) == Fingerprint(%s)", a, b)
		}
	}
}

// TestTLCOrder pins the order of canonical sets, which CHOOSE and printing
// follow, against TLC's compareTo.
func TestTLCOrder(t *testing.T) {
	tests := []struct {
		name  string
		elems []string // in the expected order
	}{
		{"ints numeric", []string{"-10", "-2", "0", "3", "11"}},
		{"strings lexicographic", []string{`""`, `"A"`, `"B"`, `"a"`, `"aa"`, `"b"`}},
		{"model values first, by name", []string{"m_1", "p1", "p2", "-5", "7"}},
		{"booleans", []string{"FALSE", "TRUE"}},
		{"sets: size then elements", []string{"{}", "{3}", "{1, 2}", "{1, 3}", "{2, 3}", "{1, 2, 3}"}},
		{"tuples: length then elements", []string{"<<>>", "<<5>>", "<<1, 9>>", "<<2, 0>>", "<<1, 1, 1>>"}},
		{"records: size, field names, values", []string{"[b |-> 9]", "[c |-> 0]", "[a |-> 2, b |-> 1]", "[a |-> 2, b |-> 3]", "[a |-> 1, c |-> 0]"}},
		{"functions: size, domain, values", []string{"(0 :> 5)", "<<1>>", "<<2>>", "(2 :> 0)", "(0 :> 1 @@ 2 :> 0)", "(0 :> 0 @@ 3 :> 0)", "<<7, 7>>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := make([]Value, len(tt.elems))
			for i, s := range tt.elems {
				want[i] = mustParse(t, s)
			}
			for i := 1; i < len(want); i++ {
				if Compare(want[i-1], want[i]) >= 0 || Compare(want[i], want[i-1]) <= 0 {
					t.Errorf("want %s < %s", want[i-1], want[i])
				}
			}
			reversed := make([]Value, len(want))
			for i, v := range want {
				reversed[len(want)-1-i] = v
			}
			s := NewSet(reversed...)
			if got, wantS := Format(s), "{"+strings.Join(tt.elems, ", ")+"}"; got != wantS {
				t.Errorf("set prints %s, want %s", got, wantS)
			}
		})
	}
}

func TestJavaStringOrder(t *testing.T) {
	// U+FF21 (fullwidth A) is one UTF-16 unit 0xFF21; U+1F600 is the pair
	// D83D DE00, so Java puts the emoji first although its code point is larger.
	if c := compareJavaStrings("\U0001F600", "\uFF21"); c >= 0 {
		t.Errorf("emoji vs fullwidth A = %d, want < 0", c)
	}
	if c := compareJavaStrings("é", "z"); c <= 0 {
		t.Errorf("é vs z = %d, want > 0", c)
	}
	if c := compareJavaStrings("ab", "abc"); c >= 0 {
		t.Errorf("prefix = %d, want < 0", c)
	}
	if c := compareJavaStrings("\xff", "\xfe"); c <= 0 {
		t.Errorf("invalid utf-8 = %d, want > 0", c)
	}
}

func TestEqualTLCErrors(t *testing.T) {
	tests := []struct {
		a, b    string
		want    bool
		wantErr string
	}{
		{"1", "1", true, ""},
		{"1", "2", false, ""},
		{`"a"`, "{1}", false, "Attempted to check equality of string \"a\" with non-string:\n{1}"},
		{"1", `"a"`, false, "Attempted to check equality of integer 1 with non-integer:\n\"a\""},
		{"TRUE", "1", false, "Attempted to compare equality of boolean TRUE with non-boolean:\n1"},
		{"{1}", `"a"`, false, ""}, // TLC's set equality does not complain
		{"<<1>>", "3", false, "Attempted to check equality of the function <<1>> with the value:\n3"},
		{"[a |-> 1]", "3", false, "Attempted to check equality of record:\n[a |-> 1]\nwith non-record\n3"},
		{"[a |-> 1]", "<<1>>", false, "Attempted to check equality of record:\n[a |-> 1]\nwith non-record\n<<1>>"},
		{"<<1, 2>>", "[a |-> 1]", false, ""},
		{"<<1>>", "[a |-> 1]", false, "Attempted to check equality of integer 1 with non-integer:\n\"a\""},
		// Untyped model values are unequal to everything but themselves.
		{"A", "A", true, ""},
		{"A", "B", false, ""},
		{"A", "1", false, ""},
		{"1", "A", false, ""},
		{"{1}", "A", false, ""},
		{"A", "{}", false, ""},
		// Typed model values.
		{"p_1", "p_2", false, ""},
		{"p_1", "A", false, ""},
		{"p_1", "q_1", false, "Attempted to check equality of the differently-typed model values p_1 and q_1"},
		{"p_1", "1", false, "Attempted to check equality of typed model value p_1 and non-model value\n1"},
		{"1", "p_1", false, "Attempted to check equality of typed model value p_1 and non-model value\n1"},
		{"Nat", "Nat", true, ""},
		{"Nat", "Int", false, ""},
		{"Nat", "{1}", false, ""},
	}
	for _, tt := range tests {
		a, b := mustParse(t, tt.a), mustParse(t, tt.b)
		got, err := Equal(a, b)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("Equal(%s, %s) error = %v, want %q", tt.a, tt.b, err, tt.wantErr)
			} else if !errors.Is(err, ErrType) {
				t.Errorf("Equal(%s, %s) error does not wrap ErrType", tt.a, tt.b)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Equal(%s, %s) = %v, %v; want %v", tt.a, tt.b, got, err, tt.want)
		}
	}
	// Two different infinite sets that cannot be told apart here.
	_, err := Equal(NewSeqSet(NewSet(Int(1))), NewSeqSet(NewSet(Int(2))))
	if !errors.Is(err, ErrInfinite) {
		t.Errorf("Seq({1}) = Seq({2}): err = %v, want ErrInfinite", err)
	}
}

func TestFcnApply(t *testing.T) {
	tup := NewTuple(Str("x"), Str("y"))
	rec := mustRecord(t, []string{"a", "b"}, ints(1, 2))
	gen := mustFcn(t, ints(0, 5), []Value{Str("p"), Str("q")})
	tests := []struct {
		f       *Fcn
		arg     Value
		want    string
		wantErr string
	}{
		{tup, Int(2), `"y"`, ""},
		{tup, Int(3), "", "Attempted to access index 3 of tuple\n<<\"x\", \"y\">>\nwhich is out of bounds."},
		{tup, Str("a"), "", "Attempted to access tuple at a non integral index: \"a\""},
		{rec, Str("b"), "2", ""},
		{rec, Str("c"), "", "Attempted to access nonexistent field 'c' of record\n[a |-> 1, b |-> 2]"},
		{rec, Int(1), "", "Attempted to access record by a non-string argument: 1"},
		{gen, Int(5), `"q"`, ""},
		{gen, Int(1), "", "Attempted to apply function:\n(0 :> \"p\" @@ 5 :> \"q\")\nto argument 1, which is not in the domain of the function."},
	}
	for _, tt := range tests {
		got, err := tt.f.Apply(tt.arg)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr || !errors.Is(err, ErrDomain) {
				t.Errorf("%s[%s] error = %v, want %q", tt.f, tt.arg, err, tt.wantErr)
			}
			continue
		}
		if err != nil || Format(got) != tt.want {
			t.Errorf("%s[%s] = %v, %v; want %s", tt.f, tt.arg, got, err, tt.want)
		}
	}
	if v, err := rec.Field("a"); err != nil || v != Int(1) {
		t.Errorf("rec.a = %v, %v", v, err)
	}
	if got := Format(rec.Except(Str("a"), Int(9))); got != "[a |-> 9, b |-> 2]" {
		t.Errorf("EXCEPT = %s", got)
	}
	if got := Format(rec); got != "[a |-> 1, b |-> 2]" {
		t.Errorf("EXCEPT modified its operand: %s", got)
	}
	if got := rec.Except(Str("zz"), Int(9)); got != rec {
		t.Errorf("EXCEPT outside the domain changed the function: %s", got)
	}
	if app, ok := tup.Append(Int(3)); !ok || Format(app) != `<<"x", "y", 3>>` {
		t.Errorf("Append = %v, %v", app, ok)
	}
	if _, ok := gen.Append(Int(3)); ok {
		t.Error("Append on a non-sequence succeeded")
	}
	if got := Format(gen.Domain()); got != "{0, 5}" {
		t.Errorf("DOMAIN = %s", got)
	}
	if got := Format(tup.Domain()); got != "1..2" {
		t.Errorf("DOMAIN tuple = %s", got)
	}
}

func TestConstructorErrors(t *testing.T) {
	if _, err := NewFcn(ints(1, 1), ints(1, 2)); err == nil || err.Error() != "The value\n1\noccurs multiple times in the function domain." {
		t.Errorf("duplicate domain: %v", err)
	}
	if _, err := NewRecord([]string{"a", "a"}, ints(1, 2)); err == nil || err.Error() != "Field name a occurs multiple times in record." {
		t.Errorf("duplicate field: %v", err)
	}
	if _, err := NewFcn(ints(1), nil); err == nil {
		t.Error("length mismatch accepted")
	}
	if _, err := NewRecordSet([]string{"a", "a"}, []SetValue{Nat, Nat}); err == nil {
		t.Error("duplicate record-set field accepted")
	}
	if _, err := NewRangeFcn(math.MaxInt64, ints(1, 2)); !errors.Is(err, ErrOverflow) {
		t.Errorf("range overflow: %v", err)
	}
}

func TestArithmetic(t *testing.T) {
	type op func(a, b Int) (Int, error)
	tests := []struct {
		name    string
		f       op
		a, b    Int
		want    Int
		wantErr error
	}{
		{"add", Add, 2, 3, 5, nil},
		{"add overflow", Add, math.MaxInt64, 1, 0, ErrOverflow},
		{"add negative overflow", Add, math.MinInt64, -1, 0, ErrOverflow},
		{"add mixed", Add, math.MaxInt64, math.MinInt64, -1, nil},
		{"sub", Sub, 2, 5, -3, nil},
		{"sub overflow", Sub, math.MinInt64, 1, 0, ErrOverflow},
		{"sub overflow 2", Sub, 0, math.MinInt64, 0, ErrOverflow},
		{"mul", Mul, -4, 5, -20, nil},
		{"mul overflow", Mul, 1 << 32, 1 << 31, 0, ErrOverflow},
		{"mul to min", Mul, -(1 << 62), 2, math.MinInt64, nil},
		{"mul min by -1", Mul, math.MinInt64, -1, 0, ErrOverflow},
		{"div floor", Div, -7, 2, -4, nil},
		{"div exact negative", Div, -6, 2, -3, nil},
		{"div neg divisor", Div, 7, -2, -4, nil},
		{"div zero", Div, 1, 0, 0, ErrType},
		{"div overflow", Div, math.MinInt64, -1, 0, ErrOverflow},
		{"mod negative", Mod, -7, 3, 2, nil},
		{"mod", Mod, 7, 3, 1, nil},
		{"mod by zero", Mod, 7, 0, 0, ErrType},
		{"pow", Pow, 3, 4, 81, nil},
		{"pow negative base", Pow, -2, 3, -8, nil},
		{"pow to min", Pow, -2, 63, math.MinInt64, nil},
		{"pow overflow", Pow, 2, 63, 0, ErrOverflow},
		{"pow negative exp", Pow, 2, -1, 0, ErrType},
		{"pow zero", Pow, 5, 0, 1, nil},
	}
	for _, tt := range tests {
		got, err := tt.f(tt.a, tt.b)
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("%s(%d, %d) error = %v, want %v", tt.name, tt.a, tt.b, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s(%d, %d) = %d, %v; want %d", tt.name, tt.a, tt.b, got, err, tt.want)
		}
	}
	if _, err := Neg(math.MinInt64); !errors.Is(err, ErrOverflow) {
		t.Errorf("Neg(MinInt64) error = %v", err)
	}
	if got, err := Neg(5); err != nil || got != -5 {
		t.Errorf("Neg(5) = %d, %v", got, err)
	}
	_, err := Add(math.MaxInt64, 1)
	if want := "Overflow when computing 9223372036854775807 + 1: the result does not fit in a 64-bit integer."; err.Error() != want {
		t.Errorf("overflow message %q", err)
	}
}
