---- MODULE Adj ----
\* Filters {y \in S : <<a, ..., y>> \in E} over an enumerated S of three
\* elements or more and a set E of 8 tuples or more, which tlals decides by
\* searching E's run of tuples that start with a, ... (adjacency); with
\* coverage each must count as the filter tested element by element: an
\* operator's argument in the prefix (counted at its first use in a call,
\* and at each use under a prime), a constant (kept) and a state-level E
\* (kept for the state), \notin, a prefix of two, an E too small to search,
\* and an IF in each prefix, so that the report shows each branch's count.
EXTENDS Naturals, FiniteSets
VARIABLES v, n
V == {0, 1, 2, 3, 4, 5}
E == {<<i, j>> \in V \X V : j = i + 1 \/ j = i + 2}
T == {<<a, b, c>> : a \in 0..3, b \in 1..4, c \in 1..5}
Start == CHOOSE s \in V : \A t \in V : s <= t
Live == {e \in E : e[1] # n}
Small == {<<0, 1>>, <<1, 2>>, <<2, 4>>}
Succ(x) == {y \in V : <<IF x > 2 THEN x ELSE x + 0, y>> \in E}
NotSucc(x) == {y \in V : <<x, y>> \notin E}
Three(x) == {y \in {1, 3, 5} : <<x, IF x > 1 THEN 1 ELSE x + 1, y>> \in T}
Init == v = Start /\ n = 0
Step == /\ n < 5
        /\ \E x \in Succ(v) \cup {y \in V : <<Start, y>> \in Live} :
             /\ v' = x
             /\ n' = n + 1
        /\ Cardinality(Succ(v')) < 3
Skip == /\ n < 5
        /\ Cardinality(NotSucc(v)) > Cardinality(Three(v))
        /\ {y \in V : <<v, y>> \in Small} # {}
        /\ v' = 0
        /\ n' = n + 2
Next == Step \/ Skip
Inv == Cardinality(Succ(v) \cup Three(n)) >= 0
====
