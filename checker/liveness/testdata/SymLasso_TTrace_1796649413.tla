---- MODULE SymLasso_TTrace_1796649413 ----
EXTENDS Sequences, TLCExt, SymLasso, Toolbox, Naturals, TLC, SymLasso_TEConstants

_expression ==
    LET SymLasso_TEExpression == INSTANCE SymLasso_TEExpression
    IN SymLasso_TEExpression!expression
----

_trace ==
    LET SymLasso_TETrace == INSTANCE SymLasso_TETrace
    IN SymLasso_TETrace!trace
----

_prop ==
    ~(([]<>(
            x = (p)
            /\
            n = (2)
    ))/\([]<>(
            x = (p)
            /\
            n = (0)
    )))
----

_init ==
    /\ n = _TETrace[1].n
    /\ x = _TETrace[1].x
----

_next ==
    /\ \E i,j \in DOMAIN _TETrace:
        /\ \/ /\ j = i + 1
              /\ i = TLCGet("level")
           \/ /\ i = _TTraceLassoEnd
              /\ j = _TTraceLassoStart
        /\ n  = _TETrace[i].n
        /\ n' = _TETrace[j].n
        /\ x  = _TETrace[i].x
        /\ x' = _TETrace[j].x

\* Uncomment the ASSUME below to write the states of the error trace
\* to the given file in Json format. Note that you can pass any tuple
\* to `JsonSerialize`. For example, a sub-sequence of _TETrace.
    \* ASSUME
    \*     LET J == INSTANCE Json
    \*         IN J!JsonSerialize("SymLasso_TTrace_1796649413.json", _TETrace)


_view ==
    <<n, x, IF TLCGet("level") = _TTraceLassoEnd + 1 THEN _TTraceLassoStart ELSE TLCGet("level")>>
=============================================================================

 Note that you can extract this module `SymLasso_TEExpression`
  to a dedicated file to reuse `expression` (the module in the 
  dedicated `SymLasso_TEExpression.tla` file takes precedence 
  over the module `SymLasso_TEExpression` below).

---- MODULE SymLasso_TEExpression ----
EXTENDS Sequences, TLCExt, SymLasso, Toolbox, Naturals, TLC, SymLasso_TEConstants

expression == 
    [
        \* To hide variables of the `SymLasso` spec from the error trace,
        \* remove the variables below.  The trace will be written in the order
        \* of the fields of this record.
        n |-> n
        ,x |-> x
        
        \* Put additional constant-, state-, and action-level expressions here:
        \* ,_stateNumber |-> _TEPosition
        \* ,_nUnchanged |-> n = n'
        
        \* Format the `n` variable as Json value.
        \* ,_nJson |->
        \*     LET J == INSTANCE Json
        \*     IN J!ToJson(n)
        
        \* Lastly, you may build expressions over arbitrary sets of states by
        \* leveraging the _TETrace operator.  For example, this is how to
        \* count the number of times a spec variable changed up to the current
        \* state in the trace.
        \* ,_nModCount |->
        \*     LET F[s \in DOMAIN _TETrace] ==
        \*         IF s = 1 THEN 0
        \*         ELSE IF _TETrace[s].n # _TETrace[s-1].n
        \*             THEN 1 + F[s-1] ELSE F[s-1]
        \*     IN F[_TEPosition - 1]
    ]

=============================================================================



Parsing and semantic processing can take forever if the trace below is long.
 In this case, it is advised to uncomment the module below to deserialize the
 trace from a generated binary file.

\*
\*---- MODULE SymLasso_TETrace ----
\*EXTENDS IOUtils, SymLasso, TLC, SymLasso_TEConstants
\*
\*trace == IODeserialize("SymLasso_TTrace_1796649413.bin", TRUE)
\*
\*=============================================================================
\*

---- MODULE SymLasso_TETrace ----
EXTENDS SymLasso, TLC, SymLasso_TEConstants

trace == 
    <<
    ([x |-> p,n |-> 0]),
    ([x |-> p,n |-> 1]),
    ([x |-> p,n |-> 2])
    >>
----


=============================================================================

---- MODULE SymLasso_TEConstants ----
EXTENDS SymLasso

CONSTANTS _TTraceLassoStart, _TTraceLassoEnd

=============================================================================

---- CONFIG SymLasso_TTrace_1796649413 ----
CONSTANTS
    p = p
    q = q
    q = q
    p = p
_TTraceLassoStart = 1
_TTraceLassoEnd = 3

PROPERTY
    _prop

CHECK_DEADLOCK
    \* CHECK_DEADLOCK off because of PROPERTY or INVARIANT above.
    FALSE

INIT
    _init

NEXT
    _next

VIEW
    _view

CONSTANT
    _TETrace <- _trace

ALIAS
    _expression
=============================================================================
\* Generated on Mon Dec 07 13:16:54 UTC 2026