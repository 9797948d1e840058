---- MODULE Spill ----
EXTENDS Naturals, Sequences, FiniteSets
CONSTANTS N, Procs
VARIABLES x, y, s, q, r
Init == x = 0 /\ y = 0 /\ s = {} /\ q = <<>> /\ r = [p \in Procs |-> "idle"]
IncX == x < N /\ x' = x + 1 /\ UNCHANGED <<y, s, q, r>>
IncY == y < N /\ y' = (y + x) % (N + 1) /\ UNCHANGED <<x, s, q, r>>
Add == \E p \in Procs : p \notin s /\ s' = s \cup {p} /\ r' = [r EXCEPT ![p] = "busy"] /\ UNCHANGED <<x, y, q>>
Push == Len(q) < 3 /\ q' = Append(q, x) /\ UNCHANGED <<x, y, s, r>>
Pop == q /= <<>> /\ q' = Tail(q) /\ s' = {} /\ r' = [p \in Procs |-> "idle"] /\ UNCHANGED <<x, y>>
Next == IncX \/ IncY \/ Add \/ Push \/ Pop
Inv == ~(x = N /\ y = 3 /\ Cardinality(s) = 2 /\ Len(q) = 3 /\ q[1] = 2)
====
