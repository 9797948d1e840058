---- MODULE Wrapper ----
EXTENDS Naturals
VARIABLE x
C == INSTANCE LiveCounter
Spec == C!Init /\ [][C!Next]_x /\ WF_x(C!Next)
Prop == C!Reaches3 /\ C!Stays
====
