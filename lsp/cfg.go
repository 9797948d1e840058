package lsp

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/checker"
	"github.com/tlals/tlals/checker/config"
	"github.com/tlals/tlals/lsp/cache"
	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// .cfg documents: TLC model configurations. Their diagnostics are the
// parse errors of checker/config and the names the configured module does
// not define (the module of the same name beside the file); hover and
// definition on their names answer as on the names' definitions.

// Diagnostic codes of .cfg documents.
const (
	codeCfgSyntax  = "cfg/syntax"
	codeCfgUnknown = "cfg/unknown-name"
	// codeCfgUnassigned: a constant of the module (or of one it extends)
	// that the model gives no value; TLC refuses to check it.
	codeCfgUnassigned = "cfg/unassigned"
)

// cfgDiagnostics checks a .cfg document.
func (s *Server) cfgDiagnostics(snap *cache.Snapshot, enc source.Encoding) []protocol.Diagnostic {
	cfg, errs := config.Parse(snap.Path, snap.File.Text)
	var diags []analysis.Diagnostic
	for _, err := range errs {
		var ce *config.Error
		if errors.As(err, &ce) {
			diags = append(diags, analysis.Diagnostic{Path: snap.Path, Span: source.Span{Start: ce.Pos.Offset, End: ce.End.Offset},
				Severity: analysis.Error, Code: codeCfgSyntax, Message: ce.Msg})
		}
	}
	if names, consts, ok := moduleDecls(snap, snap.Path[:len(snap.Path)-len(".cfg")]+".tla"); ok {
		for _, n := range cfgReferences(cfg) {
			if !names[n.Text] {
				diags = append(diags, analysis.Diagnostic{Path: snap.Path, Span: nameSpan(n), Severity: analysis.Error,
					Code: codeCfgUnknown, Message: fmt.Sprintf("%s is not defined or declared in module %s", n.Text,
						filepath.Base(snap.Path[:len(snap.Path)-len(".cfg")]))})
			}
		}
		if len(errs) == 0 {
			diags = append(diags, unassignedConstants(snap, cfg, consts)...)
		}
	}
	return toDiagnostics(snap, &cache.Result{Diagnostics: diags, Files: map[string]*source.File{snap.Path: snap.File}}, enc)
}

// cfgReferences are the names of a configuration that must name
// something in the module: constants, substitutions and every section's
// operator.
func cfgReferences(cfg *config.Config) []config.Name {
	var out []config.Name
	for _, c := range cfg.Constants {
		if c.Module == nil {
			out = append(out, c.Name)
		}
	}
	for _, sb := range cfg.Substitutions {
		if sb.Module == nil {
			out = append(out, sb.Name, sb.Def)
		}
	}
	for _, n := range []*config.Name{cfg.Init, cfg.Next, cfg.Specification, cfg.View, cfg.Alias, cfg.Symmetry} {
		if n != nil {
			out = append(out, *n)
		}
	}
	for _, list := range [][]config.Name{cfg.Invariants, cfg.Properties, cfg.Constraints, cfg.ActionConstraints, cfg.Postconditions} {
		out = append(out, list...)
	}
	return out
}

// moduleNames are the names a module and the modules it extends declare
// or define at top level. ok is false when the module or one it extends
// cannot be read (unknown names would then be guesses).
func moduleNames(snap *cache.Snapshot, tlaPath string) (map[string]bool, bool) {
	names, _, ok := moduleDecls(snap, tlaPath)
	return names, ok
}

// moduleDecls is moduleNames with, besides, the constants a model of the
// module must give values: those the module and the modules it extends
// declare (an instantiated module's constants are substituted by the
// INSTANCE), in declaration order.
func moduleDecls(snap *cache.Snapshot, tlaPath string) (map[string]bool, []*ast.OpDecl, bool) {
	names := map[string]bool{}
	var consts []*ast.OpDecl
	seen := map[string]bool{}
	var visit func(path string, extended bool) bool
	visit = func(path string, extended bool) bool {
		if seen[path] {
			return true
		}
		seen[path] = true
		text, err := snap.ReadFile(path)
		if err != nil {
			return false
		}
		mod := parser.Parse(context.Background(), path, text).Module
		for _, u := range mod.Units {
			switch u := u.(type) {
			case *ast.OpDef:
				if u.Name != nil {
					names[u.Name.Name] = true
				}
			case *ast.ConstDecl:
				for _, d := range u.Decls {
					if d.Name != nil {
						names[d.Name.Name] = true
						if extended {
							consts = append(consts, d)
						}
					}
				}
			case *ast.VarDecl:
				for _, id := range u.Names {
					names[id.Name] = true
				}
			case *ast.FuncDef:
				if u.Name != nil {
					names[u.Name.Name] = true
				}
			case *ast.ModuleDef:
				if u.Name != nil {
					names[u.Name.Name] = true
				}
			case *ast.Instance: // an unnamed INSTANCE brings the module's names
				if u.Module != nil && !checker.IsStandardModule(u.Module.Name) &&
					!visit(filepath.Join(filepath.Dir(path), u.Module.Name+".tla"), false) {
					return false
				}
			}
		}
		for _, e := range mod.Extends {
			if checker.IsStandardModule(e.Name) {
				continue
			}
			if !visit(filepath.Join(filepath.Dir(path), e.Name+".tla"), extended) {
				return false
			}
		}
		return true
	}
	if !visit(tlaPath, true) {
		return nil, nil, false
	}
	return names, consts, true
}

// unassignedConstants reports the constants the configuration gives no
// value (by `C = v` or `C <- Def`), on the first CONSTANT(S) keyword, else
// on the first keyword of the file.
func unassignedConstants(snap *cache.Snapshot, cfg *config.Config, consts []*ast.OpDecl) []analysis.Diagnostic {
	given := map[string]bool{}
	for _, c := range cfg.Constants {
		if c.Module == nil {
			given[c.Name.Text] = true
		}
	}
	for _, sb := range cfg.Substitutions {
		if sb.Module == nil {
			given[sb.Name.Text] = true
		}
	}
	var at source.Span
	for i, k := range cfg.Keywords {
		if strings.HasPrefix(k.Text, "CONSTANT") {
			at = nameSpan(k)
			break
		}
		if i == 0 {
			at = nameSpan(k)
		}
	}
	var out []analysis.Diagnostic
	for _, d := range consts {
		if given[d.Name.Name] {
			continue
		}
		given[d.Name.Name] = true
		out = append(out, analysis.Diagnostic{Path: snap.Path, Span: at, Severity: analysis.Error, Code: codeCfgUnassigned,
			Message: fmt.Sprintf("the constant %s is not assigned a value by this model", d.Name.Name)})
	}
	return out
}

// cfgRefAt is what the name at a position of a .cfg document denotes: the
// definition or declaration it picks in the configured module (or one it
// extends). Hover and definition route .cfg documents here, so that they
// describe the name as they do in the .tla. The view is the .cfg's (ranges
// are in its text) and the Ref's identifier is the name in the .cfg.
func (s *Server) cfgRefAt(ctx context.Context, p protocol.TextDocumentPositionParams) (*view, analysis.Ref, bool, error) {
	snap, ok := s.session.Snapshot(p.TextDocument.URI)
	if !ok {
		return nil, analysis.Ref{}, false, errf(jsonrpc2.InvalidParams, "document %s is not open", p.TextDocument.URI)
	}
	s.async(ctx)
	v := &view{Snap: snap}
	off := s.offset(v, p.Position)
	cfg, _ := config.Parse(snap.Path, snap.File.Text)
	for _, n := range cfgReferences(cfg) {
		sp := nameSpan(n)
		if off < sp.Start || off > sp.End {
			continue
		}
		root := s.cfgModule(ctx, snap)
		if root == nil || root.Scope == nil {
			return v, analysis.Ref{}, false, nil
		}
		e := root.Scope.Lookup(n.Text)
		if e == nil {
			return v, analysis.Ref{}, false, nil
		}
		return v, analysis.Ref{Module: root, Ident: &ast.Ident{Span: sp, Name: n.Text}, Entity: e}, true, nil
	}
	return v, analysis.Ref{}, false, nil
}

// cfgModule is the analysed module a .cfg configures: the open document's
// analysis when the .tla is open, else one of the text on disk.
func (s *Server) cfgModule(ctx context.Context, cfgSnap *cache.Snapshot) *analysis.Module {
	tla := strings.TrimSuffix(cfgSnap.Path, ".cfg") + ".tla"
	for _, snap := range s.session.Snapshots() {
		if snap.Path != tla {
			continue
		}
		if res, err := snap.Analyze(ctx); err == nil {
			if res.Program != nil {
				return res.Program.Root
			}
		}
		return nil
	}
	text, err := cfgSnap.ReadFile(tla)
	if err != nil {
		return nil
	}
	l := analysis.NewLoader(s.searchDirs()...)
	l.Overlay = cfgSnap.Overlay
	return l.Load(ctx, tla, text).Root
}
