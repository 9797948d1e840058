---------------------------- MODULE Broken ----------------------------
\* a comment that the grammar colours
EXTENDS Naturals
VARIABLE x, msg
Init == x = 0 /\ msg = "hello"
Next == x' = x + undefinedThing /\ UNCHANGED msg
TypeOK ==
    /\ x \in Nat
    /\ msg \in STRING
=========================================================================
