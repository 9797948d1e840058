---- MODULE SymLive ----
EXTENDS TLC
CONSTANT Procs
VARIABLE pc
Init == pc = [p \in Procs |-> "a"]
Step(p) == pc[p] = "a" /\ pc' = [pc EXCEPT ![p] = "Done"]
Next == \E p \in Procs : Step(p)
Spec == Init /\ [][Next]_pc /\ \A p \in Procs : WF_pc(Step(p))
Perms == Permutations(Procs)
Termination == <>(\A p \in Procs : pc[p] = "Done")
NoneDone == \A p \in Procs : pc[p] = "a"
====
