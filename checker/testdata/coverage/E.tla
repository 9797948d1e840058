---- MODULE E ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
A == x < 3 /\ x' = x + 1 /\ UNCHANGED y
B == y < 2 /\ y' = y + 1 /\ x' = x
Next == A \/ B
====
