package lsp

import (
	"context"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/analysis/stdlib"
	"github.com/tlals/tlals/lsp/cache"
	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/ast"
)

// textDocument/prepareRename and textDocument/rename. A rename edits every
// occurrence that references finds (same scope: the document's program,
// standard modules excluded). It refuses names it cannot rename safely:
// keywords, built-ins, operator symbols, module names, names of standard
// modules and names declared outside the workspace; and new names that are
// not identifiers, are reserved, or clash with a name visible at one of the
// occurrences. Renaming a variable of a PlusCal algorithm renames the
// translation's variable of the same name too; labels, procedures and
// macros are renamed in the algorithm only (translate again).

func (s *Server) prepareRename(ctx context.Context, p *protocol.PrepareRenameParams) (any, error) {
	v, ref, ok, err := s.refAt(ctx, p.TextDocumentPositionParams)
	if err != nil {
		return nil, err
	}
	if err := s.renamable(v, ref, ok, s.offset(v, p.Position)); err != nil {
		return nil, err
	}
	return &protocol.PrepareRenamePlaceholder{
		Range:       toRange(v.Snap.File, ref.Ident.Span, s.encoding()),
		Placeholder: ref.Ident.Name,
	}, nil
}

func (s *Server) rename(ctx context.Context, p *protocol.RenameParams) (any, error) {
	v, ref, ok, err := s.refAt(ctx, p.TextDocumentPositionParams)
	if err != nil {
		return nil, err
	}
	if err := s.renamable(v, ref, ok, s.offset(v, p.Position)); err != nil {
		return nil, err
	}
	e, newName := ref.Entity, p.NewName
	occs := renameOccurrences(v.Prog, e)
	if err := checkNewName(e, newName, occs); err != nil {
		return nil, err
	}
	if newName == e.Name {
		return &protocol.WorkspaceEdit{}, nil
	}
	return s.workspaceEdit(v, occs, newName), nil
}

// renamable explains why the name at a position cannot be renamed, or
// returns nil.
func (s *Server) renamable(v *view, ref analysis.Ref, ok bool, off int) error {
	refuse := func(format string, args ...any) error { return errf(codeRequestFailed, format, args...) }
	if !ok {
		if w := wordAt(v.Snap.File.Text, off); parser.IsReservedWord(w) || parser.IsPlusCalKeyword(w) {
			return refuse("`%s` is a keyword and cannot be renamed", w)
		}
		return refuse("there is no name to rename here")
	}
	if ref.Target != nil {
		return refuse("`%s` is a module name: rename the module's file instead", ref.Ident.Name)
	}
	if ref.Ident == nil {
		return refuse("operator symbols cannot be renamed")
	}
	e := ref.Entity
	switch {
	case e == nil:
		return refuse("`%s` is not defined: there is nothing to rename", ref.Ident.Name)
	case e.Module == nil || e.Kind == analysis.Builtin:
		return refuse("`%s` is built into TLA+ and cannot be renamed", e.Name)
	case e.Ident == nil:
		return refuse("`%s` is introduced by the PlusCal translation and cannot be renamed", e.Name)
	}
	if name, std := stdlib.NameFromPath(e.Module.Path); std || isStdlibCopy(e.Module.Path) {
		if !std {
			name = e.Module.Name
		}
		return refuse("`%s` is defined in the standard module %s and cannot be renamed", e.Name, name)
	}
	if !s.inWorkspace(v, e.Module.Path) {
		return refuse("`%s` is declared in %s, outside the workspace, and cannot be renamed", e.Name, e.Module.Path)
	}
	return nil
}

// inWorkspace reports whether path lies in a workspace folder, or, for a
// client without folders, in the directory of the document.
func (s *Server) inWorkspace(v *view, path string) bool {
	s.mu.Lock()
	var roots []string
	for _, f := range s.folders {
		roots = append(roots, cache.PathOf(f.URI))
	}
	s.mu.Unlock()
	if len(roots) == 0 {
		roots = []string{filepath.Dir(v.Snap.Path)}
	}
	for _, r := range roots {
		if rel, err := filepath.Rel(r, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
			return true
		}
	}
	return false
}

// renameOccurrences are the occurrences a rename edits: the entity's, and
// for an algorithm variable those of the translation's variable too.
func renameOccurrences(prog *analysis.Program, e *analysis.Entity) []occurrence {
	occs := occurrences(prog, e)
	if t := translationTwin(e); t != nil {
		occs = append(occs, occurrences(prog, t)...)
		sort.SliceStable(occs, func(i, j int) bool {
			a, b := occs[i], occs[j]
			if a.module.Path != b.module.Path {
				return a.module.Path < b.module.Path
			}
			return a.span().Start < b.span().Start
		})
	}
	var out []occurrence
	for _, o := range occs {
		if _, ok := o.node.(*ast.Ident); ok {
			out = append(out, o)
		}
	}
	return out
}

// translationTwin is the VARIABLE that the PlusCal translation declares for
// an algorithm variable, or nil.
func translationTwin(e *analysis.Entity) *analysis.Entity {
	if e.Kind != analysis.PlusCalVar || e.Module == nil || e.Module.AST == nil || e.Module.AST.Translation == nil || e.Module.Scope == nil {
		return nil
	}
	t := e.Module.Scope.Lookup(e.Name)
	if t == nil || t.Kind != analysis.Variable || t.Ident == nil || t.Module != e.Module {
		return nil
	}
	if tr := e.Module.AST.Translation; t.Ident.Start < tr.Start || t.Ident.End > tr.End {
		return nil
	}
	return t
}

// identRx is a TLA+ identifier: letters, digits and underscores, at least
// one letter.
var identRx = regexp.MustCompile(`^[A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*$`)

// checkNewName refuses a new name that is not an identifier, is reserved,
// or clashes with a name visible where one of the occurrences is.
func checkNewName(e *analysis.Entity, name string, occs []occurrence) error {
	refuse := func(format string, args ...any) error { return errf(codeRequestFailed, format, args...) }
	switch {
	case !identRx.MatchString(name):
		return refuse("%q is not a TLA+ identifier (letters, digits and _, with at least one letter)", name)
	case strings.HasPrefix(name, "WF_") || strings.HasPrefix(name, "SF_"):
		return refuse("%q is not a TLA+ identifier: names starting with WF_ or SF_ are reserved", name)
	case parser.IsReservedWord(name):
		return refuse("`%s` is a reserved word of TLA+", name)
	}
	if name == e.Name {
		return nil
	}
	for _, o := range occs {
		// "Done" is the label the translation adds for a finished process.
		if (parser.IsPlusCalKeyword(name) || name == "Done") && inAlgorithm(o) {
			return refuse("`%s` is a PlusCal keyword", name)
		}
		if c := o.module.VisibleAt(o.span().Start, name); c != nil && c != e && c != translationTwin(e) {
			at := o.module.File.Location(o.span().Start)
			if c.Ident != nil && c.Module != nil && c.Module.File != nil {
				return refuse("renaming `%s` to `%s` would clash with the %s `%s` declared at %s, visible at %s",
					e.Name, name, c.Kind, name, c.Module.File.Location(c.Ident.Start), at)
			}
			return refuse("renaming `%s` to `%s` would clash with the %s `%s`, visible at %s", e.Name, name, c.Kind, name, at)
		}
	}
	return nil
}

func inAlgorithm(o occurrence) bool {
	a := o.module.AST.Algorithm
	return a != nil && a.Pos().Contains(o.span().Start)
}

// workspaceEdit replaces every occurrence by name: documentChanges with
// the open documents' versions when the client supports them, else changes.
func (s *Server) workspaceEdit(v *view, occs []occurrence, name string) *protocol.WorkspaceEdit {
	enc := s.encoding()
	var uris []uri.URI
	edits := map[uri.URI][]protocol.TextEdit{}
	for _, o := range occs {
		u, ok := s.moduleURI(v, o.module)
		if !ok {
			continue
		}
		if _, seen := edits[u]; !seen {
			uris = append(uris, u)
		}
		edits[u] = append(edits[u], protocol.TextEdit{Range: toRange(o.module.File, o.span(), enc), NewText: name})
	}
	s.mu.Lock()
	ws := s.clientCaps.Workspace
	versioned := ws != nil && ws.WorkspaceEdit != nil && ws.WorkspaceEdit.DocumentChanges != nil && *ws.WorkspaceEdit.DocumentChanges
	s.mu.Unlock()
	if !versioned {
		return &protocol.WorkspaceEdit{Changes: edits}
	}
	we := &protocol.WorkspaceEdit{}
	for _, u := range uris {
		td := &protocol.TextDocumentEdit{TextDocument: protocol.OptionalVersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}}}
		if ver, open := s.session.IsOpen(u); open {
			td.TextDocument.Version = &ver
		}
		for i := range edits[u] {
			td.Edits = append(td.Edits, &edits[u][i])
		}
		we.DocumentChanges = append(we.DocumentChanges, td)
	}
	return we
}

// renameCaps declares the capability of this file's method.
func renameCaps(s *Server, caps *protocol.ServerCapabilities) {
	yes := true
	caps.RenameProvider = &protocol.RenameOptions{PrepareProvider: &yes}
}
