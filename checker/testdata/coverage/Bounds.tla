---- MODULE Bounds ----
EXTENDS Naturals
VARIABLES n, m
Init == n = 0 /\ m = 0
Start == n = 0 /\ n' = 1 /\ m' = m
Pair == \E a, b \in 0..n : a < b /\ m < 4 /\ m' = m + a + b /\ n' = n
Grow == \E i \in 1..n, j \in 0..m : n < 3 /\ n' = n + i /\ m' = j
Inv == \A a, b \in 0..n : [p, q \in 0..n |-> p + q][a, b] <= 2 * n
Next == Start \/ Pair \/ Grow
====
