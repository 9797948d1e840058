---- MODULE Shapes_TTrace_1796649416 ----
EXTENDS Sequences, TLCExt, Toolbox, Naturals, TLC, Shapes

_expression ==
    LET Shapes_TEExpression == INSTANCE Shapes_TEExpression
    IN Shapes_TEExpression!expression
----

_trace ==
    LET Shapes_TETrace == INSTANCE Shapes_TETrace
    IN Shapes_TETrace!trace
----

_prop ==
    ~<>[](
        m = (0)
        /\
        n = (2)
    )
----

_init ==
    /\ m = _TETrace[1].m
    /\ n = _TETrace[1].n
----

_next ==
    /\ \E i,j \in DOMAIN _TETrace:
        /\ \/ /\ j = i + 1
              /\ i = TLCGet("level")
        /\ m  = _TETrace[i].m
        /\ m' = _TETrace[j].m
        /\ n  = _TETrace[i].n
        /\ n' = _TETrace[j].n

\* Uncomment the ASSUME below to write the states of the error trace
\* to the given file in Json format. Note that you can pass any tuple
\* to `JsonSerialize`. For example, a sub-sequence of _TETrace.
    \* ASSUME
    \*     LET J == INSTANCE Json
    \*         IN J!JsonSerialize("Shapes_TTrace_1796649416.json", _TETrace)

=============================================================================

 Note that you can extract this module `Shapes_TEExpression`
  to a dedicated file to reuse `expression` (the module in the 
  dedicated `Shapes_TEExpression.tla` file takes precedence 
  over the module `Shapes_TEExpression` below).

---- MODULE Shapes_TEExpression ----
EXTENDS Sequences, TLCExt, Toolbox, Naturals, TLC, Shapes

expression == 
    [
        \* To hide variables of the `Shapes` spec from the error trace,
        \* remove the variables below.  The trace will be written in the order
        \* of the fields of this record.
        m |-> m
        ,n |-> n
        
        \* Put additional constant-, state-, and action-level expressions here:
        \* ,_stateNumber |-> _TEPosition
        \* ,_mUnchanged |-> m = m'
        
        \* Format the `m` variable as Json value.
        \* ,_mJson |->
        \*     LET J == INSTANCE Json
        \*     IN J!ToJson(m)
        
        \* Lastly, you may build expressions over arbitrary sets of states by
        \* leveraging the _TETrace operator.  For example, this is how to
        \* count the number of times a spec variable changed up to the current
        \* state in the trace.
        \* ,_mModCount |->
        \*     LET F[s \in DOMAIN _TETrace] ==
        \*         IF s = 1 THEN 0
        \*         ELSE IF _TETrace[s].m # _TETrace[s-1].m
        \*             THEN 1 + F[s-1] ELSE F[s-1]
        \*     IN F[_TEPosition - 1]
    ]

=============================================================================



Parsing and semantic processing can take forever if the trace below is long.
 In this case, it is advised to uncomment the module below to deserialize the
 trace from a generated binary file.

\*
\*---- MODULE Shapes_TETrace ----
\*EXTENDS IOUtils, TLC, Shapes
\*
\*trace == IODeserialize("Shapes_TTrace_1796649416.bin", TRUE)
\*
\*=============================================================================
\*

---- MODULE Shapes_TETrace ----
EXTENDS TLC, Shapes

trace == 
    <<
    ([m |-> 0,n |-> 0]),
    ([m |-> 0,n |-> 1]),
    ([m |-> 0,n |-> 2])
    >>
----


=============================================================================

---- CONFIG Shapes_TTrace_1796649416 ----

PROPERTY
    _prop

CHECK_DEADLOCK
    \* CHECK_DEADLOCK off because of PROPERTY or INVARIANT above.
    FALSE

INIT
    _init

NEXT
    _next

CONSTANT
    _TETrace <- _trace

ALIAS
    _expression
=============================================================================
\* Generated on Mon Dec 07 13:16:57 UTC 2026