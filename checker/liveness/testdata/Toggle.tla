---- MODULE Toggle ----
EXTENDS Naturals
VARIABLES x, y
vars == <<x, y>>
Init == x = 0 /\ y = FALSE
A == x' = 1 - x /\ UNCHANGED y
B == x = 1 /\ ~y /\ y' = TRUE /\ UNCHANGED x
Next == A \/ B
WFSpec == Init /\ [][Next]_vars /\ WF_vars(A) /\ WF_vars(B)
SFSpec == Init /\ [][Next]_vars /\ WF_vars(A) /\ SF_vars(B)
EventuallyY == <>y
====
