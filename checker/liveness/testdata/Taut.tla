---- MODULE Taut ----
EXTENDS Naturals
VARIABLE i
Init == i = 1
Next == i' = (i + 1) % 3
Spec == Init /\ [][Next]_i
FSpec == Spec /\ WF_i(Next)
OrTrue == <>(i = 0) \/ TRUE
Fails == <>(i = 5)
EmptyAll == \A x \in {} : <>(i = x)
EvTrue == <>TRUE
ImpliesTrue == <>[]TRUE => TRUE
AlwaysOr == [](TRUE \/ <>(i = 0))
NotFalse == ~(FALSE /\ []<>(i = 2))
SameState == (i = i) ~> (i = i)
====
