package lsp

import (
	"go.lsp.dev/protocol"

	"github.com/tlals/tlals/parser/scan"
	"github.com/tlals/tlals/parser/source"
)

// hoverKeyword is the hover of a keyword under the cursor (outside comments
// and strings), nil when there is none.
func (s *Server) hoverKeyword(v *view, pos protocol.Position) *protocol.Hover {
	if v == nil || v.Snap == nil || v.Snap.File == nil || isCfg(v.Snap.Path) {
		return nil
	}
	off := s.offset(v, pos)
	c := &completer{v: v, off: off}
	if c.inComment() || c.inString() {
		return nil
	}
	markdown := s.hoverMarkdown()
	text, sp, ok := keywordHover(v.Snap.File, off, markdown)
	if !ok {
		return nil
	}
	kind := protocol.MarkupKindPlainText
	if markdown {
		kind = protocol.MarkupKindMarkdown
	}
	rng := toRange(v.Snap.File, sp, s.encoding())
	return &protocol.Hover{Contents: &protocol.MarkupContent{Kind: kind, Value: text}, Range: &rng}
}

// keywordDocs explains TLA+'s keywords and built-in forms, for a hover on
// a word that names no definition. The texts follow Specifying Systems.
var keywordDocs = map[string]struct{ form, doc string }{
	"UNCHANGED": {`UNCHANGED e`, "The value of `e` does not change in the step: `e' = e`. Usually `e` is a variable or a tuple of variables (`UNCHANGED <<x, y>>`)."},
	"ENABLED":   {`ENABLED A`, "TRUE in a state when action `A` can take a step from it: some next state makes `A` true."},
	"CHOOSE":    {`CHOOSE x \in S : P`, "Some value `x` of `S` for which `P` holds: always the same one for the same `S` and `P`. TLC fails when no element satisfies `P`."},
	"EXCEPT":    {`[f EXCEPT ![a] = e]`, "The function (or record) `f` with the value at `a` replaced by `e`; `@` in `e` is the old value `f[a]`."},
	"DOMAIN":    {`DOMAIN f`, "The set of arguments of function `f` (the field names of a record, `1..Len(s)` of a sequence)."},
	"SUBSET":    {`SUBSET S`, "The set of all subsets of `S` (its power set)."},
	"UNION":     {`UNION S`, "The union of the sets that are the elements of `S`."},
	"LET":       {`LET d == e IN body`, "`body` with the local definitions `d`."},
	"IN":        {`LET d == e IN body`, "Ends the definitions of a `LET`: what follows is its body."},
	"IF":        {`IF p THEN a ELSE b`, "`a` when `p` is TRUE, else `b`."},
	"THEN":      {`IF p THEN a ELSE b`, "`a` when `p` is TRUE, else `b`."},
	"ELSE":      {`IF p THEN a ELSE b`, "`a` when `p` is TRUE, else `b`."},
	"CASE":      {`CASE p1 -> e1 [] p2 -> e2 [] OTHER -> e`, "The `e_i` of a TRUE `p_i` (TLC takes the first); `OTHER` when none is. TLC fails when no guard is TRUE and there is no `OTHER`."},
	"OTHER":     {`CASE ... [] OTHER -> e`, "The value of a `CASE` when no guard is TRUE."},
	"WF_":       {`WF_v(A)`, "Weak fairness of `A`: if `<<A>>_v` is enabled continuously from some point on, an `<<A>>_v` step eventually happens."},
	"SF_":       {`SF_v(A)`, "Strong fairness of `A`: if `<<A>>_v` is enabled infinitely often, an `<<A>>_v` step eventually happens."},
	"EXTENDS":   {`EXTENDS M1, M2`, "Imports every definition, declaration and theorem of the modules, unqualified."},
	"INSTANCE":  {`INSTANCE M WITH p <- e`, "Imports the definitions of `M` with its constants and variables replaced; `N == INSTANCE M` makes them `N!Op`."},
	"WITH":      {`INSTANCE M WITH p <- e`, "The substitutions of an `INSTANCE`: each parameter of `M` and what replaces it (by default, the name in scope)."},
	"LOCAL":     {`LOCAL d == e`, "A definition (or instance) not exported to modules that extend or instantiate this one."},
	"VARIABLE":  {`VARIABLE x, y`, "Declares the state variables: each state of a behaviour assigns each a value."},
	"VARIABLES": {`VARIABLES x, y`, "Declares the state variables: each state of a behaviour assigns each a value."},
	"CONSTANT":  {`CONSTANT N`, "Declares a constant parameter of the module: the model (`.cfg`) gives its value."},
	"CONSTANTS": {`CONSTANTS N, M`, "Declares constant parameters of the module: the model (`.cfg`) gives their values."},
	"ASSUME":    {`ASSUME p`, "An assumption about the constants; TLC checks it before the search."},
	"RECURSIVE": {`RECURSIVE Op(_)`, "Announces an operator defined later, so that its definition may call itself."},
	"THEOREM":   {`THEOREM p`, "An assertion about the module (TLAPS proves it; TLC does not check it)."},
	"LAMBDA":    {`LAMBDA x, y : e`, "An anonymous operator, as an argument of a higher-order operator."},
	"TRUE":      {`TRUE`, "The Boolean value true."},
	"FALSE":     {`FALSE`, "The Boolean value false."},
	"BOOLEAN":   {`BOOLEAN`, "The set `{TRUE, FALSE}`."},
	"STRING":    {`STRING`, "The set of all strings."},
}

// keywordHover is the hover of the keyword at off of f, if there is one
// there: its form as code and what it means.
func keywordHover(f *source.File, off int, markdown bool) (string, source.Span, bool) {
	text := f.Text
	isWord := scan.IsIdentByte
	if off < 0 || off > len(text) {
		return "", source.Span{}, false
	}
	start, end := off, off
	for start > 0 && isWord(text[start-1]) {
		start--
	}
	for end < len(text) && isWord(text[end]) {
		end++
	}
	word := string(text[start:end])
	kd, ok := keywordDocs[word]
	if !ok && len(word) > 3 && (word[:3] == "WF_" || word[:3] == "SF_") {
		word = word[:3]
		end = start + 3
		kd, ok = keywordDocs[word]
	}
	if !ok {
		return "", source.Span{}, false
	}
	h := hoverInfo{code: kd.form, note: kd.doc, where: "TLA+ keyword"}
	return h.render(markdown), source.Span{Start: start, End: end}, true
}
