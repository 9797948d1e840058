----------------------------- MODULE Uploader2_translated -----------------------------
(* The second design: workers check that an upload still exists before they
   copy it. With one worker the content converges to the uploads; with two,
   edits race and an older version can overwrite a newer one. *)
EXTENDS Sequences, Integers, TLC

CONSTANTS Users, Workers, NULL, MaxId, MaxVersion

(* --algorithm uploader
variables
  uploads = {};
  content = {};
  queue = <<>>;
  next_id = 1;

define
  ExistsUploadWith(id) == \E u \in uploads : u.id = id
  ExistsContentWith(id) == \E c \in content : c.id = id
  UploadWith(id) == CHOOSE u \in uploads : u.id = id
  ContentWith(id) == CHOOSE c \in content : c.id = id
  Idle == queue = <<>> /\ \A w \in Workers : pc[w] = "Receive"
  ConsistentWhenIdle == Idle => content = uploads
  Converges == <>[](content = uploads)
end define;

macro send_msg(id, action) begin
  queue := Append(queue, [id |-> id, action |-> action]);
end macro;

process user \in Users
begin
  User:
    while TRUE do
      either
        await next_id <= MaxId;
        with create = [from |-> self, version |-> 1, id |-> next_id] do
          uploads := uploads \union {create};
          send_msg(create.id, "create");
          next_id := next_id + 1;
        end with;
      or
        with upload \in {u \in uploads : u.from = self /\ u.version < MaxVersion},
             edit = [from |-> upload.from, id |-> upload.id,
                     version |-> upload.version + 1] do
          uploads := (uploads \ {upload}) \union {edit};
          send_msg(edit.id, "edit");
        end with;
      or
        with delete \in {u \in uploads : u.from = self} do
          uploads := uploads \ {delete};
          send_msg(delete.id, "delete");
        end with;
      end either;
    end while;
end process;

fair process worker \in Workers
variables msg = NULL, local = NULL;
begin
  Receive:
    while TRUE do
      await queue /= <<>>;
      msg := Head(queue);
      queue := Tail(queue);
      if msg.action = "create" then
        Create:
          if ExistsUploadWith(msg.id) then
            content := content \union {UploadWith(msg.id)};
          end if;
      elsif msg.action = "edit" then
        Edit:
          if ExistsUploadWith(msg.id) then
            local := UploadWith(msg.id);
            if ExistsContentWith(msg.id) then
              content := content \ {ContentWith(msg.id)};
            end if;
          end if;
        PushEdit:
          if local /= NULL then
            content := content \union {local};
            local := NULL;
          end if;
      elsif msg.action = "delete" then
        Delete:
          if ExistsContentWith(msg.id) then
            content := content \ {ContentWith(msg.id)};
          end if;
      end if;
    end while;
end process;
end algorithm; *)
\* Hand translation of the algorithm above for the checker's tests (the
\* PlusCal translator is a separate issue), following the translator's naming.
\* BEGIN TRANSLATION
VARIABLES uploads, content, queue, next_id, pc

(* define statement *)
UploadWith(id) == CHOOSE u \in uploads : u.id = id
ContentWith(id) == CHOOSE c \in content : c.id = id
ExistsUploadWith(id) == \E u \in uploads : u.id = id
ExistsContentWith(id) == \E c \in content : c.id = id
Idle == queue = <<>> /\ \A w \in Workers : pc[w] = "Receive"
ConsistentWhenIdle == Idle => content = uploads
Converges == <>[](content = uploads)

VARIABLES msg, local

vars == << uploads, content, queue, next_id, pc, msg, local >>

ProcSet == (Users) \cup (Workers)

Init == (* Global variables *)
        /\ uploads = {}
        /\ content = {}
        /\ queue = <<>>
        /\ next_id = 1
        (* Process worker *)
        /\ msg = [self \in Workers |-> NULL]
        /\ local = [self \in Workers |-> NULL]
        /\ pc = [self \in ProcSet |-> CASE self \in Users -> "User"
                                        [] self \in Workers -> "Receive"]

User(self) == /\ pc[self] = "User"
              /\ \/ /\ next_id <= MaxId
                    /\ LET create == [from |-> self, version |-> 1, id |-> next_id] IN
                         /\ uploads' = (uploads \union {create})
                         /\ queue' = Append(queue, [id |-> create.id, action |-> "create"])
                         /\ next_id' = next_id + 1
                 \/ /\ \E upload \in {u \in uploads : u.from = self /\ u.version < MaxVersion}:
                         LET edit == [from |-> upload.from, id |-> upload.id,
                                      version |-> upload.version + 1] IN
                           /\ uploads' = ((uploads \ {upload}) \union {edit})
                           /\ queue' = Append(queue, [id |-> edit.id, action |-> "edit"])
                    /\ UNCHANGED next_id
                 \/ /\ \E delete \in {u \in uploads : u.from = self}:
                         /\ uploads' = uploads \ {delete}
                         /\ queue' = Append(queue, [id |-> delete.id, action |-> "delete"])
                    /\ UNCHANGED next_id
              /\ pc' = [pc EXCEPT ![self] = "User"]
              /\ UNCHANGED << content, msg, local >>

user(self) == User(self)

Receive(self) == /\ pc[self] = "Receive"
                 /\ queue /= <<>>
                 /\ msg' = [msg EXCEPT ![self] = Head(queue)]
                 /\ queue' = Tail(queue)
                 /\ IF msg'[self].action = "create"
                       THEN /\ pc' = [pc EXCEPT ![self] = "Create"]
                       ELSE /\ IF msg'[self].action = "edit"
                                  THEN /\ pc' = [pc EXCEPT ![self] = "Edit"]
                                  ELSE /\ IF msg'[self].action = "delete"
                                             THEN /\ pc' = [pc EXCEPT ![self] = "Delete"]
                                             ELSE /\ pc' = [pc EXCEPT ![self] = "Receive"]
                 /\ UNCHANGED << uploads, content, next_id, local >>

Create(self) == /\ pc[self] = "Create"
                /\ IF ExistsUploadWith(msg[self].id)
                      THEN /\ content' = (content \union {UploadWith(msg[self].id)})
                      ELSE /\ TRUE
                           /\ UNCHANGED content
                /\ pc' = [pc EXCEPT ![self] = "Receive"]
                /\ UNCHANGED << uploads, queue, next_id, msg, local >>

Edit(self) == /\ pc[self] = "Edit"
              /\ IF ExistsUploadWith(msg[self].id)
                    THEN /\ local' = [local EXCEPT ![self] = UploadWith(msg[self].id)]
                         /\ IF ExistsContentWith(msg[self].id)
                               THEN /\ content' = content \ {ContentWith(msg[self].id)}
                               ELSE /\ TRUE
                                    /\ UNCHANGED content
                    ELSE /\ TRUE
                         /\ UNCHANGED << content, local >>
              /\ pc' = [pc EXCEPT ![self] = "PushEdit"]
              /\ UNCHANGED << uploads, queue, next_id, msg >>

PushEdit(self) == /\ pc[self] = "PushEdit"
                  /\ IF local[self] /= NULL
                        THEN /\ content' = (content \union {local[self]})
                             /\ local' = [local EXCEPT ![self] = NULL]
                        ELSE /\ TRUE
                             /\ UNCHANGED << content, local >>
                  /\ pc' = [pc EXCEPT ![self] = "Receive"]
                  /\ UNCHANGED << uploads, queue, next_id, msg >>

Delete(self) == /\ pc[self] = "Delete"
                /\ IF ExistsContentWith(msg[self].id)
                      THEN /\ content' = content \ {ContentWith(msg[self].id)}
                      ELSE /\ TRUE
                           /\ UNCHANGED content
                /\ pc' = [pc EXCEPT ![self] = "Receive"]
                /\ UNCHANGED << uploads, queue, next_id, msg, local >>

worker(self) == Receive(self) \/ Create(self) \/ Edit(self) \/ PushEdit(self)
                   \/ Delete(self)

Next == (\E self \in Users: user(self))
           \/ (\E self \in Workers: worker(self))

Spec == /\ Init /\ [][Next]_vars
        /\ \A self \in Workers : WF_vars(worker(self))

\* END TRANSLATION
=============================================================================
