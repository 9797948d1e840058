---- MODULE Fc ----
EXTENDS Naturals
VARIABLES f, g
Init == /\ f = [x \in 1..3 |-> 0]
        /\ g = [x \in {} |-> 1]
Next == /\ f' = [x \in 1..3 |-> f[x] + 1]
        /\ f[1] < 3
        /\ g' = g
====
