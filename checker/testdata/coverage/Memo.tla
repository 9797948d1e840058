---- MODULE Memo ----
\* Constant-level operators called with the same arguments in many states
\* (the checker keeps their results, with the counts of their computation):
\* a recursive one, one that builds a set, one that quantifies, one called
\* in a primed expression and with its own argument's value.
EXTENDS Naturals, FiniteSets
VARIABLES x, y
RECURSIVE SumTo(_)
SumTo(n) == IF n = 0 THEN 0 ELSE n + SumTo(n - 1)
Evens(n) == {i \in 0..n : i % 2 = 0}
Half(n) == \E i \in 0..n : i * 2 = n
Init == x = 0 /\ y = 0
IncX == /\ x < 4
        /\ SumTo(x) < 20
        /\ x' = x + 1
        /\ y' = y
IncY == /\ y < 3
        /\ Cardinality(Evens(x)) >= 1
        /\ y' = y + 1
        /\ x' = x
Reset == /\ x = 4
         /\ Half(x + y - 3)
         /\ x' = 0
         /\ y' = y
         /\ SumTo(x') = 0
Next == IncX \/ IncY \/ Reset
Inv == /\ SumTo(x) + SumTo(y) >= 0
       /\ Cardinality(Evens(y)) <= 3
       /\ Half(2 * y)
====
