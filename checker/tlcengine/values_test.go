package tlcengine

import (
	"strings"
	"testing"

	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/checker/eval"
)

// TestReadValue reads each kind of value TLC prints back into a value: the
// value, printed as the checker prints values, is TLC's text (sets and
// functions in the checker's canonical order).
func TestReadValue(t *testing.T) {
	defer eval.BeginRun()()
	// record fields order as the run's strings do: in a run, the spec's
	// texts are interned first (eval.SpecOrder)
	for _, s := range []string{"a", "b", "x", "y"} {
		eval.Intern(s)
	}
	p1 := &eval.ModelValue{Name: "p1", Rank: 1}
	p2 := &eval.ModelValue{Name: "p2", Rank: 2}
	for _, tc := range []struct {
		name, text, want string
		check            func(eval.Value) bool
	}{
		{name: "integer", text: "42", want: "42"},
		{name: "negative integer", text: "-7", want: "-7"},
		{name: "booleans", text: "<<TRUE, FALSE>>", want: "<<TRUE, FALSE>>"},
		{name: "string with escapes", text: `"a \"q\" \\ b\nc"`, want: `"a \"q\" \\ b\nc"`,
			check: func(v eval.Value) bool { return v == eval.Str("a \"q\" \\ b\nc") }},
		{name: "empty set", text: "{}", want: "{}"},
		{name: "set", text: "{3, 1, 2}", want: "{1, 2, 3}"},
		{name: "sequence", text: "<<1, <<>>, \"x\">>", want: `<<1, <<>>, "x">>`},
		{name: "record", text: "[b |-> 2, a |-> {1}]", want: "[a |-> {1}, b |-> 2]"},
		{name: "empty record", text: "[]", want: "<<>>"},
		{name: "function of model values", text: "(p1 :> 1 @@ p2 :> 2)", want: "(p1 :> 1 @@ p2 :> 2)",
			check: func(v eval.Value) bool {
				f, ok := v.(*eval.FcnV)
				return ok && len(f.Dom) == 2 && f.Dom[0] == eval.Value(p1) && f.Dom[1] == eval.Value(p2)
			}},
		{name: "one-element function", text: "(p2 :> <<p1>>)", want: "(p2 :> <<p1>>)"},
		{name: "function on 1..n is a sequence", text: "(1 :> \"a\" @@ 2 :> \"b\")", want: `<<"a", "b">>`},
		{name: "function on tuples", text: "(<<1, 2>> :> TRUE)", want: "(<<1, 2>> :> TRUE)"},
		{name: "interval", text: "2..4", want: "2..4",
			check: func(v eval.Value) bool { return eval.Format(v) == "2..4" }},
		{name: "model value", text: "p2", want: "p2", check: func(v eval.Value) bool { return v == eval.Value(p2) }},
		{name: "undeclared model value", text: "zz", want: "zz",
			check: func(v eval.Value) bool { mv, ok := v.(*eval.ModelValue); return ok && mv.Name == "zz" }},
		{name: "BOOLEAN", text: "BOOLEAN", want: "{FALSE, TRUE}"},
		{name: "pretty-printed over lines", text: "<< [x |-> 1, y |-> FALSE],\n   [x |-> 2, y |-> TRUE] >>", want: "<<[x |-> 1, y |-> FALSE], [x |-> 2, y |-> TRUE]>>"},
		{name: "parenthesized", text: "(3)", want: "3"},
		{name: "SUBSET", text: "SUBSET (1..2)", want: "{{}, {1}, {2}, {1, 2}}"},
		{name: "UNION", text: "UNION {{1}, {2, 3}}", want: "{1, 2, 3}"},
		{name: "set of functions", text: "[{p1, p2} -> BOOLEAN]", want: "{(p1 :> FALSE @@ p2 :> FALSE), (p1 :> FALSE @@ p2 :> TRUE), (p1 :> TRUE @@ p2 :> FALSE), (p1 :> TRUE @@ p2 :> TRUE)}"},
		{name: "set of functions from a named set", text: "[BOOLEAN -> {1}]", want: "{(FALSE :> 1 @@ TRUE :> 1)}"},
		{name: "set of records", text: "[a : {1, 2}, b : {\"x\"}]", want: `{[a |-> 1, b |-> "x"], [a |-> 2, b |-> "x"]}`},
		{name: "product", text: "{1, 2} \\X {p1}", want: "{<<1, p1>>, <<2, p1>>}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &valueReader{models: map[string]*eval.ModelValue{"p1": p1, "p2": p2}}
			v, err := r.read(tc.text)
			if err != nil {
				t.Fatalf("read(%q): %v", tc.text, err)
			}
			if got := eval.Format(v); got != tc.want {
				t.Errorf("read(%q) = %s, want %s", tc.text, got, tc.want)
			}
			if tc.check != nil && !tc.check(v) {
				t.Errorf("read(%q) = %#v: not the expected value", tc.text, v)
			}
		})
	}
}

// TestReadValueErrors: sets TLC leaves unevaluated and malformed text are
// errors that say where, never a panic.
func TestReadValueErrors(t *testing.T) {
	defer eval.BeginRun()()
	for _, tc := range []struct{ text, want string }{
		{"Nat", "offset 0: Nat: an infinite set"},
		{"[Nat -> BOOLEAN]", "offset 1: Nat: an infinite set"},
		{"[<<1>> : S]", `"->" expected, found ": S]"`},
		{"[a : Nat]", "offset 5: Nat: an infinite set"},
		{"{1, 2", `offset 5: "," expected, the text ends`},
		{"<<1 2>>", `offset 4: "," expected, found "2>>"`},
		{`"abc`, "unterminated string"},
		{"(a :> 1 @ b)", `"@@" expected`},
		{"1 2", `unexpected "2" after the value`},
		{"{TRUE}..3", "an interval of non-integers"},
		{"", "a value expected, the text ends"},
	} {
		r := &valueReader{models: map[string]*eval.ModelValue{}}
		_, err := r.read(tc.text)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("read(%q) = %v, want an error with %q", tc.text, err, tc.want)
		}
	}
}

// TestModelValueRanks: the configuration's model values come with the
// ranks the built-in engine gives them (first appearance), so that sets of
// them order alike.
func TestModelValueRanks(t *testing.T) {
	m := loadSpec(t, "---- MODULE M ----\nCONSTANTS A, B\nVARIABLE x\nInit == x = 0\nNext == x' = x\n====\n",
		"CONSTANTS\n  B = {b2, b1}\n  A = a1\nINIT Init\nNEXT Next\n")
	mv := m.ModelValues()
	for name, rank := range map[string]int32{"b2": 1, "b1": 2, "a1": 3} {
		if mv[name] == nil || mv[name].Rank != rank {
			t.Errorf("model value %s = %+v, want rank %d", name, mv[name], rank)
		}
	}
}

// loadSpec writes a module M and its configuration to a folder and loads
// the model.
func loadSpec(t *testing.T, tla, cfg string) *checker.Model {
	t.Helper()
	dir := t.TempDir()
	name := strings.Fields(strings.SplitN(tla, "MODULE", 2)[1])[0]
	writeFile(t, dir+"/"+name+".tla", tla)
	writeFile(t, dir+"/"+name+".cfg", cfg)
	m, err := checker.LoadModel(dir+"/"+name+".tla", dir+"/"+name+".cfg", nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// FuzzReadValue: any text is a value or an error, never a panic.
func FuzzReadValue(f *testing.F) {
	for _, s := range []string{"(a :> 1 @@ b :> <<{}, [x |-> \"s\"]>>)", "SUBSET (1..3)", "[{1} -> BOOLEAN]", "[a : {1}] \\X {2}", "{1, -2..3}", `"\"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		defer eval.BeginRun()()
		r := &valueReader{models: map[string]*eval.ModelValue{}}
		r.read(text)
	})
}
