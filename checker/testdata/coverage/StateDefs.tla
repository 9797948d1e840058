---------------------------- MODULE StateDefs ----------------------------
\* State-level definitions used many times in a state (the checker keeps
\* their values for the state): an operator, a set filter, a function
\* definition, a recursive one, and one used under a prime.
EXTENDS Naturals, FiniteSets
VARIABLES x, y

Sum == x + y
Big == {i \in 0..x : i > y}
Sq[i \in 0..3] == i * x
Fact[n \in 0..3] == IF n = 0 THEN 1 ELSE n * Fact[n - 1]

Init == x = 0 /\ y = 0

IncX == /\ x < 3
        /\ Sum < 5
        /\ Sq[x] < 9 /\ Sq[x] >= 0
        /\ x' = x + 1
        /\ y' = y

IncY == /\ y < 2
        /\ Sum < 5
        /\ Sq[y] + Sq[x] >= Fact[y]
        /\ Cardinality(Big) <= 3
        /\ y' = y + 1
        /\ x' = x

Reset == /\ Sum = 4
         /\ x' = 0
         /\ y' = 0
         /\ Sum' < Sum

Next == IncX \/ IncY \/ Reset

Inv == /\ Sum <= 5
       /\ Fact[x] >= 1 /\ Fact[x] + Fact[y] >= 2
       /\ Big \subseteq 0..3
       /\ \A i \in Big : i > y /\ Sq[i] >= 0
=============================================================================
