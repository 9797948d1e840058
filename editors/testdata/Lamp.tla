---- MODULE Lamp ----
\* A lamp with a dimmer. Blow is never enabled: the level never passes 3.
EXTENDS Naturals
VARIABLES on, level
Init == on = FALSE /\ level = 0
Switch == on' = ~on /\ UNCHANGED level
Dim == on /\ level < 3 /\ level' = level + 1 /\ UNCHANGED on
Reset == ~on /\ level > 0 /\ level' = 0 /\ UNCHANGED on
Blow == level > 3 /\ on' = FALSE /\ UNCHANGED level
Next == Switch \/ Dim \/ Reset \/ Blow
====
