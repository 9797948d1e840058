// Package config parses TLC model configuration (.cfg) files.
//
// The language is the one TLC's ModelConfig accepts: a sequence of sections,
// each opened by an upper-case keyword, in any order:
//
//	CONSTANT(S)        C = value | C <- Def | C <-[Mod] Def | C = [Mod] value | F(v1, ..., vn) = value
//	                   (C and Def may be operator symbols: ++ <- PlusPlus, Plus <- +, \o <- +)
//	INIT, NEXT, SPECIFICATION, VIEW, ALIAS, SYMMETRY   one operator name each, at most once
//	INVARIANT(S), PROPERTY(-IES), CONSTRAINT(S),
//	ACTION_CONSTRAINT(S), POSTCONDITION(S), _POSSIBLE  any number of names, until the next keyword
//	CHECK_DEADLOCK     TRUE or FALSE, at most once
//
// Values are integers (optionally negative), strings, TRUE, FALSE, model
// values (bare identifiers) and sets `{v1, ..., vn}` of values. Tokens are
// separated by white space, `\*` line comments and nested `(* *)` comments;
// line breaks carry no meaning.
//
// Unlike TLC, which stops at the first problem (and silently stops reading at
// a character its tokenizer rejects), Parse reports every error it finds, each
// with the range of the offending text, and keeps everything it could parse.
package config

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a .cfg file: 1-based line and column (the column counts
// bytes) and the 0-based byte offset.
type Pos struct {
	Line, Col int
	Offset    int
}

// Name is an identifier as written in the file, with its range [Pos, End).
// In CONSTANTS a name may be an instance path such as `frob!bar!glitch`.
type Name struct {
	Pos, End Pos
	Text     string
}

// ValueKind tells which field of a Value is meaningful.
type ValueKind int

const (
	IntValue    ValueKind = iota + 1 // Int
	StringValue                      // Str: the text between the quotes
	BoolValue                        // Bool
	ModelValue                       // Str: the model value's name
	SetValue                         // Elems
)

func (k ValueKind) String() string {
	switch k {
	case IntValue:
		return "integer"
	case StringValue:
		return "string"
	case BoolValue:
		return "boolean"
	case ModelValue:
		return "model value"
	case SetValue:
		return "set"
	}
	return fmt.Sprintf("ValueKind(%d)", int(k))
}

// Value is a constant value written in a .cfg file, with its range [Pos, End).
//
// For strings, Str holds the characters between the quotes exactly as
// written: TLC does not interpret escape sequences in .cfg strings (its
// ModelConfig takes the literal's image minus the quotes), so neither do we.
type Value struct {
	Kind     ValueKind
	Pos, End Pos
	Int      int64   // IntValue; always within TLC's 32-bit range
	Str      string  // StringValue, ModelValue
	Bool     bool    // BoolValue
	Elems    []Value // SetValue, in source order (duplicates kept)
}

// ConstAssign is `Name = Value`, `Name(Args) = Value` (TLC's way to give an
// operator a value on particular arguments), or `Name = [Module] Value` (the
// definition Name of module Module, an extended or instantiated module;
// TLC's modConstants never apply to declared constants).
type ConstAssign struct {
	Name   Name
	Args   []Value // nil unless written `Name(a, b) = v`
	Module *Name   // `Name = [Module] v`
	Value  Value
}

// Substitution is `Name <- Def` or `Name <-[Module] Def`: replace the
// constant or operator Name by the definition Def.
type Substitution struct {
	Name   Name
	Module *Name // `<-[Module]`
	Def    Name
}

// Config is a parsed .cfg file. Fields not set in the file are nil or empty.
type Config struct {
	Constants     []ConstAssign
	Substitutions []Substitution

	Init, Next, Specification *Name

	Invariants, Properties, Constraints, ActionConstraints, Postconditions []Name

	// Possible are TLC's _POSSIBLE predicates: each must hold in some
	// reachable state (a state predicate) or step (an action), else TLC
	// reports it as a false postcondition.
	Possible []Name

	View, Alias, Symmetry *Name

	// CheckDeadlock is nil when the file does not say; TLC then checks for
	// deadlock. CheckDeadlockAt is the TRUE/FALSE word when it is set.
	CheckDeadlock   *bool
	CheckDeadlockAt Name

	// Periodic is TLC's undocumented _PERIODIC: a constant-level operator
	// evaluated periodically during the search (with TLCGet("stats") and
	// the like), which stops it when FALSE. RLReward is _RL_REWARD, for
	// TLC's reinforcement-learning simulation, kept so that files TLC
	// accepts parse here too.
	Periodic, RLReward *Name

	// Keywords lists every section keyword in source order, for highlighting
	// and hover.
	Keywords []Name
}

// Error is a problem found in a .cfg file, covering the range [Pos, End).
type Error struct {
	File     string
	Pos, End Pos
	Msg      string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// maxDepth bounds set nesting so that hostile input cannot exhaust the stack.
const maxDepth = 500

// TLC keeps integers in 32 bits and rejects larger literals.
const (
	minInt = -1 << 31
	maxInt = 1<<31 - 1
)

type sectionKind int

const (
	secConstants sectionKind = iota
	secSingle                // one name
	secList                  // names until the next keyword
	secDeadlock
)

type section struct {
	kind sectionKind
	// single returns the field a single-name section fills; list the slice a
	// list section appends to.
	single func(c *Config) **Name
	list   func(c *Config) *[]Name
}

var keywords = map[string]section{
	"CONSTANT":           {kind: secConstants},
	"CONSTANTS":          {kind: secConstants},
	"INIT":               {kind: secSingle, single: func(c *Config) **Name { return &c.Init }},
	"NEXT":               {kind: secSingle, single: func(c *Config) **Name { return &c.Next }},
	"SPECIFICATION":      {kind: secSingle, single: func(c *Config) **Name { return &c.Specification }},
	"VIEW":               {kind: secSingle, single: func(c *Config) **Name { return &c.View }},
	"ALIAS":              {kind: secSingle, single: func(c *Config) **Name { return &c.Alias }},
	"SYMMETRY":           {kind: secSingle, single: func(c *Config) **Name { return &c.Symmetry }},
	"_PERIODIC":          {kind: secSingle, single: func(c *Config) **Name { return &c.Periodic }},
	"_RL_REWARD":         {kind: secSingle, single: func(c *Config) **Name { return &c.RLReward }},
	"INVARIANT":          {kind: secList, list: func(c *Config) *[]Name { return &c.Invariants }},
	"INVARIANTS":         {kind: secList, list: func(c *Config) *[]Name { return &c.Invariants }},
	"PROPERTY":           {kind: secList, list: func(c *Config) *[]Name { return &c.Properties }},
	"PROPERTIES":         {kind: secList, list: func(c *Config) *[]Name { return &c.Properties }},
	"CONSTRAINT":         {kind: secList, list: func(c *Config) *[]Name { return &c.Constraints }},
	"CONSTRAINTS":        {kind: secList, list: func(c *Config) *[]Name { return &c.Constraints }},
	"ACTION_CONSTRAINT":  {kind: secList, list: func(c *Config) *[]Name { return &c.ActionConstraints }},
	"ACTION_CONSTRAINTS": {kind: secList, list: func(c *Config) *[]Name { return &c.ActionConstraints }},
	"POSTCONDITION":      {kind: secList, list: func(c *Config) *[]Name { return &c.Postconditions }},
	"POSTCONDITIONS":     {kind: secList, list: func(c *Config) *[]Name { return &c.Postconditions }},
	"_POSSIBLE":          {kind: secList, list: func(c *Config) *[]Name { return &c.Possible }},
	"CHECK_DEADLOCK":     {kind: secDeadlock},
}

// IsKeyword reports whether word opens a section of a .cfg file.
func IsKeyword(word string) bool {
	_, ok := keywords[word]
	return ok
}

// Parse parses the .cfg text src; filename is used only in error messages.
// It returns the configuration it could build (never nil) and every error
// found, each an *Error.
func Parse(filename string, src []byte) (*Config, []error) {
	p := &parser{file: filename, cfg: &Config{}}
	p.lines = newLines(src)
	p.toks = lex(src, p.lines, p.errorf)
	p.parse()
	// Lexical errors are found before syntax errors; report them in file order.
	sort.SliceStable(p.errs, func(i, j int) bool {
		return p.errs[i].(*Error).Pos.Offset < p.errs[j].(*Error).Pos.Offset
	})
	return p.cfg, p.errs
}

type parser struct {
	file  string
	lines *lines
	toks  []token
	i     int
	cfg   *Config
	errs  []error
	// invalid is set when a well-formed entry holds a bad value (an integer
	// out of range): the entry is dropped but parsing goes on without
	// resynchronising.
	invalid bool
}

func (p *parser) tok() token { return p.toks[p.i] }

func (p *parser) next() {
	if p.i < len(p.toks)-1 {
		p.i++
	}
}

func (p *parser) errorf(pos, end Pos, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.file, Pos: pos, End: end, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) errTok(t token, format string, args ...any) {
	p.errorf(t.pos, t.end, format, args...)
}

func isKw(t token) bool { return t.kind == tIdent && IsKeyword(t.text) }

func nameOf(t token) Name { return Name{Pos: t.pos, End: t.end, Text: t.text} }

// describe names a token for an error message.
func describe(t token) string {
	switch {
	case t.kind == tEOF:
		return "end of file"
	case isKw(t):
		return "keyword " + t.text
	case t.kind == tString:
		return "string " + t.text
	}
	return "`" + t.text + "`"
}

// hint explains tokens that show the user expected more of TLA+ than a .cfg
// file allows.
func hint(t token) string {
	switch t.text {
	case "<<", ">>":
		return "; a .cfg file cannot contain tuples or sequences: define the value in a .tla module and substitute it with `<-`"
	case "..":
		return "; a .cfg file cannot contain ranges such as 1..3: write the set out, or define it in a .tla module and use `<-`"
	case "==":
		return "; definitions belong in a .tla module; substitute them here with `<-`"
	case "[", "|->", "->":
		return "; a .cfg file cannot contain records or functions: define the value in a .tla module and substitute it with `<-`"
	}
	return ""
}

func (p *parser) parse() {
	// single is the keyword of the last single-name section, while no other
	// token has followed its name: a stray word then gets a precise message.
	single := ""
	for p.tok().kind != tEOF {
		t := p.tok()
		sec, ok := keywords[t.text]
		if t.kind != tIdent || !ok {
			p.badTopLevel(t, single)
			single = ""
			continue
		}
		single = ""
		p.cfg.Keywords = append(p.cfg.Keywords, nameOf(t))
		p.next()
		switch sec.kind {
		case secConstants:
			p.constants()
		case secSingle:
			if p.singleName(t, sec.single(p.cfg)) {
				single = t.text
			}
		case secList:
			p.nameList(t, sec.list(p.cfg))
		case secDeadlock:
			p.checkDeadlock(t)
		}
	}
}

// badTopLevel reports a token where a keyword should be, then skips to the
// next keyword.
func (p *parser) badTopLevel(t token, single string) {
	switch {
	case t.kind == tIdent && single != "":
		p.errTok(t, "unexpected %s: %s takes exactly one name", t.text, single)
	case t.kind == tIdent && IsKeyword(strings.ToUpper(t.text)):
		p.errTok(t, "unknown keyword %s (keywords are upper case: %s)", t.text, strings.ToUpper(t.text))
	case t.kind == tIdent:
		p.errTok(t, "unknown keyword %s", t.text)
	default:
		p.errTok(t, "expected a keyword such as CONSTANTS, INIT, NEXT, SPECIFICATION or INVARIANT, found %s%s", describe(t), hint(t))
	}
	p.next()
	for p.tok().kind != tEOF && !isKw(p.tok()) {
		p.next()
	}
}

// singleName parses the one name after INIT, NEXT, and the like. TLC rejects
// a section given twice ("The keyword INIT appears twice"); we keep the first.
func (p *parser) singleName(kw token, dst **Name) bool {
	t := p.tok()
	if t.kind != tIdent || isKw(t) {
		p.errorf(kw.pos, p.skipBad(kw, t), "%s expects an operator name, found %s", kw.text, describe(t))
		return false
	}
	p.next()
	n := nameOf(t)
	if *dst != nil {
		p.errorf(kw.pos, t.end, "%s given twice (first at line %d); TLC allows one", kw.text, (*dst).Pos.Line)
		return true
	}
	*dst = &n
	return true
}

// nameList parses the names after INVARIANT and the like, up to the next
// keyword. An empty list is allowed, as in TLC.
func (p *parser) nameList(kw token, dst *[]Name) {
	for {
		t := p.tok()
		if t.kind == tEOF || isKw(t) {
			return
		}
		if t.kind == tIdent {
			*dst = append(*dst, nameOf(t))
		} else if t.text == "," {
			p.errTok(t, "unexpected `,` in %s: separate names with spaces or line breaks", kw.text)
		} else {
			p.errTok(t, "%s expects operator names, found %s%s", kw.text, describe(t), hint(t))
		}
		p.next()
	}
}

// skipBad consumes t, the bad token after keyword kw, unless it is the end of
// file or a keyword that starts the next section, and returns where the error
// range ends: after t if it was consumed, else after kw.
func (p *parser) skipBad(kw, t token) Pos {
	if t.kind == tEOF || isKw(t) {
		return kw.end
	}
	p.next()
	return t.end
}

func (p *parser) checkDeadlock(kw token) {
	t := p.tok()
	if t.kind != tIdent || (t.text != "TRUE" && t.text != "FALSE") {
		p.errorf(kw.pos, p.skipBad(kw, t), "CHECK_DEADLOCK expects TRUE or FALSE, found %s", describe(t))
		return
	}
	p.next()
	if p.cfg.CheckDeadlock != nil {
		p.errorf(kw.pos, t.end, "CHECK_DEADLOCK given twice (first at line %d); TLC allows one", p.cfg.CheckDeadlockAt.Pos.Line)
		return
	}
	b := t.text == "TRUE"
	p.cfg.CheckDeadlock = &b
	p.cfg.CheckDeadlockAt = nameOf(t)
}

// constants parses CONSTANT entries until the next keyword. After an error it
// skips to the first token of a later line (or the next keyword): entries are
// conventionally one per line, so this loses the least.
func (p *parser) constants() {
	for {
		if t := p.tok(); t.kind == tEOF || isKw(t) {
			return
		}
		start := p.i
		if !p.constant() {
			if p.i == start {
				p.next()
			}
			for t := p.tok(); t.kind != tEOF && !isKw(t) && !t.first; t = p.tok() {
				p.next()
			}
		}
	}
}

// replacedOperatorNext reports whether the next entry replaces an operator
// symbol: `++ <- PlusPlus`.
func (p *parser) replacedOperatorNext() bool {
	t := p.tok()
	return isOpSymbol(t) && p.i+1 < len(p.toks) && p.toks[p.i+1].kind == tOp && p.toks[p.i+1].text == "<-"
}

func (p *parser) constant() bool {
	p.invalid = false
	t := p.tok()
	if isOpSymbol(t) {
		// an operator symbol can only be replaced: ++ <- PlusPlus
		p.next()
		if op := p.tok(); op.kind != tOp || op.text != "<-" {
			p.errTok(op, "expected `<-` after the operator %s (an operator is replaced by a definition: %s <- Def), found %s", t.text, t.text, describe(op))
			return false
		}
		return p.substitution(nameOf(t))
	}
	if t.kind != tIdent {
		p.errTok(t, "expected a constant name, found %s%s", describe(t), hint(t))
		return false
	}
	p.next()
	name := nameOf(t)
	// An instance path such as frob!bar!glitch names a constant of an
	// instantiated module.
	for p.tok().text == "!" && p.tok().kind == tOp {
		p.next()
		part := p.tok()
		if part.kind != tIdent || isKw(part) {
			p.errTok(part, "expected a name after `!` in %s, found %s", name.Text, describe(part))
			return false
		}
		p.next()
		name.Text += "!" + part.text
		name.End = part.end
	}

	if op := p.tok(); op.kind == tOp && op.text == "<-" {
		return p.substitution(name)
	}
	op := p.tok()

	a := ConstAssign{Name: name}
	if op.kind == tOp && op.text == "(" {
		p.next()
		a.Args = []Value{}
		for {
			v, ok := p.value(0, "in the arguments of "+name.Text)
			if !ok {
				return false
			}
			a.Args = append(a.Args, v)
			if c := p.tok(); c.kind == tOp && c.text == "," {
				p.next()
				continue
			}
			break
		}
		if c := p.tok(); c.kind != tOp || c.text != ")" {
			p.errTok(c, "expected `,` or `)` in the arguments of %s, found %s", name.Text, describe(c))
			return false
		}
		p.next()
		op = p.tok()
	}
	if op.kind != tOp || op.text != "=" {
		if a.Args != nil {
			p.errTok(op, "expected `=` after %s(...), found %s%s", name.Text, describe(op), hint(op))
		} else {
			p.errTok(op, "expected `=` or `<-` after constant name %s, found %s%s", name.Text, describe(op), hint(op))
		}
		return false
	}
	p.next()
	if p.tok().kind == tOp && p.tok().text == "[" {
		m, ok := p.moduleName("=")
		if !ok {
			return false
		}
		a.Module = m
	}
	v, ok := p.value(0, "after `=` for "+name.Text)
	if !ok {
		return false
	}
	a.Value = v
	// Only a name, or an operator replaced by a definition (# <- NotEq),
	// can follow a complete entry; another operator here means the user
	// wrote an expression (1..3, a \union b) that TLC cannot read.
	if n := p.tok(); n.kind == tOp && !p.replacedOperatorNext() {
		p.errTok(n, "unexpected %s after the value of %s%s", describe(n), name.Text, hint(n))
		return false
	}
	if !p.invalid {
		p.cfg.Constants = append(p.cfg.Constants, a)
	}
	return true
}

// substitution parses `<- Def` or `<-[Mod] Def` after name. Def may be an
// operator symbol (Plus <- +), as TLC reads any token there.
func (p *parser) substitution(name Name) bool {
	op := p.tok()
	p.next()
	s := Substitution{Name: name}
	if p.tok().kind == tOp && p.tok().text == "[" {
		m, ok := p.moduleName("<-")
		if !ok {
			return false
		}
		s.Module = m
	}
	d := p.tok()
	if (d.kind != tIdent || isKw(d)) && !isOpSymbol(d) {
		end := d.end
		if d.kind == tEOF || isKw(d) {
			end = op.end
		}
		p.errorf(op.pos, end, "expected a definition name after `<-` for %s, found %s", name.Text, describe(d))
		return false
	}
	p.next()
	s.Def = nameOf(d)
	p.cfg.Substitutions = append(p.cfg.Substitutions, s)
	return true
}

// isOpSymbol reports whether t is a TLA+ operator symbol (+, ++, \o) rather
// than punctuation of the .cfg language.
func isOpSymbol(t token) bool {
	if t.kind != tOp {
		return false
	}
	switch t.text {
	case "{", "}", "(", ")", "[", "]", ",", "=", "<-", "!", "<<", ">>", "|->", "->", "==", ":", ";", "\"":
		return false
	}
	return true
}

// moduleName parses `[Mod]` after `<-` or `=`.
func (p *parser) moduleName(after string) (*Name, bool) {
	open := p.tok()
	p.next()
	t := p.tok()
	if t.kind != tIdent || isKw(t) {
		p.errTok(t, "expected a module name after `%s[`, found %s", after, describe(t))
		return nil, false
	}
	p.next()
	if c := p.tok(); c.kind != tOp || c.text != "]" {
		p.errorf(open.pos, c.end, "expected `]` after `%s[%s`, found %s%s", after, t.text, describe(c), hint(c))
		return nil, false
	}
	p.next()
	n := nameOf(t)
	return &n, true
}

// value parses one value; where says where it was expected, for messages.
func (p *parser) value(depth int, where string) (Value, bool) {
	t := p.tok()
	switch t.kind {
	case tNumber:
		p.next()
		return p.intValue(t, t.pos, false)
	case tString:
		p.next()
		s := t.text[1:]
		if strings.HasSuffix(s, `"`) && len(t.text) >= 2 {
			s = s[:len(s)-1]
		}
		return Value{Kind: StringValue, Pos: t.pos, End: t.end, Str: s}, true
	case tIdent:
		if isKw(t) {
			break
		}
		p.next()
		switch t.text {
		case "TRUE", "FALSE":
			return Value{Kind: BoolValue, Pos: t.pos, End: t.end, Bool: t.text == "TRUE"}, true
		}
		return Value{Kind: ModelValue, Pos: t.pos, End: t.end, Str: t.text}, true
	case tOp:
		switch t.text {
		case "-":
			p.next()
			n := p.tok()
			if n.kind != tNumber {
				p.errorf(t.pos, n.end, "expected a number after `-`, found %s", describe(n))
				return Value{}, false
			}
			p.next()
			return p.intValue(n, t.pos, true)
		case "{":
			return p.set(depth, t)
		}
	}
	p.errTok(t, "expected a value (a number, string, TRUE, FALSE, model value or set) %s, found %s%s", where, describe(t), hint(t))
	return Value{}, false
}

func (p *parser) intValue(t token, start Pos, neg bool) (Value, bool) {
	var n int64
	for i := 0; i < len(t.text); i++ {
		n = n*10 + int64(t.text[i]-'0')
		if n > maxInt+1 {
			break
		}
	}
	if neg {
		n = -n
	}
	if n < minInt || n > maxInt {
		sign := ""
		if neg {
			sign = "-"
		}
		p.errorf(start, t.end, "integer %s%s is out of range: TLC integers lie in -2147483648..2147483647", sign, t.text)
		p.invalid = true
		return Value{Kind: IntValue, Pos: start, End: t.end}, true
	}
	return Value{Kind: IntValue, Pos: start, End: t.end, Int: n}, true
}

func (p *parser) set(depth int, open token) (Value, bool) {
	if depth >= maxDepth {
		p.errTok(open, "sets nested more than %d deep", maxDepth)
		return Value{}, false
	}
	p.next()
	v := Value{Kind: SetValue, Pos: open.pos, Elems: []Value{}}
	if c := p.tok(); c.kind == tOp && c.text == "}" {
		p.next()
		v.End = c.end
		return v, true
	}
	for {
		e, ok := p.value(depth+1, fmt.Sprintf("in the set opened at line %d, column %d", open.pos.Line, open.pos.Col))
		if !ok {
			return Value{}, false
		}
		v.Elems = append(v.Elems, e)
		c := p.tok()
		if c.kind == tOp && c.text == "," {
			p.next()
			continue
		}
		if c.kind == tOp && c.text == "}" {
			p.next()
			v.End = c.end
			return v, true
		}
		p.errTok(c, "expected `,` or `}` in the set opened at line %d, column %d, found %s%s", open.pos.Line, open.pos.Col, describe(c), hint(c))
		return Value{}, false
	}
}
