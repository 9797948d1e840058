------------------------------ MODULE _Possible -----------------------------
\* Support for the model configuration's _POSSIBLE section: each name listed
\* there is a state or action predicate that some reachable state (or step)
\* should satisfy.  The model checker counts, for each name, the generated
\* states (steps) that satisfy it and, after a complete search, reports a
\* name never satisfied as a false postcondition.  A specification EXTENDS
\* this module to read the counts itself, e.g. in a POSTCONDITION.
\*
\* The model checker implements these operators natively; the bodies below
\* state the values they equal.  The counts live in TLC's named register
\* "s:_possible", one function from names to counts per worker.

LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences

\* _Track(expr, name) equals TRUE; as a side effect it counts one more
\* evaluation of the predicate called name (a string) and, when expr is
\* TRUE, one more satisfying state or step.  The configuration's
\* _POSSIBLE P adds _Track(P, "P") to the constraints (or to the action
\* constraints when P is an action).
\*
\* Example: CONSTRAINT _Track(x = 2, "AtTwo") counts the states with x = 2.
_Track(expr, name) == TRUE

\* _Counts is the function from each tracked name to the number of
\* generated states (steps) that satisfied it, summed over the workers.  A
\* name tracked but never satisfied maps to 0; a name never evaluated (an
\* action when no step was generated) is not in its domain.
\*
\* Example: POSTCONDITION _Counts["AtTwo"] > 3.
_Counts == CHOOSE counts \in [STRING -> Nat] : TRUE

\* _CheckName(name) is FALSE, after printing _Counts, when the predicate
\* called name was never satisfied (or never evaluated), and TRUE otherwise.
\* It is the postcondition the configuration's _POSSIBLE P stands for.
\*
\* Example: POSTCONDITION _CheckName("AtTwo").
_CheckName(name) == name \in DOMAIN _Counts /\ _Counts[name] # 0

\* _PrintCounts equals TRUE and prints _Counts.
\*
\* Example: POSTCONDITION _PrintCounts.
_PrintCounts == TRUE
=============================================================================
