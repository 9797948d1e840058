---- MODULE S ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y \in {0, 1}
Inc == x < 20 /\ x' = x + 1 /\ y' = y
Flip == y' = 1 - y /\ x' = x
Never == x > 100 /\ x' = 0 /\ y' = y
Recv(i) == i = 7 /\ x > 100 /\ UNCHANGED <<x, y>>
Next == Inc \/ Flip \/ Never \/ \E i \in 1..3 : Recv(i)
====
