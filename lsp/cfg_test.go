package lsp_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp"
	"github.com/tlals/tlals/lsp/lsptest"
)

// cfgFiles is a model whose names come from its module (Spec) and from a
// module Spec extends (Base).
var cfgFiles = map[string]string{
	"Base.tla": "---- MODULE Base ----\nEXTENDS Naturals\nVARIABLE x\n\\* x stays in range.\nTypeOK == x \\in 0..3\n====\n",
	"Spec.tla": "---- MODULE Spec ----\nEXTENDS Base\nCONSTANT N\nInit == x = 0\nNext == x' = (x + 1) % N\n====\n",
	"Spec.cfg": "INIT Init\nNEXT Next\nCONSTANT N = 3\nINVARIANT TypeOK\n",
}

// TestCfgHoverAndDefinition goes from the names of a .cfg to their
// definitions, in the module it configures and the one that extends, with
// the module on disk and then open; hovers show what hovering the
// definition shows.
func TestCfgHoverAndDefinition(t *testing.T) {
	dir := t.TempDir()
	for name, text := range cfgFiles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := lsptest.New(t, lsp.NewServer(lsp.Options{}))
	c.Initialize(nil)
	cfg := uri.File(filepath.Join(dir, "Spec.cfg"))
	c.Open(cfg, cfgFiles["Spec.cfg"])
	c.Diagnostics(cfg, 1)
	def := func(u uri.URI, line, char uint32) []string {
		t.Helper()
		got, err := definitionAt(t, c, at(u, line, char))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	hover := func(u uri.URI, line, char uint32) (string, string) {
		t.Helper()
		text, rng, err := hoverAt(t, c, at(u, line, char))
		if err != nil {
			t.Fatal(err)
		}
		return text, rng
	}

	for _, tc := range []struct {
		line, char uint32
		want       []string
	}{
		{0, 5, []string{"Spec.tla 3:0-3:4"}},  // INIT |Init
		{1, 9, []string{"Spec.tla 4:0-4:4"}},  // NEXT Next|
		{2, 9, []string{"Spec.tla 2:9-2:10"}}, // CONSTANT |N
		{3, 12, []string{"Base.tla 4:0-4:6"}}, // INVARIANT Ty|peOK
		{0, 2, []string{}},                    // the keyword INIT
		{2, 13, []string{}},                   // the value 3
	} {
		check(t, fmt.Sprintf("definition at %d:%d", tc.line, tc.char), def(cfg, tc.line, tc.char), tc.want)
	}

	text, rng := hover(cfg, 3, 12)
	check(t, "hover on TypeOK in the .cfg", []string{text, rng},
		[]string{"plaintext:TypeOK == x \\in 0..3\n\nx stays in range.\n\noperator of module Base", "3:10-3:16"})
	text2, rng2 := hover(cfg, 0, 2)
	check(t, "hover on INIT", []string{text2, rng2}, []string{"<null>", ""})

	// With the modules open, the hovers are those of the definitions.
	base := uri.File(filepath.Join(dir, "Base.tla"))
	c.Open(base, cfgFiles["Base.tla"])
	c.Diagnostics(base, 1)
	inBase, _ := hover(base, 4, 2)
	check(t, "hover on TypeOK in Base.tla", []string{inBase}, []string{text})
	spec := uri.File(filepath.Join(dir, "Spec.tla"))
	c.Open(spec, cfgFiles["Spec.tla"])
	c.Diagnostics(spec, 1)
	inSpec, _ := hover(spec, 2, 9)
	inCfg, _ := hover(cfg, 2, 9)
	check(t, "hover on N", []string{inCfg, inSpec}, []string{"plaintext:CONSTANT N\n\nconstant of module Spec", "plaintext:CONSTANT N\n\nconstant of module Spec"})
	// An edit of the open module moves the definition the .cfg goes to.
	v := c.Change(spec, lsptest.Whole("---- MODULE Spec ----\nEXTENDS Base\nCONSTANT N\n\nInit == x = 0\nNext == x' = (x + 1) % N\n====\n"))
	c.Diagnostics(spec, v)
	check(t, "definition of Init after the edit", def(cfg, 0, 5), []string{"Spec.tla 4:0-4:4"})
}
