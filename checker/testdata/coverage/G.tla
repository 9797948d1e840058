---- MODULE G ----
EXTENDS Naturals
VARIABLES x, y
Small(v) == v < 4
Init == x = 0 /\ y = 0
Go == Small(x) /\ x' = x + 1 /\ y' = y
Next == Go
====
