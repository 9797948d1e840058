---- MODULE Dl ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Step == x < 2 /\ x' = x + 1
Spec == Init /\ [][Step]_x
Fair == Spec /\ WF_x(Step)
NoTwo == [](x = 1 => [](x # 2))
====
