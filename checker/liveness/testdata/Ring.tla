---- MODULE Ring ----
EXTENDS Naturals
VARIABLES n
Init == n = 0
Next == n' = (n + 1) % 3
Spec == Init /\ [][Next]_n /\ WF_n(Next)
T2 == <>[](n = 1) \/ []<>(n = 5)
T3 == []<>(n = 1) => <>[](n = 2)
T4 == <>([](n # 5) /\ <>(n = 7))
====
