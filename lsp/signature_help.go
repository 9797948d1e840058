package lsp

import (
	"context"
	"slices"
	"strings"
	"unicode/utf16"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/parser"
	"github.com/tlals/tlals/parser/ast"
)

// textDocument/signatureHelp: inside `Op(a, |b)` (also `M!Op(`, a
// procedure `call P(` or a macro call), the signature of the innermost
// application the cursor is in, with the active parameter counted from
// the commas at the application's own nesting depth. It reads the text,
// not the AST, since the call being typed rarely parses.

func (s *Server) signatureHelp(ctx context.Context, p *protocol.SignatureHelpParams) (any, error) {
	v, err := s.viewOf(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	s.async(ctx)
	if v.Prog == nil {
		return nil, nil
	}
	off := s.offset(v, p.Position)
	text := v.Snap.File.Text
	limit := analysis.DefinitionStart(v.Snap.File, off)
	for _, call := range enclosingCalls(text, limit, off) {
		e := call.resolve(v.Prog, off)
		label, params, ok := signatureOf(e)
		if !ok {
			continue // a grouping `WF_vars(`, or a name we cannot resolve: look further out
		}
		info := protocol.SignatureInformation{Label: label, ActiveParameter: protocol.NewNullable(uint32(call.arg))}
		for _, ps := range params {
			info.Parameters = append(info.Parameters, protocol.ParameterInformation{Label: ps})
		}
		if e.Doc != "" {
			kind := protocol.MarkupKindPlainText
			doc := e.Doc
			if s.signatureMarkdown() {
				kind, doc = protocol.MarkupKindMarkdown, docMarkdown(doc)
			}
			info.Documentation = &protocol.MarkupContent{Kind: kind, Value: doc}
		}
		zero := uint32(0)
		return &protocol.SignatureHelp{
			Signatures:      []protocol.SignatureInformation{info},
			ActiveSignature: &zero,
			ActiveParameter: protocol.NewNullable(uint32(call.arg)),
		}, nil
	}
	return nil, nil
}

// signatureMarkdown reports whether the client renders markdown signature
// documentation.
func (s *Server) signatureMarkdown() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	td := s.clientCaps.TextDocument
	return td != nil && td.SignatureHelp != nil && td.SignatureHelp.SignatureInformation != nil &&
		slices.Contains(td.SignatureHelp.SignatureInformation.DocumentationFormat, protocol.MarkupKindMarkdown)
}

// call is an application whose argument list encloses the cursor.
type call struct {
	chain []string // instance prefix `I!J!`, outermost first
	name  string
	arg   int // index of the argument holding the cursor
}

func (c call) resolve(p *analysis.Program, off int) *analysis.Entity {
	if len(c.chain) == 0 {
		return lookupAt(p, off, c.name)
	}
	for _, m := range analysis.Members(resolveChain(p, off, c.chain)) {
		if m.Name == c.name {
			return m
		}
	}
	return nil
}

// enclosingCalls returns the named applications `Name(` whose argument
// lists enclose off, innermost first, scanning text[limit:off] backwards:
// brackets closed before off are skipped whole, commas count only at the
// depth of the application, and strings are skipped.
func enclosingCalls(text []byte, limit, off int) []call {
	var out []call
	depth, commas := 0, 0
	for i := off - 1; i >= limit; i-- {
		switch ch := text[i]; {
		case ch == '"':
			for i--; i >= limit && (text[i] != '"' || (i > 0 && text[i-1] == '\\')); i-- {
			}
		case ch == ')' || ch == ']' || ch == '}':
			depth++
		case ch == '>' && i > limit && text[i-1] == '>':
			depth++
			i--
		case ch == '<' && i > limit && text[i-1] == '<':
			i--
			if depth > 0 {
				depth--
			} else {
				commas = 0
			}
		case ch == '[' || ch == '{':
			if depth > 0 {
				depth--
			} else {
				commas = 0
			}
		case ch == '(':
			if depth > 0 {
				depth--
				continue
			}
			if c, ok := callBefore(text, i); ok {
				c.arg = commas
				out = append(out, c)
			}
			commas = 0
		case ch == ',':
			if depth == 0 {
				commas++
			}
		}
	}
	return out
}

// callBefore reads the name (and instance prefix) before the `(` at i.
func callBefore(text []byte, i int) (call, bool) {
	k := wordStart(text, i)
	if k == i || parser.IsReservedWord(string(text[k:i])) {
		return call{}, false
	}
	c := call{name: string(text[k:i])}
	if k > 0 && text[k-1] == '!' {
		if c.chain = instanceChain(text, k-1); c.chain == nil {
			return call{}, false
		}
	}
	return c, true
}

// signatureOf renders an entity that takes arguments as `Name(p, F(_))`
// with the UTF-16 offsets of each parameter in that label.
func signatureOf(e *analysis.Entity) (string, []protocol.ParameterInformationLabelTuple, bool) {
	if e == nil {
		return "", nil, false
	}
	var params []string
	switch d := e.Decl.(type) {
	case *ast.OpDef:
		for _, p := range d.Params {
			if p != nil && p.Name != nil {
				params = append(params, declSignature(&ast.OpDecl{Name: p.Name, Fixity: p.Fixity, Arity: p.Arity}))
			}
		}
	case *ast.ModuleDef:
		for _, p := range d.Params {
			if p != nil && p.Name != nil {
				params = append(params, declSignature(&ast.OpDecl{Name: p.Name, Fixity: p.Fixity, Arity: p.Arity}))
			}
		}
	case *ast.OpDecl, *ast.Param:
		for range e.Arity {
			params = append(params, "_")
		}
	case *ast.Procedure:
		for _, p := range d.Params {
			if p != nil && p.Name != nil {
				params = append(params, p.Name.Name)
			}
		}
	case *ast.Macro:
		for _, p := range d.Params {
			if p != nil {
				params = append(params, p.Name)
			}
		}
	}
	if len(params) == 0 {
		return "", nil, false
	}
	var b strings.Builder
	var tuples []protocol.ParameterInformationLabelTuple
	b.WriteString(e.Name + "(")
	for i, p := range params {
		if i > 0 {
			b.WriteString(", ")
		}
		start := utf16Len(b.String())
		b.WriteString(p)
		tuples = append(tuples, protocol.ParameterInformationLabelTuple{uint32(start), uint32(start + utf16Len(p))})
	}
	b.WriteString(")")
	return b.String(), tuples, true
}

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// signatureHelpCaps declares the capability of this file's method.
func signatureHelpCaps(s *Server, caps *protocol.ServerCapabilities) {
	caps.SignatureHelpProvider = &protocol.SignatureHelpOptions{
		TriggerCharacters:   []string{"(", ","},
		RetriggerCharacters: []string{","},
	}
}
