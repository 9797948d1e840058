package format

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/tlals/tlals/parser"
	"golang.org/x/tools/txtar"
)

// FuzzFormat: on any text that parses, formatting is idempotent and the
// result parses to the same tree, positions aside.
func FuzzFormat(f *testing.F) {
	for _, s := range []string{
		mod(`VARIABLE x, y`, `Init==/\x=0`, `      /\ \/ y=1`, `         \/ y=2`),
		mod(`F(a,b)==LET c==a+b IN {c,a}`),
		mod(`VARIABLE x`, `Init==/\x=0 (* a`, `   *) /\ x=1`),
		mod(`(* --algorithm A`, `begin L: skip;`, `end algorithm; *)`, `\* BEGIN TRANSLATION`, `vars==1`, `\* END TRANSLATION`),
		"---- MODULE M ----\r\nA==1\r\n====",
	} {
		f.Add([]byte(s))
	}
	// The parser's golden inputs.
	files, _ := filepath.Glob("../testdata/*.txtar")
	for _, file := range files {
		if ar, err := txtar.ParseFile(file); err == nil {
			for _, fl := range ar.Files {
				if fl.Name == "input.tla" {
					f.Add(fl.Data)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		ctx := context.Background()
		out, err := Source(ctx, "fuzz.tla", src)
		if err != nil {
			return
		}
		again, err := Source(ctx, "fuzz.tla", out)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("formatting twice differs from once (%v):\n%q\n%q\n%q", err, src, out, again)
		}
		before, after := parser.Parse(ctx, "fuzz.tla", src), parser.Parse(ctx, "fuzz.tla", out)
		if shape(before.Module) != shape(after.Module) {
			t.Fatalf("the tree changed:\n%q\n%q", src, out)
		}
	})
}
