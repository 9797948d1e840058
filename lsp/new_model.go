package lsp

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/ast"
)

// A spec with a behaviour (Spec, or Init and Next) and no model gets one
// quiet lens on its first line, "No model: create Name.cfg", whose command
// writes a model beside it and opens it.

const newModelCommand = "tlals.newModel"

// checkable reports whether mod defines what a model can check.
func checkable(mod *ast.Module) bool {
	return defName(mod, "Spec") != nil || defName(mod, "Init") != nil && defName(mod, "Next") != nil
}

// modelTemplate is the model a new .cfg holds for mod: the behaviour, the
// constants to give values (as comments: TLC needs a value the user picks),
// and the invariants the module names as such.
func modelTemplate(mod *ast.Module) string {
	var b strings.Builder
	name := "the module"
	if mod.Name != nil {
		name = mod.Name.Name
	}
	fmt.Fprintf(&b, "\\* A model of %s, written by tlals: give every constant a value.\n", name)
	if defName(mod, "Spec") != nil {
		b.WriteString("SPECIFICATION Spec\n")
	} else {
		b.WriteString("INIT Init\nNEXT Next\n")
	}
	var consts []string
	for _, u := range mod.Units {
		if c, ok := u.(*ast.ConstDecl); ok {
			for _, d := range c.Decls {
				if d.Name != nil && d.Arity == 0 {
					consts = append(consts, d.Name.Name)
				}
			}
		}
	}
	if len(consts) > 0 {
		b.WriteString("CONSTANTS\n")
		for _, c := range consts {
			fmt.Fprintf(&b, "    \\* %s = \n", c)
		}
	}
	for _, inv := range []string{"TypeOK", "TypeInvariant", "Inv", "Invariant", "Safety"} {
		if defName(mod, inv) != nil {
			fmt.Fprintf(&b, "INVARIANT %s\n", inv)
		}
	}
	return b.String()
}

// newModelLens is the lens of a spec that has no model.
func newModelLens(mod *ast.Module, u uri.URI, at protocol.Range, cfgName string) []protocol.CodeLens {
	if mod == nil || !checkable(mod) || !u.IsFile() {
		return nil
	}
	return []protocol.CodeLens{{Range: at, Command: lensCommand("No model: create "+cfgName, newModelCommand, u)}}
}

// newModelCommand writes Name.cfg beside the spec (never over an existing
// file) and asks the client to show it.
func (s *Server) newModelCommand(ctx context.Context, args []protocol.LSPAny) (any, error) {
	u, _, err := uriArg(args)
	if err != nil {
		return nil, err
	}
	snap, ok := s.session.Snapshot(u)
	if !ok || isCfg(snap.Path) {
		return nil, errf(jsonrpc2.InvalidParams, "%s is not an open TLA+ module", u)
	}
	if !u.IsFile() { // an untitled document has no folder: its path would be the server's
		return nil, errf(codeRequestFailed, "%s is not saved: save it to create a model beside it", u)
	}
	mod := parser.Parse(ctx, snap.Path, snap.File.Text).Module
	if mod == nil || !checkable(mod) {
		return nil, errf(codeRequestFailed, "%s defines neither Spec nor Init and Next: nothing for a model to check", filepath.Base(snap.Path))
	}
	cfg := strings.TrimSuffix(snap.Path, ".tla") + ".cfg"
	f, err := os.OpenFile(cfg, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, errf(codeRequestFailed, "%v", err)
	}
	_, err = f.WriteString(modelTemplate(mod))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, errf(codeRequestFailed, "%v", err)
	}
	s.refreshLenses()
	if s.client != nil {
		s.async(ctx) // showDocument's answer comes through the read loop
		takeFocus := true
		if _, err := s.client.ShowDocument(ctx, &protocol.ShowDocumentParams{URI: s.uriOf(cfg), TakeFocus: &takeFocus}); err != nil {
			s.log.Debug("showDocument failed")
		}
	}
	return map[string]string{"path": cfg}, nil
}
