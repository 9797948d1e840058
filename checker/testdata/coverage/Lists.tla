---- MODULE Lists ----
EXTENDS Naturals
VARIABLES x, y, z
vars == <<x, y, z>>
Init == /\ x = 0
        /\ y \in {0, 1}
        /\ z = "a"
A == /\ x < 3
     /\ x' = x + 1
     /\ UNCHANGED <<y, z>>
B == \/ /\ y = 0
        /\ y' = 1
        /\ UNCHANGED <<x, z>>
     \/ /\ y = 1
        /\ z' = IF x > 1 THEN "b" ELSE "c"
        /\ UNCHANGED vars
C == /\ z # "a"
     /\ z' = "a"
     /\ x' = x
     /\ UNCHANGED y
Next == A \/ B \/ C
====
