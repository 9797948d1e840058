package lsp

import (
	"context"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
	"go.uber.org/zap"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/analysis/stdlib"
	"github.com/tlals/tlals/parser/source"
)

// textDocument/definition, and the navigation prelude shared by hover,
// references, rename and highlight: what the name at a position denotes,
// and where a module's text lives for the client.

// refAt returns the view of a document and what its text names at a
// position. ok is false when there is no name there (or no analysis); an
// error only for documents that are not open.
func (s *Server) refAt(ctx context.Context, p protocol.TextDocumentPositionParams) (v *view, ref analysis.Ref, ok bool, err error) {
	v, err = s.viewOf(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, analysis.Ref{}, false, err
	}
	s.async(ctx)
	if v.Prog == nil {
		return v, analysis.Ref{}, false, nil
	}
	ref, ok = v.Prog.RefAt(s.offset(v, p.Position))
	return v, ref, ok, nil
}

func (s *Server) definition(ctx context.Context, p *protocol.DefinitionParams) (any, error) {
	refAt := s.refAt
	if isCfg(string(p.TextDocument.URI)) {
		refAt = s.cfgRefAt // a model's names denote the module's definitions (cfg.go)
	}
	v, ref, ok, err := refAt(ctx, p.TextDocumentPositionParams)
	if err != nil || !ok {
		return nil, err
	}
	var loc protocol.Location
	switch {
	case ref.Entity != nil:
		loc, ok = s.declLocation(v, ref.Entity)
	case ref.Target != nil:
		loc, ok = s.moduleLocation(v, ref.Target)
	default:
		ok = false
	}
	if !ok {
		return nil, nil
	}
	return []protocol.Location{loc}, nil
}

// declLocation is where an entity is declared: the declaring identifier.
// Built-ins and the names the PlusCal translation introduces (pc, self)
// have no declaration.
func (s *Server) declLocation(v *view, e *analysis.Entity) (protocol.Location, bool) {
	if e.Module == nil || e.Ident == nil || e.Module.File == nil {
		return protocol.Location{}, false
	}
	return s.location(v, e.Module, e.Ident.Span)
}

// moduleLocation is the name of a module's header.
func (s *Server) moduleLocation(v *view, m *analysis.Module) (protocol.Location, bool) {
	if m.AST == nil || m.AST.Name == nil || m.File == nil {
		return protocol.Location{}, false
	}
	return s.location(v, m, m.AST.Name.Span)
}

// location converts a span of a module's file.
func (s *Server) location(v *view, m *analysis.Module, sp source.Span) (protocol.Location, bool) {
	u, ok := s.moduleURI(v, m)
	if !ok {
		return protocol.Location{}, false
	}
	return protocol.Location{URI: u, Range: toRange(m.File, sp, s.encoding())}, true
}

// moduleURI is the URI the client knows a module's file by: the document
// itself, the file, or the read-only copy of a standard module.
func (s *Server) moduleURI(v *view, m *analysis.Module) (uri.URI, bool) {
	if m.Path == "" {
		return "", false
	}
	if name, ok := stdlib.NameFromPath(m.Path); ok {
		path, err := stdlibFile(name)
		if err != nil {
			s.log.Warn("standard module unavailable", zap.String("module", name), zap.Error(err))
			return "", false
		}
		return uri.File(path), true
	}
	return pathURI(v.Snap, m.Path), true
}

// definitionCaps declares the capability of this file's method.
func definitionCaps(s *Server, caps *protocol.ServerCapabilities) {
	caps.DefinitionProvider = protocol.Boolean(true)
}
