package lsp_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"golang.org/x/tools/txtar"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/analysis/pluscal"
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

// The "Add missing labels" fix of a PlusCal algorithm labels the statements
// the reference translator's -label option labels, with its names: the
// fixed module translates without -label to exactly the translation the
// reference writes with -label (testdata/labels: each archive holds the
// module, the fixed module, empty when no fix may be offered, and the
// reference's translation, `pcal -label`, between the markers).
func TestMissingLabelsFix(t *testing.T) {
	names, _ := filepath.Glob("testdata/labels/*.txtar")
	if len(names) == 0 {
		t.Fatal("no archives in testdata/labels")
	}
	for _, name := range names {
		t.Run(filepath.Base(name), func(t *testing.T) {
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			sections := map[string]string{}
			var module string
			for _, f := range ar.Files {
				sections[f.Name] = string(f.Data)
				if strings.HasSuffix(f.Name, ".tla") {
					module = f.Name
				}
			}
			src, wantFixed, wantTr := sections[module], sections["fixed"], sections["pcal-label"]
			dir := t.TempDir()
			u := uri.File(filepath.Join(dir, module))
			c := lsptest.New(t, lsp.NewServer(lsp.Options{}))
			c.Initialize(nil)
			c.Open(u, src)
			var missing []protocol.Diagnostic
			for _, d := range c.Diagnostics(u, 1).Diagnostics {
				if strings.HasPrefix(string(d.Message.(protocol.String)), "Missing label") {
					missing = append(missing, d)
				}
			}
			if len(missing) == 0 {
				t.Fatal("no missing-label diagnostic")
			}
			var actions []protocol.CodeAction
			if err := c.Call(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
				TextDocument: protocol.TextDocumentIdentifier{URI: u}, Range: missing[0].Range,
				Context: protocol.CodeActionContext{Diagnostics: missing, Only: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}},
			}, &actions); err != nil {
				t.Fatal(err)
			}
			var fix *protocol.CodeAction
			for i, a := range actions {
				if strings.HasPrefix(a.Title, "Add missing labels") {
					fix = &actions[i]
				}
			}
			if wantFixed == "" {
				if fix != nil {
					t.Fatalf("offered %q, want no fix", fix.Title)
				}
				return
			}
			if fix == nil || fix.Edit == nil {
				t.Fatalf("no labels fix among %+v", actions)
			}
			if len(fix.Diagnostics) != len(missing) {
				t.Errorf("the fix names %d diagnostics, want %d", len(fix.Diagnostics), len(missing))
			}
			fixed := apply(t, src, fix.Edit.Changes[u])
			if fixed != wantFixed {
				t.Errorf("fixed module:\n%s\nwant:\n%s", fixed, wantFixed)
			}
			v := c.Change(u, lsptest.Whole(fixed))
			for _, d := range c.Diagnostics(u, v).Diagnostics {
				if d.Code != protocol.String(analysis.StaleCode) {
					t.Errorf("after the fix: %s %s", d.Code, d.Message)
				}
			}
			out, _, errs := pluscal.Translate([]byte(fixed), pluscal.Options{})
			if len(errs) > 0 {
				t.Fatalf("the fixed module does not translate: %v", errs)
			}
			lines := strings.SplitAfter(string(out), "\n")
			begin := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, `\* BEGIN TRANSLATION`) })
			end := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, `\* END TRANSLATION`) })
			if begin < 0 || end < begin {
				t.Fatalf("no translation markers in\n%s", out)
			}
			if got := strings.Join(lines[begin+1:end], ""); got != wantTr {
				t.Errorf("translation of the fixed module:\n%s\nwant (pcal -label):\n%s", got, wantTr)
			}
		})
	}
}
