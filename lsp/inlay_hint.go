package lsp

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/parser/ast"
)

// textDocument/inlayHint: each contributor listed in inlayHintContributors
// (methods.go) adds its hints: the values the current trace step assigned
// (trace.go) and, when the parameterHints setting is on, the parameter
// names of operator calls (below).

// inlayHintContributor returns the hints a feature adds to a document.
type inlayHintContributor func(s *Server, ctx context.Context, v *view, p *protocol.InlayHintParams) []protocol.InlayHint

func (s *Server) inlayHints(ctx context.Context, p *protocol.InlayHintParams) (any, error) {
	out := []protocol.InlayHint{}
	if _, open := s.session.Snapshot(p.TextDocument.URI); !open {
		return out, nil
	}
	v, err := s.viewOf(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	for _, c := range inlayHintContributors {
		out = append(out, c(s, ctx, v, p)...)
	}
	return out, nil
}

// paramHints names the parameters before the arguments of the calls of
// user and standard operators in the request's range: only calls with two
// arguments or more (one argument says itself what it is), and not before
// an argument that is the parameter's own name.
func paramHints(s *Server, ctx context.Context, v *view, p *protocol.InlayHintParams) []protocol.InlayHint {
	if !s.Settings().ParameterHints || v.Prog == nil || v.Prog.Root == nil || v.Prog.Root.AST == nil {
		return nil
	}
	m := v.Prog.Root
	f := v.Snap.File
	from, to := s.offset(v, p.Range.Start), s.offset(v, p.Range.End)
	var out []protocol.InlayHint
	ast.Inspect(m.AST, func(n ast.Node) bool {
		if sp := n.Pos(); sp.End < from || sp.Start > to {
			_, isModule := n.(*ast.Module)
			return isModule
		}
		app, ok := n.(*ast.OpApp)
		if !ok || len(app.Args) < 2 || app.Name == nil {
			return true
		}
		e := m.Info.Uses[app.Name]
		if e == nil || e.Kind != analysis.Operator {
			return true
		}
		def, ok := e.Decl.(*ast.OpDef)
		if !ok || len(def.Params) != len(app.Args) {
			return true
		}
		pad := true
		kind := protocol.InlayHintKindParameter
		for i, arg := range app.Args {
			par := def.Params[i].Name
			if par == nil || arg == nil || namedLike(arg, par.Name) {
				continue
			}
			at := arg.Pos().Start
			if at < from || at > to {
				continue
			}
			out = append(out, protocol.InlayHint{
				Position: toPosition(f, at, s.encoding()), Label: protocol.String(par.Name + ":"),
				Kind: kind, PaddingRight: &pad,
			})
		}
		return true
	})
	return out
}

// namedLike reports whether an argument is written as the name name (a
// plain identifier, primed or not).
func namedLike(arg ast.Expr, name string) bool {
	if pf, ok := arg.(*ast.PostfixExpr); ok && pf.Op == "'" {
		arg = pf.X
	}
	app, ok := arg.(*ast.OpApp)
	return ok && app.Prefix == nil && app.Args == nil && app.Name != nil && app.Name.Name == name
}

// inlayHintCaps declares the capability of this file's method.
func inlayHintCaps(s *Server, caps *protocol.ServerCapabilities) {
	caps.InlayHintProvider = protocol.Boolean(true)
}

// inlayHintSettings decode the settings of inlay hints.
func inlayHintSettings(fields map[string]func(*Settings, json.RawMessage) error) {
	fields["parameterHints"] = func(st *Settings, raw json.RawMessage) error {
		return json.Unmarshal(raw, &st.ParameterHints)
	}
}
