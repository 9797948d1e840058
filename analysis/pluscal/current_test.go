package pluscal

import (
	"errors"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser/source"
)

func TestAlignSpan(t *testing.T) {
	for _, tc := range []struct {
		name, from, sub, to, want string
		ok                        bool
	}{
		{"identical", "a == b + c", "b + c", "a == b + c", "b + c", true},
		{"reindented", "a ==\n  b  +  c", "b  +  c", "a == b + c", "b + c", true},
		{"trailing space excluded", "f(x)  \n", "f(x)  ", "f(x)", "f(x)", true},
		{"different tokens", "a == b", "b", "a == c", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			i := strings.Index(tc.from, tc.sub)
			got, ok := alignSpan([]byte(tc.from), source.Span{Start: i, End: i + len(tc.sub)}, []byte(tc.to))
			if ok != tc.ok || (ok && tc.to[got.Start:got.End] != tc.want) {
				t.Errorf("got %v %v, want %q %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

// CurrentMap maps the module as it stands: an up-to-date translation, even
// laid out differently, maps to the algorithm; a stale one does not.
func TestCurrentMap(t *testing.T) {
	src := module("variables x = 0;\nbegin\na: x := x + 1;")
	out, _, errs := Translate([]byte(src), Options{})
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	relaid := strings.Replace(string(out), "x' = x + 1", "x'   =   x + 1", 1)
	for _, tc := range []struct {
		name, text string
		err        error
	}{
		{"as translated", string(out), nil},
		{"relaid", relaid, nil},
		{"stale", strings.Replace(string(out), "x' = x + 1", "x' = x + 2", 1), ErrStale},
		{"missing", src, ErrStale},
		{"no algorithm", "---- MODULE T ----\n====\n", ErrNoAlgorithm},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sm, err := CurrentMap([]byte(tc.text))
			if !errors.Is(err, tc.err) {
				t.Fatalf("error %v, want %v", err, tc.err)
			}
			if err != nil {
				return
			}
			i := strings.Index(tc.text, "x + 1\n")
			sp, ok := sm.PlusCal(source.Span{Start: i, End: i + len("x + 1")})
			if !ok || tc.text[sp.Start:sp.End] != "x + 1" || sp.Start > len(src) || !strings.HasPrefix(tc.text[sp.Start-5:], "x := x + 1;") {
				t.Errorf("x + 1 maps to %v %q", sp, tc.text[sp.Start:sp.End])
			}
			a := strings.Index(tc.text, "a == ")
			sp, ok = sm.PlusCal(source.Span{Start: a, End: a + 1})
			if !ok || !strings.HasPrefix(tc.text[sp.Start:], "a: x := x + 1;") {
				t.Errorf("action a maps to %v", sp)
			}
		})
	}
}
