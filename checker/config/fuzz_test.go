package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlals/tlals/parser/testkit"
)

// FuzzParse checks that Parse never panics or hangs, that every position it
// reports is consistent with the input, and that any input it accepts
// survives a format round trip.
func FuzzParse(f *testing.F) {
	seeds := []string{
		"",
		"CONSTANTS\n  Users = {u1}\n  NULL = NULL\nSPECIFICATION Spec\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n",
		`CONSTANT A = -42 B = "x\"y" C = {1, {a, "b"}, {}} F(1, a) = TRUE i!j = [M] 3`,
		"CONSTANTS N <- NV  B <-[Voting] d\nINIT I NEXT N PROPERTIES P Q",
		"(* a (* nested *) comment *) \\* line\nVIEW V ALIAS A SYMMETRY S POSTCONDITION P",
		"CONSTANT A = <<1, 2>> B = 1..3\nFOO\nINIT",
		"CONSTANT S = \"unterminated\n(* open",
		"CONSTANT A = {{{{{",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	if root := testkit.FindCorpus(); root != "" {
		for _, name := range []string{"seed/Uploader.cfg", "examples/PaxosHowToWinATuringAward/MCPaxosTiny.cfg"} {
			if b, err := os.ReadFile(filepath.Join(root, name)); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c, errs := Parse("fuzz.cfg", src)
		if c == nil {
			t.Fatal("Parse returned a nil Config")
		}
		checkPositions(t, src, c, errs)
		for _, e := range errs {
			if msg := e.(*Error).Msg; msg == "" {
				t.Errorf("empty error message at %v", e)
			}
			if !strings.HasPrefix(e.Error(), "fuzz.cfg:") {
				t.Errorf("error %q does not name the file", e.Error())
			}
		}
		if len(errs) == 0 {
			roundTrip(t, c)
		}
	})
}
