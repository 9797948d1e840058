package parser

import "testing"

func TestKeywords(t *testing.T) {
	for _, tt := range []struct {
		w                 string
		reserved, pluscal bool
	}{
		{"IF", true, false}, {"UNCHANGED", true, false}, {"WITNESS", true, false}, {"SF_", true, false},
		{"If", false, false}, {"Inc", false, false}, {"", false, false},
		{"elsif", false, true}, {"goto", false, true}, {"Done", false, false}, {"with", false, true}, {"WITH", true, false},
	} {
		if got := IsReservedWord(tt.w); got != tt.reserved {
			t.Errorf("IsReservedWord(%q) = %v, want %v", tt.w, got, tt.reserved)
		}
		if got := IsPlusCalKeyword(tt.w); got != tt.pluscal {
			t.Errorf("IsPlusCalKeyword(%q) = %v, want %v", tt.w, got, tt.pluscal)
		}
	}
}
