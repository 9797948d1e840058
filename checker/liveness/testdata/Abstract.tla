---- MODULE Abstract ----
EXTENDS Naturals
VARIABLE y
Init == y = 0
Next == y' = 1 - y
Spec == Init /\ [][Next]_y /\ WF_y(Next)
====
