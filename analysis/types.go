package analysis

import (
	"fmt"
	"sort"
	"sync"

	"github.com/tlals/tlals/parser/ast"
	"github.com/tlals/tlals/parser/source"
)

// Level is the TLA+ level of an expression, as SANY computes it.
type Level int

const (
	ConstantLevel Level = iota // no variables
	StateLevel                 // unprimed variables
	ActionLevel                // primed variables, UNCHANGED, [A]_v
	TemporalLevel              // [], <>, WF, ~>, \EE
)

func (l Level) String() string {
	switch l {
	case ConstantLevel:
		return "constant"
	case StateLevel:
		return "state"
	case ActionLevel:
		return "action"
	case TemporalLevel:
		return "temporal"
	}
	return fmt.Sprintf("Level(%d)", int(l))
}

// EntityKind says what a name denotes.
type EntityKind int

const (
	Constant     EntityKind = iota // CONSTANT c, CONSTANT F(_)
	Variable                       // VARIABLE x
	Operator                       // Op(p) == e, also RECURSIVE-declared ones
	Function                       // f[x \in S] == e
	BoundVar                       // \A x, CHOOSE x, {x \in S : ..}, [x \in S |-> ..], LAMBDA x, PICK/TAKE x
	Param                          // an operator parameter p or F(_)
	ModuleInst                     // I == INSTANCE M, I(x) == INSTANCE M
	Builtin                        // BOOLEAN, STRING, built-in operator symbols
	Theorem                        // THEOREM Name == ...
	Assumption                     // ASSUME Name == ...
	ProofDecl                      // NEW x in ASSUME ... PROVE
	PlusCalVar                     // algorithm, procedure and process variables, pc, stack
	PlusCalSelf                    // self inside a process or procedure
	PlusCalLabel                   // a statement label
	PlusCalProc                    // procedure P(...)
	PlusCalMacro                   // macro M(...)
)

var kindNames = [...]string{"constant", "variable", "operator", "function", "bound variable", "parameter",
	"module instance", "built-in", "theorem", "assumption", "proof declaration", "PlusCal variable",
	"self", "label", "procedure", "macro"}

func (k EntityKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("EntityKind(%d)", int(k))
}

// Entity is a named thing: what a declaring identifier declares and what a
// referencing identifier refers to.
type Entity struct {
	Name   string
	Kind   EntityKind
	Module *Module    // where declared; nil for built-ins
	Ident  *ast.Ident // the declaring identifier; nil for built-ins and implicit PlusCal names (pc, stack, self)
	Decl   ast.Node   // the declaring node (*ast.OpDef, *ast.VarDecl, *ast.Bound, ...)
	Arity  int        // number of arguments it takes (0 for values)
	Fixity ast.Fixity
	Local  bool  // LOCAL definition or imported through LOCAL INSTANCE
	Level  Level // for definitions: the level of the body when every parameter is constant
	Doc    string
	// Target is the instantiated module of a ModuleInst.
	Target *Module

	params []paramInfo // one per parameter
	// argMax, for a parameter being resolved, is the highest level its
	// arguments may have, as its uses in the body require (argMaxSet).
	argMax    Level
	argMaxSet bool
	// nonLeibniz, for a parameter being resolved, is set when the body
	// primes it, applies ENABLED to it, or passes it on at a non-Leibniz
	// position: equal arguments may then give unequal results.
	nonLeibniz bool
	freeDeps   []*Entity
	// levelByVars: Level is StateLevel only through the VARIABLEs among
	// freeDeps (lv.byVars).
	levelByVars bool
	inst        *instance  // substitutions of a ModuleInst
	self        [1]*Entity // {e}, set at creation: the backing array of e's level dependencies (lv never appends in place)
	levelDone   bool
}

// asDeps is the dependency list {e}.
func (e *Entity) asDeps() []*Entity {
	if e.self[0] == e {
		return e.self[:]
	}
	return []*Entity{e}
}

// ParamDependsLevel reports whether the level of an application follows the
// level of argument i (SANY's levelParams, simplified).
func (e *Entity) ParamDependsLevel(i int) bool { return i < len(e.params) && e.params[i].dependsLevel }

// ParamArity is the arity expected of argument i (0 for an ordinary value).
func (e *Entity) ParamArity(i int) int {
	if i < len(e.params) {
		return e.params[i].arity
	}
	return 0
}

// paramInfo is what an application needs to know of one parameter: the
// arity its argument must have (> 0 for an operator parameter), and, once
// the body is analysed, whether the result's level follows the argument's
// and the highest level the argument may have.
type paramInfo struct {
	arity        int
	dependsLevel bool
	maxLevel     Level
	nonLeibniz   bool // see Entity.nonLeibniz
	// argMin, for an operator parameter, is per argument the level the
	// body applies it to, which the operator passed must permit (SANY's
	// ArgLevelConstraints); nil when all are constant.
	argMin []Level
}

// newParams describes n parameters of arity 0 whose arguments may have
// any level.
func newParams(n int) []paramInfo {
	if n == 0 {
		return nil
	}
	ps := make([]paramInfo, n)
	for i := range ps {
		ps[i].maxLevel = TemporalLevel
	}
	return ps
}

// Info holds what analysis learned about one module, keyed by AST node.
type Info struct {
	Defs map[*ast.Ident]*Entity // declaring identifier -> entity
	Uses map[*ast.Ident]*Entity // referencing identifier (OpApp.Name, PrefixPart.Name, Subst.Name, PlusCal targets) -> entity
	Ops  map[ast.Expr]*Entity   // Infix/PrefixExpr/PostfixExpr whose operator is user-defined (+, \o, ...) -> its definition
	// Implicit holds, per INSTANCE, its implicit substitutions: each
	// CONSTANT or VARIABLE of the instantiated module that WITH leaves out
	// -> the entity of that name visible at the INSTANCE, which replaces it.
	Implicit map[*ast.Instance]map[*Entity]*Entity

	// levels records the level of each resolved expression as resolution
	// finds it (an expression may be recorded again; the last record
	// counts). Appending costs a fraction of a map insertion, and the
	// table is read rarely, so Levels builds the map on first use. The
	// records are kept in chunks of bounded size, which are never copied
	// to grow.
	levels       [][]exprLevel
	recordLevels bool // see Loader.RecordLevels
	levelsOnce   sync.Once
	levelsMap    map[ast.Expr]Level
	depsMap      map[ast.Expr]ExprLevel
}

type exprLevel struct {
	e ast.Expr
	l lv
}

// ExprLevel is the level of an expression with what it depends on.
type ExprLevel struct {
	Level Level // with parameters and module CONSTANTs constant
	// Deps are the parameters and module CONSTANTs whose actual level
	// (an argument, an INSTANCE's or a model's substitution) raises
	// Level, and, when ByVariables, the module VARIABLEs.
	Deps []*Entity
	// ByVariables: Level is StateLevel only through the VARIABLEs among
	// Deps; an INSTANCE substituting them by constants makes it constant.
	ByVariables bool
}

func newInfo() *Info {
	return &Info{
		Defs: map[*ast.Ident]*Entity{},
		Uses: map[*ast.Ident]*Entity{},
		Ops:  map[ast.Expr]*Entity{},
	}
}

// Levels maps every resolved expression to its level (parameters counted
// as constant); empty unless the Loader's RecordLevels was set. The map
// is shared: do not modify it.
func (i *Info) Levels() map[ast.Expr]Level {
	i.levelsOnce.Do(func() {
		n := 0
		for _, c := range i.levels {
			n += len(c)
		}
		i.levelsMap = make(map[ast.Expr]Level, n)
		i.depsMap = map[ast.Expr]ExprLevel{}
		for _, c := range i.levels {
			for _, r := range c {
				i.levelsMap[r.e] = r.l.L
				if len(r.l.deps) > 0 {
					i.depsMap[r.e] = ExprLevel{r.l.L, r.l.deps, r.l.byVars}
				} else {
					delete(i.depsMap, r.e)
				}
			}
		}
	})
	return i.levelsMap
}

// RecordsLevels reports whether the analysis recorded the level of every
// expression (Loader.RecordLevels).
func (i *Info) RecordsLevels() bool { return i.recordLevels }

// LevelOf is the level of e as Levels has it with what it depends on (ok
// false when e was not recorded).
func (i *Info) LevelOf(e ast.Expr) (ExprLevel, bool) {
	l, ok := i.Levels()[e]
	if !ok {
		return ExprLevel{}, false
	}
	if d, ok := i.depsMap[e]; ok {
		return d, true
	}
	return ExprLevel{Level: l}, true
}

// DefLevel is the level of definition e with what it depends on: its
// Level and the module CONSTANTs (and, when recording levels, VARIABLEs)
// free in its body.
func (e *Entity) DefLevel() ExprLevel {
	return ExprLevel{Level: e.Level, Deps: e.freeDeps, ByVariables: e.levelByVars}
}

// setLevel records the level of e.
func (i *Info) setLevel(e ast.Expr, l lv) {
	if !i.recordLevels {
		return
	}
	n := len(i.levels)
	if n == 0 || len(i.levels[n-1]) == cap(i.levels[n-1]) {
		size := 64 << min(n, 4) // 64, 128, ... 1024: small modules stay small
		i.levels = append(i.levels, make([]exprLevel, 0, size))
		n++
	}
	i.levels[n-1] = append(i.levels[n-1], exprLevel{e, l})
}

// Severity of a diagnostic.
type Severity int

const (
	Error Severity = iota
	Warning
	Information
	// Hint is for editors only (lint and SANY have no such finding).
	Hint
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Hint:
		return "hint"
	}
	return "info"
}

// Related is another place that explains a diagnostic.
type Related struct {
	Path    string
	Span    source.Span
	Message string
}

// Diagnostic is one problem found in a file.
type Diagnostic struct {
	Path     string
	Span     source.Span
	Severity Severity
	// Code is stable: "syntax", "undefined", "arity", "redefinition",
	// "recursion", "cycle", "unknown-module", "instance", "level", "pluscal".
	Code    string
	Message string
	Related []Related
	// Unnecessary marks code that can go (editors fade it).
	Unnecessary bool
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d-%d: %s [%s]", d.Path, d.Span.Start, d.Span.End, d.Message, d.Code)
}

// Module is an analysed module: a file's top-level module or a nested one.
type Module struct {
	// records are the fields of its record and record-set constructors
	// (fieldNameClashes)
	records [][]*ast.Field
	Name    string
	Path    string       // file path ("" for an in-memory root without path); stdlib modules use stdlib.Path
	File    *source.File // the file's text and line index (shared by nested modules)
	AST     *ast.Module
	Parent  *Module // the enclosing module of a nested module
	// SyntaxErrors are the parse errors of the file (top-level module only).
	SyntaxErrors []Diagnostic
	Extends      []*Module
	Instances    []*Module
	// Scope holds the names visible at module level after the last unit,
	// including EXTENDS'd ones and LOCAL ones of this module.
	Scope       *Scope
	Info        *Info
	Diagnostics []Diagnostic // semantic diagnostics found in this module

	exports    map[string]*binding // what EXTENDS and INSTANCE of this module see (no LOCAL)
	declared   []*Entity           // CONSTANTs and VARIABLEs visible here that an INSTANCE must substitute
	fromStdlib bool
}

// Standard reports whether the module is one of the built-in standard
// modules (its Path is then stdlib.Path's, not a file).
func (m *Module) Standard() bool { return m.fromStdlib }

// Program is a root module with every module it reaches.
type Program struct {
	Root    *Module
	Modules map[string]*Module // by module name (nested modules included)
	// diags are problems that belong to no analysed module (e.g. an unreadable root).
	diags []Diagnostic
	order []*Module // in the order analysis finished them
}

// Diagnostics returns every diagnostic of the program: syntax errors and
// semantic ones of all modules, sorted by path and position.
func (p *Program) Diagnostics() []Diagnostic {
	var out []Diagnostic
	out = append(out, p.diags...)
	for _, m := range p.order {
		out = append(out, m.SyntaxErrors...)
		out = append(out, m.Diagnostics...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Span.Start < out[j].Span.Start
	})
	return out
}

// Files maps the path of every analysed module to its text, for rendering
// diagnostic positions.
func (p *Program) Files() map[string]*source.File {
	files := map[string]*source.File{}
	for _, m := range p.order {
		if m.File != nil {
			files[m.Path] = m.File
		}
	}
	return files
}

// ModuleList returns the modules in the order their analysis finished
// (dependencies before the modules using them, root last).
func (p *Program) ModuleList() []*Module { return p.order }

// plural renders "1 argument", "2 arguments".
func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
