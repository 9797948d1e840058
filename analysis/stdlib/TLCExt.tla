------------------------------- MODULE TLCExt -------------------------------
\* More operators for working with TLC: assertions for tests, access to the
\* current trace and to counterexamples, model values, and hooks into TLC's
\* evaluation.  Several of these are experimental in TLC and may change.
\*
\* TLC implements most of these operators natively; AssertEq, whose
\* printing is written out below, is evaluated from its definition.

\* TLC and Integers are used by the definitions below but not exported.
LOCAL INSTANCE TLC
LOCAL INSTANCE Integers

\* AssertEq(a, b) equals a = b.  When the values differ, TLC also prints
\* "Assertion failed" followed by the two values, which makes failing test
\* assumptions easy to diagnose.
\*
\* Example: ASSUME AssertEq(Len(<<1, 2>>), 2).
AssertEq(a, b) ==
    IF a = b THEN TRUE
    ELSE PrintT("Assertion failed") /\ PrintT(a) /\ PrintT(b) /\ FALSE

\* AssertError(err, exp) is TRUE iff evaluating the expression exp makes
\* TLC fail with exactly the error message err (a string literal), and
\* FALSE if exp evaluates without error or fails with another message.  It
\* is for testing that a spec reports the errors it should.
\*
\* Example: ASSUME AssertError(Msg, f[42]), where Msg is the complete text
\*          of the error TLC reports when 42 is not in DOMAIN f.
AssertError(err, exp) == CHOOSE b \in BOOLEAN : TRUE

\* TLCGetOrDefault(key, defaultVal) is TLCGet(key) if TLC's register key
\* has been set with TLCSet, and defaultVal otherwise.
\*
\* Example: TLCGetOrDefault("count", 0) + 1.
TLCGetOrDefault(key, defaultVal) ==
    CHOOSE v \in {TLCGet(key), defaultVal} : TRUE

\* TLCGetAndSet(key, Op, val, defaultVal) returns the current value old of
\* TLC's register key (defaultVal if it was never set) and sets the register
\* to Op(old, val), as one step.  Op is an operator of two arguments.
\*
\* Example: TLCGetAndSet("visits", +, 1, 0) counts evaluations and returns
\*          the count before this one.
TLCGetAndSet(key, Op(_, _), val, defaultVal) ==
    LET old == TLCGetOrDefault(key, defaultVal)
    IN  IF TLCSet(key, Op(old, val)) THEN old ELSE old

\* Trace is the behavior prefix that leads to the current state: the
\* sequence of states from an initial state to the current one, each state
\* a record mapping variable names to values.  It acts like a history
\* variable that the spec does not have to maintain.
\*
\* Example: the invariant Len(Trace) < 10 fails on the first state at
\*          depth 10.
\* TLC: rebuilding the trace is expensive; evaluating Trace in the
\* next-state relation, an invariant or a constraint slows model checking
\* a lot, so prefer an explicit history variable for such uses.  It does
\* not work together with RandomElement or the Randomization module.
Trace == CHOOSE prefix : TRUE

\* CounterExample is, inside a POSTCONDITION, the counterexample TLC found
\* as a graph: a record [state |-> States, action |-> Actions] where
\* States is a set of pairs <<i, s>> of a state's position i and the state
\* s (a record of the variables), and Actions is a set of triples
\* <<s, a, t>> of the step from state s to state t by the action a.  Both
\* sets are empty when TLC found no violation.
\*
\* Example: POSTCONDITION CounterExample.state = {} asserts that the run
\*          found no error.
CounterExample == CHOOSE graph : TRUE

\* ToTrace(CE) turns a counterexample CE of the form of CounterExample into
\* the sequence of its states, in order.
\*
\* Example: Len(ToTrace(CounterExample)) is the length of the error trace.
ToTrace(CE) ==
    [i \in {p[1] : p \in CE.state} |-> (CHOOSE p \in CE.state : p[1] = i)[2]]

\* TLCModelValue(str) is the model value whose name is the string str, the
\* same value a configuration file introduces by writing that name, as in
\* CONSTANT Procs = {p1, p2}.  A model value is unequal to every other
\* value.  A name of the form "T_name", with a single letter T, makes it a
\* model value of type T: TLC reports an error when asked whether it equals
\* a value other than an untyped model value or one of the same type.
\*
\* Example: Procs == {TLCModelValue("p_" \o ToString(i)) : i \in 1..32}.
\* TLC: use it only in definitions of constants; elsewhere (in the behavior
\* spec, invariants or properties) it may behave wrongly.
TLCModelValue(str) == CHOOSE mv : ToString(mv) = str

\* TLCDefer(expression) equals TRUE and postpones the evaluation of
\* expression: in simulation mode, until TLC has chosen the successor state
\* that extends the current behavior, and possibly forever.
\*
\* Example: TLCDefer(TLCSet(1, x')) records x' only for the states that are
\*          actually taken, not for every candidate successor.
TLCDefer(expression) == TRUE

\* TLCNoOp(val) equals val and does nothing else.  It exists to set a
\* breakpoint in TLC's own Java code while debugging TLC.
TLCNoOp(val) == val

\* PickSuccessor(exp) is TRUE when exp is TRUE.  When exp is FALSE and it
\* is used as an action constraint, TLC asks the user interactively whether
\* to take each successor state, so behaviors are chosen by hand.
\*
\* Example: ACTION_CONSTRAINT PickSuccessor(TLCGet("level") < 23) explores
\*          automatically up to depth 22, then asks.
\* TLC: it equals TRUE in constant- or state-level contexts and while the
\* successor state is not fully determined yet.
PickSuccessor(exp) == IF exp THEN TRUE ELSE CHOOSE answer \in BOOLEAN : TRUE

\* TLCCache(expression, closure) equals expression.  TLC evaluates
\* expression once for each distinct value of closure and then reuses the
\* result, so closure should hold every value expression depends on.
\*
\* Example: TLCCache(Reachable(graph), graph).
\* TLC: only implemented for state-level expressions; see TLCEval of the
\* TLC module for constant-level ones.
TLCCache(expression, closure) == expression

\* TLCFP(var) is the fingerprint TLC computes for the value of var: an
\* integer hash TLC uses to tell states and values apart.
\*
\* Example: TLCFP(<<1, 2>>) is some fixed integer.
\* TLC: currently the lower 32 bits of the 64-bit fingerprint.
TLCFP(var) == CHOOSE fp \in Int : TRUE

\* TLCEvalDefinition(definitionName) is the value of the definition whose
\* name is the string definitionName; TLC reports an error if there is no
\* such definition.
\*
\* Example: TLCEvalDefinition("Init").
TLCEvalDefinition(definitionName) == CHOOSE v : TRUE
=============================================================================
