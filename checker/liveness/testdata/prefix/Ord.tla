---- MODULE Ord ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = x + 1
Spec == Init /\ [][Next]_x
Inv3 == x < 3
Inv4 == x < 4
NoTwo == [](x = 1 => [](x # 2))
====
