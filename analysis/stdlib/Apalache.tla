------------------------------ MODULE Apalache ------------------------------
\* Operators of the Apalache symbolic model checker that specs use to give
\* it hints (typed assignments, bounded generators, folds).  Each has a
\* plain TLA+ meaning, given here, so that the same spec can also be
\* checked with an explicit-state checker such as TLC or tlals.

LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences
LOCAL INSTANCE FiniteSets

RECURSIVE Repeat(_, _, _), ApaFoldSet(_, _, _), ApaFoldSeqLeft(_, _, _)

\* x := e is an assignment hint: logically it is just x = e.
\* Example: x' := x + 1 is the same formula as x' = x + 1.
x := e == x = e

\* Gen(size) produces an unconstrained value of the expected type whose
\* collections have at most size elements.  Apalache only: an
\* explicit-state checker cannot enumerate it and reports an error.
Gen(size) == CHOOSE v : TRUE

\* Guess(S) is some element of the set S (unspecified which); with TLC it
\* behaves like CHOOSE x \in S : TRUE.  Example: Guess({1, 2}) \in {1, 2}.
Guess(S) == CHOOSE x \in S : TRUE

\* Skolem(e) marks an existential formula e for Skolemization by
\* Apalache; logically it is e itself.
Skolem(e) == e

\* Expand(S) asks Apalache to expand the set S (e.g. SUBSET T) explicitly;
\* logically it is S itself.
Expand(S) == S

\* ConstCardinality(e) tells Apalache that the cardinality in e is a
\* constant; logically it is e itself.
ConstCardinality(e) == e

\* MkSeq(N, F) is the sequence <<F(1), ..., F(N)>>.
\* Example: MkSeq(3, LAMBDA i : 2 * i) = <<2, 4, 6>>.
MkSeq(N, F(_)) == [i \in 1..N |-> F(i)]

\* FunAsSeq(fn, len, capacity) views the function fn with domain 1..len
\* as a sequence of that length; capacity bounds it for Apalache.
FunAsSeq(fn, len, capacity) == [i \in 1..len |-> fn[i]]

\* Repeat(F, N, x) applies F(_, i) N times: F(...F(F(x, 1), 2)..., N).
\* Example: Repeat(LAMBDA y, i : y + i, 3, 0) = 6.
Repeat(F(_, _), N, x) == IF N = 0 THEN x ELSE F(Repeat(F, N - 1, x), N)

\* SetAsFun(S) turns a set of pairs <<k, v>> (no key twice) into the
\* function mapping each k to its v.  Example: SetAsFun({<<1, "a">>}) = 1 :> "a".
SetAsFun(S) == [k \in {p[1] : p \in S} |-> CHOOSE v \in {p[2] : p \in S} : <<k, v>> \in S]

\* ApaFoldSet(Op, v, S) combines v with every element of the finite set S
\* using Op, in an unspecified order: Op(...Op(Op(v, e1), e2)..., en).
\* Example: ApaFoldSet(LAMBDA a, b : a + b, 0, {1, 2, 3}) = 6.
ApaFoldSet(Op(_, _), v, S) ==
    IF S = {} THEN v
    ELSE LET e == CHOOSE x \in S : TRUE
         IN ApaFoldSet(Op, Op(v, e), S \ {e})

\* ApaFoldSeqLeft(Op, v, seq) combines v with the elements of seq from the
\* left: Op(...Op(Op(v, seq[1]), seq[2])..., seq[Len(seq)]).
\* Example: ApaFoldSeqLeft(LAMBDA a, b : a - b, 10, <<1, 2>>) = 7.
ApaFoldSeqLeft(Op(_, _), v, seq) ==
    IF seq = <<>> THEN v ELSE ApaFoldSeqLeft(Op, Op(v, Head(seq)), Tail(seq))
=============================================================================
