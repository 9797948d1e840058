package lsp

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/analysis/stdlib"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// textDocument/hover: the declaration of the name under the cursor (the
// definition's text, bounded), its doc comment, and where it comes from,
// followed by what other features contribute (hoverExtras).

// Bounds of the definition text shown in a hover.
const (
	hoverMaxLines = 12
	hoverMaxBytes = 1200
)

func (s *Server) hover(ctx context.Context, p *protocol.HoverParams) (any, error) {
	refAt := s.refAt
	if isCfg(string(p.TextDocument.URI)) {
		refAt = s.cfgRefAt // a model's names denote the module's definitions (cfg.go)
	}
	v, ref, ok, err := refAt(ctx, p.TextDocumentPositionParams)
	if err != nil {
		return nil, err
	}
	if !ok {
		return s.hoverKeyword(v, p.Position), nil
	}
	var h hoverInfo
	switch {
	case ref.Entity != nil:
		h = describeEntity(ref.Entity)
	case ref.Target != nil:
		h = describeModule(ref.Target)
	default:
		return nil, nil // unresolved: nothing to say
	}
	markdown := s.hoverMarkdown()
	text := h.render(markdown)
	if extra := s.hoverExtras(ctx, v, s.offset(v, p.Position)); extra != "" {
		text += "\n\n---\n\n" + extra
	}
	kind := protocol.MarkupKindPlainText
	if markdown {
		kind = protocol.MarkupKindMarkdown
	}
	rng := toRange(v.Snap.File, ref.Span(), s.encoding())
	return &protocol.Hover{Contents: &protocol.MarkupContent{Kind: kind, Value: text}, Range: &rng}, nil
}

// hoverMarkdown reports whether the client renders markdown hovers.
func (s *Server) hoverMarkdown() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	td := s.clientCaps.TextDocument
	return td != nil && td.Hover != nil && slices.Contains(td.Hover.ContentFormat, protocol.MarkupKindMarkdown)
}

// hoverInfo is a hover before rendering.
type hoverInfo struct {
	code  string // TLA+ or PlusCal text shown as code
	doc   string // the doc comment, as written
	note  string // markdown of ours (a keyword's meaning), `code` in backquotes
	where string // "operator of module `M`"
}

func (h hoverInfo) render(markdown bool) string {
	var parts []string
	if markdown {
		parts = append(parts, "```tla\n"+h.code+"\n```")
		if h.doc != "" {
			parts = append(parts, docMarkdown(h.doc))
		}
		if h.note != "" {
			parts = append(parts, h.note)
		}
		if h.where != "" {
			parts = append(parts, "*"+h.where+"*")
		}
	} else {
		parts = append(parts, h.code)
		if h.doc != "" {
			parts = append(parts, h.doc)
		}
		if h.note != "" {
			parts = append(parts, strings.ReplaceAll(h.note, "`", ""))
		}
		if h.where != "" {
			parts = append(parts, strings.ReplaceAll(h.where, "`", ""))
		}
	}
	return strings.Join(parts, "\n\n")
}

// docMarkdown is a doc comment in markdown: fenced, because it is TLA+ as
// much as prose, and a fence needs no escaping, which some clients would
// show (3 \\in Nat).
func docMarkdown(doc string) string {
	return "```text\n" + strings.ReplaceAll(doc, "```", "` ` `") + "\n```"
}

// describeModule is the hover of a module name in EXTENDS or INSTANCE.
func describeModule(m *analysis.Module) hoverInfo {
	h := hoverInfo{code: "MODULE " + m.Name}
	if _, ok := stdlib.NameFromPath(m.Path); ok {
		h.where = "standard module"
	} else if m.Path != "" {
		h.where = "module in " + m.Path
	}
	return h
}

// describeEntity is the hover of a resolved name.
func describeEntity(e *analysis.Entity) hoverInfo {
	h := hoverInfo{doc: e.Doc}
	text := func(n ast.Node) string { return declText(e.Module, n) }
	switch d := e.Decl.(type) {
	case *ast.OpDef, *ast.FuncDef, *ast.ModuleDef, *ast.Theorem, *ast.Assume, *ast.NewDecl:
		h.code = text(d)
	case *ast.OpDecl:
		switch e.Kind {
		case analysis.Constant:
			h.code = "CONSTANT " + text(d)
		default:
			h.code = "RECURSIVE " + text(d)
		}
	case *ast.VarDecl:
		h.code = "VARIABLE " + e.Name
	case *ast.Bound:
		h.code = text(d)
	case *ast.Param:
		h.code = text(d)
		if sig := enclosingSignature(e); sig != "" {
			h.code = sig
		}
	case *ast.PVarDecl:
		if e.Kind == analysis.BoundVar {
			h.code = "with " + text(d)
		} else {
			h.code = "variable " + text(d)
		}
	case *ast.StmtLabel:
		h.code = e.Name + ":"
	case *ast.Procedure:
		h.code = "procedure " + d.Name.Name + "(" + joinPVars(e.Module, d.Params) + ")"
	case *ast.Macro:
		h.code = "macro " + d.Name.Name + "(" + joinIdents(d.Params) + ")"
	default:
		h.code = e.Name
		if sig := enclosingSignature(e); sig != "" && e.Kind == analysis.Param {
			h.code = sig // a LAMBDA or macro parameter
		}
	}
	if h.doc == "" {
		h.doc = implicitDoc[e.Name+"/"+e.Kind.String()]
	}
	h.where = whereOf(e)
	return h
}

// implicitDoc documents the names the PlusCal translation introduces.
var implicitDoc = map[string]string{
	"pc/" + analysis.PlusCalVar.String():    "The program counter of the PlusCal translation: the label of the next statement to execute (per process).",
	"stack/" + analysis.PlusCalVar.String(): "The call stack of the PlusCal translation's procedures.",
	"self/" + analysis.PlusCalSelf.String(): "The identifier of the process executing the statement.",
}

// whereOf says what an entity is and where it comes from.
func whereOf(e *analysis.Entity) string {
	kind := e.Kind.String()
	if e.Local {
		kind = "LOCAL " + kind
	}
	if e.Module == nil {
		return "built-in " + kind
	}
	if _, ok := stdlib.NameFromPath(e.Module.Path); ok {
		return fmt.Sprintf("%s of standard module `%s`", kind, e.Module.Name)
	}
	return fmt.Sprintf("%s of module `%s`", kind, e.Module.Name)
}

// enclosingSignature is the head of the definition whose parameter e is:
// `Inc(n) ==`, `LAMBDA x, y :`, `macro M(a)`.
func enclosingSignature(e *analysis.Entity) string {
	if e.Module == nil || e.Module.AST == nil || e.Ident == nil {
		return ""
	}
	path := analysis.PathAt(e.Module.AST, e.Ident.Start)
	for i := len(path) - 1; i >= 0; i-- {
		var head source.Span
		switch n := path[i].(type) {
		case *ast.OpDef:
			if n.Body == nil {
				return ""
			}
			head = source.Span{Start: n.Start, End: n.Body.Pos().Start}
		case *ast.ModuleDef:
			if n.Instance == nil {
				return ""
			}
			head = source.Span{Start: n.Start, End: n.Instance.Start}
		case *ast.Lambda:
			if n.Body == nil {
				return ""
			}
			head = source.Span{Start: n.Start, End: n.Body.Pos().Start}
		case *ast.Macro:
			return "macro " + n.Name.Name + "(" + joinIdents(n.Params) + ")"
		default:
			continue
		}
		return strings.Join(strings.Fields(string(e.Module.File.Text[head.Start:head.End])), " ")
	}
	return ""
}

func joinIdents(ids []*ast.Ident) string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != nil {
			names = append(names, id.Name)
		}
	}
	return strings.Join(names, ", ")
}

func joinPVars(m *analysis.Module, vs []*ast.PVarDecl) string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		if v != nil {
			out = append(out, declText(m, v))
		}
	}
	return strings.Join(out, ", ")
}

// declText is the source text of a declaration, bounded to hoverMaxLines
// lines and hoverMaxBytes bytes (cut at a line end, then "…"), with the
// indentation of its first line removed from the others.
func declText(m *analysis.Module, n ast.Node) string {
	if m == nil || m.File == nil || n == nil {
		return ""
	}
	sp := n.Pos()
	f := m.File
	if sp.Start < 0 || sp.End > len(f.Text) || sp.Start > sp.End {
		return ""
	}
	_, col := f.LineCol(sp.Start)
	indent := col - 1
	lines := strings.Split(strings.TrimRight(string(f.Text[sp.Start:sp.End]), " \t\r\n"), "\n")
	cut := false
	if len(lines) > hoverMaxLines {
		lines, cut = lines[:hoverMaxLines], true
	}
	size := 0
	for i, l := range lines {
		l = strings.TrimRight(l, "\r")
		if i > 0 {
			l = dedent(l, indent)
		}
		lines[i] = l
		size += len(l) + 1
		if size > hoverMaxBytes && i > 0 {
			lines, cut = lines[:i], true
			break
		}
	}
	if cut {
		lines = append(lines, "…")
	}
	return strings.Join(lines, "\n")
}

// dedent removes up to n leading blanks.
func dedent(l string, n int) string {
	i := 0
	for i < n && i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	return l[i:]
}

// hoverCaps declares the capability of this file's method.
func hoverCaps(s *Server, caps *protocol.ServerCapabilities) {
	caps.HoverProvider = protocol.Boolean(true)
}
