---- MODULE SymLasso ----
EXTENDS Naturals, TLC
CONSTANTS p, q
P == {p, q}
VARIABLES x, n
vars == <<x, n>>
Other == CHOOSE e \in P : e # x
Init == x \in P /\ n = 0
Step == n < 2 /\ n' = n + 1 /\ x' = x
Flip == n = 2 /\ n' = 0 /\ x' = Other
Spec == Init /\ [][Step \/ Flip]_vars /\ WF_vars(Step \/ Flip)
KeepsX == <>[][x' = x]_vars
Sym == Permutations(P)
====
