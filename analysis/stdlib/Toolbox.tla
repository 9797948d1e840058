------------------------------ MODULE Toolbox ------------------------------
\* Names that trace-exploration tools bind while a counterexample is being
\* examined: the trace itself and the position of the state being looked
\* at.  Specs such as the community module ShiViz instantiate this module
\* to compute per-state facts (e.g. which process moved) for a trace view.
\* Outside trace exploration these definitions have no useful value: a
\* model checker that does not bind them reports an error when they are
\* evaluated.

LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences

\* _TETrace is the counterexample being explored: a sequence whose i-th
\* element is the i-th state, as a record from variable names to values.
\* Example: _TETrace[2].x is the value of x in the second state.
\* Tools bind it natively; the body only states its type.
_TETrace == CHOOSE t \in Seq([STRING -> STRING]) : TRUE

\* _TEPosition is the index in _TETrace of the state being evaluated,
\* from 1 to Len(_TETrace).  Example: _TETrace[_TEPosition] is the current
\* state.  Tools bind it natively; the body only states its type.
_TEPosition == CHOOSE i \in Nat : i \in 1..Len(_TETrace)
=============================================================================
