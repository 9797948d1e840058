---- MODULE Procs ----
CONSTANT Procs
VARIABLE pc
ProcSet == Procs
Init == pc = [p \in Procs |-> "a"]
Step(p) == pc[p] = "a" /\ pc' = [pc EXCEPT ![p] = "Done"]
Next == \E p \in Procs : Step(p)
Fair == \A p \in Procs : WF_pc(Step(p))
Spec == Init /\ [][Next]_pc /\ Fair
OneFair == Init /\ [][Next]_pc /\ WF_pc(Step(1))
Unfair == Init /\ [][Next]_pc
Termination == <>(\A self \in ProcSet : pc[self] = "Done")
Done(p) == pc[p] = "Done"
EachDone == \A p \in Procs : []<>Done(p)
====
