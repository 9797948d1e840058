// Package analysis is tlals's semantic analysis of TLA+ modules and their
// PlusCal algorithms, modelled on go/types: it never mutates the AST, it
// fills side tables keyed by AST nodes, and it collects every problem.
//
// # Loading
//
// A Loader (NewLoader) resolves a module name, imported from a file F, by
// looking in order at: the modules nested in F's file; F's directory; the
// Loader's SearchPath (then $TLA_PATH, colon-separated); the standard
// modules of package stdlib. Each candidate path is read from the Overlay
// (open editor documents) before the disk. Each text is parsed once per
// Loader (cache keyed by path and content hash). Load follows EXTENDS and
// INSTANCE recursively, analysing dependencies first, and reports cycles
// ("cycle", on the EXTENDS/INSTANCE name that closes it) and missing
// modules ("unknown-module", saying where it looked).
//
//	prog := analysis.NewLoader(dirs...).Load(ctx, path, src)
//	prog.Root, prog.Modules["Naturals"], prog.Diagnostics()
//
// # Results
//
// Each Module has Info: Defs (declaring identifier -> Entity), Uses
// (referencing identifier: OpApp.Name, PrefixPart.Name, Subst.Name, PlusCal
// assignment targets, goto labels, call and macro names -> Entity), Ops
// (Infix/Prefix/Postfix nodes whose operator is user-defined, such as `+`
// from Naturals -> Entity), Implicit (per INSTANCE, what replaces each
// CONSTANT and VARIABLE its WITH leaves out) and, when Loader.RecordLevels
// is set, Levels (every expression -> Level, computed with the enclosing
// definition's parameters taken as constant; the level checks run either
// way). Record
// field names and proof step names are not resolved. Module.Scope holds
// the names visible at module level (Scope.Lookup, Scope.Names).
//
// Diagnostics carry a stable Code: "syntax" (parser errors), "undefined",
// "arity", "redefinition" (an error, or a warning for a second definition
// of the same kind and arity, as in SANY), "recursion" (a use before the
// definition is complete without RECURSIVE), "cycle", "unknown-module",
// "instance" (substitutions), "level", "pluscal".
//
// # Scoping rules (those of SANY)
//
// Module-level names are visible after their definition; bound variables,
// parameters and LET definitions may not reuse a visible name. The sets of
// a quantifier's bounds see none of its bound names. A function definition
// is visible in its own body; an operator only through RECURSIVE. INSTANCE
// substitutes every CONSTANT and VARIABLE of the instantiated module: the
// WITH list first, then the same name in the instantiating context. M!Op
// sees only non-LOCAL definitions. Proofs: NEW names live in the theorem's
// proof (or a step's), PICK/TAKE/SUFFICES/DEFINE names in the rest of the
// enclosing proof; a theorem's name is visible in its own proof.
// PlusCal expressions are resolved in the scope the translation creates
// (module definitions before the translation markers, then the algorithm
// variables, pc, stack, ProcSet, the define block, then process or
// procedure variables and self), so the translation's own VARIABLES never
// clash with the algorithm.
//
// # Levels
//
// Levels follow SANY's LevelNode, simplified: per definition, the level of
// its body with constant parameters, which parameters the result level
// follows, and the highest level each argument may have. Errors: prime or
// UNCHANGED of an action or temporal expression, ENABLED of a temporal
// formula, [] / <> of an action not of the form [A]_v / <<A>>_v,
// subscripts of [A]_v, <<A>>_v, WF_v, SF_v above state level, an action in
// ~> or -+->, a boolean operator mixing action and temporal arguments, a
// non-constant ASSUME, an argument above a parameter's allowed level, an
// action-level bound of a quantified temporal formula.
//
// # Marker tests
//
// testdata/*.txtar archives hold .tla files (the first is the root; lib/
// is on the search path). A line comment `\*` followed by markers states
// facts about its line:
//
//	@diag("text", re"regexp")   an error at the first occurrence of text on the line
//	@warn("text", re"regexp")   the same for a warning
//	"text"#N                    the N-th occurrence instead of the first
//	@decl(id, "text")           the identifier at text declares something, named id
//	@use("text", id)            the identifier at text resolves to declaration id
//	@level("text", state)       the expression spanning text has that level
//
// Marker strings are literal except for \" (TLA+ backslashes need no
// escaping). Reported diagnostics and @diag/@warn markers must match 1:1.
package analysis
