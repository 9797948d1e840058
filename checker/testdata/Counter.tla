---- MODULE Counter ----
EXTENDS Naturals
CONSTANT N
VARIABLES x, y

Init == x = 0 /\ y \in {0, 1}

Inc == x < N /\ x' = x + 1 /\ UNCHANGED y
Flip == y' = 1 - y /\ UNCHANGED x

Next == Inc \/ Flip

Inv == x < 3
====
