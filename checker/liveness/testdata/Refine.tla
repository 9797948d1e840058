---- MODULE Refine ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 4
Fair == Init /\ [][Next]_x /\ WF_x(Next)
Unfair == Init /\ [][Next]_x
A == INSTANCE Abstract WITH y <- x % 2
Refines == A!Spec
====
