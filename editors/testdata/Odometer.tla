---- MODULE Odometer ----
\* Each kilometre adds a random digit to the trip code: 10^k states at depth
\* k, far beyond the editor's background budget. Limit fails only at km = 40.
EXTENDS Naturals
VARIABLES km, code
Init == km = 0 /\ code = 0
Drive == km' = km + 1 /\ \E d \in 0..9 : code' = (code * 10 + d) % 999983
Next == Drive
Limit == km < 40
====
