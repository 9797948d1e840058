----------------------------- MODULE FiniteSets -----------------------------
\* Finiteness and the number of elements of a set.
\*
\* TLC implements both operators natively.

\* Naturals and Sequences are used by the definitions below but not
\* exported: a module that extends FiniteSets must still extend Naturals to
\* compare a Cardinality with a number.
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences

\* IsFiniteSet(S) is TRUE iff S is a finite set, that is, iff some finite
\* sequence lists every element of S.
\*
\* Example: IsFiniteSet({1, 2, 3}) and IsFiniteSet({}) are TRUE,
\*          IsFiniteSet(Nat) is FALSE.
\* TLC: it can decide this for the sets it can represent; it reports an
\* error if S is not a set.
IsFiniteSet(S) ==
    \E s \in Seq(S) : \A x \in S : \E i \in 1 .. Len(s) : s[i] = x

\* Cardinality(S) is the number of elements of the finite set S: the n
\* such that the elements of S can be numbered 1..n without repetition.
\* It is unspecified for an infinite set.
\*
\* Example: Cardinality({"a", "b"}) = 2, Cardinality({}) = 0,
\*          Cardinality({1, 1, 2}) = 2.
\* TLC: S must be finite and enumerable; Cardinality(Nat) is an error.
Cardinality(S) ==
    CHOOSE n \in Nat :
        \E f \in [1 .. n -> S] :
            /\ \A x \in S : \E i \in 1 .. n : f[i] = x
            /\ \A i, j \in 1 .. n : f[i] = f[j] => i = j
=============================================================================
