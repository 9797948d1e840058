package ast

// The PlusCal algorithm found in a module's comment. Both syntaxes (P and C)
// lower to the same nodes; CSyntax records which one was written. Expressions
// inside are ordinary TLA+ Exprs with ranges in the same file.

// FairnessKind is the fairness of a process or algorithm.
type FairnessKind int

const (
	Unfair     FairnessKind = iota
	WeakFair                // fair process, --fair algorithm
	StrongFair              // fair+ process
)

// Algorithm is `--algorithm Name ... end algorithm` or `--algorithm Name { ... }`.
type Algorithm struct {
	Span
	CSyntax bool
	Fair    bool // --fair algorithm
	Name    *Ident
	Vars    []*PVarDecl
	Defines []Unit // the define block's definitions; nil when absent
	// DefineSpan is the range of the whole define block (nil when absent).
	DefineSpan *Span
	Macros     []*Macro
	Procedures []*Procedure
	Processes  []*Process
	Body       *Block // the uniprocess body; nil when there are processes
}

// PVarDecl is a PlusCal variable: `x = e`, `x \in S`, or `x` (no initial
// value: the translator uses defaultInitValue).
type PVarDecl struct {
	Span
	Name *Ident
	In   bool // `\in` rather than `=`
	Init Expr // nil when absent
}

// Macro is `macro M(a, b) begin ... end macro`.
type Macro struct {
	Span
	Name   *Ident
	Params []*Ident
	Body   *Block
}

// Procedure is `procedure P(a = 1, b) variables x = 0; begin ... end procedure`.
type Procedure struct {
	Span
	Name   *Ident
	Params []*PVarDecl
	Vars   []*PVarDecl
	Body   *Block
}

// Process is `[fair[+]] process (Name \in S) variables ... begin ... end process`.
type Process struct {
	Span
	Fair FairnessKind
	Name *Ident
	In   bool // `\in S` (a process set) rather than `= id`
	ID   Expr
	Vars []*PVarDecl
	Body *Block
}

// Block is a sequence of statements: a body, a branch, `{ ... }` in C syntax.
type Block struct {
	Span
	Stmts []Stmt
}

// Stmt is a PlusCal statement.
type Stmt interface {
	Node
	// Label returns the statement's label, or nil.
	StmtLabel() *StmtLabel
}

// StmtLabel is `L:` (with `L:+` / `L:-` fairness modifiers) before a statement.
type StmtLabel struct {
	Span
	Name *Ident
	Mod  string // "", "+" or "-"
}

// StmtBase carries the fields every statement has.
type StmtBase struct {
	Span
	Label *StmtLabel
}

func (s *StmtBase) StmtLabel() *StmtLabel { return s.Label }

// Assign is `x := e || y[i].f := e2`.
type Assign struct {
	StmtBase
	Parts []*AssignPart
}

// AssignPart is one `lhs := rhs`.
type AssignPart struct {
	Span
	Var  *Ident
	Path []*PathStep // [i], .f after the variable
	Rhs  Expr
}

// PIf is `if c then ... elsif ... else ... end if` / `if (c) s else s`.
// An `elsif` becomes a PIf alone in the Else block.
type PIf struct {
	StmtBase
	Cond Expr
	Then *Block
	Else *Block // nil when absent
}

// While is `while c do ... end while` / `while (c) s`.
type While struct {
	StmtBase
	Cond Expr
	Body *Block
}

// Either is `either ... or ... end either`.
type Either struct {
	StmtBase
	Branches []*Block
}

// With is `with x = e, y \in S do ... end with`.
type With struct {
	StmtBase
	Binds []*PVarDecl
	Body  *Block
}

// Await is `await c` or `when c`.
type Await struct {
	StmtBase
	Cond Expr
}

// Print is `print e`.
type Print struct {
	StmtBase
	Expr Expr
}

// Assert is `assert e`.
type Assert struct {
	StmtBase
	Expr Expr
}

// Skip is `skip`.
type Skip struct{ StmtBase }

// Return is `return`.
type Return struct{ StmtBase }

// Goto is `goto L`.
type Goto struct {
	StmtBase
	Target *Ident
}

// Call is `call P(a, b)`.
type Call struct {
	StmtBase
	Proc *Ident
	Args []Expr
}

// MacroCall is `M(a, b)`.
type MacroCall struct {
	StmtBase
	Name *Ident
	Args []Expr
}

// BlockStmt is a C-syntax `{ ... }` used as a statement.
type BlockStmt struct {
	StmtBase
	Block *Block
}

// BadStmt stands where a statement could not be parsed.
type BadStmt struct{ StmtBase }
