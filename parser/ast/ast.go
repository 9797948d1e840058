// Package ast is tlals's typed syntax tree for TLA+ modules and the PlusCal
// algorithms inside them. Every node carries its byte range (source.Span) in
// the file it came from. Tree-sitter never leaks past package parser: the
// rest of tlals reads these types only. Analysis never mutates the tree; it
// records what it learns in side tables keyed by node pointers.
package ast

import "github.com/tlals/tlals/parser/source"

// Span is re-exported so that nodes can embed it under a short name.
type Span = source.Span

// Node is anything with a position.
type Node interface{ Pos() Span }

// Ident is a name as written, with its range. It is a token, not an
// expression: a reference to a name in an expression is an *OpApp.
type Ident struct {
	Span
	Name string
}

// Fixity says how an operator is written.
type Fixity int

const (
	Nonfix  Fixity = iota // Op or Op(a, b)
	Prefix                // -. a, ~a
	InfixOp               // a + b
	Postfix               // a', a^+
)

// Comment is a block comment `(* ... *)` or a line comment `\* ...`.
type Comment struct {
	Span
	Block bool
	Text  string // the text without the delimiters
}

// ---------------------------------------------------------------- modules

// Module is a TLA+ module, top-level or nested.
type Module struct {
	Span
	Name      *Ident
	Extends   []*Ident
	Units     []Unit
	Algorithm *Algorithm // the PlusCal algorithm in a comment, if any
	Comments  []*Comment // top-level module only: every comment in the file
	// Translation is the range of the text between the
	// "\* BEGIN TRANSLATION" and "\* END TRANSLATION" lines (markers
	// excluded), or nil when the markers are absent.
	Translation *Span
	// Trailing holds the modules that follow the first one in its file
	// (top-level module only). As in SANY, they are not part of the
	// first: a module importing one of them by name finds it when no
	// file or standard module of that name exists.
	Trailing []*Module
}

// Unit is a module-level item: declaration, definition, assumption,
// theorem, nested module, or a USE/HIDE.
type Unit interface {
	Node
	unitNode()
}

// VarDecl is VARIABLE(S) x, y.
type VarDecl struct {
	Span
	Names []*Ident
}

// OpDecl declares a constant or recursive operator: `C`, `F(_, _)`, `-. _`,
// `_ + _`, `_ ^+`.
type OpDecl struct {
	Span
	Name   *Ident
	Fixity Fixity
	Arity  int
}

// ConstDecl is CONSTANT(S) c, F(_).
type ConstDecl struct {
	Span
	Decls []*OpDecl
}

// RecursiveDecl is RECURSIVE F(_), G.
type RecursiveDecl struct {
	Span
	Decls []*OpDecl
}

// Param is an operator parameter: `x` (Arity 0) or `F(_, _)` or an
// operator-symbol parameter like `_ \prec _`.
type Param struct {
	Span
	Name   *Ident
	Fixity Fixity
	Arity  int
}

// OpDef is `Op(p, q) == body`, `a \prec b == body`, `-. a == body`.
type OpDef struct {
	Span
	Local  bool
	Name   *Ident
	Fixity Fixity
	Params []*Param
	Body   Expr
}

// FuncDef is `f[x \in S, y \in T] == body`.
type FuncDef struct {
	Span
	Local  bool
	Name   *Ident
	Bounds []*Bound
	Body   Expr
}

// Instance is `INSTANCE M WITH a <- e, b <- f`, as a unit or inside a
// ModuleDef.
type Instance struct {
	Span
	Local  bool
	Module *Ident
	Substs []*Subst
}

// Subst is one `a <- e` of an INSTANCE. Name may be an operator symbol.
type Subst struct {
	Span
	Name *Ident
	Expr Expr
}

// ModuleDef is `M(x) == INSTANCE N WITH ...`.
type ModuleDef struct {
	Span
	Local    bool
	Name     *Ident
	Params   []*Param
	Instance *Instance
}

// Assume is ASSUME/ASSUMPTION/AXIOM [Name ==] expr.
type Assume struct {
	Span
	Keyword string // "ASSUME", "ASSUMPTION" or "AXIOM"
	Name    *Ident // nil when unnamed
	Expr    Expr
}

// Theorem is THEOREM/LEMMA/PROPOSITION/COROLLARY [Name ==] body [proof].
type Theorem struct {
	Span
	Keyword string
	Name    *Ident
	Body    Expr // an expression or an *AssumeProve
	Proof   *Proof
}

// UseOrHide is USE/HIDE facts DEF defs at module level or in a proof.
type UseOrHide struct {
	Span
	Hide  bool
	Facts []Expr
	Defs  []Expr
}

// Separator is a `----` line between units; kept for folding.
type Separator struct{ Span }

// BadUnit stands where a unit could not be parsed.
type BadUnit struct{ Span }

func (*VarDecl) unitNode()       {}
func (*ConstDecl) unitNode()     {}
func (*RecursiveDecl) unitNode() {}
func (*OpDef) unitNode()         {}
func (*FuncDef) unitNode()       {}
func (*Instance) unitNode()      {}
func (*ModuleDef) unitNode()     {}
func (*Assume) unitNode()        {}
func (*Theorem) unitNode()       {}
func (*UseOrHide) unitNode()     {}
func (*Module) unitNode()        {}
func (*Separator) unitNode()     {}
func (*BadUnit) unitNode()       {}

// ---------------------------------------------------------------- proofs

// Proof is the proof of a theorem or of a step. Proofs are kept as
// positioned nodes for navigation and folding; analysis resolves the names
// they use but does not check them.
type Proof struct {
	Span
	Kind  string // "BY", "OBVIOUS", "OMITTED", "PROOF" (structured)
	Only  bool   // BY ONLY
	Facts []Expr // BY facts
	Defs  []Expr // BY ... DEF defs
	Steps []*ProofStep
}

// ProofStep is `<2>1. stmt proof` or `QED`.
type ProofStep struct {
	Span
	Label string // "<2>1", "<2>" or "" for a bare step
	Kind  string // "ASSERT", "SUFFICES", "CASE", "PICK", "HAVE", "TAKE", "WITNESS", "DEFINE", "USE", "HIDE", "QED", "INSTANCE"
	// Decls are the names a PICK, TAKE or NEW introduces; Bounds their sets.
	Bounds []*Bound
	Exprs  []Expr // the step's formulas
	Units  []Unit // DEFINE and INSTANCE steps
	Proof  *Proof
}

// AssumeProve is `ASSUME a, NEW x \in S PROVE b` in a theorem or step.
type AssumeProve struct {
	Span
	Assumes []Node // Expr, *NewDecl or nested *AssumeProve
	Prove   Expr
}

// NewDecl is `NEW x`, `NEW CONSTANT x \in S`, `NEW VARIABLE v`,
// `NEW ACTION A`, `NEW F(_)`.
type NewDecl struct {
	Span
	Level string // "CONSTANT", "VARIABLE", "STATE", "ACTION", "TEMPORAL" or ""
	Name  *Ident
	Arity int
	Set   Expr // \in S, or nil
}

// ---------------------------------------------------------------- expressions

// Expr is a TLA+ expression.
type Expr interface {
	Node
	exprNode()
}

// OpApp is a reference to a named thing, applied or not: `x`, `Op(a, b)`,
// `M!Op(a)`, `M(x)!N!Op`, and operator symbols used as names (`\prec`
// passed as an argument). Bound variables, constants, variables and
// definitions are all referenced this way.
type OpApp struct {
	Span
	Prefix []*PrefixPart // instance path before the name; nil when plain
	Name   *Ident
	Args   []Expr // nil when written without parentheses
}

// PrefixPart is one `M!` or `M(a, b)!` of a prefixed name.
type PrefixPart struct {
	Span
	Name *Ident
	Args []Expr
}

// Infix is `X op Y` for every binary operator except \X (see Product).
// Op is canonical: synonyms and Unicode forms are folded (`\land`, `∧` →
// `/\`; `#` → `/=`; `=<`, `\leq` → `<=`; `\union` → `\cup`, …).
type Infix struct {
	Span
	Op   string
	OpAt Span // the operator token
	X, Y Expr
}

// PrefixExpr is `op X`: `~`, `-` (negation, Op "-."), `[]`, `<>`, `ENABLED`,
// `UNCHANGED`, `SUBSET`, `UNION`, `DOMAIN`.
type PrefixExpr struct {
	Span
	Op   string
	OpAt Span
	X    Expr
}

// PostfixExpr is `X op`: `'`, `^+`, `^*`, `^#`.
type PostfixExpr struct {
	Span
	Op   string
	OpAt Span
	X    Expr
}

// Product is the Cartesian product `A \X B \X C` (n-ary, not nested).
type Product struct {
	Span
	Sets []Expr
}

// Number is a numeral in any base, or a decimal.
type Number struct {
	Span
	Text    string // as written
	Digits  string // the digits alone, without the \b \o \h prefix
	Base    int    // 2, 8, 10 or 16
	Decimal bool   // 3.14
}

// String is a string literal; Value has its escapes resolved.
type String struct {
	Span
	Value string
}

// Bool is TRUE or FALSE.
type Bool struct {
	Span
	Value bool
}

// Paren is a parenthesized expression, kept for exact ranges.
type Paren struct {
	Span
	X Expr
}

// Unparen returns e with any enclosing parentheses removed.
func Unparen(e Expr) Expr {
	for {
		p, ok := e.(*Paren)
		if !ok || p.X == nil {
			return e
		}
		e = p.X
	}
}

// Bound is `x, y \in S` or `<<x, y>> \in S` in a quantifier, CHOOSE, set
// constructor or function constructor. Set is nil in the unbounded form.
type Bound struct {
	Span
	Names []*Ident
	Tuple bool // <<x, y>> \in S
	Set   Expr
}

// QuantKind distinguishes the four quantifiers.
type QuantKind int

const (
	Forall QuantKind = iota
	Exists
	TemporalForall // \AA
	TemporalExists // \EE
)

// Quant is `\A x \in S, y \in T : body`, `\E x : body`, `\AA x : body`.
// Unbounded quantifiers have one Bound with a nil Set.
type Quant struct {
	Span
	Kind   QuantKind
	Bounds []*Bound
	Body   Expr
}

// Choose is `CHOOSE x \in S : P`, `CHOOSE <<x, y>> \in S : P`, or unbounded.
type Choose struct {
	Span
	Bound *Bound
	Body  Expr
}

// SetEnum is `{a, b, c}`.
type SetEnum struct {
	Span
	Elems []Expr
}

// SetFilter is `{x \in S : P}`.
type SetFilter struct {
	Span
	Bound *Bound
	Pred  Expr
}

// SetMap is `{e : x \in S, y \in T}`.
type SetMap struct {
	Span
	Elem   Expr
	Bounds []*Bound
}

// FuncLit is `[x \in S, y \in T |-> e]`.
type FuncLit struct {
	Span
	Bounds []*Bound
	Body   Expr
}

// FuncApp is `f[a]` or `f[a, b]`.
type FuncApp struct {
	Span
	Fn   Expr
	Args []Expr
}

// FuncSet is `[S -> T]`.
type FuncSet struct {
	Span
	Domain, Range Expr
}

// Field is `name |-> e` in a record or `name : S` in a record set.
type Field struct {
	Span
	Name *Ident
	Expr Expr
}

// Record is `[a |-> 1, b |-> 2]`.
type Record struct {
	Span
	Fields []*Field
}

// RecordSet is `[a : S, b : T]`.
type RecordSet struct {
	Span
	Fields []*Field
}

// Select is `r.field`.
type Select struct {
	Span
	Rec   Expr
	Field *Ident
}

// Except is `[f EXCEPT ![a].b = e, ...]`.
type Except struct {
	Span
	Fn      Expr
	Updates []*ExceptUpdate
}

// ExceptUpdate is one `![a][b].c = e`.
type ExceptUpdate struct {
	Span
	Path []*PathStep
	Val  Expr // may contain *At
}

// PathStep is `.field` (Field set) or `[a, b]` (Index set).
type PathStep struct {
	Span
	Field *Ident
	Index []Expr
}

// At is `@` inside an EXCEPT value: the old value at the path.
type At struct{ Span }

// Tuple is `<<a, b>>`.
type Tuple struct {
	Span
	Elems []Expr
}

// If is IF c THEN a ELSE b.
type If struct {
	Span
	Cond, Then, Else Expr
}

// Case is CASE p -> a [] q -> b [] OTHER -> c.
type Case struct {
	Span
	Arms  []*CaseArm
	Other Expr // nil when absent
}

// CaseArm is `p -> e`.
type CaseArm struct {
	Span
	Cond, Val Expr
}

// Let is LET defs IN body. Defs holds *OpDef, *FuncDef, *ModuleDef and
// *RecursiveDecl.
type Let struct {
	Span
	Defs []Unit
	Body Expr
}

// Junction is a bullet list of `/\` or `\/` items aligned in one column.
type Junction struct {
	Span
	Or     bool
	Column int // byte column of the bullets within their line
	Items  []Expr
}

// Lambda is `LAMBDA x, y : body`.
type Lambda struct {
	Span
	Params []*Ident
	Body   Expr
}

// Labeled is `lbl:: e` or `lbl(x, y):: e`.
type Labeled struct {
	Span
	Name   *Ident
	Params []*Ident
	Body   Expr
}

// BoxAction is `[A]_v` (Angle false) or `<<A>>_v` (Angle true).
type BoxAction struct {
	Span
	Angle  bool
	Action Expr
	Sub    Expr
}

// Fairness is `WF_v(A)` or `SF_v(A)`.
type Fairness struct {
	Span
	Strong bool
	Sub    Expr
	Action Expr
}

// SubexprRef is a subexpression name that goes past an operator, like
// `Op!1!2` or `Inv!<<`; only its head is resolved (nil for a path from a
// proof step, `<1>4!1`).
type SubexprRef struct {
	Span
	Head *OpApp
	Path []string
	Sels []*Selector // Path's steps, parsed
}

// SelKind is the kind of a step of a subexpression name.
type SelKind int

const (
	SelName   SelKind = iota // a label or LET definition, maybe with arguments: `lab(a)`
	SelNum                   // `!3`: an operand
	SelFirst                 // `!<<`: the first operand
	SelSecond                // `!>>`: the second operand
	SelColon                 // `!:`: the body of a definition
	SelAt                    // `!@`: a quantifier's body as an operator of its bound names
	SelArgs                  // `!(a, b)`: a quantifier's body with its bound names given
)

// Selector is one step of a subexpression name after its head.
type Selector struct {
	Span
	Kind SelKind
	Name *Ident // SelName
	Num  int    // SelNum
	Args []Expr // SelName with arguments, SelArgs
}

// StepRef is a proof step name used as a fact: `<2>1`.
type StepRef struct {
	Span
	Label string
}

// BadExpr stands where an expression could not be parsed.
type BadExpr struct{ Span }

func (*OpApp) exprNode()       {}
func (*Infix) exprNode()       {}
func (*PrefixExpr) exprNode()  {}
func (*PostfixExpr) exprNode() {}
func (*Product) exprNode()     {}
func (*Number) exprNode()      {}
func (*String) exprNode()      {}
func (*Bool) exprNode()        {}
func (*Paren) exprNode()       {}
func (*Quant) exprNode()       {}
func (*Choose) exprNode()      {}
func (*SetEnum) exprNode()     {}
func (*SetFilter) exprNode()   {}
func (*SetMap) exprNode()      {}
func (*FuncLit) exprNode()     {}
func (*FuncApp) exprNode()     {}
func (*FuncSet) exprNode()     {}
func (*Record) exprNode()      {}
func (*RecordSet) exprNode()   {}
func (*Select) exprNode()      {}
func (*Except) exprNode()      {}
func (*At) exprNode()          {}
func (*Tuple) exprNode()       {}
func (*If) exprNode()          {}
func (*Case) exprNode()        {}
func (*Let) exprNode()         {}
func (*Junction) exprNode()    {}
func (*Lambda) exprNode()      {}
func (*Labeled) exprNode()     {}
func (*BoxAction) exprNode()   {}
func (*Fairness) exprNode()    {}
func (*SubexprRef) exprNode()  {}
func (*StepRef) exprNode()     {}
func (*BadExpr) exprNode()     {}
func (*AssumeProve) exprNode() {}
