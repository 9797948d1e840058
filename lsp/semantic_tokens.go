package lsp

import (
	"context"
	"fmt"
	"math/bits"
	"sort"

	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/analysis"
	"github.com/tlals/tlals/analysis/stdlib"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/comment"
	"github.com/tlals/tlals/parser/scan"
	"github.com/tlals/tlals/parser/source"
)

// textDocument/semanticTokens/full and /range.
//
// Names are classified from the analysis side tables (Info.Defs and
// Info.Uses, by entity kind); keywords, comments and the rest are left to
// the client's grammar, except inside the PlusCal algorithm, which the
// grammar sees as one comment: there the PlusCal and TLA+ keywords are
// tokens too.
//
// Token types (standard LSP names):
//
//	namespace  module names, EXTENDS, INSTANCE, M == INSTANCE N, algorithm name
//	type       BOOLEAN, STRING
//	parameter  operator parameters, bound variables, NEW names
//	variable   VARIABLEs, CONSTANTs (readonly), PlusCal variables, self (readonly)
//	property   record fields: [a |-> 1], r.a, ![a]
//	function   operator and function definitions, theorem and assumption names, processes
//	method     PlusCal procedures
//	macro      PlusCal macros
//	keyword    keywords inside the PlusCal algorithm
//	operator   infix, prefix and postfix operator symbols
//	number     numerals
//	string     string literals
//	label      PlusCal labels and TLA+ labels (lbl::)
//
// Modifiers: declaration (a name declared: CONSTANT, VARIABLE, parameter,
// bound variable), definition (a name defined with a body), readonly
// (CONSTANTs, self), defaultLibrary (names from the standard modules and
// built-ins), modification (primed variables and PlusCal assignment
// targets).

// Token types and modifiers, in legend order.
const (
	tokNamespace = iota
	tokType
	tokParameter
	tokVariable
	tokProperty
	tokFunction
	tokMethod
	tokMacro
	tokKeyword
	tokOperator
	tokNumber
	tokString
	tokLabel
)

const (
	modDeclaration uint32 = 1 << iota
	modDefinition
	modReadonly
	modDefaultLibrary
	modModification
)

// semanticLegend is the legend the server declares; indices match the
// constants above.
var semanticLegend = protocol.SemanticTokensLegend{
	TokenTypes: []string{
		string(protocol.SemanticTokenTypesNamespace), string(protocol.SemanticTokenTypesType),
		string(protocol.SemanticTokenTypesParameter), string(protocol.SemanticTokenTypesVariable),
		string(protocol.SemanticTokenTypesProperty), string(protocol.SemanticTokenTypesFunction),
		string(protocol.SemanticTokenTypesMethod), string(protocol.SemanticTokenTypesMacro),
		string(protocol.SemanticTokenTypesKeyword), string(protocol.SemanticTokenTypesOperator),
		string(protocol.SemanticTokenTypesNumber), string(protocol.SemanticTokenTypesString),
		string(protocol.SemanticTokenTypesLabel),
	},
	TokenModifiers: []string{
		string(protocol.SemanticTokenModifiersDeclaration), string(protocol.SemanticTokenModifiersDefinition),
		string(protocol.SemanticTokenModifiersReadonly), string(protocol.SemanticTokenModifiersDefaultLibrary),
		string(protocol.SemanticTokenModifiersModification),
	},
}

func (s *Server) semanticTokensFull(ctx context.Context, p *protocol.SemanticTokensParams) (any, error) {
	v, err := s.viewOf(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	toks := semanticTokensOf(v)
	return &protocol.SemanticTokens{Data: encodeSemanticTokens(v.Snap.File, toks, s.encoding())}, nil
}

func (s *Server) semanticTokensRange(ctx context.Context, p *protocol.SemanticTokensRangeParams) (any, error) {
	v, err := s.viewOf(ctx, p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	start, end := s.offset(v, p.Range.Start), s.offset(v, p.Range.End)
	toks := tokensInRange(semanticTokensOf(v), source.Span{Start: start, End: end})
	return &protocol.SemanticTokens{Data: encodeSemanticTokens(v.Snap.File, toks, s.encoding())}, nil
}

// tokensInRange are the tokens of sorted, disjoint toks that overlap sp.
func tokensInRange(toks []semToken, sp source.Span) []semToken {
	lo := sort.Search(len(toks), func(i int) bool { return toks[i].span.End > sp.Start })
	hi := lo
	for hi < len(toks) && toks[hi].span.Start < sp.End {
		hi++
	}
	return toks[lo:hi]
}

// semToken is a token in byte offsets.
type semToken struct {
	span source.Span
	typ  uint32
	mods uint32
}

// semanticTokensOf classifies the view's document: tokens sorted by
// position, none overlapping another.
func semanticTokensOf(v *view) []semToken {
	mod := v.moduleSyntax()
	if mod == nil {
		return nil
	}
	infos := map[*ast.Module]*analysis.Info{}
	if v.Prog != nil {
		for _, m := range v.Prog.Modules {
			if m.AST != nil && m.File == v.Prog.Root.File {
				infos[m.AST] = m.Info
			}
		}
	}
	c := tokenCollector{infos: infos, modified: map[*ast.Ident]bool{}, stdlib: map[*analysis.Module]bool{}}
	c.module(mod)
	if a := mod.Algorithm; a != nil {
		c.keywords(v.Snap.File.Text, a.Span)
	}
	toks := c.toks
	sort.SliceStable(toks, func(i, j int) bool { return toks[i].span.Start < toks[j].span.Start })
	out := toks[:0]
	end := -1
	for _, t := range toks {
		if t.span.Start < end || t.span.Len() <= 0 {
			continue // the first classification of a place wins
		}
		out = append(out, t)
		end = t.span.End
	}
	return out
}

type tokenCollector struct {
	infos    map[*ast.Module]*analysis.Info
	info     *analysis.Info // of the module being walked; nil without analysis
	modified map[*ast.Ident]bool
	stdlib   map[*analysis.Module]bool // memo of fromStdlib, which reads the module's text
	toks     []semToken
}

// fromStdlib reports whether e is declared by a standard module.
func (c *tokenCollector) fromStdlib(e *analysis.Entity) bool {
	if e.Module == nil {
		return false
	}
	std, ok := c.stdlib[e.Module]
	if !ok {
		_, std = stdlib.NameFromPath(e.Module.Path)
		c.stdlib[e.Module] = std
	}
	return std
}

func (c *tokenCollector) add(sp source.Span, typ, mods uint32) {
	c.toks = append(c.toks, semToken{sp, typ, mods})
}

func (c *tokenCollector) module(m *ast.Module) {
	saved := c.info
	c.info = c.infos[m]
	defer func() { c.info = saved }()
	ast.Inspect(m, func(n ast.Node) bool {
		if nm, ok := n.(*ast.Module); ok && nm != m {
			c.module(nm)
			return false
		}
		c.node(n)
		return true
	})
}

// node classifies one node. Parents are seen before their children, so
// that a parent can mark an identifier (modified, or named by context)
// before the identifier itself is classified.
func (c *tokenCollector) node(n ast.Node) {
	switch n := n.(type) {
	case *ast.Module:
		if n.Name != nil {
			c.add(n.Name.Span, tokNamespace, modDefinition)
		}
		for _, id := range n.Extends {
			c.add(id.Span, tokNamespace, 0)
		}
	case *ast.Instance:
		if n.Module != nil {
			c.add(n.Module.Span, tokNamespace, 0)
		}
	case *ast.Algorithm:
		if n.Name != nil {
			c.add(n.Name.Span, tokNamespace, modDefinition)
		}
	case *ast.Process:
		if n.Name != nil {
			c.add(n.Name.Span, tokFunction, modDefinition)
		}
	case *ast.Labeled:
		if n.Name != nil {
			c.add(n.Name.Span, tokLabel, modDefinition)
		}
	case *ast.Field:
		if n.Name != nil {
			c.add(n.Name.Span, tokProperty, 0)
		}
	case *ast.Select:
		if n.Field != nil {
			c.add(n.Field.Span, tokProperty, 0)
		}
	case *ast.PathStep:
		if n.Field != nil {
			c.add(n.Field.Span, tokProperty, 0)
		}
	case *ast.AssignPart:
		if n.Var != nil {
			c.modified[n.Var] = true
		}
	case *ast.PostfixExpr:
		if app, ok := n.X.(*ast.OpApp); ok && n.Op == "'" && app.Prefix == nil && app.Args == nil && app.Name != nil {
			c.modified[app.Name] = true
		}
		c.operator(n, n.OpAt)
	case *ast.Infix:
		c.operator(n, n.OpAt)
	case *ast.PrefixExpr:
		c.operator(n, n.OpAt)
	case *ast.Number:
		c.add(n.Span, tokNumber, 0)
	case *ast.String:
		c.add(n.Span, tokString, 0)
	case *ast.Ident:
		c.ident(n)
	}
}

func (c *tokenCollector) operator(n ast.Expr, at source.Span) {
	var mods uint32
	if c.info != nil {
		if e := c.info.Ops[n]; e != nil && c.fromStdlib(e) {
			mods |= modDefaultLibrary
		}
	}
	c.add(at, tokOperator, mods)
}

func (c *tokenCollector) ident(id *ast.Ident) {
	if c.info == nil {
		return
	}
	e, isDef := c.info.Defs[id]
	if !isDef {
		e = c.info.Uses[id]
	}
	if e == nil {
		return
	}
	typ, mods := entityToken(e)
	if c.fromStdlib(e) {
		mods |= modDefaultLibrary
	}
	if isDef {
		switch e.Kind {
		case analysis.Operator, analysis.Function, analysis.ModuleInst, analysis.Theorem, analysis.Assumption,
			analysis.PlusCalProc, analysis.PlusCalMacro, analysis.PlusCalLabel:
			mods |= modDefinition
		default:
			mods |= modDeclaration
		}
	}
	if c.modified[id] {
		mods |= modModification
	}
	c.add(id.Span, typ, mods)
}

// entityToken is the token type and the modifiers every mention of e has
// (defaultLibrary apart).
func entityToken(e *analysis.Entity) (typ, mods uint32) {
	switch e.Kind {
	case analysis.Constant:
		typ, mods = tokVariable, modReadonly
		if e.Arity > 0 {
			typ = tokFunction
		}
	case analysis.Variable, analysis.PlusCalVar:
		typ = tokVariable
	case analysis.Operator:
		typ = tokFunction
		if e.Fixity != ast.Nonfix {
			typ = tokOperator
		}
	case analysis.Function, analysis.Theorem, analysis.Assumption:
		typ = tokFunction
	case analysis.BoundVar, analysis.Param, analysis.ProofDecl:
		typ = tokParameter
	case analysis.ModuleInst:
		typ = tokNamespace
	case analysis.Builtin:
		typ, mods = tokType, modDefaultLibrary
	case analysis.PlusCalSelf:
		typ, mods = tokVariable, modReadonly
	case analysis.PlusCalLabel:
		typ = tokLabel
	case analysis.PlusCalProc:
		typ = tokMethod
	case analysis.PlusCalMacro:
		typ = tokMacro
	}
	return typ, mods
}

// algorithmKeywords are the words the PlusCal algorithm's keyword tokens
// cover: PlusCal's (both syntaxes) and TLA+'s.
var algorithmKeywords = map[string]bool{
	"--algorithm": true, "--fair": true, "algorithm": true, "fair": true,
	"variable": true, "variables": true, "define": true, "macro": true, "procedure": true, "process": true,
	"begin": true, "end": true, "if": true, "then": true, "elsif": true, "else": true, "while": true, "do": true,
	"either": true, "or": true, "with": true, "await": true, "when": true, "print": true, "assert": true,
	"skip": true, "return": true, "goto": true, "call": true,
	"TRUE": true, "FALSE": true, "IF": true, "THEN": true, "ELSE": true, "LET": true, "IN": true, "CASE": true,
	"OTHER": true, "CHOOSE": true, "EXCEPT": true, "DOMAIN": true, "SUBSET": true, "UNION": true,
	"UNCHANGED": true, "ENABLED": true, "LAMBDA": true,
}

// keywords adds a keyword token for every keyword of text in sp, skipping
// comments and strings.
func (c *tokenCollector) keywords(text []byte, sp source.Span) {
	end := min(sp.End, len(text))
	isWord := scan.IsIdentByte
	for i := max(sp.Start, 0); i < end; {
		switch {
		case comment.At(text, i, end):
			i, _ = comment.End(text, i, end)
		case text[i] == '"':
			for i++; i < end && text[i] != '"' && text[i] != '\n'; i++ {
				if text[i] == '\\' {
					i++
				}
			}
			i++
		case isWord(text[i]) || text[i] == '-' && i+2 < end && text[i+1] == '-' && isWord(text[i+2]):
			j := i
			if text[j] == '-' {
				j += 2
			}
			for j < end && isWord(text[j]) {
				j++
			}
			if algorithmKeywords[string(text[i:j])] && (i == 0 || !isWord(text[i-1])) {
				c.add(source.Span{Start: i, End: j}, tokKeyword, 0)
			}
			i = j
		default:
			i++
		}
	}
}

// encodeSemanticTokens encodes sorted, disjoint tokens as LSP's relative
// integers, in enc. A token over several lines is split at line ends.
func encodeSemanticTokens(f *source.File, toks []semToken, enc source.Encoding) []uint32 {
	data := make([]uint32, 0, 5*len(toks))
	prevLine, prevChar := 0, 0
	emit := func(start, end int, t semToken) {
		p := f.Position(start, enc)
		q := f.Position(end, enc)
		if q.Line != p.Line || q.Character <= p.Character {
			return
		}
		char := p.Character
		if p.Line == prevLine {
			char -= prevChar
		}
		data = append(data, uint32(p.Line-prevLine), uint32(char), uint32(q.Character-p.Character), t.typ, t.mods)
		prevLine, prevChar = p.Line, p.Character
	}
	for _, t := range toks {
		first, last := f.Line(t.span.Start), f.Line(t.span.End)
		if first == last {
			emit(t.span.Start, t.span.End, t)
			continue
		}
		for line := first; line <= last; line++ {
			start := max(t.span.Start, f.LineStart(line))
			end := t.span.End
			if line < last {
				end = f.LineStart(line+1) - 1 // the newline
				if end > start && f.Text[end-1] == '\r' {
					end--
				}
			}
			emit(start, end, t)
		}
	}
	return data
}

// DecodedSemanticToken is one token of a semantic tokens answer, decoded
// with the server's legend.
type DecodedSemanticToken struct {
	Range     protocol.Range
	Type      string
	Modifiers []string // in legend order
}

// DecodeSemanticTokens decodes the data of a semantic tokens answer of
// this server, for tests and tools.
func DecodeSemanticTokens(data []uint32) ([]DecodedSemanticToken, error) {
	if len(data)%5 != 0 {
		return nil, fmt.Errorf("semantic tokens: %d integers is not a multiple of 5", len(data))
	}
	var out []DecodedSemanticToken
	var line, char uint32
	for i := 0; i < len(data); i += 5 {
		dl, dc, length, typ, mods := data[i], data[i+1], data[i+2], data[i+3], data[i+4]
		if dl > 0 {
			line, char = line+dl, dc
		} else {
			char += dc
		}
		if int(typ) >= len(semanticLegend.TokenTypes) || bits.Len32(mods) > len(semanticLegend.TokenModifiers) {
			return nil, fmt.Errorf("semantic tokens: token %d: type %d or modifiers %b outside the legend", i/5, typ, mods)
		}
		t := DecodedSemanticToken{
			Range: protocol.Range{Start: protocol.Position{Line: line, Character: char}, End: protocol.Position{Line: line, Character: char + length}},
			Type:  semanticLegend.TokenTypes[typ],
		}
		for b := range semanticLegend.TokenModifiers {
			if mods&(1<<b) != 0 {
				t.Modifiers = append(t.Modifiers, semanticLegend.TokenModifiers[b])
			}
		}
		out = append(out, t)
	}
	return out, nil
}

// semanticTokensCaps declares the capability of this file's method.
func semanticTokensCaps(s *Server, caps *protocol.ServerCapabilities) {
	caps.SemanticTokensProvider = &protocol.SemanticTokensOptions{
		Legend: semanticLegend,
		Range:  protocol.Boolean(true),
		Full:   protocol.Boolean(true),
	}
}
