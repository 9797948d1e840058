---- MODULE Sec ----
EXTENDS Naturals
VARIABLES a, b, c, d, e
Init == /\ a \in {1, 2, 3}
        /\ b \in 1..4
        /\ c = {}
        /\ d = {7}
        /\ e \in SUBSET {1, 2}
Next == UNCHANGED <<a, b, c, d, e>>
====
