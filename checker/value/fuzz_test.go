package value

import (
	"testing"
)

// FuzzParse: Parse never panics or hangs, and whatever it accepts prints and
// parses back to an equal value with the same fingerprint.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"TRUE", "-12", `"a\"b\n"`, "{1, 2, {}}", "<<1, <<>>>>", "[a |-> 1, b |-> {2}]",
		`(0 :> "x" @@ 5 :> "y")`, "1..3", "Nat", "M", "{M, N, 1}", "[]", "<< >>",
		"((((", "{1,", `"unterminated`, "9999999999999999999999", "(1 :> 2 @@ 1 :> 3)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err != nil {
			return
		}
		text := Format(v)
		back, err := Parse(text)
		if err != nil {
			t.Fatalf("Parse(%q) ok but its printing %q does not parse: %v", s, text, err)
		}
		if Compare(v, back) != 0 || Fingerprint(v) != Fingerprint(back) {
			t.Fatalf("round trip of %q: %s vs %s", s, v, back)
		}
	})
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "parse value at offset 0: expected a value, found the end of the input"},
		{"{1,", "parse value at offset 3: expected a value, found the end of the input"},
		{"{1 2}", `parse value at offset 3: expected ",", found "2}"`},
		{`"abc`, `parse value at offset 0: unterminated string "\"abc"`},
		{`"a\qb"`, `parse value at offset 2: unknown escape "\\q" in a string`},
		{"99999999999999999999", `parse value at offset 0: bad integer "99999999999999999999"`},
		{"1 2", `parse value at offset 2: unexpected "2" after the value`},
		{"[a |-> 1, a |-> 2]", "Field name a occurs multiple times in record."},
		{"(1 :> 2 @@ 1 :> 3)", "The value\n1\noccurs multiple times in the function domain."},
		{"_", `parse value at offset 1: "_" is not a model value name`},
		{"@", `parse value at offset 0: unexpected "@"`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q) error = %v, want %q", tt.in, err, tt.want)
		}
	}
	deep := ""
	for i := 0; i < 10000; i++ {
		deep += "{"
	}
	if _, err := Parse(deep); err == nil {
		t.Error("deeply nested input accepted")
	}
}
