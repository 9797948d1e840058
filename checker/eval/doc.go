// Package eval compiles a TLA+ module (the typed AST of parser/ast) into Go
// closures and evaluates them as TLC does.
//
// Compilation. NewProgram builds one environment per module instantiation:
// EXTENDS merges definitions, INSTANCE (named, unnamed, parameterized)
// builds an environment whose CONSTANTS and VARIABLES are substitutions
// evaluated in the instantiating module. Names are resolved once, at
// compile time: bound variables and parameters become slots of a frame
// (frames link to their defining frame for LET operators and LAMBDA), state
// variables become indices into the state. The hot path does no lookups by
// name. Zero-argument definitions whose level is constant are evaluated
// once and cached. The standard modules (Naturals, Integers, Sequences,
// FiniteSets, TLC, Bags) are built in and known by the module that defines
// them: an operator is native only when that module is extended or
// instantiated. Other modules (CommunityModules, the spec's own) are
// evaluated from their TLA+ text. Configuration assignments override
// definitions and substitutions (Op <- Def) replace an operator wherever it
// is the root module's definition, as TLC does.
//
// Actions. The initial predicate and the next-state relation are compiled
// into enumerators (type act) following TLC's Tool.getInitStates and
// getNextStates: conjuncts in order, `x' = e` assigns an unassigned x' and
// tests an assigned one, `x' \in S` branches, \E and \/ branch (also inside
// guards, which is why TLC counts duplicate successors), IF/CASE/LET are
// followed, user-defined operators are inlined (actions passed as operator
// arguments too), the application of a lazy (recursive) function is
// inlined, and `A => B` enumerates B when A holds. SplitNext splits Next
// into TLC's actions: disjuncts and constant \E, unfolded through operator
// definitions, named like TLC (`Receive(w1)`) with the range of their
// expression. As TLC's getVar, a name assigns when it stands for a variable
// (a parameter, zero-arity or LET definition whose expression is x or x');
// once every variable has a value the remaining conjuncts are evaluated, not
// enumerated. e' is e evaluated in the next state as assigned so far;
// arguments are passed unevaluated (lazy cells, or inlined) to an operator
// that uses the next state, so F(v) == v' makes F(x) mean x'.
//
// Values. This package holds the checker's one value representation
// (value.go): canonical finite sets and functions (tuples, sequences and
// records are functions), lazy sets (intervals, SUBSET, [S -> T], record
// sets, \X, Seq(S), Nat, Int, STRING, set filters, differences), TLC's
// order (strings and model values by first appearance, scoped to a run, see
// intern.go), 64-bit fingerprints and TLC's printing (print.go). It
// replaced a separate package checker/value: benchmarks
// (value_bench_test.go) showed this one as fast or faster once it took that
// package's fingerprint hash and linear set union, and it needs no
// conversion at the evaluator's boundary.
//
// Errors. Evaluation errors are raised as panics of *Error inside the
// evaluator (cheap in the hot path) and turned into errors at every
// exported entry point (Catch). Each carries the smallest source range
// responsible: the CHOOSE, the function application, the CASE, the Assert.
package eval
