---- MODULE Quant ----
EXTENDS Naturals, FiniteSets
CONSTANT N
VARIABLES s, t
Init == s = {} /\ t \in {0, 1}
Add == \E i \in 1..N : i \notin s /\ s' = s \cup {i} /\ t' = t
Pick == \E i \in s, j \in 1..N : i < j /\ t' = i + j /\ UNCHANGED s
Step == /\ t' = (CASE t = 0 -> 1
                  [] t > 5 -> 0
                  [] OTHER -> t + 1)
        /\ s' = s
Cond == IF Cardinality(s) = N THEN s' = {} /\ t' = 0 ELSE UNCHANGED <<s, t>>
Next == Add \/ Pick \/ Step \/ Cond
====
