---------------------------- MODULE Randomization ---------------------------
\* Operators that pick pseudo-random subsets of a set.  They are meant for
\* checking inductive invariants with TLC, where the initial predicate
\* picks a random sample of a huge set of states, e.g.
\* Init == x \in RandomSubset(1000, TypeOK_states), but they have other
\* uses.
\*
\* In breadth-first model checking, the choices TLC makes while computing
\* the successors of a state are determined by that state, so successive
\* runs make the same choices and error traces can be replayed.  In
\* simulation mode the choices are independent of the state.
\*
\* Logically each operator equals some fixed, unspecified set with the
\* stated property; TLC implements them natively, except
\* TestRandomSetOfSubsets and RandomSubsetSetSize, which it evaluates from
\* their definitions.

\* Naturals and FiniteSets are used by the definitions below but not
\* exported.
LOCAL INSTANCE Naturals
LOCAL INSTANCE FiniteSets

\* RandomSubset(k, S) is a pseudo-randomly chosen subset of the finite set S
\* with exactly k elements.
\*
\* Example: RandomSubset(2, {"a", "b", "c"}) might be {"a", "c"}.
\* TLC: k must be a natural number no larger than Cardinality(S), and S
\* must be finite, otherwise it reports an error.  S may be a huge set such
\* as [Procs -> States] that TLC never enumerates.
RandomSubset(k, S) == CHOOSE T \in SUBSET S : Cardinality(T) = k

\* RandomSetOfSubsets(k, n, S) is a pseudo-randomly chosen set of subsets
\* of the finite set S.  TLC makes k picks; in each pick every element of S
\* is put in the subset with probability n / Cardinality(S), so a subset
\* has n elements on average.  Picks may repeat, so the result has at most
\* k elements (see TestRandomSetOfSubsets).
\*
\* Example: RandomSetOfSubsets(3, 1, 1..10) might be {{2}, {}, {4, 7}}.
\* TLC: k must be a natural number and n must lie in 0..Cardinality(S).
RandomSetOfSubsets(k, n, S) ==
    CHOOSE T \in SUBSET SUBSET S : Cardinality(T) \leq k

\* TestRandomSetOfSubsets(k, n, S) is a sequence of five numbers: the sizes
\* of five results of RandomSetOfSubsets(k, n, S).  Evaluate it (e.g. in
\* an ASSUME with PrintT) to see how close to k the size of the set of
\* subsets comes for given k, n and S, and adjust k.
\*
\* Example: PrintT(TestRandomSetOfSubsets(100, 3, 1..10)).
TestRandomSetOfSubsets(k, n, S) ==
    [i \in 1 .. 5 |-> Cardinality(RandomSetOfSubsets(k, n, S))]

\* RandomSubsetSet(k, p, S) is like RandomSetOfSubsets, but the probability
\* is given directly: k picks, each putting every element of S in the subset
\* with probability p, written as a string literal such as "0.25".
\*
\* Example: RandomSubsetSet(5, "0.5", 1..4).
\* TLC: deprecated in TLC and may be removed; prefer RandomSetOfSubsets.
RandomSubsetSet(k, p, S) ==
    CHOOSE T \in SUBSET SUBSET S : Cardinality(T) \leq k

\* RandomSubsetSetSize(k, p, S) is a sequence of the sizes of five results
\* of RandomSubsetSet(k, p, S), the analog of TestRandomSetOfSubsets.
\*
\* Example: PrintT(RandomSubsetSetSize(100, "0.3", 1..10)).
\* TLC: deprecated in TLC and may be removed.
RandomSubsetSetSize(k, p, S) ==
    [i \in 1 .. 5 |-> Cardinality(RandomSubsetSet(k, p, S))]
=============================================================================
