package cache

import (
	"testing"

	"github.com/tlals/tlals/parser/source"
)

func TestApplyChanges(t *testing.T) {
	const text = "a𝔸b\nxyz\n"
	r := func(l1, c1, l2, c2 int) *Range {
		return &Range{source.Position{Line: l1, Character: c1}, source.Position{Line: l2, Character: c2}}
	}
	for _, tc := range []struct {
		name    string
		enc     source.Encoding
		changes []Change
		want    string
	}{
		{"utf16 after astral", source.UTF16, []Change{{r(0, 3, 0, 4), "B"}}, "a𝔸B\nxyz\n"},
		{"utf8 after astral", source.UTF8, []Change{{r(0, 5, 0, 6), "B"}}, "a𝔸B\nxyz\n"},
		{"replace astral utf16", source.UTF16, []Change{{r(0, 1, 0, 3), "A"}}, "aAb\nxyz\n"},
		{"inside surrogate pair rounds down", source.UTF16, []Change{{r(0, 2, 0, 2), "-"}}, "a-𝔸b\nxyz\n"},
		{"in order", source.UTF16, []Change{{r(1, 0, 1, 0), "1"}, {r(1, 0, 1, 1), "2"}}, "a𝔸b\n2xyz\n"},
		{"past end of line clamps", source.UTF16, []Change{{r(1, 99, 1, 99), "!"}}, "a𝔸b\nxyz!\n"},
		{"past end of text clamps", source.UTF16, []Change{{r(9, 0, 12, 3), "end"}}, "a𝔸b\nxyz\nend"},
		{"end before start", source.UTF16, []Change{{r(1, 2, 1, 0), "_"}}, "a𝔸b\nxy_z\n"},
		{"whole then ranged", source.UTF16, []Change{{nil, "new\n"}, {r(0, 0, 0, 1), "N"}}, "New\n"},
	} {
		orig := []byte(text)
		got, err := ApplyChanges(orig, tc.changes, tc.enc)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if string(got) != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
		if string(orig) != text {
			t.Errorf("%s: input modified", tc.name)
		}
	}
}
