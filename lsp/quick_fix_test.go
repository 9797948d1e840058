package lsp_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/lsp"
	"github.com/tlals/tlals/lsp/lsptest"
)

// A .cfg that gives a constant of the module, or of a module it extends,
// no value gets a diagnostic on its CONSTANT keyword (the first keyword
// when there is none); the quick fix assigns the constant a model value,
// after which the model has no such diagnostic.
func TestCfgUnassignedConstantFix(t *testing.T) {
	for _, tc := range []struct {
		name, cfg, want string
		diags           []string
	}{
		{"constant section", "INIT Init\nNEXT Next\nCONSTANT N = 3\n",
			"INIT Init\nNEXT Next\nCONSTANT M = M\nCONSTANT N = 3\n",
			[]string{"3:0-3:8 cfg/unassigned: the constant M is not assigned a value by this model"}},
		{"no constant section", "INIT Init\nNEXT Next\n",
			"CONSTANT N = N\nINIT Init\nNEXT Next\n",
			[]string{"1:0-1:4 cfg/unassigned: the constant N is not assigned a value by this model",
				"1:0-1:4 cfg/unassigned: the constant M is not assigned a value by this model"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{
				"Base.tla": "---- MODULE Base ----\nCONSTANT M\n====\n",
				"Spec.tla": "---- MODULE Spec ----\nEXTENDS Base, Naturals\nCONSTANT N\nVARIABLE x\nInit == x = 0\nNext == x' = x\n====\n",
			}
			for name, text := range files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			c := lsptest.New(t, lsp.NewServer(lsp.Options{}))
			c.Initialize(nil)
			u := uri.File(filepath.Join(dir, "Spec.cfg"))
			c.Open(u, tc.cfg)
			p := c.Diagnostics(u, 1)
			var got []string
			for _, d := range p.Diagnostics {
				got = append(got, fmt.Sprintf("%d:%d-%d:%d %s: %s", d.Range.Start.Line+1, d.Range.Start.Character, d.Range.End.Line+1, d.Range.End.Character, d.Code, d.Message))
			}
			check(t, "diagnostics", got, tc.diags)
			if len(p.Diagnostics) == 0 {
				return
			}
			var actions []protocol.CodeAction
			if err := c.Call(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
				TextDocument: protocol.TextDocumentIdentifier{URI: u}, Range: p.Diagnostics[0].Range,
				Context: protocol.CodeActionContext{Diagnostics: p.Diagnostics[:1]},
			}, &actions); err != nil {
				t.Fatal(err)
			}
			if len(actions) != 1 || actions[0].Edit == nil {
				t.Fatalf("actions %+v, want one quick fix", actions)
			}
			fixed := apply(t, tc.cfg, actions[0].Edit.Changes[u])
			if fixed != tc.want {
				t.Errorf("fixed cfg:\n%s\nwant:\n%s", fixed, tc.want)
			}
			v := c.Change(u, lsptest.Whole(fixed))
			for _, d := range c.Diagnostics(u, v).Diagnostics {
				if d.Message == p.Diagnostics[0].Message {
					t.Errorf("after the fix, still %v", d.Message)
				}
			}
		})
	}
}
