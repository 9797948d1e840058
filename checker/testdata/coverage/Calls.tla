---- MODULE Calls ----
EXTENDS Naturals
VARIABLES x, y
Small(v) == v < 4
Bump(v) == v + 1
Move(v) == Small(v) /\ x' = Bump(v)
Init == x = 0 /\ y = 0
Go == Move(x) /\ y' = y
Other == LET d == x + y
             e == d * 2
         IN /\ d < 5
            /\ e # 100
            /\ y' = (y + 1) % 3
            /\ x' = x
Next == Go \/ Other
====
