---- MODULE Counter2 ----
EXTENDS Naturals
(* --algorithm Counter2
variables total = 0;
process Worker \in 1..2
variables i = 0;
begin
Loop:
  while i < 2 do
    Add:
      total := total + 1;
      i := i + 1;
  end while;
end process;
end algorithm; *)
\* BEGIN TRANSLATION (chksum(pcal) = "6cdc824b" /\ chksum(tla) = "1a35a183")
VARIABLES pc, total, i

vars == << pc, total, i >>

ProcSet == (1..2)

Init == (* Global variables *)
        /\ total = 0
        (* Process Worker *)
        /\ i = [self \in 1..2 |-> 0]
        /\ pc = [self \in ProcSet |-> "Loop"]

Loop(self) == /\ pc[self] = "Loop"
              /\ IF i[self] < 2
                    THEN /\ pc' = [pc EXCEPT ![self] = "Add"]
                    ELSE /\ pc' = [pc EXCEPT ![self] = "Done"]
              /\ UNCHANGED << total, i >>

Add(self) == /\ pc[self] = "Add"
             /\ total' = total + 1
             /\ i' = [i EXCEPT ![self] = i[self] + 1]
             /\ pc' = [pc EXCEPT ![self] = "Loop"]

Worker(self) == Loop(self) \/ Add(self)

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == /\ \A self \in ProcSet: pc[self] = "Done"
               /\ UNCHANGED vars

Next == (\E self \in 1..2: Worker(self))
           \/ Terminating

Spec == Init /\ [][Next]_vars

Termination == <>(\A self \in ProcSet: pc[self] = "Done")

\* END TRANSLATION 
====
