---- MODULE Grid ----
\* A grid whose states are each reached from two states of the level
\* before: with several workers the later one often finds a state first,
\* and the earlier one then takes it (the report must not tell).
EXTENDS Naturals
VARIABLES x, y
N == 30
Sum == x + y
Init == x = 0 /\ y = 0
IncX == x < N /\ x' = x + 1 /\ y' = y
IncY == y < N /\ y' = y + 1 /\ x' = x
Next == IncX \/ IncY
Inv == Sum <= 2 * N
====
