---------------------------- MODULE DoubleUpload ----------------------------
(***************************************************************************)
(* Workers take upload jobs from a shared queue. A worker peeks at the     *)
(* head of the queue, copies the upload into storage, and only then        *)
(* removes the job. Two workers can therefore peek at the same job and     *)
(* store the same upload twice: the invariant StoredAtMostOnce breaks.     *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS Workers, Uploads, None   \* None: a model value that is no upload

VARIABLES queue,   \* jobs not yet finished, oldest first
          taken,   \* taken[w]: the upload worker w is copying, or None
          stored   \* stored[u]: how many copies of upload u are in storage

vars == <<queue, taken, stored>>


Init == /\ queue = <<>>
        /\ taken = [w \in Workers |-> None]
        /\ stored = [u \in Uploads |-> 0]

\* A user uploads u: a job for it joins the queue.
Enqueue(u) == /\ u \notin {queue[i] : i \in DOMAIN queue}
              /\ stored[u] = 0
              /\ queue' = Append(queue, u)
              /\ UNCHANGED <<taken, stored>>

\* Worker w looks at the oldest job without removing it.
Peek(w) == /\ taken[w] = None
           /\ queue /= <<>>
           /\ taken' = [taken EXCEPT ![w] = Head(queue)]
           /\ UNCHANGED <<queue, stored>>

\* Worker w stores its upload and removes the job it peeked at.
Finish(w) == /\ taken[w] /= None
             /\ stored' = [stored EXCEPT ![taken[w]] = @ + 1]
             /\ queue' = IF queue /= <<>> /\ Head(queue) = taken[w]
                           THEN Tail(queue) ELSE queue
             /\ taken' = [taken EXCEPT ![w] = None]

Next == \/ \E u \in Uploads : Enqueue(u)
        \/ \E w \in Workers : Peek(w) \/ Finish(w)

Spec == Init /\ [][Next]_vars

TypeOK == /\ \A u \in Uploads : stored[u] \in Nat
          /\ \A w \in Workers : taken[w] \in Uploads \cup {None}

StoredAtMostOnce == \A u \in Uploads : stored[u] <= 1
=============================================================================
