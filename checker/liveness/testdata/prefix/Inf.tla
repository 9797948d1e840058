---- MODULE Inf ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = x + 2
Spec == Init /\ [][Next]_x
Once == [](x >= 2 => [](x >= 4))
====
