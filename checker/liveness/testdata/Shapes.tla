---- MODULE Shapes ----
EXTENDS Naturals
VARIABLES n, m
vars == <<n, m>>
Init == n = 0 /\ m = 0
\* n climbs to 3, then alternates between 2 and 3
Up == n < 3 /\ n' = n + 1 /\ m' = m
Down == n = 3 /\ n' = 2 /\ m' = m
Spec1 == Init /\ [][Up \/ Down]_vars
Spec2 == Init /\ [][Up \/ Down]_vars /\ WF_vars(Up) /\ WF_vars(Down)
ReachFive == <>(n = 5)
InfOftenZero == []<>(n = 0)
StableTwo == <>[](n = 2)
====
