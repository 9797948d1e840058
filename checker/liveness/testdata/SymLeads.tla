---- MODULE SymLeads ----
EXTENDS Naturals, TLC
CONSTANTS p, q
P == {p, q}
VARIABLE st
Init == st = [e \in P |-> 0]
Step(e) == st' = [st EXCEPT ![e] = (@ + 1) % 3]
Next == \E e \in P : Step(e)
Spec == Init /\ [][Next]_st /\ WF_st(Next)
Second == CHOOSE e \in P : e # (CHOOSE f \in P : TRUE)
Back == (st[Second] = 1) ~> (st[Second] = 0)
Sym == Permutations(P)
====
