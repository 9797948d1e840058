package pluscal

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/tlals/tlals/parser/source"
)

// TestPcalTransForms runs the translator on each NAME.tla of
// testdata/placement.txtar and testdata/forms.txtar: where pcal.trans
// translated it, the output must be its file byte for byte (NAME.want);
// where it refused, ours must refuse too, with the error recorded in
// NAME.err (the `tlals:` line; the `pcal.trans:` line is the reference's
// message, kept for the reader).
func TestPcalTransForms(t *testing.T) {
	for _, fix := range []string{"placement.txtar", "forms.txtar"} {
		ar, err := txtar.ParseFile(filepath.Join("testdata", fix))
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		for _, f := range ar.Files {
			files[f.Name] = f.Data
		}
		n := 0
		for _, f := range ar.Files {
			name, ok := strings.CutSuffix(f.Name, ".tla")
			if !ok {
				continue
			}
			n++
			t.Run(name, func(t *testing.T) {
				out, _, errs := Translate(f.Data, Options{})
				if want, ok := files[name+".want"]; ok {
					if len(errs) > 0 {
						t.Fatalf("pcal.trans translates it; we report %v", errs)
					}
					if string(out) != string(want) {
						t.Errorf("translation differs from pcal.trans's:\n%s", lineDiff(string(want), string(out)))
					}
					return
				}
				e, ok := files[name+".err"]
				if !ok {
					t.Fatalf("no %s.want or %s.err", name, name)
				}
				var want string
				for _, l := range strings.Split(string(e), "\n") {
					if s, ok := strings.CutPrefix(l, "tlals: "); ok {
						want = s
					}
				}
				if len(errs) == 0 {
					t.Fatalf("pcal.trans refuses it (%s); we translate it", strings.SplitN(string(e), "\n", 2)[0])
				}
				line, col := source.NewFile("", f.Data).LineCol(errs[0].Span.Start)
				if got := fmt.Sprintf("%d:%d: %s", line, col, errs[0].Msg); got != want {
					t.Errorf("error %q, want %q", got, want)
				}
			})
		}
		if n < 15 {
			t.Errorf("%s: %d cases, want at least 15", fix, n)
		}
	}
}

// lineDiff shows the first differing line of two texts.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n want %q\n got  %q", i+1, a, b)
		}
	}
	return "(same lines)"
}
