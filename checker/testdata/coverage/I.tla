---- MODULE I ----
EXTENDS Naturals
VARIABLES x, y
Init == x = 0 /\ y = 0
A == /\ x < 6
     /\ IF x < 2
           THEN /\ x' = x + 1
           ELSE /\ IF x < 4
                      THEN /\ x' = x + 2
                      ELSE /\ x' = x + 3
     /\ y' = y
B == /\ x < 6
     /\ IF x < 2 THEN x' = x + 1 ELSE x' = x + 2
     /\ y' = y + 1
Next == A \/ B
C == y < 3
====
