package eval

import (
	"strings"

	"github.com/tlals/tlals/checker/config"
	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/comment"
	"github.com/tlals/tlals/parser/scan"
	"github.com/tlals/tlals/parser/source"
)

// TLC's string order for one spec (see intern.go for why it matters). The
// rule, measured on TLC's intern table:
//
//  1. The configuration file is parsed first: each value it gives a
//     constant (a string, a model value, the elements of a set of them) is
//     interned in the order written (InternConfig).
//  2. SANY's table of built-in operators and keywords (tlcBuiltins).
//  3. Every token of every file, in the order the files are parsed: the
//     root file, then the modules it names, found by SANY's search for the
//     next unresolved EXTENDS (depth first through the modules already
//     parsed) and, when no EXTENDS is left, the next unresolved INSTANCE.
//     A token is interned as written (a string literal with its quotes).
//     TLC's own standard modules are read from its jar: their tokens are
//     recorded in tlcStdModules.
//  4. A few names interned when semantic analysis starts (tlcSemantic),
//     then the value of each string literal, module by module in the order
//     SANY analyses them (a module after everything it EXTENDS, then
//     INSTANCEs), each module in the order SANY's generator meets the
//     literals: source order, except that `{e : x \in S}` is read from its
//     bounds before its expression.
//  5. Names TLC registers before the search (tlcStartup).
//
// Left out: names that no value is likely to have (SANY's syntax node
// kinds, operator names with a trailing dot, internal markers) and the
// run's random seeds.

// SpecOrder is the order TLC gives the strings of a spec: its
// configuration's values (cfg: the parsed configuration, nil for none),
// then the texts of its modules (see InternSpec). Check passes it to
// BeginSpecRun.
func SpecOrder(cfg *config.Config, root *ast.Module, file *source.File, load Loader) []string {
	return append(cfgValues(cfg), specTexts(root, file, load)...)
}

// cfgValues lists the strings and model values of the configuration's
// constants in the order written (step 1): the arguments of F(a) = v,
// then the value, through sets. A string is its text between the quotes,
// escapes not resolved: TLC's configuration keeps them (see
// config.Value).
func cfgValues(cfg *config.Config) []string {
	if cfg == nil {
		return nil
	}
	var out []string
	var add func(v config.Value)
	add = func(v config.Value) {
		switch v.Kind {
		case config.StringValue, config.ModelValue:
			out = append(out, v.Str)
		case config.SetValue:
			for _, e := range v.Elems {
				add(e)
			}
		}
	}
	for _, c := range cfg.Constants {
		for _, a := range c.Args {
			add(a)
		}
		add(c.Value)
	}
	return out
}

// InternSpec interns the texts of the spec whose root module is root (in
// file), with the modules it uses found by load, in TLC's order (steps 2 to
// 5). Call it once per run, after InternConfig and before any value is
// compared; the modules are loaded here, in SANY's order, whatever order
// the evaluator loads them in afterwards.
func InternSpec(root *ast.Module, file *source.File, load Loader) {
	internAll(specTexts(root, file, load))
}

// specTexts lists the texts InternSpec interns, in order.
func specTexts(root *ast.Module, file *source.File, load Loader) []string {
	if root == nil || root.Name == nil || file == nil {
		return nil
	}
	o := &specOrder{load: load, units: map[string]*unit{}}
	r := o.userUnit(root, file)
	o.resolve(r)
	out := append([]string{}, tlcBuiltins...)
	for _, u := range o.parsed {
		out = append(out, u.tokens...)
	}
	out = append(out, tlcSemantic...)
	var sem []*unit
	dependencies(r, &sem, map[*unit]bool{})
	for _, u := range sem {
		out = append(out, u.strings()...)
	}
	return append(out, tlcStartup...)
}

// unit is a parsed file (SANY's ParseUnit).
type unit struct {
	name    string
	top     *modRel
	tokens  []string
	strings func() []string
	exts    []*unit // units it EXTENDS, in the order SANY resolved them
	insts   []*unit // units it INSTANCEs
}

// modRel is a module of a unit and the names it refers to (SANY's
// ModulePointer with its ModuleRelatives).
type modRel struct {
	name     string
	unit     *unit
	extends  []string
	insts    []string
	inner    []*modRel
	internal map[string]bool // INSTANCEs of an inner module defined before
	ctx      map[string]*modRel
}

type specOrder struct {
	load   Loader
	units  map[string]*unit
	parsed []*unit // in parse order
}

func (o *specOrder) userUnit(mod *ast.Module, file *source.File) *unit {
	toks := tlaTokens(file.Text, true)
	u := &unit{name: mod.Name.Name, tokens: tokenTexts(toks), strings: func() []string { return literals(mod) }}
	u.top = moduleTree(u, toks)
	if u.top == nil {
		u.top = &modRel{name: u.name, unit: u, ctx: map[string]*modRel{}}
	}
	o.units[u.name] = u
	o.parsed = append(o.parsed, u)
	return u
}

// unit returns the unit of module name, parsing it when new.
func (o *specOrder) unit(name string) *unit {
	if u, ok := o.units[name]; ok {
		return u
	}
	if std, ok := tlcStdModules[name]; ok {
		u := &unit{name: name, tokens: std.tokens, strings: func() []string { return std.literals }}
		u.top = &modRel{name: name, unit: u, extends: std.extends, insts: std.instances, ctx: map[string]*modRel{}}
		o.units[name] = u
		o.parsed = append(o.parsed, u)
		return u
	}
	if o.load != nil {
		if m, err := o.load(name); err == nil && m != nil && m.AST != nil && m.File != nil && m.AST.Name != nil {
			return o.userUnit(m.AST, m.File)
		}
	}
	// TLC stops at a missing module; here it just contributes nothing
	u := &unit{name: name, strings: func() []string { return nil }}
	u.top = &modRel{name: name, unit: u, ctx: map[string]*modRel{}}
	o.units[name] = u
	return u
}

// resolve parses the modules the root refers to, in SANY's order: while
// some EXTENDS is unresolved, the first found by a depth-first search from
// the root, else the first unresolved INSTANCE likewise.
func (o *specOrder) resolve(root *unit) {
	for {
		m, name, ext := findUnresolved(root.top, true, map[*modRel]bool{})
		if m == nil {
			m, name, ext = findUnresolved(root.top, false, map[*modRel]bool{})
		}
		if m == nil {
			return
		}
		u := o.unit(name)
		if ext {
			m.unit.exts = append(m.unit.exts, u)
		} else {
			m.unit.insts = append(m.unit.insts, u)
		}
		if _, ok := m.ctx[name]; !ok {
			m.ctx[name] = u.top
		}
	}
}

// findUnresolved finds the next name of an EXTENDS (ext) or INSTANCE that
// m's context does not resolve, searching m, then what it extends, then
// what it instantiates, then its inner modules.
func findUnresolved(m *modRel, ext bool, seen map[*modRel]bool) (*modRel, string, bool) {
	if m == nil || seen[m] {
		return nil, "", false
	}
	seen[m] = true
	if ext {
		for _, e := range m.extends {
			if m.ctx[e] == nil {
				return m, e, true
			}
		}
	} else {
		for _, e := range m.insts {
			if m.ctx[e] == nil && !m.internal[e] {
				return m, e, false
			}
		}
	}
	for _, e := range m.extends {
		if r, n, x := findUnresolved(m.ctx[e], ext, seen); r != nil {
			return r, n, x
		}
	}
	for _, e := range m.insts {
		if r, n, x := findUnresolved(m.ctx[e], ext, seen); r != nil {
			return r, n, x
		}
	}
	for _, in := range m.inner {
		if r, n, x := findUnresolved(in, ext, seen); r != nil {
			return r, n, x
		}
	}
	return nil, "", false
}

// dependencies lists u's units after everything they extend, then
// instantiate (SANY's order of semantic analysis).
func dependencies(u *unit, out *[]*unit, done map[*unit]bool) {
	if _, ok := done[u]; ok {
		return // listed, or on the path (a cycle SANY rejects)
	}
	done[u] = false
	for _, e := range u.exts {
		dependencies(e, out, done)
	}
	for _, e := range u.insts {
		dependencies(e, out, done)
	}
	done[u] = true
	*out = append(*out, u)
}

// moduleTree reads the modules of a file from its tokens: their names, what
// they extend and instantiate, and their inner modules.
func moduleTree(u *unit, toks []token) *modRel {
	i := 0
	var parse func(outer []*modRel) *modRel
	parse = func(outer []*modRel) *modRel {
		// toks[i] is a module header
		m := &modRel{unit: u, ctx: map[string]*modRel{}, internal: map[string]bool{}}
		// an inner module knows the modules defined before it around it
		for _, o := range outer {
			for _, p := range o.inner {
				m.ctx[p.name] = p
			}
		}
		i++
		if i < len(toks) {
			m.name = toks[i].text
		}
		for i++; i < len(toks) && toks[i].kind == tkSep; i++ {
		}
		if i < len(toks) && toks[i].text == "EXTENDS" {
			for i++; i < len(toks); i++ {
				m.extends = append(m.extends, toks[i].text)
				if i+1 >= len(toks) || toks[i+1].text != "," {
					break
				}
				i++
			}
			i++
		}
		defined := map[string]bool{}
		for i < len(toks) {
			switch t := toks[i]; {
			case t.kind == tkEnd:
				i++
				return m
			case t.kind == tkHeader:
				in := parse(append(outer, m))
				m.inner = append(m.inner, in)
				defined[in.name] = true
				continue
			case t.text == "INSTANCE" && i+1 < len(toks):
				name := toks[i+1].text
				if _, seen := m.internal[name]; !seen {
					m.internal[name] = defined[name]
				}
				m.insts = append(m.insts, name)
			}
			i++
		}
		return m
	}
	for i < len(toks) && toks[i].kind != tkHeader {
		i++
	}
	if i == len(toks) {
		return nil
	}
	return parse(nil)
}

// literals lists the values of the string literals of mod in the order
// SANY's generator meets them.
func literals(mod *ast.Module) []string {
	var out []string
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.Algorithm:
			return false // a comment to SANY
		case *ast.String:
			out = append(out, x.Value)
		case *ast.SetMap:
			for _, b := range x.Bounds {
				ast.Inspect(b, visit)
			}
			ast.Inspect(x.Elem, visit)
			return false
		}
		return true
	}
	ast.Inspect(mod, visit)
	return out
}

// ---------------------------------------------------------------- tokens

type tokKind uint8

const (
	tkOther  tokKind = iota
	tkHeader         // ---- MODULE
	tkSep            // ----
	tkEnd            // ====
)

type token struct {
	text string
	kind tokKind
	str  bool // a string literal, with its quotes
}

func tokenTexts(toks []token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.text
	}
	return out
}

// tlaTokens splits TLA+ text into SANY's tokens (images as SANY makes
// them), skipping comments. In a module file (module), only the text from
// the first module header to the end of that module counts.
//
// The tokens are parser/scan's, with SANY's images where they differ (scan
// serves editors and the parser, which want the parts): a module header
// `---- MODULE` (dashes, blanks and MODULE: one token), a run of four or
// more dashes or equal signs, a proof step `<1>2.`, `WF_` and `SF_` apart
// from their subscript, `]_` and `>>_`, and a backslash operator of
// letters only (`\in` of `\in1`, `\b1` of `\b12`). Outside any module SANY
// skips the text up to the next header, byte by byte but for comments.
func tlaTokens(text []byte, module bool) []token {
	var toks []token
	n := len(text)
	depth := 0
	sc := scan.New(text, 0, n)
	for {
		if module && depth == 0 {
			i := nextHeader(text, sc.Pos()) // before the module
			if i == n {
				break
			}
			sc = scan.New(text, i, n)
		}
		t, ok := sc.NextOf(scan.All &^ scan.Of(scan.Space, scan.Comment))
		if !ok {
			break
		}
		start, i := t.Start, t.End
		c := text[start]
		kind := tkOther
		switch {
		case c == '-' && run(text, start, '-') >= 4:
			i, kind = start+run(text, start, '-'), tkSep
			if j, ok := moduleWord(text, i); ok {
				i, kind = j, tkHeader
			}
		case c == '=' && run(text, start, '=') >= 4:
			i, kind = start+run(text, start, '='), tkEnd
		case c == '<' && stepLen(text, start) > 0:
			i = start + stepLen(text, start) // a proof step: <1>2. (one token)
		case t.Kind == scan.Ident && i-start > 3 && (text[start] == 'W' || text[start] == 'S') && text[start+1] == 'F' && text[start+2] == '_':
			i = start + 3
		case c == '\\' && i-start > 1 && scan.IsIdentByte(text[start+1]):
			i = backslashEnd(text, start, i)
		case t.Kind == scan.Op && i < n && text[i] == '_' && (i-start == 1 && c == ']' || string(text[start:i]) == ">>"):
			i++
		}
		if i != t.End {
			sc = scan.New(text, i, n)
		}
		if module && kind == tkHeader {
			depth++
		}
		toks = append(toks, token{text: string(text[start:i]), kind: kind, str: t.Kind == scan.String})
		if module && kind == tkEnd {
			if depth--; depth == 0 {
				break // the end of the file's module
			}
		}
	}
	return toks
}

// nextHeader is where the next module header starts at or after i (or
// len(text)), comments passed over whole.
func nextHeader(text []byte, i int) int {
	n := len(text)
	for i < n {
		if comment.At(text, i, n) {
			i, _ = comment.End(text, i, n)
			continue
		}
		if text[i] == '-' && run(text, i, '-') >= 4 {
			if _, ok := moduleWord(text, i+run(text, i, '-')); ok {
				return i
			}
		}
		i++
	}
	return n
}

// moduleWord reports whether the word MODULE follows blanks at text[i:],
// and where it ends.
func moduleWord(text []byte, i int) (int, bool) {
	j := i
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	if j+6 <= len(text) && string(text[j:j+6]) == "MODULE" && (j+6 == len(text) || !scan.IsIdentByte(text[j+6])) {
		return j + 6, true
	}
	return i, false
}

// backslashEnd is the end of SANY's token for the backslash word scan read
// at text[start:end]: a number's digits of its base, else letters.
func backslashEnd(text []byte, start, end int) int {
	i := start + 1
	if b := text[i]; strings.IndexByte("bBoOhH", b) >= 0 && i+1 < end && isDigitIn(b, text[i+1]) {
		for i++; i < end && isDigitIn(b, text[i]); i++ {
		}
		return i
	}
	for i < end && isLetter(text[i]) {
		i++
	}
	return i
}

// stepLen is the length of the proof step token (<1>, <2>3., <*>a) at
// text[i], or 0.
func stepLen(text []byte, i int) int {
	j := i + 1
	if j < len(text) && (text[j] == '*' || text[j] == '+') {
		j++
	} else {
		for j < len(text) && text[j] >= '0' && text[j] <= '9' {
			j++
		}
	}
	if j == i+1 || j >= len(text) || text[j] != '>' {
		return 0
	}
	for j++; j < len(text) && scan.IsIdentByte(text[j]); j++ {
	}
	for j < len(text) && text[j] == '.' && !(j+1 < len(text) && text[j+1] == '.') {
		j++
	}
	return j - i
}

func run(text []byte, i int, c byte) int {
	j := i
	for j < len(text) && text[j] == c {
		j++
	}
	return j - i
}

func isDigitIn(base, c byte) bool {
	switch base {
	case 'b', 'B':
		return c == '0' || c == '1'
	case 'o', 'O':
		return c >= '0' && c <= '7'
	}
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isNumber(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
