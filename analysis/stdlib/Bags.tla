-------------------------------- MODULE Bags --------------------------------
\* Bags, also called multisets: collections that, unlike sets, may hold
\* several copies of the same element.
\*
\* A bag is a function from its elements to the number of copies of each,
\* a positive integer.  So ("a" :> 2) @@ ("b" :> 1), written with the
\* operators of the TLC module, is the bag holding two copies of "a" and one
\* of "b", and an element e is in bag B iff e \in DOMAIN B.  A bag may have
\* infinitely many different elements, but only finitely many copies of
\* each.
\*
\* TLC implements all operators here natively except SubBag, which it
\* evaluates from its definition.

\* As in the standard distribution, Bags extends TLC: a module extending
\* Bags also gets TLC's operators (Print, Assert, :>, @@, ...). Naturals is
\* used by the definitions below but not exported.
EXTENDS TLC
LOCAL INSTANCE Naturals

\* IsABag(B) is TRUE iff B is a bag: a function whose every value is a
\* positive integer.
\*
\* Example: IsABag([a |-> 1, b |-> 3]) is TRUE, IsABag([a |-> 0]) is FALSE.
IsABag(B) == B \in [DOMAIN B -> {n \in Nat : n > 0}]

\* BagToSet(B) is the set of the elements of the bag B, each counted once:
\* the elements with at least one copy in B.
\*
\* Example: BagToSet(SetToBag({1, 2}) (+) SetToBag({2})) = {1, 2}.
BagToSet(B) == DOMAIN B

\* SetToBag(S) is the bag holding exactly one copy of each element of the
\* set S.
\*
\* Example: SetToBag({"a", "b"}) = [e \in {"a", "b"} |-> 1].
SetToBag(S) == [e \in S |-> 1]

\* BagIn(e, B) is TRUE iff the bag B holds at least one copy of e; it is
\* the \in of bags.
\*
\* Example: BagIn(1, SetToBag({1, 2})) is TRUE, BagIn(3, EmptyBag) is FALSE.
BagIn(e, B) == e \in BagToSet(B)

\* EmptyBag is the bag with no elements, the bag analog of {}.
\*
\* Example: BagToSet(EmptyBag) = {}, BagCardinality(EmptyBag) = 0.
EmptyBag == SetToBag({})

\* CopiesIn(e, B) is the number of copies of e in the bag B; it is 0 when
\* e is not in B.
\*
\* Example: CopiesIn(2, SetToBag({2}) (+) SetToBag({2})) = 2,
\*          CopiesIn(7, EmptyBag) = 0.
CopiesIn(e, B) == IF BagIn(e, B) THEN B[e] ELSE 0

\* B1 (+) B2 (also written B1 \oplus B2) is the sum of the bags B1 and B2:
\* each element has as many copies as in B1 and B2 together.
\*
\* Example: SetToBag({1, 2}) (+) SetToBag({2}) holds one 1 and two 2s.
B1 (+) B2 ==
    [e \in BagToSet(B1) \cup BagToSet(B2) |-> CopiesIn(e, B1) + CopiesIn(e, B2)]

\* B1 (-) B2 (also written B1 \ominus B2) is the bag B1 with the elements
\* of B2 taken away: each copy of e in B2 removes one copy of e from B1, and
\* e is gone from the result when B2 has at least as many copies as B1.
\*
\* Example: (SetToBag({1, 2}) (+) SetToBag({2})) (-) SetToBag({2, 3})
\*          = SetToBag({1, 2}).
B1 (-) B2 ==
    [e \in {d \in BagToSet(B1) : CopiesIn(d, B1) > CopiesIn(d, B2)} |->
        CopiesIn(e, B1) - CopiesIn(e, B2)]

\* Sum(f) is the sum of the values f[x] for all x in DOMAIN f, for a
\* function f with natural-number values that are 0 except at finitely
\* many x.  A helper for the definitions below; not exported.
LOCAL Sum(f) ==
    LET \* Total[D] sums f over the subset D of its domain.
        Total[D \in SUBSET DOMAIN f] ==
            IF D = {} THEN 0
            ELSE LET x == CHOOSE y \in D : TRUE
                 IN  f[x] + Total[D \ {x}]
    IN  Total[DOMAIN f]

\* BagUnion(S) is the sum of all the bags in the set S of bags: the bag
\* analog of UNION S.  Each element has as many copies as in all the bags
\* of S together.
\*
\* Example: BagUnion({SetToBag({1}), SetToBag({1, 2})}) holds two 1s and
\*          one 2.
BagUnion(S) ==
    [e \in UNION {BagToSet(B) : B \in S} |->
        Sum([B \in S |-> CopiesIn(e, B)])]

\* B1 \sqsubseteq B2 is TRUE iff the bag B1 is contained in the bag B2:
\* B2 has at least as many copies of every element as B1.  It is the
\* \subseteq of bags.
\*
\* Example: SetToBag({1}) \sqsubseteq SetToBag({1}) (+) SetToBag({1, 2})
\*          is TRUE; SetToBag({1}) \sqsubseteq EmptyBag is FALSE.
B1 \sqsubseteq B2 ==
    \A e \in BagToSet(B1) : CopiesIn(e, B1) \leq CopiesIn(e, B2)

\* SubBag(B) is the set of all bags contained in the bag B (all A with
\* A \sqsubseteq B), including EmptyBag and B itself: the bag analog of
\* SUBSET.
\*
\* Example: SubBag(SetToBag({1}) (+) SetToBag({1})) is the set of the
\*          three bags with zero, one and two copies of 1.
\* TLC: evaluated from this definition; B must be finite.
SubBag(B) ==
    LET \* The bags with exactly the elements D that fit inside B.
        Within(D) == {A \in [D -> UNION {1 .. B[e] : e \in D}] :
                        \A e \in D : A[e] \leq B[e]}
    IN  UNION {Within(D) : D \in SUBSET BagToSet(B)}

\* BagOfAll(F, B) is the bag analog of {F(x) : x \in S}: the bag holding,
\* for each copy of an element e of the bag B, one copy of F(e).  F is an
\* operator of one argument, often a LAMBDA.
\*
\* Example: BagOfAll(LAMBDA x : x % 2, SetToBag({1, 2, 3})) holds two 1s
\*          and one 0.
BagOfAll(F(_), B) ==
    [v \in {F(e) : e \in BagToSet(B)} |->
        Sum([e \in {d \in BagToSet(B) : F(d) = v} |-> B[e]])]

\* BagCardinality(B) is the total number of copies of elements in the
\* finite bag B; it is unspecified when B has infinitely many elements.
\*
\* Example: BagCardinality(SetToBag({1, 2}) (+) SetToBag({2})) = 3.
BagCardinality(B) == Sum(B)
=============================================================================
